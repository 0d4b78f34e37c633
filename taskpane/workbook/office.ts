/* global Excel, Office, navigator */
/**
 * The workbook inside Excel: every Office.js call of the taskpane lives in this file.
 *
 * Reading: a table (or the selection) is read in chunks of 10.000–20.000 rows per `sync`, sized by the number
 * of columns so one response stays well under Excel on the web's 5 MB payload limit; a payload error halves
 * the chunk and reads the same rows again. `values` of null (Excel's answer for too many cells) is an error
 * with a Dutch message, never an empty ledger. Error cells (valueTypes "Error") become { error: "#N/A" };
 * numbers in date-formatted columns (numberFormatCategories, ExcelApi 1.12, sampled on the first rows; without
 * 1.12 the column's header) become { date: "jjjj-mm-dd" }.
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
import { lazyBook } from "../../src/workbook/book";
import { mapHeaders, serialToIso } from "../../src/workbook/ledger";
import { besideLabel, findHeaderRow, HEADER_SEARCH_ROWS, LABEL_AREA, type LabelArea } from "../../src/workbook/rules";
import { applyStyle, reportPlan, writeBlocks } from "./office-report";
import { columnName } from "../../src/report-sheet/types";
import { cultureFromLocale } from "./culture";
import type {
  Cell,
  Culture,
  Grid,
  ReadProgress,
  ReportSheet,
  TableInfo,
  Workbook,
} from "./types";

/** rows per read are chosen so that rows x columns stays near this many cells (values + valueTypes ≈ 20 bytes a cell) */
export const CELLS_PER_READ = 160_000;
export const MIN_CHUNK_ROWS = 10_000;
export const MAX_CHUNK_ROWS = 20_000;
/** below this many rows a payload error is not retried any more */
const SMALLEST_CHUNK = 50;
/** rows sampled for the number format categories that tell date columns */
const DATE_SAMPLE_ROWS = 200;
/**
 * A report larger than this (estimated JSON bytes of values and formats, or cells) is written in several
 * requests: Excel on the web refuses requests over 5 MB, and large `values` writes have failed there with an
 * internal error well below that (office-js-docs-reference#354: 2000 x 10 cells). A report of up to about 900
 * assets stays one request.
 */
export const MAX_WRITE_BYTES = 2_500_000;
export const MAX_WRITE_CELLS = 10_000;

export function chunkRows(columns: number): number {
  return Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.floor(CELLS_PER_READ / Math.max(1, columns))));
}

function supports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
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

function message(e: unknown): string {
  return e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
}

const DATE_CATEGORIES = new Set(["Date", "Time"]);

function toCell(v: unknown, type: string | undefined, dateColumn: boolean): Cell {
  if (type === "Error") return { error: String(v) };
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") {
    if (dateColumn) {
      const iso = serialToIso(v);
      if (iso) return { date: iso };
    }
    return v;
  }
  if (typeof v === "string" || typeof v === "boolean") return v;
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

/** The columns whose numbers are dates: by number format category when available, else by the header. */
function dateColumnsOf(headers: string[], categories: string[][] | null, sampleValues: unknown[][] | null): boolean[] {
  const byHeader = (() => {
    const { mapping } = mapHeaders(headers);
    return headers.map((_, i) => mapping.date === i);
  })();
  if (!categories || !sampleValues) return byHeader;
  return headers.map((_, c) => {
    let dates = 0;
    let numbers = 0;
    for (let r = 0; r < categories.length; r++) {
      if (typeof sampleValues[r]?.[c] !== "number") continue;
      numbers++;
      if (DATE_CATEGORIES.has(categories[r]?.[c])) dates++;
    }
    return numbers === 0 ? byHeader[c] : dates * 2 > numbers;
  });
}

/**
 * Read rows [start, rowCount) of a block in chunks, after the first chunk that the caller may have loaded in
 * its own first sync. Payload errors halve the chunk and retry the same rows.
 */
export async function readChunks(
  ctx: Excel.RequestContext,
  place: BlockPlace,
  dateColumns: boolean[],
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
    appendRows(rows, range.values, range.valueTypes as unknown as string[][], dateColumns, place, start, n);
    start += n;
    onProgress?.({ rowsRead: start, rowsTotal: place.rowCount });
  }
}

/**
 * After a failed read: on a payload error the chunk to read the same rows again with (halved, not below
 * SMALLEST_CHUNK); any other error, or a chunk that cannot get smaller, is thrown as `fail` words it.
 */
function smallerChunk(e: unknown, chunk: number, fail: () => Error): number {
  if (isPayloadError(e) && chunk > SMALLEST_CHUNK) return Math.max(SMALLEST_CHUNK, Math.floor(chunk / 2));
  throw fail();
}

function readError(place: BlockPlace, e: unknown): Error {
  if (isPayloadError(e))
    return new Error(`Excel kon ${place.source} niet doorgeven: te veel gegevens in één keer, ook in kleine delen (${message(e)}).`);
  return new Error(`Lezen van ${place.source} is mislukt: ${message(e)}`);
}

function appendRows(
  out: Cell[][],
  values: unknown[][] | null,
  types: string[][] | null,
  dateColumns: boolean[],
  place: BlockPlace,
  start: number,
  n: number,
): void {
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
    for (let c = 0; c < place.columnCount; c++) row[c] = toCell(v[c], t?.[c], dateColumns[c]);
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

/** A1 address without the sheet: "Blad1!A1:H20" -> "A1:H20". */
function localAddress(address: string): string {
  const i = address.lastIndexOf("!");
  return i < 0 ? address : address.slice(i + 1);
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
  /** sheets (and ranges) this pane has read: the report never goes there, formulas are never written there */
  const readPlaces: { sheet: string; row0: number; col0: number; rows: number; cols: number }[] = [];
  const remember = (p: BlockPlace) =>
    readPlaces.push({ sheet: p.sheet, row0: p.rowIndex - 1, col0: p.columnIndex, rows: p.rowCount + 1, cols: p.columnCount });

  /**
   * The grid of a block (a table or the selection) whose header row and date sample are loaded: headers, the
   * columns that hold dates, then the rows: the first chunk if the caller loaded it in its own first sync, the
   * rest in chunks of `chunk` rows. The block is remembered as read.
   */
  async function readBlock(
    ctx: Excel.RequestContext,
    place: BlockPlace,
    headerValues: unknown[][],
    sample: Excel.Range | null,
    first: { range: Excel.Range; rows: number } | null,
    chunk: number,
    onProgress?: (p: ReadProgress) => void,
  ): Promise<Grid> {
    const headers = headerTexts(headerValues, place.columnCount);
    const dateColumns = dateColumnsOf(
      headers,
      sample ? (sample.numberFormatCategories as unknown as string[][]) : null,
      sample ? sample.values : null,
    );
    const rows: Cell[][] = [];
    if (first) {
      appendRows(rows, first.range.values, first.range.valueTypes as unknown as string[][], dateColumns, place, 0, first.rows);
      onProgress?.({ rowsRead: first.rows, rowsTotal: place.rowCount });
    }
    await readChunks(ctx, place, dateColumns, rows, chunk, onProgress);
    remember(place);
    return {
      sheet: place.sheet,
      source: place.source,
      headers,
      rows: trimEmptyTail(rows),
      firstRow: place.rowIndex + 1,
      firstColumn: place.columnIndex,
    };
  }

  async function readTable(name: string, onProgress?: (p: ReadProgress) => void): Promise<Grid> {
    return Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem(name);
      const ws = table.worksheet;
      ws.load("name");
      const header = table.getHeaderRowRange();
      header.load("values, rowIndex, columnIndex, columnCount");
      const body = table.getDataBodyRange();
      body.load("rowCount, rowIndex, columnIndex, columnCount");
      // the width is not known before the first sync: start at the smallest chunk, then size by the width
      let chunk = MIN_CHUNK_ROWS;
      const categories = supports("1.12");
      // The first sync also brings the first chunk (the rows below the header, clipped to the body) and a sample
      // of number format categories, so a table of up to one chunk is read in a single sync.
      for (;;) {
        const first = loadChunk(header.getRowsBelow(chunk).getIntersection(body));
        const sample = categories ? header.getRowsBelow(DATE_SAMPLE_ROWS).getIntersection(body) : null;
        sample?.load("numberFormatCategories, values");
        try {
          await ctx.sync();
        } catch (e) {
          chunk = smallerChunk(e, chunk, () =>
            /ItemNotFound/i.test(String((e as { code?: unknown })?.code ?? ""))
              ? new Error(`Tabel "${name}" staat niet (meer) in deze werkmap.`)
              : new Error(`Lezen van tabel ${name} is mislukt: ${message(e)}`),
          );
          continue;
        }
        const place: BlockPlace = {
          ws,
          sheet: ws.name,
          rowIndex: body.rowIndex,
          columnIndex: body.columnIndex,
          rowCount: body.rowCount,
          columnCount: body.columnCount,
          source: `tabel ${name}`,
        };
        // from here on, chunks sized by the width (10.000–20.000 rows), never more than what just worked
        const next = chunk < MIN_CHUNK_ROWS ? chunk : chunkRows(place.columnCount);
        return readBlock(ctx, place, header.values, sample, { range: first, rows: Math.min(chunk, place.rowCount) }, next, onProgress);
      }
    });
  }

  async function readSelection(onProgress?: (p: ReadProgress) => void): Promise<Grid> {
    return Excel.run(async (ctx) => {
      const selected = ctx.workbook.getSelectedRange();
      const used = selected.getUsedRangeOrNullObject(true);
      used.load("address, rowIndex, columnIndex, rowCount, columnCount");
      const ws = selected.worksheet;
      ws.load("name");
      await ctx.sync();
      if (used.isNullObject)
        throw new Error("De selectie is leeg. Selecteer de staat van investeringen met de kopregel, of kies een tabel.");
      // The header row: the core's rule (src/workbook/rules.ts findHeaderRow) in the selection's first 30 rows, so a
      // title selected with the ledger is passed over; else the first row. The date sample starts below the first
      // row (in the same sync); a title row in it holds no numbers, so it does not change which columns are dates.
      const top = ws.getRangeByIndexes(used.rowIndex, used.columnIndex, Math.min(HEADER_SEARCH_ROWS, used.rowCount), used.columnCount);
      top.load("values");
      const categories = supports("1.12");
      const sample =
        categories && used.rowCount > 1
          ? ws.getRangeByIndexes(used.rowIndex + 1, used.columnIndex, Math.min(DATE_SAMPLE_ROWS, used.rowCount - 1), used.columnCount)
          : null;
      sample?.load("numberFormatCategories, values");
      await ctx.sync();
      const header = findHeaderRow(top.values.map((row) => row.map((v) => toCell(v, undefined, false)))) ?? 0;
      const address = localAddress(used.address);
      const place: BlockPlace = {
        ws,
        sheet: ws.name,
        rowIndex: used.rowIndex + header + 1,
        columnIndex: used.columnIndex,
        rowCount: used.rowCount - header - 1,
        columnCount: used.columnCount,
        source: `selectie ${address}`,
      };
      return readBlock(ctx, place, [top.values[header]], sample, null, chunkRows(place.columnCount), onProgress);
    });
  }

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
        layout.setPrintArea(`A1:${columnName(page.area.columns - 1)}${page.area.rows}`);
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
    readPlaces.some((p) => p.sheet === sheet && row0 >= p.row0 && row0 < p.row0 + p.rows && col0 >= p.col0 && col0 < p.col0 + p.cols);

  return {
    kind: "excel",
    // the reader's Book in a chunk of its own, loaded with the first workbook read
    book: () => lazyBook(async () => (await import("./office-book")).officeBook()),

    // Excel tables only. A partners list on a sheet without tables, which kia-calc and the standalone page read
    // (src/workbook/rules.ts sheetHeader, endsPartnersList), is not read here: in Excel the user enters the partners.
    async listTables(): Promise<TableInfo[]> {
      return Excel.run(async (ctx) => {
        const tables = ctx.workbook.tables;
        tables.load("items/name");
        await ctx.sync();
        const parts = tables.items.map((t) => {
          const ws = t.worksheet;
          ws.load("name");
          const header = t.getHeaderRowRange();
          header.load("values, columnCount");
          const body = t.getDataBodyRange();
          body.load("rowCount");
          return { t, ws, header, body };
        });
        if (parts.length) await ctx.sync();
        return parts.map(({ t, ws, header, body }) => ({
          name: t.name,
          sheet: ws.name,
          rowCount: body.rowCount,
          headers: headerTexts(header.values, header.columnCount),
        }));
      });
    },

    readTable,
    readSelection,

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

    async findLabel(labels: string | readonly string[], sheet?: string, accept?: (value: Cell) => boolean) {
      // every sheet's label area (the first 40 rows, 31 columns) in one sync; the core's rule finds the label
      return Excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name");
        await ctx.sync();
        const ranges = sheets.items.map((ws) => {
          const range = ws.getRangeByIndexes(0, 0, LABEL_AREA.rows, LABEL_AREA.columns + 1);
          range.load("values, valueTypes");
          return { sheet: ws.name, range };
        });
        await ctx.sync();
        const areas: LabelArea[] = ranges.map(({ sheet, range }) => {
          const types = range.valueTypes as unknown as string[][];
          return { sheet, rows: range.values.map((row, r) => row.map((v, c) => toCell(v, types?.[r]?.[c], false))) };
        });
        return besideLabel(areas, labels, { first: sheet, accept });
      });
    },
  };
}

/** Empty rows at the end of a table (a table's last empty row, a selection of whole columns) are not data. */
function trimEmptyTail(rows: Cell[][]): Cell[][] {
  let n = rows.length;
  while (n > 0 && rows[n - 1].every((c) => c === null)) n--;
  return n === rows.length ? rows : rows.slice(0, n);
}
