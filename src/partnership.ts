/**
 * Partnership (samenwerkingsverband: vof, cv, maatschap). The KIA is computed on the partnership's total
 * investments (art. 3.41 lid 3; from 2021 per onderneming after the Wet overige fiscale maatregelen 2021)
 * and each partner receives it in proportion to his share of the investments.
 * The share follows the key: by statute the partner invested in proportion to his entitlement to the
 * profit (the inspector's default); by approval (besluit onderdeel 4.1.4, was 4.1.3 in 2009) the partners
 * may agree another reasonable key (capital ratio, shares in hidden reserves, profit shares, equal shares)
 * under conditions a-f, reported here with their status.
 */
import { Decimal, ZERO } from "./decimal";
import { KiaValidationError } from "./errors";
import { ref, rules } from "./law";
import type { NPartner, NPartnership, PartnershipKey } from "./scenario";

export type ConditionStatus =
  "met" | "not-met" | "to-confirm" | "not-applicable";

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

const KEY_NL: Record<PartnershipKey, string> = {
  profit: "winstgerechtigdheid",
  capital: "kapitaalsverhouding",
  reserves: "aandelen in de stille reserves",
  equal: "gelijke delen",
};

export function keyLabel(key: PartnershipKey): string {
  return KEY_NL[key];
}

/** The key that applies: an agreed key needs the joint request (condition f); without it, the profit share. */
export function effectiveKey(p: NPartnership): {
  key: PartnershipKey;
  fellBack: boolean;
} {
  if (p.key !== "profit" && p.jointRequest === false) {
    p.partners.forEach((partner, i) => {
      if (partner.profit === undefined) {
        throw new KiaValidationError(
          "MISSING_FIELD",
          `partnership.partners[${i}].profit`,
          undefined,
          "zonder gezamenlijk verzoek (jointRequest: false) geldt de winstverdeling; vul de winstgerechtigdheid van iedere vennoot in",
        );
      }
    });
    if (p.partners.every((x) => x.profit!.isZero())) {
      throw new KiaValidationError(
        "INVALID_KEY",
        "partnership.partners",
        "profit",
        "de winstaandelen zijn samen nul",
      );
    }
    return { key: "profit", fellBack: true };
  }
  return { key: p.key, fellBack: false };
}

export function weightOf(partner: NPartner, key: PartnershipKey): Decimal {
  return key === "equal" ? new Decimal(1) : partner[key]!;
}

/**
 * Split `amount` over the partners in proportion to their weights, exactly: the parts add up to `amount`
 * to the last digit. Each part is floored to the amount's own smallest unit (at least cents) and the units
 * left over go to the largest remainders (ties: the partner listed first). Shares are weight / total weight.
 */
export function allocate(
  amount: Decimal,
  partners: readonly NPartner[],
  key: PartnershipKey,
): Allocation[] {
  const weights = partners.map((p) => weightOf(p, key));
  const totalWeight = weights.reduce((s, w) => s.plus(w), ZERO);
  const dp = Math.max(2, amount.decimalPlaces());
  const scale = new Decimal(10).pow(dp);
  const units = amount.times(scale); // an integer by construction of dp
  const raw = weights.map((w) => units.times(w).div(totalWeight));
  const floors = raw.map((r) => r.floor());
  let left = units.minus(floors.reduce((s, f) => s.plus(f), ZERO)).toNumber();
  const order = raw
    .map((r, i) => ({ i, rem: r.minus(floors[i]) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--)
    floors[order[k].i] = floors[order[k].i].plus(1);
  return partners.map((p, i) => ({
    name: p.name,
    weight: weights[i],
    share: weights[i].div(totalWeight),
    amount: floors[i].div(scale),
  }));
}

/** Conditions a-f of the approval for an agreed key, with their status for this scenario. */
export function keyConditions(
  p: NPartnership,
  applied: PartnershipKey,
): PartnershipCondition[] {
  const agreed = p.key !== "profit";
  if (!agreed) {
    const na =
      "Niet nodig: de winstgerechtigdheid is de wettelijke hoofdregel; de goedkeuring voor een afwijkende sleutel wordt niet gebruikt.";
    return (["a", "b", "c", "d", "e", "f"] as const).map((code) => ({
      code,
      text: na,
      status: "not-applicable" as const,
    }));
  }
  const f: ConditionStatus =
    p.jointRequest === true
      ? "met"
      : p.jointRequest === false
        ? "not-met"
        : "to-confirm";
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
      status: "to-confirm",
      text: "De verdeling wordt toegepast op alle vormen van investeringsaftrek (ook EIA en MIA): te bevestigen.",
    },
    {
      code: "d",
      status: "met",
      text: "De verdeling wordt toegepast op alle vennootschappelijke investeringen (deze berekening verdeelt het hele totaal).",
    },
    {
      code: "e",
      status: "to-confirm",
      text: "Bij een latere desinvesteringsbijtelling wordt dezelfde verdeling gebruikt: te bevestigen.",
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
    perEnterprise: year >= rules.partnership.perEnterpriseFrom,
  };
}
