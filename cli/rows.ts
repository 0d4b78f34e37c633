/**
 * The rows of a workbook that the calculation refuses, left out and listed as the taskpane does: the core's
 * validateRows() in one pass (a paid amount above the investment amount, an exemption without a related party, rows
 * of a group that disagree, a replacement or a disposal that names a row left out…). `kia-calc werkblad.xlsx` lists
 * them on standard error after the cells it could not read and computes the other rows (exit code 0, as for those
 * cells); `--batch` counts them under Problemen. What concerns the whole workbook (the year, the partners) is not a
 * row: evaluate() refuses it as before (exit code 2, or the client's Fout).
 */
import type * as Core from "../src";
import { FIELD_NAMES_NL } from "../src/ledger";
import { ledgerFieldOf } from "../taskpane/app/scenario";
import type { WorkbookProblem, WorkbookRead } from "./workbook";

export interface RowsLeftOut {
  /** the scenario read without the rows the core refuses */
  scenario: WorkbookRead["scenario"];
  /** one per row left out: where it is and why, in the taskpane's words */
  problems: WorkbookProblem[];
}

export function leaveOutRefusedRows(read: Pick<WorkbookRead, "scenario" | "found">, core: typeof Core): RowsLeftOut {
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
    problems: checked.errors.map((e) => ({ cell: placeOf(e, read.found), message: e.reason })),
  };
}

/**
 * Where a refused row is: "tabel Investeringen, nummer INV-3, kolom betaald" (a ledger without a number column
 * names its rows "rij 7"), "tabel Desinvesteringen, vervreemding D2".
 */
function placeOf(e: Core.RowError, found: WorkbookRead["found"]): string {
  if (e.list === "disposals") return `${found.disposals ?? "desinvesteringen"}, vervreemding ${e.id ?? e.index + 1}`;
  const id = e.id ?? `regel ${e.index + 1}`;
  return `${found.ledger}, ${/^rij \d+$/.test(id) ? id : `nummer ${id}`}, kolom ${FIELD_NAMES_NL[ledgerFieldOf(e.key)]}`;
}

/** At most this many items are listed on standard error; the rest are counted. */
const MAX_LISTED = 50;

/** A heading and one indented line per item, at most MAX_LISTED of them. */
export function listing(heading: string, items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `  ${i}\n`);
  return `${heading}\n${shown.join("")}${items.length > MAX_LISTED ? `  … en ${items.length - MAX_LISTED} meer\n` : ""}`;
}
