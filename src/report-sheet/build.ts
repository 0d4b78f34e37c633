/**
 * The add-in's report sheet ("KIA-rapport 2025" / "KIA report 2025") for the client file: one builder for its three
 * callers (the Excel pane writes it through the Office adapter, the standalone page downloads it as .xlsx,
 * `kia-calc --rapport` writes the same .xlsx). Pure: no Office, no DOM, no Node; a model of cells and styles
 * (./types.ts).
 *
 * Page 1 is what a firm files and signs: the client block, "Voor de aangifte" (each figure with where it goes in the
 * return) and a summary for the client in plain words; then, from page 2, the calculation in detail: what was left
 * out, the assets with their date, group and deciding reason, partners, payment, disposals, the explanation with
 * its articles, the points to check, the year's table, the rounding policy, the sources (the law and the
 * Belastingdienst) and the curve. Seven columns that fit A4 portrait; long texts wrap in merged cells with a row
 * height made for them; printed one page wide with the title rows on every page and "Pagina &P van &N" below.
 *
 * Every amount is a number with a euro format (Excel holds 15 significant digits: every digit of the core's exact
 * amounts up to about € 100.000 with 10 decimals); an exact amount with more decimals than cents gets a format that
 * shows them. Rates and shares are numbers with a percent format, dates real dates shown dd-mm-jjjj. The labels
 * follow `lang`; the core's own texts (reasons, steps, warnings) are Dutch.
 */
import type { Report, Scenario } from "../index";
import { Decimal } from "../decimal";
import { findCategory, lawDataVersion } from "../law";
import { AUTHORITATIVE_KINDS } from "../law/types";
import { formatEuro } from "../money";
import { TERMS } from "../terms";
import { kia } from "../table";
import { curveTotals } from "./curve";
import { registerOf, registerRows } from "../register/build";
import { REGISTER_VERSION, registerTableName } from "../register/format";
import { referenceUrls } from "./refs";
import { isEnteredDisposalId } from "../scenario/disposal";
import type { ReportCellFormat, ReportSheet, ReportValue } from "./types";
import { ledgerLinesText, type LedgerLines } from "../workbook/lines";

/** Who the report is for and who made it: the client block (filled in the pane, or by kia-calc's options). */
export interface ClientDetails {
  /** the client's name */
  name?: string;
  /** BSN or RSIN (optional) */
  fiscalNumber?: string;
  dossier?: string;
  /** income tax (an entrepreneur, art. 3.40-3.47 Wet IB 2001) or corporate income tax (art. 8 Wet Vpb 1969) */
  tax?: "ib" | "vpb";
  preparedBy?: string;
  reviewedBy?: string;
}

export interface ReportSheetOptions {
  lang: "nl" | "en";
  /** the add-in's version (package.json) */
  version: string;
  /** the date the report is made, jjjj-mm-dd */
  date: string;
  /** where the ledger was read: "tabel Investeringen (blad Staat)", a file name, ... (how many lines: `lines`) */
  ledgerSource: string;
  /**
   * the ledger's lines read and its rows passed over, as the reader counts them (src/workbook/lines.ts): the report
   * says them in the pane's and kia-calc's words ("6 regels gelezen (2 overgeslagen: totaalregel, lege regel)");
   * without it, the rows counted, left out and open are taken as the lines read
   */
  lines?: LedgerLines;
  scenario: Scenario;
  client?: ClientDetails;
  /**
   * The ledger's rows and the disposals left out of the calculation: listed under "Niet meegeteld", and counted
   * ("16 regels gelezen, 1 niet meegeteld"). Given, even empty, the report says how many rows were read; not given
   * (a caller that does not know), it says nothing about it.
   */
  leftOut?: readonly LeftOutRow[];
  /**
   * The ledger's open questions (src/workbook/questions.ts): rows that do not count until they are answered. Any open
   * question makes the report a CONCEPT, listed under "Open vragen".
   */
  open?: readonly OpenRow[];
  /**
   * The user's reason for leaving the rows under "Niet meegeteld" out on purpose (the pane asks for it before it
   * writes a final report). Without it, a row left out makes the report a CONCEPT as well.
   */
  leftOutReason?: string;
  /** how many of the firm template's example rows are still in the workbook (src/workbook/examples.ts): a CONCEPT */
  examples?: number;
}

/** An open question of the ledger as the report lists it. */
export interface OpenRow {
  /** the cell the question is about: "Staat!C7" */
  cell: string;
  /** its sheet and sheet row (1-based): several questions of one row are one row */
  sheet: string;
  row: number;
  id?: string;
  description?: string;
  /** plain decimal, negative for a credit */
  amount?: string;
  question: string;
}

/**
 * Whether a report with these rows left out and open questions is a CONCEPT: a figure computed while a question is
 * open, or while rows are left out without a reason, is never shown as final.
 */
export function isProvisional(o: { leftOut?: readonly { list: string }[]; open?: readonly unknown[]; leftOutReason?: string; examples?: number }): boolean {
  const left = (o.leftOut ?? []).some((x) => x.list !== "partners");
  return (o.open?.length ?? 0) > 0 || (left && !o.leftOutReason?.trim()) || (o.examples ?? 0) > 0;
}

/** A row of the ledger or a disposal that the calculation left out, and why. */
export interface LeftOutRow {
  /** a row of the ledger (investments), a partner or a disposal */
  list: "investments" | "partners" | "disposals";
  /** the cell: "Investeringen!E3"; a disposal entered in the pane: where it was entered ("Vervreemding 1 (stap 4)") */
  cell: string;
  /** the sheet and sheet row (1-based) of a row of the workbook (several cells of one row are one row); none for a disposal entered in the pane */
  sheet?: string;
  row?: number;
  /** the row's number, when it has one */
  id?: string;
  /** the row's description and amount as read, when there are */
  description?: string;
  amount?: string;
  /** the column the reason is about, in the report's language ("bedrag") */
  column?: string;
  /** the cell's value as read, where it could not be read: '"2,500"' */
  value?: string;
  /** why: the reader's or the core's own Dutch text */
  reason: string;
}

/** Excel number formats, written in en-US form (Excel shows them in the user's locale). */
export const EURO = '"€" #,##0.00';
/** an exact amount: at least the cents, and up to 10 decimals where the core's exact value has them */
export const EURO_EXACT = '"€" #,##0.00########';
export const PERCENT = "0.00%";
export const RATE = "0.0000%";
/** an exact rate (the effective rate, a disposal's rate): up to 12 decimals of the fraction */
export const RATE_EXACT = "0.00########%";
/** the report's dates: dd-mm-jjjj, as a Dutch client file writes them */
export const DATE = "dd-mm-yyyy";

/** The seven columns, in Excel's width unit: 94 characters, which fit A4 portrait between margins of 1,27 cm. */
export const COLUMN_WIDTHS = [10, 23, 11, 16, 10, 13, 11] as const;
const WIDTH = COLUMN_WIDTHS.length;
/** a line of Calibri 11 in points, and of the 13-point headings */
const LINE = 15;
const HEADING_LINE = 17.25;

/** A date "jjjj-mm-dd" as Excel's serial day number (1900 date system), or undefined when it is no such date. */
export function excelDate(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t / 86_400_000 + 25_569 : undefined;
}

/** "2025-03-31" -> "31-03-2025" (a text that is no such date stays as it is). */
export function dutchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** "Vervreemding 1 (stap 4 van het taakvenster)": a disposal entered in the pane, as the report names its place. */
export function paneDisposalText(lang: "nl" | "en", i: number): string {
  return lang === "en" ? `Disposal ${i} (step 4 of the task pane)` : `Vervreemding ${i} (stap 4 van het taakvenster)`;
}

const NL = {
  sheet: "KIA-rapport",
  title: (y: number) => `Kleinschaligheidsinvesteringsaftrek ${y}`,
  subtitle: (client: string, y: number, tax: string) => `${client ? `${client} · ` : ""}belastingjaar ${y} · ${tax}`,
  taxes: { ib: "inkomstenbelasting", vpb: "vennootschapsbelasting" },
  clientBlock: "Klantgegevens",
  client: "Klant",
  fiscalNumber: "Fiscaal nummer (BSN/RSIN)",
  dossier: "Dossier",
  year: TERMS.nl.taxYear,
  tax: "Belasting",
  taxLong: { ib: "Inkomstenbelasting (winst uit onderneming)", vpb: "Vennootschapsbelasting (art. 8 Wet Vpb 1969 past de KIA toe)" },
  preparedBy: "Opgesteld door",
  reviewedBy: "Beoordeeld door",
  date: "Datum",
  version: "Versie invoegtoepassing",
  lawVersion: "Versie wettelijke gegevens",
  source: "Bron van de staat",
  description: "Omschrijving",
  ledgerRows: "Regels van de staat",
  ledgerRowsText: (read: number, left: number, disposals: number, open = 0, lines?: LedgerLines) =>
    `${lines ? ledgerLinesText(lines, "nl") : `${read} ${read === 1 ? "regel" : "regels"} gelezen`}, ${left + open === 0 ? (read === 1 ? "meegeteld" : "alle meegeteld") : [left ? `${left} niet meegeteld` : "", open ? `${open} met een open vraag` : ""].filter(Boolean).join(", ")}` +
    (disposals ? `; ${disposals} ${disposals === 1 ? "vervreemding" : "vervreemdingen"} niet meegeteld` : "") +
    (left || disposals ? " (zie Niet meegeteld)" : "") +
    (open ? " (zie Open vragen)" : ""),
  concept: "CONCEPT",
  conceptBanner: (open: number, rows: number, examples = 0) =>
    `CONCEPT – voorlopige uitkomst: ${[open ? `${open} ${open === 1 ? "open vraag" : "open vragen"}` : "", rows ? `${rows} ${rows === 1 ? "regel" : "regels"} niet meegeteld` : "", examples ? `${examples} ${examples === 1 ? "voorbeeldregel" : "voorbeeldregels"} van het KIA-werkblad meegeteld` : ""].filter(Boolean).join(" en ")}. De bedragen in dit rapport zijn niet definitief; gebruik ze niet voor de aangifte. ${open ? "Beantwoord de vragen (zie Open vragen)" : rows ? "Verbeter de regels (zie Niet meegeteld) of geef aan waarom ze bewust niet meetellen" : "Wis de voorbeeldregels in de werkmap"} en maak het rapport opnieuw.`,
  leftOutReason: "Bewust niet meegeteld",
  forReturn: "Voor de aangifte",
  forReturnConcept: "Voor de aangifte – voorlopig, nog niet invullen",
  forReturnCols: ["Post", "Bedrag", "Waar in de aangifte"],
  provisionalAmount: "Voorlopig bedrag",
  where: {
    ib: {
      total: "Totaal over het jaar (art. 3.41 Wet IB 2001)",
      kia: "Aangifte IB, winst uit onderneming: investeringsaftrek (art. 3.44)",
      later: "Niet in deze aangifte: in het jaar van betaling (art. 3.44)",
      addition: "Aangifte IB, winst uit onderneming: desinvesteringsbijtelling (art. 3.47)",
      partner: "Aangifte van de vennoot: investeringsaftrek",
      partnerAddition: "Aangifte van de vennoot: desinvesteringsbijtelling",
    },
    vpb: {
      total: "Totaal over het jaar (art. 8 Wet Vpb 1969, art. 3.41 Wet IB 2001)",
      kia: "Aangifte Vpb, fiscale winst: investeringsaftrek (art. 8 Wet Vpb 1969)",
      later: "Niet in deze aangifte: in het jaar van betaling (art. 3.44 Wet IB 2001)",
      addition: "Aangifte Vpb, fiscale winst: desinvesteringsbijtelling (art. 8 Wet Vpb 1969)",
      partner: "Aangifte van de vennoot: investeringsaftrek",
      partnerAddition: "Aangifte van de vennoot: desinvesteringsbijtelling",
    },
  },
  returnKia: "Kleinschaligheidsinvesteringsaftrek (KIA)",
  returnThisYear: "Daarvan dit jaar aftrekbaar",
  returnLater: "Daarvan door naar latere jaren (nog niet betaald)",
  returnAddition: "Desinvesteringsbijtelling",
  returnPartner: (name: string) => `Vennoot ${name}: KIA dit jaar aftrekbaar`,
  returnPartnerLater: (name: string) => `Vennoot ${name}: KIA door naar latere jaren`,
  returnEarlier: "KIA uit eerdere jaren, dit jaar aftrekbaar (art. 3.44)",
  returnTotalDeductible: "Totaal aftrekbaar dit jaar",
  returnEarlierOpen: "KIA uit eerdere jaren, nog open",
  returnPartnerEarlier: (name: string) => `Vennoot ${name}: KIA uit eerdere jaren`,
  returnPartnerAddition: (name: string) => `Vennoot ${name}: desinvesteringsbijtelling`,
  clientSummary: "Samenvatting voor de klant",
  summaryInvested: (y: number, amount: string, n: number) =>
    `U heeft in ${y} ${amount} geïnvesteerd in ${n} ${n === 1 ? "bedrijfsmiddel" : "bedrijfsmiddelen"} (bedragen zonder aftrekbare btw).`,
  summaryCounted: (amount: string, n: number) =>
    `Daarvan ${n === 1 ? "telt" : "tellen"} ${n} ${n === 1 ? "bedrijfsmiddel" : "bedrijfsmiddelen"} mee voor de kleinschaligheidsinvesteringsaftrek: samen ${amount}.`,
  summaryKia: (y: number, amount: string) => `De kleinschaligheidsinvesteringsaftrek over ${y} is ${amount}. Dat bedrag gaat van de winst af.`,
  summaryKiaConcept: (y: number, amount: string) =>
    `De kleinschaligheidsinvesteringsaftrek over ${y} is voorlopig ${amount}. Dat bedrag is niet definitief zolang er vragen open staan of regels niet meetellen.`,
  summaryLater: (amount: string) =>
    `Daarvan is ${amount} nog niet aftrekbaar omdat het nog niet betaald is: dat deel trekt u af in het jaar waarin u betaalt (art. 3.44 Wet IB 2001).`,
  summaryAddition: (amount: string) =>
    `Door de verkoop van bedrijfsmiddelen waarvoor eerder investeringsaftrek is gekregen, komt er ${amount} bij de winst (desinvesteringsbijtelling, art. 3.47 Wet IB 2001).`,
  summaryNextYear:
    "Volgend jaar: verkoopt of schenkt u een van deze bedrijfsmiddelen binnen vijf jaar na het begin van het jaar van investering, dan kan een deel van de aftrek terugkomen als desinvesteringsbijtelling (art. 3.47 Wet IB 2001). Bewaar de facturen en dit rapport.",
  summaryLeftOut: (n: number) =>
    `${n === 1 ? "Eén regel" : `${n} regels`} van de staat ${n === 1 ? "telt" : "tellen"} niet mee; zie Niet meegeteld op de volgende pagina.`,
  summaryChecks: (n: number) => `${n === 1 ? "Er is één aandachtspunt" : `Er zijn ${n} aandachtspunten`}; zie Aandachtspunten.`,
  signature: "Paraaf opsteller / beoordelaar",
  signatureConcept: "Concept: niet ondertekenen",
  calculation: "Berekening",
  calculationConcept: "Berekening (voorlopig)",
  openQuestions: "Open vragen",
  openIntro: "Deze regels tellen niet mee tot de vraag beantwoord is (in het taakvenster bij stap 1; kia-calc: --antwoorden). Maak daarna het rapport opnieuw.",
  openCols: ["Cel", "Omschrijving", "", "Bedrag", "Vraag", "", ""],
  amountCol: "Bedrag",
  exactCol: "Exact",
  total: "Totaal investeringen dat meetelt",
  kia: "KIA",
  tableKia: "KIA volgens de tabel (met waarde in het economische verkeer)",
  deductionBase: "Verplichtingen waar de KIA op wordt toegepast",
  deductible: TERMS.nl.deductibleThisYear,
  carried: "Door naar latere jaren (betalingscriterium)",
  disinvestment: TERMS.nl.disinvestmentAddition,
  band: "Schijf van de tabel",
  rate: "Effectief percentage (KIA / totaal)",
  bandKinds: { none: "geen KIA", percentage: "percentage", fixed: "vast bedrag", "phase-out": "afbouw", "above-ceiling": "boven de grens" } as Record<
    string,
    string
  >,
  leftOut: "Niet meegeteld",
  leftOutIntro: "Deze regels tellen niet mee in de berekening; verbeter ze in de staat en maak het rapport opnieuw.",
  leftOutCols: ["Cel", "Omschrijving", "", "Bedrag", "", "Reden", ""],
  leftOutRow: (x: LeftOutRow) =>
    [x.id ? `nummer ${x.id}` : "", x.column ? `kolom ${x.column}` : "", x.value ? `waarde ${x.value}` : ""].filter(Boolean).join(", "),
  calamity: "Calamiteit (besluit onderdeel 4.4)",
  choice: "Keuze",
  choiceText: (applied: boolean, choice: string) =>
    (applied ? "goedkeuring toegepast" : "goedkeuring niet toegepast") +
    (choice === "taxpayer"
      ? ", keuze van de belastingplichtige"
      : choice === "best"
        ? ", de berekening koos de hoogste netto uitkomst"
        : ", goedkeuring niet beschikbaar"),
  without: "zonder goedkeuring",
  with: "met goedkeuring",
  totalW: TERMS.nl.totalInvestments,
  additionW: TERMS.nl.additionThisYear,
  additionInsurance: " (met verzekeringsgeld voor het verloren bedrijfsmiddel)",
  netW: "Netto (KIA min bijtelling)",
  difference: "Verschil netto (met min zonder)",
  lost: TERMS.nl.lostAsset,
  replacedBy: "vervangen door",
  available: "beschikbaar",
  appliedW: "toegepast",
  conditions: "Voorwaarden",
  partners: "Vennoten",
  partnerCols: ["Vennoot", "", "Aandeel", "KIA", "", "Dit jaar", "Later"],
  partnerDisinvestment: TERMS.nl.disinvestmentAddition,
  levels: { partner: "per vennoot", partnership: "voor het samenwerkingsverband als geheel" } as Record<string, string>,
  calamityPartner: "Calamiteitsgoedkeuring voor",
  calamityPartnerText: (without: string, withIt: string, prefersWith: boolean): string =>
    `per saldo zonder goedkeuring ${formatEuro(new Decimal(without))}, met ${formatEuro(new Decimal(withIt))}; de eigen keuze zou ${prefersWith ? "de goedkeuring" : "de wettelijke hoofdregel"} zijn`,
  key: TERMS.nl.allocationKey,
  keys: { profit: "aandeel in de (over)winst", capital: "kapitaal", reserves: "stille reserves", equal: "gelijke delen" } as Record<string, string>,
  keyRequested: "gevraagd",
  legalForm: "rechtsvorm",
  method: "methode",
  methods: TERMS.nl.methods,
  assets: TERMS.nl.assets,
  assetCols: ["Nummer", "Omschrijving", "Datum", "Categorie", "Groep", "Bedrag", "Telt mee"],
  kiaAttributed: "KIA toegerekend",
  exactAmount: "exact bedrag",
  override: (eligible: boolean, reason: string) =>
    `Handmatig beoordeeld door u: ${eligible ? "wel aftrekbaar" : "niet aftrekbaar"}${reason ? `. Reden: ${reason}` : ""}.`,
  payment: "Betalingscriterium (art. 3.44 Wet IB 2001)",
  earlier: "KIA uit eerdere jaren (art. 3.44 Wet IB 2001)",
  earlierCols: ["Jaar", "Bedrijfsmiddel", "", "Open begin jaar", "Aftrekbaar", "Nog open", "Waarom"],
  earlierBasis: { "in-use": "in gebruik genomen", paid: "betaald", open: "niet betaald, niet in gebruik" } as Record<string, string>,
  fromRegister: (source: string) => `uit ${source}`,
  paymentCols: ["Bedrijfsmiddel", "", "Regels", "KIA toegerekend", "Betaald", "", "Naar later"],
  disposals: "Desinvesteringen (art. 3.47 Wet IB 2001)",
  disposalCols: ["Nummer", "Omschrijving", "Investeringsjaar", "Verkoopprijs", "Percentage", "Bijtelling", "Telt mee"],
  base: "grondslag",
  threshold: "Drempel",
  disposalsTotal: "Totaal verkoopprijzen",
  steps: "Toelichting",
  stepCols: ["Stap", "Toelichting", "", "", "", "Wettelijke grondslag", ""],
  warnings: "Aandachtspunten",
  parameters: (y: number) => `Tabel en gegevens ${y}`,
  confidence: TERMS.nl.tableConfidence,
  confidences: {
    official: "officieel",
    corroborated: "bevestigd door meerdere bronnen",
    "single-source": "één bron",
    inferred: "afgeleid",
    unknown: "onbekend",
  } as Record<string, string>,
  bands: "Schijven",
  minAsset: "Minimumbedrag per bedrijfsmiddel",
  rounding: "Afronding",
  roundingText: (exact: boolean): string =>
    exact
      ? "Exact berekend, zonder afronding."
      : "Bedragen in hele euro's, afgerond in het voordeel van de belastingplichtige: de aftrek naar boven, de bijtelling naar beneden. De wet kent voor de KIA geen afrondingsregel; zo rondt ook het Besluit investeringsaftrek 2014 (onderdeel 4.4) af. Waar het exacte bedrag afwijkt, staat het ernaast.",
  roundingRef: "afronding (zie Afronding)",
  sources: "Bronnen",
  sourceKinds: { wet: "wet", besluit: "besluit", belastingdienst: "Belastingdienst", rechtspraak: "rechtspraak" } as Record<string, string>,
  supports: "onderbouwt",
  references: "Wettelijke verwijzingen",
  curve: (y: number) => `KIA-curve ${y}`,
  curveCols: ["Totaal investeringen", "KIA"],
  yourTotal: "uw totaal",
  yes: "ja",
  no: "nee",
  header: (client: string, y: number) => `${client ? `${client} – ` : ""}KIA ${y}`,
  page: "Pagina &P van &N",
  register: (y: number) => `Register ${y} voor volgende jaren`,
  registerNote: (table: string, version: number) =>
    `De tabel ${table} (versie ${version}) is het register van dit jaar: de invoegtoepassing leest hem volgend jaar terug voor de KIA die doorschuift (art. 3.44) en voor vervreemdingen (art. 3.47). Alles staat er als tekst in, exact; niet wijzigen. Niet afgedrukt.`,
};

type Labels = typeof NL;

const EN: Labels = {
  ...NL,
  sheet: "KIA report",
  title: (y) => `Small-scale investment deduction (KIA) ${y}`,
  subtitle: (client, y, tax) => `${client ? `${client} · ` : ""}tax year ${y} · ${tax}`,
  taxes: { ib: "income tax", vpb: "corporate income tax" },
  clientBlock: "Client",
  client: "Client",
  fiscalNumber: "Tax number (BSN/RSIN)",
  dossier: "File",
  year: TERMS.en.taxYear,
  tax: "Tax",
  taxLong: { ib: "Income tax (business profit)", vpb: "Corporate income tax (art. 8 Wet Vpb 1969 applies the KIA)" },
  preparedBy: "Prepared by",
  reviewedBy: "Reviewed by",
  date: "Date",
  version: "Add-in version",
  lawVersion: "Law data version",
  source: "Source of the ledger",
  description: "Description",
  ledgerRows: "Rows of the ledger",
  ledgerRowsText: (read, left, disposals, open = 0, lines) =>
    `${lines ? ledgerLinesText(lines, "en") : `${read} ${read === 1 ? "row" : "rows"} read`}, ${left + open === 0 ? (read === 1 ? "counted" : "all counted") : [left ? `${left} not counted` : "", open ? `${open} with an open question` : ""].filter(Boolean).join(", ")}` +
    (disposals ? `; ${disposals} ${disposals === 1 ? "disposal" : "disposals"} not counted` : "") +
    (left || disposals ? " (see Not counted)" : "") +
    (open ? " (see Open questions)" : ""),
  concept: "DRAFT",
  conceptBanner: (open, rows, examples = 0) =>
    `DRAFT – provisional outcome: ${[open ? `${open} ${open === 1 ? "open question" : "open questions"}` : "", rows ? `${rows} ${rows === 1 ? "row" : "rows"} not counted` : "", examples ? `${examples} example ${examples === 1 ? "row" : "rows"} of the KIA workbook counted` : ""].filter(Boolean).join(" and ")}. The amounts in this report are not final; do not use them for the return. ${open ? "Answer the questions (see Open questions)" : rows ? "Correct the rows (see Not counted) or say why they are left out on purpose" : "Delete the example rows in the workbook"} and make the report again.`,
  leftOutReason: "Left out on purpose",
  forReturn: "For the tax return",
  forReturnConcept: "For the tax return – provisional, do not file yet",
  forReturnCols: ["Item", "Amount", "Where in the return"],
  provisionalAmount: "Provisional amount",
  where: {
    ib: {
      total: "Total for the year (art. 3.41 Wet IB 2001)",
      kia: "Income tax return, business profit: investment deduction (art. 3.44)",
      later: "Not in this return: in the year of payment (art. 3.44)",
      addition: "Income tax return, business profit: disinvestment addition (art. 3.47)",
      partner: "The partner's return: investment deduction",
      partnerAddition: "The partner's return: disinvestment addition",
    },
    vpb: {
      total: "Total for the year (art. 8 Wet Vpb 1969, art. 3.41 Wet IB 2001)",
      kia: "Corporate income tax return: investment deduction (art. 8 Wet Vpb 1969)",
      later: "Not in this return: in the year of payment (art. 3.44 Wet IB 2001)",
      addition: "Corporate income tax return: disinvestment addition (art. 8 Wet Vpb 1969)",
      partner: "The partner's return: investment deduction",
      partnerAddition: "The partner's return: disinvestment addition",
    },
  },
  returnKia: "Small-scale investment deduction (KIA)",
  returnThisYear: "Of which deductible this year",
  returnLater: "Of which carried forward (not yet paid)",
  returnAddition: "Disinvestment addition",
  returnPartner: (name) => `Partner ${name}: KIA deductible this year`,
  returnPartnerLater: (name) => `Partner ${name}: KIA carried forward`,
  returnEarlier: "KIA of earlier years, deductible this year (art. 3.44)",
  returnTotalDeductible: "Total deductible this year",
  returnEarlierOpen: "KIA of earlier years, still open",
  returnPartnerEarlier: (name) => `Partner ${name}: KIA of earlier years`,
  returnPartnerAddition: (name) => `Partner ${name}: disinvestment addition`,
  clientSummary: "Summary for the client",
  summaryInvested: (y, amount, n) => `In ${y} you invested ${amount} in ${n} ${n === 1 ? "asset" : "assets"} (amounts without deductible VAT).`,
  summaryCounted: (amount, n) => `Of these, ${n} ${n === 1 ? "asset counts" : "assets count"} for the small-scale investment deduction: ${amount} together.`,
  summaryKia: (y, amount) => `The small-scale investment deduction for ${y} is ${amount}. It is deducted from the profit.`,
  summaryKiaConcept: (y, amount) =>
    `The small-scale investment deduction for ${y} is provisionally ${amount}. It is not final while questions are open or rows are not counted.`,
  summaryLater: (amount) => `Of this, ${amount} is not deductible yet because it has not been paid: you deduct it in the year you pay (art. 3.44 Wet IB 2001).`,
  summaryAddition: (amount) =>
    `Assets sold for which an investment deduction was received add ${amount} to the profit (disinvestment addition, art. 3.47 Wet IB 2001).`,
  summaryNextYear:
    "Next year: if you sell or give away one of these assets within five years from the start of the year of investment, part of the deduction may come back as a disinvestment addition (art. 3.47 Wet IB 2001). Keep the invoices and this report.",
  summaryLeftOut: (n) => `${n === 1 ? "One row" : `${n} rows`} of the ledger ${n === 1 ? "does" : "do"} not count; see Not counted on the next page.`,
  summaryChecks: (n) => `${n === 1 ? "There is one point" : `There are ${n} points`} to check; see Points to check.`,
  signature: "Initials preparer / reviewer",
  signatureConcept: "Draft: do not sign",
  calculation: "Calculation",
  calculationConcept: "Calculation (provisional)",
  openQuestions: "Open questions",
  openIntro: "These rows do not count until the question is answered (in the task pane, step 1; kia-calc: --antwoorden). Then make the report again.",
  openCols: ["Cell", "Description", "", "Amount", "Question", "", ""],
  amountCol: "Amount",
  exactCol: "Exact",
  total: "Total of investments that count",
  tableKia: "KIA by the table (with market value)",
  deductionBase: "Obligations the KIA is applied to",
  deductible: TERMS.en.deductibleThisYear,
  carried: "Carried forward (payment criterion)",
  disinvestment: TERMS.en.disinvestmentAddition,
  band: "Band of the table",
  rate: "Effective rate (KIA / total)",
  bandKinds: { none: "no KIA", percentage: "percentage", fixed: "fixed amount", "phase-out": "phase-out", "above-ceiling": "above the ceiling" },
  leftOut: "Not counted",
  leftOutIntro: "These rows do not count in the calculation; correct them in the ledger and make the report again.",
  leftOutCols: ["Cell", "Description", "", "Amount", "", "Reason (Dutch)", ""],
  leftOutRow: (x) => [x.id ? `number ${x.id}` : "", x.column ? `column ${x.column}` : "", x.value ? `value ${x.value}` : ""].filter(Boolean).join(", "),
  calamity: "Calamity (besluit section 4.4)",
  choice: "Choice",
  choiceText: (applied, choice) =>
    (applied ? "approval applied" : "approval not applied") +
    (choice === "taxpayer" ? ", the taxpayer's choice" : choice === "best" ? ", the calculation chose the higher net result" : ", approval not available"),
  without: "without approval",
  with: "with approval",
  totalW: TERMS.en.totalInvestments,
  additionW: TERMS.en.additionThisYear,
  additionInsurance: " (with insurance money for the lost asset)",
  netW: "Net (KIA minus addition)",
  difference: "Net difference (with minus without)",
  lost: TERMS.en.lostAsset,
  replacedBy: "replaced by",
  available: "available",
  appliedW: "applied",
  conditions: "Conditions",
  partners: "Partners",
  partnerCols: ["Partner", "", "Share", "KIA", "", "This year", "Later"],
  partnerDisinvestment: TERMS.en.disinvestmentAddition,
  levels: { partner: "per partner", partnership: "for the partnership as a whole" },
  calamityPartner: "Calamity approval for",
  calamityPartnerText: (without, withIt, prefersWith) =>
    `net without the approval € ${new Decimal(without).toFixed(2)}, with € ${new Decimal(withIt).toFixed(2)}; the partner's own choice would be ${prefersWith ? "the approval" : "the statutory rule"}`,
  key: TERMS.en.allocationKey,
  keys: { profit: "profit share", capital: "capital", reserves: "hidden reserves", equal: "equal shares" },
  keyRequested: "requested",
  legalForm: "legal form",
  method: "method",
  methods: TERMS.en.methods,
  assets: TERMS.en.assets,
  assetCols: ["Number", "Description", "Date", "Category", "Group", "Amount", "Counts"],
  kiaAttributed: "KIA attributed",
  exactAmount: "exact amount",
  override: (eligible, reason) => `Reviewed manually by you: ${eligible ? "deductible" : "not deductible"}${reason ? `. Reason: ${reason}` : ""}.`,
  payment: "Payment criterion (art. 3.44 Wet IB 2001)",
  earlier: "KIA of earlier years (art. 3.44 Wet IB 2001)",
  earlierCols: ["Year", "Asset", "", "Open at start", "Deductible", "Still open", "Why"],
  earlierBasis: { "in-use": "taken into use", paid: "paid", open: "not paid, not in use" },
  fromRegister: (source) => `from ${source}`,
  paymentCols: ["Asset", "", "Rows", "KIA attributed", "Paid", "", "Later"],
  disposals: "Disposals (art. 3.47 Wet IB 2001)",
  disposalCols: ["Number", "Description", "Investment year", "Sale price", "Rate", "Addition", "Counts"],
  base: "base",
  threshold: "Threshold",
  disposalsTotal: "Total sale prices",
  steps: "Explanation (Dutch)",
  stepCols: ["Step", "Explanation", "", "", "", "Legal basis", ""],
  warnings: "Points to check (Dutch)",
  parameters: (y) => `Table and data ${y}`,
  confidence: TERMS.en.tableConfidence,
  confidences: {
    official: "official",
    corroborated: "corroborated by several sources",
    "single-source": "single source",
    inferred: "inferred",
    unknown: "unknown",
  },
  bands: "Bands",
  minAsset: "Minimum amount per asset",
  rounding: "Rounding",
  roundingText: (exact) =>
    exact
      ? "Computed exactly, without rounding."
      : "Amounts in whole euros, rounded in the taxpayer's favour: the deduction up, the addition down. The law has no rounding rule for the KIA; the Besluit investeringsaftrek 2014 (section 4.4) rounds the same way. Where the exact amount differs, it is shown beside it.",
  roundingRef: "rounding (see Rounding)",
  sources: "Sources",
  sourceKinds: { wet: "law", besluit: "decree", belastingdienst: "Belastingdienst", rechtspraak: "case law" },
  supports: "supports",
  references: "Legal references",
  curve: (y) => `KIA curve ${y}`,
  curveCols: ["Total investments", "KIA"],
  yourTotal: "your total",
  yes: "yes",
  no: "no",
  header: (client, y) => `${client ? `${client} – ` : ""}KIA ${y}`,
  page: "Page &P of &N",
  register: (y) => `Register ${y} for later years`,
  registerNote: (table, version) =>
    `The table ${table} (version ${version}) is this year's register: the add-in reads it back next year for the KIA carried forward (art. 3.44) and for disposals (art. 3.47). Everything in it is exact text; do not change it. Not printed.`,
};

const LABELS: Record<"nl" | "en", Labels> = { nl: NL, en: EN };

/** Decimals of a plain decimal string ("1234.5678" -> 4). */
function decimalsOf(s: string): number {
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

/** The sheet name for a year and language (at most 31 characters, no characters Excel refuses in sheet names). */
export function reportSheetName(year: number, lang: "nl" | "en"): string {
  return `${LABELS[lang].sheet} ${year}`.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

/**
 * The KIA curve of a year: its corners (0, each band edge and a cent past it, and an end past the ceiling or the
 * client's total: ./curve.ts), with the KIA the core's kia() gives for each (rounded by the policy, as the report
 * does), so a line through them is the curve with its corners. The client's total, when given, is inserted at its
 * place; `mark` is its index.
 */
export function kiaCurve(year: number, clientTotal?: string): { x: number; y: number }[] & { mark?: number } {
  const given = clientTotal !== undefined && /^\d+(\.\d+)?$/.test(clientTotal) ? new Decimal(clientTotal) : undefined;
  const out = curveTotals(year, given).totals.map((x) => ({ x: x.toNumber(), y: kia(x, year).roundedNumber })) as {
    x: number;
    y: number;
  }[] & { mark?: number };
  if (given) {
    const x = given.toNumber();
    let i = out.findIndex((p) => p.x >= x);
    if (i < 0) i = out.length;
    if (out[i]?.x !== x) out.splice(i, 0, { x, y: kia(given, year).roundedNumber });
    out.mark = i;
  }
  return out;
}

/**
 * A text to put between brackets, without brackets of its own: "HR 24 december 1975, nr. 17 795 (aangehaald in
 * Besluit …)" -> "HR 24 december 1975, nr. 17 795, aangehaald in Besluit …" (no "((…))" in the report).
 */
export function flatBrackets(text: string): string {
  return text.replace(/\s*\(([^()]*)\)/g, ", $1");
}

/** Several cells of one row are one row left out: its sheet and row; a disposal entered in the pane is its own. */
function rowKey(x: { cell: string; sheet?: string; row?: number }): string {
  return x.sheet === undefined || x.row === undefined ? x.cell : `${x.sheet}\u0000${x.row}`;
}

/** The lines a text takes in a cell `width` characters wide (words kept whole where they fit; \n starts a line). */
export function wrappedLines(text: string, width: number): number {
  // a conservative measure: Excel's width unit is the width of a digit; average Dutch text in Calibri 11 is about
  // 1,2 characters per unit (measured in LibreOffice's PDF of the report), counted here as 1,1 less one
  const cap = Math.max(4, Math.floor(width * 1.1) - 1);
  let lines = 0;
  for (const para of text.split("\n")) {
    let n = 1;
    let used = 0;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = word.length;
      if (used > 0 && used + 1 + w > cap) {
        n++;
        used = 0;
      }
      while (w > cap) {
        n++;
        w -= cap;
      }
      used += (used > 0 ? 1 : 0) + w;
    }
    lines += n;
  }
  return lines;
}

/** A row's cells placed in the seven columns: a value with how many columns it spans. */
type Placed = { value: ReportValue; span?: number };

class Builder {
  rows: ReportValue[][] = [];
  formats: { row: number; column?: number; format: ReportCellFormat }[] = [];
  links: { row: number; column: number; url: string }[] = [];
  merges: { row: number; column: number; columns: number }[] = [];
  breaks: number[] = [];

  get next(): number {
    return this.rows.length;
  }
  /** a row of plain values, one per column */
  add(values: ReportValue[], rowFormat?: ReportCellFormat): number {
    const r = this.rows.length;
    this.rows.push(values);
    if (rowFormat) this.formats.push({ row: r, format: rowFormat });
    return r;
  }
  /** a row of values that span columns (merged): [{ value, span: 3 }, ...] */
  place(cells: Placed[], rowFormat?: ReportCellFormat): number {
    const r = this.rows.length;
    const values: ReportValue[] = [];
    // the end of this row's last merge: the empty cells of a merge stay (only this row's merges, so a row costs
    // the same however long the sheet is)
    let mergedTo = 0;
    for (const c of cells) {
      const span = c.span ?? 1;
      if (span > 1) {
        this.merges.push({ row: r, column: values.length, columns: span });
        mergedTo = values.length + span;
      }
      values.push(c.value);
      for (let i = 1; i < span; i++) values.push(null);
    }
    while (values.length > 0 && values[values.length - 1] === null && mergedTo <= values.length - 1) values.pop();
    this.rows.push(values);
    if (rowFormat) this.formats.push({ row: r, format: rowFormat });
    return r;
  }
  blank(): void {
    this.rows.push([]);
  }
  heading(text: string): void {
    this.place([{ value: text, span: WIDTH }], { bold: true, heading: true });
  }
  header(cols: Placed[]): void {
    this.place(cols, { bold: true, shade: true });
  }
  cellFormat(row: number, column: number, format: ReportCellFormat): void {
    this.formats.push({ row, column, format });
  }
  /** an amount: a number in euros, with more decimals than cents shown where `exact` has them */
  amount(row: number, column: number, exact?: string): void {
    this.cellFormat(row, column, { numberFormat: exact !== undefined && decimalsOf(exact) > 2 ? EURO_EXACT : EURO });
  }
  date(row: number, column: number): void {
    this.cellFormat(row, column, { numberFormat: DATE });
  }
  link(row: number, column: number, url: string): void {
    if (/^https:\/\//.test(url)) this.links.push({ row, column, url });
  }

  /**
   * Wrap and row heights: every text cell longer than its width (its merged columns) wraps, aligned to the top, and
   * its row gets the height of its longest cell.
   */
  finish(): { rowHeights: { row: number; height: number }[] } {
    const span = new Map(this.merges.map((m) => [`${m.row}:${m.column}`, m.columns]));
    const heading = new Set(this.formats.filter((f) => f.format.heading && f.column === undefined).map((f) => f.row));
    const rowHeights: { row: number; height: number }[] = [];
    this.rows.forEach((values, r) => {
      let lines = 1;
      values.forEach((v, c) => {
        if (typeof v !== "string" || v === "") return;
        const n = span.get(`${r}:${c}`) ?? 1;
        let width = 0;
        for (let i = c; i < c + n && i < WIDTH; i++) width += COLUMN_WIDTHS[i];
        if (heading.has(r)) width *= 0.8;
        const k = wrappedLines(v, width);
        if (k > 1 || v.length >= width - 1) this.cellFormat(r, c, { wrap: true });
        lines = Math.max(lines, k);
      });
      if (lines > 1) {
        rowHeights.push({ row: r, height: lines * (heading.has(r) ? HEADING_LINE : LINE) + 2 });
        this.formats.push({ row: r, format: { top: true } });
      }
    });
    return { rowHeights };
  }
}

/** A figure as it goes into the return: what it is, the amount (plain decimal, rounded by the policy), where it goes. */
export interface ReturnFigure {
  /** "kia", "thisYear", "later", "addition", from earlier years (art. 3.44) "earlier", "totalDeductible", "earlierOpen", or per partner "partner", "partnerEarlier", "partnerLater", "partnerAddition" */
  kind:
    | "kia"
    | "thisYear"
    | "later"
    | "addition"
    | "earlier"
    | "totalDeductible"
    | "earlierOpen"
    | "partner"
    | "partnerEarlier"
    | "partnerLater"
    | "partnerAddition";
  label: string;
  amount: string;
  where: string;
  /** the partner's name, for a partner's figure */
  partner?: string;
}

/**
 * The figures for the return ("Voor de aangifte"), each with where it goes: the KIA, the part deductible this year
 * and the part for later years (art. 3.44), the disinvestment addition (art. 3.47), and per partner his part this
 * year, later and his addition. The report sheet's block and the pane's copy buttons ("Kopieer voor de aangifte").
 */
export function returnFigures(report: Report, lang: "nl" | "en", tax: "ib" | "vpb" = "ib"): ReturnFigure[] {
  const L = LABELS[lang];
  const where = L.where[tax];
  const out: ReturnFigure[] = [
    { kind: "kia", label: L.returnKia, amount: report.kia, where: where.total },
    { kind: "thisYear", label: L.returnThisYear, amount: report.deductibleThisYear, where: where.kia },
    { kind: "later", label: L.returnLater, amount: report.carriedForward, where: where.later },
    { kind: "addition", label: L.returnAddition, amount: report.disinvestment?.total ?? "0", where: where.addition },
  ];
  // KIA of earlier years that becomes deductible this year (art. 3.44; src/carried.ts), and what stays open
  const carriedIn = report.carriedIn;
  if (carriedIn) {
    out.push({ kind: "earlier", label: L.returnEarlier, amount: carriedIn.deductible, where: where.kia });
    out.push({ kind: "totalDeductible", label: L.returnTotalDeductible, amount: carriedIn.totalDeductible, where: where.kia });
    if (carriedIn.open !== "0") out.push({ kind: "earlierOpen", label: L.returnEarlierOpen, amount: carriedIn.open, where: where.later });
  }
  for (const p of report.partners ?? []) {
    out.push({ kind: "partner", label: L.returnPartner(p.name), amount: p.deductibleThisYear, where: where.partner, partner: p.name });
    const earlier = carriedIn?.partners?.find((x) => x.name === p.name);
    if (earlier && earlier.deductible !== "0")
      out.push({ kind: "partnerEarlier", label: L.returnPartnerEarlier(p.name), amount: earlier.deductible, where: where.partner, partner: p.name });
    if (p.carriedForward !== "0")
      out.push({ kind: "partnerLater", label: L.returnPartnerLater(p.name), amount: p.carriedForward, where: where.later, partner: p.name });
    if (p.disinvestment !== undefined && p.disinvestment !== "0")
      out.push({ kind: "partnerAddition", label: L.returnPartnerAddition(p.name), amount: p.disinvestment, where: where.partnerAddition, partner: p.name });
  }
  return out;
}

/** The euro text of a rounded amount in a sentence: "€ 19.418" (cents only where there are cents). */
function euroText(amount: string): string {
  const d = new Decimal(amount);
  return formatEuro(d, d.isInteger() ? 0 : 2);
}

export function reportSheet(report: Report, options: ReportSheetOptions): ReportSheet {
  const L = LABELS[options.lang];
  const yesNo = (b: boolean) => (b ? L.yes : L.no);
  const b = new Builder();
  const year = report.year;
  const client = options.client ?? {};
  const tax = client.tax ?? "ib";
  const clientName = client.name?.trim() ?? "";

  // A CONCEPT while a question is open or rows are left out without a reason: in the title (on every page), a
  // banner that says why, "voorlopig" beside every figure for the return, no signature
  const leftOut = options.leftOut;
  const open = options.open ?? [];
  const leftOutReason = options.leftOutReason?.trim() ?? "";
  const examples = options.examples ?? 0;
  const provisional = isProvisional({ leftOut, open, leftOutReason, examples });
  const leftRows = new Set(leftOut?.filter((x) => x.list === "investments").map(rowKey));
  const leftDisposals = new Set(leftOut?.filter((x) => x.list === "disposals").map(rowKey));
  const title = provisional ? `${L.title(year)} – ${L.concept}` : L.title(year);

  // Title rows (printed at the top of every page)
  b.place([{ value: title, span: WIDTH }], { bold: true, heading: true });
  b.place([{ value: L.subtitle(clientName, year, L.taxes[tax]), span: WIDTH }], { italic: true });
  b.blank();
  if (provisional) {
    b.place([{ value: L.conceptBanner(open.length, leftRows.size + leftDisposals.size, examples), span: WIDTH }], { bold: true, shade: true });
    b.blank();
  }

  // The client block: label over two columns, value over five
  b.heading(L.clientBlock);
  const kv = (label: string, value: ReportValue, format?: ReportCellFormat): number => {
    const r = b.place([
      { value: label, span: 2 },
      { value, span: WIDTH - 2 },
    ]);
    if (format) b.cellFormat(r, 2, format);
    return r;
  };
  kv(L.client, clientName || null);
  kv(L.fiscalNumber, client.fiscalNumber?.trim() || null);
  kv(L.dossier, client.dossier?.trim() || null);
  kv(L.year, year, { numberFormat: "0", left: true });
  kv(L.tax, L.taxLong[tax]);
  kv(L.preparedBy, client.preparedBy?.trim() || null);
  kv(L.reviewedBy, client.reviewedBy?.trim() || null);
  const day = excelDate(options.date);
  kv(L.date, day ?? options.date, day !== undefined ? { numberFormat: DATE, left: true } : undefined);
  kv(L.version, options.version);
  kv(L.lawVersion, lawDataVersion());
  kv(L.source, options.ledgerSource);
  const description = report.description ?? options.scenario.description;
  if (description) kv(L.description, description);
  // a row with an open question is not among the scenario's investments until answered
  const openRows = new Set(open.map(rowKey)).size;
  if (leftOut)
    kv(
      L.ledgerRows,
      L.ledgerRowsText(options.scenario.investments.length + leftRows.size + openRows, leftRows.size, leftDisposals.size, openRows, options.lines),
    );
  if (leftOutReason && leftOut?.length) kv(L.leftOutReason, leftOutReason);
  b.blank();

  // Voor de aangifte: each figure with where it goes in the return
  b.heading(provisional ? L.forReturnConcept : L.forReturn);
  b.header([{ value: L.forReturnCols[0], span: 3 }, { value: provisional ? L.provisionalAmount : L.forReturnCols[1] }, { value: L.forReturnCols[2], span: 3 }]);
  for (const f of returnFigures(report, options.lang, tax)) {
    const r = b.place([{ value: f.label, span: 3 }, { value: Number(f.amount) }, { value: f.where, span: 3 }]);
    b.amount(r, 3);
  }
  b.blank();

  // A summary for the client, in sentences
  b.heading(L.clientSummary);
  const sentence = (text: string) => b.place([{ value: text, span: WIDTH }]);
  const invested = report.assets.reduce((s, a) => s.plus(a.amount), new Decimal(0));
  const counted = report.assets.filter((a) => a.counted);
  sentence(L.summaryInvested(year, euroText(invested.toFixed()), report.assets.length));
  sentence(L.summaryCounted(euroText(report.total), counted.length));
  sentence((provisional ? L.summaryKiaConcept : L.summaryKia)(year, euroText(report.kia)));
  if (report.carriedForward !== "0") sentence(L.summaryLater(euroText(report.carriedForward)));
  if (report.disinvestment && report.disinvestment.total !== "0") sentence(L.summaryAddition(euroText(report.disinvestment.total)));
  sentence(L.summaryNextYear);
  if (leftRows.size + leftDisposals.size) sentence(L.summaryLeftOut(leftRows.size + leftDisposals.size));
  if (report.warnings.length) sentence(L.summaryChecks(report.warnings.length));
  b.blank();
  b.place([
    { value: provisional ? L.signatureConcept : L.signature, span: 3 },
    { value: "", span: 4 },
  ]);

  // From page 2: the calculation in detail
  b.breaks.push(b.next);
  b.heading(provisional ? L.calculationConcept : L.calculation);
  b.header([{ value: "", span: 3 }, { value: L.amountCol }, { value: L.exactCol, span: 2 }]);
  const money = (label: string, rounded: string, exact?: string) => {
    const withExact = exact !== undefined && exact !== rounded;
    const r = b.place([{ value: label, span: 3 }, { value: Number(rounded) }, { value: withExact ? Number(exact) : null, span: 2 }]);
    b.amount(r, 3);
    if (withExact) b.amount(r, 4, exact);
  };
  money(L.total, report.total);
  money(L.kia, report.kia, report.kiaExact);
  if (report.tableKia !== undefined) money(L.tableKia, report.tableKia, report.tableKiaExact);
  if (report.deductionBase !== undefined) money(L.deductionBase, report.deductionBase);
  money(L.deductible, report.deductibleThisYear, report.deductibleThisYearExact);
  money(L.carried, report.carriedForward, report.carriedForwardExact);
  money(L.disinvestment, report.disinvestment?.total ?? "0", report.disinvestment?.totalExact);
  b.place([
    { value: L.band, span: 3 },
    { value: L.bandKinds[report.band] ?? report.band, span: 4 },
  ]);
  const exactRate = decimalsOf(report.rate) > 4;
  const rateRow = b.place([{ value: L.rate, span: 3 }, { value: Number(report.rate) }, { value: exactRate ? Number(report.rate) : null, span: 2 }]);
  b.cellFormat(rateRow, 3, { numberFormat: PERCENT });
  if (exactRate) b.cellFormat(rateRow, 4, { numberFormat: RATE_EXACT });
  b.blank();

  // The open questions: rows that count once answered
  if (open.length) {
    b.heading(L.openQuestions);
    sentence(L.openIntro);
    b.header([{ value: L.openCols[0] }, { value: L.openCols[1], span: 2 }, { value: L.openCols[3] }, { value: L.openCols[4], span: 3 }]);
    for (const q of open) {
      const amount = q.amount !== undefined && /^-?\d+(\.\d+)?$/.test(q.amount) ? Number(q.amount) : (q.amount ?? null);
      const r = b.place([{ value: q.cell }, { value: q.description ?? q.id ?? null, span: 2 }, { value: amount }, { value: q.question, span: 3 }]);
      if (typeof amount === "number") b.amount(r, 3, q.amount);
    }
    b.blank();
  }

  // What the calculation left out, with its description, amount, cell and why
  if (leftOut?.length) {
    b.heading(L.leftOut);
    sentence(L.leftOutIntro);
    b.header([{ value: L.leftOutCols[0] }, { value: L.leftOutCols[1], span: 2 }, { value: L.leftOutCols[3] }, { value: L.leftOutCols[5], span: 3 }]);
    for (const x of leftOut) {
      const amount = x.amount !== undefined && /^-?\d+(\.\d+)?$/.test(x.amount) ? Number(x.amount) : (x.amount ?? null);
      const detail = L.leftOutRow(x);
      const r = b.place([
        { value: x.cell },
        { value: x.description ?? x.id ?? null, span: 2 },
        { value: amount },
        { value: detail ? `${x.reason} (${flatBrackets(detail)})` : x.reason, span: 3 },
      ]);
      if (typeof amount === "number") b.amount(r, 3, x.amount);
    }
    b.blank();
  }

  // Calamity: the choice with both amounts
  const c = report.calamity;
  if (c) {
    b.heading(L.calamity);
    b.place([
      { value: L.choice, span: 3 },
      { value: L.choiceText(c.applied, c.choice), span: 4 },
    ]);
    b.header([{ value: "", span: 3 }, { value: L.without }, { value: L.with, span: 2 }]);
    const pair = (label: string, without: string, withA: string) => {
      const r = b.place([{ value: label, span: 3 }, { value: Number(without) }, { value: Number(withA), span: 2 }]);
      b.amount(r, 3, without);
      b.amount(r, 4, withA);
    };
    pair(L.kia, c.kiaWithout, c.kiaWith);
    pair(L.totalW, c.totalWithout, c.totalWith);
    const lostIds = new Set(c.items.map((it) => it.id));
    const insurance = (options.scenario.disposals ?? []).some((d) => d.investment !== undefined && lostIds.has(String(d.investment)));
    pair(L.additionW + (insurance ? L.additionInsurance : ""), c.additionWithoutExact, c.additionWithExact);
    pair(L.netW, c.netWithoutExact, c.netWithExact);
    const d = b.place([{ value: L.difference, span: 3 }, { value: Number(c.differenceExact) }]);
    b.amount(d, 3, c.differenceExact);
    for (const it of c.items) {
      b.place([
        { value: `${L.lost} ${it.id}`, span: 3 },
        { value: `${L.replacedBy} ${it.replacedBy}; ${L.available}: ${yesNo(it.available)}; ${L.appliedW}: ${yesNo(it.applied)}`, span: 4 },
      ]);
      const conditions = it.conditions.filter((k) => k.code !== "CHOSEN");
      b.place([{ value: "" }, { value: `${L.conditions}: ${conditions.map((k) => `${k.text} (${yesNo(k.met)})`).join("; ")}`, span: WIDTH - 1 }]);
    }
    b.place([{ value: "" }, { value: c.ref, span: WIDTH - 1 }]);
    b.blank();
  }

  // Partners
  if (report.partners?.length) {
    b.heading(L.partners);
    if (report.partnership) {
      const p = report.partnership;
      const applied = L.keys[p.keyApplied] ?? p.keyApplied;
      const requested = p.keyRequested !== p.keyApplied ? `, ${L.keyRequested}: ${L.keys[p.keyRequested] ?? p.keyRequested}` : "";
      b.place([
        { value: L.key, span: 2 },
        { value: `${applied}${requested} (${p.allocationRef})`, span: WIDTH - 2 },
      ]);
    }
    b.header([
      { value: L.partnerCols[0], span: 2 },
      { value: L.partnerCols[2] },
      { value: L.partnerCols[3], span: 2 },
      { value: L.partnerCols[5] },
      { value: L.partnerCols[6] },
    ]);
    for (const p of report.partners) {
      const r = b.place([
        { value: p.name, span: 2 },
        { value: Number(p.share) },
        { value: Number(p.kiaExact), span: 2 },
        { value: Number(p.deductibleThisYear) },
        { value: Number(p.carriedForward) },
      ]);
      b.cellFormat(r, 2, { numberFormat: PERCENT });
      b.amount(r, 3, p.kiaExact);
      b.amount(r, 5);
      b.amount(r, 6);
      const detail = [p.legalForm ? `${L.legalForm}: ${p.legalForm}` : "", `${L.method}: ${L.methods[p.method] ?? p.method}`, `${L.kia}: ${euroText(p.kia)}`]
        .filter(Boolean)
        .join("; ");
      b.place([{ value: "" }, { value: detail, span: WIDTH - 1 }], { italic: true });
    }
    // Art. 3.47 per partner (the level chosen) with the other reading, and the calamity choice per partner.
    for (const p of report.partners) {
      if (p.disinvestment === undefined) continue;
      const other = p.disinvestmentOtherLevel;
      const r = b.place([
        { value: `${L.partnerDisinvestment}: ${p.name}`, span: 3 },
        { value: Number(p.disinvestment) },
        {
          value: [L.levels[report.disinvestment?.level ?? "partner"], other ? `${L.levels[other.level]}: ${formatEuro(new Decimal(other.amount))}` : ""]
            .filter(Boolean)
            .join("; "),
          span: 3,
        },
      ]);
      b.amount(r, 3);
    }
    for (const c of report.calamity?.partners ?? [])
      b.place([
        { value: `${L.calamityPartner}: ${c.name}`, span: 3 },
        { value: L.calamityPartnerText(c.netWithoutExact, c.netWithExact, c.prefers === "with"), span: 4 },
      ]);
    b.blank();
  }

  // Assets: a row of facts, and below it the deciding reason with its article (and a manual review with its reason)
  b.heading(L.assets);
  b.header(L.assetCols.map((value) => ({ value })));
  const dated = new Map(options.scenario.investments.map((i) => [String(i.id), i.date]));
  for (const a of report.assets) {
    const cat = findCategory(a.category);
    const iso = dated.get(a.id);
    const serial = iso ? excelDate(iso) : undefined;
    const r = b.add([
      a.id,
      a.description ?? null,
      serial ?? (iso ? dutchDate(iso) : null),
      cat ? (options.lang === "en" ? cat.labelEn : cat.label) : a.category,
      a.group ?? null,
      Number(a.amount),
      yesNo(a.counted),
    ]);
    if (serial !== undefined) b.date(r, 2);
    b.amount(r, 5, a.amount);
    // a manual review is said in the report's own words below ("Handmatig beoordeeld door u: …"), not by the core's reason
    const reasons = a.override ? a.reasons.filter((x) => !/^handmatige beoordeling/.test(x.ref)) : a.reasons;
    const parts = [reasons.map((x) => `${x.text} (${flatBrackets(x.ref)})`).join(" ")];
    if (a.override) parts.push(L.override(a.override.eligible, a.override.reason));
    if (a.counted)
      parts.push(`${L.kiaAttributed}: ${formatEuro(new Decimal(a.kiaAttributed), decimalsOf(a.kiaAttributed) > 2 ? decimalsOf(a.kiaAttributed) : 2)}.`);
    b.place([{ value: "" }, { value: parts.filter(Boolean).join(" "), span: WIDTH - 1 }]);
  }
  b.blank();

  // Payment criterion
  if (report.payment?.items.length) {
    b.heading(L.payment);
    b.header([
      { value: L.paymentCols[0], span: 2 },
      { value: L.paymentCols[2] },
      { value: L.paymentCols[3] },
      { value: L.paymentCols[4], span: 2 },
      { value: L.paymentCols[6] },
    ]);
    for (const it of report.payment.items) {
      const r = b.place([
        { value: it.asset, span: 2 },
        { value: it.ids.join(", ") },
        { value: Number(it.attributed) },
        { value: Number(it.paid), span: 2 },
        { value: Number(it.carriedForward) },
      ]);
      b.amount(r, 3, it.attributed);
      b.amount(r, 4, it.paid);
      b.amount(r, 6, it.carriedForward);
    }
    b.blank();
  }

  // The KIA of earlier years carried forward (art. 3.44): per investment year and asset, and where it was read
  const carriedIn = report.carriedIn;
  if (carriedIn) {
    b.heading(L.earlier);
    b.header(L.earlierCols.map((value, i) => ({ value, ...(i === 1 ? { span: 2 } : {}) })).filter((_, i) => i !== 2));
    for (const y of carriedIn.years) {
      for (const a of y.assets) {
        const r = b.place([
          { value: y.year },
          { value: a.description ? `${a.asset} (${a.description})` : a.asset, span: 2 },
          { value: Number(a.openBefore) },
          { value: Number(a.deductibleExact) },
          { value: Number(a.openExact) },
          { value: L.earlierBasis[a.basis] ?? a.basis },
        ]);
        b.amount(r, 3, a.openBefore);
        b.amount(r, 4, a.deductibleExact);
        b.amount(r, 5, a.openExact);
      }
      if (y.source) b.place([{ value: "" }, { value: L.fromRegister(y.source), span: WIDTH - 1 }], { italic: true });
    }
    b.blank();
  }

  // Disposals
  const dis = report.disinvestment;
  if (dis && dis.items.length) {
    b.heading(L.disposals);
    const t = b.place([
      { value: L.threshold, span: 2 },
      { value: Number(dis.threshold) },
      { value: L.disposalsTotal, span: 2 },
      { value: Number(dis.disposalsTotal), span: 2 },
    ]);
    b.amount(t, 2);
    b.amount(t, 5);
    b.header(L.disposalCols.map((value) => ({ value })));
    const described = new Map((options.scenario.disposals ?? []).map((d) => [String(d.id), d.description]));
    for (const it of dis.items) {
      const description = described.get(it.id);
      // a disposal entered without a number (the pane's step 4) is named by its description, not under Nummer
      const entered = isEnteredDisposalId(it.id, description);
      const r = b.add([
        entered ? null : it.id,
        entered ? (description ?? it.id) : description && description !== it.id ? description : null,
        it.investmentYear,
        Number(it.price),
        Number(it.rate),
        Number(it.amountExact),
        yesNo(it.counted),
      ]);
      b.amount(r, 3, it.price);
      b.cellFormat(r, 4, { numberFormat: RATE_EXACT });
      b.amount(r, 5, it.amountExact);
      b.place(
        [{ value: "" }, { value: `${L.base}: ${formatEuro(new Decimal(it.base))}${it.source ? `; ${L.fromRegister(it.source)}` : ""}`, span: WIDTH - 1 }],
        { italic: true },
      );
    }
    b.blank();
  }

  // Explanation steps with their legal references (the reference is the link)
  const refUrl = referenceUrls(report.parameters.references);
  const ownRef = (ref: string) => (/^afrondingsbeleid\b/.test(ref) ? L.roundingRef : ref);
  b.heading(L.steps);
  b.header([{ value: L.stepCols[0] }, { value: L.stepCols[1], span: 4 }, { value: L.stepCols[5], span: 2 }]);
  report.explanation.forEach((s, i) => {
    const url = s.ref ? refUrl(s.ref) : undefined;
    const r = b.place([{ value: i + 1 }, { value: s.text, span: 4 }, { value: s.ref ? ownRef(s.ref) : null, span: 2 }]);
    if (url) b.link(r, 5, url);
  });
  b.blank();

  // Points to check: the core's warnings in words (their codes are for programs)
  if (report.warnings.length) {
    b.heading(L.warnings);
    for (const w of report.warnings) b.place([{ value: "•" }, { value: w.text, span: WIDTH - 1 }]);
    b.blank();
  }

  // The year's table and the rounding policy, stated here
  const P = report.parameters;
  b.heading(L.parameters(P.year));
  const pv = (label: string, value: ReportValue) =>
    b.place([
      { value: label, span: 2 },
      { value, span: WIDTH - 2 },
    ]);
  pv(L.confidence, `${L.confidences[P.confidence] ?? P.confidence}: ${P.confidenceDetail}`);
  P.bands.forEach((t, i) => pv(i === 0 ? L.bands : "", t));
  const minRow = pv(L.minAsset, Number(P.minAssetAmount));
  b.amount(minRow, 2);
  pv(L.rounding, L.roundingText(report.exact));
  b.blank();

  // Sources: the law and the Belastingdienst first; other websites stay in the law data, out of the client file
  b.heading(L.sources);
  const order = (k: string) => AUTHORITATIVE_KINDS.indexOf(k as (typeof AUTHORITATIVE_KINDS)[number]);
  const sources = P.sources.filter((s) => order(s.kind) >= 0 && /^https:\/\//.test(s.url)).sort((x, y) => order(x.kind) - order(y.kind));
  for (const s of sources) {
    b.place([{ value: L.sourceKinds[s.kind] ?? s.kind }, { value: `${s.title}; ${L.supports}: ${s.supports}`, span: WIDTH - 1 }]);
    const r = b.place([{ value: "" }, { value: s.url, span: WIDTH - 1 }]);
    b.link(r, 1, s.url);
  }
  b.blank();
  b.heading(L.references);
  for (const ref of P.references.filter((x) => /^https:\/\//.test(x.url))) {
    const r = b.place([
      { value: ref.label, span: 3 },
      { value: ref.url, span: WIDTH - 3 },
    ]);
    b.link(r, 3, ref.url);
  }
  b.blank();

  // The KIA curve of the year, marking the client's total; the adapters draw a native chart below it
  b.heading(L.curve(year));
  b.header([{ value: "" }, { value: L.curveCols[0] }, { value: L.curveCols[1] }]);
  const curve = kiaCurve(year, report.total);
  const first = b.next;
  let markRow: number | undefined;
  curve.forEach((p, i) => {
    const r = b.add(i === curve.mark ? [null, p.x, p.y, L.yourTotal] : [null, p.x, p.y]);
    b.amount(r, 1);
    b.amount(r, 2);
    if (i === curve.mark) markRow = r;
  });
  const last = b.next - 1;
  b.blank();
  const chartRow = b.next;
  const chartRows = 20;

  // The year's register (src/register), below the printed area: read back next year, never printed
  while (b.next < chartRow + chartRows + 1) b.blank();
  b.heading(L.register(year));
  b.place([{ value: L.registerNote(registerTableName(year), REGISTER_VERSION), span: WIDTH }], { italic: true });
  const register = { name: registerTableName(year), row: b.next, column: 0, rows: registerRows(registerOf(report, options.scenario)) };

  const { rowHeights } = b.finish();
  const safe = (s: string) => s.replace(/&/g, "&&");
  return {
    name: reportSheetName(year, options.lang),
    provisional,
    rows: b.rows,
    formats: b.formats,
    columnWidths: [...COLUMN_WIDTHS],
    links: b.links,
    merges: b.merges,
    rowHeights,
    pageBreaks: b.breaks,
    page: {
      paper: "A4",
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: [0, 1],
      area: { rows: chartRow + chartRows, columns: WIDTH },
      header: `&L${safe(L.header(clientName, year))}&R${safe(title)}`,
      footer: `&L${safe(options.version ? `${L.version} ${options.version}` : "")}&C${L.page}&R${safe(dutchDate(options.date))}`,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    tables: [register],
    chart: {
      title: L.curve(year),
      firstRow: first,
      lastRow: last,
      markRow,
      markLabel: L.yourTotal,
      xTitle: L.curveCols[0],
      yTitle: L.curveCols[1],
      columns: [1, 2],
      anchor: { row: chartRow, column: 0, rows: chartRows, columns: WIDTH },
    },
  };
}
