/**
 * The report as it is filed and printed (issue 16), opened as each caller writes it: the .xlsx the standalone page
 * downloads, the .xlsx of `kia-calc --rapport`, and the Office adapter's writes under the mock. Each has wrap text on
 * every long text cell, A4 portrait fitted one page wide (pageSetUpPr fitToPage), the title rows on every page, a
 * footer "Pagina &P van &N", the client block, "Voor de aangifte" with its figures, per asset its date and group,
 * dates as dd-mm-jjjj, and no program code or English word. LibreOffice (headless) prints the downloaded report to
 * PDF: the expected number of pages, and the client summary on page 1.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { call } from "./support/cli";
import { evaluate, type Scenario } from "../src";
import { COLUMN_WIDTHS, reportSheet, type ClientDetails } from "../src/report-sheet";
import { reportSheet as paneReportSheet } from "../taskpane/report-sheet";
import { officeWorkbook } from "../taskpane/workbook/office";
import { reportXlsx } from "../taskpane/workbook/file";
import { fakeExcel, writtenFormats } from "./support/fake-excel";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest (as in workbook-office.test.ts)
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

const scenario: Scenario = {
  year: 2025,
  description: "Jaarrekening 2025",
  investments: [
    { id: "INV-1", description: "CNC-draaibank met toebehoren", category: "machine", amount: 48500, date: "2025-01-15" },
    { id: "INV-2", description: "Bestelauto", category: "bestelauto", amount: 32000, date: "2025-03-31", group: "Auto 1", paid: 2000, inUse: false },
    { id: "INV-3", description: "Navigatiesysteem", category: "machine", amount: 800, date: "2025-04-02", group: "Auto 1", inUse: false },
    { id: "INV-4", description: "Kantoorstoel", category: "inventaris", amount: 300, date: "2025-05-10" },
    { id: "INV-5", description: "Keukenapparatuur", category: "machine", amount: 2400, date: "2025-06-01", override: { eligible: false, reason: "privé gebruikt in de woning" } },
  ],
  partnership: { key: "winst", partners: [{ name: "Jansen", profit: 3 }, { name: "De Vries", profit: 2 }] },
};
const client: ClientDetails = { name: "Bakkerij De Vries & Zn", fiscalNumber: "123456782", dossier: "D-2025-017", tax: "ib", preparedBy: "J. Jansen", reviewedBy: "A. de Boer" };
const options = { lang: "nl" as const, version: "0.1.0", date: "2026-03-31", ledgerSource: "tabel Investeringen (blad Staat)", scenario, client };
const report = evaluate(scenario);
const sheet = reportSheet(report, options);

/** Program codes (PAYMENT_CRITERION) and English words that have no place in a Dutch report. */
const CODE = /\b[A-Z]+(_[A-Z]+)+\b/;
const ENGLISH = /\b(the|and|for|with|report|amount|total|deduction|disposal|partner|partners|yes|no|source|secondary|warning|user|true|false|null|undefined|NaN)\b/i;

interface Opened {
  texts: { address: string; text: string; width: number; wrap: boolean }[];
  cell(address: string): ExcelJS.Cell;
  ws: ExcelJS.Worksheet;
  sheetXml: string;
  workbookXml: string;
}

/** An .xlsx as the tests read it: exceljs for cells and styles, the XML for what exceljs does not read back. */
async function open(bytes: Uint8Array): Promise<Opened> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const zip = await JSZip.loadAsync(bytes);
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  // the width of each cell: its column, or the columns it is merged over
  const merged = new Map<string, number>();
  for (const m of sheetXml.match(/<mergeCell ref="[A-Z]+\d+:[A-Z]+\d+"\/>/g) ?? []) {
    const [, c1, r, c2] = /ref="([A-Z]+)(\d+):([A-Z]+)\d+"/.exec(m)!;
    let w = 0;
    for (let c = c1.charCodeAt(0) - 65; c <= c2.charCodeAt(0) - 65; c++) w += COLUMN_WIDTHS[c];
    merged.set(`${c1}${r}`, w);
  }
  const texts: Opened["texts"] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as unknown;
      const text = typeof v === "string" ? v : v && typeof v === "object" && "text" in (v as object) ? String((v as { text: unknown }).text) : undefined;
      if (text === undefined || cell.isMerged && cell.master !== cell) return;
      texts.push({ address: cell.address, text, width: merged.get(cell.address) ?? COLUMN_WIDTHS[Number(cell.col) - 1], wrap: cell.alignment?.wrapText === true });
    }),
  );
  return { texts, cell: (a) => ws.getCell(a), ws, sheetXml, workbookXml };
}

/** What every written report has, whoever wrote it. */
function expectFiledReport(all: Opened) {
  // what is printed: the print area's rows. Below it the year's register (src/register) is machine-readable text
  // (codes, ISO dates, exact decimals) that is never printed
  const printed = Number(/_xlnm\.Print_Area[^>]*>[^<]*\$[A-Z]+\$(\d+)</.exec(all.workbookXml)![1]);
  const x: Opened = { ...all, texts: all.texts.filter((t) => Number(/\d+$/.exec(t.address)![0]) <= printed) };
  expect(all.texts.some((t) => Number(/\d+$/.exec(t.address)![0]) > printed && t.text === "register")).toBe(true);
  // wrap text on every long text cell (longer than its column or merged columns)
  const long = x.texts.filter((t) => t.text.length > t.width);
  expect(long.length).toBeGreaterThan(10);
  expect(long.filter((t) => !t.wrap)).toEqual([]);
  // A4 portrait, fitted one page wide: fitToPage in sheetPr, or Excel ignores fitToWidth
  expect(x.sheetXml).toMatch(/<sheetPr>(<[^>]*>)*<pageSetUpPr fitToPage="1"\/>/);
  expect(x.sheetXml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="portrait"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
  // print titles and area (absolute), header and footer
  expect(x.workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;KIA-rapport 2025&apos;!$1:$2</definedName>`);
  expect(x.workbookXml).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;KIA-rapport 2025&apos;!\$A\$1:\$G\$\d+<\/definedName>/);
  expect(x.ws.headerFooter.oddFooter).toContain("&CPagina &P van &N");
  expect(x.ws.headerFooter.oddHeader).toContain("Bakkerij De Vries &&& Zn – KIA 2025".replace("&&&", "&&"));
  // the client block
  const find = (label: string) => x.texts.find((t) => t.text === label)!;
  const beside = (label: string) => {
    const at = x.cell(find(label).address);
    return x.ws.getRow(Number(at.row)).getCell(3);
  };
  expect(beside("Klant").value).toBe("Bakkerij De Vries & Zn");
  expect(beside("Fiscaal nummer (BSN/RSIN)").value).toBe("123456782");
  expect(beside("Dossier").value).toBe("D-2025-017");
  expect(beside("Belastingjaar").value).toBe(2025);
  expect(beside("Belasting").value).toBe("Inkomstenbelasting (winst uit onderneming)");
  expect(beside("Opgesteld door").value).toBe("J. Jansen");
  expect(beside("Beoordeeld door").value).toBe("A. de Boer");
  expect(beside("Datum").numFmt).toBe("dd-mm-yyyy");
  expect((beside("Datum").value as Date).toISOString().slice(0, 10)).toBe("2026-03-31");
  expect(beside("Versie invoegtoepassing").value).toBe("0.1.0");
  expect(String(beside("Versie wettelijke gegevens").value)).toMatch(/^2010–20\d\d, kenmerk [0-9a-f]{8}$/);
  // Voor de aangifte with its figures
  const figure = (label: string) => x.ws.getRow(Number(x.cell(find(label).address).row)).getCell(4);
  expect(find("Voor de aangifte")).toBeDefined();
  expect(figure("Kleinschaligheidsinvesteringsaftrek (KIA)").value).toBe(Number(report.kia));
  expect(figure("Daarvan dit jaar aftrekbaar").value).toBe(Number(report.deductibleThisYear));
  expect(figure("Daarvan door naar latere jaren (nog niet betaald)").value).toBe(Number(report.carriedForward));
  expect(Number(report.carriedForward)).toBeGreaterThan(0);
  expect(figure("Desinvesteringsbijtelling").value).toBe(0);
  expect(figure("Vennoot Jansen: KIA dit jaar aftrekbaar").value).toBe(Number(report.partners![0].deductibleThisYear));
  // per asset: the date (a real date, dd-mm-jjjj) and the group
  const inv2 = x.ws.getRow(Number(x.cell(find("INV-2").address).row));
  expect((inv2.getCell(3).value as Date).toISOString().slice(0, 10)).toBe("2025-03-31");
  expect(inv2.getCell(3).numFmt).toBe("dd-mm-yyyy");
  expect(inv2.getCell(4).value).toBe("Bestelauto");
  expect(inv2.getCell(5).value).toBe("Auto 1");
  expect(x.texts.some((t) => t.text.includes("Handmatig beoordeeld door u: niet aftrekbaar. Reden: privé gebruikt in de woning."))).toBe(true);
  // no program codes, no English, no ISO dates, no developer notes
  const words = x.texts.filter((t) => !/^https:\/\//.test(t.text));
  expect(words.filter((t) => CODE.test(t.text))).toEqual([]);
  expect(words.filter((t) => ENGLISH.test(t.text))).toEqual([]);
  expect(words.filter((t) => /\b\d{4}-\d{2}-\d{2}\b/.test(t.text))).toEqual([]);
  expect(words.filter((t) => /regelrecht|repository|tikfout|docs\/|\(gebruiker\)/i.test(t.text))).toEqual([]);
}

describe("the written report (issue 16)", () => {
  let downloaded: Uint8Array;
  beforeAll(async () => {
    downloaded = await reportXlsx(paneReportSheet(report, options));
  });

  it("the standalone page's .xlsx: wrap, A4 one page wide, print titles, footer, client block, Voor de aangifte, dates and groups, Dutch only", async () => {
    expectFiledReport(await open(downloaded));
  });

  it("kia-calc --rapport writes the same sheet, the client block from its options", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kia-rapport-"));
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(scenario));
    const out = join(dir, "rapport.xlsx");
    const r = await call([
      "--rapport", out, "--klant", client.name!, "--fiscaal-nummer", client.fiscalNumber!, "--dossier", client.dossier!,
      "--opgesteld-door", client.preparedBy!, "--beoordeeld-door", client.reviewedBy!, "--datum", "31-03-2026", join(dir, "scenario.json"),
    ]);
    expect(r.err).toBe("");
    expect(r.out).toBe(`Rapport geschreven: ${out} (blad KIA-rapport 2025, ${sheet.rows.length} rijen)\n`);
    expect(r.code).toBe(0);
    const cli = await open(new Uint8Array(readFileSync(out)));
    expectFiledReport(cli);
    // the same cells as the page's download, but for the source (the file's name)
    const page = await open(downloaded);
    const strip = (o: Opened) => o.texts.filter((t) => !/scenario\.json|tabel Investeringen/.test(t.text)).map((t) => [t.address, t.text]);
    expect(strip(cli)).toEqual(strip(page));
    // a wrong date is refused in Dutch; client options without --rapport too
    const bad = await call(["--rapport", out, "--datum", "2026-03-31", join(dir, "scenario.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--datum verwacht een datum als dd-mm-jjjj");
    expect((await call(["--klant", "X", join(dir, "scenario.json")])).err).toContain("horen bij --rapport");
  });

  it("LibreOffice prints the downloaded report: A4, the expected pages, the client summary on page 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "kia-pdf-"));
    writeFileSync(join(dir, "rapport.xlsx"), downloaded);
    execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, join(dir, "rapport.xlsx")], {
      env: { ...process.env, LC_ALL: "nl_NL.UTF-8", LANG: "nl_NL.UTF-8" },
      stdio: "ignore",
      timeout: 240_000,
    });
    const pdf = join(dir, "rapport.pdf");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(4);
    const page1 = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"], { encoding: "utf8" });
    for (const text of ["Klantgegevens", "Voor de aangifte", "Samenvatting voor de klant", "Paraaf opsteller / beoordelaar", "Pagina 1 van 4"]) expect(page1).toContain(text);
    expect(page1).toMatch(/De kleinschaligheidsinvesteringsaftrek over 2025 is € [\d.]+\./);
    // the calculation starts on page 2
    expect(page1).not.toContain("Bedrijfsmiddelen");
    const page2 = execFileSync("pdftotext", ["-f", "2", "-l", "2", "-layout", pdf, "-"], { encoding: "utf8" });
    expect(page2).toContain("Berekening");
    expect(page2).toContain("Kleinschaligheidsinvesteringsaftrek 2025"); // the title rows repeat
  }, 300_000);
});

describe("the Office adapter writes the same report (mock)", () => {
  let fx: ReturnType<typeof fakeExcel> | undefined;
  afterEach(() => fx?.uninstall());

  it.each(["1.13", "1.8"])("ExcelApi %s: wrap on every long text cell, merges, row heights, headings; (1.9 and later) A4 portrait one page wide, print titles, area, footer, the page break", async (api) => {
    fx = fakeExcel({ sheets: [{ name: "Staat" }], api });
    fx.install();
    await officeWorkbook().writeReport(sheet);
    const writes = fx.writes.filter((w) => w.sheet === "KIA-rapport 2025");
    const written = writtenFormats(fx, "KIA-rapport 2025");
    // every long text cell wraps (set through setCellProperties, one array per block of rows)
    const wrapped = new Set([...written.cells].filter(([, f]) => f.wrapText === true).map(([k]) => k));
    const span = new Map((sheet.merges ?? []).map((m) => [`${m.row},${m.column}`, m.columns]));
    let long = 0;
    sheet.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "string") return;
        let width = 0;
        for (let i = c; i < c + (span.get(`${r},${c}`) ?? 1); i++) width += COLUMN_WIDTHS[i];
        if (v.length <= width) return;
        long++;
        expect(wrapped.has(`${r},${c}`) ? `${r},${c}` : `not wrapped: ${r},${c} ${v}`).toBe(`${r},${c}`);
      }),
    );
    expect(long).toBeGreaterThan(10);
    const byRow = (a: { row: number; column: number }, b: { row: number; column: number }) => a.row - b.row || a.column - b.column;
    expect([...written.merges].sort(byRow)).toEqual([...sheet.merges!].sort(byRow));
    expect([...written.heights].map(([row, height]) => ({ row, height })).sort((a, b) => a.row - b.row)).toEqual(sheet.rowHeights);
    // a heading is bold and 13 pt, a table's header row shaded
    const heading = sheet.formats.find((f) => f.format.heading)!.row;
    expect(written.cells.get(`${heading},0`)).toMatchObject({ "font.bold": true, "font.size": 13 });
    const shaded = sheet.formats.find((f) => f.format.shade)!.row;
    expect(written.cells.get(`${shaded},0`)).toMatchObject({ "font.bold": true, "fill.color": "#F2F2F2" });
    // before ExcelApi 1.9 the styles are set through ranges (rows alike in one range), without the page setup
    expect(fx.calls.some((c) => c.method.endsWith(".setCellProperties"))).toBe(api === "1.13");
    if (api === "1.8") {
      expect(writes.some((w) => /pageLayout/.test(w.path))).toBe(false);
      return;
    }
    const layout = (name: string) => writes.find((w) => w.path.endsWith(`pageLayout.${name}`))?.value;
    expect(layout("paperSize")).toBe("A4");
    expect(layout("orientation")).toBe("Portrait");
    expect(layout("zoom")).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(fx.calls.find((c) => c.method.endsWith("pageLayout.setPrintTitleRows"))?.args).toEqual(["$1:$2"]);
    expect(fx.calls.find((c) => c.method.endsWith("pageLayout.setPrintArea"))?.args[0]).toMatch(/^A1:G\d+$/);
    expect(writes.find((w) => w.path.endsWith("defaultForAllPages.centerFooter"))?.value).toBe("Pagina &P van &N");
    expect(writes.find((w) => w.path.endsWith("defaultForAllPages.leftHeader"))?.value).toBe("Bakkerij De Vries && Zn – KIA 2025");
    expect(fx.calls.filter((c) => c.method.endsWith("horizontalPageBreaks.add")).length).toBe(1);
    // dates dd-mm-jjjj; no codes or English in what is written
    const values = writes.find((w) => w.path.endsWith(".values"))!.value as unknown[][];
    const formats = writes.find((w) => w.path.endsWith(".numberFormat"))!.value as string[][];
    const dateRow = sheet.rows.findIndex((r) => r[0] === "INV-2");
    expect(formats[dateRow][2]).toBe("dd-mm-yyyy");
    const texts = values.flat().filter((v): v is string => typeof v === "string" && v !== "" && !/^https:/.test(v));
    expect(texts.filter((t) => CODE.test(t) || ENGLISH.test(t))).toEqual([]);
  });
});
