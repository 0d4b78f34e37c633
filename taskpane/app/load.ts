/**
 * Pure helpers for reading a ledger into the pane: which table is the ledger, which year it is about, the column
 * mapping stored in the document applied to the headers found now. No DOM, no Office; tested in jest.
 */
import { establishedYears } from "../../src";
import {
  LEDGER_FIELDS,
  mapHeaders,
  normalizeHeader,
  type ColumnMapping,
  type LedgerField,
} from "../../src/ledger";
import type { TableInfo } from "../workbook/types";
import { LEDGER_TABLES } from "./names";
import type { Source } from "./state";

export type SavedMappings = Record<
  string,
  Partial<Record<LedgerField, string | null>>
>;

export function defaultYear(now = new Date()): number {
  const years = establishedYears();
  const prev = now.getFullYear() - 1;
  return years.includes(prev) ? prev : years[years.length - 1];
}

/** The year most of the ledger's dates fall in, when that year has a table. */
export function yearOfDates(
  dates: readonly (string | undefined)[],
): number | undefined {
  const count = new Map<number, number>();
  for (const d of dates)
    if (d)
      count.set(
        Number(d.slice(0, 4)),
        (count.get(Number(d.slice(0, 4))) ?? 0) + 1,
      );
  const years = establishedYears();
  const best = [...count.entries()]
    .filter(([y]) => years.includes(y))
    .sort((a, b) => b[1] - a[1])[0];
  return best?.[0];
}

export function sourceKey(s: Source): string {
  return `${s.kind}:${s.name}`;
}

/** The saved mapping (header texts per field) applied to the headers found now; fields whose header is gone keep the recognised column. */
export function applySavedMapping(
  found: ColumnMapping,
  saved: Partial<Record<LedgerField, string | null>> | undefined,
  headers: readonly string[],
): { mapping: ColumnMapping; origin: "headers" | "saved" } {
  if (!saved) return { mapping: found, origin: "headers" };
  const mapping: ColumnMapping = { ...found };
  for (const f of LEDGER_FIELDS) {
    if (!(f in saved)) continue;
    const h = saved[f];
    if (h === null) {
      delete mapping[f];
      continue;
    }
    const i = headers.findIndex(
      (x) => normalizeHeader(x) === normalizeHeader(h),
    );
    if (i < 0) continue;
    for (const [g, c] of Object.entries(mapping))
      if (c === i && g !== f) delete mapping[g as LedgerField];
    mapping[f] = i;
  }
  return { mapping, origin: "saved" };
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function pickTable(
  tables: TableInfo[],
  names: readonly string[],
): TableInfo | undefined {
  return tables.find((t) => names.includes(normalizeHeader(t.name)));
}

/** The ledger among a workbook's tables: by name, else the first whose headers hold a category and an amount. */
export function ledgerTable(tables: TableInfo[]): TableInfo | undefined {
  return (
    pickTable(tables, LEDGER_TABLES) ??
    tables.find((t) => {
      const m = mapHeaders(t.headers).mapping;
      return m.amount !== undefined && m.category !== undefined;
    }) ??
    tables[0]
  );
}
