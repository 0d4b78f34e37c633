/**
 * Step 4 of an evaluation: the payment criterion (art. 3.44 lid 1 Wet IB 2001). For an asset not yet in use at
 * year end, the deduction this year is limited to what was paid on it; the rest moves to later years (as
 * payments are made, at the latest the year it is taken into use). The article speaks of "het bedrijfsmiddel":
 * the test is per asset, and rows that form one asset (a `group`, besluit onderdeel 2.2) are tested together —
 * their attributed KIA against their payments together, never row by row.
 *
 * The year's KIA is attributed to an asset by the effective rate (the table's KIA / the year's total), so an
 * asset's share is its amount x that rate. The carried-forward part of an asset is a quotient: it is carried
 * with 10 decimals, rounded down (the deductible part gets the remainder, in the taxpayer's favour), and the
 * year's deductible part is the KIA minus the sum of those parts, so the exact fields add up exactly.
 */
import { assetKey, deductionAmountOf } from "./assets";
import { QUOTIENT_DP, type YearResult } from "./calamity";
import { type Context, listOf } from "./context";
import { Decimal, ZERO } from "./decimal";
import { rules } from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort } from "./money";
import type { PartnershipResult } from "./partnership";
import { roundForReport } from "./rounding";
import type { NInvestment, NormalizedScenario } from "./scenario";

export interface UnpaidAsset {
  /** the group's name, or the id of an asset without group */
  asset: string;
  ids: string[];
  base: Decimal;
  paid: Decimal;
  attributedExact: Decimal;
  carriedExact: Decimal;
}

export interface Split {
  deductibleExact: Decimal;
  deductible: Decimal;
  carriedExact: Decimal;
  carried: Decimal;
}

export interface PaymentResult extends Split {
  items: UnpaidAsset[];
  perPartner?: Split[];
  /**
   * in a partnership: every asset not in use with a part carried forward for the partnership or for a partner, with
   * each partner's part of it (in the partners' order); a partner's parts add up to his carriedExact exactly
   */
  partnerItems?: (UnpaidAsset & { parts: Decimal[] })[];
}

/** max(0, base x rate - paid), to 10 decimals rounded down. */
export function carriedForward(base: Decimal, paid: Decimal, kiaExact: Decimal, total: Decimal): Decimal {
  if (total.isZero()) return ZERO;
  const c = base.times(kiaExact).minus(paid.times(total));
  return c.isPositive() && !c.isZero() ? c.div(total).toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_FLOOR) : ZERO;
}

function split(kiaExact: Decimal, kia: Decimal, carriedExact: Decimal, exact: boolean): Split {
  const deductibleExact = kiaExact.minus(carriedExact);
  const deductible = roundForReport(deductibleExact, "deduction", exact);
  return {
    deductibleExact,
    deductible,
    carriedExact,
    carried: kia.minus(deductible),
  };
}

export function paymentStep(
  s: NormalizedScenario,
  /** the rows not in use at year end, in the scenario's order (assetsStep's notInUse) */
  notInUse: readonly NInvestment[],
  counts: Uint8Array,
  y: YearResult,
  partnership: PartnershipResult | undefined,
  ctx: Context,
): PaymentResult {
  // The assets not in use at year end, per asset (group), with their obligations and payments summed.
  const unpaid = new Map<string, { ids: string[]; base: Decimal; paid: Decimal }>();
  for (const inv of notInUse) {
    if (!counts[inv.index]) continue;
    const key = assetKey(inv);
    const a = unpaid.get(key);
    if (a) {
      a.ids.push(inv.id);
      a.base = a.base.plus(deductionAmountOf(inv));
      a.paid = a.paid.plus(inv.paid);
    } else unpaid.set(key, { ids: [inv.id], base: deductionAmountOf(inv), paid: inv.paid });
  }
  const items: UnpaidAsset[] = [];
  let carriedExact = ZERO;
  const tableKia = y.table.exact;
  /** an unpaid asset as the report lists it, with what is carried forward of it */
  const itemOf = (key: string, a: { ids: string[]; base: Decimal; paid: Decimal }, carried: Decimal): UnpaidAsset => ({
    asset: key.slice(key.startsWith("#") ? 1 : 2),
    ids: a.ids,
    base: a.base,
    paid: a.paid,
    attributedExact: y.total.isZero() ? ZERO : a.base.times(tableKia).div(y.total).toDecimalPlaces(QUOTIENT_DP),
    carriedExact: carried,
  });
  for (const [key, a] of unpaid) {
    const c = carriedForward(a.base, a.paid, tableKia, y.total);
    if (c.isZero()) continue;
    carriedExact = carriedExact.plus(c);
    items.push(itemOf(key, a, c));
  }
  const result: PaymentResult = {
    ...split(y.kiaExact, y.kia, carriedExact, s.exact),
    items,
  };
  if (partnership) {
    const list = [...unpaid];
    const parts: Decimal[][] = list.map(() => []);
    // A partner's part of an asset is his share of it by the key; it is deducted at his own rate.
    result.perPartner = partnership.partners.map((pr) => {
      // Every unpaid asset is tested at the partner's own rate, also where the partnership's rate leaves
      // nothing to carry forward: a partner with own investments (HR 2019's fixed amount) can have a higher rate.
      let c = ZERO;
      const excesses = list.map(([, a]) => {
        const excess = a.base.times(pr.rate).minus(a.paid);
        return excess.isPositive() ? excess : ZERO;
      });
      for (const e of excesses) c = c.plus(e);
      c = c.times(pr.share).toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_FLOOR);
      if (c.gt(pr.kiaExact)) c = pr.kiaExact;
      // His part per asset (for the register): each rounded down, the last with a part takes what makes the sum his total.
      const own = excesses.map((e) => e.times(pr.share).toDecimalPlaces(QUOTIENT_DP, Decimal.ROUND_FLOOR));
      let rest = c.minus(own.reduce((x, y) => x.plus(y), ZERO));
      for (let k = own.length - 1; k >= 0 && !rest.isZero(); k--) {
        if (own[k].isZero()) continue;
        const v = own[k].plus(rest);
        own[k] = v.isNegative() ? ZERO : v;
        rest = v.isNegative() ? v : ZERO;
      }
      own.forEach((v, k) => parts[k].push(v));
      return split(pr.kiaExact, pr.kia, c, s.exact);
    });
    const byAsset = new Map(items.map((x) => [x.ids.join("\u0000"), x]));
    result.partnerItems = list
      .map(([key, a], k) => {
        const item = byAsset.get(a.ids.join("\u0000")) ?? itemOf(key, a, ZERO);
        return { ...item, parts: parts[k] };
      })
      .filter((x) => !x.carriedExact.isZero() || x.parts.some((v) => !v.isZero()));
  }
  if (items.length) {
    const payRef = ctx.use(rules.paymentCriterion.ref);
    const assets = (a: UnpaidAsset) => (a.ids.length === 1 && a.asset === a.ids[0] ? a.asset : `bedrijfsmiddel "${a.asset}" (${a.ids.length} regels)`);
    ctx.warn(W.paymentCriterion(listOf(items, assets)));
    ctx.explain(
      `Betalingscriterium: niet in gebruik genomen en niet volledig betaald: ${listOf(
        items,
        (a) =>
          `${assets(a)}: toegerekende KIA ${formatEuro(a.attributedExact)}, betaald ${formatEuro(a.paid)}, door naar latere jaren ${formatEuro(a.carriedExact)}`,
      )}. Dit jaar aftrekbaar: ${formatEuroShort(result.deductible)}; door naar latere jaren: ${formatEuroShort(result.carried)}.`,
      payRef,
    );
  }
  return result;
}
