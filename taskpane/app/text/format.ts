/**
 * Amounts on screen, in the culture Excel shows numbers in (Workbook.culture(): ExcelApi 1.11 cultureInfo; in the
 * standalone page the browser's language through Intl). The report's amounts are exact decimal strings; they are
 * formatted as text (grouping and separators put in by hand), never through a float, so a euro shown is the euro
 * the core computed. Amounts the user types are read back with the core's own readers.
 */
import { Decimal } from "../../../src/decimal";
import { groupThousands, isAmountProblem, readAmount, readDutchAmount } from "../../../src/money";
import { cultureFromLocale } from "../../workbook/culture";
import type { Culture } from "../../workbook/types";

export type { Culture };

/** The culture when the host gives none: Dutch, or the browser's language through Intl. */
export { cultureFromLocale };

/** The no-break space between the euro sign and the amount: "€ 19.769" never wraps into "€" and "19.769". */
const NBSP = "\u00a0";

/** The core's Dutch texts with "€ 450" kept on one line (a no-break space after the euro sign). */
export function keepEuro(text: string): string {
  return text.replace(/€ (?=[-\d])/g, `€${NBSP}`);
}

/** Where the euro sign goes in this culture ("€ 1.234" in Dutch, "€1,234" in English); spaces are no-break spaces. */
function currencyPattern(locale: string): { prefix: string; suffix: string } {
  try {
    const parts = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "EUR",
    }).formatToParts(1);
    const i = parts.findIndex((p) => p.type === "integer");
    const before = parts
      .slice(0, i)
      .map((p) => (p.type === "currency" ? "€" : p.value))
      .join("");
    const after = parts
      .slice(i + 1)
      .filter((p) => p.type !== "decimal" && p.type !== "fraction")
      .map((p) => (p.type === "currency" ? "€" : p.value))
      .join("");
    if (before.includes("€") || after.includes("€"))
      return {
        prefix: before.replace(/[ \u202f]/g, NBSP),
        suffix: after.replace(/[ \u202f]/g, NBSP),
      };
  } catch {
    // fall through
  }
  return { prefix: `€${NBSP}`, suffix: "" };
}

const patterns = new Map<string, { prefix: string; suffix: string }>();

/**
 * A plain decimal string ("12345.6", "-3", "0.0756") as a number in the culture, with `decimals` decimals (rounded
 * half up on the digits, no float) or, when decimals is "auto", whole numbers without decimals and other numbers
 * with two.
 */
export function formatNumber(value: string | Decimal, culture: Culture, decimals: number | "auto" = "auto"): string {
  let d: Decimal;
  try {
    d = value instanceof Decimal ? value : new Decimal(value);
  } catch {
    return String(value);
  }
  if (!d.isFinite()) return String(value);
  const places = decimals === "auto" ? (d.isInteger() ? 0 : 2) : decimals;
  const fixed = d.toFixed(places, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith("-") && !/^-0(\.0+)?$/.test(fixed);
  const [int, frac] = fixed.replace(/^-/, "").split(".");
  return (negative ? "-" : "") + groupThousands(int, culture.thousandsSeparator) + (frac ? culture.decimalSeparator + frac : "");
}

/** Money: "€ 12.345" (whole euros) or "€ 2.400,01" (auto), in the culture's pattern, with a no-break space. */
export function formatMoney(value: string | Decimal, culture: Culture, decimals: number | "auto" = "auto"): string {
  let p = patterns.get(culture.locale);
  if (!p) patterns.set(culture.locale, (p = currencyPattern(culture.locale)));
  const n = formatNumber(value, culture, decimals);
  return n.startsWith("-") ? `-${p.prefix}${n.slice(1)}${p.suffix}` : `${p.prefix}${n}${p.suffix}`;
}

/** A fraction as a percentage: "0.0756" -> "7,56%". */
export function formatPercent(value: string | Decimal, culture: Culture, maxDecimals = 2): string {
  let d: Decimal;
  try {
    d = new Decimal(value).times(100).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  } catch {
    return String(value);
  }
  return d.toFixed().replace(".", culture.decimalSeparator) + "%";
}

/** What the user typed, as a plain decimal string for the scenario, or the Dutch/English reason it is not an amount. */
export function parseUserAmount(text: string, culture: Culture): { ok: true; value: string } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === "") return { ok: false, reason: "leeg" };
  let r: Decimal | { reason: string };
  if (culture.decimalSeparator === ",") r = readDutchAmount(t);
  else {
    // English notation: "1,234.56" or "1234.56"; the grouping comma must group thousands.
    const body = t
      .replace(/^€\s*/, "")
      .replace(/\s*€$/, "")
      .replace(/[\s\u00a0]/g, "");
    if (!/^-?(\d{1,3}(,\d{3})*|\d+)(\.\d+)?$/.test(body))
      return {
        ok: false,
        reason: `"${t.slice(0, 30)}" is geen bedrag; verwacht bijvoorbeeld 1,234.56`,
      };
    r = readAmount(body.replace(/,/g, ""));
  }
  if (isAmountProblem(r)) return { ok: false, reason: r.reason };
  const s = (r as Decimal).toFixed();
  return { ok: true, value: s === "-0" ? "0" : s };
}
