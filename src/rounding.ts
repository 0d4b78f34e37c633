/**
 * Rounding policy (documented in docs/rounding.md). The core computes exactly; rounding happens only
 * when a result is reported:
 *  - a deduction (KIA, the part deductible this year) is rounded UP to whole euros,
 *  - an addition to profit (desinvesteringsbijtelling) is rounded DOWN to whole euros,
 * i.e. always in the taxpayer's favour. This reproduces every published computation we have:
 * Besluit investeringsaftrek 2014 onderdeel 4.4 (7.782,31 -> € 7.783) and HR 1-5-2020
 * (14.504,84 -> € 14.505). With `exact` no rounding is applied at all.
 * No statutory rounding rule for the KIA amount exists; art. 10.1 Wet IB 2001 only covers rounding of
 * the indexed table amounts.
 */
import { Decimal } from "./decimal";

export type RoundingDirection = "deduction" | "addition";

export function roundForReport(amount: Decimal, direction: RoundingDirection, exact: boolean): Decimal {
  if (exact) return amount;
  return amount.toDecimalPlaces(0, direction === "deduction" ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR);
}
