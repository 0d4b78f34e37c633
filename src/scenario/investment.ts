/**
 * An investment row (ScenarioInvestment) validated on its own, and the checks across investment rows: the rows of
 * one group are one asset (besluit onderdeel 2.2), and a calamity's replacements (besluit onderdeel 4.4).
 */
import { centsDecimal, centsOfNumber, centsOfString, isCentsText } from "../cents";
import { Decimal } from "../decimal";
import type { ValidationCode } from "../errors";
import { findCategory, unknownCategoryHint, type CategoryData } from "../law";
import { formatEuro, formatEuroCents, isAmountProblem, readAmount, type AmountProblem } from "../money";
import type { NInvestment } from "./contract";
import {
  type At,
  expectObject,
  fail,
  idOf,
  isObj,
  MAX_ID_LENGTH,
  MAX_TEXT_LENGTH,
  type Obj,
  onlyKnownKeys,
  optBool,
  readBool,
  readId,
  readObject,
  readString,
  type Reason,
  Refused,
  refusedAt,
  unknownKey,
  Where,
} from "./read";
import { noInvestment, NONE, type Refuse, throwing } from "./refuse";

/** An amount in a message exactly as it is (€ 100,004), not rounded to cents. */
const exactEuro = (d: Decimal) => formatEuro(d, Math.max(2, d.decimalPlaces()));

/**
 * A validated investment. Its amount is kept as integer cents where it is whole cents (the common case): the
 * Decimal is made only when a step needs it, so a ledger of 100.000 rows is validated and totalled without
 * creating 100.000 Decimals.
 */
class Investment implements NInvestment {
  private _amount: Decimal | undefined;
  private _paid: Decimal | undefined;
  /** the paid part in integer cents (-1: a Decimal, in _paid); the same as `cents` when paid in full */
  private readonly paidCents: number;
  /** the amount as the row gave it, where that is centsText's text of `cents` (isCentsText); else undefined */
  readonly amountText: string | undefined;
  /** the five yes/no fields as bits (Flag): one field of the object instead of five */
  private readonly flags: number;
  description: string | undefined;
  group: string | undefined;
  date: string | undefined;
  marketValue?: Decimal;
  exemptionPossible?: boolean;
  reinvestmentReserve?: NInvestment["reinvestmentReserve"];
  lostByCalamity?: { replacedBy: string; approval?: boolean };
  override?: { eligible: boolean; reason: string };

  // Every row has the same fields, written here in one order, so every Investment has one hidden class (V8's map):
  // the passes over 100.000 rows then read each field at a known place. Rows with fields written or not were of five
  // or six classes, and a read at a place that sees more than four is looked up in a shared cache instead: the pass
  // over the rows took half as long again. Only what a row almost never has (a market value, a reserve, a
  // calamity, a manual verdict, a Decimal amount) is written when given and read as undefined from the prototype
  // otherwise; such a row has a class of its own, which leaves the common rows alone. The yes/no fields share one
  // number: 10 fields (104 bytes) per row, which the garbage collector copies while evaluate() runs.
  constructor(
    /** the place in the scenario's list (validateRows renumbers the rows it keeps) */
    public index: number,
    readonly id: string,
    readonly category: CategoryData,
    readonly cents: number,
    paidCents: number,
    amountText: string | undefined,
    flags: number,
    description: string | undefined,
    group: string | undefined,
    date: string | undefined,
  ) {
    this.flags = flags;
    this.paidCents = paidCents;
    this.amountText = amountText;
    this.description = description;
    this.group = group;
    this.date = date;
  }

  /** The fields a row almost never has, each written only when given (a row without them keeps the common class). */
  withRare(
    amount: Decimal | undefined,
    paid: Decimal | undefined,
    marketValue: Decimal | undefined,
    exemptionPossible: boolean | undefined,
    reserve: NInvestment["reinvestmentReserve"],
    lost: NInvestment["lostByCalamity"],
    override: NInvestment["override"],
  ): this {
    if (amount !== undefined) this._amount = amount;
    if (paid !== undefined) this._paid = paid;
    if (marketValue !== undefined) this.marketValue = marketValue;
    if (exemptionPossible !== undefined) this.exemptionPossible = exemptionPossible;
    if (reserve) this.reinvestmentReserve = reserve;
    if (lost !== undefined) this.lostByCalamity = lost;
    if (override !== undefined) this.override = override;
    return this;
  }

  get amount(): Decimal {
    return (this._amount ??= centsDecimal(this.cents));
  }

  get paid(): Decimal {
    if (this._paid === undefined) this._paid = this.paidCents === this.cents ? this.amount : centsDecimal(this.paidCents);
    return this._paid;
  }

  get vatDeductible(): boolean {
    return (this.flags & Flag.vatDeductible) !== 0;
  }

  get relatedParty(): boolean {
    return (this.flags & Flag.relatedParty) !== 0;
  }

  get exemption(): boolean {
    return (this.flags & Flag.exemption) !== 0;
  }

  get inUse(): boolean {
    return (this.flags & Flag.inUse) !== 0;
  }

  get eiaMia(): boolean {
    return (this.flags & Flag.eiaMia) !== 0;
  }
}
// the fields a row almost never has: undefined unless the row says otherwise
for (const key of ["_amount", "_paid", "marketValue", "exemptionPossible", "reinvestmentReserve", "lostByCalamity", "override"])
  Object.defineProperty(Investment.prototype, key, { value: undefined, writable: true, enumerable: false, configurable: true });

/** An Investment's yes/no fields, one bit each. */
const enum Flag {
  vatDeductible = 1,
  relatedParty = 2,
  exemption = 4,
  inUse = 8,
  eiaMia = 16,
}

/**
 * An amount field as integer cents (the fast path: a number or decimal string with at most two decimals below
 * € 10^13), for anything else a checked Decimal, or why it is no amount. This is the one place that decides the path.
 */
function amountField(value: unknown): number | Decimal | AmountProblem {
  const c = typeof value === "number" ? centsOfNumber(value) : typeof value === "string" ? centsOfString(value.trim()) : -1;
  return c >= 0 ? c + 0 : readAmount(value);
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
/**
 * The known keys of a row as bits, in INVESTMENT_KEYS' order: keyBits reads which keys a row has in the pass that
 * looks for an unknown key, and validateInvestment reads only those (a read of a property a row lacks costs V8 a
 * lookup along the prototype chain: 14 of them per row of a ledger that says only id, category and amount).
 */
const enum Key {
  id = 1 << 0,
  description = 1 << 1,
  category = 1 << 2,
  amount = 1 << 3,
  vatDeductible = 1 << 4,
  group = 1 << 5,
  relatedParty = 1 << 6,
  exemption = 1 << 7,
  exemptionPossible = 1 << 8,
  reinvestmentReserve = 1 << 9,
  marketValue = 1 << 10,
  paid = 1 << 11,
  inUse = 1 << 12,
  lostByCalamity = 1 << 13,
  eiaMia = 1 << 14,
  override = 1 << 15,
  date = 1 << 16,
}
// keyBit's switch and the enum must name INVESTMENT_KEYS, in its order: checked once, when the module loads
[...INVESTMENT_KEYS].forEach((k, i) => {
  if (keyBit(k) !== 1 << i) throw new Error(`investment.ts: keyBit("${k}") is not bit ${i} of INVESTMENT_KEYS`);
});
/** Every key: a row that is not a plain object has each field read, as its properties may not all be enumerable. */
const ALL_KEYS = (1 << INVESTMENT_KEYS.size) - 1;

/**
 * The known keys a plain object has (for...in: its enumerable keys, its own and any inherited), or -1 when it has
 * one that is not known; any other object: all keys, or -1.
 */
function keyBits(o: Obj): number {
  if (Object.getPrototypeOf(o) !== Object.prototype) return onlyKeysOf(o, INVESTMENT_KEYS) ? ALL_KEYS : -1;
  let bits = 0;
  for (const k in o) {
    const b = keyBit(k);
    if (b === 0) return -1;
    bits |= b;
  }
  return bits;
}

/**
 * A known key's bit, or 0. A switch, not a Map: the keys for...in gives and the texts here are both internalised, so
 * each case is one comparison of two pointers (the common keys first), where a Map lookup hashes the key.
 */
function keyBit(k: string): number {
  switch (k) {
    case "id":
      return Key.id;
    case "category":
      return Key.category;
    case "amount":
      return Key.amount;
    case "description":
      return Key.description;
    case "group":
      return Key.group;
    case "paid":
      return Key.paid;
    case "inUse":
      return Key.inUse;
    case "date":
      return Key.date;
    case "vatDeductible":
      return Key.vatDeductible;
    case "relatedParty":
      return Key.relatedParty;
    case "exemption":
      return Key.exemption;
    case "exemptionPossible":
      return Key.exemptionPossible;
    case "reinvestmentReserve":
      return Key.reinvestmentReserve;
    case "marketValue":
      return Key.marketValue;
    case "lostByCalamity":
      return Key.lostByCalamity;
    case "eiaMia":
      return Key.eiaMia;
    case "override":
      return Key.override;
    default:
      return 0;
  }
}

const CALAMITY_KEYS = new Set(["replacedBy", "approval"]);
const RESERVE_KEYS = new Set(["amount", "kind", "declaration"]);
const OVERRIDE_KEYS = new Set(["eligible", "reason"]);

export function readGroup(v: unknown, field: At): string | undefined | Refused {
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
export function groupName(v: string): string {
  const t = v.trim();
  return t.includes("  ") ? t.replace(/ {2,}/g, " ") : t;
}

/**
 * Group names are not case-sensitive ("PC set" and "pc set" are one asset), as Excel's MATCH in the template:
 * every row takes the spelling of the group's first row. `names` carries the first spellings across calls.
 */
export function sameGroupSpelling(names: Map<string, string>, group: string): string {
  // A spelling seen before is found as it is, without making its lower case (a new text per row). `names` holds
  // the lower cases and the spellings seen: a spelling that is its own lower case is one key for both, and one
  // that is not (it has a capital) is never another's lower case.
  const seen = names.get(group);
  if (seen !== undefined) return seen;
  const key = group.toLowerCase();
  const first = names.get(key) ?? group;
  names.set(key, first);
  names.set(group, first);
  return first;
}

function readDate(v: unknown, field: At): string | undefined | Refused {
  if (v === undefined) return undefined;
  if (typeof v === "string") {
    const t = v.trim();
    if (isIsoDate(t)) return t;
  }
  return refusedAt("INVALID_TYPE", field, "date", v, "verwacht een datum als jjjj-mm-dd, zoals 2025-03-31");
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `t` is jjjj-mm-dd and a day of the calendar, read character by character (a ledger dates 100.000 rows):
 * what the regular expression /^(\d{4})-(\d{2})-(\d{2})$/ with Date.UTC accepted, which read the years 0 to 99 as
 * 1900 to 1999 and so refused them.
 */
export function isIsoDate(t: string): boolean {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 /* - */ || t.charCodeAt(7) !== 45) return false;
  const y = digits(t, 0, 4);
  const m = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

/** The number the `n` ASCII digits of `t` from `at` write, or -1. */
function digits(t: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/** A row's calamity entry: lost and replaced by another asset of this year (checked across rows later). */
export function validateLost(v: unknown, field: At): NInvestment["lostByCalamity"] {
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
export function validateInvestment(
  raw: unknown,
  index: number,
  laterLost = false,
  hint: (category: string) => Reason = unknownCategoryHint,
): NInvestment | Refused {
  // Where the row sits is made only for a fault, and this function makes no closure: a valid row allocates its
  // Investment and nothing else (a closure here would give every call a context object, whether it runs or not).
  if (!isObj(raw)) return readObject(raw, rowAt(index)) as Refused;
  const o = raw;
  const has = keyBits(o);
  if (has < 0) return unknownKey(o, INVESTMENT_KEYS, rowAt(index))!;
  const id = readId(o.id);
  if (typeof id !== "string") return refusedAt(id.problem, rowAt(index), "id", o.id, id.reason, null);
  if (typeof o.category !== "string")
    return refusedRow(
      o.category === undefined ? "MISSING_FIELD" : "INVALID_TYPE",
      index,
      "category",
      o.category,
      'verwacht een categoriecode, zoals "machine"',
      id,
    );
  const category = o.category.length <= MAX_ID_LENGTH ? findCategory(o.category) : undefined;
  if (!category) return unknownCategory(index, o.category, id, hint);
  // read once: the text kept for the report below is the text whose cents were read (a getter may answer otherwise)
  const rawAmount = o.amount;
  const amount = amountField(rawAmount);
  if (isAmountProblem(amount)) return refusedRow(amount.problem, index, "amount", rawAmount, amount.reason, id);
  const rawPaid = has & Key.paid ? o.paid : undefined;
  const paid = rawPaid === undefined ? amount : amountField(rawPaid);
  if (isAmountProblem(paid)) return refusedRow(paid.problem, index, "paid", rawPaid, paid.reason, id);
  if (typeof amount === "number" && typeof paid === "number" ? paid > amount : asDecimal(paid).gt(asDecimal(amount)))
    return paidTooHigh(index, rawPaid, amount, id);
  const relatedParty = rowBool(has & Key.relatedParty ? o.relatedParty : undefined, index, "relatedParty") ?? false;
  if (relatedParty instanceof Refused) return relatedParty;
  const exemption = rowBool(has & Key.exemption ? o.exemption : undefined, index, "exemption") ?? false;
  if (exemption instanceof Refused) return exemption;
  if (exemption && !relatedParty)
    return refusedRow(
      "INVALID_COMBINATION",
      index,
      "exemption",
      o.exemption,
      "een ontheffing (besluit onderdeel 5) bestaat alleen voor een verplichting met een verbonden partij: zet ook relatedParty op true, of laat exemption weg",
      id,
    );
  const exemptionPossible = rowBool(has & Key.exemptionPossible ? o.exemptionPossible : undefined, index, "exemptionPossible");
  if (exemptionPossible instanceof Refused) return exemptionPossible;
  if (exemptionPossible !== undefined && (!relatedParty || exemption))
    return refusedRow(
      "INVALID_COMBINATION",
      index,
      "exemptionPossible",
      o.exemptionPossible,
      "geldt alleen voor een verplichting met een verbonden partij zonder geclaimde ontheffing (besluit onderdeel 5.1.3): zet relatedParty op true en exemption op false, of laat dit veld weg",
      id,
    );
  let marketValue: Decimal | undefined;
  const rawMarket = has & Key.marketValue ? o.marketValue : undefined;
  if (rawMarket !== undefined) {
    if (!exemption && exemptionPossible !== true)
      return refusedRow(
        "INVALID_COMBINATION",
        index,
        "marketValue",
        rawMarket,
        "de waarde in het economische verkeer telt alleen bij een verbonden partij met ontheffing (besluit onderdeel 5): zet relatedParty en exemption op true, of laat marketValue weg",
        id,
      );
    const mv = readAmount(rawMarket);
    if (isAmountProblem(mv)) return refusedRow(mv.problem, index, "marketValue", rawMarket, mv.reason, id);
    marketValue = mv;
  }
  let reserve: NInvestment["reinvestmentReserve"];
  const rawReserve = has & Key.reinvestmentReserve ? o.reinvestmentReserve : undefined;
  if (rawReserve !== undefined) {
    const r = readReserve(rawReserve, rowAt(index), id, amount);
    if (r instanceof Refused) return r;
    reserve = r;
  }
  const rawLost = laterLost || !(has & Key.lostByCalamity) ? undefined : o.lostByCalamity;
  const lost = rawLost === undefined ? undefined : validateLost(rawLost, rowAt(index));
  let override: NInvestment["override"];
  const rawOverride = has & Key.override ? o.override : undefined;
  if (rawOverride !== undefined) {
    const r = readOverride(rawOverride, rowAt(index), id);
    if (r instanceof Refused) return r;
    override = r;
  }
  const d = has & Key.description ? o.description : undefined;
  const description = d === undefined || (typeof d === "string" && d.length <= MAX_TEXT_LENGTH) ? d : readString(o, "description", rowAt(index));
  if (description instanceof Refused) return description;
  const vatDeductible = rowBool(has & Key.vatDeductible ? o.vatDeductible : undefined, index, "vatDeductible") ?? true;
  if (vatDeductible instanceof Refused) return vatDeductible;
  const rawGroup = has & Key.group ? o.group : undefined;
  const group = rawGroup === undefined ? undefined : readGroup(rawGroup, rowAt(index));
  if (group instanceof Refused) return group;
  const inUse = rowBool(has & Key.inUse ? o.inUse : undefined, index, "inUse") ?? true;
  if (inUse instanceof Refused) return inUse;
  const eiaMia = rowBool(has & Key.eiaMia ? o.eiaMia : undefined, index, "eiaMia") ?? false;
  if (eiaMia instanceof Refused) return eiaMia;
  const rawDate = has & Key.date ? o.date : undefined;
  const date = rawDate === undefined ? undefined : readDate(rawDate, rowAt(index));
  if (date instanceof Refused) return date;
  const inv = new Investment(
    index,
    id,
    category,
    typeof amount === "number" ? amount : -1,
    typeof paid === "number" ? paid : -1,
    typeof amount === "number" && typeof rawAmount === "string" && isCentsText(rawAmount) ? rawAmount : undefined,
    (vatDeductible ? Flag.vatDeductible : 0) |
      (relatedParty ? Flag.relatedParty : 0) |
      (exemption ? Flag.exemption : 0) |
      (inUse ? Flag.inUse : 0) |
      (eiaMia ? Flag.eiaMia : 0),
    description,
    group,
    date,
  );
  return inv.withRare(
    typeof amount === "number" ? undefined : amount,
    typeof paid === "number" ? undefined : paid,
    marketValue,
    exemptionPossible,
    reserve,
    lost,
    override,
  );
}

/** Where row `index` of the investments sits (made for a fault only). */
const rowAt = (index: number) => new Where("investments", index);

/** A fault of a field of row `index`, whose id is read. */
function refusedRow(code: ValidationCode, index: number, key: string, value: unknown, reason: Reason, id: string): Refused {
  return refusedAt(code, rowAt(index), key, value, reason, id);
}

/** Whether every key of `o` is `known` (the fault, when there is one, is made by unknownKey). */
function onlyKeysOf(o: Obj, known: ReadonlySet<string>): boolean {
  for (const k in o) if (!known.has(k)) return false;
  return true;
}

/** A yes/no field of row `index`: readBool, with the row's place made only when the value is refused. */
function rowBool(v: unknown, index: number, key: string): boolean | undefined | Refused {
  return v === undefined || typeof v === "boolean" ? v : readBool(v, rowAt(index), key);
}

function unknownCategory(index: number, category: string, id: string, hint: (category: string) => Reason): Refused {
  const h = hint(category.slice(0, 60));
  return refusedRow(
    "UNKNOWN_CATEGORY",
    index,
    "category",
    category,
    typeof h === "string" ? `onbekende categorie; ${h}` : () => `onbekende categorie; ${h()}`,
    id,
  );
}

function paidTooHigh(index: number, paid: unknown, amount: number | Decimal, id: string): Refused {
  return refusedRow(
    "PAID_EXCEEDS_AMOUNT",
    index,
    "paid",
    paid,
    () => `betaald bedrag is hoger dan het investeringsbedrag (${typeof amount === "number" ? formatEuroCents(amount) : exactEuro(amount)})`,
    id,
  );
}

/** A row's reinvestmentReserve (art. 3.54; besluit 4.2, 4.3): not above the investment amount. */
function readReserve(v: unknown, field: Where, id: string, amount: number | Decimal): NInvestment["reinvestmentReserve"] | Refused {
  const refuse = (code: ValidationCode, key: string, value: unknown, reason: Reason) => refusedAt(code, field, key, value, reason, id);
  const rf = `${field}.reinvestmentReserve`;
  const ro = readObject(v, rf);
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
  return { amount: ramount, kind, declaration };
}

/** A row's manual assessment: eligible or not, always with a written reason. */
function readOverride(v: unknown, field: Where, id: string): NInvestment["override"] | Refused {
  const refuse = (code: ValidationCode, key: string, value: unknown, reason: Reason) => refusedAt(code, field, key, value, reason, id);
  const of = `${field}.override`;
  const ov = readObject(v, of);
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
  return { eligible, reason: reason.trim() };
}

const asDecimal = (x: number | Decimal) => (typeof x === "number" ? centsDecimal(x) : x);

const yesNo = (b: boolean) => (b ? "ja" : "nee");

type GroupField = "inUse" | "vatDeductible" | "override" | "lostByCalamity";
export const ALL_GROUP_FIELDS: readonly GroupField[] = ["inUse", "vatDeductible", "override", "lostByCalamity"];

/**
 * Rows of one group are one asset (besluit 2.2): they share what is said about the asset as a whole: whether it
 * is in use, its VAT treatment, a manual assessment, and a loss by calamity with its replacement and choice. (A
 * related party, an exemption and EIA/MIA belong to an obligation or a part, and may differ between rows.) The
 * raw values are compared; a text is built only for a row that differs. `fields`: which of these are compared.
 */
export function assertConsistentGroups(
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
  // indexed loops and no closure per row: a ledger of 100.000 grouped rows comes through here
  for (let i = 0; i < investments.length; i++) {
    const inv = investments[i];
    if (inv.group === undefined) continue;
    const f = first.get(inv.group);
    if (!f) {
      first.set(inv.group, inv);
      continue;
    }
    let c: (typeof checks)[number] | undefined;
    for (let k = 0; k < checks.length; k++)
      if (!checks[k].same(f, inv)) {
        c = checks[k];
        break;
      }
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
export function assertReplacements(
  investments: readonly NInvestment[],
  byId: ReadonlyMap<string, NInvestment>,
  refuse: Refuse = throwing,
  leftOut = NONE,
): void {
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
