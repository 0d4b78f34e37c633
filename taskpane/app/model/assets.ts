/**
 * The review list: each asset of the report with what the ledger said about it (row, paid, in use, related
 * party), filtered and paged. Pure; the list is rendered a page at a time so a ledger of 10.000+ assets stays
 * quick.
 */
import { Decimal } from "../../../src/decimal";
import type { AssetReport, Report, ScenarioInvestment } from "../../../src";

export const FILTERS = ["all", "counted", "excluded", "below-minimum", "related-party", "unpaid", "override", "calamity"] as const;
export type AssetFilter = (typeof FILTERS)[number];

export interface AssetRow {
  asset: AssetReport;
  investment: ScenarioInvestment | undefined;
  /** the sheet row the asset was read from */
  row: number | undefined;
}

export function assetRows(report: Report, investments: readonly ScenarioInvestment[], rows: readonly number[]): AssetRow[] {
  const byId = new Map<string, number>();
  investments.forEach((inv, i) => byId.set(String(inv.id), i));
  return report.assets.map((asset) => {
    const i = byId.get(asset.id);
    return {
      asset,
      investment: i === undefined ? undefined : investments[i],
      row: i === undefined ? undefined : rows[i],
    };
  });
}

function unpaid(inv: ScenarioInvestment | undefined): boolean {
  if (!inv || inv.paid === undefined) return false;
  try {
    return new Decimal(inv.paid).lt(new Decimal(inv.amount));
  } catch {
    return false;
  }
}

export function matches(r: AssetRow, filter: AssetFilter): boolean {
  const codes = r.asset.reasons.map((x) => x.code);
  switch (filter) {
    case "all":
      return true;
    case "counted":
      return r.asset.counted;
    case "excluded":
      return !r.asset.counted;
    case "below-minimum":
      return codes.includes("BELOW_MINIMUM");
    case "related-party":
      return !!r.investment?.relatedParty || codes.some((c) => c.startsWith("RELATED_PARTY"));
    case "unpaid":
      return unpaid(r.investment) || r.investment?.inUse === false;
    case "override":
      return !!r.asset.override;
    case "calamity":
      return !!r.investment?.lostByCalamity || codes.includes("CALAMITY_EXCLUDED");
  }
}

export function search(r: AssetRow, q: string): boolean {
  if (!q) return true;
  const s = q.toLowerCase();
  return (
    r.asset.id.toLowerCase().includes(s) ||
    (r.asset.description ?? "").toLowerCase().includes(s) ||
    r.asset.category.toLowerCase().includes(s) ||
    (r.asset.group ?? "").toLowerCase().includes(s)
  );
}

export const PAGE_SIZE = 50;

export function page<T>(items: readonly T[], pageIndex: number, size = PAGE_SIZE): { items: T[]; page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, pageIndex), pages - 1);
  const from = p * size;
  const slice = items.slice(from, from + size);
  return {
    items: slice,
    page: p,
    pages,
    from: items.length ? from + 1 : 0,
    to: from + slice.length,
  };
}

export function counts(rows: readonly AssetRow[]): Record<AssetFilter, number> {
  const c = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<AssetFilter, number>;
  for (const r of rows) for (const f of FILTERS) if (matches(r, f)) c[f]++;
  return c;
}
