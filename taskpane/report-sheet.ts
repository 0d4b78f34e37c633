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
import { Decimal, findCategory, kia } from "../src";
import { curveTotals } from "./app/curve";
import { referenceUrls } from "./app/refs";
import type { ReportCellFormat, ReportSheet, ReportValue } from "./workbook/types";

export interface ReportSheetOptions {
  lang: "nl" | "en";
  /** the add-in's version (package.json) */
  version: string;
  /** the date the report is made, jjjj-mm-dd */
  date: string;
  /** where the ledger was read: "tabel Investeringen (blad Staat), 15 rijen", a file name, ... */
  ledgerSource: string;
  scenario: Scenario;
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
    key: "Verdeelsleutel",
    keys: { profit: "winstgerechtigdheid", capital: "kapitaal", reserves: "stille reserves", equal: "gelijke delen" } as Record<string, string>,
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

  const width = Math.max(...b.rows.map((r) => r.length));
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
