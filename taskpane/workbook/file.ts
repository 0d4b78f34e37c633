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
import { reportXlsx as writeReportXlsx } from "../../src/report-sheet/xlsx";
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

/** The report sheet as .xlsx bytes (src/report-sheet/xlsx.ts), with exceljs and JSZip loaded on first use. */
export async function reportXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  return writeReportXlsx(sheet, { ExcelJS: await loadExcelJS(), JSZip: await loadJSZip() });
}
