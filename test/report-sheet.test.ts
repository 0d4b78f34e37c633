/** The add-in's report sheet: the numbers are the report's, labels in Dutch or English, a valid sheet name. */
import { readdirSync, readFileSync } from "fs";
import { evaluate, kia, type Scenario } from "../src";
import { mapHeaders, type Cell } from "../src/workbook/ledger";
import { makeDeriver } from "../taskpane/app/derive";
import { leftOutReportRows } from "../taskpane/app/display";
import { messages } from "../taskpane/app/i18n";
import { cultureFromLocale } from "../taskpane/app/format";
import { initialState, reducer } from "../taskpane/app/state";
import { DATE, EURO, EURO_EXACT, excelDate, kiaCurve, leftOutRows, PERCENT, RATE_EXACT, reportSheet, reportSheetName, type LeftOutRow } from "../taskpane/report-sheet";
import type { Grid, ReportSheet } from "../taskpane/workbook/types";

const scenario: Scenario = {
  year: 2024,
  description: "Voorbeeld vof",
  investments: [
    { id: "m1", description: "Draaibank", category: "machine", amount: "60000" },
    { id: "m2", description: "=HYPERLINK(\"http://x\")", category: "machine", amount: "1234.5678", inUse: false, paid: "100" },
    { id: "c1", description: "Auto", category: "personenauto", amount: 30000 },
    { id: "k1", description: "Kast", category: "inventaris", amount: 300 },
    { id: "v1", description: "Oude vrachtauto", category: "vrachtauto", amount: 20000, lostByCalamity: { replacedBy: "v2" } },
    { id: "v2", description: "Nieuwe vrachtauto", category: "vrachtauto", amount: 25000 },
    { id: "o1", description: "Eigen gebruik", category: "machine", amount: 800, override: { eligible: false, reason: "privé gebruikt" } },
  ],
  partnership: { key: "winst", partners: [{ name: "A", profit: 2 }, { name: "B", profit: 1 }] },
};
const report = evaluate(scenario);
const opts = { version: "0.1.0", date: "2025-06-01", ledgerSource: "tabel Investeringen (blad Staat)", scenario };
const nl = reportSheet(report, { ...opts, lang: "nl" });
const en = reportSheet(report, { ...opts, lang: "en" });

function rowOf(sheet: ReportSheet, label: string, column = 0): (string | number | boolean | null)[] {
  const r = sheet.rows.find((row) => row[column] === label);
  if (!r) throw new Error(`no row ${label}`);
  return r;
}
function formatOf(sheet: ReportSheet, row: number, column: number): string | undefined {
  return sheet.formats.find((f) => f.row === row && f.column === column)?.format.numberFormat;
}

describe("report sheet", () => {
  it("is named KIA-rapport <jaar> / KIA report <year>, at most 31 characters", () => {
    expect(nl.name).toBe("KIA-rapport 2024");
    expect(en.name).toBe("KIA report 2024");
    for (let y = 2010; y <= 2026; y++) for (const l of ["nl", "en"] as const) expect(reportSheetName(y, l).length).toBeLessThanOrEqual(31);
  });

  it("summary amounts are the report's numbers, formatted as euros", () => {
    const kiaRow = nl.rows.indexOf(rowOf(nl, "KIA"));
    expect(nl.rows[kiaRow][1]).toBe(Number(report.kia));
    expect(formatOf(nl, kiaRow, 1)).toBe(EURO);
    expect(rowOf(nl, "Totaal investeringen dat meetelt")[1]).toBe(Number(report.total));
    expect(rowOf(nl, "Dit jaar aftrekbaar")[1]).toBe(Number(report.deductibleThisYear));
    expect(rowOf(nl, "Door naar latere jaren (betalingscriterium)")[1]).toBe(Number(report.carriedForward));
    expect(rowOf(nl, "Desinvesteringsbijtelling")[1]).toBe(0);
    expect(rowOf(en, "Deductible this year")[1]).toBe(Number(report.deductibleThisYear));
    // an exact amount with more than 2 decimals is a number too, with a format that shows its decimals
    expect(report.deductibleThisYearExact.split(".")[1]?.length).toBeGreaterThan(2);
    const deductible = nl.rows.indexOf(rowOf(nl, "Dit jaar aftrekbaar"));
    expect(nl.rows[deductible][2]).toBe(Number(report.deductibleThisYearExact));
    expect(formatOf(nl, deductible, 2)).toBe(EURO_EXACT);
    // the effective rate: a number with a percent format (and its exact value beside it), never text
    const rateRow = nl.rows.indexOf(rowOf(nl, "Effectief percentage (KIA / totaal)"));
    expect(nl.rows[rateRow].slice(1)).toEqual([Number(report.rate), Number(report.rate)]);
    expect(formatOf(nl, rateRow, 1)).toBe(PERCENT);
    expect(formatOf(nl, rateRow, 2)).toBe(RATE_EXACT);
  });

  it("the date is a real date: Excel's serial day number with a date format", () => {
    const r = nl.rows.indexOf(rowOf(nl, "Datum"));
    expect(nl.rows[r][1]).toBe(45809); // 2025-06-01
    expect(excelDate("2025-06-01")).toBe(45809);
    expect(excelDate("1900-03-01")).toBe(61);
    expect(formatOf(nl, r, 1)).toBe(DATE);
    expect(rowOf(en, "Date")[1]).toBe(45809);
  });

  it("every amount, rate and share is a number; text only where it must be text", () => {
    // a cell that holds a decimal number written as text is what Excel flags as "getal opgeslagen als tekst"
    for (const s of [nl, en]) {
      const numberLike = s.rows.flat().filter((v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v));
      expect(numberLike).toEqual([]);
      const dateLike = s.rows.flat().filter((v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v));
      expect(dateLike).toEqual([]);
    }
    // every number in an amount column carries a number format
    for (const f of nl.formats) if (f.column !== undefined && f.format.numberFormat) expect(typeof nl.rows[f.row][f.column]).toBe("number");
  });

  it("per asset: id, description, category, amount, counted, reason with article, KIA attributed, override with reason", () => {
    for (const a of report.assets) {
      const r = rowOf(nl, a.id);
      expect(r[3]).toBe(Number(a.amount));
      expect(r[4]).toBe(a.counted ? "ja" : "nee");
      expect(r[6]).toBe(Number(a.kiaAttributed));
      expect(String(r[5])).toContain(a.reasons[0].ref);
      const row = nl.rows.indexOf(r);
      expect(formatOf(nl, row, 3)).toBe(EURO);
      expect(formatOf(nl, row, 6)).toBe(EURO);
    }
    expect(rowOf(nl, "m2")[9]).toBe(1234.5678); // the exact amount, a number
    expect(formatOf(nl, nl.rows.indexOf(rowOf(nl, "m2")), 9)).toBe(EURO_EXACT);
    expect(rowOf(nl, "m2")[1]).toBe('=HYPERLINK("http://x")'); // a text value, never a formula object
    expect(rowOf(nl, "o1").slice(7, 9)).toEqual(["niet aftrekbaar", "privé gebruikt"]);
    expect(rowOf(en, "o1").slice(7, 9)).toEqual(["not deductible", "privé gebruikt"]);
    expect(rowOf(nl, "c1")[2]).toBe("Personenauto");
    expect(rowOf(en, "c1")[2]).toBe("Passenger car");
  });

  it("partners with share, method, KIA, this year and carried forward", () => {
    for (const p of report.partners!) {
      const r = rowOf(nl, p.name);
      expect(r[2]).toBe(Number(p.share));
      expect(r[4]).toBe(Number(p.kia));
      expect(r[5]).toBe(Number(p.deductibleThisYear));
      expect(r[6]).toBe(Number(p.carriedForward));
      expect(r[7]).toBe(Number(p.kiaExact));
      expect(r[3]).toBe("naar aandeel");
    }
    expect(rowOf(en, "A")[3]).toBe("by share");
  });

  it("the calamity choice with both amounts", () => {
    const c = report.calamity!;
    expect(nl.rows.some((r) => r[0] === "Keuze" && /goedkeuring/.test(String(r[1])))).toBe(true);
    const from = nl.rows.findIndex((r) => r[0] === "Calamiteit (besluit onderdeel 4.4)");
    const row = nl.rows.slice(from).find((r) => r[0] === "KIA")!;
    expect(row[1]).toBe(Number(c.kiaWithout));
    expect(row[2]).toBe(Number(c.kiaWith));
    expect(en.rows.some((r) => r[1] === "without approval" && r[2] === "with approval")).toBe(true);
    for (const [label, w, x] of [
      ["Desinvesteringsbijtelling in dit jaar", c.additionWithoutExact, c.additionWithExact],
      ["Netto (KIA min bijtelling)", c.netWithoutExact, c.netWithExact],
    ]) {
      const r = nl.rows.slice(from).find((row) => row[0] === label)!;
      expect(r.slice(1, 3)).toEqual([Number(w), Number(x)]);
    }
    expect(nl.rows.slice(from).find((row) => row[0] === "Verschil netto (met min zonder)")![1]).toBe(Number(c.differenceExact));
    // the choice is its own row, not one of the conditions
    expect(nl.rows.some((r) => String(r[1]).startsWith("Voorwaarden:") && /kiest|Geen keuze/.test(String(r[1])))).toBe(false);
  });

  it("the calamity block names insurance money only when a disposal is linked to the lost asset", () => {
    const sold = { ...scenario, disposals: [{ id: "d1", description: "Heftruck (verkocht)", price: 8000, investmentYear: 2022, investmentAmount: 20000, investmentYearTotal: 60000 }] };
    const a = reportSheet(evaluate(sold), { ...opts, scenario: sold, lang: "nl" });
    expect(a.rows.some((r) => r[0] === "Desinvesteringsbijtelling in dit jaar")).toBe(true);
    expect(a.rows.some((r) => /verzekeringsgeld/.test(String(r[0])))).toBe(false);
    // the disposal's description beside its number
    const d1 = a.rows.find((r) => r[0] === "d1")!;
    expect(d1.slice(0, 4)).toEqual(["d1", "Heftruck (verkocht)", 2022, 8000]);
    expect(typeof d1[5]).toBe("number");
    expect(typeof d1[6]).toBe("number");
    const insured = { ...scenario, disposals: [{ id: "u1", description: "Uitkering", price: 5000, investment: "v1" }] };
    const b = reportSheet(evaluate(insured), { ...opts, scenario: insured, lang: "nl" });
    expect(b.rows.some((r) => r[0] === "Desinvesteringsbijtelling in dit jaar (met verzekeringsgeld voor het verloren bedrijfsmiddel)")).toBe(true);
  });

  it("steps with their legal references and links; warnings; the year's parameters and sources", () => {
    for (const s of report.explanation) expect(nl.rows.some((r) => r[1] === s.text && r[2] === (s.ref ?? null))).toBe(true);
    const withUrl = nl.rows.filter((r) => typeof r[3] === "string" && String(r[3]).startsWith("https://"));
    expect(withUrl.length).toBeGreaterThan(0);
    for (const w of report.warnings) expect(nl.rows.some((r) => r[0] === w.code && r[1] === w.text)).toBe(true);
    for (const b of report.parameters.bands) expect(nl.rows.some((r) => r[1] === b)).toBe(true);
    for (const s of report.parameters.sources) expect(nl.rows.some((r) => r[0] === s.kind && r[1] === s.title && r[2] === s.url)).toBe(true);
    expect(nl.rows.some((r) => r[0] === "Afronding" && r[1] === report.parameters.rounding)).toBe(true);
    expect(en.rows.some((r) => r[0] === "Rounding")).toBe(true);
    expect(nl.links!.length).toBeGreaterThan(0);
  });

  it("labels are Dutch by default and English with lang en", () => {
    const texts = (s: ReportSheet) => s.rows.flat().filter((v) => typeof v === "string");
    expect(texts(nl)).toEqual(expect.arrayContaining(["Samenvatting", "Bedrijfsmiddelen", "Toelichting", "Vennoten", "Versie invoegtoepassing"]));
    expect(texts(en)).toEqual(expect.arrayContaining(["Summary", "Assets", "Explanation", "Partners", "Add-in version"]));
    expect(texts(en)).not.toContain("Samenvatting");
  });

  it("the KIA curve: its corners (every band edge and a cent past it, exact), past the ceiling, plus the client's total, marked for the chart", () => {
    const ch = nl.chart!;
    const points = nl.rows.slice(ch.firstRow, ch.lastRow + 1);
    expect(points[0][0]).toBe(0);
    const xs = points.map((p) => p[0] as number);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const p of points) expect(p[1]).toBe(kia(p[0] as number, 2024).roundedNumber);
    expect(nl.rows[ch.markRow!][0]).toBe(Number(report.total));
    expect(nl.rows[ch.markRow!][1]).toBe(kia(report.total, 2024).roundedNumber);
    expect(xs[xs.length - 1]).toBeGreaterThan(387580);
    // 2024's corners: the fixed band from 69.765, the phase-out from 129.194 (the maximum 19.535 on the line between)
    const curve = kiaCurve(2024);
    for (const edge of [2800, 69765, 129194, 387580]) {
      expect(curve).toContainEqual({ x: edge, y: kia(edge, 2024).roundedNumber });
      expect(curve).toContainEqual({ x: edge + 0.01, y: kia(edge + 0.01, 2024).roundedNumber });
    }
    expect(Math.max(...curve.map((p) => p.y))).toBe(19535);
    // between two points the curve is the straight line: check the KIA at the midpoints against it
    for (let i = 1; i < curve.length; i++) {
      const [a, b] = [curve[i - 1], curve[i]];
      if (b.x - a.x < 1) continue; // the step at a band edge
      const mid = (a.x + b.x) / 2;
      const line = a.y + ((b.y - a.y) * (mid - a.x)) / (b.x - a.x);
      expect(Math.abs(kia(Math.round(mid * 100) / 100, 2024).roundedNumber - line)).toBeLessThanOrEqual(1.5);
    }
    const marked = kiaCurve(2024, "100000.5");
    expect(marked[marked.mark!]).toEqual({ x: 100000.5, y: kia("100000.5", 2024).roundedNumber });
    expect(kiaCurve(2024, "900000").at(-1)!.x).toBeGreaterThan(900000);
  });
});

describe("report sheet for every worked example", () => {
  const dir = `${__dirname}/scenarios`;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    it(file, () => {
      const { scenario } = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
      const r = evaluate(scenario);
      for (const lang of ["nl", "en"] as const) {
        const s = reportSheet(r, { ...opts, scenario, lang });
        expect(s.name.length).toBeLessThanOrEqual(31);
        expect(rowOf(s, "KIA")[1]).toBe(Number(r.kia));
        for (const a of r.assets) expect(s.rows.some((row) => row[0] === a.id && row[3] === Number(a.amount) && row[6] === Number(a.kiaAttributed))).toBe(true);
        for (const row of s.rows) for (const v of row) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        if (r.disinvestment?.items.length) expect(s.rows.some((row) => row[0] === (lang === "nl" ? "Drempel" : "Threshold"))).toBe(true);
        if (r.payment?.items.length) for (const it of r.payment.items) expect(s.rows.some((row) => row[0] === it.asset && row[4] === Number(it.carriedForward))).toBe(true);
        expect(s.chart!.lastRow).toBe(s.rows.length - 1);
      }
    });
  }
});

/**
 * "Niet meegeteld": the rows the pane leaves out (a cell it cannot read, a row the core refuses, a disposal of that
 * row, a cell of the disposals table, a disposal entered in step 4 and not complete) are in the report with their
 * cell, number, column and reason, and the summary counts them.
 */
describe("report sheet: the rows left out", () => {
  const NL = cultureFromLocale("nl-NL", "nl");
  const grid = (sheet: string, headers: string[], rows: Cell[][]): Grid => ({ sheet, source: `tabel ${sheet}`, headers, rows, firstRow: 2, firstColumn: 0 });
  const ledger = grid(
    "Investeringen",
    ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald"],
    [
      ["INV-1", "Draaibank", "machine", 10000, null],
      ["INV-2", "Freesmachine", "machine", 5000, 6000], // refused by the core: paid more than the amount
      ["INV-3", "Printer", "computer", "2,500", null], // not read: 2,50 or 2.500?
      ["INV-4", "Kast", "inventaris", 2000, null],
    ],
  );
  const disposals = grid(
    "Desinvesteringen",
    ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"],
    [
      ["D1", "Freesmachine verkocht", 500, "INV-2"], // a disposal of a row left out
      ["D2", "Kast verkocht", "veel", "INV-4"], // its price not read
    ],
  );
  /** the pane after loading both tables and adding a disposal in step 4 without filling it in */
  function pane(lang: "nl" | "en", withDisposal = true) {
    let s = reducer(initialState(2025), {
      type: "load-done",
      source: { kind: "table", name: "tabel Investeringen", table: "Investeringen" },
      grid: ledger,
      disposalGrid: disposals,
      mapping: mapHeaders(ledger.headers).mapping,
      mappingOrigin: "headers",
      year: 2025,
    });
    if (withDisposal) s = reducer(s, { type: "add-disposal" });
    const d = makeDeriver()(s, NL);
    // as the report step (ReportStep.tsx): the reader's LeftOut entries, then the disposals entered in step 4 and not complete
    const rows = [
      ...leftOutReportRows(d.leftOut, messages(lang).fieldNames),
      ...leftOutRows({ grid: s.grid!, mapping: s.mapping, problems: [], disposalGrid: null, disposalProblems: [], disposalIssues: d.disposalIssues, paneDisposals: s.choices.disposals }, lang),
    ];
    const sheet = reportSheet(d.evaluated!.report!, { ...opts, lang, scenario: d.evaluated!.scenario, leftOut: rows });
    return { d, rows, sheet };
  }
  const paid = "betaald bedrag is hoger dan het investeringsbedrag (€ 5.000,00)";
  const noAmount = 'verkoopprijs: geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56"';
  const ambiguous =
    "dubbelzinnig bedrag: bedoelt u 2,50 of 2.500? Gebruik de komma alleen voor centen en de punt voor duizendtallen; verwacht een bedrag zoals 1.234,56";

  it("leftOutRows: every cell and row the pane lists, with its cell in the sheet, its number, the column and the reason", () => {
    const { d, rows } = pane("nl");
    expect(d.error).toBeNull();
    expect(d.evaluated!.scenario.investments.map((i) => i.id)).toEqual(["INV-1", "INV-4"]);
    // in the reader's order, as kia-calc lists them: the cells not read, the rows the core refuses; then the pane's own
    expect(rows).toEqual<LeftOutRow[]>([
      { list: "investments", cell: "Investeringen!D4", id: "INV-3", column: "bedrag", value: '"2,500"', reason: ambiguous },
      { list: "disposals", cell: "Desinvesteringen!C3", id: "D2", value: '"veel"', reason: noAmount },
      { list: "investments", cell: "Investeringen!E3", id: "INV-2", column: "betaald", reason: paid },
      { list: "disposals", cell: "Desinvesteringen!D2", id: "D1", column: "investering dit jaar", reason: "investering INV-2 telt niet mee (zie de melding bij die regel)" },
      { list: "disposals", cell: "Vervreemding 1 (stap 4 van het taakvenster)", reason: "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56" },
      { list: "disposals", cell: "Vervreemding 1 (stap 4 van het taakvenster)", reason: "kies de investering van dit jaar die is vervreemd" },
    ]);
    // English: the ledger column's name and the place of a disposal entered in the pane; the reasons (and the
    // disposals sheet's column names) stay the core's Dutch
    expect(pane("en").rows.map((r) => [r.cell, r.column, r.reason])).toEqual([
      ["Investeringen!D4", "amount", ambiguous],
      ["Desinvesteringen!C3", undefined, noAmount],
      ["Investeringen!E3", "paid", paid],
      ["Desinvesteringen!D2", "investering dit jaar", "investering INV-2 telt niet mee (zie de melding bij die regel)"],
      ["Disposal 1 (step 4 of the task pane)", undefined, "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56"],
      ["Disposal 1 (step 4 of the task pane)", undefined, "kies de investering van dit jaar die is vervreemd"],
    ]);
  });

  it("a section 'Niet meegeteld' after the summary lists each with cell, number, column, value and reason; the summary counts them", () => {
    const { sheet } = pane("nl");
    const at = sheet.rows.findIndex((r) => r[0] === "Niet meegeteld");
    expect(sheet.formats).toContainEqual({ row: at, format: { bold: true, heading: true } });
    expect(sheet.rows.slice(at, at + 10)).toEqual([
      ["Niet meegeteld"],
      ["Deze regels tellen niet mee in de berekening; verbeter ze in de staat en maak het rapport opnieuw."],
      ["Cel", "Nummer", "Kolom", "Waarde", "Reden"],
      ["Investeringen!D4", "INV-3", "bedrag", '"2,500"', ambiguous],
      ["Desinvesteringen!C3", "D2", null, '"veel"', noAmount],
      ["Investeringen!E3", "INV-2", "betaald", null, paid],
      ["Desinvesteringen!D2", "D1", "investering dit jaar", null, "investering INV-2 telt niet mee (zie de melding bij die regel)"],
      ["Vervreemding 1 (stap 4 van het taakvenster)", null, null, null, "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56"],
      ["Vervreemding 1 (stap 4 van het taakvenster)", null, null, null, "kies de investering van dit jaar die is vervreemd"],
      [],
    ]);
    // after the summary, before the assets
    const summary = sheet.rows.findIndex((r) => r[0] === "Samenvatting");
    expect(summary).toBeLessThan(at);
    expect(at).toBeLessThan(sheet.rows.findIndex((r) => r[0] === "Bedrijfsmiddelen"));
    // the summary: four rows of the ledger read (two counted, two not), three disposals not counted
    expect(rowOf(sheet, "Regels van de staat")).toEqual(["Regels van de staat", "4 regels gelezen, 2 niet meegeteld; 3 vervreemdingen niet meegeteld (zie Niet meegeteld)"]);
    expect(sheet.rows.indexOf(rowOf(sheet, "Regels van de staat"))).toBe(summary + 2);

    const en = pane("en").sheet;
    const atEn = en.rows.findIndex((r) => r[0] === "Not counted");
    expect(en.rows.slice(atEn, atEn + 4)).toEqual([
      ["Not counted"],
      ["These rows do not count in the calculation; correct them in the ledger and make the report again."],
      ["Cell", "Number", "Column", "Value", "Reason (Dutch)"],
      ["Investeringen!D4", "INV-3", "amount", '"2,500"', ambiguous],
    ]);
    expect(rowOf(en, "Rows of the ledger")[1]).toBe("4 rows read, 2 not counted; 3 disposals not counted (see Not counted)");
  });

  it("one row of the ledger left out, as in the sample (INV-16, '2,500'): '16 regels gelezen, 1 niet meegeteld'", () => {
    const investments = Array.from({ length: 15 }, (_, i) => ({ id: `INV-${i + 1}`, category: "machine", amount: 1000 }));
    const s: Scenario = { year: 2025, investments };
    const one: LeftOutRow[] = [{ list: "investments", cell: "Staat 2025!D19", id: "INV-16", column: "bedrag", value: '"2,500"', reason: ambiguous }];
    const sheet = reportSheet(evaluate(s), { ...opts, lang: "nl", scenario: s, leftOut: one });
    expect(rowOf(sheet, "Regels van de staat")[1]).toBe("16 regels gelezen, 1 niet meegeteld (zie Niet meegeteld)");
    expect(rowOf(sheet, "Staat 2025!D19")).toEqual(["Staat 2025!D19", "INV-16", "bedrag", '"2,500"', ambiguous]);
    // two cells of one row are one row left out
    const two = reportSheet(evaluate(s), { ...opts, lang: "en", scenario: s, leftOut: [...one, { ...one[0], cell: "Staat 2025!C19", column: "category", reason: "x" }] });
    expect(rowOf(two, "Rows of the ledger")[1]).toBe("16 rows read, 1 not counted (see Not counted)");
  });

  it("nothing left out: no section, and the summary says every row counts; not told (leftOut not given): neither", () => {
    const { sheet, rows } = pane("nl", false);
    expect(rows.length).toBeGreaterThan(0);
    const clean: Scenario = { year: 2025, investments: [{ id: "a", category: "machine", amount: 5000 }, { id: "b", category: "inventaris", amount: 800 }] };
    for (const lang of ["nl", "en"] as const) {
      const none = reportSheet(evaluate(clean), { ...opts, lang, scenario: clean, leftOut: [] });
      expect(none.rows.some((r) => r[0] === "Niet meegeteld" || r[0] === "Not counted")).toBe(false);
      expect(rowOf(none, lang === "nl" ? "Regels van de staat" : "Rows of the ledger")[1]).toBe(lang === "nl" ? "2 regels gelezen, alle meegeteld" : "2 rows read, all counted");
      const untold = reportSheet(evaluate(clean), { ...opts, lang, scenario: clean });
      expect(untold.rows.some((r) => ["Niet meegeteld", "Not counted", "Regels van de staat", "Rows of the ledger"].includes(String(r[0])))).toBe(false);
    }
    expect(sheet.rows.some((r) => r[0] === "Niet meegeteld")).toBe(true);
  });
});

describe("report sheet: issue 13's figures per partner", () => {
  const load = (f: string) => JSON.parse(readFileSync(`${__dirname}/scenarios/${f}`, "utf8")).scenario as Scenario;
  it("lists each partner's disinvestment addition at the level chosen, with the other reading", () => {
    const s = load("disinvestment-2024-partnership-per-partner.json");
    const sheet = reportSheet(evaluate(s), { ...opts, scenario: s, lang: "nl" });
    expect(rowOf(sheet, "Desinvesteringsbijtelling: Vennoot A").slice(1, 4)).toEqual(["per vennoot", 0, "voor het samenwerkingsverband als geheel: 700"]);
  });
  it("lists each partner's own outcome of the calamity approval", () => {
    const s = load("calamity-2024-partnership-per-partner.json");
    const sheet = reportSheet(evaluate(s), { ...opts, scenario: s, lang: "nl" });
    expect(rowOf(sheet, "Calamiteitsgoedkeuring voor: A")[1]).toBe(
      "per saldo zonder goedkeuring € 12.358,54, met € 15.628,00; de eigen keuze zou de goedkeuring zijn",
    );
  });
});
