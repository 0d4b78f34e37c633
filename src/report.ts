/** The report (output) contract: plain JSON, amounts as plain decimal strings (never exponent notation). */
import type { Reason, Step, Warning } from "./explanation";
import type { BandKind, Confidence, SourceRef } from "./law";
import type { ConditionStatus, PartnerMethod } from "./partnership";
import type { PartnershipKey } from "./scenario";

export interface AssetReport {
  id: string;
  description?: string;
  category: string;
  amount: string;
  group?: string;
  /** with an exemption (besluit 5): the market value that counts in the year's total */
  marketValue?: string;
  /** besluit 5.1.3: not counted (no exemption claimed), but its market value joins the year's total */
  addedToTotal?: string;
  /** a herinvesterings- or herbestedingsreserve booked on it; without the besluit 4.2 declaration it lowers the amount */
  reinvestmentReserve?: { amount: string; kind: "hir" | "herbesteding"; declaration: boolean };
  /** qualifies for KIA: category, group and € 450 test, or the user's override */
  eligible: boolean;
  /** counts in this year's total (eligible, not excluded by art. 3.46 or by the calamity approval) */
  counted: boolean;
  countedAmount: string;
  /** this asset's part of the year's KIA (amount x effective rate), in cents */
  kiaAttributed: string;
  override?: { eligible: boolean; reason: string };
  reasons: Reason[];
}

export interface CalamityReport {
  /** the approval is used for at least one lost asset */
  applied: boolean;
  /** who decided: the taxpayer ("approval" given), the core ("best": the higher net result), or nobody (not available) */
  choice: "taxpayer" | "best" | "unavailable";
  excluded: string[];
  kiaWithout: string;
  kiaWith: string;
  kiaWithoutExact: string;
  kiaWithExact: string;
  totalWithout: string;
  totalWith: string;
  /**
   * exact disinvestment addition of this year without / with the approval: every disposal of the year (the
   * insurance money of a lost asset adds only without the approval; other disposals add the same in both, but
   * can cross the threshold together with it)
   */
  additionWithoutExact: string;
  additionWithExact: string;
  /** KIA minus that addition */
  netWithoutExact: string;
  netWithExact: string;
  /** net with minus net without */
  differenceExact: string;
  items: {
    /** the lost asset's first row */
    id: string;
    /** a lost asset of several rows: its group and every row (all left out together) */
    group?: string;
    rows?: string[];
    replacedBy: string;
    available: boolean;
    applied: boolean;
    conditions: { code: string; text: string; met: boolean }[];
  }[];
  ref: string;
  /**
   * in a partnership: each partner's KIA and disinvestment addition without and with the approval, and the choice he
   * would make alone (each partner is a taxpayer; whether he may choose alone is an open question)
   */
  partners?: {
    name: string;
    kiaWithoutExact: string;
    kiaWithExact: string;
    additionWithoutExact: string;
    additionWithExact: string;
    netWithoutExact: string;
    netWithExact: string;
    prefers: "with" | "without";
  }[];
}

export interface PartnerReport {
  name: string;
  legalForm?: string;
  /** share by the key applied (profit, capital, ...) */
  share: string;
  /** the investments his KIA follows: his share of the partnership's investments plus his own */
  part: string;
  method: PartnerMethod;
  kia: string;
  kiaExact: string;
  deductibleThisYear: string;
  deductibleThisYearExact: string;
  carriedForward: string;
  carriedForwardExact: string;
  ownAssetsInPartnership?: string;
  /** before 2021 with own investments: the total on which his row of the table was found */
  combinedTotal?: string;
  outsideTotal?: string;
  outsideKia?: string;
  outsideKiaExact?: string;
  /** the partner's note (e.g. a BV of his, whose investments do not count) */
  note?: string;
  /** art. 3.47 for this partner at the level the scenario chose (partnership.disinvestmentLevel, default per partner) */
  disinvestment?: string;
  disinvestmentExact?: string;
  /** his share of the disposal prices that count for the threshold */
  disinvestmentPrices?: string;
  /** the other reading, when it gives another amount */
  disinvestmentOtherLevel?: { level: "partner" | "partnership"; amount: string; amountExact: string };
}

export interface PartnershipReport {
  keyRequested: PartnershipKey;
  keyApplied: PartnershipKey;
  perEnterprise: boolean;
  conditions: { code: string; text: string; status: ConditionStatus }[];
  ref: string;
  allocationRef: string;
}

export interface DisinvestmentReport {
  /** the year's addition: the exact sum rounded once, down */
  total: string;
  totalExact: string;
  /** the disposal prices the threshold is tested on */
  disposalsTotal: string;
  threshold: string;
  applies: boolean;
  /** in a partnership: the level the partners' additions (partners[].disinvestment) follow; the fields above are the partnership's */
  level?: "partner" | "partnership";
  items: {
    id: string;
    description?: string;
    investment?: string;
    price: string;
    /** this disposal's addition (0 when the threshold is not exceeded or it does not count) */
    amountExact: string;
    /** the same in cents (down), for display; the year's total is rounded from the exact sum */
    amount: string;
    base: string;
    rate: string;
    inWindow: boolean;
    hadDeduction: boolean;
    counted: boolean;
    investmentYear: number;
    /** where the investment's figures come from (a register of an earlier year), when the scenario says */
    source?: string;
  }[];
}

/** Whole-euro and exact figures of a part of earlier years' KIA: what is deductible this year and what stays open. */
export interface CarriedFigures {
  deductible: string;
  deductibleExact: string;
  open: string;
  openExact: string;
}

/** Art. 3.44: the KIA of earlier years that was carried forward, this year (scenario carriedIn). */
export interface CarriedInReport extends CarriedFigures {
  years: (CarriedFigures & {
    year: number;
    source?: string;
    /** the whole-euro part open at the start of this year */
    openBefore: string;
    assets: {
      asset: string;
      description?: string;
      /** the asset's investment amount, when the scenario gives it */
      amount?: string;
      openBefore: string;
      /** paid this year (paid by this year end minus paid before) */
      paidThisYear: string;
      /** paid by the end of this year, for the next year's register */
      paid: string;
      inUse: boolean;
      /** "in-use": all of it (taken into use); "paid": as far as paid this year; "open": nothing paid, not in use */
      basis: "in-use" | "paid" | "open";
      /** how the payment or use is known: this year's ledger or the user */
      from?: "ledger" | "user";
      deductibleExact: string;
      openExact: string;
      partners?: { name: string; share: string; openBefore: string; deductibleExact: string; openExact: string }[];
    }[];
    partners?: (CarriedFigures & { name: string; openBefore: string })[];
  })[];
  /** per partner over all years */
  partners?: (CarriedFigures & { name: string })[];
  /** this year's own deductible KIA plus the part of earlier years */
  totalDeductible: string;
  totalDeductibleExact: string;
  ref: string;
}

export interface Report {
  year: number;
  exact: boolean;
  description?: string;
  total: string;
  kia: string;
  kiaExact: string;
  band: BandKind;
  rate: string;
  /** with exempted related-party assets at market value (besluit 5): the table's KIA on the total, before the KIA follows the obligations */
  tableKia?: string;
  tableKiaExact?: string;
  deductionBase?: string;
  assets: AssetReport[];
  calamity?: CalamityReport;
  partners?: PartnerReport[];
  partnership?: PartnershipReport;
  deductibleThisYear: string;
  deductibleThisYearExact: string;
  carriedForward: string;
  carriedForwardExact: string;
  payment?: {
    items: {
      asset: string;
      ids: string[];
      attributed: string;
      paid: string;
      carriedForward: string;
      /** in a partnership: each partner's part carried forward of this asset (his figures add up to his carriedForwardExact) */
      partners?: { name: string; carriedForward: string }[];
    }[];
  };
  disinvestment?: DisinvestmentReport;
  /** KIA of earlier years carried forward under art. 3.44: deductible this year, and what stays open */
  carriedIn?: CarriedInReport;
  /** besluit 4.2/4.3: whether the declaration is made for the reserves booked on assets, and what the other choice gives */
  reinvestmentReserve?: { declaration: boolean; other: { declaration: boolean; total: string; kia: string; kiaExact: string } };
  warnings: Warning[];
  explanation: Step[];
  parameters: {
    year: number;
    confidence: Confidence;
    confidenceDetail: string;
    sources: SourceRef[];
    notes: string;
    /** contradicting or erroneous sources for this year's amounts (Dutch), empty when none */
    contradictions: string;
    bands: string[];
    minAssetAmount: string;
    rounding: string;
    references: { label: string; bwb: string | null; url: string }[];
  };
}
