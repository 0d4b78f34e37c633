/**
 * Reading what readWorkbook (./read.ts) found in a workbook: the ledger, the partners with the key and the joint
 * request, the disposals, each a grid with its place. Step 5 of readWorkbook, and what the pane runs again when the
 * user changes the ledger's columns, the year or an answer (the Book is not read again): the scenario's parts, every
 * cell not read and every row the core refuses as a LeftOut (./left-out.ts). Pure, no Book: the same parts and
 * choices give the same result in every app. The headings vocabulary (src/law/headings.ts) must be loaded before a
 * ledger is read (read.ts imports it; the pane loads it in a chunk of its own).
 */
import { validateRows, type NormalizedScenario, type Scenario, type ScenarioInvestment } from "../scenario";
import { KiaValidationError } from "../errors";
import {
  cellText,
  columnLetter,
  mapDisposalHeaders,
  mapPartnerHeaders,
  ledgerMapping,
  type GroupColumnNote,
  readDisposals,
  readLedger,
  readPartners,
  withOtherYears,
  type Cell,
  type ColumnMapping,
  type LedgerRead,
} from "./ledger";
import { refusedEntry, unreadCell, type LeftOut, type ReadNote, type RowPlaces } from "./left-out";
import type { Answers, OpenQuestion } from "./questions";
import { yesOrNo } from "./rules";
import { examplesCount, examplesText, templateExamples, type ExamplesFound } from "./examples";
import { registerNotRead, SHEET } from "./names";
import { ledgerLines, type LedgerLines } from "./lines";
import { partnerKeyRefusal } from "./partners-key";

/** A block of cells read from the workbook, with where it sits so a LeftOut can name its cell. */
export interface Grid {
  /** what was read: "tabel Investeringen", "blad Staat", "selectie A1:H20" */
  source: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** sheet row (1-based) of the first data row, sheet column (0-based) of the first column */
  firstRow: number;
  firstColumn: number;
  /** the workbook counts dates from 1904: the ledger reads its date column so */
  date1904?: boolean;
  /**
   * the ledger's rows below a second header row that were not read (a list under the ledger that is no ledger:
   * src/workbook/rules.ts ledgerSections), each left out with why; `rows` holds the ledger's own rows only
   */
  notRead?: LeftOut[];
}

/** How the year was found. */
export type YearFound =
  | { from: "given"; year: number }
  /** the workbook name KIA_JAAR; `at`: "Overzicht!B3" */
  | { from: "name"; year: number; at: string }
  /** the number right of a label "Jaar"; `at`: "Overzicht!B3" */
  | { from: "label"; year: number; at: string }
  /** every dated investment falls in `year` */
  | { from: "dates"; year: number; dated: number; investments: number }
  /** a title above the ledger ("Activastaat 2025"); `at`: "Staat!A1" */
  | { from: "title"; year: number; at: string }
  /** no year: the dates fall in `years` (several, or none); `reason` when KIA_JAAR names a cell without a year */
  | { from: "none"; years: number[]; reason?: string };

/** The scenario's parts as read (plain JSON, as a scenario file holds them); `year` absent when none was found. */
export interface ScenarioParts {
  year?: number;
  investments: unknown[];
  partnership?: Record<string, unknown>;
  disposals?: unknown[];
}

/** A value right of a label, and where. */
export interface LabelValue {
  value: Cell;
  sheet: string;
  row: number;
  /** the value's column (0-based) */
  column: number;
}

export interface WorkbookParts {
  year?: number;
  ledger: Grid;
  partners?: Grid;
  /** the cells right of "Verdeelsleutel" and "Gezamenlijk verzoek" */
  key?: Cell;
  request?: Cell;
  disposals?: Grid;
  date1904?: boolean;
}

export interface WorkbookRead {
  /** the rows read, without those left out (when validated) */
  scenario: ScenarioParts;
  year: YearFound;
  /** the ledger as found, with the columns its headers name; the partners and disposals grids; the key and request cells */
  ledger: Grid & { mapping: ColumnMapping; table?: string };
  partners?: Grid;
  key?: LabelValue;
  request?: LabelValue;
  disposals?: Grid;
  /** where each part was found, for messages: "tabel Investeringen", "blad Staat", "KIA_JAAR (Overzicht!B3)" */
  found: { ledger: string; partners?: string; disposals?: string; year: string };
  /** where the scenario's investments and disposals are (as read, before rows were left out) */
  places: { ledger: RowPlaces; disposals?: RowPlaces; partners?: RowPlaces };
  /** the ledger's lines read and its rows passed over (totals, empty rows, repeated headers): ./lines.ts */
  lines: LedgerLines;
  /** every cell not read, then every row the core refuses */
  leftOut: LeftOut[];
  notes: ReadNote[];
  /** rows the reader does not decide alone (./questions.ts): not counted until answered */
  open: OpenQuestion[];
  /** the answers applied, with the user's words (for the report) */
  answered: { question: OpenQuestion; choice: string; note?: string }[];
  /** ledger rows dated in another year, not counted this year: where they are and what they say (src/register/years.ts) */
  otherYears: { sheet: string; row: number; investment: ScenarioInvestment }[];
  /** checks that do not leave a row out: a total that does not add up, a credit that reduced a group, partners' shares */
  warnings: { sheet: string; row?: number; message: string }[];
  /** the firm template's example rows still in the workbook (./examples.ts): counted, but a client file is wrong with them */
  examples: ExamplesFound;
  /** the figure is not final: a row is left out, a question is open, or the template's example rows are still there */
  provisional: boolean;
  /** the scenario validated (evaluateNormalized takes it as it is); absent when not validated or refused as a whole */
  normalized?: NormalizedScenario;
  /** the core refused the scenario as a whole (the year, the partnership): evaluate() says why */
  refused?: KiaValidationError;
}

/** The place readLedger reads a ledger grid at: its first cell, its sheet, the date system, the answers. */
export function ledgerPlace(g: Grid, answers: Answers | undefined) {
  return {
    firstRow: g.firstRow,
    firstColumn: g.firstColumn,
    sheet: g.sheet,
    headers: g.headers,
    ...(g.date1904 ? { date1904: true } : {}),
    ...(answers ? { answers } : {}),
  };
}

/**
 * What readWorkbook found, where (steps 1-4): the ledger, the partners with the key and the joint request cells, the
 * disposals. The pane keeps it and reads it again (readFound) when the user changes the columns, the year or an
 * answer; the Book is not read again.
 */
export interface WorkbookFound {
  ledger: Grid & { table?: string };
  partners?: Grid;
  key?: LabelValue;
  request?: LabelValue;
  disposals?: Grid;
}

/** How to read what was found: the year (none: the rows are not validated), the ledger's columns, the answers. */
export interface ReadChoices {
  year?: number;
  /** which column holds which field; default the one the headers name (mapHeaders) */
  mapping?: ColumnMapping;
  answers?: Answers;
  /** leave out the rows the core refuses (validateRows); default true (when there is a year) */
  validate?: boolean;
  /**
   * fills a disposal that refers to an earlier year's register (column "Uit register", src/register/years.ts
   * registerDisposal): its fields, or a Dutch message why it cannot. Without it such a disposal is left out, said.
   */
  fromRegister?: FromRegister;
}

/** A disposal's register reference ("2023:M3") and its own fields -> the disposal filled, or why not (Dutch). */
export type FromRegister = (
  ref: string,
  disposal: { id: string; description?: string; price: unknown },
  context: { year?: number; partners: string[] },
) => Record<string, unknown> | string;

/** What found parts give (readWorkbook's step 5). */
export type FoundRead = Pick<
  WorkbookRead,
  "scenario" | "places" | "lines" | "leftOut" | "open" | "answered" | "otherYears" | "warnings" | "examples" | "provisional" | "normalized" | "refused"
> & {
  found: { ledger: string; partners?: string; disposals?: string };
  /** the sheet row of each of the scenario's investments (the rows left out taken out) */
  rows: number[];
};

/**
 * Step 5 of readWorkbook on parts found already: the ledger read with `mapping` (rows dated in another year than
 * `year` are questions), the partners, the key and request, the disposals; every cell not read and every row the core
 * refuses a LeftOut. Pure: the same parts and choices give the same result in every app.
 */
export function readFound(found: WorkbookFound, choices: ReadChoices = {}, firstRead?: LedgerRead): FoundRead {
  const { ledger } = found;
  const auto = ledgerMapping(ledger.headers, ledger.rows, ledger.firstColumn);
  const mapping = choices.mapping ?? auto.mapping;
  const place = ledgerPlace(ledger, choices.answers);
  const first = (firstRead as Required<LedgerRead> | undefined) ?? readLedger(ledger.rows, mapping, place);
  const read = choices.year === undefined ? first : withOtherYears(first, choices.year, mapping, place);
  const parts = assemble(
    { year: choices.year, ledger, partners: found.partners, key: found.key?.value, request: found.request?.value, disposals: found.disposals },
    read,
    mapping,
    choices.fromRegister,
  );
  const out: FoundRead = {
    scenario: parts.scenario,
    found: parts.found,
    places: parts.places,
    lines: ledgerLines(ledger.rows.length, first),
    rows: read.rows,
    leftOut: parts.leftOut,
    open: read.open ?? [],
    answered: read.answered ?? [],
    otherYears: (read.otherYears ?? []).map((x) => ({ sheet: ledger.sheet, ...x })),
    warnings: [
      ...(read.warnings ?? []).map((w) => ({ sheet: ledger.sheet, ...w })),
      ...parts.warnings,
      ...groupColumnWarning(auto.groupColumn, mapping, ledger.sheet),
    ],
    examples: { investments: [], partners: [], disposals: [] },
    provisional: false,
  };
  // the template's example rows, as read (before rows are left out): warned about, and the figure is not final
  const sc = parts.scenario as {
    investments?: Record<string, unknown>[];
    partnership?: { partners?: Record<string, unknown>[] };
    disposals?: Record<string, unknown>[];
  };
  out.examples = templateExamples({ investments: sc.investments, partners: sc.partnership?.partners, disposals: sc.disposals });
  if (examplesCount(out.examples))
    out.warnings.push({
      sheet: ledger.sheet,
      message: examplesText(out.examples, {
        ledger: ledger.sheet,
        partners: found.partners?.sheet ?? SHEET.partners,
        disposals: found.disposals?.sheet ?? SHEET.disposals,
      }),
    });
  if (choices.validate !== false && choices.year !== undefined) Object.assign(out, leaveOutRefused(out, groupsLeftOut(ledger, mapping, out.leftOut)));
  // a partner without the key's figure: said at the partners sheet's cell, with the partner's name
  if (out.refused)
    out.refused = partnerKeyRefusal(
      out.refused,
      out.places.partners,
      (parts.scenario.partnership as { partners?: Record<string, unknown>[] } | undefined)?.partners,
      found.key,
    );
  out.provisional = out.open.length > 0 || out.leftOut.length > 0 || examplesCount(out.examples) > 0;
  return out;
}

/**
 * The groups of the ledger's rows the reader could not read (a group is one asset, besluit onderdeel 2.2: the rest of
 * it is left out too), each with how its row is named.
 */
function groupsLeftOut(ledger: Grid, mapping: ColumnMapping, leftOut: readonly LeftOut[]): { group: string; row: string }[] {
  const col = mapping.group;
  if (col === undefined) return [];
  const out: { group: string; row: string }[] = [];
  const seen = new Set<number>();
  for (const x of leftOut) {
    if (x.list !== "investments" || x.code !== "UNREADABLE" || seen.has(x.row)) continue;
    seen.add(x.row);
    const cell = ledger.rows[x.row - ledger.firstRow]?.[col];
    const group = cell === null || cell === undefined || typeof cell === "object" ? "" : cellText(cell).trim();
    if (group) out.push({ group, row: x.id ? `investering ${x.id}` : `rij ${x.row}` });
  }
  return out;
}

/** The warning of a group column that names categories (ledgerMapping), while the mapping in use follows it. */
function groupColumnWarning(note: GroupColumnNote | undefined, mapping: ColumnMapping, sheet: string): { sheet: string; message: string }[] {
  if (!note || mapping.group !== undefined || (note.asCategory && mapping.category !== note.column)) return [];
  return [{ sheet, message: note.message.charAt(0).toUpperCase() + note.message.slice(1) }];
}

/**
 * The scenario of a workbook's parts, read with the core's readers; every cell not read a LeftOut. `ledgerRead`: the
 * ledger read already (readWorkbook read it for the year).
 */
export function assemble(
  parts: WorkbookParts,
  ledgerRead?: LedgerRead,
  ledgerColumns?: ColumnMapping,
  fromRegister?: FromRegister,
): {
  scenario: ScenarioParts;
  leftOut: LeftOut[];
  found: { ledger: string; partners?: string; disposals?: string };
  places: WorkbookRead["places"];
  warnings: WorkbookRead["warnings"];
} {
  const { ledger } = parts;
  const date1904 = parts.date1904 || ledger.date1904 ? { date1904: true } : {};
  const mapping = ledgerColumns ?? ledgerMapping(ledger.headers, ledger.rows, ledger.firstColumn).mapping;
  const read =
    ledgerRead ?? readLedger(ledger.rows, mapping, { firstRow: ledger.firstRow, firstColumn: ledger.firstColumn, headers: ledger.headers, ...date1904 });
  const idOf = (g: Grid, column: number | undefined, row: number) =>
    column === undefined ? undefined : cellText(g.rows[row - g.firstRow]?.[column]).trim() || undefined;
  /** a row left out with its description and amount as the cells hold them (a report names the row by them) */
  const withFacts = (x: LeftOut, g: Grid, description: number | undefined, amount: number | undefined): LeftOut => {
    const d = idOf(g, description, x.row);
    const a = idOf(g, amount, x.row);
    return { ...x, ...(d ? { description: d } : {}), ...(a ? { amount: a } : {}) };
  };
  const leftOut: LeftOut[] = read.problems.map((p) =>
    withFacts(unreadCell("investments", ledger.sheet, p, idOf(ledger, mapping.id, p.row)), ledger, mapping.description, mapping.amount),
  );
  // the rows of a list below the ledger that is not read (a second header row: ./rules.ts ledgerSections)
  for (const x of ledger.notRead ?? []) leftOut.push(x);
  const scenario: ScenarioParts = { ...(parts.year === undefined ? {} : { year: parts.year }), investments: read.investments };
  const found: { ledger: string; partners?: string; disposals?: string } = { ledger: ledger.source };
  const places: WorkbookRead["places"] = { ledger: { sheet: ledger.sheet, rows: read.rows, mapping, firstColumn: ledger.firstColumn } };

  const warnings: WorkbookRead["warnings"] = [];
  const g = parts.partners;
  if (g) {
    const p = readPartners(g.headers, g.rows, { firstRow: g.firstRow, firstColumn: g.firstColumn });
    // one by one, not spread into push(): a sheet of many bad rows would overflow the stack
    for (const x of p.problems) leftOut.push(unreadCell("partners", g.sheet, x));
    warnings.push(...(p.warnings ?? []).map((w) => ({ sheet: g.sheet, ...w })));
    if (p.items.length) {
      const partnership: Record<string, unknown> = { partners: p.items };
      // where each partner is: a refusal of the partnership names the partner's cell (./partners-key.ts)
      places.partners = { sheet: g.sheet, rows: p.rows, mapping: mapPartnerHeaders(g.headers).mapping, firstColumn: g.firstColumn };
      const key = cellText(parts.key).trim();
      if (key !== "") partnership.key = key;
      const request = yesOrNo(parts.request);
      if (request !== undefined) partnership.jointRequest = request;
      scenario.partnership = partnership;
      found.partners = g.source;
    }
  }

  const d = parts.disposals;
  if (d) {
    const dm = mapDisposalHeaders(d.headers).mapping;
    const x = readDisposals(d.headers, d.rows, {
      firstRow: d.firstRow,
      firstColumn: d.firstColumn,
      ...(parts.year !== undefined ? { year: parts.year } : {}),
    });
    // a disposal that refers to an earlier year's register: filled from it, or left out at its cell with why
    if (dm.register !== undefined)
      for (let i = x.items.length - 1; i >= 0; i--) {
        const item = x.items[i];
        if (typeof item.register !== "string") continue;
        const { register: ref, ...own } = item;
        const partnerNames = ((scenario.partnership?.partners ?? []) as { name?: unknown }[]).map((p) => String(p.name ?? "").trim());
        const filled = fromRegister
          ? fromRegister(ref, own as { id: string; description?: string; price: unknown }, {
              ...(parts.year !== undefined ? { year: parts.year } : {}),
              partners: partnerNames,
            })
          : registerNotRead(ref);
        if (typeof filled !== "string") {
          x.items[i] = filled;
          continue;
        }
        const col = dm.register;
        x.problems.push({
          row: x.rows[i],
          column: col,
          columnLetter: columnLetter(d.firstColumn + col),
          field: "register" as never,
          value: JSON.stringify(ref),
          text: ref,
          message: filled,
        });
        x.items.splice(i, 1);
        x.rows.splice(i, 1);
      }
    for (const p of x.problems) leftOut.push(withFacts(unreadCell("disposals", d.sheet, p, idOf(d, dm.id, p.row)), d, dm.description, dm.price));
    if (x.items.length) {
      scenario.disposals = x.items;
      found.disposals = d.source;
      places.disposals = { sheet: d.sheet, rows: x.rows, mapping: dm, firstColumn: d.firstColumn };
    }
  }
  return { scenario, leftOut, found, places, warnings };
}

/**
 * The rows the core refuses (validateRows, one pass), left out and added to `leftOut` at their cells; the scenario
 * keeps the rest and comes back validated. A scenario refused as a whole (the year, the partnership) is kept as it
 * is with `refused`: evaluate() says why, as the app reports invalid input.
 */
export function leaveOutRefused(
  read: Pick<WorkbookRead, "scenario" | "places" | "leftOut"> & { rows?: number[] },
  leftOutGroups?: readonly { group: string; row: string }[],
): Pick<WorkbookRead, "scenario" | "places" | "leftOut" | "normalized" | "refused"> & { rows?: number[] } {
  try {
    const checked = validateRows(read.scenario, leftOutGroups?.length ? { leftOutGroups } : {});
    const refused = checked.errors
      .map((e) =>
        refusedEntry(
          e,
          read.places,
          (e.list === "disposals" ? read.scenario.disposals : read.scenario.investments)?.[e.index] as Record<string, unknown> | undefined,
        ),
      )
      .filter((x): x is LeftOut => x !== undefined);
    const dropped = { investments: new Set<number>(), disposals: new Set<number>() };
    for (const e of checked.errors) if (e.list === "investments" || e.list === "disposals") dropped[e.list].add(e.index);
    const kept = (rows: number[], gone: ReadonlySet<number>) => (gone.size ? rows.filter((_, i) => !gone.has(i)) : rows);
    // each list's places stay parallel to the scenario's list, as RowPlaces says: the rows left out taken out
    const places: WorkbookRead["places"] = { ledger: { ...read.places.ledger, rows: kept(read.places.ledger.rows, dropped.investments) } };
    if (read.places.partners) places.partners = read.places.partners;
    if (read.places.disposals) places.disposals = { ...read.places.disposals, rows: kept(read.places.disposals.rows, dropped.disposals) };
    return {
      scenario: checked.scenario as ScenarioParts & Scenario,
      places,
      normalized: checked.normalized,
      leftOut: [...read.leftOut, ...refused],
      ...(read.rows ? { rows: kept(read.rows, dropped.investments) } : {}),
    };
  } catch (e) {
    if (e instanceof KiaValidationError) return { scenario: read.scenario, places: read.places, leftOut: read.leftOut, refused: e };
    throw e;
  }
}
