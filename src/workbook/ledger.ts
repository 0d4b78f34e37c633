/**
 * From a fixed-asset ledger (a table of cells, as read from Excel, an .xlsx or a .csv) to the investments of a
 * scenario. Columns are found by their headers, with Dutch and English synonyms; every cell is read with the
 * core's own readers (Dutch amount text, Excel numbers at 15 digits, categories by code, label or alias). A bad
 * cell becomes a problem that names the row, the column and what was expected; good rows still count. Empty
 * rows are skipped. No Office, DOM or Node: the taskpane, the standalone page and the command line share it.
 */
import { showValue } from "../errors";
import { findCategory, unknownCategoryHint } from "../law";
import {
  excelNumberAmount,
  excelProportion,
  isAmountProblem,
  readAmount,
  readDutchAmount,
} from "../money";
import { partnershipKeyOf, type ScenarioInvestment } from "../scenario";
import { plain } from "../context";

/** A cell as the workbook adapters hand it over. Dates come as ISO text (jjjj-mm-dd) or as an Excel serial. */
export type Cell =
  | string
  | number
  | boolean
  | null
  | { error: string }
  | { date: string };

export const LEDGER_FIELDS = [
  "id",
  "description",
  "category",
  "amount",
  "vatDeductible",
  "group",
  "paid",
  "inUse",
  "lostByCalamity",
  "replacedBy",
  "approval",
  "relatedParty",
  "exemption",
  "marketValue",
  "exemptionPossible",
  "reserve",
  "reserveDeclaration",
  "eiaMia",
  "date",
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/** Header names per field (compared without case, accents, spaces and punctuation). The first is the template's. */
export const FIELD_HEADERS: Record<LedgerField, readonly string[]> = {
  id: ["Nummer", "id", "nr", "activanummer", "activumnummer", "code", "kenmerk", "number", "asset id"],
  description: ["Omschrijving", "description", "naam", "bedrijfsmiddel", "activum", "name", "asset"],
  category: ["Categorie", "category", "soort", "soort bedrijfsmiddel", "type"],
  amount: ["Bedrag", "amount", "investeringsbedrag", "aanschafprijs", "aanschafwaarde", "kostprijs", "cost", "investment"],
  vatDeductible: ["Btw aftrekbaar", "vat deductible", "btw-aftrek", "btw aftrek", "aftrekbare btw"],
  group: ["Groep", "group", "onderdeel van", "hoort bij", "part of"],
  paid: ["Betaald", "paid", "betaald bedrag", "betaald per jaareinde", "amount paid"],
  inUse: ["In gebruik", "in use", "in gebruik genomen", "taken into use"],
  lostByCalamity: ["Verloren door calamiteit", "lost by calamity", "calamiteit", "verloren", "lost"],
  replacedBy: ["Vervangen door", "replaced by", "vervanging", "replacement"],
  approval: ["Goedkeuring calamiteit", "calamity approval", "goedkeuring"],
  relatedParty: ["Verbonden partij", "related party"],
  exemption: ["Ontheffing", "exemption"],
  marketValue: ["Waarde economisch verkeer", "market value", "wev", "waarde in het economische verkeer"],
  exemptionPossible: ["Ontheffing mogelijk", "exemption possible", "ontheffing zou kunnen", "ontheffing verkrijgbaar"],
  reserve: ["Herinvesteringsreserve", "reinvestment reserve", "hir", "afgeboekte herinvesteringsreserve", "hir afgeboekt"],
  reserveDeclaration: ["Verklaring 4.2", "declaration 4.2", "verklaring hir", "verklaring herinvesteringsreserve"],
  eiaMia: ["EIA/MIA", "eia mia", "eia", "mia", "eia of mia", "energie- of milieu-investeringsaftrek"],
  date: ["Datum", "date", "investeringsdatum", "aanschafdatum", "datum verplichting", "purchase date"],
};

/** Dutch names of the fields, for messages and the mapping screen. */
export const FIELD_NAMES_NL: Record<LedgerField, string> = {
  id: "nummer",
  description: "omschrijving",
  category: "categorie",
  amount: "bedrag",
  vatDeductible: "btw aftrekbaar",
  group: "groep",
  paid: "betaald",
  inUse: "in gebruik",
  lostByCalamity: "verloren door calamiteit",
  replacedBy: "vervangen door",
  approval: "goedkeuring calamiteit",
  relatedParty: "verbonden partij",
  exemption: "ontheffing",
  marketValue: "waarde economisch verkeer",
  exemptionPossible: "ontheffing mogelijk",
  reserve: "herinvesteringsreserve",
  reserveDeclaration: "verklaring 4.2",
  eiaMia: "EIA/MIA",
  date: "datum",
};

export type ColumnMapping = Partial<Record<LedgerField, number>>;

export function normalizeHeader(h: unknown): string {
  return String(h ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * How the headers of one kind of table (the ledger's FIELD_HEADERS, PARTNER_HEADERS, DISPOSAL_HEADERS) map to its
 * fields: the index of header names is built once; a column maps to the field whose name it is (compared with
 * normalizeHeader), the first column that names a field wins. Every reader maps headers through one of these.
 */
function headerMapper<F extends string>(
  names: Readonly<Record<F, readonly string[]>>,
): (headers: readonly unknown[]) => { mapping: Partial<Record<F, number>>; unmapped: string[] } {
  const index = new Map<string, F>();
  for (const f of Object.keys(names) as F[])
    for (const n of names[f]) index.set(normalizeHeader(n), f);
  return (headers) => {
    const mapping: Partial<Record<F, number>> = {};
    const unmapped: string[] = [];
    headers.forEach((h, i) => {
      const f = index.get(normalizeHeader(h));
      if (f && mapping[f] === undefined) mapping[f] = i;
      else if (String(h ?? "").trim()) unmapped.push(String(h));
    });
    return { mapping, unmapped };
  };
}

/** Which column of a ledger holds which field, found by the headers; the first column that matches a field wins. */
export const mapHeaders: (headers: readonly unknown[]) => { mapping: ColumnMapping; unmapped: string[] } =
  headerMapper(FIELD_HEADERS);

/** Column letters as Excel shows them: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface LedgerProblem {
  /** row number in the sheet (1-based, as Excel shows it) */
  row: number;
  /** column index in the read range (0-based) and its letter in the sheet */
  column: number;
  columnLetter: string;
  field: LedgerField | "row";
  /** the cell's text as a message shows it: quoted, shortened ('"2,500"') */
  value: string;
  /** the cell's text itself, shortened to 60 characters; "" for an empty cell */
  text?: string;
  /** what is wrong and what is expected, in Dutch */
  message: string;
}

export interface LedgerRead {
  investments: ScenarioInvestment[];
  /** sheet row of each investment, parallel to `investments` */
  rows: number[];
  problems: LedgerProblem[];
  /** rows that were empty and skipped */
  skipped: number;
}

export interface LedgerPlace {
  /** sheet row number (1-based) of the first data row */
  firstRow: number;
  /** sheet column index (0-based) of the first column of the range */
  firstColumn: number;
  /** the workbook counts dates from 1904 (Excel for Mac's old date system, BookOutline.date1904) */
  date1904?: boolean;
}

/** Ja/nee as a ledger cell may say them (lower case); the template's Lijsten sheet lists the same words. */
export const YES_WORDS = ["ja", "j", "yes", "y", "waar", "true", "x", "1", "wel"] as const;
export const NO_WORDS = ["nee", "n", "no", "onwaar", "false", "0", "niet", "-"] as const;
const YES = new Set<string>(YES_WORDS);
const NO = new Set<string>(NO_WORDS);

function isEmpty(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

/** A cell's text for a problem: at most 60 characters. */
const shortText = (s: string) => (s.length > 60 ? s.slice(0, 59) + "…" : s);

/** A cell as text, as every reader compares it: empty "", an error its code ("#N/A"), a date jjjj-mm-dd; not trimmed. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "object") return "error" in c ? c.error : c.date;
  return String(c);
}

/** Days from 1900-01-00 (Excel's 1900 date system) to 1904-01-01, serial 0 of the 1904 date system. */
export const DATE1904_OFFSET = 1462;

/** An Excel date serial as jjjj-mm-dd: in the 1900 date system, or with `date1904` in the 1904 system. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (date1904) serial += DATE1904_OFFSET;
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465 || Math.floor(serial) === 60)
    return null;
  // Excel counts a 29 February 1900 that did not exist (serial 60): serials before it are one day earlier.
  const ms = Math.round((serial - (serial < 60 ? 25568 : 25569)) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Read the rows of a ledger. `mapping` says which column holds which field (mapHeaders, or the user's
 * correction); `dateColumns` may name columns whose numbers are dates (Excel's numberFormatCategories).
 */
/** How many distinct unknown categories of one sheet get a "bedoelt u …?" suggestion. */
const MAX_SUGGESTIONS = 100;

export function readLedger(
  rows: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): LedgerRead {
  const out: LedgerRead = { investments: [], rows: [], problems: [], skipped: 0 };
  const cols = Object.values(mapping) as number[];
  const seenIds = new Map<string, number>();
  const unknownHints = new Map<string, string>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const sheetRow = place.firstRow + r;
    if (cols.every((c) => isEmpty(row[c]))) {
      out.skipped++;
      continue;
    }
    const problems: LedgerProblem[] = [];
    const problem = (field: LedgerField, message: string) => {
      const column = mapping[field]!;
      problems.push({
        row: sheetRow,
        column,
        columnLetter: columnLetter(place.firstColumn + column),
        field,
        value: showValue(cellText(row[column]), 60),
        text: shortText(cellText(row[column])),
        message,
      });
    };
    const get = (f: LedgerField): Cell | undefined =>
      mapping[f] === undefined ? undefined : row[mapping[f]!];
    // An error value in a cell keeps its meaning.
    for (const f of LEDGER_FIELDS) {
      const c = get(f);
      if (c && typeof c === "object" && "error" in c)
        problem(f, `cel bevat ${dutchError(c.error)}; verwacht ${EXPECTED[f]}`);
    }
    const inv: Record<string, unknown> = {};
    const idCell = get("id");
    const id = isEmpty(idCell) ? `rij ${sheetRow}` : cellText(idCell).trim();
    inv.id = id;
    const prev = seenIds.get(id);
    if (prev !== undefined && !isEmpty(idCell))
      problem("id", `nummer ${id} staat ook in rij ${prev}; ieder bedrijfsmiddel heeft een eigen nummer`);
    seenIds.set(id, sheetRow);
    const desc = get("description");
    if (!isEmpty(desc) && !isErr(desc)) inv.description = cellText(desc).slice(0, 2000);

    const cat = get("category");
    if (isEmpty(cat)) problem("category", "categorie ontbreekt; verwacht een categorie zoals machine, inventaris of personenauto");
    else if (!isErr(cat)) {
      const found = findCategory(cellText(cat));
      if (!found) {
        // A suggestion for the first distinct misspellings; a sheet of thousands of them gets the examples.
        const text = cellText(cat);
        let hint = unknownHints.get(text);
        if (hint === undefined) {
          hint = unknownCategoryHint(text, unknownHints.size < MAX_SUGGESTIONS);
          if (unknownHints.size < 10000) unknownHints.set(text, hint);
        }
        problem("category", `onbekende categorie; ${hint}`);
      }
      else inv.category = found.code;
    }
    const amount = amountCell(get("amount"), "amount", problem, true);
    if (amount !== undefined) inv.amount = amount;
    const paid = amountCell(get("paid"), "paid", problem, false);
    if (paid !== undefined) inv.paid = paid;
    const mv = amountCell(get("marketValue"), "marketValue", problem, false);
    if (mv !== undefined) inv.marketValue = mv;
    // Besluit 4.2: a herinvesteringsreserve booked on the asset, and whether the declaration of bijlage 1 is made.
    const hir = amountCell(get("reserve"), "reserve", problem, false);
    const declaration = boolCell(get("reserveDeclaration"), "reserveDeclaration", problem);
    if (hir !== undefined && !/^0+(\.0+)?$/.test(hir))
      inv.reinvestmentReserve = { amount: hir, ...(declaration === undefined ? {} : { declaration }) };

    for (const f of ["vatDeductible", "inUse", "relatedParty", "exemption", "eiaMia"] as const) {
      const b = boolCell(get(f), f, problem);
      if (b !== undefined) inv[f] = b;
    }
    // Besluit 5.1.3: only a related-party row without an exemption says whether one could be obtained; a "nee" on
    // any other row says nothing.
    const possible = boolCell(get("exemptionPossible"), "exemptionPossible", problem);
    if (possible === true || (possible === false && inv.relatedParty === true && inv.exemption !== true))
      inv.exemptionPossible = possible;
    const grp = get("group");
    if (!isEmpty(grp) && !isErr(grp)) inv.group = cellText(grp).trim();
    const dateCell = get("date");
    if (!isEmpty(dateCell) && !isErr(dateCell)) {
      const iso = dateOf(dateCell!, place.date1904);
      if (iso) inv.date = iso;
      else problem("date", "geen datum; verwacht een datum zoals 31-03-2025");
    }
    const lost = boolCell(get("lostByCalamity"), "lostByCalamity", problem);
    const repl = get("replacedBy");
    const approval = boolCell(get("approval"), "approval", problem);
    if (!isEmpty(repl) && !isErr(repl)) {
      if (lost === false)
        problem("replacedBy", "‘vervangen door’ is ingevuld, maar ‘verloren door calamiteit’ staat op nee");
      else
        inv.lostByCalamity = {
          replacedBy: cellText(repl).trim(),
          ...(approval === undefined ? {} : { approval }),
        };
    } else if (lost === true) {
      problem(
        mapping.replacedBy === undefined ? "lostByCalamity" : "replacedBy",
        "verloren door calamiteit: vul bij ‘vervangen door’ het nummer van het vervangende bedrijfsmiddel in",
      );
    }
    if (problems.length) {
      out.problems.push(...problems);
      continue;
    }
    out.investments.push(inv as unknown as ScenarioInvestment);
    out.rows.push(sheetRow);
  }
  return out;
}

function isErr(c: Cell | undefined): boolean {
  return !!c && typeof c === "object" && "error" in c;
}

const EXPECTED: Record<LedgerField, string> = {
  id: "een nummer of naam",
  description: "een omschrijving",
  category: "een categorie",
  amount: "een bedrag",
  vatDeductible: "ja of nee",
  group: "de naam van een groep",
  paid: "een bedrag",
  inUse: "ja of nee",
  lostByCalamity: "ja of nee",
  replacedBy: "het nummer van het vervangende bedrijfsmiddel",
  approval: "ja of nee",
  relatedParty: "ja of nee",
  exemption: "ja of nee",
  marketValue: "een bedrag",
  exemptionPossible: "ja of nee",
  reserve: "een bedrag",
  reserveDeclaration: "ja of nee",
  eiaMia: "ja of nee",
  date: "een datum",
};

const ERRORS_NL: Record<string, string> = {
  "#N/A": "#N/B",
  "#VALUE!": "#WAARDE!",
  "#DIV/0!": "#DEEL/0!",
  "#NUM!": "#GETAL!",
  "#NAME?": "#NAAM?",
  "#REF!": "#VERW!",
  "#NULL!": "#LEEG!",
  "#SPILL!": "#OVERLOOP!",
  "#CALC!": "#BEREKENEN!",
};

export function dutchError(e: string): string {
  return ERRORS_NL[e.toUpperCase()] ?? e;
}

function amountCell(
  c: Cell | undefined,
  f: LedgerField,
  problem: (f: LedgerField, m: string) => void,
  required: boolean,
): string | undefined {
  if (isEmpty(c)) {
    if (required) problem(f, `${FIELD_NAMES_NL[f]} ontbreekt; verwacht een bedrag zoals 1.234,56`);
    return undefined;
  }
  if (isErr(c)) return undefined;
  const r =
    typeof c === "number"
      ? excelNumberAmount(c)
      : typeof c === "string"
        ? readDutchAmount(c)
        : typeof c === "boolean"
          ? readAmount(c)
          : readAmount(undefined);
  if (isAmountProblem(r)) {
    // Reasons that already show how to write an amount are not given a second example.
    problem(f, r.reason.includes("zoals") ? r.reason : `${r.reason}; verwacht een bedrag zoals 1.234,56`);
    return undefined;
  }
  return plain(r);
}

function boolCell(
  c: Cell | undefined,
  f: LedgerField,
  problem: (f: LedgerField, m: string) => void,
): boolean | undefined {
  if (isEmpty(c) || isErr(c)) return undefined;
  const yes = yesOrNo(c);
  if (yes === undefined) problem(f, "geen ja of nee; verwacht ja of nee");
  return yes;
}

/** A yes/no cell: WAAR/ONWAAR, 1 or 0, or one of YES_WORDS / NO_WORDS ("ja", "nee", "x" …); else undefined. */
export function yesOrNo(c: Cell | undefined): boolean | undefined {
  if (typeof c === "boolean") return c;
  const s = cellText(c).trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
}

function dateOf(c: Cell, date1904 = false): string | null {
  if (typeof c === "object" && c !== null && "date" in c) return c.date;
  if (typeof c === "number") return serialToIso(c, date1904);
  const s = cellText(c).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return iso(+m[3], +m[2], +m[1]);
  return null;
}

function iso(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** The partnership key as the partners sheet may write it ("winst", "kapitaal", ...). */
export { partnershipKeyOf };

// ---- partners and disposals (the template's "Vennoten" and "Desinvesteringen" sheets) -------------------

export const PARTNER_HEADERS: Record<string, readonly string[]> = {
  name: ["Naam", "name", "vennoot", "partner"],
  legalForm: ["Rechtsvorm", "legal form", "vorm"],
  // the statutory key is the share in the (over)winst, the profit after the partners' labour fees (besluit 4.1.4)
  profit: ["Aandeel (over)winst", "Winstaandeel", "aandeel overwinst", "overwinst", "profit share", "winst", "winstgerechtigdheid", "profit"],
  capital: ["Kapitaal", "capital", "kapitaalsverhouding"],
  reserves: ["Stille reserves", "hidden reserves", "reserves", "aandeel stille reserves"],
  // the partner's own IB enterprise (an eenmanszaak of his own); never a BV of his, which is another taxpayer
  outsideInvestments: ["Investeringen eigen eenmanszaak", "Eigen investeringen buiten", "outside investments", "eigen eenmanszaak", "eigen onderneming", "investeringen eigen onderneming"],
  ownAssetsInPartnership: ["Eigen bedrijfsmiddelen in onderneming", "own assets in partnership", "buitenvennootschappelijk vermogen", "eigen bedrijfsmiddelen"],
};

export const DISPOSAL_HEADERS: Record<string, readonly string[]> = {
  id: ["Nummer", "id", "nr"],
  description: ["Omschrijving", "description"],
  price: ["Verkoopprijs", "price", "overdrachtsprijs", "prijs", "opbrengst"],
  investment: ["Investering dit jaar", "investment", "nummer investering"],
  investmentYear: ["Investeringsjaar", "investment year", "jaar van investering"],
  investmentAmount: ["Investeringsbedrag", "investment amount", "aanschafbedrag"],
  investmentYearTotal: ["Totaal investeringsjaar", "investment year total", "totaal investeringen investeringsjaar"],
};

/** Which column of a partners table, and of a disposals table, holds which field (as mapHeaders for the ledger). */
export const mapPartnerHeaders = headerMapper(PARTNER_HEADERS);
export const mapDisposalHeaders = headerMapper(DISPOSAL_HEADERS);

export interface GridRead<T> {
  items: T[];
  /** sheet row of each item, parallel to `items` */
  rows: number[];
  problems: LedgerProblem[];
}

/**
 * A profit share from a cell: a number as a proportion (a key from a formula such as =1/3 has more decimals than an
 * amount may have), text as a Dutch number with or without "%" ("60", "0,6", "60%"); with a "%" the comma is the
 * decimal comma ("33,333%" is a third, not 33.333 procent: a share has no thousands). A boolean or a date is none.
 */
function shareOf(c: Cell): ReturnType<typeof readAmount> {
  if (typeof c === "number") return excelProportion(c);
  if (typeof c !== "string") return readAmount(undefined);
  const text = c.replace(/%\s*$/, "");
  if (text !== c && /^\s*\d{1,3},\d{3}\s*$/.test(text)) return readAmount(text.trim().replace(",", "."));
  return readDutchAmount(text);
}

/** Why a cell is no profit share, in a share's words (the amount readers speak of a "bedrag"); else "geen aandeel". */
const SHARE_REASONS: Partial<Record<string, string>> = {
  NEGATIVE_AMOUNT: "negatief aandeel",
  AMBIGUOUS_AMOUNT: "dubbelzinnig aandeel (een komma en drie cijfers; als percentage, zoals 33,333%, is de komma de decimale komma)",
};

/**
 * Rows of a partners table as scenario partners (amounts with the core's readers; shares may be written as
 * 50 or 50%). Problems name the row and column like the ledger's, and what the column expects: the profit share is
 * a share, a percentage or a fraction (the key's weights, src/partnership.ts), not a euro amount ("geen aandeel;
 * verwacht een aandeel zoals 60% of 0,6"); capital, hidden reserves and the investments are euro amounts.
 */
export function readPartners(
  headers: readonly unknown[],
  rows: readonly (readonly Cell[])[],
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): GridRead<Record<string, unknown>> {
  const m = mapPartnerHeaders(headers).mapping;
  return readRows(rows, m, PARTNER_HEADERS, place, (get, problem) => {
    const name = get("name");
    if (isEmpty(name) || isErr(name)) {
      problem("name", "naam ontbreekt");
      return undefined;
    }
    const p: Record<string, unknown> = { name: cellText(name).trim() };
    const lf = get("legalForm");
    if (!isEmpty(lf) && !isErr(lf)) p.legalForm = cellText(lf).trim();
    for (const f of ["profit", "capital", "reserves", "outsideInvestments", "ownAssetsInPartnership"]) {
      const c = get(f);
      if (isEmpty(c) || isErr(c)) continue;
      if (f === "profit") {
        const r = shareOf(c!);
        if (isAmountProblem(r)) problem(f, `${SHARE_REASONS[r.problem] ?? "geen aandeel"}; verwacht een aandeel zoals 60% of 0,6`);
        else p[f] = plain(r);
        continue;
      }
      if ((f === "capital" || f === "reserves") && typeof c === "number") {
        // A key from a formula such as =1/3 has more decimals than an amount may have: read it as a proportion.
        const w = excelProportion(c);
        if (isAmountProblem(w)) problem(f, `${w.reason}; verwacht een bedrag zoals 1.234,56`);
        else p[f] = plain(w);
        continue;
      }
      const text = typeof c === "string" ? c.replace(/%\s*$/, "") : c;
      const v = amountCell(text as Cell, "amount", (_f, msg) => problem(f, msg), false);
      if (v !== undefined) p[f] = v;
    }
    return p;
  });
}

/** Rows of a disposals table as scenario disposals. */
export function readDisposals(
  headers: readonly unknown[],
  rows: readonly (readonly Cell[])[],
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): GridRead<Record<string, unknown>> {
  const m = mapDisposalHeaders(headers).mapping;
  return readRows(rows, m, DISPOSAL_HEADERS, place, (get, problem, sheetRow) => {
    const d: Record<string, unknown> = {};
    const id = get("id");
    d.id = isEmpty(id) || isErr(id) ? `rij ${sheetRow}` : cellText(id).trim();
    const desc = get("description");
    if (!isEmpty(desc) && !isErr(desc)) d.description = cellText(desc);
    const price = amountCell(get("price") as Cell, "amount", (_f, msg) => problem("price", msg), true);
    if (price !== undefined) d.price = price;
    const link = get("investment");
    if (!isEmpty(link) && !isErr(link)) {
      d.investment = cellText(link).trim();
      return d;
    }
    const y = get("investmentYear");
    const yn = typeof y === "number" ? y : Number(cellText(y).trim());
    if (!Number.isInteger(yn) || yn < 1900 || yn > 2200) problem("investmentYear", "verwacht een jaartal, zoals 2022");
    else d.investmentYear = yn;
    for (const f of ["investmentAmount", "investmentYearTotal"]) {
      const v = amountCell(get(f) as Cell, "amount", (_f, msg) => problem(f, msg), true);
      if (v !== undefined) d[f] = v;
    }
    return d;
  });
}

function readRows(
  rows: readonly (readonly Cell[])[],
  m: Partial<Record<string, number>>,
  names: Record<string, readonly string[]>,
  place: LedgerPlace,
  one: (
    get: (f: string) => Cell | undefined,
    problem: (f: string, message: string) => void,
    sheetRow: number,
  ) => Record<string, unknown> | undefined,
): GridRead<Record<string, unknown>> {
  const out: GridRead<Record<string, unknown>> = { items: [], rows: [], problems: [] };
  const cols = Object.values(m) as number[];
  rows.forEach((row, r) => {
    if (cols.every((c) => isEmpty(row[c]))) return;
    const sheetRow = place.firstRow + r;
    const problems: LedgerProblem[] = [];
    const get = (f: string) => (m[f] === undefined ? undefined : row[m[f]!]);
    const problem = (f: string, message: string) => {
      const column = m[f] ?? 0;
      problems.push({
        row: sheetRow,
        column,
        columnLetter: columnLetter(place.firstColumn + column),
        field: "row",
        value: showValue(cellText(row[column]), 60),
        text: shortText(cellText(row[column])),
        message: `${names[f][0].toLowerCase()}: ${message}`,
      });
    };
    const item = one(get, problem, sheetRow);
    if (problems.length || !item) out.problems.push(...problems);
    else {
      out.items.push(item);
      out.rows.push(sheetRow);
    }
  });
  return out;
}
