/**
 * The Excel functions as plain TypeScript over the core: pure, synchronous, no Office.js. Each returns a
 * value or throws FunctionError (the ledger returns its per-row problems as values); functions.ts turns that
 * into what Excel expects.
 */
import {
  Decimal,
  categoryVerdict,
  disinvestmentThreshold,
  disposalAddition,
  inWindow,
  getYearTable,
  kia,
  minimumAmountTest,
  roundForReport,
  type CategoryData,
} from "../src";
import { AmountSum, centsOfNumber, Ratio } from "../src/cents";
import {
  cellErrorCode,
  FunctionError,
  headingQuestion,
  isNegativeCell,
  NEGATIVE_ROW,
  Problem,
  isMissing,
  must,
  readAmountArg,
  readAmountCentsArg,
  readBoolArg,
  readCategoryArg,
  readOptionalYear,
  readShareArg,
  readYearArg,
  tableYear,
} from "./values";

export type Lang = "nl" | "en";
let language: Lang = "nl";
/** Set by the add-in at start-up from Office.context.displayLanguage. */
export function setLanguage(lang: string | undefined): void {
  language = lang && lang.toLowerCase().startsWith("en") ? "en" : "nl";
}

const amountOf = (v: unknown, name: string) => must(readAmountArg(v, name));
const yearOf = (v: unknown, name = "jaar") => must(tableYear(readYearArg(v, name)));

/** A Decimal as a number Excel can show; the amounts' range (<= 10^15) keeps every result far inside it. */
function finite(d: Decimal): number {
  const n = d.toNumber();
  if (!Number.isFinite(n)) throw new FunctionError("invalidValue", "De uitkomst is geen getal dat Excel kan tonen.");
  return n === 0 ? 0 : n;
}

/**
 * A total for the table: an Excel number that is whole cents goes as it is (kia() then takes the integer path);
 * anything else through the amount reader (15 significant digits, Dutch text, the range).
 */
function totalOf(v: unknown, name: string): number | Decimal {
  return typeof v === "number" && centsOfNumber(v) >= 0 ? v : amountOf(v, name);
}

export function amount(total: unknown, year: unknown, exact: unknown): number {
  const t = totalOf(total, "totaal");
  const y = yearOf(year);
  const r = kia(t, y, { exact: must(readBoolArg(exact, "exact", false)) });
  return r.isExact ? finite(r.rounded) : r.roundedNumber;
}

/** The arguments of ELIGIBLE and REASON, parsed once, with the category and € 450 verdicts. */
function assessAsset(category: unknown, value: unknown, year: unknown, vatDeductible: unknown) {
  const c = must(readCategoryArg(category));
  const amt = amountOf(value, "bedrag");
  // The table first: a year without one is #N/A "Geen KIA-tabel voor 2009", before anything looks up that
  // year's law (categoryVerdict asks the legal references for the year, which have no version before 2010).
  const y = must(tableYear(readOptionalYear(year)));
  const table = getYearTable(y);
  const v = must(readBoolArg(vatDeductible, "btwAftrekbaar", true));
  const cat = categoryVerdict(c, y, language);
  const min = minimumAmountTest(amt, table.minAssetAmount, y, v, undefined, language);
  return { year: y, cat, min, eligible: cat.eligible && min.passes };
}

export function eligible(category: unknown, value: unknown, year: unknown, vatDeductible: unknown): boolean {
  return assessAsset(category, value, year, vatDeductible).eligible;
}

export function reason(category: unknown, value: unknown, year: unknown, vatDeductible: unknown): string {
  const a = assessAsset(category, value, year, vatDeductible);
  const head =
    language === "en"
      ? `${a.eligible ? "Qualifies" : "Does not qualify"} (${a.year})`
      : `${a.eligible ? "Komt in aanmerking" : "Komt niet in aanmerking"} (${a.year})`;
  return `${head}: ${a.cat.reason.text} [${a.cat.reason.ref}] ${a.min.reason.text} [${a.min.reason.ref}]`;
}

export function rate(total: unknown, year: unknown): number {
  return kia(totalOf(total, "totaal"), yearOf(year)).rateNumber;
}

/**
 * Decimals kept of KIA x share before rounding (see partner): a share's error in its 15th significant digit times
 * a KIA below € 10^5 stays below 10^-10, so 9 decimals remove the noise and keep every real digit of the product
 * (1.783,0000004 for 10% of € 17.830,000004 is still rounded up to € 1.784).
 */
const SHARE_PRODUCT_DP = 9;

export function partner(total: unknown, share: unknown, year: unknown, exact: unknown): number {
  const t = amountOf(total, "totaalSamenwerkingsverband");
  const s = must(readShareArg(share, "aandeel"));
  const y = yearOf(year);
  const ex = must(readBoolArg(exact, "exact", false));
  const r = kia(t, y, { exact: true });
  // A share from Excel carries binary noise in its 15th digit (=0,1*7 is 0,700000000000001): the product is
  // taken to 9 decimals before the deduction is rounded up, so noise never adds a euro. docs/rounding.md.
  const part = r.exact.times(s).toDecimalPlaces(SHARE_PRODUCT_DP, Decimal.ROUND_HALF_UP);
  return finite(roundForReport(part, "deduction", ex));
}

export function disinvestment(
  price: unknown,
  investmentAmount: unknown,
  investmentYear: unknown,
  investmentYearTotal: unknown,
  disposalYear: unknown,
  disposalsTotal: unknown,
): number {
  const p = amountOf(price, "prijs");
  const ia = amountOf(investmentAmount, "investeringsbedrag");
  const iy = must(readYearArg(investmentYear, "investeringsjaar"));
  const it = amountOf(investmentYearTotal, "totaalInvesteringsjaar");
  const dy = must(readYearArg(disposalYear, "vervreemdingsjaar"));
  const dt = isMissing(disposalsTotal) ? p : amountOf(disposalsTotal, "totaalVervreemdingen");
  if (iy > dy) throw new FunctionError("invalidValue", `investeringsjaar ${iy} ligt na vervreemdingsjaar ${dy}.`);

  if (dt.lt(p)) throw new FunctionError("invalidValue", `totaalVervreemdingen is kleiner dan de prijs.`);
  if (ia.gt(it)) throw new FunctionError("invalidValue", `investeringsbedrag is groter dan het totaal van het investeringsjaar.`);
  must(tableYear(dy));
  // Outside the five-year window the disposal counts for nothing: no table of the investment year is needed.
  if (!inWindow(iy, dy)) return 0;
  must(tableYear(iy));
  if (!dt.gt(disinvestmentThreshold(dy).amount)) return 0;
  const item = disposalAddition(
    {
      index: 0,
      id: "",
      price: p,
      investmentYear: iy,
      investmentAmount: ia,
      investmentYearTotal: it,
    },
    dy,
  );
  return finite(roundForReport(item.exact, "addition", false));
}

export function marginal(currentTotal: unknown, extra: unknown, year: unknown): number {
  const c = totalOf(currentTotal, "huidigTotaal");
  const e = totalOf(extra, "extra");
  const y = yearOf(year);
  if (typeof c === "number" && typeof e === "number") {
    // Both whole cents: add them as integers, so 0,1 + 0,2 is exactly 0,30.
    const sum = (centsOfNumber(c) + centsOfNumber(e)) / 100;
    return kia(sum, y).roundedNumber - kia(c, y).roundedNumber;
  }
  const cd = typeof c === "number" ? new Decimal(c) : c;
  return finite(kia(cd.plus(e), y).rounded.minus(kia(cd, y).rounded));
}

const TABLE_HEADER_NL = ["Meer dan", "Niet meer dan", "Soort", "Percentage", "Vast bedrag", "Afbouwpercentage", "Afbouw boven"];
const TABLE_HEADER_EN = ["More than", "Not more than", "Kind", "Percentage", "Fixed amount", "Phase-out percentage", "Phase-out above"];

export function table(year: unknown): (string | number)[][] {
  const t = getYearTable(yearOf(year));
  const num = (d: Decimal | null | undefined) => (d ? d.toNumber() : "");
  return [
    language === "en" ? TABLE_HEADER_EN : TABLE_HEADER_NL,
    ...t.bands.map((b) => [
      num(b.over),
      num(b.upTo),
      b.kind,
      b.rate ? b.rate.toNumber() : "",
      num(b.fixed),
      b.phaseoutRate ? b.phaseoutRate.toNumber() : "",
      num(b.phaseoutFrom),
    ]),
  ];
}

export type LedgerCell = boolean | number | string | Problem;

/**
 * A ledger column as a list of cells. Excel passes a range as a 2-D array (a single cell as [[v]]); a single
 * column or a single row is one list; an empty range is an empty list. A scalar (a single cell as some hosts
 * pass it) is a list of one. Anything wider is refused: categories and amounts are one column each.
 */
function ledgerColumn(value: unknown, name: string): unknown[] | Problem {
  if (!Array.isArray(value)) return [value];
  if (value.length === 0) return [];
  const nested = Array.isArray(value[0]);
  for (let i = 1; i < value.length; i++)
    if (Array.isArray(value[i]) !== nested) return new Problem("invalidValue", `${name}: geen rechthoekig bereik (rij ${i + 1} wijkt af).`);
  if (!nested) return value; // a flat list (not from Excel itself)
  const rows = value as unknown[][];
  const cols = rows[0].length;
  for (let i = 1; i < rows.length; i++)
    if (rows[i].length !== cols)
      return new Problem("invalidValue", `${name}: geen rechthoekig bereik (rij ${i + 1} heeft ${rows[i].length} cellen, rij 1 heeft er ${cols}).`);
  if (cols === 0) return [];
  if (cols === 1) return rows.map((r) => r[0]);
  if (rows.length === 1) return rows[0];
  return new Problem("invalidValue", `${name}: kies één kolom (of één rij), niet ${rows.length} rijen × ${cols} kolommen.`);
}

const blankRow = (): LedgerCell[] => ["", "", ""];

/**
 * One row per asset: eligible, counted amount, attributed KIA (counted amount x effective rate of the
 * ledger's counted total). Categories and amounts are a column (or a row) each, of the same length. A bad row
 * gets an error value in its three cells saying why ("bedrag: cel bevat #N/B", "Onbekende categorie: …"); the
 * message does not repeat the row or the cell's value, both in view next to it. Categories are read with the
 * headings vocabulary, as the one reader reads them ("Machines en installaties", RGS BMvaMei: machine); a row the
 * reader would ask about is #N/A with the question, saying the ledger's KIA is provisional until it is answered: an
 * ambiguous heading ("Vervoermiddelen": which vehicle?) and a negative amount (a credit note: which asset?). An
 * error in a row makes a SUM over the column an error too: the ledger's KIA is never a confident figure without it. Rows with the same mistake
 * share one row of Problems (the same array object: a caller that changes one such row changes them all, as the
 * Excel adapter does on purpose); blank rows stay blank. A bad row costs no exception, no stack trace and, where
 * its mistake was seen before, no object.
 */
export function ledger(categories: unknown, amounts: unknown, year: unknown, vatDeductible: unknown): LedgerCell[][] {
  const cats = must(ledgerColumn(categories, "categorieën"));
  const amts = must(ledgerColumn(amounts, "bedragen"));
  if (cats.length !== amts.length) {
    throw new FunctionError(
      "invalidValue",
      `categorieën (${cats.length} cellen) en bedragen (${amts.length} cellen) moeten even lang zijn: kies twee kolommen met dezelfde rijen.`,
    );
  }
  const y = yearOf(year);
  const t = getYearTable(y);
  // Checked, not used: it says how the amounts were entered (incl. VAT when FALSE); they count as entered.
  must(readBoolArg(vatDeductible, "btwAftrekbaar", true));
  if (cats.length === 0) return [blankRow()];
  // One pass over the rows, in integers where the amount is whole cents: a row is blank, a Problem, or an
  // amount (cents, or a Decimal) with its verdict. LEDGER has no groups, so each row is its own asset:
  // eligible = category eligible in the year and amount not below € 450 (art. 3.45).
  const n = cats.length;
  // A bad row is its Problem's one shared row of three (the Excel adapter turns it into one error value). The
  // messages do not quote the cell (it is in the row itself), so most Problems are shared already: the readers
  // make one per reason (negative, too large, unknown category …).
  const bad: (LedgerCell[] | null | undefined)[] = new Array(n);
  const rowOf = new Map<Problem, LedgerCell[]>();
  const badRow = (p: Problem): LedgerCell[] => {
    if (p.once) return [p, p, p];
    let row = rowOf.get(p);
    if (!row) rowOf.set(p, (row = [p, p, p]));
    return row;
  };
  // A ledger repeats its mistakes (the same unknown category, the same "60,000", the same #N/B): a cell value seen
  // before with a problem gets that problem's row again, without reading it once more.
  const badCategories = new Map<string, LedgerCell[]>();
  const badAmounts = new Map<unknown, LedgerCell[]>();
  const badCategoryErrors = new Map<string, LedgerCell[]>(); // by error code: "#N/A"
  const badAmountErrors = new Map<string, LedgerCell[]>();
  const remember = <K>(seen: Map<K, LedgerCell[]>, key: K, p: Problem): LedgerCell[] => {
    const row = badRow(p);
    if (seen.size < 1000) seen.set(key, row);
    return row;
  };
  const cents = new Float64Array(n).fill(-1);
  const decimals: (Decimal | undefined)[] = [];
  const eligibleRow = new Uint8Array(n);
  const minimum = t.minAssetAmount;
  const minCents = minimum.toNumber() * 100;
  const sum = new AmountSum();
  // whether a category is eligible in the year, asked once per category (a ledger has a handful)
  const verdicts = new Map<CategoryData, boolean>();
  for (let i = 0; i < n; i++) {
    const cv = cats[i];
    const av = amts[i];
    if (isMissing(cv) && isMissing(av)) {
      bad[i] = null;
      continue;
    }
    const catError = cellErrorCode(cv);
    const seenCat = typeof cv === "string" ? badCategories.get(cv) : catError ? badCategoryErrors.get(catError) : undefined;
    if (seenCat) {
      bad[i] = seenCat;
      continue;
    }
    // "Bedoelt u …?" for the first distinct misspellings only: a suggestion costs tens of microseconds.
    const category = readCategoryArg(cv, "categorie", badCategories.size < 100, false);
    if (category instanceof Problem) {
      // an ambiguous heading ("Vervoermiddelen") is a question, not an unknown category
      const question = typeof cv === "string" ? headingQuestion(cv) : undefined;
      bad[i] =
        typeof cv === "string"
          ? remember(badCategories, cv, question ?? category)
          : catError
            ? remember(badCategoryErrors, catError, category)
            : badRow(category);
      continue;
    }
    const primitive = typeof av === "string" || typeof av === "number";
    const amountError = primitive ? null : cellErrorCode(av);
    const seenAmount = primitive ? badAmounts.get(av) : amountError ? badAmountErrors.get(amountError) : undefined;
    if (seenAmount) {
      bad[i] = seenAmount;
      continue;
    }
    const read = readAmountCentsArg(av, "bedrag", false);
    // a credit note or correction (a negative amount) is a question: which asset does it reduce?
    const a = read instanceof Problem && isNegativeCell(av) ? NEGATIVE_ROW : read;
    if (a instanceof Problem) {
      // A number's problem is one of a few (negative, too large …) and already shared: no need to remember it.
      bad[i] = typeof av === "string" ? remember(badAmounts, av, a) : amountError ? remember(badAmountErrors, amountError, a) : badRow(a);
      continue;
    }
    let catOk = verdicts.get(category);
    if (catOk === undefined) verdicts.set(category, (catOk = categoryVerdict(category, y).eligible));
    if (typeof a === "number") {
      cents[i] = a;
      if (catOk && a >= minCents) {
        eligibleRow[i] = 1;
        sum.addCents(a);
      }
    } else {
      decimals[i] = a;
      if (catOk && a.gte(minimum)) {
        eligibleRow[i] = 1;
        sum.addDecimal(a);
      }
    }
  }
  // Below 10^15 cents a number of cents / 100 is read back exactly (15 significant digits).
  const totalCents = sum.wholeCents;
  const total = totalCents >= 0 ? totalCents / 100 : sum.value;
  const k = kia(total, y);
  // A row's part of the KIA: its amount x the KIA / the total, in cents (half up), exactly.
  const ratio = new Ratio(k.exact, k.total);
  const out: LedgerCell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const b = bad[i];
    if (b === null) {
      out[i] = blankRow();
      continue;
    }
    if (b) {
      out[i] = b;
      continue;
    }
    if (!eligibleRow[i]) {
      out[i] = [false, 0, 0];
      continue;
    }
    const c = cents[i];
    if (c >= 0) {
      out[i] = [true, c / 100, ratio.isZero ? 0 : ratio.apply(c, "half-up") / 100];
      continue;
    }
    const d = decimals[i]!;
    const counted = d.toNumber();
    const attributed = ratio.applyToAmount(d).toNumber();
    if (!Number.isFinite(counted) || !Number.isFinite(attributed)) {
      const q = new Problem("invalidValue", "de uitkomst is geen getal dat Excel kan tonen.");
      out[i] = [q, q, q];
    } else out[i] = [true, counted, attributed];
  }
  return out;
}
