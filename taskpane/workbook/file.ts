/**
 * The file-backed workbook of the standalone page: an uploaded .xlsx or .csv as the one reader's Book (the .xlsx
 * reader src/workbook/xlsx.ts, the CSV reader src/workbook/csv.ts: the same as kia-calc's), read by readWorkbook
 * like a workbook in Excel. In the browser the reading runs in a Web Worker (./read-worker.ts, with `readerUrl`), so
 * the page stays responsive on a large file and the user can stop it; without one (tests, Node) on this thread. The
 * .xlsx reader and JSZip (which zips the report's parts, src/report-sheet/xlsx.ts) are loaded with dynamic imports, so
 * webpack puts them in lazy chunks that only the standalone page loads when a file is opened or a report is saved.
 * The user's file is only read; the report is a new .xlsx that is downloaded (in Node, tests receive its bytes
 * through `onDownload`). Settings live in the browser's local storage when there is one, else in memory.
 * What only Excel can do (names, inserting sheets, formulas) is refused with a Dutch message.
 */
import { lazyBook, type Book } from "../../src/workbook/book";
import type { ReadablePart, WorkbookRead } from "../../src/workbook/read";
import { reportXlsx as writeReportXlsx } from "../../src/report-sheet/xlsx";
import { cultureFromLocale } from "./culture";
import { checkFileSize } from "./file-errors";
import type { ReadClient } from "./read-client";
import type { Culture, ReadProgress, ReportSheet, Workbook } from "./types";

export { UnreadableFileError, unreadableFileMessage } from "./file-errors";

export interface FileWorkbookOptions {
  /** receives the report's file name and bytes instead of a browser download (tests, Node) */
  onDownload?: (name: string, bytes: Uint8Array) => void | Promise<void>;
  /** where settings are kept; default the browser's localStorage when present, else memory */
  storage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
  /** the reading worker's script (read-worker.js beside the page): the file is read in a Web Worker */
  readerUrl?: string;
  /** stops opening the file (the worker ends; nothing of it stays) */
  signal?: AbortSignal;
  /** how far opening the file is (a large sheet's XML parsed) */
  onProgress?: (p: ReadProgress) => void;
}

export interface UploadedFile {
  name: string;
  /** the file's size in bytes, when known before it is read (a browser's File): a file above the limit is not read */
  size?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The Dutch message for everything only Excel itself can do. */
export const ONLY_IN_EXCEL =
  "Dit kan alleen in Excel; in de losse browsermodus wordt uw bestand alleen gelezen en wordt het rapport als nieuw .xlsx-bestand gedownload. Open de werkmap in Excel met de invoegtoepassing om dit te doen.";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SETTINGS_PREFIX = "kia-addin:";

async function loadJSZip(): Promise<any> {
  const mod = (await import("jszip")) as any;
  // the constructor: the module itself (require), or its namespace's default (a dynamic import of CommonJS)
  return typeof mod === "function" ? mod : mod.default;
}

function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
}

/** The file's bytes as the one reader's Book on this thread (the reader in a lazy chunk: only the standalone page loads it). */
async function bookOn(file: UploadedFile, name: string): Promise<Book> {
  const { openFileBook } = await import(/* webpackChunkName: "xlsx-reader" */ "./file-book");
  return openFileBook(new Uint8Array(await file.arrayBuffer()), name);
}

/**
 * Open an uploaded ledger (.xlsx, .xlsm or .csv). Rejects with a Dutch message for other files, a file that cannot be
 * read, or one above the limits (src/workbook/limits.ts: by its size before it is read); with `readerUrl` it is
 * opened and read in a Web Worker (`signal` stops it).
 */
export async function openFileWorkbook(file: UploadedFile, options: FileWorkbookOptions = {}): Promise<Workbook> {
  const name = file.name || "bestand";
  checkFileSize(name, file.size);
  /** the reading worker (browser) or the file's Book on this thread */
  let client: ReadClient | undefined;
  let parts: ReadablePart[] | undefined;
  let book: Book;
  const url = options.readerUrl;
  /** a worker with the file opened in it (again, after a reading was stopped) */
  const reader = async (signal?: AbortSignal, onProgress?: (p: ReadProgress) => void): Promise<ReadClient> => {
    if (client?.alive) return client;
    const { ReadClient } = await import(/* webpackChunkName: "read-client" */ "./read-client");
    const started = new ReadClient(url!);
    parts = await started.request<ReadablePart[]>({ type: "open", name, bytes: await file.arrayBuffer() }, onProgress, signal);
    return (client = started);
  };
  if (url) {
    await reader(options.signal, options.onProgress);
    // what else reads the file's Book on this thread (nothing in the pane does) opens it when it first asks
    book = lazyBook(() => bookOn(file, name));
  } else book = await bookOn(file, name);

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
    ...(url
      ? {
          async readableParts(signal?: AbortSignal) {
            const c = await reader(signal);
            return parts ?? (await c.request<ReadablePart[]>({ type: "open", name, bytes: await file.arrayBuffer() }, undefined, signal));
          },
          async readWorkbook(o: { ledger?: { table: string }; onProgress?: (p: ReadProgress) => void; signal?: AbortSignal }) {
            const c = await reader(o.signal, o.onProgress);
            return c.request<WorkbookRead>({ type: "read", options: o.ledger ? { ledger: o.ledger } : {} }, o.onProgress, o.signal);
          },
          close() {
            client?.end();
          },
        }
      : {}),
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
  if (typeof document === "undefined" || typeof URL === "undefined" || !URL.createObjectURL) throw new Error("Downloaden kan alleen in een browser.");
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

/** The report sheet as .xlsx bytes (src/report-sheet/xlsx.ts), with JSZip loaded on first use. */
export async function reportXlsx(sheet: ReportSheet): Promise<Uint8Array> {
  return writeReportXlsx(sheet, { JSZip: await loadJSZip() });
}
