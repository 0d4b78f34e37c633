/**
 * Integer cents: exact arithmetic at the speed of plain numbers for the common case. Ledger amounts are whole
 * cents; a JS number holds an integer exactly up to 2^53, so a whole number of cents below € 10^13 (10^15
 * cents) is carried as an integer and added, compared and multiplied without rounding. Every operation here
 * either stays below 2^53 or switches to BigInt; none rounds unless its name says how.
 *
 * Why € 10^13: below it a double's spacing (ulp) is at most 0,002, so a double whose shortest decimal form has at
 * most two decimals is that decimal and no other (decimal.js reads a number through the same shortest form).
 * Anything else (more decimals, larger amounts) stays on the Decimal path; money.ts decides.
 */
import { Decimal } from "./decimal";

/** Amounts below this many cents (€ 10^13) may take the integer path. */
export const MAX_FAST_CENTS = 1e15;
/** Integers below 2^52: products of a quotient and a divisor stay below 2^53, so remainders are exact. */
const LIMIT = 2 ** 52;

/** Integer cents of a non-negative number with at most two decimals, or -1. */
export function centsOfNumber(n: number): number {
  if (!(n >= 0) || n >= 1e13) return -1;
  const c = Math.round(n * 100);
  return c / 100 === n ? c : -1;
}

/**
 * Integer cents of a decimal string such as "1234.5" (digits, at most one point and two decimals, below € 10^13),
 * or -1. Read character by character: no regular expression, no allocation (a ledger passes 100.000 of them).
 */
export function centsOfString(s: string): number {
  const n = s.length;
  if (n === 0 || n > 16) return -1;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 13) return -1;
  if (i === n) return whole * 100;
  if (s.charCodeAt(i) !== 46 /* . */ || n - i - 1 < 1 || n - i - 1 > 2) return -1;
  const d1 = s.charCodeAt(i + 1) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  let frac = d1 * 10;
  if (n - i - 1 === 2) {
    const d2 = s.charCodeAt(i + 2) - 48;
    if (d2 < 0 || d2 > 9) return -1;
    frac += d2;
  }
  return whole * 100 + frac;
}

/**
 * Integer cents of a Decimal, or -1. Read from the Decimal's own digits, without a Decimal operation or a string:
 * decimal.js documents a Decimal as three read-only properties, `s` (sign), `e` (exponent of the first digit) and
 * `d` (the digits in words of base 10^7: the first word 1 to 7 digits, the others 7, no trailing zero words; zero
 * is [0]). The digits read as one integer W of D digits make the value W x 10^(e + 1 - D), so the cents are
 * W x 10^(e + 3 - D): whole cents when that power is at least 1, or when the last word ends in as many zeros as it
 * falls short (at most two decimals). Below € 10^13 (e <= 12) the cents have at most 15 digits: every step stays
 * below 2^53 and is exact (test/fastpath.test.ts checks it against decimal.js's own arithmetic).
 */
export function centsOfDecimal(x: Decimal): number {
  const words = x.d;
  if (x.s !== 1 || !words || x.e > 12) return -1;
  const n = words.length;
  const first = words[0];
  if (first === 0) return 0;
  const firstDigits = first < 10 ? 1 : first < 100 ? 2 : first < 1e3 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7;
  const shift = x.e + 3 - firstDigits - 7 * (n - 1);
  let last = words[n - 1];
  let lastDigits = n === 1 ? firstDigits : 7;
  if (shift < 0) {
    // more than two decimals unless the last word's last -shift digits are zeros (a word is below 10^7: `| 0` is an
    // exact integer division, and faster than a floating-point %)
    if (-shift >= lastDigits) return -1;
    const p = POWERS_OF_TEN[-shift];
    const q = (last / p) | 0;
    if (q * p !== last) return -1;
    last = q;
    lastDigits += shift;
  }
  let w = n === 1 ? last : first;
  for (let i = 1; i < n - 1; i++) w = w * 1e7 + words[i];
  if (n > 1) w = w * POWERS_OF_TEN[lastDigits] + last;
  return shift > 0 ? w * POWERS_OF_TEN[shift] : w;
}
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The text after the euros for 0..99 cents: "", ".01" … ".09", ".1", ".11" … ".99" (no trailing zero). */
const CENTS_SUFFIX = Array.from({ length: 100 }, (_, f) => (f === 0 ? "" : f % 10 === 0 ? `.${f / 10}` : `.${f < 10 ? "0" : ""}${f}`));

/** Plain decimal text of cents: 123456 -> "1234.56", 120 -> "1.2", 100 -> "1". */
export function centsText(c: number): string {
  const whole = Math.floor(c / 100);
  const frac = c - whole * 100;
  // one number-to-text and one join per amount (the report writes one or two per row of a ledger)
  return frac === 0 ? String(whole) : String(whole) + CENTS_SUFFIX[frac];
}

/**
 * Whether a text that centsOfString reads (after a trim) is already the text centsText writes for its cents: no space
 * around it, no leading zero, no trailing zero among the cents ("1234.5", not "1234.50"). The ledger reader writes
 * every amount so (Decimal's toFixed()), and a row's report then keeps the text it was given instead of making the
 * same text again (100.000 texts for a ledger of 100.000 rows).
 */
export function isCentsText(s: string): boolean {
  const n = s.length;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (!(first >= 48 && first <= 57 && last >= 48 && last <= 57)) return false;
  if (first === 48 && n > 1 && s.charCodeAt(1) !== 46 /* . */) return false;
  const decimals = n > 2 && s.charCodeAt(n - 2) === 46 ? 1 : n > 3 && s.charCodeAt(n - 3) === 46 ? 2 : 0;
  return decimals === 0 || last !== 48;
}

export function centsDecimal(c: number): Decimal {
  return new Decimal(c).div(100);
}

/**
 * A running sum of amounts (a year's total, a group's amount): integer cents while every amount added is whole
 * cents and the sum stays below MAX_FAST_CENTS, a Decimal from there on. Exact either way.
 */
export class AmountSum {
  private c = 0;
  private d: Decimal | undefined;

  /** Add whole cents (c >= 0). */
  addCents(c: number): void {
    if (this.d === undefined && this.c + c < MAX_FAST_CENTS) this.c += c;
    else this.addDecimal(centsDecimal(c));
  }

  /** Add an amount that is not (or not known as) whole cents. */
  addDecimal(x: Decimal): void {
    if (this.d === undefined) {
      this.d = centsDecimal(this.c);
      this.c = 0;
    }
    this.d = this.d.plus(x);
  }

  /** The sum in cents, or -1 when it is carried as a Decimal. */
  get wholeCents(): number {
    return this.d === undefined ? this.c : -1;
  }

  /** The sum, exactly. */
  get value(): Decimal {
    return this.d ?? centsDecimal(this.c);
  }

  /** A sum that starts where this one is (adding to it leaves this one as it is). */
  copy(): AmountSum {
    const s = new AmountSum();
    s.c = this.c;
    s.d = this.d;
    return s;
  }
}

export type Rounding = "floor" | "ceil" | "half-up";

/** n / d for non-negative integers, rounded as asked; exact (BigInt where a product could pass 2^53). */
export function divRound(n: number, d: number, mode: Rounding): number {
  if (n < LIMIT && d < LIMIT) {
    let q = Math.floor(n / d);
    let r = n - q * d;
    // The float quotient can be one off near an integer: correct with the exact remainder.
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (r === 0) return q;
    if (mode === "ceil") return q + 1;
    if (mode === "half-up") return 2 * r >= d ? q + 1 : q;
    return q;
  }
  return Number(divRoundBig(BigInt(n), BigInt(d), mode));
}

export function divRoundBig(n: bigint, d: bigint, mode: Rounding): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (mode === "ceil") return q + 1n;
  if (mode === "half-up") return 2n * r >= d ? q + 1n : q;
  return q;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * An exact ratio num / den of two Decimals (for example the year's KIA / the year's total), reduced, for
 * multiplying many integer amounts by it: `apply(cents)` is cents x num / den rounded as asked, exact.
 */
export class Ratio {
  private readonly n: bigint;
  private readonly d: bigint;
  private readonly nNum: number;
  private readonly dNum: number;
  /** largest multiplicand for which cents x num stays exact in a double */
  private readonly fastLimit: number;

  constructor(
    private readonly num: Decimal,
    private readonly den: Decimal,
  ) {
    const scale = Math.max(num.decimalPlaces(), den.decimalPlaces());
    let n = BigInt(num.times(new Decimal(10).pow(scale)).toFixed(0));
    let d = BigInt(den.times(new Decimal(10).pow(scale)).toFixed(0));
    const g = d === 0n ? 1n : gcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    this.n = n;
    this.d = d;
    this.nNum = Number(n);
    this.dNum = Number(d);
    this.fastLimit = n < BigInt(LIMIT) && d < BigInt(LIMIT) ? (this.nNum === 0 ? LIMIT : Math.floor((LIMIT - 1) / this.nNum)) : -1;
  }

  get isZero(): boolean {
    return this.n === 0n || this.d === 0n;
  }

  /** x * num / den, rounded as asked. */
  apply(x: number, mode: Rounding): number {
    if (this.d === 0n) return 0;
    if (x <= this.fastLimit) return divRound(x * this.nNum, this.dNum, mode);
    return Number(divRoundBig(BigInt(x) * this.n, this.d, mode));
  }

  /** x * num / den in cents, half up, for an amount that is not whole cents (apply(cents, "half-up") otherwise). */
  applyToAmount(x: Decimal): Decimal {
    if (this.isZero) return new Decimal(0);
    return x.times(this.num).div(this.den).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }
}
