/**
 * evaluate(scenario) -> report: composes the legal concepts in the order the law applies them.
 *  1. per asset: category (art. 3.45), € 450 test per asset/group, related party (art. 3.46);
 *  2. the year's total and the table (art. 3.41); the calamity approval (besluit 4.4) as an opt-in exception;
 *  3. the partnership split (art. 3.41 lid 3, besluit 4.1.4);
 *  4. the payment criterion (art. 3.44);
 *  5. the disinvestment addition (art. 3.47).
 * Throws KiaValidationError for invalid input; never returns a partial report.
 */
import {
  assessCalamity,
  calamityRef,
  excludedAmount,
  type CalamityItem,
} from "./calamity";
import { Decimal, ZERO } from "./decimal";
import { disinvestmentThreshold, disposalAddition } from "./disinvestment";
import { assessEligibility } from "./eligibility";
import { step, type Reason, type Step, type Warning } from "./explanation";
import {
  ref,
  rules,
  WARN_CONFIDENCES,
  type LegalRef,
  getYearTable,
} from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort, formatPercent } from "./money";
import {
  allocate,
  effectiveKey,
  keyConditions,
  keyLabel,
  partnershipRefs,
} from "./partnership";
import { carriedForward } from "./payment";
import { relatedPartyVerdict } from "./relatedParty";
import type {
  AssetReport,
  CalamityReport,
  DisinvestmentReport,
  PartnerReport,
  PartnershipReport,
  Report,
} from "./report";
import { roundForReport } from "./rounding";
import {
  validateScenario,
  type NInvestment,
  type NormalizedScenario,
} from "./scenario";
import { bandText, kia, type TableResult } from "./table";

const RATE_DP = 10;
const str = (d: Decimal) => d.toString();
const exactText = (d: Decimal) => formatEuro(d, Math.max(2, d.decimalPlaces()));

export function evaluate(scenario: unknown): Report {
  return evaluateNormalized(validateScenario(scenario));
}

export function evaluateNormalized(s: NormalizedScenario): Report {
  const { year, exact, investments } = s;
  const warnings: Warning[] = [];
  const explanation: Step[] = [];
  const usedRefs = new Map<string, LegalRef>();
  const use = (key: string) => {
    const r = ref(key, year);
    usedRefs.set(r.label, r);
    return r;
  };

  // 1. Per asset: eligibility and related party.
  const tableForYear = getYearTable(year);
  const elig = assessEligibility(
    investments,
    year,
    tableForYear.minAssetAmount,
  );
  const byId = new Map<string, NInvestment>();
  const counts: boolean[] = new Array(investments.length);
  const reasons: Reason[][] = new Array(investments.length);
  const emissieloos: string[] = [];
  const exempted: string[] = [];
  let nExcluded = 0;
  let nBelow = 0;
  let nRelated = 0;
  for (const inv of investments) {
    byId.set(inv.id, inv);
    const e = elig[inv.index];
    let rs = e.reasons as Reason[];
    let c = e.eligible;
    if (e.warning === "EMISSIELOOS_CHECK") emissieloos.push(inv.id);
    if (!e.eligible) {
      if (rs[0].code !== "CATEGORY_ELIGIBLE") nExcluded++;
      else nBelow++;
    }
    if (inv.relatedParty) {
      const rp = relatedPartyVerdict(inv.exemption, year);
      rs = [...rs, rp.reason];
      if (!rp.counts) {
        if (c) nRelated++;
        c = false;
      } else exempted.push(inv.id);
    }
    counts[inv.index] = c;
    reasons[inv.index] = rs;
  }
  if (emissieloos.length) warnings.push(W.emissieloos(emissieloos));
  if (exempted.length) warnings.push(W.relatedPartyExemption(exempted));

  let totalWithout = ZERO;
  for (const inv of investments)
    if (counts[inv.index]) totalWithout = totalWithout.plus(inv.amount);
  const counted = counts.filter(Boolean).length;
  explanation.push(
    step(
      `${investments.length} investering(en) in ${year}; ${counted} tellen mee voor de KIA` +
        (nExcluded ? `, ${nExcluded} uitgesloten bedrijfsmiddel(en)` : "") +
        (nBelow
          ? `, ${nBelow} onder ${formatEuroShort(tableForYear.minAssetAmount)}`
          : "") +
        (nRelated
          ? `, ${nRelated} met een verbonden partij zonder ontheffing`
          : "") +
        ".",
      use("wetib-3.45-1"),
    ),
  );
  if (nBelow) use(rules.minimumAssetAmount.ref);
  if (nRelated) use(rules.relatedParty.ref);

  // 2. Calamity approval and the table.
  const calItems: CalamityItem[] = assessCalamity(investments, counts, byId);
  let result: TableResult;
  let calamity: CalamityReport | undefined;
  const withoutResult = kia(totalWithout, year, { exact });
  if (calItems.length) {
    const calRef = use(rules.calamity.ref);
    // "with": as if the approval were requested for every lost asset that meets the other conditions,
    // so the user sees both sides of the choice; the year's KIA uses only what is actually applied.
    const potential = calItems.filter((i) =>
      i.conditions.every((c) => c.met || c.code === "REQUESTED"),
    );
    const totalWith = totalWithout.minus(excludedAmount(potential, byId, ZERO));
    const withResult = kia(totalWith, year, { exact });
    const applied = calItems.some((i) => i.applied);
    const appliedResult = applied
      ? kia(
          totalWithout.minus(
            excludedAmount(
              calItems.filter((i) => i.applied),
              byId,
              ZERO,
            ),
          ),
          year,
          { exact },
        )
      : withoutResult;
    for (const it of calItems) {
      if (it.applied) {
        const idx = byId.get(it.id)!.index;
        counts[idx] = false;
        reasons[idx] = [
          ...reasons[idx],
          {
            code: "CALAMITY_EXCLUDED",
            text: `Verloren gegaan door een calamiteit en in hetzelfde jaar vervangen door ${it.replacedBy}: telt op grond van de goedkeuring niet mee.`,
            ref: calRef.label,
          },
        ];
      } else {
        const failed = it.conditions.filter((c) => !c.met).map((c) => c.text);
        warnings.push(W.calamityNotApplied(it.id, failed.join(" ")));
      }
      if (it.applied && it.eiaMia) warnings.push(W.calamityEiaMia([it.id]));
    }
    if (applied && appliedResult.exact.lt(withoutResult.exact)) {
      warnings.push(
        W.calamityUnfavourable(
          formatEuroShort(withoutResult.rounded),
          formatEuroShort(appliedResult.rounded),
        ),
      );
    }
    calamity = {
      kiaWithout: str(withoutResult.rounded),
      kiaWith: str(withResult.rounded),
      kiaWithoutExact: str(withoutResult.exact),
      kiaWithExact: str(withResult.exact),
      totalWithout: str(totalWithout),
      totalWith: str(totalWith),
      applied,
      excluded: calItems.filter((i) => i.applied).map((i) => i.id),
      items: calItems.map((i) => ({
        id: i.id,
        replacedBy: i.replacedBy,
        applied: i.applied,
        conditions: i.conditions,
      })),
      ref: calamityRef(year),
    };
    result = appliedResult;
    explanation.push(
      step(
        applied
          ? `Calamiteitsgoedkeuring toegepast: ${calamity.excluded.join(", ")} telt niet mee. Zonder goedkeuring: totaal ${formatEuro(totalWithout)}, KIA ${formatEuroShort(withoutResult.rounded)}; met goedkeuring: totaal ${formatEuro(totalWith)}, KIA ${formatEuroShort(withResult.rounded)}.`
          : `Calamiteitsgoedkeuring niet toegepast (zie waarschuwingen). Zonder goedkeuring: KIA ${formatEuroShort(withoutResult.rounded)}; met goedkeuring zou de KIA ${formatEuroShort(withResult.rounded)} zijn.`,
        calRef,
      ),
    );
  } else {
    result = withoutResult;
  }
  for (const st of result.explanation) explanation.push(st);
  use("wetib-3.41-1");
  use("wetib-3.41-2");
  if (!exact && !result.exact.eq(result.rounded)) use(rules.rounding.ref);
  if (WARN_CONFIDENCES.includes(result.table.confidence)) {
    warnings.push(
      W.tableConfidence(
        year,
        result.table.confidence,
        result.table.confidenceDetail,
      ),
    );
  }

  // Attribution of the KIA to assets by the effective rate: exact (40 digits) where it decides an amount
  // (payment criterion), 20 significant digits for the per-asset figure shown in cents.
  const rate = result.rate;
  const displayRate = rate.toSignificantDigits(20);
  const attributedExact = (inv: NInvestment) =>
    counts[inv.index] ? inv.amount.times(rate) : ZERO;

  // 3. Partnership.
  let partners: PartnerReport[] | undefined;
  let partnership: PartnershipReport | undefined;
  if (s.partnership) {
    const p = s.partnership;
    const refs = partnershipRefs(year);
    usedRefs.set(refs.law.label, refs.law);
    usedRefs.set(refs.allocation.label, refs.allocation);
    if (!refs.law.verified && refs.law.note)
      warnings.push(W.referenceUnverified(refs.law.label, refs.law.note));
    const { key, fellBack } = effectiveKey(p);
    if (fellBack) warnings.push(W.partnershipKeyFallback(p.key));
    else if (p.key !== "profit" && p.jointRequest !== true)
      warnings.push(W.partnershipRequest(p.key));
    const alloc = allocate(result.exact, p.partners, key);
    const legacyOutside: string[] = [];
    partners = alloc.map((a, i) => {
      const partner = p.partners[i];
      const pr: PartnerReport = {
        name: a.name,
        share: str(a.share.toDecimalPlaces(RATE_DP)),
        kia: str(roundForReport(a.amount, "deduction", exact)),
        kiaExact: str(a.amount),
      };
      if (
        partner.outsideInvestments !== undefined &&
        !partner.outsideInvestments.isZero()
      ) {
        if (refs.perEnterprise) {
          const own = kia(partner.outsideInvestments, year, { exact });
          pr.outsideTotal = str(partner.outsideInvestments);
          pr.outsideKia = str(own.rounded);
          pr.outsideKiaExact = str(own.exact);
        } else legacyOutside.push(a.name);
      }
      return pr;
    });
    if (legacyOutside.length) {
      warnings.push(W.partnershipLegacy(legacyOutside, year));
      for (const k of rules.partnership.legacyCaseRefs) use(k);
    }
    if (!exact && p.partners.length > 1) warnings.push(W.partnershipRounding());
    partnership = {
      keyRequested: p.key,
      keyApplied: key,
      perEnterprise: refs.perEnterprise,
      conditions: keyConditions(p, key),
      ref: refs.law.label,
      allocationRef: refs.allocation.label,
    };
    explanation.push(
      step(
        `Samenwerkingsverband: de KIA wordt berekend over het totaal van het samenwerkingsverband (${formatEuro(result.total)}) en verdeeld naar ${keyLabel(key)}` +
          (refs.perEnterprise
            ? "; eigen investeringen van een vennoot buiten het samenwerkingsverband krijgen een eigen KIA per onderneming."
            : "."),
        refs.law,
      ),
    );
    for (const pr of partners) {
      explanation.push(
        step(
          `${pr.name}: aandeel ${formatPercent(new Decimal(pr.share), 4)} x ${exactText(result.exact)} = ${exactText(new Decimal(pr.kiaExact))}` +
            (exact
              ? "."
              : `, afgerond ${formatEuroShort(new Decimal(pr.kia))}.`) +
            (pr.outsideKia !== undefined
              ? ` Eigen onderneming: KIA over ${formatEuro(new Decimal(pr.outsideTotal!))} = ${formatEuroShort(new Decimal(pr.outsideKia))}.`
              : ""),
          refs.allocation,
        ),
      );
    }
  }

  // 4. Payment criterion.
  let carriedExact = ZERO;
  const paymentItems: {
    id: string;
    attributed: string;
    paid: string;
    carriedForward: string;
  }[] = [];
  const notPaid: string[] = [];
  for (const inv of investments) {
    if (inv.inUse || !counts[inv.index]) continue;
    const attributed = attributedExact(inv);
    const c = carriedForward(attributed, inv.paid);
    if (c.isZero()) continue;
    carriedExact = carriedExact.plus(c);
    notPaid.push(inv.id);
    paymentItems.push({
      id: inv.id,
      attributed: str(attributed),
      paid: str(inv.paid),
      carriedForward: str(c),
    });
  }
  const deductibleExact = result.exact.minus(carriedExact);
  const deductible = roundForReport(deductibleExact, "deduction", exact);
  const carried = result.rounded.minus(deductible);
  if (notPaid.length) {
    const payRef = use(rules.paymentCriterion.ref);
    warnings.push(W.paymentCriterion(notPaid));
    explanation.push(
      step(
        `Betalingscriterium: ${notPaid.length} bedrijfsmiddel(en) niet in gebruik en niet volledig betaald. Dit jaar aftrekbaar: ${formatEuroShort(deductible)}; door naar latere jaren: ${formatEuroShort(carried)}.`,
        payRef,
      ),
    );
  }

  // 5. Disinvestment addition.
  let disinvestment: DisinvestmentReport | undefined;
  if (s.disposals.length || s.disposalsTotal !== undefined) {
    disinvestment = evaluateDisposals(s, exact, warnings, explanation, use);
  }

  // Assets.
  const assets: AssetReport[] = investments.map((inv) => {
    const amount = str(inv.amount);
    const a: AssetReport = {
      id: inv.id,
      category: inv.category.code,
      amount,
      eligible: elig[inv.index].eligible,
      counted: counts[inv.index],
      countedAmount: counts[inv.index] ? amount : "0",
      kiaAttributed:
        counts[inv.index] && !rate.isZero()
          ? str(inv.amount.times(displayRate).toDecimalPlaces(2))
          : "0",
      reasons: reasons[inv.index],
    };
    if (inv.description !== undefined) a.description = inv.description;
    return a;
  });

  const t = result.table;
  const report: Report = {
    year,
    exact,
    total: str(result.total),
    kia: str(result.rounded),
    kiaExact: str(result.exact),
    band: result.band,
    rate: str(rate.toDecimalPlaces(RATE_DP)),
    assets,
    deductibleThisYear: str(deductible),
    deductibleThisYearExact: str(deductibleExact),
    carriedForward: str(carried),
    carriedForwardExact: str(carriedExact),
    warnings,
    explanation,
    parameters: {
      year,
      confidence: t.confidence,
      confidenceDetail: t.confidenceDetail,
      sources: t.sources,
      notes: t.notes,
      bands: t.bands.map(bandText),
      minAssetAmount: str(t.minAssetAmount),
      rounding: exact
        ? "exact: geen afronding"
        : "hele euro's in het voordeel van de belastingplichtige: aftrek naar boven, bijtelling naar beneden",
      references: [...usedRefs.values()].map((r) => ({
        label: r.label,
        bwb: r.bwb,
        url: r.url,
      })),
    },
  };
  if (calamity) report.calamity = calamity;
  if (partners) report.partners = partners;
  if (partnership) report.partnership = partnership;
  if (paymentItems.length) report.payment = { items: paymentItems };
  if (disinvestment) report.disinvestment = disinvestment;
  return report;
}

function evaluateDisposals(
  s: NormalizedScenario,
  exact: boolean,
  warnings: Warning[],
  explanation: Step[],
  use: (key: string) => LegalRef,
): DisinvestmentReport {
  const year = s.year;
  const threshold = disinvestmentThreshold(year);
  const listed = s.disposals.reduce((sum, d) => sum.plus(d.price), ZERO);
  const disposalsTotal = s.disposalsTotal ?? listed;
  const applies = disposalsTotal.gt(threshold.amount);
  const lawRef = use(rules.disinvestment.ref);
  const windowRef = use(rules.disinvestment.windowRef);
  use(rules.disinvestment.yearRulesRef);
  if (WARN_CONFIDENCES.includes(threshold.confidence)) {
    warnings.push(
      W.disinvestmentThreshold(year, threshold.confidence, threshold.basis),
    );
  }
  if (s.partnership) warnings.push(W.disinvestmentPartnership());
  explanation.push(
    step(
      applies
        ? `Vervreemdingen in ${year}: ${formatEuro(disposalsTotal)}, meer dan de drempel van ${formatEuroShort(threshold.amount)}: desinvesteringsbijtelling.`
        : `Vervreemdingen in ${year}: ${formatEuro(disposalsTotal)}, niet meer dan de drempel van ${formatEuroShort(threshold.amount)}: geen desinvesteringsbijtelling.`,
      lawRef,
    ),
  );
  let total = ZERO;
  let totalExact = ZERO;
  const items = s.disposals.map((d) => {
    const it = disposalAddition(d, year);
    const itemExact = applies ? it.exact : ZERO;
    const amount = roundForReport(itemExact, "addition", exact);
    total = total.plus(amount);
    totalExact = totalExact.plus(itemExact);
    const rate = it.investmentYearTotal.isZero()
      ? ZERO
      : it.kiaExact.div(it.investmentYearTotal);
    if (applies) {
      explanation.push(
        step(
          it.inWindow
            ? `${d.id}: ${formatPercent(rate, 4)} (KIA ${d.investmentYear}: ${exactText(it.kiaExact)} / ${formatEuro(it.investmentYearTotal)}) x ${formatEuro(it.base)} (laagste van prijs en investeringsbedrag) = ${exactText(itemExact)}` +
                (exact
                  ? "."
                  : `, afgerond naar beneden ${formatEuroShort(amount)}.`)
            : `${d.id}: geïnvesteerd in ${d.investmentYear}, vervreemd na de vijfjaarstermijn: geen bijtelling.`,
          windowRef,
        ),
      );
    }
    return {
      id: d.id,
      amount: str(amount),
      amountExact: str(itemExact),
      base: str(it.base),
      rate: str(rate.toDecimalPlaces(RATE_DP)),
      inWindow: it.inWindow,
      investmentYear: d.investmentYear,
    };
  });
  return {
    total: str(total),
    totalExact: str(totalExact),
    disposalsTotal: str(disposalsTotal),
    threshold: str(threshold.amount),
    applies,
    items,
  };
}
