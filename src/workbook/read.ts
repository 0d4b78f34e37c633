/**
 * readWorkbook: the one place that turns a workbook's cells into a scenario, for the command line, the standalone
 * page and the Excel pane alike (each through its Book adapter, ./book.ts). In this order, by these rules:
 *
 *  1. the ledger: among the Excel tables and the sheets without tables (a sheet by the header row in its first 30
 *     rows, its name as its name), in workbook order, one with a ledger's name whose headers name a category and an
 *     amount, else the first whose headers do (findTable); a table runs to its last row, a sheet to its last row,
 *     unless a second header row that is not its own comes first (ledgerSections): a list of disposals there is read
 *     as the disposals (step 4), a list of partners as the partners (step 3), when the workbook has no other; the
 *     rows of any other list are left out. Rows below the ledger's grand total are left out too (readLedger);
 *  2. the year: given (--year), else the workbook name KIA_JAAR (a cell that holds no year is no year: said, and no
 *     other place is tried), else the number right of a label "Jaar" (the Overzicht first), else the calendar year
 *     all the investments' dates fall in; else none (the app asks for it);
 *  3. the partners: a table or a sheet without tables (its list ends at its first empty or label row, such as
 *     "Verdeelsleutel"), chosen by the same rule, never the ledger; else a partners list below the ledger, read so;
 *     the key and the joint request right of "Verdeelsleutel" and "Gezamenlijk verzoek" (below a list under the
 *     ledger, else the partners' sheet first). A key the core does not know stays in the scenario as written: the
 *     core refuses it, in its words;
 *  4. the disposals: a table or a sheet without tables, by the same rule, never the ledger or the partners;
 *  5. every cell not read and every row the core refuses (validateRows: a row of its own, the rows of a group, a
 *     disposal of a row left out) is a LeftOut; the scenario keeps the other rows. A sheet or table named like the
 *     partners or the disposals that gives none, and a second table or sheet that fits but was not chosen, is a note.
 *
 * Nothing here knows an app: the apps render the result (./left-out.ts).
 */
import "../law/headings"; // the headings vocabulary (balance-sheet headings, RGS codes) for the ledger's categories
import { nameTarget, parseAddress, type Book, type BookOutline, type BookTable } from "./book";
import { registerYearOf } from "../register/format";
import {
  cellText,
  columnLetter,
  ledgerMapping,
  mapDisposalHeaders,
  normalizeHeader,
  readLedger,
  type Cell,
  type ColumnMapping,
  type LedgerRead,
} from "./ledger";
import { isTotalLabel } from "./questions";
import type { LeftOut, ReadNote } from "./left-out";
import type { ScenarioInvestment } from "../scenario";
import type { Answers } from "./questions";
import { DISPOSAL_TABLES, KEY_LABELS, PARTNER_TABLES, REQUEST_LABELS, SUMMARY_SHEET, YEAR_LABELS, YEAR_NAME } from "./names";
import {
  besideLabel,
  findTable,
  isListEndLabel,
  hasTableName,
  HEADER_SEARCH_ROWS,
  LABEL_AREA,
  labelOrder,
  ledgerSections,
  partnersListLength,
  sheetHeader,
  yearOfCell,
  yearOfDates,
  type LedgerSection,
  type SheetHeader,
  type TableKind,
} from "./rules";
import { ledgerPlace, readFound, type FromRegister, type Grid, type LabelValue, type WorkbookFound, type WorkbookRead, type YearFound } from "./found";

export * from "./found";

/** A workbook without a ledger, or a ledger choice that is not there: a Dutch message, the app adds the file's name. */
export class WorkbookReadError extends Error {
  constructor(
    message: string,
    readonly code: "NO_LEDGER" | "NO_TABLE",
  ) {
    super(message);
    this.name = "WorkbookReadError";
  }
}

export interface ReadOptions {
  /** the year given by the user (kia-calc --year): before anything in the workbook */
  year?: number;
  /** the user's choice of ledger: a table or a sheet by its name (the pane's selection is a table of a Book view: ./selection.ts) */
  ledger?: { table: string };
  /** rows of the ledger read so far (a large table read in parts) */
  onProgress?: (p: { rowsRead: number; rowsTotal: number }) => void;
  /** leave out the rows the core refuses (validateRows); default true */
  validate?: boolean;
  /** the user's answers to the open questions (./questions.ts), by questionKey */
  answers?: Answers;
  /**
   * fills a disposal that refers to an earlier year's register (column "Uit register", src/register/years.ts
   * registerDisposal): its fields, or a Dutch message why it cannot. Without it such a disposal is left out, said.
   */
  fromRegister?: FromRegister;
}

/** A candidate for a part: an Excel table, or a sheet without tables by its header row (its name as its name). */
type Candidate = { name: string; headers: readonly unknown[]; sheet: string } & ({ table: BookTable } | { header: SheetHeader; last: number });

interface SheetTop {
  header?: SheetHeader;
  top: Cell[][];
  last: number;
}

/** The reader's view of one workbook: its outline and the tops of its sheets, each read once. */
class Reading {
  private readonly tops = new Map<string, Promise<SheetTop>>();
  private readonly areas = new Map<string, Promise<Cell[][]>>();
  constructor(
    readonly book: Book,
    readonly outline: BookOutline,
  ) {}

  /** The first rows of a sheet (from column A) and its header row (sheetHeader: a ledger's, a partners list's, a disposals list's). */
  top(sheet: string): Promise<SheetTop> {
    let t = this.tops.get(sheet);
    if (!t) {
      t = (async () => {
        const last = await this.book.lastRow(sheet);
        if (last === 0) return { top: [], last };
        const top = await this.book.rows(sheet, 1, Math.min(HEADER_SEARCH_ROWS, last), 0, 199);
        return { header: sheetHeader(top), top, last };
      })();
      this.tops.set(sheet, t);
    }
    return t;
  }

  /** A sheet's label area (LABEL_AREA), for the values right of labels. */
  area(sheet: string): Promise<Cell[][]> {
    let a = this.areas.get(sheet);
    if (!a) {
      a = this.book.rows(sheet, 1, LABEL_AREA.rows, 0, LABEL_AREA.columns);
      this.areas.set(sheet, a);
    }
    return a;
  }

  /**
   * A sheet without tables chosen by name whose header row the rules do not find (no category and amount, no
   * partners, no disposals): its first filled row of its first 30 is its header, its columns chosen by hand.
   */
  async chosenSheet(sheet: string): Promise<Candidate | undefined> {
    if (!this.outline.sheets.includes(sheet) || this.outline.tables.some((t) => t.sheet === sheet)) return undefined;
    const { top, last } = await this.top(sheet);
    const index = top.findIndex((row) => row.some((c) => cellText(c).trim() !== ""));
    if (index < 0) return undefined;
    const filled = top[index].map((c, i) => (cellText(c).trim() === "" ? -1 : i)).filter((i) => i >= 0);
    const left = filled[0];
    const right = filled[filled.length - 1];
    const headers = top[index].slice(left, right + 1).map((c) => cellText(c).trim());
    return { name: sheet, headers, sheet, header: { kind: "ledger", index, left, right, headers }, last };
  }

  /** Tables, and sheets without tables that have a header row, in workbook order. */
  async candidates(): Promise<Candidate[]> {
    const out: Candidate[] = [];
    for (const sheet of this.outline.sheets) {
      const all = this.outline.tables.filter((t) => t.sheet === sheet);
      // a KIA register (a report's table of an earlier run, src/register) is never a ledger, partners or disposals
      const tables = all.filter((t) => registerYearOf(t.name) === undefined);
      if (all.length) {
        out.push(...tables.map((table) => ({ name: table.name, headers: table.headers, sheet, table })));
        continue;
      }
      const top = await this.top(sheet);
      if (top.header) out.push({ name: sheet, headers: top.header.headers, sheet, header: top.header, last: top.last });
      // a partners list beside the ledger on its row (rules.ts withPartnersBeside): a candidate of its own
      if (top.header?.beside) out.push({ name: sheet, headers: top.header.beside.headers, sheet, header: top.header.beside, last: top.last });
    }
    return out;
  }

  async grid(c: Candidate, kind: TableKind, onProgress?: ReadOptions["onProgress"]): Promise<Grid> {
    const date1904 = this.outline.date1904 || undefined;
    if ("table" in c) {
      const t = c.table;
      const first = t.headerRow ? t.top + 1 : t.top;
      const total = Math.max(0, t.bottom - first + 1);
      const progress = onProgress && ((n: number) => onProgress({ rowsRead: n, rowsTotal: total }));
      const rows = total ? await this.book.rows(t.sheet, first, t.bottom, t.left, t.right, progress) : [];
      onProgress?.({ rowsRead: total, rowsTotal: total });
      return {
        source: t.source ?? `tabel ${t.name}`,
        sheet: t.sheet,
        headers: t.headers,
        rows: trimEmptyTail(rows),
        firstRow: first,
        firstColumn: t.left,
        ...(date1904 ? { date1904 } : {}),
      };
    }
    const { header, last } = c;
    const headerRow = header.index + 1;
    let rows: Cell[][] = [];
    if (kind === "partners") {
      // to the list's first empty or label row ("Verdeelsleutel"), read in parts
      for (let from = headerRow + 1; from <= last; from += LIST_CHUNK_ROWS) {
        const chunk = await this.book.rows(c.sheet, from, Math.min(last, from + LIST_CHUNK_ROWS - 1), 0, header.right);
        const n = partnersListLength(chunk, header);
        rows.push(...chunk.slice(0, n.rows).map((r) => r.slice(header.left)));
        if (n.ended) break;
      }
    } else if (headerRow < last) {
      const total = last - headerRow;
      const progress = onProgress && ((n: number) => onProgress({ rowsRead: n, rowsTotal: total }));
      // assigned, not spread into push(): a sheet of a million rows would overflow the stack
      rows = await this.book.rows(c.sheet, headerRow + 1, last, header.left, header.right, progress);
      onProgress?.({ rowsRead: total, rowsTotal: total });
    }
    return {
      source: `blad ${c.sheet}`,
      sheet: c.sheet,
      headers: header.headers,
      rows: trimEmptyTail(rows),
      firstRow: headerRow + 1,
      firstColumn: header.left,
      ...(date1904 ? { date1904 } : {}),
    };
  }

  /**
   * The ledger's own rows, and the lists below a second header row in it (ledgerSections: a header that is not the
   * ledger's own, repeated): each as a grid of its own header and rows. On a sheet without tables a list may be wider
   * than the ledger: its header row and rows are read again in its own columns.
   */
  async sections(c: Candidate, g: Grid): Promise<{ ledger: Grid; below: { section: LedgerSection; grid: Grid; title?: string }[] }> {
    const split = ledgerSections(g.headers, g.rows);
    if (!split.sections.length) return { ledger: g, below: [] };
    const below: { section: LedgerSection; grid: Grid; title?: string }[] = [];
    for (const section of split.sections) {
      const headerRow = g.firstRow + section.header;
      let headers = g.rows[section.header].map((v) => cellText(v).trim());
      let rows = g.rows.slice(section.header + 1, section.end);
      let firstColumn = g.firstColumn;
      if (!("table" in c)) {
        const cells = (await this.book.rows(g.sheet, headerRow, headerRow, 0, 199))[0] ?? [];
        const filled = cells.map((v, i) => (cellText(v).trim() === "" ? -1 : i)).filter((i) => i >= 0);
        firstColumn = filled[0];
        const right = filled[filled.length - 1];
        headers = cells.slice(firstColumn, right + 1).map((v) => cellText(v).trim());
        const last = g.firstRow + section.end - 1;
        rows = last > headerRow ? await this.book.rows(g.sheet, headerRow + 1, last, firstColumn, right) : [];
      }
      const titleCell = section.title === undefined ? undefined : g.rows[section.title].find((v) => cellText(v).trim() !== "");
      below.push({
        section,
        grid: {
          source: `${g.source}, onder de staat vanaf rij ${headerRow}`,
          sheet: g.sheet,
          headers,
          rows: trimEmptyTail(rows),
          firstRow: headerRow + 1,
          firstColumn,
          ...(g.date1904 ? { date1904: true } : {}),
        },
        ...(titleCell === undefined ? {} : { title: cellText(titleCell).trim() }),
      });
    }
    return { ledger: { ...g, rows: trimEmptyTail(g.rows.slice(0, split.rows)) }, below };
  }

  /** The value right of one of `labels` (besideLabel), the sheet `first` first; each sheet's area read only when needed. */
  async beside(labels: readonly string[], first: string | undefined, accept?: (v: Cell) => boolean): Promise<LabelValue | undefined> {
    for (const sheet of labelOrder(this.outline.sheets, first)) {
      const hit = besideLabel([{ sheet, rows: await this.area(sheet) }], labels, { accept });
      if (hit) return { value: hit.value, sheet: hit.sheet, row: hit.row, column: hit.column };
    }
    return undefined;
  }
}

/** Rows read at a time below a partners list's header, until the list ends. */
const LIST_CHUNK_ROWS = 100;

/** Empty rows at the end of a block (a table's empty last rows) are not data. */
function trimEmptyTail(rows: Cell[][]): Cell[][] {
  let n = rows.length;
  while (n > 0 && rows[n - 1].every((c) => c === null || (typeof c === "string" && c.trim() === ""))) n--;
  return n === rows.length ? rows : rows.slice(0, n);
}

const KIND_WORDS: Record<TableKind, string> = { ledger: "staat van investeringen", partners: "vennoten", disposals: "desinvesteringen" };
const KIND_COLUMNS: Record<TableKind, string> = {
  ledger: "de kolommen Categorie en Bedrag",
  partners: "de kolommen Naam en Winstaandeel (of Kapitaal, Stille reserves)",
  disposals: "de kolommen Verkoopprijs en Investering dit jaar (of Investeringsjaar)",
};
const KIND_CONSEQUENCE: Record<TableKind, string> = {
  ledger: "",
  partners: "; de KIA is niet over vennoten verdeeld",
  disposals: "; er is geen desinvesteringsbijtelling uit berekend",
};

const placeText = (c: Candidate) => ("table" in c ? `tabel ${c.name} op blad ${c.sheet}` : `blad ${c.sheet}`);

/** The place a note points at: a table's first cell, else the sheet's first filled cell in its first rows. */
async function noteCell(r: Reading, sheet: string, table?: BookTable): Promise<{ row: number; column: string } | undefined> {
  if (table) return { row: table.top, column: columnLetter(table.left) };
  const { top } = await r.top(sheet);
  const i = top.findIndex((row) => row.some((c) => cellText(c).trim() !== ""));
  if (i < 0) return undefined;
  return { row: i + 1, column: columnLetter(top[i].findIndex((v) => cellText(v).trim() !== "")) };
}

/**
 * The notes for a kind: a second candidate that fits but was not chosen; a table or sheet named like the kind
 * ("Vennoten", "Desinvesteringen") that was not read as it, with why.
 */
async function notesFor(
  r: Reading,
  kind: TableKind,
  all: readonly Candidate[],
  chosen: Candidate | undefined,
  taken: readonly Candidate[],
): Promise<ReadNote[]> {
  const notes: ReadNote[] = [];
  const words = KIND_WORDS[kind];
  const fits = (c: Candidate) => findTable([c], kind) !== undefined;
  for (const c of all) {
    if (c === chosen || taken.includes(c) || !(fits(c) || hasTableName(c.name, kind) || hasTableName(c.sheet, kind))) continue;
    const at = await noteCell(r, c.sheet, "table" in c ? c.table : undefined);
    if (!at) continue;
    const table = "table" in c ? { table: c.name } : {};
    if (fits(c) && chosen)
      notes.push({
        kind,
        sheet: c.sheet,
        ...at,
        ...table,
        reason: `${placeText(c)} niet gelezen als ${words}: ${placeText(chosen)} is gelezen (er wordt één gelezen)`,
      });
    else if (!fits(c) && !chosen)
      notes.push({
        kind,
        sheet: c.sheet,
        ...at,
        ...table,
        reason:
          "table" in c
            ? `${placeText(c)} niet gelezen als ${words}: de tabel heeft niet ${KIND_COLUMNS[kind]}${KIND_CONSEQUENCE[kind]}`
            : `${placeText(c)} niet gelezen als ${words}: geen kopregel met ${KIND_COLUMNS[kind]} in de eerste ${HEADER_SEARCH_ROWS} rijen${KIND_CONSEQUENCE[kind]}`,
      });
  }
  // a sheet named like the kind without a header row at all (not a candidate): said too
  if (!chosen && kind !== "ledger")
    for (const sheet of r.outline.sheets) {
      if (!hasTableName(sheet, kind) || all.some((c) => c.sheet === sheet) || taken.some((c) => c.sheet === sheet)) continue;
      const at = await noteCell(r, sheet);
      if (at)
        notes.push({
          kind,
          sheet,
          ...at,
          reason: `blad ${sheet} niet gelezen als ${words}: geen kopregel met ${KIND_COLUMNS[kind]} in de eerste ${HEADER_SEARCH_ROWS} rijen${KIND_CONSEQUENCE[kind]}`,
        });
    }
  return notes;
}

/** Row `i` of a grid left out as a whole, at its column `at`, with its filled cells' text (`text`, cut at 60). */
function rowAt(g: Grid, list: LeftOut["list"], i: number, at: number, text: string): Pick<LeftOut, "list" | "sheet" | "row" | "column" | "field" | "value"> {
  return {
    list,
    sheet: g.sheet,
    row: g.firstRow + i,
    column: columnLetter(g.firstColumn + at),
    field: "row",
    value: text.length > 60 ? text.slice(0, 59) + "…" : text,
  };
}

/**
 * The rows of a list below the ledger that is not read (ledgerSections): each row left out at its first filled cell,
 * with why, so the figure is never final over them.
 */
function sectionLeftOut(g: Grid, list: LeftOut["list"], why: string): LeftOut[] {
  const out: LeftOut[] = [];
  g.rows.forEach((row, i) => {
    const at = row.findIndex((v) => cellText(v).trim() !== "");
    if (at < 0) return;
    const text = row
      .map((v) => cellText(v).trim())
      .filter((t) => t !== "")
      .join("; ");
    out.push({ ...rowAt(g, list, i, at, text), code: "UNREADABLE", reason: why });
  });
  return out;
}

/**
 * A partners list below the ledger (ledgerSections) as a partners sheet is read: the list runs to its first empty or
 * label row (partnersListLength: "Verdeelsleutel", "Gezamenlijk verzoek", "Totaal"), the key and the joint request
 * are the cells right of those labels below it (besideLabel); `after` holds the section's other rows below the list,
 * which are no partners and no labels.
 */
function partnersBelow(g: Grid): { partners: Grid; key?: LabelValue; request?: LabelValue; after: Grid } {
  const n = partnersListLength(g.rows, { left: 0, right: Math.max(0, g.headers.length - 1) }).rows;
  const rest = g.rows.slice(n);
  const at = (hit: ReturnType<typeof besideLabel>): LabelValue | undefined =>
    hit && { value: hit.value, sheet: g.sheet, row: g.firstRow + n + hit.row - 1, column: g.firstColumn + hit.column };
  const area = [{ sheet: g.sheet, rows: rest }];
  const labelled = (row: Cell[]) => {
    const first = row.find((v) => cellText(v).trim() !== "");
    return typeof first === "string" && isListEndLabel(first);
  };
  return {
    partners: { ...g, rows: g.rows.slice(0, n) },
    ...optional("key", at(besideLabel(area, KEY_LABELS))),
    ...optional("request", at(besideLabel(area, REQUEST_LABELS))),
    after: { ...g, rows: rest.map((row) => (labelled(row) ? [] : row)), firstRow: g.firstRow + n },
  };
}

const optional = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, V>));

/** "kopregel in rij 7 (Omschrijving; Categorie; Datum verkoop; Verkoopprijs)", with the title above it when there is one. */
function sectionText(s: { grid: Grid; title?: string }): string {
  const headers = s.grid.headers.filter((h) => h !== "").join("; ");
  return `${s.title ? `"${s.title}", ` : ""}kopregel in rij ${s.grid.firstRow - 1} (${headers.length > 80 ? headers.slice(0, 79) + "…" : headers})`;
}

/** Headers of a sale's date in a ledger: "Datum verkoop", "Verkoopdatum", "Datum desinvestering", "Verkocht op". */
const SALE_DATE = /^(datum)?(verkoop|verkocht|desinvestering|vervreemding|buitengebruikstelling)(datum|op)?$/;

/**
 * The sales in the ledger's own columns (an activastaat with "Datum verkoop" and "Verkoopprijs" beside the assets),
 * when no list of disposals is read: the reader reads a sale only from a list of disposals (art. 3.47: the addition
 * for a sale within five years of the investment), so each row with a sale's price or date is left out at that cell
 * with why, and the figure is never final over it. The asset on the row still counts as an investment. Total rows
 * ("Totaal generaal") are no sales.
 */
function salesInLedger(
  g: Grid,
  mapping: ColumnMapping,
  counted: { rows: readonly number[]; investments: readonly ScenarioInvestment[] },
  year: number | undefined,
): LeftOut[] {
  const investments = new Map(counted.rows.map((row, k) => [row, counted.investments[k]]));
  const mapped = new Set(Object.values(mapping) as number[]);
  const price = mapDisposalHeaders(g.headers).mapping.price;
  const cols = g.headers.map((h, i) => (i === price || SALE_DATE.test(normalizeHeader(h)) ? i : -1)).filter((i) => i >= 0 && !mapped.has(i));
  if (!cols.length) return [];
  const out: LeftOut[] = [];
  g.rows.forEach((row, i) => {
    const at = cols.find((c) => cellText(row[c]).trim() !== "");
    if (at === undefined || row.some((v) => typeof v === "string" && isTotalLabel(v))) return;
    const sale = cols
      .map((c) => cellText(row[c]).trim())
      .filter((t) => t !== "")
      .join("; ");
    const inv = investments.get(g.firstRow + i);
    const desc = mapping.description === undefined ? "" : cellText(row[mapping.description]).trim();
    const priceText = price === undefined ? "" : cellText(row[price]).trim();
    out.push({
      ...rowAt(g, "disposals", i, at, sale),
      // a sale read that misses facts (which investment it sold, or that year's figures): step 4's "Vul aan" takes it
      // over as read; the asset on the row, counted this year, is the investment it sold
      code: "INCOMPLETE",
      ...((inv?.description ?? desc) ? { description: inv?.description ?? desc } : {}),
      ...(priceText ? { amount: priceText } : {}),
      read: inv && year !== undefined ? { investmentYear: year, investment: inv.id } : {},
      reason:
        `verkoop in de staat (${cols.map((c) => g.headers[c]).join(", ")}: ${sale}) niet meegeteld: een verkoop binnen vijf jaar na de investering ` +
        `kan een desinvesteringsbijtelling geven (art. 3.47 Wet IB 2001) en die wordt alleen uit een lijst van desinvesteringen gelezen; ` +
        `zet de verkoop op een blad "Desinvesteringen" (Omschrijving, Verkoopprijs, en "Investering dit jaar" met het nummer van de rij of het investeringsjaar met het investeringsbedrag)` +
        (investments.has(g.firstRow + i) ? `. De investering op deze rij telt wel mee` : ""),
    });
  });
  return out;
}

/** A table or a sheet readWorkbook can read as the ledger (a choice for `ReadOptions.ledger`). */
export interface ReadablePart {
  /** the table's name, or the sheet's for a sheet without tables */
  name: string;
  sheet: string;
  table: boolean;
  /** what readWorkbook takes for the ledger when nothing is chosen */
  ledger: boolean;
}

/**
 * What an app offers to read as the ledger, in workbook order: the tables and the sheets with a header row that
 * readWorkbook chooses among, and the other sheets with values (chosen by name, their first filled row the header).
 */
export async function readableParts(book: Book): Promise<ReadablePart[]> {
  const r = new Reading(book, await book.outline());
  const all = await r.candidates();
  const ledger = findTable(all, "ledger");
  const out: ReadablePart[] = [];
  for (const sheet of r.outline.sheets) {
    const here = all.filter((c) => c.sheet === sheet);
    // a sheet once, though a partners list beside its ledger is a candidate of its own (rules.ts withPartnersBeside)
    const once = here.filter((c, i) => here.findIndex((x) => x.name === c.name) === i);
    out.push(...once.map((c) => ({ name: c.name, sheet, table: "table" in c, ledger: c === ledger })));
    // a sheet with values but no header row the rules know: it can be chosen, its columns mapped by hand
    if (!here.length && (await r.chosenSheet(sheet))) out.push({ name: sheet, sheet, table: false, ledger: false });
  }
  return out;
}

/** Reads a workbook through its Book: the scenario's parts, where they are, what was left out and why. */
export async function readWorkbook(book: Book, options: ReadOptions = {}): Promise<WorkbookRead> {
  const outline = await book.outline();
  const r = new Reading(book, outline);
  const all = await r.candidates();

  // 1. The ledger.
  const choice = options.ledger;
  const ledgerCandidate = choice
    ? (all.find((c) => "table" in c && c.name === choice.table) ?? all.find((c) => c.name === choice.table) ?? (await r.chosenSheet(choice.table)))
    : findTable(all, "ledger");
  if (!ledgerCandidate) {
    if (choice) throw new WorkbookReadError(`tabel of blad "${choice.table}" staat niet in de werkmap`, "NO_TABLE");
    throw new WorkbookReadError("geen investeringsstaat gevonden", "NO_LEDGER");
  }
  // the ledger runs to a second header row that is not its own (a list of disposals, or another list, below it)
  const split = await r.sections(ledgerCandidate, await r.grid(ledgerCandidate, "ledger", options.onProgress));
  const ledger: Grid = split.ledger;
  const mapping = ledgerMapping(ledger.headers, ledger.rows, ledger.firstColumn).mapping;
  const firstRead = readLedger(ledger.rows, mapping, ledgerPlace(ledger, options.answers));
  const notes: ReadNote[] = await notesFor(r, "ledger", all, ledgerCandidate, []);

  // 2. The year; a row dated in another year is a question (art. 3.43: the year the obligation is entered into).
  const year = await findYear(r, options.year, firstRead, ledger);

  // 3. The partners (never the ledger), with the key and the joint request.
  const rest = all.filter((c) => c !== ledgerCandidate);
  const partnersCandidate = findTable(rest, "partners");
  // a partners list below the ledger, on its sheet (ledgerSections), when the workbook has no other
  const belowPartners = partnersCandidate ? undefined : split.below.find((b) => b.section.kind === "partners");
  const below = belowPartners ? partnersBelow(belowPartners.grid) : undefined;
  const partners = partnersCandidate ? await r.grid(partnersCandidate, "partners") : below?.partners;
  const key = below?.key ?? (partners ? await r.beside(KEY_LABELS, partners.sheet) : undefined);
  const request = below?.request ?? (partners ? await r.beside(REQUEST_LABELS, partners.sheet) : undefined);
  notes.push(...(await notesFor(r, "partners", rest, partnersCandidate, [])));

  // 4. The disposals (never the ledger or the partners).
  const others = rest.filter((c) => c !== partnersCandidate);
  // a list of disposals below the ledger, on its sheet (ledgerSections), when the workbook has no other
  const disposalsCandidate = findTable(others, "disposals");
  const belowDisposals = disposalsCandidate ? undefined : split.below.find((b) => b.section.kind === "disposals");
  const disposals = disposalsCandidate ? await r.grid(disposalsCandidate, "disposals") : belowDisposals?.grid;
  notes.push(...(await notesFor(r, "disposals", others, disposalsCandidate, [])));
  // every other list below the ledger: its rows left out, said where and why
  const notRead: LeftOut[] = [];
  for (const b of split.below) {
    if (b === belowDisposals) continue;
    if (b === belowPartners) {
      // the rows below the partners list that are no partners and no key or joint request ("Verdeelsleutel")
      const why =
        `regel onder de vennoten (${sectionText(b)}) niet gelezen: de lijst van vennoten eindigt bij de eerste lege regel of bij "Verdeelsleutel", ` +
        `"Gezamenlijk verzoek" of "Totaal"; is het een vennoot, zet hem dan in de lijst zonder lege regel ertussen; is het een investering, zet hem dan in de staat boven rij ${ledger.firstRow + (b.section.title ?? b.section.header)}`;
      for (const x of sectionLeftOut(below!.after, "partners", why)) notRead.push(x);
      continue;
    }
    const why =
      b.section.kind === "disposals"
        ? `desinvestering onder de staat (${sectionText(b)}) niet gelezen: ${disposals?.source ?? "een andere lijst"} is gelezen als desinvesteringen (er wordt één gelezen)`
        : b.section.kind === "partners"
          ? `vennoot onder de staat (${sectionText(b)}) niet gelezen: ${partners?.source ?? "een andere lijst"} is gelezen als vennoten (er wordt één gelezen); ` +
            `hoort deze lijst erbij, zet de vennoten dan in die lijst`
          : `regel onder een tweede kopregel (${sectionText(b)}): hoort niet bij de staat van investeringen en is niet meegeteld; ` +
            `is het een investering, zet hem dan in de staat boven rij ${ledger.firstRow + (b.section.title ?? b.section.header)}`;
    for (const x of sectionLeftOut(b.grid, b.section.kind === "other" ? "investments" : b.section.kind, why)) notRead.push(x);
  }
  // a sale in the ledger's own columns ("Datum verkoop", "Verkoopprijs"), with no list of disposals read: not counted
  if (!disposals) notRead.push(...salesInLedger(ledger, mapping, firstRead, "year" in year ? year.year : undefined));
  if (notRead.length) ledger.notRead = notRead;

  // 5. The scenario, what was not read, and the rows the core refuses.
  const found: WorkbookFound = {
    ledger: { ...ledger, ...("table" in ledgerCandidate ? { table: ledgerCandidate.name } : {}) },
    ...(partners ? { partners } : {}),
    ...(key ? { key } : {}),
    ...(request ? { request } : {}),
    ...(disposals ? { disposals } : {}),
  };
  const read = readFound(
    found,
    { year: year.from === "none" ? undefined : year.year, mapping, answers: options.answers, validate: options.validate, fromRegister: options.fromRegister },
    firstRead,
  );
  return {
    ...read,
    year,
    ledger: { ...found.ledger, mapping },
    ...(partners ? { partners } : {}),
    ...(key ? { key } : {}),
    ...(request ? { request } : {}),
    ...(disposals ? { disposals } : {}),
    found: { ...read.found, year: yearText(year) },
    notes,
  };
}

/** Where the year was found, for messages. */
function yearText(y: YearFound): string {
  switch (y.from) {
    case "given":
      return "--year";
    case "name":
      return `${YEAR_NAME} (${y.at})`;
    case "label":
      return y.at;
    case "dates":
      return "de investeringsdatums";
    case "title":
      return `de titel (${y.at})`;
    case "none":
      return "";
  }
}

/** The year (readWorkbook step 2). */
async function findYear(r: Reading, given: number | undefined, ledger: LedgerRead, grid: Grid): Promise<YearFound> {
  if (given !== undefined) return { from: "given", year: given };
  const target = nameTarget(r.outline.names.get(YEAR_NAME));
  const a = target && parseAddress(target.address);
  if (target && a && r.outline.sheets.includes(target.sheet)) {
    const v = (await r.book.rows(target.sheet, a.row, a.row, a.col, a.col))[0]?.[0] ?? null;
    const year = yearOfCell(v);
    const at = `${target.sheet}!${target.address}`;
    if (year !== undefined) return { from: "name", year, at };
    return { from: "none", years: [], reason: `het jaar in ${at} (${YEAR_NAME}) is geen jaartal: ${JSON.stringify(cellText(v))}` };
  }
  const label = await r.beside(YEAR_LABELS, SUMMARY_SHEET, (v) => yearOfCell(v) !== undefined);
  if (label) return { from: "label", year: yearOfCell(label.value)!, at: `${label.sheet}!${columnLetter(label.column)}${label.row}` };
  // a title above the ledger: "Activastaat 2025", "Investeringen boekjaar 2024"
  if (grid.firstRow > 2) {
    const { top } = await r.top(grid.sheet);
    for (let i = 0; i < Math.min(top.length, grid.firstRow - 2); i++)
      for (let c = 0; c < top[i].length; c++) {
        const y = yearOfTitle(top[i][c]);
        if (y !== undefined) return { from: "title", year: y, at: `${grid.sheet}!${columnLetter(c)}${i + 1}` };
      }
  }
  const d = yearOfDates(ledger.investments);
  return d.year !== undefined ? { from: "dates", ...d } : { from: "none", years: d.years };
}

/** Words of a title that gives the ledger's year. */
const TITLE_WORDS = /\b(activastaat|activa|investeringen|investeringsstaat|staat|boekjaar|jaar|kia|afschrijvingsstaat|vaste)\b/i;

/** The year in a title cell ("Activastaat 2025", "Staat van investeringen boekjaar 2024"): one year, and a title word. */
export function yearOfTitle(c: Cell | undefined): number | undefined {
  if (typeof c !== "string" || !TITLE_WORDS.test(c)) return undefined;
  const years = [...c.matchAll(/(?<![\d-])((?:19|20|21)\d{2})(?![\d-])/g)].map((m) => Number(m[1]));
  return years.length === 1 ? years[0] : undefined;
}

export { DISPOSAL_TABLES, PARTNER_TABLES };
