/**
 * Reading one value of a scenario: an object, its known keys, a boolean, a text, an id, a rate; where it sits
 * (investments[3], as text only when a message needs it) and its fault, returned (Refused) or thrown.
 */
import { Decimal } from "../decimal";
import { KiaValidationError, type ValidationCode } from "../errors";

/**
 * Why a value is refused: the sentence, or how to make it when it is read. A sentence that formats an amount or
 * looks for a category's likely spelling waits until someone reads it (validateRows: a ledger of 100.000 bad rows
 * formats no amounts unless their messages are shown).
 */
export type Reason = string | (() => string);

/**
 * A row refused for one of the faults a ledger has most (an unknown category, an amount that is none, paid above the
 * amount): returned by validateInvestment rather than thrown, so a ledger of 100.000 bad rows builds no Error and
 * unwinds no stack per row (validateRows keeps it; validateScenario throws its error()). Its field's text
 * ("investments[3].paid") and its reason are made when first read.
 */
export class Refused {
  /** the field within the row ("amount", "reinvestmentReserve.amount"), when the fault is said of a row */
  readonly key?: string;
  private fieldText: string | undefined;

  constructor(
    readonly code: ValidationCode,
    /** where the value sits, and its key there: the field is path(at, at's key) */
    readonly at: At,
    private readonly atKey: string,
    readonly value: unknown,
    /** the reason, or how to make it */
    readonly why: Reason,
    /** the row's id; null: it has none that is readable; undefined: not read before the fault */
    readonly id?: string | null,
  ) {
    if (at instanceof Where) this.key = atKey;
  }

  get field(): string {
    return (this.fieldText ??= path(this.at, this.atKey));
  }

  get reason(): string {
    return reasonText(this.why);
  }

  error(): KiaValidationError {
    return new KiaValidationError(this.code, this.field, this.value, this.reason);
  }
}

export const reasonText = (why: Reason): string => (typeof why === "string" ? why : why());

export type Obj = Record<string, unknown>;

export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 10000;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function fail(code: ConstructorParameters<typeof KiaValidationError>[0], field: string, value: unknown, reason: string): never {
  throw new KiaValidationError(code, field, value, reason);
}

/**
 * A fault of the value at `at` + `key` (a row's: its key within the row kept, so validateRows need not cut it out of
 * the field's text).
 */
export function refusedAt(code: ValidationCode, at: At, key: string, value: unknown, reason: Reason, id?: string | null): Refused {
  return new Refused(code, at, key, value, reason, id);
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
export class Where {
  constructor(
    private readonly list: string,
    private readonly index: number,
  ) {}
  toString(): string {
    return `${this.list}[${this.index}]`;
  }
}
export type At = string | Where;
export const path = (at: At, key?: string) => (key ? `${at}.${key}` : String(at));

/*
 * The checks of a value come in two forms: readX returns the value or its Refused (validateInvestment, which returns
 * a row's fault rather than throwing it), and the form without "read" throws it (everything else).
 */

export function readObject(v: unknown, field: At): Obj | Refused {
  return isObj(v) ? v : refusedAt("INVALID_TYPE", field, "", v, "verwacht een object");
}

export function expectObject(v: unknown, field: At): Obj {
  return must(readObject(v, field));
}

/** The first key of `o` that is not `known`, refused; undefined when there is none. */
export function unknownKey(o: Obj, known: ReadonlySet<string>, field: At): Refused | undefined {
  for (const k in o) {
    if (!known.has(k))
      return refusedAt("UNKNOWN_FIELD", field, k.length > 60 ? k.slice(0, 59) + "…" : k, o[k], `onbekend veld; toegestaan: ${[...known].join(", ")}`);
  }
  return undefined;
}

export function onlyKnownKeys(o: Obj, known: ReadonlySet<string>, field: At): void {
  must(unknownKey(o, known, field));
}

export function optBool(o: Obj, key: string, field: At): boolean | undefined {
  return must(readBool(o[key], field, key));
}

/** A boolean field's value (read by the caller as a plain property: faster than a keyed read per row). */
export function readBool(v: unknown, field: At, key: string): boolean | undefined | Refused {
  if (v === undefined || typeof v === "boolean") return v;
  return refusedAt("INVALID_TYPE", field, key, v, "verwacht true of false");
}

export function readString(o: Obj, key: string, field: At, max = MAX_TEXT_LENGTH): string | undefined | Refused {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") return refusedAt("INVALID_TYPE", field, key, v, "verwacht tekst");
  if (v.length > max) return refusedAt("INVALID_TYPE", field, key, v, `tekst is te lang (meer dan ${max} tekens)`);
  return v;
}

export function optString(o: Obj, key: string, field: At, max = MAX_TEXT_LENGTH): string | undefined {
  return must(readString(o, key, field, max));
}

/** An id: a non-empty text (at most 200 characters) or a finite number. */
export function idOf(v: unknown, where: At, key?: string): string {
  const id = readId(v);
  if (typeof id !== "string") fail(id.problem, path(where, key), v, id.reason);
  return id;
}

const NO_ID = "verwacht een niet-lege id (tekst of getal)";
const ID_TOO_LONG = `id is te lang (meer dan ${MAX_ID_LENGTH} tekens)`;

/** An id as idOf reads it, or why it is none (without throwing). */
export function readId(v: unknown): string | { problem: ValidationCode; reason: string } {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string" || v.trim() === "") return { problem: v === undefined ? "MISSING_FIELD" : "INVALID_TYPE", reason: NO_ID };
  if (v.length > MAX_ID_LENGTH) return { problem: "INVALID_TYPE", reason: ID_TOO_LONG };
  return v;
}

/**
 * A percentage as a fraction from 0 to 1: a number (0.2578, what JSON writes) or a text ("0,2578", "25,78%"). It is
 * a rate, not an amount: any number of decimals is kept exactly.
 */
export function rateOf(v: unknown, field: string): Decimal {
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
