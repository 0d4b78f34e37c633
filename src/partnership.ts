/**
 * Step 3 of an evaluation: the partnership (samenwerkingsverband: vof, cv, maatschap), art. 3.41 lid 3 Wet IB
 * 2001 and besluit investeringsaftrek onderdeel 4.1.4 (4.1.3 in the 2009 besluit).
 *
 * The key: by statute a partner invested in proportion to his entitlement to the profit (the inspector's
 * default); by approval the partners may agree another reasonable key (capital ratio, shares in hidden
 * reserves, profit shares, equal shares) under conditions a-f, reported here with their status.
 *
 * From 2021 (Wet overige fiscale maatregelen 2021) the KIA is computed per enterprise (art. 3.41 lid 1) and
 * lid 3 reads: "worden voor de toepassing van het tweede lid hun investeringen voor het samenwerkingsverband en de
 * door de belastingplichtige voor de betreffende onderneming gedane buitenvennootschappelijke investeringen
 * samengeteld en bedraagt de kleinschaligheidsinvesteringsaftrek het aldus op de voet van het tweede lid bepaalde
 * bedrag vermenigvuldigd met het aan de belastingplichtige toe te rekenen investeringsbedrag en gedeeld door de som
 * van het gezamenlijke investeringsbedrag voor het samenwerkingsverband en het bedrag van de door de
 * belastingplichtige voor de betreffende onderneming gedane buitenvennootschappelijke investeringen". So for each
 * partner: the partnership's investments plus HIS OWN assets used in this enterprise (buitenvennootschappelijk
 * vermogen) find the row; his KIA is that amount x (his share of the partnership's investments by the key plus
 * his own) / (the partnership's investments plus his own). Another partner's own assets are not in his total.
 * A partner's own separate IB enterprise (eenmanszaak) has its own KIA on its own investments; a BV of his is another
 * taxpayer with its own KIA in the Vpb.
 *
 * Before 2021 (HR 24 mei 2019, nr. 18/00135; HR 1 mei 2020, ECLI:NL:HR:2020:825, 826 and 828) the KIA is a
 * deduction of the taxpayer: for a partner with investments of his own (outside the partnership, or own assets
 * used in it), the row of the table is found on the partnership's total plus his own; his KIA is that amount in
 * proportion to his own investments (his share of the partnership's plus his own) — except that when that
 * combined total AND his own amount both fall in the band with the fixed amount, he is entitled to the whole fixed
 * amount (HR 2019, see hr2019Fixed). Partners without investments of their own receive the partnership's KIA by
 * their share.
 *
 * "Own investments" are those of the partner HIMSELF as an IB entrepreneur: his own assets used in the partnership
 * and (before 2021) the investments of an eenmanszaak of his own. A BV of the partner is another taxpayer (Vpb):
 * its investments never join his KIA, in no year (art. 3.41 lid 3 adds "de door de belastingplichtige … gedane"
 * investments; a BV's are not his).
 */
import { QUOTIENT_DP, type YearResult } from "./calamity";
import { Exact } from "./exact";
import { type Context, listOf, listText } from "./context";
import { Decimal, ONE, ZERO } from "./decimal";
import { KiaValidationError } from "./errors";
import { type BandKind, ref, rules } from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort, formatExactEuro, formatPercent } from "./money";
import { roundForReport } from "./rounding";
import type { NPartner, NPartnership, PartnershipKey } from "./scenario";
import { findBand, kia, type TableResult } from "./table";

export type ConditionStatus = "met" | "not-met" | "to-confirm" | "not-applicable";

export interface PartnershipCondition {
  code: "a" | "b" | "c" | "d" | "e" | "f";
  text: string;
  status: ConditionStatus;
}

export interface Allocation {
  name: string;
  weight: Decimal;
  share: Decimal;
  amount: Decimal;
}

export type PartnerMethod = "share" | "own-assets" | "hr-2020-pro-rata" | "hr-2019-fixed";

export interface PartnerResult {
  partner: NPartner;
  /** share by the key applied */
  share: Decimal;
  /** the investments the partner's KIA follows: his share of the partnership's plus his own */
  part: Decimal;
  kiaExact: Decimal;
  kia: Decimal;
  /** the partner's KIA / his part: the rate his part of an asset is deducted at (payment criterion) */
  rate: Decimal;
  method: PartnerMethod;
  /** with own investments: the partnership's total plus his own, on which his row was found */
  combinedTotal?: Decimal;
  combined?: TableResult;
  /** from 2021: the KIA of his own separate IB enterprise (eenmanszaak; never a BV: that is another taxpayer) */
  outside?: TableResult;
}

export interface PartnershipResult {
  key: PartnershipKey;
  fellBack: boolean;
  perEnterprise: boolean;
  partners: PartnerResult[];
  conditions: PartnershipCondition[];
}

const KEY_NL: Record<PartnershipKey, string> = {
  profit: "het aandeel in de (over)winst",
  capital: "kapitaalsverhouding",
  reserves: "aandelen in de stille reserves",
  equal: "gelijke delen",
};

export function keyLabel(key: PartnershipKey): string {
  return KEY_NL[key];
}

export function isPerEnterprise(year: number): boolean {
  return year >= rules.partnership.perEnterpriseFrom;
}

/**
 * The conditions of the approval the user said are not met: f (no joint request), c (not for every form of
 * investment deduction), e (not for a later disinvestment addition). Any of them: the agreed key is not applied.
 */
export function unmetConditions(p: { jointRequest?: boolean; allDeductions?: boolean; sameForDisinvestment?: boolean }): ("c" | "e" | "f")[] {
  const out: ("c" | "e" | "f")[] = [];
  if (p.allDeductions === false) out.push("c");
  if (p.sameForDisinvestment === false) out.push("e");
  if (p.jointRequest === false) out.push("f");
  return out;
}

/**
 * The key that applies: an agreed key needs the conditions of the approval; one the user says is not met (c, e or
 * f: a joint request not filed) means the profit share, the statutory rule.
 */
export function effectiveKey(p: NPartnership): {
  key: PartnershipKey;
  fellBack: boolean;
} {
  const unmet = unmetConditions(p);
  if (p.key !== "profit" && unmet.length) {
    const fields = unmet.map((c) => ({ c: "allDeductions", e: "sameForDisinvestment", f: "jointRequest" })[c]);
    p.partners.forEach((partner, i) => {
      if (partner.profit === undefined) {
        throw new KiaValidationError(
          "MISSING_FIELD",
          `partnership.partners[${i}].profit`,
          undefined,
          `zonder ${unmet.length === 1 ? "voorwaarde" : "voorwaarden"} ${unmet.join(" en ")} (${fields.map((f) => `${f}: false`).join(", ")}) geldt de winstverdeling; vul het aandeel van iedere vennoot in de (over)winst in`,
        );
      }
    });
    if (p.partners.every((x) => x.profit!.isZero())) {
      throw new KiaValidationError("INVALID_KEY", "partnership.partners", "winst", "de winstaandelen zijn samen nul");
    }
    return { key: "profit", fellBack: true };
  }
  return { key: p.key, fellBack: false };
}

export function weightOf(partner: NPartner, key: PartnershipKey): Decimal {
  return key === "equal" ? ONE : partner[key]!;
}

/**
 * Split `amount` in proportion to `weights`, exactly: the parts add up to `amount` to the last digit. Each
 * part is floored to 10 decimals (QUOTIENT_DP, or the amount's own precision if finer) and the units left over
 * go to the largest remainders (ties: the one listed first), so every part is its exact proportional share to
 * within one unit of the 10th decimal.
 */
export function splitExactly(amount: Decimal, weights: readonly Decimal[]): Decimal[] {
  const totalWeight = weights.reduce((s, w) => s.plus(w), ZERO);
  if (totalWeight.isZero()) return weights.map(() => ZERO);
  const dp = Math.max(QUOTIENT_DP, amount.decimalPlaces());
  const scale = new Decimal(10).pow(dp);
  const units = amount.times(scale); // an integer by construction of dp
  const raw = weights.map((w) => units.times(w).div(totalWeight));
  const floors = raw.map((r) => r.floor());
  let left = units.minus(floors.reduce((s, f) => s.plus(f), ZERO)).toNumber();
  const order = raw.map((r, i) => ({ i, rem: r.minus(floors[i]) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) floors[order[k].i] = floors[order[k].i].plus(1);
  return floors.map((f) => f.div(scale));
}

/** `amount` split over the partners by the key: exact, with each partner's share. */
export function allocate(amount: Decimal, partners: readonly NPartner[], key: PartnershipKey): Allocation[] {
  const weights = partners.map((p) => weightOf(p, key));
  const totalWeight = weights.reduce((s, w) => s.plus(w), ZERO);
  const parts = splitExactly(amount, weights);
  return partners.map((p, i) => ({
    name: p.name,
    weight: weights[i],
    share: weights[i].div(totalWeight),
    amount: parts[i],
  }));
}

/** A condition the user confirms: yes (met), no (not met) or not said (to confirm). */
const confirmed = (v: boolean | undefined): ConditionStatus => (v === true ? "met" : v === false ? "not-met" : "to-confirm");

/** Conditions a-f of the approval for an agreed key, with their status for this scenario. */
export function keyConditions(p: NPartnership, applied: PartnershipKey): PartnershipCondition[] {
  const agreed = p.key !== "profit";
  if (!agreed) {
    const na =
      "Niet nodig: het aandeel in de (over)winst (de winst na de arbeidsvergoedingen van de vennoten) is de wettelijke hoofdregel; de goedkeuring voor een afwijkende sleutel wordt niet gebruikt.";
    return (["a", "b", "c", "d", "e", "f"] as const).map((code) => ({
      code,
      text: na,
      status: "not-applicable" as const,
    }));
  }
  const f = confirmed(p.jointRequest);
  return [
    {
      code: "a",
      status: "met",
      text: `Alle vennoten hanteren hetzelfde verdelingscriterium (${KEY_NL[p.key]}).`,
    },
    {
      code: "b",
      status: "met",
      text: `De verdeling vindt plaats op redelijke basis: ${KEY_NL[p.key]} is een van de sleutels die het besluit als redelijk noemt. Niet redelijk is een verdeling over alleen de beherende vennoten terwijl commanditaire vennoten zijn uitgesloten.`,
    },
    {
      code: "c",
      status: confirmed(p.allDeductions),
      text:
        p.allDeductions === true
          ? "De verdeling wordt toegepast op alle vormen van investeringsaftrek (ook EIA en MIA): bevestigd."
          : p.allDeductions === false
            ? "De verdeling wordt niet op alle vormen van investeringsaftrek (ook EIA en MIA) toegepast: de sleutel wordt niet toegepast."
            : "De verdeling wordt toegepast op alle vormen van investeringsaftrek (ook EIA en MIA): te bevestigen.",
    },
    {
      code: "d",
      status: "met",
      text: "De verdeling wordt toegepast op alle vennootschappelijke investeringen (deze berekening verdeelt het hele totaal).",
    },
    {
      code: "e",
      status: confirmed(p.sameForDisinvestment),
      text:
        p.sameForDisinvestment === true
          ? "Bij een latere desinvesteringsbijtelling wordt dezelfde verdeling gebruikt: bevestigd."
          : p.sameForDisinvestment === false
            ? "Bij een latere desinvesteringsbijtelling wordt niet dezelfde verdeling gebruikt: de sleutel wordt niet toegepast."
            : "Bij een latere desinvesteringsbijtelling wordt dezelfde verdeling gebruikt: te bevestigen.",
    },
    {
      code: "f",
      status: f,
      text:
        f === "met"
          ? "Een gezamenlijk, ondertekend verzoek met de gekozen sleutel is ingediend."
          : f === "not-met"
            ? `Er is geen gezamenlijk, ondertekend verzoek: de sleutel wordt niet toegepast, de KIA is verdeeld naar ${KEY_NL[applied]}.`
            : "Een gezamenlijk, ondertekend verzoek moet worden ingediend voordat een aanslag van een van de vennoten onherroepelijk vaststaat: te bevestigen.",
    },
  ];
}

export function partnershipRefs(year: number) {
  return {
    law: ref(rules.partnership.ref, year),
    allocation: ref(rules.partnership.allocationRef, year),
    perEnterprise: isPerEnterprise(year),
  };
}

/**
 * HR 24 mei 2019, nr. 18/00135 (before 2021): a partner with investments of his own (in an eenmanszaak of his own,
 * or own assets used in the partnership) is entitled to the whole fixed amount only when BOTH his own investment
 * amount (his share of the partnership's investments plus his own) AND the combined total (the partnership's total
 * plus his own) fall in the band with the fixed amount: "Valt zowel het investeringsbedrag van de ondernemer binnen
 * de onderneming als het bedrag van de samengetelde investeringen … binnen de bandbreedte van de derde rij …" (the
 * statute as it then read prescribed no recalculation in proportion there; the legislature ended this from 2021).
 * In every other case (the combined total in the 28 % band, in the phase-out or above it, or in the fixed band
 * with his own amount below it) HR 1 mei 2020's proportion applies. Returns the fixed amount, or undefined.
 */
export function hr2019Fixed(table: TableResult["table"], combinedTotal: Decimal, ownAmount: Decimal): Decimal | undefined {
  const band = findBand(table, combinedTotal);
  if (band.kind !== "fixed") return undefined;
  return findBand(table, ownAmount).kind === "fixed" ? band.fixed! : undefined;
}

/**
 * Profit shares that look like percentages or fractions but do not add up to 100 or 1: fractions below 1 (0,5 +
 * 0,3), percentages from 10 to 100 (a partner missing: 50 + 30), or above 100 with every share at most 100
 * (60 + 60). A small ratio (1 and 1, 3 and 2: a total from 1 to 10) and amounts of profit are not.
 */
function looksLikePercentages(total: Decimal, weights: readonly Decimal[]): boolean {
  if (total.eq(1) || total.eq(100) || total.isZero() || weights.length < 2) return false;
  if (total.lt(1)) return true;
  if (total.lt(10)) return false;
  return total.lt(100) || weights.every((w) => w.lte(100));
}

export function partnershipStep(p: NPartnership, y: YearResult, ctx: Context): PartnershipResult {
  const year = ctx.year;
  const refs = partnershipRefs(year);
  ctx.record(refs.law);
  ctx.record(refs.allocation);
  const { key, fellBack } = effectiveKey(p);
  if (fellBack) ctx.warn(W.partnershipKeyFallback(KEY_NL[p.key], unmetConditions(p)));
  else if (p.key !== "profit" && p.jointRequest !== true) ctx.warn(W.partnershipRequest(KEY_NL[p.key]));
  // Partners without investments of their own share the partnership's KIA by the key, exactly.
  const byKey = allocate(y.kiaExact, p.partners, key);
  const totalWeight = byKey.reduce((s, a) => s.plus(a.weight), ZERO);
  // Profit shares read as percentages (the pane and the template ask for them so) that do not make 100 are
  // still a valid proportion, but a forgotten partner or a typo would go unnoticed: say how it was split.
  if (
    key === "profit" &&
    looksLikePercentages(
      totalWeight,
      byKey.map((a) => a.weight),
    )
  )
    ctx.warn(
      W.profitSharesNotHundred(
        totalWeight.toString().replace(".", ","),
        listOf(byKey, (a) => `${a.name} ${formatPercent(a.share, 2)}`),
      ),
    );
  const round = (d: Decimal) => roundForReport(d, "deduction", ctx.exact);
  const partners = p.partners.map((x, i): PartnerResult => {
    // Own investments that join the partnership's for this partner's row: before 2021 all of his own
    // investments (HR 2019/2020); from 2021 only his own assets used in this enterprise (lid 3).
    const own = refs.perEnterprise ? (x.ownAssetsInPartnership ?? ZERO) : (x.outsideInvestments ?? ZERO).plus(x.ownAssetsInPartnership ?? ZERO);
    const outside = refs.perEnterprise && x.outsideInvestments?.gt(0) ? kia(x.outsideInvestments, year, { exact: ctx.exact }) : undefined;
    // His part of the partnership's investments follows the deduction base (actual obligations where besluit 5
    // counts market values in the total); the row is found on the total plus his own.
    const part = byKey[i].share.times(y.deductionBase).plus(own);
    if (own.isZero())
      return {
        partner: x,
        share: byKey[i].share,
        part,
        kiaExact: byKey[i].amount,
        kia: round(byKey[i].amount),
        rate: y.rate,
        method: "share",
        outside,
      };
    const combinedTotal = y.total.plus(own);
    const combined = kia(combinedTotal, year, { exact: true });
    const fixed = !refs.perEnterprise && hr2019Fixed(combined.table, combinedTotal, part);
    // Pro rata in one division: KIA(T + own) x (w_i x D + own x W) / (W x (T + own)), so a key like 1/3 is not
    // rounded before it is applied.
    const kiaExact = fixed
      ? fixed
      : // exact (src/exact.ts): weights and amounts of 30 digits make products beyond Decimal's 50 digits
        Exact.of(combined.exact)
          .times(Exact.of(byKey[i].weight).times(y.deductionBase).plus(Exact.of(own).times(totalWeight)))
          .divTo(Exact.of(totalWeight).times(combinedTotal), QUOTIENT_DP, Decimal.ROUND_CEIL);
    return {
      partner: x,
      share: byKey[i].share,
      part,
      kiaExact,
      kia: round(kiaExact),
      rate: part.isZero() ? ZERO : kiaExact.div(part),
      method: refs.perEnterprise ? "own-assets" : fixed ? "hr-2019-fixed" : "hr-2020-pro-rata",
      combinedTotal,
      combined,
      outside,
    };
  });
  if (partners.some((x) => x.method.startsWith("hr-"))) for (const k of rules.partnership.legacyCaseRefs) ctx.use(k);
  const sumRounded = partners.reduce((s, x) => s.plus(x.kia), ZERO);
  if (!ctx.exact && partners.every((x) => x.method === "share") && !sumRounded.eq(y.kia))
    ctx.warn(W.partnershipRounding(formatEuroShort(sumRounded), formatEuroShort(y.kia)));
  const conditions = keyConditions(p, key);
  explainPartnership(p, y, partners, key, conditions, ctx);
  return {
    key,
    fellBack,
    perEnterprise: refs.perEnterprise,
    partners,
    conditions,
  };
}

const CONDITION_STATUS_NL: Record<ConditionStatus, string> = {
  met: "vervuld",
  "not-met": "niet vervuld",
  "to-confirm": "te bevestigen",
  "not-applicable": "niet van toepassing",
};

const BAND_NL: Record<BandKind, string> = {
  none: "onder de drempel",
  percentage: "in de schijf met een percentage",
  fixed: "in de schijf met het vaste bedrag",
  "phase-out": "in de afbouwschijf",
  "above-ceiling": "boven de afbouwschijf",
};

/** Which of the four regimes before 2021 applied to a partner with own investments and a pro rata KIA. */
function legacyRegime(x: PartnerResult): string {
  const table = x.combined!.table;
  const combined = findBand(table, x.combinedTotal!).kind;
  const own = findBand(table, x.part).kind;
  return combined === "fixed"
    ? `Het samengetelde totaal valt ${BAND_NL.fixed}, maar het eigen investeringsbedrag (${formatEuro(x.part)}) valt ${BAND_NL[own]}: geen vast bedrag (HR 24 mei 2019 vraagt dat beide in die schijf vallen), naar verhouding (HR 1 mei 2020).`
    : `Het samengetelde totaal valt ${BAND_NL[combined]}: naar verhouding (HR 1 mei 2020).`;
}

function explainPartnership(
  p: NPartnership,
  y: YearResult,
  partners: PartnerResult[],
  key: PartnershipKey,
  conditions: PartnershipCondition[],
  ctx: Context,
): void {
  const refs = partnershipRefs(ctx.year);
  const withOwn = partners.filter((x) => x.method !== "share");
  ctx.explain(
    (refs.perEnterprise
      ? `Samenwerkingsverband (vanaf 2021 per onderneming): de KIA over de investeringen van het samenwerkingsverband (${formatExactEuro(y.total)}) wordt verdeeld naar ${keyLabel(key)}.`
      : `Samenwerkingsverband (tot en met 2020): de investeringen voor het samenwerkingsverband (${formatExactEuro(y.total)}) worden samengeteld en de KIA wordt verdeeld naar ${keyLabel(key)}.`) +
      (withOwn.length
        ? refs.perEnterprise
          ? ` Vennoot ${listText(withOwn.map((x) => x.partner.name))} gebruikt ook eigen bedrijfsmiddelen in deze onderneming (buitenvennootschappelijk vermogen): voor die vennoot tellen de investeringen van het samenwerkingsverband en de eigen investeringen samen voor de schijf, en komt dat bedrag naar verhouding van het eigen deel (aandeel plus eigen investeringen) aan die vennoot toe.`
          : ` Vennoot ${listText(withOwn.map((x) => x.partner.name))} heeft ook eigen investeringen (als IB-ondernemer zelf: eigen bedrijfsmiddelen in het samenwerkingsverband of een eigen eenmanszaak): volgens HR 24 mei 2019 en HR 1 mei 2020 wordt de schijf van die vennoot gevonden op het totaal van het samenwerkingsverband plus de eigen investeringen, en komt de KIA naar verhouding van het eigen investeringsbedrag (aandeel plus eigen) aan die vennoot toe, tenzij zowel het eigen investeringsbedrag als het samengetelde totaal in de schijf met het vaste bedrag vallen: dan het hele vaste bedrag (HR 24 mei 2019).`
        : "") +
      (refs.perEnterprise
        ? " Een eigen eenmanszaak van een vennoot krijgt een eigen KIA; een bv van een vennoot is een andere belastingplichtige (vennootschapsbelasting) en telt hier nooit mee."
        : ""),
    refs.law,
  );
  if (p.key !== "profit") for (const c of conditions) ctx.explain(`Voorwaarde ${c.code} (${CONDITION_STATUS_NL[c.status]}): ${c.text}`, refs.allocation);
  for (const x of partners.slice(0, 50)) {
    const name = x.partner.name;
    const rounded = ctx.exact ? "." : `, afgerond ${formatEuroShort(x.kia)}.`;
    const own = x.combinedTotal ? x.combinedTotal.minus(y.total) : ZERO;
    let text: string;
    let r = refs.allocation;
    switch (x.method) {
      case "share":
        text = `${name}: aandeel ${formatPercent(x.share, 4)} x ${formatExactEuro(y.kiaExact)} = ${formatExactEuro(x.kiaExact)}${rounded}`;
        break;
      case "hr-2019-fixed":
        r = ctx.use("hr-2019");
        text = `${name}: het totaal van het samenwerkingsverband plus de eigen investeringen (${formatEuro(own)}) is ${formatEuro(x.combinedTotal!)} en het eigen investeringsbedrag (aandeel plus eigen) is ${formatEuro(x.part)}: beide vallen in de schijf met het vaste bedrag, dus het hele vaste bedrag ${formatEuroShort(x.kiaExact)} (niet naar verhouding).`;
        break;
      default:
        if (x.method === "hr-2020-pro-rata") r = ctx.use("hr-2020");
        else r = refs.law;
        text = `${name}: ${x.method === "hr-2020-pro-rata" ? `${legacyRegime(x)} ` : ""}Schijf op ${formatEuro(x.combinedTotal!)} (samenwerkingsverband plus eigen ${formatEuro(own)}) geeft ${formatExactEuro(x.combined!.exact)}; naar verhouding van het eigen deel ${formatEuro(x.part)} (aandeel ${formatPercent(x.share, 4)} plus eigen): ${formatExactEuro(x.combined!.exact)} x ${formatEuro(x.part)} / ${formatEuro(x.combinedTotal!)} = ${formatExactEuro(x.kiaExact)}${rounded}`;
    }
    if (x.outside) text += ` Eigen onderneming: KIA over ${formatExactEuro(x.outside.total)} = ${formatEuroShort(x.outside.rounded)}.`;
    ctx.explain(text, r);
  }
}
