/**
 * An uploaded file's bytes as the one reader's Book (src/workbook: the same readers as kia-calc's): .xlsx and .xlsm
 * by src/workbook/xlsx.ts, .csv by src/workbook/csv.ts. Used by the file workbook (./file.ts) and by the Web Worker
 * that reads a file off the page's thread (./read-worker.ts), so it imports neither exceljs nor the page; the page
 * loads it as a lazy chunk only when it reads a file on its own thread.
 */
import type { Book } from "../../src/workbook/book";
import { CsvBook } from "../../src/workbook/csv";
import { TooLargeError } from "../../src/workbook/limits";
import { XlsxBook, XlsxError, type XlsxOptions } from "../../src/workbook/xlsx";
import { tooLargeFile, UnreadableFileError } from "./file-errors";

/**
 * Open an uploaded ledger's bytes: .xlsx (or .xlsm) and .csv. Rejects with a Dutch message for other files, a file
 * that cannot be read (UnreadableFileError) or one above the limits (src/workbook/limits.ts). `onParse` hears how
 * much of a sheet's XML is parsed (the page's progress bar while a large sheet is read).
 */
export async function openFileBook(bytes: Uint8Array, fileName: string, onParse?: XlsxOptions["onParse"]): Promise<Book> {
  const name = fileName || "bestand";
  const ext = (/\.([^.]+)$/.exec(name)?.[1] ?? "").toLowerCase();
  try {
    if (ext === "csv" || ext === "txt") return CsvBook.fromBytes(bytes, name);
    if (ext === "xlsx" || ext === "xlsm") {
      try {
        return await XlsxBook.open(bytes, onParse ? { onParse } : {});
      } catch (e) {
        // the reader's words for a package that is no workbook mean little to the user: the pane says it in its own
        if (e instanceof XlsxError && e.damaged) throw new UnreadableFileError(name, e.message);
        if (e instanceof XlsxError) throw new Error(`${name}: ${e.message}`);
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof TooLargeError) throw tooLargeFile(name, e);
    throw e;
  }
  if (ext === "xls") throw new Error(`${name} is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV en open het dan hier.`);
  throw new Error(`${name} is geen .xlsx- of .csv-bestand. Kies een Excel-werkmap (.xlsx) of een CSV-bestand met de staat van investeringen.`);
}
