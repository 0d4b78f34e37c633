/**
 * The report .xlsx as src/report-sheet/xlsx.ts writes it straight from the ReportSheet model (issue 17: no exceljs in
 * the writer), read back by exceljs as an independent reader: every value, number format, merge, row height, column
 * width, font, fill, border and alignment the model asks for, the links, the print setup, the register table and the
 * chart part. When the writer was replaced, the old exceljs writer's file and the new one were read back this way for
 * the same sheets and agreed on every cell, style, merge, height, link and setting; the differences were the page
 * break's `max` (16383, Excel's last column, where exceljs wrote 16838) and text that reads as Excel's _xHHHH_ escape
 * (exceljs wrote "_x0041_" as is, which Excel shows as "A").
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { evaluate, type Scenario } from "../src";
import { columnLetter } from "../src/columns";
import { looksLikeFormula, reportSheet, type ReportSheet } from "../src/report-sheet";
import { reportXlsx } from "../src/report-sheet/xlsx";

const scenario: Scenario = {
  year: 2025,
  description: "Jaarrekening 2025",
  investments: [
    { id: "INV-1", description: "CNC-draaibank met toebehoren", category: "machine", amount: 48500, date: "2025-01-15" },
    { id: "INV-2", description: "Bestelauto", category: "bestelauto", amount: 32000, date: "2025-03-31", group: "Auto 1", paid: 2000, inUse: false },
    { id: "INV-3", description: "=Navigatiesysteem", category: "machine", amount: 800, date: "2025-04-02", group: "Auto 1", inUse: false },
    { id: "INV-4", description: "Kantoorstoel", category: "inventaris", amount: 300, date: "2025-05-10" },
    {
      id: "INV-5",
      description: "Keukenapparatuur",
      category: "machine",
      amount: 2400,
      date: "2025-06-01",
      override: { eligible: false, reason: "privé gebruikt in de woning" },
    },
  ],
  partnership: {
    key: "winst",
    partners: [
      { name: "Jansen", profit: 3 },
      { name: "De Vries", profit: 2 },
    ],
  },
};
const sheet = reportSheet(evaluate(scenario), {
  lang: "nl",
  version: "0.1.0",
  date: "2026-03-31",
  ledgerSource: "tabel Investeringen (blad Staat)",
  scenario,
  client: { name: "Bakkerij De Vries & Zn", fiscalNumber: "123456782" },
});

async function read(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => (await zip.file(name)?.async("string")) ?? null;
  return { wb, ws: wb.worksheets[0], zip, part };
}

/** Excel's serial day number as the Date exceljs reads for a date cell */
const dateOf = (serial: number) => new Date(Math.round((serial - 25_569) * 86_400_000));

describe("the report .xlsx written from the model, read back with exceljs", () => {
  let file: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    file = await read(await reportXlsx(sheet, { JSZip }));
  });

  it("has the package's parts, with the creator and the content types", async () => {
    const names = Object.keys(file.zip.files)
      .filter((n) => !file.zip.files[n].dir)
      .sort();
    expect(names).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/charts/chart1.xml",
        "xl/drawings/_rels/drawing1.xml.rels",
        "xl/drawings/drawing1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/tables/table1.xml",
        "xl/theme/theme1.xml",
        "xl/workbook.xml",
        "xl/worksheets/_rels/sheet1.xml.rels",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    expect(file.wb.creator).toBe("KIA-invoegtoepassing");
    const types = (await file.part("[Content_Types].xml"))!;
    for (const part of [
      "/xl/workbook.xml",
      "/xl/worksheets/sheet1.xml",
      "/xl/styles.xml",
      "/xl/sharedStrings.xml",
      "/xl/theme/theme1.xml",
      "/xl/tables/table1.xml",
      "/xl/charts/chart1.xml",
      "/xl/drawings/drawing1.xml",
      "/docProps/core.xml",
      "/docProps/app.xml",
    ])
      expect(types).toContain(`<Override PartName="${part}" `);
    expect(file.ws.name).toBe("KIA-rapport 2025");
  });

  it("every value of the model in its cell: text as text (never a formula), numbers, dates as dates; covered cells empty", async () => {
    const covered = new Set((sheet.merges ?? []).flatMap((m) => Array.from({ length: m.columns - 1 }, (_, i) => `${m.row}:${m.column + i + 1}`)));
    const links = new Map((sheet.links ?? []).map((l) => [`${l.row}:${l.column}`, l.url]));
    let checked = 0;
    sheet.rows.forEach((values, r) =>
      values.forEach((v, c) => {
        const cell = file.ws.getRow(r + 1).getCell(c + 1);
        if (covered.has(`${r}:${c}`) || v === null || v === "") {
          expect([`${r}:${c}`, cell.isMerged && cell.master !== cell ? "merged" : cell.value]).toEqual([
            `${r}:${c}`,
            covered.has(`${r}:${c}`) ? "merged" : null,
          ]);
          return;
        }
        checked++;
        const url = links.get(`${r}:${c}`);
        const expected = url ? { text: v, hyperlink: url } : typeof v === "number" && cell.numFmt && /yyyy/.test(cell.numFmt) ? dateOf(v) : v;
        expect([`${r}:${c}`, cell.value]).toEqual([`${r}:${c}`, expected]);
        if (typeof v === "string" && !url) expect(cell.type).toBe(ExcelJS.ValueType.String);
      }),
    );
    expect(checked).toBeGreaterThan(200);
    const xml = (await file.part("xl/worksheets/sheet1.xml"))!;
    expect(xml).not.toContain("<f>");
    // the formula-like description stays text, with the text format so Excel keeps it text when edited
    const inv3 = sheet.rows.findIndex((row) => row[0] === "INV-3");
    const description = sheet.rows[inv3].findIndex((v) => v === "=Navigatiesysteem");
    expect(file.ws.getRow(inv3 + 1).getCell(description + 1).numFmt).toBe("@");
    expect(file.ws.getRow(inv3 + 1).getCell(description + 1).type).toBe(ExcelJS.ValueType.String);
  });

  it("every format of the model on its cells: number format, bold, heading 13 pt, italic, shade (fill and line), wrap, top, left", async () => {
    for (const f of sheet.formats) {
      const cols = f.column === undefined ? Array.from({ length: Math.max(1, sheet.rows[f.row]?.length ?? 1) }, (_, i) => i) : [f.column];
      for (const c of cols) {
        const cell = file.ws.getRow(f.row + 1).getCell(c + 1);
        const at = `${columnLetter(c)}${f.row + 1} ${JSON.stringify(f.format)}`;
        const v = sheet.rows[f.row]?.[c];
        const isLink = (sheet.links ?? []).some((l) => l.row === f.row && l.column === c);
        const got = {
          at,
          numFmt: f.format.numberFormat ? cell.numFmt : undefined,
          bold: f.format.bold || f.format.heading ? cell.font?.bold : undefined,
          size: f.format.heading && !isLink ? cell.font?.size : undefined,
          italic: f.format.italic ? cell.font?.italic : undefined,
          fill: f.format.shade ? (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb : undefined,
          line: f.format.shade ? cell.border?.bottom : undefined,
          wrap: f.format.wrap ? cell.alignment?.wrapText : undefined,
          top: f.format.wrap || f.format.top ? cell.alignment?.vertical : undefined,
          left: f.format.left ? cell.alignment?.horizontal : undefined,
        };
        expect(got).toEqual({
          at,
          numFmt: f.format.numberFormat ? (typeof v === "string" && looksLikeFormula(v) && !isLink ? "@" : f.format.numberFormat) : undefined,
          bold: f.format.bold || f.format.heading ? true : undefined,
          size: f.format.heading && !isLink ? 13 : undefined,
          italic: f.format.italic ? true : undefined,
          fill: f.format.shade ? "FFF2F2F2" : undefined,
          line: f.format.shade ? { style: "thin", color: { argb: "FFA6A6A6" } } : undefined,
          wrap: f.format.wrap ? true : undefined,
          top: f.format.wrap || f.format.top ? "top" : undefined,
          left: f.format.left ? "left" : undefined,
        });
      }
    }
    // a cell without a format has the default style (Calibri 11, the theme's minor font): not bold, no fill
    const plain = file.ws.getCell("A5");
    expect(plain.value).toBe("Klant");
    expect([plain.font, plain.fill, plain.alignment, plain.numFmt]).toEqual([undefined, undefined, undefined, undefined]);
    expect((await file.part("xl/styles.xml"))!).toContain(
      '<fonts count="5"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    );
    expect(file.ws.getCell("A1").font).toMatchObject({ bold: true, size: 13, name: "Calibri" });
    expect(file.ws.getCell("A2").font).toMatchObject({ italic: true, size: 11 });
  });

  it("the merges, row heights, column widths and links (the link font, underlined 0563C1)", () => {
    const merges = Object.values((file.ws as unknown as { _merges: Record<string, { range: string }> })._merges)
      .map((m) => m.range)
      .sort();
    expect(merges).toEqual((sheet.merges ?? []).map((m) => `${columnLetter(m.column)}${m.row + 1}:${columnLetter(m.column + m.columns - 1)}${m.row + 1}`).sort());
    expect(merges.length).toBeGreaterThan(100);
    // a merged cell's covered cells have its style: the shaded header rows' fill and line run across
    const shaded = sheet.formats.find((f) => f.format.shade && f.column === undefined)!.row;
    const m = sheet.merges!.find((x) => x.row === shaded)!;
    expect(file.ws.getRow(shaded + 1).getCell(m.column + 2).fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFF2F2F2" } });
    const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
    expect(heights.size).toBeGreaterThan(10);
    for (let r = 0; r < sheet.rows.length; r++) expect([r, file.ws.getRow(r + 1).height]).toEqual([r, heights.get(r)]);
    expect(sheet.columnWidths.map((_, i) => file.ws.getColumn(i + 1).width)).toEqual(sheet.columnWidths);
    expect(sheet.links!.length).toBeGreaterThan(5);
    for (const l of sheet.links!) {
      const cell = file.ws.getRow(l.row + 1).getCell(l.column + 1);
      expect(cell.hyperlink).toBe(l.url);
      expect(cell.font).toMatchObject({ underline: true, color: { argb: "FF0563C1" }, size: 11 });
    }
  });

  it("the print setup: A4 portrait one page wide (fitToPage), margins, print area and titles, header and footer, the page break", async () => {
    const page = sheet.page!;
    expect(file.ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: page.margins,
      printArea: `A1:G${page.area.rows}`,
      printTitlesRow: "1:2",
    });
    expect(file.ws.headerFooter).toMatchObject({ oddHeader: page.header, oddFooter: page.footer });
    expect(page.header).toContain("&&");
    const wbXml = (await file.part("xl/workbook.xml"))!;
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;KIA-rapport 2025&apos;!$A$1:$G$${page.area.rows}</definedName>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;KIA-rapport 2025&apos;!$1:$2</definedName>`);
    const xml = (await file.part("xl/worksheets/sheet1.xml"))!;
    expect(xml).toMatch(/^<\?xml[^>]*>\s*<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(sheet.pageBreaks).toHaveLength(1);
    expect(xml).toContain(`<rowBreaks count="1" manualBreakCount="1"><brk id="${sheet.pageBreaks![0]}" max="16383" man="1"/></rowBreaks>`);
  });

  it("the register as an Excel table of text, and the chart of the KIA curve on the sheet", async () => {
    const t = sheet.tables![0];
    const table = file.ws.getTable(t.name) as unknown as { table: { ref: string; columns: { name: string }[]; tableRef?: string } };
    expect(table.table.columns.map((c) => c.name)).toEqual(t.rows[0]);
    expect((await file.part("xl/tables/table1.xml"))!).toContain(
      `ref="A${t.row + 1}:${columnLetter(t.rows[0].length - 1)}${t.row + t.rows.length}" headerRowCount="1" totalsRowShown="0"`,
    );
    t.rows.forEach((values, r) =>
      values.forEach((v, c) => {
        const cell = file.ws.getRow(t.row + r + 1).getCell(t.column + c + 1);
        expect([r, c, cell.value ?? "", cell.numFmt]).toEqual([r, c, v, "@"]);
      }),
    );
    // the drawing, from the sheet's relationships to the chart part
    const sheetXml = (await file.part("xl/worksheets/sheet1.xml"))!;
    const drawingId = /<drawing r:id="(rId\w+)"\/>/.exec(sheetXml)![1];
    expect((await file.part("xl/worksheets/_rels/sheet1.xml.rels"))!).toContain(
      `Id="${drawingId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`,
    );
    expect((await file.part("xl/drawings/_rels/drawing1.xml.rels"))!).toContain('Target="../charts/chart1.xml"');
    const ch = sheet.chart!;
    const drawing = (await file.part("xl/drawings/drawing1.xml"))!;
    expect(drawing).toContain(`<xdr:from><xdr:col>${ch.anchor!.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${ch.anchor!.row}</xdr:row>`);
    const chart = (await file.part("xl/charts/chart1.xml"))!;
    const [cx, cy] = ch.columns ?? [0, 1];
    expect(chart).toContain(`<c:f>'KIA-rapport 2025'!$${columnLetter(cx)}$${ch.firstRow + 1}:$${columnLetter(cx)}$${ch.lastRow + 1}</c:f>`);
    expect(chart).toContain(`<c:f>'KIA-rapport 2025'!$${columnLetter(cy)}$${ch.markRow! + 1}</c:f>`);
    const ys = [
      ...chart
        .split("<c:yVal>")[1]
        .split("</c:yVal>")[0]
        .matchAll(/<c:v>([^<]*)<\/c:v>/g),
    ].map((x) => Number(x[1]));
    expect(ys).toEqual(sheet.rows.slice(ch.firstRow, ch.lastRow + 1).map((row) => row[cy]));
    expect(chart).toContain("<c:scatterChart>");
    expect(chart).toContain(`<a:t>${ch.title}</a:t>`);
  });
});

describe("the report .xlsx's text and names", () => {
  const odd: ReportSheet = {
    name: "O'Brien & Zn",
    rows: [
      ["=SUM(A1:A2)", "+31 6 1234", "-5", "@home", "a\u0001b\u000Bc", "x\uD800y 😀"],
      ["_x0041_ blijft _x0041_", "  twee spaties voor en na  ", "regel 1\nregel 2", `<b>&'"</b>`, "", null],
      [1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, true, false],
    ],
    formats: [],
    columnWidths: [12, 12],
    page: {
      paper: "A4",
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: [0, 0],
      area: { rows: 3, columns: 6 },
      header: "&L<kop> & 'zo'",
      footer: "",
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  };

  it("strings are strings (formula-like ones with the text format), XML-forbidden characters left out, escapes kept as typed", async () => {
    const { ws, part } = await read(await reportXlsx(odd, { ExcelJS: undefined, JSZip }));
    const values = [1, 2, 3].map((r) => Array.from({ length: 6 }, (_, c) => ws.getRow(r).getCell(c + 1).value));
    expect(values).toEqual([
      ["=SUM(A1:A2)", "+31 6 1234", "-5", "@home", "abc", "xy 😀"],
      ["_x0041_ blijft _x0041_", "  twee spaties voor en na  ", "regel 1\nregel 2", `<b>&'"</b>`, null, null],
      [1.5, 0, null, null, true, false],
    ]);
    expect([1, 2, 3, 4].map((c) => ws.getRow(1).getCell(c).numFmt)).toEqual(["@", "@", "@", "@"]);
    expect(ws.getRow(1).getCell(5).numFmt).toBeUndefined();
    const xml = (await part("xl/worksheets/sheet1.xml"))!;
    expect(xml).not.toContain("<f>");
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const strings = (await part("xl/sharedStrings.xml"))!;
    expect(strings).toContain("_x005F_x0041_ blijft _x005F_x0041_");
    expect(strings).toContain('<t xml:space="preserve">  twee spaties voor en na  </t>');
    // the sheet name quoted in the print names; the header's ampersand and brackets escaped
    const wbXml = (await part("xl/workbook.xml"))!;
    expect(wbXml).toContain(`<sheet name="O'Brien &amp; Zn" sheetId="1" r:id="rId1"/>`);
    expect(wbXml).toContain(`>&apos;O&apos;&apos;Brien &amp; Zn&apos;!$A$1:$F$3</definedName>`);
    expect(ws.headerFooter.oddHeader).toBe("&L<kop> & 'zo'");
    expect(ws.name).toBe("O'Brien & Zn");
  });

  it("a sheet without print setup, chart, links or tables: no print names, no sheetPr, no parts for them", async () => {
    const plain: ReportSheet = { ...odd, page: undefined };
    const bytes = await reportXlsx(plain, { JSZip });
    const { zip, part } = await read(bytes);
    expect((await part("xl/workbook.xml"))!).not.toContain("definedName");
    expect((await part("xl/worksheets/sheet1.xml"))!).not.toContain("<sheetPr>");
    expect(Object.keys(zip.files).filter((n) => /tables|charts|drawings|worksheets\/_rels/.test(n))).toEqual([]);
  });
});
