/* global window, document, sessionStorage */
/**
 * The pane as it runs inside Excel, for the browser test: the real App with host "excel", on an in-memory
 * Workbook (the interface of taskpane/workbook/types.ts) holding the tables the test puts in
 * window.__KIA_FIXTURE__. Every call is recorded in window.__KIA_CALLS__; settings live in sessionStorage so a
 * reload shows what the pane restores from the document. Not part of the add-in.
 */
import { render } from "preact";
import { App } from "../../../taskpane/app/App";
import type { Cell, Culture, Grid, ReadProgress, ReportSheet, TableInfo, Workbook } from "../../../taskpane/workbook/types";

interface FixtureTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  firstRow: number;
  firstColumn: number;
}
interface Fixture {
  tables: FixtureTable[];
  labels?: { label: string; sheet: string; row: number; column: number; value: Cell }[];
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

function grid(t: FixtureTable): Grid {
  return { sheet: t.sheet, source: `tabel ${t.name}`, headers: t.headers, rows: t.rows, firstRow: t.firstRow, firstColumn: t.firstColumn };
}

const workbook: Workbook = {
  kind: "excel",
  async listTables(): Promise<TableInfo[]> {
    call("listTables");
    return fixture.tables.map((t) => ({ name: t.name, sheet: t.sheet, rowCount: t.rows.length, headers: t.headers }));
  },
  async readTable(name: string, onProgress?: (p: ReadProgress) => void): Promise<Grid> {
    call("readTable", name);
    const t = fixture.tables.find((x) => x.name === name);
    if (!t) throw new Error(`Tabel ${name} bestaat niet`);
    // in chunks, as the Office.js adapter reports them
    for (let i = 0; i < t.rows.length; i += 5) {
      onProgress?.({ rowsRead: Math.min(i + 5, t.rows.length), rowsTotal: t.rows.length });
      await new Promise((r) => setTimeout(r, 5));
    }
    return grid(t);
  },
  async readSelection(): Promise<Grid> {
    call("readSelection");
    return { ...grid(fixture.tables[0]), source: "selectie A4:N20" };
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
    return ["Start", "Investeringen", "Vennoten", "Desinvesteringen", "Overzicht (2)", "Toelichting", "Lijsten"];
  },
  async writeFormulas(sheet: string, cells: { address: string; formula: string }[]) {
    call("writeFormulas", sheet, cells.length, cells[0]);
  },
  async findLabel(labels: string | readonly string[], sheet?: string, accept?: (value: Cell) => boolean) {
    // recorded by the first (the template's) label; `sheet` is searched first, as the adapters do
    const wanted = (typeof labels === "string" ? [labels] : [...labels]).map((l) => l.toLowerCase());
    call("findLabel", typeof labels === "string" ? labels : labels[0], sheet);
    const found = (fixture.labels ?? []).filter((l) => wanted.includes(l.label.toLowerCase()) && (!accept || accept(l.value)));
    return found.find((l) => l.sheet === sheet) ?? found[0];
  },
};

render(
  <App host={{ kind: "excel", workbook, language: fixture.language ?? "nl", platform: "PC" }} version="test" />,
  document.getElementById("app")!,
);
document.body.dataset.ready = "true";
