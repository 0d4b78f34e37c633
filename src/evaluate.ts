/**
 * evaluate(scenario) -> report: the steps in the order the law applies them, each in the module named after
 * its concept and each returning its own part of the report:
 *  1. assetsStep (assets.ts): per asset: category (art. 3.45), € 450 test per asset/group, related party (art. 3.46);
 *  2. tableAndCalamityStep (calamity.ts): the year's total and the table (art. 3.41), the calamity approval
 *     (besluit 4.4) as a choice in the taxpayer's favour;
 *  3. partnershipStep (partnership.ts): the partners' KIA (art. 3.41 lid 3, besluit 4.1.4, HR 2019/2020);
 *  4. paymentStep (payment.ts): the payment criterion (art. 3.44), also per partner;
 *  5. disinvestmentStep (disinvestment.ts): the disinvestment addition (art. 3.47);
 *  6. carriedInStep (carried.ts): earlier years' KIA carried forward by art. 3.44, deductible this year or still open.
 * Throws KiaValidationError for invalid input; never returns a partial report.
 */
import { assetsStep, adjustedAmount, deductionAmountOf, totalAmountOf, type AssetsResult } from "./assets";
import { QUOTIENT_DP, tableAndCalamityStep, type TableStepResult, type YearResult } from "./calamity";
import { centsText, Ratio } from "./cents";
import { Context, plain } from "./context";
import { Decimal, ZERO } from "./decimal";
import { formatEuro, formatEuroShort } from "./money";
import {
  assessDisposals,
  assessEarlierDisposals,
  disinvestmentStep,
  explainPartnerDisinvestments,
  partnerDisinvestments,
  type DisposalsResult,
  type PartnerDisinvestment,
} from "./disinvestment";
import { lawTextUrl, ref, refByLabel, rules, WARN_CONFIDENCES } from "./law";
import { warnings as W } from "./messages";
import { partnershipRefs, partnershipStep, type PartnershipResult } from "./partnership";
import { paymentStep, type PaymentResult } from "./payment";
import { runCarriedStep } from "./carried-hook";
import { partnerCalamity } from "./calamity-partners";
import type { Reason } from "./explanation";
import type { AssetReport, CalamityReport, PartnerReport, Report } from "./report";
import { scenarioForEvaluate, type NInvestment, type NormalizedScenario } from "./scenario";
import { bandText } from "./table";

/** Rates and shares in the report carry the same 10 decimals as the quotients. */
const RATE_DP = QUOTIENT_DP;

export function evaluate(scenario: unknown): Report {
  return evaluateNormalized(scenarioForEvaluate(scenario));
}

export function evaluateNormalized(s: NormalizedScenario): Report {
  const { report, reserves: withReserve } = evaluateOnce(s);
  // Besluit 4.2/4.3: with a reserve booked on an asset, the other choice of the declaration is shown beside it.
  if (withReserve.length) {
    const flip = (inv: NInvestment): NInvestment =>
      inv.reinvestmentReserve
        ? Object.assign(Object.create(Object.getPrototypeOf(inv)) as NInvestment, inv, {
            reinvestmentReserve: { ...inv.reinvestmentReserve, declaration: !inv.reinvestmentReserve.declaration },
          })
        : inv;
    const investments = s.investments.map(flip);
    const other = evaluateOnce({ ...s, investments, byId: new Map(investments.map((x) => [x.id, x])) }).report;
    const declared = withReserve.every((inv) => inv.reinvestmentReserve!.declaration);
    report.reinvestmentReserve = {
      declaration: declared,
      other: { declaration: !declared, total: other.total, kia: other.kia, kiaExact: other.kiaExact },
    };
    const refLabel = ref(rules.reinvestmentReserve.ref, s.year).label;
    report.explanation.push({
      text: `${declared ? "Zonder" : "Met"} de verklaring van besluit onderdeel 4.2 (bijlage 1) voor ${withReserve.map((x) => x.id).join(", ")} zou het totaal ${formatEuro(new Decimal(other.total))} zijn en de KIA ${formatEuroShort(new Decimal(other.kia))} (nu ${formatEuroShort(new Decimal(report.kia))}). De goedkeuring is een keuze: zij kan ook nadelig zijn (hoger totaal in de afbouwschijf, en bij een latere desinvestering de overdrachtsprijs als grondslag).`,
      ref: refLabel,
    });
  }
  return report;
}

/** One evaluation, and the rows with a reinvestment reserve (assetsStep finds them in its pass over the rows). */
function evaluateOnce(s: NormalizedScenario): { report: Report; reserves: readonly NInvestment[] } {
  const ctx = new Context(s.year, s.exact);
  const byId = s.byId;

  const assets = assetsStep(s, ctx);
  // Disposals of earlier years' investments do not depend on this year's outcome: assessed once.
  const earlier = s.disposals.length || s.disposalsTotal !== undefined ? assessEarlierDisposals(s) : undefined;
  const additionFor = (y: YearResult, counted: (inv: NInvestment) => boolean) =>
    earlier && s.disposals.length ? assessDisposals(s, y, counted, byId, earlier).totalExact : ZERO;
  const table = tableAndCalamityStep(s, assets, byId, additionFor, ctx);
  const y = table.chosen.year;
  const partnership = s.partnership ? partnershipStep(s.partnership, y, ctx) : undefined;
  const payment = paymentStep(s, assets.notInUse, table.counts, y, partnership, ctx);
  let disposals: DisposalsResult | undefined;
  if (earlier) disposals = assessDisposals(s, y, (inv) => table.counts[inv.index] === 1, byId, earlier);

  const t = y.table.table;
  if (WARN_CONFIDENCES.includes(t.confidence)) ctx.warn(W.tableConfidence(s.year, t.confidence, t.confidenceDetail, lawTextUrl("BWBR0011353", "3.41", s.year)));

  const report: Report = {
    year: s.year,
    exact: s.exact,
    ...(s.description !== undefined ? { description: s.description } : {}),
    total: plain(y.total),
    kia: plain(y.kia),
    kiaExact: plain(y.kiaExact),
    band: y.table.band,
    rate: plain(y.rate.toDecimalPlaces(RATE_DP)),
    ...(y.deductionBase.eq(y.total)
      ? {}
      : {
          tableKia: plain(y.table.rounded),
          tableKiaExact: plain(y.table.exact),
          deductionBase: plain(y.deductionBase),
        }),
    assets: assetReports(s, assets, table, y),
    deductibleThisYear: plain(payment.deductible),
    deductibleThisYearExact: plain(payment.deductibleExact),
    carriedForward: plain(payment.carried),
    carriedForwardExact: plain(payment.carriedExact),
    warnings: [],
    explanation: [],
    parameters: {
      year: s.year,
      confidence: t.confidence,
      confidenceDetail: t.confidenceDetail,
      sources: t.sources,
      notes: t.notes,
      contradictions: t.contradictions,
      bands: t.bands.map(bandText),
      minAssetAmount: plain(t.minAssetAmount),
      rounding: s.exact
        ? "exact: geen afronding"
        : "hele euro's in het voordeel van de belastingplichtige: aftrek naar boven, bijtelling naar beneden (afrondingsbeleid van de add-in)",
      references: [],
    },
  };
  if (table.calamity) {
    report.calamity = calamityReport(table);
    if (s.partnership)
      report.calamity.partners = partnerCalamity(s, table, assets.counts, earlier, ctx).map((x) => ({
        name: x.name,
        kiaWithoutExact: plain(x.kiaWithoutExact),
        kiaWithExact: plain(x.kiaWithExact),
        additionWithoutExact: plain(x.additionWithoutExact),
        additionWithExact: plain(x.additionWithExact),
        netWithoutExact: plain(x.netWithoutExact),
        netWithExact: plain(x.netWithExact),
        prefers: x.prefers,
      }));
  }
  // Art. 3.47 per partner and for the partnership as a whole (both shown; the level chosen in the scenario counts).
  const perPartner = partnership && disposals && s.disposals.length ? partnerDisinvestments(s, disposals, partnership) : undefined;
  if (partnership) {
    report.partners = partnerReports(partnership, payment, perPartner, s.partnership!.disinvestmentLevel);
    report.partnership = {
      keyRequested: s.partnership!.key,
      keyApplied: partnership.key,
      perEnterprise: partnership.perEnterprise,
      conditions: partnership.conditions,
      ref: partnershipRefs(s.year).law.label,
      allocationRef: partnershipRefs(s.year).allocation.label,
    };
  }
  const unpaid = payment.partnerItems ?? payment.items;
  if (unpaid.length)
    report.payment = {
      items: unpaid.map((a) => ({
        asset: a.asset,
        ids: a.ids,
        attributed: plain(a.attributedExact),
        paid: plain(a.paid),
        carriedForward: plain(a.carriedExact),
        ...(payment.partnerItems
          ? {
              partners: partnership!.partners.map((x, k) => ({
                name: x.partner.name,
                carriedForward: plain((a as (typeof payment.partnerItems)[number]).parts[k]),
              })),
            }
          : {}),
      })),
    };
  if (disposals) {
    report.disinvestment = disinvestmentStep(s, disposals, y, ctx);
    if (perPartner) {
      explainPartnerDisinvestments(s, disposals, perPartner, ctx);
      report.disinvestment.level = s.partnership!.disinvestmentLevel;
    }
  }
  const carried = s.carriedIn?.length ? runCarriedStep(s, { rounded: payment.deductible, exact: payment.deductibleExact }, ctx) : undefined;
  if (carried) report.carriedIn = carried;
  report.warnings = ctx.warnings;
  report.explanation = ctx.explanation;
  if (!s.exact && !y.table.exact.eq(y.table.rounded)) ctx.use(rules.rounding.ref);
  // Every reference an asset's reasons or a step cites is in the list, also those the steps did not record.
  const cited = citedByRows(table.reasons);
  for (const st of ctx.explanation) if (st.ref) cited.add(st.ref);
  for (const label of cited) {
    if (ctx.refs.has(label)) continue;
    const r = refByLabel(label, s.year);
    if (r) ctx.record(r);
  }
  report.parameters.references = [...ctx.refs.values()].map((r) => ({
    label: r.label,
    bwb: r.bwb,
    url: r.url,
  }));
  return { report, reserves: assets.reserves };
}

/**
 * The references the rows' reasons cite. Reason objects are shared between rows (per category, per group): each is
 * looked at once. A function of its own: its loop over every row is compiled while it runs, apart from the rest of
 * the evaluation.
 */
function citedByRows(rowReasons: readonly (readonly Reason[])[]): Set<string> {
  const seen = new Set<object>();
  const cited = new Set<string>();
  let previous: unknown;
  // an indexed loop: a for-of would make an iterator result per row before the loop is compiled
  for (let i = 0; i < rowReasons.length; i++) {
    const rs = rowReasons[i];
    // neighbouring rows mostly share their reasons: no set lookup for those
    if (rs === previous) continue;
    previous = rs;
    if (seen.has(rs)) continue;
    seen.add(rs);
    for (const r of rs) {
      if (seen.has(r)) continue;
      seen.add(r);
      for (const label of r.ref.split("; ")) cited.add(label);
    }
  }
  return cited;
}

function assetReports(s: NormalizedScenario, assets: AssetsResult, table: TableStepResult, y: YearResult): AssetReport[] {
  const inTotalOnly = assets.inTotalOnly.length ? new Set(assets.inTotalOnly) : undefined;
  // An asset's part of the KIA: its obligation x the table's KIA / the total, in cents (half up), exactly.
  const ratio = new Ratio(y.table.exact, y.total);
  const attributes = !ratio.isZero;
  const { counts, reasons } = table;
  const eligible = assets.eligible;
  const investments = s.investments;
  const n = investments.length;
  // One plain object per row, written in one go (a ledger of 100.000 rows makes 100.000 of them).
  const out: AssetReport[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const inv = investments[i];
    const k = inv.index;
    const counted = counts[k] === 1;
    const c = inv.cents ?? -1;
    // the row's own text where it is already this text (the ledger reader writes amounts so): no new text per row
    const amount = c >= 0 ? (inv.amountText ?? centsText(c)) : plain(inv.amount);
    // Besluit 5: an obligation above the market value is deducted up to that value. (Rows without a market value
    // keep their integer cents: inv.amount would make a Decimal per row.)
    const mv = inv.marketValue !== undefined || inv.reinvestmentReserve !== undefined ? adjustedAmount(inv) : false;
    let attributed = "0";
    if (counted && attributes)
      attributed = !mv && c >= 0 ? centsText(ratio.apply(c, "half-up")) : plain(ratio.applyToAmount(mv ? deductionAmountOf(inv) : inv.amount));
    const a = assetReport(
      inv,
      amount,
      eligible[k] === 1,
      counted,
      counted ? (mv ? plain(totalAmountOf(inv)) : amount) : "0",
      attributed,
      reasons[k] as AssetReport["reasons"],
    );
    if (inv.marketValue !== undefined) a.marketValue = plain(inv.marketValue);
    if (inTotalOnly && inTotalOnly.has(inv)) a.addedToTotal = plain(totalAmountOf(inv));
    if (inv.reinvestmentReserve)
      a.reinvestmentReserve = {
        amount: plain(inv.reinvestmentReserve.amount),
        kind: inv.reinvestmentReserve.kind,
        declaration: inv.reinvestmentReserve.declaration,
      };
    if (inv.override) a.override = inv.override;
    out[i] = a;
  }
  return out;
}

/**
 * A row's report with its description and group, when it has them, in the object as it is made: a field added
 * afterwards would give each of 100.000 grouped rows a property store of its own (and a second hidden class).
 */
function assetReport(
  inv: NInvestment,
  amount: string,
  eligible: boolean,
  counted: boolean,
  countedAmount: string,
  kiaAttributed: string,
  reasons: AssetReport["reasons"],
): AssetReport {
  const { id, description, group } = inv;
  const category = inv.category.code;
  if (description === undefined)
    return group === undefined
      ? { id, category, amount, eligible, counted, countedAmount, kiaAttributed, reasons }
      : { id, category, amount, eligible, counted, countedAmount, kiaAttributed, reasons, group };
  return group === undefined
    ? { id, category, amount, eligible, counted, countedAmount, kiaAttributed, reasons, description }
    : { id, category, amount, eligible, counted, countedAmount, kiaAttributed, reasons, description, group };
}

function calamityReport(t: TableStepResult): CalamityReport {
  const c = t.calamity!;
  const applied = new Set(c.applied);
  return {
    applied: c.applied.length > 0,
    choice: c.choice,
    excluded: c.applied.map((i) => i.id),
    kiaWithout: plain(c.without.year.kia),
    kiaWith: plain(c.with.year.kia),
    kiaWithoutExact: plain(c.without.year.kiaExact),
    kiaWithExact: plain(c.with.year.kiaExact),
    totalWithout: plain(c.without.year.total),
    totalWith: plain(c.with.year.total),
    additionWithoutExact: plain(c.without.additionExact),
    additionWithExact: plain(c.with.additionExact),
    netWithoutExact: plain(c.without.netExact),
    netWithExact: plain(c.with.netExact),
    differenceExact: plain(c.with.netExact.minus(c.without.netExact)),
    items: c.items.map((i) => ({
      id: i.inv.id,
      ...(i.inv.group === undefined ? {} : { group: i.inv.group, rows: i.rows.map((r) => r.id) }),
      replacedBy: i.replacement.id,
      available: i.available,
      applied: applied.has(i.inv),
      conditions: i.conditions,
    })),
    ref: ref(rules.calamity.ref, t.chosen.year.table.year).label,
  };
}

function partnerReports(
  p: PartnershipResult,
  payment: PaymentResult,
  disinvestment: readonly PartnerDisinvestment[] | undefined,
  level: "partner" | "partnership",
): PartnerReport[] {
  return p.partners.map((x, i) => {
    const pay = payment.perPartner![i];
    const r: PartnerReport = {
      name: x.partner.name,
      share: plain(x.share.toDecimalPlaces(RATE_DP)),
      part: plain(x.part.toDecimalPlaces(RATE_DP)),
      method: x.method,
      kia: plain(x.kia),
      kiaExact: plain(x.kiaExact),
      deductibleThisYear: plain(pay.deductible),
      deductibleThisYearExact: plain(pay.deductibleExact),
      carriedForward: plain(pay.carried),
      carriedForwardExact: plain(pay.carriedExact),
    };
    if (x.partner.legalForm !== undefined) r.legalForm = x.partner.legalForm;
    if (x.partner.note !== undefined) r.note = x.partner.note;
    const d = disinvestment?.[i];
    if (d) {
      const [chosen, chosenExact, other, otherExact] =
        level === "partner" ? [d.own, d.ownExact, d.level, d.levelExact] : [d.level, d.levelExact, d.own, d.ownExact];
      r.disinvestment = plain(chosen);
      r.disinvestmentExact = plain(chosenExact);
      r.disinvestmentPrices = plain(d.prices.toDecimalPlaces(RATE_DP));
      if (!otherExact.eq(chosenExact))
        r.disinvestmentOtherLevel = {
          level: level === "partner" ? "partnership" : "partner",
          amount: plain(other),
          amountExact: plain(otherExact),
        };
    }
    if (x.partner.ownAssetsInPartnership !== undefined) r.ownAssetsInPartnership = plain(x.partner.ownAssetsInPartnership);
    if (x.combinedTotal) r.combinedTotal = plain(x.combinedTotal);
    if (x.outside) {
      r.outsideTotal = plain(x.outside.total);
      r.outsideKia = plain(x.outside.rounded);
      r.outsideKiaExact = plain(x.outside.exact);
    }
    return r;
  });
}
