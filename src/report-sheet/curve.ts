/** The corners of the KIA curve of a year, for the pane's chart (taskpane/app/model/curve.ts) and the report sheet's. */
import { Decimal } from "../decimal";
import { getYearTable } from "../law";

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
