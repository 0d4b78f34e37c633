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
import { CellError, DetailedCellError, ErrorType } from "hyperformula";
import * as functions from "../functions/functions";
import { setLanguage } from "../functions/kia-functions";

type CFError = { code: string; message: string };
const CF = (globalThis as unknown as { CustomFunctions: { Error: new (code: string, message?: string) => CFError } }).CustomFunctions;

const ERROR_CODES = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#NAME?", "#REF!", "#NULL!"];

const numbers = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, -0, subnormals
  fc.integer({ min: -1e6, max: 1e7 }),
  fc.integer({ min: 1990, max: 2035 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e-10, noNaN: true }),
  fc.constantFrom(-0, 0, 1, 0.25, 449.99, 450, 2800.01, 60000, 204000, 1e15, 1e15 + 2, 1e16, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 1e-320, 0.1 + 0.2, 2009, 2010, 2024, 2026, 2027, 2024.5, NaN, Infinity, -Infinity),
);

/** Amount and year text in the forms people type: Dutch, English, with currency, spaces and signs. */
const formattedNumber = fc
  .tuple(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99 }), fc.constantFrom("nl", "en", "plain", "euro", "neg", "unicodeMinus", "nbsp", "pct"))
  .map(([int, cents, style]) => {
    const nl = int.toLocaleString("nl-NL") + "," + String(cents).padStart(2, "0");
    switch (style) {
      case "nl":
        return nl;
      case "en":
        return int.toLocaleString("en-US") + "." + String(cents).padStart(2, "0");
      case "plain":
        return String(int);
      case "euro":
        return "€ " + nl;
      case "neg":
        return "-" + nl;
      case "unicodeMinus":
        return "\u2212" + nl;
      case "nbsp":
        return "\u00a0€\u00a0" + nl + "\u202f";
      default:
        return `${cents}%`;
    }
  });

const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  formattedNumber,
  fc.constantFrom(
    "",
    "   ",
    "\t\n",
    "60,000",
    "2,800",
    "€ 60.000,50",
    "1.234",
    "1,234.56",
    "1234,5",
    "1234.5",
    "0,1234567890123456",
    "1e5",
    "Infinity",
    "NaN",
    "0x10",
    "--5",
    "EUR 12,50",
    "12,50 €",
    "waar",
    "ONWAAR",
    "ja",
    "nee",
    "TRUE",
    "false",
    "1",
    "0",
    "machine",
    "Computer",
    "personenauto",
    "bestelauto",
    "gereedschap",
    "inventaris",
    "2024",
    " 2025 ",
    "2009",
    "25%",
    "12,5 %",
    "#N/A",
    "__proto__",
    "constructor",
    "toString",
  ),
  fc.constantFrom("9".repeat(100_000), "1.".repeat(50_000), " ".repeat(100_000) + "5", "€".repeat(10_000), "1," + "0".repeat(5000), "machine".repeat(1000)),
);

const errorValues = fc.oneof(
  fc.constantFrom(...ERROR_CODES).map((code) => new CF.Error(code)),
  fc.constantFrom("Div0", "NotAvailable", "Value", "Ref", "Name", "Num", "Null", "Spill", "Calc", "Busy", "Blocked", "Unknown").map((errorType) => ({ type: "Error", errorType })),
  fc.constantFrom(ErrorType.DIV_BY_ZERO, ErrorType.NA, ErrorType.VALUE, ErrorType.REF, ErrorType.CYCLE, ErrorType.SPILL).map((t) => new CellError(t, "hf")),
  fc.constantFrom(["#DIV/0!", ErrorType.DIV_BY_ZERO], ["#N/A", ErrorType.NA]).map(([v, t]) => new DetailedCellError(new CellError(t as ErrorType), v)),
);

const richValues = fc.oneof(
  fc.record({ type: fc.constantFrom("Double", "FormattedNumber"), basicValue: numbers, numberFormat: fc.constant("€ #.##0,00") }),
  fc.record({ type: fc.constant("String"), basicValue: strings }),
  fc.record({ type: fc.constant("Boolean"), basicValue: fc.boolean() }),
  fc.constant({ type: "Entity", text: "Machine", properties: {}, basicValue: "#VALUE!", basicType: "Error" }),
  fc.constant({ type: "WebImage", address: "https://example.com/x.png" }),
  fc.constantFrom(
    {},
    { type: 5 },
    { valueOf: () => 5 },
    Object.create(null),
    new Date(0),
    () => 1,
    Symbol("s"),
    5n,
    {
      get type(): string {
        throw new Error("getter");
      },
    },
  ),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: numbers },
  { weight: 5, arbitrary: strings },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: errorValues },
  { weight: 1, arbitrary: richValues },
);

/** The shapes of a range: 1x1, 1xN, Nx1, rectangular, empty, ragged, flat. */
const ranges = fc.oneof(
  scalar.map((v) => [[v]]),
  fc.array(scalar, { minLength: 1, maxLength: 6 }).map((row) => [row]),
  fc.array(scalar, { minLength: 1, maxLength: 8 }).map((col) => col.map((v) => [v])),
  fc.array(fc.array(scalar, { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 4 }),
  fc.constantFrom([], [[]], [[], []]),
  fc.array(scalar, { maxLength: 4 }),
);

/** Generous: thousands of runs, each several calls; nothing here is timed. */
const TIMEOUT = 120_000;

const argument = fc.oneof({ weight: 8, arbitrary: scalar }, { weight: 1, arbitrary: ranges });

/** A ledger column that is mostly valid, so the computation behind the shapes is reached too. */
const ledgerColumn = (values: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.array(fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: scalar }), { minLength: 1, maxLength: 12 }).map((col) => col.map((v) => [v])),
    ranges,
    scalar,
  );
const categoryValues = fc.constantFrom("machine", "Computer", "personenauto", "bestelauto", "gereedschap", "inventaris", "", null);
const amountValues = fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 500_000 }), formattedNumber);

function isExcelScalar(v: unknown): boolean {
  return typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

function checkError(e: unknown): void {
  expect(e).toBeInstanceOf(CF.Error);
  const err = e as CFError;
  expect(["#VALUE!", "#N/A"]).toContain(err.code);
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
