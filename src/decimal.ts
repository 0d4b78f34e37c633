/**
 * The one Decimal constructor of the core. All money is a Decimal from here; never a JS number.
 * Precision 50 significant digits: amounts are at most 10^15 with at most 15 decimals (money.ts), so a total
 * of ten million of them times a percentage such as 7,56% needs at most 23 + 15 + 4 = 42 digits: every
 * multiplication and addition in the core is exact. Only divisions
 * (effective rate, key shares) can be inexact; where that matters the code says how it is handled.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
// eslint-disable-next-line no-redeclare -- the value and its type share the name, as in decimal.js itself
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
