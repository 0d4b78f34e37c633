/** Warning texts (Dutch). Codes are stable: adapters and tests rely on them. */
import type { Warning } from "./explanation";
import type { Confidence } from "./law";

const CONFIDENCE_NL: Record<Confidence, string> = {
  official: "bevestigd in wettekst of bij de Belastingdienst",
  verified: "bevestigd door drie of meer bronnen",
  corroborated:
    "bevestigd door twee bronnen, nog niet tegen de wettekst of de Belastingdienst gecontroleerd",
  "single-source": "slechts door één bron bevestigd",
  inferred: "afgeleid, niet in een bron gevonden",
  unknown: "onbekend",
};

export function confidenceText(c: Confidence): string {
  return CONFIDENCE_NL[c];
}

export const warnings = {
  tableConfidence(year: number, c: Confidence, detail: string): Warning {
    return {
      code: "TABLE_CONFIDENCE",
      text: `De KIA-tabel ${year} is ${CONFIDENCE_NL[c]} (${detail}). Controleer de bedragen tegen de wettekst (art. 3.41 Wet IB 2001) of belastingdienst.nl voordat u de aangifte indient.`,
    };
  },
  emissieloos(ids: string[]): Warning {
    return {
      code: "EMISSIELOOS_CHECK",
      text: `Zeer zuinige of emissieloze personenauto (${ids.join(", ")}): volgens de wettekst gold de uitzondering op de uitsluiting van personenauto's alleen 2010-2013; andere bronnen noemen latere jaren. Controleer of deze auto in dit jaar in aanmerking komt.`,
    };
  },
  relatedPartyExemption(ids: string[]): Warning {
    return {
      code: "RELATED_PARTY_EXEMPTION",
      text: `Ontheffing voor verbonden partij (${ids.join(", ")}): gebruik als bedrag de reële verplichting; voor het totaal telt de waarde in het economische verkeer van alle bedrijfsmiddelen uit zulke verplichtingen mee (besluit onderdeel 5). Niet-nakoming binnen vijf jaar leidt tot bijtelling.`,
    };
  },
  calamityEiaMia(ids: string[]): Warning {
    return {
      code: "CALAMITY_EIA_MIA",
      text: `Calamiteit (${ids.join(", ")}): wie de goedkeuring van onderdeel 4.4 voor de KIA gebruikt, kan voor EIA of MIA niet van twee investeringen uitgaan. Neem voor EIA/MIA alleen de vervangende investering mee.`,
    };
  },
  calamityUnfavourable(without: string, withApproval: string): Warning {
    return {
      code: "CALAMITY_UNFAVOURABLE",
      text: `De calamiteitsgoedkeuring verlaagt de KIA (${withApproval} in plaats van ${without}). De goedkeuring is een keuze: zet "approval": false om haar niet toe te passen.`,
    };
  },
  calamityNotApplied(id: string, why: string): Warning {
    return {
      code: "CALAMITY_NOT_APPLIED",
      text: `Calamiteitsgoedkeuring niet toegepast op ${id}: ${why}`,
    };
  },
  partnershipRequest(key: string): Warning {
    return {
      code: "PARTNERSHIP_REQUEST",
      text: `Verdeelsleutel "${key}" is een goedkeuring (besluit onderdeel 4.1.4): alleen met een gezamenlijk, ondertekend verzoek van alle vennoten (voorwaarde f), in te dienen voordat een aanslag van een van hen onherroepelijk vaststaat. Zonder verzoek gaat de inspecteur uit van de winstverdeling.`,
    };
  },
  partnershipKeyFallback(key: string): Warning {
    return {
      code: "PARTNERSHIP_KEY_NOT_APPLIED",
      text: `Verdeelsleutel "${key}" niet toegepast: er is geen gezamenlijk verzoek (voorwaarde f). De KIA is verdeeld naar de winstgerechtigdheid, de wettelijke hoofdregel.`,
    };
  },
  partnershipLegacy(names: string[], year: number): Warning {
    return {
      code: "PARTNERSHIP_LEGACY",
      text: `Vennoot ${names.join(", ")} heeft ook eigen investeringen buiten het samenwerkingsverband. Voor ${year} (voor 2021) gelden de regels van HR 24 mei 2019 en HR 1 mei 2020: de investeringen worden samengeteld om de schijf te bepalen en de aftrek wordt naar rato toegerekend, met een uitzondering in de schijf met het vaste bedrag. Deze berekening rekent dat niet uit; bereken de KIA van deze vennoot afzonderlijk.`,
    };
  },
  partnershipRounding(): Warning {
    return {
      code: "PARTNERSHIP_ROUNDING",
      text: "Iedere vennoot rondt zijn eigen aandeel in zijn eigen aangifte af (naar boven, in zijn voordeel); de som van de afgeronde aandelen kan daardoor enkele euro's hoger zijn dan de afgeronde KIA van het samenwerkingsverband.",
    };
  },
  paymentCriterion(ids: string[]): Warning {
    return {
      code: "PAYMENT_CRITERION",
      text: `Nog niet in gebruik genomen en niet volledig betaald (${ids.join(", ")}): een deel van de KIA schuift door naar latere jaren (art. 3.44), naarmate wordt betaald en uiterlijk in het jaar van ingebruikneming.`,
    };
  },
  disinvestmentThreshold(year: number, c: Confidence, basis: string): Warning {
    return {
      code: "DISINVESTMENT_THRESHOLD_CONFIDENCE",
      text: `De drempel van de desinvesteringsbijtelling voor ${year} is ${CONFIDENCE_NL[c]} (${basis}). Controleer art. 3.47 lid 1 Wet IB 2001 voor dat jaar.`,
    };
  },
  disinvestmentPartnership(): Warning {
    return {
      code: "DISINVESTMENT_PARTNERSHIP",
      text: "Samenwerkingsverband: de desinvesteringsbijtelling moet met dezelfde verdeling worden berekend als destijds voor de investeringsaftrek (voorwaarde e). Of de drempel per vennoot of voor het samenwerkingsverband geldt, is niet bevestigd.",
    };
  },
  referenceUnverified(label: string, note: string): Warning {
    return {
      code: "REFERENCE_UNVERIFIED",
      text: `Wettekst niet geverifieerd: ${label} (${note}).`,
    };
  },
};
