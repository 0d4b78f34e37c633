/**
 * A workbook as a scenario, for `kia-calc werkblad.xlsx` and `kia-calc --batch`: a filled KIA-werkblad
 * (templates/), or any workbook with a recognisable ledger. Every cell is read with the core's readers
 * (src/workbook/ledger.ts) and every part is found by the core's rules (src/workbook/rules.ts), exactly as the taskpane reads
 * and finds them, so a workbook gives the same scenario here and there.
 *
 * Where things are found:
 *  - the ledger: the Excel table "Investeringen" (or "Activastaat", "Vaste activa"…) whose headers name a category
 *    and an amount; else any table with such headers; else the first sheet with such a header row in its first 30
 *    rows (the data runs to the sheet's last row);
 *  - the partners and the disposals: the tables "Vennoten" and "Desinvesteringen" (or "Partners",
 *    "Vervreemdingen"…) with their headers, else tables with their headers; the partners also from a sheet without
 *    tables with a header row Naam | Winstaandeel in its first 30 rows, to the first empty row or a label row such
 *    as "Verdeelsleutel" (findPartnersHeader, endsPartnersList), chosen among the tables by the same rule (findTable,
 *    the sheet's name as its name). A sheet named "Vennoten" or "Partners" that gives no partners is said (a note
 *    among the problems: the KIA is not split), not passed over without a word;
 *  - the key and the joint request: the cells right of the labels "Verdeelsleutel" and "Gezamenlijk verzoek"
 *    (the partners' sheet first);
 *  - the year: --year, else the workbook name KIA_JAAR, else the number right of a label "Jaar" (the Overzicht
 *    first), else the calendar year of the investments' dates when they all fall in one year.
 *
 * A .csv ledger (as Dutch Excel or a bookkeeping package exports it) is read as a workbook of one sheet without
 * tables, through the taskpane's CSV reader (taskpane/workbook/csv.ts): the same header search, the same cell
 * readers, so a CSV gives the same scenario and the same problems here, in the standalone page and in --batch.
 */
import { SHEET, TABLE, YEAR_NAME } from "../templates/layout";
import {
  cellText,
  columnLetter,
  mapDisposalHeaders,
  mapHeaders,
  readDisposals,
  readLedger,
  readPartners,
  type Cell,
  type LedgerProblem,
} from "../src/workbook/ledger";
import {
  besideLabel,
  findTable,
  hasTableName,
  HEADER_SEARCH_ROWS,
  KEY_LABELS,
  LABEL_AREA,
  labelOrder,
  noYearText,
  partnersListLength,
  partnersNotReadText,
  REQUEST_LABELS,
  sheetHeader,
  type SheetHeader,
  YEAR_LABELS,
  yearOfCell,
  yearOfDates,
  yesOrNo,
} from "../src/workbook/rules";
import { decodeText, parseCsv } from "../taskpane/workbook/csv";
import { InputError } from "./input";
import { XlsxBook, XlsxError, parseAddress, type XlsxTable } from "./xlsx";

export interface WorkbookProblem {
  /** "Investeringen!D5" */
  cell: string;
  message: string;
}

export interface WorkbookRead {
  /** the scenario (plain JSON, as a scenario file would hold it) */
  scenario: { year: number; investments: unknown[]; partnership?: Record<string, unknown>; disposals?: unknown[] };
  /** cells that could not be read; their rows do not count (as in the taskpane) */
  problems: WorkbookProblem[];
  /** where each part was found, for messages: "tabel Investeringen", "blad Staat A1:H40", "KIA_JAAR" */
  found: { ledger: string; partners?: string; disposals?: string; year: string };
  /** where the scenario's investments and disposals are in the sheet, to name the cell of a row the calculation refuses */
  places: { ledger: RowPlaces; disposals?: RowPlaces };
  /** set when the year was neither given nor in the file, but taken from the investments' dates */
  yearFromDates?: { dated: number; investments: number };
}

/** Where the rows of one of the scenario's lists are: the sheet, each item's sheet row, and which column holds which field. */
export interface RowPlaces {
  sheet: string;
  /** sheet row (1-based, as Excel shows it) of each item, parallel to the list in the scenario */
  rows: number[];
  /** which column of the range holds which field (the ledger's ColumnMapping, or the disposals' fields) */
  mapping: Readonly<Partial<Record<string, number>>>;
  /** sheet column index (0-based) of the range's first column */
  firstColumn: number;
}

/** What the reader needs of a workbook: XlsxBook, or CsvBook (a CSV as one sheet without tables or names). */
export interface Book {
  readonly sheetNames: string[];
  readonly tables: XlsxTable[];
  readonly names: Map<string, string>;
  rows(sheet: string, from: number, to: number, left: number, right: number): Promise<Cell[][]>;
  lastRow(sheet: string): Promise<number>;
  cell(sheet: string, address: string): Promise<Cell>;
}

/** A CSV file as a Book: one sheet named after the file, every field text, empty fields null. */
export class CsvBook implements Book {
  readonly tables: XlsxTable[] = [];
  readonly names = new Map<string, string>();
  readonly sheetNames: string[];
  private readonly lines: (string | null)[][];

  constructor(bytes: Uint8Array, sheet: string) {
    this.sheetNames = [sheet];
    this.lines = parseCsv(decodeText(bytes)).rows.map((line) => line.map((f) => (f.trim() === "" ? null : f)));
  }

  async rows(_sheet: string, from: number, to: number, left: number, right: number): Promise<Cell[][]> {
    const out: Cell[][] = [];
    for (let r = from; r <= to; r++) {
      const line = this.lines[r - 1] ?? []; // rows past the end are empty, as in a sheet
      const cells: Cell[] = [];
      for (let c = left; c <= right; c++) cells.push(line[c] ?? null);
      out.push(cells);
    }
    return out;
  }

  async lastRow(): Promise<number> {
    let last = this.lines.length;
    while (last > 0 && this.lines[last - 1].every((c) => c === null)) last--;
    return last;
  }

  async cell(sheet: string, address: string): Promise<Cell> {
    const a = parseAddress(address);
    return a ? (await this.rows(sheet, a.row, a.row, a.col, a.col))[0][0] : null;
  }
}

export interface Grid {
  source: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  firstRow: number;
  firstColumn: number;
}

async function tableGrid(book: Book, t: XlsxTable): Promise<Grid> {
  const first = t.headerRow ? t.top + 1 : t.top;
  const rows = first <= t.bottom ? await book.rows(t.sheet, first, t.bottom, t.left, t.right) : [];
  return { source: `tabel ${t.name}`, sheet: t.sheet, headers: t.headers, rows, firstRow: first, firstColumn: t.left };
}

/** The header row of a sheet without tables (src/workbook/rules.ts sheetHeader), and its first rows (from column A). */
async function sheetTop(book: Book, sheet: string): Promise<{ header?: SheetHeader; top: Cell[][]; last: number }> {
  const last = await book.lastRow(sheet);
  if (last === 0) return { top: [], last };
  const top = await book.rows(sheet, 1, Math.min(HEADER_SEARCH_ROWS, last), 0, 199);
  return { header: sheetHeader(top), top, last };
}

/** The ledger's header row in the first 30 rows of a sheet (no Excel table): its columns, the data to the sheet's end. */
async function sheetGrid(book: Book, sheet: string): Promise<Grid | undefined> {
  const { header, last } = await sheetTop(book, sheet);
  if (header?.kind !== "ledger") return undefined;
  const headerRow = header.index + 1;
  const rows = headerRow < last ? await book.rows(sheet, headerRow + 1, last, header.left, header.right) : [];
  return { source: `blad ${sheet}`, sheet, headers: header.headers, rows, firstRow: headerRow + 1, firstColumn: header.left };
}

/** Rows read at a time below a partners list's header, until the list ends. */
const LIST_CHUNK_ROWS = 100;

/** A partners list on a sheet without tables: below its header row, to its first empty or label row (endsPartnersList). */
async function listGrid(book: Book, sheet: string, list: SheetHeader, last: number): Promise<Grid> {
  const headerRow = list.index + 1;
  const rows: Cell[][] = [];
  for (let from = headerRow + 1; from <= last; from += LIST_CHUNK_ROWS) {
    const chunk = await book.rows(sheet, from, Math.min(last, from + LIST_CHUNK_ROWS - 1), 0, list.right);
    const n = partnersListLength(chunk, list);
    rows.push(...chunk.slice(0, n.rows).map((r) => r.slice(list.left)));
    if (n.ended) break;
  }
  return { source: `blad ${sheet}`, sheet, headers: list.headers, rows, firstRow: headerRow + 1, firstColumn: list.left };
}

/** A candidate for the partners (findTable): a table, or a sheet without tables by its header row and its name. */
type PartnersCandidate = { name: string; headers: readonly unknown[] } & (
  | { table: XlsxTable }
  | { sheet: string; header: SheetHeader; last: number }
);

/**
 * The partners' grid, chosen as the taskpane chooses among a workbook's tables and sheets (findTable over each sheet's
 * tables, or the sheet itself, in workbook order; never the ledger); else, for a sheet named like a partners sheet
 * ("Vennoten") that has content, a note why it gave no partners.
 */
async function findPartners(
  book: Book,
  ledger: { table?: XlsxTable; sheet: string },
): Promise<{ grid?: Grid; note?: WorkbookProblem }> {
  const candidates: PartnersCandidate[] = [];
  const tops = new Map<string, Awaited<ReturnType<typeof sheetTop>>>();
  for (const sheet of book.sheetNames) {
    const tables = book.tables.filter((t) => t.sheet === sheet);
    if (tables.length) {
      candidates.push(...tables.map((table) => ({ name: table.name, headers: table.headers, table })));
      continue;
    }
    if (sheet === ledger.sheet) continue; // the ledger's own sheet (a sheet with the ledger's table has tables)
    const top = await sheetTop(book, sheet);
    tops.set(sheet, top);
    if (top.header) candidates.push({ name: sheet, headers: top.header.headers, sheet, header: top.header, last: top.last });
  }
  const not = ledger.table ?? { name: ledger.sheet };
  const found = findTable(candidates, "partners", not);
  if (found && "table" in found) return { grid: await tableGrid(book, found.table) };
  if (found) return { grid: await listGrid(book, found.sheet, found.header, found.last) };

  // A sheet named "Vennoten" (or "Partners") whose content is no partners list: said, not passed over.
  for (const sheet of book.sheetNames) {
    if (sheet === ledger.sheet || !hasTableName(sheet, "partners")) continue;
    const table = book.tables.find((t) => t.sheet === sheet);
    if (table)
      return { note: { cell: `${sheet}!${columnLetter(table.left)}${table.top}`, message: partnersNotReadText(sheet, table.name) } };
    const { top } = tops.get(sheet) ?? (await sheetTop(book, sheet));
    const r = top.findIndex((row) => row.some((c) => cellText(c).trim() !== ""));
    if (r < 0) continue; // an empty sheet: nothing left unread
    const c = top[r].findIndex((v) => cellText(v).trim() !== "");
    return { note: { cell: `${sheet}!${columnLetter(c)}${r + 1}`, message: partnersNotReadText(sheet) } };
  }
  return {};
}

/**
 * The value right of a label (src/workbook/rules.ts besideLabel), the sheet `first` first; its place as
 * "Overzicht!B3". Each sheet's label area is read only when the sheets before it did not have the label.
 */
async function findBesideLabel(
  book: Book,
  labels: readonly string[],
  first: string,
  accept?: (v: Cell) => boolean,
): Promise<{ value: Cell; at: string } | undefined> {
  for (const sheet of labelOrder(book.sheetNames, first)) {
    const hit = besideLabel([{ sheet, rows: await book.rows(sheet, 1, LABEL_AREA.rows, 0, LABEL_AREA.columns) }], labels, { accept });
    if (hit) return { value: hit.value, at: `${hit.sheet}!${columnLetter(hit.column)}${hit.row}` };
  }
  return undefined;
}

/** A workbook name's single cell ("Overzicht!$B$3", "'Mijn blad'!B3") as sheet and address. */
function nameTarget(formula: string | undefined): { sheet: string; address: string } | undefined {
  if (!formula) return undefined;
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'"]+))!(\$?[A-Za-z]{1,3}\$?\d+)$/.exec(formula.trim());
  if (!m) return undefined;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3].replace(/\$/g, "") };
}

function problemsOf(sheet: string, list: readonly LedgerProblem[]): WorkbookProblem[] {
  // The message never repeats the cell's value: it is shown next to the cell, as in the taskpane.
  return list.map((p) => ({
    cell: `${sheet}!${p.columnLetter}${p.row}` + (p.value && p.value !== '""' ? ` (${p.value})` : ""),
    message: p.message,
  }));
}

/**
 * Reads a workbook's bytes as a scenario. Throws InputError with a Dutch message naming the file when it is not a
 * workbook, has no ledger, or has no year (and none was given).
 */
export async function readWorkbook(bytes: Uint8Array, name: string, options: { year?: number } = {}): Promise<WorkbookRead> {
  const failure = (e: unknown) =>
    e instanceof XlsxError
      ? new InputError(
          e.damaged
            ? `Het bestand ${name} is geen geldig Excel-bestand (.xlsx) of is beschadigd: ${e.message}`
            : `Bestand ${name} ${e.message}`,
        )
      : e;
  let book: XlsxBook;
  try {
    book = await XlsxBook.open(bytes);
  } catch (e) {
    throw failure(e);
  }
  try {
    return await fromBook(book, name, options, "xlsx");
  } catch (e) {
    throw failure(e);
  }
}

/** Reads a CSV ledger's bytes as a scenario (see CsvBook); the same messages as readWorkbook. */
export async function readCsv(bytes: Uint8Array, name: string, options: { year?: number } = {}): Promise<WorkbookRead> {
  return fromBook(new CsvBook(bytes, baseName(name)), name, options, "csv");
}

/** How a ledger file is read: by its bytes when they are a workbook, else by its extension; "json" otherwise. */
export function ledgerKind(name: string | undefined, bytes: Uint8Array): "xlsx" | "csv" | "json" {
  if (looksLikeWorkbook(bytes)) return "xlsx";
  const ext = name === undefined ? "" : (/\.([^./\\]+)$/.exec(name)?.[1] ?? "").toLowerCase();
  if (ext === "csv") return "csv";
  // a file named as a workbook that is not one: the workbook reader says what is wrong with it
  if (ext === "xlsx" || ext === "xlsm" || ext === "xls") return "xlsx";
  return "json";
}

/** A ledger file (.xlsx, .xlsm or .csv) as a scenario, read by ledgerKind(). */
export async function readLedgerFile(bytes: Uint8Array, name: string, options: { year?: number } = {}): Promise<WorkbookRead> {
  return ledgerKind(name, bytes) === "csv" ? readCsv(bytes, name, options) : readWorkbook(bytes, name, options);
}

const baseName = (path: string) => path.replace(/^.*[\\/]/, "");

/** A file name as the user would type it in a shell ("mijn klant.xlsx" quoted). */
const shellWord = (s: string) => (/^[\w./\\:@%+=,-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`);

async function fromBook(book: Book, name: string, options: { year?: number }, kind: "xlsx" | "csv"): Promise<WorkbookRead> {
  // The ledger.
  const ledgerTable = findTable(book.tables, "ledger");
  let ledger: Grid | undefined = ledgerTable ? await tableGrid(book, ledgerTable) : undefined;
  if (!ledger)
    for (const sheet of book.sheetNames) {
      ledger = await sheetGrid(book, sheet);
      if (ledger) break;
    }
  if (!ledger)
    throw new InputError(
      kind === "csv"
        ? `Bestand ${name}: geen investeringsstaat gevonden; verwacht een kopregel met de kolommen Categorie en Bedrag (gescheiden door ; of ,)`
        : `Bestand ${name}: geen investeringsstaat gevonden; verwacht een Excel-tabel '${TABLE.ledger}' of een blad met een kopregel met de kolommen Categorie en Bedrag`,
    );

  // The year.
  let year = options.year;
  let yearAt = "--year";
  if (year === undefined) {
    const target = nameTarget(book.names.get(YEAR_NAME));
    if (target && book.sheetNames.includes(target.sheet)) {
      const v = await book.cell(target.sheet, target.address);
      year = yearOfCell(v);
      yearAt = `${YEAR_NAME} (${target.sheet}!${target.address})`;
      if (year === undefined)
        throw new InputError(`Bestand ${name}: het jaar in ${target.sheet}!${target.address} (${YEAR_NAME}) is geen jaartal: ${JSON.stringify(cellText(v))}; vul het belastingjaar in of geef --year`);
    }
  }
  if (year === undefined) {
    const found = await findBesideLabel(book, YEAR_LABELS, SHEET.summary, (v) => yearOfCell(v) !== undefined);
    year = found ? yearOfCell(found.value) : undefined;
    if (found && year !== undefined) yearAt = found.at;
  }
  let fromDates: WorkbookRead["yearFromDates"];
  if (year === undefined) {
    // No year in the file: the investments' dates, when they all fall in one calendar year.
    const dates = yearOfDates(ledgerRead(ledger).investments);
    const hint = (y: number) =>
      `Geef het jaar op, bijvoorbeeld: kia-calc --year ${y} ${name === "(standaardinvoer)" ? "-" : shellWord(name)}` +
      (kind === "csv" ? "" : ` (of vul op het blad ${SHEET.summary} naast 'Jaar' het belastingjaar in)`);
    if (dates.year !== undefined) {
      year = dates.year;
      yearAt = "de investeringsdatums";
      fromDates = { dated: dates.dated, investments: dates.investments };
    } else
      throw new InputError(
        `Bestand ${name}: ${noYearText(dates.years)}. ${hint(dates.years.length ? dates.years[dates.years.length - 1] : new Date().getFullYear() - 1)}`,
      );
  }

  const { grid: partners, note: partnersNote } = await findPartners(book, { table: ledgerTable, sheet: ledger.sheet });
  const key = partners ? await findBesideLabel(book, KEY_LABELS, partners.sheet) : undefined;
  const request = partners ? await findBesideLabel(book, REQUEST_LABELS, partners.sheet) : undefined;
  const disposalsTable = findTable(book.tables, "disposals", ledgerTable);
  const disposals = disposalsTable ? await tableGrid(book, disposalsTable) : undefined;
  const r = assemble({ year, ledger, partners, key: key?.value, request: request?.value, disposals });
  if (partnersNote) r.problems.push(partnersNote);
  r.found.year = yearAt;
  if (fromDates) r.yearFromDates = fromDates;
  return r;
}

/** A ledger grid read with the core's reader and the columns its headers name (rows with a problem are left out). */
function ledgerRead(ledger: Grid) {
  const mapping = mapHeaders(ledger.headers).mapping;
  return { mapping, ...readLedger(ledger.rows, mapping, { firstRow: ledger.firstRow, firstColumn: ledger.firstColumn }) };
}

/** The parts of a workbook as they were found: each grid with its headers, rows and place in the sheet. */
export interface WorkbookParts {
  year: number;
  ledger: Grid;
  partners?: Grid;
  /** the cells right of "Verdeelsleutel" and "Gezamenlijk verzoek" */
  key?: Cell;
  request?: Cell;
  disposals?: Grid;
}

/** The scenario of a workbook's parts, read with the core's readers; the problems name sheet and cell. */
export function assemble(parts: WorkbookParts): WorkbookRead {
  const { year, ledger } = parts;
  const problems: WorkbookProblem[] = [];
  const read = ledgerRead(ledger);
  problems.push(...problemsOf(ledger.sheet, read.problems));
  const scenario: WorkbookRead["scenario"] = { year, investments: read.investments };
  const found: WorkbookRead["found"] = { ledger: ledger.source, year: String(year) };
  const places: WorkbookRead["places"] = {
    ledger: { sheet: ledger.sheet, rows: read.rows, mapping: read.mapping, firstColumn: ledger.firstColumn },
  };

  // The partners, with the key and the joint request.
  const g = parts.partners;
  if (g) {
    const p = readPartners(g.headers, g.rows, { firstRow: g.firstRow, firstColumn: g.firstColumn });
    problems.push(...problemsOf(g.sheet, p.problems));
    if (p.items.length) {
      const partnership: Record<string, unknown> = { partners: p.items };
      if (cellText(parts.key).trim() !== "") partnership.key = cellText(parts.key).trim();
      const request = yesOrNo(parts.request);
      if (request !== undefined) partnership.jointRequest = request;
      scenario.partnership = partnership;
      found.partners = g.source;
    }
  }

  // The disposals.
  const d = parts.disposals;
  if (d) {
    const read = readDisposals(d.headers, d.rows, { firstRow: d.firstRow, firstColumn: d.firstColumn });
    problems.push(...problemsOf(d.sheet, read.problems));
    if (read.items.length) {
      scenario.disposals = read.items;
      found.disposals = d.source;
      places.disposals = { sheet: d.sheet, rows: read.rows, mapping: mapDisposalHeaders(d.headers).mapping, firstColumn: d.firstColumn };
    }
  }
  return { scenario, problems, found, places };
}

/** Whether bytes look like a workbook (a zip package, or an old binary Excel file) rather than JSON text. */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ((bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0));
}

export { parseAddress };
/** How the year was found from the dates, in the words the taskpane uses too (kia-calc's note). */
export { datesYearText } from "../src/workbook/rules";
