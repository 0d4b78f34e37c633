/**
 * The pane's state after a ledger is loaded (the reducer's "load-done"), for the tests of the pane's model: `grid` read
 * as the table "Investeringen" with its columns `mapping`, and whatever else the load brings (`more`: a disposals
 * grid, the partnership read, choices restored).
 */
import { initialState, reducer, type Action, type PaneState } from "../../taskpane/app/model/state";
import type { Grid } from "../../taskpane/workbook/types";

type LoadDone = Extract<Action, { type: "load-done" }>;

export function loadedPane(grid: Grid, mapping: PaneState["mapping"], more: Partial<Omit<LoadDone, "type" | "grid" | "mapping">> = {}): PaneState {
  return reducer(initialState(2025), {
    type: "load-done",
    source: { kind: "table", name: "tabel Investeringen", table: "Investeringen" },
    grid,
    mapping,
    mappingOrigin: "headers",
    ...more,
  });
}
