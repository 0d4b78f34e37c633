/**
 * The file-backed workbook of the standalone page: an uploaded .xlsx (read with exceljs) or .csv (csv.ts).
 * exceljs is loaded with a dynamic import, so webpack puts it in a lazy chunk that only the standalone page
 * loads when a file is opened or a report is saved. The user's file is only read; the report is a new .xlsx
 * that is downloaded (in Node, tests receive its bytes through `onDownload`). Settings live in the browser's
 * local storage when there is one, else in memory. What only Excel can do (names, inserting sheets,
 * formulas) is refused with a Dutch message.
 */
import type * as ExcelJSTypes from "exceljs";
import { besideLabel, endsPartnersList, HEADER_SEARCH_ROWS, LABEL_AREA, sheetHeader, type LabelArea } from "../../src/workbook/rules";
import { lazyBook, type Book } from "../../src/workbook/book";
import { CsvBook, csvTable, decodeText, parseCsv } from "../../src/workbook/csv";
import { reportXlsx as writeReportXlsx } from "../../src/report-sheet/xlsx";
import { cultureFromLocale } from "./culture";
import type { Cell, Culture, Grid, ReadProgress, ReportSheet, TableInfo, Workbook } from "./types";

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

/** One readable block of a file: an Excel table, a sheet's used range, or the CSV. */
interface Block {
  info: TableInfo;
  source: string;
  /** rows with cells, header excluded; made on first read */
  read(): { headers: string[]; rows: Cell[][] };
  firstRow: number;
  firstColumn: number;
}

function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
}

/** An exceljs cell value as a Cell: dates as { date }, errors as { error }, formulas by their result. */
export function excelJsCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? { date: v.toISOString().slice(0, 10) } : null;
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("") || null;
    if ("formula" in o || "sharedFormula" in o) return excelJsCell(o.result);
    if ("hyperlink" in o || "text" in o) return excelJsCell(o.text);
  }
  return String(v);
}

function headerText(c: Cell, i: number): string {
  if (c === null) return `Kolom ${i + 1}`;
  if (typeof c === "object") return "date" in c ? c.date : c.error;
  return String(c).trim() || `Kolom ${i + 1}`;
}

function xlsxBlocks(wb: ExcelJSTypes.Workbook): Block[] {
  const blocks: Block[] = [];
  for (const ws of wb.worksheets) {
    const rowCells = (r: number, left: number, right: number): Cell[] => {
      const values = ws.getRow(r).values as unknown[];
      const out: Cell[] = [];
      for (let c = left; c <= right; c++) out.push(excelJsCell(values[c]));
      return out;
    };
    const tables = ws.getTables() as unknown as { table: { name: string; tableRef?: string; ref?: string; headerRow?: boolean; totalsRow?: boolean } }[];
    if (tables.length) {
      for (const t of tables) {
        const ref = t.table.tableRef ?? t.table.ref ?? "";
        const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref);
        if (!m) continue;
        const left = colIndex(m[1]) + 1;
        const top = Number(m[2]);
        const right = m[3] ? colIndex(m[3]) + 1 : left;
        const bottom = m[4] ? Number(m[4]) : top;
        const hasHeader = t.table.headerRow !== false;
        const firstData = hasHeader ? top + 1 : top;
        const lastData = t.table.totalsRow ? bottom - 1 : bottom;
        const headers = hasHeader ? rowCells(top, left, right).map(headerText) : Array.from({ length: right - left + 1 }, (_, i) => `Kolom ${i + 1}`);
        blocks.push({
          info: { name: t.table.name, sheet: ws.name, rowCount: Math.max(0, lastData - firstData + 1), headers },
          source: `tabel ${t.table.name}`,
          firstRow: firstData,
          firstColumn: left - 1,
          read: () => {
            const rows: Cell[][] = [];
            for (let r = firstData; r <= lastData; r++) rows.push(rowCells(r, left, right));
            return { headers, rows };
          },
        });
      }
      continue;
    }
    // A sheet without tables: its used range, with the header row the core's rule finds in the sheet's first 30 rows
    // (src/workbook/rules.ts sheetHeader, as kia-calc): a ledger's, whose data runs to the sheet's end; else a partners
    // list's ("Naam" | "Winstaandeel"), whose data ends at its first empty row or a label row such as "Verdeelsleutel"
    // (endsPartnersList); else the first row with a value (its columns chosen by hand).
    let top = 0;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const values = row.values as unknown[];
      let any = false;
      for (let c = 1; c < values.length; c++) {
        if (excelJsCell(values[c]) === null) continue;
        any = true;
        if (c < left) left = c;
        if (c > right) right = c;
      }
      if (any) {
        if (!top) top = r;
        bottom = r;
      }
    });
    if (!top) continue;
    // the rows searched start at column A, so the header's columns are the sheet's (as kia-calc reads them)
    const search: Cell[][] = [];
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, bottom); r++) search.push(rowCells(r, 1, right));
    const found = sheetHeader(search);
    if (found?.kind === "partners") {
      const list = found;
      const headerRow = list.index + 1;
      const headers = rowCells(headerRow, list.left + 1, list.right + 1).map(headerText);
      let last = headerRow;
      while (last < bottom && !endsPartnersList(rowCells(last + 1, 1, list.right + 1), list)) last++;
      blocks.push({
        info: { name: ws.name, sheet: ws.name, rowCount: last - headerRow, headers },
        source: `blad ${ws.name}`,
        firstRow: headerRow + 1,
        firstColumn: list.left,
        read: () => {
          const rows: Cell[][] = [];
          for (let r = headerRow + 1; r <= last; r++) rows.push(rowCells(r, list.left + 1, list.right + 1));
          return { headers, rows };
        },
      });
      continue;
    }
    const headerRow = found === undefined ? top : found.index + 1;
    const headers = rowCells(headerRow, left, right).map(headerText);
    const firstData = headerRow + 1;
    blocks.push({
      info: { name: ws.name, sheet: ws.name, rowCount: bottom - headerRow, headers },
      source: `blad ${ws.name}`,
      firstRow: firstData,
      firstColumn: left - 1,
      read: () => {
        const rows: Cell[][] = [];
        for (let r = firstData; r <= bottom; r++) rows.push(rowCells(r, left, right));
        return { headers, rows };
      },
    });
  }
  return blocks;
}

/** "A" -> 0, "AA" -> 26 */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Open an uploaded ledger: .xlsx (or .xlsm) with exceljs, .csv with the CSV reader. Rejects with a Dutch
 * message for other files or a file that cannot be read.
 */
export async function openFileWorkbook(file: UploadedFile, options: FileWorkbookOptions = {}): Promise<Workbook> {
  const name = file.name || "bestand";
  const ext = (/\.([^.]+)$/.exec(name)?.[1] ?? "").toLowerCase();
  let blocks: Block[];
  /** each sheet's label area (src/workbook/rules.ts LABEL_AREA), for findLabel */
  let labelAreas: () => LabelArea[];
  /** the file as the one reader's Book (src/workbook: the same reader as kia-calc's) */
  let book: () => Promise<Book>;
  if (ext === "csv" || ext === "txt") {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = decodeText(bytes);
    const csv = parseCsv(text);
    book = async () => new CsvBook(text, name);
    const t = csvTable(csv);
    const rows: Cell[][] = t.rows;
    blocks = [
      {
        info: { name, sheet: name, rowCount: rows.length, headers: t.headers.map((h, i) => headerText(h || null, i)) },
        source: name,
        firstRow: t.firstRow,
        firstColumn: 0,
        read: () => ({ headers: t.headers.map((h, i) => headerText(h || null, i)), rows }),
      },
    ];
    labelAreas = () => [{ sheet: name, rows: csv.rows.slice(0, LABEL_AREA.rows).map((line) => line.map((f) => (f.trim() === "" ? null : f))) }];
  } else if (ext === "xlsx" || ext === "xlsm") {
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    const bytes = new Uint8Array(await file.arrayBuffer());
    // the .xlsx reader (JSZip, saxes) in a lazy chunk, as exceljs: only the standalone page loads it
    book = async () => (await import("../../src/workbook/xlsx")).XlsxBook.open(bytes);
    try {
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    } catch (e) {
      // jszip's or exceljs's own (English) words ("Can't find end of central directory") mean nothing to the user
      throw new UnreadableFileError(name, e instanceof Error ? e.message : String(e));
    }
    blocks = xlsxBlocks(wb);
    labelAreas = () =>
      wb.worksheets.map((ws) => {
        const rows: Cell[][] = [];
        for (let r = 1; r <= LABEL_AREA.rows; r++) {
          const values = ws.getRow(r).values as unknown[];
          rows.push(values.slice(1, LABEL_AREA.columns + 2).map(excelJsCell));
        }
        return { sheet: ws.name, rows };
      });
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

  const find = (table: string): Block => {
    const b = blocks.find((x) => x.info.name === table) ?? blocks.find((x) => x.info.name.toLowerCase() === table.toLowerCase());
    if (!b) throw new Error(`Tabel of blad "${table}" staat niet in ${name}. Kies een van: ${blocks.map((x) => x.info.name).join(", ") || "(geen gegevens gevonden)"}.`);
    return b;
  };

  const workbook: Workbook = {
    kind: "file",
    book: () => lazyBook(book),
    async listTables() {
      return blocks.map((b) => ({ ...b.info, headers: [...b.info.headers] }));
    },
    async readTable(table: string, onProgress?: (p: ReadProgress) => void): Promise<Grid> {
      const b = find(table);
      const { headers, rows } = b.read();
      onProgress?.({ rowsRead: rows.length, rowsTotal: rows.length });
      return { sheet: b.info.sheet, source: b.source === name ? name : `${b.source} in ${name}`, headers, rows, firstRow: b.firstRow, firstColumn: b.firstColumn };
    },
    async readSelection(): Promise<Grid> {
      throw new Error("In de losse browsermodus is er geen selectie: kies een tabel of blad uit het bestand.");
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
    async findLabel(labels: string | readonly string[], sheet?: string, accept?: (value: Cell) => boolean) {
      return besideLabel(labelAreas(), labels, { first: sheet, accept });
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

/** The report sheet as .xlsx bytes (src/report-sheet/xlsx.ts), with exceljs and JSZip loaded on first use. */
export async function reportXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  return writeReportXlsx(sheet, { ExcelJS: await loadExcelJS(), JSZip: await loadJSZip() });
}
