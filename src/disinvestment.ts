/**
 * Step 5 of an evaluation: the disinvestment addition (desinvesteringsbijtelling, art. 3.47 Wet IB 2001).
 * When in a calendar year goods on which investment deduction was taken are disposed of, within five years from
 * the start of their investment year (lid 2), for more than the year's threshold in total (lid 1), each such
 * disposal adds to profit the same percentage as the deduction then taken: the investment year's effective KIA
 * rate (KIA / total of that year), on the lower of the price and the investment amount. The rules of the
 * investment year apply (art. 3.51).
 * - Only disposals inside the window that had investment deduction count for the threshold (the
 *   Belastingdienst's reading); disposals outside it are listed, not counted, and need no table for their year.
 * - The year's addition is one amount: the exact items are added and the sum is rounded once, down
 *   (docs/rounding.md).
 * - A disposal of one of this year's own investments (`investment`: e.g. insurance money for an asset lost by a
 *   calamity) uses this year's total and KIA as the evaluation computed them; with the calamity approval the
 *   lost asset had no deduction, so its disposal adds nothing.
 */
import { deductionAmountOf } from "./assets";
import type { YearResult } from "./calamity";
import { QUOTIENT_DP } from "./calamity";
import { type Context, listOf } from "./context";
import { Decimal, ZERO } from "./decimal";
import { KiaValidationError } from "./errors";
import { disposalYearTable, getYearTable, inWindow, rules, WARN_CONFIDENCES, type Confidence } from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort, formatExactEuro, formatPercent } from "./money";
import type { DisinvestmentReport } from "./report";
import { roundForReport } from "./rounding";
import type { NDisposal, NInvestment, NormalizedScenario } from "./scenario";
import { kia } from "./table";
import { plain } from "./context";
import { allocate, weightOf, type PartnershipResult } from "./partnership";

export interface DisposalItem {
  d: NDisposal;
  inWindow: boolean;
  /** investment deduction was taken on the asset (it counted, and its year's KIA was more than nil) */
  hadDeduction: boolean;
  /** counts for the threshold and the addition */
  counted: boolean;
  base: Decimal;
  yearKiaExact: Decimal;
  yearTotal: Decimal;
  /** base x KIA / total of the investment year, to 10 decimals rounded down; before the threshold */
  exact: Decimal;
}

export interface DisposalsResult {
  items: DisposalItem[];
  countedPrices: Decimal;
  thresholdBase: Decimal;
  threshold: { amount: Decimal; confidence: Confidence; basis: string };
  applies: boolean;
  totalExact: Decimal;
  total: Decimal;
}

/** The window of art. 3.47 lid 2 is law data (src/law): validation asks it too, without this calculation. */
export { inWindow };

/** base x KIA / total with a single division at the end, to 10 decimals, rounded down (an addition). */
function addition(base: Decimal, kiaExact: Decimal, total: Decimal): Decimal {
  if (total.isZero() || base.isZero() || kiaExact.isZero()) return ZERO;
  return base.times(kiaExact).div(total).toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_FLOOR);
}

/**
 * The investment year's exact KIA, for a disposal inside the window; a missing table names the disposal's field and
 * why the table is needed (disposalYearTable, which validateRows asks as well).
 */
function investmentYearKia(d: NDisposal, disposalYear: number): Decimal {
  disposalYearTable(d.investmentYear, disposalYear, `disposals[${d.index}].investmentYear`);
  return kia(d.investmentYearTotal, d.investmentYear).exact;
}

/** One disposal of an earlier year's investment, without the year's threshold. Needs that year's table only inside the window. */
export function disposalAddition(d: NDisposal, disposalYear: number): DisposalItem {
  const within = inWindow(d.investmentYear, disposalYear);
  const base = d.price.lt(d.investmentAmount) ? d.price : d.investmentAmount;
  if (!within)
    return {
      d,
      inWindow: false,
      hadDeduction: false,
      counted: false,
      base,
      yearKiaExact: ZERO,
      yearTotal: d.investmentYearTotal,
      exact: ZERO,
    };
  const k = investmentYearKia(d, disposalYear);
  const had = k.gt(0);
  return {
    d,
    inWindow: true,
    hadDeduction: had,
    counted: had,
    base,
    yearKiaExact: k,
    yearTotal: d.investmentYearTotal,
    exact: had ? addition(base, k, d.investmentYearTotal) : ZERO,
  };
}

export function disinvestmentThreshold(year: number): {
  amount: Decimal;
  confidence: Confidence;
  basis: string;
} {
  const t = getYearTable(year).disinvestmentThreshold;
  if (!t) throw new Error(`kia-tables.json: ${year} has no disinvestment threshold`);
  return t;
}

/**
 * What of the year's disposals does not depend on this year's KIA, assessed once (the calamity choice compares
 * several outcomes of this year): the disposals of earlier years' investments, the base of each disposal of one
 * of this year's investments, and the threshold. `disposalsTotal`, when given, replaces the counted prices of
 * earlier years: it is the total of the counting disposals of earlier years' investments, listed or not.
 */
export interface EarlierDisposals {
  /** per disposal index: the item, or undefined for a disposal of one of this year's investments */
  items: (DisposalItem | undefined)[];
  /** per disposal index of one of this year's investments: the lower of the price and the asset's amount */
  linkedBase: (Decimal | undefined)[];
  /** the counted prices of earlier years' disposals for the threshold: disposalsTotal, or the listed sum */
  countedPrices: Decimal;
  threshold: ReturnType<typeof disinvestmentThreshold>;
}

export function assessEarlierDisposals(s: NormalizedScenario): EarlierDisposals {
  let listed = ZERO;
  const items = s.disposals.map((d): DisposalItem | undefined => {
    if (d.investment !== undefined) return undefined;
    const it = disposalAddition(d, s.year);
    if (it.counted) listed = listed.plus(d.price);
    return it;
  });
  // Art. 3.47 lid 2 caps at the asset's investment amount: for a group, all its rows together (summed once).
  let groups: Map<string, Decimal> | undefined;
  const linkedBase = s.disposals.map((d): Decimal | undefined => {
    if (d.investment === undefined) return undefined;
    const inv = s.byId.get(d.investment)!;
    let invested: Decimal;
    if (inv.group === undefined) invested = deductionAmountOf(inv);
    else {
      groups ??= groupAmounts(s.investments);
      invested = groups.get(inv.group)!;
    }
    return d.price.lt(invested) ? d.price : invested;
  });
  if (s.disposalsTotal !== undefined && s.disposalsTotal.lt(listed))
    throw new KiaValidationError(
      "INVALID_DISPOSAL",
      "disposalsTotal",
      plain(s.disposalsTotal),
      `kleiner dan de som van de opgegeven vervreemdingen van eerdere jaren die meetellen (${formatEuro(listed)})`,
    );
  return { items, linkedBase, countedPrices: s.disposalsTotal ?? listed, threshold: disinvestmentThreshold(s.year) };
}

/** Each group's deduction amount: its rows together. */
function groupAmounts(investments: readonly NInvestment[]): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const x of investments) if (x.group !== undefined) sums.set(x.group, (sums.get(x.group) ?? ZERO).plus(deductionAmountOf(x)));
  return sums;
}

/** The year's disposals for one outcome of this year's KIA (the calamity choice compares several). */
export function assessDisposals(
  s: NormalizedScenario,
  thisYear: YearResult,
  counted: (inv: NInvestment) => boolean,
  byId: ReadonlyMap<string, NInvestment>,
  earlier: EarlierDisposals,
): DisposalsResult {
  let thresholdBase = earlier.countedPrices;
  let countedPrices = ZERO;
  const items = s.disposals.map((d, i): DisposalItem => {
    const e = earlier.items[i];
    if (e) {
      if (e.counted) countedPrices = countedPrices.plus(d.price);
      return e;
    }
    const inv = byId.get(d.investment!)!;
    const had = counted(inv) && thisYear.kiaExact.gt(0);
    const base = earlier.linkedBase[i]!;
    if (had) {
      countedPrices = countedPrices.plus(d.price);
      thresholdBase = thresholdBase.plus(d.price);
    }
    return {
      d,
      inWindow: true,
      hadDeduction: had,
      counted: had,
      base,
      yearKiaExact: thisYear.table.exact,
      yearTotal: thisYear.total,
      exact: had ? addition(base, thisYear.table.exact, thisYear.total) : ZERO,
    };
  });
  const threshold = earlier.threshold;
  const applies = thresholdBase.gt(threshold.amount);
  let totalExact = ZERO;
  if (applies) for (const it of items) totalExact = totalExact.plus(it.exact);
  return {
    items,
    countedPrices,
    thresholdBase,
    threshold,
    applies,
    totalExact,
    total: roundForReport(totalExact, "addition", s.exact),
  };
}

/** A disposal as the texts name it: its id, with its description when that says more. */
function nameOf(d: NDisposal): string {
  return d.description && d.description !== d.id ? `${d.id} (${d.description})` : d.id;
}

/** The report's part and the explanation for the chosen outcome. */
export function disinvestmentStep(s: NormalizedScenario, r: DisposalsResult, thisYear: YearResult, ctx: Context): DisinvestmentReport {
  const year = s.year;
  const { threshold, applies } = r;
  const lawRef = ctx.use(rules.disinvestment.ref);
  const windowRef = ctx.use(rules.disinvestment.windowRef);
  ctx.use(rules.disinvestment.yearRulesRef);
  if (WARN_CONFIDENCES.includes(threshold.confidence)) ctx.warn(W.disinvestmentThreshold(year, threshold.confidence, threshold.basis));
  const mismatch = r.items.filter((it) => it.d.investmentYear === year && it.d.yearTotalGiven && !it.d.investmentYearTotal.eq(thisYear.total));
  if (mismatch.length)
    ctx.warn(
      W.disposalYearTotal(
        listOf(mismatch, (it) => `${nameOf(it.d)}: opgegeven ${formatEuro(it.d.investmentYearTotal)}`),
        year,
        formatExactEuro(thisYear.total),
      ),
    );
  const withEiaMia = r.items.filter((it) => it.d.investment !== undefined && s.byId.get(it.d.investment)?.eiaMia);
  if (withEiaMia.length) ctx.warn(W.disposalEiaMia(listOf(withEiaMia, (it) => `${nameOf(it.d)}, investering ${it.d.investment}`)));
  const outside = r.items.filter((it) => !it.inWindow);
  const noDeduction = r.items.filter((it) => it.inWindow && !it.hadDeduction);
  if (outside.length)
    ctx.explain(
      `Vervreemd na de vijfjaarstermijn, telt niet mee voor de drempel en geeft geen bijtelling: ${listOf(outside, (it) => `${nameOf(it.d)}, geïnvesteerd in ${it.d.investmentYear}`)}.`,
      windowRef,
    );
  if (noDeduction.length)
    ctx.explain(
      `Geen investeringsaftrek genomen op ${listOf(noDeduction, (it) => nameOf(it.d))}: telt niet mee voor de drempel en geeft geen bijtelling.`,
      lawRef,
    );
  // With a given total: say what it covers, and what this year's own disposals add to it.
  const linkedCounted = r.items.filter((it) => it.d.investment !== undefined && it.counted);
  let linkedSum = ZERO;
  for (const it of linkedCounted) linkedSum = linkedSum.plus(it.d.price);
  if (s.disposalsTotal !== undefined && linkedCounted.length)
    ctx.warn(
      W.disposalsTotalLinked(
        formatEuro(s.disposalsTotal),
        listOf(linkedCounted, (it) => nameOf(it.d)),
        formatEuro(linkedSum),
      ),
    );
  const base =
    s.disposalsTotal !== undefined
      ? linkedSum.isZero()
        ? `opgegeven totaal van de vervreemdingen van eerdere jaren die meetellen ${formatEuro(s.disposalsTotal)}`
        : `opgegeven totaal van eerdere jaren ${formatEuro(s.disposalsTotal)} plus vervreemdingen van investeringen van dit jaar ${formatEuro(linkedSum)} = ${formatEuro(r.thresholdBase)}`
      : `vervreemdingen die meetellen ${formatEuro(r.thresholdBase)}`;
  ctx.explain(
    applies
      ? `Vervreemdingen in ${year}: ${base}, meer dan de drempel van ${formatEuroShort(threshold.amount)}: desinvesteringsbijtelling.`
      : `Vervreemdingen in ${year}: ${base}, niet meer dan de drempel van ${formatEuroShort(threshold.amount)}: geen desinvesteringsbijtelling.`,
    lawRef,
  );
  if (applies) {
    for (const it of r.items.filter((x) => x.counted).slice(0, 20)) {
      const rate = it.yearTotal.isZero() ? ZERO : it.yearKiaExact.div(it.yearTotal);
      ctx.explain(
        `${nameOf(it.d)}: ${formatPercent(rate, 4)} (KIA ${it.d.investmentYear}: ${formatExactEuro(it.yearKiaExact)} / ${formatEuro(it.yearTotal)}) x ${formatEuro(it.base)} (laagste van prijs en investeringsbedrag) = ${formatExactEuro(it.exact)}${it.d.source ? `; investeringsjaar, investeringsbedrag en totaal uit ${it.d.source}` : ""}.`,
        windowRef,
      );
    }
    ctx.explain(
      `Desinvesteringsbijtelling ${year}: ${formatExactEuro(r.totalExact)}` + (s.exact ? "." : `, eenmaal afgerond naar beneden: ${formatEuroShort(r.total)}.`),
      lawRef,
    );
  }
  return {
    total: plain(r.total),
    totalExact: plain(r.totalExact),
    disposalsTotal: plain(r.thresholdBase),
    threshold: plain(threshold.amount),
    applies,
    items: r.items.map((it) => {
      const rate = it.yearTotal.isZero() ? ZERO : it.yearKiaExact.div(it.yearTotal);
      const exact = applies && it.counted ? it.exact : ZERO;
      return {
        id: it.d.id,
        ...(it.d.description !== undefined ? { description: it.d.description } : {}),
        ...(it.d.investment !== undefined ? { investment: it.d.investment } : {}),
        price: plain(it.d.price),
        amountExact: plain(exact),
        amount: plain(exact.toDecimalPlaces(2, Decimal.ROUND_FLOOR)),
        base: plain(it.base),
        rate: plain(rate.toDecimalPlaces(10)),
        inWindow: it.inWindow,
        hadDeduction: it.hadDeduction,
        counted: it.counted,
        investmentYear: it.d.investmentYear,
        ...(it.d.source !== undefined ? { source: it.d.source } : {}),
      };
    }),
  };
}

/**
 * Art. 3.47 in a partnership, for each partner (a partner is the taxpayer: besluit 4.1.1 "iedere vennoot … zijn eigen
 * onderneming"; art. 3.41 lid 3 joins the investments only "voor de toepassing van het tweede lid", not for art.
 * 3.47; besluit 4.1.4 e: the bijtelling follows the same key). Both readings are computed:
 * - per partner (the default): his share of the counted disposal prices (by the key) against the threshold, and on
 *   his share of each disposal's base the percentage of HIS KIA in the investment year (`partnerRates`, or for one of
 *   this year's investments his rate of this year; otherwise the partnership's);
 * - for the partnership as a whole: the partnership's addition (`r`), split by the key.
 * Each partner's addition is one amount: his exact items added, rounded once, down.
 */
export interface PartnerDisinvestment {
  name: string;
  /** his share of the prices that count for the threshold */
  prices: Decimal;
  applies: boolean;
  /** per partner */
  ownExact: Decimal;
  own: Decimal;
  /** the partnership's addition split by the key */
  levelExact: Decimal;
  level: Decimal;
  /** the percentage applied per counted disposal, and whether it was his own (given or this year's) */
  rates: { item: DisposalItem; rate: Decimal; own: boolean }[];
}

export function partnerDisinvestments(s: NormalizedScenario, r: DisposalsResult, p: PartnershipResult): PartnerDisinvestment[] {
  const weights = p.partners.map((x) => weightOf(x.partner, p.key));
  const totalWeight = weights.reduce((a, w) => a.plus(w), ZERO);
  const split = allocate(
    r.totalExact,
    p.partners.map((x) => x.partner),
    p.key,
  );
  return p.partners.map((x, i) => {
    const w = weights[i];
    const prices = r.thresholdBase.times(w).div(totalWeight);
    const applies = prices.gt(r.threshold.amount);
    let ownExact = ZERO;
    const rates: PartnerDisinvestment["rates"] = [];
    for (const it of r.items) {
      if (!it.counted) continue;
      const given = it.d.partnerRates?.get(x.partner.name);
      const own = given ?? (it.d.investment !== undefined && x.method !== "share" ? x.rate : undefined);
      const rate = own ?? (it.yearTotal.isZero() ? ZERO : it.yearKiaExact.div(it.yearTotal));
      rates.push({ item: it, rate, own: own !== undefined });
      if (!applies) continue;
      // one division at the end: base x w x KIA / (W x total), or base x w x rate / W
      const exact =
        own !== undefined
          ? it.base.times(w).times(own).div(totalWeight)
          : it.yearTotal.isZero()
            ? ZERO
            : it.base.times(w).times(it.yearKiaExact).div(totalWeight.times(it.yearTotal));
      ownExact = ownExact.plus(exact.toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_FLOOR));
    }
    return {
      name: x.partner.name,
      prices,
      applies,
      ownExact,
      own: roundForReport(ownExact, "addition", s.exact),
      levelExact: split[i].amount,
      level: roundForReport(split[i].amount, "addition", s.exact),
      rates,
    };
  });
}

/** The explanation of both readings for each partner. */
export function explainPartnerDisinvestments(s: NormalizedScenario, r: DisposalsResult, list: readonly PartnerDisinvestment[], ctx: Context): void {
  const level = s.partnership!.disinvestmentLevel;
  const allocation = ctx.use(rules.partnership.allocationRef);
  ctx.explain(
    level === "partner"
      ? `Samenwerkingsverband: de desinvesteringsbijtelling is per vennoot berekend, want iedere vennoot is de belastingplichtige (besluit 4.1.1) en art. 3.41 lid 3 telt de investeringen alleen samen voor de KIA zelf: het eigen aandeel in de vervreemdingen (volgens dezelfde sleutel, voorwaarde e) tegen de drempel van ${formatEuroShort(r.threshold.amount)}, tegen het percentage van de eigen KIA in het investeringsjaar. Ter vergelijking ook de lezing voor het samenwerkingsverband als geheel.`
      : `Samenwerkingsverband: de desinvesteringsbijtelling is op verzoek voor het samenwerkingsverband als geheel berekend (drempel op het totaal van de vervreemdingen) en naar de sleutel verdeeld (voorwaarde e). Ter vergelijking ook de lezing per vennoot (de standaard).`,
    allocation,
  );
  for (const x of list.slice(0, 50)) {
    const perPartner = x.applies
      ? `per vennoot: aandeel in de vervreemdingen ${formatEuro(x.prices)}, meer dan de drempel: ${formatExactEuro(x.ownExact)}${s.exact ? "" : `, afgerond ${formatEuroShort(x.own)}`}` +
        (x.rates.some((q) => q.own)
          ? ` (eigen percentage: ${listOf(
              x.rates.filter((q) => q.own),
              (q) => `${nameOf(q.item.d)} ${formatPercent(q.rate, 4)}`,
            )})`
          : "")
      : `per vennoot: aandeel in de vervreemdingen ${formatEuro(x.prices)}, niet meer dan de drempel van ${formatEuroShort(r.threshold.amount)}: geen bijtelling`;
    const whole = `voor het samenwerkingsverband als geheel: ${r.applies ? `${formatExactEuro(x.levelExact)} (het deel van de vennoot van ${formatExactEuro(r.totalExact)})` : "geen bijtelling"}`;
    ctx.explain(`${x.name}: ${level === "partner" ? `${perPartner}; ${whole}` : `${whole}; ${perPartner}`}.`, allocation);
  }
}
