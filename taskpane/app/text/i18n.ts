/**
 * The pane's own words, Dutch first. English when Office's display language is English (the standalone page:
 * the browser's language). The core's texts — reasons, the explanation, warnings, conditions, validation
 * messages — are Dutch only: they go into a Dutch tax return and its file, and are shown as the core wrote them.
 */
import { FIELD_NAMES_NL, type LedgerField } from "../../../src/workbook/ledger";
import { TERMS } from "../../../src/terms";
import { datesYearText, noYearText } from "../../../src/workbook/rules";
import type { PartnershipKey } from "../../../src/scenario";
import type { AssetFilter } from "../model/assets";
import type { StepId } from "../model/state";

export type Lang = "nl" | "en";

const nl = {
  appTitle: "KIA-rekenhulp",
  appSubtitle: "Kleinschaligheidsinvesteringsaftrek, art. 3.41 Wet IB 2001",
  standaloneNote: "Losse browserpagina: deze pagina draait buiten Excel. Uw bestand blijft op deze computer; de pagina maakt geen verbinding met internet.",
  dutchOnlyNote: "",

  // source
  ledgerHeading: "Vaste-activastaat",
  table: "Tabel",
  readTable: "Lees tabel",
  readSelection: "Lees selectie",
  readOnlyNote: "De staat wordt alleen gelezen, nooit gewijzigd.",
  // what the reader read from where, and what it passed over (ReadNotes.tsx)
  readFrom: "Gelezen uit de werkmap",
  readParts: { ledger: "Staat", partners: "Vennoten", disposals: "Desinvesteringen", year: "Jaar" },
  notInBook: "niet gevonden",
  notRead: (n: number) => (n === 1 ? "1 blad of tabel niet gelezen" : `${n} bladen of tabellen niet gelezen`),
  noTables: "Deze werkmap heeft geen tabellen. Selecteer het bereik met de staat (met de kopregel) en kies ‘Lees selectie’.",
  chooseFile: "Kies een bestand…",
  fileHint: "Een Excel-werkmap (.xlsx) of CSV-bestand met de staat van investeringen.",
  trySample: "Probeer het voorbeeld",
  sampleNote:
    "Het voorbeeld is een staat over 2025 met een calamiteit, een samenwerkingsverband van drie vennoten, een onbetaald bedrijfsmiddel en een verbonden partij.",
  readingRows: (n: string, total: string) => `${n} van ${total} rijen gelezen`,
  reading: "Bezig met lezen…",
  readingPart: (pct: number) => `${pct}% van het bestand gelezen`,
  stopReading: "Stoppen",
  /** `lines`: the reader's count of the ledger (src/workbook/lines.ts ledgerLinesText), as the report and kia-calc say it */
  loadedFrom: (name: string, lines: string) => `${name} · ${lines}`,
  columnsFound: (n: number) => `${n} kolommen herkend`,
  problemCount: (n: number) => (n === 0 ? "geen problemen" : n === 1 ? "1 probleem in de staat" : `${n} problemen in de staat`),
  change: "wijzig",
  unreadableFile: (name: string) =>
    `${name} is geen leesbare Excel-werkmap (.xlsx) of CSV-bestand. Sla het bestand in Excel opnieuw op als .xlsx of als .csv en open het dan hier.`,
  yearCheck: "Controleer het belastingjaar",
  otherYearRows: (n: number, year: number) =>
    `${n === 1 ? "1 investering" : `${n} investeringen`}: de datum valt niet in ${year}; ${n === 1 ? "die telt" : "die tellen"} niet mee tot u bij de vragen hieronder kiest (het jaar van de verplichting beslist, art. 3.43).`,
  // how the year was found, in kia-calc's words (src/workbook/rules.ts)
  yearFromDates: (d: { year: number; dated: number; investments: number }) => {
    const words = datesYearText(d);
    return `${words[0].toUpperCase()}${words.slice(1)}.`;
  },
  yearGuess: (years: number[], year: number) => `Let op: ${noYearText(years)}. Nu staat ${year} ingesteld; kies het juiste belastingjaar.`,
  anotherLedger: "Andere staat of tabel inlezen",
  year: TERMS.nl.taxYear,
  restored: "Uw eerdere keuzes voor deze staat zijn teruggezet (handmatige beoordelingen, calamiteit, vennoten, vervreemdingen).",
  forget: "Begin opnieuw zonder die keuzes",

  // mapping
  mappingSummary: (n: number) => `Kolommen: ${n} herkend`,
  mappingChanged: " (aangepast)",
  mappingIntro:
    "Welke kolom hoort bij welk gegeven. Pas aan waar de kopregel anders heet; de indeling wordt in het document bewaard en volgende keer weer gebruikt.",
  notInLedger: "— niet in de staat —",
  column: (letter: string, header: string) => `${letter}: ${header}`,
  required: "verplicht",
  redetect: "Kolommen opnieuw herkennen",
  missingRequired: (fields: string) => `Zonder kolom voor ${fields} kan de staat niet worden gelezen.`,

  // problems
  problemsHeading: (n: number) => (n === 1 ? "1 probleem in de staat" : `${n} problemen in de staat`),
  problemsIntro: "Deze rijen tellen niet mee tot ze zijn verbeterd; de andere rijen werken gewoon.",
  goToCell: (cell: string) => `Ga naar ${cell}`,
  moreProblems: (n: number) => `en nog ${n}`,
  showAllProblems: "Toon alle",

  // summary
  kiaFor: (year: number) => `KIA ${year}`,
  announce: (year: number, kia: string, total: string) => `KIA ${year}: ${kia} op een totaal van ${total}.`,
  noResult: "Geen berekening",
  provisional: (open: number, leftOut: number, examples = 0) =>
    `Voorlopig: ${[open ? `${open} ${open === 1 ? "open vraag" : "open vragen"}` : "", leftOut ? `${leftOut} ${leftOut === 1 ? "regel" : "regels"} niet meegeteld` : "", examples ? `${examples} ${examples === 1 ? "voorbeeldregel" : "voorbeeldregels"} van het KIA-werkblad (wissen)` : ""].filter(Boolean).join(", ")}`,
  provisionalLink: "Naar de regels",
  goToField: "Naar het veld",
  totalLine: (total: string, n: number) => `totaal ${total} · ${n} ${n === 1 ? "bedrijfsmiddel telt" : "bedrijfsmiddelen tellen"} mee`,
  noLedgerYet: "Lees eerst de vaste-activastaat in.",

  // steps
  stepsLabel: "Stappen",
  steps: {
    review: "Activa",
    calamity: "Calamiteit",
    partnership: "Vennoten",
    payment: "Betaling",
    report: "Rapport",
  } as Record<StepId, string>,
  stepTitles: {
    review: "Beoordeling per bedrijfsmiddel",
    calamity: "Calamiteit (besluit 4.4)",
    partnership: "Samenwerkingsverband (art. 3.41 lid 3)",
    payment: "Betaling en desinvesteringen",
    report: "Rapport",
  } as Record<StepId, string>,
  next: "Verder",

  // review
  assets: TERMS.nl.assets,
  countedOf: (c: number, n: number) => `${c} van ${n} tellen mee`,
  total: TERMS.nl.totalInvestments,
  kia: "KIA",
  deductibleThisYear: TERMS.nl.deductibleThisYear,
  carriedForward: "Naar een later jaar",
  show: "Toon",
  filters: {
    all: "Alle",
    counted: "Tellen mee",
    excluded: "Tellen niet mee",
    "below-minimum": "Onder €\u00a0450",
    "related-party": "Verbonden partij",
    unpaid: "Niet betaald of niet in gebruik",
    override: "Handmatig beoordeeld",
    calamity: "Calamiteit",
  } as Record<AssetFilter, string>,
  searchLabel: "Zoek op nummer, omschrijving of categorie",
  counts: "Telt mee",
  notCounted: "Telt niet mee",
  kiaPart: "KIA-deel",
  kiaPartNote:
    "KIA-deel: de KIA van het jaar, naar verhouding van het bedrag over de bedrijfsmiddelen die meetellen verdeeld (in centen). Het telt op tot de KIA.",
  rowNr: (row: number) => `rij ${row}`,
  nr: (id: string) => `nr. ${id}`,
  group: (g: string) => `groep ${g}`,
  overridden: "Handmatig",
  overrideReason: (r: string) => `Handmatig beoordeeld: ${r}`,
  changeVerdict: "Beoordeling aanpassen",
  changeOverride: "Handmatige beoordeling wijzigen",
  previous: "Vorige",
  nextPage: "Volgende",
  pageOf: (from: string, to: string, n: string) => `${from}–${to} van ${n}`,
  noneInFilter: "Geen bedrijfsmiddelen bij dit filter.",
  why: "Waarom",

  // override dialog
  overrideTitle: (name: string) => `Beoordeling aanpassen: ${name}`,
  overrideIntro: "Een handmatige beoordeling vervangt de toets van categorie en €\u00a0450-grens. Ze komt met uw reden in het rapport en in de toelichting.",
  eligibleYes: "Komt in aanmerking voor KIA",
  eligibleNo: "Komt niet in aanmerking voor KIA",
  verdict: "Beoordeling",
  reason: "Reden (verplicht)",
  reasonHint: "Bijvoorbeeld: onderdeel van de machine, factuur 2025-114 in het dossier.",
  reasonTooShort: "Schrijf de reden op (minstens 10 tekens): die komt in het rapport.",
  save: "Opslaan",
  cancel: "Annuleren",
  removeOverride: "Handmatige beoordeling verwijderen",
  coreVerdict: (v: string) => `Beoordeling volgens de wet: ${v}`,

  // calamity
  calamityIntro:
    "Gaat een bedrijfsmiddel dat dit jaar is aangeschaft door een calamiteit verloren en wordt het in hetzelfde jaar vervangen, dan mag het verloren bedrijfsmiddel buiten het totaal blijven. Dat is een keuze: de berekening gebruikt de goedkeuring als die per saldo het gunstigst is, tenzij u anders kiest.",
  noCalamity: "Geen calamiteit in deze staat.",
  lostAsset: TERMS.nl.lostAsset,
  replacedBy: "Vervangen door",
  choose: "— kies —",
  approval: "Goedkeuring",
  approvalAuto: "Automatisch (gunstigst)",
  approvalYes: "Wel toepassen",
  approvalNo: "Niet toepassen",
  eiaMiaLost: "EIA of MIA geclaimd op het verloren bedrijfsmiddel",
  insurance: "Verzekeringsuitkering (als die er is)",
  fromLedger: "ingelezen",
  removeCalamity: "Niet als calamiteit behandelen",
  restoreLedger: "Ingelezen waarden terugzetten",
  treatAsCalamity: "Toch als calamiteit behandelen",
  choiceLabel: "Keuze",
  addCalamity: "Calamiteit toevoegen",
  add: "Toevoegen",
  without: "Zonder goedkeuring",
  with: "Met goedkeuring",
  addition: TERMS.nl.additionThisYear,
  net: "Per saldo",
  exact: "exact",
  netNote:
    "Per saldo is de exacte KIA min de desinvesteringsbijtelling van dit jaar (alle vervreemdingen van het jaar, ook een verzekeringsuitkering voor het verloren bedrijfsmiddel); op dat saldo kiest de berekening.",
  difference: (amount: string, favour: "approval" | "statute" | "none") =>
    favour === "none"
      ? "Geen verschil: de wet blijft gelden."
      : favour === "approval"
        ? `Verschil ${amount} in het voordeel van de goedkeuring.`
        : `Verschil ${amount} in het voordeel van de wettelijke regel (zonder goedkeuring).`,
  choice: {
    best: "De berekening kiest wat per saldo het gunstigst is.",
    taxpayer: "U hebt zelf gekozen.",
    unavailable: "De goedkeuring is niet beschikbaar.",
  } as Record<"best" | "taxpayer" | "unavailable", string>,
  applied: "Toegepast",
  notApplied: "Niet toegepast",
  conditions: "Voorwaarden",
  met: "voldaan",
  notMet: "niet voldaan",
  eiaMiaRule:
    "EIA of MIA op het verloren bedrijfsmiddel sluit de goedkeuring uit: voor de KIA één investering en voor de EIA of MIA twee kan niet (besluit 4.4). EIA of MIA op alleen het vervangende bedrijfsmiddel staat de goedkeuring niet in de weg.",
  strayCalamity: (ids: string) => `Keuzes voor bedrijfsmiddelen die niet (meer) in de staat staan, tellen niet mee: ${ids}.`,

  // partnership
  isPartnership: "De onderneming is een samenwerkingsverband (vof, maatschap, cv)",
  partnershipName: "Naam van het samenwerkingsverband",
  key: TERMS.nl.allocationKey,
  keys: {
    profit: "Aandeel in de (over)winst (wettelijke hoofdregel)",
    capital: "Kapitaalsverhouding",
    reserves: "Aandelen in de stille reserves",
    equal: "Gelijke delen",
  } as Record<PartnershipKey, string>,
  jointRequest: "Gezamenlijk verzoek (voorwaarde f)",
  jointUnknown: "Nog in te dienen of onbekend",
  jointYes: "Ingediend",
  jointNo: "Niet ingediend: de winstverdeling geldt",
  readPartners: (table: string) => `Opnieuw lezen uit de tabel ‘${table}’`,
  partnersRead: (n: number, table: string) => `${n} vennoten gelezen uit de tabel ${table}`,
  partnersEdit: "U kunt alles hieronder aanpassen.",
  sharesHint:
    "Aandeel in de (over)winst: de winst na de arbeidsvergoedingen van de vennoten (besluit 4.1.4), in procenten (50 is 50%); ook een verhouding mag, zoals 2 en 1.",
  partnerN: (i: number) => `Vennoot ${i}`,
  partnerName: "Naam",
  legalForm: "Rechtsvorm",
  profit: "Aandeel (over)winst (%)",
  capital: "Kapitaal",
  reserves: "Stille reserves",
  outsideInvestments: "Investeringen in een eigen eenmanszaak dit jaar (niet van een bv)",
  disinvestmentLevel: "Desinvesteringsbijtelling (art. 3.47)",
  disinvestmentLevelHint:
    "Standaard per vennoot: het eigen aandeel in de vervreemdingen tegen de drempel, tegen het percentage van de eigen KIA. Iedere vennoot is de belastingplichtige (besluit 4.1.1). De andere lezing wordt ernaast getoond.",
  disinvestmentLevels: { partner: "per vennoot", partnership: "voor het samenwerkingsverband als geheel" } as Record<"partner" | "partnership", string>,
  partnerDisinvestment: TERMS.nl.disinvestmentAddition,
  otherLevel: (level: string, money: string) => `Desinvesteringsbijtelling ${level}: ${money}.`,
  partnerCalamity: (without: string, withIt: string, prefers: "with" | "without") =>
    `Calamiteitsgoedkeuring voor deze vennoot alleen: zonder per saldo ${without}, met ${withIt}; de eigen keuze zou ${prefers === "with" ? "de goedkeuring" : "de wettelijke hoofdregel"} zijn.`,
  outsideHint:
    "Alleen een onderneming van de vennoot zelf (IB). Een bv van de vennoot is een andere belastingplichtige: haar investeringen tellen nooit mee; zet ze hooguit in de notitie.",
  ownAssetsInPartnership: "Eigen bedrijfsmiddelen voor deze onderneming, dit jaar aangeschaft",
  removePartner: "Vennoot verwijderen",
  addPartner: "Vennoot toevoegen",
  perPartner: "KIA per vennoot",
  share: "Aandeel",
  part: "Deel van de investeringen",
  outsideKia: "KIA eigen eenmanszaak",
  methods: TERMS.nl.methods as Record<string, string>,
  keyApplied: (k: string) => `Toegepaste sleutel: ${k}`,
  statuses: {
    met: "voldaan",
    "not-met": "niet voldaan",
    "to-confirm": "te bevestigen",
    "not-applicable": "n.v.t.",
  } as Record<string, string>,
  letterHeading: "Verzoek afwijkende verdeelsleutel (voorwaarde f)",
  letterIntro:
    "Een gezamenlijk, ondertekend verzoek met de gekozen sleutel, in te dienen voordat de aanslag van een van de vennoten onherroepelijk vaststaat. Controleer de tekst, laat alle vennoten tekenen en bewaar een kopie in het dossier.",
  letterNotNeeded: "Bij verdeling naar het aandeel in de (over)winst (de wettelijke hoofdregel) is geen verzoek nodig.",
  copy: "Kopiëren",
  copied: "Gekopieerd naar het klembord.",
  copyFailed: "Kopiëren lukte niet; selecteer de tekst en kopieer met Ctrl+C.",
  downloadTxt: "Downloaden (.txt)",
  downloadInExcel: "Niet elke Excel-versie staat downloaden uit het taakvenster toe; lukt het niet, gebruik dan Kopiëren en plak de tekst in Word of Kladblok.",
  declarationHeading: "Verklaring herinvesteringsreserve (besluit 4.2, bijlage 1)",
  declarationMade:
    "De staat zegt dat de verklaring wordt gedaan: de kostprijs vóór afboeking van de reserve telt. Voorwaarde a: een latere desinvesteringsbijtelling gaat dan over de overdrachtsprijs, niet de boekwaarde. Dien de verklaring in voordat de aanslag onherroepelijk vaststaat.",
  declarationNotMade:
    "Zonder verklaring verlaagt de afgeboekte reserve het investeringsbedrag (HR 24 december 1975, nr. 17 795). Met de verklaring telt de kostprijs vóór afboeking; zet dan ‘ja’ in de kolom ‘Verklaring 4.2’ van de staat.",
  declarationWith: "KIA met de verklaring",
  declarationWithout: "KIA zonder de verklaring",
  declarationLabel: "Tekst van de verklaring",
  letterLabel: "Tekst van het verzoek",

  // payment
  paymentHeading: "Betaling (art. 3.44)",
  paymentIntro:
    "Is een bedrijfsmiddel aan het eind van het jaar niet in gebruik genomen, dan is de KIA dit jaar aftrekbaar tot het betaalde bedrag; de rest schuift door naar het jaar waarin verder wordt betaald, uiterlijk het jaar van ingebruikneming.",
  allPaid: "Alle bedrijfsmiddelen zijn aan het eind van het jaar in gebruik genomen of helemaal betaald: de hele KIA is dit jaar aftrekbaar.",
  asset: "Bedrijfsmiddel",
  attributed: "KIA-deel",
  paid: "Betaald",
  disposalsHeading: "Desinvesteringen (art. 3.47)",
  disposalsIntro:
    "Vervreemdt de onderneming binnen vijf jaar een bedrijfsmiddel waarvoor investeringsaftrek is genomen, en is de verkoopprijs (overdrachtsprijs) van die vervreemdingen samen meer dan de drempel, dan volgt een bijtelling.",
  noDisposals: "Geen vervreemdingen ingevuld.",
  disposalN: (i: number) => `Vervreemding ${i}`,
  description: "Omschrijving",
  price: "Verkoopprijs",
  disposalKind: "Investering",
  kindThisYear: "van dit jaar",
  kindEarlier: "uit een eerder jaar",
  investment: "Welke investering",
  investmentYear: "Investeringsjaar",
  investmentAmount: "Investeringsbedrag",
  partnerRate: (name: string, year: string) => `KIA-percentage van ${name} in ${year || "dat jaar"} (alleen als het afweek)`,
  partnerRateHint: "De eigen KIA gedeeld door het eigen investeringsbedrag in dat jaar, zoals 25,78%; leeg: het percentage van het samenwerkingsverband.",
  investmentYearTotal: "Totaal investeringen van dat jaar",
  removeDisposal: "Vervreemding verwijderen",
  addDisposal: "Vervreemding toevoegen",
  disposalsTotal: "Totaal verkoopprijzen (alleen als er meer is vervreemd dan hier staat)",
  disposalsSkipped: (n: number) => (n === 1 ? "1 vervreemding telt nog niet mee" : `${n} vervreemdingen tellen nog niet mee`),
  disposalsSkippedIntro: "Vul ze aan; de rest van de berekening gaat gewoon door.",
  threshold: "Drempel",
  disposalsCounted: "Vervreemdingen die meetellen",
  additionTotal: "Bijtelling",
  notInWindow: "buiten de termijn van vijf jaar",
  noDeduction: "geen investeringsaftrek genomen",

  // report
  summary: "Samenvatting",
  band: "Schijf",
  rate: "Effectief percentage",
  warnings: "Let op",
  explanation: "Toelichting met wettelijke grondslag",
  overrides: "Handmatige beoordelingen",
  parameters: (y: number) => `Tabel ${y} en bronnen`,
  confidence: TERMS.nl.tableConfidence,
  sources: "Bronnen",
  writeReport: (sheet: string) => `Rapport op het werkblad ‘${sheet}’ zetten`,
  downloadReport: "Rapport downloaden (.xlsx)",
  downloadScenario: "Gegevens bewaren (.json)",
  replaceTitle: "Werkblad vervangen?",
  replaceText: (sheet: string) =>
    `Het werkblad ‘${sheet}’ bestaat al. Alleen dat werkblad wordt vervangen; de staat en de andere werkbladen blijven zoals ze zijn.`,
  replace: "Vervangen",
  reportWritten: (sheet: string) => `Rapport geschreven naar het werkblad ‘${sheet}’.`,
  reportDownloaded: (file: string) => `Rapport gedownload: ${file}.`,
  writing: "Bezig met schrijven…",
  reportNote:
    "Het rapport bevat de samenvatting, de vennoten, elk bedrijfsmiddel, de toelichting met wetsartikelen, de tabel en bronnen van het jaar, de handmatige beoordelingen met hun reden, de datum en de versie van de add-in, en een grafiek van de KIA-curve.",
  reportLeftOut: (n: number) =>
    `Het rapport noemt ook wat niet meetelt (${n === 1 ? "1 melding" : `${n} meldingen`}), onder ‘Niet meegeteld’, met de cel en de reden.`,
  checkBeforeFiling: "Controleer vóór de aangifte",
  checks: [
    "Staan alle investeringen van het jaar in de staat, ook die nog niet betaald of in gebruik zijn?",
    "Zijn de problemen in de staat opgelost (die rijen tellen anders niet mee)?",
    "Hebben de handmatige beoordelingen een reden die in het dossier te onderbouwen is?",
    "Is bij een afwijkende verdeelsleutel het ondertekende verzoek ingediend?",
    "Is bij een calamiteit de vervanging in hetzelfde jaar aangetoond?",
  ],

  // chart
  chartTitle: (y: number) => `KIA-curve ${y}`,
  chartLabel: (y: number, total: string, kia: string) => `Grafiek: KIA tegen het totaal aan investeringen in ${y}. Uw totaal ${total} geeft ${kia} KIA.`,
  yourKia: "Uw KIA",
  axisNote: "Verticaal de KIA, horizontaal het totaal van de investeringen die meetellen; de stip is uw totaal.",
  marginalLabel: "Nog één investering van",
  marginalThisYear: (amount: string) => `Dit jaar: ${amount} extra KIA`,
  marginalLess: (amount: string) => `Dit jaar: ${amount} minder KIA (afbouw)`,
  marginalNextYear: (y: number, amount: string) => `In ${y}: ${amount} KIA (als er dan verder niets wordt geïnvesteerd)`,
  marginalNoTable: (y: number, why: string) => `In ${y}: nog niet te berekenen (${why}).`,
  marginalBetter: (when: "this" | "next" | "same", diff: string) =>
    when === "same"
      ? "Geen verschil tussen dit en volgend jaar."
      : when === "this"
        ? `Dit jaar investeren levert ${diff} meer op.`
        : `Volgend jaar investeren levert ${diff} meer op.`,

  // fields of the ledger (the core's Dutch names)
  fieldNames: FIELD_NAMES_NL as Record<LedgerField, string>,
  error: "Fout",
  unexpected: (m: string) => `Er ging iets mis: ${m}`,

  // tools for the workbook (inside Excel)
  toolsHeading: "Werkmap",
  addKiaName: "Voeg =KIA() toe aan deze werkmap",
  insertTemplate: "Nieuw KIA-werkblad",
  toolsHint:
    "=KIA(totaal; jaar) is een naam met de KIA-tabellen 2010–2026 in gewone Excel-formules: hij werkt ook waar de add-in niet geladen is (Microsoft 365, Excel 2024, Excel op het web). ‘Nieuw KIA-werkblad’ voegt de bladen van het kantoorsjabloon toe (Start, Investeringen, Vennoten, Desinvesteringen, Overzicht, Toelichting, Lijsten); bestaande bladen blijven zoals ze zijn.",
  working: "Bezig…",
  kiaNameAdded: "De naam KIA staat in deze werkmap. Typ bijvoorbeeld =KIA(A2; 2025).",
  kiaNameFailed: (m: string) =>
    `Deze Excel kan de naam KIA niet maken: dat vraagt LAMBDA (Microsoft 365, Excel 2024 of Excel op het web; niet Excel 2021 en ouder). Gebruik =KIA.BEDRAG(totaal; jaar). Melding: ${m}`,
  templateInserted: (sheets: string) => `Bladen toegevoegd: ${sheets}. Vul de tabel Investeringen in; de add-in leest hem hierboven.`,
  templateFailed: (m: string) => `Het KIA-werkblad kon niet worden toegevoegd: ${m}`,
};

export type Messages = typeof nl;

/**
 * The English words are a chunk of their own (i18n-en.ts), loaded before the pane renders when the language is
 * English (taskpane.tsx): Dutch users never download them, and the pane's first load stays small.
 */
let english: Messages | undefined;

export function registerEnglish(m: Messages): void {
  english = m;
}

export function messages(lang: Lang): Messages {
  if (lang === "en" && !english) throw new Error("the English texts are not loaded (import ./i18n-en first)");
  return lang === "en" ? english! : nl;
}
