/**
 * Issue 18, done when: a client over three consecutive years (test/fixtures/years/client.ts: a vof with two partners,
 * an asset unpaid in 2023 and paid in 2024, a disposal in 2025 of an asset of 2023), each year's report written with
 * the add-in's own builder (src/report-sheet) and read back the next year through
 *  - the command line (kia-calc --rapport, then --eerder),
 *  - the standalone page (its downloaded .xlsx, read again through the page's file Book, and the pane's own logic:
 *    state, step 4's choices, derive),
 *  - the Office adapter under office-addin-mock (the report sheet written into the client's workbook, its register
 *    read back through the Office Book the next year),
 * and a register of this version committed as a fixture (test/fixtures/years/register-v1-2023.xlsx) read exactly.
 *
 * The hand computations (tables of art. 3.41 lid 2 for 2023-2025: 28 % up to € 63.716 / € 69.765 / € 70.602, the
 * fixed € 17.841 up to € 117.991 in 2023):
 *  2023  M1 40.000 + M2 30.000 + M3 20.000 = 90.000, fixed band: KIA 17.841.
 *        M2 not in use, 5.000 paid (art. 3.44): attributed 30.000 x 17.841 / 90.000 = 5.947, carried 947;
 *        deductible 17.841 - 947 = 16.894.
 *        Jan (60 %): KIA 0,6 x 17.841 = 10.704,60 -> 10.705; carried (5.947 - 5.000) x 0,6 = 568,20 (the core's
 *        quotient 568,1999999999, to 10 decimals down); deductible 10.704,60 - 568,20 = 10.136,40 -> 10.137, carried
 *        10.705 - 10.137 = 568.
 *        Piet (40 %, own assets 10.000 in the business): row of 90.000 + 10.000 = 100.000 (fixed), KIA 17.841 x
 *        (0,4 x 90.000 + 10.000) / 100.000 = 8.206,86 -> 8.207 on his part 46.000 (17,841 %); carried
 *        (30.000 x 0,17841 - 5.000) x 0,4 = 140,92; deductible 8.065,94 -> 8.066, carried 8.207 - 8.066 = 141.
 *  2024  M4 12.000: KIA 28 % = 3.360 (Jan 2.016, Piet 1.344). M2 paid 30.000 by the end of 2024: 25.000 paid in
 *        2024 >= 947, so all of the 947 is deductible in 2024 (Jan 568,20 -> 568, Piet 140,92 -> 141): in all
 *        3.360 + 947 = 4.307 (Jan 2.584, Piet 1.485). Nothing stays open.
 *  2025  M5 3.000: KIA 28 % = 840 (Jan 504, Piet 336). M3 of 2023 sold for 15.000 (within five years, art. 3.47 lid
 *        2; 15.000 > the threshold of 2.900): the partnership's addition min(15.000; 20.000) x 17.841 / 90.000 =
 *        2.973,50 -> 2.973; per partner (the default level): Jan's share of the prices 9.000 > 2.900, 15.000 x 0,6 x
 *        17.841 / 90.000 = 1.784,10 -> 1.784; Piet 6.000 > 2.900 at his own 17,841 % of 2023: 15.000 x 0,4 x 0,17841
 *        = 1.070,46 -> 1.070.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Report, Scenario } from "../src";
import { earlierYears, readRegisters, registerOf, settleQuestions, type EarlierFile, type Register } from "../src/register";
import { XlsxBook } from "../src/workbook";
import { questionKey } from "../src/workbook/questions";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { earlierChoiceOf } from "../taskpane/app/model/earlier-choices";
import { loadLedger } from "../taskpane/app/model/load";
import { makeDeriver } from "../taskpane/app/model/derive";
import { initialState, reducer, type PaneState } from "../taskpane/app/model/state";
import { reportSheet } from "../taskpane/report-sheet";
import { openFileWorkbook } from "../taskpane/workbook/file";
import { officeWorkbook } from "../taskpane/workbook/office";
import type { Workbook } from "../taskpane/workbook/types";
import { call } from "./support/cli";
import { TEMPLATE_FILE } from "../templates/build";
import * as TL from "../templates/layout";
import { fakeExcel, type SheetModel } from "./support/fake-excel";
import { CLIENT, DISPOSALS, LEDGERS, PARTNERS, ledgerWorkbook } from "./fixtures/years/client";

jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel" } }));

const NL = cultureFromLocale("nl-NL", "nl");
const dir = mkdtempSync(join(tmpdir(), "kia-years-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The figures the hand computations above give, per year. */
function expectYear(r: Report, year: 2023 | 2024 | 2025): void {
  const partners = (r.partners ?? []).map((p) => [p.name, p.kia, p.deductibleThisYear, p.carriedForward]);
  if (year === 2023) {
    expect([r.total, r.kia, r.deductibleThisYear, r.carriedForward, r.carriedIn]).toEqual(["90000", "17841", "16894", "947", undefined]);
    expect(partners).toEqual([
      ["Jan", "10705", "10137", "568"],
      ["Piet", "8207", "8066", "141"],
    ]);
    expect(r.payment!.items[0].partners).toEqual([
      { name: "Jan", carriedForward: "568.1999999999" },
      { name: "Piet", carriedForward: "140.92" },
    ]);
  } else if (year === 2024) {
    expect([r.total, r.kia, r.deductibleThisYear, r.carriedForward]).toEqual(["12000", "3360", "3360", "0"]);
    expect(partners).toEqual([
      ["Jan", "2016", "2016", "0"],
      ["Piet", "1344", "1344", "0"],
    ]);
    expect(r.carriedIn).toMatchObject({
      deductible: "947",
      deductibleExact: "947",
      open: "0",
      totalDeductible: "4307",
      years: [{ year: 2023, assets: [{ asset: "M2", paidThisYear: "25000", basis: "paid", from: "ledger", deductibleExact: "947", openExact: "0" }] }],
      partners: [
        { name: "Jan", deductible: "568", deductibleExact: "568.1999999999", open: "0" },
        { name: "Piet", deductible: "141", deductibleExact: "140.92", open: "0" },
      ],
    });
  } else {
    expect([r.total, r.kia, r.carriedIn]).toEqual(["3000", "840", undefined]);
    expect(r.disinvestment).toMatchObject({ total: "2973", totalExact: "2973.5", applies: true, items: [{ id: "V1", investmentYear: 2023, base: "15000", source: expect.stringMatching(/^KIA_REGISTER_2023 in .*: M3 \(Bestelbus\)$/) }] });
    expect((r.partners ?? []).map((p) => [p.name, p.kia, p.disinvestment, p.disinvestmentExact])).toEqual([
      ["Jan", "504", "1784", "1784.1"],
      ["Piet", "336", "1070", "1070.46"],
    ]);
  }
}

describe("a client over three years: the command line", () => {
  it("kia-calc --rapport writes each year's report with its register; --eerder reads them back the next year", async () => {
    const reports: Report[] = [];
    const earlier: string[] = [];
    for (const year of [2023, 2024, 2025] as const) {
      const ledger = join(dir, `staat-${year}.xlsx`);
      writeFileSync(ledger, await ledgerWorkbook(year));
      const rapport = join(dir, `rapport-${year}.xlsx`);
      const with_ = earlier.flatMap((f) => ["--eerder", f]);
      const json = await call([ledger, ...with_]);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.out) as Report & { earlier?: { registers: { year: number }[]; messages: string[] }; provisional: boolean };
      expectYear(report, year);
      // the row of M2 (dated 2023) in later ledgers is 2023's investment by its register: no open question
      expect(report.provisional).toBe(false);
      if (year > 2023) expect(report.earlier).toMatchObject({ registers: earlier.map((_, i) => ({ year: 2023 + i })), messages: [] });
      const written = await call([ledger, ...with_, "--rapport", rapport, "--datum", `01-03-${year + 1}`]);
      expect(written).toMatchObject({ code: 0, out: expect.stringMatching(/^Rapport geschreven: .*rapport-\d{4}\.xlsx \(blad KIA-rapport \d{4}, \d+ rijen\)\n$/) });
      // what the next year reads is the register of this year's report, exactly
      const read = await readRegisters(await XlsxBook.open(readFileSync(rapport)));
      expect(read.problems).toEqual([]);
      expect(read.registers.map((x) => x.register)).toEqual([registerOf(report, JSON.parse((await call(["--scenario", ledger, ...with_])).out) as Scenario)]);
      earlier.push(rapport);
      reports.push(report);
    }
    // a client's folder (the reports beside the ledgers) does the same as the files one by one
    const folder = await call([join(dir, "staat-2025.xlsx"), "--eerder", dir]);
    expect(JSON.parse(folder.out).disinvestment.total).toBe("2973");
  }, 120_000);

  it("kia-calc --batch on a folder of clients with a subfolder per year: each client's years in order, what was carried and what is open", async () => {
    const root = join(dir, "klanten");
    for (const year of [2023, 2024, 2025]) {
      require("fs").mkdirSync(join(root, CLIENT, String(year)), { recursive: true });
      writeFileSync(join(root, CLIENT, String(year), `staat-${year}.xlsx`), await ledgerWorkbook(year));
    }
    const r = await call(["--batch", root]);
    expect(r.code).toBe(0);
    const lines = r.out.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "Klant;Bestand;Jaar;Totaal investeringen dat meetelt (€);KIA;Desinvesteringsbijtelling;Uit eerdere jaren aftrekbaar (art. 3.44);Nog open naar latere jaren (art. 3.44);Problemen;Voorlopig;Eerdere jaren;Fout;Vennoot 1;KIA vennoot 1;Vennoot 2;KIA vennoot 2",
    );
    expect(lines.slice(1)).toEqual([
      `${CLIENT};2023/staat-2023.xlsx;2023;90000;17841;0;0;947;0;nee;;;Jan;10705;Piet;8207`,
      `${CLIENT};2024/staat-2024.xlsx;2024;12000;3360;0;947;0;0;nee;;;Jan;2016;Piet;1344`,
      `${CLIENT};2025/staat-2025.xlsx;2025;3000;840;2973;0;0;0;nee;;;Jan;504;Piet;336`,
    ]);
    expect(r.err).toContain(`${CLIENT} (2023-2025): uit eerdere jaren afgetrokken € 947; nog open na 2025: € 0`);
  }, 120_000);
});

/** The pane on a workbook (the page's file adapter, or the Office adapter): read as App.tsx reads it, the registers as step 4 reads them. */
async function paneYear(wb: Workbook, year: number, files: EarlierFile[]): Promise<{ state: PaneState; report: Report; scenario: Scenario }> {
  let state = reducer(initialState(year), await loadLedger(wb, {}, { guess: year, culture: async () => NL }));
  expect(state.choices.year).toBe(year);
  const derive = makeDeriver();
  // step 4 "Uit eerdere jaren" (Earlier.tsx): the registers read, what they give into the choices, the questions settled
  const earlier = earlierYears(year, files);
  expect(earlier.messages).toEqual([]);
  const partners = state.choices.partnership.partners.map((q) => q.name);
  state = reducer(state, { type: "set-earlier", earlier: earlierChoiceOf(earlier, derive(state, NL).registerDisposals, partners) });
  const d0 = derive(state, NL);
  for (const a of settleQuestions(d0.ledger!.open!, earlier, d0.ledger!.otherYears).answered)
    state = reducer(state, { type: "set-answer", key: questionKey(a.question), answer: { choice: a.choice, note: a.note } });
  const d = derive(state, NL);
  expect(d.leftOut).toEqual([]);
  expect(d.disposalIssues).toEqual([]);
  expect(d.ledger!.open).toEqual([]);
  return { state, report: d.evaluated!.report!, scenario: d.evaluated!.scenario };
}

const sheetOf = (report: Report, scenario: Scenario, source: string, year: number) =>
  reportSheet(report, { lang: "nl", version: "0.1.0", date: `${year + 1}-03-01`, ledgerSource: source, scenario });

describe("a client over three years: the standalone page", () => {
  it("each year's report downloaded as .xlsx; the next year adds it in step 4 and reads it through the page's file Book", async () => {
    const reports: Uint8Array[] = [];
    for (const year of [2023, 2024, 2025] as const) {
      let downloaded: Uint8Array | undefined;
      const fileOf = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer });
      const wb = await openFileWorkbook(fileOf(`staat-${year}.xlsx`, await ledgerWorkbook(year)), { storage: null, onDownload: (_n, b) => void (downloaded = b) });
      // the reports of earlier years, added as files: read through the page's own Book of each file
      const files: EarlierFile[] = [];
      for (const [i, bytes] of reports.entries()) {
        const book = (await openFileWorkbook(fileOf(`rapport-${2023 + i}.xlsx`, bytes), { storage: null })).book!();
        files.push({ file: `rapport-${2023 + i}.xlsx`, read: await readRegisters(book) });
      }
      const { report, scenario } = await paneYear(wb, year, files);
      expectYear(report, year);
      await wb.writeReport(sheetOf(report, scenario, `staat-${year}.xlsx`, year));
      reports.push(downloaded!);
    }
  }, 120_000);
});

/** The client's ledger of a year as sheets of the fake Excel: Overzicht (the year), Staat, Vennoten, Desinvesteringen. */
function ledgerSheets(year: number): SheetModel[] {
  const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const headers = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum", "Betaald", "In gebruik"];
  const rows = LEDGERS[year].map((r) => r.map((v, i) => (i === 4 && typeof v === "string" ? serial(v) : v)));
  const sheet = (name: string, h: string[], data: unknown[][], extra: Partial<SheetModel> = {}): SheetModel => ({
    name,
    block: { r0: 0, c0: 0, rows: [h, ...data] },
    tables: [{ name, headerRow: 0, column: 0, rows: data.length, columns: h.length }],
    ...extra,
  });
  const out: SheetModel[] = [
    { name: "Overzicht", cells: new Map<string, unknown>([["0,0", "Klant"], ["0,1", CLIENT], ["1,0", "Jaar"], ["1,1", year]]) },
    { ...sheet("Investeringen", headers, rows, { dateColumns: new Set([4]) }), name: "Staat" },
    sheet("Vennoten", ["Naam", "Winstaandeel", "Eigen bedrijfsmiddelen in onderneming"], PARTNERS[year]),
  ];
  if (DISPOSALS[year]) out.push(sheet("Desinvesteringen", ["Nummer", "Omschrijving", "Verkoopprijs", "Uit register"], DISPOSALS[year]));
  return out;
}

describe("a client over three years: inside Excel (Office adapter, office-addin-mock)", () => {
  it("the report sheet with its register written into the client's workbook; next year's copy reads it back through the Office Book", async () => {
    let kept: SheetModel[] = [];
    const registers: Register[] = [];
    for (const year of [2023, 2024, 2025] as const) {
      // next year's workbook: a copy of this year's (its report sheets) with the new year's ledger
      const fx = fakeExcel({ sheets: [...ledgerSheets(year), ...kept], keepWrites: true });
      fx.install();
      try {
        const wb = officeWorkbook();
        const read = await readRegisters(wb.book!());
        expect(read.problems).toEqual([]);
        // exactly what the years before wrote
        expect(read.registers.map((x) => x.register)).toEqual(registers);
        const { report, scenario } = await paneYear(wb, year, [{ file: "deze werkmap", read }]);
        expectYear(report, year);
        await wb.writeReport(sheetOf(report, scenario, "tabel Investeringen", year));
        const sheet = fx.sheets.get(`KIA-rapport ${year}`)!;
        expect(sheet.tables).toEqual([expect.objectContaining({ name: `KIA_REGISTER_${year}`, column: 0 })]);
        // every cell of the register was written as text (format "@" before its value)
        const formats = fx.writes.filter((w) => w.sheet === sheet.name && w.path.endsWith(".numberFormat") && w.path.includes("x26)"));
        expect(formats.length).toBeGreaterThan(0);
        expect(formats.every((w) => (w.value as string[][]).flat().every((f) => f === "@"))).toBe(true);
        registers.push(registerOf(report, scenario));
        kept = [...kept, sheet];
      } finally {
        fx.uninstall();
      }
    }
  }, 120_000);
});

/**
 * The client's ledger of a year in the firm template (templates/KIA-werkblad.xlsx): its example rows replaced, the
 * year on Overzicht, the partners and, in 2025, the disposal by its register reference in the column "Uit register".
 */
async function templateOf(year: number): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(TEMPLATE_FILE) as never);
  const put = (sheet: string, columns: readonly { field: string }[], rows: Record<string, unknown>[], clear: number) => {
    const ws = wb.getWorksheet(sheet)!;
    for (let r = 0; r < Math.max(rows.length, clear); r++)
      columns.forEach((c, i) => (ws.getCell(2 + r, 1 + i).value = (rows[r]?.[c.field] ?? null) as never));
  };
  const fields = ["id", "description", "category", "amount", "date", "paid", "inUse"];
  const ledger = LEDGERS[year].map((r) => Object.fromEntries(fields.map((f, i) => [f, f === "date" ? new Date(`${r[i]}T00:00:00Z`) : f === "inUse" && r[i] ? (r[i] === "ja" ? "Ja" : "Nee") : r[i]])));
  put(TL.SHEET.ledger, TL.LEDGER_COLUMNS, ledger, TL.LEDGER_EXAMPLES.length);
  const partners = PARTNERS[year].map(([name, profit, own]) => ({ name, profit: Number(profit) / 100, ...(own ? { ownAssetsInPartnership: own } : {}) }));
  put(TL.SHEET.partners, TL.PARTNER_COLUMNS, partners, TL.PARTNER_EXAMPLES.length);
  const disposals = (DISPOSALS[year] ?? []).map(([id, description, price, register]) => ({ id, description, price, register }));
  put(TL.SHEET.disposals, TL.DISPOSAL_COLUMNS, disposals, TL.DISPOSAL_EXAMPLES.length);
  wb.getWorksheet(TL.SHEET.summary)!.getCell(TL.SUMMARY.year).value = year;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a client over three years: through the firm template", () => {
  it("the template filled each year, its report written by kia-calc --rapport and read back with --eerder; 'Uit register' in its Desinvesteringen", async () => {
    const earlier: string[] = [];
    for (const year of [2023, 2024, 2025] as const) {
      const ledger = join(dir, `werkblad-${year}.xlsx`);
      writeFileSync(ledger, await templateOf(year));
      const rapport = join(dir, `werkblad-rapport-${year}.xlsx`);
      const with_ = earlier.flatMap((f) => ["--eerder", f]);
      const r = await call([ledger, ...with_]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as Report & { provisional: boolean };
      expectYear(report, year);
      expect(report.provisional).toBe(false);
      expect((await call([ledger, ...with_, "--rapport", rapport, "--datum", `01-03-${year + 1}`])).code).toBe(0);
      earlier.push(rapport);
    }
    // without the registers the row of 2025 that refers to one is said and left out, not guessed
    const alone = await call([join(dir, "werkblad-2025.xlsx")]);
    // the advice in the words of every app (src/workbook/names.ts earlierReportAdvice): the pane's step 4 and --eerder
    expect(alone.err).toContain(
      'Desinvesteringen!H2 ("2023:M3"): verwijst naar het register van een eerder jaar (2023:M3); lees het rapport van 2023 in bij stap 4 "Uit eerdere jaren" (kia-calc: --eerder <bestand>)',
    );
    expect(JSON.parse(alone.out).disinvestment).toBeUndefined();
  }, 120_000);
});

describe("the register of version 1, committed", () => {
  it("test/fixtures/years/register-v1-2023.xlsx (kia-calc --rapport of the client's 2023) is read exactly, by every later version", async () => {
    const read = await readRegisters(await XlsxBook.open(readFileSync(join(__dirname, "fixtures", "years", "register-v1-2023.xlsx"))));
    expect(read.problems).toEqual([]);
    expect(read.registers).toHaveLength(1);
    const r = read.registers[0];
    expect([r.table, r.sheet]).toEqual(["KIA_REGISTER_2023", "KIA-rapport 2023"]);
    expect(r.register).toMatchObject({ version: 1, year: 2023, total: "90000", kia: "17841", kiaExact: "17841", rate: "0.19823333333333333333", carried: "947" });
    expect(r.register.partners.map((p) => [p.name, p.kiaExact, p.part, p.rate, p.method])).toEqual([
      ["Jan", "10704.6", "54000", "0.19823333333333333333", "share"],
      ["Piet", "8206.86", "46000", "0.17841", "own-assets"],
    ]);
    expect(r.register.assets.map((a) => [a.id, a.description, a.date, a.amount, a.deductionAmount, a.counted, a.paid, a.inUse])).toEqual([
      ["M1", "Oven", "2023-03-01", "40000", "40000", true, "40000", true],
      ["M2", "Koelcel", "2023-11-15", "30000", "30000", true, "5000", false],
      ["M3", "Bestelbus", "2023-06-01", "20000", "20000", true, "20000", true],
    ]);
    expect(r.register.open).toEqual([
      {
        year: 2023,
        open: "947",
        openExact: "947",
        partners: [
          { name: "Jan", open: "568", openExact: "568.1999999999" },
          { name: "Piet", open: "141", openExact: "140.92" },
        ],
        assets: [
          {
            asset: "M2",
            description: "Koelcel",
            date: "2023-11-15",
            amount: "30000",
            paid: "5000",
            open: "947",
            reason: "niet in gebruik genomen aan het einde van 2023 en niet volledig betaald: KIA 5947, betaald 5000 (art. 3.44 lid 1)",
            partners: [
              { name: "Jan", share: "0.6", open: "568.1999999999" },
              { name: "Piet", share: "0.4", open: "140.92" },
            ],
          },
        ],
      },
    ]);
  });
});
