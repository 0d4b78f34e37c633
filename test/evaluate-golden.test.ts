/**
 * evaluate()'s whole report, byte for byte, on generated ledgers of every feature (groups, excluded categories,
 * related parties with and without exemption, market values, reserves, overrides, dates, unpaid assets, calamities,
 * partnerships, disposals, exact mode) and on fast-check's valid-looking scenarios: the JSON of each report (or the
 * validation error's message) is hashed, and the hashes are those of the straightforward implementation this
 * was recorded from (main at 470c317, before evaluate() was made faster for issue 17 §5). A change in any figure,
 * message, reference or key order changes a hash. Besides the hashes, a few figures are checked against a direct
 * computation with Decimal (the year's total, each asset's part of the KIA), so a hash is not all there is.
 *
 * When a report is meant to change (a law correction, a new field), record the new hashes:
 * GOLDEN_PRINT=1 npx jest test/evaluate-golden.test.ts prints them.
 */
import { createHash } from "crypto";
import fc from "fast-check";
import { Decimal, evaluate, KiaValidationError, type Report } from "../src";
import { benchScenario } from "../bench/ledger";
import { scenarioArb } from "./support/fuzz-core";

/** A small deterministic PRNG (mulberry32): the same ledgers on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  seed: number;
  year: number;
  n: number;
  /** the largest amount of a row in euros: small enough keeps the year's total in the table's bands */
  max: number;
  partners: number;
  exact?: boolean;
  disposals?: boolean;
  calamity?: boolean;
}

/** A ledger of `n` rows with every kind of row the core knows, deterministically from the seed. */
export function goldenScenario(sh: Shape): Record<string, unknown> {
  const r = prng(sh.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const cats = ["machine", "machine", "machine", "computer", "inventaris", "personenauto", "bestelauto", "grond", "software", "personenauto-emissieloos"];
  const investments: Record<string, unknown>[] = [];
  const groupOf = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < sh.n; i++) {
    const cents = Math.floor(r() * (r() < 0.3 ? 40000 : sh.max * 100));
    const form = r();
    // amounts as numbers, as whole-cent text, and now and then with more decimals (the Decimal path)
    const amount = form < 0.45 ? cents / 100 : form < 0.9 ? (cents / 100).toFixed(2) : `${(cents / 100).toFixed(2)}7`;
    const x: Record<string, unknown> = { id: `R${i}`, category: pick(cats), amount };
    const kind = r();
    if (kind < 0.15) {
      const g = `groep ${Math.floor(r() * (sh.n / 20 + 1))}`;
      x.group = g;
      const first = groupOf.get(g);
      if (first) {
        x.inUse = first.inUse;
        x.vatDeductible = first.vatDeductible;
        if (first.lostByCalamity) x.lostByCalamity = first.lostByCalamity;
        if (first.relatedParty !== undefined) x.relatedParty = first.relatedParty;
        if (first.exemption !== undefined) x.exemption = first.exemption;
      } else groupOf.set(g, x);
    } else if (kind < 0.2) {
      x.relatedParty = true;
      const e = r();
      if (e < 0.4) {
        x.exemption = true;
        if (r() < 0.6) x.marketValue = (Math.floor(cents * (0.5 + r())) / 100).toFixed(2);
      } else if (e < 0.7) {
        x.exemptionPossible = r() < 0.7;
        if (x.exemptionPossible && r() < 0.5) x.marketValue = (Math.floor(cents * (0.5 + r())) / 100).toFixed(2);
      }
    } else if (kind < 0.23) {
      x.reinvestmentReserve = { amount: (Math.floor(cents * r()) / 100).toFixed(2), kind: r() < 0.7 ? "hir" : "herbesteding", declaration: r() < 0.5 };
    } else if (kind < 0.25) {
      x.override = { eligible: r() < 0.5, reason: `handmatig ${i}` };
    }
    if (!x.group || groupOf.get(x.group as string) === x) {
      if (r() < 0.05) {
        x.inUse = false;
        x.paid = (Math.floor(cents * r() * r()) / 100).toFixed(2);
      } else if (r() < 0.03) x.paid = (cents / 100).toFixed(2);
      if (r() < 0.1) x.vatDeductible = false;
    }
    if (r() < 0.1) x.description = `Omschrijving ${i}`;
    if (r() < 0.05) x.date = r() < 0.8 ? `${sh.year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` : `${sh.year - 1}-12-31`;
    if (r() < 0.05) x.eiaMia = true;
    investments.push(x);
  }
  // a lost asset replaced this year (approval given, refused, or left to the core)
  if (sh.calamity)
    for (let k = 0; k < 3; k++) {
      const lost = investments[10 + k * 7];
      if (lost.group !== undefined) continue;
      lost.lostByCalamity = { replacedBy: investments[11 + k * 7].id, ...(k === 0 ? {} : { approval: k === 1 }) };
    }
  const s: Record<string, unknown> = { year: sh.year, investments };
  if (sh.exact) s.exact = true;
  if (sh.partners)
    s.partnership = {
      key: pick(["profit", "capital", "equal"]),
      jointRequest: r() < 0.5,
      disinvestmentLevel: r() < 0.5 ? "partner" : "partnership",
      partners: Array.from({ length: sh.partners }, (_, k) => ({
        name: `Vennoot ${k + 1}`,
        profit: String(10 + k * 5),
        capital: String((k + 1) * 12345),
        ...(k === 0 ? { ownAssetsInPartnership: "4000", outsideInvestments: "12000" } : {}),
      })),
    };
  if (sh.disposals)
    s.disposals = [
      { id: "D1", price: "2500", investmentYear: sh.year - 2, investmentAmount: "10000", investmentYearTotal: "60000" },
      { id: "D2", price: "800.50", investmentYear: sh.year - 4, investmentAmount: "3000", investmentYearTotal: "20000" },
      { id: "D3", price: "1200", investment: investments[3].id },
    ];
  return s;
}

const shapes: Shape[] = [
  { seed: 1, year: 2025, n: 3000, max: 50000, partners: 5, calamity: true, disposals: true },
  { seed: 2, year: 2025, n: 3000, max: 560, partners: 5, calamity: true, disposals: true },
  { seed: 3, year: 2024, n: 2000, max: 600, partners: 0, disposals: true },
  { seed: 4, year: 2024, n: 2000, max: 520, partners: 2, exact: true, calamity: true },
  { seed: 5, year: 2019, n: 1500, max: 600, partners: 0, calamity: true },
  { seed: 6, year: 2016, n: 1500, max: 20000, partners: 3, disposals: true },
  { seed: 7, year: 2014, n: 800, max: 700, partners: 0, exact: true },
  { seed: 8, year: 2026, n: 2500, max: 550, partners: 4, calamity: true },
  { seed: 9, year: 2025, n: 200, max: 2000, partners: 0 },
  { seed: 10, year: 2023, n: 60, max: 3000, partners: 2, calamity: true, disposals: true },
];

const hash = (x: unknown) => createHash("sha256").update(typeof x === "string" ? x : JSON.stringify(x)).digest("hex").slice(0, 16);

function outcome(s: unknown): string {
  try {
    return JSON.stringify(evaluate(s));
  } catch (e) {
    if (e instanceof KiaValidationError) return `invalid: ${e.message}`;
    throw e;
  }
}

/** Hashes recorded from the straightforward implementation (see the top of this file). */
const GOLDEN: Record<string, string> = {
  "seed 1: 3000 rows, 2025": "44075654ae2d0a3a",
  "seed 2: 3000 rows, 2025": "39bc433a0e3064bb",
  "seed 3: 2000 rows, 2024": "a393eaa1e66b02f8",
  "seed 4: 2000 rows, 2024": "4ffc7ff8bc9c1fc3",
  "seed 5: 1500 rows, 2019": "e59434c3222af9e2",
  "seed 6: 1500 rows, 2016": "04903ab12de55715",
  "seed 7: 800 rows, 2014": "b2da48005c0635d7",
  "seed 8: 2500 rows, 2026": "424b184ea3928489",
  "seed 9: 200 rows, 2025": "d730efcf56ed31eb",
  "seed 10: 60 rows, 2023": "c439e73371837011",
  "bench ledger: 20.000 rows, large": "f707dc0deef2af0f",
  "bench ledger: 20.000 rows, in band": "0292a7b585435fe2",
  fastcheck: "e09f36122b4347a2",
};

describe("evaluate(): the whole report as before (issue 17 §5)", () => {
  const printed: Record<string, string> = {};
  afterAll(() => {
    if (process.env.GOLDEN_PRINT) console.log(JSON.stringify(printed, null, 2));
  });

  it.each(shapes.map((sh) => [`seed ${sh.seed}: ${sh.n} rows, ${sh.year}`, sh] as const))("%s", (name, sh) => {
    const s = goldenScenario(sh);
    const text = outcome(s);
    printed[name] = hash(text);
    expect(text.startsWith("invalid")).toBe(false);
    const report = JSON.parse(text) as Report;
    // the year's total from the rows, with Decimal: what each counted row adds (countedAmount, or its market value)
    let total = new Decimal(0);
    for (const a of report.assets) {
      if (a.counted) total = total.plus(a.countedAmount);
      if (a.addedToTotal !== undefined) total = total.plus(a.addedToTotal);
    }
    expect(total.toString()).toBe(new Decimal(report.total).toString());
    // each asset's part of the KIA: its amount x the table's KIA / the total, half up to cents
    const tableKia = new Decimal(report.tableKiaExact ?? report.kiaExact);
    const deduction = (a: Report["assets"][number]) =>
      a.marketValue !== undefined && new Decimal(a.marketValue).lt(a.amount) ? new Decimal(a.marketValue) : new Decimal(a.amount);
    for (const a of report.assets.slice(0, 400)) {
      if (!a.counted || total.isZero()) {
        expect(a.kiaAttributed).toBe("0");
        continue;
      }
      const reserve = a.reinvestmentReserve && !a.reinvestmentReserve.declaration ? new Decimal(a.reinvestmentReserve.amount) : new Decimal(0);
      const expected = deduction(a).minus(reserve).times(tableKia).div(total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      expect(`${a.id} ${a.kiaAttributed}`).toBe(`${a.id} ${expected.toFixed()}`);
    }
    if (GOLDEN[name]) expect(printed[name]).toBe(GOLDEN[name]);
    else if (!process.env.GOLDEN_PRINT) throw new Error(`no golden hash for ${name}`);
  });

  it.each([
    ["bench ledger: 20.000 rows, large", 20_000, "large"],
    ["bench ledger: 20.000 rows, in band", 20_000, "in band"],
  ] as const)("%s (the benchmark's own ledger with a partnership of 5)", (name, n, kind) => {
    printed[name] = hash(outcome(benchScenario(n, kind)));
    if (GOLDEN[name]) expect(printed[name]).toBe(GOLDEN[name]);
    else if (!process.env.GOLDEN_PRINT) throw new Error(`no golden hash for ${name}`);
  });

  it("fast-check's valid-looking scenarios (2.000, seed 17): reports and refusals as before", () => {
    const texts = fc.sample(scenarioArb, { numRuns: 2000, seed: 17 }).map(outcome);
    expect(texts.filter((t) => !t.startsWith("invalid")).length).toBeGreaterThan(500);
    printed.fastcheck = hash(texts.join("\n"));
    if (GOLDEN.fastcheck) expect(printed.fastcheck).toBe(GOLDEN.fastcheck);
    else if (!process.env.GOLDEN_PRINT) throw new Error("no golden hash for the fast-check scenarios");
  });
});
