/**
 * Step 4's "Vul aan" (../steps/Payment.tsx) in pure functions: a sale the reader read from the workbook's disposals
 * list but left out because it misses facts (LeftOut "INCOMPLETE", src/workbook/ledger.ts readDisposals: an asset of
 * an earlier year without its investment amount or that year's total, art. 3.47 lid 1, or one of this year without
 * the investment it sold) taken into step 4's entry as read, so only the missing facts need typing. Once that entry
 * is complete, the list's row counts through it (model/derive.ts completedRows). No DOM; tested in jest.
 */
import { cellOf, isIncomplete, numbered, rowKey, type LeftOut } from "../../../src/workbook/left-out";
import { formatNumber, type Culture } from "../text/format";
import type { DisposalInput } from "./state";

const decimals = (s: string) => (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);

/** An amount as read (plain, "6500.5") in the culture's way of typing it ("6.500,50"); "" for none. */
function typed(v: unknown, culture: Culture): string {
  if (typeof v !== "string" && typeof v !== "number") return "";
  const s = String(v);
  return formatNumber(s, culture, decimals(s));
}

/** The rows of the workbook's disposals list left out for missing facts that step 4 has not taken over yet. */
export function toComplete(leftOut: readonly LeftOut[], disposals: readonly Pick<DisposalInput, "completes">[]): LeftOut[] {
  const taken = new Set(disposals.flatMap((d) => (d.completes ? [rowKey(d.completes)] : [])));
  return leftOut.filter((x) => x.list === "disposals" && isIncomplete(x) && !taken.has(rowKey(x)));
}

/**
 * A sale left out for missing facts as step 4's entry holds it: its description, price and investment year as read
 * (an asset of `year` itself: a disposal of this year's investment, to pick), the amount that was there, its own number,
 * and the row it completes.
 */
export function completionOf(x: LeftOut, year: number, culture: Culture): DisposalInput {
  const r = x.read ?? {};
  const investmentYear = typeof r.investmentYear === "number" ? r.investmentYear : undefined;
  const description = typeof r.description === "string" && r.description.trim() ? r.description.trim() : (x.description ?? "");
  return {
    description,
    // the price as read; a price the reader could not read stays as the cell holds it, to correct here
    price: r.price !== undefined ? typed(r.price, culture) : (x.amount ?? ""),
    kind: investmentYear === year ? "this-year" : "earlier",
    // a sale in the ledger's own columns: the asset on its row, counted this year, is the investment it sold
    investment: typeof r.investment === "string" ? r.investment : "",
    investmentYear: investmentYear === undefined ? "" : String(investmentYear),
    investmentAmount: typed(r.investmentAmount, culture),
    investmentYearTotal: typed(r.investmentYearTotal, culture),
    ...(numbered(x.id) ? { id: x.id } : {}),
    completes: { sheet: x.sheet, row: x.row, cell: cellOf(x) },
  };
}

/** The first field of an entry still to fill ("investmentAmount"), for the focus; the price when all are there. */
export function firstMissing(d: DisposalInput): keyof DisposalInput {
  const order: (keyof DisposalInput)[] =
    d.kind === "this-year" ? ["price", "investment"] : ["price", "investmentYear", "investmentAmount", "investmentYearTotal"];
  return order.find((f) => String(d[f] ?? "").trim() === "") ?? "price";
}
