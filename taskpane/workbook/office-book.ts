/* global Excel */
/**
 * The workbook inside Excel as the reader's Book (src/workbook/book.ts), the only place the pane reads cells with
 * Office.js: its outline in one sync (the sheets with their used ranges, the tables with their headers and places,
 * the workbook names, and the date system: DATE(1904;1;1) is 0 in a 1904 workbook, asked of Excel's worksheet
 * functions, so nothing is written), then cells by range in chunks of 10.000–20.000 rows per sync, sized by the
 * number of columns so one response stays well under Excel on the web's 5 MB payload limit; a payload error halves
 * the chunk and reads the same rows again. `values` of null (Excel's answer for too many cells) is an error with a
 * Dutch message, never an empty ledger. Numbers stay numbers (the ledger turns those of its date column into dates,
 * by the workbook's date system); error cells (valueTypes "Error") become { error: "#N/A" }. Only reads.
 */
import type { Book, BookOutline, BookTable } from "../../src/workbook/book";
import type { Cell } from "../../src/workbook/ledger";
import type { ReadProgress } from "./types";

/** rows per read are chosen so that rows x columns stays near this many cells (values + valueTypes ≈ 20 bytes a cell) */
export const CELLS_PER_READ = 160_000;
export const MIN_CHUNK_ROWS = 10_000;
export const MAX_CHUNK_ROWS = 20_000;
/** below this many rows a payload error is not retried any more */
export const SMALLEST_CHUNK = 50;

export function chunkRows(columns: number): number {
  return Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.floor(CELLS_PER_READ / Math.max(1, columns))));
}

/** Excel's payload-size errors (web: 5 MB per request and per response). */
export function isPayloadError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown } } | null;
  const code = String(err?.code ?? err?.debugInfo?.code ?? "");
  return (
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "ResponsePayloadSizeLimitExceeded" ||
    /payload/i.test(code) ||
    /payload/i.test(String(err?.message ?? ""))
  );
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
}

function toCell(v: unknown, type: string | undefined): Cell {
  if (type === "Error") return { error: String(v) };
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

export interface BlockPlace {
  ws: Excel.Worksheet;
  sheet: string;
  /** 0-based sheet row and column of the first data row */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  /** what is read, for messages */
  source: string;
}

/** A chunk as loaded: values and valueTypes (errors). */
function loadChunk(range: Excel.Range): Excel.Range {
  range.load("values, valueTypes");
  return range;
}

/**
 * Read rows [start, rowCount) of a block in chunks, after the first chunk that the caller may have loaded in
 * its own first sync. Payload errors halve the chunk and retry the same rows.
 */
export async function readChunks(
  ctx: Excel.RequestContext,
  place: BlockPlace,
  rows: Cell[][],
  chunk: number,
  onProgress?: (p: ReadProgress) => void,
): Promise<void> {
  let start = rows.length;
  while (start < place.rowCount) {
    const n = Math.min(chunk, place.rowCount - start);
    const range = loadChunk(place.ws.getRangeByIndexes(place.rowIndex + start, place.columnIndex, n, place.columnCount));
    try {
      await ctx.sync();
    } catch (e) {
      chunk = smallerChunk(e, chunk, () => readError(place, e));
      continue;
    }
    appendRows(rows, range.values, range.valueTypes as unknown as string[][], place, start, n);
    start += n;
    onProgress?.({ rowsRead: start, rowsTotal: place.rowCount });
  }
}

/**
 * After a failed read: on a payload error the chunk to read the same rows again with (halved, not below
 * SMALLEST_CHUNK); any other error, or a chunk that cannot get smaller, is thrown as `fail` words it.
 */
export function smallerChunk(e: unknown, chunk: number, fail: () => Error): number {
  if (isPayloadError(e) && chunk > SMALLEST_CHUNK) return Math.max(SMALLEST_CHUNK, Math.floor(chunk / 2));
  throw fail();
}

function readError(place: BlockPlace, e: unknown): Error {
  if (isPayloadError(e)) return new Error(`Excel kon ${place.source} niet doorgeven: te veel gegevens in één keer, ook in kleine delen (${message(e)}).`);
  return new Error(`Lezen van ${place.source} is mislukt: ${message(e)}`);
}

function appendRows(out: Cell[][], values: unknown[][] | null, types: string[][] | null, place: BlockPlace, start: number, n: number): void {
  if (values === null || values === undefined || !Array.isArray(values)) {
    const from = place.rowIndex + start + 1;
    throw new Error(
      `Excel gaf geen waarden terug voor rijen ${from}–${from + n - 1} van ${place.source} (blad ${place.sheet}). Dat gebeurt bij te veel cellen in één keer; probeer het opnieuw, of lees de staat in kleinere delen.`,
    );
  }
  for (let r = 0; r < n; r++) {
    const v = values[r] ?? [];
    const t = types?.[r];
    const row: Cell[] = new Array(place.columnCount);
    for (let c = 0; c < place.columnCount; c++) row[c] = toCell(v[c], t?.[c]);
    out.push(row);
  }
}

export function headerTexts(values: unknown[][] | null | undefined, width: number): string[] {
  const row = values?.[0] ?? [];
  return Array.from({ length: width }, (_, i) => {
    const s = row[i] === null || row[i] === undefined ? "" : String(row[i]).trim();
    return s || `Kolom ${i + 1}`;
  });
}

/** The workbook inside Excel as a Book, its outline read once. */
export function officeBook(): Book {
  let outline: Promise<BookOutline & { last: Map<string, number> }> | undefined;
  const read = () =>
    (outline ??= Excel.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets;
      sheets.load("items/name");
      const tables = wb.tables;
      tables.load("items/name");
      const names = wb.names;
      names.load("items/name, items/type, items/value");
      const day = wb.functions.date(1904, 1, 1);
      day.load("value");
      await ctx.sync();
      const used = sheets.items.map((ws) => {
        const u = ws.getUsedRangeOrNullObject(true);
        u.load("rowIndex, rowCount");
        return { name: ws.name, u };
      });
      const parts = tables.items.map((t) => {
        const ws = t.worksheet;
        ws.load("name");
        const header = t.getHeaderRowRange();
        header.load("values, columnCount");
        const body = t.getDataBodyRange();
        body.load("rowIndex, rowCount, columnIndex, columnCount");
        return { t, ws, header, body };
      });
      await ctx.sync();
      const bookTables: BookTable[] = parts.map(({ t, ws, header, body }) => ({
        name: t.name,
        sheet: ws.name,
        headers: headerTexts(header.values, header.columnCount),
        headerRow: true,
        top: body.rowIndex, // the header row (1-based) is the row above the body's first (0-based rowIndex)
        bottom: body.rowIndex + body.rowCount,
        left: body.columnIndex,
        right: body.columnIndex + body.columnCount - 1,
      }));
      return {
        sheets: used.map((x) => x.name),
        tables: bookTables,
        names: new Map(names.items.filter((n) => String(n.type) === "Range").map((n) => [n.name, String(n.value)])),
        date1904: day.value === 0,
        last: new Map(used.map(({ name, u }) => [name, u.isNullObject ? 0 : u.rowIndex + u.rowCount])),
      };
    }));
  return {
    async outline() {
      const { last: _l, ...o } = await read();
      void _l;
      return o;
    },
    async lastRow(sheet: string) {
      return (await read()).last.get(sheet) ?? 0;
    },
    async rows(sheet, from, to, left, right, onProgress) {
      const width = right - left + 1;
      const total = Math.max(0, to - from + 1);
      const out: Cell[][] = [];
      if (!total) return out;
      await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const place: BlockPlace = { ws, sheet, rowIndex: from - 1, columnIndex: left, rowCount: total, columnCount: width, source: `blad ${sheet}` };
        await readChunks(ctx, place, out, chunkRows(width), onProgress && ((p) => onProgress(p.rowsRead)));
      });
      return out;
    },
  };
}
