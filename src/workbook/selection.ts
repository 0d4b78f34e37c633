/**
 * A selected range as the ledger: a view of a Book in which the range is one more table, so readWorkbook reads the
 * ledger from the selection by the rules it reads a table by, and the year, the partners and the disposals from the
 * rest of the workbook as always. Its header row is the first of the selection's first 30 rows whose headers name a
 * category and an amount (findHeaderRow), so a title selected with the ledger is passed over; else its first row.
 * No second reader: only the outline changes.
 */
import { columnLetter, cellText } from "./ledger";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "./rules";
import type { Book, BookOutline, BookTable } from "./book";

/** A range of a sheet: rows 1-based as Excel shows them, columns 0-based. */
export interface RangePlace {
  sheet: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** "A4:H20" */
export function rangeAddress(p: Omit<RangePlace, "sheet">): string {
  return `${columnLetter(p.left)}${p.top}:${columnLetter(p.right)}${p.bottom}`;
}

/** The name of the selection's table in the view (readWorkbook's `ledger: { table }` choice). */
export function selectionName(p: RangePlace): string {
  return `selectie ${rangeAddress(p)}`;
}

/** The Book with the selection as a table named selectionName(place); the sheet's own tables stay. */
export function selectionBook(book: Book, place: RangePlace): Book {
  let outline: Promise<BookOutline> | undefined;
  const make = async (): Promise<BookOutline> => {
    const o = await book.outline();
    const top = await book.rows(place.sheet, place.top, Math.min(place.bottom, place.top + HEADER_SEARCH_ROWS - 1), place.left, place.right);
    const header = findHeaderRow(top) ?? 0;
    const name = selectionName(place);
    const table: BookTable = {
      name,
      sheet: place.sheet,
      headers: (top[header] ?? []).map((c, i) => cellText(c).trim() || `Kolom ${i + 1}`),
      headerRow: true,
      top: place.top + header,
      bottom: place.bottom,
      left: place.left,
      right: place.right,
      source: name,
    };
    return { ...o, tables: [...o.tables, table] };
  };
  return {
    outline: () => (outline ??= make()),
    rows: (sheet, from, to, left, right, onProgress) => book.rows(sheet, from, to, left, right, onProgress),
    lastRow: (sheet) => book.lastRow(sheet),
  };
}
