/**
 * Warning texts (Dutch). Codes are stable: adapters and tests rely on them. Lists of assets arrive already
 * bounded (context.ts listText: "a, b, c, d, e en 1.203 andere").
 */
import type { Warning } from "./explanation";
import type { Confidence } from "./law";

const CONFIDENCE_NL: Record<Confidence, string> = {
  official: "bevestigd in de wettekst, bij de Belastingdienst of in de rechtspraak",
  corroborated: "alleen bevestigd door niet-officiële bronnen (websites van adviseurs), niet in de wettekst, bij de Belastingdienst of in de rechtspraak",
  "single-source": "slechts door één niet-officiële bron bevestigd",
  inferred: "afgeleid, niet in een bron gevonden",
  unknown: "onbekend",
};

export function confidenceText(c: Confidence): string {
  return CONFIDENCE_NL[c];
}

export const warnings = {
  tableConfidence(year: number, c: Confidence, detail: string, lawUrl: string): Warning {
    return {
      code: "TABLE_CONFIDENCE",
      text: `De bedragen van de KIA-tabel ${year} zijn ${CONFIDENCE_NL[c]}${detail ? ` (${detail})` : ""}. Controleer ze tegen art. 3.41 Wet IB 2001 zoals het in ${year} luidde (${lawUrl}) of tegen belastingdienst.nl voordat u de aangifte indient.`,
    };
  },
  emissieloos(list: string): Warning {
    return {
      code: "EMISSIELOOS_CHECK",
      text: `Zeer zuinige of emissieloze personenauto (${list}): volgens de wettekst gold de uitzondering op de uitsluiting van personenauto's alleen 2010-2013; andere bronnen noemen latere jaren. Controleer of deze auto in dit jaar in aanmerking komt.`,
    };
  },
  relatedPartyExemption(list: string): Warning {
    return {
      code: "RELATED_PARTY_EXEMPTION",
      text: `Ontheffing voor verbonden partij (${list}): de aftrek volgt de werkelijke verplichting; voor het totaal telt de waarde in het economische verkeer (vul die waarde in als zij afwijkt, besluit onderdeel 5; een verplichting boven die waarde telt tot die waarde). Niet-nakoming binnen vijf jaar leidt tot een bijtelling.`,
    };
  },
  dateOutsideYear(list: string, year: number): Warning {
    return {
      code: "DATE_OUTSIDE_YEAR",
      text: `De datum van ${list} valt niet in ${year}. Een investering hoort bij het jaar waarin de verplichting is aangegaan (art. 3.43): controleer het jaar.`,
    };
  },
  override(list: string): Warning {
    return {
      code: "OVERRIDE",
      text: `Handmatig beoordeeld (${list}): de gebruiker heeft de beoordeling van de add-in vervangen; de reden staat bij de investering. Bewaar de onderbouwing bij het dossier.`,
    };
  },
  calamityEiaMia(id: string): Warning {
    return {
      code: "CALAMITY_EIA_MIA",
      text: `Calamiteit (${id}): op het verloren bedrijfsmiddel wordt EIA of MIA geclaimd. Wie voor EIA/MIA van twee investeringen uitgaat, kan de goedkeuring van onderdeel 4.4 voor de KIA niet gebruiken: de KIA is berekend zonder goedkeuring. Claim EIA/MIA alleen op de vervangende investering om de goedkeuring te kunnen gebruiken.`,
    };
  },
  calamityUnfavourable(without: string, withApproval: string): Warning {
    return {
      code: "CALAMITY_UNFAVOURABLE",
      text: `De gekozen calamiteitsgoedkeuring geeft per saldo minder aftrek (${withApproval} in plaats van ${without}). De goedkeuring is een keuze: geef geen keuze op om de voordeligste keuze te laten maken, of kies ervoor de goedkeuring niet te gebruiken.`,
    };
  },
  calamityNotApplied(id: string, why: string): Warning {
    return {
      code: "CALAMITY_NOT_APPLIED",
      text: `Calamiteitsgoedkeuring niet beschikbaar voor ${id}: ${why}`,
    };
  },
  partnershipRequest(key: string): Warning {
    return {
      code: "PARTNERSHIP_REQUEST",
      text: `Verdeelsleutel ${key} is een goedkeuring (besluit onderdeel 4.1.4): alleen met een gezamenlijk, ondertekend verzoek van alle vennoten (voorwaarde f), in te dienen voordat een aanslag van een van hen onherroepelijk vaststaat. Zonder verzoek gaat de inspecteur uit van de winstgerechtigdheid.`,
    };
  },
  partnershipKeyFallback(key: string, unmet: readonly ("c" | "e" | "f")[] = ["f"]): Warning {
    const why: Record<"c" | "e" | "f", string> = {
      c: "de verdeling geldt niet voor alle vormen van investeringsaftrek (voorwaarde c)",
      e: "de verdeling geldt niet voor een latere desinvesteringsbijtelling (voorwaarde e)",
      f: "er is geen gezamenlijk verzoek (voorwaarde f)",
    };
    return {
      code: "PARTNERSHIP_KEY_NOT_APPLIED",
      text: `Verdeelsleutel ${key} niet toegepast: ${unmet.map((c) => why[c]).join("; ")}. De KIA is verdeeld naar het aandeel in de (over)winst, de wettelijke hoofdregel.`,
    };
  },
  profitSharesNotHundred(sum: string, shares: string): Warning {
    return {
      code: "PROFIT_SHARES_NOT_100",
      text: `De winstaandelen tellen op tot ${sum}, niet tot 100% (of 1): de KIA is naar verhouding verdeeld (${shares}). Zijn het percentages of breuken, controleer dan of er een vennoot ontbreekt of een aandeel verkeerd staat.`,
    };
  },
  partnershipRounding(sum: string, kia: string): Warning {
    return {
      code: "PARTNERSHIP_ROUNDING",
      text: `Iedere vennoot rondt het eigen deel in de eigen aangifte af (naar boven, in het voordeel van de vennoot): samen ${sum}, terwijl de afgeronde KIA van het samenwerkingsverband ${kia} is.`,
    };
  },
  paymentCriterion(list: string): Warning {
    return {
      code: "PAYMENT_CRITERION",
      text: `Nog niet in gebruik genomen en niet volledig betaald (${list}): een deel van de KIA schuift door naar latere jaren (art. 3.44), naarmate wordt betaald en uiterlijk in het jaar van ingebruikneming.`,
    };
  },
  disinvestmentThreshold(year: number, c: Confidence, basis: string): Warning {
    return {
      code: "DISINVESTMENT_THRESHOLD_CONFIDENCE",
      text: `De drempel van de desinvesteringsbijtelling voor ${year} is ${CONFIDENCE_NL[c]} (${basis}). Controleer art. 3.47 lid 1 Wet IB 2001 voor dat jaar.`,
    };
  },
  calamityPartnerChoice(names: string, applied: boolean): Warning {
    return {
      code: "CALAMITY_PARTNER_CHOICE",
      text: `Calamiteitsgoedkeuring: de keuze voor het samenwerkingsverband (${applied ? "met" : "zonder"} goedkeuring) is per saldo niet de gunstigste voor ${names}. Iedere vennoot is een belastingplichtige; of een vennoot een eigen keuze kan maken, is niet vastgesteld (zie de uitleg per vennoot).`,
    };
  },
  exemptionPossibleUnknown(list: string, exempted: string): Warning {
    return {
      code: "EXEMPTION_POSSIBLE_UNKNOWN",
      text: `Voor ${exempted} wordt een ontheffing voor een verbonden partij geclaimd. Besluit onderdeel 5.1.3: dan telt de waarde in het economische verkeer van iedere andere investering bij een verbonden partij waarvoor ontheffing verkregen zou kunnen worden mee in het totale investeringsbedrag (niet in de aftrek). Geef bij ${list} aan of dat zo is (exemptionPossible); nu telt die niet mee in het totaal.`,
    };
  },
  disposalsTotalLinked(total: string, list: string, linked: string): Warning {
    return {
      code: "DISPOSALS_TOTAL_LINKED",
      text: `Het opgegeven totaal van de vervreemdingen (${total}) telt alleen vervreemdingen van investeringen uit eerdere jaren. De vervreemding van een investering van dit jaar (${list}, ${linked}) is daar apart bij opgeteld, omdat die afhangt van de keuze voor de calamiteitsgoedkeuring. Zat zij al in uw totaal, verlaag het totaal dan met dat bedrag.`,
    };
  },
  disposalEiaMia(list: string): Warning {
    return {
      code: "DISPOSAL_EIA_MIA",
      text: `Vervreemding van een investering met EIA of MIA (${list}): deze bijtelling betreft alleen de KIA. Art. 3.47 geldt ook voor de EIA en de MIA, met het percentage van die aftrek: bereken die bijtelling apart.`,
    };
  },
  disposalYearTotal(list: string, year: number, total: string): Warning {
    return {
      code: "DISPOSAL_YEAR_TOTAL",
      text: `Vervreemding van een investering uit ${year} (${list}): het opgegeven totaal van het investeringsjaar wijkt af van het totaal dat deze berekening voor ${year} vindt (${total}). Controleer het totaal, of koppel de vervreemding aan de investering zelf (dan volgt het totaal uit deze berekening).`,
    };
  },
};
