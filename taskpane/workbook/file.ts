/**
 * The file-backed workbook of the standalone page: an uploaded .xlsx or .csv as the one reader's Book (the .xlsx
 * reader src/workbook/xlsx.ts, the CSV reader src/workbook/csv.ts: the same as kia-calc's), read by readWorkbook
 * like a workbook in Excel. The .xlsx reader and exceljs (which writes the report) are loaded with dynamic imports,
 * so webpack puts them in lazy chunks that only the standalone page loads when a file is opened or a report is
 * saved. The user's file is only read; the report is a new .xlsx that is downloaded (in Node, tests receive its
 * bytes through `onDownload`). Settings live in the browser's local storage when there is one, else in memory.
 * What only Excel can do (names, inserting sheets, formulas) is refused with a Dutch message.
 */
import type * as ExcelJSTypes from "exceljs";
import type { Book } from "../../src/workbook/book";
import { CsvBook } from "../../src/workbook/csv";
import { looksLikeFormula } from "./cells";
import { cultureFromLocale } from "./culture";
import type { Culture, ReportSheet, Workbook } from "./types";

export interface FileWorkbookOptions {
  /** receives the report's file name and bytes instead of a browser download (tests, Node) */
  onDownload?: (name: string, bytes: Uint8Array) => void | Promise<void>;
  /** where settings are kept; default the browser's localStorage when present, else memory */
  storage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

export interface UploadedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

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

/** The Dutch message for everything only Excel itself can do. */
export const ONLY_IN_EXCEL =
  "Dit kan alleen in Excel; in de losse browsermodus wordt uw bestand alleen gelezen en wordt het rapport als nieuw .xlsx-bestand gedownload. Open de werkmap in Excel met de invoegtoepassing om dit te doen.";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SETTINGS_PREFIX = "kia-addin:";

type ExcelJSModule = typeof ExcelJSTypes;

/** exceljs, loaded on first use (a lazy chunk in the browser build). */
export async function loadExcelJS(): Promise<ExcelJSModule> {
  const mod = (await import("exceljs")) as unknown as ExcelJSModule & { default?: ExcelJSModule };
  return mod.Workbook ? mod : (mod.default as ExcelJSModule);
}

async function loadJSZip(): Promise<any> {
  const mod = (await import("jszip")) as any;
  return mod.loadAsync ? mod : mod.default;
}

function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
}

/**
 * Open an uploaded ledger: .xlsx (or .xlsm) with exceljs, .csv with the CSV reader. Rejects with a Dutch
 * message for other files or a file that cannot be read.
 */
export async function openFileWorkbook(file: UploadedFile, options: FileWorkbookOptions = {}): Promise<Workbook> {
  const name = file.name || "bestand";
  const ext = (/\.([^.]+)$/.exec(name)?.[1] ?? "").toLowerCase();
  /** the file as the one reader's Book (src/workbook: the same reader as kia-calc's) */
  let book: Book;
  if (ext === "csv" || ext === "txt") {
    book = CsvBook.fromBytes(new Uint8Array(await file.arrayBuffer()), name);
  } else if (ext === "xlsx" || ext === "xlsm") {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // the .xlsx reader (JSZip, saxes) in a lazy chunk: only the standalone page loads it
    const { XlsxBook, XlsxError } = await import(/* webpackChunkName: "xlsx-reader" */ "../../src/workbook/xlsx");
    try {
      book = await XlsxBook.open(bytes);
    } catch (e) {
      // the reader's words for a package that is no workbook mean little to the user: the pane says it in its own
      if (e instanceof XlsxError && e.damaged) throw new UnreadableFileError(name, e.message);
      if (e instanceof XlsxError) throw new Error(`${name}: ${e.message}`);
      throw e;
    }
  } else if (ext === "xls") {
    throw new Error(
      `${name} is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV en open het dan hier.`,
    );
  } else {
    throw new Error(`${name} is geen .xlsx- of .csv-bestand. Kies een Excel-werkmap (.xlsx) of een CSV-bestand met de staat van investeringen.`);
  }

  const memory = new Map<string, string>();
  let storage = options.storage === undefined ? (typeof localStorage !== "undefined" ? localStorage : null) : options.storage;
  const getItem = (k: string): string | null => {
    try {
      if (storage) return storage.getItem(SETTINGS_PREFIX + k);
    } catch {
      storage = null; // storage blocked (private mode, sandbox): memory from now on
    }
    return memory.get(k) ?? null;
  };
  const setItem = (k: string, v: string) => {
    try {
      if (storage) return storage.setItem(SETTINGS_PREFIX + k, v);
    } catch {
      storage = null;
    }
    memory.set(k, v);
  };

  const workbook: Workbook = {
    kind: "file",
    book: () => book,
    markRead() {
      /* the file is never written: the report is a new file */
    },
    async selectCell() {
      /* a file has no selection to show */
    },
    async loadSetting<T>(key: string): Promise<T | undefined> {
      const s = getItem(key);
      if (s === null) return undefined;
      try {
        return JSON.parse(s) as T;
      } catch {
        return undefined;
      }
    },
    async saveSetting(key: string, value: unknown) {
      setItem(key, JSON.stringify(value));
    },
    async hasSheet() {
      // the report is a new file: nothing in the user's file is replaced
      return false;
    },
    async writeReport(sheet: ReportSheet) {
      const bytes = await reportXlsx(sheet);
      const fileName = `${baseName(name)} - ${sheet.name}.xlsx`.replace(/[\\/:*?"<>|]/g, "-");
      if (options.onDownload) await options.onDownload(fileName, bytes);
      else download(fileName, bytes);
      return { fileName };
    },
    async culture(): Promise<Culture> {
      return browserCulture();
    },
    async setName() {
      throw new Error(ONLY_IN_EXCEL);
    },
    async insertSheets(): Promise<string[]> {
      throw new Error(ONLY_IN_EXCEL);
    },
    async writeFormulas() {
      throw new Error(ONLY_IN_EXCEL);
    },
  };
  return workbook;
}

/** The browser's culture (navigator.language and Intl); Dutch when there is no browser. */
export function browserCulture(): Culture {
  const locale = (typeof navigator !== "undefined" && navigator.language) || "nl-NL";
  return cultureFromLocale(locale, /^en\b/i.test(locale) ? "en" : "nl");
}

function download(fileName: string, bytes: Uint8Array): void {
  if (typeof document === "undefined" || typeof URL === "undefined" || !URL.createObjectURL)
    throw new Error("Downloaden kan alleen in een browser.");
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A number format that shows a date (y, d, or m outside brackets and quotes, no h/s: not a time). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) && !/[hs0#]/i.test(bare);
}

/** The report sheet as .xlsx bytes (exceljs), with a native scatter chart of the KIA curve. */
export async function reportXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = "KIA-invoegtoepassing";
  const ws = wb.addWorksheet(sheet.name);
  sheet.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const dateCells = new Set(
    sheet.formats.filter((f) => f.column !== undefined && f.format.numberFormat && isDateFormat(f.format.numberFormat)).map((f) => `${f.row}:${f.column}`),
  );
  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v === null || v === "" || (typeof v === "number" && !Number.isFinite(v))) return;
      const cell = row.getCell(c + 1);
      // a string is always a string cell (t="s"); never a formula. Text format too, so editing it in Excel keeps it text.
      // A date (a serial day number with a date format) is written as a Date, exceljs's date cell.
      cell.value = typeof v === "number" && dateCells.has(`${r}:${c}`) ? new Date(Math.round((v - 25_569) * 86_400_000)) : v;
      if (typeof v === "string" && looksLikeFormula(v)) cell.numFmt = "@";
    });
  });
  for (const l of sheet.links ?? []) {
    const cell = ws.getRow(l.row + 1).getCell(l.column + 1);
    const text = typeof cell.value === "string" ? cell.value : l.url;
    cell.value = { text, hyperlink: l.url };
    cell.font = { name: "Calibri", family: 2, size: 11, color: { argb: "FF0563C1" }, underline: true };
  }
  for (const f of sheet.formats) {
    const row = ws.getRow(f.row + 1);
    const cols = f.column === undefined ? Array.from({ length: Math.max(1, sheet.rows[f.row]?.length ?? 1) }, (_, i) => i) : [f.column];
    for (const c of cols) {
      const cell = row.getCell(c + 1);
      if (f.format.numberFormat && !(typeof cell.value === "string" && looksLikeFormula(cell.value))) cell.numFmt = f.format.numberFormat;
      if (f.format.bold || f.format.heading)
        cell.font = { name: "Calibri", family: 2, size: f.format.heading ? 13 : 11, ...(cell.font ?? {}), bold: true };
      if (f.format.wrap) cell.alignment = { wrapText: true, vertical: "top" };
    }
  }
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return sheet.chart ? addChart(bytes, sheet) : bytes;
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function cellRef(sheetName: string, row: number, col: number, row2?: number): string {
  const q = `'${sheetName.replace(/'/g, "''")}'`;
  const c = String.fromCharCode(65 + col);
  return row2 === undefined ? `${q}!$${c}$${row + 1}` : `${q}!$${c}$${row + 1}:$${c}$${row2 + 1}`;
}

function numCache(values: number[], format: string): string {
  return `<c:numCache><c:formatCode>${xmlEscape(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)
    .join("")}</c:numCache>`;
}

function richTitle(text: string, size = 1200): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="nl-NL" sz="${size}" b="1"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** The chart part: a scatter chart with lines (the curve) and a second series with one marker (the client's total). */
export function chartXml(sheet: ReportSheet): string {
  const ch = sheet.chart!;
  const num = (r: number, c: number) => Number(sheet.rows[r]?.[c] ?? 0);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let r = ch.firstRow; r <= ch.lastRow; r++) {
    xs.push(num(r, 0));
    ys.push(num(r, 1));
  }
  const fmt = '"€" #,##0';
  const series = (idx: number, name: string, x: string, y: string, xv: number[], yv: number[], marker: boolean) =>
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlEscape(name)}</c:v></c:tx>` +
    (marker
      ? `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="9"/><c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr></c:marker>`
      : `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="0F6CBD"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`) +
    `<c:xVal><c:numRef><c:f>${xmlEscape(x)}</c:f>${numCache(xv, fmt)}</c:numRef></c:xVal>` +
    `<c:yVal><c:numRef><c:f>${xmlEscape(y)}</c:f>${numCache(yv, fmt)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`;
  let ser = series(0, ch.yTitle ?? "KIA", cellRef(sheet.name, ch.firstRow, 0, ch.lastRow), cellRef(sheet.name, ch.firstRow, 1, ch.lastRow), xs, ys, false);
  if (ch.markRow !== undefined)
    ser += series(1, ch.markLabel ?? "", cellRef(sheet.name, ch.markRow, 0), cellRef(sheet.name, ch.markRow, 1), [num(ch.markRow, 0)], [num(ch.markRow, 1)], true);
  const axis = (id: number, cross: number, pos: "b" | "l", title?: string, grid = false) =>
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    (grid ? "<c:majorGridlines/>" : "") +
    (title ? richTitle(title, 1000) : "") +
    `<c:numFmt formatCode="${xmlEscape(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>${richTitle(ch.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${ser}<c:axId val="510001"/><c:axId val="510002"/></c:scatterChart>` +
    axis(510001, 510002, "b", ch.xTitle) +
    axis(510002, 510001, "l", ch.yTitle, true) +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** Add the chart to the first worksheet of an .xlsx written by exceljs (exceljs writes no charts itself). */
async function addChart(bytes: Uint8Array, sheet: ReportSheet): Promise<Uint8Array> {
  const JSZip = await loadJSZip();
  const zip = await JSZip.loadAsync(bytes);
  const sheetPath = "xl/worksheets/sheet1.xml";
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const ch = sheet.chart!;
  const from = { col: 3, row: Math.max(0, ch.firstRow - 1) };
  const to = { col: 11, row: from.row + 22 };
  zip.file("xl/charts/chart1.xml", chartXml(sheet));
  zip.file(
    "xl/drawings/drawing1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xmlEscape(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  const rel = `<Relationship Id="rIdKiaChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>`;
  const rels = zip.file(relsPath) ? await zip.file(relsPath).async("string") : null;
  zip.file(
    relsPath,
    rels
      ? rels.replace("</Relationships>", `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
  let xml: string = await zip.file(sheetPath).async("string");
  if (!/xmlns:r=/.test(xml.slice(0, 600)))
    xml = xml.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  // CT_Worksheet order: <drawing> comes before legacyDrawing, legacyDrawingHF, picture, oleObjects, controls, webPublishItems, tableParts, extLst
  const before = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[\s>/]/.exec(xml);
  const tag = `<drawing r:id="rIdKiaChart"/>`;
  xml = before ? xml.slice(0, before.index) + tag + xml.slice(before.index) : xml.replace("</worksheet>", `${tag}</worksheet>`);
  zip.file(sheetPath, xml);
  let types: string = await zip.file("[Content_Types].xml").async("string");
  types = types.replace(
    "</Types>",
    `<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>` +
      `<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
  );
  zip.file("[Content_Types].xml", types);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}
