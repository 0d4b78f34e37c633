/**
 * The add-in's own report sheet ("KIA-rapport 2025" / "KIA report 2025"), laid out as rows that both workbook
 * adapters write as they are (Office.js inside Excel, exceljs for the downloaded .xlsx). Pure: no Office, no
 * DOM. Every amount is a number with a euro format (the report's decimal string through Number: Excel holds 15
 * significant digits, which is every digit of the core's exact amounts up to about € 100.000 with 10 decimals);
 * an exact amount with more decimals than cents gets a format that shows them ('"€" #,##0.00########'), rates
 * and shares are numbers with a percent format and the date is a real date (a serial number with a date
 * format), so Excel adds them up and never says "getal opgeslagen als tekst". Descriptions, ids and the core's
 * own texts stay text. The core's texts (reasons, steps, warnings) are Dutch; the labels of this sheet follow
 * `lang`.
 */
import type { Report, Scenario } from "../src";
import { Decimal, findCategory, formatEuro, kia } from "../src";
import { cellText, columnLetter, mapDisposalHeaders, readDisposals, type ColumnMapping, type LedgerProblem } from "../src/workbook/ledger";
import { curveTotals } from "./app/curve";
import { messages } from "./app/i18n";
import { referenceUrls } from "./app/refs";
import type { DisposalIssue } from "./app/scenario";
import type { Grid, ReportCellFormat, ReportSheet, ReportValue } from "./workbook/types";

export interface ReportSheetOptions {
  lang: "nl" | "en";
  /** the add-in's version (package.json) */
  version: string;
  /** the date the report is made, jjjj-mm-dd */
  date: string;
  /** where the ledger was read: "tabel Investeringen (blad Staat), 15 rijen", a file name, ... */
  ledgerSource: string;
  scenario: Scenario;
  /**
   * The ledger's rows and the disposals left out of the calculation (leftOutRows): listed under "Niet meegeteld",
   * and counted in the summary ("16 regels gelezen, 1 niet meegeteld"). Given, even empty, the summary says how many
   * rows were read; not given (a caller that does not know), the sheet says nothing about it.
   */
  leftOut?: readonly LeftOutRow[];
}

/** A row of the ledger or a disposal that the calculation left out, and why. */
export interface LeftOutRow {
  /** a row of the ledger (investments) or a disposal */
  list: "investments" | "disposals";
  /** the cell: "Investeringen!E3"; a disposal entered in the pane: where it was entered ("Vervreemding 1 (stap 4)") */
  cell: string;
  /** the row's number, when it has one */
  id?: string;
  /** the column the reason is about, in the report's language ("bedrag") */
  column?: string;
  /** the cell's value as read, where it could not be read: '"2,500"' */
  value?: string;
  /** why: the reader's or the core's own Dutch text */
  reason: string;
}

/** What the pane knows of the rows it left out (its derived state: taskpane/app/derive.ts). */
export interface LeftOutSource {
  /** the ledger as read (its sheet, cells, first row) and its column mapping */
  grid: Grid;
  mapping: ColumnMapping;
  /** the ledger's problems: cells not read, and rows the core refused (derived.problems) */
  problems: readonly LedgerProblem[];
  /** the disposals table, when there is one, and its cells not read */
  disposalGrid?: Grid | null;
  disposalProblems: readonly LedgerProblem[];
  /** disposals left out: incomplete in the pane, or refused by the core (derived.disposalIssues) */
  disposalIssues: readonly DisposalIssue[];
  /** the disposals entered in the pane (their descriptions name them) */
  paneDisposals: readonly { description: string }[];
}

/** Excel number formats, written in en-US form (Excel shows them in the user's locale). */
export const EURO = '"€" #,##0.00';
/** an exact amount: at least the cents, and up to 10 decimals where the core's exact value has them */
export const EURO_EXACT = '"€" #,##0.00########';
export const PERCENT = "0.00%";
export const RATE = "0.0000%";
/** an exact rate (the effective rate, a disposal's rate): up to 12 decimals of the fraction */
export const RATE_EXACT = "0.00########%";
/** the report's date */
export const DATE = "yyyy-mm-dd";

/** A date "jjjj-mm-dd" as Excel's serial day number (1900 date system), or undefined when it is no such date. */
export function excelDate(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t / 86_400_000 + 25_569 : undefined;
}

const LABELS = {
  nl: {
    sheet: "KIA-rapport",
    title: (y: number) => `Kleinschaligheidsinvesteringsaftrek ${y}`,
    date: "Datum",
    version: "Versie invoegtoepassing",
    source: "Bron van de staat",
    description: "Omschrijving",
    summary: "Samenvatting",
    amountCol: "Bedrag",
    exactCol: "Exact",
    total: "Totaal investeringen dat meetelt",
    kia: "KIA",
    band: "Schijf van de tabel",
    rate: "Effectief percentage (KIA / totaal)",
    deductible: "Dit jaar aftrekbaar",
    carried: "Door naar latere jaren (betalingscriterium)",
    disinvestment: "Desinvesteringsbijtelling",
    tableKia: "KIA volgens de tabel (met waarde in het economische verkeer)",
    deductionBase: "Verplichtingen waar de KIA op wordt toegepast",
    calamity: "Calamiteit (besluit onderdeel 4.4)",
    choice: "Keuze",
    choiceText: (applied: boolean, choice: string) =>
      (applied ? "goedkeuring toegepast" : "goedkeuring niet toegepast") +
      (choice === "taxpayer"
        ? " (keuze van de belastingplichtige)"
        : choice === "best"
          ? " (de berekening koos de hoogste netto uitkomst)"
          : " (goedkeuring niet beschikbaar)"),
    without: "zonder goedkeuring",
    with: "met goedkeuring",
    kiaW: "KIA",
    totalW: "Totaal investeringen",
    additionW: "Desinvesteringsbijtelling in dit jaar",
    additionInsurance: " (met verzekeringsgeld voor het verloren bedrijfsmiddel)",
    netW: "Netto (KIA min bijtelling)",
    difference: "Verschil netto (met min zonder)",
    lost: "Verloren bedrijfsmiddel",
    replacedBy: "vervangen door",
    available: "beschikbaar",
    appliedW: "toegepast",
    conditions: "Voorwaarden",
    partners: "Vennoten",
    partnerCols: ["Vennoot", "Rechtsvorm", "Aandeel", "Methode", "KIA", "Dit jaar aftrekbaar", "Door naar later", "KIA exact"],
    partnerDisinvestment: "Desinvesteringsbijtelling",
    levels: { partner: "per vennoot", partnership: "voor het samenwerkingsverband als geheel" } as Record<string, string>,
    calamityPartner: "Calamiteitsgoedkeuring voor",
    calamityPartnerText: (without: string, withIt: string, prefersWith: boolean) =>
      `per saldo zonder goedkeuring ${formatEuro(new Decimal(without))}, met ${formatEuro(new Decimal(withIt))}; de eigen keuze zou ${prefersWith ? "de goedkeuring" : "de wettelijke hoofdregel"} zijn`,
    key: "Verdeelsleutel",
    keys: { profit: "aandeel in de (over)winst", capital: "kapitaal", reserves: "stille reserves", equal: "gelijke delen" } as Record<string, string>,
    keyRequested: "gevraagd",
    methods: {
      share: "naar aandeel",
      "own-assets": "met eigen bedrijfsmiddelen (vanaf 2021)",
      "hr-2020-pro-rata": "naar evenredigheid (HR 1 mei 2020)",
      "hr-2019-fixed": "vast bedrag (HR 24 mei 2019)",
    } as Record<string, string>,
    assets: "Bedrijfsmiddelen",
    assetCols: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Telt mee", "Reden (met wetsartikel)", "KIA toegerekend", "Handmatige beoordeling", "Reden handmatig", "Bedrag exact"],
    overrideText: (e: boolean) => (e ? "wel aftrekbaar" : "niet aftrekbaar"),
    payment: "Betalingscriterium (art. 3.44 Wet IB 2001)",
    paymentCols: ["Bedrijfsmiddel", "Regels", "KIA toegerekend", "Betaald", "Door naar later"],
    disposals: "Desinvesteringen (art. 3.47 Wet IB 2001)",
    disposalCols: ["Nummer", "Omschrijving", "Investeringsjaar", "Verkoopprijs", "Grondslag", "Percentage", "Bijtelling", "Telt mee"],
    threshold: "Drempel",
    disposalsTotal: "Totaal verkoopprijzen",
    steps: "Toelichting",
    stepCols: ["Stap", "Toelichting", "Wettelijke grondslag", "Link"],
    warnings: "Waarschuwingen",
    warningCols: ["Code", "Tekst"],
    parameters: (y: number) => `Parameters ${y}`,
    confidence: "Zekerheid van de tabel",
    confidences: { official: "officieel", corroborated: "bevestigd door meerdere bronnen", "single-source": "één bron", inferred: "afgeleid", unknown: "onbekend" } as Record<string, string>,
    bands: "Schijven",
    minAsset: "Minimumbedrag per bedrijfsmiddel",
    rounding: "Afronding",
    sources: "Bronnen",
    sourceCols: ["Soort", "Titel", "Link", "Onderbouwt"],
    contradictions: "Tegenstrijdige bronnen",
    references: "Wettelijke verwijzingen",
    referenceCols: ["Verwijzing", "Link"],
    curve: (y: number) => `KIA-curve ${y}`,
    curveCols: ["Totaal investeringen", "KIA"],
    yourTotal: "uw totaal",
    yes: "ja",
    no: "nee",
    bandKinds: { none: "geen KIA", percentage: "percentage", fixed: "vast bedrag", "phase-out": "afbouw", "above-ceiling": "boven de grens" } as Record<string, string>,
    coreTextsDutch: "",
    ledgerRows: "Regels van de staat",
    ledgerRowsText: (read: number, left: number, disposals: number) =>
      `${read} ${read === 1 ? "regel" : "regels"} gelezen, ${left === 0 ? (read === 1 ? "meegeteld" : "alle meegeteld") : `${left} niet meegeteld`}` +
      (disposals ? `; ${disposals} ${disposals === 1 ? "vervreemding" : "vervreemdingen"} niet meegeteld` : "") +
      (left || disposals ? " (zie Niet meegeteld)" : ""),
    leftOut: "Niet meegeteld",
    leftOutIntro: "Deze regels tellen niet mee in de berekening; verbeter ze in de staat en maak het rapport opnieuw.",
    leftOutCols: ["Cel", "Nummer", "Kolom", "Waarde", "Reden"],
    paneDisposal: (i: number) => `Vervreemding ${i} (stap 4 van het taakvenster)`,
  },
  en: {
    sheet: "KIA report",
    title: (y: number) => `Small-scale investment deduction (KIA) ${y}`,
    date: "Date",
    version: "Add-in version",
    source: "Source of the ledger",
    description: "Description",
    summary: "Summary",
    amountCol: "Amount",
    exactCol: "Exact",
    total: "Total of investments that count",
    kia: "KIA",
    band: "Band of the table",
    rate: "Effective rate (KIA / total)",
    deductible: "Deductible this year",
    carried: "Carried forward (payment criterion)",
    disinvestment: "Disinvestment addition",
    tableKia: "KIA by the table (with market value)",
    deductionBase: "Obligations the KIA is applied to",
    calamity: "Calamity (besluit section 4.4)",
    choice: "Choice",
    choiceText: (applied: boolean, choice: string) =>
      (applied ? "approval applied" : "approval not applied") +
      (choice === "taxpayer"
        ? " (the taxpayer's choice)"
        : choice === "best"
          ? " (the calculation chose the higher net result)"
          : " (approval not available)"),
    without: "without approval",
    with: "with approval",
    kiaW: "KIA",
    totalW: "Total of investments",
    additionW: "Disinvestment addition this year",
    additionInsurance: " (with insurance money for the lost asset)",
    netW: "Net (KIA minus addition)",
    difference: "Net difference (with minus without)",
    lost: "Lost asset",
    replacedBy: "replaced by",
    available: "available",
    appliedW: "applied",
    conditions: "Conditions",
    partners: "Partners",
    partnerCols: ["Partner", "Legal form", "Share", "Method", "KIA", "Deductible this year", "Carried forward", "KIA exact"],
    partnerDisinvestment: "Disinvestment addition",
    levels: { partner: "per partner", partnership: "for the partnership as a whole" } as Record<string, string>,
    calamityPartner: "Calamity approval for",
    calamityPartnerText: (without: string, withIt: string, prefersWith: boolean) =>
      `net without the approval € ${new Decimal(without).toFixed(2)}, with € ${new Decimal(withIt).toFixed(2)}; the partner's own choice would be ${prefersWith ? "the approval" : "the statutory rule"}`,
    key: "Allocation key",
    keys: { profit: "profit share", capital: "capital", reserves: "hidden reserves", equal: "equal shares" } as Record<string, string>,
    keyRequested: "requested",
    methods: {
      share: "by share",
      "own-assets": "with own assets (from 2021)",
      "hr-2020-pro-rata": "pro rata (HR 1 May 2020)",
      "hr-2019-fixed": "fixed amount (HR 24 May 2019)",
    } as Record<string, string>,
    assets: "Assets",
    assetCols: ["Number", "Description", "Category", "Amount", "Counts", "Reason (with article)", "KIA attributed", "Manual classification", "Reason given", "Amount exact"],
    overrideText: (e: boolean) => (e ? "deductible" : "not deductible"),
    payment: "Payment criterion (art. 3.44 Wet IB 2001)",
    paymentCols: ["Asset", "Rows", "KIA attributed", "Paid", "Carried forward"],
    disposals: "Disposals (art. 3.47 Wet IB 2001)",
    disposalCols: ["Number", "Description", "Investment year", "Sale price", "Base", "Rate", "Addition", "Counts"],
    threshold: "Threshold",
    disposalsTotal: "Total sale prices",
    steps: "Explanation",
    stepCols: ["Step", "Explanation (Dutch)", "Legal basis", "Link"],
    warnings: "Warnings",
    warningCols: ["Code", "Text (Dutch)"],
    parameters: (y: number) => `Parameters ${y}`,
    confidence: "Confidence of the table",
    confidences: { official: "official", corroborated: "corroborated by several sources", "single-source": "single source", inferred: "inferred", unknown: "unknown" } as Record<string, string>,
    bands: "Bands",
    minAsset: "Minimum amount per asset",
    rounding: "Rounding",
    sources: "Sources",
    sourceCols: ["Kind", "Title", "Link", "Supports"],
    contradictions: "Contradicting sources",
    references: "Legal references",
    referenceCols: ["Reference", "Link"],
    curve: (y: number) => `KIA curve ${y}`,
    curveCols: ["Total investments", "KIA"],
    yourTotal: "your total",
    yes: "yes",
    no: "no",
    bandKinds: { none: "no KIA", percentage: "percentage", fixed: "fixed amount", "phase-out": "phase-out", "above-ceiling": "above the ceiling" } as Record<string, string>,
    coreTextsDutch: "The explanations, reasons and warnings come from the calculation core and are in Dutch.",
    ledgerRows: "Rows of the ledger",
    ledgerRowsText: (read: number, left: number, disposals: number) =>
      `${read} ${read === 1 ? "row" : "rows"} read, ${left === 0 ? (read === 1 ? "counted" : "all counted") : `${left} not counted`}` +
      (disposals ? `; ${disposals} ${disposals === 1 ? "disposal" : "disposals"} not counted` : "") +
      (left || disposals ? " (see Not counted)" : ""),
    leftOut: "Not counted",
    leftOutIntro: "These rows do not count in the calculation; correct them in the ledger and make the report again.",
    leftOutCols: ["Cell", "Number", "Column", "Value", "Reason (Dutch)"],
    paneDisposal: (i: number) => `Disposal ${i} (step 4 of the task pane)`,
  },
};

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
 * client's total: taskpane/app/curve.ts), with the KIA the core's kia() gives for each (rounded by the policy, as
 * the report does), so a line through them is the curve with its corners. The client's total, when given, is
 * inserted at its place; `mark` is its index.
 */
export function kiaCurve(year: number, clientTotal?: string): { x: number; y: number }[] & { mark?: number } {
  const given = clientTotal !== undefined && /^\d+(\.\d+)?$/.test(clientTotal) ? new Decimal(clientTotal) : undefined;
  const out = curveTotals(year, given).totals.map((x) => ({ x: x.toNumber(), y: kia(x, year).roundedNumber })) as {
    x: number;
    y: number;
  }[] & { mark?: number };
  if (given) {
    // the client's own total, with the KIA of the exact total (not of its rounded display number)
    const x = given.toNumber();
    let i = out.findIndex((p) => p.x >= x);
    if (i < 0) i = out.length;
    if (out[i]?.x !== x) out.splice(i, 0, { x, y: kia(given, year).roundedNumber });
    out.mark = i;
  }
  return out;
}

/**
 * The rows the pane left out, as the report lists them: every problem of the ledger (a cell not read, a row the core
 * refused; several cells of one row are one line each, as in the pane), every cell of the disposals table not read,
 * and every disposal left out (one read from the table and refused by the core, or one entered in step 4 and not
 * complete). Each with its cell in the sheet ("Investeringen!E3", the cell the pane names: Source.tsx), the row's
 * number, the column and the reason in the core's Dutch. A disposal refused by the core is named by the cell of its
 * number (the pane keeps the message, not the field).
 */
export function leftOutRows(src: LeftOutSource, lang: "nl" | "en"): LeftOutRow[] {
  const t = messages(lang);
  const L = LABELS[lang];
  const out: LeftOutRow[] = [];
  const idIn = (grid: Grid, column: number | undefined, row: number): string | undefined => {
    if (column === undefined) return undefined;
    const id = cellText(grid.rows[row - grid.firstRow]?.[column]).trim();
    return id || undefined;
  };
  const entry = (e: LeftOutRow): LeftOutRow => {
    // only the fields that say something: no id, column or value where there is none
    const r: LeftOutRow = { list: e.list, cell: e.cell, reason: e.reason };
    if (e.id) r.id = e.id;
    if (e.column) r.column = e.column;
    if (e.value && e.value !== '""') r.value = e.value;
    return r;
  };
  const g = src.grid;
  for (const p of src.problems)
    out.push(
      entry({
        list: "investments",
        cell: `${g.sheet}!${p.columnLetter}${p.row}`,
        id: idIn(g, src.mapping.id, p.row),
        column: p.field === "row" ? undefined : t.fieldNames[p.field],
        value: p.value,
        reason: p.message,
      }),
    );
  const d = src.disposalGrid;
  const dMapping = d ? mapDisposalHeaders(d.headers).mapping : {};
  if (d)
    for (const p of src.disposalProblems)
      out.push(entry({ list: "disposals", cell: `${d.sheet}!${p.columnLetter}${p.row}`, id: idIn(d, dMapping.id, p.row), value: p.value, reason: p.message }));
  // the sheet row of each disposal read from the table (read again only when one of them was left out)
  let tableRows: number[] | undefined;
  for (const x of src.disposalIssues) {
    const o = x.origin;
    if (o.kind === "ledger" && d) {
      tableRows ??= readDisposals(d.headers, d.rows, { firstRow: d.firstRow, firstColumn: d.firstColumn }).rows;
      const row = tableRows[o.index];
      const cell = row === undefined ? d.sheet : `${d.sheet}!${columnLetter(d.firstColumn + (dMapping.id ?? 0))}${row}`;
      out.push(entry({ list: "disposals", cell, id: o.id, reason: x.message }));
    } else if (o.kind === "user") {
      const description = src.paneDisposals[o.index]?.description.trim();
      out.push(entry({ list: "disposals", cell: L.paneDisposal(o.index + 1), id: description || undefined, reason: x.message }));
    }
  }
  return out;
}

/** "Investeringen!E3" -> "Investeringen!3": several cells of one row are one row left out. */
function rowKey(cell: string): string {
  const m = /^(.*)![A-Z]{1,3}(\d+)$/.exec(cell);
  return m ? `${m[1]}!${m[2]}` : cell;
}

class Builder {
  rows: ReportValue[][] = [];
  formats: { row: number; column?: number; format: ReportCellFormat }[] = [];
  links: { row: number; column: number; url: string }[] = [];

  get next(): number {
    return this.rows.length;
  }
  add(values: ReportValue[], rowFormat?: ReportCellFormat): number {
    const r = this.rows.length;
    this.rows.push(values);
    if (rowFormat) this.formats.push({ row: r, format: rowFormat });
    return r;
  }
  blank(): void {
    this.rows.push([]);
  }
  heading(text: string): void {
    this.add([text], { bold: true, heading: true });
  }
  header(cols: string[]): void {
    this.add(cols, { bold: true });
  }
  cellFormat(row: number, column: number, format: ReportCellFormat): void {
    this.formats.push({ row, column, format });
  }
  /** an amount: a number in euros, with more decimals than cents shown where `exact` has them */
  amount(row: number, column: number, exact?: string): void {
    this.cellFormat(row, column, { numberFormat: exact !== undefined && decimalsOf(exact) > 2 ? EURO_EXACT : EURO });
  }
  link(row: number, column: number, url: string): void {
    if (/^https?:\/\//.test(url)) this.links.push({ row, column, url });
  }
}


export function reportSheet(report: Report, options: ReportSheetOptions): ReportSheet {
  const L = LABELS[options.lang];
  const yesNo = (b: boolean) => (b ? L.yes : L.no);
  const b = new Builder();
  const year = report.year;

  // Title, date, version, source
  b.add([L.title(year)], { bold: true, heading: true });
  const day = excelDate(options.date);
  const dateRow = b.add([L.date, day ?? options.date]);
  if (day !== undefined) b.cellFormat(dateRow, 1, { numberFormat: DATE });
  b.add([L.version, options.version]);
  b.add([L.source, options.ledgerSource]);
  const description = report.description ?? options.scenario.description;
  if (description) b.add([L.description, description]);
  if (L.coreTextsDutch) b.add([L.coreTextsDutch]);
  b.blank();

  // Summary: label | amount | exact
  b.heading(L.summary);
  b.header(["", L.amountCol, L.exactCol]);
  const leftOut = options.leftOut;
  const leftRows = new Set(leftOut?.filter((x) => x.list === "investments").map((x) => rowKey(x.cell)));
  const leftDisposals = new Set(leftOut?.filter((x) => x.list === "disposals").map((x) => rowKey(x.cell)));
  // the rows read: those counted (the scenario evaluated) and those left out
  if (leftOut) b.add([L.ledgerRows, L.ledgerRowsText(options.scenario.investments.length + leftRows.size, leftRows.size, leftDisposals.size)]);
  const money = (label: string, rounded: string, exact?: string) => {
    const withExact = exact !== undefined && exact !== rounded;
    const r = b.add([label, Number(rounded), withExact ? Number(exact) : null]);
    b.amount(r, 1);
    if (withExact) b.amount(r, 2, exact);
  };
  money(L.total, report.total);
  money(L.kia, report.kia, report.kiaExact);
  if (report.tableKia !== undefined) money(L.tableKia, report.tableKia, report.tableKiaExact);
  if (report.deductionBase !== undefined) money(L.deductionBase, report.deductionBase);
  money(L.deductible, report.deductibleThisYear, report.deductibleThisYearExact);
  money(L.carried, report.carriedForward, report.carriedForwardExact);
  money(L.disinvestment, report.disinvestment?.total ?? "0", report.disinvestment?.totalExact);
  b.add([L.band, L.bandKinds[report.band] ?? report.band]);
  const rateRow = b.add([L.rate, Number(report.rate), decimalsOf(report.rate) > 4 ? Number(report.rate) : null]);
  b.cellFormat(rateRow, 1, { numberFormat: PERCENT });
  if (decimalsOf(report.rate) > 4) b.cellFormat(rateRow, 2, { numberFormat: RATE_EXACT });
  b.blank();

  // What the calculation left out, with its cell and why: right after the summary, so no one reads the total alone
  if (leftOut?.length) {
    b.heading(L.leftOut);
    b.add([L.leftOutIntro]);
    b.header(L.leftOutCols);
    for (const x of leftOut) b.add([x.cell, x.id ?? null, x.column ?? null, x.value ?? null, x.reason]);
    b.blank();
  }

  // Calamity: the choice with both amounts
  const c = report.calamity;
  if (c) {
    b.heading(L.calamity);
    b.add([L.choice, L.choiceText(c.applied, c.choice)]);
    b.header(["", L.without, L.with]);
    const pair = (label: string, without: string, withA: string) => {
      const r = b.add([label, Number(without), Number(withA)]);
      b.amount(r, 1, without);
      b.amount(r, 2, withA);
    };
    pair(L.kiaW, c.kiaWithout, c.kiaWith);
    pair(L.totalW, c.totalWithout, c.totalWith);
    // the year's addition in both cases: every disposal of the year, insurance money for a lost asset only when
    // a disposal is linked to it
    const lostIds = new Set(c.items.map((it) => it.id));
    const insurance = (options.scenario.disposals ?? []).some((d) => d.investment !== undefined && lostIds.has(String(d.investment)));
    pair(L.additionW + (insurance ? L.additionInsurance : ""), c.additionWithoutExact, c.additionWithExact);
    pair(L.netW, c.netWithoutExact, c.netWithExact);
    const d = b.add([L.difference, Number(c.differenceExact)]);
    b.amount(d, 1, c.differenceExact);
    for (const it of c.items) {
      b.add([
        `${L.lost} ${it.id}`,
        `${L.replacedBy} ${it.replacedBy}; ${L.available}: ${yesNo(it.available)}; ${L.appliedW}: ${yesNo(it.applied)}`,
      ]);
      // the choice is on its own row above; the conditions are what must be met
      const conditions = it.conditions.filter((k) => k.code !== "CHOSEN");
      b.add(["", `${L.conditions}: ${conditions.map((k) => `${k.text} (${yesNo(k.met)})`).join("; ")}`], { wrap: true });
    }
    b.add(["", c.ref]);
    b.blank();
  }

  // Partners
  if (report.partners?.length) {
    b.heading(L.partners);
    if (report.partnership) {
      const p = report.partnership;
      const applied = L.keys[p.keyApplied] ?? p.keyApplied;
      const requested = p.keyRequested !== p.keyApplied ? ` (${L.keyRequested}: ${L.keys[p.keyRequested] ?? p.keyRequested})` : "";
      b.add([L.key, applied + requested, p.allocationRef]);
    }
    b.header(L.partnerCols);
    for (const p of report.partners) {
      const r = b.add([
        p.name,
        p.legalForm ?? null,
        Number(p.share),
        L.methods[p.method] ?? p.method,
        Number(p.kia),
        Number(p.deductibleThisYear),
        Number(p.carriedForward),
        Number(p.kiaExact),
      ]);
      b.cellFormat(r, 2, { numberFormat: PERCENT });
      for (const col of [4, 5, 6]) b.amount(r, col);
      b.amount(r, 7, p.kiaExact);
    }
    // Art. 3.47 per partner (the level chosen) with the other reading, and the calamity choice per partner.
    for (const p of report.partners) {
      if (p.disinvestment === undefined) continue;
      const other = p.disinvestmentOtherLevel;
      const r = b.add(
        [
          `${L.partnerDisinvestment}: ${p.name}`,
          L.levels[report.disinvestment?.level ?? "partner"],
          Number(p.disinvestment),
          other ? `${L.levels[other.level]}: ${other.amount}` : null,
        ],
        { wrap: true },
      );
      b.amount(r, 2);
    }
    for (const c of report.calamity?.partners ?? [])
      b.add([`${L.calamityPartner}: ${c.name}`, L.calamityPartnerText(c.netWithoutExact, c.netWithExact, c.prefers === "with")], { wrap: true });
    b.blank();
  }

  // Assets
  b.heading(L.assets);
  b.header(L.assetCols);
  const lang = options.lang;
  for (const a of report.assets) {
    const cat = findCategory(a.category);
    const r = b.add([
      a.id,
      a.description ?? null,
      cat ? (lang === "en" ? cat.labelEn : cat.label) : a.category,
      Number(a.amount),
      yesNo(a.counted),
      a.reasons.map((x) => `${x.text} (${x.ref})`).join(" "),
      Number(a.kiaAttributed),
      a.override ? L.overrideText(a.override.eligible) : null,
      a.override ? a.override.reason : null,
      decimalsOf(a.amount) > 2 ? Number(a.amount) : null,
    ]);
    b.amount(r, 3);
    b.amount(r, 6);
    if (decimalsOf(a.amount) > 2) b.amount(r, 9, a.amount);
  }
  b.blank();

  // Payment criterion
  if (report.payment?.items.length) {
    b.heading(L.payment);
    b.header(L.paymentCols);
    for (const it of report.payment.items) {
      const r = b.add([it.asset, it.ids.join(", "), Number(it.attributed), Number(it.paid), Number(it.carriedForward)]);
      b.amount(r, 2, it.attributed);
      b.amount(r, 3, it.paid);
      b.amount(r, 4, it.carriedForward);
    }
    b.blank();
  }

  // Disposals
  const dis = report.disinvestment;
  if (dis && dis.items.length) {
    b.heading(L.disposals);
    const t = b.add([L.threshold, Number(dis.threshold), L.disposalsTotal, Number(dis.disposalsTotal)]);
    b.amount(t, 1);
    b.amount(t, 3);
    b.header(L.disposalCols);
    const described = new Map((options.scenario.disposals ?? []).map((d) => [String(d.id), d.description]));
    for (const it of dis.items) {
      const description = described.get(it.id);
      const r = b.add([
        it.id,
        description && description !== it.id ? description : null,
        it.investmentYear,
        Number(it.price),
        Number(it.base),
        Number(it.rate),
        Number(it.amountExact),
        yesNo(it.counted),
      ]);
      b.amount(r, 3, it.price);
      b.amount(r, 4, it.base);
      b.amount(r, 6, it.amountExact);
      b.cellFormat(r, 5, { numberFormat: RATE_EXACT });
    }
    b.blank();
  }

  // Explanation steps with their legal references
  const refUrl = referenceUrls(report.parameters.references);
  b.heading(L.steps);
  b.header(L.stepCols);
  report.explanation.forEach((s, i) => {
    const url = s.ref ? (refUrl(s.ref) ?? null) : null;
    const r = b.add([i + 1, s.text, s.ref ?? null, url]);
    if (url) b.link(r, 3, url);
  });
  b.blank();

  // Warnings
  if (report.warnings.length) {
    b.heading(L.warnings);
    b.header(L.warningCols);
    for (const w of report.warnings) b.add([w.code, w.text]);
    b.blank();
  }

  // The year's parameters, sources and the rounding policy
  const P = report.parameters;
  b.heading(L.parameters(P.year));
  b.add([L.confidence, `${L.confidences[P.confidence] ?? P.confidence}: ${P.confidenceDetail}`]);
  P.bands.forEach((t, i) => b.add([i === 0 ? L.bands : "", t]));
  const minRow = b.add([L.minAsset, Number(P.minAssetAmount)]);
  b.amount(minRow, 1);
  b.add([L.rounding, P.rounding]);
  if (P.contradictions) b.add([L.contradictions, P.contradictions]);
  b.blank();
  b.add([L.sources], { bold: true });
  b.header(L.sourceCols);
  for (const s of P.sources) {
    const r = b.add([s.kind, s.title, s.url, s.supports]);
    b.link(r, 2, s.url);
  }
  b.blank();
  b.add([L.references], { bold: true });
  b.header(L.referenceCols);
  for (const ref of P.references) {
    const r = b.add([ref.label, ref.url]);
    b.link(r, 1, ref.url);
  }
  b.blank();

  // The KIA curve of the year, marking the client's total; the adapters draw a native chart from it
  b.heading(L.curve(year));
  b.header(L.curveCols);
  const curve = kiaCurve(year, report.total);
  const first = b.next;
  let markRow: number | undefined;
  curve.forEach((p, i) => {
    const r = b.add(i === curve.mark ? [p.x, p.y, L.yourTotal] : [p.x, p.y]);
    b.amount(r, 0);
    b.amount(r, 1);
    if (i === curve.mark) markRow = r;
  });

  // a loop, not Math.max(...rows): a report of 100.000 assets would overflow the stack
  let width = 0;
  for (const r of b.rows) width = Math.max(width, r.length);
  return {
    name: reportSheetName(year, options.lang),
    rows: b.rows,
    formats: b.formats,
    columnWidths: [34, 40, 22, 18, 14, 60, 16, 18, 30, 18].slice(0, Math.max(width, 2)),
    links: b.links,
    chart: {
      title: L.curve(year),
      firstRow: first,
      lastRow: b.next - 1,
      markRow,
      markLabel: L.yourTotal,
      xTitle: L.curveCols[0],
      yTitle: L.curveCols[1],
    },
  };
}
