/**
 * A small CSV reader for ledgers exported from Excel or a bookkeeping package. Dutch Excel writes `;` between
 * fields (the comma is the decimal separator), English Excel `,`; the delimiter is detected from the first
 * line. RFC 4180 quotes (doubled quotes inside, line breaks inside quotes), a byte-order mark, CRLF/LF/CR line
 * ends. Bytes are read as UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise as Windows-1252, which is
 * what "CSV (gescheiden door lijstscheidingsteken)" in Dutch Excel writes (€ is byte 0x80).
 *
 * Cells stay text: "€ 1.234,56" or "31-03-2025" are read later by the core's own readers (readDutchAmount,
 * readLedger's dates), so a CSV and an Excel sheet give the same problems for the same input. Empty fields
 * are null. Text that starts with =, +, - or @ is kept as it is (never evaluated).
 */
import type { Book, BookOutline } from "./book";
import type { Cell } from "./ledger";
import { fileTooLarge, MAX_CELLS, MAX_FILE_BYTES, tooManyCells, type Limits } from "./limits";
import { findHeaderRow } from "./rules";

export type CsvDelimiter = ";" | "," | "\t";

export interface CsvData {
  delimiter: CsvDelimiter;
  /** every line, as fields; a line that is entirely empty is an empty array */
  rows: string[][];
}

/**
 * Bytes to text: BOM (UTF-8, UTF-16 LE/BE), else UTF-16 without a BOM when its first line says so, else strict
 * UTF-8, else Windows-1252.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/**
 * UTF-16 without a byte-order mark, as some tools write it: a ledger is mostly letters, digits and separators, so in
 * UTF-16 most pairs of its first bytes have a zero (the second byte in little-endian, the first in big-endian; a €
 * sign has none), which UTF-8 and Windows-1252 text never has.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 400) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.8 && evenZeros === 0) return "utf-16le";
  if (evenZeros >= pairs * 0.8 && oddZeros === 0) return "utf-16be";
  return undefined;
}

/** Bytes 0x80-0x9F of Windows-1252 (the rest is Latin-1); written out because not every TextDecoder maps them. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function windows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    const chars: string[] = new Array(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j];
      chars[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    }
    out += chars.join("");
  }
  return out;
}

/** The delimiter of the first non-empty line: the most frequent of ; , and tab outside quotes (ties: ;). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (seen) break;
    } else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) {
      counts[ch]++;
      seen = true;
    } else if (ch.trim()) seen = true;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[","] > counts[";"] ? "," : ";";
}

/**
 * Parse CSV text (a leading BOM is ignored). A TooLargeError as soon as it has more fields than `maxCells` (not
 * when the memory is full).
 */
export function parseCsv(input: string, delimiter?: CsvDelimiter, maxCells = MAX_CELLS): CsvData {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  /** at the first character of a field (where a quote opens a quoted field) */
  let atStart = true;
  /** the current line has content or a delimiter */
  let lineStarted = false;
  let i = 0;
  const n = text.length;
  let fields = 0;
  const endRow = () => {
    if (lineStarted) {
      row.push(field);
      if (++fields > maxCells) throw tooManyCells(maxCells, "velden");
      rows.push(row);
    } else {
      // an empty line costs a row too: a file of nothing but line breaks is bounded as well
      if (++fields > maxCells) throw tooManyCells(maxCells, "velden");
      rows.push([]);
    }
    row = [];
    field = "";
    atStart = true;
    lineStarted = false;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && atStart) {
      // a quoted field: up to the closing quote; "" is one quote; delimiters and line breaks inside are text
      i++;
      atStart = false;
      lineStarted = true;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += q;
          i++;
        }
      }
      continue;
    }
    if (ch === d) {
      row.push(field);
      if (++fields > maxCells) throw tooManyCells(maxCells, "velden");
      field = "";
      atStart = true;
      lineStarted = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    atStart = false;
    lineStarted = true;
    i++;
  }
  if (lineStarted) endRow();
  return { delimiter: d, rows };
}

/**
 * The header is the line the core's rule finds (src/workbook/rules.ts findHeaderRow: the first of the first 30
 * lines that names a category and an amount, so a title or a year above it is passed over), else the first
 * non-empty line (its columns can then be chosen by hand); the lines after it are data rows with empty fields as
 * null.
 */
export function csvTable(data: CsvData): {
  headers: string[];
  rows: (string | null)[][];
  /** sheet row (1-based line number) of the first data row */
  firstRow: number;
} {
  let h = findHeaderRow(data.rows) ?? 0;
  while (h < data.rows.length && data.rows[h].every((f) => f.trim() === "")) h++;
  const headers = (data.rows[h] ?? []).map((s) => s.trim());
  const width = headers.length;
  const rows: (string | null)[][] = [];
  for (let r = h + 1; r < data.rows.length; r++) {
    const line = data.rows[r];
    const cells: (string | null)[] = [];
    const w = Math.max(width, line.length);
    for (let c = 0; c < w; c++) {
      const v = line[c];
      cells.push(v === undefined || v.trim() === "" ? null : v);
    }
    rows.push(cells);
  }
  // trailing empty lines (a final line break, or blank lines Excel leaves) are not rows
  while (rows.length && rows[rows.length - 1].every((c) => c === null)) rows.pop();
  return { headers, rows, firstRow: h + 2 };
}

/**
 * A CSV file as a Book (./book.ts): one sheet named after the file, no tables, no names, every field text and
 * empty fields null; rows past the end are empty, as in a sheet. The reader finds its header row as on any sheet
 * without tables, so a CSV gives the same scenario on the command line and in the standalone page.
 */
export class CsvBook implements Book {
  private readonly lines: (string | null)[][];

  constructor(
    text: string,
    private readonly sheet: string,
    limits: Limits = {},
  ) {
    this.lines = parseCsv(text, undefined, limits.maxCells).rows.map((line) => line.map((f) => (f.trim() === "" ? null : f)));
  }

  /** A TooLargeError, before the bytes are decoded, for a file of more than MAX_FILE_BYTES. */
  static fromBytes(bytes: Uint8Array, sheet: string, limits: Limits = {}): CsvBook {
    const max = limits.maxFileBytes ?? MAX_FILE_BYTES;
    if (bytes.length > max) throw fileTooLarge(bytes.length, max);
    return new CsvBook(decodeText(bytes), sheet, limits);
  }

  async outline(): Promise<BookOutline> {
    return { sheets: [this.sheet], tables: [], names: new Map(), date1904: false };
  }

  async rows(_sheet: string, from: number, to: number, left: number, right: number): Promise<Cell[][]> {
    const out: Cell[][] = [];
    for (let r = from; r <= to; r++) {
      const line = this.lines[r - 1] ?? [];
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
}
