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
  | "AMBIGUOUS_AMOUNT"
  | "AMOUNT_OUT_OF_RANGE"
  | "TOO_MANY_DECIMALS"
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
  | "INVALID_DISPOSAL"
  | "INVALID_COMBINATION"
  | "INVALID_GROUP";

/**
 * A rejected value as short text for a message: bounded in depth (3 levels) and length (80 characters), never
 * "[object Object]", and it never throws (cyclic values, very deep nesting, BigInt, symbols, getters).
 */
export function showValue(value: unknown, maxLength = 80): string {
  if (value === undefined) return "(ontbreekt)";
  // Fast path for the common cases (a ledger of bad cells prints one per row).
  if (typeof value === "number" || typeof value === "boolean") {
    const t = numberText(value);
    return t.length > maxLength ? t.slice(0, maxLength - 1) + "…" : t;
  }
  if (typeof value === "string" && value.length < maxLength - 2) {
    const t = JSON.stringify(value);
    if (t.length <= maxLength) return t;
  }
  let out = "";
  const seen: unknown[] = [];
  const budget = maxLength + 1;
  const put = (s: string) => {
    if (out.length < budget) out += s;
  };
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= budget) return;
    switch (typeof v) {
      case "string":
        put(JSON.stringify(v.length > budget ? v.slice(0, budget) : v));
        return;
      case "number":
      case "boolean":
        put(numberText(v));
        return;
      case "bigint":
        put(`${v}n`);
        return;
      case "undefined":
        put("(ontbreekt)");
        return;
      case "function":
        put("(functie)");
        return;
      case "symbol":
        put("(symbool)");
        return;
    }
    if (v === null) {
      put("null");
      return;
    }
    if (seen.includes(v)) {
      put("(kringverwijzing)");
      return;
    }
    if (depth >= 3) {
      put(Array.isArray(v) ? "[…]" : "{…}");
      return;
    }
    seen.push(v);
    try {
      const proto = Object.getPrototypeOf(v);
      if (v instanceof Number || v instanceof String || v instanceof Boolean) {
        walk(v.valueOf(), depth);
      } else if (ArrayBuffer.isView(v) || v instanceof Set) {
        walk(Array.from(v as Iterable<unknown>), depth);
      } else if (v instanceof Map) {
        walk(Array.from(v), depth);
      } else if (
        !Array.isArray(v) &&
        proto !== Object.prototype &&
        proto !== null &&
        typeof (v as { toString?: unknown }).toString === "function" &&
        (v as { toString: unknown }).toString !== Object.prototype.toString
      ) {
        // A class instance with its own text form (a Decimal, a Date): show that text.
        const t = String(v);
        put(t === "NaN" ? NOT_A_NUMBER : t.startsWith("[object ") ? "{…}" : t);
      } else if (Array.isArray(v)) {
        put("[");
        for (let i = 0; i < v.length && out.length < budget; i++) {
          if (i) put(",");
          walk(v[i], depth + 1);
        }
        put("]");
      } else {
        put("{");
        let first = true;
        for (const k of Object.keys(v as object)) {
          if (out.length >= budget) break;
          // a key without a value is not something the user wrote (JSON has no undefined): leave it out
          if ((v as Record<string, unknown>)[k] === undefined) continue;
          if (!first) put(",");
          first = false;
          put(JSON.stringify(k) + ":");
          walk((v as Record<string, unknown>)[k], depth + 1);
        }
        put("}");
      }
    } catch {
      put("(onleesbaar)");
    } finally {
      seen.pop();
    }
  };
  walk(value, 0);
  return out.length > maxLength ? out.slice(0, maxLength - 1) + "…" : out;
}

const NOT_A_NUMBER = "geen getal";
/** A number or boolean as text; NaN is named, not shown as "NaN". */
function numberText(v: number | boolean): string {
  return typeof v === "number" && Number.isNaN(v) ? NOT_A_NUMBER : String(v);
}

/**
 * A KiaValidationError's `field` read back into its parts: "investments[3].lostByCalamity.replacedBy" is the list
 * "investments", item 3, rest "lostByCalamity.replacedBy"; "partnership.partners[0].capital" the list
 * "partnership.partners". Undefined for a field of the scenario as a whole ("year", "partnership.key"). The
 * validation writes these paths (src/scenario/), so the one reading them back lives beside it.
 */
export function fieldPath(field: string): { list: "investments" | "disposals" | "partnership.partners"; index: number; rest: string } | undefined {
  const m = /^(investments|disposals|partnership\.partners)\[(\d+)\](?:\.(.*))?$/.exec(field);
  return m ? { list: m[1] as "investments" | "disposals" | "partnership.partners", index: Number(m[2]), rest: m[3] ?? "" } : undefined;
}

export class KiaValidationError extends Error {
  readonly code: ValidationCode;
  readonly field: string;
  readonly value: unknown;
  /** The message without the "field: " prefix and the value, for adapters that show the field elsewhere. */
  readonly reason: string;

  constructor(code: ValidationCode, field: string, value: unknown, reason: string) {
    super(`${field}: ${reason} (waarde: ${showValue(value)})`);
    this.name = "KiaValidationError";
    this.code = code;
    this.field = field;
    this.value = value;
    this.reason = reason;
  }
}

/** A year without an established KIA table. The reason starts with "Geen KIA-tabel voor <jaar>". */
export class NoTableError extends KiaValidationError {
  readonly year: unknown;
  constructor(field: string, year: unknown, detail?: string) {
    super("NO_TABLE", field, year, `Geen KIA-tabel voor ${showValue(year)}` + (detail ? ` (${detail})` : ""));
    this.name = "NoTableError";
    this.year = year;
    // Like every validation error the message names the field first; `reason` is the sentence without it.
    this.message = `${field}: ${this.reason}`;
  }
}
