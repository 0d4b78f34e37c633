/**
 * What the standalone page says of an uploaded file it cannot read, in a module of its own (no reader, no exceljs):
 * the page's first download and the file workbook use it without loading the readers.
 */
import { fileTooLarge, MAX_FILE_BYTES, type TooLargeError } from "../../src/workbook/limits";

/**
 * A file that is not a readable workbook or CSV (a damaged .xlsx, another format with an .xlsx name). The pane
 * shows its own words for it, in the pane's language (`code` and `fileName`); `message` is the Dutch text.
 */
export class UnreadableFileError extends Error {
  readonly code = "UNREADABLE_FILE";
  constructor(
    readonly fileName: string,
    readonly detail: string,
  ) {
    super(unreadableFileMessage(fileName));
    this.name = "UnreadableFileError";
  }
}

export function unreadableFileMessage(fileName: string): string {
  return `${fileName} is geen leesbare Excel-werkmap (.xlsx) of CSV-bestand. Sla het bestand in Excel opnieuw op als .xlsx of als .csv en open het dan hier.`;
}

/** A file too large to read, said with its name ("staat.csv is 200 MB; …"), before its bytes are read when its size is known. */
export function tooLargeFile(name: string, e: TooLargeError): Error {
  return new Error(`${name} ${e.message}`);
}

/** Refuses a file by its size before its bytes are read (a File's size is known at once). */
export function checkFileSize(name: string, size: number | undefined): void {
  if (size !== undefined && size > MAX_FILE_BYTES) throw tooLargeFile(name, fileTooLarge(size));
}
