/**
 * The scenario (input) contract and its validation. A scenario is plain JSON; amounts may be numbers
 * or decimal strings. validateScenario() turns it into a NormalizedScenario with exact Decimals, or
 * throws KiaValidationError naming the field ("investments[3].amount") and the offending value.
 * Unknown fields are rejected too: a misspelled "vatdeductible" must not be silently ignored. Combinations
 * the law makes impossible are refused here as well (a partnership of one, a calamity replacement cycle).
 *
 * validateRows() is the same validation for a ledger: a row (an investment or a disposal) the core refuses is left
 * out and listed with its error instead of stopping at the first, in one pass; what concerns the whole scenario
 * (the year, the partnership, a list that is not a list) is still thrown.
 */
import { centsDecimal, centsOfNumber, centsOfString } from "../cents";
import { Decimal, ZERO } from "../decimal";
import { disposalAddition } from "../disinvestment";
import { KiaValidationError, type ValidationCode } from "../errors";
import { categoryHints, findCategory, unknownCategoryHint, getYearTable, rules, type CategoryData } from "../law";
import { formatEuro, formatEuroCents, isAmountProblem, parseAmount, parseYear, readAmount, readShare, type AmountProblem } from "../money";

/** An amount in a message exactly as it is (€ 100,004), not rounded to cents. */
const exactEuro = (d: Decimal) => formatEuro(d, Math.max(2, d.decimalPlaces()));

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
  vatDeductible: boolean;
  group?: string;
  relatedParty: boolean;
  exemption: boolean;
  /** the amount this asset adds to the year's total: its market value where an exemption and a market value are given */
  marketValue?: Decimal;
  exemptionPossible?: boolean;
  reinvestmentReserve?: { amount: Decimal; kind: "hir" | "herbesteding"; declaration: boolean };
  readonly paid: Decimal;
  inUse: boolean;
  lostByCalamity?: { replacedBy: string; approval?: boolean };
  eiaMia: boolean;
  override?: { eligible: boolean; reason: string };
  date?: string;
}

/**
 * A validated investment. Its amount is kept as integer cents where it is whole cents (the common case): the
 * Decimal is made only when a step needs it, so a ledger of 100.000 rows is validated and totalled without
 * creating 100.000 Decimals.
 */
class Investment implements NInvestment {
  private _amount: Decimal | undefined;
  private _paid: Decimal | undefined;
  description?: string;
  vatDeductible = true;
  group?: string;
  relatedParty = false;
  exemption = false;
  marketValue?: Decimal;
  exemptionPossible?: boolean;
  reinvestmentReserve?: NInvestment["reinvestmentReserve"];
  inUse = true;
  lostByCalamity?: { replacedBy: string; approval?: boolean };
  eiaMia = false;
  override?: { eligible: boolean; reason: string };
  date?: string;

  constructor(
    /** the place in the scenario's list (validateRows renumbers the rows it keeps) */
    public index: number,
    readonly id: string,
    readonly category: CategoryData,
    readonly cents: number,
    amount: Decimal | undefined,
    private readonly paidCents: number,
    paid: Decimal | undefined,
  ) {
    this._amount = amount;
    this._paid = paid;
  }

  get amount(): Decimal {
    return (this._amount ??= centsDecimal(this.cents));
  }

  get paid(): Decimal {
    if (this._paid === undefined) this._paid = this.paidCents === this.cents ? this.amount : centsDecimal(this.paidCents);
    return this._paid;
  }
}

/**
 * An amount field as integer cents (the fast path: a number or decimal string with at most two decimals below
 * € 10^13), for anything else a checked Decimal, or why it is no amount. This is the one place that decides the path.
 */
function amountField(value: unknown): number | Decimal | AmountProblem {
  const c = typeof value === "number" ? centsOfNumber(value) : typeof value === "string" ? centsOfString(value.trim()) : -1;
  return c >= 0 ? c + 0 : readAmount(value);
}

/**
 * A row refused for one of the faults a ledger has most (an unknown category, an amount that is none, paid above the
 * amount): returned by validateInvestment rather than thrown, so a ledger of 100.000 bad rows builds no Error and
 * unwinds no stack per row (validateRows keeps it; validateScenario throws its error()).
 */
class Refused {
  constructor(
    readonly code: ValidationCode,
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
    /** the row's id; null: it has none that is readable; undefined: not read before the fault */
    readonly id?: string | null,
    /** the field within the row ("amount", "reinvestmentReserve.amount"), when the fault is said of a row */
    readonly key?: string,
  ) {}

  error(): KiaValidationError {
    return new KiaValidationError(this.code, this.field, this.value, this.reason);
  }
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

type Obj = Record<string, unknown>;

const MAX_ID_LENGTH = 200;
const MAX_TEXT_LENGTH = 10000;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(code: ConstructorParameters<typeof KiaValidationError>[0], field: string, value: unknown, reason: string): never {
  throw new KiaValidationError(code, field, value, reason);
}

/**
 * A fault of the value at `at` + `key` (a row's: its key within the row kept, so validateRows need not cut it out of
 * the field's text).
 */
function refusedAt(code: ValidationCode, at: At, key: string, value: unknown, reason: string, id?: string | null): Refused {
  return new Refused(code, path(at, key), value, reason, id, at instanceof Where ? key : undefined);
}

/** A value read, or its Refused thrown as the KiaValidationError it stands for. */
function must<T>(v: T | Refused): T {
  if (v instanceof Refused) throw v.error();
  return v;
}

/**
 * Where a value sits, e.g. investments[3], as text only when a message needs it: a ledger of 100.000 valid rows
 * builds no field names.
 */
class Where {
  constructor(
    private readonly list: string,
    private readonly index: number,
  ) {}
  toString(): string {
    return `${this.list}[${this.index}]`;
  }
}
type At = string | Where;
const path = (at: At, key?: string) => (key ? `${at}.${key}` : String(at));

/*
 * The checks of a value come in two forms: readX returns the value or its Refused (validateInvestment, which returns
 * a row's fault rather than throwing it), and the form without "read" throws it (everything else).
 */

function readObject(v: unknown, field: At): Obj | Refused {
  return isObj(v) ? v : refusedAt("INVALID_TYPE", field, "", v, "verwacht een object");
}

function expectObject(v: unknown, field: At): Obj {
  return must(readObject(v, field));
}

/** The first key of `o` that is not `known`, refused; undefined when there is none. */
function unknownKey(o: Obj, known: ReadonlySet<string>, field: At): Refused | undefined {
  for (const k in o) {
    if (!known.has(k))
      return refusedAt("UNKNOWN_FIELD", field, k.length > 60 ? k.slice(0, 59) + "…" : k, o[k], `onbekend veld; toegestaan: ${[...known].join(", ")}`);
  }
  return undefined;
}

function onlyKnownKeys(o: Obj, known: ReadonlySet<string>, field: At): void {
  must(unknownKey(o, known, field));
}

function optBool(o: Obj, key: string, field: At): boolean | undefined {
  return must(readBool(o[key], field, key));
}

/** A boolean field's value (read by the caller as a plain property: faster than a keyed read per row). */
function readBool(v: unknown, field: At, key: string): boolean | undefined | Refused {
  if (v === undefined || typeof v === "boolean") return v;
  return refusedAt("INVALID_TYPE", field, key, v, "verwacht true of false");
}

function readString(o: Obj, key: string, field: At, max = MAX_TEXT_LENGTH): string | undefined | Refused {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") return refusedAt("INVALID_TYPE", field, key, v, "verwacht tekst");
  if (v.length > max) return refusedAt("INVALID_TYPE", field, key, v, `tekst is te lang (meer dan ${max} tekens)`);
  return v;
}

function optString(o: Obj, key: string, field: At, max = MAX_TEXT_LENGTH): string | undefined {
  return must(readString(o, key, field, max));
}

/** An id: a non-empty text (at most 200 characters) or a finite number. */
function idOf(v: unknown, where: At, key?: string): string {
  const id = readId(v);
  if (typeof id !== "string") fail(id.problem, path(where, key), v, id.reason);
  return id;
}

const NO_ID = "verwacht een niet-lege id (tekst of getal)";
const ID_TOO_LONG = `id is te lang (meer dan ${MAX_ID_LENGTH} tekens)`;

/** An id as idOf reads it, or why it is none (without throwing). */
function readId(v: unknown): string | { problem: ValidationCode; reason: string } {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string" || v.trim() === "") return { problem: v === undefined ? "MISSING_FIELD" : "INVALID_TYPE", reason: NO_ID };
  if (v.length > MAX_ID_LENGTH) return { problem: "INVALID_TYPE", reason: ID_TOO_LONG };
  return v;
}

const INVESTMENT_KEYS = new Set([
  "id",
  "description",
  "category",
  "amount",
  "vatDeductible",
  "group",
  "relatedParty",
  "exemption",
  "exemptionPossible",
  "reinvestmentReserve",
  "marketValue",
  "paid",
  "inUse",
  "lostByCalamity",
  "eiaMia",
  "override",
  "date",
]);
const PARTNER_KEYS = new Set(["name", "legalForm", "profit", "capital", "reserves", "outsideInvestments", "ownAssetsInPartnership", "note"]);
const DISPOSAL_KEYS = new Set([
  "id",
  "description",
  "price",
  "investment",
  "investmentYear",
  "investmentAmount",
  "investmentYearTotal",
  "partnerRates",
  "source",
]);
const SCENARIO_KEYS = new Set(["year", "exact", "description", "investments", "partnership", "disposals", "disposalsTotal", "carriedIn"]);
const CARRIED_YEAR_KEYS = new Set(["year", "open", "source", "assets", "partners"]);
const CARRIED_ASSET_KEYS = new Set(["asset", "description", "amount", "open", "paidBefore", "paid", "inUse", "basis", "partners"]);
const CALAMITY_KEYS = new Set(["replacedBy", "approval"]);
const RESERVE_KEYS = new Set(["amount", "kind", "declaration"]);
const OVERRIDE_KEYS = new Set(["eligible", "reason"]);
const PARTNERSHIP_KEYS = new Set(["key", "partners", "jointRequest", "allDeductions", "sameForDisinvestment", "disinvestmentLevel"]);

/** The partnership key by its code or its Dutch name (case and spacing ignored). */
export const KEY_NAMES: Readonly<Record<string, PartnershipKey>> = {
  profit: "profit",
  winst: "profit",
  winstaandeel: "profit",
  winstaandelen: "profit",
  winstgerechtigdheid: "profit",
  winstverdeling: "profit",
  capital: "capital",
  kapitaal: "capital",
  kapitaalsverhouding: "capital",
  kapitaalverhouding: "capital",
  reserves: "reserves",
  stillereserves: "reserves",
  aandeleninstillereserves: "reserves",
  equal: "equal",
  gelijk: "equal",
  gelijkedelen: "equal",
};

export function partnershipKeyOf(input: unknown): PartnershipKey | undefined {
  if (typeof input !== "string") return undefined;
  const k = KEY_NAMES[input.toLowerCase().replace(/[\s_-]/g, "")];
  return k && rules.partnership.reasonableKeys.includes(k) ? k : undefined;
}

function readGroup(v: unknown, field: At): string | undefined | Refused {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.trim() === "")
    return refusedAt(
      "INVALID_TYPE",
      field,
      "group",
      v,
      "een groep is een niet-lege tekst (de naam van het bedrijfsmiddel waar de regel deel van is); laat het veld weg voor een zelfstandig bedrijfsmiddel",
    );
  if (v.length > MAX_ID_LENGTH) return refusedAt("INVALID_TYPE", field, "group", v, `groepsnaam is te lang (meer dan ${MAX_ID_LENGTH} tekens)`);
  return groupName(v);
}

/**
 * A group's name as the rows are matched (docs/scenario.md, "Groups"): spaces at either end dropped and a run of
 * spaces inside read as one, as Excel's TRIM does, so the template's formulas match the same rows.
 */
function groupName(v: string): string {
  const t = v.trim();
  return t.includes("  ") ? t.replace(/ {2,}/g, " ") : t;
}

/**
 * Group names are not case-sensitive ("PC set" and "pc set" are one asset), as Excel's MATCH in the template:
 * every row takes the spelling of the group's first row. `names` carries the first spellings across calls.
 */
function sameGroupSpelling(names: Map<string, string>, group: string): string {
  const key = group.toLowerCase();
  const first = names.get(key);
  if (first !== undefined) return first;
  names.set(key, group);
  return group;
}

function readDate(v: unknown, field: At): string | undefined | Refused {
  if (v === undefined) return undefined;
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim()) : null;
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) return m[0];
  }
  return refusedAt("INVALID_TYPE", field, "date", v, "verwacht een datum als jjjj-mm-dd, zoals 2025-03-31");
}

/** A row's calamity entry: lost and replaced by another asset of this year (checked across rows later). */
function validateLost(v: unknown, field: At): NInvestment["lostByCalamity"] {
  if (v === undefined) return undefined;
  const lf = `${field}.lostByCalamity`;
  const l = expectObject(v, lf);
  onlyKnownKeys(l, CALAMITY_KEYS, lf);
  if (l.replacedBy === undefined) fail("MISSING_FIELD", `${lf}.replacedBy`, undefined, "verwacht de id van het vervangende bedrijfsmiddel");
  return {
    replacedBy: idOf(l.replacedBy, lf, "replacedBy"),
    approval: optBool(l, "approval", lf),
  };
}

/**
 * One investment on its own, or its first fault: returned, not thrown, so that validateRows keeps a ledger of
 * 100.000 bad rows as cheap as a good one (a throw costs V8 a stack walk and a message object; validateScenario
 * throws it). `laterLost`: its calamity entry is left for later (validateRows checks the entries, which name other
 * rows, after the rows themselves).
 */
function validateInvestment(raw: unknown, index: number, laterLost = false, hint: (category: string) => string = unknownCategoryHint): NInvestment | Refused {
  const field = new Where("investments", index);
  const o = readObject(raw, field);
  if (o instanceof Refused) return o;
  const unknown = unknownKey(o, INVESTMENT_KEYS, field);
  if (unknown) return unknown;
  const id = readId(o.id);
  if (typeof id !== "string") return refusedAt(id.problem, field, "id", o.id, id.reason, null);
  const refuse = (code: ValidationCode, key: string, value: unknown, reason: string) => refusedAt(code, field, key, value, reason, id);
  if (typeof o.category !== "string")
    return refuse(o.category === undefined ? "MISSING_FIELD" : "INVALID_TYPE", "category", o.category, 'verwacht een categoriecode, zoals "machine"');
  const category = o.category.length <= MAX_ID_LENGTH ? findCategory(o.category) : undefined;
  if (!category) return refuse("UNKNOWN_CATEGORY", "category", o.category, `onbekende categorie; ${hint(o.category.slice(0, 60))}`);
  const amount = amountField(o.amount);
  if (isAmountProblem(amount)) return refuse(amount.problem, "amount", o.amount, amount.reason);
  const paid = o.paid === undefined ? amount : amountField(o.paid);
  if (isAmountProblem(paid)) return refuse(paid.problem, "paid", o.paid, paid.reason);
  if (typeof amount === "number" && typeof paid === "number" ? paid > amount : asDecimal(paid).gt(asDecimal(amount)))
    return refuse(
      "PAID_EXCEEDS_AMOUNT",
      "paid",
      o.paid,
      `betaald bedrag is hoger dan het investeringsbedrag (${typeof amount === "number" ? formatEuroCents(amount) : exactEuro(amount)})`,
    );
  const relatedParty = readBool(o.relatedParty, field, "relatedParty") ?? false;
  if (relatedParty instanceof Refused) return relatedParty;
  const exemption = readBool(o.exemption, field, "exemption") ?? false;
  if (exemption instanceof Refused) return exemption;
  if (exemption && !relatedParty)
    return refuse(
      "INVALID_COMBINATION",
      "exemption",
      o.exemption,
      "een ontheffing (besluit onderdeel 5) bestaat alleen voor een verplichting met een verbonden partij: zet ook relatedParty op true, of laat exemption weg",
    );
  const exemptionPossible = readBool(o.exemptionPossible, field, "exemptionPossible");
  if (exemptionPossible instanceof Refused) return exemptionPossible;
  if (exemptionPossible !== undefined && (!relatedParty || exemption))
    return refuse(
      "INVALID_COMBINATION",
      "exemptionPossible",
      o.exemptionPossible,
      "geldt alleen voor een verplichting met een verbonden partij zonder geclaimde ontheffing (besluit onderdeel 5.1.3): zet relatedParty op true en exemption op false, of laat dit veld weg",
    );
  let marketValue: Decimal | undefined;
  if (o.marketValue !== undefined) {
    if (!exemption && exemptionPossible !== true)
      return refuse(
        "INVALID_COMBINATION",
        "marketValue",
        o.marketValue,
        "de waarde in het economische verkeer telt alleen bij een verbonden partij met ontheffing (besluit onderdeel 5): zet relatedParty en exemption op true, of laat marketValue weg",
      );
    const mv = readAmount(o.marketValue);
    if (isAmountProblem(mv)) return refuse(mv.problem, "marketValue", o.marketValue, mv.reason);
    marketValue = mv;
  }
  let reserve: NInvestment["reinvestmentReserve"];
  if (o.reinvestmentReserve !== undefined) {
    const rf = `${field}.reinvestmentReserve`;
    const ro = readObject(o.reinvestmentReserve, rf);
    if (ro instanceof Refused) return ro;
    const unknownInReserve = unknownKey(ro, RESERVE_KEYS, rf);
    if (unknownInReserve) return unknownInReserve;
    const ramount = readAmount(ro.amount);
    if (isAmountProblem(ramount)) return refuse(ramount.problem, "reinvestmentReserve.amount", ro.amount, ramount.reason);
    if (ramount.gt(asDecimal(amount)))
      return refuse(
        "INVALID_COMBINATION",
        "reinvestmentReserve.amount",
        ro.amount,
        `de reserve is hoger dan het investeringsbedrag (${formatEuro(asDecimal(amount))})`,
      );
    const kind = ro.kind ?? "hir";
    if (kind !== "hir" && kind !== "herbesteding")
      return refuse("INVALID_TYPE", "reinvestmentReserve.kind", ro.kind, 'verwacht "hir" (herinvesteringsreserve) of "herbesteding" (herbestedingsreserve)');
    const declaration = readBool(ro.declaration, rf, "declaration") ?? false;
    if (declaration instanceof Refused) return declaration;
    reserve = { amount: ramount, kind, declaration };
  }
  const lost = laterLost ? undefined : validateLost(o.lostByCalamity, field);
  let override: NInvestment["override"];
  if (o.override !== undefined) {
    const of = `${field}.override`;
    const ov = readObject(o.override, of);
    if (ov instanceof Refused) return ov;
    const unknownInOverride = unknownKey(ov, OVERRIDE_KEYS, of);
    if (unknownInOverride) return unknownInOverride;
    const eligible = readBool(ov.eligible, of, "eligible");
    if (eligible instanceof Refused) return eligible;
    if (eligible === undefined) return refuse("MISSING_FIELD", "override.eligible", undefined, "verwacht true (telt mee) of false (telt niet mee)");
    const reason = readString(ov, "reason", of, 2000);
    if (reason instanceof Refused) return reason;
    if (reason === undefined || reason.trim().length < 3)
      return refuse("MISSING_FIELD", "override.reason", ov.reason, "een handmatige beoordeling vraagt een geschreven reden");
    override = { eligible, reason: reason.trim() };
  }
  const description = readString(o, "description", field);
  if (description instanceof Refused) return description;
  const vatDeductible = readBool(o.vatDeductible, field, "vatDeductible") ?? true;
  if (vatDeductible instanceof Refused) return vatDeductible;
  const group = readGroup(o.group, field);
  if (group instanceof Refused) return group;
  const inUse = readBool(o.inUse, field, "inUse") ?? true;
  if (inUse instanceof Refused) return inUse;
  const eiaMia = readBool(o.eiaMia, field, "eiaMia") ?? false;
  if (eiaMia instanceof Refused) return eiaMia;
  const date = readDate(o.date, field);
  if (date instanceof Refused) return date;
  const inv = new Investment(
    index,
    id,
    category,
    typeof amount === "number" ? amount : -1,
    typeof amount === "number" ? undefined : amount,
    typeof paid === "number" ? paid : -1,
    typeof paid === "number" ? undefined : paid,
  );
  inv.description = description;
  inv.vatDeductible = vatDeductible;
  inv.group = group;
  inv.relatedParty = relatedParty;
  inv.exemption = exemption;
  inv.marketValue = marketValue;
  if (exemptionPossible !== undefined) inv.exemptionPossible = exemptionPossible;
  if (reserve) inv.reinvestmentReserve = reserve;
  inv.inUse = inUse;
  inv.lostByCalamity = lost;
  inv.eiaMia = eiaMia;
  inv.override = override;
  inv.date = date;
  return inv;
}

function validatePartnership(raw: unknown): NPartnership {
  const field = "partnership";
  const o = expectObject(raw, field);
  onlyKnownKeys(o, PARTNERSHIP_KEYS, field);
  const keyGiven = o.key !== undefined;
  const key = keyGiven ? partnershipKeyOf(o.key) : (rules.partnership.defaultKey as PartnershipKey);
  if (!key) {
    fail(
      "INVALID_KEY",
      `${field}.key`,
      o.key,
      "verdeelsleutel moet zijn: winst (profit), kapitaal (capital), stille reserves (reserves) of gelijke delen (equal)",
    );
  }
  if (!Array.isArray(o.partners)) {
    fail(o.partners === undefined ? "MISSING_FIELD" : "INVALID_TYPE", `${field}.partners`, o.partners, "verwacht een lijst met de vennoten");
  }
  if (o.partners.length < 2) {
    fail(
      "INVALID_PARTNERS",
      `${field}.partners`,
      o.partners,
      "een samenwerkingsverband bestaat uit de belastingplichtige en een of meer andere belastingplichtigen (art. 3.41 lid 3 Wet IB 2001): geef ten minste twee vennoten, of laat partnership weg",
    );
  }
  const names = new Set<string>();
  const partners = o.partners.map((p, i): NPartner => {
    const pf = `${field}.partners[${i}]`;
    const po = expectObject(p, pf);
    onlyKnownKeys(po, PARTNER_KEYS, pf);
    if (typeof po.name !== "string" || po.name.trim() === "") {
      fail("MISSING_FIELD", `${pf}.name`, po.name, "verwacht de naam van de vennoot");
    }
    const name = po.name.trim();
    if (name.length > MAX_ID_LENGTH) fail("INVALID_TYPE", `${pf}.name`, po.name, "naam is te lang");
    if (names.has(name)) fail("DUPLICATE_ID", `${pf}.name`, po.name, "deze naam komt twee keer voor");
    names.add(name);
    const opt = (k: string) => (po[k] === undefined ? undefined : parseAmount(po[k], `${pf}.${k}`));
    // the key's figures are weights (a share, not an amount): readShare accepts a JSON float such as 1/3
    const share = (k: "profit" | "capital" | "reserves") => {
      if (po[k] === undefined) return undefined;
      const r = readShare(po[k], SHARE_NOUN[k]);
      if (isAmountProblem(r)) fail(r.problem, `${pf}.${k}`, po[k], r.reason);
      return r;
    };
    const partner: NPartner = {
      name,
      legalForm: optString(po, "legalForm", pf, 100),
      profit: share("profit"),
      capital: share("capital"),
      reserves: share("reserves"),
      outsideInvestments: opt("outsideInvestments"),
      ownAssetsInPartnership: opt("ownAssetsInPartnership"),
    };
    const note = optString(po, "note", pf, 1000);
    if (note !== undefined) partner.note = note;
    if (key !== "equal" && partner[key] === undefined) {
      fail("MISSING_FIELD", `${pf}.${key}`, undefined, `de verdeelsleutel ${KEY_FIELD_NL[key]} vraagt dit veld voor iedere vennoot`);
    }
    return partner;
  });
  if (key !== "equal" && partners.every((p) => p[key]!.isZero())) {
    fail("INVALID_KEY", `${field}.partners`, KEY_FIELD_NL[key], `de aandelen volgens de verdeelsleutel ${KEY_FIELD_NL[key]} zijn samen nul`);
  }
  const level = o.disinvestmentLevel ?? "partner";
  if (level !== "partner" && level !== "partnership")
    fail(
      "INVALID_TYPE",
      `${field}.disinvestmentLevel`,
      o.disinvestmentLevel,
      'verwacht "partner" (per vennoot, de standaard) of "partnership" (voor het samenwerkingsverband als geheel)',
    );
  return {
    key,
    keyGiven,
    partners,
    jointRequest: optBool(o, "jointRequest", field),
    allDeductions: optBool(o, "allDeductions", field),
    sameForDisinvestment: optBool(o, "sameForDisinvestment", field),
    disinvestmentLevel: level,
  };
}

const SHARE_NOUN = {
  profit: "winstaandeel",
  capital: "kapitaalaandeel",
  reserves: "aandeel in de stille reserves",
} as const;

const KEY_FIELD_NL: Record<PartnershipKey, string> = {
  profit: "aandeel in de (over)winst (profit)",
  capital: "kapitaalsverhouding (capital)",
  reserves: "aandelen in de stille reserves (reserves)",
  equal: "gelijke delen (equal)",
};

/** Why an id names no investment of the scenario: there is none, or validateRows left its row out. */
/** A set of ids as far as it is asked: whether it has one. */
type Ids = Pick<ReadonlySet<string>, "has">;

function noInvestment(id: string, leftOut: Ids): string {
  return leftOut.has(id) ? leftOutText(id) : "er is geen investering met deze id in dit jaar";
}

const leftOutText = (id: string) => `investering ${id} telt niet mee (zie de melding bij die regel)`;

const NONE: Ids = new Set<string>();

function validateDisposal(raw: unknown, index: number, year: number, investmentsById: ReadonlyMap<string, NInvestment>, leftOut = NONE): NDisposal {
  const field = `disposals[${index}]`;
  const o = expectObject(raw, field);
  onlyKnownKeys(o, DISPOSAL_KEYS, field);
  const id = idOf(o.id, `${field}.id`);
  const price = parseAmount(o.price, `${field}.price`);
  const description = optString(o, "description", field);
  const source = optString(o, "source", field);
  const partnerRates = o.partnerRates === undefined ? undefined : ratesOf(o.partnerRates, `${field}.partnerRates`);
  if (o.investment !== undefined) {
    // A disposal of one of this year's investments (art. 3.47 lid 6: e.g. insurance money for a lost asset):
    // its investment year, amount and the year's total follow from the scenario itself.
    const link = idOf(o.investment, `${field}.investment`);
    const inv = investmentsById.get(link);
    if (!inv) fail("UNKNOWN_REPLACEMENT", `${field}.investment`, o.investment, noInvestment(link, leftOut));
    for (const k of ["investmentAmount", "investmentYearTotal"] as const) {
      if (o[k] !== undefined)
        fail("INVALID_COMBINATION", `${field}.${k}`, o[k], `volgt uit investering ${inv.id} en het totaal van ${year}; laat dit veld weg`);
    }
    if (o.investmentYear !== undefined) {
      const iy = parseYear(o.investmentYear, `${field}.investmentYear`);
      if (iy !== year) fail("INVALID_DISPOSAL", `${field}.investmentYear`, o.investmentYear, `investering ${inv.id} is een investering van ${year}`);
    }
    return {
      index,
      id,
      description,
      price,
      investmentYear: year,
      investment: inv.id,
      investmentAmount: inv.amount,
      investmentYearTotal: new Decimal(0),
      yearTotalGiven: false,
      ...(partnerRates ? { partnerRates } : {}),
      ...(source !== undefined ? { source } : {}),
    };
  }
  if (o.investmentYear === undefined)
    fail("MISSING_FIELD", `${field}.investmentYear`, undefined, "verwacht het jaar van de investering (of investment: de id van een investering van dit jaar)");
  const investmentYear = parseYear(o.investmentYear, `${field}.investmentYear`);
  if (investmentYear > year) {
    fail("INVALID_DISPOSAL", `${field}.investmentYear`, o.investmentYear, `investeringsjaar ligt na het jaar van vervreemding ${year}`);
  }
  if (investmentYear < 1900) fail("INVALID_YEAR", `${field}.investmentYear`, o.investmentYear, "investeringsjaar moet een jaartal zijn, zoals 2022");
  const investmentAmount = parseAmount(o.investmentAmount, `${field}.investmentAmount`);
  const investmentYearTotal = parseAmount(o.investmentYearTotal, `${field}.investmentYearTotal`);
  if (investmentAmount.gt(investmentYearTotal)) {
    fail(
      "INVALID_DISPOSAL",
      `${field}.investmentYearTotal`,
      o.investmentYearTotal,
      `totaal van het investeringsjaar is kleiner dan het investeringsbedrag van dit bedrijfsmiddel (${formatEuro(investmentAmount)})`,
    );
  }
  return {
    index,
    id,
    description,
    price,
    investmentYear,
    investmentAmount,
    investmentYearTotal,
    yearTotalGiven: true,
    ...(partnerRates ? { partnerRates } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/**
 * A percentage as a fraction from 0 to 1: a number (0.2578, what JSON writes) or a text ("0,2578", "25,78%"). It is
 * a rate, not an amount: any number of decimals is kept exactly.
 */
function rateOf(v: unknown, field: string): Decimal {
  let d: Decimal | undefined;
  if (typeof v === "number" && Number.isFinite(v)) d = new Decimal(String(v));
  else if (typeof v === "string") {
    const t = v.trim().replace(/\s/g, "");
    const pct = t.endsWith("%");
    const body = (pct ? t.slice(0, -1) : t).replace(",", ".");
    if (/^\d+(\.\d+)?$/.test(body) && body.length <= 60) d = new Decimal(body).div(pct ? 100 : 1);
  }
  if (!d || d.gt(1)) fail("INVALID_TYPE", field, v, 'verwacht een percentage: een fractie van 0 tot 1 (0,28) of een tekst zoals "25,78%"');
  return d;
}

function ratesOf(v: unknown, field: string): ReadonlyMap<string, Decimal> {
  const o = expectObject(v, field);
  const m = new Map<string, Decimal>();
  for (const [name, r] of Object.entries(o)) m.set(name.trim(), rateOf(r, `${field}.${name}`));
  return m;
}

/** A disposal's partner percentages name partners of the partnership (and need one). */
function assertPartnerRates(disposals: readonly NDisposal[], partnership: NPartnership | undefined, refuse: Refuse): void {
  const names = new Set(partnership?.partners.map((p) => p.name));
  for (const d of disposals) {
    if (!d.partnerRates) continue;
    const field = `disposals[${d.index}].partnerRates`;
    if (!partnership) {
      refuse(d, "INVALID_COMBINATION", field, undefined, "alleen bij een samenwerkingsverband (partnership)");
      continue;
    }
    const unknown = [...d.partnerRates.keys()].filter((n) => !names.has(n));
    if (unknown.length) refuse(d, "INVALID_COMBINATION", field, unknown.join(", "), `geen vennoot met deze naam; de vennoten zijn ${[...names].join(", ")}`);
  }
}

/**
 * What a check across rows does with a row it refuses: validateScenario throws (the first error stops), validateRows
 * leaves the row out and goes on.
 */
type Refuse = (item: { index: number }, code: ValidationCode, field: string, value: unknown, reason: string) => void;

const throwing: Refuse = (_item, code, field, value, reason) => fail(code, field, value, reason);

/** The items by id, refusing a duplicate id (one pass, one map); the first of a duplicate id keeps it. */
function indexById<T extends { id: string; index: number }>(items: readonly T[], list: string, refuse?: Refuse): Map<string, T> {
  const byId = new Map<string, T>();
  const duplicate = (it: T) => (refuse ?? throwing)(it, "DUPLICATE_ID", `${list}[${it.index}].id`, it.id, "deze id komt twee keer voor");
  for (const it of items) {
    if (refuse) {
      if (byId.has(it.id)) duplicate(it);
      else byId.set(it.id, it);
      continue;
    }
    // one hash lookup per id: a duplicate leaves the size unchanged
    const before = byId.size;
    byId.set(it.id, it);
    if (byId.size === before) duplicate(it);
  }
  return byId;
}

const asDecimal = (x: number | Decimal) => (typeof x === "number" ? centsDecimal(x) : x);

const yesNo = (b: boolean) => (b ? "ja" : "nee");

type GroupField = "inUse" | "vatDeductible" | "override" | "lostByCalamity";
const ALL_GROUP_FIELDS: readonly GroupField[] = ["inUse", "vatDeductible", "override", "lostByCalamity"];

/**
 * Rows of one group are one asset (besluit 2.2): they share what is said about the asset as a whole: whether it
 * is in use, its VAT treatment, a manual assessment, and a loss by calamity with its replacement and choice. (A
 * related party, an exemption and EIA/MIA belong to an obligation or a part, and may differ between rows.) The
 * raw values are compared; a text is built only for a row that differs. `fields`: which of these are compared.
 */
function assertConsistentGroups(
  investments: readonly NInvestment[],
  refuse: Refuse = throwing,
  fields: readonly GroupField[] = ALL_GROUP_FIELDS,
  rawRows?: readonly unknown[],
): void {
  const first = new Map<string, NInvestment>();
  // the message quotes what the user wrote ({"replacedBy":3}), not the normalised value
  const written = (inv: NInvestment, field: GroupField): unknown => {
    const row = rawRows?.[inv.index];
    return typeof row === "object" && row !== null && field in row ? (row as Record<string, unknown>)[field] : inv[field];
  };
  const lost = (x: NInvestment) =>
    x.lostByCalamity
      ? `verloren, vervangen door ${x.lostByCalamity.replacedBy}${x.lostByCalamity.approval === undefined ? "" : `, goedkeuring ${yesNo(x.lostByCalamity.approval)}`}`
      : "niet verloren door een calamiteit";
  const all: {
    field: GroupField;
    what: string;
    same: (a: NInvestment, b: NInvestment) => boolean;
    text: (x: NInvestment) => string;
  }[] = [
    {
      field: "inUse",
      what: "worden samen in gebruik genomen",
      same: (a, b) => a.inUse === b.inUse,
      text: (x) => `in gebruik ${yesNo(x.inUse)}`,
    },
    {
      field: "vatDeductible",
      what: "hebben dezelfde btw-behandeling",
      same: (a, b) => a.vatDeductible === b.vatDeductible,
      text: (x) => `btw aftrekbaar ${yesNo(x.vatDeductible)}`,
    },
    {
      field: "override",
      what: "worden samen beoordeeld",
      same: (a, b) => a.override?.eligible === b.override?.eligible,
      text: (x) => (x.override ? `handmatig beoordeeld: ${x.override.eligible ? "telt mee" : "telt niet mee"}` : "niet handmatig beoordeeld"),
    },
    {
      field: "lostByCalamity",
      what: "gaan samen verloren en worden samen vervangen",
      same: (a, b) => a.lostByCalamity?.replacedBy === b.lostByCalamity?.replacedBy && a.lostByCalamity?.approval === b.lostByCalamity?.approval,
      text: lost,
    },
  ];
  const checks = all.filter((c) => fields.includes(c.field));
  for (const inv of investments) {
    if (inv.group === undefined) continue;
    const f = first.get(inv.group);
    if (!f) {
      first.set(inv.group, inv);
      continue;
    }
    const c = checks.find((c) => !c.same(f, inv));
    if (c)
      refuse(
        inv,
        "INVALID_GROUP",
        `investments[${inv.index}].${c.field}`,
        written(inv, c.field),
        `regels van één bedrijfsmiddel (groep "${inv.group}") ${c.what}; ${f.id}: ${c.text(f)}, deze regel: ${c.text(inv)}`,
      );
  }
}

/**
 * Each replacement exists, is another asset, and following "replaced by" never comes back (no cycles). `leftOut`:
 * ids of rows validateRows has left out, so a replacement that names one says why it is missing.
 */
function assertReplacements(investments: readonly NInvestment[], byId: ReadonlyMap<string, NInvestment>, refuse: Refuse = throwing, leftOut = NONE): void {
  const refused = new Set<NInvestment>();
  const no = (inv: NInvestment, code: ValidationCode, target: string, reason: string) => {
    refuse(inv, code, `investments[${inv.index}].lostByCalamity.replacedBy`, target, reason);
    refused.add(inv);
  };
  for (const inv of investments) {
    if (!inv.lostByCalamity) continue;
    const target = inv.lostByCalamity.replacedBy;
    const t = byId.get(target);
    if (!t) no(inv, "UNKNOWN_REPLACEMENT", target, noInvestment(target, leftOut));
    else if (target === inv.id) no(inv, "INVALID_REPLACEMENT", target, "een bedrijfsmiddel kan niet zichzelf vervangen");
    else if (inv.group !== undefined && t.group === inv.group)
      no(
        inv,
        "INVALID_REPLACEMENT",
        target,
        `${target} hoort bij hetzelfde bedrijfsmiddel (groep "${inv.group}") als ${inv.id}: een verloren bedrijfsmiddel wordt vervangen door een ander bedrijfsmiddel`,
      );
  }
  // Cycle check: every chain a -> b -> c ... is followed at most once (colours: 1 on the path, 2 done).
  const state = new Map<string, 1 | 2>();
  for (const start of investments) {
    if (!start.lostByCalamity || refused.has(start) || state.get(start.id) === 2) continue;
    const path: NInvestment[] = [];
    let cur: NInvestment | undefined = start;
    while (cur && cur.lostByCalamity && !refused.has(cur) && state.get(cur.id) !== 2) {
      if (state.get(cur.id) === 1) {
        const cycle = path.slice(path.indexOf(cur)).map((x) => x.id);
        no(
          cur,
          "INVALID_REPLACEMENT",
          cur.lostByCalamity.replacedBy,
          `vervangingen vormen een kring (${[...cycle, cur.id].join(" → ")}): een verloren bedrijfsmiddel wordt vervangen door een ander, nieuw bedrijfsmiddel`,
        );
        break;
      }
      state.set(cur.id, 1);
      path.push(cur);
      cur = byId.get(cur.lostByCalamity.replacedBy);
    }
    for (const p of path) state.set(p.id, 2);
  }
}

/** What a scenario says besides its rows, validated; the rows' lists as given (checked to be lists). */
function validateFrame(raw: unknown) {
  const o = expectObject(raw, "scenario");
  onlyKnownKeys(o, SCENARIO_KEYS, "scenario");
  if (o.year === undefined) fail("MISSING_FIELD", "year", undefined, "het jaar ontbreekt");
  const year = parseYear(o.year, "year");
  getYearTable(year, "year");
  if (o.exact !== undefined && typeof o.exact !== "boolean") {
    fail("INVALID_TYPE", "exact", o.exact, "verwacht true of false");
  }
  const description = optString(o, "description", "scenario");
  if (!Array.isArray(o.investments)) {
    fail(o.investments === undefined ? "MISSING_FIELD" : "INVALID_TYPE", "investments", o.investments, "verwacht een lijst met investeringen");
  }
  return {
    o,
    year,
    exact: o.exact === true,
    description,
    investments: o.investments as unknown[],
  };
}

function disposalList(o: Obj): unknown[] {
  if (o.disposals !== undefined && !Array.isArray(o.disposals)) {
    fail("INVALID_TYPE", "disposals", o.disposals, "verwacht een lijst met vervreemdingen");
  }
  return (o.disposals as unknown[] | undefined) ?? [];
}

/** The disposals total and the partnership (after the rows: their errors come after the rows' in validateScenario). */
function validateRest(o: Obj, year: number) {
  const disposalsTotal = o.disposalsTotal === undefined ? undefined : parseAmount(o.disposalsTotal, "disposalsTotal");
  return {
    disposalsTotal,
    carriedIn: o.carriedIn === undefined ? undefined : validateCarriedIn(o.carriedIn, year),
    partnership: o.partnership === undefined ? undefined : validatePartnership(o.partnership),
  };
}

/**
 * carriedIn: the parts of earlier years' KIA still open (art. 3.44). Each investment year once and before this year,
 * each asset once in its year; paid by the end of this year is not less than paid before it.
 */
export function validateCarriedIn(raw: unknown, year: number): NCarriedYear[] {
  if (!Array.isArray(raw)) fail("INVALID_TYPE", "carriedIn", raw, "verwacht een lijst met jaren");
  const years = new Set<number>();
  return raw.map((r, i): NCarriedYear => {
    const field = `carriedIn[${i}]`;
    const o = expectObject(r, field);
    onlyKnownKeys(o, CARRIED_YEAR_KEYS, field);
    if (o.year === undefined) fail("MISSING_FIELD", `${field}.year`, undefined, "het investeringsjaar ontbreekt");
    const y = parseYear(o.year, `${field}.year`);
    if (y >= year) fail("INVALID_YEAR", `${field}.year`, o.year, `een deel dat doorschuift komt uit een eerder jaar dan ${year}`);
    if (years.has(y)) fail("INVALID_COMBINATION", `${field}.year`, o.year, `${y} staat al eerder in carriedIn`);
    years.add(y);
    if (!Array.isArray(o.assets))
      fail(o.assets === undefined ? "MISSING_FIELD" : "INVALID_TYPE", `${field}.assets`, o.assets, "verwacht een lijst met bedrijfsmiddelen");
    const names = new Set<string>();
    const assets = (o.assets as unknown[]).map((a, j): NCarriedAsset => {
      const af = `${field}.assets[${j}]`;
      const x = expectObject(a, af);
      onlyKnownKeys(x, CARRIED_ASSET_KEYS, af);
      const asset = idOf(x.asset, af, "asset");
      if (names.has(asset)) fail("DUPLICATE_ID", `${af}.asset`, x.asset, `bedrijfsmiddel ${asset} staat al eerder in ${y}`);
      names.add(asset);
      const open = parseAmount(x.open, `${af}.open`);
      const paidBefore = x.paidBefore === undefined ? ZERO : parseAmount(x.paidBefore, `${af}.paidBefore`);
      const paid = x.paid === undefined ? paidBefore : parseAmount(x.paid, `${af}.paid`);
      if (paid.lt(paidBefore))
        fail(
          "INVALID_COMBINATION",
          `${af}.paid`,
          x.paid,
          `betaald tot het einde van ${year} is minder dan betaald tot het einde van ${year - 1} (${formatEuro(paidBefore)})`,
        );
      if (x.basis !== undefined && x.basis !== "ledger" && x.basis !== "user") fail("INVALID_TYPE", `${af}.basis`, x.basis, 'verwacht "ledger" of "user"');
      return {
        asset,
        ...(x.description === undefined ? {} : { description: optString(x, "description", af) }),
        ...(x.amount === undefined ? {} : { amount: parseAmount(x.amount, `${af}.amount`) }),
        open,
        paidBefore,
        paid,
        inUse: optBool(x, "inUse", af) ?? false,
        ...(x.basis === undefined ? {} : { basis: x.basis as "ledger" | "user" }),
        partners: carriedPartners(x.partners, `${af}.partners`, true).map((p) => ({ name: p.name, open: p.open, share: p.share! })),
      };
    });
    return {
      year: y,
      ...(o.open === undefined ? {} : { open: parseAmount(o.open, `${field}.open`) }),
      ...(o.source === undefined ? {} : { source: optString(o, "source", field) }),
      assets,
      partners: carriedPartners(o.partners, `${field}.partners`, false),
    };
  });
}

function carriedPartners(raw: unknown, field: string, withShare: boolean): { name: string; open: Decimal; share?: Decimal }[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail("INVALID_TYPE", field, raw, "verwacht een lijst met vennoten");
  const seen = new Set<string>();
  return raw.map((r, k) => {
    const pf = `${field}[${k}]`;
    const p = expectObject(r, pf);
    onlyKnownKeys(p, new Set(withShare ? ["name", "open", "share"] : ["name", "open"]), pf);
    const name = optString(p, "name", pf, MAX_ID_LENGTH)?.trim();
    if (!name) fail("MISSING_FIELD", `${pf}.name`, p.name, "de naam van de vennoot ontbreekt");
    if (seen.has(name)) fail("INVALID_COMBINATION", `${pf}.name`, name, "deze vennoot staat al eerder in de lijst");
    seen.add(name);
    return {
      name,
      open: parseAmount(p.open, `${pf}.open`),
      ...(withShare ? { share: rateOf(p.share, `${pf}.share`) } : {}),
    };
  });
}

/** Refuses a disposal that names an investment another disposal already named. */
function assertLinkedOnce(disposals: readonly NDisposal[], refuse: Refuse = throwing): void {
  const linked = new Set<string>();
  for (const d of disposals) {
    if (d.investment === undefined) continue;
    if (linked.has(d.investment))
      refuse(d, "INVALID_DISPOSAL", `disposals[${d.index}].investment`, d.investment, "deze investering is al bij een andere vervreemding genoemd");
    else linked.add(d.investment);
  }
}

export function validateScenario(raw: unknown): NormalizedScenario {
  const f = validateFrame(raw);
  // the rows in a group and the rows lost by a calamity, for the checks that concern only them (one pass over a
  // ledger of 100.000 rows each, not four)
  const grouped: NInvestment[] = [];
  const lost: NInvestment[] = [];
  const investments = f.investments.map((r, i) => {
    const inv = validateInvestment(r, i);
    if (inv instanceof Refused) throw inv.error();
    if (inv.group !== undefined) grouped.push(inv);
    if (inv.lostByCalamity) lost.push(inv);
    return inv;
  });
  const spellings = new Map<string, string>();
  for (const inv of grouped) inv.group = sameGroupSpelling(spellings, inv.group!);
  const byId: ReadonlyMap<string, NInvestment> = indexById(investments, "investments");
  assertReplacements(lost, byId);
  assertConsistentGroups(grouped, throwing, ALL_GROUP_FIELDS, f.investments);
  const disposals = disposalList(f.o).map((d, i) => validateDisposal(d, i, f.year, byId));
  indexById(disposals, "disposals");
  assertLinkedOnce(disposals);
  const rest = validateRest(f.o, f.year);
  assertPartnerRates(disposals, rest.partnership, throwing);
  return {
    year: f.year,
    exact: f.exact,
    description: f.description,
    investments,
    byId,
    partnership: rest.partnership,
    disposals,
    disposalsTotal: rest.disposalsTotal,
    ...(rest.carriedIn ? { carriedIn: rest.carriedIn } : {}),
  };
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

/** Why a row is left out: the error a row threw, or what a check across rows (or a row left out) says of it. */
interface Refusal {
  code: ValidationCode;
  field: string;
  value: unknown;
  reason: string;
  /** the field within the row, when known without cutting it out of `field` */
  key?: string;
  /** a thrown error's message; made when read for the others (no Error, no stack trace per row of 50.000) */
  message?: string;
}

class LeftOut implements RowError {
  readonly id?: string;
  readonly field: string;
  readonly key: string;
  readonly code: ValidationCode;
  readonly reason: string;
  private readonly value: unknown;
  /** the message: a thrown error's, else made when first read */
  private text: string | undefined;

  constructor(
    readonly list: RowError["list"],
    readonly index: number,
    id: string | undefined,
    refusal: Refusal,
  ) {
    if (id !== undefined) this.id = id;
    // the refusal's fields, not the refusal: 100.000 rows left out keep one object each
    this.value = refusal.value;
    this.text = refusal.message;
    this.field = refusal.field;
    if (refusal.key !== undefined) this.key = refusal.key;
    else {
      // the field after "investments[3]" and its point
      const at = list.length + String(index).length + 2;
      this.key = refusal.field.slice(refusal.field.charCodeAt(at) === 46 ? at + 1 : at);
    }
    this.code = refusal.code;
    this.reason = refusal.reason;
  }

  get message(): string {
    return (this.text ??= new KiaValidationError(this.code, this.field, this.value, this.reason).message);
  }
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
}

/**
 * The rows refused, by their place in the list: an array rather than a Map, so a ledger of 100.000 bad rows hashes
 * no keys. A row is refused once; its refusal may be reworded (set again), which keeps its place in `order`.
 */
class Refusals {
  private readonly byRow: (Refusal | undefined)[];
  /** the rows in the order they were refused */
  readonly order: number[] = [];

  constructor(n: number) {
    this.byRow = new Array(n);
  }

  get size(): number {
    return this.order.length;
  }

  has(i: number): boolean {
    return this.byRow[i] !== undefined;
  }

  get(i: number): Refusal | undefined {
    return this.byRow[i];
  }

  set(i: number, r: Refusal): void {
    if (this.byRow[i] === undefined) this.order.push(i);
    this.byRow[i] = r;
  }

  /** the rows refused in list order (one scan: no sort of 100.000 numbers) */
  inListOrder(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.byRow.length; i++) if (this.byRow[i] !== undefined) out.push(i);
    return out;
  }
}

/** run(), or undefined when it throws a KiaValidationError (handed to onError); other exceptions pass. */
function attempt<T>(run: () => T, onError: (e: KiaValidationError) => void = () => undefined): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KiaValidationError)) throw e;
    onError(e);
    return undefined;
  }
}

/**
 * validateScenario for a ledger: every investment and disposal the core refuses is left out and listed with its
 * error (the same field, code and message validateScenario would throw for it alone), in one pass; the rest is
 * validated as validateScenario would. What concerns the scenario as a whole (year, exact, description, a list that
 * is not a list, disposalsTotal, the partnership) is thrown as by validateScenario.
 *
 * What follows from leaving a row out is left out with it, and said so in its own message:
 *  - a group is one asset (besluit onderdeel 2.2): a row of a group left out takes the group's other rows with it;
 *  - a calamity entry whose replacement is left out, and a disposal of an investment that is left out, go too.
 * A disposal of an earlier year inside the five-year window whose investment year has no table (which evaluate()
 * would refuse) is left out as well. The order: each row on its own (its calamity entry aside), duplicate ids,
 * groups that disagree; then the calamity entries, which name other rows; then the disposals. So leaving rows out
 * first without their calamity entries and then validating the rest with `leftOut` gives the same as one call.
 * validateScenario(result.scenario) does not throw about a row.
 */
export function validateRows(raw: unknown, options: RowsOptions = {}): RowsValidated {
  const f = validateFrame(raw);
  const rawDisposals = disposalList(f.o);
  const rest = validateRest(f.o, f.year);
  const rows = f.investments;
  const n = rows.length;
  const at = (i: number) => new Where("investments", i);
  const errors = new Refusals(n);
  const record: Refuse = (item, code, field, value, reason) => {
    if (!errors.has(item.index)) errors.set(item.index, { code, field, value, reason });
  };
  const invs: (NInvestment | undefined)[] = new Array(n);
  const hint = categoryHints();
  // the id of every row, also of a row refused (undefined until asked, null when it has no readable id)
  const ids: (string | null | undefined)[] = new Array(n);
  // A row's fault comes back as a Refused, not thrown: no Error per bad row, so a bad ledger is as cheap as a good
  // one (npm run bench: validateRows).
  for (let i = 0; i < n; i++) {
    const r = validateInvestment(rows[i], i, true, hint);
    if (r instanceof Refused) {
      errors.set(i, r);
      if (r.id !== undefined) ids[i] = r.id;
    } else {
      invs[i] = r;
      ids[i] = r.id;
    }
  }
  // the rows not (yet) left out; rows are only ever added to `errors`, so its size tells whether this changed
  let alive: NInvestment[] = [];
  let aliveAt = -1;
  const live = () => {
    if (aliveAt === errors.size) return alive;
    alive = [];
    for (const x of invs) if (x && !errors.has(x.index)) alive.push(x);
    aliveAt = errors.size;
    return alive;
  };
  const byIdOf = (list: readonly NInvestment[]) => new Map(list.map((x) => [x.id, x]));
  const field = (i: number, key: string): unknown => {
    const r = rows[i];
    return isObj(r) ? r[key] : undefined;
  };
  const idAt = (i: number): string | undefined => {
    let id = ids[i];
    if (id === undefined) {
      const read = readId(field(i, "id"));
      id = ids[i] = typeof read === "string" ? read : null;
    }
    return id ?? undefined;
  };
  const name = (i: number) => {
    const id = idAt(i);
    return id === undefined ? `investments[${i}]` : `investering ${id}`;
  };
  // the group of every row, also of a row refused on its own (when its group is readable)
  const groups = new Array<string | undefined>(n);
  const members = new Map<string, number[]>();
  const spellings = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    let g = invs[i] ? invs[i]!.group : isObj(r) && r.group !== undefined ? readGroup(r.group, at(i)) : undefined;
    if (g instanceof Refused) g = undefined;
    if (g !== undefined) {
      g = sameGroupSpelling(spellings, g);
      if (invs[i]) invs[i]!.group = g;
    }
    groups[i] = g;
    if (g !== undefined) {
      const m = members.get(g);
      if (m) m.push(i);
      else members.set(g, [i]);
    }
  }
  const byGroup = new Set<number>();
  const groupsGone = new Set<string>();
  /** leaves out what follows from leaving out `seeds`: the rest of their groups, and what `refs` says replaces them */
  const spread = (seeds: number[], refs?: ReadonlyMap<string, number[]>, byId?: ReadonlyMap<string, NInvestment>) => {
    const queue = seeds.sort((a, b) => a - b);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      const g = groups[i];
      // each group once: a group of 50.000 bad rows is 50.000 steps, not 50.000 squared
      if (g !== undefined && !groupsGone.has(g)) {
        groupsGone.add(g);
        const reason = `hoort bij hetzelfde bedrijfsmiddel (groep "${g}") als ${name(i)}, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn`;
        for (const m of members.get(g)!) {
          if (errors.has(m)) continue;
          errors.set(m, {
            code: "INVALID_GROUP",
            field: `investments[${m}].group`,
            value: g,
            reason,
          });
          byGroup.add(m);
          queue.push(m);
        }
      }
      const inv = invs[i];
      if (!refs || !inv || byId?.get(inv.id) !== inv) continue;
      for (const r of refs.get(inv.id) ?? []) {
        if (errors.has(r)) continue;
        errors.set(r, {
          code: "UNKNOWN_REPLACEMENT",
          field: `investments[${r}].lostByCalamity.replacedBy`,
          value: inv.id,
          reason: leftOutText(inv.id),
        });
        queue.push(r);
      }
    }
  };
  /** the rows refused since errors.size was `before` */
  const added = (before: number) => errors.order.slice(before);
  /**
   * the ids of the rows left out so far that no kept row has; made when first asked (only a replacement or a
   * disposal that names no kept row asks), so a ledger of many bad rows builds no set of their ids
   */
  const leftOutIds = (kept: ReadonlyMap<string, NInvestment>): Ids => {
    const upTo = errors.size;
    let out: Set<string> | undefined;
    const made = () => {
      out = new Set(options.leftOut ?? []);
      for (let k = 0; k < upTo; k++) {
        const id = idAt(errors.order[k]);
        if (id !== undefined && !kept.has(id)) out.add(id);
      }
      return out;
    };
    return { has: (id) => (out ?? made()).has(id) };
  };

  // 1. The rows without their calamity entries: each on its own, duplicate ids, groups that disagree.
  const unique = indexById(live(), "investments", record);
  const uniqueAt = errors.size;
  assertConsistentGroups(live(), record, ["inUse", "vatDeductible", "override"], f.investments);
  spread(errors.order.slice());

  // 2. The calamity entries of the rows kept: each replacement is a kept row, no cycles, the same in a group.
  const survivors = live();
  const byIdKept = errors.size === uniqueAt ? unique : byIdOf(survivors);
  const survivorsAt = errors.size;
  const leftOut = leftOutIds(byIdKept);
  const before = errors.size;
  for (const inv of survivors) {
    const v = field(inv.index, "lostByCalamity");
    if (v !== undefined)
      attempt(
        () => (inv.lostByCalamity = validateLost(v, at(inv.index))),
        (e) => errors.set(inv.index, e),
      );
  }
  const refs = new Map<string, number[]>();
  for (const x of live())
    if (x.lostByCalamity) {
      const r = refs.get(x.lostByCalamity.replacedBy);
      if (r) r.push(x.index);
      else refs.set(x.lostByCalamity.replacedBy, [x.index]);
    }
  assertReplacements(live(), byIdKept, record, leftOut);
  assertConsistentGroups(live(), record, ["lostByCalamity"], f.investments);
  spread(added(before), refs, byIdKept);

  // 3. The disposals, against the investments kept.
  const kept = live();
  const byId = errors.size === survivorsAt ? byIdKept : byIdOf(kept);
  const gone = leftOutIds(byId);
  const disposalErrors = new Map<number, Refusal>();
  const ds = rawDisposals.map((r, j) =>
    attempt(
      () => {
        const d = validateDisposal(r, j, f.year, byId, gone);
        // evaluate() needs the table of an earlier investment year inside the window: refused here, not there
        if (d.investment === undefined) disposalAddition(d, f.year);
        return d;
      },
      (e) => disposalErrors.set(j, e),
    ),
  );
  const recordDisposal: Refuse = (item, code, fieldName, value, reason) => {
    if (!disposalErrors.has(item.index)) disposalErrors.set(item.index, { code, field: fieldName, value, reason });
  };
  const liveDisposals = () => ds.filter((d): d is NDisposal => !!d && !disposalErrors.has(d.index));
  indexById(liveDisposals(), "disposals", recordDisposal);
  assertLinkedOnce(liveDisposals(), recordDisposal);
  assertPartnerRates(liveDisposals(), rest.partnership, recordDisposal);
  const keptDisposals = liveDisposals();

  // A row that takes its group with it says so.
  for (const i of errors.order) {
    const e = errors.get(i)!;
    const g = groups[i];
    const size = g === undefined ? 0 : members.get(g)!.length;
    if (size < 2 || byGroup.has(i)) continue;
    errors.set(i, {
      code: e.code,
      field: e.field,
      key: e.key,
      value: e.value,
      reason: `${e.reason}; daardoor telt de hele groep "${g}" (${size} regels) niet mee`,
    });
  }

  if (errors.size) kept.forEach((x, k) => (x.index = k));
  if (disposalErrors.size) keptDisposals.forEach((d, k) => (d.index = k));
  const out: RowError[] = [];
  for (const i of errors.inListOrder()) out.push(new LeftOut("investments", i, idAt(i), errors.get(i)!));
  for (const j of [...disposalErrors.keys()].sort((a, b) => a - b)) {
    const r = rawDisposals[j];
    const id = attempt(() => idOf(isObj(r) ? r.id : undefined, `disposals[${j}].id`));
    out.push(new LeftOut("disposals", j, id, disposalErrors.get(j)!));
  }

  let scenario = raw as Scenario;
  if (out.length) {
    scenario = { ...(f.o as unknown as Scenario) };
    if (errors.size) scenario.investments = rows.filter((_, i) => !errors.has(i)) as ScenarioInvestment[];
    if (disposalErrors.size) {
      const left = rawDisposals.filter((_, j) => !disposalErrors.has(j)) as ScenarioDisposal[];
      if (left.length) scenario.disposals = left;
      else delete scenario.disposals;
    }
  }
  return {
    scenario,
    normalized: {
      year: f.year,
      exact: f.exact,
      description: f.description,
      investments: kept,
      byId,
      partnership: rest.partnership,
      disposals: keptDisposals,
      disposalsTotal: rest.disposalsTotal,
      ...(rest.carriedIn ? { carriedIn: rest.carriedIn } : {}),
    },
    errors: out,
  };
}
