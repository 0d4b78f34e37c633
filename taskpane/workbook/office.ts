/* global Excel, Office, navigator */
/**
 * The workbook inside Excel: every Office.js call of the taskpane lives in this file and in office-book.ts, which
 * reads the workbook as the one reader's Book (src/workbook/book.ts).
 *
 * Writing: the ledger is never written. The report goes to the add-in's own sheet, which is replaced (after
 * the UI asked, see hasSheet), in one batch: values, number formats, fonts, widths, links and the chart, with
 * calculation suspended (ExcelApi 1.6) and one `sync`. A report too large for one request (tens of thousands
 * of assets) is written in blocks of rows, each with its own sync. Every text cell gets the text format "@"
 * before its value is set, and text that starts with =, + , - or @ is also given Excel's apostrophe prefix,
 * so it can never become a formula.
 */
import type { RangePlace } from "../../src/workbook/selection";
import { looksLikeFormula } from "./cells";
import { cultureFromLocale } from "./culture";
import { message, officeBook, SMALLEST_CHUNK } from "./office-book";
import type { Culture, ReportSheet, ReportValue, Workbook } from "./types";

/**
 * A report larger than this (estimated JSON bytes of values and formats, or cells) is written in several
 * requests: Excel on the web refuses requests over 5 MB, and large `values` writes have failed there with an
 * internal error well below that (office-js-docs-reference#354: 2000 x 10 cells). A report of up to about 900
 * assets stays one request.
 */
export const MAX_WRITE_BYTES = 2_500_000;
export const MAX_WRITE_CELLS = 10_000;

function supports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Estimated JSON size of a row of values with its number formats, for splitting large reports. */
function rowBytes(row: ReportValue[], width: number): number {
  let n = 4 + width * 12;
  for (const v of row) if (typeof v === "string") n += v.length * 1.1 + 3;
  return n;
}

function pointsOf(chars: number): number {
  // Excel's column width unit is the width of a character of the default font (8,43 = 64 px = 48 pt)
  return Math.round(chars * 5.7 + 0.5);
}

export function officeWorkbook(): Workbook {
  /** ranges the pane has read (markRead): the report never goes there, formulas are never written there */
  const readPlaces: RangePlace[] = [];

  async function writeReport(sheet: ReportSheet): Promise<void> {
    if (readPlaces.some((p) => p.sheet === sheet.name))
      throw new Error(`Het rapport kan niet op blad "${sheet.name}": daar staat de staat die is ingelezen. Die wordt nooit overschreven.`);
    const width = Math.max(1, ...sheet.rows.map((r) => r.length), sheet.columnWidths.length);
    // Number formats per cell: every text "@" (so Excel never turns it into a number, date or formula), the
    // sheet's formats for numbers, General otherwise.
    const cellFormats = new Map<number, string>();
    const rowFormats = new Map<number, string>();
    for (const f of sheet.formats)
      if (f.format.numberFormat) {
        if (f.column === undefined) rowFormats.set(f.row, f.format.numberFormat);
        else cellFormats.set(f.row * width + f.column, f.format.numberFormat);
      }
    const valuesOf = (r: number): { values: (string | number | boolean)[]; formats: string[] } => {
      const row = sheet.rows[r] ?? [];
      const values: (string | number | boolean)[] = new Array(width);
      const formats: string[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const v = row[c];
        if (typeof v === "string") {
          values[c] = looksLikeFormula(v) ? `'${v}` : v;
          formats[c] = "@";
        } else if (typeof v === "number" && Number.isFinite(v)) {
          values[c] = v;
          formats[c] = cellFormats.get(r * width + c) ?? rowFormats.get(r) ?? "General";
        } else if (typeof v === "boolean") {
          values[c] = v;
          formats[c] = "General";
        } else {
          values[c] = "";
          formats[c] = "General";
        }
      }
      return { values, formats };
    };
    // Blocks of rows that each fit in one request
    const blocks: [number, number][] = [];
    let from = 0;
    let bytes = 0;
    for (let r = 0; r < sheet.rows.length; r++) {
      const b = rowBytes(sheet.rows[r], width);
      if ((bytes + b > MAX_WRITE_BYTES || (r - from + 1) * width > MAX_WRITE_CELLS) && r > from) {
        blocks.push([from, r]);
        from = r;
        bytes = 0;
      }
      bytes += b;
    }
    blocks.push([from, Math.max(from + 1, sheet.rows.length)]);

    await Excel.run(async (ctx) => {
      const wb = ctx.workbook;
      const old = wb.worksheets.getItemOrNullObject(sheet.name);
      old.load("name");
      await ctx.sync();
      if (!old.isNullObject) {
        const tables = old.tables;
        tables.load("count");
        await ctx.sync();
        if (tables.count > 0)
          throw new Error(
            `Blad "${sheet.name}" bevat een Excel-tabel en is dus niet het rapportblad van de invoegtoepassing. Geef dat blad een andere naam; het rapport vervangt alleen zijn eigen blad.`,
          );
      }
      const calc = supports("1.6");
      const charts17 = supports("1.7");
      if (calc) ctx.workbook.application.suspendApiCalculationUntilNextSync();
      if (!old.isNullObject) old.delete();
      const ws = wb.worksheets.add(sheet.name);
      const writeRows = (a: number, b: number) => {
        const values: (string | number | boolean)[][] = [];
        const formats: string[][] = [];
        for (let r = a; r < b; r++) {
          const x = valuesOf(r);
          values.push(x.values);
          formats.push(x.formats);
        }
        const range = ws.getRangeByIndexes(a, 0, b - a, width);
        range.numberFormat = formats; // before the values: a text cell is text when its value arrives
        range.values = values;
      };
      writeRows(blocks[0][0], blocks[0][1]);
      for (const f of sheet.formats) {
        if (!f.format.bold && !f.format.heading && !f.format.wrap) continue;
        const range =
          f.column === undefined
            ? ws.getRangeByIndexes(f.row, 0, 1, Math.max(1, sheet.rows[f.row]?.length ?? 1))
            : ws.getRangeByIndexes(f.row, f.column, 1, 1);
        if (f.format.bold || f.format.heading) range.format.font.bold = true;
        if (f.format.heading) range.format.font.size = 13;
        if (f.format.wrap) range.format.wrapText = true;
      }
      sheet.columnWidths.forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsOf(w)));
      if (charts17)
        for (const l of sheet.links ?? []) {
          const text = sheet.rows[l.row]?.[l.column];
          ws.getRangeByIndexes(l.row, l.column, 1, 1).hyperlink = {
            address: l.url,
            textToDisplay: typeof text === "string" ? text : l.url,
          };
        }
      const ch = sheet.chart;
      if (ch && ch.lastRow > ch.firstRow) {
        const xy = ws.getRangeByIndexes(ch.firstRow, 0, ch.lastRow - ch.firstRow + 1, 2);
        const chart = ws.charts.add("XYScatterLinesNoMarkers", xy, "Columns");
        chart.title.text = ch.title;
        chart.legend.position = "Bottom";
        if (ch.markRow !== undefined && charts17) {
          const mark = chart.series.add(ch.markLabel ?? "");
          mark.setXAxisValues(ws.getRangeByIndexes(ch.markRow, 0, 1, 1));
          mark.setValues(ws.getRangeByIndexes(ch.markRow, 1, 1, 1));
          mark.chartType = "XYScatter";
          mark.markerStyle = "Circle";
          mark.markerSize = 9;
        }
        chart.setPosition(ws.getRangeByIndexes(Math.max(0, ch.firstRow - 1), 3, 1, 1), ws.getRangeByIndexes(Math.max(0, ch.firstRow - 1) + 22, 10, 1, 1));
      }
      ws.activate();
      ws.getRangeByIndexes(0, 0, 1, 1).select();
      await ctx.sync();
      // A report too large for one request: the remaining rows in blocks, each in its own request. Writing
      // values again is harmless, so a block Excel refuses is split in halves and written again.
      const writeBlock = async (a: number, b: number): Promise<void> => {
        if (calc) ctx.workbook.application.suspendApiCalculationUntilNextSync();
        writeRows(a, b);
        try {
          await ctx.sync();
        } catch (e) {
          if (b - a <= SMALLEST_CHUNK) throw new Error(`Het rapport kon niet helemaal worden geschreven (rijen ${a + 1}–${b}): ${message(e)}`);
          const mid = a + Math.floor((b - a) / 2);
          await writeBlock(a, mid);
          await writeBlock(mid, b);
        }
      };
      for (const [a, b] of blocks.slice(1)) await writeBlock(a, b);
    });
  }

  /** Excel's culture (ExcelApi 1.11 cultureInfo and its own separators), else the browser's. */
  async function readCulture(): Promise<Culture> {
    const language: "nl" | "en" = /^en/i.test(Office.context?.displayLanguage ?? "") ? "en" : "nl";
    if (supports("1.11")) {
      try {
        return await Excel.run(async (ctx) => {
          const app = ctx.workbook.application;
          app.load("decimalSeparator, thousandsSeparator, useSystemSeparators");
          const ci = app.cultureInfo;
          ci.load("name");
          const nf = ci.numberFormat;
          nf.load("numberDecimalSeparator, numberGroupSeparator");
          await ctx.sync();
          const system = app.useSystemSeparators !== false;
          return {
            locale: ci.name,
            decimalSeparator: system ? nf.numberDecimalSeparator : app.decimalSeparator,
            thousandsSeparator: system ? nf.numberGroupSeparator : app.thousandsSeparator,
            language,
          };
        });
      } catch {
        /* fall back to the browser */
      }
    }
    return cultureFromLocale(
      Office.context?.contentLanguage || (typeof navigator !== "undefined" ? navigator.language : "") || undefined,
      language,
    );
  }
  let cultureRead: Promise<Culture> | undefined;

  const isInRead = (sheet: string, row0: number, col0: number) =>
    readPlaces.some((p) => p.sheet === sheet && row0 + 1 >= p.top && row0 + 1 <= p.bottom && col0 >= p.left && col0 <= p.right);

  return {
    kind: "excel",
    book: officeBook,

    async selection(): Promise<RangePlace> {
      return Excel.run(async (ctx) => {
        const selected = ctx.workbook.getSelectedRange();
        const used = selected.getUsedRangeOrNullObject(true);
        used.load("rowIndex, columnIndex, rowCount, columnCount");
        const ws = selected.worksheet;
        ws.load("name");
        await ctx.sync();
        if (used.isNullObject)
          throw new Error("De selectie is leeg. Selecteer de staat van investeringen met de kopregel, of kies een tabel.");
        return { sheet: ws.name, top: used.rowIndex + 1, bottom: used.rowIndex + used.rowCount, left: used.columnIndex, right: used.columnIndex + used.columnCount - 1 };
      });
    },

    markRead(places: readonly RangePlace[]) {
      readPlaces.push(...places);
    },

    async selectCell(sheet: string, row: number, column: number): Promise<void> {
      await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRangeByIndexes(Math.max(0, row - 1), Math.max(0, column), 1, 1).select();
        await ctx.sync();
      });
    },

    async loadSetting<T>(key: string): Promise<T | undefined> {
      const v = Office.context.document.settings.get(key);
      return v === null || v === undefined ? undefined : (v as T);
    },

    async saveSetting(key: string, value: unknown): Promise<void> {
      const settings = Office.context.document.settings;
      settings.set(key, value);
      await new Promise<void>((resolve, reject) =>
        settings.saveAsync((result: Office.AsyncResult<void>) => {
          if (result && String(result.status) === "failed")
            reject(new Error(`De instelling kon niet in de werkmap worden bewaard: ${result.error?.message ?? "onbekende fout"}`));
          else resolve();
        }),
      );
    },

    async hasSheet(name: string): Promise<boolean> {
      return Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
        ws.load("name");
        await ctx.sync();
        return !ws.isNullObject;
      });
    },

    writeReport,

    culture(): Promise<Culture> {
      // read once per session: the pane asks on start and again when it reads a partners table
      return (cultureRead ??= readCulture());
    },

    async setName(name: string, formula: string): Promise<void> {
      await Excel.run(async (ctx) => {
        const names = ctx.workbook.names;
        const existing = names.getItemOrNullObject(name);
        existing.load("name");
        await ctx.sync();
        if (existing.isNullObject) names.add(name, formula);
        else existing.formula = formula;
        try {
          await ctx.sync();
        } catch (e) {
          throw new Error(
            `De naam ${name} kon niet worden vastgelegd (${message(e)}). Een LAMBDA-naam werkt alleen in Microsoft 365, Excel 2024 en Excel op het web.`,
          );
        }
      });
    },

    async insertSheets(base64: string): Promise<string[]> {
      if (!supports("1.13"))
        throw new Error(
          "Bladen invoegen vraagt Excel-API 1.13 (Microsoft 365, Excel 2021 of nieuwer, Excel op het web); deze Excel (bijvoorbeeld op iPad) kan dat niet. Open de sjabloon als losse werkmap.",
        );
      return Excel.run(async (ctx) => {
        const result = ctx.workbook.insertWorksheetsFromBase64(base64, { positionType: "End" });
        try {
          await ctx.sync();
        } catch (e) {
          throw new Error(`De bladen konden niet worden ingevoegd: ${message(e)}`);
        }
        return result.value;
      });
    },

    async writeFormulas(sheet: string, cells: { address: string; formula: string }[]): Promise<void> {
      await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const ranges = cells.map((c) => {
          const r = ws.getRange(c.address);
          r.load("rowIndex, columnIndex");
          return { r, c };
        });
        await ctx.sync();
        for (const { r, c } of ranges)
          if (isInRead(sheet, r.rowIndex, r.columnIndex))
            throw new Error(`Cel ${c.address} op blad ${sheet} hoort bij de ingelezen staat; daar schrijft de invoegtoepassing niet.`);
        for (const { r, c } of ranges) r.formulas = [[c.formula]];
        await ctx.sync();
      });
    },
  };
}
