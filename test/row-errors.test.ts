/**
 * Bad ledger rows found in one validation pass (validateRows in src/scenario/rows.ts): every investment and disposal the
 * core refuses is left out with the error validateScenario would give it, what depends on it goes with it (the
 * rest of its group, a replacement or a disposal naming it), the rest is evaluated once. The taskpane and kia-calc
 * (one workbook, --batch) leave out the same rows with the same messages.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import * as core from "../src";
import * as evaluation from "../src/evaluate";
import { evaluate, evaluateNormalized, KiaValidationError, validateRows, validateScenario, type ScenarioInvestment } from "../src";
import { cellText, type Cell } from "../src/workbook/ledger";
import { cellOf } from "../src/workbook/left-out";
import { evaluateClient } from "../cli/batch";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { makeDeriver } from "../taskpane/app/model/derive";
import { initialState, reducer } from "../taskpane/app/model/state";
import { loadLedger } from "../taskpane/app/model/load";
import { leftOutRows, reportSheet } from "../taskpane/report-sheet";
import { openFileWorkbook } from "../taskpane/workbook/file";
import { call } from "./support/cli";
import { errorOf } from "./support/evaluate";
import { hostileArb, mutate, reportFaults, scenarioArb } from "./support/fuzz-core";
import { workbook as sheets } from "./support/workbook";

// every evaluation by the core is counted: evaluate() (kia-calc, the batch), or evaluateNormalized() of a scenario
// validated already (the taskpane); evaluate() calls the real evaluateNormalized, so nothing is counted twice
jest.mock("../src/evaluate", () => {
  const actual = jest.requireActual("../src/evaluate");
  return { ...actual, evaluate: jest.fn(actual.evaluate), evaluateNormalized: jest.fn(actual.evaluateNormalized) };
});
const evaluations = () => (evaluation.evaluate as jest.Mock).mock.calls.length + (evaluation.evaluateNormalized as jest.Mock).mock.calls.length;

const NL = cultureFromLocale("nl-NL", "nl");
const inv = (id: string, category: string, amount: number | string, extra: Record<string, unknown> = {}) => ({ id, category, amount, ...extra });

describe("validateRows", () => {
  it("gives back a valid scenario as it is, validated as validateScenario does", () => {
    const s = {
      year: 2025,
      investments: [inv("a", "machine", 10000), inv("b", "computer", "1200.50", { group: "g" }), inv("c", "computer", 300, { group: "g" })],
    };
    const v = validateRows(s);
    expect(v.errors).toEqual([]);
    expect(v.scenario).toBe(s);
    expect(evaluateNormalized(v.normalized)).toEqual(evaluate(s));
  });

  it("leaves out each row the core refuses, with the field, code and message validateScenario gives that row alone", () => {
    const bad = [
      inv("b", "machine", 5000, { paid: 6000 }),
      inv("c", "machine", 3000, { exemption: true }),
      inv("d", "ruimteschip", 100),
      inv("e", "machine", -5),
      inv("f", "machine", 100, { vatdeductible: false }),
      inv("g", "machine", 100, { marketValue: 50 }),
      inv("h", "machine", 100, { date: "2025-02-30" }),
      "geen object",
      // every other fault a row can have on its own (each is returned by the row's check, not thrown)
      inv("", "machine", 100),
      { id: "i", amount: 100 },
      inv("j", "machine", "x"),
      inv("k", "machine", 100, { paid: "-1" }),
      inv("l", "machine", 100, { inUse: "ja" }),
      inv("m", "machine", 100, { override: { eligible: true } }),
      inv("n", "machine", 100, { reinvestmentReserve: 5 }),
      inv("o", "machine", 100, { reinvestmentReserve: { amount: 200 } }),
      inv("p", "machine", 100, { group: " " }),
      inv("q", "machine", 100, { description: 5 }),
    ];
    const s = { year: 2025, investments: [inv("a", "machine", 10000), ...bad, inv("z", "inventaris", 2000)] };
    const v = validateRows(s);
    expect(v.scenario.investments.map((i) => i.id)).toEqual(["a", "z"]);
    expect(v.errors.map((e) => [e.index, e.id, e.key, e.code])).toEqual([
      [1, "b", "paid", "PAID_EXCEEDS_AMOUNT"],
      [2, "c", "exemption", "INVALID_COMBINATION"],
      [3, "d", "category", "UNKNOWN_CATEGORY"],
      [4, "e", "amount", "NEGATIVE_AMOUNT"],
      [5, "f", "vatdeductible", "UNKNOWN_FIELD"],
      [6, "g", "marketValue", "INVALID_COMBINATION"],
      [7, "h", "date", "INVALID_TYPE"],
      [8, undefined, "", "INVALID_TYPE"],
      [9, undefined, "id", "INVALID_TYPE"],
      [10, "i", "category", "MISSING_FIELD"],
      [11, "j", "amount", "INVALID_AMOUNT"],
      [12, "k", "paid", "NEGATIVE_AMOUNT"],
      [13, "l", "inUse", "INVALID_TYPE"],
      [14, "m", "override.reason", "MISSING_FIELD"],
      [15, "n", "reinvestmentReserve", "INVALID_TYPE"],
      [16, "o", "reinvestmentReserve.amount", "INVALID_COMBINATION"],
      [17, "p", "group", "INVALID_TYPE"],
      [18, "q", "description", "INVALID_TYPE"],
    ]);
    for (const e of v.errors) {
      // the same row alone, at the same place, is refused by validateScenario with the same error
      const alone = errorOf({
        year: 2025,
        investments: [
          ...Array(e.index)
            .fill(inv("x", "machine", 1))
            .map((x, i) => ({ ...x, id: `x${i}` })),
          s.investments[e.index],
        ],
      });
      expect([e.field, e.code, e.message, e.reason]).toEqual([alone.field, alone.code, alone.message, alone.reason]);
      expect(e.list).toBe("investments");
    }
    // the rows kept are numbered anew: what evaluate() makes of the scenario kept
    expect(v.normalized.investments.map((i) => [i.index, i.id])).toEqual([
      [0, "a"],
      [1, "z"],
    ]);
    expect(() => validateScenario(v.scenario)).not.toThrow();
    expect(evaluateNormalized(v.normalized)).toEqual(evaluate(v.scenario));
    // the caller's scenario is not changed
    expect(s.investments).toHaveLength(20);
  });

  it("a message made when read is the same in whatever order the rows are read, and in JSON", () => {
    // 120 distinct misspellings: the first 100 get a "bedoelt u …?", the rest the examples, in list order, also when
    // the messages are read from the last row up (they are worded when read, the choice is made in one pass)
    const misspelt = (i: number) => [..."machne"].map((c, k) => ((i % 64) & (1 << k) ? c.toUpperCase() : c)).join("") + (i >= 64 ? " " : "");
    const rows = Array.from({ length: 120 }, (_, i) => inv(`r${i}`, misspelt(i), 100));
    const v = validateRows({ year: 2025, investments: [...rows, inv("p", "machine", "100.004", { paid: "100.005" })] });
    const backwards = [...v.errors]
      .reverse()
      .map((e) => e.message)
      .reverse();
    const again = validateRows({ year: 2025, investments: [...rows, inv("p", "machine", "100.004", { paid: "100.005" })] });
    expect(again.errors.map((e) => e.message)).toEqual(backwards);
    expect(backwards.filter((m) => m.includes("bedoelt u"))).toHaveLength(100);
    expect(backwards[0]).toMatch(/^investments\[0\]\.category: onbekende categorie; bedoelt u "machine"/);
    expect(backwards[119]).not.toMatch(/bedoelt u/);
    expect(backwards[120]).toBe('investments[120].paid: betaald bedrag is hoger dan het investeringsbedrag (€ 100,004) (waarde: "100.005")');
    expect(JSON.parse(JSON.stringify(v.errors[120]))).toEqual({
      list: "investments",
      index: 120,
      id: "p",
      field: "investments[120].paid",
      key: "paid",
      code: "PAID_EXCEEDS_AMOUNT",
      reason: "betaald bedrag is hoger dan het investeringsbedrag (€ 100,004)",
      message: backwards[120],
    });
  });

  it("still throws what concerns the whole scenario", () => {
    const ok = [inv("a", "machine", 1000)];
    expect(() => validateRows({ year: 2027, investments: ok })).toThrow(core.NoTableError);
    expect(() => validateRows({ year: 2025, investments: "x" })).toThrow(/^investments: verwacht een lijst/);
    expect(() => validateRows({ year: 2025, investments: ok, disposals: {} })).toThrow(/^disposals: verwacht een lijst/);
    expect(() => validateRows({ year: 2025, investments: ok, partnership: { partners: [{ name: "A", profit: 1 }] } })).toThrow(/art\. 3\.41 lid 3/);
    expect(() => validateRows({ year: 2025, investments: ok, disposalsTotal: -1 })).toThrow(KiaValidationError);
  });

  it("a group is one asset: a refused row takes its group with it, and every row of it says why", () => {
    const s = {
      year: 2025,
      investments: [
        inv("a", "machine", 10000),
        inv("w1", "computer", 800, { group: "Werkplek" }),
        inv("w2", "computer", 700, { group: "Werkplek", paid: 900 }),
        inv("w3", "computer", 600, { group: "Werkplek" }),
        inv("k1", "inventaris", 500, { group: "Kast", inUse: true }),
        inv("k2", "inventaris", 500, { group: "Kast", inUse: false }),
      ],
    };
    const v = validateRows(s);
    expect(v.scenario.investments.map((i) => i.id)).toEqual(["a"]);
    expect(v.errors.map((e) => [e.id, e.key, e.reason])).toEqual([
      [
        "w1",
        "group",
        'hoort bij hetzelfde bedrijfsmiddel (groep "Werkplek") als investering w2, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn',
      ],
      ["w2", "paid", 'betaald bedrag is hoger dan het investeringsbedrag (€ 700,00); daardoor telt de hele groep "Werkplek" (3 regels) niet mee'],
      [
        "w3",
        "group",
        'hoort bij hetzelfde bedrijfsmiddel (groep "Werkplek") als investering w2, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn',
      ],
      [
        "k1",
        "group",
        'hoort bij hetzelfde bedrijfsmiddel (groep "Kast") als investering k2, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn',
      ],
      [
        "k2",
        "inUse",
        'regels van één bedrijfsmiddel (groep "Kast") worden samen in gebruik genomen; k1: in gebruik ja, deze regel: in gebruik nee; daardoor telt de hele groep "Kast" (2 regels) niet mee',
      ],
    ]);
    // the message of the row that disagrees starts as validateScenario's
    expect(
      v.errors[4].message.startsWith(
        errorOf({ year: 2025, investments: s.investments.slice(4) })
          .message.split(" (waarde")[0]
          .replace("investments[1]", "investments[5]"),
      ),
    ).toBe(true);
  });

  it("a replacement or a disposal that names a row left out goes with it; a duplicate id and a doubly named investment go; no crash on a chain", () => {
    const s = {
      year: 2025,
      investments: [
        inv("a", "machine", 10000, { paid: 20000 }),
        inv("b", "machine", 4000, { lostByCalamity: { replacedBy: "a" } }), // replaced by a row left out
        inv("c", "machine", 3000, { lostByCalamity: { replacedBy: "b" } }), // ... by a row that goes with it
        inv("d", "machine", 2000, { lostByCalamity: { replacedBy: "nergens" } }),
        inv("e", "machine", 2500),
        inv("e", "machine", 1),
        inv("f", "machine", 1500, { lostByCalamity: { replacedBy: "e" } }), // e is kept (the first of the two)
      ],
      disposals: [
        { id: "D1", price: 100, investment: "a" },
        { id: "D2", price: 100, investment: "e" },
        { id: "D3", price: 100, investment: "e" },
        { id: "D4", price: 100, investmentYear: 2009, investmentAmount: 1, investmentYearTotal: 1 }, // outside the window: no table needed
        { id: "D4", price: 50, investmentYear: 2022, investmentAmount: 1000, investmentYearTotal: 50000 },
      ],
    };
    const v = validateRows(s);
    expect(v.scenario.investments.map((i) => i.id)).toEqual(["e", "f"]);
    expect(v.scenario.disposals!.map((d) => d.id)).toEqual(["D2", "D4"]);
    expect(v.errors.map((e) => [e.list, e.index, e.key, e.code, e.reason])).toEqual([
      ["investments", 0, "paid", "PAID_EXCEEDS_AMOUNT", "betaald bedrag is hoger dan het investeringsbedrag (€ 10.000,00)"],
      ["investments", 1, "lostByCalamity.replacedBy", "UNKNOWN_REPLACEMENT", "investering a telt niet mee (zie de melding bij die regel)"],
      ["investments", 2, "lostByCalamity.replacedBy", "UNKNOWN_REPLACEMENT", "investering b telt niet mee (zie de melding bij die regel)"],
      ["investments", 3, "lostByCalamity.replacedBy", "UNKNOWN_REPLACEMENT", "er is geen investering met deze id in dit jaar"],
      ["investments", 5, "id", "DUPLICATE_ID", "deze id komt twee keer voor"],
      ["disposals", 0, "investment", "UNKNOWN_REPLACEMENT", "investering a telt niet mee (zie de melding bij die regel)"],
      ["disposals", 2, "investment", "INVALID_DISPOSAL", "deze investering is al bij een andere vervreemding genoemd"],
      ["disposals", 4, "id", "DUPLICATE_ID", "deze id komt twee keer voor"],
    ]);
    expect(evaluateNormalized(v.normalized)).toEqual(evaluate(v.scenario));
    // ids left out earlier (the taskpane's reading of the ledger) are named as such
    const later = validateRows(
      {
        year: 2025,
        investments: [inv("x", "machine", 1000, { lostByCalamity: { replacedBy: "a" } }), inv("y", "machine", 500)],
        disposals: [{ id: "D", price: 1, investment: "a" }],
      },
      { leftOut: ["a"] },
    );
    expect(later.errors.map((e) => e.reason)).toEqual([
      "investering a telt niet mee (zie de melding bij die regel)",
      "investering a telt niet mee (zie de melding bij die regel)",
    ]);
  });

  it("a cycle of replacements goes whole; a disposal whose investment year has no table is left out instead of stopping evaluate()", () => {
    const v = validateRows({
      year: 2012,
      investments: [
        inv("a", "machine", 1000, { lostByCalamity: { replacedBy: "b" } }),
        inv("b", "machine", 1000, { lostByCalamity: { replacedBy: "a" } }),
        inv("c", "machine", 1000),
      ],
      disposals: [{ id: "d", price: 1, investmentYear: 2009, investmentAmount: 1, investmentYearTotal: 1 }],
    });
    expect(v.scenario.investments.map((i) => i.id)).toEqual(["c"]);
    expect(v.errors.map((e) => [e.list, e.code, e.field])).toEqual([
      ["investments", "INVALID_REPLACEMENT", "investments[0].lostByCalamity.replacedBy"],
      ["investments", "UNKNOWN_REPLACEMENT", "investments[1].lostByCalamity.replacedBy"],
      ["disposals", "NO_TABLE", "disposals[0].investmentYear"],
    ]);
    expect(v.errors[0].reason).toMatch(/^vervangingen vormen een kring \(a → b → a\)/);
    expect(v.errors[2].message).toBe(
      errorOf({ year: 2012, investments: [], disposals: [{ id: "d", price: 1, investmentYear: 2009, investmentAmount: 1, investmentYearTotal: 1 }] }).message,
    );
    expect(v.scenario.disposals).toBeUndefined();
    expect(() => evaluate(v.scenario)).not.toThrow();
  });

  // A ledger of random rows with random faults: the rows kept always validate, evaluate() on them is the report of
  // the normalized scenario, and the taskpane's two passes (the rows without their calamity entries, then the rest
  // with the ids left out) leave out the same rows with the same messages as one pass.
  const row = (ids: string[]) =>
    fc.record({
      id: fc.constantFrom(...ids),
      category: fc.constantFrom("machine", "computer", "inventaris", "ruimteschip", "personenauto"),
      amount: fc.constantFrom<number | string>(100, 449, 450, 2500, "1000.50", -1, "abc"),
      paid: fc.option(fc.constantFrom(50, 99999), { nil: undefined }),
      group: fc.option(fc.constantFrom("g1", "g2", "g3", ""), { nil: undefined }),
      inUse: fc.option(fc.boolean(), { nil: undefined }),
      exemption: fc.option(fc.constant(true), { nil: undefined, freq: 6 }),
      lostByCalamity: fc.option(fc.record({ replacedBy: fc.constantFrom(...ids, "zz") }), { nil: undefined, freq: 3 }),
    });
  const ids = Array.from({ length: 14 }, (_, i) => `r${i}`);
  const ledgers = fc
    .tuple(
      fc.array(row(ids), { maxLength: 14 }),
      fc.array(fc.record({ id: fc.constantFrom("d1", "d2", "d3"), price: fc.constantFrom(10, 1000), investment: fc.constantFrom(...ids) }), { maxLength: 3 }),
    )
    .map(([rows, disposals]) => ({
      year: 2025,
      investments: rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))) as unknown as ScenarioInvestment[],
      disposals,
    }));

  it("property: the rows kept validate and evaluate; two passes as the taskpane does give the same as one", () => {
    fc.assert(
      fc.property(ledgers, (s) => {
        const one = validateRows(s);
        expect(() => validateScenario(one.scenario)).not.toThrow();
        expect(evaluateNormalized(one.normalized)).toEqual(evaluate(one.scenario));
        const left = new Set(one.errors.filter((e) => e.list === "investments").map((e) => e.index));
        expect(one.scenario.investments).toEqual(s.investments.filter((_, i) => !left.has(i)));
        // the taskpane: the ledger's rows without their calamity entries first, then what is left with them
        const first = validateRows({ year: 2025, investments: s.investments.map(({ lostByCalamity: _l, ...r }) => r) });
        const out = new Set(first.errors.map((e) => e.index));
        const rest = s.investments.map((r, i) => ({ r, i })).filter(({ i }) => !out.has(i));
        const second = validateRows({ ...s, investments: rest.map((x) => x.r) }, { leftOut: first.errors.map((e) => String(s.investments[e.index].id)) });
        const twoPasses = [
          ...first.errors.map((e) => [e.index, e.code, e.reason]),
          ...second.errors.filter((e) => e.list === "investments").map((e) => [rest[e.index].i, e.code, e.reason]),
        ].sort((a, b) => (a[0] as number) - (b[0] as number));
        expect(twoPasses).toEqual(one.errors.filter((e) => e.list === "investments").map((e) => [e.index, e.code, e.reason]));
        expect(second.errors.filter((e) => e.list === "disposals").map((e) => [e.index, e.reason])).toEqual(
          one.errors.filter((e) => e.list === "disposals").map((e) => [e.index, e.reason]),
        );
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });
});

describe("validateRows on any input (the fault classes of npm run fuzz)", () => {
  it("gives rows kept that validate and evaluate to a sound report, or a KiaValidationError about the whole scenario; never another exception", () => {
    const inputs = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 2, arbitrary: scenarioArb },
      { weight: 4, arbitrary: fc.tuple(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileArb).map(([x, p, v]) => mutate(x, p, v)) },
    );
    const notARow = (e: unknown) => {
      if (!(e instanceof KiaValidationError)) throw e;
      expect(e.field).not.toMatch(/^(investments|disposals)\[/);
      expect(e.message.length).toBeLessThan(1200);
    };
    let rowsLeftOut = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        let v: ReturnType<typeof validateRows>;
        try {
          v = validateRows(input);
        } catch (e) {
          return notARow(e);
        }
        rowsLeftOut += v.errors.length;
        for (const e of v.errors) {
          expect(e.message).not.toContain("[object Object]");
          expect(e.message.length).toBeLessThan(1200);
        }
        expect(() => validateScenario(v.scenario)).not.toThrow();
        try {
          expect(reportFaults(evaluate(v.scenario))).toEqual([]);
        } catch (e) {
          notARow(e); // e.g. a partner without the key's figure: evaluate() refuses the scenario as a whole
        }
      }),
      { numRuns: 2000, seed: 20261125 },
    );
    expect(rowsLeftOut).toBeGreaterThan(100);
  });
});

/** A workbook as a client sends it: the ledger and the disposals as Excel tables, the year beside 'Jaar'. */
async function workbook(ledger: { headers: string[]; rows: Cell[][] }, disposals: { headers: string[]; rows: Cell[][] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Overzicht").addRow(["Jaar", 2025]);
  const table = (sheet: string, name: string, t: { headers: string[]; rows: Cell[][] }) =>
    wb.addWorksheet(sheet).addTable({ name, ref: "A1", headerRow: true, columns: t.headers.map((h) => ({ name: h })), rows: t.rows as ExcelJS.CellValue[][] });
  table("Investeringen", "Investeringen", ledger);
  table("Desinvesteringen", "Desinvesteringen", disposals);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the same workbook in the taskpane and in kia-calc", () => {
  const ledger = {
    headers: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald", "Groep", "In gebruik", "Ontheffing", "Verloren door calamiteit", "Vervangen door"],
    rows: [
      ["INV-1", "Draaibank", "machine", 10000, null, null, null, null, null, null],
      ["INV-2", "Freesmachine", "machine", 5000, 6000, null, null, null, null, null], // paid more than the amount
      ["INV-3", "Stellingkast", "inventaris", 2000, null, null, null, null, null, null],
      ["INV-4", "Heftruck", "machine", 3000, null, null, null, "ja", null, null], // an exemption without a related party
      ["INV-5", "Computer", "computer", 800, null, "Werkplek", "ja", null, null, null],
      ["INV-6", "Scherm", "computer", 700, null, "Werkplek", "nee", null, null, null], // its group disagrees: both go
      ["INV-7", "Compressor", "machine", 4000, null, null, null, null, "ja", "INV-2"], // replaced by a row left out
      ["INV-8", "Zaagmachine", "machine", 6000, null, null, null, null, null, null],
      ["INV-9", "Boormachine", "gereedschap", 1500, null, null, null, null, null, null],
    ] as Cell[][],
  };
  const disposals = {
    headers: ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar", "Investeringsjaar", "Investeringsbedrag", "Totaal investeringsjaar"],
    rows: [
      ["D1", "Heftruck verkocht", 500, "INV-4", null, null, null], // the disposal of a row left out
      ["D2", "Oude bus", 3000, null, 2022, 20000, 60000],
    ] as Cell[][],
  };
  const dir = mkdtempSync(join(tmpdir(), "kia-rows-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let path = "";
  beforeAll(async () => {
    mkdirSync(join(dir, "klanten"));
    path = join(dir, "klanten", "klant.xlsx");
    writeFileSync(path, await workbook(ledger, disposals));
  });

  /** the taskpane on the same cells: the pane's state after loading, derived as on screen */
  function taskpane() {
    const grid = (sheet: string, t: { headers: string[]; rows: Cell[][] }) => ({
      sheet,
      source: `tabel ${sheet}`,
      headers: t.headers,
      rows: t.rows,
      firstRow: 2,
      firstColumn: 0,
    });
    const s = reducer(initialState(2025), {
      type: "load-done",
      source: { kind: "table", name: "tabel Investeringen", table: "Investeringen" },
      grid: grid("Investeringen", ledger),
      disposalGrid: grid("Desinvesteringen", disposals),
      mapping: { id: 0, description: 1, category: 2, amount: 3, paid: 4, group: 5, inUse: 6, exemption: 7, lostByCalamity: 8, replacedBy: 9 },
      mappingOrigin: "headers",
      year: 2025,
    });
    const before = evaluations();
    const d = makeDeriver()(s, NL);
    return { s, d, evaluations: evaluations() - before };
  }

  const idOfRow = (row: number) => cellText(ledger.rows[row - 2][0]);
  const keptIds = ["INV-1", "INV-3", "INV-8", "INV-9"];

  it("the taskpane leaves out the five bad rows (three kinds, a group of two, a replacement) and the disposal, and evaluates once", () => {
    const { d, evaluations: n } = taskpane();
    expect(n).toBe(1);
    expect(d.error).toBeNull();
    expect(d.evaluated!.scenario.investments.map((i) => i.id)).toEqual(keptIds);
    expect(d.leftOut.map((p) => [cellOf(p), p.id, p.field])).toEqual([
      ["Investeringen!E3", "INV-2", "paid"],
      ["Investeringen!H5", "INV-4", "exemption"],
      ["Investeringen!F6", "INV-5", "group"],
      ["Investeringen!G7", "INV-6", "inUse"],
      ["Investeringen!J8", "INV-7", "replacedBy"],
      // the disposal of a row left out goes with it, at the cell of the investment it names
      ["Desinvesteringen!D2", "D1", "investment"],
    ]);
    expect(d.leftOut[5].reason).toBe("investering INV-4 telt niet mee (zie de melding bij die regel)");
    expect(d.disposalIssues).toEqual([]);
    expect(d.evaluated!.report!.total).toBe("19500");
  });

  it("kia-calc werkblad.xlsx lists the same rows with the same messages on standard error, computes the others, exit code 0", async () => {
    const { d } = taskpane();
    const r = await call([path]);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toBe(`Let op: 6 regels in ${path} tellen niet mee; de berekening weigert ze:`);
    // each row at the cell the taskpane names (its sheet, column and row), with the reason the taskpane gives
    expect(lines.slice(1).map((l) => [l.trim().split(" ")[0], l.slice(l.indexOf("): ") + 3)])).toEqual(d.leftOut.map((p) => [cellOf(p), p.reason]));
    expect(idOfRow(3)).toBe("INV-2");
    expect(lines[1]).toBe("  Investeringen!E3 (nummer INV-2, kolom betaald): betaald bedrag is hoger dan het investeringsbedrag (€ 5.000,00)");
    const report = JSON.parse(r.out);
    const pane = d.evaluated!.report!;
    expect([report.total, report.kia, report.disinvestment?.total]).toEqual([pane.total, pane.kia, pane.disinvestment?.total]);
    expect(report.assets.map((a: { id: string }) => a.id)).toEqual(keptIds);
    const scenario = JSON.parse((await call(["--scenario", path])).out);
    expect(scenario.investments.map((i: { id: string }) => i.id)).toEqual(keptIds);
    expect(scenario.disposals.map((x: { id: string }) => x.id)).toEqual(["D2"]);
  });

  it("the pane's report sheet and kia-calc's output name the same rows left out, with the same cells and reasons", async () => {
    const { s, d } = taskpane();
    // as the report step (ReportStep.tsx): the reader's LeftOut entries, then the pane's own disposals not complete
    const rows = leftOutRows(d.leftOut, { issues: d.disposalIssues, disposals: s.choices.disposals }, "nl");
    const sheet = reportSheet(d.evaluated!.report!, {
      lang: "nl",
      version: "1",
      date: "2026-01-01",
      ledgerSource: "tabel Investeringen",
      scenario: d.evaluated!.scenario,
      leftOut: rows,
    });
    const at = sheet.rows.findIndex((r) => r[0] === "Niet meegeteld");
    const listed = sheet.rows.slice(at + 3, at + 3 + rows.length);
    const cli = JSON.parse((await call([path])).out).leftOut as { cell: string; id?: string; column?: string; reason: string }[];
    // the ledger's rows: the same cell, number, column and reason in both (the report names the number and column
    // after the reason)
    expect(listed.slice(0, 5).map((r) => [r[0], r[4]])).toEqual(
      cli
        .slice(0, 5)
        .map((x) => [
          x.cell,
          expect.stringMatching(new RegExp(`^${x.reason.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(nummer ${x.id}, kolom ${x.column}(, waarde .*)?\\)$`)),
        ]),
    );
    expect(listed[0]).toEqual([
      "Investeringen!E3",
      "Freesmachine",
      null,
      5000,
      "betaald bedrag is hoger dan het investeringsbedrag (€ 5.000,00) (nummer INV-2, kolom betaald)",
      null,
      null,
    ]);
    // the disposal at the cell kia-calc names (the investment it undoes), with its number, column and reason, as kia-calc
    expect(listed[5][0]).toBe("Desinvesteringen!D2");
    expect(listed[5][4]).toBe("investering INV-4 telt niet mee (zie de melding bij die regel) (nummer D1, kolom investering dit jaar)");
    expect(cli[5]).toEqual({
      cell: "Desinvesteringen!D2",
      id: "D1",
      column: "investering dit jaar",
      reason: "investering INV-4 telt niet mee (zie de melding bij die regel)",
    });
    expect(cli).toHaveLength(6);
    expect(sheet.rows.find((r) => r[0] === "Regels van de staat")![2]).toBe(
      "9 regels gelezen, 5 niet meegeteld; 1 vervreemding niet meegeteld (zie Niet meegeteld)",
    );
  });

  it("--batch counts them under Problemen and computes the client, with one evaluate(); the taskpane shows as many", async () => {
    const { d } = taskpane();
    const before = evaluations();
    const row = await evaluateClient(path, core);
    expect(evaluations() - before).toBe(1);
    expect(row).toMatchObject({ year: 2025, total: d.evaluated!.report!.total, kia: d.evaluated!.report!.kia, error: null });
    expect(row.problems).toBe(d.leftOut.length + d.disposalIssues.length);
    expect(row.problems).toBe(6);
    const r = await call(["--batch", join(dir, "klanten")]);
    expect(r.code).toBe(0);
    const [, line] = r.out
      .replace(/^\ufeff/, "")
      .trimEnd()
      .split("\r\n");
    const pane = d.evaluated!.report!;
    // 6 problems: the figure is provisional (column Voorlopig)
    expect(line.split(";").slice(0, 8)).toEqual([
      "klant.xlsx",
      "2025",
      ...[pane.total, pane.kia, pane.disinvestment!.total].map((x) => x.replace(".", ",")),
      "6",
      "ja",
      "",
    ]);
  });

  it("a ledger of many bad rows is still one evaluation in the taskpane (the old way retried once per row, at most 25 times)", () => {
    const many: ScenarioInvestment[] = [];
    for (let i = 0; i < 400; i++) {
      const extra: Record<string, unknown> = {};
      if (i % 10 === 1) extra.paid = 99999;
      if (i % 10 === 2) Object.assign(extra, { group: `g${i}`, inUse: true });
      if (i % 10 === 3) Object.assign(extra, { group: `g${i - 1}`, inUse: false });
      if (i % 10 === 4) extra.lostByCalamity = { replacedBy: "bestaat-niet" };
      many.push(inv(`m${i}`, "machine", 1000 + i, extra) as ScenarioInvestment);
    }
    const cell = (v: unknown): Cell => (v === undefined ? null : typeof v === "boolean" ? (v ? "ja" : "nee") : (v as Cell));
    const grid = {
      sheet: "Staat",
      source: "tabel Investeringen",
      headers: ["Nummer", "Categorie", "Bedrag", "Betaald", "Groep", "In gebruik", "Vervangen door"],
      rows: many.map((x) => {
        const r = x as unknown as Record<string, unknown>;
        return [r.id, r.category, r.amount, r.paid, r.group, r.inUse, (r.lostByCalamity as { replacedBy?: string } | undefined)?.replacedBy].map(cell);
      }),
      firstRow: 2,
      firstColumn: 0,
    };
    const s = reducer(initialState(2025), {
      type: "load-done",
      source: { kind: "table", name: "tabel Investeringen" },
      grid,
      mapping: { id: 0, category: 1, amount: 2, paid: 3, group: 4, inUse: 5, replacedBy: 6 },
      mappingOrigin: "headers",
    });
    const before = evaluations();
    const d = makeDeriver()(s, NL);
    const e = d.evaluated!;
    expect(evaluations() - before).toBe(1);
    expect(e.error).toBeNull();
    expect(d.leftOut.length).toBe(160);
    expect(e.scenario.investments).toHaveLength(240);
    expect(e.report!.total).toBe(String(e.scenario.investments.reduce((t, x) => t + Number(x.amount), 0)));
  });
});

/**
 * kia-calc names the cell of a refused row (Investeringen!E3) as it names a cell it cannot read, and the cell is the
 * one the taskpane names for that row: for a table that does not start at A1, a sheet whose header is on row 4, a CSV.
 */
describe("the cell of a refused row, in kia-calc and in the taskpane", () => {
  const dir = mkdtempSync(join(tmpdir(), "kia-cells-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** kia-calc on the file: the lines under "de berekening weigert ze", without their indent */
  async function refused(name: string, bytes: Uint8Array): Promise<string[]> {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = await call([path]);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split("\n");
    const at = lines.findIndex((l) => l.endsWith("de berekening weigert ze:"));
    expect(at).toBeGreaterThanOrEqual(0);
    return lines
      .slice(at + 1)
      .filter((l) => l.startsWith("  "))
      .map((l) => l.slice(2));
  }

  /** the standalone pane on the same file (loadLedger, as App.tsx loads it): the cell of each row it lists as left out */
  async function paneCells(name: string, bytes: Uint8Array): Promise<string[]> {
    const wb = await openFileWorkbook({ name, arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer }, { storage: null });
    const state = reducer(initialState(2020), await loadLedger(wb, {}, { guess: 2020, culture: async () => NL, fileName: name }));
    const d = makeDeriver()(state, NL);
    expect(d.error).toBeNull();
    return d.leftOut.map(cellOf);
  }
  const cellsOf = (lines: string[]) => lines.map((l) => l.split(" ")[0]);
  const group = (g: string, id: string) =>
    `hoort bij hetzelfde bedrijfsmiddel (groep "${g}") als investering ${id}, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn`;

  it("an Excel table from B3: the field's cell; a field without a column of its own (a calamity without that column) the number's cell", async () => {
    const headers = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald", "Groep", "Vervangen door"];
    const bytes = await sheets({ Overzicht: [["Jaar", 2025]], Staat: [["Staat van investeringen 2025"]], Verkopen: [] }, [
      {
        sheet: "Staat",
        name: "Investeringen",
        ref: "B3",
        headers,
        rows: [
          ["INV-1", "Draaibank", "machine", 10000, null, null, null],
          ["INV-2", "Computer", "computer", 800, 900, "Werkplek", null], // paid more: its group goes with it
          ["INV-3", "Scherm", "computer", 700, null, "Werkplek", null],
          ["INV-4", "Dak", "bedrijfsgebouw", 8000, null, "Pand", "INV-1"],
          ["INV-5", "Gevel", "bedrijfsgebouw", 6000, null, "Pand", null], // its group disagrees on the calamity
        ],
      },
      { sheet: "Verkopen", name: "Desinvesteringen", ref: "A1", headers: ["Nummer", "Verkoopprijs", "Investering dit jaar"], rows: [["D1", 100, "INV-3"]] },
    ]);
    const lines = await refused("tabel.xlsx", bytes);
    expect(lines).toEqual([
      'Staat!F5 (nummer INV-2, kolom betaald): betaald bedrag is hoger dan het investeringsbedrag (€ 800,00); daardoor telt de hele groep "Werkplek" (2 regels) niet mee',
      `Staat!G6 (nummer INV-3, kolom groep): ${group("Werkplek", "INV-2")}`,
      `Staat!G7 (nummer INV-4, kolom groep): ${group("Pand", "INV-5")}`,
      expect.stringMatching(/^Staat!B8 \(nummer INV-5, kolom verloren door calamiteit\): regels van één bedrijfsmiddel \(groep "Pand"\) gaan samen verloren/),
      "Verkopen!C2 (vervreemding D1, kolom investering dit jaar): investering INV-3 telt niet mee (zie de melding bij die regel)",
    ]);
    // the disposal of a row left out too, at the same cell (the pane lists the reader's LeftOut)
    expect(await paneCells("tabel.xlsx", bytes)).toEqual(cellsOf(lines));
  });

  it("a sheet without a table, its header on row 4 from column B: the sheet's own row and column", async () => {
    const bytes = await sheets({
      Activa: [
        ["Staat van investeringen"],
        ["Jaar", 2025],
        [],
        [null, "Nummer", "Categorie", "Bedrag", "Betaald", "Groep", "In gebruik"],
        [null, "A1", "machine", 5000, null, null, null],
        [null, "A2", "inventaris", 3000, 4000, null, null],
        [null, "A3", "computer", 900, null, "Kantoor", "ja"],
        [null, "A4", "computer", 900, null, "Kantoor", "nee"],
      ],
    });
    const lines = await refused("blad.xlsx", bytes);
    expect(lines).toEqual([
      "Activa!E6 (nummer A2, kolom betaald): betaald bedrag is hoger dan het investeringsbedrag (€ 3.000,00)",
      `Activa!F7 (nummer A3, kolom groep): ${group("Kantoor", "A4")}`,
      'Activa!G8 (nummer A4, kolom in gebruik): regels van één bedrijfsmiddel (groep "Kantoor") worden samen in gebruik genomen; A3: in gebruik ja, deze regel: in gebruik nee; daardoor telt de hele groep "Kantoor" (2 regels) niet mee',
    ]);
    expect(await paneCells("blad.xlsx", bytes)).toEqual(cellsOf(lines));
  });

  it("a CSV: the sheet named after the file, its line as the row; a row without a number by its cell alone", async () => {
    const text =
      "Staat van investeringen;;;;\r\nJaar;2025;;;\r\nNummer;Categorie;Bedrag;Betaald;Ontheffing\r\nC1;machine;5.000;;\r\n;inventaris;2.000;2.500;\r\nC3;machine;3.000;;ja\r\n";
    const bytes = new TextEncoder().encode(text);
    const lines = await refused("staat.csv", bytes);
    expect(lines).toEqual([
      "staat.csv!D5 (kolom betaald): betaald bedrag is hoger dan het investeringsbedrag (€ 2.000,00)",
      expect.stringMatching(/^staat\.csv!E6 \(nummer C3, kolom ontheffing\): een ontheffing/),
    ]);
    expect(await paneCells("staat.csv", bytes)).toEqual(cellsOf(lines));
  });
});
