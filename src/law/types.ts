/** Types of the law data files (src/law/*.json) and of the loaded, Decimal-valued tables. */
import type { Decimal } from "../decimal";

export const BAND_KINDS = ["none", "percentage", "fixed", "phase-out", "above-ceiling"] as const;
export type BandKind = (typeof BAND_KINDS)[number];

/**
 * How well a year's amounts are established. official: every amount seen in an authoritative source (the law
 * text of that year, the Belastingdienst, a court); corroborated: only non-authoritative websites, two or more
 * agreeing; single-source: one such website; inferred: derived, not found in a source; unknown. Below
 * "official" the user is shown a warning (in Dutch) that says so. A test derives the highest confidence the
 * sources allow and refuses a year that claims more.
 */
export const CONFIDENCES = ["official", "corroborated", "single-source", "inferred", "unknown"] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const WARN_CONFIDENCES: readonly Confidence[] = ["corroborated", "single-source", "inferred", "unknown"];

/** Kinds of source: authoritative (wet, besluit, belastingdienst, rechtspraak) or secondary (websites of advisers, news). */
export const SOURCE_KINDS = ["wet", "besluit", "belastingdienst", "rechtspraak", "secondary"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const AUTHORITATIVE_KINDS: readonly SourceKind[] = ["wet", "besluit", "belastingdienst", "rechtspraak"];

/** What a source shows of a year's parameters. */
export const COVERS = ["table", "threshold", "edge28", "fixed", "phaseout", "ceiling", "disinvestmentThreshold"] as const;
export type Cover = (typeof COVERS)[number];

/** A source of a year's parameters, as structured data (OpenFisca-style reference). Texts in Dutch. */
export interface SourceRef {
  kind: SourceKind;
  title: string;
  url: string;
  /** what it supports, in words */
  supports: string;
  /** which amounts were seen in it; empty: cited as the legal basis, amounts not read there */
  covers: Cover[];
  /** where the text was read, when not at the url itself (e.g. a consolidated copy) */
  via?: string;
}

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
  sources?: SourceRef[];
  notes?: string;
  /** contradicting or erroneous sources, in Dutch */
  contradictions?: string;
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
  sources: SourceRef[];
  notes: string;
  contradictions: string;
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
  /** European case law identifier of a ruling: links to deeplink.rechtspraak.nl */
  ecli?: string;
  note?: string;
  verified?: boolean;
  /** the provision's text (verbatim, Dutch) where it matters for the rule */
  text?: string;
}

export interface ReferencesData {
  sources: Record<
    string,
    {
      kind: "wet" | "besluit" | "rechtspraak" | "beleid";
      title: string;
      short: string;
      bwb: string | null;
      /** for a besluit or a policy: the (dated) page; a law article and a ruling link to themselves */
      url?: string;
    }
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
  text?: string;
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

/** A choice of an ambiguous heading: a category, and how the choice reads when not as the category's label. */
export interface HeadingChoice {
  category: string;
  label?: string;
}

/** A balance-sheet heading, a bookkeeping package's asset group or an RGS code used for a category (categories.json). */
export interface HeadingData {
  names: string[];
  /** RGS codes (level 3) of the heading */
  rgs?: string[];
  /** the one category the heading names */
  category?: string;
  /** the categories the heading may be: a question per row */
  ask?: HeadingChoice[];
  question?: string;
  sources: string[];
}

export interface HeadingsData {
  sources: { id: string; title: string; url: string; via?: string }[];
  entries: HeadingData[];
  /** words in a description that suggest a category (an answer to a heading's question) */
  hints: { category: string; words: string[] }[];
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
  relatedParty: { ref: string; exemptionRef: string; possibleRef: string };
  reinvestmentReserve: { ref: string; herbestedingRef: string; defaultRef: string };
  paymentCriterion: { ref: string };
  disinvestment: {
    ref: string;
    windowRef: string;
    windowYears: number;
    yearRulesRef: string;
  };
  rounding: { ref: string; deduction: "up"; addition: "down" };
}
