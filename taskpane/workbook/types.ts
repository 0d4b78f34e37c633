/**
 * The one interface between the taskpane and a workbook. Two adapters implement it: office.ts (Office.js,
 * inside Excel; every Office.js call of the taskpane lives there) and file.ts (an uploaded .xlsx or .csv in the
 * standalone page, read by the one reader in a Web Worker, the report written as .xlsx by src/report-sheet/xlsx.ts,
 * loaded lazily only there). The UI never touches Office.js.
 *
 * Rules every adapter keeps: the user's ledger is only read, never written; the report goes to the add-in's own
 * sheet (or, standalone, to a downloaded .xlsx); text that starts with =, +, - or @ is written as text, never
 * as a formula.
 */
import type { Book } from "../../src/workbook/book";
import type { Grid, ReadablePart, WorkbookRead } from "../../src/workbook/read";
import type { Cell } from "../../src/workbook/ledger";
import type { RangePlace } from "../../src/workbook/selection";

export type { Cell, Grid, RangePlace };

export interface ReadProgress {
  rowsRead: number;
  rowsTotal: number;
  /** before the rows are counted: how much of a sheet's file is parsed (0 to 1; the standalone page's worker) */
  part?: number;
}

/** The culture the workbook shows numbers in (ExcelApi 1.11 cultureInfo; otherwise the browser's). */
export interface Culture {
  /** e.g. "nl-NL" */
  locale: string;
  decimalSeparator: string;
  thousandsSeparator: string;
  /** the user interface language: "nl" or "en" */
  language: "nl" | "en";
}

export type { ReportCellFormat, ReportSheet, ReportTable, ReportValue } from "../../src/report-sheet/types";
import type { ReportSheet } from "../../src/report-sheet/types";

export interface Workbook {
  readonly kind: "excel" | "file";
  /**
   * The workbook as the one reader's Book (src/workbook/book.ts): what readWorkbook finds the ledger, the year, the
   * partners and the disposals in, as kia-calc does. The pane reads nothing else.
   */
  book(): Book;
  /**
   * readWorkbook (src/workbook/read.ts, not validated) on this workbook off the page's thread: the standalone page
   * reads a file in a Web Worker, with its progress; `signal` stops it and the pane keeps what it showed. Absent (in
   * Excel): the pane runs readWorkbook on book().
   */
  readWorkbook?(options: { ledger?: { table: string }; onProgress?: (p: ReadProgress) => void; signal?: AbortSignal }): Promise<WorkbookRead>;
  /** readableParts (src/workbook/read.ts) the same way */
  readableParts?(signal?: AbortSignal): Promise<ReadablePart[]>;
  /** lets go of what reads the workbook (the worker), when another file takes its place */
  close?(): void;
  /** the place of the selected range's used cells (Excel only): readWorkbook reads it as the ledger through a Book view (src/workbook/selection.ts) */
  selection?(): Promise<RangePlace>;
  /**
   * The ranges the pane read its ledger, partners and disposals from: the report never goes there, formulas are never
   * written there (Excel; a file is never written).
   */
  markRead(places: readonly RangePlace[]): void;
  /**
   * select a cell so the user sees it (Excel: the cell gets selected; a file: no-op). `row` is the sheet row as
   * Excel shows it (1-based, like LedgerProblem.row), `column` the sheet column index (0-based: Grid.firstColumn
   * + LedgerProblem.column).
   */
  selectCell(sheet: string, row: number, column: number): Promise<void>;
  /** settings stored in the document (Excel: document settings; a file: the browser's local storage) */
  loadSetting<T>(key: string): Promise<T | undefined>;
  saveSetting(key: string, value: unknown): Promise<void>;
  /** whether the add-in's report sheet exists already (the UI asks before replacing it) */
  hasSheet(name: string): Promise<boolean>;
  /**
   * write the report in one batch (Excel: its own sheet, replaced; a file: a downloaded .xlsx). A file adapter
   * gives the name of the file it saved ("voorbeeld-staat-2025 - KIA-rapport 2025.xlsx"), so the pane names it.
   */
  writeReport(sheet: ReportSheet): Promise<void | { fileName: string }>;
  culture(): Promise<Culture>;
  /**
   * Add or replace a workbook-level name (e.g. the KIA LAMBDA), formula in en-US syntax ("=LAMBDA(...)").
   * Rejects with a Dutch message where the host cannot (no LAMBDA, or a file in the standalone page).
   */
  setName(name: string, formula: string): Promise<void>;
  /** Insert sheets from an .xlsx given as base64 (ExcelApi 1.13); rejects with a Dutch message where not supported. */
  insertSheets(base64: string): Promise<string[]>;
  /** Write formulas through the host so it binds add-in functions (Excel only): cells by sheet and A1 address. */
  writeFormulas(sheet: string, cells: { address: string; formula: string }[]): Promise<void>;
}

/** Where the pane runs: inside Excel (with the Office.js workbook) or as the standalone page. */
export type Host = { kind: "excel"; workbook: Workbook; language: "nl" | "en"; platform: string } | { kind: "standalone"; language: "nl" | "en" };
