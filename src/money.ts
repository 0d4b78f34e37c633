/**
 * Amounts at the boundary of the core: scenario amounts arrive as JSON numbers or decimal strings
 * ("1234.56"), are checked, and become exact Decimals. Formatting back to Dutch text lives here too.
 */
import { centsOfString } from "./cents";
import { Decimal } from "./decimal";
import { KiaValidationError, type ValidationCode } from "./errors";

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The range of an amount (docs/scenario.md, "Amounts"): at least 0, at most € 10^15, at most 15 decimals.
 * Inside that range every sum and product the core makes is exact at the Decimal precision (50 digits): a
 * total of ten million amounts has at most 23 integer digits, plus 15 decimals, plus the 4 decimals of 7,56%.
 */
export const MAX_AMOUNT = new Decimal("1e15");
export const MAX_DECIMALS = 15;

/** Why a value is not an amount: the code of the KiaValidationError and a Dutch reason. Cheap to build (no Error). */
export interface AmountProblem {
  readonly problem: ValidationCode;
  readonly reason: string;
}

const problem = (code: ValidationCode, reason: string): AmountProblem => ({
  problem: code,
  reason,
});
export function isAmountProblem(v: unknown): v is AmountProblem {
  return typeof v === "object" && v !== null && "problem" in v;
}

const NEGATIVE = problem("NEGATIVE_AMOUNT", "bedrag mag niet negatief zijn");
const DASH = problem("INVALID_AMOUNT", 'een streepje ("€ -") is geen bedrag: zo toont Excel nul of niets');
const NOT_FINITE = problem("INVALID_AMOUNT", "bedrag moet een eindig getal zijn");
const TOO_LARGE = problem("AMOUNT_OUT_OF_RANGE", "bedrag is groter dan € 1.000.000.000.000.000 (10^15): geen investeringsbedrag");
const TOO_PRECISE = problem("TOO_MANY_DECIMALS", `bedrag heeft meer dan ${MAX_DECIMALS} decimalen`);
const NON_ZERO_DIGIT = /[1-9]/;
const NOT_DECIMAL_TEXT = problem("INVALID_AMOUNT", 'bedrag moet een getal zijn of een decimale tekst met een punt, zoals "1234.56"');
const NO_AMOUNT_REASON = "bedrag ontbreekt of is geen getal";
const NO_AMOUNT = problem("MISSING_FIELD", NO_AMOUNT_REASON);
const NOT_AN_AMOUNT = problem("INVALID_AMOUNT", NO_AMOUNT_REASON);

/** The range check every amount passes, whatever its source. Returns the amount (-0 becomes 0) or the problem. */
export function checkRange(d: Decimal): Decimal | AmountProblem {
  if (d.isNaN() || !d.isFinite()) return NOT_FINITE;
  if (d.isNegative()) return d.isZero() ? new Decimal(0) : NEGATIVE;
  if (d.gt(MAX_AMOUNT)) return TOO_LARGE;
  if (d.decimalPlaces() > MAX_DECIMALS) return TOO_PRECISE;
  return d;
}

/**
 * An Excel number as an exact amount. Excel keeps 15 significant digits and shows a cell at that precision, so
 * the double is read at 15 significant digits: a cell showing 0,3 that holds 0.30000000000000004 is € 0,30.
 */
export function excelNumberAmount(n: number): Decimal | AmountProblem {
  if (!Number.isFinite(n)) return NOT_FINITE;
  if (n < 0) return NEGATIVE;
  if (n > 1e15) return TOO_LARGE;
  return checkRange(new Decimal(n === 0 ? 0 : n.toPrecision(15)));
}

/**
 * A proportion from Excel (a share, a profit or capital weight): the number at Excel's 15 significant digits,
 * kept to 15 decimals. Unlike an amount it may have more than 15 decimals as typed (=1/30 is
 * 0,0333333333333333): a weight is relative, and 15 decimals are far below what a key can mean.
 */
export function excelProportion(n: number): Decimal | AmountProblem {
  if (!Number.isFinite(n)) return NOT_FINITE;
  if (n < 0) return NEGATIVE;
  if (n > 1e15) return TOO_LARGE;
  return new Decimal(n === 0 ? 0 : n.toPrecision(15)).toDecimalPlaces(15, Decimal.ROUND_HALF_UP);
}

/**
 * The most a year's total can be: ten million amounts of at most € 10^15 (a report's own `total` is such a sum, and
 * kia() takes it back as a string). Products with it stay within the 50 digits of src/decimal.ts.
 */
export const MAX_TOTAL = new Decimal("1e22");

/** A year's total for the table (kia()): an amount, or a sum of amounts up to MAX_TOTAL. Throws KiaValidationError. */
export function parseTotal(value: unknown, field: string): Decimal {
  const r = readAmount(value);
  if (r === TOO_LARGE) {
    const d = value instanceof Decimal ? value : new Decimal(typeof value === "string" ? value.trim() : (value as number));
    if (d.lte(MAX_TOTAL)) return d;
    throw new KiaValidationError(
      "AMOUNT_OUT_OF_RANGE",
      field,
      value,
      "totaal is groter dan € 10.000.000.000.000.000.000.000 (10^22, tien miljoen bedragen van 10^15)",
    );
  }
  if (isAmountProblem(r)) throw new KiaValidationError(r.problem, field, value, r.reason);
  return r;
}

/**
 * A partner's figure for the key (a profit share, capital, hidden reserves): a weight, not an amount, so a JSON
 * float such as 0.3333333333333333 (what JSON.stringify(1/3) writes) is accepted; like a proportion from Excel
 * (excelProportion) it is read at 15 decimals. `noun` names it in the reason ("winstaandeel").
 */
export function readShare(value: unknown, noun: string): Decimal | AmountProblem {
  const d =
    typeof value === "number"
      ? Number.isFinite(value)
        ? new Decimal(value)
        : undefined
      : typeof value === "string" && DECIMAL_STRING.test(value.trim()) && value.trim().length <= 64
        ? new Decimal(value.trim())
        : value instanceof Decimal && value.isFinite()
          ? value
          : undefined;
  if (d === undefined)
    return problem(
      value === undefined || value === null ? "MISSING_FIELD" : "INVALID_AMOUNT",
      `${noun} moet een getal zijn of een decimale tekst met een punt, zoals "0.25" of "1500"`,
    );
  if (d.isNegative() && !d.isZero()) return problem("NEGATIVE_AMOUNT", `${noun} mag niet negatief zijn`);
  if (d.gt(MAX_AMOUNT)) return problem("AMOUNT_OUT_OF_RANGE", `${noun} is groter dan 10^15`);
  return d.isZero() ? new Decimal(0) : d.toDecimalPlaces(MAX_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** A scenario amount (JSON number or decimal string with a point), without throwing. */
export function readAmount(value: unknown): Decimal | AmountProblem {
  // A refused amount makes no Decimal (a ledger of bad rows is as cheap as a good one): a negative one is told by
  // its sign and a non-zero digit.
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return NOT_FINITE;
    if (value < 0) return NEGATIVE;
    // decimal.js converts a number through its shortest round-trip string, so 0.1 becomes exactly "0.1".
    return checkRange(new Decimal(value));
  }
  if (typeof value === "string") {
    const s = value.trim();
    if (!DECIMAL_STRING.test(s) || s.length > 64) return NOT_DECIMAL_TEXT;
    if (s.charCodeAt(0) === 45 /* - */ && NON_ZERO_DIGIT.test(s)) return NEGATIVE;
    return checkRange(new Decimal(s));
  }
  if (value instanceof Decimal) return checkRange(value);
  return value === undefined || value === null ? NO_AMOUNT : NOT_AN_AMOUNT;
}

/** Parse a non-negative amount (number or decimal string with a point). Throws KiaValidationError naming `field`. */
export function parseAmount(value: unknown, field: string): Decimal {
  const r = readAmount(value);
  if (isAmountProblem(r)) throw new KiaValidationError(r.problem, field, value, r.reason);
  return r;
}

/**
 * Dutch amount text, as typed in an Excel cell, a CSV file or the taskpane: "€ 1.234,56", "1234,56", "1.234"
 * (a point followed by groups of three digits groups thousands), "1234.5" (a point otherwise is a decimal point),
 * "1.234,56 €", "EUR 12,50". Never silently a factor 1.000 off: text whose only separator is one comma followed by
 * exactly three digits ("60,000", "2,800") could be Dutch (60,00) or English (60.000) and is refused with both
 * readings; English notation with both separators ("1,234.56") is refused too.
 */
export function readDutchAmount(text: string): Decimal | AmountProblem {
  const normal = dutchAmountText(text);
  return typeof normal === "string" ? checkRange(new Decimal(normal)) : normal;
}

/**
 * The same reading as integer cents when the text is a whole number of cents below € 10^13 (the integer path:
 * no Decimal), -1 when it is an amount that needs the Decimal path, or the problem.
 */
export function readDutchCents(text: string): number | AmountProblem {
  const fast = scanDutchCents(text);
  if (fast >= 0) return fast;
  const normal = dutchAmountText(text);
  if (typeof normal !== "string") return normal;
  return centsOfString(normal);
}

/**
 * The common forms of Dutch amount text in one pass, without regular expressions or new strings: optional
 * spaces, "€" or "EUR" before or after, digits with thousands points (first group 1-3 digits, not starting with
 * 0, then groups of three) or without, and an optional comma with one or two decimals. Returns integer cents,
 * or -1 for anything else (another form, or an ambiguous "60,000"): the full reader then decides.
 */
function scanDutchCents(t: string): number {
  const n = t.length;
  if (n > 40) return -1;
  let i = 0;
  const skipSpace = () => {
    while (i < n) {
      const ch = t.charCodeAt(i);
      if (ch === 32 || ch === 9 || ch === 0xa0 || ch === 0x202f) i++;
      else break;
    }
  };
  const skipEuro = () => {
    if (t.charCodeAt(i) === 0x20ac) i++;
    else if (i + 2 < n && (t.charCodeAt(i) | 32) === 101 && (t.charCodeAt(i + 1) | 32) === 117 && (t.charCodeAt(i + 2) | 32) === 114) i += 3;
  };
  skipSpace();
  skipEuro();
  skipSpace();
  let whole = 0;
  let digits = 0;
  let groupLen = 0;
  let dotted = false;
  const start = i;
  for (; i < n; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      whole = whole * 10 + (ch - 48);
      digits++;
      groupLen++;
    } else if (ch === 46 /* . */) {
      // thousands point: the first group has 1-3 digits and no leading 0, later groups exactly three
      if (dotted ? groupLen !== 3 : groupLen < 1 || groupLen > 3 || t.charCodeAt(start) === 48) return -1;
      dotted = true;
      groupLen = 0;
    } else break;
  }
  if (digits === 0 || digits > 13 || (dotted && groupLen !== 3)) return -1;
  let frac = 0;
  if (i < n && t.charCodeAt(i) === 44 /* , */) {
    const d1 = t.charCodeAt(i + 1) - 48;
    if (!(d1 >= 0 && d1 <= 9)) return -1;
    frac = d1 * 10;
    i += 2;
    const d2 = t.charCodeAt(i) - 48;
    if (d2 >= 0 && d2 <= 9) {
      frac += d2;
      i++;
      const d3 = t.charCodeAt(i) - 48;
      if (d3 >= 0 && d3 <= 9) return -1; // three or more decimals: the full reader (it may be "60,000")
    }
  }
  skipSpace();
  skipEuro();
  skipSpace();
  return i === n ? whole * 100 + frac : -1;
}

/** Digits in groups of three: "60000" -> "60.000" (with `separator` "," -> "60,000"); a leading minus stays. */
export function groupThousands(digits: string, separator = "."): string {
  if (digits.startsWith("-")) return "-" + groupThousands(digits.slice(1), separator);
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += separator;
    grouped += digits[i];
  }
  return grouped;
}

/** Dutch amount text as a plain decimal string ("1234.56"), or why it is not one. String work only. */
function dutchAmountText(text: string): string | AmountProblem {
  if (text.length > 200) return problem("INVALID_AMOUNT", "tekst is te lang voor een bedrag");
  let s = text.replace(/[\s\u00a0\u202f]/g, "");
  if (s.length > 64) return problem("INVALID_AMOUNT", "tekst is te lang voor een bedrag");
  s = s.replace(/^(€|eur)/i, "").replace(/(€|eur)$/i, "");
  // a lone dash is how Excel's accounting format shows nothing or zero ("€ -"), not a negative amount
  if (/^[-\u2212]$/.test(s)) return DASH;
  // a minus before the amount, or after it ("1.234,56-": how some exports write a credit)
  if (/^[-\u2212]/.test(s) || /\d[-\u2212]$/.test(s)) return NEGATIVE;
  if (/^\d+$/.test(s)) return s;
  if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, "").replace(",", ".");
  if (/^[1-9]\d{0,2},\d{3}$/.test(s)) {
    const [int, frac] = s.split(",");
    const cents = frac.replace(/0+$/, "").padEnd(2, "0");
    return problem(
      "AMBIGUOUS_AMOUNT",
      `dubbelzinnig bedrag: bedoelt u ${int},${cents} of ${groupThousands(int + frac)}? Gebruik de komma alleen voor centen en de punt voor duizendtallen`,
    );
  }
  if (/^\d+,\d+$/.test(s)) return s.replace(",", ".");
  if (/^\d+\.\d+$/.test(s)) return s;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s))
    return problem("INVALID_AMOUNT", `Engelse notatie; schrijf een bedrag met een komma voor de centen, zoals 1.234,56`);
  return problem("INVALID_AMOUNT", `geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56"`);
}

/** Parse a tax year: an integer. Whether a table exists is checked by the law module. */
export function parseYear(value: unknown, field: string): number {
  if (typeof value === "string" && /^\s*\d{4}\s*$/.test(value)) return Number(value.trim());
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new KiaValidationError("INVALID_YEAR", field, value, "jaar moet een geheel getal zijn, zoals 2025");
  }
  return value;
}

/** Dutch money text: "€ 1.234,56" (decimals: number of decimals shown, default 2). */
export function formatEuro(amount: Decimal, decimals = 2): string {
  // decimal.js toFixed on an exact Decimal (display only), not Number.prototype.toFixed
  const fixed = amount.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith("-");
  const body = negative ? fixed.slice(1) : fixed;
  const [int, frac] = body.split(".");
  return (negative ? "-" : "") + "€ " + groupThousands(int) + (frac ? "," + frac : "");
}

/**
 * An exact amount in an explanation: with all its decimals when it has at most 6 (a table amount: 28% x
 * € 1.234,56 = € 345,6768; 7,56% x € 22.552,91 = € 1.704,99996), so the arithmetic can be followed. A quotient
 * carried with 10 decimals is shown in cents, or with as many decimals as it takes to show that it is not a whole
 * number of cents (€ 17.830,0000004 is rounded up to € 17.831, so it must not read € 17.830,00); the report's
 * `…Exact` fields keep every digit.
 */
export function formatExactEuro(d: Decimal): string {
  const dp = d.decimalPlaces();
  if (dp <= 6) return formatEuro(d, Math.max(2, dp));
  // Not a whole number, but it would look like one in cents: show digits until the fraction appears.
  let k = 2;
  while (k < dp && d.toDecimalPlaces(k, Decimal.ROUND_HALF_UP).isInteger()) k++;
  return formatEuro(d, k);
}

/** Dutch money text of integer cents, without Decimal: 123456 -> "€ 1.234,56". */
export function formatEuroCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return `€ ${groupThousands(String(whole))},${frac < 10 ? "0" : ""}${frac}`;
}

/** Money text with cents only when there are cents: "€ 16.568" or "€ 2.400,01". */
export function formatEuroShort(amount: Decimal): string {
  return formatEuro(amount, amount.isInteger() ? 0 : 2);
}

/** Dutch percentage text: 0.28 -> "28%", 0.0756 -> "7,56%". */
export function formatPercent(fraction: Decimal, maxDecimals = 2): string {
  const p = fraction.times(100).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  return p.toString().replace(".", ",") + "%";
}
