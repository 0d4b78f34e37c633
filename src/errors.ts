/**
 * Typed validation error: every invalid input raises this, with the field path (e.g.
 * "investments[3].amount"), the offending value and a Dutch message that names both.
 */
export type ValidationCode =
  | "INVALID_SCENARIO"
  | "UNKNOWN_FIELD"
  | "MISSING_FIELD"
  | "INVALID_TYPE"
  | "INVALID_AMOUNT"
  | "NEGATIVE_AMOUNT"
  | "INVALID_YEAR"
  | "NO_TABLE"
  | "UNKNOWN_CATEGORY"
  | "DUPLICATE_ID"
  | "UNKNOWN_REPLACEMENT"
  | "INVALID_REPLACEMENT"
  | "PAID_EXCEEDS_AMOUNT"
  | "INVALID_KEY"
  | "INVALID_PARTNERS"
  | "INVALID_DISPOSAL";

export function showValue(value: unknown): string {
  if (value === undefined) return "(ontbreekt)";
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(value);
  }
}

export class KiaValidationError extends Error {
  readonly code: ValidationCode;
  readonly field: string;
  readonly value: unknown;
  /** The message without the "field: " prefix and the value, for adapters that show the field elsewhere. */
  readonly reason: string;

  constructor(
    code: ValidationCode,
    field: string,
    value: unknown,
    reason: string,
  ) {
    super(`${field}: ${reason} (waarde: ${showValue(value)})`);
    this.name = "KiaValidationError";
    this.code = code;
    this.field = field;
    this.value = value;
    this.reason = reason;
  }
}

/** A year without an established KIA table. The message starts with "Geen KIA-tabel voor <jaar>". */
export class NoTableError extends KiaValidationError {
  readonly year: unknown;
  constructor(field: string, year: unknown, detail?: string) {
    super(
      "NO_TABLE",
      field,
      year,
      `Geen KIA-tabel voor ${showValue(year)}` + (detail ? `: ${detail}` : ""),
    );
    this.name = "NoTableError";
    this.year = year;
    // The short form is what Excel shows in #N/A; keep it exact.
    this.message =
      `Geen KIA-tabel voor ${showValue(year)}` +
      (detail ? ` (${detail})` : "") +
      ` [${field}]`;
  }
}
