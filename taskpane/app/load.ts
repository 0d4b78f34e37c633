/**
 * Helpers for reading a ledger into the pane: which table is the ledger (and the partners, the disposals), which
 * year it is about, the column mapping stored in the document applied to the headers found now. The rules are the
 * core's (src/workbook/rules.ts), the same kia-calc follows. No DOM, no Office; tested in jest.
 */
import { establishedYears } from "../../src/law";
import {
  columnLetter,
  LEDGER_FIELDS,
  normalizeHeader,
  readLedger,
  type ColumnMapping,
  type LedgerField,
} from "../../src/workbook/ledger";
import {
  findTable,
  SUMMARY_SHEET,
  YEAR_LABELS,
  yearOfCell,
  yearOfDates,
} from "../../src/workbook/rules";
import type { Grid, TableInfo, Workbook } from "../workbook/types";
import type { Culture } from "./format";
import { LEDGER_TABLES } from "./names";
import type { WorkbookRead, YearFound as ReadYear } from "../../src/workbook/read";
import { partnershipFromRead, partnershipFromTable } from "./partners";
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

/** How the year of a loaded workbook was found; the pane says so beside the year unless it came from the workbook. */
export type YearFound =
  /** the number right of a label "Jaar" (`at`: "Overzicht!B3") */
  | { from: "workbook"; year: number; at: string }
  /** every dated investment falls in `year` */
  | { from: "dates"; year: number; dated: number; investments: number }
  /** no year: the dates fall in `years` (several, or one without a KIA table, or none); `year` on screen is a guess */
  | { from: "none"; years: number[]; year: number };

/**
 * The year of a workbook being loaded, by kia-calc's rule (cli/workbook.ts, src/workbook/rules.ts): the number
 * right of a label "Jaar" (the Overzicht first), else the calendar year all dated investments fall in, else none:
 * `guess` stays on screen, and the pane says it is a guess. A year without a KIA table cannot be chosen in the pane:
 * a workbook's is passed over, the dates' is no year.
 */
export async function findYear(
  wb: Workbook,
  investments: readonly { date?: unknown }[],
  guess: number,
): Promise<YearFound> {
  const years = establishedYears();
  const label = await wb
    .findLabel?.(YEAR_LABELS, SUMMARY_SHEET, (v) => yearOfCell(v) !== undefined)
    .catch(() => undefined);
  const inFile = label ? yearOfCell(label.value) : undefined;
  if (inFile !== undefined && years.includes(inFile))
    return { from: "workbook", year: inFile, at: `${label!.sheet}!${columnLetter(label!.column)}${label!.row}` };
  const d = yearOfDates(investments);
  if (d.year === undefined) return { from: "none", years: d.years, year: guess };
  if (!years.includes(d.year)) return { from: "none", years: [d.year], year: guess };
  return { from: "dates", ...d };
}

/** The reader's year as the pane shows it: a year without a KIA table cannot be chosen, so it is none (a guess on screen). */
export function paneYear(y: ReadYear, guess: number): YearFound {
  const years = establishedYears();
  switch (y.from) {
    case "name":
    case "label":
    case "title":
      return years.includes(y.year) ? { from: "workbook", year: y.year, at: y.at } : { from: "none", years: [y.year], year: guess };
    case "dates":
      return years.includes(y.year) ? { from: "dates", year: y.year, dated: y.dated, investments: y.investments } : { from: "none", years: [y.year], year: guess };
    case "given":
      return { from: "workbook", year: y.year, at: "" };
    case "none":
      return { from: "none", years: y.years, year: guess };
  }
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

/**
 * The ledger among a workbook's tables, by the core's rule (findTable: a ledger's name and headers with a category
 * and an amount, else such headers); else a table with a ledger's name, else the first: its columns can be chosen
 * by hand in the pane.
 */
export function ledgerTable(tables: TableInfo[]): TableInfo | undefined {
  return findTable(tables, "ledger") ?? pickTable(tables, LEDGER_TABLES) ?? tables[0];
}

/**
 * What a workbook gives beside the ledger just read, found by the core's rules as kia-calc finds it: the year
 * (findYear, when `guess` is given: restored choices keep their own), the disposals' table (beside a ledger read
 * from a table) and the partners' table with the key and the joint request (partnershipFromTable). The partners may
 * be a list on a sheet without tables: the standalone page's file adapter gives it as a table from its header row to
 * the row before the first empty or label row ("Verdeelsleutel"), by the rule kia-calc follows (src/workbook/rules.ts
 * sheetHeader, endsPartnersList); in Excel the pane lists Excel tables only.
 */
export async function workbookParts(
  wb: Workbook,
  ledger: { grid: Grid; mapping: ColumnMapping; table?: string },
  options: { guess?: number; culture: () => Promise<Culture>; tables?: TableInfo[] },
): Promise<{
  yearFound?: YearFound;
  disposalGrid: Grid | null;
  partners?: Awaited<ReturnType<typeof partnershipFromTable>>;
  /** sheets and tables that look like partners or disposals but were not read, and why */
  notes?: WorkbookRead["notes"];
}> {
  const { grid, mapping, table } = ledger;
  // the headings vocabulary (src/law/headings.ts: "Vervoermiddelen", RGS codes) before the ledger is read, in a chunk
  // of its own (not in the pane's first download)
  await import(/* webpackChunkName: "headings" */ "../../src/law/headings");
  if (wb.book) {
    // the one reader (src/workbook/read.ts), as kia-calc: the year (KIA_JAAR, "Jaar", the dates), the partners and
    // the disposals from a table or a sheet without tables, and what looks like them but was not read
    // in a chunk of its own, loaded with the first workbook (the pane's first screen does not need it)
    const { readWorkbook } = await import("../../src/workbook/read");
    const read = await readWorkbook(wb.book(), { ledger: { grid, ...(table === undefined ? {} : { table }) }, validate: false });
    return {
      yearFound: options.guess === undefined ? undefined : paneYear(read.year, options.guess),
      disposalGrid: read.disposals ?? null,
      partners: read.partners ? partnershipFromRead(read, await options.culture()) : undefined,
      notes: read.notes,
    };
  }
  // a host without a Book (the browser test's in-memory workbook): its tables and labels, by the same rules

  const yearFound =
    options.guess === undefined
      ? undefined
      : await findYear(wb, readLedger(grid.rows, mapping, { firstRow: grid.firstRow, firstColumn: grid.firstColumn }).investments, options.guess);
  // the tables the pane listed just before (one sync less), else listed here
  const all = options.tables ?? (await wb.listTables().catch(() => [] as TableInfo[]));
  const not = { name: table ?? "" };
  const dt = table !== undefined ? findTable(all, "disposals", not) : undefined;
  const disposalGrid = dt ? await wb.readTable(dt.name).catch(() => null) : null;
  // the partners table or sheet ("Vennoten"): the partnership is on at once, the user can change it
  const pt = findTable(all, "partners", not);
  const partners = pt ? await partnershipFromTable(wb, pt.name, await options.culture()).catch(() => undefined) : undefined;
  return { yearFound, disposalGrid, partners };
}
