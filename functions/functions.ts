/* global CustomFunctions */
/**
 * Excel custom functions (namespace KIA). This file is what custom-functions-metadata reads: the JSDoc tags
 * define the permanent ids (KIA.AMOUNT …) and the English names; functions/nl.json gives the Dutch names.
 * Each function is a thin wrapper: call the pure implementation in kia-functions.ts and turn any error into
 * a CustomFunctions.Error (#VALUE! or #N/A with a Dutch message; an error value in an argument keeps its own code,
 * e.g. #DEEL/0!, with the message naming the argument). The only Office.js call, Excel's display language for
 * the texts of KIA.REASON and KIA.TABLE, is in language.ts.
 *
 * Every parameter is `any`: Excel passes the cell's value as it is (a number, text, WAAR/ONWAAR, an empty cell
 * as null) and the readers in values.ts decide, with a Dutch message, instead of Excel coercing silently
 * ("ja" to #VALUE!, 5 to TRUE).
 */
import * as F from "./kia-functions";
import { followDisplayLanguage } from "./language";
import { Problem, toFunctionError } from "./values";

followDisplayLanguage(typeof Office === "undefined" ? undefined : Office);

function cfError(code: Problem["code"], message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[code], message);
}

function excelError(e: unknown): CustomFunctions.Error {
  if (e instanceof Problem) return cfError(e.code, e.message);
  const fe = toFunctionError(e);
  return cfError(fe.code, fe.message);
}

/** Error.stackTraceLimit where the engine has it (V8, JavaScriptCore); elsewhere setting it does nothing. */
const ErrorWithLimit = Error as { stackTraceLimit?: number };

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * The KIA for a year's total investment amount (art. 3.41 Wet IB 2001), in whole euros in the taxpayer's favour.
 * @customfunction KIA.AMOUNT AMOUNT
 * @param total Total of the year's qualifying investments (number or text such as "€ 1.234,56").
 * @param year Tax year, e.g. 2025.
 * @param [exact] TRUE for the exact amount without rounding.
 * @returns The KIA.
 */
export function amount(total: any, year: any, exact?: any): number {
  return guard(() => F.amount(total, year, exact ?? null));
}

/**
 * TRUE when one asset qualifies for the KIA (category and the € 450 test, art. 3.45 Wet IB 2001).
 * @customfunction KIA.ELIGIBLE ELIGIBLE
 * @param category Category code, Dutch label or English alias, e.g. "machine".
 * @param amount Investment amount of the asset (excl. VAT when VAT is deductible).
 * @param [year] Tax year; omitted: the most recent year with a table.
 * @param [vatDeductible] FALSE when VAT is not deductible (the amount then includes VAT).
 * @returns TRUE or FALSE.
 */
export function eligible(category: any, amount: any, year?: any, vatDeductible?: any): boolean {
  return guard(() => F.eligible(category, amount, year ?? null, vatDeductible ?? null));
}

/**
 * Why an asset does or does not qualify for the KIA, with the article.
 * @customfunction KIA.REASON REASON
 * @param category Category code, Dutch label or English alias.
 * @param amount Investment amount of the asset.
 * @param [year] Tax year; omitted: the most recent year with a table.
 * @param [vatDeductible] FALSE when VAT is not deductible.
 * @returns The reason in words.
 */
export function reason(category: any, amount: any, year?: any, vatDeductible?: any): string {
  return guard(() => F.reason(category, amount, year ?? null, vatDeductible ?? null));
}

/**
 * The effective KIA rate (KIA / total) of a year's total, as used for the disinvestment addition.
 * @customfunction KIA.RATE RATE
 * @param total Total of the year's qualifying investments.
 * @param year Tax year.
 * @returns The effective rate (0,28 = 28%).
 */
export function rate(total: any, year: any): number {
  return guard(() => F.rate(total, year));
}

/**
 * One partner's KIA: the partnership's KIA times the partner's share (art. 3.41 lid 3; besluit 4.1.4).
 * @customfunction KIA.PARTNER PARTNER
 * @param partnershipTotal Total qualifying investments of the partnership.
 * @param share The partner's share as a fraction (0,25) or percentage (25%).
 * @param year Tax year.
 * @param [exact] TRUE for the exact amount without rounding.
 * @returns The partner's KIA.
 */
export function partner(partnershipTotal: any, share: any, year: any, exact?: any): number {
  return guard(() => F.partner(partnershipTotal, share, year, exact ?? null));
}

/**
 * The disinvestment addition for one disposal (art. 3.47 Wet IB 2001), rounded down.
 * @customfunction KIA.DISINVESTMENT DISINVESTMENT
 * @param price Disposal price.
 * @param investmentAmount Original investment amount of the asset.
 * @param investmentYear Year of the investment.
 * @param investmentYearTotal Total qualifying investments of the investment year.
 * @param disposalYear Year of the disposal.
 * @param [disposalsTotal] Total of all disposal prices in the disposal year (default: this price).
 * @returns The addition to profit (0 outside the five-year window or at or below the threshold).
 */
export function disinvestment(
  price: any,
  investmentAmount: any,
  investmentYear: any,
  investmentYearTotal: any,
  disposalYear: any,
  disposalsTotal?: any,
): number {
  return guard(() => F.disinvestment(price, investmentAmount, investmentYear, investmentYearTotal, disposalYear, disposalsTotal ?? null));
}

/**
 * What an extra investment adds to this year's KIA (planning); negative in the phase-out band.
 * @customfunction KIA.MARGINAL MARGINAL
 * @param currentTotal The year's total so far.
 * @param extra The extra investment.
 * @param year Tax year.
 * @returns The change in KIA.
 */
export function marginal(currentTotal: any, extra: any, year: any): number {
  return guard(() => F.marginal(currentTotal, extra, year));
}

/**
 * The year's KIA table as a spilled range with a header row.
 * @customfunction KIA.TABLE TABLE
 * @param year Tax year.
 * @returns The table.
 */
export function table(year: any): any[][] {
  return guard(() => F.table(year));
}

/**
 * One spilled row per asset: eligible, counted amount, attributed KIA. One call for a whole ledger. Balance-sheet headings and RGS codes are read as categories; a row to be answered first (an ambiguous heading such as Vervoermiddelen, a negative amount) is #N/A: the ledger's KIA is provisional.
 * @customfunction KIA.LEDGER LEDGER
 * @param categories Category column of the ledger.
 * @param amounts Amount column of the ledger.
 * @param year Tax year.
 * @param [vatDeductible] How the amounts were entered: FALSE when VAT is not deductible (amounts incl. VAT). They count as entered.
 * @returns Rows of eligible, counted amount, attributed KIA.
 */
export function ledger(categories: any[][], amounts: any[][], year: any, vatDeductible?: any): any[][] {
  const rows = guard(() => F.ledger(categories, amounts, year, vatDeductible ?? null));
  // A bad row's error value stands in the ledger's own row, so its message names neither the row nor the value:
  // a row counted within the range ("Rij 3") was not the sheet's row (C4 in B2:B10) and only misled. Rows with the
  // same mistake share one array of Problems, so one CustomFunctions.Error (the runtime serialises each cell of
  // the result: one object may stand in many cells): the array is replaced in place, and is already replaced when
  // it comes again. A CustomFunctions.Error is an Error: building one captures a stack trace that nobody reads,
  // so none is captured while they are built; the limit is restored at once (synchronous code).
  const limit = ErrorWithLimit.stackTraceLimit;
  if (typeof limit === "number") ErrorWithLimit.stackTraceLimit = 0;
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      const p = row[0];
      if (p instanceof Problem) row[0] = row[1] = row[2] = cfError(p.code, p.message);
    }
    return rows;
  } finally {
    if (typeof limit === "number") ErrorWithLimit.stackTraceLimit = limit;
  }
}
