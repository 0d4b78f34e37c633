/**
 * Amounts at the boundary of the core: scenario amounts arrive as JSON numbers or decimal strings
 * ("1234.56"), are checked, and become exact Decimals. Formatting back to Dutch text lives here too.
 */
import { Decimal } from "./decimal";
import { KiaValidationError } from "./errors";

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parse a non-negative amount (number or decimal string with a point). Throws KiaValidationError naming `field`. */
export function parseAmount(value: unknown, field: string): Decimal {
  let d: Decimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new KiaValidationError(
        "INVALID_AMOUNT",
        field,
        value,
        "bedrag moet een eindig getal zijn",
      );
    }
    // decimal.js converts a number through its shortest round-trip string, so 0.1 becomes exactly "0.1".
    d = new Decimal(value);
  } else if (typeof value === "string") {
    const s = value.trim();
    if (!DECIMAL_STRING.test(s)) {
      throw new KiaValidationError(
        "INVALID_AMOUNT",
        field,
        value,
        'bedrag moet een getal zijn of een decimale tekst met een punt, zoals "1234.56"',
      );
    }
    d = new Decimal(s);
  } else if (value instanceof Decimal) {
    d = value;
  } else {
    throw new KiaValidationError(
      value === undefined || value === null
        ? "MISSING_FIELD"
        : "INVALID_AMOUNT",
      field,
      value,
      "bedrag ontbreekt of is geen getal",
    );
  }
  if (d.isNegative() && !d.isZero()) {
    throw new KiaValidationError(
      "NEGATIVE_AMOUNT",
      field,
      value,
      "bedrag mag niet negatief zijn",
    );
  }
  return d.isZero() ? new Decimal(0) : d;
}

/** Parse a tax year: an integer. Whether a table exists is checked by the law module. */
export function parseYear(value: unknown, field: string): number {
  if (typeof value === "string" && /^\s*\d{4}\s*$/.test(value))
    return Number(value.trim());
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new KiaValidationError(
      "INVALID_YEAR",
      field,
      value,
      "jaar moet een geheel getal zijn, zoals 2025",
    );
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
  let grouped = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ".";
    grouped += int[i];
  }
  return (negative ? "-" : "") + "€ " + grouped + (frac ? "," + frac : "");
}

/** Money text with cents only when there are cents: "€ 16.568" or "€ 2.400,01". */
export function formatEuroShort(amount: Decimal): string {
  return formatEuro(amount, amount.isInteger() ? 0 : 2);
}

/** Dutch percentage text: 0.28 -> "28%", 0.0756 -> "7,56%". */
export function formatPercent(fraction: Decimal, maxDecimals = 2): string {
  const p = fraction
    .times(100)
    .toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  return p.toString().replace(".", ",") + "%";
}
