/**
 * The KIA curve of a year (deduction against the year's total) for the pane's chart, and the effect of one more
 * investment this year versus next year (the logic of KIA.MARGINAL). The curve is piecewise linear, so its
 * corners are the table's band edges: every point is computed by the core's kia(), never interpolated.
 */
import { Decimal, getYearTable, kia, KiaValidationError } from "../../src";

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

const yOf = (total: Decimal, year: number) =>
  kia(total, year, { exact: true }).exact.toNumber();

/**
 * The totals where the curve of `year` turns: 0, each band edge and a cent past it (where a band starts), and an
 * end 12% past the last edge, or past `mark` (the client's total) when that is further. A line through the KIA of
 * these totals is the curve exactly; `edges` are the band edges, for the axis.
 */
export function curveTotals(year: number, mark?: Decimal): { totals: Decimal[]; edges: number[]; xMax: Decimal } {
  const t = getYearTable(year);
  const totals: Decimal[] = [new Decimal(0)];
  const edges: number[] = [];
  let last = new Decimal(0);
  for (const b of t.bands) {
    if (b.over) {
      totals.push(b.over, b.over.plus("0.01"));
      edges.push(b.over.toNumber());
      last = b.over;
    }
  }
  let xMax = last.times(1.12);
  if (mark && mark.gt(xMax)) xMax = mark.times(1.05);
  totals.push(xMax);
  return { totals, edges, xMax };
}

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

export function marginal(
  total: Decimal,
  extra: Decimal,
  year: number,
): Marginal {
  const thisYear = kia(total.plus(extra), year).rounded.minus(
    kia(total, year).rounded,
  );
  try {
    return { extra, thisYear, nextYear: kia(extra, year + 1).rounded };
  } catch (e) {
    if (e instanceof KiaValidationError)
      return { extra, thisYear, nextYear: null, nextYearNote: e.reason };
    throw e;
  }
}
