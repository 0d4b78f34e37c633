/**
 * The rows of a workbook that the calculation refuses, left out and listed as the taskpane does: the core's
 * validateRows() in one pass (a paid amount above the investment amount, an exemption without a related party, rows
 * of a group that disagree, a replacement or a disposal that names a row left out…). `kia-calc werkblad.xlsx` lists
 * them on standard error after the cells it could not read and computes the other rows (exit code 0, as for those
 * cells); `--batch` counts them under Problemen. What concerns the whole workbook (the year, the partners) is not a
 * row: evaluate() refuses it as before (exit code 2, or the client's Fout).
 */
import type * as Core from "../src";
import { columnLetter, DISPOSAL_HEADERS, FIELD_NAMES_NL, type LedgerField } from "../src/ledger";
import { ledgerFieldOf } from "../taskpane/app/scenario";
import type { WorkbookProblem, WorkbookRead } from "./workbook";

export interface RowsLeftOut {
  /** the scenario read without the rows the core refuses */
  scenario: WorkbookRead["scenario"];
  /** one per row left out: where it is and why, in the taskpane's words */
  problems: WorkbookProblem[];
}

export function leaveOutRefusedRows(read: Pick<WorkbookRead, "scenario" | "places">, core: typeof Core): RowsLeftOut {
  let checked: Core.RowsValidated;
  try {
    checked = core.validateRows(read.scenario);
  } catch (e) {
    // not about a row: evaluate() gives the same error, where the caller reports invalid input
    if (e instanceof core.KiaValidationError) return { scenario: read.scenario, problems: [] };
    throw e;
  }
  return {
    scenario: checked.scenario as WorkbookRead["scenario"],
    problems: checked.errors.map((e) => ({ cell: placeOf(e, read.places), message: e.reason })),
  };
}

/**
 * Where a refused row is, as the cells kia-calc cannot read are named: the cell of the field the core names, then
 * the row's number and the column: "Investeringen!E3 (nummer INV-2, kolom betaald)", "Desinvesteringen!D2
 * (vervreemding D1, kolom investering dit jaar)". A field without a column of its own (an override, the row as a whole) names the
 * number column, else the range's first column: the cell the taskpane names for it (ledgerProblem in
 * taskpane/app/scenario.ts). A row without a number ("rij 7") is named by its cell alone.
 */
function placeOf(e: Core.RowError, places: WorkbookRead["places"]): string {
  const disposal = e.list === "disposals";
  const field = disposal ? e.key.split(".")[0] : ledgerFieldOf(e.key);
  const name = disposal ? (DISPOSAL_HEADERS[field] ?? DISPOSAL_HEADERS.id)[0].toLowerCase() : FIELD_NAMES_NL[field as LedgerField];
  // a row without a number is called "rij 7" by the readers: its cell says as much
  const numbered = e.id !== undefined && !/^rij \d+$/.test(e.id);
  const what = `${numbered ? `${disposal ? "vervreemding" : "nummer"} ${e.id}, ` : ""}kolom ${name}`;
  const p = disposal ? places.disposals : places.ledger;
  const row = p?.rows[e.index];
  if (!p || row === undefined) return `${disposal ? "desinvesteringen" : "investeringen"} (${what})`;
  const column = p.mapping[field] ?? p.mapping.id ?? 0;
  return `${p.sheet}!${columnLetter(p.firstColumn + column)}${row} (${what})`;
}

/** At most this many items are listed on standard error; the rest are counted. */
const MAX_LISTED = 50;

/** A heading and one indented line per item, at most MAX_LISTED of them. */
export function listing(heading: string, items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `  ${i}\n`);
  return `${heading}\n${shown.join("")}${items.length > MAX_LISTED ? `  … en ${items.length - MAX_LISTED} meer\n` : ""}`;
}
