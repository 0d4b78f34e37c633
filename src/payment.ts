/**
 * Payment criterion (art. 3.44 lid 1 Wet IB 2001): for an asset not yet in use at year end, the deduction
 * this year is limited to what was paid on it; the rest moves to later years (as payments are made, at the
 * latest the year it is taken into use). The year's KIA is attributed to assets by the effective rate
 * (exact KIA / total), so an asset's share is its amount x that rate.
 */
import { ZERO, type Decimal } from "./decimal";

export function carriedForward(attributed: Decimal, paid: Decimal): Decimal {
  return attributed.gt(paid) ? attributed.minus(paid) : ZERO;
}
