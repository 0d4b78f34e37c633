/**
 * Disinvestment addition (desinvesteringsbijtelling, art. 3.47 Wet IB 2001). When in a calendar year goods
 * are disposed of for more than the year's threshold in total, each disposal within five years from the
 * start of its investment year adds to profit the same percentage as the investment deduction then taken:
 * the investment year's effective KIA rate (KIA / total of that year), on min(price, investment amount).
 * The rules of the investment year apply (art. 3.51).
 */
import { Decimal, ZERO } from "./decimal";
import { getYearTable, rules, type Confidence } from "./law";
import type { NDisposal } from "./scenario";
import { kia } from "./table";

export interface DisinvestmentItem {
  id: string;
  inWindow: boolean;
  base: Decimal;
  kiaExact: Decimal;
  investmentYearTotal: Decimal;
  exact: Decimal;
}

export function inWindow(
  investmentYear: number,
  disposalYear: number,
): boolean {
  return (
    disposalYear >= investmentYear &&
    disposalYear - investmentYear < rules.disinvestment.windowYears
  );
}

/** The exact addition for one disposal, ignoring the year's threshold (the caller decides whether it applies). */
export function disposalAddition(
  d: NDisposal,
  disposalYear: number,
): DisinvestmentItem {
  const base = d.price.lt(d.investmentAmount) ? d.price : d.investmentAmount;
  const k = kia(d.investmentYearTotal, d.investmentYear);
  const within = inWindow(d.investmentYear, disposalYear);
  // base x KIA / total with a single division at the end: the most exact form of base x effective rate.
  const exact =
    within && !d.investmentYearTotal.isZero()
      ? base.times(k.exact).div(d.investmentYearTotal)
      : ZERO;
  return {
    id: d.id,
    inWindow: within,
    base,
    kiaExact: k.exact,
    investmentYearTotal: d.investmentYearTotal,
    exact,
  };
}

export function disinvestmentThreshold(year: number): {
  amount: Decimal;
  confidence: Confidence;
  basis: string;
} {
  const t = getYearTable(year).disinvestmentThreshold;
  if (!t)
    throw new Error(`kia-tables.json: ${year} has no disinvestment threshold`);
  return t;
}
