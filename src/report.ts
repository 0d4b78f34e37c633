/** The report (output) contract: plain JSON, amounts as decimal strings. */
import type { Reason, Step, Warning } from "./explanation";
import type { BandKind, Confidence } from "./law";
import type { ConditionStatus } from "./partnership";
import type { PartnershipKey } from "./scenario";

export interface AssetReport {
  id: string;
  description?: string;
  category: string;
  amount: string;
  /** an asset that qualifies for KIA (category and € 450 test) */
  eligible: boolean;
  /** counts in this year's total (eligible, not excluded by art. 3.46 or by the calamity approval) */
  counted: boolean;
  countedAmount: string;
  /** this asset's part of the year's KIA (amount x effective rate), in cents; for the payment criterion and disposals */
  kiaAttributed: string;
  reasons: Reason[];
}

export interface CalamityReport {
  kiaWithout: string;
  kiaWith: string;
  kiaWithoutExact: string;
  kiaWithExact: string;
  totalWithout: string;
  totalWith: string;
  applied: boolean;
  excluded: string[];
  items: {
    id: string;
    replacedBy: string;
    applied: boolean;
    conditions: { code: string; text: string; met: boolean }[];
  }[];
  ref: string;
}

export interface PartnerReport {
  name: string;
  share: string;
  kia: string;
  kiaExact: string;
  outsideTotal?: string;
  outsideKia?: string;
  outsideKiaExact?: string;
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
  total: string;
  totalExact: string;
  disposalsTotal: string;
  threshold: string;
  applies: boolean;
  items: {
    id: string;
    amount: string;
    amountExact: string;
    base: string;
    rate: string;
    inWindow: boolean;
    investmentYear: number;
  }[];
}

export interface Report {
  year: number;
  exact: boolean;
  total: string;
  kia: string;
  kiaExact: string;
  band: BandKind;
  rate: string;
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
      id: string;
      attributed: string;
      paid: string;
      carriedForward: string;
    }[];
  };
  disinvestment?: DisinvestmentReport;
  warnings: Warning[];
  explanation: Step[];
  parameters: {
    year: number;
    confidence: Confidence;
    confidenceDetail: string;
    sources: string[];
    notes: string;
    bands: string[];
    minAssetAmount: string;
    rounding: string;
    references: { label: string; bwb: string | null; url: string }[];
  };
}
