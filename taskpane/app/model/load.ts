/**
 * Loading a ledger into the pane: the workbook is read by the one reader (src/workbook/read.ts readWorkbook, as
 * kia-calc reads a file) through the adapter's Book, the selection through a Book view (src/workbook/selection.ts);
 * the pane adds only what is its own: the column mapping and the choices stored in the document, and the year on
 * screen when the workbook gives none. No DOM; tested in jest.
 */
import { establishedYears } from "../../../src/law";
import { LEDGER_FIELDS, normalizeHeader, type ColumnMapping, type LedgerField } from "../../../src/workbook/ledger";
import type { RangePlace } from "../../../src/workbook/selection";
import type { Grid, ReadablePart, WorkbookRead, YearFound as ReadYear } from "../../../src/workbook/read";
import type { ReadProgress, Workbook } from "../../workbook/types";
import type { Culture } from "../text/format";
import { CHOICES_KEY, MAPPING_KEY } from "./names";
import { partnershipFromRead } from "./partners";
import { hasChoices, initialChoices, restoreChoices, type Action, type Choices, type Source } from "./state";

export type SavedMappings = Record<string, Partial<Record<LedgerField, string | null>>>;

export function defaultYear(now = new Date()): number {
  const years = establishedYears();
  const prev = now.getFullYear() - 1;
  return years.includes(prev) ? prev : years[years.length - 1];
}

/** How the year of a loaded workbook was found; the pane says so beside the year unless it came from the workbook. */
export type YearFound =
  /** the name KIA_JAAR, the number right of a label "Jaar", a title above the ledger (`at`: "Overzicht!B3") */
  | { from: "workbook"; year: number; at: string }
  /** every dated investment falls in `year` */
  | { from: "dates"; year: number; dated: number; investments: number }
  /** no year: the dates fall in `years` (several, or one without a KIA table, or none); `year` on screen is a guess */
  | { from: "none"; years: number[]; year: number };

/** The reader's year as the pane shows it: a year without a KIA table cannot be chosen, so it is none (a guess on screen). */
export function paneYear(y: ReadYear, guess: number): YearFound {
  const years = establishedYears();
  switch (y.from) {
    case "name":
    case "label":
    case "title":
      return years.includes(y.year) ? { from: "workbook", year: y.year, at: y.at } : { from: "none", years: [y.year], year: guess };
    case "dates":
      return years.includes(y.year)
        ? { from: "dates", year: y.year, dated: y.dated, investments: y.investments }
        : { from: "none", years: [y.year], year: guess };
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
    const i = headers.findIndex((x) => normalizeHeader(x) === normalizeHeader(h));
    if (i < 0) continue;
    for (const [g, c] of Object.entries(mapping)) if (c === i && g !== f) delete mapping[g as LedgerField];
    mapping[f] = i;
  }
  return { mapping, origin: "saved" };
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The headings vocabulary (src/law/headings.ts: "Vervoermiddelen", RGS codes), before a ledger is read: also when a
 * worker reads the file, since the pane reads the ledger's rows again on this thread (derive.ts).
 */
const headings = () => import(/* webpackChunkName: "headings" */ "../../../src/law/headings");

/** The reader, the selection view and the headings vocabulary, in a chunk of their own loaded with the first workbook. */
async function reader() {
  await headings();
  const [read, selection] = await Promise.all([
    import(/* webpackChunkName: "reader" */ "../../../src/workbook/read"),
    import(/* webpackChunkName: "reader" */ "../../../src/workbook/selection"),
  ]);
  return { ...read, ...selection };
}

/**
 * What the pane can read as the ledger (readableParts: the tables and the sheets with a header row, in workbook
 * order), where the workbook reads it (a file: in its worker) or else on this thread.
 */
export async function ledgerChoices(wb: Workbook, signal?: AbortSignal): Promise<ReadablePart[]> {
  if (wb.readableParts) return wb.readableParts(signal);
  return (await reader()).readableParts(wb.book());
}

/** A grid's cells with its header row: where the add-in never writes. */
function placeOf(g: Grid): RangePlace {
  // a loop, not Math.max(...rows): a sheet of a million rows would overflow the stack
  let width = Math.max(g.headers.length, 1);
  for (const r of g.rows) if (r.length > width) width = r.length;
  return { sheet: g.sheet, top: Math.max(1, g.firstRow - 1), bottom: g.firstRow + g.rows.length - 1, left: g.firstColumn, right: g.firstColumn + width - 1 };
}

export type LoadDone = Extract<Action, { type: "load-done" }>;

/**
 * Reads a ledger into the pane: readWorkbook on the workbook's Book (the table or sheet `what.table`, else the one it
 * chooses; or the selection), then the mapping and the choices the document holds for this ledger. The year: the
 * restored choices keep theirs; else the workbook's (paneYear), else `guess` stays on screen. The places read are
 * given to the adapter (the report and formulas never go there).
 */
export async function loadLedger(
  wb: Workbook,
  what: { table?: string } | { selection: true },
  options: { guess: number; culture: () => Promise<Culture>; fileName?: string; onProgress?: (p: ReadProgress) => void; signal?: AbortSignal },
): Promise<LoadDone> {
  let table: string | undefined;
  let read: WorkbookRead;
  try {
    // not validated here: the pane reads what was found again with the year and columns on screen (derive.ts)
    if (wb.readWorkbook && !("selection" in what)) {
      // a file: read in its worker; this thread stays free (and the user can stop it: `signal`)
      table = what.table;
      await headings();
      read = await wb.readWorkbook({ ...(table === undefined ? {} : { ledger: { table } }), onProgress: options.onProgress, signal: options.signal });
    } else {
      const r = await reader();
      let book = wb.book();
      if ("selection" in what) {
        if (!wb.selection) throw new Error("Hier is geen selectie: kies een tabel of blad.");
        const place = await wb.selection();
        book = r.selectionBook(book, place);
        table = r.selectionName(place);
      } else table = what.table;
      read = await r.readWorkbook(book, { ...(table === undefined ? {} : { ledger: { table } }), onProgress: options.onProgress, validate: false });
    }
  } catch (e) {
    // WorkbookReadError, also as it comes back from the worker (its code, not its class)
    if ((e as { code?: unknown } | null)?.code === "NO_LEDGER")
      throw new Error(
        `${options.fileName ? `${options.fileName}: ` : ""}geen staat van investeringen gevonden: verwacht een Excel-tabel of een blad met een kopregel met de kolommen Categorie en Bedrag.`,
      );
    throw e;
  }
  const ledger = read.ledger;
  const kind: Source["kind"] = options.fileName ? "file" : "selection" in what ? "selection" : "table";
  const source: Source = {
    kind,
    name: ledger.source,
    ...("selection" in what ? {} : { table: ledger.table ?? ledger.sheet }),
    ...(options.fileName ? { fileName: options.fileName } : {}),
  };
  const key = sourceKey(source);
  const saved = await wb.loadSetting<SavedMappings>(MAPPING_KEY).catch(() => undefined);
  const { mapping, origin } = applySavedMapping(ledger.mapping, saved?.[key], ledger.headers);
  const stored = await wb.loadSetting<Record<string, unknown>>(CHOICES_KEY).catch(() => undefined);
  const mine = stored && typeof stored === "object" ? stored[key] : undefined;
  const restored: Choices | undefined = mine ? restoreChoices(mine, options.guess) : undefined;
  const yearFound = restored ? undefined : paneYear(read.year, options.guess);
  const year = yearFound?.from === "none" ? undefined : yearFound?.year;
  const partners = read.partners ? partnershipFromRead(read, await options.culture()) : undefined;
  // restored choices win over what the workbook gives, when they hold more than that
  const baseline = initialChoices(year ?? restored?.year ?? options.guess);
  if (partners) baseline.partnership = partners.partnership;
  wb.markRead([ledger, read.partners, read.disposals].filter((g): g is Grid => g !== undefined).map(placeOf));
  const { mapping: _m, table: _t, ...grid } = ledger;
  void _m;
  void _t;
  return {
    type: "load-done",
    source,
    grid,
    disposalGrid: read.disposals ?? null,
    partnersFound: read.partners
      ? { partners: read.partners, ...(read.key ? { key: read.key } : {}), ...(read.request ? { request: read.request } : {}) }
      : null,
    notes: read.notes,
    readFrom: read.found,
    mapping,
    mappingOrigin: origin,
    choices: restored && hasChoices(restored, baseline) ? restored : undefined,
    restoredChoices: !!mine,
    year,
    yearFound,
    partnership: partners?.partnership,
    partnersRead: partners?.read ?? null,
  };
}
