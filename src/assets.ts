/**
 * Step 1 of an evaluation: every investment of the year on its own. Does the asset qualify (category,
 * art. 3.45 lid 1; the € 450 test per asset or group, art. 3.45 and besluit 2.2; or the user's written
 * override), and does its obligation count (related parties, art. 3.46; exemption, besluit 5)? The result is
 * the statutory position: the calamity approval (step 2) may still leave a lost asset out.
 */
import { AmountSum } from "./cents";
import { type Context, listOf, listText } from "./context";
import { type Decimal } from "./decimal";
import { eligibilityAssessor } from "./eligibility";
import type { Reason } from "./explanation";
import { categoryRule, getYearTable, ref, rules } from "./law";
import { warnings as W } from "./messages";
import { formatEuro, formatEuroShort } from "./money";
import { relatedPartyVerdict } from "./relatedParty";
import type { NInvestment, NormalizedScenario } from "./scenario";

export interface AssetsResult {
  /** per row (by index), 1 or 0: qualifies for KIA (category, group and € 450 test, or the override) */
  eligible: Uint8Array;
  /** per row (by index), 1 or 0: counts in the year's total by statute (eligible and not excluded by art. 3.46) */
  counts: Uint8Array;
  reasons: (readonly Reason[])[];
  /** exempted related-party obligations whose market value differs from the obligation (besluit 5) */
  marketValued: NInvestment[];
  /**
   * besluit 5.1.3: related-party assets without an exemption claimed for which one could be obtained; where any
   * exemption is claimed this year, their market value joins the year's total (not the deduction base)
   */
  inTotalOnly: NInvestment[];
  /**
   * What the later steps would otherwise each look for in a pass over every row (a ledger of 100.000 rows): the
   * rows with a reinvestment reserve, the rows lost by a calamity, the rows not in use at year end (each in the
   * scenario's order), and the counted rows' amounts added up in that order (the year's total before besluit 5.1.3).
   */
  reserves: NInvestment[];
  lost: NInvestment[];
  notInUse: NInvestment[];
  countedSum: AmountSum;
}

/** The HIR (or herbestedingsreserve) that lowers an asset's investment amount: without the besluit 4.2 declaration. */
export function reserveReduction(inv: NInvestment): Decimal | undefined {
  const r = inv.reinvestmentReserve;
  return r && !r.declaration && !r.amount.isZero() ? r.amount : undefined;
}

/** The asset's amounts are not its whole cents as entered (a market value or a reserve changes them). */
export function adjustedAmount(inv: NInvestment): boolean {
  return inv.marketValue !== undefined || reserveReduction(inv) !== undefined;
}

/** One key per asset: the rows of a group are one asset (besluit 2.2), a row without group is its own. */
export function assetKey(inv: NInvestment): string {
  return inv.group === undefined ? `#${inv.id}` : `g:${inv.group}`;
}

/** What an asset adds to the year's total: its market value where besluit 5 says so, else its amount. */
export function totalAmountOf(inv: NInvestment): Decimal {
  const v = inv.marketValue ?? inv.amount;
  const r = reserveReduction(inv);
  return r ? v.minus(r) : v;
}

/**
 * What an asset's deduction is computed on: its actual obligation, but (besluit onderdeel 5) an obligation to a
 * related party counts at most up to the asset's market value ("tot maximaal de waarde in het economische
 * verkeer", 5.1.2.3 of the 2009 besluit): the lower of the two where a market value is given.
 */
export function deductionAmountOf(inv: NInvestment): Decimal {
  const v = inv.marketValue !== undefined && inv.marketValue.lt(inv.amount) ? inv.marketValue : inv.amount;
  const r = reserveReduction(inv);
  return r ? v.minus(r) : v;
}

/** The reserve booked on an asset, as a reason of its own (the review step and the report show it per asset). */
function reserveReason(inv: NInvestment, year: number): Reason {
  const r = inv.reinvestmentReserve!;
  const name = r.kind === "hir" ? "herinvesteringsreserve" : "herbestedingsreserve";
  return r.declaration
    ? {
        code: "RESERVE_DECLARATION",
        text: `${name[0].toUpperCase()}${name.slice(1)} van ${formatEuro(r.amount)} afgeboekt; met de verklaring van besluit onderdeel 4.2 telt de kostprijs vóór afboeking (${formatEuro(inv.amount)}).`,
        ref: ref(r.kind === "hir" ? rules.reinvestmentReserve.ref : rules.reinvestmentReserve.herbestedingRef, year).label,
      }
    : {
        code: "RESERVE_REDUCES",
        text: `${name[0].toUpperCase()}${name.slice(1)} van ${formatEuro(r.amount)} afgeboekt: het investeringsbedrag voor de KIA is ${formatEuro(inv.amount.minus(r.amount))}; met de verklaring van besluit onderdeel 4.2 zou ${formatEuro(inv.amount)} tellen.`,
        ref: ref(rules.reinvestmentReserve.defaultRef, year).label,
      };
}

/** "3 investeringen in 2024; 2 tellen mee voor de KIA." in good Dutch for every count. */
function countText(n: number, counted: number, year: number, lost: boolean): string {
  if (n === 0) return `Geen investeringen in ${year}.`;
  const verb =
    counted === 0
      ? "geen enkele telt"
      : counted === 1
        ? n === 1
          ? "die telt"
          : "1 telt"
        : counted < n
          ? `${counted} tellen`
          : n === 2
            ? "beide tellen"
            : "alle tellen";
  const when = lost ? " volgens de wet, vóór de keuze voor de calamiteitsgoedkeuring (zie hierna)." : ".";
  return `${n === 1 ? "1 investering" : `${n} investeringen`} in ${year}; ${verb} mee voor de KIA${when}`;
}

/**
 * The pass over the rows: each row's verdict, and the rows each message and later step needs, collected on the way.
 * A function of its own, apart from the messages: it runs once per evaluation over every row (100.000 in a large
 * ledger), so it is compiled while it runs (on-stack replacement), and the messages' code has nothing to undo that.
 */
function rowPass(investments: readonly NInvestment[], year: number, minimum: Decimal) {
  const verdictOf = eligibilityAssessor(investments, year, minimum);
  const n = investments.length;
  // yes/no per row as bytes: 200 kB outside the JavaScript heap for 100.000 rows, where two arrays of booleans are
  // 1,6 MB in it for the garbage collector
  const eligible = new Uint8Array(n);
  const counts = new Uint8Array(n);
  const reasons: (readonly Reason[])[] = new Array(n);
  const byCategory = new Map<string, { refKey: string; ids: string[] }>();
  const inExcludedGroup: string[] = [];
  const below: NInvestment[] = [];
  const related: string[] = [];
  const exempted: string[] = [];
  const overridden: NInvestment[] = [];
  const marketValued: NInvestment[] = [];
  const aboveMarket: NInvestment[] = [];
  const emissieloos: string[] = [];
  const possible: NInvestment[] = [];
  const possibleUnknown: string[] = [];
  const reserves: NInvestment[] = [];
  const otherYear: string[] = [];
  const lostRows: NInvestment[] = [];
  const notInUse: NInvestment[] = [];
  const countedSum = new AmountSum();
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const inv = investments[i];
    const v = verdictOf(inv);
    let rs = v.reasons;
    let ok = v.eligible;
    if (v.warning === "EMISSIELOOS_CHECK") emissieloos.push(inv.id);
    if (inv.date !== undefined && !inv.date.startsWith(String(year))) otherYear.push(inv.id);
    if (inv.override) {
      overridden.push(inv);
      ok = inv.override.eligible;
      rs = [
        ...rs,
        {
          code: "OVERRIDE",
          text: `Handmatig beoordeeld: ${ok ? "telt mee" : "telt niet mee"}. Reden: ${inv.override.reason}`,
          ref: "handmatige beoordeling door u",
        },
      ];
    } else if (!ok) {
      const first = rs[0];
      if (v.excludedBy) inExcludedGroup.push(inv.id);
      else if (first.code === "CATEGORY_ELIGIBLE") below.push(inv);
      else {
        const key = inv.category.label;
        let e = byCategory.get(key);
        if (!e)
          byCategory.set(
            key,
            (e = {
              refKey: categoryRule(inv.category, year)?.ref ?? "wetib-3.45-1",
              ids: [],
            }),
          );
        e.ids.push(inv.id);
      }
    }
    let c = ok;
    if (inv.reinvestmentReserve) {
      reserves.push(inv);
      rs = [...rs, reserveReason(inv, year)];
    }
    if (inv.relatedParty) {
      const rp = relatedPartyVerdict(inv.exemption, year);
      rs = [...rs, rp.reason];
      if (rp.counts) {
        exempted.push(inv.id);
        if (ok && inv.marketValue !== undefined && !inv.marketValue.eq(inv.amount)) {
          marketValued.push(inv);
          if (inv.marketValue.lt(inv.amount)) aboveMarket.push(inv);
        }
      } else {
        if (ok) related.push(inv.id);
        if (ok && inv.exemptionPossible === true) possible.push(inv);
        else if (ok && inv.exemptionPossible === undefined) possibleUnknown.push(inv.id);
        c = false;
      }
    }
    eligible[i] = ok ? 1 : 0;
    counts[i] = c ? 1 : 0;
    reasons[i] = rs;
    if (c) {
      counted++;
      // the year's total: whole cents as integers; a market value, a reserve or more decimals as a Decimal
      const cents = adjustedAmount(inv) ? -1 : (inv.cents ?? -1);
      if (cents >= 0) countedSum.addCents(cents);
      else countedSum.addDecimal(totalAmountOf(inv));
    }
    if (inv.lostByCalamity) lostRows.push(inv);
    if (!inv.inUse) notInUse.push(inv);
  }
  return {
    eligible,
    counts,
    reasons,
    byCategory,
    inExcludedGroup,
    below,
    related,
    exempted,
    overridden,
    marketValued,
    aboveMarket,
    emissieloos,
    possible,
    possibleUnknown,
    reserves,
    otherYear,
    lostRows,
    notInUse,
    countedSum,
    counted,
  };
}

export function assetsStep(s: NormalizedScenario, ctx: Context): AssetsResult {
  const { investments, year } = s;
  const n = investments.length;
  const minimum = getYearTable(year).minAssetAmount;
  const {
    eligible,
    counts,
    reasons,
    byCategory,
    inExcludedGroup,
    below,
    related,
    exempted,
    overridden,
    marketValued,
    aboveMarket,
    emissieloos,
    possible,
    possibleUnknown,
    reserves,
    otherYear,
    lostRows,
    notInUse,
    countedSum,
    counted,
  } = rowPass(investments, year, minimum);
  if (emissieloos.length) ctx.warn(W.emissieloos(listText(emissieloos)));
  // Besluit 5.1.3 only matters in a year in which an exemption is claimed.
  const inTotalOnly = exempted.length ? possible : [];
  for (const inv of inTotalOnly)
    reasons[inv.index] = [
      ...reasons[inv.index],
      {
        code: "EXEMPTION_POSSIBLE",
        text: `Ontheffing niet gevraagd maar wel mogelijk: de waarde in het economische verkeer (${formatEuro(totalAmountOf(inv))}) telt mee in het totale investeringsbedrag, niet in de aftrek.`,
        ref: ref(rules.relatedParty.possibleRef, year).label,
      },
    ];
  if (exempted.length && possibleUnknown.length) ctx.warn(W.exemptionPossibleUnknown(listText(possibleUnknown), listText(exempted)));
  if (exempted.length) ctx.warn(W.relatedPartyExemption(listText(exempted)));
  if (otherYear.length) ctx.warn(W.dateOutsideYear(listText(otherYear), year));
  if (overridden.length) ctx.warn(W.override(listText(overridden.map((x) => x.id))));

  ctx.explain(countText(n, counted, year, lostRows.length > 0), ctx.use("wetib-3.41-1"));
  for (const [label, e] of byCategory) {
    ctx.explain(`Uitgesloten bedrijfsmiddel (${label.toLowerCase()}): ${listText(e.ids)}.`, ctx.use(e.refKey));
  }
  if (inExcludedGroup.length)
    ctx.explain(
      `Onderdeel van een uitgesloten bedrijfsmiddel (groep met een uitgesloten categorie): ${listText(inExcludedGroup)}.`,
      ctx.use(rules.minimumAssetAmount.componentRef),
    );
  if (below.length)
    ctx.explain(
      `Investeringsbedrag per bedrijfsmiddel minder dan ${formatEuroShort(minimum)}: ${listOf(below, (inv) =>
        inv.group === undefined ? `${inv.id} (${formatEuro(inv.amount)})` : `${inv.id} (groep "${inv.group}")`,
      )}.`,
      ctx.use(rules.minimumAssetAmount.ref),
    );
  if (related.length)
    ctx.explain(`Verplichting met een verbonden partij zonder ontheffing, telt niet mee: ${listText(related)}.`, ctx.use(rules.relatedParty.ref));
  if (exempted.length)
    ctx.explain(`Verplichting met een verbonden partij met ontheffing, telt mee: ${listText(exempted)}.`, ctx.use(rules.relatedParty.exemptionRef));
  if (inTotalOnly.length)
    ctx.explain(
      `Verbonden partij zonder geclaimde ontheffing, waarvoor die wel verkregen zou kunnen worden: de waarde in het economische verkeer telt mee in het totale investeringsbedrag (voor het percentage), niet in de aftrek: ${listOf(
        inTotalOnly,
        (inv) => `${inv.id} (${formatEuro(totalAmountOf(inv))})`,
      )}.`,
      ctx.use(rules.relatedParty.possibleRef),
    );
  for (const inv of reserves.slice(0, 20)) {
    const r = inv.reinvestmentReserve!;
    const name = r.kind === "hir" ? "herinvesteringsreserve" : "herbestedingsreserve";
    ctx.explain(
      r.declaration
        ? `${inv.id}: ${name} van ${formatEuro(r.amount)} afgeboekt; met de verklaring van besluit onderdeel 4.2 (bijlage 1)${r.kind === "herbesteding" ? ", via onderdeel 4.3," : ""} telt de kostprijs vóór afboeking: ${formatEuro(inv.amount)}. Voorwaarde a: bij een latere desinvestering van dit en van het afgestane bedrijfsmiddel is de grondslag van de desinvesteringsbijtelling de overdrachtsprijs (of de waarde in het economische verkeer), niet de boekwaarde.`
        : `${inv.id}: ${name} van ${formatEuro(r.amount)} afgeboekt: het investeringsbedrag voor de KIA is ${formatEuro(inv.amount)} − ${formatEuro(r.amount)} = ${formatEuro(inv.amount.minus(r.amount))} (HR 24 december 1975, nr. 17 795). Met de verklaring van besluit onderdeel 4.2 (bijlage 1) zou de kostprijs vóór afboeking tellen.`,
      ctx.use(
        !r.declaration ? rules.reinvestmentReserve.defaultRef : r.kind === "hir" ? rules.reinvestmentReserve.ref : rules.reinvestmentReserve.herbestedingRef,
      ),
    );
  }
  if (aboveMarket.length)
    ctx.explain(
      `Verplichting met een verbonden partij hoger dan de waarde in het economische verkeer: de verplichting telt tot ten hoogste die waarde, voor het totaal en voor de aftrek: ${listOf(
        aboveMarket,
        (inv) => `${inv.id} (verplichting ${formatEuro(inv.amount)}, waarde ${formatEuro(inv.marketValue!)})`,
      )}.`,
      ctx.use(rules.relatedParty.exemptionRef),
    );
  for (const inv of overridden.slice(0, 5))
    ctx.explain(`${inv.id}: handmatig beoordeeld als ${inv.override!.eligible ? "meetellend" : "niet meetellend"}; reden: ${inv.override!.reason}`);
  if (overridden.length > 5) ctx.explain(`En ${overridden.length - 5} andere handmatig beoordeelde investering(en); zie de redenen per investering.`);
  return { eligible, counts, reasons, marketValued, inTotalOnly, reserves, lost: lostRows, notInUse, countedSum };
}
