/**
 * Values the way Excel sends them to a custom function, for the functions' property test
 * (test/functions-properties.test.ts) and the long fuzz run (fuzz/run.ts).
 */
import fc from "fast-check";
import { CellError, DetailedCellError, ErrorType } from "hyperformula";

export type CFError = { code: string; message: string };
export const CF = (globalThis as unknown as { CustomFunctions: { Error: new (code: string, message?: string) => CFError } }).CustomFunctions;

const ERROR_CODES = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#NAME?", "#REF!", "#NULL!"];

export const numbers = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, -0, subnormals
  fc.integer({ min: -1e6, max: 1e7 }),
  fc.integer({ min: 1990, max: 2035 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e-10, noNaN: true }),
  fc.constantFrom(-0, 0, 1, 0.25, 449.99, 450, 2800.01, 60000, 204000, 1e15, 1e15 + 2, 1e16, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 1e-320, 0.1 + 0.2, 2009, 2010, 2024, 2026, 2027, 2024.5, NaN, Infinity, -Infinity),
);

/** Amount and year text in the forms people type: Dutch, English, with currency, spaces and signs. */
export const formattedNumber = fc
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

export const strings = fc.oneof(
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

export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: numbers },
  { weight: 5, arbitrary: strings },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: errorValues },
  { weight: 1, arbitrary: richValues },
);

/** The shapes of a range: 1x1, 1xN, Nx1, rectangular, empty, ragged, flat. */
export const ranges = fc.oneof(
  scalar.map((v) => [[v]]),
  fc.array(scalar, { minLength: 1, maxLength: 6 }).map((row) => [row]),
  fc.array(scalar, { minLength: 1, maxLength: 8 }).map((col) => col.map((v) => [v])),
  fc.array(fc.array(scalar, { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 4 }),
  fc.constantFrom([], [[]], [[], []]),
  fc.array(scalar, { maxLength: 4 }),
);

export const argument = fc.oneof({ weight: 8, arbitrary: scalar }, { weight: 1, arbitrary: ranges });

/** A ledger column that is mostly valid, so the computation behind the shapes is reached too. */
export const ledgerColumn = (values: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.array(fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: scalar }), { minLength: 1, maxLength: 12 }).map((col) => col.map((v) => [v])),
    ranges,
    scalar,
  );
export const categoryValues = fc.constantFrom("machine", "Computer", "personenauto", "bestelauto", "gereedschap", "inventaris", "", null);
export const amountValues = fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 500_000 }), formattedNumber);


export function isExcelScalar(v: unknown): boolean {
  return typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

/** The fault in a function's outcome (returned value or thrown error), or null when it is what Excel accepts. */
export function outcomeFault(result: unknown, thrown: unknown, matrix: boolean): string | null {
  const errorFault = (e: unknown): string | null => {
    if (!(e instanceof CF.Error)) return `not a CustomFunctions.Error: ${String(e)}`;
    const err = e as CFError;
    if (!["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#REF!", "#NULL!", "#NAME?"].includes(err.code)) return `error code ${err.code}`;
    if (!err.message || err.message.length > 300) return `message length ${err.message?.length}`;
    if (err.message.startsWith("Interne fout")) return `internal error: ${err.message}`;
    return null;
  };
  if (thrown !== undefined) return errorFault(thrown);
  if (!matrix) return isExcelScalar(result) ? null : `not a value Excel can show: ${String(result)}`;
  if (!Array.isArray(result) || result.length === 0) return "not a non-empty 2-D array";
  const width = (result[0] as unknown[])?.length;
  for (const row of result as unknown[][]) {
    if (!Array.isArray(row) || row.length !== width) return "ragged result";
    for (const cell of row) {
      const f = cell instanceof CF.Error ? errorFault(cell) : isExcelScalar(cell) ? null : `cell ${String(cell)}`;
      if (f) return f;
    }
  }
  return null;
}
