/**
 * The one Decimal constructor of the core. All money is a Decimal from here; never a JS number.
 * Precision 40 significant digits: amounts up to 10^15 with cents times a percentage such as 7,56%
 * need about 22 digits, so every multiplication and addition in the core is exact. Only divisions
 * (effective rate, key shares) can be inexact; where that matters the code says how it is handled.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
// eslint-disable-next-line no-redeclare -- the value and its type share the name, as in decimal.js itself
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);
