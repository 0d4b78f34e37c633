/**
 * Step 2 of an evaluation: the year's total and the table (art. 3.41 lid 1-2), with the calamity approval
 * (besluit investeringsaftrek onderdeel 4.4) as an explicit exception. By statute all of the year's qualifying
 * investments count, also an asset that was lost; the approval lets the taxpayer leave a lost asset out when it
 * was bought this year and replaced this year. It is a choice, not a duty: without an explicit `approval` the
 * core takes it only where it gives the higher net result, comparing the KIA minus any disinvestment addition
 * on the lost asset's insurance money (art. 3.47: without the approval the lost asset had investment deduction,
 * so its compensation can trigger the addition; with the approval it had none). The approval is not available
 * when EIA or MIA is claimed on the lost asset: "het is dus niet mogelijk gebruik te maken van de goedkeuring
 * voor de toepassing van de KIA en tegelijk voor de toepassing van de MIA of EIA wèl uit te gaan van twee
 * investeringen" (besluit 4.4).
 *
 * Related parties with an exemption (besluit onderdeel 5): the year's total includes the market value of such
 * an asset, while its deduction is the effective rate times the actual obligation; the year's KIA is then the
 * rate times the deduction base, not the table amount itself.
 */
import { assetKey, deductionAmountOf, totalAmountOf, type AssetsResult } from "./assets";
import { type Context, listOf } from "./context";
import { Decimal, ZERO } from "./decimal";
import type { Reason } from "./explanation";
import { rules } from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort, formatExactEuro } from "./money";
import { roundForReport } from "./rounding";
import type { NInvestment, NormalizedScenario } from "./scenario";
import { kia, type TableResult } from "./table";

/** Quotients (a rate applied to part of a total) are carried with this many decimals. */
export const QUOTIENT_DP = 10;

export interface CalamityCondition {
  code: "LOST_COUNTS" | "REPLACED_SAME_YEAR" | "NO_EIA_MIA" | "CHOSEN";
  text: string;
  met: boolean;
}

export interface CalamityItem {
  /** the lost asset's first row */
  inv: NInvestment;
  /** every row of the lost asset (its group, or the one row): the approval leaves them all out */
  rows: NInvestment[];
  /** how the asset is named in texts: its id, or its group */
  label: string;
  replacement: NInvestment;
  /** the conditions other than the choice are met: the approval can be used */
  available: boolean;
  /** the taxpayer's explicit choice, or undefined: the core chooses */
  approval?: boolean;
  conditions: CalamityCondition[];
}

/** The year's KIA for one choice of lost assets left out. */
export interface YearResult {
  excluded: readonly NInvestment[];
  /** the year's total (with market values where besluit 5 applies) */
  total: Decimal;
  table: TableResult;
  /** effective rate: the table's KIA / total; an asset's share of the KIA is its deduction base x rate */
  rate: Decimal;
  /** the deduction base: the total, with actual obligations in place of market values */
  deductionBase: Decimal;
  /** the year's KIA, exact (the table amount, or rate x deduction base) */
  kiaExact: Decimal;
  kia: Decimal;
}

/** The part of the year that does not depend on the calamity choice. */
export interface YearBase {
  /** statutory total: every counted asset (its market value where besluit 5 gives one) */
  total: Decimal;
  /** market value minus the deduction amount (never negative), summed over counted exempted assets */
  marketSurplus: Decimal;
  counts: Uint8Array;
}

export function yearBase(assets: AssetsResult): YearBase {
  // Every counted row's amount, added by assetsStep in its pass over the rows (whole cents as integers; anything
  // else, or an overflow, as Decimals).
  const sum = assets.countedSum.copy();
  let marketSurplus = ZERO;
  for (const inv of assets.marketValued) marketSurplus = marketSurplus.plus(surplusOf(inv));
  // besluit 5.1.3: in the total, not in the deduction base
  for (const inv of assets.inTotalOnly) {
    sum.addDecimal(totalAmountOf(inv));
    marketSurplus = marketSurplus.plus(totalAmountOf(inv));
  }
  const total = sum.value;
  return { total, marketSurplus, counts: assets.counts };
}

/** What an asset adds to the total beyond its deduction amount (a market value above the obligation). */
function surplusOf(inv: NInvestment): Decimal {
  return totalAmountOf(inv).minus(deductionAmountOf(inv));
}

export function yearResult(s: NormalizedScenario, base: YearBase, excluded: readonly NInvestment[]): YearResult {
  let total = base.total;
  let surplus = base.marketSurplus;
  for (const inv of excluded) {
    total = total.minus(totalAmountOf(inv));
    if (inv.marketValue) surplus = surplus.minus(surplusOf(inv));
  }
  const table = kia(total, s.year, { exact: s.exact });
  const rate = total.isZero() ? ZERO : table.exact.div(total);
  const deductionBase = total.minus(surplus);
  const kiaExact = surplus.isZero() ? table.exact : table.exact.times(deductionBase).div(total).toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_CEIL);
  return {
    excluded,
    total,
    table,
    rate,
    deductionBase,
    kiaExact,
    kia: roundForReport(kiaExact, "deduction", s.exact),
  };
}

/** A label at the start of a sentence: "Bedrijfsmiddel "g" (…)"; an id keeps its own spelling. */
const capital = (t: string) => (t.startsWith("bedrijfsmiddel ") ? "B" + t.slice(1) : t);

export function assessCalamity(lostRows: readonly NInvestment[], counts: Uint8Array, byId: ReadonlyMap<string, NInvestment>): CalamityItem[] {
  // One item per lost asset: the rows of a group are one asset (the group's rows agree on the loss, validated).
  const byAsset = new Map<string, NInvestment[]>();
  for (const inv of lostRows) {
    const key = assetKey(inv);
    const rows = byAsset.get(key);
    if (rows) rows.push(inv);
    else byAsset.set(key, [inv]);
  }
  const items: CalamityItem[] = [];
  for (const rows of byAsset.values()) {
    const inv = rows[0];
    const lost = inv.lostByCalamity!;
    const label = inv.group === undefined ? inv.id : `bedrijfsmiddel "${inv.group}" (${listOf(rows, (r) => r.id)})`;
    const replacement = byId.get(lost.replacedBy)!;
    const countsNow = counts[inv.index] === 1;
    // EIA/MIA on any part of the lost asset blocks the approval.
    const eiaMia = rows.some((r) => r.eiaMia);
    const conditions: CalamityCondition[] = [
      {
        code: "LOST_COUNTS",
        met: countsNow,
        text: countsNow
          ? `${capital(label)} is in dit jaar aangeschaft en telt zonder de goedkeuring mee voor de KIA.`
          : `${capital(label)} telt ook zonder de goedkeuring niet mee voor de KIA (zie de redenen bij dit bedrijfsmiddel); er valt niets uit te sluiten.`,
      },
      {
        code: "REPLACED_SAME_YEAR",
        met: true,
        text: `${capital(label)} is in hetzelfde jaar vervangen door ${replacement.id}.`,
      },
      {
        code: "NO_EIA_MIA",
        met: !eiaMia,
        text: eiaMia
          ? `Op ${label} wordt EIA of MIA geclaimd: voor EIA/MIA wordt dan van twee investeringen uitgegaan, en dan is de goedkeuring voor de KIA niet beschikbaar.`
          : `Op ${label} wordt geen EIA of MIA geclaimd` +
            (replacement.eiaMia ? ` (wel op de vervangende investering ${replacement.id}: dat is één investering, zoals de goedkeuring vraagt).` : "."),
      },
    ];
    const available = conditions.every((c) => c.met);
    conditions.push({
      code: "CHOSEN",
      met: lost.approval !== false,
      text:
        lost.approval === true
          ? "De belastingplichtige kiest voor de goedkeuring."
          : lost.approval === false
            ? "De belastingplichtige kiest niet voor de goedkeuring."
            : "Geen keuze opgegeven: de goedkeuring wordt gebruikt als dat per saldo de hoogste aftrek geeft.",
    });
    items.push({
      inv,
      rows,
      label,
      replacement,
      available,
      approval: lost.approval,
      conditions,
    });
  }
  return items;
}

/** How many undecided lost assets are tried in every combination; above this: all or none. */
const MAX_COMBINATIONS_OF = 10;

export interface Alternative {
  year: YearResult;
  /** exact disinvestment addition of this year in this alternative (insurance money of lost assets) */
  additionExact: Decimal;
  netExact: Decimal;
}

export interface TableStepResult {
  chosen: Alternative;
  /** per index, 1 or 0: counts in the chosen alternative */
  counts: Uint8Array;
  reasons: (readonly Reason[])[];
  calamity?: {
    items: CalamityItem[];
    applied: NInvestment[];
    without: Alternative;
    with: Alternative;
    choice: "taxpayer" | "best" | "unavailable";
  };
}

export function tableAndCalamityStep(
  s: NormalizedScenario,
  assets: AssetsResult,
  byId: ReadonlyMap<string, NInvestment>,
  additionFor: (year: YearResult, counted: (inv: NInvestment) => boolean) => Decimal,
  ctx: Context,
): TableStepResult {
  const base = yearBase(assets);
  const items = assessCalamity(assets.lost, assets.counts, byId);
  const alternative = (excluded: NInvestment[]): Alternative => {
    const year = yearResult(s, base, excluded);
    const out = new Set(excluded);
    const additionExact = additionFor(year, (inv) => assets.counts[inv.index] === 1 && !out.has(inv));
    return { year, additionExact, netExact: year.kiaExact.minus(additionExact) };
  };
  const without = alternative([]);
  if (!items.length) {
    explainYear(without.year, ctx);
    return { chosen: without, counts: assets.counts, reasons: assets.reasons };
  }

  const calRef = ctx.use(rules.calamity.ref);
  const available = items.filter((i) => i.available);
  const forced = available.filter((i) => i.approval === true).flatMap((i) => i.rows);
  const open = available.filter((i) => i.approval === undefined);
  // "With" shows what the approval as such would give: every lost asset that counts left out, also where the
  // approval is not available (EIA/MIA) or not chosen, so both sides of the choice are visible.
  const withAll = alternative(items.filter((i) => i.conditions[0].met).flatMap((i) => i.rows));
  // The taxpayer's choice where he made one; elsewhere the combination with the highest net result
  // (ties: fewer approvals, the statute's default).
  let chosen = forced.length ? alternative(forced) : without;
  if (open.length) {
    const subsets: NInvestment[][] =
      open.length <= MAX_COMBINATIONS_OF
        ? Array.from({ length: 2 ** open.length }, (_, mask) => open.filter((_, b) => mask & (1 << b)).flatMap((i) => i.rows))
        : [[], open.flatMap((i) => i.rows)];
    for (const sub of subsets) {
      if (!sub.length) continue;
      const alt = alternative([...forced, ...sub]);
      if (alt.netExact.gt(chosen.netExact)) chosen = alt;
    }
  }
  const applied = chosen.year.excluded;
  const appliedSet = new Set(applied);
  const counts = assets.counts.slice();
  const reasons = assets.reasons.slice();
  for (const inv of applied) {
    counts[inv.index] = 0;
    reasons[inv.index] = [
      ...reasons[inv.index],
      {
        code: "CALAMITY_EXCLUDED",
        text: `Verloren gegaan door een calamiteit en in hetzelfde jaar vervangen door ${inv.lostByCalamity!.replacedBy}: telt op grond van de goedkeuring niet mee.`,
        ref: calRef.label,
      },
    ];
  }
  for (const it of items) {
    if (!it.available) {
      const failed = it.conditions.filter((c) => !c.met).map((c) => c.text);
      ctx.warn(W.calamityNotApplied(it.label, failed.join(" ")));
      if (it.rows.some((r) => r.eiaMia)) ctx.warn(W.calamityEiaMia(it.label));
    }
  }
  if (forced.length && chosen.netExact.lt(without.netExact))
    ctx.warn(
      W.calamityUnfavourable(
        formatEuroShort(roundForReport(without.netExact, "deduction", s.exact)),
        formatEuroShort(roundForReport(chosen.netExact, "deduction", s.exact)),
      ),
    );
  const choice: "taxpayer" | "best" | "unavailable" = !available.length ? "unavailable" : open.length ? "best" : "taxpayer";
  const net = (a: Alternative) =>
    a.additionExact.isZero()
      ? `KIA ${formatEuroShort(a.year.kia)}`
      : `KIA ${formatEuroShort(a.year.kia)} min desinvesteringsbijtelling ${formatEuro(a.additionExact)} = per saldo ${formatEuro(a.netExact)}`;
  const diff = withAll.netExact.minus(without.netExact);
  ctx.explain(
    `Calamiteitsgoedkeuring: zonder goedkeuring totaal ${formatExactEuro(without.year.total)}, ${net(without)}; ` +
      `met goedkeuring voor ${listOf(withAll.year.excluded, (i) => i.id) || "geen enkel bedrijfsmiddel"} totaal ${formatExactEuro(withAll.year.total)}, ${net(withAll)}. ` +
      (diff.isZero()
        ? "Beide geven hetzelfde resultaat."
        : `Verschil ${formatEuro(diff.abs())} in het voordeel van ${diff.isPositive() ? "de goedkeuring" : "de wettelijke hoofdregel (zonder goedkeuring)"}.`) +
      " " +
      (applied.length
        ? `Toegepast op ${listOf(applied, (i) => i.id)}${choice === "best" ? ", omdat dat per saldo de hoogste aftrek geeft" : ", op keuze van de belastingplichtige"}.`
        : !available.length
          ? "De goedkeuring is niet beschikbaar (zie de voorwaarden)."
          : choice === "best"
            ? "Niet toegepast: zonder goedkeuring is de aftrek per saldo niet lager."
            : "Niet toegepast: de belastingplichtige kiest er niet voor."),
    calRef,
  );
  explainYear(chosen.year, ctx);
  return {
    chosen,
    counts,
    reasons,
    calamity: {
      items,
      applied: [...appliedSet],
      without,
      with: withAll,
      choice,
    },
  };
}

function explainYear(y: YearResult, ctx: Context): void {
  for (const st of y.table.explanation) ctx.explanation.push(st);
  ctx.use("wetib-3.41-1");
  ctx.use("wetib-3.41-2");
  if (!ctx.exact && !y.table.exact.eq(y.table.rounded)) ctx.use(rules.rounding.ref);
  if (!y.deductionBase.eq(y.total)) {
    ctx.explain(
      `Verbonden partij met ontheffing: het totaal telt de waarde in het economische verkeer mee, de aftrek volgt de werkelijke verplichting. KIA = ${formatExactEuro(y.table.exact)} / ${formatExactEuro(y.total)} x ${formatExactEuro(y.deductionBase)} = ${formatExactEuro(y.kiaExact)}` +
        (ctx.exact ? "." : `, afgerond ${formatEuroShort(y.kia)}.`),
      ctx.use(rules.relatedParty.exemptionRef),
    );
  }
}
