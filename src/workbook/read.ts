/**
 * readWorkbook: the one place that turns a workbook's cells into a scenario, for the command line, the standalone
 * page and the Excel pane alike (each through its Book adapter, ./book.ts). In this order, by these rules:
 *
 *  1. the ledger: among the Excel tables and the sheets without tables (a sheet by the header row in its first 30
 *     rows, its name as its name), in workbook order, one with a ledger's name whose headers name a category and an
 *     amount, else the first whose headers do (findTable); a table runs to its last row, a sheet to its last row;
 *  2. the year: given (--year), else the workbook name KIA_JAAR (a cell that holds no year is no year: said, and no
 *     other place is tried), else the number right of a label "Jaar" (the Overzicht first), else the calendar year
 *     all the investments' dates fall in; else none (the app asks for it);
 *  3. the partners: a table or a sheet without tables (its list ends at its first empty or label row, such as
 *     "Verdeelsleutel"), chosen by the same rule, never the ledger; the key and the joint request right of
 *     "Verdeelsleutel" and "Gezamenlijk verzoek" (the partners' sheet first). A key the core does not know stays in
 *     the scenario as written: the core refuses it, in its words;
 *  4. the disposals: a table or a sheet without tables, by the same rule, never the ledger or the partners;
 *  5. every cell not read and every row the core refuses (validateRows: a row of its own, the rows of a group, a
 *     disposal of a row left out) is a LeftOut; the scenario keeps the other rows. A sheet or table named like the
 *     partners or the disposals that gives none, and a second table or sheet that fits but was not chosen, is a note.
 *
 * Nothing here knows an app: the apps render the result (./left-out.ts).
 */
import { validateRows, type NormalizedScenario, type Scenario } from "../scenario";
import "../law/headings"; // the headings vocabulary (balance-sheet headings, RGS codes) for the ledger's categories
import { KiaValidationError } from "../errors";
import { nameTarget, parseAddress, type Book, type BookOutline, type BookTable } from "./book";
import {
  cellText,
  columnLetter,
  mapDisposalHeaders,
  mapHeaders,
  readDisposals,
  readLedger,
  readPartners,
  withOtherYears,
  type Cell,
  type ColumnMapping,
  type LedgerRead,
} from "./ledger";
import { refusedRow, unreadCell, type LeftOut, type ReadNote, type RowPlaces } from "./left-out";
import type { Answers, OpenQuestion } from "./questions";
import { DISPOSAL_TABLES, KEY_LABELS, PARTNER_TABLES, REQUEST_LABELS, SUMMARY_SHEET, YEAR_LABELS, YEAR_NAME } from "./names";
import {
  besideLabel,
  findTable,
  hasTableName,
  HEADER_SEARCH_ROWS,
  LABEL_AREA,
  labelOrder,
  partnersListLength,
  sheetHeader,
  yesOrNo,
  yearOfCell,
  yearOfDates,
  type SheetHeader,
  type TableKind,
} from "./rules";

/** A block of cells read from the workbook, with where it sits so a LeftOut can name its cell. */
export interface Grid {
  /** what was read: "tabel Investeringen", "blad Staat", "selectie A1:H20" */
  source: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** sheet row (1-based) of the first data row, sheet column (0-based) of the first column */
  firstRow: number;
  firstColumn: number;
  /** the workbook counts dates from 1904: the ledger reads its date column so */
  date1904?: boolean;
}

/** How the year was found. */
export type YearFound =
  | { from: "given"; year: number }
  /** the workbook name KIA_JAAR; `at`: "Overzicht!B3" */
  | { from: "name"; year: number; at: string }
  /** the number right of a label "Jaar"; `at`: "Overzicht!B3" */
  | { from: "label"; year: number; at: string }
  /** every dated investment falls in `year` */
  | { from: "dates"; year: number; dated: number; investments: number }
  /** a title above the ledger ("Activastaat 2025"); `at`: "Staat!A1" */
  | { from: "title"; year: number; at: string }
  /** no year: the dates fall in `years` (several, or none); `reason` when KIA_JAAR names a cell without a year */
  | { from: "none"; years: number[]; reason?: string };

/** The scenario's parts as read (plain JSON, as a scenario file holds them); `year` absent when none was found. */
export interface ScenarioParts {
  year?: number;
  investments: unknown[];
  partnership?: Record<string, unknown>;
  disposals?: unknown[];
}

/** A value right of a label, and where. */
export interface LabelValue {
  value: Cell;
  sheet: string;
  row: number;
  /** the value's column (0-based) */
  column: number;
}

export interface WorkbookParts {
  year?: number;
  ledger: Grid;
  partners?: Grid;
  /** the cells right of "Verdeelsleutel" and "Gezamenlijk verzoek" */
  key?: Cell;
  request?: Cell;
  disposals?: Grid;
  date1904?: boolean;
}

export interface WorkbookRead {
  /** the rows read, without those left out (when validated) */
  scenario: ScenarioParts;
  year: YearFound;
  /** the ledger as found, with the columns its headers name; the partners and disposals grids; the key and request cells */
  ledger: Grid & { mapping: ColumnMapping; table?: string };
  partners?: Grid;
  key?: LabelValue;
  request?: LabelValue;
  disposals?: Grid;
  /** where each part was found, for messages: "tabel Investeringen", "blad Staat", "KIA_JAAR (Overzicht!B3)" */
  found: { ledger: string; partners?: string; disposals?: string; year: string };
  /** where the scenario's investments and disposals are (as read, before rows were left out) */
  places: { ledger: RowPlaces; disposals?: RowPlaces };
  /** every cell not read, then every row the core refuses */
  leftOut: LeftOut[];
  notes: ReadNote[];
  /** rows the reader does not decide alone (./questions.ts): not counted until answered */
  open: OpenQuestion[];
  /** the answers applied, with the user's words (for the report) */
  answered: { question: OpenQuestion; choice: string; note?: string }[];
  /** checks that do not leave a row out: a total that does not add up, a credit that reduced a group, partners' shares */
  warnings: { sheet: string; row?: number; message: string }[];
  /** the figure is not final: a row is left out or a question is open */
  provisional: boolean;
  /** the scenario validated (evaluateNormalized takes it as it is); absent when not validated or refused as a whole */
  normalized?: NormalizedScenario;
  /** the core refused the scenario as a whole (the year, the partnership): evaluate() says why */
  refused?: KiaValidationError;
}

/** A workbook without a ledger, or a ledger choice that is not there: a Dutch message, the app adds the file's name. */
export class WorkbookReadError extends Error {
  constructor(
    message: string,
    readonly code: "NO_LEDGER" | "NO_TABLE",
  ) {
    super(message);
    this.name = "WorkbookReadError";
  }
}

export interface ReadOptions {
  /** the year given by the user (kia-calc --year): before anything in the workbook */
  year?: number;
  /** the user's choice of ledger: a table by its name, or a block already read (the pane's selection) */
  ledger?: { table: string } | { grid: Grid; table?: string };
  /** rows of the ledger read so far (a large table read in parts) */
  onProgress?: (p: { rowsRead: number; rowsTotal: number }) => void;
  /** leave out the rows the core refuses (validateRows); default true */
  validate?: boolean;
  /** the user's answers to the open questions (./questions.ts), by questionKey */
  answers?: Answers;
}

/** A candidate for a part: an Excel table, or a sheet without tables by its header row (its name as its name). */
type Candidate = { name: string; headers: readonly unknown[]; sheet: string } & ({ table: BookTable } | { header: SheetHeader; last: number });

interface SheetTop {
  header?: SheetHeader;
  top: Cell[][];
  last: number;
}

/** The reader's view of one workbook: its outline and the tops of its sheets, each read once. */
class Reading {
  private readonly tops = new Map<string, Promise<SheetTop>>();
  private readonly areas = new Map<string, Promise<Cell[][]>>();
  constructor(
    readonly book: Book,
    readonly outline: BookOutline,
  ) {}

  /** The first rows of a sheet (from column A) and its header row (sheetHeader: a ledger's, a partners list's, a disposals list's). */
  top(sheet: string): Promise<SheetTop> {
    let t = this.tops.get(sheet);
    if (!t) {
      t = (async () => {
        const last = await this.book.lastRow(sheet);
        if (last === 0) return { top: [], last };
        const top = await this.book.rows(sheet, 1, Math.min(HEADER_SEARCH_ROWS, last), 0, 199);
        return { header: sheetHeader(top), top, last };
      })();
      this.tops.set(sheet, t);
    }
    return t;
  }

  /** A sheet's label area (LABEL_AREA), for the values right of labels. */
  area(sheet: string): Promise<Cell[][]> {
    let a = this.areas.get(sheet);
    if (!a) {
      a = this.book.rows(sheet, 1, LABEL_AREA.rows, 0, LABEL_AREA.columns);
      this.areas.set(sheet, a);
    }
    return a;
  }

  /** Tables, and sheets without tables that have a header row, in workbook order. */
  async candidates(): Promise<Candidate[]> {
    const out: Candidate[] = [];
    for (const sheet of this.outline.sheets) {
      const tables = this.outline.tables.filter((t) => t.sheet === sheet);
      if (tables.length) {
        out.push(...tables.map((table) => ({ name: table.name, headers: table.headers, sheet, table })));
        continue;
      }
      const top = await this.top(sheet);
      if (top.header) out.push({ name: sheet, headers: top.header.headers, sheet, header: top.header, last: top.last });
    }
    return out;
  }

  async grid(c: Candidate, kind: TableKind, onProgress?: ReadOptions["onProgress"]): Promise<Grid> {
    const date1904 = this.outline.date1904 || undefined;
    if ("table" in c) {
      const t = c.table;
      const first = t.headerRow ? t.top + 1 : t.top;
      const total = Math.max(0, t.bottom - first + 1);
      const progress = onProgress && ((n: number) => onProgress({ rowsRead: n, rowsTotal: total }));
      const rows = total ? await this.book.rows(t.sheet, first, t.bottom, t.left, t.right, progress) : [];
      onProgress?.({ rowsRead: total, rowsTotal: total });
      return { source: `tabel ${t.name}`, sheet: t.sheet, headers: t.headers, rows: trimEmptyTail(rows), firstRow: first, firstColumn: t.left, ...(date1904 ? { date1904 } : {}) };
    }
    const { header, last } = c;
    const headerRow = header.index + 1;
    let rows: Cell[][] = [];
    if (kind === "partners") {
      // to the list's first empty or label row ("Verdeelsleutel"), read in parts
      for (let from = headerRow + 1; from <= last; from += LIST_CHUNK_ROWS) {
        const chunk = await this.book.rows(c.sheet, from, Math.min(last, from + LIST_CHUNK_ROWS - 1), 0, header.right);
        const n = partnersListLength(chunk, header);
        rows.push(...chunk.slice(0, n.rows).map((r) => r.slice(header.left)));
        if (n.ended) break;
      }
    } else if (headerRow < last) {
      const total = last - headerRow;
      const progress = onProgress && ((n: number) => onProgress({ rowsRead: n, rowsTotal: total }));
      // assigned, not spread into push(): a sheet of a million rows would overflow the stack
      rows = await this.book.rows(c.sheet, headerRow + 1, last, header.left, header.right, progress);
      onProgress?.({ rowsRead: total, rowsTotal: total });
    }
    return { source: `blad ${c.sheet}`, sheet: c.sheet, headers: header.headers, rows: trimEmptyTail(rows), firstRow: headerRow + 1, firstColumn: header.left, ...(date1904 ? { date1904 } : {}) };
  }

  /** The value right of one of `labels` (besideLabel), the sheet `first` first; each sheet's area read only when needed. */
  async beside(labels: readonly string[], first: string | undefined, accept?: (v: Cell) => boolean): Promise<LabelValue | undefined> {
    for (const sheet of labelOrder(this.outline.sheets, first)) {
      const hit = besideLabel([{ sheet, rows: await this.area(sheet) }], labels, { accept });
      if (hit) return { value: hit.value, sheet: hit.sheet, row: hit.row, column: hit.column };
    }
    return undefined;
  }
}

/** Rows read at a time below a partners list's header, until the list ends. */
const LIST_CHUNK_ROWS = 100;

/** Empty rows at the end of a block (a table's empty last rows) are not data. */
function trimEmptyTail(rows: Cell[][]): Cell[][] {
  let n = rows.length;
  while (n > 0 && rows[n - 1].every((c) => c === null || (typeof c === "string" && c.trim() === ""))) n--;
  return n === rows.length ? rows : rows.slice(0, n);
}

const KIND_WORDS: Record<TableKind, string> = { ledger: "staat van investeringen", partners: "vennoten", disposals: "desinvesteringen" };
const KIND_COLUMNS: Record<TableKind, string> = {
  ledger: "de kolommen Categorie en Bedrag",
  partners: "de kolommen Naam en Winstaandeel (of Kapitaal, Stille reserves)",
  disposals: "de kolommen Verkoopprijs en Investering dit jaar (of Investeringsjaar)",
};
const KIND_CONSEQUENCE: Record<TableKind, string> = {
  ledger: "",
  partners: "; de KIA is niet over vennoten verdeeld",
  disposals: "; er is geen desinvesteringsbijtelling uit berekend",
};

const placeText = (c: Candidate) => ("table" in c ? `tabel ${c.name} op blad ${c.sheet}` : `blad ${c.sheet}`);

/** The place a note points at: a table's first cell, else the sheet's first filled cell in its first rows. */
async function noteCell(r: Reading, sheet: string, table?: BookTable): Promise<{ row: number; column: string } | undefined> {
  if (table) return { row: table.top, column: columnLetter(table.left) };
  const { top } = await r.top(sheet);
  const i = top.findIndex((row) => row.some((c) => cellText(c).trim() !== ""));
  if (i < 0) return undefined;
  return { row: i + 1, column: columnLetter(top[i].findIndex((v) => cellText(v).trim() !== "")) };
}

/**
 * The notes for a kind: a second candidate that fits but was not chosen; a table or sheet named like the kind
 * ("Vennoten", "Desinvesteringen") that was not read as it, with why.
 */
async function notesFor(r: Reading, kind: TableKind, all: readonly Candidate[], chosen: Candidate | undefined, taken: readonly Candidate[]): Promise<ReadNote[]> {
  const notes: ReadNote[] = [];
  const words = KIND_WORDS[kind];
  const fits = (c: Candidate) => findTable([c], kind) !== undefined;
  for (const c of all) {
    if (c === chosen || taken.includes(c) || !(fits(c) || hasTableName(c.name, kind) || hasTableName(c.sheet, kind))) continue;
    const at = await noteCell(r, c.sheet, "table" in c ? c.table : undefined);
    if (!at) continue;
    const table = "table" in c ? { table: c.name } : {};
    if (fits(c) && chosen)
      notes.push({ kind, sheet: c.sheet, ...at, ...table, reason: `${placeText(c)} niet gelezen als ${words}: ${placeText(chosen)} is gelezen (er wordt één gelezen)` });
    else if (!fits(c) && !chosen)
      notes.push({
        kind,
        sheet: c.sheet,
        ...at,
        ...table,
        reason:
          "table" in c
            ? `${placeText(c)} niet gelezen als ${words}: de tabel heeft niet ${KIND_COLUMNS[kind]}${KIND_CONSEQUENCE[kind]}`
            : `${placeText(c)} niet gelezen als ${words}: geen kopregel met ${KIND_COLUMNS[kind]} in de eerste ${HEADER_SEARCH_ROWS} rijen${KIND_CONSEQUENCE[kind]}`,
      });
  }
  // a sheet named like the kind without a header row at all (not a candidate): said too
  if (!chosen && kind !== "ledger")
    for (const sheet of r.outline.sheets) {
      if (!hasTableName(sheet, kind) || all.some((c) => c.sheet === sheet) || taken.some((c) => c.sheet === sheet)) continue;
      const at = await noteCell(r, sheet);
      if (at)
        notes.push({
          kind,
          sheet,
          ...at,
          reason: `blad ${sheet} niet gelezen als ${words}: geen kopregel met ${KIND_COLUMNS[kind]} in de eerste ${HEADER_SEARCH_ROWS} rijen${KIND_CONSEQUENCE[kind]}`,
        });
    }
  return notes;
}

/** Reads a workbook through its Book: the scenario's parts, where they are, what was left out and why. */
export async function readWorkbook(book: Book, options: ReadOptions = {}): Promise<WorkbookRead> {
  const outline = await book.outline();
  const r = new Reading(book, outline);
  const all = await r.candidates();

  // 1. The ledger.
  let ledger: Grid;
  let ledgerCandidate: Candidate | undefined;
  const choice = options.ledger;
  if (choice && "grid" in choice) {
    ledger = { ...choice.grid, ...(outline.date1904 ? { date1904: true } : {}) };
    ledgerCandidate = choice.table === undefined ? undefined : all.find((c) => "table" in c && c.name === choice.table);
  }
  else {
    ledgerCandidate = choice ? all.find((c) => "table" in c && c.name === choice.table) ?? all.find((c) => c.name === choice.table) : findTable(all, "ledger");
    if (!ledgerCandidate) {
      if (choice) throw new WorkbookReadError(`tabel of blad "${choice.table}" staat niet in de werkmap`, "NO_TABLE");
      throw new WorkbookReadError("geen investeringsstaat gevonden", "NO_LEDGER");
    }
    ledger = await r.grid(ledgerCandidate, "ledger", options.onProgress);
  }
  const mapping = mapHeaders(ledger.headers).mapping;
  const place = (g: Grid) => ({ firstRow: g.firstRow, firstColumn: g.firstColumn, ...(g.date1904 ? { date1904: true } : {}) });
  const firstRead = readLedger(ledger.rows, mapping, { ...place(ledger), sheet: ledger.sheet, ...(options.answers ? { answers: options.answers } : {}) });
  const notes: ReadNote[] = ledgerCandidate ? await notesFor(r, "ledger", all, ledgerCandidate, []) : [];

  // 2. The year; a row dated in another year is a question (art. 3.43: the year the obligation is entered into).
  const year = await findYear(r, options.year, firstRead, ledger);
  const read = year.from !== "none" && year.from !== "dates" ? withOtherYears(firstRead, year.year, mapping, { ...place(ledger), sheet: ledger.sheet, ...(options.answers ? { answers: options.answers } : {}) }) : firstRead;

  // 3. The partners (never the ledger), with the key and the joint request.
  const rest = all.filter((c) => c !== ledgerCandidate && !(ledgerCandidate === undefined && c.sheet === ledger.sheet && !("table" in c)));
  const partnersCandidate = findTable(rest, "partners");
  const partners = partnersCandidate ? await r.grid(partnersCandidate, "partners") : undefined;
  const key = partners ? await r.beside(KEY_LABELS, partners.sheet) : undefined;
  const request = partners ? await r.beside(REQUEST_LABELS, partners.sheet) : undefined;
  notes.push(...(await notesFor(r, "partners", rest, partnersCandidate, [])));

  // 4. The disposals (never the ledger or the partners).
  const others = rest.filter((c) => c !== partnersCandidate);
  const disposalsCandidate = findTable(others, "disposals");
  const disposals = disposalsCandidate ? await r.grid(disposalsCandidate, "disposals") : undefined;
  notes.push(...(await notesFor(r, "disposals", others, disposalsCandidate, [])));

  // 5. The scenario, what was not read, and the rows the core refuses.
  const parts = assemble(
    { year: year.from === "none" ? undefined : year.year, ledger, partners, key: key?.value, request: request?.value, disposals, date1904: outline.date1904 },
    read,
  );
  const out: WorkbookRead = {
    scenario: parts.scenario,
    year,
    ledger: { ...ledger, mapping, ...(ledgerCandidate && "table" in ledgerCandidate ? { table: ledgerCandidate.name } : {}) },
    ...(partners ? { partners } : {}),
    ...(key ? { key } : {}),
    ...(request ? { request } : {}),
    ...(disposals ? { disposals } : {}),
    found: { ...parts.found, year: yearText(year) },
    places: parts.places,
    leftOut: parts.leftOut,
    notes,
    open: read.open,
    answered: read.answered,
    warnings: [...read.warnings.map((w) => ({ sheet: ledger.sheet, ...w })), ...parts.warnings],
    provisional: false,
  };
  if (options.validate !== false && year.from !== "none") Object.assign(out, leaveOutRefused(out));
  out.provisional = out.open.length > 0 || out.leftOut.length > 0;
  return out;
}


/** Where the year was found, for messages. */
function yearText(y: YearFound): string {
  switch (y.from) {
    case "given":
      return "--year";
    case "name":
      return `${YEAR_NAME} (${y.at})`;
    case "label":
      return y.at;
    case "dates":
      return "de investeringsdatums";
    case "title":
      return `de titel (${y.at})`;
    case "none":
      return "";
  }
}

/** The year (readWorkbook step 2). */
async function findYear(r: Reading, given: number | undefined, ledger: LedgerRead, grid: Grid): Promise<YearFound> {
  if (given !== undefined) return { from: "given", year: given };
  const target = nameTarget(r.outline.names.get(YEAR_NAME));
  const a = target && parseAddress(target.address);
  if (target && a && r.outline.sheets.includes(target.sheet)) {
    const v = (await r.book.rows(target.sheet, a.row, a.row, a.col, a.col))[0]?.[0] ?? null;
    const year = yearOfCell(v);
    const at = `${target.sheet}!${target.address}`;
    if (year !== undefined) return { from: "name", year, at };
    return { from: "none", years: [], reason: `het jaar in ${at} (${YEAR_NAME}) is geen jaartal: ${JSON.stringify(cellText(v))}` };
  }
  const label = await r.beside(YEAR_LABELS, SUMMARY_SHEET, (v) => yearOfCell(v) !== undefined);
  if (label) return { from: "label", year: yearOfCell(label.value)!, at: `${label.sheet}!${columnLetter(label.column)}${label.row}` };
  // a title above the ledger: "Activastaat 2025", "Investeringen boekjaar 2024"
  if (grid.firstRow > 2) {
    const { top } = await r.top(grid.sheet);
    for (let i = 0; i < Math.min(top.length, grid.firstRow - 2); i++)
      for (let c = 0; c < top[i].length; c++) {
        const y = yearOfTitle(top[i][c]);
        if (y !== undefined) return { from: "title", year: y, at: `${grid.sheet}!${columnLetter(c)}${i + 1}` };
      }
  }
  const d = yearOfDates(ledger.investments);
  return d.year !== undefined ? { from: "dates", ...d } : { from: "none", years: d.years };
}

/** Words of a title that gives the ledger's year. */
const TITLE_WORDS = /\b(activastaat|activa|investeringen|investeringsstaat|staat|boekjaar|jaar|kia|afschrijvingsstaat|vaste)\b/i;

/** The year in a title cell ("Activastaat 2025", "Staat van investeringen boekjaar 2024"): one year, and a title word. */
export function yearOfTitle(c: Cell | undefined): number | undefined {
  if (typeof c !== "string" || !TITLE_WORDS.test(c)) return undefined;
  const years = [...c.matchAll(/(?<![\d-])((?:19|20|21)\d{2})(?![\d-])/g)].map((m) => Number(m[1]));
  return years.length === 1 ? years[0] : undefined;
}

/**
 * The scenario of a workbook's parts, read with the core's readers; every cell not read a LeftOut. `ledgerRead`: the
 * ledger read already (readWorkbook read it for the year).
 */
export function assemble(
  parts: WorkbookParts,
  ledgerRead?: LedgerRead,
): { scenario: ScenarioParts; leftOut: LeftOut[]; found: { ledger: string; partners?: string; disposals?: string }; places: WorkbookRead["places"]; warnings: WorkbookRead["warnings"] } {
  const { ledger } = parts;
  const date1904 = parts.date1904 || ledger.date1904 ? { date1904: true } : {};
  const mapping = mapHeaders(ledger.headers).mapping;
  const read = ledgerRead ?? readLedger(ledger.rows, mapping, { firstRow: ledger.firstRow, firstColumn: ledger.firstColumn, ...date1904 });
  const idOf = (g: Grid, column: number | undefined, row: number) => (column === undefined ? undefined : cellText(g.rows[row - g.firstRow]?.[column]).trim() || undefined);
  const leftOut: LeftOut[] = read.problems.map((p) => unreadCell("investments", ledger.sheet, p, idOf(ledger, mapping.id, p.row)));
  const scenario: ScenarioParts = { ...(parts.year === undefined ? {} : { year: parts.year }), investments: read.investments };
  const found: { ledger: string; partners?: string; disposals?: string } = { ledger: ledger.source };
  const places: WorkbookRead["places"] = { ledger: { sheet: ledger.sheet, rows: read.rows, mapping, firstColumn: ledger.firstColumn } };

  const warnings: WorkbookRead["warnings"] = [];
  const g = parts.partners;
  if (g) {
    const p = readPartners(g.headers, g.rows, { firstRow: g.firstRow, firstColumn: g.firstColumn });
    for (const x of p.problems) leftOut.push(unreadCell("partners", g.sheet, x));
    warnings.push(...(p.warnings ?? []).map((w) => ({ sheet: g.sheet, ...w })));
    if (p.items.length) {
      const partnership: Record<string, unknown> = { partners: p.items };
      const key = cellText(parts.key).trim();
      if (key !== "") partnership.key = key;
      const request = yesOrNo(parts.request);
      if (request !== undefined) partnership.jointRequest = request;
      scenario.partnership = partnership;
      found.partners = g.source;
    }
  }

  const d = parts.disposals;
  if (d) {
    const dm = mapDisposalHeaders(d.headers).mapping;
    const x = readDisposals(d.headers, d.rows, { firstRow: d.firstRow, firstColumn: d.firstColumn });
    // one by one, not spread into push(): a sheet of many bad rows would overflow the stack
    for (const p of x.problems) leftOut.push(unreadCell("disposals", d.sheet, p, idOf(d, dm.id, p.row)));
    if (x.items.length) {
      scenario.disposals = x.items;
      found.disposals = d.source;
      places.disposals = { sheet: d.sheet, rows: x.rows, mapping: dm, firstColumn: d.firstColumn };
    }
  }
  return { scenario, leftOut, found, places, warnings };
}

/**
 * The rows the core refuses (validateRows, one pass), left out and added to `leftOut` at their cells; the scenario
 * keeps the rest and comes back validated. A scenario refused as a whole (the year, the partnership) is kept as it
 * is with `refused`: evaluate() says why, as the app reports invalid input.
 */
export function leaveOutRefused(read: Pick<WorkbookRead, "scenario" | "places" | "leftOut">): Pick<WorkbookRead, "scenario" | "leftOut" | "normalized" | "refused"> {
  try {
    const checked = validateRows(read.scenario);
    const refused = checked.errors.map((e) => refusedRow(e, read.places)).filter((x): x is LeftOut => x !== undefined);
    return { scenario: checked.scenario as ScenarioParts & Scenario, normalized: checked.normalized, leftOut: [...read.leftOut, ...refused] };
  } catch (e) {
    if (e instanceof KiaValidationError) return { scenario: read.scenario, leftOut: read.leftOut, refused: e };
    throw e;
  }
}

export { DISPOSAL_TABLES, PARTNER_TABLES };
