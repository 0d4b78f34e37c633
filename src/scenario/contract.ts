/**
 * The scenario contract: the input as plain JSON (Scenario and its rows; amounts are numbers or decimal strings), the
 * normalized scenario validation hands to the calculation (exact Decimals), and what validateRows answers.
 */
import type { Decimal } from "../decimal";
import type { ValidationCode } from "../errors";
import type { CategoryData } from "../law";

export type Amount = number | string;
export type PartnershipKey = "profit" | "capital" | "reserves" | "equal";

export interface ScenarioInvestment {
  id: string | number;
  description?: string;
  category: string;
  amount: Amount;
  /** default true: the amount is excl. VAT; false: VAT is not deductible and the amount includes it */
  vatDeductible?: boolean;
  /** rows with the same group form one asset (besluit onderdeel 2.2): € 450 test, verdict, payment criterion */
  group?: string;
  /** obligation with a related party as meant in art. 3.46 */
  relatedParty?: boolean;
  /** exemption (ontheffing) granted under art. 3.46 lid 2 and besluit onderdeel 5 */
  exemption?: boolean;
  /** with an exemption: the value in the economic sense (waarde in het economische verkeer) when it differs from the obligation */
  marketValue?: Amount;
  /**
   * a related-party obligation without an exemption claimed for which one could be obtained (besluit 5.1.3): where any
   * exemption is claimed this year, its market value (marketValue, else the amount) joins the year's total, not the
   * deduction base. Omitted while exemptions are claimed: a warning asks
   */
  exemptionPossible?: boolean;
  /**
   * a herinvesteringsreserve (art. 3.54 Wet IB 2001) or herbestedingsreserve (art. 12 Wet Vpb 1969, besluit 4.3)
   * booked on this asset: by default (HR 24-12-1975, nr. 17 795) it lowers the investment amount; with the
   * declaration of besluit 4.2 (bijlage 1) the cost before the reserve counts
   */
  reinvestmentReserve?: { amount: Amount; kind?: "hir" | "herbesteding"; declaration?: boolean };
  /** paid by year end (art. 3.44); default: the full amount */
  paid?: Amount;
  /** in use by year end; default true */
  inUse?: boolean;
  /** lost by a calamity and replaced in the same year (besluit onderdeel 4.4); approval omitted: the core chooses */
  lostByCalamity?: { replacedBy: string | number; approval?: boolean };
  /** EIA or MIA is claimed on this asset */
  eiaMia?: boolean;
  /** a manual classification by the user, always with a written reason */
  override?: { eligible: boolean; reason: string };
  /** date of the obligation (art. 3.43), ISO yyyy-mm-dd */
  date?: string;
}

export interface ScenarioPartner {
  name: string;
  legalForm?: string;
  profit?: Amount;
  capital?: Amount;
  reserves?: Amount;
  /**
   * this year's investments of the partner's own IB enterprise (an eenmanszaak of the partner himself). Never a BV:
   * a BV of the partner is another taxpayer (Vpb) whose investments never join his KIA (put them in `note`)
   */
  outsideInvestments?: Amount;
  /** the partner's own assets used in the partnership's business (buitenvennootschappelijk vermogen) invested this year */
  ownAssetsInPartnership?: Amount;
  /** free text shown with the partner (e.g. the investments of his own BV, which do not count here) */
  note?: string;
}

export type DisinvestmentLevel = "partner" | "partnership";

export interface ScenarioPartnership {
  key?: string;
  partners: ScenarioPartner[];
  /** condition f: a joint, signed request for the agreed key was (or will be) filed */
  jointRequest?: boolean;
  /** condition c: the key is applied to every form of investment deduction (KIA, EIA and MIA alike) */
  allDeductions?: boolean;
  /** condition e: a later disinvestment addition is divided by the same key */
  sameForDisinvestment?: boolean;
  /**
   * art. 3.47 in a partnership: per partner (default: his share of the disposal prices against the threshold, at
   * his own KIA percentage of the investment year) or for the partnership as a whole (the other reading, shown too)
   */
  disinvestmentLevel?: DisinvestmentLevel;
}

export interface ScenarioDisposal {
  id: string | number;
  description?: string;
  price: Amount;
  /** the id of one of this year's investments that is disposed of (e.g. insurance money for a lost asset) */
  investment?: string | number;
  investmentYear?: number;
  investmentAmount?: Amount;
  investmentYearTotal?: Amount;
  /**
   * in a partnership: each partner's KIA percentage of the investment year (his KIA / his investment amount that
   * year, as a fraction such as 0.28 or a text such as "25,78%") where it differed from the partnership's (a partner
   * with investments of his own); a partner not named here has the partnership's percentage
   */
  partnerRates?: Record<string, Amount>;
  /** where the investment's figures come from, e.g. "KIA_REGISTER_2023 in 2023.xlsx, regel M7" (shown with the disposal) */
  source?: string;
}

/**
 * KIA of an earlier year that art. 3.44 lid 1 moved to later years (the asset was not in use at that year's end and
 * not fully paid), as that year's register (src/register) hands it on: per investment year, the assets whose part
 * is still open at the start of this year. This year the part becomes deductible as far as it is paid this year,
 * all of it once the asset is taken into use; the rest stays open.
 */
export interface ScenarioCarriedYear {
  /** the investment year: the year whose KIA the parts are */
  year: number;
  /** the whole-euro part of that year's KIA still open (the register's rounded figure); default: the exact parts rounded up */
  open?: Amount;
  /** where the parts come from ("KIA_REGISTER_2024 in 2024.xlsx") */
  source?: string;
  assets: ScenarioCarriedAsset[];
  /** in a partnership: each partner's whole-euro part still open of that year's KIA */
  partners?: { name: string; open: Amount }[];
}

export interface ScenarioCarriedAsset {
  /** the asset: its id, or its group's name */
  asset: string | number;
  description?: string;
  /** the asset's investment amount (shown, and handed on to the next register) */
  amount?: Amount;
  /** the KIA of this asset still open at the start of this year, exactly */
  open: Amount;
  /** paid on the asset by the end of last year (what the register says) */
  paidBefore?: Amount;
  /** paid on the asset by the end of this year; default paidBefore (nothing paid this year) */
  paid?: Amount;
  /** taken into use by the end of this year: all of the open part is deductible this year */
  inUse?: boolean;
  /** how this year's payment or use is known: from this year's ledger or ticked by the user */
  basis?: "ledger" | "user";
  /** in a partnership: each partner's open part of this asset and his share (by the key of the investment year) */
  partners?: { name: string; open: Amount; share: Amount }[];
}

export interface Scenario {
  year: number;
  exact?: boolean;
  description?: string;
  investments: ScenarioInvestment[];
  partnership?: ScenarioPartnership;
  disposals?: ScenarioDisposal[];
  /** total disposal prices (of assets that had investment deduction, within five years) when more was disposed of than listed */
  disposalsTotal?: Amount;
  /** KIA of earlier years still open under art. 3.44 (from their registers) */
  carriedIn?: ScenarioCarriedYear[];
}

export interface NInvestment {
  index: number;
  id: string;
  description?: string;
  category: CategoryData;
  /** the investment amount (the obligation) */
  readonly amount: Decimal;
  /** the same amount in integer cents when it is whole cents below € 10^13 (the integer path), else -1 or absent */
  readonly cents?: number;
  /** the amount's text as the row gave it, where that is already the report's text of `cents` (else absent) */
  readonly amountText?: string;
  readonly vatDeductible: boolean;
  group?: string;
  readonly relatedParty: boolean;
  readonly exemption: boolean;
  /** the amount this asset adds to the year's total: its market value where an exemption and a market value are given */
  marketValue?: Decimal;
  exemptionPossible?: boolean;
  reinvestmentReserve?: { amount: Decimal; kind: "hir" | "herbesteding"; declaration: boolean };
  readonly paid: Decimal;
  readonly inUse: boolean;
  lostByCalamity?: { replacedBy: string; approval?: boolean };
  readonly eiaMia: boolean;
  override?: { eligible: boolean; reason: string };
  date?: string;
}

export interface NPartner {
  name: string;
  legalForm?: string;
  profit?: Decimal;
  capital?: Decimal;
  reserves?: Decimal;
  outsideInvestments?: Decimal;
  ownAssetsInPartnership?: Decimal;
  note?: string;
}

export interface NPartnership {
  key: PartnershipKey;
  keyGiven: boolean;
  partners: NPartner[];
  jointRequest?: boolean;
  allDeductions?: boolean;
  sameForDisinvestment?: boolean;
  disinvestmentLevel: DisinvestmentLevel;
}

export interface NDisposal {
  index: number;
  id: string;
  description?: string;
  price: Decimal;
  investmentYear: number;
  /** set for the disposal of one of this year's investments: amount and year total follow from the scenario */
  investment?: string;
  investmentAmount: Decimal;
  investmentYearTotal: Decimal;
  /** true when investmentYearTotal was given for a disposal of this year (checked against the scenario's total) */
  yearTotalGiven?: boolean;
  /** per partner's name: his KIA percentage of the investment year, as a fraction (0 to 1) */
  partnerRates?: ReadonlyMap<string, Decimal>;
  source?: string;
}

export interface NCarriedAsset {
  asset: string;
  description?: string;
  amount?: Decimal;
  open: Decimal;
  paidBefore: Decimal;
  paid: Decimal;
  inUse: boolean;
  basis?: "ledger" | "user";
  partners: { name: string; open: Decimal; share: Decimal }[];
}

export interface NCarriedYear {
  year: number;
  open?: Decimal;
  source?: string;
  assets: NCarriedAsset[];
  partners: { name: string; open: Decimal }[];
}

export interface NormalizedScenario {
  year: number;
  exact: boolean;
  description?: string;
  investments: NInvestment[];
  /** the investments by id (ids are unique) */
  byId: ReadonlyMap<string, NInvestment>;
  partnership?: NPartnership;
  disposals: NDisposal[];
  disposalsTotal?: Decimal;
  /** KIA of earlier years still open under art. 3.44 (absent or empty: none) */
  carriedIn?: NCarriedYear[];
}

/** A row validateRows left out: which row, the field its error is about, and the error as validateScenario words it. */
export interface RowError {
  readonly list: "investments" | "disposals";
  /** the row's place in its list in the scenario given */
  readonly index: number;
  /** the row's id, when it has a readable one */
  readonly id?: string;
  /** the field the error names, e.g. "investments[3].paid" */
  readonly field: string;
  /** that field within the row: "paid", "lostByCalamity.replacedBy"; "" for the row as a whole */
  readonly key: string;
  readonly code: ValidationCode;
  /** what is wrong and what is expected, in Dutch, without the field and the value */
  readonly reason: string;
  /** the whole message, as KiaValidationError gives it: "investments[3].paid: … (waarde: …)" */
  readonly message: string;
}

export interface RowsValidated {
  /** the scenario given without the rows left out (the same object when none is); evaluate() accepts it */
  scenario: Scenario;
  /** that scenario validated, its rows numbered anew */
  normalized: NormalizedScenario;
  /** the rows left out: the investments, then the disposals, each in the order of their list */
  errors: RowError[];
}

export interface RowsOptions {
  /**
   * ids of investments left out before this call (the taskpane leaves rows out when it reads the ledger): a
   * replacement or a disposal that names one says that it does not count, rather than that there is none
   */
  leftOut?: Iterable<string>;
  /**
   * groups of which a row was left out before this call (a cell the reader could not read), each with how that row
   * is named ("investering INV-3", "rij 7"): a group is one asset (besluit onderdeel 2.2), so the rest of it is left
   * out too, as validateRows does with a group whose row it refuses
   */
  leftOutGroups?: Iterable<{ group: string; row: string }>;
}
