/** The add-in's report sheet: the numbers are the report's, labels in Dutch or English, a valid sheet name. */
import { readdirSync, readFileSync } from "fs";
import { evaluate, kia, type Scenario } from "../src";
import { mapHeaders, type Cell } from "../src/workbook/ledger";
import { makeDeriver } from "../taskpane/app/model/derive";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { reducer } from "../taskpane/app/model/state";
import {
  DATE,
  EURO,
  EURO_EXACT,
  excelDate,
  kiaCurve,
  leftOutRows,
  PERCENT,
  RATE_EXACT,
  reportSheet,
  reportSheetName,
  type LeftOutRow,
} from "../taskpane/report-sheet";
import type { Grid, ReportSheet } from "../taskpane/workbook/types";
import { loadedPane } from "./support/pane";

const scenario: Scenario = {
  year: 2024,
  description: "Voorbeeld vof",
  investments: [
    { id: "m1", description: "Draaibank", category: "machine", amount: "60000" },
    { id: "m2", description: '=HYPERLINK("http://x")', category: "machine", amount: "1234.5678", inUse: false, paid: "100" },
    { id: "c1", description: "Auto", category: "personenauto", amount: 30000 },
    { id: "k1", description: "Kast", category: "inventaris", amount: 300 },
    { id: "v1", description: "Oude vrachtauto", category: "vrachtauto", amount: 20000, lostByCalamity: { replacedBy: "v2" } },
    { id: "v2", description: "Nieuwe vrachtauto", category: "vrachtauto", amount: 25000 },
    { id: "o1", description: "Eigen gebruik", category: "machine", amount: 800, override: { eligible: false, reason: "privé gebruikt" } },
  ],
  partnership: {
    key: "winst",
    partners: [
      { name: "A", profit: 2 },
      { name: "B", profit: 1 },
    ],
  },
};
const report = evaluate(scenario);
const opts = { version: "0.1.0", date: "2025-06-01", ledgerSource: "tabel Investeringen (blad Staat)", scenario };
const nl = reportSheet(report, { ...opts, lang: "nl" });
const en = reportSheet(report, { ...opts, lang: "en" });

/** a row's values without the empty cells of merged columns */
const compact = (row: (string | number | boolean | null)[]) => row.filter((v) => v !== null);
function rowOf(sheet: ReportSheet, label: string, column = 0): (string | number | boolean | null)[] {
  const r = sheet.rows.find((row) => row[column] === label);
  if (!r) throw new Error(`no row ${label}`);
  return compact(r);
}
function rawOf(sheet: ReportSheet, label: string): (string | number | boolean | null)[] {
  const r = sheet.rows.find((row) => row[0] === label);
  if (!r) throw new Error(`no row ${label}`);
  return r;
}
function formatOf(sheet: ReportSheet, row: number, column: number): string | undefined {
  return sheet.formats.find((f) => f.row === row && f.column === column && f.format.numberFormat)?.format.numberFormat;
}
const indexOf = (sheet: ReportSheet, label: string) => sheet.rows.findIndex((row) => row[0] === label);

describe("report sheet", () => {
  it("is named KIA-rapport <jaar> / KIA report <year>, at most 31 characters", () => {
    expect(nl.name).toBe("KIA-rapport 2024");
    expect(en.name).toBe("KIA report 2024");
    for (let y = 2010; y <= 2026; y++) for (const l of ["nl", "en"] as const) expect(reportSheetName(y, l).length).toBeLessThanOrEqual(31);
  });

  it("the calculation's amounts are the report's numbers, formatted as euros", () => {
    const kiaRow = indexOf(nl, "KIA");
    expect(compact(nl.rows[kiaRow])[1]).toBe(Number(report.kia));
    expect(formatOf(nl, kiaRow, 3)).toBe(EURO);
    expect(rowOf(nl, "Totaal investeringen dat meetelt")[1]).toBe(Number(report.total));
    expect(rowOf(nl, "Dit jaar aftrekbaar")[1]).toBe(Number(report.deductibleThisYear));
    expect(rowOf(nl, "Door naar latere jaren (betalingscriterium)")[1]).toBe(Number(report.carriedForward));
    expect(rowOf(nl, "Desinvesteringsbijtelling")[1]).toBe(0);
    expect(rowOf(en, "Deductible this year")[1]).toBe(Number(report.deductibleThisYear));
    // an exact amount with more than 2 decimals is a number too, with a format that shows its decimals
    expect(report.deductibleThisYearExact.split(".")[1]?.length).toBeGreaterThan(2);
    const deductible = indexOf(nl, "Dit jaar aftrekbaar");
    expect(compact(nl.rows[deductible])[2]).toBe(Number(report.deductibleThisYearExact));
    expect(formatOf(nl, deductible, 4)).toBe(EURO_EXACT);
    // the effective rate: a number with a percent format (and its exact value beside it), never text
    const rateRow = indexOf(nl, "Effectief percentage (KIA / totaal)");
    expect(compact(nl.rows[rateRow]).slice(1)).toEqual([Number(report.rate), Number(report.rate)]);
    expect(formatOf(nl, rateRow, 3)).toBe(PERCENT);
    expect(formatOf(nl, rateRow, 4)).toBe(RATE_EXACT);
  });

  it("the date is a real date: Excel's serial day number shown dd-mm-jjjj", () => {
    const r = indexOf(nl, "Datum");
    expect(compact(nl.rows[r])[1]).toBe(45809); // 2025-06-01
    expect(excelDate("2025-06-01")).toBe(45809);
    expect(excelDate("1900-03-01")).toBe(61);
    expect(DATE).toBe("dd-mm-yyyy");
    expect(formatOf(nl, r, 2)).toBe(DATE);
    expect(rowOf(en, "Date")[1]).toBe(45809);
  });

  it("every amount, rate and share is a number; text only where it must be text", () => {
    // a cell that holds a decimal number written as text is what Excel flags as "getal opgeslagen als tekst"
    for (const s of [nl, en]) {
      const numberLike = s.rows.flat().filter((v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v));
      expect(numberLike).toEqual([]);
      const dateLike = s.rows.flat().filter((v) => typeof v === "string" && !/^https:/.test(v) && /\b\d{4}-\d{2}-\d{2}\b/.test(v));
      expect(dateLike).toEqual([]);
    }
    // every number in an amount column carries a number format
    for (const f of nl.formats) if (f.column !== undefined && f.format.numberFormat) expect(typeof nl.rows[f.row][f.column]).toBe("number");
  });

  it("per asset: number, description, date, Dutch category, group, amount, counts, the deciding reason with its article, a manual review with its reason", () => {
    for (const a of report.assets) {
      const r = rawOf(nl, a.id);
      const row = nl.rows.indexOf(r);
      expect(r[5]).toBe(Number(a.amount));
      expect(r[6]).toBe(a.counted ? "ja" : "nee");
      expect(formatOf(nl, row, 5)).toBe(a.amount.includes(".") && a.amount.split(".")[1].length > 2 ? EURO_EXACT : EURO);
      // the reason below the row, over the other columns, wrapped
      const reason = String(nl.rows[row + 1][1]);
      expect(reason).toContain(a.reasons[0].ref);
      expect(nl.merges).toContainEqual({ row: row + 1, column: 1, columns: 6 });
      if (a.counted) expect(reason).toContain("KIA toegerekend");
    }
    expect(rawOf(nl, "m2")[5]).toBe(1234.5678); // the exact amount, a number
    expect(rawOf(nl, "m2")[1]).toBe('=HYPERLINK("http://x")'); // a text value, never a formula object
    const o1 = nl.rows.indexOf(rawOf(nl, "o1"));
    expect(nl.rows[o1 + 1][1]).toContain("Handmatig beoordeeld door u: niet aftrekbaar. Reden: privé gebruikt.");
    expect(en.rows[o1 + 1][1]).toContain("Reviewed manually by you: not deductible. Reason: privé gebruikt.");
    expect(rawOf(nl, "c1")[3]).toBe("Personenauto");
    expect(rawOf(en, "c1")[3]).toBe("Passenger car");
  });

  it("per asset its date (dd-mm-jjjj) and group", () => {
    const s: Scenario = {
      year: 2025,
      investments: [
        { id: "a1", description: "Bestelauto", category: "bestelauto", amount: 30000, date: "2025-03-31", group: "Auto 1" },
        { id: "a2", description: "Navigatie", category: "machine", amount: 800, date: "2025-04-02", group: "Auto 1" },
      ],
    };
    const sheet = reportSheet(evaluate(s), { ...opts, scenario: s, lang: "nl" });
    const r = indexOf(sheet, "a1");
    expect(sheet.rows[r].slice(0, 5)).toEqual(["a1", "Bestelauto", excelDate("2025-03-31"), "Bestelauto", "Auto 1"]);
    expect(formatOf(sheet, r, 2)).toBe("dd-mm-yyyy");
  });

  it("partners with share, method, KIA, this year and carried forward", () => {
    for (const p of report.partners!) {
      const r = rawOf(nl, p.name);
      expect(r[2]).toBe(Number(p.share));
      expect(r[3]).toBe(Number(p.kiaExact));
      expect(r[5]).toBe(Number(p.deductibleThisYear));
      expect(r[6]).toBe(Number(p.carriedForward));
      expect(nl.rows[nl.rows.indexOf(r) + 1][1]).toContain("methode: naar aandeel");
    }
    expect(en.rows[en.rows.indexOf(rawOf(en, "A")) + 1][1]).toContain("method: by share");
  });

  it("Voor de aangifte: KIA, this year's part and the part for later years (art. 3.44), the addition, per partner; each with where it goes", () => {
    const at = indexOf(nl, "Voor de aangifte");
    expect(at).toBeGreaterThan(indexOf(nl, "Klantgegevens"));
    const block = nl.rows.slice(at + 2, indexOf(nl, "Samenvatting voor de klant") - 1).map(compact);
    expect(block[0]).toEqual(["Kleinschaligheidsinvesteringsaftrek (KIA)", Number(report.kia), "Totaal over het jaar (art. 3.41 Wet IB 2001)"]);
    expect(block[1]).toEqual([
      "Daarvan dit jaar aftrekbaar",
      Number(report.deductibleThisYear),
      "Aangifte IB, winst uit onderneming: investeringsaftrek (art. 3.44)",
    ]);
    expect(block[2]).toEqual([
      "Daarvan door naar latere jaren (nog niet betaald)",
      Number(report.carriedForward),
      "Niet in deze aangifte: in het jaar van betaling (art. 3.44)",
    ]);
    expect(block[3]).toEqual(["Desinvesteringsbijtelling", 0, "Aangifte IB, winst uit onderneming: desinvesteringsbijtelling (art. 3.47)"]);
    for (const p of report.partners!)
      expect(block).toContainEqual([`Vennoot ${p.name}: KIA dit jaar aftrekbaar`, Number(p.deductibleThisYear), "Aangifte van de vennoot: investeringsaftrek"]);
    // Vpb: art. 8 Wet Vpb 1969
    const vpb = reportSheet(report, { ...opts, lang: "nl", client: { tax: "vpb" } });
    expect(vpb.rows.map(compact).find((r) => r[0] === "Daarvan dit jaar aftrekbaar")![2]).toBe(
      "Aangifte Vpb, fiscale winst: investeringsaftrek (art. 8 Wet Vpb 1969)",
    );
    expect(rowOf(vpb, "Belasting")[1]).toBe("Vennootschapsbelasting (art. 8 Wet Vpb 1969 past de KIA toe)");
  });

  it("the calamity choice with both amounts", () => {
    const c = report.calamity!;
    expect(nl.rows.map(compact).some((r) => r[0] === "Keuze" && /goedkeuring/.test(String(r[1])))).toBe(true);
    const from = indexOf(nl, "Calamiteit (besluit onderdeel 4.4)");
    const row = compact(nl.rows.slice(from).find((r) => r[0] === "KIA")!);
    expect(row[1]).toBe(Number(c.kiaWithout));
    expect(row[2]).toBe(Number(c.kiaWith));
    expect(en.rows.map(compact).some((r) => r[1] === "without approval" && r[2] === "with approval")).toBe(true);
    for (const [label, w, x] of [
      ["Desinvesteringsbijtelling in dit jaar", c.additionWithoutExact, c.additionWithExact],
      ["Netto (KIA min bijtelling)", c.netWithoutExact, c.netWithExact],
    ]) {
      const r = compact(nl.rows.slice(from).find((row) => row[0] === label)!);
      expect(r.slice(1, 3)).toEqual([Number(w), Number(x)]);
    }
    expect(compact(nl.rows.slice(from).find((row) => row[0] === "Verschil netto (met min zonder)")!)[1]).toBe(Number(c.differenceExact));
    // the choice is its own row, not one of the conditions
    expect(nl.rows.some((r) => String(r[1]).startsWith("Voorwaarden:") && /kiest|Geen keuze/.test(String(r[1])))).toBe(false);
  });

  it("the calamity block names insurance money only when a disposal is linked to the lost asset", () => {
    const sold = {
      ...scenario,
      disposals: [{ id: "d1", description: "Heftruck (verkocht)", price: 8000, investmentYear: 2022, investmentAmount: 20000, investmentYearTotal: 60000 }],
    };
    const a = reportSheet(evaluate(sold), { ...opts, scenario: sold, lang: "nl" });
    expect(a.rows.some((r) => r[0] === "Desinvesteringsbijtelling in dit jaar")).toBe(true);
    expect(a.rows.some((r) => /verzekeringsgeld/.test(String(r[0])))).toBe(false);
    // the disposal's description beside its number
    const d1 = rawOf(a, "d1");
    expect(d1.slice(0, 4)).toEqual(["d1", "Heftruck (verkocht)", 2022, 8000]);
    expect(typeof d1[4]).toBe("number");
    expect(typeof d1[5]).toBe("number");
    const insured = { ...scenario, disposals: [{ id: "u1", description: "Uitkering", price: 5000, investment: "v1" }] };
    const b = reportSheet(evaluate(insured), { ...opts, scenario: insured, lang: "nl" });
    expect(b.rows.some((r) => r[0] === "Desinvesteringsbijtelling in dit jaar (met verzekeringsgeld voor het verloren bedrijfsmiddel)")).toBe(true);
  });

  it("steps with their legal references as links; points to check without codes; the table, the rounding policy stated, the law's sources only", () => {
    for (const s of report.explanation)
      expect(nl.rows.some((r) => r[1] === s.text && r[5] === (s.ref ? (/^afrondingsbeleid/.test(s.ref) ? "afronding (zie Afronding)" : s.ref) : null))).toBe(
        true,
      );
    expect(nl.links!.some((l) => l.column === 5 && l.url.startsWith("https://wetten.overheid.nl/"))).toBe(true);
    for (const w of report.warnings) {
      expect(nl.rows.some((r) => r[0] === "•" && r[1] === w.text)).toBe(true);
      expect(nl.rows.flat()).not.toContain(w.code);
    }
    for (const b of report.parameters.bands) expect(nl.rows.some((r) => r[2] === b)).toBe(true);
    const kinds = { wet: "wet", besluit: "besluit", belastingdienst: "Belastingdienst", rechtspraak: "rechtspraak" } as Record<string, string>;
    for (const s of report.parameters.sources) {
      const listed = nl.rows.some((r) => r[1] === s.url);
      expect(listed).toBe(s.kind !== "secondary");
      if (listed) expect(nl.rows.some((r) => r[0] === kinds[s.kind] && String(r[1]).startsWith(s.title))).toBe(true);
    }
    expect(rowOf(nl, "Afronding")[1]).toMatch(/^Bedragen in hele euro's, afgerond in het voordeel van de belastingplichtige/);
    expect(nl.rows.flat().some((v) => typeof v === "string" && /docs\/rounding|afrondingsbeleid van de add-in|tikfout|regelrecht/.test(v))).toBe(false);
    expect(en.rows.some((r) => r[0] === "Rounding")).toBe(true);
  });

  it("labels are Dutch by default and English with lang en", () => {
    const texts = (s: ReportSheet) => s.rows.flat().filter((v) => typeof v === "string");
    expect(texts(nl)).toEqual(
      expect.arrayContaining([
        "Klantgegevens",
        "Voor de aangifte",
        "Samenvatting voor de klant",
        "Bedrijfsmiddelen",
        "Toelichting",
        "Vennoten",
        "Versie invoegtoepassing",
        "Versie wettelijke gegevens",
      ]),
    );
    expect(texts(en)).toEqual(expect.arrayContaining(["Client", "For the tax return", "Summary for the client", "Assets", "Partners", "Add-in version"]));
    expect(texts(en)).not.toContain("Samenvatting voor de klant");
  });

  it("the KIA curve: its corners (every band edge and a cent past it, exact), past the ceiling, plus the client's total, marked for the chart", () => {
    const ch = nl.chart!;
    expect(ch.columns).toEqual([1, 2]);
    const points = nl.rows.slice(ch.firstRow, ch.lastRow + 1).map((p) => p.slice(1));
    expect(points[0][0]).toBe(0);
    const xs = points.map((p) => p[0] as number);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const p of points) expect(p[1]).toBe(kia(p[0] as number, 2024).roundedNumber);
    expect(nl.rows[ch.markRow!][1]).toBe(Number(report.total));
    expect(nl.rows[ch.markRow!][2]).toBe(kia(report.total, 2024).roundedNumber);
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
        for (const a of r.assets) expect(s.rows.some((row) => row[0] === a.id && row[5] === Number(a.amount))).toBe(true);
        for (const row of s.rows) for (const v of row) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        if (r.disinvestment?.items.length) expect(s.rows.some((row) => row[0] === (lang === "nl" ? "Drempel" : "Threshold"))).toBe(true);
        if (r.payment?.items.length)
          for (const it of r.payment.items) expect(s.rows.some((row) => row[0] === it.asset && row[6] === Number(it.carriedForward))).toBe(true);
        // below the curve nothing is printed; the year's register (src/register) sits below the print area
        expect(s.rows.slice(s.chart!.lastRow + 1, s.page!.area.rows).every((row) => row.length === 0)).toBe(true);
        expect(s.tables).toEqual([expect.objectContaining({ name: `KIA_REGISTER_${r.year}`, column: 0 })]);
        expect(s.tables![0].row).toBeGreaterThan(s.page!.area.rows);
        // the page's setup: A4 portrait, one page wide, the title rows on every page
        expect(s.page).toMatchObject({ paper: "A4", orientation: "portrait", fitToWidth: 1, fitToHeight: 0, titleRows: [0, 1] });
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
  /** the pane after loading the ledger and `disposalGrid` */
  const loaded = (disposalGrid: typeof disposals) => loadedPane(ledger, mapHeaders(ledger.headers).mapping, { disposalGrid, year: 2025 });
  function pane(lang: "nl" | "en", withDisposal = true) {
    let s = loaded(disposals);
    if (withDisposal) s = reducer(s, { type: "add-disposal" });
    const d = makeDeriver()(s, NL);
    // as the report step (ReportStep.tsx): the reader's LeftOut entries, then the disposals entered in step 4 and not complete
    const rows = leftOutRows(d.leftOut, { issues: d.disposalIssues, disposals: s.choices.disposals }, lang);
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
      {
        list: "investments",
        cell: "Investeringen!D4",
        sheet: "Investeringen",
        row: 4,
        id: "INV-3",
        description: "Printer",
        amount: "2,500",
        column: "bedrag",
        value: '"2,500"',
        reason: ambiguous,
      },
      {
        list: "disposals",
        cell: "Desinvesteringen!C3",
        sheet: "Desinvesteringen",
        row: 3,
        id: "D2",
        description: "Kast verkocht",
        amount: "veel",
        value: '"veel"',
        reason: noAmount,
      },
      {
        list: "investments",
        cell: "Investeringen!E3",
        sheet: "Investeringen",
        row: 3,
        id: "INV-2",
        description: "Freesmachine",
        amount: "5000",
        column: "betaald",
        reason: paid,
      },
      // the disposal of a row left out, at the cell kia-calc names (the investment it undoes), with kia-calc's column name
      {
        list: "disposals",
        cell: "Desinvesteringen!D2",
        sheet: "Desinvesteringen",
        row: 2,
        id: "D1",
        description: "Freesmachine verkocht",
        amount: "500",
        column: "investering dit jaar",
        reason: "investering INV-2 telt niet mee (zie de melding bij die regel)",
      },
      { list: "disposals", cell: "Vervreemding 1 (stap 4 van het taakvenster)", reason: "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56" },
      { list: "disposals", cell: "Vervreemding 1 (stap 4 van het taakvenster)", reason: "kies de investering van dit jaar die is vervreemd" },
    ]);
    // English: the column's name and the place of a disposal entered in the pane; the reasons stay the core's Dutch
    expect(pane("en").rows.map((r) => [r.cell, r.column, r.reason])).toEqual([
      ["Investeringen!D4", "amount", ambiguous],
      ["Desinvesteringen!C3", undefined, noAmount],
      ["Investeringen!E3", "paid", paid],
      ["Desinvesteringen!D2", undefined, "investering INV-2 telt niet mee (zie de melding bij die regel)"],
      ["Disposal 1 (step 4 of the task pane)", undefined, "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56"],
      ["Disposal 1 (step 4 of the task pane)", undefined, "kies de investering van dit jaar die is vervreemd"],
    ]);
  });

  it("a sale of 2021 without its amount and 2021's total: one row in 'Niet meegeteld' that says so, with no description shown as a value", () => {
    const sale = grid("Desinvesteringen", ["Omschrijving", "Aanschafjaar", "Verkoopprijs"], [["Heftruck Linde", 2021, 6500]]);
    const s = loaded(sale);
    const d = makeDeriver()(s, NL);
    const rows = leftOutRows(d.leftOut, { issues: d.disposalIssues, disposals: s.choices.disposals }, "nl").filter((r) => r.list === "disposals");
    expect(rows).toEqual<LeftOutRow[]>([
      {
        list: "disposals",
        cell: "Desinvesteringen!B2",
        sheet: "Desinvesteringen",
        row: 2,
        description: "Heftruck Linde",
        amount: "6500",
        reason:
          "verkoop van een bedrijfsmiddel uit 2021: investeringsbedrag en totaal investeringsjaar ontbreken (art. 3.47 rekent met het investeringsbedrag en het totaal van de investeringen van 2021); " +
          'vul de kolommen "Investeringsbedrag" en "Totaal investeringsjaar" in, of zet in een kolom "Uit register" het nummer uit het register van 2021 (zoals 2021:M3) ' +
          'en lees het rapport van 2021 in bij stap 4 "Uit eerdere jaren" (kia-calc: --eerder <bestand>)',
      },
    ]);
    const sheet = reportSheet(d.evaluated!.report!, { ...opts, lang: "nl", scenario: d.evaluated!.scenario, leftOut: rows });
    const row = sheet.rows.map(compact).find((r) => r[0] === "Desinvesteringen!B2");
    expect(row?.slice(0, 3)).toEqual(["Desinvesteringen!B2", "Heftruck Linde", 6500]);
    expect(String(row?.[3])).toMatch(/^verkoop van een bedrijfsmiddel uit 2021: .*--eerder <bestand>\)$/);
    expect(String(row?.[3])).not.toContain("waarde");
  });

  it("a section 'Niet meegeteld' after the calculation lists each with cell, description, amount and reason; the client block counts them", () => {
    const { sheet } = pane("nl");
    const at = indexOf(sheet, "Niet meegeteld");
    expect(sheet.formats).toContainEqual({ row: at, format: { bold: true, heading: true } });
    expect(sheet.rows.slice(at, at + 10).map(compact)).toEqual([
      ["Niet meegeteld"],
      ["Deze regels tellen niet mee in de berekening; verbeter ze in de staat en maak het rapport opnieuw."],
      ["Cel", "Omschrijving", "Bedrag", "Reden"],
      ["Investeringen!D4", "Printer", "2,500", `${ambiguous} (nummer INV-3, kolom bedrag, waarde "2,500")`],
      ["Desinvesteringen!C3", "Kast verkocht", "veel", `${noAmount} (nummer D2, waarde "veel")`],
      ["Investeringen!E3", "Freesmachine", 5000, `${paid} (nummer INV-2, kolom betaald)`],
      [
        "Desinvesteringen!D2",
        "Freesmachine verkocht",
        500,
        "investering INV-2 telt niet mee (zie de melding bij die regel) (nummer D1, kolom investering dit jaar)",
      ],
      ["Vervreemding 1 (stap 4 van het taakvenster)", "verkoopprijs ontbreekt; vul een bedrag in, zoals 1.234,56"],
      ["Vervreemding 1 (stap 4 van het taakvenster)", "kies de investering van dit jaar die is vervreemd"],
      [],
    ]);
    // after the calculation, before the assets
    expect(indexOf(sheet, "Berekening")).toBeLessThan(at);
    expect(at).toBeLessThan(indexOf(sheet, "Bedrijfsmiddelen"));
    // the client block: four rows of the ledger read (two counted, two not), three disposals not counted
    expect(rowOf(sheet, "Regels van de staat")).toEqual([
      "Regels van de staat",
      "4 regels gelezen, 2 niet meegeteld; 3 vervreemdingen niet meegeteld (zie Niet meegeteld)",
    ]);
    expect(
      sheet.rows.some(
        (r) =>
          r[0] === "Eén regel van de staat telt niet mee; zie Niet meegeteld op de volgende pagina." ||
          /^5 regels van de staat tellen niet mee/.test(String(r[0])),
      ),
    ).toBe(true);

    const en = pane("en").sheet;
    const atEn = indexOf(en, "Not counted");
    expect(en.rows.slice(atEn, atEn + 4).map(compact)).toEqual([
      ["Not counted"],
      ["These rows do not count in the calculation; correct them in the ledger and make the report again."],
      ["Cell", "Description", "Amount", "Reason (Dutch)"],
      ["Investeringen!D4", "Printer", "2,500", `${ambiguous} (number INV-3, column amount, value "2,500")`],
    ]);
    expect(rowOf(en, "Rows of the ledger")[1]).toBe("4 rows read, 2 not counted; 3 disposals not counted (see Not counted)");
  });

  it("one row of the ledger left out, as in the sample (INV-16, '2,500'): '16 regels gelezen, 1 niet meegeteld'", () => {
    const investments = Array.from({ length: 15 }, (_, i) => ({ id: `INV-${i + 1}`, category: "machine", amount: 1000 }));
    const s: Scenario = { year: 2025, investments };
    const one: LeftOutRow[] = [
      { list: "investments", cell: "Staat 2025!D19", sheet: "Staat 2025", row: 19, id: "INV-16", column: "bedrag", value: '"2,500"', reason: ambiguous },
    ];
    const sheet = reportSheet(evaluate(s), { ...opts, lang: "nl", scenario: s, leftOut: one });
    expect(rowOf(sheet, "Regels van de staat")[1]).toBe("16 regels gelezen, 1 niet meegeteld (zie Niet meegeteld)");
    expect(rowOf(sheet, "Staat 2025!D19")).toEqual(["Staat 2025!D19", "INV-16", `${ambiguous} (nummer INV-16, kolom bedrag, waarde "2,500")`]);
    // two cells of one row are one row left out
    const two = reportSheet(evaluate(s), {
      ...opts,
      lang: "en",
      scenario: s,
      leftOut: [...one, { ...one[0], cell: "Staat 2025!C19", column: "category", reason: "x" }],
    });
    expect(rowOf(two, "Rows of the ledger")[1]).toBe("16 rows read, 1 not counted (see Not counted)");
  });

  it("nothing left out: no section, and the summary says every row counts; not told (leftOut not given): neither", () => {
    const { sheet, rows } = pane("nl", false);
    expect(rows.length).toBeGreaterThan(0);
    const clean: Scenario = {
      year: 2025,
      investments: [
        { id: "a", category: "machine", amount: 5000 },
        { id: "b", category: "inventaris", amount: 800 },
      ],
    };
    for (const lang of ["nl", "en"] as const) {
      const none = reportSheet(evaluate(clean), { ...opts, lang, scenario: clean, leftOut: [] });
      expect(none.rows.some((r) => r[0] === "Niet meegeteld" || r[0] === "Not counted")).toBe(false);
      expect(rowOf(none, lang === "nl" ? "Regels van de staat" : "Rows of the ledger")[1]).toBe(
        lang === "nl" ? "2 regels gelezen, alle meegeteld" : "2 rows read, all counted",
      );
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
    expect(rowOf(sheet, "Desinvesteringsbijtelling: Vennoot A").slice(1, 3)).toEqual([0, "per vennoot; voor het samenwerkingsverband als geheel: € 700,00"]);
  });
  it("lists each partner's own outcome of the calamity approval", () => {
    const s = load("calamity-2024-partnership-per-partner.json");
    const sheet = reportSheet(evaluate(s), { ...opts, scenario: s, lang: "nl" });
    expect(rowOf(sheet, "Calamiteitsgoedkeuring voor: A")[1]).toBe(
      "per saldo zonder goedkeuring € 12.358,54, met € 15.628,00; de eigen keuze zou de goedkeuring zijn",
    );
  });
});

describe("report sheet: a CONCEPT while a question is open or rows are left out (issue 14/16)", () => {
  const s: Scenario = {
    year: 2025,
    investments: [
      { id: "a", description: "Bureau", category: "inventaris", amount: 1450 },
      { id: "b", category: "machine", amount: 2100 },
    ],
  };
  const r = evaluate(s);
  const open = [
    {
      cell: "Staat!D4",
      sheet: "Staat",
      row: 4,
      id: "H3",
      description: "Laptop",
      amount: "1899",
      question: "Gedateerd 28-12-2024, niet in 2025: telt niet mee in 2025, tenzij de verplichting in 2025 is aangegaan (art. 3.43 Wet IB 2001)",
    },
  ];
  const left: LeftOutRow[] = [{ list: "investments", cell: "Staat!E9", id: "H9", description: "Printer", amount: "2,500", reason: "bedrag onduidelijk" }];
  const texts = (sheet: ReportSheet) => sheet.rows.flat().filter((v): v is string => typeof v === "string");

  it("an open question: CONCEPT in the title (and the header on every page), a banner, 'voorlopig' over the figures for the return, no signature, the question listed", () => {
    const sheet = reportSheet(r, { ...opts, lang: "nl", scenario: s, leftOut: [], open });
    expect(sheet.provisional).toBe(true);
    expect(sheet.rows[0][0]).toBe("Kleinschaligheidsinvesteringsaftrek 2025 – CONCEPT");
    expect(sheet.page!.titleRows).toEqual([0, 1]);
    expect(sheet.page!.header).toMatch(/&R.*– CONCEPT$/);
    expect(texts(sheet).find((t) => /^CONCEPT – voorlopige uitkomst: 1 open vraag\./.test(t))).toMatch(/gebruik ze niet voor de aangifte/);
    expect(texts(sheet)).toContain("Voor de aangifte – voorlopig, nog niet invullen");
    expect(texts(sheet)).not.toContain("Voor de aangifte");
    const head = indexOf(sheet, "Post");
    expect(compact(sheet.rows[head])).toEqual(["Post", "Voorlopig bedrag", "Waar in de aangifte"]);
    expect(texts(sheet)).toContain("Concept: niet ondertekenen");
    expect(texts(sheet)).not.toContain("Paraaf opsteller / beoordelaar");
    expect(texts(sheet).some((t) => /^De kleinschaligheidsinvesteringsaftrek over 2025 is voorlopig € /.test(t))).toBe(true);
    expect(texts(sheet)).toContain("Berekening (voorlopig)");
    // the question with its cell, description, amount
    const at = indexOf(sheet, "Open vragen");
    expect(at).toBeGreaterThan(indexOf(sheet, "Berekening (voorlopig)"));
    expect(rowOf(sheet, "Staat!D4")).toEqual(["Staat!D4", "Laptop", 1899, open[0].question]);
    // the row with the question is read but does not count
    expect(rowOf(sheet, "Regels van de staat")[1]).toBe("3 regels gelezen, 1 met een open vraag (zie Open vragen)");
    const en = reportSheet(r, { ...opts, lang: "en", scenario: s, leftOut: [], open });
    expect(en.rows[0][0]).toBe("Small-scale investment deduction (KIA) 2025 – DRAFT");
    expect(texts(en)).toContain("Draft: do not sign");
  });

  it("rows left out: a CONCEPT, unless the user gave the reason they are left out on purpose (then final, with the reason in the client block)", () => {
    const concept = reportSheet(r, { ...opts, lang: "nl", scenario: s, leftOut: left });
    expect(concept.provisional).toBe(true);
    expect(texts(concept).find((t) => /^CONCEPT – /.test(t))).toMatch(
      /^CONCEPT – voorlopige uitkomst: 1 regel niet meegeteld\. .*Verbeter de regels \(zie Niet meegeteld\) of geef aan waarom ze bewust niet meetellen/,
    );
    const final = reportSheet(r, { ...opts, lang: "nl", scenario: s, leftOut: left, leftOutReason: "  Printer is privé, bewust weggelaten " });
    expect(final.provisional).toBe(false);
    expect(final.rows[0][0]).toBe("Kleinschaligheidsinvesteringsaftrek 2025");
    expect(texts(final).some((t) => /CONCEPT|voorlopig/i.test(t))).toBe(false);
    expect(rowOf(final, "Bewust niet meegeteld")).toEqual(["Bewust niet meegeteld", "Printer is privé, bewust weggelaten"]);
    expect(texts(final)).toContain("Paraaf opsteller / beoordelaar");
    // a reason does not make an open question final
    expect(reportSheet(r, { ...opts, lang: "nl", scenario: s, leftOut: left, open, leftOutReason: "privé" }).provisional).toBe(true);
  });

  it("nothing open and nothing left out: final, without any CONCEPT or 'voorlopig'", () => {
    const sheet = reportSheet(r, { ...opts, lang: "nl", scenario: s, leftOut: [] });
    expect(sheet.provisional).toBe(false);
    expect(texts(sheet).some((t) => /CONCEPT|voorlopig/i.test(t))).toBe(false);
    expect(sheet.page!.header).toBe("&LKIA 2025&RKleinschaligheidsinvesteringsaftrek 2025");
  });
});

describe("the pane's report helpers", () => {
  it("the eleven test of a BSN/RSIN (the client block's fiscal number); the bare number copied for the return", async () => {
    const { elevenTest, bareNumber, clientOf } = await import("../taskpane/app/report/report-helpers");
    expect(elevenTest("123456782")).toBe(true);
    expect(elevenTest("111222333")).toBe(true);
    expect(elevenTest("1112.22.333")).toBe(true);
    expect(elevenTest("123456789")).toBe(false);
    expect(elevenTest("000000000")).toBe(false);
    expect(elevenTest("12345")).toBe(false);
    expect(bareNumber("19769", ",")).toBe("19769");
    expect(bareNumber("1234.56", ",")).toBe("1234,56");
    expect(bareNumber("1234.56", ".")).toBe("1234.56");
    // what the document holds is taken only where it has the right shape
    expect(clientOf({ name: "X", tax: "vpb", dossier: 7, extra: "y" })).toEqual({ name: "X", tax: "vpb" });
    expect(clientOf("nonsense")).toEqual({});
  });
});
