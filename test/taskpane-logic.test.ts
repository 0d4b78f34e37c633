/**
 * The taskpane's logic without a browser: amounts in the user's culture, the reducer, the scenario built from the
 * pane's state (overrides, calamity, partners, disposals), rows the core refuses moved to the ledger's problems,
 * messages placed at their field, the letter of condition f, the KIA curve and the marginal effect, filters,
 * stored settings. The components themselves run in chromium (test/e2e).
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { Decimal, evaluate, kia, type ScenarioInvestment } from "../src";
import type { Cell } from "../src/workbook/ledger";
import { marginal as marginalFunction } from "../functions/kia-functions";
import { assetRows, counts, matches, page } from "../taskpane/app/model/assets";
import { axisLabels, kiaCurve, marginal } from "../taskpane/app/model/curve";
import { cultureFromLocale, formatMoney, formatNumber, formatPercent, keepEuro, parseUserAmount } from "../taskpane/app/text/format";
import { sameInARow, sourceText } from "../taskpane/app/text/display";
import { safeFileName } from "../taskpane/app/report/download";
import { referenceUrls } from "../taskpane/app/text/refs";
import { jointRequestOf, partnershipFromRead } from "../taskpane/app/model/partners";
import { messages } from "../taskpane/app/text/i18n";
import { keyShares, letterText } from "../taskpane/app/report/letter";
import { applySavedMapping, defaultYear, paneYear } from "../taskpane/app/model/load";
import { mapHeaders } from "../src/workbook/ledger";
import { partnersFromGrid } from "../taskpane/app/model/partners";
import { buildScenario, calamityItems } from "../taskpane/app/model/scenario";
import { evaluateLedger } from "../taskpane/app/model/evaluate";
import { makeDeriver } from "../taskpane/app/model/derive";
import { emptyPartner, hasChoices, initialState, reducer, restoreChoices, type PaneState } from "../taskpane/app/model/state";
import type { Grid } from "../taskpane/workbook/types";
import { loadedPane } from "./support/pane";

const NL = cultureFromLocale("nl-NL", "nl");

/** The pane's state with the table "Investeringen" loaded as `grid`, its columns `mapping`. */
const loaded = (grid: Grid, mapping: PaneState["mapping"]): PaneState => loadedPane(grid, mapping);
const EN = cultureFromLocale("en-GB", "en");

describe("amounts in the culture", () => {
  it("formats exact decimal strings with the culture's separators, never through a float", () => {
    // a no-break space between the euro sign and the number: "€" never wraps onto another line than the amount
    expect(formatMoney("19769", NL)).toBe("€\u00a019.769");
    expect(formatMoney("1216.69", NL)).toBe("€\u00a01.216,69");
    expect(formatMoney("19769", EN)).toBe("€19,769");
    expect(formatMoney("-3", NL)).toBe("-€\u00a03");
    expect(keepEuro("minder dan € 450: € -3 en €5")).toBe("minder dan €\u00a0450: €\u00a0-3 en €5");
    expect(formatNumber("123456789012345.67", NL, 2)).toBe("123.456.789.012.345,67");
    expect(formatNumber("0.1", NL, 2)).toBe("0,10");
    expect(formatNumber("2.005", NL, 2)).toBe("2,01");
    expect(formatPercent("0.0756", NL)).toBe("7,56%");
    expect(formatPercent("0.35", EN)).toBe("35%");
  });

  it("reads what the user types with the core's readers, or says why not", () => {
    expect(parseUserAmount("1.234,56", NL)).toEqual({ ok: true, value: "1234.56" });
    expect(parseUserAmount("€ 40.000", NL)).toEqual({ ok: true, value: "40000" });
    expect(parseUserAmount("1,234.56", EN)).toEqual({ ok: true, value: "1234.56" });
    expect(parseUserAmount("€40,000", EN)).toEqual({ ok: true, value: "40000" });
    const ambiguous = parseUserAmount("2,500", NL);
    expect(ambiguous.ok).toBe(false);
    expect(!ambiguous.ok && ambiguous.reason).toMatch(/dubbelzinnig/);
    expect(parseUserAmount("abc", EN).ok).toBe(false);
    expect(parseUserAmount("-5", NL).ok).toBe(false);
  });

  it("falls back to Dutch for an unknown locale", () => {
    expect(cultureFromLocale("xx-invalid-%%", "nl")).toMatchObject({ locale: "nl-NL", decimalSeparator: ",", thousandsSeparator: "." });
  });
});

describe("i18n", () => {
  it("has every Dutch message in English too", () => {
    const nl = messages("nl");
    const en = messages("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    expect(nl.appTitle).toBe("KIA-rekenhulp");
    expect(en.appTitle).toBe("KIA assistant");
  });
});

const inv = (id: string, category: string, amount: string, extra: Partial<ScenarioInvestment> = {}): ScenarioInvestment => ({
  id,
  category,
  amount,
  ...extra,
});

describe("the reducer", () => {
  it("keeps one field per column, needs two partners for a partnership, and forgets choices on request", () => {
    let s = initialState(2025);
    s = reducer(s, { type: "reset-mapping", mapping: { id: 0, amount: 3, category: 2 } });
    s = reducer(s, { type: "set-mapping", field: "paid", column: 3 });
    expect(s.mapping).toEqual({ id: 0, category: 2, paid: 3 });
    expect(s.mappingOrigin).toBe("user");
    s = reducer(s, { type: "partnership", patch: { enabled: true } });
    expect(s.choices.partnership.partners).toHaveLength(2);
    s = reducer(s, { type: "add-partner" });
    s = reducer(s, { type: "set-partner", index: 2, patch: { name: "C" } });
    s = reducer(s, { type: "remove-partner", index: 0 });
    expect(s.choices.partnership.partners.map((p) => p.name)).toEqual(["", "C"]);
    s = reducer(s, { type: "set-override", id: "m1", override: { eligible: false, reason: "privé gebruikt" } });
    s = reducer(s, { type: "forget-choices" });
    expect(s.choices.overrides).toEqual({});
    expect(s.choices.partnership.enabled).toBe(false);
    expect(s.choices.year).toBe(2025);
  });

  it("restores stored choices field by field and ignores what is not a choice", () => {
    const c = restoreChoices(
      {
        year: 2024,
        overrides: { a: { eligible: true, reason: "reden" }, b: { eligible: "ja", reason: "x" }, c: { eligible: true, reason: "  " } },
        calamity: { x: { replacedBy: "y", approval: "maybe" }, z: { removed: true } },
        partnership: { enabled: true, key: "<script>", partners: [{ name: "A", capital: 5 }] },
        disposals: [{ price: "100", kind: "earlier" }],
        evil: "x",
      },
      2025,
    )!;
    expect(c.year).toBe(2024);
    expect(Object.keys(c.overrides)).toEqual(["a"]);
    expect(c.calamity).toEqual({ x: { replacedBy: "y", approval: "auto", eiaMia: null, insurance: "" }, z: { removed: true } });
    expect(c.partnership.key).toBe("profit");
    expect(c.partnership.partners[0]).toMatchObject({ name: "A", capital: "" });
    expect(c.disposals[0]).toMatchObject({ price: "100", kind: "earlier" });
    expect(restoreChoices("nonsense", 2025)).toBeUndefined();
  });
});

describe("the scenario from the pane's state", () => {
  const ledger = {
    investments: [
      inv("m1", "machine", "30000"),
      inv("m2", "machine", "30000", { lostByCalamity: { replacedBy: "m3" } }),
      inv("m3", "machine", "32000"),
      inv("p1", "inventaris", "300"),
    ],
    rows: [2, 3, 4, 5],
  };

  it("applies overrides and calamity choices, adds insurance money as a disposal, and reads partners' amounts", () => {
    let s = initialState(2024);
    s = reducer(s, { type: "set-override", id: "p1", override: { eligible: true, reason: "onderdeel van m1" } });
    s = reducer(s, { type: "set-calamity", lost: "m2", entry: { replacedBy: "m3", approval: "no", eiaMia: null, insurance: "5.000" } });
    s = reducer(s, { type: "partnership", patch: { enabled: true, key: "capital", jointRequest: "yes" } });
    s = reducer(s, { type: "set-partner", index: 0, patch: { name: "A", capital: "60.000" } });
    s = reducer(s, { type: "set-partner", index: 1, patch: { name: "B", capital: "40.000,00" } });
    const b = buildScenario(s.choices, ledger, NL, "test");
    expect(b.inputErrors).toEqual([]);
    expect(b.scenario.investments[3].override).toEqual({ eligible: true, reason: "onderdeel van m1" });
    expect(b.scenario.investments[1].lostByCalamity).toEqual({ replacedBy: "m3", approval: false });
    expect(b.scenario.disposals).toEqual([{ id: "verzekering m2", description: "Verzekeringsuitkering voor m2", price: "5000", investment: "m2" }]);
    expect(b.scenario.partnership).toEqual({
      key: "capital",
      jointRequest: true,
      partners: [
        { name: "A", capital: "60000" },
        { name: "B", capital: "40000" },
      ],
    });
    // the ledger's own objects are not changed
    expect(ledger.investments[3].override).toBeUndefined();
    const r = evaluate(b.scenario);
    expect(r.calamity!.applied).toBe(false);
    expect(r.partners!.map((p) => p.share)).toEqual(["0.6", "0.4"]);
  });

  it("switches a ledger's calamity off, and lists the ledger's and the user's calamities", () => {
    let s = initialState(2024);
    expect(calamityItems(ledger.investments, s.choices).map((c) => [c.lost, c.fromLedger, c.edited])).toEqual([["m2", true, false]]);
    s = reducer(s, { type: "set-calamity", lost: "m2", entry: { removed: true } });
    expect(calamityItems(ledger.investments, s.choices)).toEqual([]);
    expect(buildScenario(s.choices, ledger, NL).scenario.investments[1].lostByCalamity).toBeUndefined();
  });

  it("puts an amount the user typed wrong at its field, and the core's message at the field it names", () => {
    let s = initialState(2024);
    s = reducer(s, { type: "partnership", patch: { enabled: true, key: "capital" } });
    s = reducer(s, { type: "set-partner", index: 0, patch: { name: "A", capital: "2,500" } });
    s = reducer(s, { type: "set-partner", index: 1, patch: { name: "B", capital: "10" } });
    s = reducer(s, { type: "add-disposal" });
    s = reducer(s, { type: "set-disposal", index: 0, patch: { price: "100", kind: "earlier", investmentYear: "22" } });
    const b = buildScenario(s.choices, ledger, NL);
    expect(b.inputErrors.map((e) => [e.step, e.key])).toEqual([["partnership", "partner.0.capital"]]);
    // the incomplete disposal does not stop the calculation: it is left out and its messages are listed in step 4
    expect(b.disposalIssues.map((e) => [e.origin, e.key])).toEqual([
      [{ kind: "user", index: 0 }, "disposal.0.investmentYear"],
      [{ kind: "user", index: 0 }, "disposal.0.investmentAmount"],
      [{ kind: "user", index: 0 }, "disposal.0.investmentYearTotal"],
    ]);
    expect(b.scenario.disposals).toBeUndefined();
    const e = evaluateLedger(b, ledger, s.choices);
    expect(e.report).toBeNull();
    expect(e.error?.key).toBe("partner.0.capital");

    // no input error, but the key's figure is missing: the core names partners[0].capital
    let t = initialState(2024);
    t = reducer(t, { type: "partnership", patch: { enabled: true, key: "capital" } });
    t = reducer(t, { type: "set-partner", index: 0, patch: { name: "A" } });
    t = reducer(t, { type: "set-partner", index: 1, patch: { name: "B", capital: "10" } });
    const bt = buildScenario(t.choices, ledger, NL);
    const et = evaluateLedger(bt, ledger, t.choices);
    expect(et.error).toMatchObject({ step: "partnership", key: "partner.0.capital" });
  });

  it("leaves an incomplete disposal out and lists it, names a disposal by its description, and keeps the rest of the calculation", () => {
    let s = initialState(2024);
    s = reducer(s, { type: "add-disposal" });
    s = reducer(s, { type: "add-disposal" });
    // disposal 1 complete, disposal 2 just added with a price and "earlier": no year yet
    s = reducer(s, { type: "set-disposal", index: 0, patch: { description: "Heftruck (verkocht)", price: "8.000", kind: "earlier", investmentYear: "2022", investmentAmount: "20.000", investmentYearTotal: "85.000" } });
    s = reducer(s, { type: "set-disposal", index: 1, patch: { price: "1.000", kind: "earlier" } });
    const b = buildScenario(s.choices, ledger, NL);
    expect(b.inputErrors).toEqual([]);
    expect(b.scenario.disposals).toEqual([
      { id: "Heftruck (verkocht)", description: "Heftruck (verkocht)", price: "8000", investmentYear: 2022, investmentAmount: "20000", investmentYearTotal: "85000" },
    ]);
    expect(b.disposalIssues[0]).toEqual({ origin: { kind: "user", index: 1 }, key: "disposal.1.investmentYear", message: "vul het investeringsjaar in, zoals 2022" });
    const e = evaluateLedger(b, ledger, s.choices);
    expect(e.report).not.toBeNull();
    expect(e.report!.disinvestment!.items.map((x) => x.id)).toEqual(["Heftruck (verkocht)"]);
    expect(e.report!.explanation.some((x) => x.text.includes("Heftruck (verkocht)"))).toBe(true);

    // a disposal the core refuses (invested after the year it is sold in) is left out the same way
    s = reducer(s, { type: "set-disposal", index: 1, patch: { investmentYear: "2030", investmentAmount: "2.000", investmentYearTotal: "10.000" } });
    const b2 = buildScenario(s.choices, ledger, NL);
    expect(b2.disposalIssues).toEqual([]);
    const e2 = evaluateLedger(b2, ledger, s.choices);
    expect(e2.report).not.toBeNull();
    expect(e2.error).toBeNull();
    expect(e2.disposalIssues).toEqual([{ origin: { kind: "user", index: 1 }, key: "disposal.1.investmentYear", message: "investeringsjaar ligt na het jaar van vervreemding 2024" }]);
    expect(e2.scenario.disposals!.map((d) => d.id)).toEqual(["Heftruck (verkocht)"]);

    // two disposals with the same description keep their own ids
    let t = initialState(2024);
    for (const i of [0, 1]) {
      t = reducer(t, { type: "add-disposal" });
      t = reducer(t, { type: "set-disposal", index: i, patch: { description: "Bureau", price: "500", kind: "this-year", investment: "m1" } });
    }
    expect(buildScenario(t.choices, ledger, NL).scenario.disposals!.map((d) => d.id)).toEqual(["Bureau", "Bureau (2)"]);
  });

  it("leaves out the rows the core refuses, at their cells (the reader's LeftOut), and evaluates the good rows", () => {
    const grid: Grid = {
      sheet: "Staat",
      source: "tabel Investeringen",
      headers: ["Nummer", "Categorie", "Bedrag", "Betaald", "Groep", "In gebruik", "Vervangen door"],
      rows: [
        ["a", "machine", 10000, null, null, null, null],
        ["b", "machine", 5000, 6000, null, null, null], // paid more than the amount: one row on its own
        ["c1", "computer", 1000, null, "g", "ja", null],
        ["c2", "computer", 1000, null, "g", "nee", null], // a group that disagrees: across rows
        ["d", "machine", 2000, null, null, null, "b"], // replaced by a row left out
      ] as Cell[][],
      firstRow: 4,
      firstColumn: 1,
    };
    const d = makeDeriver()(loaded(grid, mapHeaders(grid.headers).mapping), NL);
    // the group is one asset (besluit 2.2): both its rows go, each saying why
    expect(d.leftOut.map((p) => [p.row, p.column, p.field])).toEqual([[5, "E", "paid"], [6, "F", "group"], [7, "G", "inUse"], [8, "H", "replacedBy"]]);
    expect(d.leftOut[1].reason).toMatch(/^hoort bij hetzelfde bedrijfsmiddel \(groep "g"\) als investering c2, en die regel telt niet mee/);
    expect(d.leftOut[3].reason).toBe("investering b telt niet mee (zie de melding bij die regel)");
    expect(d.evaluated!.report).not.toBeNull();
    expect(d.evaluated!.scenario.investments.map((i) => i.id)).toEqual(["a"]);
    expect(d.evaluated!.report!.total).toBe("10000");
  });

  it("derives everything from the state, memoised per input", () => {
    const grid: Grid = {
      sheet: "Staat",
      source: "tabel Investeringen",
      headers: ["Nummer", "Categorie", "Bedrag"],
      rows: [
        ["m1", "machine", 30000],
        ["m2", "machine", "abc"],
      ] as Cell[][],
      firstRow: 2,
      firstColumn: 0,
    };
    const derive = makeDeriver();
    let s = loaded(grid, { id: 0, category: 1, amount: 2 });
    const d1 = derive(s, NL);
    expect(d1.evaluated!.report!.kia).toBe(kia(30000, 2025).rounded.toString());
    expect(d1.leftOut.map((p) => `${p.column}${p.row}`)).toEqual(["C3"]);
    s = reducer(s, { type: "set-step", step: "report" });
    expect(derive(s, NL).evaluated).toBe(d1.evaluated);
    s = reducer(s, { type: "set-override", id: "m1", override: { eligible: false, reason: "privé, niet in de onderneming" } });
    expect(derive(s, NL).evaluated!.report!.kia).toBe("0");
  });
});

describe("the joint request of condition f", () => {
  it("names the partnership, year, key, every partner with his share, conditions a-f and a signature block each", () => {
    const text = letterText(
      {
        partnership: "Jansen en De Vries v.o.f.",
        year: 2025,
        key: "capital",
        partners: [
          { name: "Jansen", legalForm: "natuurlijk persoon", weight: "40000" },
          { name: "De Vries", weight: "35000" },
          { name: "Bakker Holding B.V.", legalForm: "bv", weight: "25000" },
        ],
        total: "112939.56",
        reference: "Besluit investeringsaftrek 2014, onderdeel 4.1.4",
      },
      new Date(2026, 0, 15),
    );
    expect(text).toContain("Aan de inspecteur van de Belastingdienst");
    expect(text).toContain("Verzoek om toepassing van een afwijkende verdeelsleutel");
    expect(text).toContain("over 2025");
    expect(text).toContain("kapitaalsverhouding");
    expect(text).toContain("€ 112.939,56");
    expect(text).toMatch(/Jansen \(natuurlijk persoon\)\s+40\.000\s+40%/);
    expect(text).toMatch(/Bakker Holding B\.V\. \(bv\)\s+25\.000\s+25%/);
    for (const c of ["a.", "b.", "c.", "d.", "e.", "f."]) expect(text).toMatch(new RegExp(`^${c.replace(".", "\\.")} `, "m"));
    expect(text.match(/^Handtekening:/gm)).toHaveLength(3);
    expect(text).toContain("15-1-2026");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(92);
  });

  it("computes shares exactly, equal shares without figures, and none from bad figures", () => {
    const s = keyShares("capital", [{ name: "A", weight: "1" }, { name: "B", weight: "2" }])!;
    expect(s[0].plus(s[1]).toString()).toBe("1");
    expect(keyShares("equal", [{ name: "A" }, { name: "B" }, { name: "C" }])!.map((d) => d.toFixed(4))).toEqual(["0.3333", "0.3333", "0.3333"]);
    expect(keyShares("capital", [{ name: "A", weight: "0" }, { name: "B", weight: "0" }])).toBeNull();
    expect(keyShares("capital", [{ name: "A" }, { name: "B", weight: "1" }])).toBeNull();
    expect(letterText({ partnership: "", year: 2025, key: "reserves", partners: [{ name: "A" }, { name: "B" }], reference: "x" })).toContain("[aandeel]");
  });
});

describe("the KIA curve and one more investment", () => {
  it("has its corners at the band edges, each computed by kia()", () => {
    const c = kiaCurve(2025, new Decimal(112854.56));
    for (const p of c.points) expect(p.y).toBeCloseTo(kia(new Decimal(p.x), 2025, { exact: true }).exact.toNumber(), 6);
    expect(c.edges).toEqual([2900, 70602, 130744, 392230]);
    expect(c.yMax).toBe(19769);
    expect(c.xMax).toBeGreaterThan(392230);
    expect(kiaCurve(2025, new Decimal(600000)).xMax).toBeGreaterThan(600000);
  });

  it("the labels under the axis never overlap: a small total's label takes the place of '€ 0', one near the ceiling its place", () => {
    // the chart is 320 wide with 8 at either side; the x of a total is 8 + total / xMax * 304
    const c = kiaCurve(2025, new Decimal(23763));
    const x = (v: number) => 8 + (v / c.xMax) * 304;
    const at = (total: number, totalText: string) =>
      axisLabels({ width: 320, left: 8, right: 8, markX: x(total), ceilX: Math.min(282, x(392230)), zeroText: "€ 0", totalText, ceilingText: "€ 392.230" });
    const spans = (l: ReturnType<typeof at>, totalText: string) => {
      const out: [number, number][] = [[l.totalX - (totalText.length * 6.8) / 2, l.totalX + (totalText.length * 6.8) / 2]];
      if (l.showZero) out.push([8, 8 + 3 * 5.8]);
      if (l.showCeiling) out.push([l.ceilingX - (9 * 5.8) / 2, l.ceilingX + (9 * 5.8) / 2]);
      return out;
    };
    for (const [total, text] of [[3000, "€ 3.000"], [23763, "€ 23.763"], [120000, "€ 120.000"], [380000, "€ 380.000"], [430000, "€ 430.000"]] as const) {
      const l = at(total, text);
      const s = spans(l, text);
      for (let i = 0; i < s.length; i++)
        for (let j = i + 1; j < s.length; j++) expect(`${text}: ${s[i][1] <= s[j][0] || s[j][1] <= s[i][0]}`).toBe(`${text}: true`);
      // the total's label stays inside the chart
      expect(s[0][0]).toBeGreaterThanOrEqual(8);
      expect(s[0][1]).toBeLessThanOrEqual(312);
    }
    expect(at(23763, "€ 23.763").showZero).toBe(false);
    expect(at(120000, "€ 120.000")).toMatchObject({ showZero: true, showCeiling: true });
    expect(at(380000, "€ 380.000").showCeiling).toBe(false);
  });

  it("gives this year's effect as KIA.MARGINAL does, and next year's where that year has a table", () => {
    for (const [total, extra] of [
      [0, 5000],
      [60000, 20000],
      [112854.56, 5000],
      [380000, 20000],
    ]) {
      const m = marginal(new Decimal(total), new Decimal(extra), 2025);
      expect(m.thisYear.toNumber()).toBe(marginalFunction(total, extra, 2025));
      expect(m.nextYear!.toString()).toBe(kia(extra, 2026).rounded.toString());
    }
    const last = marginal(new Decimal(10000), new Decimal(5000), 2026);
    expect(last.nextYear).toBeNull();
    expect(last.nextYearNote).toMatch(/Geen KIA-tabel voor 2027/);
  });
});

describe("filters, pages and stored settings", () => {
  it("filters by verdict, € 450, related party and payment, and pages", () => {
    const investments = [
      inv("a", "machine", "10000"),
      inv("b", "inventaris", "100"),
      inv("c", "machine", "5000", { relatedParty: true }),
      inv("d", "machine", "8000", { paid: "1000", inUse: false }),
      inv("e", "personenauto", "30000"),
    ];
    const report = evaluate({ year: 2025, investments });
    const rows = assetRows(report, investments, [2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    const c = counts(rows);
    expect(c).toMatchObject({ all: 5, counted: 2, excluded: 3, "below-minimum": 1, "related-party": 1, unpaid: 1 });
    expect(rows.filter((r) => matches(r, "below-minimum")).map((r) => r.asset.id)).toEqual(["b"]);
    const p = page(Array.from({ length: 120 }, (_, i) => i), 2, 50);
    expect([p.page, p.pages, p.from, p.to, p.items.length]).toEqual([2, 3, 101, 120, 20]);
    expect(page([], 5).from).toBe(0);
  });

  it("applies a stored mapping by header text and finds the ledger and its year", async () => {
    const headers = ["Nr", "Soort", "Prijs", "Betaald"];
    const found = { id: 0, category: 1, paid: 3 };
    expect(applySavedMapping(found, undefined, headers)).toEqual({ mapping: found, origin: "headers" });
    expect(applySavedMapping(found, { amount: "prijs", paid: null, date: "Datum" }, headers)).toEqual({
      mapping: { id: 0, category: 1, amount: 2 },
      origin: "saved",
    });
    // the reader's year as the pane shows it: a year without a KIA table cannot be chosen, the year on screen stays as a guess
    expect(paneYear({ from: "label", year: 2024, at: "Overzicht!B3" }, 2023)).toEqual({ from: "workbook", year: 2024, at: "Overzicht!B3" });
    expect(paneYear({ from: "name", year: 2024, at: "Info!B2" }, 2023)).toEqual({ from: "workbook", year: 2024, at: "Info!B2" });
    expect(paneYear({ from: "dates", year: 2025, dated: 2, investments: 3 }, 2023)).toEqual({ from: "dates", year: 2025, dated: 2, investments: 3 });
    expect(paneYear({ from: "none", years: [2024, 2025] }, 2023)).toEqual({ from: "none", years: [2024, 2025], year: 2023 });
    expect(paneYear({ from: "dates", year: 1999, dated: 1, investments: 1 }, 2023)).toEqual({ from: "none", years: [1999], year: 2023 });
    expect(defaultYear(new Date(2026, 5, 1))).toBe(2025);
    expect(defaultYear(new Date(2040, 5, 1))).toBe(2026);
  });

  it("reads partners from a sheet into input text in the culture", () => {
    const r = partnersFromGrid(
      ["Naam", "Rechtsvorm", "Winstaandeel", "Kapitaal", "Eigen bedrijfsmiddelen in onderneming"],
      [
        ["Jansen", "natuurlijk persoon", 0.5, 40000, null],
        ["Bakker Holding B.V.", "bv", "20%", "25.000", 3000],
        [null, null, null, null, null],
      ],
      { firstRow: 2, firstColumn: 0 },
      NL,
    );
    expect(r.problems).toEqual([]);
    // 50 % in Excel (0,5 in the cell) beside "20%": both percentages, as the partners step shows them
    expect(r.partners).toEqual([
      { ...emptyPartner(), name: "Jansen", legalForm: "natuurlijk persoon", profit: "50", capital: "40.000" },
      { ...emptyPartner(), name: "Bakker Holding B.V.", legalForm: "bv", profit: "20", capital: "25.000", ownAssetsInPartnership: "3.000" },
    ]);
  });
});

describe("the partners table read on load", () => {
  const partnerGrid: Grid = {
    sheet: "Vennoten",
    source: "tabel Vennoten",
    headers: ["Naam", "Rechtsvorm", "Winstaandeel", "Kapitaal"],
    rows: [
      ["Jansen", "natuurlijk persoon", 50, 40000],
      ["De Vries", "natuurlijk persoon", 30, 35000],
      ["Bakker Holding B.V.", "bv", 20, 25000],
    ] as Cell[][],
    firstRow: 2,
    firstColumn: 0,
  };
  // as readWorkbook found them: the partners, and the cells beside "Verdeelsleutel" and "Gezamenlijk verzoek"
  const found = {
    partners: partnerGrid,
    key: { sheet: "Vennoten", row: 6, column: 1, value: "kapitaal" as Cell },
    request: { sheet: "Vennoten", row: 7, column: 1, value: "Ja" as Cell },
  };

  it("reads the partners, the key beside 'Verdeelsleutel' and the joint request beside 'Gezamenlijk verzoek'", async () => {
    const r = partnershipFromRead(found, NL)!;
    expect(r.partnership).toMatchObject({ enabled: true, key: "capital", jointRequest: "yes" });
    expect(r.partnership.partners.map((p) => [p.name, p.profit, p.capital])).toEqual([
      ["Jansen", "50", "40.000"],
      ["De Vries", "30", "35.000"],
      ["Bakker Holding B.V.", "20", "25.000"],
    ]);
    expect(r.read).toEqual({ table: "Vennoten", count: 3, key: "capital", jointRequest: "yes", problems: [] });
    expect(messages("nl").partnersRead(3, "Vennoten")).toBe("3 vennoten gelezen uit de tabel Vennoten");
    expect(messages("en").partnersRead(3, "Vennoten")).toBe("3 partners read from the table Vennoten");
    expect([jointRequestOf("Nee"), jointRequestOf(true), jointRequestOf(1), jointRequestOf("misschien"), jointRequestOf(null)]).toEqual(["no", "yes", "yes", undefined, undefined]);
  });

  it("a key beside 'Verdeelsleutel' that is no key is said, with its cell, not silently replaced by the profit key", async () => {
    const r = partnershipFromRead({ ...found, key: { ...found.key, value: "omzet" } }, NL)!;
    expect(r.partnership.key).toBe("profit");
    expect(r.read.key).toBeUndefined();
    expect(r.read.problems).toEqual(['Vennoten!B6 (verdeelsleutel): "omzet" is geen verdeelsleutel; kies winst, kapitaal, stille reserves of gelijk (nu staat winst ingesteld)']);
  });

  it("ticks the partnership on load; what the workbook gives is not a choice to store; restored choices win; 'begin opnieuw' goes back to it", async () => {
    const r = partnershipFromRead(found, NL)!;
    const grid: Grid = { ...partnerGrid, sheet: "Staat", source: "tabel Investeringen", headers: ["Nummer", "Categorie", "Bedrag"], rows: [["m1", "machine", 30000]] };
    const load = (choices?: PaneState["choices"]) =>
      loadedPane(grid, { id: 0, category: 1, amount: 2 }, {
        year: 2025,
        choices,
        partnership: r.partnership,
        partnersRead: r.read,
      });
    let s = load();
    expect(s.choices.partnership.enabled).toBe(true);
    expect(s.choices.partnership.partners).toHaveLength(3);
    expect(s.partnersRead?.count).toBe(3);
    expect(hasChoices(s.choices, s.baseline)).toBe(false);
    expect(makeDeriver()(s, NL).evaluated!.report!.partners).toHaveLength(3);
    // an edit is a choice
    s = reducer(s, { type: "set-partner", index: 0, patch: { name: "Jansen sr." } });
    expect(hasChoices(s.choices, s.baseline)).toBe(true);
    s = reducer(s, { type: "forget-choices" });
    expect(s.choices.partnership.partners[0].name).toBe("Jansen");
    expect(hasChoices(s.choices, s.baseline)).toBe(false);
    // restored choices (the user switched the partnership off) win over the table
    const restored = restoreChoices({ year: 2025, partnership: { enabled: false, partners: [] } }, 2025)!;
    expect(hasChoices(restored, s.baseline)).toBe(true);
    const t = load(restored);
    expect(t.choices.partnership.enabled).toBe(false);
    expect(t.restored).toBe(true);
    expect(reducer(t, { type: "forget-choices" }).choices.partnership.enabled).toBe(true);
  });

  it("the key 'winst' with only the capital given: at the partner's share, the partner's name and what to fill in, not the field's path", async () => {
    const capitalOnly: Grid = { ...partnerGrid, headers: ["Naam", "Kapitaal"], rows: [["Jansen", 60000], ["De Vries", 40000]] as Cell[][] };
    const r = partnershipFromRead({ ...found, partners: capitalOnly, key: { ...found.key, value: "winst" } }, NL)!;
    const grid: Grid = { ...partnerGrid, sheet: "Staat", source: "tabel Investeringen", headers: ["Nummer", "Categorie", "Bedrag"], rows: [["m1", "machine", 30000]] };
    const s = loadedPane(grid, { id: 0, category: 1, amount: 2 }, {
      year: 2025,
      partnership: r.partnership,
      partnersRead: r.read,
    });
    expect(makeDeriver()(s, NL).error).toEqual({
      step: "partnership",
      key: "partner.0.profit",
      message:
        "De verdeelsleutel is winst, maar het winstaandeel van Jansen ontbreekt: vul het aandeel in de (over)winst van Jansen in (zoals 60% of 0,6), " +
        "of zet de verdeelsleutel op kapitaal (dat staat bij iedere vennoot ingevuld)",
    });
  });
});

describe("what the pane shows", () => {
  it("conditions in a row that say the same thing are shown once", () => {
    const same = ["a", "b", "c", "d", "e", "f"].map((code) => ({ code, status: "not-applicable", text: "Niet nodig." }));
    expect(sameInARow(same)).toEqual([{ code: "a–f", status: "not-applicable", text: "Niet nodig." }]);
    const mixed = [
      { code: "a", status: "met", text: "x" },
      { code: "b", status: "met", text: "y" },
      { code: "c", status: "met", text: "y" },
    ];
    expect(sameInARow(mixed).map((c) => c.code)).toEqual(["a", "b–c"]);
  });

  it("the source in the pane's language", () => {
    expect(sourceText("tabel Investeringen in voorbeeld.xlsx", "en")).toBe("table Investeringen in voorbeeld.xlsx");
    expect(sourceText("selectie A4:N20", "en")).toBe("selection A4:N20");
    expect(sourceText("staat.xlsx — blad Staat", "en")).toBe("staat.xlsx — sheet Staat");
    expect(sourceText("tabel Investeringen", "nl")).toBe("tabel Investeringen");
  });

  it("every legal reference a link where the report gives its law's address", () => {
    const url = referenceUrls([
      { label: "art. 3.45 lid 1 Wet IB 2001", url: "https://wetten.overheid.nl/jci1.3:c:BWBR0011353&artikel=3.45&z=2025-01-01&g=2025-01-01" },
      { label: "Besluit investeringsaftrek 2014, onderdeel 4.4", url: "https://wetten.overheid.nl/BWBR0034987/2014-03-27" },
      { label: "elders", url: "http://niet-veilig.example" },
    ]);
    expect(url("art. 3.45 lid 1 Wet IB 2001")).toContain("artikel=3.45");
    expect(url("art. 3.40 Wet IB 2001")).toBe("https://wetten.overheid.nl/jci1.3:c:BWBR0011353&artikel=3.40&z=2025-01-01&g=2025-01-01");
    expect(url("Besluit investeringsaftrek 2014, onderdeel 2.2")).toBe("https://wetten.overheid.nl/BWBR0034987/2014-03-27");
    expect(url("elders")).toBeUndefined();
    expect(url("HR 24 mei 2019")).toBeUndefined();
    // every reference the sample's report gives is a link
    const r = evaluate({ year: 2025, investments: [inv("m1", "machine", "30000"), inv("p1", "personenauto", "40000"), inv("k1", "inventaris", "300")] });
    const all = referenceUrls(r.parameters.references);
    for (const a of r.assets) for (const x of a.reasons) expect(`${x.ref}: ${!!all(x.ref)}`).toBe(`${x.ref}: true`);
  });

  it("a file name without a double dot before its extension", () => {
    expect(safeFileName("Verzoek verdeelsleutel KIA 2025 Jansen en Bakker v.o.f.") + ".txt").toBe("Verzoek verdeelsleutel KIA 2025 Jansen en Bakker v.o.f.txt");
    expect(safeFileName('a/b:c*?"<>| . ')).toBe("a-b-c-");
    expect(safeFileName("...")).toBe("kia");
  });

  it("a negative effect of one more investment says 'minder KIA (afbouw)'", () => {
    expect(messages("nl").marginalLess("€\u00a0378")).toBe("Dit jaar: €\u00a0378 minder KIA (afbouw)");
    expect(messages("en").marginalLess("€378")).toBe("This year: €378 less KIA (phase-out)");
    const m = marginal(new Decimal("150000"), new Decimal("5000"), 2025);
    expect(m.thisYear.isNegative()).toBe(true);
  });
});

describe("text is rendered as text", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
    });
  }
  it("the pane's code never sets HTML (no innerHTML, dangerouslySetInnerHTML, insertAdjacentHTML, document.write, eval)", () => {
    const root = join(__dirname, "..", "taskpane");
    const sources = [...files(join(root, "app")), join(root, "taskpane.tsx")];
    expect(sources.length).toBeGreaterThan(10);
    for (const f of sources) {
      const code = readFileSync(f, "utf8");
      expect(`${f}: ${/innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(code)}`).toBe(`${f}: false`);
    }
  });
});

describe("issue 13 in the pane's scenario", () => {
  const ledger = { investments: [inv("m1", "machine", "20000")], rows: [2] };
  it("passes the art. 3.47 level and a partner's own KIA percentage of the investment year to the core", () => {
    let s = initialState(2024);
    s = reducer(s, { type: "partnership", patch: { enabled: true, disinvestmentLevel: "partnership" } });
    s = reducer(s, { type: "set-partner", index: 0, patch: { name: "A", profit: "50" } });
    s = reducer(s, { type: "set-partner", index: 1, patch: { name: "B", profit: "50" } });
    s = reducer(s, { type: "add-disposal" });
    s = reducer(s, {
      type: "set-disposal",
      index: 0,
      patch: { description: "Heftruck", price: "12.000", kind: "earlier", investmentYear: "2022", investmentAmount: "10.000", investmentYearTotal: "40.000", partnerRates: { A: "25%", B: " ", C: "30%" } },
    });
    const b = buildScenario(s.choices, ledger, NL, "test");
    expect(b.inputErrors).toEqual([]);
    expect(b.scenario.partnership!.disinvestmentLevel).toBe("partnership");
    // an empty rate and a name no longer listed are not passed on
    expect(b.scenario.disposals![0].partnerRates).toEqual({ A: "25%" });
    const r = evaluate(b.scenario);
    expect(r.partners!.map((p) => [p.name, p.disinvestment, p.disinvestmentOtherLevel?.amount])).toEqual([
      ["A", "1400", "1250"],
      ["B", "1400", undefined],
    ]);
  });
});
