/**
 * The one port between the reader (./read.ts) and a workbook: its sheets, its Excel tables, its names and cells by
 * range. Async, so Office.js can read a range in chunks of rows with a `sync` each. Three adapters implement it:
 * Office.js inside Excel (taskpane/workbook/office.ts), an .xlsx file's bytes (./xlsx.ts: the command line and the
 * standalone page) and a CSV file (./csv.ts). An adapter only reads: which range is the ledger, the partners or the
 * year is the reader's question, answered once for all three.
 *
 * Cells are the core's Cell values (./ledger.ts): text, numbers, booleans, { error } and { date } (a cell stored as a
 * date). A number in a date-formatted cell may stay a serial number: the ledger turns the numbers of its date
 * column into dates, counting from 1900 or, with `date1904`, from 1904.
 */
import { columnIndex, type Cell } from "./ledger";

/** An Excel table: its name, sheet, header texts and place. */
export interface BookTable {
  name: string;
  sheet: string;
  /** the header texts (the table's column names) */
  headers: string[];
  /** false for a table without a header row (its data starts at `top`) */
  headerRow: boolean;
  /** sheet rows (1-based) of the table's first row (the header) and last row; columns (0-based) of its sides */
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** the table's range as the file gives it ("A1:P8"), where it does */
  ref?: string;
  /** what the reader calls it in messages, when not "tabel <name>" (a selection: "selectie A4:H20") */
  source?: string;
}

/** What a workbook holds besides its cells, read once. */
export interface BookOutline {
  /** the worksheets, in workbook order */
  sheets: string[];
  tables: BookTable[];
  /** workbook-level names and what they refer to ("KIA_JAAR" -> "Overzicht!$B$3") */
  names: ReadonlyMap<string, string>;
  /** the workbook counts dates from 1 January 1904 (Excel for Mac's old date system): serial 0 is 1904-01-01 */
  date1904: boolean;
}

export interface Book {
  outline(): Promise<BookOutline>;
  /**
   * The cells of sheet rows `from`..`to` (1-based, as Excel shows them) and columns `left`..`right` (0-based), empty
   * cells null, rows past the sheet's end empty. `onProgress` hears of large reads in parts (rows read so far).
   */
  rows(sheet: string, from: number, to: number, left: number, right: number, onProgress?: (rowsRead: number) => void): Promise<Cell[][]>;
  /** The last sheet row (1-based) that holds a value; 0 for an empty sheet. */
  lastRow(sheet: string): Promise<number>;
}

/** "B12" -> { row: 12, col: 1 } (col 0-based); "$B$12" too. */
export function parseAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnIndex(m[1]) };
}

/** A workbook name's single cell ("=Overzicht!$B$3", "'Mijn blad'!B3") as sheet and address ("B3"). */
export function nameTarget(formula: string | undefined): { sheet: string; address: string } | undefined {
  if (!formula) return undefined;
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'"]+))!(\$?[A-Za-z]{1,3}\$?\d+)$/.exec(formula.trim());
  if (!m) return undefined;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3].replace(/\$/g, "") };
}

/** A Book opened on first use (a file's bytes unpacked only when the reader asks). */
export function lazyBook(open: () => Promise<Book>): Book {
  let book: Promise<Book> | undefined;
  const get = () => (book ??= open());
  return {
    outline: async () => (await get()).outline(),
    rows: async (sheet, from, to, left, right, onProgress) => (await get()).rows(sheet, from, to, left, right, onProgress),
    lastRow: async (sheet) => (await get()).lastRow(sheet),
  };
}
