/**
 * Every exported function of the core's public API (src/index.ts), found by enumerating the module so a new export
 * is covered without editing this file, answers any JavaScript value with its result or a KiaValidationError
 * (NoTableError is one), never another exception; and no message it gives shows `undefined`, `NaN`, `[object …]`
 * or a stack, apart from text the caller wrote (issue 17 §1).
 */
import fc from "fast-check";
import * as api from "../src";
import { Decimal, KiaValidationError, NoTableError, allCategories, establishedYears, evaluate, getYearTable, validateScenario } from "../src";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { call } from "./support/cli";
import { amountArb, scenarioArb } from "./support/fuzz-core";

const SEED = 20261124;

/** Exports that are classes (constructed with new, not called) and decimal.js's own constructor. */
const NOT_FUNCTIONS = new Set(["Decimal", "KiaValidationError", "NoTableError", "TableResult"]);

const isClass = (f: unknown) => typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));

const exported = Object.entries(api).filter(([name, v]) => typeof v === "function" && !NOT_FUNCTIONS.has(name)) as [
  string,
  (...a: unknown[]) => unknown,
][];

/** Text the caller wrote appears quoted ("…", as showValue quotes it): only the rest of a message is ours. */
function ourText(message: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else out += c;
  }
  return out;
}
const BANNED = /undefined|NaN|\[object |\n\s+at |Error:/;

/** Values of every kind, and values the API takes, so a call gets past its first check. */
const years = establishedYears();
const plausible = fc.oneof(
  fc.constantFrom(...years, years[0] - 1, years[years.length - 1] + 1, 2024.5),
  amountArb,
  amountArb.map((a) => new Decimal(a)),
  fc.constantFrom(new Decimal(NaN), new Decimal(Infinity), new Decimal(-1), new Decimal("1e15"), new Decimal("0.000000000000001")),
  fc.constantFrom(...allCategories()),
  fc.constantFrom(...years.flatMap((y) => getYearTable(y).bands)),
  fc.constantFrom("nl", "en", "profit", "capital", "equal", "reserves", "deduction", "addition", "wetib-3.41-1", "machine", "1.234,56", "60,000", "€ 12,50"),
  fc.boolean(),
  fc.nat({ max: 30 }),
  scenarioArb,
  scenarioArb.map((s) => {
    try {
      return validateScenario(s);
    } catch {
      return s;
    }
  }),
  scenarioArb.map((s) => {
    try {
      return evaluate(s);
    } catch {
      return s;
    }
  }),
  fc.array(fc.record({ name: fc.string(), profit: fc.oneof(fc.constant(new Decimal(1)), fc.anything()) }), { maxLength: 3 }),
);
const anyValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
  }),
  fc.constantFrom(undefined, null, NaN, -0, Infinity, true, [], {}, [2024], "", "abc"),
  plausible,
);

describe("the public API on any input", () => {
  it("finds the exports to test (classes and constants aside)", () => {
    expect(exported.length).toBeGreaterThan(30);
    const classes = Object.entries(api).filter(([, v]) => isClass(v)).map(([n]) => n);
    for (const c of classes) expect(NOT_FUNCTIONS.has(c)).toBe(true);
  });

  it.each(exported)("%s answers any arguments with a value or a KiaValidationError", (name, fn) => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: Math.max(3, fn.length + 1) }), (args) => {
        try {
          fn(...args);
        } catch (e) {
          if (!(e instanceof KiaValidationError)) throw new Error(`${name} threw ${String(e)}`);
          expect(ourText(e.message)).not.toMatch(BANNED);
          expect(e.message.length).toBeLessThan(1500);
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it("kia on the values the issue found (was a TypeError from centsOfDecimal)", () => {
    for (const [total, year] of [
      [null, 2019],
      [undefined, 2025],
      [[2024], 2025],
      [{}, 2025],
      [true, 2025],
    ] as const) {
      expect(() => api.kia(total as never, year)).toThrow(KiaValidationError);
      try {
        api.kia(total as never, year);
      } catch (e) {
        expect(e).not.toBeInstanceOf(NoTableError);
        expect((e as KiaValidationError).field).toBe("total");
      }
    }
  });

  it("a wrong kind of argument names the function, the parameter and what is expected", () => {
    expect(() => api.formatEuro(12 as never)).toThrow('formatEuro(amount): amount moet een eindig Decimal-bedrag zijn (waarde: 12)');
    expect(() => api.findCategory(undefined as never)).toThrow("findCategory(input): input moet een tekst zijn (waarde: (ontbreekt))");
    expect(() => api.evaluateNormalized({ year: 2024 } as never)).toThrow("evaluateNormalized(scenario): scenario heeft niet de vorm van een scenario uit validateScenario of validateRows");
  });
});

describe("messages quote what the user wrote", () => {
  const scenario = {
    year: 2024,
    investments: [
      { id: "a", category: "machine", amount: 1000, group: "g" },
      { id: "b", category: "machine", amount: 1000, group: "g", lostByCalamity: { replacedBy: "c" } },
      { id: "c", category: "machine", amount: 1000 },
    ],
  };
  it("rows of one group that disagree on lostByCalamity (was {\"replacedBy\":\"c\",\"approval\":undefined})", () => {
    let message = "";
    try {
      validateScenario(scenario);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('(waarde: {"replacedBy":"c"})');
    expect(message).not.toMatch(BANNED);
  });

  it("kia-calc's standard error shows the same", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "kia-")), "s.json");
    writeFileSync(file, JSON.stringify(scenario));
    const r = await call([file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('(waarde: {"replacedBy":"c"})');
    expect(ourText(r.err)).not.toMatch(BANNED);
  });
});
