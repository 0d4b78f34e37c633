/**
 * Step 6 of an evaluation: the KIA of earlier years that the payment criterion (art. 3.44 lid 1 Wet IB 2001) moved
 * forward: "het meerdere [wordt] in aanmerking genomen in de volgende kalenderjaren en wel voorzover betalingen
 * plaatsvinden, maar niet later dan in het kalenderjaar waarin het bedrijfsmiddel in gebruik wordt genomen". Per asset
 * of each earlier year (scenario carriedIn, handed on by that year's register, src/register):
 *  - taken into use by the end of this year: all of its open part is deductible this year;
 *  - else as far as it is paid this year (paid by this year's end minus paid before it): in year one the deduction
 *    was limited to "een bedrag gelijk aan de betaling", so each euro paid now releases a euro of KIA;
 *  - the rest stays open and travels on to the next year's register.
 * In a partnership each partner's open part is released the same way, his share (by the key of the investment year)
 * of this year's payment at a time: that is how his part was limited in the investment year (payment.ts).
 *
 * Rounding (docs/rounding.md): exact figures are kept per asset. The whole-euro part still open of an investment year
 * is the register's figure (that year's KIA minus its deductible, both whole euros); it is lowered to the remaining
 * exact part rounded down (the deduction as early as it can, in the taxpayer's favour), and what it is lowered by is
 * this year's whole-euro deduction. So over the years the whole-euro deductions of an investment year add up to that
 * year's whole-euro KIA, never a euro more or less.
 */
import { provideCarriedStep } from "./carried-hook";
import { type Context, listOf, plain } from "./context";
import { Decimal, ZERO } from "./decimal";
import { rules } from "./law";
import type { Warning } from "./explanation";
import { formatEuro, formatEuroShort } from "./money";
import type { CarriedFigures, CarriedInReport } from "./report";
import { roundForReport } from "./rounding";
import type { NCarriedAsset, NCarriedYear, NormalizedScenario } from "./scenario";

/**
 * This step's warnings (codes stable, as src/messages.ts's): here, so they load with the step (src/carried-hook.ts).
 */
const W = {
  carriedNotInUse(list: string, year: number): Warning {
    return {
      code: "CARRIED_NOT_IN_USE",
      text: `Nog niet in gebruik genomen aan het einde van ${year}, drie jaar na het begin van het investeringsjaar (${list}): een investering die niet binnen drie jaar in gebruik is genomen, geldt als ongedaan gemaakt (art. 3.47 Wet IB 2001); de genomen KIA kan dan worden bijgeteld. Controleer dit.`,
    };
  },
  carriedUnknown(list: string, year: number): Warning {
    return {
      code: "CARRIED_UNKNOWN",
      text: `Van ${list} staat niet vast of er in ${year} is betaald of of het in gebruik is genomen: het doorgeschoven deel van de KIA blijft open. Staat het in de investeringsstaat, vul daar Betaald of In gebruik in, of vink het aan bij "Uit eerdere jaren".`,
    };
  },
};

/** The whole-euro figures of a part: `before` open, `stillExact` of it stays open. */
function wholeEuros(before: Decimal, releasedExact: Decimal, stillExact: Decimal, exact: boolean): CarriedFigures {
  if (exact) return { deductible: plain(releasedExact), deductibleExact: plain(releasedExact), open: plain(stillExact), openExact: plain(stillExact) };
  // what stays open is rounded down: the deduction comes as early as it can (the taxpayer's favour, docs/rounding.md)
  const down = roundForReport(stillExact, "addition", false);
  const open = down.lt(before) ? down : before;
  return {
    deductible: plain(before.minus(open)),
    deductibleExact: plain(releasedExact),
    open: plain(open),
    openExact: plain(stillExact),
  };
}

/** What of one asset's open part is released this year, and on what basis. */
function release(a: NCarriedAsset): { paidNow: Decimal; basis: "in-use" | "paid" | "open"; released: (open: Decimal, share?: Decimal) => Decimal } {
  const paidNow = a.paid.minus(a.paidBefore);
  if (a.inUse) return { paidNow, basis: "in-use", released: (open) => open };
  if (paidNow.isZero()) return { paidNow, basis: "open", released: () => ZERO };
  return {
    paidNow,
    basis: "paid",
    released: (open, share) => {
      const pay = share ? paidNow.times(share) : paidNow;
      return pay.lt(open) ? pay : open;
    },
  };
}

export function carriedInStep(s: NormalizedScenario, deductibleThisYear: { rounded: Decimal; exact: Decimal }, ctx: Context): CarriedInReport | undefined {
  const list = s.carriedIn ?? [];
  if (!list.length) return undefined;
  const lawRef = ctx.use(rules.paymentCriterion.ref);
  let released = ZERO;
  let still = ZERO;
  let releasedRounded = ZERO;
  let stillRounded = ZERO;
  const partnerTotals = new Map<string, { released: Decimal; still: Decimal; releasedRounded: Decimal; stillRounded: Decimal }>();
  const years: CarriedInReport["years"] = list.map((y: NCarriedYear) => {
    let yReleased = ZERO;
    let yStill = ZERO;
    let yOpen = ZERO;
    const pSums = new Map<string, { open: Decimal; released: Decimal; still: Decimal }>();
    const assets = y.assets.map((a) => {
      const r = release(a);
      const rel = r.released(a.open);
      yReleased = yReleased.plus(rel);
      yStill = yStill.plus(a.open.minus(rel));
      yOpen = yOpen.plus(a.open);
      const partners = a.partners.map((p) => {
        const pr = r.released(p.open, p.share);
        const sum = pSums.get(p.name) ?? { open: ZERO, released: ZERO, still: ZERO };
        pSums.set(p.name, { open: sum.open.plus(p.open), released: sum.released.plus(pr), still: sum.still.plus(p.open.minus(pr)) });
        return { name: p.name, share: plain(p.share), openBefore: plain(p.open), deductibleExact: plain(pr), openExact: plain(p.open.minus(pr)) };
      });
      return {
        asset: a.asset,
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.amount !== undefined ? { amount: plain(a.amount) } : {}),
        openBefore: plain(a.open),
        paidThisYear: plain(r.paidNow),
        paid: plain(a.paid),
        inUse: a.inUse,
        basis: r.basis,
        ...(a.basis ? { from: a.basis } : {}),
        deductibleExact: plain(rel),
        openExact: plain(a.open.minus(rel)),
        ...(partners.length ? { partners } : {}),
      };
    });
    const before = s.exact ? yOpen : (y.open ?? roundForReport(yOpen, "deduction", false));
    const figures = wholeEuros(before, yReleased, yStill, s.exact);
    released = released.plus(yReleased);
    still = still.plus(yStill);
    releasedRounded = releasedRounded.plus(figures.deductible);
    stillRounded = stillRounded.plus(figures.open);
    const partners = [...pSums].map(([name, x]) => {
      const given = y.partners.find((p) => p.name === name)?.open;
      const pBefore = s.exact ? x.open : (given ?? roundForReport(x.open, "deduction", false));
      const f = wholeEuros(pBefore, x.released, x.still, s.exact);
      const t = partnerTotals.get(name) ?? { released: ZERO, still: ZERO, releasedRounded: ZERO, stillRounded: ZERO };
      partnerTotals.set(name, {
        released: t.released.plus(x.released),
        still: t.still.plus(x.still),
        releasedRounded: t.releasedRounded.plus(f.deductible),
        stillRounded: t.stillRounded.plus(f.open),
      });
      return { name, openBefore: plain(pBefore), ...f };
    });
    const src = y.source ? ` (${y.source})` : "";
    const why = (a: (typeof assets)[number]) =>
      a.basis === "in-use"
        ? `${a.asset}: in gebruik genomen, alles aftrekbaar ${formatEuro(new Decimal(a.deductibleExact))}`
        : a.basis === "paid"
          ? `${a.asset}: ${formatEuro(new Decimal(a.paidThisYear))} betaald in ${s.year}, aftrekbaar ${formatEuro(new Decimal(a.deductibleExact))}${new Decimal(a.openExact).isZero() ? "" : `, nog open ${formatEuro(new Decimal(a.openExact))}`}`
          : `${a.asset}: niet in gebruik genomen en niets betaald in ${s.year}, blijft open ${formatEuro(new Decimal(a.openExact))}`;
    ctx.explain(
      `KIA uit ${y.year} die doorschoof (betalingscriterium)${src}: ${listOf(assets, why)}. Aftrekbaar in ${s.year}: ${formatEuroShort(new Decimal(figures.deductible))}; blijft open: ${formatEuroShort(new Decimal(figures.open))}.`,
      lawRef,
    );
    return {
      year: y.year,
      ...(y.source !== undefined ? { source: y.source } : {}),
      openBefore: plain(before),
      ...figures,
      assets,
      ...(partners.length ? { partners } : {}),
    };
  });
  // Art. 3.47 (a deemed undoing of the investment): not taken into use within three years from the start of the investment year.
  const late = list.flatMap((y) => y.assets.filter((a) => !a.inUse && s.year - y.year >= 2).map((a) => ({ y: y.year, a })));
  if (late.length)
    ctx.warn(
      W.carriedNotInUse(
        listOf(late, (x) => `${x.a.asset} (${x.y})`),
        s.year,
      ),
    );
  const unknown = list.flatMap((y) =>
    y.assets.filter((a) => !a.inUse && a.paid.eq(a.paidBefore) && a.basis === undefined).map((a) => `${a.asset} (${y.year})`),
  );
  if (unknown.length)
    ctx.warn(
      W.carriedUnknown(
        listOf(unknown, (x) => x),
        s.year,
      ),
    );
  const totalRounded = deductibleThisYear.rounded.plus(releasedRounded);
  const totalExact = deductibleThisYear.exact.plus(released);
  ctx.explain(
    `Aftrekbaar in ${s.year}: KIA van ${s.year} ${formatEuroShort(deductibleThisYear.rounded)} plus uit eerdere jaren ${formatEuroShort(releasedRounded)} = ${formatEuroShort(totalRounded)}.`,
    lawRef,
  );
  return {
    deductible: plain(releasedRounded),
    deductibleExact: plain(released),
    open: plain(stillRounded),
    openExact: plain(still),
    years,
    ...(partnerTotals.size
      ? {
          partners: [...partnerTotals].map(([name, t]) => ({
            name,
            deductible: plain(t.releasedRounded),
            deductibleExact: plain(t.released),
            open: plain(t.stillRounded),
            openExact: plain(t.still),
          })),
        }
      : {}),
    totalDeductible: plain(totalRounded),
    totalDeductibleExact: plain(totalExact),
    ref: lawRef.label,
  };
}

provideCarriedStep(carriedInStep);
