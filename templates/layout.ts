/**
 * The firm template KIA-werkblad.xlsx as data: sheets, columns, example rows, every formula, and what the taskpane
 * must do after inserting the sheets. Pure TypeScript over the core (no exceljs, no Node, no Office.js), so the
 * template script (templates/build.ts), the tests and the taskpane share one description.
 *
 * Everything that is law comes from the core's data: the category list and its validity years, the year
 * parameters, the LAMBDA (src/lambda.ts), the headers the readers recognise (src/workbook/ledger.ts, first names).
 *
 * Formulas are written in en-US form (`,` between arguments) as Office.js and the file store them, with add-in
 * functions by their permanent ids (`KIA.AMOUNT(…)`). The file form differs only in the add-in calls
 * (`_xldudf_KIA_AMOUNT(…)`, see toFileFormula). Rules the formulas keep, for Excel on the web's
 * insertWorksheetsFromBase64 (office-js#3583, #5911): no structured references across sheets and no workbook name
 * that points at a table; plain ranges over a fixed number of rows instead, and names recreated after insertion.
 */
import { confidenceText } from "../src/messages";
import { allCategories, categoryRule, establishedYears, findCategory, getYearTable, rawTablesData, ref, rules } from "../src/law";
import { KIA_EXACT_NAME, KIA_NAME, lambdaFileFormula, lambdaFormula, NOISE_DECIMALS } from "../src/lambda";
import { columnLetter, DISPOSAL_HEADERS, FIELD_HEADERS, NO_WORDS, PARTNER_HEADERS, YES_WORDS, type LedgerField } from "../src/workbook/ledger";
import { KEY_NAMES } from "../src/scenario";
import { KEY_LABEL, REQUEST_LABEL, SHEET, TABLE, YEAR_NAME } from "../src/workbook/names";
import { bandText } from "../src/table";
import {
  DISPOSAL_EXAMPLES as TEMPLATE_DISPOSAL_EXAMPLES,
  EXAMPLE_KEYS,
  LEDGER_EXAMPLES as TEMPLATE_LEDGER_EXAMPLES,
  PARTNER_EXAMPLES as TEMPLATE_PARTNER_EXAMPLES,
} from "../src/workbook/examples";

// ---- sheets, tables, names --------------------------------------------------------------------------------

/** The sheets, tables and the year's name the reader looks for (src/workbook/names.ts): the template writes those. */
export { SHEET, TABLE, YEAR_NAME };
/**
 * The sheets of the template: the reader's (SHEET) and the start sheet the workbook opens on (the steps in the order
 * they are done, the example warning at the top; nothing a reader reads).
 */
export const SHEET_NAMES = { start: "Start", ...SHEET } as const;
export type SheetKey = keyof typeof SHEET_NAMES;
/** The order of the sheets in the workbook: it opens on the first. */
export const SHEET_ORDER: readonly SheetKey[] = ["start", "ledger", "partners", "disposals", "summary", "notes", "lists"];

/** The template's sheet names in workbook order (what insertWorksheetsFromBase64 inserts). */
export const TEMPLATE_SHEET_NAMES: readonly string[] = SHEET_ORDER.map((k) => SHEET_NAMES[k]);

/** The year of the example rows. */
export const EXAMPLE_YEAR = 2025;

/** Data rows the native formulas cover (sheet rows 2 to LAST_ROW): 2.000 investments, 20 partners, 200 disposals. */
export const LEDGER_LAST_ROW = 2001;
export const PARTNER_LAST_ROW = 21;
export const DISPOSAL_LAST_ROW = 201;
const FIRST = 2;

/** Number formats (stored en-US; Excel shows them with the user's separators: € 1.234,56). */
export const FORMAT = {
  euro: '"€" #,##0.00;"€" -#,##0.00',
  euroWhole: '"€" #,##0;"€" -#,##0',
  percent: "0.00%",
  date: "dd-mm-yyyy",
  year: "0",
  yesNo: '"Ja";;"Nee"',
  check: '"verschil "#,##0.00;"verschil -"#,##0.00;"gelijk"',
  checkWhole: '"verschil "#,##0;"verschil -"#,##0;"gelijk"',
} as const;

// ---- the ledger sheet -------------------------------------------------------------------------------------

export type ColumnKind = "text" | "category" | "euro" | "yesno" | "date" | "percent" | "year";

export interface Column<F extends string = string> {
  field: F;
  header: string;
  width: number;
  kind: ColumnKind;
}

const ledgerColumn = (field: LedgerField, width: number, kind: ColumnKind): Column<LedgerField> => ({
  field,
  header: FIELD_HEADERS[field][0],
  width,
  kind,
});

/** Every field the ledger reader knows, headed by its first (the template's) name. */
export const LEDGER_COLUMNS: readonly Column<LedgerField>[] = [
  ledgerColumn("id", 10, "text"),
  ledgerColumn("description", 30, "text"),
  ledgerColumn("category", 36, "category"),
  ledgerColumn("amount", 14, "euro"),
  ledgerColumn("date", 12, "date"),
  ledgerColumn("vatDeductible", 10, "yesno"),
  ledgerColumn("group", 14, "text"),
  ledgerColumn("paid", 14, "euro"),
  ledgerColumn("inUse", 10, "yesno"),
  ledgerColumn("relatedParty", 10, "yesno"),
  ledgerColumn("exemption", 11, "yesno"),
  ledgerColumn("marketValue", 14, "euro"),
  ledgerColumn("lostByCalamity", 12, "yesno"),
  ledgerColumn("replacedBy", 12, "text"),
  ledgerColumn("approval", 12, "yesno"),
  ledgerColumn("eiaMia", 9, "yesno"),
];

/**
 * Fields the readers know but the template has no column for, because its native formulas do not follow them
 * (Toelichting says so): a user may add these columns to the table; the add-in and kia-calc read them.
 */
export const LEDGER_FIELDS_READER_ONLY: readonly LedgerField[] = ["exemptionPossible", "reserve", "reserveDeclaration"];

/** The sheet column letter of a ledger field. */
export function lc(field: LedgerField): string {
  const i = LEDGER_COLUMNS.findIndex((c) => c.field === field);
  if (i < 0) throw new Error(`no ledger column ${field}`);
  return columnLetter(i);
}

export type Cellish = string | number | boolean | Date | null;

/** Example rows (EXAMPLE_YEAR), by field; they can be cleared. Each kind of row the Overzicht handles once. */
/** The example rows (src/workbook/examples.ts: every reader warns while they are in a client file). */
export const LEDGER_EXAMPLES = TEMPLATE_LEDGER_EXAMPLES as Partial<Record<LedgerField, Cellish>>[];

// ---- the partners and disposals sheets --------------------------------------------------------------------

export type PartnerField = keyof typeof PARTNER_HEADERS & string;
export type DisposalField = keyof typeof DISPOSAL_HEADERS & string;

export const PARTNER_COLUMNS: readonly Column<PartnerField>[] = [
  { field: "name", header: PARTNER_HEADERS.name[0], width: 22, kind: "text" },
  { field: "legalForm", header: PARTNER_HEADERS.legalForm[0], width: 18, kind: "text" },
  { field: "profit", header: PARTNER_HEADERS.profit[0], width: 13, kind: "percent" },
  { field: "capital", header: PARTNER_HEADERS.capital[0], width: 14, kind: "euro" },
  { field: "reserves", header: PARTNER_HEADERS.reserves[0], width: 14, kind: "euro" },
  { field: "outsideInvestments", header: PARTNER_HEADERS.outsideInvestments[0], width: 16, kind: "euro" },
  { field: "ownAssetsInPartnership", header: PARTNER_HEADERS.ownAssetsInPartnership[0], width: 18, kind: "euro" },
];
export const PARTNER_EXAMPLES = TEMPLATE_PARTNER_EXAMPLES as Partial<Record<PartnerField, Cellish>>[];
/**
 * The partnership's key and the joint request: labels on the partners sheet (the first of the labels the readers
 * know, src/workbook/rules.ts), the value in the cell to the right.
 */
export { KEY_LABEL, REQUEST_LABEL };
export const KEY_CELL = { label: "I1", value: "J1" } as const;
export const REQUEST_CELL = { label: "I2", value: "J2" } as const;
export const KEY_CHOICES = ["winst", "kapitaal", "stille reserves", "gelijke delen"] as const;
export const KEY_EXAMPLE = "winst";

export const DISPOSAL_COLUMNS: readonly Column<DisposalField>[] = [
  { field: "id", header: DISPOSAL_HEADERS.id[0], width: 10, kind: "text" },
  { field: "description", header: DISPOSAL_HEADERS.description[0], width: 26, kind: "text" },
  { field: "price", header: DISPOSAL_HEADERS.price[0], width: 14, kind: "euro" },
  { field: "investment", header: DISPOSAL_HEADERS.investment[0], width: 14, kind: "text" },
  { field: "investmentYear", header: DISPOSAL_HEADERS.investmentYear[0], width: 13, kind: "year" },
  { field: "investmentAmount", header: DISPOSAL_HEADERS.investmentAmount[0], width: 16, kind: "euro" },
  { field: "investmentYearTotal", header: DISPOSAL_HEADERS.investmentYearTotal[0], width: 18, kind: "euro" },
  // an asset of an earlier year's KIA register ("2023:M3") instead of the three columns before: the add-in (step 4)
  // and kia-calc --eerder fill them from the register; the workbook's own formulas leave such a row out (Overzicht)
  { field: "register", header: DISPOSAL_HEADERS.register[0], width: 14, kind: "text" },
];
export const DISPOSAL_EXAMPLES = TEMPLATE_DISPOSAL_EXAMPLES as Partial<Record<DisposalField, Cellish>>[];

const pc = (field: PartnerField) => columnLetter(PARTNER_COLUMNS.findIndex((c) => c.field === field));
const dc = (field: DisposalField) => columnLetter(DISPOSAL_COLUMNS.findIndex((c) => c.field === field));

/** A date of an example row as Excel holds it (the cell gets a date format). */
const exampleDate = (iso: string) => new Date(iso + "T00:00:00Z");

/** The example rows in sheet column order: categories by their Dutch label (the drop-down's), dates as dates. */
export function ledgerExampleRows(): Cellish[][] {
  return LEDGER_EXAMPLES.map((e) =>
    LEDGER_COLUMNS.map((c) => {
      const v = e[c.field];
      if (v === undefined) return null;
      if (c.kind === "category") return findCategory(String(v))!.label;
      if (c.kind === "date" && typeof v === "string") return exampleDate(v);
      return v;
    }),
  );
}
export const partnerExampleRows = (): Cellish[][] => PARTNER_EXAMPLES.map((e) => PARTNER_COLUMNS.map((c) => e[c.field] ?? null));
export const disposalExampleRows = (): Cellish[][] => DISPOSAL_EXAMPLES.map((e) => DISPOSAL_COLUMNS.map((c) => e[c.field] ?? null));

// ---- the list sheet (generated from the core's catalogue and tables) --------------------------------------

export const YEARS: readonly number[] = establishedYears();

/** Ja/nee as the ledger reader reads them: the core's own lists. */
export { YES_WORDS, NO_WORDS };
/** The keys by number, as the core names them (the number is the key's column in CHOOSE). */
export const KEY_CODES = ["profit", "capital", "reserves", "equal"] as const;
/** Spellings of the partnership keys (after removing spaces, '_' and '-'): the core's own (partnershipKeyOf). */
export const KEY_SPELLINGS: readonly [string, 1 | 2 | 3 | 4][] = Object.entries(KEY_NAMES).map(
  ([spelling, key]) => [spelling, (KEY_CODES.indexOf(key) + 1) as 1 | 2 | 3 | 4],
);

export interface Lists {
  /** A: Dutch label (the drop-down), B: code, then one column per established year: 1 eligible, 0 not */
  categories: { label: string; code: string; eligible: number[] }[];
  /** every spelling the core accepts (code, label, English label, aliases) and the category's row (1-based) */
  spellings: [string, number][];
  /** per established year: min. amount per asset, disinvestment threshold, the fixed band, the table's confidence */
  years: { year: number; minAsset: number; threshold: number; fixedOver: number; fixedUpTo: number; fixed: number; confidence: string }[];
}

export function lists(): Lists {
  const cats = allCategories();
  const categories = cats.map((c) => ({
    label: c.label,
    code: c.code,
    eligible: YEARS.map((y) => (categoryRule(c, y)?.eligible ? 1 : 0)),
  }));
  const spellings: [string, number][] = [];
  const seen = new Set<string>();
  cats.forEach((c, i) => {
    for (const s of [c.label, c.code, c.labelEn, ...c.aliases]) {
      const k = s.trim().toLowerCase();
      if (!seen.has(k)) {
        seen.add(k);
        spellings.push([s.trim(), i + 1]);
      }
    }
  });
  const years = YEARS.map((y) => {
    const t = getYearTable(y);
    const fixedBand = t.bands.find((b) => b.kind === "fixed");
    if (!fixedBand || !t.disinvestmentThreshold) throw new Error(`template: ${y} has no fixed band or no disinvestment threshold`);
    return {
      year: y,
      minAsset: t.minAssetAmount.toNumber(),
      threshold: t.disinvestmentThreshold.amount.toNumber(),
      fixedOver: fixedBand.over!.toNumber(),
      fixedUpTo: fixedBand.upTo!.toNumber(),
      fixed: fixedBand.fixed!.toNumber(),
      confidence: confidenceText(t.confidence),
    };
  });
  return { categories, spellings, years };
}

/** Where the blocks of the list sheet are (sheet columns), sized by the data. */
export function listsPlace(l: Lists = lists()) {
  const yearCol0 = 2; // C
  const lastYearCol = yearCol0 + YEARS.length - 1;
  const spell = lastYearCol + 2; // a blank column between blocks
  const yearsBlock = spell + 3;
  const keys = yearsBlock + 8;
  const cat = { first: 2, last: 1 + l.categories.length };
  return {
    categoryRange: `$A$${cat.first}:$A$${cat.last}`,
    eligibleRange: `$${columnLetter(yearCol0)}$${cat.first}:$${columnLetter(lastYearCol)}$${cat.last}`,
    yearHeaderRange: `$${columnLetter(yearCol0)}$1:$${columnLetter(lastYearCol)}$1`,
    spellCol: spell,
    spellRange: `$${columnLetter(spell)}$2:$${columnLetter(spell)}$${1 + l.spellings.length}`,
    spellRowRange: `$${columnLetter(spell + 1)}$2:$${columnLetter(spell + 1)}$${1 + l.spellings.length}`,
    yearsCol: yearsBlock,
    /** a column of the year block: 0 year, 1 min. amount, 2 threshold, 3 fixed over, 4 fixed up to, 5 fixed, 6 confidence */
    yearsRange: (k: number) => `$${columnLetter(yearsBlock + k)}$2:$${columnLetter(yearsBlock + k)}$${1 + l.years.length}`,
    keysCol: keys,
    keySpellRange: `$${columnLetter(keys)}$2:$${columnLetter(keys)}$${1 + KEY_SPELLINGS.length}`,
    keyNumberRange: `$${columnLetter(keys + 1)}$2:$${columnLetter(keys + 1)}$${1 + KEY_SPELLINGS.length}`,
  };
}
export const LIST_HEADERS = {
  categories: ["Categorie", "Code"],
  spellings: ["Schrijfwijze", "Categorie (rij)"],
  years: ["Jaar", "Grens per bedrijfsmiddel", "Drempel desinvestering", "Vast bedrag: meer dan", "Vast bedrag: niet meer dan", "Vast bedrag", "Vaststelling tabel"],
  keys: ["Verdeelsleutel (schrijfwijze)", "Sleutel (1 winst, 2 kapitaal, 3 stille reserves, 4 gelijke delen)"],
};

// ---- the example rows are sample data ---------------------------------------------------------------------

/**
 * The note beside each table with example rows: the rows are a sample, to be removed. The note and the highlight of
 * the rows are conditional on the example rows themselves (an example row is one whose key cells still hold the
 * example's values), so both go when the user deletes or overwrites the examples, and neither tells a client's own
 * rows that they are sample data.
 *
 * The tables start at A1 and every range the formulas, the add-in and kia-calc read is fixed (rows 2 to LAST_ROW,
 * the table's columns; the helper columns beyond a blank column), so a note above a table would move all of them.
 * The note stands where nothing is read: in the blank column right of the ledger's and the disposals' table (row 1,
 * beside the headers), below the key and the joint request on the partners sheet. The ledger's blank column lies
 * right of 16 columns, off screen on a laptop: there the highlighted rows, on screen, carry the message, and
 * Toelichting opens with it (DEMO_NOTICE).
 */
export const DEMO_TEXT = "Voorbeeldgegevens — wis deze regels voordat u de staat van uw cliënt invult";
/** How to remove them (the table keeps its place, its formats and its drop-downs). */
export const DEMO_HOW = "selecteer de gemarkeerde regels en kies Verwijderen > Tabelrijen verwijderen";

export interface DemoMarking {
  sheet: string;
  /** the note's cell, and the cells it spans when merged */
  note: string;
  merge?: string;
  /** the note's text while an example row is in the table */
  text: string;
  /** the note as a formula: the text while an example row is in the table, else "" */
  noteFormula: string;
  /** the data cells of the table down to its last formula row: highlighted where `rowCondition` holds */
  range: string;
  /** true on a row that still is one of the example rows (references relative to the first row of `range`) */
  rowCondition: string;
  /** how many example rows are still in the table, as a formula for another sheet (ranges with the sheet's name) */
  count: string;
}

const xlString = (v: Cellish) => (typeof v === "number" ? String(v) : `"${String(v).replace(/"/g, '""')}"`);

function demoMarking<F extends string>(
  sheet: string,
  note: string,
  merge: string | undefined,
  text: string,
  columns: readonly Column<F>[],
  examples: Partial<Record<F, Cellish>>[],
  keys: readonly F[],
  lastRow: number,
): DemoMarking {
  const col = (f: F) => columnLetter(columns.findIndex((c) => c.field === f));
  for (const e of examples) for (const k of keys) if (e[k] === undefined || e[k] === null) throw new Error(`template: an example row on ${sheet} has no ${k}`);
  const countsOn = (prefix: string) => examples.map((e) => `COUNTIFS(${keys.map((k) => `${prefix}$${col(k)}$${FIRST}:$${col(k)}$${lastRow},${xlString(e[k]!)}`).join(",")})`);
  const counts = countsOn("");
  const rows = examples.map((e) => `AND(${keys.map((k) => `$${col(k)}${FIRST}=${xlString(e[k]!)}`).join(",")})`);
  return {
    sheet,
    note,
    merge,
    text,
    noteFormula: `=IF(${counts.join("+")}>0,${xlString(text)},"")`,
    range: `A${FIRST}:${columnLetter(columns.length - 1)}${lastRow}`,
    rowCondition: `OR(${rows.join(",")})`,
    count: countsOn(`${sheet}!`).join("+"),
  };
}

/** The note and the highlight on the three sheets with example rows. */
export function demoMarkings(): DemoMarking[] {
  const keyColumns = [KEY_CELL.label, KEY_CELL.value].map((a) => a.replace(/\d+$/, "")); // I, J: below the key and the request
  return [
    demoMarking(SHEET.ledger, `${columnLetter(LEDGER_COLUMNS.length)}1`, undefined, `${DEMO_TEXT}: ${DEMO_HOW}.`, LEDGER_COLUMNS, LEDGER_EXAMPLES, EXAMPLE_KEYS.ledger, LEDGER_LAST_ROW),
    demoMarking(
      SHEET.partners,
      `${keyColumns[0]}4`,
      `${keyColumns[0]}4:${keyColumns[1]}9`,
      `Voorbeeldgegevens — wis deze regels (en kies de verdeelsleutel van uw cliënt) voordat u de vennoten van uw cliënt invult: ${DEMO_HOW}.`,
      PARTNER_COLUMNS,
      PARTNER_EXAMPLES,
      EXAMPLE_KEYS.partners,
      PARTNER_LAST_ROW,
    ),
    demoMarking(
      SHEET.disposals,
      `${columnLetter(DISPOSAL_COLUMNS.length)}1`,
      undefined,
      `Voorbeeldgegevens — wis deze regel voordat u de desinvesteringen van uw cliënt invult: ${DEMO_HOW}.`,
      DISPOSAL_COLUMNS,
      DISPOSAL_EXAMPLES,
      EXAMPLE_KEYS.disposals,
      DISPOSAL_LAST_ROW,
    ),
  ];
}

/** The first lines of Toelichting: the workbook comes with sample data. */
export const DEMO_NOTICE = `Voorbeeldgegevens: dit werkblad wordt geleverd met voorbeeldregels op ${SHEET.ledger}, ${SHEET.partners} en ${SHEET.disposals} (daar gemarkeerd zolang ze er staan) en het jaar ${EXAMPLE_YEAR} op ${SHEET.summary}. Wis die regels en vul het jaar in voordat u de staat van uw cliënt invult (stap 1 en 2 hieronder). Zolang ze er staan, tellen ze mee: ${SHEET.summary} telt ze bij Voorbeeldregels, en de add-in en kia-calc waarschuwen (de uitkomst is dan voorlopig).`;

/**
 * The start sheet: a title, the warning while example rows are in a table (a formula, amber while it shows), and the
 * steps in the order they are done, each with a link to its sheet.
 */
export function startSheet(): { title: string; warning: { cell: string; formula: string; text: string }; heading: string; steps: { text: string; sheet?: string }[]; more: string } {
  const count = demoMarkings()
    .map((m) => m.count)
    .join("+");
  const text = `Voorbeeldgegevens: dit werkblad bevat nog voorbeeldregels, en die tellen mee. Wis ze eerst (stap 1).`;
  return {
    title: "KIA-werkblad",
    warning: { cell: "A2", formula: `=IF(${count}>0,${xlString(text)},"")`, text },
    heading: "Zo vult u het in, in deze volgorde",
    steps: [
      { text: `1. Wis de voorbeeldregels op ${SHEET.ledger}, ${SHEET.partners} en ${SHEET.disposals}: ${DEMO_HOW}.`, sheet: SHEET.ledger },
      { text: `2. ${SHEET.summary}: vul bij Jaar het belastingjaar in (${YEARS[0]}-${YEARS[YEARS.length - 1]}).`, sheet: SHEET.summary },
      { text: `3. ${SHEET.ledger}: één regel per investering van het jaar, de categorie uit de keuzelijst.`, sheet: SHEET.ledger },
      { text: `4. ${SHEET.partners} (alleen bij een vof, cv of maatschap): één regel per vennoot, en de ${KEY_LABEL}.`, sheet: SHEET.partners },
      { text: `5. ${SHEET.disposals}: verkopen van bedrijfsmiddelen waarop eerder investeringsaftrek is genomen (art. 3.47).`, sheet: SHEET.disposals },
      { text: `6. ${SHEET.summary}: de KIA (kolom B zonder add-in, kolom C met de KIA-add-in). Invoerproblemen en Voorbeeldregels moeten 0 zijn.`, sheet: SHEET.summary },
    ],
    more: `Meer uitleg, de wettelijke grondslag en wat de formules niet volgen: blad ${SHEET.notes}. De berekende kolommen naast de tabellen zijn ingeklapt (+ boven de kolommen); ${SHEET.summary} is beveiligd zonder wachtwoord (Controleren > Beveiliging blad opheffen).`,
  };
}

// ---- the summary sheet (Overzicht) ------------------------------------------------------------------------

/** Cells of the Overzicht. Column B: the workbook's own formulas; C: the add-in; D: the check. */
export const SUMMARY = {
  title: "A1",
  intro: "A2",
  yearLabel: "A3",
  year: "B3",
  addinLabel: "A4",
  /** "ja" when the add-in's functions answer, else "nee" (an add-in call that Excel does not know is #NAME?) */
  addin: "B4",
  head: 5,
  totalRow: 6,
  kiaRow: 7,
  disinvestmentRow: 8,
  problemsRow: 9,
  /** the example rows of the template still in the tables (src/workbook/examples.ts; every reader warns too) */
  examplesRow: 10,
  /** disposals that refer to an earlier year's register: the add-in computes them, the workbook's formulas leave them out */
  registerRow: 11,
  /**
   * the KIA of earlier years deductible this year (art. 3.44), typed by the user in B: the sheet cannot read last
   * year's file (the add-in's step 4 'Uit eerdere jaren' and kia-calc --eerder compute it from the registers)
   */
  carriedInRow: 12,
  /**
   * the part of this year's KIA that moves to a later year by the payment criterion (art. 3.44 lid 1): B from the
   * ledger's own columns (amount, paid, in use, group), per asset as src/payment.ts; C n.v.t. (no add-in function)
   */
  carriedOutRow: 13,
  /** this year's KIA less what moves to a later year, plus the KIA of earlier years, checked in D */
  totalDeductibleRow: 14,
  partnersHead: 15,
  firstPartnerRow: 16,
  paramsHead: 36,
  yearColumn: "B37",
  minAsset: "B38",
  threshold: "B39",
  fixedOver: "B40",
  fixedUpTo: "B41",
  fixed: "B42",
  key: "B43",
  confidence: "B44",
  /** the year's KIA without rounding (KIA_EXACT of the total): the payment criterion attributes it to the assets */
  kiaExact: "B45",
} as const;
const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
const S = (a: string) => `${SHEET.summary}!${abs(a)}`;
const Y = S(SUMMARY.year);
const TOTAL = S(`B${SUMMARY.totalRow}`);
const ADDIN_TOTAL = S(`C${SUMMARY.totalRow}`);

// ---- formulas ---------------------------------------------------------------------------------------------

/** native: plain Excel; name: calls the KIA/KIA_EXACT name (needs LAMBDA); addin: calls an add-in function. */
export type FormulaKind = "native" | "name" | "addin";

export interface FormulaCell {
  sheet: string;
  /** the cell, or for a spilling formula its top-left cell */
  address: string;
  /** en-US, with "=", add-in functions by id (KIA.AMOUNT) */
  formula: string;
  kind: FormulaKind;
  /** a native formula repeated down to this row (relative references move with the row) */
  fillTo?: number;
  /** the range a spilling formula fills */
  spill?: string;
  /** number format of the cell */
  format?: string;
  /** the header of a helper column (row 1) */
  header?: string;
}

const yesOf = (cell: string) => `ISNUMBER(MATCH(TRIM(${cell}&""),{${YES_WORDS.map((w) => `"${w}"`).join(",")}},0))`;
const noOf = (cell: string) => `ISNUMBER(MATCH(TRIM(${cell}&""),{${NO_WORDS.map((w) => `"${w}"`).join(",")}},0))`;
const blank = (cell: string) => `TRIM(${cell}&"")=""`;

/** Helper columns beside the ledger table (a blank column after it), rows 2..LEDGER_LAST_ROW. */
export const LEDGER_HELPER_FIRST = LEDGER_COLUMNS.length + 1;
const H = (k: number) => columnLetter(LEDGER_HELPER_FIRST + k);
export const LH = {
  filled: H(0),
  catRow: H(1),
  problem: H(2),
  validAmount: H(3),
  catEligible: H(4),
  excludedMember: H(5),
  groupExcluded: H(6),
  assetAmount: H(7),
  counts: H(8),
  counted: H(9),
  /** the add-in's KIA.LEDGER spills three columns here */
  addin: H(11),
  // after the spill: how rows form groups, matched as the core matches them (src/scenario/investment.ts groupName)
  groupKey: H(14),
  groupRow: H(15),
  ownProblem: H(16),
  inUse: H(17),
  vat: H(18),
  groupProblem: H(19),
  // the payment criterion (art. 3.44 lid 1, src/payment.ts): per asset not in use at year end, what moves to a later year
  unpaidBase: H(20),
  unpaidPaid: H(21),
  carriedOut: H(22),
} as const;

function ledgerFormulas(p: ReturnType<typeof listsPlace>): FormulaCell[] {
  const r = FIRST;
  const L = SHEET.lists;
  const last = LEDGER_LAST_ROW;
  const col = (f: LedgerField) => `$${lc(f)}${r}`;
  const colRange = (c: string) => `$${c}$${FIRST}:$${c}$${last}`;
  const first = lc(LEDGER_COLUMNS[0].field);
  const lastCol = lc(LEDGER_COLUMNS[LEDGER_COLUMNS.length - 1].field);
  const h = (c: string) => `$${c}${r}`;
  const native = (c: string, header: string, formula: string, format?: string): FormulaCell => ({
    sheet: SHEET.ledger, address: `${c}${r}`, formula: "=" + formula, kind: "native", fillTo: last, header, format,
  });
  return [
    native(LH.filled, "Regel gevuld", `IF(COUNTA($${first}${r}:$${lastCol}${r})=0,0,1)`),
    native(LH.catRow, "Categorie (rij in Lijsten)", `IF(${blank(col("category"))},0,IFERROR(INDEX(${L}!${p.spellRowRange},MATCH(TRIM(${col("category")}&""),${L}!${p.spellRange},0)),0))`),
    // A row with a problem does not count; a group counts only when all its rows are good and agree on being in use
    // and on VAT (validateRows leaves the whole group out, as kia-calc lists it).
    native(LH.problem, "Invoerprobleem", `IF(${h(LH.filled)}=0,0,IF(OR(${h(LH.ownProblem)}=1,${h(LH.groupProblem)}=1),1,0))`),
    native(LH.validAmount, "Geldig bedrag", `IF(AND(${h(LH.filled)}=1,${h(LH.problem)}=0),${col("amount")},0)`, FORMAT.euro),
    native(LH.catEligible, "Categorie komt in aanmerking", `IF(AND(${h(LH.filled)}=1,${h(LH.problem)}=0),INDEX(${L}!${p.eligibleRange},${h(LH.catRow)},${S(SUMMARY.yearColumn)}),0)`),
    native(LH.excludedMember, "Uitgesloten deel van een groep", `IF(AND(${h(LH.filled)}=1,${h(LH.problem)}=0,NOT(${blank(col("group"))})),1-${h(LH.catEligible)},0)`),
    native(LH.groupExcluded, "Groep uitgesloten", `IF(${h(LH.groupRow)}=0,0,IF(SUMIF(${colRange(LH.groupRow)},${h(LH.groupRow)},${colRange(LH.excludedMember)})>0,1,0))`),
    native(LH.assetAmount, "Bedrag bedrijfsmiddel (groep)", `IF(${h(LH.groupRow)}=0,${h(LH.validAmount)},SUMIF(${colRange(LH.groupRow)},${h(LH.groupRow)},${colRange(LH.validAmount)}))`, FORMAT.euro),
    native(
      LH.counts,
      "Telt mee",
      `IF(AND(${h(LH.filled)}=1,${h(LH.problem)}=0,${h(LH.catEligible)}=1,${h(LH.groupExcluded)}=0,${h(LH.assetAmount)}>=${S(SUMMARY.minAsset)},OR(NOT(${yesOf(col("relatedParty"))}),${yesOf(col("exemption"))})),1,0)`,
      FORMAT.yesNo,
    ),
    native(LH.counted, "Meetellend bedrag", `IF(${h(LH.counts)}=1,${col("amount")},0)`, FORMAT.euro),
    ...groupFormulas({ native, col, h, colRange }),
    ...paymentFormulas({ native, col, h, colRange }),
    {
      sheet: SHEET.ledger,
      address: `${LH.addin}${r}`,
      formula: `=KIA.LEDGER(${lc("category")}${r}:${lc("category")}${last},${lc("amount")}${r}:${lc("amount")}${last},${Y})`,
      kind: "addin",
      spill: `${LH.addin}${r}:${columnLetter(LEDGER_HELPER_FIRST + 13)}${last}`,
    },
  ];
}
/** How ledgerFormulas writes a helper column, reads a field or helper of the row, and ranges over a helper column. */
interface LedgerRowFormulas {
  native: (c: string, header: string, formula: string, format?: string) => FormulaCell;
  col: (f: LedgerField) => string;
  h: (c: string) => string;
  colRange: (c: string) => string;
}

/**
 * Groups as the core forms them (src/scenario/investment.ts): the name with Excel's TRIM (spaces at the ends dropped, a run
 * inside read as one), not case-sensitive, and never a pattern: SUMIF/COUNTIF would read "PC*" or "<PC" as one, so
 * the rows are matched once with MATCH on a key without wildcard characters (~ * ? become CHAR(1), CHAR(2),
 * CHAR(3)), and a group is named by the row number of its first row, which SUMIF then compares as a number.
 */
function groupFormulas({ native, col, h, colRange }: LedgerRowFormulas): FormulaCell[] {
  const key = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${col("group")}&""),"~",CHAR(1)),"*",CHAR(2)),"?",CHAR(3))`;
  const same = (c: string) => `SUMIF(${colRange(LH.groupRow)},${h(LH.groupRow)},${colRange(c)})`;
  const members = `COUNTIF(${colRange(LH.groupRow)},${h(LH.groupRow)})`;
  const disagree = (c: string) => `AND(${same(c)}>0,${same(c)}<${members})`;
  return [
    native(LH.groupKey, "Groep (sleutel)", `IF(AND(${h(LH.filled)}=1,NOT(${blank(col("group"))})),${key},"")`),
    native(LH.groupRow, "Groep (eerste regel)", `IF(${h(LH.groupKey)}="",0,MATCH(${h(LH.groupKey)},${colRange(LH.groupKey)},0))`),
    // a paid amount the core refuses (negative, above the amount, an error value) makes the row a problem, and so
    // does text: the sheet reads numbers only, as for the amount (Toelichting); empty is the default, fully paid (IFERROR
    // gives 0, false, for an error value: a bare FALSE is a name in some engines)
    native(
      LH.ownProblem,
      "Invoerprobleem (regel)",
      `IF(${h(LH.filled)}=0,0,IF(AND(${h(LH.catRow)}>0,ISNUMBER(${col("amount")})),IF(AND(${col("amount")}>=0,IF(ISNUMBER(${col("paid")}),AND(${col("paid")}>=0,${col("paid")}<=${col("amount")}),IFERROR(${blank(col("paid"))},0))),0,1),1))`,
    ),
    native(LH.inUse, "In gebruik (groep)", `IF(${noOf(col("inUse"))},0,1)`),
    native(LH.vat, "Btw aftrekbaar (groep)", `IF(${noOf(col("vatDeductible"))},0,1)`),
    native(
      LH.groupProblem,
      "Groep met een probleem",
      `IF(${h(LH.groupRow)}=0,0,IF(OR(${same(LH.ownProblem)}>0,${disagree(LH.inUse)},${disagree(LH.vat)}),1,0))`,
    ),
  ];
}

/**
 * The payment criterion (art. 3.44 lid 1 Wet IB 2001) as the core applies it (src/payment.ts): an asset not in use at
 * year end (its group's rows together, besluit onderdeel 2.2) is attributed the year's exact KIA in proportion to its
 * counted amount; what exceeds its payments moves to a later year: max(0, amount x KIA / total - paid). A row that does
 * not count (a problem, an excluded category, below € 450) is left out, as the core leaves it out. The asset's part is
 * on its first row (a group's: the row its MATCH finds); the Overzicht rounds the year's deductible part once.
 */
function paymentFormulas({ native, col, h, colRange }: LedgerRowFormulas): FormulaCell[] {
  const notInUse = `AND(${h(LH.counts)}=1,${h(LH.inUse)}=0)`;
  const paid = `IF(ISNUMBER(${col("paid")}),${col("paid")},${col("amount")})`;
  const sum = (c: string) => `SUMIF(${colRange(LH.groupRow)},${h(LH.groupRow)},${colRange(c)})`;
  const rate = `${S(SUMMARY.kiaExact)}/${TOTAL}`;
  const first = `OR(${h(LH.groupRow)}=0,${h(LH.groupRow)}=ROW()-${FIRST - 1})`;
  return [
    native(LH.unpaidBase, "Niet in gebruik: meetellend bedrag", `IF(${notInUse},${col("amount")},0)`, FORMAT.euro),
    native(LH.unpaidPaid, "Niet in gebruik: betaald", `IF(${notInUse},${paid},0)`, FORMAT.euro),
    native(
      LH.carriedOut,
      "Naar een later jaar (bedrijfsmiddel, art. 3.44)",
      `IF(OR(${TOTAL}=0,${h(LH.inUse)}=1,NOT(${first})),0,IF(${h(LH.groupRow)}=0,MAX(0,${h(LH.unpaidBase)}*${rate}-${h(LH.unpaidPaid)}),MAX(0,${sum(LH.unpaidBase)}*${rate}-${sum(LH.unpaidPaid)})))`,
      FORMAT.euro,
    ),
  ];
}

export const LEDGER_ADDIN_HEADERS = ["Add-in: komt in aanmerking", "Add-in: meetellend bedrag", "Add-in: toegerekende KIA"];

/** Helper columns beside the partners table: rows 2..PARTNER_LAST_ROW (one formula per row where a name is called). */
export const PARTNER_HELPER_FIRST = 11; // L
const PHc = (k: number) => columnLetter(PARTNER_HELPER_FIRST + k);
export const PH = { weight: PHc(0), share: PHc(1), own: PHc(2), part: PHc(3), kia: PHc(4), method: PHc(5), addin: PHc(6), disinvestment: PHc(7) } as const;

function partnerFormulas(): FormulaCell[] {
  const out: FormulaCell[] = [];
  const P = SHEET.partners;
  const perEnterpriseFrom = rules.partnership.perEnterpriseFrom;
  for (let r = FIRST; r <= PARTNER_LAST_ROW; r++) {
    const name = `$${pc("name")}${r}`;
    const v = (f: PartnerField) => `$${pc(f)}${r}`;
    const h = (c: string) => `$${c}${r}`;
    const num = (c: string) => `IF(ISNUMBER(${c}),${c},0)`;
    // HR 24 mei 2019 (src/partnership.ts hr2019Fixed): the whole fixed amount only when both the partnership's total
    // plus his own and his own amount (his share plus his own) fall in the band with the fixed amount.
    const inFixed = (x: string) => `${x}>${S(SUMMARY.fixedOver)},${x}<=${S(SUMMARY.fixedUpTo)}`;
    const hr2019 = `AND(${inFixed(`${TOTAL}+${h(PH.own)}`)},${inFixed(h(PH.part))})`;
    const cell = (c: string, formula: string, kind: FormulaKind, header: string, format?: string): FormulaCell => ({
      sheet: P, address: `${c}${r}`, formula: "=" + formula, kind, header, format, ...(kind === "native" && r === FIRST ? { fillTo: PARTNER_LAST_ROW } : {}),
    });
    if (r === FIRST) {
      out.push(cell(PH.weight, `IF(${blank(name)},0,CHOOSE(${S(SUMMARY.key)},${num(v("profit"))},${num(v("capital"))},${num(v("reserves"))},1))`, "native", "Gewicht (sleutel)"));
      out.push(cell(PH.share, `IF(${h(PH.weight)}=0,0,${h(PH.weight)}/SUM($${PH.weight}$${FIRST}:$${PH.weight}$${PARTNER_LAST_ROW}))`, "native", "Aandeel", FORMAT.percent));
      out.push(cell(PH.own, `IF(${blank(name)},0,IF(${Y}>=${perEnterpriseFrom},0,${num(v("outsideInvestments"))})+${num(v("ownAssetsInPartnership"))})`, "native", "Eigen investeringen voor de schijf", FORMAT.euro));
      out.push(cell(PH.part, `IF(${blank(name)},0,${h(PH.share)}*${TOTAL}+${h(PH.own)})`, "native", "Deel (aandeel plus eigen)", FORMAT.euro));
      out.push(
        cell(
          PH.method,
          `IF(${blank(name)},"",IF(${h(PH.own)}=0,"aandeel",IF(${Y}>=${perEnterpriseFrom},"eigen bedrijfsmiddelen (art. 3.41 lid 3)",IF(${hr2019},"vast bedrag (HR 24 mei 2019)","naar verhouding (HR 1 mei 2020)"))))`,
          "native",
          "Methode",
        ),
      );
    }
    // A partner without own investments: his share of the exact KIA; with them: the row on the partnership's total
    // plus his own, in proportion to his part (from 2021 art. 3.41 lid 3; before, HR 2020 with the fixed amount of
    // HR 2019 when his own amount and the total plus his own both fall in that band, as the core's hr2019Fixed).
    out.push(
      cell(
        PH.kia,
        `IF(${blank(name)},"",IF(${h(PH.own)}=0,ROUNDUP(ROUND(${KIA_EXACT_NAME}(${TOTAL},${Y})*${h(PH.share)},${NOISE_DECIMALS}),0),IF(AND(${Y}<${perEnterpriseFrom},${hr2019}),${S(SUMMARY.fixed)},ROUNDUP(ROUND(${KIA_EXACT_NAME}(${TOTAL}+${h(PH.own)},${Y})*${h(PH.part)}/(${TOTAL}+${h(PH.own)}),${NOISE_DECIMALS}),0))))`,
        "name",
        "KIA vennoot (werkblad)",
        FORMAT.euroWhole,
      ),
    );
    out.push(cell(PH.addin, `IF(${blank(name)},"",IF(${h(PH.own)}=0,KIA.PARTNER(${ADDIN_TOTAL},${h(PH.share)},${Y}),"n.v.t."))`, "addin", "KIA vennoot (add-in)", FORMAT.euroWhole));
    // Art. 3.47 per partner (src/disinvestment.ts partnerDisinvestments, the default reading): his share of the
    // counted prices against the threshold; on his share of each addition the investment year's percentage, and for
    // a disposal of one of this year's investments his own rate this year (his KIA / his part) where he has own
    // investments. (A name call: written on every row, as the partner's KIA.)
    {
      const D = SHEET.disposals;
      const rng = (col: string) => `${D}!$${col}$${FIRST}:$${col}$${DISPOSAL_LAST_ROW}`;
      const prices = `SUM(${rng(DH.price)})`;
      const earlierExact = `SUMIFS(${rng(DH.exact)},${rng(DH.linked)},0)`;
      const linkedExact = `SUMIFS(${rng(DH.exact)},${rng(DH.linked)},1)`;
      const linkedBase = `SUMIFS(${rng(DH.base)},${rng(DH.linked)},1,${rng(DH.counts)},1)`;
      const combined = `(${TOTAL}+${h(PH.own)})`;
      const ownRate = `IF(AND(${Y}<${perEnterpriseFrom},${hr2019}),${S(SUMMARY.fixed)}/${h(PH.part)},${KIA_EXACT_NAME}(${combined},${Y})/${combined})`;
      const linked = `IF(${h(PH.own)}=0,${linkedExact},${linkedBase}*${ownRate})`;
      out.push(
        cell(
          PH.disinvestment,
          `IF(${blank(name)},"",IF(${h(PH.share)}*${prices}>${S(SUMMARY.threshold)},ROUNDDOWN(ROUND(${h(PH.share)}*(${earlierExact}+${linked}),${NOISE_DECIMALS}),0),0))`,
          "name",
          "Desinvesteringsbijtelling vennoot",
          FORMAT.euroWhole,
        ),
      );
    }
  }
  return out;
}

/** Helper columns beside the disposals table: rows 2..DISPOSAL_LAST_ROW. */
export const DISPOSAL_HELPER_FIRST = DISPOSAL_COLUMNS.length + 1;
const DHc = (k: number) => columnLetter(DISPOSAL_HELPER_FIRST + k);
export const DH = { filled: DHc(0), linked: DHc(1), invRow: DHc(2), inWindow: DHc(3), yearKia: DHc(4), counts: DHc(5), base: DHc(6), exact: DHc(7), price: DHc(8), addin: DHc(9) } as const;

function disposalFormulas(): FormulaCell[] {
  const out: FormulaCell[] = [];
  const D = SHEET.disposals;
  const I = SHEET.ledger;
  const window = rules.disinvestment.windowYears;
  const ledgerRange = (c: string) => `${I}!$${c}$${FIRST}:$${c}$${LEDGER_LAST_ROW}`;
  for (let r = FIRST; r <= DISPOSAL_LAST_ROW; r++) {
    const v = (f: DisposalField) => `$${dc(f)}${r}`;
    const h = (c: string) => `$${c}${r}`;
    const cell = (c: string, formula: string, kind: FormulaKind, header: string, format?: string): FormulaCell => ({
      sheet: D, address: `${c}${r}`, formula: "=" + formula, kind, header, format, ...(kind === "native" && r === FIRST ? { fillTo: DISPOSAL_LAST_ROW } : {}),
    });
    const firstCol = dc(DISPOSAL_COLUMNS[0].field);
    const lastCol = dc(DISPOSAL_COLUMNS[DISPOSAL_COLUMNS.length - 1].field);
    // a disposal of this year's investment: the price is capped at the asset's amount, its group's for a grouped row
    // (art. 3.47 lid 2 with besluit onderdeel 2.2, as the core's disposal of a grouped asset)
    const invAmount = `INDEX(${ledgerRange(LH.assetAmount)},${h(DH.invRow)})`;
    if (r === FIRST) {
      out.push(cell(DH.filled, `IF(COUNTA($${firstCol}${r}:$${lastCol}${r})=0,0,1)`, "native", "Regel gevuld"));
      out.push(cell(DH.linked, `IF(${blank(v("investment"))},0,1)`, "native", "Investering dit jaar"));
      out.push(cell(DH.invRow, `IF(${h(DH.linked)}=0,0,IFERROR(MATCH(TRIM(${v("investment")}&""),${ledgerRange(lc("id"))},0),0))`, "native", "Rij investering"));
      out.push(cell(DH.inWindow, `IF(${h(DH.filled)}=0,0,IF(${h(DH.linked)}=1,1,IF(AND(ISNUMBER(${v("investmentYear")}),${Y}>=${v("investmentYear")},${Y}-${v("investmentYear")}<${window}),1,0)))`, "native", "Binnen vijf jaar", FORMAT.yesNo));
      out.push(
        cell(
          DH.counts,
          `IF(${h(DH.inWindow)}=0,0,IF(${h(DH.linked)}=1,IF(${h(DH.invRow)}=0,0,IF(AND(INDEX(${ledgerRange(LH.counts)},${h(DH.invRow)})=1,${h(DH.yearKia)}>0),1,0)),IF(${h(DH.yearKia)}>0,1,0)))`,
          "native",
          "Telt mee",
          FORMAT.yesNo,
        ),
      );
      out.push(cell(DH.base, `IF(${h(DH.counts)}=0,0,MIN(${v("price")},IF(${h(DH.linked)}=1,${invAmount},${v("investmentAmount")})))`, "native", "Grondslag (laagste van prijs en bedrag)", FORMAT.euro));
      out.push(cell(DH.exact, `IF(${h(DH.counts)}=0,0,${h(DH.base)}*${h(DH.yearKia)}/IF(${h(DH.linked)}=1,${TOTAL},${v("investmentYearTotal")}))`, "native", "Bijtelling (exact)", FORMAT.euro));
      out.push(cell(DH.price, `IF(${h(DH.counts)}=1,${v("price")},0)`, "native", "Prijs die meetelt", FORMAT.euro));
    }
    out.push(
      cell(
        DH.yearKia,
        `IF(${h(DH.inWindow)}=0,0,IF(${h(DH.linked)}=1,${KIA_EXACT_NAME}(${TOTAL},${Y}),${KIA_EXACT_NAME}(${v("investmentYearTotal")},${v("investmentYear")})))`,
        "name",
        "KIA investeringsjaar (exact)",
        FORMAT.euro,
      ),
    );
    // the prices the threshold is tested on; a row from a register is the add-in's (step 4), not the workbook's
    const prices = `SUMIFS($${dc("price")}$${FIRST}:$${dc("price")}$${DISPOSAL_LAST_ROW},$${dc("register")}$${FIRST}:$${dc("register")}$${DISPOSAL_LAST_ROW},"")`;
    out.push(
      cell(
        DH.addin,
        `IF(OR(${h(DH.filled)}=0,AND(NOT(${blank(v("register"))}),${blank(v("investmentYear"))})),"",IF(${h(DH.linked)}=1,IF(${h(DH.invRow)}=0,"",KIA.DISINVESTMENT(${v("price")},${invAmount},${Y},${ADDIN_TOTAL},${Y},${prices})),KIA.DISINVESTMENT(${v("price")},${v("investmentAmount")},${v("investmentYear")},${v("investmentYearTotal")},${Y},${prices})))`,
        "addin",
        "Bijtelling (add-in)",
        FORMAT.euroWhole,
      ),
    );
  }
  return out;
}

/** The check: the difference (shown as "gelijk" or "verschil …"), or why there is none. */
const check = (native: string, addin: string, whole: boolean) =>
  `=IF(ISERROR(${native}),"fout in het werkblad",IF(${abs(SUMMARY.addin)}<>"ja","add-in niet geladen",IF(ISERROR(${addin}),"fout in de add-in",IF(ISNUMBER(${addin}),ROUND(${native}-${addin},${whole ? 0 : 2}),"n.v.t."))))`;

function summaryFormulas(p: ReturnType<typeof listsPlace>): FormulaCell[] {
  const O = SHEET.summary;
  const L = SHEET.lists;
  const I = SHEET.ledger;
  const D = SHEET.disposals;
  const P = SHEET.partners;
  const c = (address: string, formula: string, kind: FormulaKind, format?: string): FormulaCell => ({ sheet: O, address, formula, kind, format });
  const t = SUMMARY.totalRow;
  const k = SUMMARY.kiaRow;
  const d = SUMMARY.disinvestmentRow;
  const o = SUMMARY.carriedOutRow;
  const ledger = (col: string) => `${I}!$${col}$${FIRST}:$${col}$${LEDGER_LAST_ROW}`;
  const disposals = (col: string) => `${D}!$${col}$${FIRST}:$${col}$${DISPOSAL_LAST_ROW}`;
  const year = abs(SUMMARY.year);
  const byYear = (k: number) => `INDEX(${L}!${p.yearsRange(k)},MATCH(${year},${L}!${p.yearsRange(0)},0))`;
  const keyText = `LOWER(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${P}!${abs(KEY_CELL.value)}&"")," ",""),"_",""),"-",""))`;
  const keyNumber = `INDEX(${L}!${p.keyNumberRange},MATCH(${keyText},${L}!${p.keySpellRange},0))`;
  const out: FormulaCell[] = [
    c(`B${t}`, `=SUM(${ledger(LH.counted)})`, "native", FORMAT.euro),
    // Whether the add-in answers: a call with a fixed, established year (the spill of KIA.LEDGER below cannot tell:
    // without the add-in it is one #NAME? cell and SUMIF would make that 0).
    c(SUMMARY.addin, `=IF(ISNUMBER(KIA.AMOUNT(0,${YEARS[YEARS.length - 1]})),"ja","nee")`, "addin"),
    // The counted amounts of KIA.LEDGER's spill; a row it refuses (an error value) does not count, as in the core.
    c(`C${t}`, `=IF(${abs(SUMMARY.addin)}="ja",SUMIF(${ledger(columnLetter(LEDGER_HELPER_FIRST + 12))},">=0"),"")`, "native", FORMAT.euro),
    c(`D${t}`, check(`B${t}`, `C${t}`, false), "native", FORMAT.check),
    c(`B${k}`, `=${KIA_NAME}(B${t},${year})`, "name", FORMAT.euroWhole),
    c(`C${k}`, `=KIA.AMOUNT(C${t},${year})`, "addin", FORMAT.euroWhole),
    c(`D${k}`, check(`B${k}`, `C${k}`, true), "native", FORMAT.checkWhole),
    c(`B${d}`, `=IF(SUM(${disposals(DH.price)})>${abs(SUMMARY.threshold)},ROUNDDOWN(ROUND(SUM(${disposals(DH.exact)}),${NOISE_DECIMALS}),0),0)`, "native", FORMAT.euroWhole),
    c(`C${d}`, `=SUM(${disposals(DH.addin)})`, "native", FORMAT.euroWhole),
    c(`D${d}`, check(`B${d}`, `C${d}`, true), "native", FORMAT.checkWhole),
    c(`B${SUMMARY.problemsRow}`, `=SUM(${ledger(LH.problem)})`, "native", "0"),
    // the template's own check: its example rows are still in a table (they count, so a client's figure is wrong)
    c(`B${SUMMARY.examplesRow}`, `=${demoMarkings().map((m) => m.count).join("+")}`, "native", "0"),
    c(`D${SUMMARY.examplesRow}`, `=IF(B${SUMMARY.examplesRow}>0,"wis de voorbeeldregels","geen")`, "native"),
    // The payment criterion (art. 3.44 lid 1, src/payment.ts): the deductible part is the exact KIA less the assets'
    // parts carried forward, rounded up once (rules.rounding, "deduction"); what moves to a later year is the KIA less
    // that. The add-in has no function for it: C says n.v.t.
    c(
      `B${o}`,
      `=B${k}-ROUNDUP(ROUND(${abs(SUMMARY.kiaExact)}-SUM(${ledger(LH.carriedOut)}),${NOISE_DECIMALS}),0)`,
      "native",
      FORMAT.euroWhole,
    ),
    c(`C${o}`, `=IF(${abs(SUMMARY.addin)}="ja","n.v.t.","")`, "native"),
    c(`D${o}`, check(`B${o}`, `C${o}`, true), "native", FORMAT.checkWhole),
    c(SUMMARY.kiaExact, `=${KIA_EXACT_NAME}(B${t},${year})`, "name", FORMAT.euro),
    // this year's KIA less what moves to a later year, plus the KIA of earlier years typed in B${SUMMARY.carriedInRow}
    // (empty counts as 0); the add-in's column checks it where nothing moves (it has no function for the rest)
    c(`B${SUMMARY.totalDeductibleRow}`, `=B${k}-B${o}+N(B${SUMMARY.carriedInRow})`, "native", FORMAT.euroWhole),
    c(
      `C${SUMMARY.totalDeductibleRow}`,
      `=IF(ISNUMBER(C${k}),IF(N(B${o})=0,C${k}+N(B${SUMMARY.carriedInRow}),"n.v.t."),"")`,
      "native",
      FORMAT.euroWhole,
    ),
    c(`D${SUMMARY.totalDeductibleRow}`, check(`B${SUMMARY.totalDeductibleRow}`, `C${SUMMARY.totalDeductibleRow}`, true), "native", FORMAT.checkWhole),
    c(`B${SUMMARY.registerRow}`, `=COUNTIFS(${disposals(dc("register"))},"<>",${disposals(dc("investmentYear"))},"")`, "native", "0"),
    c(SUMMARY.yearColumn, `=MATCH(${year},${L}!${p.yearHeaderRange},0)`, "native", "0"),
    c(SUMMARY.minAsset, `=${byYear(1)}`, "native", FORMAT.euroWhole),
    c(SUMMARY.threshold, `=${byYear(2)}`, "native", FORMAT.euroWhole),
    c(SUMMARY.fixedOver, `=${byYear(3)}`, "native", FORMAT.euroWhole),
    c(SUMMARY.fixedUpTo, `=${byYear(4)}`, "native", FORMAT.euroWhole),
    c(SUMMARY.fixed, `=${byYear(5)}`, "native", FORMAT.euroWhole),
    // The key that applies: an agreed key needs the joint request (besluit 4.1.4 condition f); "nee" falls back
    // to the profit shares, as the core does. Empty: the profit shares (the statute).
    c(
      SUMMARY.key,
      `=IF(TRIM(${P}!${abs(KEY_CELL.value)}&"")="",1,IF(AND(${noOf(`${P}!${abs(REQUEST_CELL.value)}`)},${keyNumber}<>1),1,${keyNumber}))`,
      "native",
      "0",
    ),
    c(SUMMARY.confidence, `=${byYear(6)}`, "native"),
  ];
  for (let i = 0; i < PARTNER_LAST_ROW - FIRST + 1; i++) {
    const row = SUMMARY.firstPartnerRow + i;
    const src = FIRST + i;
    out.push(c(`A${row}`, `=IF(${blank(`${P}!$${pc("name")}${src}`)},"",${P}!$${pc("name")}${src})`, "native"));
    out.push(c(`B${row}`, `=IF(A${row}="","",${P}!$${PH.kia}${src})`, "native", FORMAT.euroWhole));
    out.push(c(`C${row}`, `=IF(A${row}="","",${P}!$${PH.addin}${src})`, "native", FORMAT.euroWhole));
    out.push(c(`D${row}`, `=IF(A${row}="","",${check(`B${row}`, `C${row}`, true).slice(1)})`, "native", FORMAT.checkWhole));
    out.push(c(`E${row}`, `=IF(A${row}="","",${P}!$${PH.method}${src})`, "native"));
    out.push(c(`F${row}`, `=IF(A${row}="","",${P}!$${PH.disinvestment}${src})`, "native", FORMAT.euroWhole));
  }
  return out;
}

/** Every formula of the template, in the order the sheets are built. */
export function formulaCells(): FormulaCell[] {
  const p = listsPlace();
  return [...ledgerFormulas(p), ...partnerFormulas(), ...disposalFormulas(), ...summaryFormulas(p)];
}

/** Labels of the Overzicht (column A) and its header row. */
export const SUMMARY_LABELS: Record<string, string> = {
  [SUMMARY.title]: "KIA-overzicht",
  [SUMMARY.intro]:
    "Kolom B rekent met gewone Excel-formules en de naam KIA (werkt zonder add-in, in Excel met LAMBDA); kolom C met de KIA-add-in; kolom D vergelijkt ze.",
  [SUMMARY.yearLabel]: "Jaar",
  [SUMMARY.addinLabel]: "KIA-add-in geladen",
  [`B${SUMMARY.head}`]: "Werkblad",
  [`C${SUMMARY.head}`]: "Add-in",
  [`D${SUMMARY.head}`]: "Controle",
  [`A${SUMMARY.totalRow}`]: "Totaal investeringen dat meetelt (€)",
  [`A${SUMMARY.kiaRow}`]: "KIA",
  [`A${SUMMARY.disinvestmentRow}`]: "Desinvesteringsbijtelling",
  [`A${SUMMARY.problemsRow}`]: "Regels met een invoerprobleem (tellen niet mee)",
  [`A${SUMMARY.examplesRow}`]: "Voorbeeldregels van het werkblad (tellen mee: wis ze)",
  [`A${SUMMARY.registerRow}`]: "Vervreemdingen uit een register van een eerder jaar (rekent de add-in, stap 4 'Uit eerdere jaren', of kia-calc --eerder; hier niet meegeteld)",
  [`A${SUMMARY.carriedInRow}`]: "KIA uit eerdere jaren, dit jaar aftrekbaar (art. 3.44)",
  [`E${SUMMARY.carriedInRow}`]:
    "Vul in: uit het rapport van vorig jaar (Naar een later jaar), voor zover het bedrijfsmiddel dit jaar is betaald of in gebruik genomen; de add-in (stap 4 'Uit eerdere jaren') en kia-calc --eerder rekenen het uit.",
  [`A${SUMMARY.carriedOutRow}`]: "waarvan naar een later jaar (betalingscriterium, art. 3.44 lid 1)",
  [`E${SUMMARY.carriedOutRow}`]:
    "Een bedrijfsmiddel dat aan het eind van het jaar niet in gebruik is (In gebruik: Nee; een groep als één geheel): wat van zijn KIA meer is dan er op betaald is, schuift door naar het jaar van betaling of ingebruikname. De add-in heeft hier geen functie voor (n.v.t.); het taakvenster en kia-calc rekenen het ook.",
  [`A${SUMMARY.totalDeductibleRow}`]: "Totaal aftrekbaar dit jaar",
  [`E${SUMMARY.totalDeductibleRow}`]:
    "KIA van dit jaar min wat naar een later jaar gaat, plus uit eerdere jaren. Kolom C: de KIA van de add-in plus uit eerdere jaren; n.v.t. zodra iets naar een later jaar gaat.",
  [`A${SUMMARY.partnersHead}`]: "Vennoten",
  [`B${SUMMARY.partnersHead}`]: "KIA (werkblad)",
  [`C${SUMMARY.partnersHead}`]: "KIA (add-in)",
  [`D${SUMMARY.partnersHead}`]: "Controle",
  [`E${SUMMARY.partnersHead}`]: "Methode",
  [`F${SUMMARY.partnersHead}`]: "Desinvesteringsbijtelling (per vennoot)",
  [`A${SUMMARY.paramsHead}`]: "Gegevens van het jaar (uit de wetsgegevens, blad Lijsten)",
  [SUMMARY.yearColumn.replace("B", "A")]: "Kolom van het jaar in Lijsten",
  [SUMMARY.minAsset.replace("B", "A")]: "Grens per bedrijfsmiddel (art. 3.45)",
  [SUMMARY.threshold.replace("B", "A")]: "Drempel desinvesteringsbijtelling (art. 3.47)",
  [SUMMARY.fixedOver.replace("B", "A")]: "Schijf met vast bedrag: meer dan",
  [SUMMARY.fixedUpTo.replace("B", "A")]: "Schijf met vast bedrag: niet meer dan",
  [SUMMARY.fixed.replace("B", "A")]: "Vast bedrag",
  [SUMMARY.key.replace("B", "A")]: "Verdeelsleutel die geldt (1 winst, 2 kapitaal, 3 stille reserves, 4 gelijke delen)",
  [SUMMARY.confidence.replace("B", "A")]: "Vaststelling van de tabel",
  [SUMMARY.kiaExact.replace("B", "A")]: "KIA van het jaar zonder afronding (KIA_EXACT; voor het betalingscriterium)",
};

// ---- the workbook names and the file form -----------------------------------------------------------------

export interface TemplateName {
  name: string;
  /** en-US, with "=" (Office.js names.add) */
  formula: string;
  comment: string;
}

/** A name as the file stores it in <definedName> (no "=", LAMBDA with _xlfn./_xlpm.), not XML-escaped. */
export function fileFormulaOfName(name: string): string {
  if (name === KIA_NAME) return lambdaFileFormula();
  if (name === KIA_EXACT_NAME) return lambdaFileFormula(undefined, { exact: true });
  const n = templateNames().find((x) => x.name === name);
  if (!n) throw new Error(`no template name ${name}`);
  return n.formula.slice(1);
}

/** The workbook names of the template: the two LAMBDAs and the year cell. */
export function templateNames(): TemplateName[] {
  return [
    { name: KIA_NAME, formula: lambdaFormula(), comment: "KIA (art. 3.41 lid 2 Wet IB 2001) van een totaal en een jaar, afgerond in het voordeel van de belastingplichtige" },
    { name: KIA_EXACT_NAME, formula: lambdaFormula(undefined, { exact: true }), comment: "KIA zonder afronding (voor de verdeling over vennoten en de desinvesteringsbijtelling)" },
    { name: YEAR_NAME, formula: `=${S(SUMMARY.year)}`, comment: "Het belastingjaar van dit werkblad" },
  ];
}

/**
 * An add-in call as the file stores it. Excel saves a JavaScript custom function as `_xldudf_` + its full name with
 * "." replaced by "_" (office-js#3558, Excel-Custom-Functions#108) and binds it again when the add-in's metadata
 * loads; a formula typed as plain `KIA.AMOUNT(` in a file did not bind for others. Unconfirmed for this add-in:
 * docs/excel-compatibility.md; the taskpane rewrites these cells through Office.js after insertion anyway.
 */
export function toFileFormula(formula: string): string {
  return formula.replace(/(^|[^A-Za-z0-9_.])KIA\.([A-Z]+)\(/g, (_m, pre: string, fn: string) => `${pre}_xldudf_KIA_${fn}(`);
}

// ---- after insertion (the taskpane's "Nieuw KIA-werkblad") ------------------------------------------------

export interface AfterInsert {
  /** names to (re)create, in this order, with Office.js names.add(name, formula) (replace an existing one) */
  names: TemplateName[];
  /** cells to write through Office.js (range.formulas), so Excel binds the add-in's functions and the new names */
  formulas: { sheet: string; address: string; formula: string }[];
}

const SHEET_REF = new RegExp(`(?<![A-Za-z0-9_.'])(${Object.values(SHEET).join("|")})!`, "g");

/** A sheet reference as Excel writes it: quoted when the name is not a plain word. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/**
 * What the taskpane does after `insertWorksheetsFromBase64` of the template: recreate the names (insertion breaks
 * or drops them, office-js#3583/#4772), then write every formula that calls an add-in function or one of the names
 * (the add-in's functions bind only when Excel receives the formula while the add-in is loaded). `sheetNames` maps
 * a template sheet to the name Excel gave it when the workbook had one of that name already ("Overzicht (2)"):
 * every formula and name follows it.
 */
export function afterInsert(sheetNames: Partial<Record<string, string>> = {}): AfterInsert {
  const rename = (f: string) => f.replace(SHEET_REF, (_m, s: string) => sheetRef(sheetNames[s] ?? s));
  const names = templateNames().map((n) => ({ ...n, formula: rename(n.formula) }));
  const formulas = formulaCells()
    .filter((c) => c.kind !== "native")
    .map((c) => ({ sheet: sheetNames[c.sheet] ?? c.sheet, address: c.address, formula: rename(c.formula) }));
  return { names, formulas };
}

// ---- the notes sheet (Toelichting) ------------------------------------------------------------------------

export type NoteRow = { text: string; style?: "title" | "heading" | "table-head" | "demo" } | { cells: (string | number | { text: string; hyperlink: string })[]; style?: "table-head" };

const latest = YEARS[YEARS.length - 1];
const linkOf = (key: string) => {
  const r = ref(key, latest);
  return /^https?:/.test(r.url) ? { text: r.label, hyperlink: r.url } : r.label;
};

/** The notes: how to use the workbook, what the native formulas do not follow, legal references, parameter years. */
export function notes(): NoteRow[] {
  const first = YEARS[0];
  const rows: NoteRow[] = [
    { text: "KIA-werkblad: toelichting", style: "title" },
    { text: DEMO_NOTICE, style: "demo" },
    {
      text: "Kleinschaligheidsinvesteringsaftrek (art. 3.40-3.47 Wet IB 2001, via art. 8 Wet Vpb 1969 ook in de vennootschapsbelasting). Eén werkblad per klant en jaar. De categorieën, tabellen en drempels in dit werkblad zijn gegenereerd uit dezelfde wetsgegevens als de KIA-add-in en kia-calc.",
    },
    { text: "" },
    { text: "Zo gebruikt u het werkblad", style: "heading" },
    {
      text: "1. De voorbeeldregels wissen: selecteer de regels van de tabel en kies Verwijderen > Tabelrijen verwijderen (ook op Vennoten en Desinvesteringen). De berekende kolommen naast de tabellen (ingeklapt: + boven de kolommen) zijn formules: niet invullen of verwijderen. De bladen met een tabel zijn niet beveiligd, want een Excel-tabel kan op een beveiligd blad niet groeien; Overzicht is beveiligd zonder wachtwoord en Lijsten is verborgen.",
    },
    { text: `2. Overzicht: vul bij Jaar het belastingjaar in (${first}-${latest}).` },
    {
      text: "3. Investeringen: één regel per investering van het jaar (het jaar waarin de verplichting is aangegaan, art. 3.43). Kies de categorie uit de keuzelijst. Bedrag: exclusief btw als de btw aftrekbaar is, anders inclusief. Onderdelen die samen één bedrijfsmiddel vormen krijgen dezelfde naam bij Groep (hoofdletters en spaties aan begin en eind maken geen verschil): de grens van € 450 geldt voor het geheel, en een uitgesloten onderdeel (een personenauto) sluit de hele groep uit. Ja/Nee-kolommen kiest u uit de keuzelijst; leeg is de standaard (btw aftrekbaar: ja, in gebruik: ja, de rest: nee).",
    },
    {
      text: `4. Vennoten (alleen bij een samenwerkingsverband: vof, cv, maatschap): één regel per vennoot met zijn winstaandeel en, voor de gekozen verdeelsleutel, kapitaal of stille reserves. Eigen investeringen buiten: investeringen van een eigen onderneming van de vennoot; eigen bedrijfsmiddelen in onderneming: zijn eigen bedrijfsmiddelen die hij in deze onderneming gebruikt (buitenvennootschappelijk vermogen). Kies rechts de ${KEY_LABEL} (${KEY_CHOICES.join(", ")}) en vul ${REQUEST_LABEL} in (Nee: dan geldt de winstverdeling).`,
    },
    {
      text: "5. Desinvesteringen: vervreemdingen in dit jaar van bedrijfsmiddelen waarop eerder investeringsaftrek is genomen (art. 3.47): het investeringsjaar, het investeringsbedrag en het totaal van de investeringen van dat jaar; of bij Investering dit jaar het nummer van een investering van dit jaar (bijvoorbeeld de verzekeringsuitkering voor een verloren bedrijfsmiddel).",
    },
    {
      text: "6. Overzicht: kolom B berekent het totaal dat meetelt, de KIA, het deel daarvan dat naar een later jaar gaat (betalingscriterium), het totaal dat dit jaar aftrekbaar is, de KIA per vennoot en de desinvesteringsbijtelling met gewone Excel-formules en de naam KIA; dat werkt zonder add-in. Kolom C geeft de cijfers van de KIA-add-in (KIA.STAAT, KIA.BEDRAG, KIA.VENNOOT, KIA.DESINVESTERING); kolom D toont 'gelijk' of het verschil. Zonder add-in staat daar 'add-in niet geladen'.",
    },
    { text: "" },
    { text: "=KIA(totaal; jaar)", style: "heading" },
    {
      text: `De naam KIA is een LAMBDA in deze werkmap: =KIA(69350; ${EXAMPLE_YEAR}) geeft de KIA over een totaal in een jaar, in hele euro's naar boven afgerond (in het voordeel van de belastingplichtige). KIA_EXACT geeft het bedrag zonder afronding. Een jaar zonder vastgestelde tabel geeft #N/B, een negatief bedrag of tekst #WAARDE!. De tabellen van ${first}-${latest} zitten in de formule zelf. LAMBDA bestaat in Microsoft 365, Excel 2024 en Excel op het web; in Excel 2021 en ouder geven =KIA() en de kolom Werkblad #NAAM?.`,
    },
    { text: "" },
    { text: "Wat de formules van het werkblad niet volgen (de add-in en kia-calc wel)", style: "heading" },
    { text: "- De goedkeuring bij een calamiteit (besluit investeringsaftrek, onderdeel 4.4): het werkblad telt, zoals de wet, ook het verloren bedrijfsmiddel mee." },
    { text: "- De waarde in het economische verkeer bij een ontheffing voor een verbonden partij (besluit, onderdeel 5.1.3): het werkblad rekent met het bedrag." },
    { text: "- Een investering bij een verbonden partij waarvoor ontheffing verkregen zou kunnen worden (besluit, onderdeel 5.1.3) en een afgeboekte herinvesterings- of herbestedingsreserve (onderdelen 4.2 en 4.3): het werkblad heeft er geen kolom voor. Voeg zo nodig de kolommen ‘Ontheffing mogelijk’, ‘Herinvesteringsreserve’ en ‘Verklaring 4.2’ aan de tabel Investeringen toe: de add-in en kia-calc lezen ze, de formules van het werkblad niet." },
    { text: "- Bedragen als tekst (\"€ 1.234,56\"), ook bij Betaald: het werkblad telt alleen getallen en telt zo'n regel als invoerprobleem; de add-in leest ook tekst. Ongeldige Ja/Nee-waarden, dubbele nummers en ongeldige datums meldt alleen de add-in." },
    {
      text: "- Het betalingscriterium (art. 3.44 lid 1) per vennoot: het Overzicht toont per vennoot zijn KIA, niet zijn deel dat dit jaar aftrekbaar is. Voor het geheel volgt het werkblad het wel (rij ‘waarvan naar een later jaar’, uit Bedrag, Betaald, In gebruik en Groep); de add-in heeft er geen functie voor, dus kolom C toont daar n.v.t.",
    },
    { text: "- De verdeling over vennoten zonder eigen investeringen: de add-in verdeelt het exacte bedrag zonder rest (grootste rest) en rondt dan af; het werkblad rondt ieder aandeel af. Dat kan in een enkel geval € 1 schelen." },
    { text: "- De kolom Add-in: KIA.STAAT kent geen groepen en geen verbonden partijen (onderdelen onder € 450 in een groep, een verbonden partij zonder ontheffing); KIA.DESINVESTERING rondt per vervreemding af, het werkblad één keer over het totaal; voor een vennoot met eigen investeringen heeft de add-in geen functie (n.v.t.)." },
    { text: `- De formules gaan tot en met rij ${LEDGER_LAST_ROW} van Investeringen, ${PARTNER_LAST_ROW} van Vennoten en ${DISPOSAL_LAST_ROW} van Desinvesteringen.` },
    { text: "" },
    { text: "Wettelijke grondslag", style: "heading" },
  ];
  const legal: [string, string][] = [
    ["Investeringsaftrek", "wetib-3.40"],
    ["KIA per onderneming", "wetib-3.41-1"],
    ["De tabel", "wetib-3.41-2"],
    ["Samenwerkingsverband", "wetib-3.41-3"],
    ["Investeren: het aangaan van de verplichting", "wetib-3.43"],
    ["Betalingscriterium", "wetib-3.44"],
    ["Grens van € 450 per bedrijfsmiddel", "wetib-3.45-minimum"],
    ["Uitgesloten bedrijfsmiddelen", "wetib-3.45-1"],
    ["Verbonden partijen", "wetib-3.46"],
    ["Desinvesteringsbijtelling", "wetib-3.47-1"],
    ["Vijfjaarstermijn", "wetib-3.47-2"],
    ["Onderdelen van één bedrijfsmiddel", "besluit-onderdeel"],
    ["Verdeelsleutel samenwerkingsverband", "besluit-verdeelsleutel"],
    ["Calamiteit", "besluit-calamiteit"],
    ["Verbonden partijen: ontheffing", "besluit-verbonden-partijen"],
    ["Afronding", rules.rounding.ref],
  ];
  for (const [what, key] of legal) rows.push({ cells: [what, linkOf(key)] });
  rows.push({ text: "" }, { text: "Parameterjaren", style: "heading" });
  rows.push({ cells: ["Jaar", "Tabel", "Zekerheid", "Tabel (art. 3.41 lid 2)", "Grens per bedrijfsmiddel", "Drempel desinvestering", "Bron"], style: "table-head" });
  const data = rawTablesData().years;
  for (const y of Object.keys(data).map(Number).sort((a, b) => a - b)) {
    const e = data[String(y)];
    if (e.status !== "established") {
      // a year after the last known table is not yet published; one before 2010 had another structure
      rows.push({ cells: [y, y > latest ? "nog niet bekendgemaakt" : "niet vastgesteld", confidenceText(e.confidence), e.notes ?? "", "", "", ""] });
      continue;
    }
    const t = getYearTable(y);
    const law = t.sources.find((s) => s.kind === "wet") ?? t.sources[0];
    rows.push({
      cells: [
        y,
        "vastgesteld",
        confidenceText(t.confidence) + (t.confidenceDetail ? ` (${t.confidenceDetail})` : ""),
        t.bands.map((b) => bandText(b)).join("; "),
        t.minAssetAmount.toNumber(),
        t.disinvestmentThreshold ? t.disinvestmentThreshold.amount.toNumber() : "",
        law ? { text: law.title, hyperlink: law.url } : "",
      ],
    });
  }
  return rows;
}
