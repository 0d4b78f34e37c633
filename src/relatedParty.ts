/**
 * Related parties (art. 3.46 lid 1 Wet IB 2001): obligations between the taxpayer and members of his
 * household, relatives in the direct line, co-heirs of an estate, or a body in which he holds at least a
 * third do not count for the investment deduction, unless an exemption (ontheffing) was granted under
 * art. 3.46 lid 2 and besluit onderdeel 5.
 */
import type { Reason } from "./explanation";
import { ref, rules } from "./law";

export function relatedPartyVerdict(exemption: boolean, year: number): { counts: boolean; reason: Reason } {
  if (exemption) {
    return {
      counts: true,
      reason: {
        code: "RELATED_PARTY_EXEMPTION",
        text: "Verplichting met een verbonden partij (art. 3.46), maar ontheffing is verleend: telt mee voor de reële verplichting (besluit onderdeel 5).",
        ref: ref(rules.relatedParty.exemptionRef, year).label,
      },
    };
  }
  return {
    counts: false,
    reason: {
      code: "RELATED_PARTY",
      text: "Verplichting aangegaan met een verbonden partij (huishouden, bloed- of aanverwant in de rechte lijn, mede-erfgenaam of lichaam met belang van ten minste een derde): telt niet mee voor de investeringsaftrek, tenzij ontheffing is verleend.",
      ref: ref(rules.relatedParty.ref, year).label,
    },
  };
}
