/**
 * Calamity approval (besluit investeringsaftrek onderdeel 4.4): when an asset bought in a year is lost by a
 * calamity and replaced in that same year, the lost asset may be left out of the KIA. By statute all of the
 * year's qualifying investments count (art. 3.41 lid 1); the approval is an explicit, opt-in exception.
 * Conditions (each reported): the lost asset is an investment of this year that would count; it is replaced
 * in this year by an identified investment; the approval is requested (the default when an asset is marked lost).
 */
import type { Decimal } from "./decimal";
import { ref, rules } from "./law";
import type { NInvestment } from "./scenario";

export interface CalamityCondition {
  code: "LOST_COUNTS" | "REPLACED_SAME_YEAR" | "REQUESTED";
  text: string;
  met: boolean;
}

export interface CalamityItem {
  id: string;
  replacedBy: string;
  applied: boolean;
  conditions: CalamityCondition[];
  eiaMia: boolean;
}

export function assessCalamity(
  investments: readonly NInvestment[],
  countsWithoutApproval: readonly boolean[],
  byId: ReadonlyMap<string, NInvestment>,
): CalamityItem[] {
  const items: CalamityItem[] = [];
  for (const inv of investments) {
    const lost = inv.lostByCalamity;
    if (!lost) continue;
    const replacement = byId.get(lost.replacedBy)!;
    const conditions: CalamityCondition[] = [
      {
        code: "LOST_COUNTS",
        met: countsWithoutApproval[inv.index],
        text: countsWithoutApproval[inv.index]
          ? `${inv.id} is in dit jaar aangeschaft en telt mee voor de KIA.`
          : `${inv.id} telt ook zonder de goedkeuring niet mee voor de KIA (zie de redenen bij dit bedrijfsmiddel); er valt niets uit te sluiten.`,
      },
      {
        code: "REPLACED_SAME_YEAR",
        met: true,
        text: `${inv.id} is in hetzelfde jaar vervangen door ${replacement.id}.`,
      },
      {
        code: "REQUESTED",
        met: lost.approval,
        text: lost.approval
          ? "De goedkeuring wordt toegepast (gevraagd)."
          : 'De goedkeuring is niet gevraagd ("approval": false).',
      },
    ];
    items.push({
      id: inv.id,
      replacedBy: replacement.id,
      applied: conditions.every((c) => c.met),
      conditions,
      eiaMia: inv.eiaMia,
    });
  }
  return items;
}

export function calamityRef(year: number): string {
  return ref(rules.calamity.ref, year).label;
}

/** Sum of the amounts of these lost assets. */
export function excludedAmount(
  items: readonly CalamityItem[],
  byId: ReadonlyMap<string, NInvestment>,
  zero: Decimal,
): Decimal {
  let sum = zero;
  for (const it of items) sum = sum.plus(byId.get(it.id)!.amount);
  return sum;
}
