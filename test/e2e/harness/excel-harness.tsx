/* global window, document, sessionStorage */
/**
 * The pane as it runs inside Excel, for the browser test: the real App with host "excel", on an in-memory
 * Workbook (the interface of taskpane/workbook/types.ts) whose Book holds the sheets and tables the test puts in
 * window.__KIA_FIXTURE__. Every call is recorded in window.__KIA_CALLS__; settings live in sessionStorage so a
 * reload shows what the pane restores from the document. Not part of the add-in.
 */
import { render } from "preact";
import type { Book, BookTable } from "../../../src/workbook/book";
import { LABEL_AREA } from "../../../src/workbook/rules";
import { App } from "../../../taskpane/app/App";
import type { Cell, Culture, ReportSheet, Workbook } from "../../../taskpane/workbook/types";

interface Fixture {
  /** every sheet's cells from A1 */
  sheets: { name: string; rows: Cell[][] }[];
  tables: BookTable[];
  culture?: Culture;
  language?: "nl" | "en";
  /** Excel without LAMBDA: names.add refuses the KIA name */
  noLambda?: boolean;
}

const w = window as unknown as { __KIA_FIXTURE__: Fixture; __KIA_CALLS__: unknown[][]; __KIA_SHEETS__: ReportSheet[] };
const fixture = w.__KIA_FIXTURE__;
w.__KIA_CALLS__ = [];
w.__KIA_SHEETS__ = [];
const call = (...args: unknown[]) => w.__KIA_CALLS__.push(args);
const SETTINGS = "harness-settings";
const sheetsWritten = new Set<string>(JSON.parse(sessionStorage.getItem("harness-sheets") ?? "[]") as string[]);

/**
 * The workbook as the reader's Book (as office-book.ts gives Excel's): reads are recorded as "outline", "table" (a
 * table's data rows), "labels" (a sheet's label area) or "rows".
 */
const book: Book = {
  async outline() {
    call("outline");
    return { sheets: fixture.sheets.map((s) => s.name), tables: fixture.tables, names: new Map(), date1904: false };
  },
  async lastRow(sheet: string) {
    return fixture.sheets.find((s) => s.name === sheet)?.rows.length ?? 0;
  },
  async rows(sheet: string, from: number, to: number, left: number, right: number, onProgress?: (n: number) => void) {
    const table = fixture.tables.find((t) => t.sheet === sheet && t.top + 1 === from && t.left === left);
    if (table) call("table", table.name);
    else if (from === 1 && to === LABEL_AREA.rows) call("labels", sheet);
    else call("rows", sheet, from, to);
    const cells = fixture.sheets.find((s) => s.name === sheet)?.rows ?? [];
    const out: Cell[][] = [];
    for (let r = from; r <= to; r++) {
      const row = cells[r - 1] ?? [];
      out.push(Array.from({ length: right - left + 1 }, (_, c) => row[left + c] ?? null));
      // in chunks, as the Office.js adapter reports them
      if ((r - from + 1) % 5 === 0 && onProgress) {
        onProgress(r - from + 1);
        await new Promise((res) => setTimeout(res, 5));
      }
    }
    return out;
  },
};

const ledgerSheet = fixture.tables[0]?.sheet ?? fixture.sheets[0].name;

const workbook: Workbook = {
  kind: "excel",
  book: () => book,
  async selection() {
    call("selection");
    return { sheet: ledgerSheet, top: 4, bottom: 20, left: 0, right: 13 };
  },
  markRead(places) {
    call("markRead", places.map((p) => p.sheet));
  },
  async selectCell(sheet: string, row: number, column: number) {
    call("selectCell", sheet, row, column);
  },
  async loadSetting<T>(key: string): Promise<T | undefined> {
    const all = JSON.parse(sessionStorage.getItem(SETTINGS) ?? "{}") as Record<string, T>;
    return all[key];
  },
  async saveSetting(key: string, value: unknown) {
    call("saveSetting", key, value);
    const all = JSON.parse(sessionStorage.getItem(SETTINGS) ?? "{}") as Record<string, unknown>;
    all[key] = value;
    sessionStorage.setItem(SETTINGS, JSON.stringify(all));
  },
  async hasSheet(name: string) {
    call("hasSheet", name);
    return sheetsWritten.has(name);
  },
  async writeReport(sheet: ReportSheet) {
    call("writeReport", sheet.name);
    w.__KIA_SHEETS__.push(sheet);
    sheetsWritten.add(sheet.name);
    sessionStorage.setItem("harness-sheets", JSON.stringify([...sheetsWritten]));
  },
  async culture(): Promise<Culture> {
    return fixture.culture ?? { locale: "nl-NL", decimalSeparator: ",", thousandsSeparator: ".", language: "nl" };
  },
  async setName(name: string, formula: string) {
    call("setName", name, formula);
    if (fixture.noLambda) throw new Error("Het argument is ongeldig of ontbreekt, of heeft een onjuiste indeling.");
  },
  async insertSheets(base64: string): Promise<string[]> {
    // Excel renames a sheet whose name is taken: "Overzicht" exists in this workbook already.
    const bytes = atob(base64);
    call("insertSheets", bytes.length, bytes.slice(0, 2));
    return ["Investeringen", "Vennoten", "Desinvesteringen", "Overzicht (2)", "Toelichting", "Lijsten"];
  },
  async writeFormulas(sheet: string, cells: { address: string; formula: string }[]) {
    call("writeFormulas", sheet, cells.length, cells[0]);
  },
};

render(
  <App host={{ kind: "excel", workbook, language: fixture.language ?? "nl", platform: "PC" }} version="test" />,
  document.getElementById("app")!,
);
document.body.dataset.ready = "true";
