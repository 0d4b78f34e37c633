/**
 * A workbook or CSV file as a scenario, for `kia-calc werkblad.xlsx` and `kia-calc --batch`: the file's bytes opened
 * as a Book (src/workbook/xlsx.ts, src/workbook/csv.ts) and read by the one reader (src/workbook/read.ts
 * readWorkbook), as the standalone page and the Excel pane read it. What is here is the command line's own: which
 * kind of file it is, the file's name in the messages, and a year that must be found (kia-calc asks for --year).
 */
import { datesYearText, noYearText } from "../src/workbook/rules";
import {
  CsvBook,
  readWorkbook,
  SHEET,
  TABLE,
  TooLargeError,
  WorkbookReadError,
  XlsxBook,
  XlsxError,
  type Book,
  type FromRegister,
  type WorkbookRead,
} from "../src/workbook";
import type { Answers } from "../src/workbook/questions";
import { leftOutLine, noteLine, type Line } from "./rows";
import { InputError } from "./input";

export interface FileRead extends WorkbookRead {
  /** the scenario, with the year found (kia-calc stops when there is none) */
  scenario: WorkbookRead["scenario"] & { year: number };
  /** the cells not read and the sheets not read (notes), as standard error lists them */
  problems: Line[];
  /** set when the year was neither given nor in the file, but taken from the investments' dates */
  yearFromDates?: { dated: number; investments: number };
}

/** Reads a workbook's bytes as a scenario; InputError with a Dutch message naming the file when it cannot. */
export async function readWorkbookFile(bytes: Uint8Array, name: string, options: FileOptions = {}): Promise<FileRead> {
  let book: XlsxBook;
  try {
    book = await XlsxBook.open(bytes);
  } catch (e) {
    throw fileError(e, name, "xlsx");
  }
  return fromBook(book, name, options, "xlsx");
}

/** Reads a CSV ledger's bytes as a scenario (a workbook of one sheet named after the file); the same messages. */
export async function readCsvFile(bytes: Uint8Array, name: string, options: FileOptions = {}): Promise<FileRead> {
  let book: CsvBook;
  try {
    book = CsvBook.fromBytes(bytes, baseName(name));
  } catch (e) {
    throw fileError(e, name, "csv");
  }
  return fromBook(book, name, options, "csv");
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
export async function readLedgerFile(bytes: Uint8Array, name: string, options: FileOptions = {}): Promise<FileRead> {
  return ledgerKind(name, bytes) === "csv" ? readCsvFile(bytes, name, options) : readWorkbookFile(bytes, name, options);
}

const baseName = (path: string) => path.replace(/^.*[\\/]/, "");

/** A file name as the user would type it in a shell ("mijn klant.xlsx" quoted). */
const shellWord = (s: string) => (/^[\w./\\:@%+=,-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`);

function fileError(e: unknown, name: string, kind: "xlsx" | "csv"): unknown {
  if (e instanceof TooLargeError) return new InputError(`Bestand ${name} ${e.message}`);
  if (e instanceof XlsxError)
    return new InputError(
      e.damaged ? `Het bestand ${name} is geen geldig Excel-bestand (.xlsx) of is beschadigd: ${e.message}` : `Bestand ${name} ${e.message}`,
    );
  if (e instanceof WorkbookReadError && e.code === "NO_LEDGER")
    return new InputError(
      kind === "csv"
        ? `Bestand ${name}: geen investeringsstaat gevonden; verwacht een kopregel met de kolommen Categorie en Bedrag (gescheiden door ; of ,)`
        : `Bestand ${name}: geen investeringsstaat gevonden; verwacht een Excel-tabel '${TABLE.ledger}' of een blad met een kopregel met de kolommen Categorie en Bedrag`,
    );
  if (e instanceof WorkbookReadError) return new InputError(`Bestand ${name}: ${e.message}`);
  return e;
}

/** The year given (--year) and the answers to the ledger's open questions (--antwoorden). */
export interface FileOptions {
  year?: number;
  answers?: Answers;
  /** fills a disposal that refers to an earlier year's register (kia-calc --eerder) */
  fromRegister?: FromRegister;
}

async function fromBook(book: Book, name: string, options: FileOptions, kind: "xlsx" | "csv"): Promise<FileRead> {
  let read: WorkbookRead;
  try {
    read = await readWorkbook(book, { year: options.year, ...(options.answers ? { answers: options.answers } : {}), ...(options.fromRegister ? { fromRegister: options.fromRegister } : {}) });
  } catch (e) {
    throw fileError(e, name, kind);
  }
  const y = read.year;
  if (y.from === "none") {
    if (y.reason) throw new InputError(`Bestand ${name}: ${y.reason}; vul het belastingjaar in of geef --year`);
    const hint = (year: number) =>
      `Geef het jaar op, bijvoorbeeld: npm run -s kia-calc -- --year ${year} ${name === "(standaardinvoer)" ? "-" : shellWord(name)}` +
      (kind === "csv" ? "" : ` (of vul op het blad ${SHEET.summary} naast 'Jaar' het belastingjaar in)`);
    // the dates of rows with a cell not read do not count: say which cells, or "geen investeringsdatums" misleads
    const unread = read.leftOut.filter((x) => x.code === "UNREADABLE");
    const rows = new Set(unread.map((x) => `${x.sheet}!${x.row}`)).size;
    const examples = unread.slice(0, 3).map(leftOutLine).map((l) => `${l.cell}: ${l.message}`);
    const unreadText = unread.length
      ? ` De datums van ${rows} ${rows === 1 ? "regel" : "regels"} met een cel die niet gelezen is, tellen daarbij niet mee` +
        ` (${unread.length} ${unread.length === 1 ? "cel" : "cellen"}, zoals ${examples.join("; ")}).`
      : "";
    throw new InputError(`Bestand ${name}: ${noYearText(y.years)}.${unreadText} ${hint(y.years.length ? y.years[y.years.length - 1] : new Date().getFullYear() - 1)}`);
  }
  return {
    ...read,
    scenario: read.scenario as FileRead["scenario"],
    problems: [...read.leftOut.filter((x) => x.code === "UNREADABLE").map(leftOutLine), ...read.notes.map(noteLine)],
    ...(y.from === "dates" ? { yearFromDates: { dated: y.dated, investments: y.investments } } : {}),
  };
}

/** Whether bytes look like a workbook (a zip package, or an old binary Excel file) rather than JSON text. */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ((bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0));
}

/** How the year was found from the dates, in the words the pane uses too (kia-calc's note). */
export { datesYearText };
export { examplesCount } from "../src/workbook/examples";
export { ledgerLinesText, type LedgerLines } from "../src/workbook/lines";
