/**
 * The KIA curve of a year (deduction against the year's total) for the pane's chart, and the effect of one more
 * investment this year versus next year (the logic of KIA.MARGINAL). The curve is piecewise linear, so its
 * corners are the table's band edges: every point is computed by the core's kia(), never interpolated.
 */
import { Decimal } from "../../../src/decimal";
import { KiaValidationError } from "../../../src/errors";
import { kia } from "../../../src/table";
import { curveTotals } from "../../../src/report-sheet/curve";

export { curveTotals };

export interface CurvePoint {
  x: number;
  y: number;
}

export interface Curve {
  year: number;
  points: CurvePoint[];
  xMax: number;
  yMax: number;
  /** the start of the percentage band, the fixed band and the ceiling, for the axis */
  edges: number[];
}

const yOf = (total: Decimal, year: number) => kia(total, year, { exact: true }).exact.toNumber();

/** The curve for `year`, wide enough to show `mark` (the client's total) too. */
export function kiaCurve(year: number, mark?: Decimal): Curve {
  const { totals, edges, xMax } = curveTotals(year, mark);
  const points = totals.map((x) => ({ x: x.toNumber(), y: yOf(x, year) }));
  const yMax = Math.max(...points.map((p) => p.y));
  return { year, points, xMax: xMax.toNumber(), yMax, edges };
}

export interface Marginal {
  extra: Decimal;
  /** KIA this year with the extra investment minus without (rounded amounts, as KIA.MARGINAL) */
  thisYear: Decimal;
  /** KIA next year on the extra investment alone, or null with the reason (no table for that year) */
  nextYear: Decimal | null;
  nextYearNote?: string;
}

export function marginal(total: Decimal, extra: Decimal, year: number): Marginal {
  const thisYear = kia(total.plus(extra), year).rounded.minus(kia(total, year).rounded);
  try {
    return { extra, thisYear, nextYear: kia(extra, year + 1).rounded };
  } catch (e) {
    if (e instanceof KiaValidationError) return { extra, thisYear, nextYear: null, nextYearNote: e.reason };
    throw e;
  }
}

/**
 * Where the labels under the chart's axis go, so they never run into each other ("€ € 23.763" when a small total's
 * label sat on "€ 0"): widths estimated from the characters (10 px ticks, the total's label 11 px bold); the total's
 * label centred on its point but kept inside the chart; "€ 0" and the ceiling left out where it needs their room.
 */
export function axisLabels(o: {
  width: number;
  left: number;
  right: number;
  markX: number;
  ceilX: number;
  zeroText: string;
  totalText: string;
  ceilingText: string;
}): { totalX: number; showZero: boolean; showCeiling: boolean; ceilingX: number } {
  const totalW = o.totalText.length * 6.8;
  const totalX = Math.min(o.width - o.right - totalW / 2, Math.max(o.left + totalW / 2, o.markX));
  const showZero = totalX - totalW / 2 > o.left + o.zeroText.length * 5.8 + 6;
  const ceilingW = o.ceilingText.length * 5.8;
  const showCeiling = Math.abs(o.ceilX - totalX) > (ceilingW + totalW) / 2 + 6;
  return { totalX, showZero, showCeiling, ceilingX: o.ceilX };
}
