/**
 * How large a ledger file may be, for the command line, --batch and the standalone page alike: a file past a limit
 * ends in a Dutch message that names the limit, before its contents fill the memory (issue 17 §3). Measured on Node
 * 20, 2 busy cores (KIA_HUGE=1 npx jest test/hostile-files.test.ts): a sheet of 1.048.576 rows of two filled cells
 * (2,1 million cells) is read in about 40 s and takes about 1,1 GB; one of three cells is refused at 3 million cells
 * after 8,5 s and 370 MB; a CSV of 95 MB at 3 million fields after 1,5 s and 440 MB; a CSV of 200 MB by its size, at
 * once. 100.000 rows of a real ledger (16 columns) are about 1,6 million cells, 5 MB as .xlsx and 10 MB as CSV.
 */

/** The most bytes a ledger file (.xlsx, .xlsm, .csv) may have: far above a real ledger, far below a full memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * The most filled cells a workbook's sheets may hold together as they are read (and the most entries of its
 * sharedStrings table): every sheet row of Excel (1.048.576) with two filled cells, or 100.000 rows of 30.
 */
export const MAX_CELLS = 3_000_000;

export interface Limits {
  /** the most bytes of the file (default MAX_FILE_BYTES) */
  maxFileBytes?: number;
  /** the most filled cells (default MAX_CELLS) */
  maxCells?: number;
}

/**
 * A file too large to read. The message follows the file's name: "Bestand klant.csv " + message, as the command line
 * and the page say it.
 */
export class TooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TooLargeError";
  }
}

/** 1234567 -> "1.234.567" (a count in a message, not money). */
const count = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** A size as a message shows it: "200 MB", "1,5 MB", "12 kB". */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${count(Math.ceil(bytes / 1024))} kB`;
  return `${mb >= 10 ? count(mb) : String(Math.round(mb * 10) / 10).replace(".", ",")} MB`;
}

/** The error for a file of `bytes` above `max` bytes (`bytes` undefined: a stream stopped past `max`). */
export function fileTooLarge(bytes: number | undefined, max = MAX_FILE_BYTES): TooLargeError {
  const size = bytes === undefined ? `is groter dan ${megabytes(max)}, en` : `is ${megabytes(bytes)};`;
  return new TooLargeError(
    `${size} een staat van meer dan ${megabytes(max)} wordt niet gelezen (100.000 regels zijn ongeveer 5 MB als Excel-werkmap en 10 MB als CSV): is het het goede bestand? Splits een grotere staat over meer bestanden`,
  );
}

/**
 * The error for more than `max` filled cells, or (`what`) more than `max` of something else that takes as much memory
 * ("teksten in de tabel met gedeelde teksten").
 */
export function tooManyCells(max: number, what = "gevulde cellen"): TooLargeError {
  return new TooLargeError(
    `heeft meer dan ${count(max)} ${what}; zo'n staat wordt niet gelezen (een staat van 100.000 regels heeft er ongeveer 1,6 miljoen): laat lege of overbodige kolommen en bladen weg, of splits de staat over meer bestanden`,
  );
}
