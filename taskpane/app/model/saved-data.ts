/**
 * "Gegevens bewaren (.json)" and "Gegevens laden (.json)": the user's work on a ledger (answers to its open
 * questions, manual reviews, the calamity, partners and disposals, the column mapping) in a file, and back onto the
 * same ledger later, in Excel or in the standalone page (which forgets everything when its tab closes).
 *
 * Answers and overrides belong to a row: the file keeps, with each, the row it was given for (cell, description,
 * amount, and the chosen answer's label). On loading each is matched to the ledger on screen by its row key (the
 * sheet row of an answer, the number of an asset) and taken only when that row still says the same; every one that
 * does not match is listed with what the row said then and says now. Nothing is dropped without saying so, and the
 * ledger itself is never written.
 *
 * The file also holds the scenario the figures were computed from: `kia-calc gegevens.json` computes it again (a file
 * with a "scenario" and no "year" is run as its scenario), and kia-calc --antwoorden takes its answers for a
 * workbook. Pure: no DOM, no Office; tested in jest.
 */
import { readFound } from "../../../src/workbook/found";
import { LEDGER_FIELDS, type ColumnMapping, type LedgerField } from "../../../src/workbook/ledger";
import { questionKey, SAVED_DATA_KIND, type OpenQuestion } from "../../../src/workbook/questions";
import type { ScenarioInvestment } from "../../../src/scenario";
import type { Grid } from "../../workbook/types";
import { applySavedMapping } from "./load";
import { restoreChoices, type Choices } from "./state";

/** The file's mark: kia-calc and the pane recognise the file by it. */
export const DATA_KIND = SAVED_DATA_KIND;

/** What a row said when an answer or override was given for it. */
export interface RowText {
  /** "Activastaat!C27", or the asset's number for an override */
  cell: string;
  description?: string;
  /** plain decimal, as read */
  amount?: string;
  /** an answer's choice as the question offered it ("Vermindering van rij 4 Oven (€ 14.500)") */
  choice?: string;
}

export interface SavedData {
  kind: typeof DATA_KIND;
  version: 1;
  /** the ledger the data belongs to: its file name (standalone page) and what was read */
  ledger: { fileName?: string; source: string; sheet: string };
  /** per field the header of its column, null for a field not mapped */
  columns: Partial<Record<LedgerField, string | null>>;
  choices: Choices;
  /** the rows the answers (by question key), overrides and calamity entries (by "asset:<number>") were given for */
  rows: Record<string, RowText>;
  /** the scenario the figures on screen were computed from (for kia-calc and for a question to the maintainers) */
  scenario?: unknown;
}

/** An answer, override or calamity entry of the file not taken, and why: the row changed (`now`) or is gone. */
export type NotRestored =
  { what: "answer"; key: string; was: RowText; now?: RowText } | { what: "override" | "calamity"; id: string; was?: RowText; now?: RowText };

export interface Restored {
  choices: Choices;
  mapping: ColumnMapping;
  answers: number;
  overrides: number;
  notRestored: NotRestored[];
  /** the file was saved for a ledger of another name (it is applied all the same, row by row) */
  otherLedger?: string;
}

interface LedgerOnScreen {
  grid: Grid;
  mapping: ColumnMapping;
  fileName?: string;
}

const assetKey = (id: string) => `asset:${id}`;

/** The ledger read for `year` with `answers` (the reader's readFound, as step 1 reads it): its questions (open or answered) by key, its assets by number. */
function rowsOf(grid: Grid, mapping: ColumnMapping, year: number, answers: Choices["answers"]) {
  const read = readFound({ ledger: grid }, { year, mapping, ...(answers ? { answers } : {}), validate: false });
  const questions = new Map<string, OpenQuestion>([...read.open, ...read.answered.map((a) => a.question)].map((q) => [questionKey(q), q]));
  const assets = new Map<string, ScenarioInvestment>((read.scenario.investments as ScenarioInvestment[]).map((i) => [String(i.id), i]));
  return { questions, assets };
}

function questionRow(q: OpenQuestion, choice?: string): RowText {
  const label = choice === undefined ? undefined : q.choices.find((c) => c.value === choice)?.label;
  return {
    cell: q.cell,
    ...(q.description === undefined ? {} : { description: q.description }),
    ...(q.amount === undefined ? {} : { amount: q.amount }),
    ...(label === undefined ? {} : { choice: label }),
  };
}

function assetRow(a: ScenarioInvestment): RowText {
  return {
    cell: String(a.id),
    ...(typeof a.description === "string" ? { description: a.description } : {}),
    ...(typeof a.amount === "string" ? { amount: a.amount } : {}),
  };
}

const same = (a: RowText, b: RowText) => a.cell === b.cell && a.description === b.description && a.amount === b.amount && a.choice === b.choice;

/**
 * The file "Gegevens bewaren (.json)" writes: the choices, the column headers, the rows they were given for, and the
 * scenario computed from them.
 */
export function dataToSave(choices: Choices, onScreen: LedgerOnScreen & { source: string }, scenario?: unknown): SavedData {
  const { grid, mapping } = onScreen;
  const { questions, assets } = rowsOf(grid, mapping, choices.year, choices.answers);
  const rows: Record<string, RowText> = {};
  for (const [key, a] of Object.entries(choices.answers ?? {})) {
    const q = questions.get(key);
    if (q) rows[key] = questionRow(q, a.choice);
  }
  for (const id of [...Object.keys(choices.overrides), ...Object.keys(choices.calamity)]) {
    const a = assets.get(id);
    if (a) rows[assetKey(id)] = assetRow(a);
  }
  const columns: Partial<Record<LedgerField, string | null>> = {};
  for (const f of LEDGER_FIELDS) {
    const c = mapping[f];
    columns[f] = c === undefined ? null : (grid.headers[c] ?? null);
  }
  return {
    kind: DATA_KIND,
    version: 1,
    ledger: { ...(onScreen.fileName ? { fileName: onScreen.fileName } : {}), source: onScreen.source, sheet: grid.sheet },
    columns,
    choices,
    rows,
    ...(scenario === undefined ? {} : { scenario }),
  };
}

/**
 * The file's data put onto the ledger on screen: the column mapping by header text, the choices (checked field by
 * field, as from the document), and each answer and override only where its row still says what it said when it
 * was saved. Undefined when the text is not such a file.
 */
export function restoreData(raw: unknown, onScreen: LedgerOnScreen, fallbackYear: number): Restored | undefined {
  if (!raw || typeof raw !== "object" || (raw as { kind?: unknown }).kind !== DATA_KIND) return undefined;
  const file = raw as Partial<SavedData>;
  const restored = restoreChoices(file.choices, fallbackYear);
  if (!restored) return undefined;
  const columns = file.columns && typeof file.columns === "object" ? file.columns : undefined;
  const { mapping } = applySavedMapping(onScreen.mapping, columns, onScreen.grid.headers);
  const saved: Record<string, RowText> = file.rows && typeof file.rows === "object" ? file.rows : {};
  const { questions } = rowsOf(onScreen.grid, mapping, restored.year, undefined);
  const notRestored: NotRestored[] = [];

  const answers: NonNullable<Choices["answers"]> = {};
  for (const [key, a] of Object.entries(restored.answers ?? {})) {
    const q = questions.get(key);
    const was = saved[key] ?? { cell: key };
    const now = q ? questionRow(q, a.choice) : undefined;
    if (q && now && now.choice !== undefined && same(was, now)) answers[key] = a;
    else notRestored.push({ what: "answer", key, was, ...(now ? { now } : {}) });
  }
  // the assets with the answers taken (an answered row may be an asset with an override of its own)
  const { assets } = rowsOf(onScreen.grid, mapping, restored.year, answers);
  /** an asset's entry is taken when its row says what it said when saved */
  const byAsset = <T>(what: "override" | "calamity", entries: Record<string, T>): Record<string, T> => {
    const taken: Record<string, T> = {};
    for (const [id, e] of Object.entries(entries)) {
      const a = assets.get(id);
      const was = saved[assetKey(id)];
      const now = a ? assetRow(a) : undefined;
      if (now && was && same(was, now)) taken[id] = e;
      else notRestored.push({ what, id, ...(was ? { was } : {}), ...(now ? { now } : {}) });
    }
    return taken;
  };
  const overrides = byAsset("override", restored.overrides);
  const calamity = byAsset("calamity", restored.calamity);
  const { answers: _all, ...rest } = restored; // eslint-disable-line @typescript-eslint/no-unused-vars
  const choices: Choices = { ...rest, overrides, calamity, ...(Object.keys(answers).length ? { answers } : {}) };
  const savedFor = typeof file.ledger?.fileName === "string" ? file.ledger.fileName : undefined;
  return {
    choices,
    mapping,
    answers: Object.keys(answers).length,
    overrides: Object.keys(overrides).length,
    notRestored,
    ...(savedFor && onScreen.fileName && savedFor !== onScreen.fileName ? { otherLedger: savedFor } : {}),
  };
}
