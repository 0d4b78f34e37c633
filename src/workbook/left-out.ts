/**
 * What the reader leaves out, in one structure for every app: a cell it could not read, a row the core refuses
 * (validateRows) and a sheet or table that looks like one the tool knows but was not read. The apps render it
 * (kia-calc's JSON `leftOut` and --explain's "Niet meegeteld", the report sheet's section, the pane's list) and never
 * parse a rendered text back: the sheet, row and column are fields.
 */
import type { RowError } from "../scenario";
import { columnLetter, DISPOSAL_HEADERS, FIELD_NAMES_NL, LEDGER_FIELDS, PARTNER_HEADERS, type LedgerField, type LedgerProblem } from "./ledger";

export type LeftOutList = "investments" | "partners" | "disposals";

/**
 * Why something was left out: the reader could not read a cell ("UNREADABLE"), the reader read the row but it misses
 * facts the law needs ("INCOMPLETE": a sale without its investment amount or that year's total, art. 3.47 lid 1, or
 * without the investment of this year it sold), or the core refused the row (its ValidationCode, src/errors.ts).
 */
export type LeftOutCode = ReaderCode | string;
export type ReaderCode = "UNREADABLE" | "INCOMPLETE";

/**
 * The reader's own codes in words, as the apps count their entries (kia-calc's "Let op" lines): a cell not read is
 * counted as a cell, a row that misses facts as the sale it is (one message per sale: src/workbook/ledger.ts
 * readDisposals, and read.ts salesInLedger for a sale in the ledger's own columns, whose asset still counts).
 */
export const READER_CODES: Record<ReaderCode, { count: (n: number) => string; what: (n: number) => string }> = {
  UNREADABLE: { count: (n) => (n === 1 ? "1 cel" : `${n} cellen`), what: () => "niet gelezen" },
  INCOMPLETE: { count: (n) => (n === 1 ? "1 verkoop" : `${n} verkopen`), what: (n) => (n === 1 ? "mist gegevens" : "missen gegevens") },
};

/** A row read that misses facts (READER_CODES.INCOMPLETE): it can be completed, in the pane's step 4 or in the list. */
export const isIncomplete = (x: Pick<LeftOut, "code">): boolean => x.code === "INCOMPLETE";

export interface LeftOut {
  /** the scenario's list the row belongs to */
  list: LeftOutList;
  /** where: the sheet, the sheet row (1-based, as Excel shows it), the column letter ("E") */
  sheet: string;
  row: number;
  column: string;
  /** the field the reason is about ("paid", "category"; "row" for the row as a whole) */
  field: string;
  /** the row's number, when it has one ("INV-2"; not the reader's "rij 7") */
  id?: string;
  /** the cell's text, where it could not be read: "2,500" */
  value?: string;
  /** the row's description and amount (a disposal: its price) as read, so a report can name the row by them */
  description?: string;
  amount?: string;
  /** "UNREADABLE" for a cell not read, "INCOMPLETE" for a row read that misses facts, else the core's ValidationCode */
  code: LeftOutCode;
  /**
   * a row that misses facts ("INCOMPLETE"): what was read of it as the scenario holds it (a disposal's price,
   * description, investment year, one of its two amounts), so an app can take it over and ask only for the rest
   */
  read?: Record<string, unknown>;
  /** why, in Dutch */
  reason: string;
}

/** A sheet or table that looks like one the tool knows (partners, disposals, a second ledger) but was not read, and why. */
export interface ReadNote {
  kind: "ledger" | "partners" | "disposals";
  sheet: string;
  /** the cell the note points at: the table's first cell, or the sheet's first filled cell */
  row: number;
  column: string;
  /** the table, when it is one */
  table?: string;
  reason: string;
}

/** Where the rows of one of the scenario's lists are: the sheet, each item's sheet row, and which column holds which field. */
export interface RowPlaces {
  sheet: string;
  /** sheet row (1-based) of each item, parallel to the list in the scenario */
  rows: number[];
  /** which column of the range holds which field */
  mapping: Readonly<Partial<Record<string, number>>>;
  /** sheet column index (0-based) of the range's first column */
  firstColumn: number;
}

/** "Investeringen!E3" */
export const cellOf = (x: { sheet: string; row: number; column: string }): string => `${x.sheet}!${x.column}${x.row}`;

/** A readable row number: the reader calls a row without one "rij 7". */
export const numbered = (id: string | undefined): id is string => id !== undefined && id !== "" && !/^rij \d+$/.test(id);

/**
 * A cell the reader could not read (a problem of readLedger, readPartners or readDisposals), or a row it read that
 * misses facts (the problem's `incomplete`: code "INCOMPLETE", with what was read).
 */
export function unreadCell(list: LeftOutList, sheet: string, p: LedgerProblem, id?: string): LeftOut {
  const value = p.text === undefined || p.text === "" ? undefined : p.text;
  return {
    list,
    sheet,
    row: p.row,
    column: p.columnLetter,
    field: p.field,
    ...(numbered(id) ? { id } : {}),
    ...(value === undefined ? {} : { value }),
    code: p.incomplete ? "INCOMPLETE" : "UNREADABLE",
    ...(p.incomplete ? { read: { ...p.incomplete } } : {}),
    reason: p.message,
  };
}

/**
 * The ledger's column a field of an investment comes from: the field's last part when the ledger has a column of
 * that name ("paid", "lostByCalamity.replacedBy" -> replacedBy, "group"), else the id (e.g. "override.reason").
 */
export function ledgerFieldOf(key: string): LedgerField {
  const last = key.split(".").pop() ?? "";
  return (LEDGER_FIELDS as readonly string[]).includes(last) ? (last as LedgerField) : "id";
}

/**
 * A row the core refuses, at the cell of the field it names: a field without a column of its own (an override, the
 * row as a whole) is named at the number column, else the range's first column. Without places (a row not from the
 * sheet), undefined.
 */
export function refusedRow(e: RowError, places: { ledger?: RowPlaces; disposals?: RowPlaces }): LeftOut | undefined {
  const disposal = e.list === "disposals";
  const p = disposal ? places.disposals : places.ledger;
  const row = p?.rows[e.index];
  if (!p || row === undefined) return undefined;
  const field = disposal ? e.key.split(".")[0] || "id" : ledgerFieldOf(e.key);
  const column = p.mapping[field] ?? p.mapping.id ?? 0;
  return {
    list: e.list,
    sheet: p.sheet,
    row,
    column: columnLetter(p.firstColumn + column),
    field,
    ...(numbered(e.id) ? { id: e.id } : {}),
    code: e.code,
    reason: e.reason,
  };
}

/**
 * A row the core refuses (refusedRow) with the row's description and amount as read (a disposal: its price), so a
 * report can name it: `item` is the refused row as the scenario held it.
 */
export function refusedEntry(
  e: RowError,
  places: { ledger?: RowPlaces; disposals?: RowPlaces },
  item: { description?: unknown; amount?: unknown; price?: unknown } | undefined,
): LeftOut | undefined {
  const x = refusedRow(e, places);
  if (!x) return undefined;
  const description = typeof item?.description === "string" && item.description.trim() ? item.description.trim() : undefined;
  const amount = e.list === "disposals" ? item?.price : item?.amount;
  return {
    ...x,
    ...(description ? { description } : {}),
    ...(typeof amount === "string" || typeof amount === "number" ? { amount: String(amount) } : {}),
  };
}

/** The Dutch name of a LeftOut's field, as the output names its column: "betaald", "investering dit jaar". */
export function fieldName(x: Pick<LeftOut, "list" | "field">): string | undefined {
  if (x.field === "row") return undefined;
  if (x.list === "investments") return FIELD_NAMES_NL[x.field as LedgerField];
  const headers = x.list === "disposals" ? DISPOSAL_HEADERS : PARTNER_HEADERS;
  return (headers[x.field] ?? headers.id ?? headers.name)?.[0].toLowerCase();
}

/** A row of a sheet as a key: several cells of one row are one row. */
export const rowKey = (x: { sheet: string; row: number }): string => `${x.sheet}\u0000${x.row}`;

/** How many rows the entries are about: several cells of one row are one row. */
export function rowsLeftOut(list: readonly Pick<LeftOut, "sheet" | "row">[]): number {
  return new Set(list.map(rowKey)).size;
}
