/**
 * Everything the pane shows, derived from its state: the ledger read with the mapping, the scenario with the
 * user's choices, the report from evaluate(). Pure and memoised per input (derived() is called on every render;
 * an edit of a partner's name does not read the ledger again).
 */
import type { ScenarioDisposal } from "../../src";
import {
  readDisposals,
  readLedger,
  withOtherYears,
  type LedgerProblem,
  type LedgerRead,
} from "../../src/workbook/ledger";
import type { Answers } from "../../src/workbook/questions";
import type { Culture } from "./format";
import {
  buildScenario,
  checkedLedger,
  evaluateLedger,
  type Built,
  type DisposalIssue,
  type Evaluated,
  type FieldError,
} from "./scenario";
import type { PaneState } from "./state";
import type { Grid } from "../workbook/types";

export interface Derived {
  ledger: LedgerRead | null;
  /** the ledger's problems and the rows the core refused, by row */
  problems: LedgerProblem[];
  /** the disposals read from the workbook's disposals table, and that table's problems */
  ledgerDisposals: ScenarioDisposal[];
  disposalProblems: LedgerProblem[];
  built: Built | null;
  evaluated: Evaluated | null;
  error: FieldError | null;
  /** disposals left out until they are complete (entered here) or because the core refused them */
  disposalIssues: DisposalIssue[];
}

/** One-slot memo: recompute only when an input changed (by identity). */
function memo<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A) => {
    if (
      last &&
      last.args.length === args.length &&
      last.args.every((x, i) => x === args[i])
    )
      return last.value;
    const value = f(...args);
    last = { args, value };
    return value;
  };
}

export function sourceDescription(state: PaneState): string {
  const s = state.source;
  if (!s) return "";
  // the file's name once: "tabel Investeringen in staat.xlsx" names it already
  return s.fileName && !s.name.includes(s.fileName) ? `${s.fileName} — ${s.name}` : s.name;
}

export function makeDeriver(): (state: PaneState, culture: Culture) => Derived {
  const place = (grid: Grid, answers: Answers | undefined) => ({
    firstRow: grid.firstRow,
    firstColumn: grid.firstColumn,
    sheet: grid.sheet,
    ...(answers ? { answers } : {}),
  });
  const firstRead = memo((grid: Grid, mapping: PaneState["mapping"], answers: Answers | undefined) =>
    readLedger(grid.rows, mapping, place(grid, answers)),
  );
  // a row dated in another year than the year on screen is a question (the same rule as readWorkbook)
  const read = memo((grid: Grid, mapping: PaneState["mapping"], answers: Answers | undefined, year: number) =>
    withOtherYears(firstRead(grid, mapping, answers), year, mapping, place(grid, answers)),
  );
  const check = memo(
    (
      ledger: LedgerRead,
      year: number,
      mapping: PaneState["mapping"],
      firstColumn: number,
    ) => checkedLedger(ledger, year, mapping, firstColumn),
  );
  const disposals = memo((grid: Grid | null) => {
    if (!grid)
      return {
        items: [] as ScenarioDisposal[],
        problems: [] as LedgerProblem[],
      };
    const r = readDisposals(grid.headers, grid.rows, {
      firstRow: grid.firstRow,
      firstColumn: grid.firstColumn,
    });
    return {
      items: r.items as unknown as ScenarioDisposal[],
      problems: r.problems,
    };
  });
  const build = memo(
    (
      choices: PaneState["choices"],
      ledger: LedgerRead,
      culture: Culture,
      description: string,
      ledgerDisposals: ScenarioDisposal[],
    ) => buildScenario(choices, ledger, culture, description, ledgerDisposals),
  );
  const run = memo(
    (
      built: Built,
      ledger: LedgerRead,
      mapping: PaneState["mapping"],
      firstColumn: number,
      choices: PaneState["choices"],
    ) => evaluateLedger(built, ledger, mapping, { firstColumn }, choices),
  );
  const allProblems = memo((a: LedgerProblem[], b: LedgerProblem[]) =>
    b.length
      ? [...a, ...b].sort((x, y) => x.row - y.row || x.column - y.column)
      : a,
  );
  const issues = memo((a: DisposalIssue[], b: DisposalIssue[]) => (b.length ? [...a, ...b] : a));
  return (state, culture) => {
    if (!state.grid)
      return {
        ledger: null,
        problems: [],
        ledgerDisposals: [],
        disposalProblems: [],
        built: null,
        evaluated: null,
        error: null,
        disposalIssues: [],
      };
    const grid = state.grid;
    const ledger = check(
      read(grid, state.mapping, state.choices.answers, state.choices.year),
      state.choices.year,
      state.mapping,
      grid.firstColumn,
    );
    const disp = disposals(state.disposalGrid);
    const built = build(
      state.choices,
      ledger,
      culture,
      `KIA ${state.choices.year}: ${sourceDescription(state)}`,
      disp.items,
    );
    const evaluated = run(
      built,
      ledger,
      state.mapping,
      grid.firstColumn,
      state.choices,
    );
    return {
      ledger,
      problems: allProblems(ledger.problems, evaluated.rowProblems),
      ledgerDisposals: disp.items,
      disposalProblems: disp.problems,
      built,
      evaluated,
      error: evaluated.error,
      disposalIssues: issues(built.disposalIssues, evaluated.disposalIssues),
    };
  };
}
