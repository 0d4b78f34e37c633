/**
 * The calamity approval (besluit 4.4) in a partnership, seen from each partner. Each partner is a separate taxpayer
 * (besluit 4.1.1), so besides the one choice made for the partnership (calamity.ts: the higher net result of the
 * partnership) this shows what each partner's own choice would be: his KIA minus his disinvestment addition, without
 * and with the approval. Whether one partner may choose otherwise than another is an open question
 * (docs/scenario.md); the figures are shown so the adviser can see where it matters.
 */
import type { Alternative, TableStepResult } from "./calamity";
import { Context, listText } from "./context";
import { ZERO, type Decimal } from "./decimal";
import { assessDisposals, partnerDisinvestments, type EarlierDisposals } from "./disinvestment";
import { warnings as W } from "./messages";
import { formatExactEuro } from "./money";
import { partnershipStep } from "./partnership";
import type { NormalizedScenario } from "./scenario";
import { rules } from "./law";

export interface PartnerCalamity {
  name: string;
  kiaWithoutExact: Decimal;
  kiaWithExact: Decimal;
  additionWithoutExact: Decimal;
  additionWithExact: Decimal;
  netWithoutExact: Decimal;
  netWithExact: Decimal;
  /** the partner's own choice if he chose alone: the higher net result (ties: without, the statute) */
  prefers: "with" | "without";
}

/** Each partner's KIA and addition in one outcome of the calamity choice. */
function perPartner(
  s: NormalizedScenario,
  alt: Alternative,
  counts: Uint8Array,
  earlier: EarlierDisposals | undefined,
): { kia: Decimal[]; addition: Decimal[] } {
  const scratch = new Context(s.year, s.exact);
  const p = partnershipStep(s.partnership!, alt.year, scratch);
  const kia = p.partners.map((x) => x.kiaExact);
  if (!earlier || !s.disposals.length) return { kia, addition: kia.map(() => ZERO) };
  const out = new Set(alt.year.excluded);
  const d = assessDisposals(s, alt.year, (inv) => counts[inv.index] === 1 && !out.has(inv), s.byId, earlier);
  const level = s.partnership!.disinvestmentLevel;
  const addition = partnerDisinvestments(s, d, p).map((x) => (level === "partner" ? x.ownExact : x.levelExact));
  return { kia, addition };
}

export function partnerCalamity(
  s: NormalizedScenario,
  table: TableStepResult,
  statutoryCounts: Uint8Array,
  earlier: EarlierDisposals | undefined,
  ctx: Context,
): PartnerCalamity[] {
  const c = table.calamity!;
  const without = perPartner(s, c.without, statutoryCounts, earlier);
  const withIt = perPartner(s, c.with, statutoryCounts, earlier);
  const list = s.partnership!.partners.map((p, i): PartnerCalamity => {
    const netWithoutExact = without.kia[i].minus(without.addition[i]);
    const netWithExact = withIt.kia[i].minus(withIt.addition[i]);
    return {
      name: p.name,
      kiaWithoutExact: without.kia[i],
      kiaWithExact: withIt.kia[i],
      additionWithoutExact: without.addition[i],
      additionWithExact: withIt.addition[i],
      netWithoutExact,
      netWithExact,
      prefers: netWithExact.gt(netWithoutExact) ? "with" : "without",
    };
  });
  const chosen = c.applied.length ? "with" : "without";
  const ref = ctx.use(rules.calamity.ref);
  ctx.explain(
    `Calamiteitsgoedkeuring per vennoot (iedere vennoot is een belastingplichtige; zie de open vraag): ` +
      list
        .map(
          (x) =>
            `${x.name}: zonder goedkeuring per saldo ${formatExactEuro(x.netWithoutExact)}, met goedkeuring ${formatExactEuro(x.netWithExact)}, de eigen keuze zou ${x.prefers === "with" ? "de goedkeuring" : "de wettelijke hoofdregel"} zijn`,
        )
        .join("; ") +
      ".",
    ref,
  );
  const differ = list.filter((x) => x.prefers !== chosen && !x.netWithExact.eq(x.netWithoutExact));
  if (differ.length) ctx.warn(W.calamityPartnerChoice(listText(differ.map((x) => x.name)), chosen === "with"));
  return list;
}
