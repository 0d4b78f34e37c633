/** The file-backed workbook of the standalone page: .xlsx and .csv in, the report as a downloaded .xlsx out. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import JSZip from "jszip";
import { evaluate } from "../src";
import { mapHeaders, readLedger, readPartners } from "../src/workbook/ledger";
import { DATE, EURO, EURO_EXACT, reportSheet } from "../taskpane/report-sheet";
import { csvTable, decodeText, detectDelimiter, parseCsv } from "../src/workbook/csv";
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

describe("file workbook: .xlsx", () => {
  it("lists Excel tables and sheets without tables as used ranges", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    expect(wb.kind).toBe("file");
    const tables = await wb.listTables();
    expect(tables).toEqual([
      { name: "Investeringen", sheet: "Staat", rowCount: 5, headers: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum", "In gebruik"] },
      { name: "Los", sheet: "Los", rowCount: 5, headers: ["Nummer", "Bedrag", "Kolom 3", "Kolom 4", "Kolom 5"] },
    ]);
  });

  it("reads headers, numbers, Dutch text amounts, dates, error cells and empty rows; the ledger reads them", async () => {
    const bytes = await ledgerXlsx();
    const copy = bytes.slice();
    const wb = await openFileWorkbook(fileOf("staat.xlsx", bytes));
    const progress: number[] = [];
    const g = await wb.readTable("Investeringen", (p) => progress.push(p.rowsRead));
    expect(progress[progress.length - 1]).toBe(5);
    expect(g).toMatchObject({ sheet: "Staat", firstRow: 4, firstColumn: 0 });
    expect(g.source).toContain("Investeringen");
    expect(g.rows[0]).toEqual(["M1", "Draaibank", "machine", 60000, { date: "2025-03-31" }, "ja"]);
    expect(g.rows[1]).toEqual(["M2", "Pers", "Machines en installaties", "€ 1.234,56", { date: "2025-06-01" }, "nee"]);
    expect(g.rows[2]).toEqual([null, null, null, null, null, null]);
    expect(g.rows[3]).toEqual(["M3", '=HYPERLINK("http://example.invalid","klik")', "inventaris", { error: "#N/A" }, null, null]);
    expect(g.rows[4]).toEqual(["M4", "<b>html</b>", "computer", "2.500", null, true]);
    const read = readLedger(g.rows, mapHeaders(g.headers).mapping, g);
    expect(read.investments.map((i) => [i.id, i.amount])).toEqual([
      ["M1", "60000"],
      ["M2", "1234.56"],
      ["M4", "2500"],
    ]);
    expect(read.investments[0].date).toBe("2025-03-31");
    expect(read.skipped).toBe(1);
    expect(read.problems).toEqual([expect.objectContaining({ row: 7, columnLetter: "D", field: "amount" })]);
    expect(read.problems[0].message).toMatch(/#N\/B/);
    expect(bytes).toEqual(copy); // the user's file is only read
  });

  it("reads a sheet's used range (formula results), and finds a labelled value", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    const g = await wb.readTable("Los");
    expect(g).toMatchObject({ firstRow: 4, firstColumn: 1 });
    expect(g.rows[0].slice(0, 2)).toEqual(["X1", 12.5]);
    expect(g.rows[2].slice(0, 2)).toEqual(["X2", 25]);
    expect(await wb.findLabel!("verdeelsleutel")).toEqual({ sheet: "Los", row: 8, column: 5, value: "winst" });
    expect(await wb.findLabel!("bestaat niet")).toBeUndefined();
  });

  it("a sheet without tables with a partners list: from its header row (under a title) to the row with the key below it", async () => {
    const ex = new ExcelJS.Workbook();
    const ws = ex.addWorksheet("Vennoten");
    ws.getCell("A1").value = "Vennoten VOF De Korrel";
    [["Naam", "Winstaandeel"], ["Jansen", 0.6], ["De Vries", 0.4], ["Verdeelsleutel", "winst"], ["Gezamenlijk verzoek", "ja"]].forEach((r, i) =>
      r.forEach((v, j) => (ws.getCell(3 + i, 2 + j).value = v)),
    );
    ws.getCell("F4").value = "opmerking buiten de lijst";
    const wb = await openFileWorkbook(fileOf("vof.xlsx", new Uint8Array((await ex.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(await wb.listTables()).toEqual([{ name: "Vennoten", sheet: "Vennoten", rowCount: 2, headers: ["Naam", "Winstaandeel"] }]);
    const g = await wb.readTable("Vennoten");
    expect(g).toMatchObject({ sheet: "Vennoten", source: "blad Vennoten in vof.xlsx", firstRow: 4, firstColumn: 1, rows: [["Jansen", 0.6], ["De Vries", 0.4]] });
    const read = readPartners(g.headers, g.rows, g);
    expect(read.items).toEqual([{ name: "Jansen", profit: "60" }, { name: "De Vries", profit: "40" }]); // 60 % in Excel is 60 %
    expect(read.problems).toEqual([]);
  });

  it("an unknown table, an old .xls and another file type give Dutch messages", async () => {
    const wb = await openFileWorkbook(fileOf("staat.xlsx", await ledgerXlsx()));
    await expect(wb.readTable("Nergens")).rejects.toThrow(/staat niet in staat\.xlsx/);
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
    const text = '\uFEFFNummer;Omschrijving;Categorie;Bedrag;Datum\r\nM1;"Pers; groot";machine;"€ 1.234,56";31-03-2025\r\nM2;"Regel 1\r\nregel 2 met ""aanhalingstekens""";machine;60.000;\r\n;;;;\r\n"=1+1";@SUM;machine;-5;\r\n\r\n';
    const wb = await openFileWorkbook(fileOf("staat.csv", text));
    const [t] = await wb.listTables();
    expect(t).toEqual({ name: "staat.csv", sheet: "staat.csv", rowCount: 4, headers: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum"] });
    const g = await wb.readTable("staat.csv");
    expect(g.rows).toEqual([
      ["M1", "Pers; groot", "machine", "€ 1.234,56", "31-03-2025"],
      ["M2", 'Regel 1\r\nregel 2 met "aanhalingstekens"', "machine", "60.000", null],
      [null, null, null, null, null],
      ["=1+1", "@SUM", "machine", "-5", null],
    ]);
    const read = readLedger(g.rows, mapHeaders(g.headers).mapping, g);
    expect(read.investments.map((i) => i.amount)).toEqual(["1234.56", "60000"]);
    expect(read.investments[0].date).toBe("2025-03-31");
    // -5 is not counted: a negative row without an asset beside it is a question (rows count records, as Excel shows them)
    expect(read.problems).toEqual([]);
    expect(read.open).toEqual([expect.objectContaining({ row: 5, kind: "credit", amount: "-5" })]);
  });

  it("commas, tabs, and Windows-1252 bytes (Dutch Excel's CSV) with the euro sign", async () => {
    expect(detectDelimiter('a,b,"c;d"\n1,2,3')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a;b,c;d")).toBe(";");
    expect(parseCsv('Nummer,Bedrag\nM1,"1.234,56"\nM2,1234.5').rows).toEqual([["Nummer", "Bedrag"], ["M1", "1.234,56"], ["M2", "1234.5"]]);
    const cp1252 = new Uint8Array([0x42, 0x65, 0x64, 0x72, 0x61, 0x67, 0x0a, 0x80, 0x20, 0x35, 0x30, 0x30, 0x2c, 0x35, 0x30]); // "Bedrag\n€ 500,50"
    expect(decodeText(cp1252)).toBe("Bedrag\n€ 500,50");
    const wb = await openFileWorkbook(fileOf("ansi.csv", cp1252));
    expect((await wb.readTable("ansi.csv")).rows).toEqual([["€ 500,50"]]);
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
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === "string") expect(`${c.address}: ${c.value}`).not.toMatch(/: -?\d+(\.\d+)?$|: \d{4}-\d{2}-\d{2}$/);
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
    await expect(m.readSelection()).rejects.toThrow(/geen selectie/);
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
      ws.eachRow({ includeEmpty: true }, (row, r) => rows.push([r, JSON.stringify(row.values), ...((row.values as unknown[]) ?? []).map((_, c) => row.getCell(c || 1).numFmt ?? null)]));
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
      const g = await wb.readTable(name.endsWith(".csv") ? name : "Investeringen");
      expect(g.headers).toEqual(sample.SAMPLE_HEADERS);
      const read = readLedger(g.rows, mapHeaders(g.headers).mapping, g);
      expect(read.investments.length + sample.SAMPLE_PROBLEM_IDS.length).toBe(sample.SAMPLE_ROWS.length);
      const problemRows = read.problems.map((p) => g.rows[p.row - g.firstRow][0]);
      expect(problemRows).toEqual(sample.SAMPLE_PROBLEM_IDS);
      const descriptions = read.investments.map((i) => i.description);
      expect(descriptions).toContain('=HYPERLINK("https://voorbeeld.invalid";"archiefkast")');
      expect(descriptions).toContain("Bureau <b>html</b>");
      let partnership;
      if (name.endsWith(".xlsx")) {
        const p = await wb.readTable("Vennoten");
        const partners = readPartners(p.headers, p.rows, p);
        expect(partners.problems).toEqual([]);
        expect(partners.items.length).toBe(3);
        const key = await wb.findLabel!("Verdeelsleutel");
        expect(key?.value).toBe("winst");
        partnership = { key: String(key!.value), partners: partners.items as never };
      }
      const r = evaluate({ year: sample.SAMPLE_YEAR, investments: read.investments, partnership });
      const counted = Object.fromEntries(r.assets.map((a) => [a.id, a.counted]));
      expect(counted).toMatchObject({ "INV-04": false, "INV-05": false, "INV-06": false, "INV-09": false, "INV-03": true, "INV-07": true });
      expect(r.calamity?.applied).toBe(true);
      expect(Number(r.carriedForward)).toBeGreaterThan(0);
      if (partnership) expect(r.partners!.map((p) => p.name)).toEqual(["Jansen", "De Vries", "Bakker Holding B.V."]);
    }
  });
});
