/**
 * The Office.js workbook adapter, run against office-addin-mock (test/support/fake-excel.ts): chunked reads with
 * a bounded number of syncs, payload errors, null values, dates and error cells, the report written in one
 * batch without touching the ledger, text that never becomes a formula, settings, names, sheets and formulas.
 */
import { evaluate } from "../src";
import { readableParts, readWorkbook, selectionBook, selectionName } from "../src/workbook";
import { FIELD_HEADERS, LEDGER_FIELDS } from "../src/workbook/ledger";
import { loadLedger } from "../taskpane/app/model/load";
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

describe("Office adapter: reading (the Book readWorkbook reads)", () => {
  it("reads a 100.000-row table in at most 14 syncs, with progress, dates and error cells", async () => {
    const x = install({ sheets: [ledgerSheet(100_000)] });
    const progress: number[] = [];
    const t0 = Date.now();
    const read = await readWorkbook(officeWorkbook().book(), { onProgress: (p) => progress.push(p.rowsRead), validate: false });
    // the outline (2), the rows in chunks of 10.000–20.000 (9), the label area for the year (1)
    expect(x.syncs()).toBeLessThanOrEqual(14);
    const g = read.ledger;
    expect(g.rows.length).toBe(100_000);
    expect(g.headers).toEqual(HEADERS);
    expect(g).toMatchObject({ sheet: "Staat", source: "tabel Investeringen", table: "Investeringen", firstRow: 4, firstColumn: 1 });
    expect(progress[progress.length - 1]).toBe(100_000);
    expect(g.rows[0][0]).toBe("A1");
    expect(g.rows[7][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(g.rows[25_007][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(g.rows[8][AMOUNT_COL]).toBe(1008);
    expect(g.rows[99_999][0]).toBe("A100000");
    // the numbers of the date column are dates (the ledger reads them so, by the workbook's date system)
    expect(read.scenario.investments[0]).toMatchObject({ date: "2025-01-01" });
    expect(read.year).toEqual({ from: "dates", year: 2025, dated: 100_000 - 4, investments: 100_000 - 4 });
    expect(read.scenario.investments.length).toBe(100_000 - 4);
    expect(read.leftOut.map((p) => `${p.row}${p.column}`)).toEqual(["11E", "25011E", "50011E", "75011E"]);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("a payload error halves the chunk and still reads everything", async () => {
    const x = install({ sheets: [ledgerSheet(3000)], payloadCells: 8000 });
    const g = (await readWorkbook(officeWorkbook().book(), { validate: false })).ledger;
    expect(g.rows.length).toBe(3000);
    expect(g.rows.map((r) => r[0])).toEqual(Array.from({ length: 3000 }, (_, i) => `A${i + 1}`));
    // 3000 x 14 cells do not fit in 8000: several failed requests, then chunks of at most 8000 cells
    expect(x.syncs()).toBeGreaterThan(Math.ceil((3000 * 14) / 8000));
  });

  it("values === null is an error with a Dutch message, never an empty ledger", async () => {
    install({ sheets: [ledgerSheet(100, { nullValues: true })] });
    await expect(readWorkbook(officeWorkbook().book())).rejects.toThrow(/Excel gaf geen waarden terug voor rijen 4–103 van blad Staat/);
  });

  it("the selection is a Book view: its used part read as the ledger (empty rows at the end dropped)", async () => {
    install({ sheets: [ledgerSheet(50)] });
    const wb = officeWorkbook();
    const place = await wb.selection!();
    expect(place).toEqual({ sheet: "Staat", top: 3, bottom: 58, left: 1, right: 14 });
    const read = await readWorkbook(selectionBook(wb.book(), place), { ledger: { table: selectionName(place) }, validate: false });
    expect(read.ledger.source).toBe("selectie B3:O58");
    expect(read.ledger.rows.length).toBe(50);
    expect(read.ledger.firstRow).toBe(4);
    expect(read.ledger.rows[7][AMOUNT_COL]).toEqual({ error: "#N/A" });
    expect(read.scenario.investments[0]).toMatchObject({ date: "2025-01-01" });
  });

  it("readableParts lists every table with its sheet, the ledger marked", async () => {
    const other: SheetModel = {
      name: "Vennoten",
      block: { r0: 0, c0: 0, rows: [["Naam", "Winstaandeel"], ["A", 50], ["B", 50]] },
      tables: [{ name: "Vennoten", headerRow: 0, column: 0, rows: 2, columns: 2 }],
    };
    install({ sheets: [ledgerSheet(20), other] });
    expect(await readableParts(officeWorkbook().book())).toEqual([
      { name: "Investeringen", sheet: "Staat", table: true, ledger: true },
      { name: "Vennoten", sheet: "Vennoten", table: true, ledger: false },
    ]);
  });
});

describe("Office adapter: writing the report", () => {
  async function readAndReport(x: ReturnType<typeof fakeExcel>) {
    const wb = officeWorkbook();
    // as the pane loads a ledger: the places read are given to the adapter
    const done = await loadLedger(wb, {}, { guess: 2025, culture: () => wb.culture() });
    const read = await readWorkbook(wb.book(), { year: 2025 });
    const scenario = { year: 2025, investments: read.scenario.investments as never[] };
    const sheet = reportSheet(evaluate(scenario), { lang: "nl", version: "0.1.0", date: "2025-06-01", ledgerSource: done.source.name, scenario });
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
    // the register below the report (src/register: one row per asset, 26 columns of text) in blocks of its own
    const register = sheet.tables![0];
    const ofRegister = (w: { path: string }) => w.path.includes(`x${register.rows[0].length})`);
    const blocks = x.writes.filter((w) => w.path.endsWith(".values") && !ofRegister(w));
    const registerBlocks = x.writes.filter((w) => w.path.endsWith(".values") && ofRegister(w));
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.reduce((n, w) => n + (w.value as unknown[][]).length, 0)).toBe(sheet.rows.length);
    expect(registerBlocks.reduce((n, w) => n + (w.value as unknown[][]).length, 0)).toBe(register.rows.length);
    expect(x.writes.filter((w) => ofRegister(w) && w.path.endsWith(".numberFormat")).every((w) => (w.value as string[][]).flat().every((f) => f === "@"))).toBe(true);
    expect(x.calls.filter((c) => c.method === "tables.add").map((c) => c.args)).toEqual([[`A${register.row + 1}:Z${register.row + register.rows.length}`, true]]);
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
    for (const w of x.writes.filter((w) => w.path.endsWith(".values") && w.path.includes("x7)"))) {
      const m = /^range\((\d+),0,(\d+)x/.exec(w.path)!;
      for (let r = Number(m[1]); r < Number(m[1]) + Number(m[2]); r++) covered[r] = true;
    }
    expect(covered.every(Boolean)).toBe(true);
    // more value writes than blocks: the refused block went again as two halves
    expect(x.writes.filter((w) => w.path.endsWith(".values") && w.path.includes("x7)")).length).toBeGreaterThan(Math.ceil((sheet.rows.length * sheet.columnWidths.length) / 10_000) + 1);
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
    await loadLedger(wb, { table: "Investeringen" }, { guess: 2025, culture: () => wb.culture() });
    await expect(wb.writeFormulas("Staat", [{ address: "E5", formula: "=KIA.AMOUNT(1,2025)" }])).rejects.toThrow(/hoort bij de ingelezen staat/);
    x.writes.length = 0;
    await wb.writeFormulas("Berekening", [{ address: "B2", formula: "=KIA.AMOUNT(A2,2025)" }]);
    expect(x.writes).toEqual([{ sheet: "Berekening", path: "range(1,1,1x1).formulas", value: [["=KIA.AMOUNT(A2,2025)"]] }]);
  });

  it("the selection's header row is found under a title by the core's rule (as kia-calc finds a sheet's)", async () => {
    const sheet: SheetModel = {
      name: "Staat",
      block: { r0: 0, c0: 0, rows: [["Staat van investeringen klant X", "", ""], ["", "", ""], ["Categorie", "Bedrag", "Datum"], ["machine", 1000, 45658], ["inventaris", 500, 45700]] },
      dateColumns: new Set([2]),
      tables: [{ name: "Staat", headerRow: 0, column: 0, rows: 4, columns: 3 }],
    };
    install({ sheets: [sheet] });
    const wb = officeWorkbook();
    const done = await loadLedger(wb, { selection: true }, { guess: 2024, culture: () => wb.culture() });
    expect(done.source).toMatchObject({ kind: "selection", name: "selectie A1:C10" }); // the fake selects A1:C10
    expect(done.grid).toMatchObject({ headers: ["Categorie", "Bedrag", "Datum"], firstRow: 4, firstColumn: 0 });
    expect(done.grid.rows).toEqual([
      ["machine", 1000, 45658],
      ["inventaris", 500, 45700],
    ]);
    expect(done.yearFound).toEqual({ from: "dates", year: 2025, dated: 2, investments: 2 });
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
