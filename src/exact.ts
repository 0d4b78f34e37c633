/**
 * Exact arithmetic on Decimals beyond the 50 significant digits of src/decimal.ts, for the few expressions whose
 * products can pass them within the accepted range (a key weight of 30 digits times an own-assets amount of 30
 * digits times a table amount): the value is an integer over a power of ten, held as a BigInt, so products and
 * sums are exact, and the one division at the end rounds once, as asked.
 */
import { Decimal } from "./decimal";

export class Exact {
  private constructor(
    /** the value is n / 10^scale */
    private readonly n: bigint,
    private readonly scale: number,
  ) {}

  static of(d: Decimal | Exact): Exact {
    if (d instanceof Exact) return d;
    if (!d.isFinite()) throw new RangeError("Exact.of: not a finite number");
    const scale = Math.max(0, d.decimalPlaces());
    return new Exact(BigInt(d.times(new Decimal(10).pow(scale)).toFixed(0)), scale);
  }

  times(x: Decimal | Exact): Exact {
    const y = Exact.of(x);
    return new Exact(this.n * y.n, this.scale + y.scale);
  }

  plus(x: Decimal | Exact): Exact {
    const y = Exact.of(x);
    const s = Math.max(this.scale, y.scale);
    return new Exact(this.n * 10n ** BigInt(s - this.scale) + y.n * 10n ** BigInt(s - y.scale), s);
  }

  /** this / den to `dp` decimals, rounded once with a Decimal rounding mode (ROUND_CEIL, ROUND_FLOOR, ROUND_HALF_UP). */
  divTo(den: Decimal | Exact, dp: number, rounding: number): Decimal {
    const d = Exact.of(den);
    if (d.n === 0n) throw new RangeError("Exact.divTo: division by zero");
    // (n / 10^s) / (m / 10^t) x 10^dp = n x 10^(t + dp) / (m x 10^s)
    let num = this.n * 10n ** BigInt(d.scale + dp);
    let dn = d.n * 10n ** BigInt(this.scale);
    if (dn < 0n) {
      num = -num;
      dn = -dn;
    }
    let q = num / dn;
    const r = num % dn;
    if (r !== 0n) {
      const up = num > 0n; // the true value lies between q and q + sign
      if (rounding === Decimal.ROUND_CEIL && up) q += 1n;
      else if (rounding === Decimal.ROUND_FLOOR && !up) q -= 1n;
      else if (rounding === Decimal.ROUND_HALF_UP && 2n * (r < 0n ? -r : r) >= dn) q += up ? 1n : -1n;
      else if (rounding !== Decimal.ROUND_CEIL && rounding !== Decimal.ROUND_FLOOR && rounding !== Decimal.ROUND_HALF_UP)
        throw new RangeError("Exact.divTo: unsupported rounding");
    }
    // the constructor keeps every digit (arithmetic would round to 50)
    return new Decimal(`${q}e-${dp}`);
  }
}
