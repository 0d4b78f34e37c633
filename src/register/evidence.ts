/**
 * What is known this year of an earlier year's asset whose KIA is still open (art. 3.44): from this year's ledger (a
 * row with its number, dated in its investment year, that says it is in use or how much is paid by this year's end)
 * or from the user's tick. Small and pure: the pane's scenario builder uses it in its first download.
 */
import { Decimal, ZERO } from "../decimal";
import type { ScenarioCarriedYear, ScenarioInvestment } from "../scenario";

/** A ledger row dated in another year (the reader left it out of this year), with what it says of payment and use. */
export interface OtherYearRow {
  sheet?: string;
  row: number;
  investment: ScenarioInvestment;
}

/** The ledger's rows of other years and the user's ticks, by asset ("M2") or by year and asset ("2023:M2"). */
export interface CarriedEvidence {
  ledger?: readonly OtherYearRow[];
  /** taken into use by the end of this year */
  inUse?: ReadonlySet<string> | readonly string[];
  /** paid by the end of this year (in all), as a plain decimal string */
  paid?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

const has = (m: CarriedEvidence["inUse"], k: string) => (m === undefined ? false : Array.isArray(m) ? m.includes(k) : (m as ReadonlySet<string>).has(k));
const get = (m: CarriedEvidence["paid"], k: string) => (m === undefined ? undefined : m instanceof Map ? m.get(k) : (m as Readonly<Record<string, string>>)[k]);

/** The ledger's rows of an asset of `year`: its number, or its group's name. */
function rowsOf(rows: readonly OtherYearRow[], year: number, asset: string): OtherYearRow[] {
  return rows.filter((r) => {
    const inv = r.investment;
    if (inv.date !== undefined && Number(String(inv.date).slice(0, 4)) !== year) return false;
    return String(inv.id) === asset || inv.group === asset;
  });
}

/** The open parts (as a register hands them on: paid = paid before) with this year's payments and use applied. */
export function withEvidence(carried: readonly ScenarioCarriedYear[], evidence: CarriedEvidence = {}): ScenarioCarriedYear[] {
  return carried.map((y) => ({
    ...y,
    assets: y.assets.map((a) => {
      const asset = String(a.asset);
      const before = new Decimal(a.paidBefore ?? "0");
      let inUse = false;
      let paid = before;
      let basis: "ledger" | "user" | undefined;
      const rows = rowsOf(evidence.ledger ?? [], y.year, asset);
      if (rows.some((r) => r.investment.inUse === true)) {
        inUse = true;
        basis = "ledger";
      }
      if (rows.length && rows.every((r) => r.investment.paid !== undefined)) {
        let sum = ZERO;
        for (const r of rows) sum = sum.plus(new Decimal(String(r.investment.paid)));
        if (sum.gt(paid)) {
          paid = sum;
          basis = "ledger";
        }
      }
      const key = `${y.year}:${asset}`;
      if (has(evidence.inUse, key) || has(evidence.inUse, asset)) {
        inUse = true;
        basis = "user";
      }
      const given = get(evidence.paid, key) ?? get(evidence.paid, asset);
      if (given !== undefined && given !== "" && new Decimal(given).gt(paid)) {
        paid = new Decimal(given);
        basis = "user";
      }
      const { basis: _b, inUse: _u, paid: _p, ...rest } = a; // eslint-disable-line @typescript-eslint/no-unused-vars
      return { ...rest, paidBefore: before.toFixed(), paid: paid.toFixed(), inUse, ...(basis ? { basis } : {}) };
    }),
  }));
}
