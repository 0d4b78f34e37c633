/**
 * The rows the pane left out, for the report's "Niet meegeteld" (the report builder's leftOutRows,
 * taskpane/report-sheet.ts): the reader's LeftOut entries (src/workbook/left-out.ts: the cells not read and the rows
 * the core refused, at the cells kia-calc names) and the disposals entered in step 4 and not complete. The fields of
 * a LeftOut are handed over as they are; nothing is parsed back from a text.
 */
import { columnIndex, type LedgerField, type LedgerProblem } from "../../../src/workbook/ledger";
import type { LeftOut } from "../../../src/workbook/left-out";
import type { LeftOutSource } from "../../report-sheet";
import type { Derived } from "../model/derive";
import type { PaneState } from "../model/state";

function problemOf(x: LeftOut, firstColumn: number): LedgerProblem {
  return {
    row: x.row,
    column: columnIndex(x.column) - firstColumn,
    columnLetter: x.column,
    field: (x.list === "investments" ? x.field : "row") as LedgerField | "row",
    value: x.value === undefined ? "" : JSON.stringify(x.value),
    message: x.reason,
  };
}

/** What the report builder needs to list the rows the pane left out (the partners' cells are said in step 3 and step 1). */
export function reportLeftOut(
  state: Pick<PaneState, "grid" | "disposalGrid" | "mapping" | "choices">,
  derived: Pick<Derived, "leftOut" | "disposalIssues">,
): LeftOutSource {
  const grid = state.grid!;
  const d = state.disposalGrid;
  return {
    grid,
    mapping: state.mapping,
    problems: derived.leftOut.filter((x) => x.list === "investments").map((x) => problemOf(x, grid.firstColumn)),
    disposalGrid: d,
    disposalProblems: d ? derived.leftOut.filter((x) => x.list === "disposals").map((x) => problemOf(x, d.firstColumn)) : [],
    disposalIssues: derived.disposalIssues,
    paneDisposals: state.choices.disposals,
  };
}
