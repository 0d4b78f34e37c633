/** The file-backed workbook of the standalone page: .xlsx and .csv in, the report as a downloaded .xlsx out. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import JSZip from "jszip";
import { evaluate } from "../src";
import { readableParts, readWorkbook } from "../src/workbook";
import { DATE, EURO, EURO_EXACT, reportSheet } from "../taskpane/report-sheet";
import { csvTable, decodeText, detectDelimiter, parseCsv } from "../src/workbook/csv";
import { loadLedger } from "../taskpane/app/model/load";
import { ONLY_IN_EXCEL, openFileWorkbook, UnreadableFileError } from "../taskpane/workbook/file";
import * as sample from "../scripts/sample-ledger";

function fileOf(name: string, bytes: Uint8Array | ArrayBuffer | string) {
  const buf = typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes as ArrayBuffer);
  return { name, arrayBuffer: async () => new Uint8Array(buf).buffer as ArrayBuffer };
}

async function ledgerXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Staat");
  ws.getCell("A1").value = "Staat van investeringen 2025";
  ws.addTable({
    name: "Investeringen",
    ref: "A3",
    headerRow: true,
    columns: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum", "In gebruik"].map((name) => ({ name })),
    rows: [
      ["M1", "Draaibank", "machine", 60000, new Date(Date.UTC(2025, 2, 31)), "ja"],
      ["M2", "Pers", "Machines en installaties", "€ 1.234,56", new Date(Date.UTC(2025, 5, 1)), "nee"],
      [null, null, null, null, null, null],
      ["M3", '=HYPERLINK("http://example.invalid","klik")', "inventaris", { error: "#N/A" } as unknown as ExcelJS.CellValue, null, null],
      ["M4", "<b>html</b>", "computer", "2.500", null, true],
    ],
  });
  for (let r = 4; r <= 8; r++) ws.getCell(`E${r}`).numFmt = "dd-mm-yyyy";
  const loose = wb.addWorksheet("Los");
  loose.getCell("B3").value = "Nummer";
  loose.getCell("C3").value = "Bedrag";
  loose.getCell("B4").value = "X1";
  loose.getCell("C4").value = 12.5;
  loose.getCell("B6").value = "X2";
  loose.getCell("C6").value = { formula: "C4*2", result: 25 } as ExcelJS.CellValue;
  loose.getCell("E8").value = "Verdeelsleutel";
  loose.getCell("F8").value = "winst";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const NL = { locale: "nl-NL", decimalSeparator: ",", thousandsSeparator: ".", language: "nl" as const };

describe("file workbook: .xlsx (the Book readWorkbook reads, as kia-calc)", () => {
  it("lists Excel tables and sheets with a header row, the ledger marked", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    expect(wb.kind).toBe("file");
    expect(await readableParts(wb.book())).toEqual([
      { name: "Investeringen", sheet: "Staat", table: true, ledger: true },
      { name: "Los", sheet: "Los", table: false, ledger: false },
    ]);
  });

  it("a sheet with a partners list beside its ledger is listed once (trial-16)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Activa").addRows([
      ["Omschrijving", "Categorie", "Aanschafdatum", "Aanschafwaarde", null, "Vennoot", "Winstaandeel"],
      ["Behandelstoel", "Inventaris", "10-01-2025", 14500, null, "A. de Vries", "60%"],
    ]);
    const file = await openFileWorkbook(fileOf("naast.xlsx", new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(await readableParts(file.book())).toEqual([{ name: "Activa", sheet: "Activa", table: false, ledger: true }]);
    const read = await readWorkbook(file.book(), { year: 2025 });
    expect(read.partners).toMatchObject({ sheet: "Activa", headers: ["Vennoot", "Winstaandeel"], firstColumn: 5 });
  });

  it("reads headers, numbers, Dutch text amounts, dates, error cells and empty rows", async () => {
    const bytes = await ledgerXlsx();
    const copy = bytes.slice();
    const wb = await openFileWorkbook(fileOf("staat.xlsx", bytes));
    const progress: number[] = [];
    const read = await readWorkbook(wb.book(), { onProgress: (p) => progress.push(p.rowsRead) });
    expect(progress[progress.length - 1]).toBe(5);
    expect(read.ledger).toMatchObject({ sheet: "Staat", source: "tabel Investeringen", firstRow: 4, firstColumn: 0 });
    expect(read.ledger.rows[3]).toEqual(["M3", '=HYPERLINK("http://example.invalid","klik")', "inventaris", { error: "#N/A" }, null, null]);
    expect(read.scenario.investments.map((i) => [(i as { id: string }).id, (i as { amount: string }).amount])).toEqual([
      ["M1", "60000"],
      ["M2", "1234.56"],
      ["M4", "2500"],
    ]);
    expect(read.scenario.investments[0]).toMatchObject({ date: "2025-03-31" });
    expect(read.year).toMatchObject({ from: "title", year: 2025, at: "Staat!A1" });
    expect(read.leftOut).toEqual([expect.objectContaining({ sheet: "Staat", row: 7, column: "D", field: "amount", id: "M3", code: "UNREADABLE" })]);
    expect(read.leftOut[0].reason).toMatch(/#N\/B/);
    expect(bytes).toEqual(copy); // the user's file is only read
  });

  it("a sheet without tables by its header row (formula results); the pane reads it when it is chosen", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    const done = await loadLedger(wb, { table: "Los" }, { guess: 2025, culture: async () => NL, fileName: "staat.xlsx" });
    expect(done.source).toEqual({ kind: "file", name: "blad Los", table: "Los", fileName: "staat.xlsx" });
    expect(done.grid).toMatchObject({ firstRow: 4, firstColumn: 1 });
    expect(done.grid.rows.map((r) => r.slice(0, 2))).toEqual([
      ["X1", 12.5],
      [null, null],
      ["X2", 25],
    ]);
  });

  it("a sheet without tables with a partners list: from its header row (under a title) to the row with the key below it", async () => {
    const ex = new ExcelJS.Workbook();
    const ledger = ex.addWorksheet("Staat");
    [
      ["Categorie", "Bedrag", "Datum"],
      ["machine", 5000, new Date(Date.UTC(2025, 1, 1))],
    ].forEach((r, i) => r.forEach((v, j) => (ledger.getCell(1 + i, 1 + j).value = v)));
    const ws = ex.addWorksheet("Vennoten");
    ws.getCell("A1").value = "Vennoten VOF De Korrel";
    [
      ["Naam", "Winstaandeel"],
      ["Jansen", 0.6],
      ["De Vries", 0.4],
      ["Verdeelsleutel", "winst"],
      ["Gezamenlijk verzoek", "ja"],
    ].forEach((r, i) => r.forEach((v, j) => (ws.getCell(3 + i, 2 + j).value = v)));
    ws.getCell("F4").value = "opmerking buiten de lijst";
    const wb = await openFileWorkbook(fileOf("vof.xlsx", new Uint8Array((await ex.xlsx.writeBuffer()) as ArrayBuffer)));
    const read = await readWorkbook(wb.book());
    expect(read.partners).toMatchObject({
      sheet: "Vennoten",
      source: "blad Vennoten",
      firstRow: 4,
      firstColumn: 1,
      rows: [
        ["Jansen", 0.6],
        ["De Vries", 0.4],
      ],
    });
    // 60 % in Excel is 60 %
    expect(read.scenario.partnership).toEqual({
      partners: [
        { name: "Jansen", profit: "60" },
        { name: "De Vries", profit: "40" },
      ],
      key: "winst",
      jointRequest: true,
    });
    const done = await loadLedger(wb, {}, { guess: 2025, culture: async () => NL, fileName: "vof.xlsx" });
    expect(done.partnersRead).toEqual({ table: "Vennoten", count: 2, key: "profit", jointRequest: "yes", problems: [] });
    expect(done.partnership?.partners.map((p) => [p.name, p.profit])).toEqual([
      ["Jansen", "60"],
      ["De Vries", "40"],
    ]);
  });

  it("an unknown table, an old .xls and another file type give Dutch messages", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    await expect(loadLedger(wb, { table: "Nergens" }, { guess: 2025, culture: async () => NL })).rejects.toThrow(
      'tabel of blad "Nergens" staat niet in de werkmap',
    );
    await expect(openFileWorkbook(fileOf("oud.xls", "x"))).rejects.toThrow(/oud Excel-bestand/);
    await expect(openFileWorkbook(fileOf("foto.png", "x"))).rejects.toThrow(/geen \.xlsx- of \.csv-bestand/);
    // a damaged .xlsx: the pane's own words, never jszip's "Can't find end of central directory"
    const damaged = openFileWorkbook(fileOf("kapot.xlsx", "geen zip"));
    await expect(damaged).rejects.toThrow("kapot.xlsx is geen leesbare Excel-werkmap (.xlsx) of CSV-bestand.");
    await expect(damaged).rejects.toBeInstanceOf(UnreadableFileError);
    await expect(damaged).rejects.toMatchObject({ code: "UNREADABLE_FILE", fileName: "kapot.xlsx" });
    await expect(damaged).rejects.not.toThrow(/central directory/i);
    const truncated = (await ledgerXlsx()).slice(0, 300);
    await expect(openFileWorkbook(fileOf("afgebroken.xlsx", truncated))).rejects.toThrow(/^afgebroken\.xlsx is geen leesbare Excel-werkmap/);
  });
});

describe("file workbook: .csv", () => {
  it("semicolons, BOM, quotes with delimiters, line breaks and doubled quotes, Dutch numbers stay text", async () => {
    const text =
      '\uFEFFNummer;Omschrijving;Categorie;Bedrag;Datum\r\nM1;"Pers; groot";machine;"€ 1.234,56";31-03-2025\r\nM2;"Regel 1\r\nregel 2 met ""aanhalingstekens""";machine;60.000;\r\n;;;;\r\n"=1+1";@SUM;machine;-5;\r\n\r\n';
    const wb = await openFileWorkbook(fileOf("staat.csv", text));
    expect(await readableParts(wb.book())).toEqual([{ name: "staat.csv", sheet: "staat.csv", table: false, ledger: true }]);
    const read = await readWorkbook(wb.book(), { year: 2025 });
    const g = read.ledger;
    expect(g.headers).toEqual(["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum"]);
    expect(g.rows).toEqual([
      ["M1", "Pers; groot", "machine", "€ 1.234,56", "31-03-2025"],
      ["M2", 'Regel 1\r\nregel 2 met "aanhalingstekens"', "machine", "60.000", null],
      [null, null, null, null, null],
      ["=1+1", "@SUM", "machine", "-5", null],
    ]);
    expect(read.scenario.investments.map((i) => (i as { amount: string }).amount)).toEqual(["1234.56", "60000"]);
    expect(read.scenario.investments[0]).toMatchObject({ date: "2025-03-31" });
    // -5 is not counted: a negative row without an asset beside it is a question (rows count records, as Excel shows them)
    expect(read.leftOut).toEqual([]);
    expect(read.open).toEqual([expect.objectContaining({ row: 5, kind: "credit", amount: "-5" })]);
  });

  it("commas, tabs, and Windows-1252 bytes (Dutch Excel's CSV) with the euro sign", async () => {
    expect(detectDelimiter('a,b,"c;d"\n1,2,3')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a;b,c;d")).toBe(";");
    expect(parseCsv('Nummer,Bedrag\nM1,"1.234,56"\nM2,1234.5').rows).toEqual([
      ["Nummer", "Bedrag"],
      ["M1", "1.234,56"],
      ["M2", "1234.5"],
    ]);
    const cp1252 = new Uint8Array([0x42, 0x65, 0x64, 0x72, 0x61, 0x67, 0x0a, 0x80, 0x20, 0x35, 0x30, 0x30, 0x2c, 0x35, 0x30]); // "Bedrag\n€ 500,50"
    expect(decodeText(cp1252)).toBe("Bedrag\n€ 500,50");
    const wb = await openFileWorkbook(fileOf("ansi.csv", cp1252));
    expect(await wb.book().rows("ansi.csv", 1, 2, 0, 0)).toEqual([["Bedrag"], ["€ 500,50"]]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("a;b").flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(csvTable(parseCsv(decodeText(utf16))).headers).toEqual(["a", "b"]);
  });
});

describe("file workbook: the report and what only Excel can do", () => {
  const scenario = {
    year: 2025,
    investments: [
      { id: "M1", description: '=HYPERLINK("http://example.invalid","klik")', category: "machine", amount: "25000.125" },
      { id: "M2", description: "+31 20 1234567", category: "machine", amount: 10000 },
      { id: "M3", description: "-korting", category: "machine", amount: 5000 },
      { id: "M4", description: "@kantoor", category: "inventaris", amount: 3000 },
    ],
  };
  const report = evaluate(scenario);
  const sheet = reportSheet(report, { lang: "nl", version: "0.1.0", date: "2025-06-01", ledgerSource: "staat.csv", scenario });

  it("writeReport downloads an .xlsx: sheet name, numbers, euro formats, text that stays text, a native chart", async () => {
    const downloads: { name: string; bytes: Uint8Array }[] = [];
    const wb = await openFileWorkbook(fileOf("staat.csv", "Nummer;Bedrag\nM1;1"), { onDownload: (name, bytes) => void downloads.push({ name, bytes }) });
    expect(await wb.hasSheet(sheet.name)).toBe(false);
    // the adapter names the file it saved, so the pane can say which
    expect(await wb.writeReport(sheet)).toEqual({ fileName: "staat - KIA-rapport 2025.xlsx" });
    expect(downloads.map((d) => d.name)).toEqual(["staat - KIA-rapport 2025.xlsx"]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(downloads[0].bytes as unknown as ArrayBuffer);
    const ws = back.getWorksheet("KIA-rapport 2025")!;
    expect(ws).toBeDefined();
    const find = (v: unknown) => {
      let at: ExcelJS.Cell | undefined;
      ws.eachRow((row) => row.eachCell((c) => void (at ??= c.value === v ? c : undefined)));
      return at;
    };
    // the summary's label in column A (the partners' and the curve's headers say "KIA" too, in other columns)
    let kiaLabel: ExcelJS.Cell | undefined;
    ws.eachRow((row) => void (kiaLabel ??= row.getCell(1).value === "KIA" ? row.getCell(1) : undefined));
    kiaLabel = kiaLabel!;
    // the amount stands in column D (the report builder's layout, src/report-sheet/build.ts)
    const kiaCell = ws.getRow(Number(kiaLabel.row)).getCell(4);
    expect(kiaCell.value).toBe(Number(report.kia));
    expect(kiaCell.numFmt).toBe(EURO);
    const m1 = find("M1")!;
    // per asset: number, description, date, category, group, amount (src/report-sheet/build.ts assetCols)
    const amount = ws.getRow(Number(m1.row)).getCell(6);
    expect(amount.value).toBe(25000.125);
    expect(amount.numFmt).toMatch(/^"€" #,##0\.00/);
    // the report's date in the client block: a real date, shown as dd-mm-jjjj (issue 16)
    let dateCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => void (dateCell ??= row.getCell(1).value === "Datum" ? row.getCell(3) : undefined));
    expect(dateCell!.value).toEqual(new Date(Date.UTC(2025, 5, 1)));
    expect(dateCell!.numFmt).toBe("dd-mm-yyyy");
    // the year's register below the report (src/register): exact amounts as text, formatted as text; above it no
    // text that looks like a number or a date
    let registerRow = Infinity;
    ws.eachRow((row) => void (String(row.getCell(1).value).startsWith("Register 2025") && (registerRow = Math.min(registerRow, row.number))));
    expect(registerRow).toBeLessThan(Infinity);
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (row.number >= registerRow + 2) expect([typeof c.value, c.numFmt]).toEqual(["string", "@"]);
        else if (typeof c.value === "string") expect(`${c.address}: ${c.value}`).not.toMatch(/: -?\d+(\.\d+)?$|: \d{4}-\d{2}-\d{2}$/);
      }),
    );
    for (const text of ['=HYPERLINK("http://example.invalid","klik")', "+31 20 1234567", "-korting", "@kantoor"]) {
      const c = find(text)!;
      expect(c).toBeDefined();
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      expect(c.numFmt).toBe("@");
    }
    const zip = await JSZip.loadAsync(downloads[0].bytes);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toMatch(/<f>|<f /); // no formula anywhere in the report
    expect(xml).toContain('<drawing r:id="rIdKiaChart"/>');
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:scatterChart>");
    expect(chart).toMatch(/'KIA-rapport 2025'!\$[A-Z]\$\d+:\$[A-Z]\$\d+/); // the curve's cells on the report sheet
    expect(chart).toContain("uw totaal");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("/xl/charts/chart1.xml");
  });

  it("settings in local storage when there is one, else in memory; names, sheets and formulas are refused in Dutch", async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const a = await openFileWorkbook(fileOf("a.csv", "x"), { storage });
    await a.saveSetting("mapping", { amount: 3 });
    expect(store.get("kia-addin:mapping")).toBe('{"amount":3}');
    const b = await openFileWorkbook(fileOf("b.csv", "x"), { storage });
    expect(await b.loadSetting("mapping")).toEqual({ amount: 3 });
    const m = await openFileWorkbook(fileOf("c.csv", "x"), { storage: null });
    expect(await m.loadSetting("mapping")).toBeUndefined();
    await m.saveSetting("mapping", { amount: 1 });
    expect(await m.loadSetting("mapping")).toEqual({ amount: 1 });
    await expect(m.setName("KIA", "=LAMBDA(x,x)")).rejects.toThrow(ONLY_IN_EXCEL);
    await expect(m.insertSheets("AAAA")).rejects.toThrow(/Dit kan alleen in Excel; in de losse browsermodus/);
    await expect(m.writeFormulas("Blad1", [{ address: "A1", formula: "=1" }])).rejects.toThrow(/alleen in Excel/);
    expect(m.selection).toBeUndefined();
    await expect(m.selectCell("x", 1, 0)).resolves.toBeUndefined();
    const culture = await m.culture();
    expect(["nl", "en"]).toContain(culture.language);
  });
});

describe("the sample ledger (examples/)", () => {
  async function cellsOf(bytes: Uint8Array) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => {
      const rows: unknown[] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        rows.push([r, JSON.stringify(row.values), ...((row.values as unknown[]) ?? []).map((_, c) => row.getCell(c || 1).numFmt ?? null)]),
      );
      return { name: ws.name, tables: ws.getTables().map((t) => JSON.stringify((t as unknown as { table: unknown }).table)), rows };
    });
  }

  it("the committed files are what scripts/sample-ledger.ts makes (run it after changing it)", async () => {
    const committed = new Uint8Array(readFileSync(sample.SAMPLE_XLSX));
    expect(await cellsOf(committed)).toEqual(await cellsOf(await sample.sampleXlsx()));
    expect(readFileSync(sample.SAMPLE_CSV, "utf8")).toBe(sample.sampleCsv());
  });

  it("every row reads without problems except the ones put there on purpose; partners and key read; it evaluates", async () => {
    for (const f of [sample.SAMPLE_XLSX, sample.SAMPLE_CSV]) {
      const name = f.replace(/^.*\//, "");
      const wb = await openFileWorkbook(fileOf(name, new Uint8Array(readFileSync(f))));
      const read = await readWorkbook(wb.book(), { year: sample.SAMPLE_YEAR });
      const g = read.ledger;
      expect(g.headers).toEqual(sample.SAMPLE_HEADERS);
      expect(read.scenario.investments.length + sample.SAMPLE_PROBLEM_IDS.length).toBe(sample.SAMPLE_ROWS.length);
      expect(read.leftOut.map((p) => g.rows[p.row - g.firstRow][0])).toEqual(sample.SAMPLE_PROBLEM_IDS);
      const descriptions = read.scenario.investments.map((i) => (i as { description?: string }).description);
      expect(descriptions).toContain('=HYPERLINK("https://voorbeeld.invalid";"archiefkast")');
      expect(descriptions).toContain("Bureau <b>html</b>");
      if (name.endsWith(".xlsx"))
        expect(read.scenario.partnership).toMatchObject({
          key: "winst",
          partners: [{ name: "Jansen" }, { name: "De Vries" }, { name: "Bakker Holding B.V." }],
        });
      const r = evaluate(read.scenario);
      const counted = Object.fromEntries(r.assets.map((a) => [a.id, a.counted]));
      expect(counted).toMatchObject({ "INV-04": false, "INV-05": false, "INV-06": false, "INV-09": false, "INV-03": true, "INV-07": true });
      expect(r.calamity?.applied).toBe(true);
      expect(Number(r.carriedForward)).toBeGreaterThan(0);
      if (name.endsWith(".xlsx")) expect(r.partners!.map((p) => p.name)).toEqual(["Jansen", "De Vries", "Bakker Holding B.V."]);
    }
  });
});
