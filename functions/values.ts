/**
 * The boundary between Excel and the core. Excel values arrive as numbers, strings, booleans, null (an omitted
 * argument or an empty cell), 2-D arrays (range parameters), error values (a CustomFunctions.Error with a `code`
 * such as "#DIV/0!", when the metadata allows errors as input) and rich values ({ type: "FormattedNumber",
 * basicValue }, entities, ...: the generated metadata sets allowCustomDataForDataTypeAny).
 *
 * Every reader here returns its value or a Problem: a plain object with the Excel error code and a Dutch message.
 * Nothing here throws (a ledger of 100.000 bad rows must not build 100.000 stack traces); the scalar functions
 * turn a Problem into an exception with `must`, once per call.
 */
import { Decimal, KiaValidationError, NoTableError, type AmountProblem, type CategoryData } from "../src";
// The core's readers themselves, not src/index.ts's checked copies: every argument here is of the kind they take
// (checked above them), and a ledger calls them per row, where the check's copy of the arguments cost as much as
// the reading (a third of an invalid ledger of distinct values).
import { showValue } from "../src/errors";
import { excelNumberAmount, excelProportion, isAmountProblem, readDutchAmount, readDutchCents } from "../src/money";
import { establishedYears, findCategory, findHeading, unknownCategoryHint } from "../src/law";
import { centsOfNumber } from "../src/cents";
// the headings vocabulary (balance-sheet headings, bookkeeping exports' groups, RGS codes), as the one reader uses it:
// "Machines en installaties" and BMvaMei are a machine in KIA.STAAT as in the pane and kia-calc
import "../src/law/headings";
import { dutchError } from "../src/workbook/ledger";

/** CustomFunctions.ErrorCode members: #VALUE!, #N/A, and the codes an error cell in an argument passes on. */
export type ExcelErrorCode = "invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber" | "invalidReference" | "nullReference" | "invalidName";

/** An error value passed on keeps its code (=KIA.BEDRAG(1/0; 2025) is #DEEL/0!, as Excel's own functions do). */
const PASSED_ON: Readonly<Record<string, ExcelErrorCode>> = {
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
  "#REF!": "invalidReference",
  "#NULL!": "nullReference",
  "#NAME?": "invalidName",
};

/** Longest message put in a cell: Excel shows it in a tooltip, and input text can be megabytes long. */
const MAX_MESSAGE = 300;

/**
 * Why an argument or a ledger row has no result: #VALUE! (invalidValue) or #N/A (notAvailable) and a message.
 * A ledger shares one Problem between the rows with the same mistake.
 */
export class Problem {
  constructor(
    readonly code: ExcelErrorCode,
    private readonly text: string,
    /** made for one value (its message quotes it): never shared, so a ledger gives it a row without looking it up */
    readonly once = false,
  ) {}

  get message(): string {
    return bounded(this.text);
  }
}

const bounded = (m: string) => (m.length > MAX_MESSAGE ? m.slice(0, MAX_MESSAGE - 1) + "…" : m);

/** A Problem as an exception, for the scalar functions (one per call). */
export class FunctionError extends Error {
  constructor(
    readonly code: ExcelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The value, or throw the Problem as a FunctionError. */
export function must<T>(v: T | Problem): T {
  if (v instanceof Problem) throw new FunctionError(v.code, v.message);
  return v;
}

const invalid = (message: string) => new Problem("invalidValue", message);

// ---- error values ----------------------------------------------------------------------------------------

/** Excel.ErrorCellValueType (data types API) and HyperFormula's ErrorType, to the error's code. */
const ERROR_TYPE_CODES: Readonly<Record<string, string>> = {
  NotAvailable: "#N/A",
  Value: "#VALUE!",
  Div0: "#DIV/0!",
  Num: "#NUM!",
  Name: "#NAME?",
  Ref: "#REF!",
  Null: "#NULL!",
  Spill: "#SPILL!",
  Calc: "#CALC!",
  Field: "#FIELD!",
  Busy: "#BUSY!",
  Blocked: "#BLOCKED!",
  Connect: "#CONNECT!",
  External: "#EXTERNAL!",
  GettingData: "#GETTING_DATA",
  Placeholder: "#PLACEHOLDER!",
  // HyperFormula (tests)
  NA: "#N/A",
  VALUE: "#VALUE!",
  DIV_BY_ZERO: "#DIV/0!",
  NUM: "#NUM!",
  NAME: "#NAME?",
  REF: "#REF!",
  SPILL: "#SPILL!",
  CYCLE: "#CYCLE!",
  LIC: "#LIC!",
  ERROR: "#ERROR!",
};

const ERROR_CODE = /^#[A-Z0-9_/]{1,20}[!?]?$/;
const asCode = (v: unknown): string | null => (typeof v === "string" && ERROR_CODE.test(v) ? v : null);

/**
 * The code ("#DIV/0!") of an Excel error value, or null when `v` is not one. Recognises what the custom functions
 * runtime passes for an error cell when errors are allowed as input (a CustomFunctions.Error: `code`, and
 * `type: "Error"`), the data types form ({ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" }) and
 * HyperFormula's CellError / DetailedCellError (tests: `type: "DIV_BY_ZERO"`, `value: "#DIV/0!"`).
 */
export function errorValueCode(v: unknown): string | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const type = typeof o.type === "string" ? o.type : undefined;
  if (type === "Error")
    return asCode(o.basicValue) ?? asCode(o.code) ?? (typeof o.errorType === "string" ? (ERROR_TYPE_CODES[o.errorType] ?? null) : null) ?? "#VALUE!";
  if (type !== undefined && type !== "Error" && "basicValue" in o) return null; // a rich value (entity, number)
  const code = asCode(o.code) ?? asCode(o.value);
  if (code) return code;
  if (type !== undefined && "message" in o && ERROR_TYPE_CODES[type]) return ERROR_TYPE_CODES[type];
  return null;
}

/** errorValueCode for any value, also one whose properties throw when read (then null: scalar() refuses it). */
export function cellErrorCode(v: unknown): string | null {
  if (typeof v !== "object" || v === null) return null;
  try {
    return errorValueCode(v);
  } catch {
    return null;
  }
}

/** "cel bevat #DEEL/0!": what an error value in an argument or a ledger cell becomes; it keeps its error code. */
function errorProblem(code: string, name: string): Problem {
  return new Problem(PASSED_ON[code] ?? "invalidValue", `${name}: cel bevat ${dutchError(code)}`);
}

// ---- one value -------------------------------------------------------------------------------------------

export const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

const RICH_PRIMITIVE = new Set(["Double", "FormattedNumber", "String", "Boolean"]);

/**
 * The value of a scalar parameter: a number, string, boolean or null. A scalar parameter receives the cell's
 * value, never an array: Excel passes a range given to a scalar parameter cell by cell (and spills the results),
 * so an array here is not from Excel's own evaluation and is refused, a 1x1 array included. Rich values whose
 * basic value is a number, text or boolean (a formatted number) are read as that value; entities and images are
 * refused; an error value is named ("cel bevat #DEEL/0!").
 */
export function scalar(value: unknown, name: string): string | number | boolean | null | Problem {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "object":
      break;
    default:
      return invalid(`${name}: onbekende waarde (${typeof value}).`);
  }
  if (value === null) return null;
  try {
    return objectValue(value, name);
  } catch {
    // not from Excel: an object whose properties throw when read (a Proxy, a getter)
    return invalid(`${name}: onleesbare waarde.`);
  }
}

function objectValue(value: object, name: string): string | number | boolean | null | Problem {
  if (Array.isArray(value)) {
    const rows = value.length;
    const cols = Array.isArray(value[0]) ? value[0].length : rows ? 1 : 0;
    return invalid(`${name}: één waarde verwacht, geen bereik (${rows} × ${cols} cellen).`);
  }
  const code = errorValueCode(value);
  if (code) return errorProblem(code, name);
  const o = value as Record<string, unknown>;
  if (typeof o.type === "string" && RICH_PRIMITIVE.has(o.type)) {
    const b = o.basicValue;
    if (typeof b === "number" || typeof b === "string" || typeof b === "boolean") return b;
    if (b === null || b === undefined) return null;
  }
  const what = typeof o.type === "string" ? `gegevenstype ${o.type.slice(0, 30)}` : "object";
  return invalid(`${name}: een ${what} is geen getal, tekst of WAAR/ONWAAR.`);
}

// ---- amounts ---------------------------------------------------------------------------------------------

/**
 * One Problem per parameter name for a message that names nothing but the parameter: the rows of a ledger with
 * that mistake (an empty amount, WAAR in an amount, a number as category) share it, instead of one each.
 */
function perName(cache: Map<string, Problem>, name: string, text: () => string): Problem {
  let p = cache.get(name);
  if (!p) cache.set(name, (p = invalid(text())));
  return p;
}
const MISSING_AMOUNT = new Map<string, Problem>();
const BOOLEAN_AMOUNT = new Map<string, Problem>();
const MISSING_CATEGORY = new Map<string, Problem>();
const NOT_TEXT_CATEGORY = new Map<string, Problem>();

/**
 * An amount refused for the core's `reason`: with the value in brackets (a formula's message: the cell is not in
 * view), or without it (a ledger row: the cell is in the row itself). Without the value the Problem depends only
 * on the parameter and the reason (the core's reasons are constants), so it is made once: 100.000 bad rows of a
 * ledger cost no message and no object each.
 */
function amountProblem(name: string, { problem, reason }: AmountProblem, v: unknown, quote: boolean): Problem {
  if (quote) return invalid(named(name, reason) + ` (${showValue(v, 40)}).`);
  // An ambiguity names its two readings ("60,00 of 60.000?"): its own text, not worth keeping.
  if (problem === "AMBIGUOUS_AMOUNT") return new Problem("invalidValue", named(name, reason) + ".", true);
  let byName = unquoted.get(reason);
  if (!byName) {
    // The other reasons are constants; bounded all the same.
    if (unquoted.size >= 1000) unquoted.clear();
    unquoted.set(reason, (byName = new Map()));
  }
  let p = byName.get(name);
  if (!p) byName.set(name, (p = invalid(named(name, reason) + ".")));
  return p;
}
const unquoted = new Map<string, Map<string, Problem>>();

/** "bedrag mag niet negatief zijn" named for the parameter: "totaal mag niet negatief zijn". */
function named(name: string, reason: string): string {
  return reason.startsWith("bedrag ") ? name + reason.slice(6) : `${name}: ${reason}`;
}

/**
 * An amount: an Excel number (read at Excel's 15 significant digits) or Dutch text ("€ 1.234,56", "1.234",
 * "1234,5"), through the core's readers; the core's range (0 .. 10^15, at most 15 decimals) and its refusal of
 * ambiguous text ("60,000") apply, with the core's reason.
 */
export function readAmountArg(value: unknown, name: string, quote = true): Decimal | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  if (v === null || (typeof v === "string" && v.trim() === "")) return perName(MISSING_AMOUNT, name, () => `${name} ontbreekt: vul een bedrag in.`);
  if (typeof v === "boolean") return perName(BOOLEAN_AMOUNT, name, () => `${name} moet een bedrag zijn, geen WAAR/ONWAAR.`);
  const r = typeof v === "number" ? excelNumberAmount(v) : readDutchAmount(v);
  if (isAmountProblem(r)) {
    // The core's reasons never quote the value; a formula's message does (the cell is not in view), a ledger
    // row's does not (`quote` false: the cell is in the row itself).
    return amountProblem(name, r, v, quote);
  }
  return r;
}

/**
 * The same amount as integer cents where it is a whole number of cents (an Excel number or Dutch text: the
 * integer path, no Decimal), or as a Decimal (more decimals), or the Problem. Same readings and range as
 * readAmountArg.
 */
export function readAmountCentsArg(value: unknown, name: string, quote = true): number | Decimal | Problem {
  if (typeof value === "number") {
    const c = centsOfNumber(value);
    if (c >= 0) return c + 0;
  } else if (typeof value === "string" && value.trim() !== "") {
    const c = readDutchCents(value);
    if (typeof c === "number") {
      if (c >= 0) return c;
    } else return amountProblem(name, c, value, quote);
  }
  return readAmountArg(value, name, quote);
}

/** A share: an amount from 0 to 1, or text with a percent sign ("25%", "12,5 %"). */
export function readShareArg(value: unknown, name: string): Decimal | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  let d: Decimal | Problem;
  if (typeof v === "number") {
    // =1/3 or =1/30: a proportion at Excel's 15 significant digits, not limited to an amount's decimals.
    const r = excelProportion(v);
    d = isAmountProblem(r) ? invalid(named(name, r.reason) + ` (${showValue(v)}).`) : r;
  } else if (typeof v === "string" && /%\s*$/.test(v)) {
    d = readAmountArg(v.replace(/%\s*$/, ""), name);
    if (!(d instanceof Problem)) d = d.div(100);
  } else d = readAmountArg(v, name);
  if (d instanceof Problem) return d;
  if (d.gt(1)) return invalid(`${name} ${d.toString().replace(".", ",")} is groter dan 1: geef het aandeel als fractie (0,25) of als percentage (25%).`);
  return d;
}

// ---- years -----------------------------------------------------------------------------------------------

let established: ReadonlySet<number> | undefined;
const knownYears = () => (established ??= new Set(establishedYears()));

/** A tax year: an integer, or text of four digits. Whether it has a table is checked by `tableYear`. */
export function readYearArg(value: unknown, name = "jaar"): number | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  if (v === null || (typeof v === "string" && v.trim() === "")) return invalid(`${name} ontbreekt: vul een jaar in, zoals 2025.`);
  if (typeof v === "number" && Number.isInteger(v)) return v === 0 ? 0 : v;
  if (typeof v === "string" && /^\s*\d{4}\s*$/.test(v)) return Number(v);
  return invalid(`${name} moet een jaartal zijn, zoals 2025 (niet ${showValue(v, 40)}).`);
}

/** The year, or #N/A "Geen KIA-tabel voor 2027" when it has no established table. */
export function tableYear(y: number | Problem): number | Problem {
  if (y instanceof Problem || knownYears().has(y)) return y;
  return new Problem("notAvailable", `Geen KIA-tabel voor ${String(y)}`);
}

/** An omitted optional year means the most recent year with a table; the REASON text names it. */
export function readOptionalYear(value: unknown, name = "jaar"): number | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  if (v === null || (typeof v === "string" && v.trim() === "")) {
    const ys = establishedYears();
    return ys[ys.length - 1];
  }
  return readYearArg(v, name);
}

// ---- booleans, categories --------------------------------------------------------------------------------

// The words, not the marks, of a ledger's yes/no columns (src/workbook/ledger.ts): "x", "-" or "n" in a cell a formula
// points at may mean "n.v.t." as well, and `exact` changes the number, so they are refused here.
const TRUE_TEXT = new Set(["waar", "true", "ja", "yes", "1"]);
const FALSE_TEXT = new Set(["onwaar", "false", "nee", "no", "0"]);

/** WAAR/ONWAAR: a boolean, 1 or 0, or the text WAAR, ONWAAR, TRUE, FALSE, JA, NEE, YES, NO, 1, 0; omitted: `dflt`. */
export function readBoolArg(value: unknown, name: string, dflt: boolean): boolean | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  if (v === null) return dflt;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (v === 1) return true;
    if (v === 0) return false;
  } else {
    const s = v.trim().toLowerCase();
    if (s === "") return dflt;
    if (TRUE_TEXT.has(s)) return true;
    if (FALSE_TEXT.has(s)) return false;
  }
  return invalid(`${name} moet WAAR of ONWAAR zijn (niet ${showValue(v, 40)}).`);
}

/** A category: code, Dutch label or English alias (categories.json). */
export function readCategoryArg(value: unknown, name = "categorie", suggest = true, quote = true): CategoryData | Problem {
  const v = scalar(value, name);
  if (v instanceof Problem) return v;
  if (v === null || (typeof v === "string" && v.trim() === ""))
    return perName(MISSING_CATEGORY, name, () => `${name} ontbreekt: vul een categorie in, zoals "machine".`);
  if (typeof v !== "string")
    return quote
      ? invalid(`${name} moet tekst zijn, zoals "machine" (niet ${showValue(v, 40)}).`)
      : perName(NOT_TEXT_CATEGORY, name, () => `${name} moet tekst zijn, zoals "machine".`);
  const c = v.length <= 200 ? findCategory(v) : undefined;
  if (c) return c;
  const hint = suggest ? suggestion(v.slice(0, 60)) : unknownCategoryHint(v.slice(0, 60), false);
  if (quote) return invalid(`Onbekende categorie ${showValue(v.trim(), 60)}: ${hint}`);
  // Without the value the message is the hint's (a suggestion, or the list): one Problem per hint, shared by the
  // rows of a ledger (the hints are as many as the categories).
  let p = unknownCategory.get(hint);
  if (!p) unknownCategory.set(hint, (p = invalid(`Onbekende categorie: ${hint}`)));
  return p;
}
const unknownCategory = new Map<string, Problem>();

/**
 * unknownCategoryHint with a suggestion ("bedoelt u …?"), remembered by text across calls: a suggestion compares the
 * text with every category name (about 80 µs; a ledger's first 100 misspellings took 8 ms, a third of a valid
 * ledger of 100.000 rows), and Excel calculates a ledger again at every edit, with the same misspellings. The same
 * text has the same hint, so the messages are unchanged. At most 1.000 texts are kept.
 */
function suggestion(text: string): string {
  let hint = suggestions.get(text);
  if (hint === undefined) {
    if (suggestions.size >= 1000) suggestions.clear();
    suggestions.set(text, (hint = unknownCategoryHint(text, true)));
  }
  return hint;
}
const suggestions = new Map<string, string>();

/** How a ledger row's open question starts: the row is left out until answered, so the ledger's KIA is not final. */
const OPEN = "Open vraag, de KIA van de staat is voorlopig:";

/**
 * An ambiguous balance-sheet heading ("Vervoermiddelen", "Gebouwen", RGS BMvaTev) in a ledger's category cell: not
 * an unknown category but a question, as the one reader asks it (src/workbook/questions.ts), with the categories it
 * may be, then why (the message is cut at 300 characters: what to do comes first). #N/A: the answer is not available
 * yet. Undefined for any other text. One Problem per spelling of a heading.
 */
export function headingQuestion(text: string): Problem | undefined {
  if (text.length > 200) return undefined;
  const h = findHeading(text);
  if (!h || !("ask" in h)) return undefined;
  const key = text.trim();
  let p = headingQuestions.get(key);
  if (!p) {
    const codes = h.ask.map((a) => a.category.code);
    const list = `${codes.slice(0, -1).join(", ")} of ${codes[codes.length - 1]}`;
    p = new Problem("notAvailable", `${OPEN} “${key}” kan ${list} zijn; vul de categorie in. ${h.question}`);
    if (headingQuestions.size < 1000) headingQuestions.set(key, p);
  }
  return p;
}
const headingQuestions = new Map<string, Problem>();

/**
 * A negative amount in a ledger row (a credit note, a correction): a question, as the one reader asks it outside a
 * group (KIA.STAAT knows no groups): which asset it reduces.
 */
export const NEGATIVE_ROW = new Problem(
  "notAvailable",
  `${OPEN} een negatief bedrag (creditnota of correctie?) telt niet mee; verminder het bedrag van het bedrijfsmiddel waar het bij hoort.`,
);

/** Whether a ledger's amount cell is negative: a number below 0, or text with a minus sign or in parentheses. */
export function isNegativeCell(v: unknown): boolean {
  return typeof v === "number" ? v < 0 : typeof v === "string" && /^\s*(?:€|eur)?\s*[-\u2212(]\s*(?:€|eur)?\s*\d/i.test(v);
}

// ---- errors from the core --------------------------------------------------------------------------------

/** Any error from the core or the adapters as a FunctionError; nothing else may reach Excel. */
export function toFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  if (e instanceof Problem) return new FunctionError(e.code, e.message);
  if (e instanceof NoTableError) return new FunctionError("notAvailable", `Geen KIA-tabel voor ${showValue(e.year, 40)}`);
  if (e instanceof KiaValidationError) return new FunctionError("invalidValue", new Problem("invalidValue", e.reason).message);
  let text: string;
  try {
    text = e instanceof Error ? e.message : showValue(e);
  } catch {
    text = "(onleesbaar)";
  }
  return new FunctionError("invalidValue", new Problem("invalidValue", `Interne fout: ${text}`).message);
}
