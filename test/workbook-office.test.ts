/**
 * The Office.js workbook adapter, run against office-addin-mock (test/support/fake-excel.ts): chunked reads with
 * a bounded number of syncs, payload errors, null values, dates and error cells, the report written in one
 * batch without touching the ledger, text that never becomes a formula, settings, names, sheets and formulas.
 */
import { evaluate } from "../src";
import { FIELD_HEADERS, LEDGER_FIELDS, mapHeaders, readLedger } from "../src/workbook/ledger";
import { reportSheet } from "../taskpane/report-sheet";
import { connect } from "../taskpane/workbook/host";
import { officeWorkbook } from "../taskpane/workbook/office";
import { fakeExcel, writtenFormats, type SheetModel } from "./support/fake-excel";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest, whose dependencies are ES modules
// that jest's CommonJS runtime cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

const HEADERS = LEDGER_FIELDS.filter((f) => !["approval", "marketValue", "exemptionPossible", "reserve", "reserveDeclaration"].includes(f)).map((f) => FIELD_HEADERS[f][0]);
const DATE_COL = HEADERS.indexOf("Datum");
const AMOUNT_COL = HEADERS.indexOf("Bedrag");

/** A ledger sheet "Staat" with the table "Investeringen" (header in B3, so data from B4). */
function ledgerSheet(n: number, extra: Partial<SheetModel> = {}): SheetModel {
  const rows: unknown[][] = [HEADERS];
  const errors = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row: unknown[] = HEADERS.map(() => "");
    row[0] = `A${i + 1}`;
    row[1] = i === 1 ? '=HYPERLINK("http://example.invalid","klik")' : i === 2 ? "+31 20 1234567" : i === 3 ? "-korting" : i === 4 ? "@kantoor" : `Machine ${i + 1}`;
    row[2] = "machine";
    row[AMOUNT_COL] = 1000 + (i % 500);
    row[DATE_COL] = 45658 + (i % 365); // 2025-01-01 + i
    if (i % 25_000 === 7) {
      row[AMOUNT_COL] = "#N/A";
      errors.add(`${3 + i},${1 + AMOUNT_COL}`);
    }
    rows.push(row);
  }
  return {
    name: "Staat",
    block: { r0: 2, c0: 1, rows },
    errors,
    dateColumns: new Set([1 + DATE_COL]),
    tables: [{ name: "Investeringen", headerRow: 2, column: 1, rows: n, columns: HEADERS.length }],
    ...extra,
  };
}

let fx: ReturnType<typeof fakeExcel> | undefined;
afterEach(() => {
  fx?.uninstall();
  fx = undefined;
});
function install(options: Parameters<typeof fakeExcel>[0]) {
  fx = fakeExcel(options);
  fx.install();
  return fx;
}

describe("Office adapter: reading", () => {
  it("reads a 100.000-row table in at most 10 syncs, with progress, dates and error cells", async () => {
    const x = install({ sheets: [ledgerSheet(100_000)] });
    const progress: number[] = [];
    const t0 = Date.now();
    const g = await officeWorkbook().readTable("Investeringen", (p) => progress.push(p.rowsRead));
    expect(x.syncs()).toBeLessThanOrEqual(10);
    expect(g.rows.length).toBe(100_000);
    expect(g.headers).toEqual(HEADERS);
    expect(g).toMatchObject({ sheet: "Staat", source: "tabel Investeringen", firstRow: 4, firstColumn: 1 });
    expect(progress[progress.length - 1]).toBe(100_000);
    expect(progress.length).toBe(x.syncs());
    expect(g.rows[0][DATE_COL]).toEqual({ date: "2025-01-01" });
    expect(g.rows[0][0]).toBe("A1");
    expect(g.rows[7][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(g.rows[25_007][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(g.rows[8][AMOUNT_COL]).toBe(1008);
    expect(g.rows[99_999][0]).toBe("A100000");
    const read = readLedger(g.rows, mapHeaders(g.headers).mapping, g);
    expect(read.investments.length).toBe(100_000 - 4);
    expect(read.problems.map((p) => `${p.row}${p.columnLetter}`)).toEqual(["11E", "25011E", "50011E", "75011E"]);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("a payload error halves the chunk and still reads everything", async () => {
    const x = install({ sheets: [ledgerSheet(3000)], payloadCells: 8000 });
    const g = await officeWorkbook().readTable("Investeringen");
    expect(g.rows.length).toBe(3000);
    expect(g.rows.map((r) => r[0])).toEqual(Array.from({ length: 3000 }, (_, i) => `A${i + 1}`));
    // 3000 x 14 cells do not fit in 8000: several failed requests, then chunks of at most 8000 cells
    expect(x.syncs()).toBeGreaterThan(Math.ceil((3000 * 14) / 8000));
  });

  it("values === null is an error with a Dutch message, never an empty ledger", async () => {
    install({ sheets: [ledgerSheet(100, { nullValues: true })] });
    await expect(officeWorkbook().readTable("Investeringen")).rejects.toThrow(/Excel gaf geen waarden terug voor rijen 4–103 van tabel Investeringen/);
  });

  it("without ExcelApi 1.12 dates are found by the header; with it by the number format", async () => {
    const sheet: SheetModel = {
      name: "Blad1",
      block: { r0: 0, c0: 0, rows: [["Nummer", "Bedrag", "Datum", "Levering"], ["M1", 500, 45747, 45748]] },
      dateColumns: new Set([2, 3]),
      tables: [{ name: "T", headerRow: 0, column: 0, rows: 1, columns: 4 }],
    };
    install({ sheets: [sheet], api: "1.11" });
    expect((await officeWorkbook().readTable("T")).rows[0]).toEqual(["M1", 500, { date: "2025-03-31" }, 45748]);
    fx!.uninstall();
    install({ sheets: [sheet], api: "1.12" });
    expect((await officeWorkbook().readTable("T")).rows[0]).toEqual(["M1", 500, { date: "2025-03-31" }, { date: "2025-04-01" }]);
  });

  it("the selection is read likewise (its used part; empty rows at the end dropped)", async () => {
    install({ sheets: [ledgerSheet(50)] });
    const g = await officeWorkbook().readSelection();
    expect(g.source).toBe("selectie B3:O58");
    expect(g.rows.length).toBe(50);
    expect(g.firstRow).toBe(4);
    expect(g.rows[7][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(g.rows[0][DATE_COL]).toEqual({ date: "2025-01-01" });
  });

  it("listTables returns every table with its sheet, headers and row count", async () => {
    const other: SheetModel = {
      name: "Vennoten",
      block: { r0: 0, c0: 0, rows: [["Naam", "Winstaandeel"], ["A", 50], ["B", 50]] },
      tables: [{ name: "Vennoten", headerRow: 0, column: 0, rows: 2, columns: 2 }],
    };
    install({ sheets: [ledgerSheet(20), other] });
    expect(await officeWorkbook().listTables()).toEqual([
      { name: "Investeringen", sheet: "Staat", rowCount: 20, headers: HEADERS },
      { name: "Vennoten", sheet: "Vennoten", rowCount: 2, headers: ["Naam", "Winstaandeel"] },
    ]);
  });
});

describe("Office adapter: writing the report", () => {
  async function readAndReport(x: ReturnType<typeof fakeExcel>) {
    const wb = officeWorkbook();
    const g = await wb.readTable("Investeringen");
    const read = readLedger(g.rows, mapHeaders(g.headers).mapping, g);
    const scenario = { year: 2025, investments: read.investments };
    const sheet = reportSheet(evaluate(scenario), { lang: "nl", version: "0.1.0", date: "2025-06-01", ledgerSource: g.source, scenario });
    x.events.length = 0;
    x.writes.length = 0;
    x.calls.length = 0;
    return { wb, sheet };
  }

  it("one sync after suspendApiCalculationUntilNextSync; nothing written to the ledger's sheet; text stays text; a chart", async () => {
    const x = install({ sheets: [ledgerSheet(30)] });
    const { wb, sheet } = await readAndReport(x);
    expect(await wb.hasSheet(sheet.name)).toBe(false);
    x.events.length = 0;
    await wb.writeReport(sheet);
    const afterSuspend = x.events.slice(x.events.indexOf("suspend") + 1);
    expect(x.events.filter((e) => e === "suspend").length).toBe(1);
    expect(afterSuspend.filter((e) => e === "sync").length).toBe(1);
    expect(x.events[x.events.length - 1]).toBe("sync");
    expect(x.events).toContain("add KIA-rapport 2025");
    // every write went to the report sheet; the ledger's sheet got none (and no method but reads)
    expect(x.writes.length).toBeGreaterThan(0);
    expect(x.writes.filter((w) => w.sheet !== "KIA-rapport 2025")).toEqual([]);
    expect(x.calls.filter((c) => c.sheet === "Staat").map((c) => c.method)).toEqual([]);
    // the values: one 2-D write, after the number formats; text cells "@", formula-like text with the apostrophe prefix
    const valuesWrite = x.writes.findIndex((w) => w.path.endsWith(".values"));
    const formatWrite = x.writes.findIndex((w) => w.path.endsWith(".numberFormat"));
    expect(formatWrite).toBeGreaterThanOrEqual(0);
    expect(formatWrite).toBeLessThan(valuesWrite);
    const values = x.writes[valuesWrite].value as unknown[][];
    const formats = x.writes[formatWrite].value as string[][];
    expect(values.length).toBe(sheet.rows.length);
    for (const text of ['=HYPERLINK("http://example.invalid","klik")', "+31 20 1234567", "-korting", "@kantoor"]) {
      const r = values.findIndex((row) => row.includes(`'${text}`));
      expect(r).toBeGreaterThan(0);
      const c = values[r].indexOf(`'${text}`);
      expect(formats[r][c]).toBe("@");
    }
    expect(values.flat().some((v) => typeof v === "string" && /^[=+\-@]/.test(v))).toBe(false);
    const kiaRow = sheet.rows.findIndex((r) => r[0] === "KIA");
    expect(values[kiaRow][3]).toBe(sheet.rows[kiaRow][3]);
    expect(typeof values[kiaRow][3]).toBe("number");
    expect(formats[kiaRow][3]).toBe('"€" #,##0.00');
    // the styles as one array for the block (ExcelApi 1.9), bold among them
    const props = x.calls.filter((c) => c.method.endsWith(".setCellProperties"));
    expect(props.length).toBe(1);
    expect((props[0].args[0] as { format?: { font?: { bold?: boolean } } }[][]).flat().some((p) => p.format?.font?.bold === true)).toBe(true);
    expect(x.calls.find((c) => c.method === "charts.add")?.args).toEqual(["XYScatterLinesNoMarkers", "Columns"]);
    expect(x.calls.find((c) => c.method === "series.add")?.args).toEqual(["uw totaal"]);
    expect(x.writes.some((w) => w.path.endsWith("hyperlink"))).toBe(true);
  });

  it("replaces only the add-in's own sheet, and never the ledger's", async () => {
    const x = install({ sheets: [ledgerSheet(10), { name: "KIA-rapport 2025" }] });
    const { wb, sheet } = await readAndReport(x);
    expect(await wb.hasSheet(sheet.name)).toBe(true);
    await wb.writeReport(sheet);
    expect(x.events.indexOf("delete KIA-rapport 2025")).toBeLessThan(x.events.indexOf("add KIA-rapport 2025"));
    await expect(wb.writeReport({ ...sheet, name: "Staat" })).rejects.toThrow(/daar staat de staat die is ingelezen/);
    x.sheets.set("KIA-rapport 2025", { name: "KIA-rapport 2025", tables: [{ name: "Eigen", headerRow: 0, column: 0, rows: 1, columns: 1 }] });
    await expect(wb.writeReport(sheet)).rejects.toThrow(/bevat een Excel-tabel/);
  });

  it("a report too large for one request is written in blocks, each after a suspend, each request the size of its block", async () => {
    const x = install({ sheets: [ledgerSheet(30_000)] });
    const { wb, sheet } = await readAndReport(x);
    const t0 = Date.now();
    await wb.writeReport(sheet);
    const ms = Date.now() - t0;
    const blocks = x.writes.filter((w) => w.path.endsWith(".values"));
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.reduce((n, w) => n + (w.value as unknown[][]).length, 0)).toBe(sheet.rows.length);
    expect(x.events.filter((e) => e === "suspend").length).toBe(blocks.length);
    // a block's styles and heights travel with it as two arrays; its merges one call per merged row at most. No
    // request carries the whole sheet's formatting (the first writer put ~6 calls per asset in the first request:
    // over 180.000 for 30.000 assets).
    const rowsPerBlock = Math.max(...blocks.map((w) => (w.value as unknown[][]).length));
    expect(Math.max(...x.requests())).toBeLessThan(rowsPerBlock + 100);
    expect(x.calls.filter((c) => c.method.endsWith(".setCellProperties")).length).toBeLessThanOrEqual(blocks.length);
    const written = writtenFormats(x, sheet.name);
    expect(written.heights.size).toBe(sheet.rowHeights!.length);
    expect(written.merges.length).toBe(sheet.merges!.length);
    // 60.000 report rows in seconds, not minutes (the first writer: 34 s at 5.000 rows, growing with the square)
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  it("a later block Excel refuses is written again in halves", async () => {
    const x = install({ sheets: [ledgerSheet(5000)] });
    const { wb, sheet } = await readAndReport(x);
    x.failSync(x.syncs() + 3); // sync 1 checks the old sheet, 2 writes the first block, 3 the second block
    await wb.writeReport(sheet);
    const covered = new Array(sheet.rows.length).fill(false);
    for (const w of x.writes.filter((w) => w.path.endsWith(".values"))) {
      const m = /^range\((\d+),0,(\d+)x/.exec(w.path)!;
      for (let r = Number(m[1]); r < Number(m[1]) + Number(m[2]); r++) covered[r] = true;
    }
    expect(covered.every(Boolean)).toBe(true);
    // more value writes than blocks: the refused block went again as two halves
    expect(x.writes.filter((w) => w.path.endsWith(".values")).length).toBeGreaterThan(Math.ceil((sheet.rows.length * sheet.columnWidths.length) / 10_000) + 1);
  });
});

describe("Office adapter: settings, selection, culture, names, sheets, formulas", () => {
  it("the mapping is stored in the document settings (set + saveAsync)", async () => {
    const x = install({ sheets: [ledgerSheet(5)] });
    const wb = officeWorkbook();
    expect(await wb.loadSetting("mapping")).toBeUndefined();
    await wb.saveSetting("mapping", { amount: 3, category: 2 });
    expect(x.settings.get("mapping")).toEqual({ amount: 3, category: 2 });
    expect(x.events).toContain("settings.saveAsync");
    expect(await wb.loadSetting("mapping")).toEqual({ amount: 3, category: 2 });
  });

  it("selectCell activates the sheet and selects the cell (row as Excel shows it, column index)", async () => {
    const x = install({ sheets: [ledgerSheet(5)] });
    await officeWorkbook().selectCell("Staat", 7, 3);
    expect(x.events).toEqual(expect.arrayContaining(["activate Staat", "select Staat!D7"]));
  });

  it("culture from cultureInfo (ExcelApi 1.11), else from the browser; language from displayLanguage", async () => {
    const x = install({ sheets: [ledgerSheet(1)], displayLanguage: "en-GB" });
    const wb = officeWorkbook();
    expect(await wb.culture()).toEqual({ locale: "nl-NL", decimalSeparator: ",", thousandsSeparator: ".", language: "en" });
    // read once per session: the pane asks on start and again for a partners table
    const syncs = x.syncs();
    expect(await wb.culture()).toMatchObject({ locale: "nl-NL" });
    expect(x.syncs()).toBe(syncs);
    fx!.uninstall();
    install({ sheets: [ledgerSheet(1)], api: "1.10" });
    expect(await officeWorkbook().culture()).toMatchObject({ locale: "nl-NL", language: "nl", decimalSeparator: "," });
  });

  it("setName adds the name, or sets its formula when it exists", async () => {
    const x = install({ sheets: [ledgerSheet(1)] });
    const wb = officeWorkbook();
    await wb.setName("KIA", "=LAMBDA(total,year,KIA.AMOUNT(total,year))");
    expect(x.calls.find((c) => c.method.endsWith("names.add"))?.args).toEqual(["KIA", "=LAMBDA(total,year,KIA.AMOUNT(total,year))"]);
    await wb.setName("KIA", "=LAMBDA(t,y,KIA.AMOUNT(t,y))");
    expect(x.writes.find((w) => w.path.endsWith(".formula"))?.value).toBe("=LAMBDA(t,y,KIA.AMOUNT(t,y))");
  });

  it("insertSheets needs ExcelApi 1.13 (Dutch message otherwise)", async () => {
    install({ sheets: [ledgerSheet(1)], api: "1.12" });
    await expect(officeWorkbook().insertSheets("UEsDBA==")).rejects.toThrow(/Excel-API 1\.13/);
    fx!.uninstall();
    install({ sheets: [ledgerSheet(1)], api: "1.13" });
    expect(await officeWorkbook().insertSheets("UEsDBA==")).toEqual(["Investeringen", "Vennoten"]);
  });

  it("writeFormulas writes through range.formulas, never into the ledger that was read", async () => {
    const x = install({ sheets: [ledgerSheet(10), { name: "Berekening" }] });
    const wb = officeWorkbook();
    await wb.readTable("Investeringen");
    await expect(wb.writeFormulas("Staat", [{ address: "E5", formula: "=KIA.AMOUNT(1,2025)" }])).rejects.toThrow(/hoort bij de ingelezen staat/);
    x.writes.length = 0;
    await wb.writeFormulas("Berekening", [{ address: "B2", formula: "=KIA.AMOUNT(A2,2025)" }]);
    expect(x.writes).toEqual([{ sheet: "Berekening", path: "range(1,1,1x1).formulas", value: [["=KIA.AMOUNT(A2,2025)"]] }]);
  });

  it("findLabel finds the value beside a label by the core's rule (as kia-calc): like headers, a sheet first, a value accepted", async () => {
    const partners: SheetModel = { name: "Vennoten", cells: new Map<string, unknown>([["6,0", "Verdeelsleutel:"], ["6,1", "winst"], ["45,0", "Jaar"], ["45,1", 2023]]) };
    const info: SheetModel = { name: "Info", cells: new Map<string, unknown>([["0,0", "Jaar"], ["0,1", "Klant"]]) };
    const summary: SheetModel = { name: "Overzicht", cells: new Map<string, unknown>([["2,0", "JAAR"], ["2,1", 2025]]) };
    install({ sheets: [ledgerSheet(1), partners, info, summary], api: "1.8" }); // no Range.find (ExcelApi 1.9) needed
    const wb = officeWorkbook();
    expect(await wb.findLabel!(["Verdeelsleutel", "Sleutel"])).toEqual({ sheet: "Vennoten", row: 7, column: 1, value: "winst" });
    expect(await wb.findLabel!("Jaar")).toEqual({ sheet: "Info", row: 1, column: 1, value: "Klant" }); // row 46 of Vennoten is not searched
    expect(await wb.findLabel!("Jaar", "Overzicht")).toEqual({ sheet: "Overzicht", row: 3, column: 1, value: 2025 });
    expect((await wb.findLabel!(["Jaar", "Boekjaar"], undefined, (v) => typeof v === "number"))?.sheet).toBe("Overzicht");
    expect(await wb.findLabel!("Gezamenlijk verzoek")).toBeUndefined();
  });

  it("the selection's header row is found under a title by the core's rule (as kia-calc finds a sheet's), without another sync", async () => {
    const sheet: SheetModel = {
      name: "Staat",
      block: { r0: 0, c0: 0, rows: [["Staat van investeringen klant X", "", ""], ["", "", ""], ["Categorie", "Bedrag", "Datum"], ["machine", 1000, 45658], ["inventaris", 500, 45700]] },
      dateColumns: new Set([2]),
      tables: [{ name: "Staat", headerRow: 0, column: 0, rows: 4, columns: 3 }],
    };
    const x = install({ sheets: [sheet] });
    const g = await officeWorkbook().readSelection();
    expect(x.syncs()).toBe(3); // as before: the used range; the top rows with the date sample; the rows
    expect(g).toMatchObject({ headers: ["Categorie", "Bedrag", "Datum"], firstRow: 4, firstColumn: 0 });
    expect(g.rows).toEqual([
      ["machine", 1000, { date: "2025-01-01" }],
      ["inventaris", 500, { date: "2025-02-12" }],
    ]);
    expect(readLedger(g.rows, mapHeaders(g.headers).mapping, g).investments.map((i) => [i.amount, i.date])).toEqual([["1000", "2025-01-01"], ["500", "2025-02-12"]]);
  });
});

describe("host detection", () => {
  it("inside Excel: the Office.js workbook and the display language", async () => {
    install({ sheets: [ledgerSheet(1)], displayLanguage: "en-US" });
    const host = await connect();
    expect(host).toMatchObject({ kind: "excel", language: "en", platform: "PC" });
    if (host.kind === "excel") expect(host.workbook.kind).toBe("excel");
  });

  it("without the Office global: standalone, language from the browser", async () => {
    const g = globalThis as { navigator?: unknown };
    const had = Object.getOwnPropertyDescriptor(g, "navigator");
    Object.defineProperty(g, "navigator", { value: { language: "en-US" }, configurable: true });
    try {
      expect(await connect()).toEqual({ kind: "standalone", language: "en" });
      Object.defineProperty(g, "navigator", { value: { language: "nl-BE" }, configurable: true });
      expect(await connect()).toEqual({ kind: "standalone", language: "nl" });
    } finally {
      if (had) Object.defineProperty(g, "navigator", had);
      else delete g.navigator;
    }
  });
});
