/**
 * How a workbook is read, one rule per question, for the one reader (./read.ts readWorkbook), which kia-calc, the
 * standalone page and the Excel pane all read through. So the same workbook gives the same scenario on the command
 * line, in Excel and in the standalone page:
 *
 *  - which table is the ledger, the partners or the disposals: a table with one of the known names whose headers
 *    fit, else the first table whose headers fit (findTable);
 *  - where the header row of a sheet without tables is: the first of its first 30 rows whose headers name a
 *    category and an amount (findHeaderRow), so a title above the ledger is passed over;
 * *  - where a partners list on a sheet without tables is (in Excel, in the standalone page and in kia-calc alike
 *    sheets): the first of its first 30 rows whose headers name a partner and a weight of the key (findPartnersHeader,
 *    unless the sheet's header row is a ledger's: sheetHeader); the list runs to its first empty row or to a row whose
 *    first filled cell is a label such as "Verdeelsleutel", "Gezamenlijk verzoek" or "Totaal" (endsPartnersList), so
 *    the key and the joint request right below the partners are no partners; the partners are then chosen among the
 *    tables and these sheets by findTable, the sheet's name as its name;
 *  - which cell holds the key, the joint request and the year: the cell right of a label, compared like headers,
 *    in the first 40 rows and 30 columns of a sheet, a given sheet first (besideLabel);
 *  - which year the investments' dates give: only the one calendar year they all fall in; dates in several years
 *    give no year, the user must give it (yearOfDates), in the same words everywhere (datesYearText, noYearText).
 *
 * Pure functions over cells (src/workbook/ledger.ts Cell); no Office, DOM or Node.
 */
import { findCategory, findHeading } from "../law";
import { registerYearOf } from "../register/format";
import {
  cellText,
  DISPOSAL_HEADERS,
  FIELD_HEADERS,
  ledgerMapping,
  mapDisposalHeaders,
  mapHeaders,
  mapPartnerHeaders,
  normalizeHeader,
  PARTNER_HEADERS,
  repeatsHeader,
  yesOrNo,
  type Cell,
} from "./ledger";
import { DISPOSAL_TABLES, KEY_LABELS, LEDGER_TABLES, PARTNER_TABLES, REQUEST_LABELS } from "./names";

/** The names the template and the reader share (./names.ts), as the rules use them. */
export { DISPOSAL_TABLES, KEY_LABEL, KEY_LABELS, LEDGER_TABLES, PARTNER_TABLES, REQUEST_LABEL, REQUEST_LABELS, SUMMARY_SHEET, YEAR_LABELS } from "./names";

// ---- tables ------------------------------------------------------------------------------------------------

/** Headers that make a ledger: a category and an amount. */
export function isLedgerHeader(headers: readonly unknown[]): boolean {
  const { mapping } = mapHeaders(headers);
  return mapping.category !== undefined && mapping.amount !== undefined;
}

/** Headers that make a partners table: a name and a weight of the key (profit share, capital or reserves). */
export function isPartnersHeader(headers: readonly unknown[]): boolean {
  const { mapping } = mapPartnerHeaders(headers);
  return mapping.name !== undefined && (mapping.profit !== undefined || mapping.capital !== undefined || mapping.reserves !== undefined);
}

/** Headers that make a disposals table: a price and the investment it undoes (by its number, or by its year). */
export function isDisposalsHeader(headers: readonly unknown[]): boolean {
  const { mapping } = mapDisposalHeaders(headers);
  return mapping.price !== undefined && (mapping.investmentYear !== undefined || mapping.investment !== undefined || mapping.register !== undefined);
}

export type TableKind = "ledger" | "partners" | "disposals";

const TABLE_KINDS: Record<TableKind, { names: readonly string[]; fits: (headers: readonly unknown[]) => boolean }> = {
  ledger: { names: LEDGER_TABLES, fits: isLedgerHeader },
  partners: { names: PARTNER_TABLES, fits: isPartnersHeader },
  disposals: { names: DISPOSAL_TABLES, fits: isDisposalsHeader },
};

/** Whether a table's name is one of the names of its kind (compared like headers: "vaste-activa" is "Vaste activa"). */
export function hasTableName(name: string, kind: TableKind): boolean {
  const n = normalizeHeader(name);
  return TABLE_KINDS[kind].names.some((x) => normalizeHeader(x) === n);
}

/**
 * The table of a kind among a workbook's tables: one with a name of its kind whose headers fit, else the first
 * whose headers fit; never `not` (the ledger, when looking for the partners or the disposals).
 */
export function findTable<T extends { name: string; headers: readonly unknown[] }>(
  tables: readonly T[],
  kind: TableKind,
  not?: { name: string },
): T | undefined {
  // a sheet's header row found by findHeaderRow is of its kind (a ledger's may need the rows below it to tell)
  const fits = (t: T) => ("header" in t && (t.header as SheetHeader | undefined)?.kind === kind) || TABLE_KINDS[kind].fits(t.headers);
  // a KIA register (the report's table, src/register) is never a ledger, partners or disposals
  const candidates = tables.filter((t) => (!not || t.name !== not.name) && registerYearOf(t.name) === undefined);
  return candidates.find((t) => hasTableName(t.name, kind) && fits(t)) ?? candidates.find((t) => fits(t));
}

// ---- the header row of a sheet without tables --------------------------------------------------------------

/** How many rows at the top of a sheet are searched for its header row (a title, a client's name, a blank above it). */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The index of the header row among a sheet's first rows: the first of the first 30 whose headers fit. A ledger's
 * header names a category and an amount, or an amount and a "Groep" column whose values below it name categories or
 * balance-sheet headings (an export's asset group, read as the category: ledgerMapping).
 */
export function findHeaderRow(rows: readonly (readonly Cell[] | undefined)[], fits?: (headers: readonly unknown[]) => boolean): number | undefined {
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    const headers = (rows[i] ?? []).map(cellText);
    if (fits ? fits(headers) : isLedgerHeader(headers) || groupIsCategory(headers, rows.slice(i + 1, n))) return i;
  }
  return undefined;
}

/** Headers with an amount and a group but no category, whose group column below names categories (ledgerMapping). */
function groupIsCategory(headers: readonly string[], below: readonly (readonly Cell[] | undefined)[]): boolean {
  const { mapping } = mapHeaders(headers);
  if (mapping.amount === undefined || mapping.group === undefined || mapping.category !== undefined) return false;
  return (
    ledgerMapping(
      headers,
      below.map((r) => r ?? []),
    ).mapping.category !== undefined
  );
}

// ---- sections below the ledger -----------------------------------------------------------------------------

/** Every header name the reader knows (a ledger's, a partners list's, a disposals list's), compared like headers. */
const KNOWN_HEADERS = new Set<string>([FIELD_HEADERS, PARTNER_HEADERS, DISPOSAL_HEADERS].flatMap((names) => Object.values(names).flat().map(normalizeHeader)));

/**
 * How many of a row's cells name columns the reader knows (at most 2: enough to know), or -1 when the row holds a
 * number, date, yes/no value or digits without a word (an amount, a date as text: a data row's). That is checked
 * first, it is cheap: a ledger of a million rows is scanned in a blink.
 */
function knownHeaderCount(cells: readonly Cell[] | undefined): number {
  const row = cells ?? [];
  for (const c of row) {
    if (c === null || c === undefined) continue;
    if (typeof c !== "string" || (/\d/.test(c) && !/[a-z]{3}/i.test(c))) return -1;
  }
  let known = 0;
  for (const c of row) {
    if (typeof c !== "string" || c.length > 60) continue;
    const n = normalizeHeader(c);
    if ((KNOWN_HEADERS.has(n) || KNOWN_HEADERS.has(n.replace(/\d+/g, ""))) && ++known >= 2) return known;
  }
  return known;
}

/**
 * A row that heads a list: two or more of its cells name columns the reader knows (Omschrijving, Categorie,
 * Verkoopprijs, Naam …; a year beside the name too: "Verkoopprijs 2025"), and it holds no number, date, yes/no value
 * or digits without a word (an amount, a date as text: a data row's).
 */
export function isHeadingRow(cells: readonly Cell[] | undefined): boolean {
  return knownHeaderCount(cells) >= 2;
}

/** Rows looked at below a row with one known column name, for the data that shows it heads a list. */
const DATA_LOOKAHEAD = 3;

/**
 * Whether row `i` of the rows below a ledger's header heads another list: a heading row (isHeadingRow), or a row
 * with one known column name among two or more short text cells ("Omschrijving; Afschrijving; Boekwaarde": a
 * depreciation list) when none of its cells names a category or balance-sheet heading (an asset row without an amount
 * does: "Heftruck; machine; n.t.b.") and a data row (a number, date or amount) follows within 3 rows. A ledger's own
 * header may name few columns the reader knows; only rows below it are asked, and a repeat of it is no new list.
 */
export function headsList(rows: readonly (readonly Cell[] | undefined)[], i: number): boolean {
  const known = knownHeaderCount(rows[i]);
  if (known >= 2) return true;
  if (known !== 1) return false;
  const texts = (rows[i] ?? []).filter((c): c is string => typeof c === "string" && c.trim() !== "");
  if (texts.length < 2 || texts.some((t) => t.length > 40 || findCategory(t) !== undefined || findHeading(t) !== undefined)) return false;
  for (let j = i + 1; j < Math.min(rows.length, i + 1 + DATA_LOOKAHEAD); j++) {
    const row = rows[j] ?? [];
    if (row.every(blank)) continue;
    return knownHeaderCount(row) < 0;
  }
  return false;
}

/** Whether a row repeats the ledger's header: a page header of an export (readLedger passes over it). */
export { repeatsHeader };

/** Words of a title that says the list below it is of disposals (art. 3.47 Wet IB 2001): "Desinvesteringen 2025". */
const DISPOSAL_TITLE = /\b(des-?investering(en)?|desinvest\w*|verkopen|verkochte?|verkoop|vervreemding(en)?|vervreemd|afgestoten|disposals?)\b/i;

/** A section of a ledger's rows below a second header row (ledgerSections). */
export interface LedgerSection {
  /** index among the rows of the section's header row, and of its title row above it ("Desinvesteringen 2025") */
  header: number;
  title?: number;
  /** index of the first row after the section (the next section's title or header, or the rows' end) */
  end: number;
  /**
   * disposals: its header names a price (Verkoopprijs, Opbrengst) or its title names disposals; partners: its header
   * names a partner and a weight of the key (isPartnersHeader: "Naam" | "Aandeel winst"); else another list
   */
  kind: "disposals" | "partners" | "other";
}

/**
 * Where a ledger's own rows end, and what follows them: the ledger runs to its first row that heads another list
 * (headsList) and does not repeat the ledger's own header (a page header repeated in an export is no new list;
 * readLedger passes over it). A row with one text cell right above that header (blank rows between them allowed) is
 * the section's title. `rows` is the ledger's rows below its header, in the header's columns.
 */
export function ledgerSections(headers: readonly unknown[], rows: readonly (readonly Cell[] | undefined)[]): { rows: number; sections: LedgerSection[] } {
  const heads: { header: number; title?: number }[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!headsList(rows, i) || repeatsHeader(rows[i], headers)) continue;
    let j = i - 1;
    while (j >= 0 && (rows[j] ?? []).every(blank)) j--;
    const filled = j >= 0 ? (rows[j] ?? []).filter((c) => !blank(c)) : [];
    const after = heads.length ? heads[heads.length - 1].header : -1;
    const title = j > after && filled.length === 1 && typeof filled[0] === "string" ? j : undefined;
    heads.push({ header: i, ...(title === undefined ? {} : { title }) });
  }
  const sections = heads.map((h, k): LedgerSection => {
    const next = heads[k + 1];
    const headerCells = (rows[h.header] ?? []).map(cellText);
    const titleText = h.title === undefined ? "" : cellText((rows[h.title] ?? []).find((c) => !blank(c)));
    const disposals = mapDisposalHeaders(headerCells).mapping.price !== undefined || DISPOSAL_TITLE.test(titleText);
    const kind = disposals ? "disposals" : isPartnersHeader(headerCells) ? "partners" : "other";
    return { ...h, end: next ? (next.title ?? next.header) : rows.length, kind };
  });
  return { rows: sections.length ? (sections[0].title ?? sections[0].header) : rows.length, sections };
}

// ---- values beside a label ---------------------------------------------------------------------------------

/** Where labels are looked for: the first 40 rows and 30 columns of a sheet (the value may be in column 31). */
export const LABEL_AREA = { rows: 40, columns: 30 } as const;

/** A sheet's label area (LABEL_AREA: 40 rows of 31 cells from A1) as an adapter read it. */
export interface LabelArea {
  sheet: string;
  rows: readonly (readonly Cell[])[];
}

/** The cell right of a label: `row` as Excel shows it (1-based), `column` the value's column index (0-based). */
export interface BesideLabel {
  sheet: string;
  row: number;
  column: number;
  value: Cell;
}

/** The sheets in the order besideLabel searches them: `first`, then the others in workbook order. */
export function labelOrder(sheets: readonly string[], first?: string): string[] {
  return [...sheets.filter((s) => s === first), ...sheets.filter((s) => s !== first)];
}

/**
 * The value right of one of `labels` (compared like headers: no case, accents, spaces or punctuation, so
 * "Verdeelsleutel:" is the label too) in the sheets' label areas: the sheet `first` first, then the others in
 * their order, row by row; with `accept`, the first value it accepts (a "Jaar" header of some table is passed
 * over for the year).
 */
export function besideLabel(
  areas: readonly LabelArea[],
  labels: string | readonly string[],
  options: { first?: string; accept?: (value: Cell) => boolean } = {},
): BesideLabel | undefined {
  const wanted = new Set((typeof labels === "string" ? [labels] : labels).map(normalizeHeader));
  const accept = options.accept ?? (() => true);
  const order = labelOrder(
    areas.map((a) => a.sheet),
    options.first,
  );
  for (const area of order.map((sheet) => areas.find((a) => a.sheet === sheet)!)) {
    const rows = area.rows.length > LABEL_AREA.rows ? area.rows.slice(0, LABEL_AREA.rows) : area.rows;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      for (let c = 0; c < Math.min(cells.length - 1, LABEL_AREA.columns); c++) {
        const v = cells[c];
        if (typeof v === "string" && wanted.has(normalizeHeader(v)) && accept(cells[c + 1] ?? null))
          return { sheet: area.sheet, row: r + 1, column: c + 1, value: cells[c + 1] ?? null };
      }
    }
  }
  return undefined;
}

// ---- a partners list on a sheet without tables --------------------------------------------------------------

/**
 * The labels whose row ends a partners list on a sheet without tables: the key and the joint request, which the
 * template and many firms put right below the partners ("Verdeelsleutel" | "winst"), and a total row.
 */
export const LIST_END_LABELS = [...KEY_LABELS, ...REQUEST_LABELS, "Totaal", "Total"] as const;
const LIST_END = new Set<string>(LIST_END_LABELS.map(normalizeHeader));

/** Whether a cell's text is one of LIST_END_LABELS ("Verdeelsleutel:", "Totaal"; compared like headers). */
export const isListEndLabel = (text: string): boolean => LIST_END.has(normalizeHeader(text));

/** The header row of a list on a sheet without tables, and the columns it spans. */
export interface SheetHeader {
  /** what the header names: a ledger (isLedgerHeader), a partners list (isPartnersHeader) or disposals (isDisposalsHeader) */
  kind: TableKind;
  /** index of the header row among the rows searched (the sheet's row 1 at 0) */
  index: number;
  /** sheet column indexes (0-based) of the header row's first and last filled cell */
  left: number;
  right: number;
  /** the header row's cells from `left` to `right` as text (cellText) */
  headers: string[];
  /** a partners list's header beside the ledger's, after an empty column ("Vennoot" | "Winstaandeel") */
  beside?: SheetHeader;
  /** the first column whose label ends the list (endsPartnersList): the list's own first beside a ledger, else column A */
  labelsFrom?: number;
}

const blank = (c: Cell | undefined) => cellText(c).trim() === "";

function headerAt(rows: readonly (readonly Cell[] | undefined)[], index: number, kind: SheetHeader["kind"]): SheetHeader {
  const cells = (rows[index] ?? []).map(cellText);
  const left = cells.findIndex((c) => c.trim() !== "");
  let right = cells.length - 1;
  while (right > left && cells[right].trim() === "") right--;
  return { kind, index, left, right, headers: cells.slice(left, right + 1) };
}

/**
 * The header row of a partners list among a sheet's first rows (from column A): the first of the first 30 whose
 * headers name a partner and a weight of the key ("Naam" | "Winstaandeel", isPartnersHeader).
 */
export function findPartnersHeader(rows: readonly (readonly Cell[] | undefined)[]): SheetHeader | undefined {
  const i = findHeaderRow(rows, isPartnersHeader);
  return i === undefined ? undefined : headerAt(rows, i, "partners");
}

/**
 * A ledger's header row with a partners list beside it, after an empty column (a hand-made staat with "Vennoot |
 * Winstaandeel" right of the assets): the ledger's header up to the empty column, the partners' after it; the ledger
 * without it still a ledger. Else the header as it is.
 */
function withPartnersBeside(h: SheetHeader, rows: readonly (readonly Cell[] | undefined)[]): SheetHeader {
  for (let gap = 1; gap < h.headers.length - 1; gap++) {
    if (h.headers[gap].trim() !== "") continue;
    let start = gap;
    while (start < h.headers.length && h.headers[start].trim() === "") start++;
    const ledger = h.headers.slice(0, gap);
    const partners = h.headers.slice(start);
    if (isPartnersHeader(partners) && isLedgerHeader(ledger))
      return {
        ...h,
        right: h.left + gap - 1,
        headers: ledger,
        beside: { kind: "partners", index: h.index, left: h.left + start, right: h.right, headers: partners, labelsFrom: h.left + start },
      };
  }
  // a partners list right of the ledger (an empty column between) whose header is on a row of its own
  const right = rows.map((r) => (r ?? []).map((c, i) => (i >= h.right + 2 ? c : null)));
  const p = findPartnersHeader(right);
  return p ? { ...h, beside: { ...p, labelsFrom: p.left } } : h;
}

/**
 * The header row of a sheet without tables, for every reader: a ledger's header row (findHeaderRow) makes the sheet a
 * ledger, else a partners list's header row (findPartnersHeader) makes it a partners list, else a disposals header
 * row ("Verkoopprijs" | "Investering dit jaar") makes it the disposals list; else none.
 */
export function sheetHeader(rows: readonly (readonly Cell[] | undefined)[]): SheetHeader | undefined {
  const i = findHeaderRow(rows);
  if (i !== undefined) return withPartnersBeside(headerAt(rows, i, "ledger"), rows);
  const partners = findPartnersHeader(rows);
  if (partners) return partners;
  const d = findHeaderRow(rows, isDisposalsHeader);
  return d === undefined ? undefined : headerAt(rows, d, "disposals");
}

/**
 * Whether a sheet row (its cells from column A) ends the partners list whose header is `list`: the row is empty in
 * the list's columns, or its first filled cell is a label of LIST_END_LABELS ("Verdeelsleutel", "Gezamenlijk
 * verzoek:", "Totaal"; compared like headers), as in a sheet where the key is given below the partners.
 */
export function endsPartnersList(row: readonly Cell[] | undefined, list: { left: number; right: number; labelsFrom?: number }): boolean {
  const cells = row ?? [];
  let empty = true;
  for (let c = list.left; c <= list.right && empty; c++) if (!blank(cells[c])) empty = false;
  if (empty) return true;
  for (let c = list.labelsFrom ?? 0; c <= list.right; c++) {
    const v = cells[c];
    if (!blank(v)) return typeof v === "string" && isListEndLabel(v);
  }
  return false;
}

/**
 * How many of `rows` (the sheet rows right below the list's header, from column A) are the partners list: the
 * rows before the first that ends it (endsPartnersList); `ended` false when none of them does (more may follow).
 */
export function partnersListLength(
  rows: readonly (readonly Cell[] | undefined)[],
  list: { left: number; right: number; labelsFrom?: number },
): { rows: number; ended: boolean } {
  const i = rows.findIndex((r) => endsPartnersList(r, list));
  return i < 0 ? { rows: rows.length, ended: false } : { rows: i, ended: true };
}

// ---- values --------------------------------------------------------------------------------------------------

/** A cell that holds a year (2025, or the text "2025"), from 1900 to 2200. */
export function yearOfCell(c: Cell | undefined): number | undefined {
  const n = typeof c === "number" ? c : typeof c === "string" && /^\s*\d{4}\s*$/.test(c) ? Number(c) : NaN;
  return Number.isInteger(n) && n >= 1900 && n <= 2200 ? n : undefined;
}

/** "Ja" / "Nee" as yes or no: the ledger's reading of a yes/no cell (src/workbook/ledger.ts). */
export { yesOrNo };

// ---- the year of the investments' dates --------------------------------------------------------------------

/** What the investments' dates say about the year. */
export type DatesYear =
  /** every dated investment falls in `year` (`dated` of the `investments` have a date) */
  | { year: number; dated: number; investments: number }
  /** the dates fall in several years (sorted), or there are none: no year */
  | { year?: undefined; years: number[] };

/**
 * The year of the investments' dates, for a workbook that does not give its year: the calendar year when every
 * dated investment falls in it; dates in more than one year give none (a tax return is not built on the most
 * common year: the user gives the year). Investments are the ledger's readable rows (readLedger's).
 */
export function yearOfDates(investments: readonly { date?: unknown }[]): DatesYear {
  const years = new Set<number>();
  let dated = 0;
  for (const inv of investments)
    if (typeof inv.date === "string") {
      dated++;
      years.add(Number(inv.date.slice(0, 4)));
    }
  if (years.size === 1) return { year: [...years][0], dated, investments: investments.length };
  return { years: [...years].sort((a, b) => a - b) };
}

/** "het jaar van de investeringsdatums (de datums van alle 3 investeringen vallen in 2025)" */
export function datesYearText(d: { year: number; dated: number; investments: number }): string {
  return (
    `het jaar van de investeringsdatums ` +
    `(${d.dated === d.investments ? `de datums van alle ${d.dated} investeringen vallen in ${d.year}` : `${d.dated} van de ${d.investments} investeringen hebben een datum, alle in ${d.year}`})`
  );
}

/** "geen jaar gevonden, en de investeringsdatums vallen in 2 jaren (2024, 2025)" */
export function noYearText(years: readonly number[]): string {
  return years.length > 1
    ? `geen jaar gevonden, en de investeringsdatums vallen in ${years.length} jaren (${years.join(", ")})`
    : years.length === 1
      ? `geen jaar gevonden, en voor het jaar van de investeringsdatums (${years[0]}) is er geen KIA-tabel`
      : "geen jaar gevonden, en geen investeringsdatums om het uit af te leiden";
}
