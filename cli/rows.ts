/**
 * The rows of a workbook that the calculation refuses, left out and listed as the taskpane does: the core's
 * validateRows() in one pass (a paid amount above the investment amount, an exemption without a related party, rows
 * of a group that disagree, a replacement or a disposal that names a row left out…). `kia-calc werkblad.xlsx` lists
 * them on standard error after the cells it could not read and computes the other rows (exit code 0, as for those
 * cells); `--batch` counts them under Problemen. What concerns the whole workbook (the year, the partners) is not a
 * row: evaluate() refuses it as before (exit code 2, or the client's Fout).
 *
 * The output says it too, so a report written to a file names what it leaves out: `--explain` has a section
 * "Niet meegeteld" with the same lines as standard error (leftOutSection), and the JSON report a field `leftOut`
 * with one entry per cell or row left out ({ cell, id?, column?, value?, reason }: unreadLeftOut for the cells not
 * read, leaveOutRefusedRows for the rows refused).
 */
import type * as Core from "../src";
import { columnLetter, DISPOSAL_HEADERS, FIELD_NAMES_NL, type LedgerField } from "../src/workbook/ledger";
import { ledgerFieldOf } from "../taskpane/app/scenario";
import type { WorkbookProblem, WorkbookRead } from "./workbook";

export interface RowsLeftOut {
  /** the scenario read without the rows the core refuses */
  scenario: WorkbookRead["scenario"];
  /** one per row left out: where it is and why, in the taskpane's words */
  problems: WorkbookProblem[];
  /** the same rows, each as its entry of the JSON report's `leftOut` */
  leftOut: LeftOut[];
  /** that scenario validated (evaluateNormalized takes it without validating again); absent when it is refused */
  normalized?: Core.NormalizedScenario;
}

/** A cell or row of the workbook left out of the calculation, as the JSON report lists it (`leftOut`). */
export interface LeftOut {
  /** the cell: "Investeringen!E3" */
  cell: string;
  /** the row's number (a row refused by the calculation; a row without a number has none) */
  id?: string;
  /** the column the reason is about: "betaald" (a row refused by the calculation) */
  column?: string;
  /** the cell's text, where it could not be read: "2,500" */
  value?: string;
  /** why, in the taskpane's Dutch */
  reason: string;
}

export function leaveOutRefusedRows(read: Pick<WorkbookRead, "scenario" | "places">, core: typeof Core): RowsLeftOut {
  let checked: Core.RowsValidated;
  try {
    checked = core.validateRows(read.scenario);
  } catch (e) {
    // not about a row: evaluate() gives the same error, where the caller reports invalid input
    if (e instanceof core.KiaValidationError) return { scenario: read.scenario, problems: [], leftOut: [] };
    throw e;
  }
  const places = checked.errors.map((e) => placeOf(e, read.places));
  return {
    scenario: checked.scenario as WorkbookRead["scenario"],
    normalized: checked.normalized,
    problems: checked.errors.map((e, i) => ({ cell: places[i].text, message: e.reason })),
    leftOut: checked.errors.map((e, i) => {
      const { cell, id, column } = places[i];
      return { cell, ...(id === undefined ? {} : { id }), column, reason: e.reason };
    }),
  };
}

/**
 * The cells the workbook reader could not read (WorkbookRead.problems: "Staat 2025!D19 (\"2,500\")"), as entries of
 * `leftOut`: the cell, and the text it holds apart.
 */
export function unreadLeftOut(problems: readonly WorkbookProblem[]): LeftOut[] {
  return problems.map((p) => {
    const m = /^(.*?![A-Z]{1,3}\d+)(?: \((.*)\))?$/s.exec(p.cell);
    if (!m) return { cell: p.cell, reason: p.message };
    if (m[2] === undefined) return { cell: m[1], reason: p.message };
    let value = m[2];
    try {
      const v: unknown = JSON.parse(value);
      if (typeof v === "string") value = v;
    } catch {
      // shortened ("…"): as shown
    }
    return { cell: m[1], value, reason: p.message };
  });
}

/**
 * The section "Niet meegeteld" of `kia-calc --explain`: every line that standard error lists (the cells not read,
 * then the rows the calculation refuses), all of them, under a heading that counts the rows (several cells of one
 * row are one row). Empty when nothing was left out.
 */
export function leftOutSection(lines: readonly { cell: string; message: string }[]): string {
  if (!lines.length) return "";
  const rows = new Set(lines.map((l) => rowKey(l.cell))).size;
  const heading = `Niet meegeteld: ${rows === 1 ? "1 regel" : `${rows} regels`} van de werkmap; de berekening is zonder ${rows === 1 ? "deze regel" : "deze regels"} gemaakt:`;
  return `${heading}\n${lines.map((l) => `- ${l.cell}: ${l.message}\n`).join("")}`;
}

/** "Investeringen!E3 (nummer INV-2, kolom betaald)" -> "Investeringen!3": the row of a cell. */
function rowKey(cell: string): string {
  const m = /^(.*?)![A-Z]{1,3}(\d+)(?: \(.*\))?$/s.exec(cell);
  return m ? `${m[1]}!${m[2]}` : cell;
}

/**
 * Where a refused row is, as the cells kia-calc cannot read are named: the cell of the field the core names, then
 * the row's number and the column: "Investeringen!E3 (nummer INV-2, kolom betaald)", "Desinvesteringen!D2
 * (vervreemding D1, kolom investering dit jaar)". A field without a column of its own (an override, the row as a whole) names the
 * number column, else the range's first column: the cell the taskpane names for it (ledgerProblem in
 * taskpane/app/scenario.ts). A row without a number ("rij 7") is named by its cell alone.
 */
function placeOf(e: Core.RowError, places: WorkbookRead["places"]): { text: string; cell: string; id?: string; column: string } {
  const disposal = e.list === "disposals";
  const field = disposal ? e.key.split(".")[0] : ledgerFieldOf(e.key);
  const name = disposal ? (DISPOSAL_HEADERS[field] ?? DISPOSAL_HEADERS.id)[0].toLowerCase() : FIELD_NAMES_NL[field as LedgerField];
  // a row without a number is called "rij 7" by the readers: its cell says as much
  const numbered = e.id !== undefined && !/^rij \d+$/.test(e.id);
  const what = `${numbered ? `${disposal ? "vervreemding" : "nummer"} ${e.id}, ` : ""}kolom ${name}`;
  const p = disposal ? places.disposals : places.ledger;
  const row = p?.rows[e.index];
  const column = p?.mapping[field] ?? p?.mapping.id ?? 0;
  const cell = !p || row === undefined ? (disposal ? "desinvesteringen" : "investeringen") : `${p.sheet}!${columnLetter(p.firstColumn + column)}${row}`;
  return { text: `${cell} (${what})`, cell, ...(numbered ? { id: e.id } : {}), column: name };
}

/** At most this many items are listed on standard error; the rest are counted. */
const MAX_LISTED = 50;

/** A heading and one indented line per item, at most MAX_LISTED of them. */
export function listing(heading: string, items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `  ${i}\n`);
  return `${heading}\n${shown.join("")}${items.length > MAX_LISTED ? `  … en ${items.length - MAX_LISTED} meer\n` : ""}`;
}
