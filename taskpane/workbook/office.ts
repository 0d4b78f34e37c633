/* global Excel, Office, navigator */
/**
 * The workbook inside Excel: every Office.js call of the taskpane lives in this file and in office-book.ts, which
 * reads the workbook as the one reader's Book (src/workbook/book.ts).
 *
 * Writing: the ledger is never written. The report goes to the add-in's own sheet, which is replaced (after
 * the UI asked, see hasSheet), in one batch: values, number formats, styles, row heights, merges, widths, links
 * and the chart, with calculation suspended (ExcelApi 1.6) and one `sync`. A report too large for one request
 * (more than about 1.000 rows) is written in blocks of rows, each with its own sync and with its own rows' styles,
 * heights and merges (./office-report.ts): a block's request has a size and a number of calls that follow the
 * block, never the whole sheet. Every text cell gets the text format "@"
 * before its value is set, and text that starts with =, + , - or @ is also given Excel's apostrophe prefix,
 * so it can never become a formula.
 */
import type { RangePlace } from "../../src/workbook/selection";
import { applyStyle, reportPlan, writeBlocks } from "./office-report";
import { columnLetter } from "../../src/columns";
import { registerYearOf } from "../../src/register/format";
import { cultureFromLocale } from "./culture";
import { message, officeBook, SMALLEST_CHUNK } from "./office-book";
import type { Culture, ReportSheet, ReportTable, Workbook } from "./types";

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

/** A header or footer in Excel's codes ("&Lleft&Ccenter&Rright") as its three sections. */
function sections(text: string): [string, string, string] {
  const out: [string, string, string] = ["", "", ""];
  let at = 1;
  const parts = text.split(/(?<!&)(&[LCR])/);
  for (const p of parts) {
    if (p === "&L") at = 0;
    else if (p === "&C") at = 1;
    else if (p === "&R") at = 2;
    else out[at] += p;
  }
  return out;
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
    let width = Math.max(1, sheet.columnWidths.length);
    for (const r of sheet.rows) if (r.length > width) width = r.length;
    const plan = reportPlan(sheet, width);
    const cellProps = supports("1.9");
    const blocks = writeBlocks(plan, sheet.rows.length, MAX_WRITE_BYTES, MAX_WRITE_CELLS);

    await Excel.run(async (ctx) => {
      const wb = ctx.workbook;
      const old = wb.worksheets.getItemOrNullObject(sheet.name);
      old.load("name");
      const all = wb.tables;
      all.load("items/name, items/worksheet/name");
      await ctx.sync();
      // The report sheet holds no table but its own register (KIA_REGISTER_<jaar>, src/register); the register's
      // name is the workbook's: on another sheet it is the user's copy, and not overwritten.
      const on = (t: Excel.Table) => t.worksheet.name;
      if (!old.isNullObject && all.items.some((t) => on(t) === sheet.name && registerYearOf(t.name) === undefined))
        throw new Error(
          `Blad "${sheet.name}" bevat een Excel-tabel en is dus niet het rapportblad van de invoegtoepassing. Geef dat blad een andere naam; het rapport vervangt alleen zijn eigen blad.`,
        );
      const names = new Set((sheet.tables ?? []).map((t) => t.name.toLowerCase()));
      const clash = all.items.find((t) => names.has(t.name.toLowerCase()) && on(t) !== sheet.name);
      if (clash)
        throw new Error(
          `De werkmap heeft al een tabel ${clash.name} op blad "${on(clash)}" (een kopie van het rapport?). Een tabelnaam komt één keer voor in een werkmap: verwijder of hernoem die tabel, dan schrijft de invoegtoepassing het rapport met het register van dit jaar.`,
        );
      const calc = supports("1.6");
      const charts17 = supports("1.7");
      if (calc) ctx.workbook.application.suspendApiCalculationUntilNextSync();
      if (!old.isNullObject) old.delete();
      const ws = wb.worksheets.add(sheet.name);
      // Rows a..b with everything that belongs to them: number formats (before the values: a text cell is text
      // when its value arrives), values, cell formats and row heights as two arrays (ExcelApi 1.9
      // setCellProperties/setRowProperties; older Excel: one range per run of equal cells), merges, links. A
      // constant number of calls per block plus one per merge and link: the work and each request grow with the
      // block, never with the sheet.
      const writeRows = (a: number, b: number) => {
        const range = ws.getRangeByIndexes(a, 0, b - a, width);
        range.numberFormat = plan.numberFormats.slice(a, b);
        range.values = plan.values.slice(a, b);
        if (cellProps) {
          if (plan.hasStyles(a, b)) range.setCellProperties(plan.cellProperties(a, b));
          if (plan.hasHeights(a, b)) range.setRowProperties(plan.rowProperties(a, b));
        } else {
          for (const run of plan.styleRuns(a, b)) applyStyle(ws.getRangeByIndexes(run.row, run.column, run.rows, run.columns).format, run.style);
          for (const run of plan.heightRuns(a, b)) ws.getRangeByIndexes(run.row, 0, run.rows, 1).format.rowHeight = run.height;
        }
        for (const m of plan.merges(a, b)) ws.getRangeByIndexes(m.row, m.column, m.rows, m.columns).merge(true);
        if (charts17)
          for (const l of plan.links(a, b)) {
            const text = sheet.rows[l.row]?.[l.column];
            ws.getRangeByIndexes(l.row, l.column, 1, 1).hyperlink = { address: l.url, textToDisplay: typeof text === "string" ? text : l.url };
          }
      };
      writeRows(blocks[0][0], blocks[0][1]);
      // a small report's register goes in the same request (one sync); a large one follows in its own blocks
      const tableCells = (sheet.tables ?? []).reduce((n, t) => n + t.rows.length * t.rows[0].length, 0);
      const tablesWith = blocks.length === 1 && tableCells + (blocks[0][1] - blocks[0][0]) * width <= MAX_WRITE_CELLS;
      if (tablesWith) for (const t of sheet.tables ?? []) writeTable(t, 0, t.rows.length, true);
      sheet.columnWidths.forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsOf(w)));
      const page = sheet.page;
      if (page && supports("1.9")) {
        // Pagina-instelling (ExcelApi 1.9): A4 portrait, one page wide, title rows, print area, header and footer
        const layout = ws.pageLayout;
        layout.paperSize = "A4";
        layout.orientation = "Portrait";
        layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
        layout.leftMargin = page.margins.left * 72;
        layout.rightMargin = page.margins.right * 72;
        layout.topMargin = page.margins.top * 72;
        layout.bottomMargin = page.margins.bottom * 72;
        layout.headerMargin = page.margins.header * 72;
        layout.footerMargin = page.margins.footer * 72;
        layout.setPrintTitleRows(`$${page.titleRows[0] + 1}:$${page.titleRows[1] + 1}`);
        layout.setPrintArea(`A1:${columnLetter(page.area.columns - 1)}${page.area.rows}`);
        const hf = layout.headersFooters.defaultForAllPages;
        const [hl, hc, hr] = sections(page.header);
        const [fl, fc, fr] = sections(page.footer);
        hf.leftHeader = hl;
        hf.centerHeader = hc;
        hf.rightHeader = hr;
        hf.leftFooter = fl;
        hf.centerFooter = fc;
        hf.rightFooter = fr;
        for (const r of sheet.pageBreaks ?? []) if (r > 0) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
      }
      const ch = sheet.chart;
      if (ch && ch.lastRow > ch.firstRow) {
        const [cx, cy] = ch.columns ?? [0, 1];
        const xy = ws.getRangeByIndexes(ch.firstRow, cx, ch.lastRow - ch.firstRow + 1, 2);
        const chart = ws.charts.add("XYScatterLinesNoMarkers", xy, "Columns");
        chart.title.text = ch.title;
        chart.legend.position = "Bottom";
        if (ch.markRow !== undefined && charts17) {
          const mark = chart.series.add(ch.markLabel ?? "");
          mark.setXAxisValues(ws.getRangeByIndexes(ch.markRow, cx, 1, 1));
          mark.setValues(ws.getRangeByIndexes(ch.markRow, cy, 1, 1));
          mark.chartType = "XYScatter";
          mark.markerStyle = "Circle";
          mark.markerSize = 9;
        }
        const at = ch.anchor ?? { row: Math.max(0, ch.firstRow - 1), column: 3, rows: 22, columns: 8 };
        chart.setPosition(ws.getRangeByIndexes(at.row, at.column, 1, 1), ws.getRangeByIndexes(at.row + at.rows - 1, at.column + at.columns - 1, 1, 1));
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
      if (!tablesWith)
        for (const t of sheet.tables ?? []) {
          const per = Math.max(1, Math.floor(MAX_WRITE_CELLS / t.rows[0].length));
          for (let a = 0; a < t.rows.length; a += per) {
            const b = Math.min(t.rows.length, a + per);
            writeTable(t, a, b, b === t.rows.length);
            await ctx.sync();
          }
        }

      /**
       * Rows a..b of a table below the report (the register): text cells (format "@" before the values, so Excel
       * keeps the exact amounts as text); with `last`, the table over all its rows, with its name.
       */
      function writeTable(t: ReportTable, a: number, b: number, last: boolean) {
        const width = t.rows[0].length;
        const part = t.rows.slice(a, b);
        const range = ws.getRangeByIndexes(t.row + a, t.column, part.length, width);
        range.numberFormat = part.map((r) => r.map(() => "@"));
        range.values = part;
        if (!last) return;
        const table = ws.tables.add(ws.getRangeByIndexes(t.row, t.column, t.rows.length, width), true);
        table.name = t.name;
        table.style = "TableStyleLight1";
      }
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
    return cultureFromLocale(Office.context?.contentLanguage || (typeof navigator !== "undefined" ? navigator.language : "") || undefined, language);
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
        if (used.isNullObject) throw new Error("De selectie is leeg. Selecteer de staat van investeringen met de kopregel, of kies een tabel.");
        return {
          sheet: ws.name,
          top: used.rowIndex + 1,
          bottom: used.rowIndex + used.rowCount,
          left: used.columnIndex,
          right: used.columnIndex + used.columnCount - 1,
        };
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
        const protection = ws.protection;
        protection.load("protected");
        const ranges = cells.map((c) => {
          const r = ws.getRange(c.address);
          r.load("rowIndex, columnIndex");
          return { r, c };
        });
        await ctx.sync();
        for (const { r, c } of ranges)
          if (isInRead(sheet, r.rowIndex, r.columnIndex))
            throw new Error(`Cel ${c.address} op blad ${sheet} hoort bij de ingelezen staat; daar schrijft de invoegtoepassing niet.`);
        // The template's Overzicht is protected without a password (its formula cells): lifted for these formulas and
        // put back as the template has it. A sheet with a password stays protected: Excel refuses, the message says so.
        const locked = protection.protected;
        if (locked) protection.unprotect();
        for (const { r, c } of ranges) r.formulas = [[c.formula]];
        if (locked) protection.protect({ allowFormatColumns: true, allowFormatRows: true });
        try {
          await ctx.sync();
        } catch (e) {
          if (locked) throw new Error(`Blad ${sheet} is beveiligd (met een wachtwoord?); hef de beveiliging op en probeer het opnieuw: ${message(e)}`);
          throw e;
        }
      });
    },
  };
}
