/**
 * `=KIA(totaal; jaar)` as a workbook name: a LAMBDA in native Excel, generated from the law data by one function.
 *
 * An add-in function cannot be called KIA itself, and a LAMBDA that calls an add-in function is not supported by
 * Excel today; so the name's LAMBDA computes the table itself, with the year tables embedded as array constants.
 * It works in every Excel with LAMBDA (Microsoft 365, Excel 2024, Excel on the web), also where the add-in is not
 * installed. The template script (templates/build.ts) writes it into the template, the taskpane creates it with
 * Office.js (`names.add(KIA_NAME, lambdaFormula())`): both take it from here.
 *
 * The body uses no LET (so that a formula engine without LET, and a test that substitutes the parameters into the
 * body, can evaluate it): one `INDEX({…};1;MATCH(year;{years};0))` per parameter that differs between years, a
 * literal for a parameter that does not, an IF chain over the bands "meer dan … maar niet meer dan …" (art. 3.41
 * lid 2 Wet IB 2001), and the rounding in the taxpayer's favour `ROUNDUP(ROUND(x;9);0)` (docs/rounding.md).
 *
 * What is rounded: only the band's amount x (total × rate, or fixed − (total − start) × rate), once, just before
 * ROUNDUP; the body divides nothing, so there are no quotients to carry. ROUND(x;9) is there because Excel
 * computes x in binary floating point: 2275 × 0,28 is 637,0000000000001 there, and a bare ROUNDUP would give 638
 * where the core gives 637. See NOISE_DECIMALS for why 9 decimals.
 * A year without an established table gives #N/A, a negative or non-number total #VALUE! (before the year, as
 * KIA.AMOUNT does). Strings are in en-US form (`,` between arguments), as Office.js `names.add` and the file
 * format store them; Dutch Excel shows `;`.
 */
import { Decimal } from "./decimal";
import { establishedYears, getYearTable, type Band, type BandKind } from "./law";

/** The workbook name of the rounded KIA, as users type it: =KIA(A2; 2025). */
export const KIA_NAME = "KIA";
/** The workbook name of the exact KIA (no rounding): the template's partner and disinvestment formulas need it. */
export const KIA_EXACT_NAME = "KIA_EXACT";
/**
 * The LAMBDA's parameters, in order: the year's total of qualifying investments, and the tax year. Dutch, as the
 * docs write `=KIA(totaal; jaar)`: Excel's tooltip shows them. (Stored as _xlpm.jaar; JAAR( with a bracket is the
 * Dutch YEAR function, a parameter is never followed by one. Checklist item in docs/excel-compatibility.md.)
 */
export const LAMBDA_PARAMETERS = ["totaal", "jaar"] as const;

export interface LambdaOptions {
  /** the exact amount the table gives, without the rounding (the KIA_EXACT name) */
  exact?: boolean;
}

/**
 * The decimals `ROUND(x;…)` keeps before `ROUNDUP(…;0)`, here and in the template's formulas (templates/layout.ts).
 * Two bounds:
 *  - below: every decimal of the exact amount must survive, or ROUND can take x down to a whole euro that the core
 *    rounds up. The exact KIA of a total with d decimals has at most d + 4 decimals (7,56% has four), so 9 keeps
 *    it whole for totals with up to 5 decimals. Whole cents need only 6, but an Excel cell can hold a total with
 *    fractions of a cent (amounts computed by a formula), and the core takes those exactly:
 *    KIA(38928,57143; 2014) is exactly 10.900,0000004, the core says € 10.901, ROUND(x;6) would make it € 10.900.
 *  - above: the binary noise must go. x is below € 10^5 and comes from totals below € 10^6 (above the last band
 *    with an amount the KIA is nil, without ROUND; lambdaBody checks the bound), so its binary error is below
 *    10^-10: a total near 10^6 is within 6·10^-11 of the decimal it stands for, the rate scales that down, and each
 *    multiplication or subtraction adds half a unit in the last place of a number below 10^5, under 10^-11. Half of
 *    10^-9 leaves a wide margin, and 5 digits before the decimal point plus 9 after stay within Excel's 15.
 * For totals with more than 5 decimals ROUND(x;9) can still cut a digit the core keeps: KIA(10000,000000001; 2025)
 * is exactly 2.800,00000000028, the core says € 2.801, the LAMBDA € 2.800. More decimals would narrow that gap, not
 * close it (15 significant digits cannot hold every such total), at the cost of the margin over the noise.
 * test/lambda.test.ts checks both bounds against kia() for every year.
 */
export const NOISE_DECIMALS = 9;

/** A Decimal as a formula literal: plain notation, never an exponent. */
const lit = (d: Decimal) => d.toFixed();

/** The decimals the exact KIA of a whole-cent total can have: 2 plus the most decimals of a percentage. */
function exactDecimals(tables: { bands: readonly Band[] }[]): number {
  let dp = 0;
  for (const t of tables) for (const b of t.bands) for (const r of [b.rate, b.phaseoutRate]) if (r) dp = Math.max(dp, r.decimalPlaces());
  return 2 + dp;
}

/**
 * The body of the LAMBDA for the given years (default: every established year), with the parameters `totaal` and
 * `jaar` as plain names. Throws when a year has no table or the years' tables do not share one shape (the same
 * kinds of band in the same order): then one IF chain cannot serve them all and this generator must learn more.
 */
export function lambdaBody(years: readonly number[] = establishedYears(), options: LambdaOptions = {}): string {
  if (years.length === 0) throw new Error("lambdaBody: geen jaren");
  const [total, year] = LAMBDA_PARAMETERS;
  const tables = years.map((y) => getYearTable(y));
  const kinds: BandKind[] = tables[0].bands.map((b) => b.kind);
  for (const t of tables) {
    const k = t.bands.map((b) => b.kind);
    if (k.join() !== kinds.join())
      throw new Error(`lambdaBody: de tabel van ${t.year} (${k.join(", ")}) heeft een andere opbouw dan die van ${tables[0].year} (${kinds.join(", ")})`);
    t.bands.forEach((b, i) => {
      const prev = i === 0 ? null : t.bands[i - 1].upTo;
      if (!(b.over === null ? prev === null : prev !== null && b.over.eq(prev)))
        throw new Error(`lambdaBody: de schijven van ${t.year} sluiten niet op elkaar aan (schijf ${i + 1})`);
    });
    if (t.bands[t.bands.length - 1].upTo !== null) throw new Error(`lambdaBody: de laatste schijf van ${t.year} heeft een bovengrens`);
  }
  const yearList = `{${years.join(",")}}`;
  const at = `MATCH(${year},${yearList},0)`;
  /** One parameter: a literal when every year has the same value, else looked up by the year. */
  const param = (of: (b: Band) => Decimal | null | undefined, band: number): string => {
    const values = tables.map((t) => {
      const v = of(t.bands[band]);
      if (v === null || v === undefined) throw new Error(`lambdaBody: ${t.year} schijf ${band + 1} mist een waarde`);
      return lit(v);
    });
    return values.every((v) => v === values[0]) ? values[0] : `INDEX({${values.join(",")}},1,${at})`;
  };
  const dp = exactDecimals(tables);
  if (dp > NOISE_DECIMALS) throw new Error(`lambdaBody: het exacte bedrag van een totaal in centen heeft ${dp} decimalen, ROUND houdt er ${NOISE_DECIMALS}`);
  for (const t of tables)
    for (const b of t.bands)
      if ((b.kind === "percentage" || b.kind === "phase-out") && !(b.upTo !== null && b.upTo.lt(1e6)))
        throw new Error(
          `lambdaBody: de schijf tot ${b.upTo ?? "oneindig"} van ${t.year} gaat voorbij € 10^6; ROUND(x;${NOISE_DECIMALS}) is daar niet onderzocht`,
        );
  const rounded = (x: string) => (options.exact ? x : `ROUNDUP(ROUND(${x},${NOISE_DECIMALS}),0)`);
  const amount = (kind: BandKind, i: number): string => {
    switch (kind) {
      case "percentage":
        return rounded(`${total}*${param((b) => b.rate, i)}`);
      case "fixed": {
        const f = param((b) => b.fixed, i);
        return tables.every((t) => t.bands[i].fixed!.isInteger()) ? f : rounded(f);
      }
      case "phase-out":
        return rounded(`${param((b) => b.fixed, i)}-(${total}-${param((b) => b.phaseoutFrom, i)})*${param((b) => b.phaseoutRate, i)}`);
      default:
        return "0"; // none, above-ceiling: nihil
    }
  };
  // The bands from the last to the first: IF(total<=upTo1, amount1, IF(total<=upTo2, amount2, … lastAmount)).
  let chain = amount(kinds[kinds.length - 1], kinds.length - 1);
  for (let i = kinds.length - 2; i >= 0; i--) chain = `IF(${total}<=${param((b) => b.upTo, i)},${amount(kinds[i], i)},${chain})`;
  // ISNUMBER(total)*(total>=0) rather than AND(…): AND would fold a range into one value, this keeps
  // =KIA(A2:A100; 2025) element by element (a spill in Excel).
  return `IF(ISNUMBER(${total})*(${total}>=0),IF(ISNA(${at}),NA(),${chain}),#VALUE!)`;
}

/** The name's formula as Office.js `names.add(KIA_NAME, …)` takes it (en-US): `=LAMBDA(totaal,jaar,…)`; Excel's tooltip shows the Dutch parameter names, as the docs write `=KIA(totaal; jaar)`. */
export function lambdaFormula(years: readonly number[] = establishedYears(), options: LambdaOptions = {}): string {
  return `=LAMBDA(${LAMBDA_PARAMETERS.join(",")},${lambdaBody(years, options)})`;
}

/**
 * The name's formula as the file format stores it in `<definedName>` (no "=", LAMBDA with the `_xlfn.` prefix,
 * parameters with `_xlpm.`), not XML-escaped.
 */
export function lambdaFileFormula(years: readonly number[] = establishedYears(), options: LambdaOptions = {}): string {
  const [total, year] = LAMBDA_PARAMETERS;
  const body = substituteParameters(lambdaBody(years, options), { total: `_xlpm.${total}`, year: `_xlpm.${year}` });
  return `_xlfn.LAMBDA(${LAMBDA_PARAMETERS.map((p) => "_xlpm." + p).join(",")},${body})`;
}

/**
 * The body with its parameters replaced by formula text (cell references, numbers), each in parentheses: what
 * Excel computes for =KIA(A2; B2). Used by the tests, which evaluate the body in a formula engine without LAMBDA.
 * Only whole words outside string literals are replaced (the body has no names that contain them).
 */
export function substituteParameters(body: string, args: { total: string; year: string }): string {
  const wrap = (s: string) => (/^[A-Za-z0-9_.$]+$/.test(s) ? s : `(${s})`);
  const [total, year] = LAMBDA_PARAMETERS;
  return body.replace(new RegExp(`"[^"]*"|\\b(${total}|${year})\\b`, "g"), (m, p: string | undefined) =>
    p === undefined ? m : wrap(p === total ? args.total : args.year),
  );
}
