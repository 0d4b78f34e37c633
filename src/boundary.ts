/**
 * The public API's front door (src/index.ts): every exported function answers any JavaScript value with its
 * result or a KiaValidationError, never a TypeError from deep inside (test/api-boundary.test.ts asserts it for
 * every export). Each function's parameters are declared once here as kinds with a cheap check (typeof,
 * instanceof, membership of the law data) and a Dutch description of what is expected; a value of another kind is
 * refused before the function runs, naming the function, the parameter and the value.
 *
 * Functions that take a structure the core itself made (a validated scenario, a report, partners, a disposal)
 * get a shallow check; a structure of the right kind but the wrong shape inside is refused when the function
 * trips over it (the exception becomes an INVALID_TYPE error for that parameter, without its internal text).
 * Only those functions convert exceptions: the rest is checked before it runs.
 */
import { Decimal } from "./decimal";
import { KiaValidationError } from "./errors";
import { allCategories, establishedYears, getYearTable } from "./law";

export interface Param {
  /** the parameter's name as the API documents it */
  readonly name: string;
  /** Dutch: what is expected ("een Decimal", "een jaar (geheel getal)") */
  readonly expected: string;
  readonly check: (v: unknown) => boolean;
  /** may be left out (undefined) */
  readonly optional?: boolean;
  /** a structure the function reads inside: an exception while it runs is this parameter's fault */
  readonly structure?: boolean;
}

const p = (name: string, expected: string, check: (v: unknown) => boolean, extra: Partial<Param> = {}): Param => ({
  name,
  expected,
  check,
  ...extra,
});

export const isDecimal = (v: unknown): v is Decimal => v instanceof Decimal && v.isFinite();
const isObject = (v: unknown) => typeof v === "object" && v !== null;

let lawBands: Set<unknown> | undefined;
/** A band of one of the law's year tables (as TableResult.bandInfo gives it). */
function isLawBand(v: unknown): boolean {
  if (!isObject(v)) return false;
  lawBands ??= new Set(establishedYears().flatMap((y) => getYearTable(y).bands));
  return lawBands.has(v);
}

/** The parameter kinds of the public API. */
export const kind = {
  anything: (name: string, extra: Partial<Param> = {}) => p(name, "een waarde", () => true, extra),
  decimal: (name: string, extra: Partial<Param> = {}) => p(name, "een eindig Decimal-bedrag", isDecimal, extra),
  number: (name: string, extra: Partial<Param> = {}) => p(name, "een getal", (v) => typeof v === "number", extra),
  /** a tax year: any number here (the law module says which years it knows) */
  year: (name: string, extra: Partial<Param> = {}) => p(name, "een jaar (een getal, zoals 2025)", (v) => typeof v === "number", extra),
  string: (name: string, extra: Partial<Param> = {}) => p(name, "een tekst", (v) => typeof v === "string", extra),
  boolean: (name: string, extra: Partial<Param> = {}) => p(name, "ja of nee (true/false)", (v) => typeof v === "boolean", extra),
  /** a small whole number (decimals shown, a text length) */
  count: (name: string, max: number, extra: Partial<Param> = {}) =>
    p(name, `een geheel getal van 0 tot en met ${max}`, (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max, extra),
  oneOf: (name: string, values: readonly string[], extra: Partial<Param> = {}) =>
    p(name, values.map((x) => `"${x}"`).join(" of "), (v) => typeof v === "string" && values.includes(v), extra),
  category: (name: string) => p(name, "een categorie uit allCategories() of findCategory()", (v) => allCategories().includes(v as never)),
  band: (name: string) => p(name, "een schijf van een KIA-tabel (getYearTable(jaar).bands)", isLawBand),
  options: (name: string) => p(name, "een object met opties", (v) => v === null || isObject(v), { optional: true }),
  structure: (name: string, expected: string, check: (v: unknown) => boolean = isObject) => p(name, expected, check, { structure: true }),
} as const;

function refuse(fn: string, param: Param, value: unknown, why?: string): KiaValidationError {
  return new KiaValidationError("INVALID_TYPE", `${fn}(${param.name})`, value, why ?? `${param.name} moet ${param.expected} zijn`);
}

/**
 * `fn` with its parameters checked. The result has fn's type; a call with a value of another kind, or one that
 * trips over a structure parameter, throws KiaValidationError (INVALID_TYPE).
 */
export function checked<F extends (...args: never[]) => unknown>(name: string, fn: F, params: readonly Param[]): F {
  const structures = params.filter((x) => x.structure);
  const n = params.length;
  const call = fn as unknown as (...a: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    for (let i = 0; i < n; i++) {
      const param = params[i];
      const v = args[i];
      if (v === undefined && param.optional) continue;
      if (!param.check(v)) throw refuse(name, param, v);
    }
    // only the declared parameters reach the function (an internal extra parameter stays internal)
    if (args.length > n) args.length = n;
    if (structures.length === 0) return call.apply(this, args);
    try {
      return call.apply(this, args);
    } catch (e) {
      if (e instanceof KiaValidationError) throw e;
      const param = structures[0];
      throw refuse(name, param, args[params.indexOf(param)], `${param.name} heeft niet de vorm van ${param.expected}`);
    }
  };
  Object.defineProperty(wrapped, "name", { value: name });
  Object.defineProperty(wrapped, "length", { value: fn.length });
  return wrapped as unknown as F;
}
