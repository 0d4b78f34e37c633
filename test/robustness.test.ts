/**
 * No input may crash, mislead or hang the core. Each fault class found by the hardening review has a property
 * here that would have caught it; npm run fuzz runs the same generators much longer (fuzz/run.ts).
 */
import fc from "fast-check";
import { categoryVerdict, Decimal, evaluate, findCategory, groupThousands, isAmountProblem, kia, KiaValidationError, NoTableError, readDutchAmount, showValue } from "../src";
import { hostileArb, mutate, reportFaults, run, scenarioArb } from "./support/fuzz-core";

const SEED = 20261123;

describe("any JSON input gives a report or a KiaValidationError", () => {
  it("random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(run(v).kind).not.toBe("crash");
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it("valid scenarios of every shape give sound reports", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const o = run(s);
        if (o.kind === "crash") throw o.error;
        if (o.kind === "report") expect(reportFaults(o.report)).toEqual([]);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it("valid scenarios with one value replaced by something hostile", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileArb, (s, path, v) => {
        const o = run(mutate(s, path, v));
        if (o.kind === "crash") throw o.error;
        if (o.kind === "report") expect(reportFaults(o.report)).toEqual([]);
        if (o.kind === "invalid") {
          expect(o.error.message.length).toBeLessThan(1200);
          expect(o.error.message).not.toContain("[object Object]");
        }
      }),
      { numRuns: 2500, seed: SEED },
    );
  });

  it("a value nested thousands of levels deep is refused with a bounded message (was a RangeError)", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50000; i++) deep = [deep];
    for (const s of [
      { year: 2024, investments: [], description: deep },
      { year: 2024, investments: [{ id: "a", category: "machine", amount: deep }] },
      { year: deep, investments: [] },
    ]) {
      const o = run(s);
      expect(o.kind).toBe("invalid");
      if (o.kind === "invalid") expect(o.error.message.length).toBeLessThan(300);
    }
  });

  it("kia(100, 2024, null) and other odd options work (was a TypeError)", () => {
    expect(kia(100, 2024, null).rounded.toString()).toBe("0");
    expect(kia(5000, 2024, undefined).rounded.toString()).toBe("1400");
  });

  it("printing a rejected value is bounded and never says [object Object]", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const v of [cyclic, { a: { b: { c: { d: { e: 1 } } } } }, "x".repeat(10000), 10n, Symbol("s"), () => 1, new Array(100000).fill(7)]) {
      const t = showValue(v);
      expect(t.length).toBeLessThanOrEqual(80);
      expect(t).not.toContain("[object Object]");
    }
  });
});

describe("amounts have a documented range; a report has only plain decimals", () => {
  const one = (amount: unknown) => run({ year: 2024, investments: [{ id: "a", category: "machine", amount }] });

  it.each([
    [1e308, "AMOUNT_OUT_OF_RANGE"],
    ["1e308", "INVALID_AMOUNT"],
    ["1000000000000000.01", "AMOUNT_OUT_OF_RANGE"],
    ["1234567890123456789012345678901234567890", "AMOUNT_OUT_OF_RANGE"],
    ["0.0000000000000000001", "TOO_MANY_DECIMALS"],
    [5e-324, "TOO_MANY_DECIMALS"],
    [0.30000000000000004, "TOO_MANY_DECIMALS"],
    [-0.01, "NEGATIVE_AMOUNT"],
  ])("%p is refused (%s)", (amount, code) => {
    const o = one(amount);
    expect(o.kind).toBe("invalid");
    if (o.kind === "invalid") expect(o.error.code).toBe(code);
  });

  it("the largest amount and the most decimals still add up exactly in the total", () => {
    const r = evaluate({
      year: 2024,
      investments: [
        { id: "a", category: "machine", amount: "999999999999999.999999999999999" },
        { id: "b", category: "machine", amount: "450.000000000000001" },
        { id: "c", category: "machine", amount: 12345.67 },
      ],
    });
    expect(r.total).toBe("1000000000012795.67");
    expect(r.assets.map((a) => a.amount)).toEqual(["999999999999999.999999999999999", "450.000000000000001", "12345.67"]);
  });

  it("tiny fractions never come out in exponent notation", () => {
    const r = evaluate({ year: 2024, exact: true, investments: [{ id: "a", category: "machine", amount: "3000.000000000000001" }] });
    expect(r.kiaExact).toBe("840.00000000000000028");
    expect(JSON.stringify(r)).not.toMatch(/\d[eE][+-]?\d/);
  });

  it("-0 is 0", () => {
    const r = evaluate({ year: 2024, investments: [{ id: "a", category: "machine", amount: -0, paid: -0, inUse: false }] });
    expect(r.assets[0].amount).toBe("0");
  });
});

describe("thousands grouping", () => {
  it("groups digits by three from the right, with the minus sign kept in front, like toLocaleString('nl-NL')", () => {
    for (const n of fc.sample(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), { numRuns: 2_000, seed: 31 }))
      expect(groupThousands(String(n))).toBe(n.toLocaleString("nl-NL", { useGrouping: true }).replace(/\u2212/g, "-"));
    expect([groupThousands("-123"), groupThousands("-123456", ","), groupThousands("")]).toEqual(["-123", "-123,456", ""]);
  });
});

describe("exact fields add up exactly", () => {
  it("deductible + carried forward = KIA, to the last digit, for awkward totals", () => {
    // 2024, total 100.003 (fixed 19.535): rate 19.535 / 100.003 does not terminate.
    const r = evaluate({
      year: 2024,
      investments: [
        { id: "a", category: "machine", amount: 33334 },
        { id: "b", category: "machine", amount: 33334, paid: 1, inUse: false },
        { id: "c", category: "machine", amount: 33335, paid: 0, inUse: false },
      ],
    });
    expect(reportFaults(r)).toEqual([]);
    expect(r.carriedForwardExact).toMatch(/^\d+\.\d{1,10}$/);
  });
});

describe("warnings and steps stay bounded for large ledgers", () => {
  it("a warning lists a few ids and a count, not every id", () => {
    const investments = Array.from({ length: 20000 }, (_, i) => ({
      id: `asset-with-a-long-name-${i}`,
      category: i % 2 ? "personenauto-emissieloos" : "machine",
      amount: 1000,
      paid: 0,
      inUse: false,
      relatedParty: true,
      exemption: true,
      date: "2023-06-01",
    }));
    const r = evaluate({ year: 2024, investments });
    expect(reportFaults(r)).toEqual([]);
    for (const code of ["DATE_OUTSIDE_YEAR", "RELATED_PARTY_EXEMPTION", "EMISSIELOOS_CHECK"])
      expect(r.warnings.find((x) => x.code === code)!.text).toMatch(/en (19\.995|9\.995) andere/);
    expect(JSON.stringify(r.warnings).length).toBeLessThan(6000);
  });
});

describe("core entry points other than evaluate()", () => {
  it("kia() refuses a Decimal that is not a finite number (was 0 with rate NaN)", () => {
    for (const d of [new Decimal(NaN), new Decimal(Infinity), new Decimal(-1)]) expect(() => kia(d, 2024)).toThrow(KiaValidationError);
  });
  it("a year without legal references is a NoTableError, not a plain Error", () => {
    expect(() => categoryVerdict(findCategory("machine")!, 2009)).toThrow(NoTableError);
  });
  it("Dutch amount messages stay short whatever the text", () => {
    const r = readDutchAmount("1".repeat(50) + ",000" + " ".repeat(100000));
    expect(isAmountProblem(r) && r.reason.length).toBeLessThan(200);
  });
});

test("a KiaValidationError is the only error class evaluate() throws for bad input", () => {
  expect(() => evaluate({ year: 2024, investments: [{ id: "a", category: "machine", amount: 1, group: 7 }] })).toThrow(KiaValidationError);
});
