/**
 * What the steps of one evaluation share: the year, the rounding choice, and the report's warnings,
 * explanation and legal references as they are collected. Each step (assets, table and calamity,
 * partnership, payment criterion, disinvestment) writes its own lines here and returns its own part of
 * the report.
 */
import type { Decimal } from "./decimal";
import { step, type Step, type Warning } from "./explanation";
import { ref, type LegalRef } from "./law";
import { groupThousands } from "./money";

export class Context {
  readonly warnings: Warning[] = [];
  readonly explanation: Step[] = [];
  readonly refs = new Map<string, LegalRef>();

  constructor(
    readonly year: number,
    readonly exact: boolean,
  ) {}

  /** The legal reference `key` as it reads in this year; recorded for the report's list of references. */
  use(key: string): LegalRef {
    const r = ref(key, this.year);
    this.refs.set(r.label, r);
    return r;
  }

  record(r: LegalRef): LegalRef {
    this.refs.set(r.label, r);
    return r;
  }

  explain(text: string, r?: LegalRef): void {
    this.explanation.push(step(text, r));
  }

  warn(w: Warning): void {
    this.warnings.push(w);
  }
}

/** How many names a list in a message shows before it says "en N andere". */
export const LIST_LIMIT = 5;

/** Dutch number with thousands points: 1203 -> "1.203". */
export function countText(n: number): string {
  return groupThousands(String(n));
}

/**
 * A bounded list of names for a message: "a, b en c", or "a, b, c, d, e en 1.203 andere". A warning about a
 * ledger of a million rows stays one line.
 */
export function listText(items: readonly string[], limit = LIST_LIMIT): string {
  return listOf(items, (s) => s, limit);
}

/** listText over any items, formatting only the ones shown. */
export function listOf<T>(items: readonly T[], show: (item: T) => string, limit = LIST_LIMIT): string {
  if (items.length === 0) return "";
  if (items.length === 1) return show(items[0]);
  if (items.length <= limit) return `${items.slice(0, -1).map(show).join(", ")} en ${show(items[items.length - 1])}`;
  return `${items.slice(0, limit).map(show).join(", ")} en ${countText(items.length - limit)} andere`;
}

/** Plain decimal text for the report: never exponent notation, never "-0". */
export function plain(d: Decimal): string {
  const s = d.toFixed();
  return s === "-0" ? "0" : s;
}
