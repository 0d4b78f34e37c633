/**
 * The boundary between Excel and the core: Excel values arrive typed (number, string, boolean, null for an
 * omitted argument). Amounts may be numbers or Dutch-formatted text ("€ 1.234,56"); everything becomes an
 * exact Decimal here, and every core error becomes an Excel error with a Dutch message.
 */
import {
  Decimal,
  KiaValidationError,
  NoTableError,
  establishedYears,
  parseYear,
} from "../src";

export type ExcelErrorCode = "invalidValue" | "notAvailable";

/** An error for Excel: #VALUE! (invalidValue) or #N/A (notAvailable), with a message shown in the cell. */
export class FunctionError extends Error {
  constructor(
    readonly code: ExcelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const isMissing = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Dutch amount text: "€ 1.234,56", "1234,56", "1.234", "-" signs are refused. A comma is the decimal
 * separator and dots group thousands; without a comma, "1.234" (dot followed by groups of three digits) is
 * read as thousands and "1234.5" as a decimal point.
 */
export function parseDutchAmount(text: string): Decimal | null {
  let s = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/^€/, "")
    .replace(/^EUR/i, "");
  if (s === "") return null;
  if (s.includes(",")) {
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(s)) return null;
    s = s.replace(/\./g, "").replace(",", ".");
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, "");
  } else if (!/^\d+(\.\d+)?$/.test(s)) {
    return null;
  }
  return new Decimal(s);
}

export function amountArg(value: unknown, name: string): Decimal {
  if (isMissing(value))
    throw new FunctionError(
      "invalidValue",
      `${name} ontbreekt: vul een bedrag in.`,
    );
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new FunctionError("invalidValue", `${name} is geen geldig getal.`);
    if (value < 0)
      throw new FunctionError(
        "invalidValue",
        `${name} mag niet negatief zijn (${value}).`,
      );
    return new Decimal(value);
  }
  if (typeof value === "string") {
    const d = parseDutchAmount(value);
    if (d === null)
      throw new FunctionError(
        "invalidValue",
        `${name} "${value}" is geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56".`,
      );
    return d;
  }
  throw new FunctionError(
    "invalidValue",
    `${name} moet een bedrag zijn, geen ${typeof value === "boolean" ? "WAAR/ONWAAR" : typeof value}.`,
  );
}

export function yearArg(value: unknown, name = "jaar"): number {
  if (isMissing(value))
    throw new FunctionError(
      "invalidValue",
      `${name} ontbreekt: vul een jaar in, zoals 2025.`,
    );
  try {
    return parseYear(typeof value === "string" ? value.trim() : value, name);
  } catch {
    throw new FunctionError(
      "invalidValue",
      `${name} moet een jaartal zijn, zoals 2025 (niet ${JSON.stringify(value)}).`,
    );
  }
}

/** An omitted optional year means the most recent year with a table; the REASON text names it. */
export function optionalYearArg(value: unknown): number {
  if (isMissing(value)) {
    const ys = establishedYears();
    return ys[ys.length - 1];
  }
  return yearArg(value);
}

export function boolArg(value: unknown, name: string, dflt: boolean): boolean {
  if (isMissing(value)) return dflt;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  const s = String(value).trim().toLowerCase();
  if (["waar", "true", "ja", "1"].includes(s)) return true;
  if (["onwaar", "false", "nee", "0"].includes(s)) return false;
  throw new FunctionError("invalidValue", `${name} moet WAAR of ONWAAR zijn.`);
}

export function textArg(value: unknown, name: string): string {
  if (isMissing(value))
    throw new FunctionError("invalidValue", `${name} ontbreekt.`);
  return String(value);
}

/** Any error from the core or the adapters as a FunctionError; nothing else may reach Excel. */
export function toFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  if (e instanceof NoTableError)
    return new FunctionError(
      "notAvailable",
      `Geen KIA-tabel voor ${String(e.year)}`,
    );
  if (e instanceof KiaValidationError)
    return new FunctionError("invalidValue", e.reason);
  return new FunctionError(
    "invalidValue",
    `Interne fout: ${(e as Error)?.message ?? String(e)}`,
  );
}
