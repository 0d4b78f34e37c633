/**
 * Generators and checks for the core's robustness: any JSON value, valid scenarios of every shape, and valid
 * scenarios with one value replaced by something hostile. Used by test/robustness.test.ts (thousands of cases
 * in npm test) and by fuzz/run.ts (npm run fuzz: hundreds of thousands, with counts per fault class).
 */
import fc from "fast-check";
import { evaluate, KiaValidationError, Decimal } from "../../src";
import type { Report } from "../../src";

const categories = ["machine", "computer", "inventaris", "personenauto", "grond", "verhuur", "Bestelauto", "software", "personenauto-emissieloos", "COMPUTER"];

/** Amounts the way scenarios send them: numbers and decimal strings, biased to cents, band edges and odd forms. */
export const amountArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 500_000_00 }).map((c) => c / 100) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 500_000_00 }).map((c) => (c / 100).toFixed(2)) },
  { weight: 2, arbitrary: fc.constantFrom(0, 449.99, 450, 2800, 2800.01, 69765, 69765.01, 129194, 387580, 387580.01, "0.001", "1234.5678", "0", "1e3", ".5", "5.") },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e9, noNaN: true }) },
);

const investmentArb = (i: number) =>
  fc.record(
    {
      id: fc.constant(`i${i}`),
      category: fc.constantFrom(...categories),
      amount: amountArb,
      vatDeductible: fc.boolean(),
      group: fc.constantFrom("g1", "g2", "g3"),
      relatedParty: fc.boolean(),
      paid: fc.integer({ min: 0, max: 10000 }),
      inUse: fc.boolean(),
      eiaMia: fc.boolean(),
      description: fc.string({ maxLength: 30 }),
      date: fc.constantFrom("2024-03-01", "2023-12-31", "2025-01-01"),
    },
    { requiredKeys: ["id", "category", "amount"] },
  );

/** A valid-looking scenario: most are valid, some break a cross-field rule (that must give a KiaValidationError). */
export const scenarioArb = fc
  .tuple(
    fc.integer({ min: 2010, max: 2026 }),
    fc.integer({ min: 0, max: 12 }),
    fc.boolean(),
    fc.option(
      fc.record({
        key: fc.constantFrom("profit", "capital", "equal", "winst", "kapitaal", "gelijke delen", "reserves"),
        jointRequest: fc.option(fc.boolean(), { nil: undefined }),
        n: fc.integer({ min: 2, max: 6 }),
        own: fc.boolean(),
      }),
      { nil: undefined },
    ),
    fc.array(fc.record({ price: amountArb, back: fc.integer({ min: 0, max: 8 }) }), { maxLength: 4 }),
    fc.boolean(),
  )
  .chain(([year, n, exact, partnership, disposals, calamity]) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => investmentArb(i))).map((investments) => {
      const inv = investments.map((x) => ({ ...x })) as Record<string, unknown>[];
      // keep groups consistent (a mixed group is refused, which the mutation fuzz covers)
      const firstOf = new Map<unknown, Record<string, unknown>>();
      for (const x of inv) {
        if (x.group === undefined) continue;
        const f = firstOf.get(x.group);
        if (!f) firstOf.set(x.group, x);
        else {
          x.inUse = f.inUse;
          x.vatDeductible = f.vatDeductible;
        }
      }
      for (const x of inv) {
        const amt = Number(x.amount);
        if (x.paid !== undefined && !(amt >= (x.paid as number))) delete x.paid;
      }
      if (calamity && inv.length >= 2) inv[0].lostByCalamity = { replacedBy: inv[1].id };
      const s: Record<string, unknown> = { year, exact, investments: inv };
      if (partnership)
        s.partnership = {
          key: partnership.key,
          ...(partnership.jointRequest === undefined ? {} : { jointRequest: partnership.jointRequest }),
          partners: Array.from({ length: partnership.n }, (_, k) => ({
            name: `P${k}`,
            profit: k + 1,
            capital: 1000 * (k + 1),
            reserves: 10 + k,
            ...(partnership.own && k === 0 ? { ownAssetsInPartnership: 5000, outsideInvestments: 20000 } : {}),
          })),
        };
      if (disposals.length)
        s.disposals = disposals.map((d, k) => ({ id: `d${k}`, price: d.price, investmentYear: year - d.back, investmentAmount: 1000, investmentYearTotal: 50000 }));
      return s;
    }),
  );

/** Hostile values to put anywhere. */
const nested = (depth: number, leaf: unknown) => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
export const hostileArb = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, "", " ", -0, -1, 1e308, 1e16, 1e-20, 5e-324, Number.MAX_SAFE_INTEGER, "1e308", "12345678901234567890123456789012345678901234.5", "0.0000000000000000001", "NaN", "Infinity", "€ 1.234,56", "60,000", "\u2212 5", "x".repeat(100000), true, [], {}, "__proto__", "constructor"),
  fc.integer({ min: 100, max: 20000 }).map((d) => nested(d, 1)),
  fc.object({ maxDepth: 3 }),
);

/** Replace the value at a random path of `s` by `v` (or add a key). */
export function mutate(s: unknown, path: number[], v: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(s));
  let cur: unknown = copy;
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  for (const step of path) {
    if (typeof cur !== "object" || cur === null) break;
    const keys = Array.isArray(cur) ? cur.map((_, i) => i) : Object.keys(cur);
    if (!keys.length) break;
    parent = cur as Record<string, unknown>;
    key = keys[step % keys.length];
    cur = (cur as Record<string | number, unknown>)[key];
  }
  if (parent === undefined || key === undefined) return v;
  (parent as Record<string | number, unknown>)[key] = v;
  return copy;
}

export type Outcome =
  | { kind: "report"; report: Report }
  | { kind: "invalid"; error: KiaValidationError }
  | { kind: "crash"; error: unknown };

export function run(s: unknown): Outcome {
  try {
    return { kind: "report", report: evaluate(s) };
  } catch (e) {
    if (e instanceof KiaValidationError) return { kind: "invalid", error: e };
    return { kind: "crash", error: e };
  }
}

const PLAIN = /^-?\d+(\.\d+)?$/;
const AMOUNT_KEYS = /^(total|kia|kiaExact|tableKia|tableKiaExact|deductionBase|rate|amount|countedAmount|kiaAttributed|deductibleThisYear|deductibleThisYearExact|carriedForward|carriedForwardExact|share|part|combinedTotal|ownAssetsInPartnership|outsideTotal|outsideKia|outsideKiaExact|marketValue|attributed|paid|price|amountExact|base|totalExact|disposalsTotal|threshold|kiaWith|kiaWithout|kiaWithExact|kiaWithoutExact|totalWith|totalWithout|additionWithExact|additionWithoutExact|netWithExact|netWithoutExact|differenceExact|minAssetAmount)$/;

/** The fault classes of a report; empty when the report is sound. */
export function reportFaults(r: Report): string[] {
  const faults: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === "string" && AMOUNT_KEYS.test(key)) {
      if (!PLAIN.test(v)) faults.push(`not-plain:${key}=${v.slice(0, 40)}`);
      else if (!/^(differenceExact|netWithExact|netWithoutExact)$/.test(key) && v.startsWith("-")) faults.push(`negative:${key}=${v}`);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(r, "");
  const eq = (a: string, b: string, c: string, what: string) => {
    if (!new Decimal(a).plus(b).eq(c)) faults.push(`inexact:${what}`);
  };
  eq(r.deductibleThisYearExact, r.carriedForwardExact, r.kiaExact, "deductible+carried=kia");
  eq(r.deductibleThisYear, r.carriedForward, r.kia, "deductible+carried=kia (rounded)");
  for (const p of r.partners ?? []) {
    eq(p.deductibleThisYearExact, p.carriedForwardExact, p.kiaExact, `partner ${p.name} exact`);
    eq(p.deductibleThisYear, p.carriedForward, p.kia, `partner ${p.name} rounded`);
  }
  for (const w of r.warnings) if (w.text.length > 1500) faults.push(`oversized-warning:${w.code}:${w.text.length}`);
  for (const s of r.explanation) if (s.text.length > 3000) faults.push(`oversized-step:${s.text.length}`);
  return faults;
}
