/**
 * Property test (fast-check): every Excel function, called through the exports Excel calls, with thousands of
 * random values of every kind Excel can send (numbers incl. -0, 1e308, NaN, Infinity, subnormals and tiny
 * fractions; Dutch and English amount text, whitespace, unicode minus, very long text; booleans; null; error
 * values in the runtime's, the data types' and HyperFormula's form; rich values; 1x1, 1xN, Nx1, empty and ragged
 * arrays). Each call returns a finite number, a boolean, a string or a 2-D array of those (a ledger cell may be a
 * #VALUE!/#N/A error), or throws a CustomFunctions.Error #VALUE! or #N/A with a message that is not empty and not
 * an internal error. Never anything else.
 */
import fc from "fast-check";
import * as functions from "../functions/functions";
import { setLanguage } from "../functions/kia-functions";
import { amountValues, argument, categoryValues, CF, ledgerColumn, ranges, scalar, type CFError } from "./support/fuzz-functions";

/** Generous: thousands of runs, each several calls; nothing here is timed. */
const TIMEOUT = 120_000;


function isExcelScalar(v: unknown): boolean {
  return typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

function checkError(e: unknown): void {
  expect(e).toBeInstanceOf(CF.Error);
  const err = e as CFError;
  expect(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#REF!", "#NULL!", "#NAME?"]).toContain(err.code);
  expect(typeof err.message).toBe("string");
  expect(err.message.length).toBeGreaterThan(0);
  expect(err.message.length).toBeLessThanOrEqual(300);
  expect(err.message.startsWith("Interne fout")).toBe(false);
}

function checkResult(result: unknown, matrix: boolean): void {
  if (!matrix) {
    expect(isExcelScalar(result)).toBe(true);
    return;
  }
  expect(Array.isArray(result)).toBe(true);
  const rows = result as unknown[][];
  expect(rows.length).toBeGreaterThan(0);
  const width = rows[0].length;
  for (const row of rows) {
    expect(Array.isArray(row)).toBe(true);
    expect(row.length).toBe(width);
    for (const cell of row) {
      if (cell instanceof CF.Error) checkError(cell);
      else expect(isExcelScalar(cell)).toBe(true);
    }
  }
}

function call(fn: (...args: unknown[]) => unknown, args: unknown[], matrix: boolean): void {
  let result: unknown;
  try {
    result = fn(...args);
  } catch (e) {
    checkError(e);
    return;
  }
  checkResult(result, matrix);
}

type Fn = (...args: unknown[]) => unknown;
const SCALAR_FUNCTIONS: [string, Fn, number][] = [
  ["amount", functions.amount as Fn, 3],
  ["eligible", functions.eligible as Fn, 4],
  ["reason", functions.reason as Fn, 4],
  ["rate", functions.rate as Fn, 2],
  ["partner", functions.partner as Fn, 4],
  ["disinvestment", functions.disinvestment as Fn, 6],
  ["marginal", functions.marginal as Fn, 3],
];

describe("every function with random Excel values: a value or a #VALUE!/#N/A with a message, nothing else", () => {
  afterAll(() => setLanguage("nl"));

  it("covers every exported function", () => {
    const exported = Object.entries(functions)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k)
      .sort();
    expect(exported).toEqual([...SCALAR_FUNCTIONS.map(([n]) => n), "table", "ledger"].sort());
  });

  it.each(SCALAR_FUNCTIONS)("%s", (_name, fn, arity) => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: arity, maxLength: arity + 1 }), fc.boolean(), (args, english) => {
        setLanguage(english ? "en-US" : "nl-NL");
        call(fn, args, false);
      }),
      { numRuns: 3000 },
    );
  }, TIMEOUT);

  it("scalar functions with mostly plausible arguments (so the computations are reached)", () => {
    const year = fc.oneof(fc.integer({ min: 2005, max: 2030 }), fc.constantFrom("2024", " 2026 ", null), scalar);
    const category = fc.oneof(categoryValues, scalar);
    const amountArg = fc.oneof(amountValues, scalar);
    const flag = fc.oneof(fc.boolean(), fc.constantFrom("WAAR", "nee", 1, 0, null), scalar);
    fc.assert(
      fc.property(category, amountArg, amountArg, amountArg, year, year, flag, fc.double({ min: 0, max: 1.2, noNaN: true }), (c, a, b, d, y1, y2, f, share) => {
        call(functions.amount as Fn, [a, y1, f], false);
        call(functions.eligible as Fn, [c, a, y1, f], false);
        call(functions.reason as Fn, [c, a, y1, f], false);
        call(functions.rate as Fn, [a, y1], false);
        call(functions.partner as Fn, [a, share, y1, f], false);
        call(functions.disinvestment as Fn, [a, b, y1, d, y2, null], false);
        call(functions.marginal as Fn, [a, b, y1], false);
      }),
      { numRuns: 1500 },
    );
  }, TIMEOUT);

  it("table", () => {
    fc.assert(
      fc.property(argument, fc.boolean(), (year, english) => {
        setLanguage(english ? "en" : "nl");
        call(functions.table as Fn, [year], true);
      }),
      { numRuns: 2000 },
    );
  }, TIMEOUT);

  it("ledger", () => {
    const year = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2008, max: 2028 }) }, { weight: 1, arbitrary: argument });
    fc.assert(
      fc.property(ledgerColumn(categoryValues), ledgerColumn(amountValues), year, fc.oneof(fc.constantFrom(null, true, false, "nee"), argument), (cats, amounts, y, vat) => {
        call(functions.ledger as Fn, [cats, amounts, y, vat], true);
      }),
      { numRuns: 3000 },
    );
  }, TIMEOUT);

  it("ledger with the same length in both columns (the rows themselves are random)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(categoryValues, scalar), fc.oneof(amountValues, scalar)), { maxLength: 20 }), fc.integer({ min: 2009, max: 2027 }), (rows, y) => {
        call(functions.ledger as Fn, [rows.map(([c]) => [c]), rows.map(([, a]) => [a]), y, null], true);
      }),
      { numRuns: 1000 },
    );
  }, TIMEOUT);
});
