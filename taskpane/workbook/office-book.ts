/* global Excel */
import type { Book, BookOutline, BookTable } from "../../src/workbook/book";
import type { Cell } from "../../src/workbook/ledger";
import { chunkRows, headerTexts, readChunks, type BlockPlace } from "./office";

/**
 * The workbook inside Excel as the reader's Book (src/workbook/book.ts): its outline in one sync (the sheets with
 * their used ranges, the tables with their headers and places, the workbook names, and the date system: DATE(1904;1;1)
 * is 0 in a 1904 workbook, asked of Excel's worksheet functions, so nothing is written), then cells by range in chunks
 * of 10.000–20.000 rows per sync (a payload error halves the chunk and reads the same rows again). Numbers stay
 * numbers (the ledger turns those of its date column into dates, by the workbook's date system); error cells become
 * { error }. Only reads.
 */
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
      const noDates = new Array<boolean>(width).fill(false);
      await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const place: BlockPlace = { ws, sheet, rowIndex: from - 1, columnIndex: left, rowCount: total, columnCount: width, source: `blad ${sheet}` };
        await readChunks(ctx, place, noDates, out, chunkRows(width), onProgress && ((p) => onProgress(p.rowsRead)));
      });
      return out;
    },
  };
}
