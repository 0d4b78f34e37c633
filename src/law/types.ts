/** Types of the law data files (src/law/*.json) and of the loaded, Decimal-valued tables. */
import type { Decimal } from "../decimal";

export const BAND_KINDS = [
  "none",
  "percentage",
  "fixed",
  "phase-out",
  "above-ceiling",
] as const;
export type BandKind = (typeof BAND_KINDS)[number];

/** official: law text or Belastingdienst seen; verified: 3+ independent sources; corroborated: 2;
 * single-source; inferred; unknown. Below "verified" the user is shown a warning. */
export const CONFIDENCES = [
  "official",
  "verified",
  "corroborated",
  "single-source",
  "inferred",
  "unknown",
] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const WARN_CONFIDENCES: readonly Confidence[] = [
  "corroborated",
  "single-source",
  "inferred",
  "unknown",
];

export interface BandData {
  over: number | null;
  upTo: number | null;
  kind: BandKind;
  percent?: string;
  fixed?: number;
  phaseoutPercent?: string;
  phaseoutFrom?: number;
}

export interface YearData {
  status: "established" | "not-established";
  confidence: Confidence;
  confidenceDetail?: string;
  bands?: BandData[];
  minAssetAmount?: number;
  disinvestmentThreshold?: {
    amount: number;
    confidence: Confidence;
    basis: string;
  };
  sources?: string[];
  notes?: string;
  /** a documented deviation from an invariant that the law's own table has (see schema.ts) */
  knownAnomalies?: { check: "fixed-edge" | "ceiling"; note: string }[];
}

export interface TablesData {
  legalRef: string;
  years: Record<string, YearData>;
}

export interface Band {
  index: number;
  kind: BandKind;
  over: Decimal | null;
  upTo: Decimal | null;
  /** percentage as a fraction (28% -> 0.28) */
  rate?: Decimal;
  fixed?: Decimal;
  /** phase-out percentage as a fraction (7,56% -> 0.0756) */
  phaseoutRate?: Decimal;
  phaseoutFrom?: Decimal;
  data: BandData;
}

export interface YearTable {
  year: number;
  confidence: Confidence;
  confidenceDetail: string;
  bands: Band[];
  minAssetAmount: Decimal;
  disinvestmentThreshold: {
    amount: Decimal;
    confidence: Confidence;
    basis: string;
  } | null;
  sources: string[];
  notes: string;
}

export interface RefVersion {
  from: number;
  to: number | null;
  source: string;
  article?: string;
  lid?: string;
  onderdeel?: string;
  paragraph?: string;
  case?: string;
  note?: string;
  verified?: boolean;
}

export interface ReferencesData {
  sources: Record<
    string,
    { title: string; short: string; bwb: string | null; url: string }
  >;
  refs: Record<string, { versions: RefVersion[] }>;
}

/** A resolved legal reference for one year: the label shown to users plus the machine-readable parts. */
export interface LegalRef {
  key: string;
  label: string;
  bwb: string | null;
  url: string;
  verified: boolean;
  note?: string;
}

export interface CategoryRuleData {
  from: number;
  to: number | null;
  eligible: boolean;
  ref: string;
  reason: string;
  reasonEn: string;
}

export interface CategoryData {
  code: string;
  label: string;
  labelEn: string;
  aliases: string[];
  warning?: string;
  rules: CategoryRuleData[];
}

export interface CategoriesData {
  categories: CategoryData[];
}

export interface RulesData {
  minimumAssetAmount: {
    ref: string;
    componentRef: string;
    perAssetRef: string;
  };
  partnership: {
    ref: string;
    allocationRef: string;
    perEnterpriseFrom: number;
    legacyCaseRefs: string[];
    defaultKey: string;
    reasonableKeys: string[];
  };
  calamity: { ref: string };
  relatedParty: { ref: string; exemptionRef: string };
  paymentCriterion: { ref: string };
  disinvestment: {
    ref: string;
    windowRef: string;
    windowYears: number;
    yearRulesRef: string;
  };
  rounding: { ref: string; deduction: "up"; addition: "down" };
}
