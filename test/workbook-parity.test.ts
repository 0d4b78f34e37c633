/**
 * One reader, three apps: the same workbook gives the same scenario, the same figures, the same LeftOut list and the
 * same notes through kia-calc's code path (cli/workbook.ts readLedgerFile: the .xlsx reader on the file's bytes), the
 * standalone page's file adapter (taskpane/workbook/file.ts openFileWorkbook → book()) and the Office.js adapter
 * (taskpane/workbook/office-book.ts officeBook) on an Excel under office-addin-mock holding the same cells, tables,
 * names and date system. And the pane itself, as it loads a ledger and shows it (taskpane/app/model/load.ts loadLedger, then
 * derive.ts), on the standalone page's file and in Excel: the same scenario parts, the same LeftOut list, the same
 * open questions and notes, the same figures. Over every workbook in examples/, the template, test/fixtures (the
 * client ledgers of test/fixtures/ledgers too), and odd ones made here.
 */
import { fakeExcel, type SheetModel } from "./support/fake-excel";
import ExcelJS from "exceljs";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { evaluate } from "../src";
import { readWorkbook, XlsxBook, type Book, type WorkbookRead } from "../src/workbook";
import { DATE1904_OFFSET, type Cell } from "../src/workbook/ledger";
import { readLedgerFile, type FileRead } from "../cli/workbook";
import { makeDeriver } from "../taskpane/app/model/derive";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { loadLedger } from "../taskpane/app/model/load";
import { initialState, reducer } from "../taskpane/app/model/state";
import { openFileWorkbook } from "../taskpane/workbook/file";
import { officeWorkbook } from "../taskpane/workbook/office";
import type { Workbook } from "../taskpane/workbook/types";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest (as in workbook-office.test.ts)
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

const root = join(__dirname, "..");

interface Sheet {
  name: string;
  rows: unknown[][];
}
interface Made {
  sheets: Sheet[];
  tables?: { sheet: string; name: string; ref: string; headers: string[]; rows: unknown[][] }[];
  names?: Record<string, string>;
  date1904?: boolean;
}

async function make(m: Made): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (m.date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
  for (const s of m.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => r.forEach((v, j) => v !== null && v !== undefined && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
  }
  for (const t of m.tables ?? [])
    wb.getWorksheet(t.sheet)!.addTable({
      name: t.name,
      ref: t.ref,
      headerRow: true,
      columns: t.headers.map((h) => ({ name: h })),
      rows: t.rows as ExcelJS.CellValue[][],
    });
  for (const [name, ref] of Object.entries(m.names ?? {})) wb.definedNames.add(ref, name);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEAD = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald", "Datum"];
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const LEDGER = [
  ["INV-1", "Draaibank", "machine", 10000, null, d("2025-03-01")],
  ["INV-2", "Kast", "inventaris", 3000, null, d("2025-05-01")],
  ["INV-3", "Printer", "computer", "2,500", null, d("2025-06-01")],
];

/** The M1 ledger of trial 19: two investments, a total, then "Desinvesteringen 2025" with a sale of € 30.000 below them. */
const M1 = [
  ["Omschrijving", "Categorie", "Datum", "Aanschafwaarde"],
  ["CNC machine", "machine", d("2025-03-03"), 111000],
  ["Kasten", "inventaris", d("2025-04-01"), 9000],
  ["Totaal", null, null, 120000],
  [],
  ["Desinvesteringen 2025"],
  ["Omschrijving", "Categorie", "Datum verkoop", "Verkoopprijs"],
  ["Oude pers", "machine", d("2025-06-01"), 30000],
];
const M1_FULL = [
  ...M1.slice(0, 5),
  ["Verkopen"],
  ["Omschrijving", "Aanschafjaar", "Aanschafwaarde", "Totaal investeringen aanschafjaar", "Verkoopprijs", "Datum verkoop"],
  ["Oude pers", 2022, 40000, 50000, 30000, d("2025-06-01")],
];

/** An Excel under office-addin-mock with the cells, tables, names and date system of the file. */
async function officeOf(bytes: Uint8Array): Promise<{ book: Book; workbook: Workbook; done: () => void }> {
  const x = await XlsxBook.open(bytes);
  const o = await x.outline();
  const sheets: SheetModel[] = [];
  for (const name of o.sheets) {
    const last = await x.lastRow(name);
    const cells = new Map<string, unknown>();
    const errors = new Set<string>();
    const rows = last ? await x.rows(name, 1, last, 0, 60) : [];
    rows.forEach((row, r) =>
      row.forEach((v: Cell, c) => {
        if (v === null) return;
        const k = `${r},${c}`;
        if (typeof v === "object" && "error" in v) {
          errors.add(k);
          cells.set(k, v.error);
        } else if (typeof v === "object") {
          // a cell stored as a date is a serial number in Excel, in the workbook's date system
          const serial = Math.round((Date.parse(`${v.date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
          cells.set(k, o.date1904 ? serial - DATE1904_OFFSET : serial);
        } else cells.set(k, v);
      }),
    );
    const tables = o.tables
      .filter((t) => t.sheet === name)
      .map((t) => ({ name: t.name, headerRow: t.top - 1, column: t.left, rows: t.bottom - t.top, columns: t.right - t.left + 1 }));
    sheets.push({ name, cells, errors, tables });
  }
  const excel = fakeExcel({ sheets, names: Object.fromEntries(o.names), date1904: o.date1904 });
  excel.install();
  const workbook = officeWorkbook();
  return { book: workbook.book(), workbook, done: () => excel.uninstall() };
}

/** What must agree: the scenario, the year, every LeftOut and note, and the figures (or the core's refusal). */
function essence(r: Pick<WorkbookRead, "scenario" | "year" | "leftOut" | "notes">) {
  let figures: unknown;
  try {
    const report = evaluate(r.scenario);
    figures = {
      year: report.year,
      total: report.total,
      kia: report.kia,
      disinvestment: report.disinvestment?.total,
      partners: report.partners?.map((p) => p.kia),
    };
  } catch (e) {
    figures = { refused: (e as Error).message };
  }
  return { scenario: r.scenario, year: r.year, leftOut: r.leftOut, notes: r.notes, figures };
}

const NL = cultureFromLocale("nl-NL", "nl");

/**
 * The pane on a workbook, as App.tsx loads it (loadLedger) and shows it (derive): the parts it read, the rows it
 * lists as left out, its questions and notes, and its figures (with the year the workbook gives; the user's choices
 * as loaded: the partners as read).
 */
async function paneOf(wb: Workbook, fileName?: string) {
  const state = reducer(initialState(2025), await loadLedger(wb, {}, { guess: 2025, culture: async () => NL, ...(fileName ? { fileName } : {}) }));
  const d = makeDeriver()(state, NL);
  const report = d.evaluated?.report;
  return {
    parts: { scenario: d.read!.scenario, year: state.choices.year, leftOut: d.leftOut, open: d.ledger!.open, notes: state.notes },
    figures: report
      ? { year: report.year, total: report.total, kia: report.kia, disinvestment: report.disinvestment?.total, partners: report.partners?.map((p) => p.kia) }
      : { refused: d.error?.message },
    keyProblems: state.partnersRead?.problems ?? [],
  };
}

/** What the pane must show alike: kia-calc's parts, and its figures unless kia-calc refuses the scenario. */
function paneMustMatch(pane: Awaited<ReturnType<typeof paneOf>>, cli: FileRead, viaCli: ReturnType<typeof essence>) {
  expect(pane.parts).toEqual({ scenario: cli.scenario, year: cli.scenario.year, leftOut: cli.leftOut, open: cli.open, notes: cli.notes });
  if ("refused" in (viaCli.figures as object)) {
    // kia-calc refuses a key it does not know; the pane says so at the key and takes the profit shares until the user chooses
    expect(pane.keyProblems).toEqual([expect.stringMatching(/is geen verdeelsleutel/)]);
  } else expect(pane.figures).toEqual(viaCli.figures);
}

async function threeWays(name: string, bytes: Uint8Array) {
  const cli = await readLedgerFile(bytes, name);
  const fileName = name.replace(/^.*\//, "");
  const page = await openFileWorkbook({ name: fileName, arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer }, { storage: null });
  const fromPage = await readWorkbook(page.book());
  const viaCli = essence(cli);
  expect(essence(fromPage)).toEqual(viaCli);
  // the standalone page as the user sees it
  paneMustMatch(await paneOf(page, fileName), cli, viaCli);
  if (!name.endsWith(".csv")) {
    const office = await officeOf(bytes);
    try {
      expect(essence(await readWorkbook(office.book))).toEqual(viaCli);
      // the Excel pane as the user sees it
      paneMustMatch(await paneOf(office.workbook), cli, viaCli);
    } finally {
      office.done();
    }
  }
  return viaCli;
}

describe("the same workbook, the same reading in kia-calc, the standalone page and Excel", () => {
  const files = [
    ...readdirSync(join(root, "examples"))
      .filter((f) => /\.(xlsx|csv)$/.test(f))
      .map((f) => join("examples", f)),
    join("templates", "KIA-werkblad.xlsx"),
    ...readdirSync(join(root, "test", "fixtures"))
      .filter((f) => /\.(xlsx|csv)$/.test(f))
      .map((f) => join("test", "fixtures", f)),
    ...readdirSync(join(root, "test", "fixtures", "ledgers"))
      .filter((f) => /\.(xlsx|csv)$/.test(f))
      .map((f) => join("test", "fixtures", "ledgers", f)),
  ];
  it("takes the client ledgers of test/fixtures/ledgers too", () => expect(files.filter((f) => f.includes("ledgers")).length).toBeGreaterThanOrEqual(12));
  it.each(files)("%s", async (f) => {
    const r = await threeWays(f, new Uint8Array(readFileSync(join(root, f))));
    expect(r.figures).toHaveProperty("kia");
  });

  it("the sample saved with the 1904 date system (its dates kept): KIA 2025 € 19.769 everywhere", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(join(root, "examples", "voorbeeld-staat-2025.xlsx"))).buffer as ArrayBuffer);
    (wb.properties as { date1904?: boolean }).date1904 = true;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await XlsxBook.open(bytes)).date1904).toBe(true);
    const r = await threeWays("mac.xlsx", bytes);
    expect(r.figures).toMatchObject({ year: 2025, kia: "19769" });
  });

  const odd: [string, () => Promise<Uint8Array>, (r: Awaited<ReturnType<typeof threeWays>>) => void][] = [
    [
      "partners on a plain sheet, the key below them",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            {
              name: "Vennoten",
              rows: [
                ["Naam", "Winstaandeel"],
                ["Jansen", 60],
                ["De Vries", 40],
                ["Verdeelsleutel", "winst"],
              ],
            },
          ],
        }),
      (r) => expect(r.figures).toMatchObject({ partners: [expect.any(String), expect.any(String)] }),
    ],
    [
      "disposals on a plain sheet with Dutch headers",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            {
              name: "Desinvesteringen",
              rows: [
                ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"],
                ["D1", "Kast verkocht", 1000, "INV-2"],
              ],
            },
          ],
        }),
      (r) => expect(r.scenario.disposals).toHaveLength(1),
    ],
    [
      "an export's Groep column that names asset groups beside a Categorie column: no groups of besluit 2.2",
      () =>
        make({
          sheets: [
            {
              name: "Activa",
              rows: [
                ["Nummer", "Omschrijving", "Categorie", "Groep", "Bedrag", "Datum"],
                ["A1", "Stoel", "inventaris", "Inventaris", 300, d("2025-02-01")],
                ["A2", "Stoel", "inventaris", "Inventaris", 300, d("2025-02-01")],
                ["A3", "Lamp", "inventaris", "Inventaris", 300, d("2025-02-01")],
                ["A4", "Draaibank", "machine", "0210 Machines en installaties", 5000, d("2025-03-01")],
              ],
            },
          ],
        }),
      // read as one group, the three chairs and the lamp would pass the € 450 test together (900): they do not
      (r) => {
        expect((r.scenario.investments as { group?: string }[]).map((i) => i.group)).toEqual([undefined, undefined, undefined, undefined]);
        expect(r.figures).toMatchObject({ year: 2025, total: "5000", kia: "1400" });
      },
    ],
    [
      "a row of a group that cannot be read: the rest of its group is left out too (one asset, besluit 2.2)",
      () =>
        make({
          sheets: [
            {
              name: "Staat",
              rows: [
                ["Nummer", "Omschrijving", "Categorie", "Groep", "Bedrag", "Datum"],
                ["INV-1", "Frame", "machine", "Lijn 1", 5000, d("2025-03-01")],
                ["INV-2", "Motor", "machine", "lijn 1", "2,500", d("2025-03-01")],
                ["INV-3", "Kast", "inventaris", null, 3000, d("2025-03-01")],
              ],
            },
          ],
        }),
      (r) => {
        expect(r.leftOut.map((x) => [x.row, x.column, x.code])).toEqual([
          [3, "E", "UNREADABLE"],
          [2, "D", "INVALID_GROUP"],
        ]);
        expect(r.leftOut[1].reason).toMatch(/^hoort bij hetzelfde bedrijfsmiddel \(groep "Lijn 1"\) als investering INV-2, en die regel telt niet mee/);
        expect(r.figures).toMatchObject({ total: "3000" });
      },
    ],
    [
      "the year in KIA_JAAR (the dates say 2025)",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            {
              name: "Info",
              rows: [
                ["Klant", "X"],
                ["Jaar", 2024],
              ],
            },
          ],
          names: { KIA_JAAR: "Info!$B$2" },
        }),
      (r) => expect(r.year).toEqual({ from: "name", year: 2024, at: "Info!B2" }),
    ],
    [
      "a title row above the headers",
      () => make({ sheets: [{ name: "Staat", rows: [["Staat van investeringen klant X"], [], HEAD, ...LEDGER] }] }),
      (r) => expect(r.leftOut.map((x) => [x.sheet, x.row, x.column])).toEqual([["Staat", 6, "D"]]),
    ],
    [
      "two candidate tables: the one named Investeringen is read, the other is said",
      () =>
        make({
          sheets: [
            { name: "A", rows: [] },
            { name: "B", rows: [] },
          ],
          tables: [
            { sheet: "A", name: "Tabel1", ref: "A1", headers: HEAD, rows: LEDGER.slice(0, 1) },
            { sheet: "B", name: "Investeringen", ref: "A1", headers: HEAD, rows: LEDGER.slice(0, 2) },
          ],
        }),
      (r) => {
        expect(r.scenario.investments).toHaveLength(2);
        expect(r.notes.map((n) => n.reason)).toEqual([expect.stringMatching(/^tabel Tabel1 op blad A niet gelezen als staat van investeringen/)]);
      },
    ],
    [
      "an unknown key: the core refuses it, in its words",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            { name: "Vennoten", rows: [["Naam", "Winstaandeel"], ["A", 1], ["B", 1], [], ["Verdeelsleutel", "omzet"]] },
          ],
        }),
      (r) => expect(r.figures).toHaveProperty("refused"),
    ],
    [
      "dates as text",
      () =>
        make({
          sheets: [
            {
              name: "Staat",
              rows: [HEAD, ["INV-1", "Draaibank", "machine", 10000, null, "31-03-2025"], ["INV-2", "Kast", "inventaris", 3000, null, "2025-04-01"]],
            },
          ],
        }),
      (r) => expect(r.year).toMatchObject({ from: "dates", year: 2025 }),
    ],
    [
      "a sheet Vennoten that is no partners list: a note",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            {
              name: "Vennoten",
              rows: [
                ["Wie", "Hoeveel"],
                ["A", 1],
              ],
            },
          ],
        }),
      (r) => expect(r.notes).toEqual([expect.objectContaining({ kind: "partners", sheet: "Vennoten", row: 1, column: "A" })]),
    ],
    [
      "a row the core refuses (paid above the amount) and its disposal",
      () =>
        make({
          sheets: [{ name: "S", rows: [] }],
          tables: [
            {
              sheet: "S",
              name: "Investeringen",
              ref: "A1",
              headers: HEAD,
              rows: [
                ["INV-1", "Bank", "machine", 5000, 6000, d("2025-02-01")],
                ["INV-2", "Kast", "inventaris", 3000, null, d("2025-02-01")],
              ],
            },
            {
              sheet: "S",
              name: "Desinvesteringen",
              ref: "I1",
              headers: ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"],
              rows: [["D1", "weg", 100, "INV-1"]],
            },
          ],
        }),
      (r) =>
        expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column, x.code])).toEqual([
          ["investments", "S", 2, "E", expect.any(String)],
          ["disposals", "S", 2, "L", expect.any(String)],
        ]),
    ],
    [
      "a table named Vennoten whose headers are no partners': a note",
      () =>
        make({
          sheets: [
            { name: "Staat", rows: [HEAD, ...LEDGER] },
            { name: "P", rows: [] },
          ],
          tables: [{ sheet: "P", name: "Vennoten", ref: "B2", headers: ["Wie", "Deel"], rows: [["A", 1]] }],
        }),
      (r) => expect(r.notes).toEqual([expect.objectContaining({ sheet: "P", row: 2, column: "B", table: "Vennoten" })]),
    ],
    [
      "the 1904 date system with dates in 2025",
      () => make({ date1904: true, sheets: [{ name: "Staat", rows: [HEAD, ...LEDGER] }] }),
      (r) => expect(r.year).toMatchObject({ from: "dates", year: 2025 }),
    ],
    [
      "M1 (trial 19): a disposals section under the ledger on its sheet is read as disposals, not as a third investment",
      () => make({ sheets: [{ name: "Staat", rows: M1 }] }),
      (r) => {
        expect(r.scenario.investments).toHaveLength(2);
        expect(r.scenario.disposals).toBeUndefined();
        // the sale names no investment or year: left out at its row (the figure is voorlopig), never an investment
        expect(r.leftOut.map((x) => [x.list, x.sheet, x.row])).toEqual([
          ["disposals", "Staat", 8],
          ["disposals", "Staat", 8],
          ["disposals", "Staat", 8],
        ]);
        expect(r.figures).toMatchObject({ year: 2025, total: "120000", kia: "19769" });
      },
    ],
    [
      "M1 with a complete disposals section: the disposal is read, the addition of art. 3.47 made",
      () => make({ sheets: [{ name: "Staat", rows: M1_FULL }] }),
      (r) => {
        expect(r.scenario.disposals).toHaveLength(1);
        expect(r.leftOut).toEqual([]);
        expect(r.figures).toMatchObject({ year: 2025, total: "120000", kia: "19769", disinvestment: "8400" });
      },
    ],
    [
      "another list under a second header on the ledger's sheet: its rows left out, the same in every app",
      () =>
        make({
          sheets: [
            {
              name: "Staat",
              rows: [...M1.slice(0, 5), ["Afschrijvingen 2025"], ["Omschrijving", "Categorie", "Afschrijving"], ["CNC machine", "machine", 11100]],
            },
          ],
        }),
      (r) => {
        expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column, x.code])).toEqual([["investments", "Staat", 8, "A", "UNREADABLE"]]);
        expect(r.figures).toMatchObject({ total: "120000", kia: "19769" });
      },
    ],
    [
      "a recap per category under the ledger's total: left out at its rows, not counted twice, the same in every app",
      () => make({ sheets: [{ name: "Staat", rows: [...M1.slice(0, 5), [null, "inventaris", null, 9000], [null, "machine", null, 111000]] }] }),
      (r) => {
        expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column, x.code])).toEqual([
          ["investments", "Staat", 6, "B", "UNREADABLE"],
          ["investments", "Staat", 7, "B", "UNREADABLE"],
        ]);
        expect(r.leftOut[0].reason).toMatch(/^rij 6 staat onder het eindtotaal in Staat!A4 \(€ 120\.000, de som van de rijen erboven\)/);
        expect(r.figures).toMatchObject({ total: "120000", kia: "19769" });
      },
    ],
    [
      "a partners list under the ledger on its sheet, no other partners: read as the partners, with the key below it",
      () =>
        make({
          sheets: [
            {
              name: "Staat",
              rows: [...M1.slice(0, 5), ["Vennoten"], ["Naam", "Aandeel winst"], ["S. Knip", 0.6], ["T. Co", 0.4], ["Verdeelsleutel", "winst"]],
            },
          ],
        }),
      (r) => {
        expect(r.leftOut).toEqual([]);
        expect((r.scenario.partnership as { partners: { name: string }[] }).partners.map((p) => p.name)).toEqual(["S. Knip", "T. Co"]);
        // 19.769: 60 % = 11.861,40 -> 11.862; 40 % = 7.907,60 -> 7.908
        expect(r.figures).toMatchObject({ total: "120000", kia: "19769", partners: ["11862", "7908"] });
      },
    ],
    [
      "a list headed by one known name under the ledger ('Categorie; Afschrijving 2025; Boekwaarde'): no investment, left out the same everywhere",
      () =>
        make({
          sheets: [
            {
              name: "Staat",
              rows: [
                ["Activastaat 2025"],
                ["Categorie", "Omschrijving", "Aanschafwaarde"],
                ["machine", "CNC machine", 111000],
                ["inventaris", "Kasten", 9000],
                [],
                ["Categorie", "Afschrijving 2025", "Boekwaarde"],
                ["machine", 11100, 99900],
              ],
            },
          ],
        }),
      (r) => {
        expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column])).toEqual([["investments", "Staat", 7, "A"]]);
        expect(r.figures).toMatchObject({ total: "120000", kia: "19769" });
      },
    ],
  ];
  it.each(odd)("%s", async (name, bytes, check) => {
    check(await threeWays(`${name}.xlsx`, await bytes()));
  });

  it("M1 as a CSV (trial 19): the sale under 'Desinvesteringen 2025' is no investment, in kia-calc and the standalone page", async () => {
    const csv = new TextEncoder().encode(
      "Omschrijving;Categorie;Datum;Aanschafwaarde\r\nCNC machine;machine;03-03-2025;€ 111.000\r\nKasten;inventaris;01-04-2025;€ 9.000\r\nTotaal;;;€ 120.000\r\n\r\n" +
        "Desinvesteringen 2025\r\nOmschrijving;Categorie;Datum verkoop;Verkoopprijs\r\nOude pers;machine;01-06-2025;€ 30.000\r\n",
    );
    const r = await threeWays("m1.csv", csv);
    expect(r.figures).toMatchObject({ year: 2025, total: "120000", kia: "19769" });
    expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column])).toEqual([
      ["disposals", "m1.csv", 8, "A"],
      ["disposals", "m1.csv", 8, "A"],
      ["disposals", "m1.csv", 8, "A"],
    ]);
  });

  it("trial-16: a partners list beside the ledger is read as the partners in kia-calc, the standalone page and Excel", async () => {
    const bytes = await make({
      sheets: [
        {
          name: "Activa",
          rows: [
            ["Omschrijving", "Categorie", "Aanschafdatum", "Aanschafwaarde", null, "Vennoot", "Winstaandeel"],
            ["Behandelstoel", "Inventaris", "10-01-2025", 14500, null, "A. de Vries", "60%"],
            ["Röntgenapparaat", "Machines", "01-03-2025", 26000, null, "B. Jansen", "40%"],
            ["Sterilisator", "Machines", "01-04-2025", 5200],
          ],
        },
      ],
    });
    const r = await threeWays("naast.xlsx", bytes);
    // 45.700 x 28 % = 12.796, split 60/40
    expect(r.figures).toMatchObject({ year: 2025, kia: "12796", partners: [expect.any(String), expect.any(String)] });
  });

  it("trial-16: a sale in the ledger's own columns is left out the same way in kia-calc and the standalone page", async () => {
    const csv = new TextEncoder().encode(
      "Omschrijving;Soort;Datum in gebruik;Aanschafwaarde;Datum verkoop;Verkoopprijs\r\nTractor;Machines;01-04-2025;48.000,00;01-11-2025;30.000,00\r\n" +
        "Ploeg;Machines;01-05-2025;7.500,00;;\r\nTotaal generaal;;;55.500,00;;30.000,00\r\n",
    );
    const r = await threeWays("verkocht.csv", csv);
    expect(r.figures).toMatchObject({ year: 2025, total: "55500", kia: "15540" });
    expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column])).toEqual([["disposals", "verkocht.csv", 2, "E"]]);
  });

  it("a CSV: the command line and the standalone page", async () => {
    const csv = new TextEncoder().encode(
      "Staat klant X\r\n\r\nNummer;Categorie;Bedrag;Datum\r\nC1;machine;2.500,00;31-03-2025\r\nC2;machine;2,500;01-04-2025\r\n",
    );
    const r = await threeWays("staat.csv", csv);
    expect(r.leftOut).toEqual([expect.objectContaining({ sheet: "staat.csv", row: 5, column: "C", value: "2,500", code: "UNREADABLE" })]);
  });
});
