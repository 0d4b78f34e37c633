/**
 * Everything the pane shows, derived from its state: the ledger read with the mapping, the scenario with the
 * user's choices, the report from evaluate(). Pure and memoised per input (derived() is called on every render;
 * an edit of a partner's name does not read the ledger again).
 */
import type { ScenarioDisposal, ScenarioInvestment } from "../../../src";
import { readFound, type FoundRead, type FromRegister } from "../../../src/workbook/found";
import { readDisposals } from "../../../src/workbook/ledger";
import { registerNotRead } from "../../../src/workbook/names";
import { isIncomplete, rowKey, type LeftOut } from "../../../src/workbook/left-out";
import type { OpenQuestion } from "../../../src/workbook/questions";
import type { Culture } from "../text/format";
import { evaluateLedger, type Evaluated } from "./evaluate";
import { buildScenario, type Built, type DisposalIssue, type DisposalOrigin, type FieldError } from "./scenario";
import type { DisposalInput, PaneState } from "./state";
import { carriedStepLoaded } from "../../../src/carried-hook";

/** The ledger as the reader read it with the columns and the year on screen: the rows the core refuses taken out. */
export interface PaneLedger {
  investments: ScenarioInvestment[];
  /** the sheet row of each investment */
  rows: number[];
  open: OpenQuestion[];
  answered: FoundRead["answered"];
  /** checks that leave no row out: a total row that does not add up, a credit that reduced a group */
  warnings: FoundRead["warnings"];
  /** the ids of the investments left out (a replacement or a disposal that names one is told so) */
  leftOut: ReadonlySet<string>;
  /** rows dated in another year, not counted this year (an earlier year's asset paid or taken into use: src/register) */
  otherYears: FoundRead["otherYears"];
}

export interface Derived {
  /** what the reader found, read with the columns, year and answers on screen (src/workbook/found.ts readFound) */
  read: FoundRead | null;
  ledger: PaneLedger | null;
  /**
   * Every cell not read and every row left out, with its sheet, row, column and why (src/workbook/left-out.ts, as
   * kia-calc lists them): the reader's, then the rows the core refuses once the user's choices are in.
   */
  leftOut: LeftOut[];
  /** the disposals read from the workbook (those the core refuses are in leftOut) */
  ledgerDisposals: ScenarioDisposal[];
  /**
   * the disposals table's rows that refer to an earlier year's register ("Uit register"), as typed: step 4's "Uit
   * eerdere jaren" fills them from the registers (choices.earlier.fromRegister), then they are ledger disposals
   */
  registerDisposals: RegisterDisposal[];
  built: Built | null;
  evaluated: Evaluated | null;
  error: FieldError | null;
  /** disposals entered in the pane and left out until they are complete, or because the core refused them */
  disposalIssues: DisposalIssue[];
  /**
   * the messages of the disposals entered in step 4 that are not complete, as the report counts and lists them: an
   * entry that completes a row of the workbook's list ("Vul aan") is that row, in `leftOut` until it is complete
   */
  enteredLeftOut: DisposalIssue[];
}

/** One-slot memo: recompute only when an input changed (by identity). */
function memo<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((x, i) => x === args[i])) return last.value;
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

const NONE: never[] = [];

/** A disposals table's row that refers to an earlier year's register: its own fields and the reference ("2023:M3"). */
export type RegisterDisposal = { id: string; description?: string; price: unknown; register: string };

/**
 * The reader's FromRegister in the pane: what step 4 filled from the registers (earlier-choices.ts earlierChoiceOf),
 * with the row's own number, description and price, and the partners' own percentages for the partners read; else why
 * not (Dutch).
 */
function fromChoices(filled: Record<string, Record<string, unknown> | string> | undefined): FromRegister {
  return (ref, own, context) => {
    const fill = filled?.[ref];
    if (fill === undefined) return registerNotRead(ref);
    if (typeof fill === "string") return fill;
    const d: Record<string, unknown> = { ...fill, id: own.id, price: own.price };
    if (own.description !== undefined) d.description = own.description;
    if (own.price === undefined) delete d.price;
    const rates = d.partnerRates as Record<string, unknown> | undefined;
    if (rates && context.partners.length) {
      const kept = Object.entries(rates).filter(([n]) => context.partners.includes(n));
      if (kept.length) d.partnerRates = Object.fromEntries(kept);
      else delete d.partnerRates;
    }
    return d;
  };
}

type Entered = Pick<DisposalInput, "completes">;

/**
 * The rows of the workbook's disposals list that step 4 completed ("Vul aan", DisposalInput.completes): a sale read
 * but missing facts (LeftOut "INCOMPLETE") whose entry in step 4 counts (in the scenario, no message of its own). Its
 * row then no longer makes the figure provisional; until then that row is left out and the entry's messages are
 * not a second row left out (standsForRow).
 */
export function completedRows(disposals: readonly Entered[], origins: readonly DisposalOrigin[], issues: readonly DisposalIssue[]): Set<string> {
  const counted = new Set(origins.flatMap((o) => (o.kind === "user" ? [o.index] : [])));
  for (const x of issues) if (x.origin.kind === "user") counted.delete(x.origin.index);
  const out = new Set<string>();
  disposals.forEach((d, i) => {
    if (d.completes && counted.has(i)) out.add(rowKey(d.completes));
  });
  return out;
}

/** An entry of step 4 that completes a row of the workbook's list still left out (`left`): that row is what is left out. */
const standsForRow = (d: Entered | undefined, left: ReadonlySet<string>) => !!d?.completes && left.has(rowKey(d.completes));

export function makeDeriver(): (state: PaneState, culture: Culture) => Derived {
  // what the reader found, read with the columns, the answers and the year on screen (the same readFound as kia-calc's)
  // a disposal that refers to an earlier year's register is filled from what step 4 read (choices.earlier.fromRegister)
  const read = memo(
    (
      grid: NonNullable<PaneState["grid"]>,
      disposals: PaneState["disposalGrid"],
      partners: PaneState["partnersFound"],
      mapping: PaneState["mapping"],
      answers: PaneState["choices"]["answers"],
      year: number,
      filled: NonNullable<PaneState["choices"]["earlier"]>["fromRegister"],
    ) =>
      readFound(
        { ledger: grid, ...(partners ?? {}), ...(disposals ? { disposals } : {}) },
        { year, mapping, ...(answers ? { answers } : {}), fromRegister: fromChoices(filled) },
      ),
  );
  const registerRows = memo((g: PaneState["disposalGrid"]): RegisterDisposal[] =>
    g
      ? (readDisposals(g.headers, g.rows, { firstRow: g.firstRow, firstColumn: g.firstColumn }).items.filter(
          (d) => typeof d.register === "string",
        ) as RegisterDisposal[])
      : NONE,
  );
  const ledgerOf = memo((r: FoundRead): PaneLedger => ({
    investments: r.scenario.investments as ScenarioInvestment[],
    rows: r.rows,
    open: r.open,
    answered: r.answered,
    warnings: r.warnings,
    otherYears: r.otherYears,
    leftOut: new Set(r.leftOut.filter((x) => x.list === "investments" && x.code !== "UNREADABLE" && x.id !== undefined).map((x) => x.id!)),
  }));
  const build = memo(
    (
      choices: PaneState["choices"],
      ledger: PaneLedger,
      culture: Culture,
      description: string,
      ledgerDisposals: ScenarioDisposal[],
      // the core's step for earlier years is loaded (src/carried-hook.ts): only then is carriedIn in the scenario
      carriedReady: boolean,
      listed: ReadonlySet<string>,
    ) => buildScenario(choices, ledger, culture, description, ledgerDisposals, carriedReady, listed),
  );
  // the rows of the disposals list read and counted: an entry of step 4 that completed one is not counted twice
  const listedRows = memo((p: FoundRead["places"]["disposals"]) => new Set((p?.rows ?? []).map((row) => rowKey({ sheet: p!.sheet, row }))));
  const run = memo((built: Built, r: FoundRead, ledger: PaneLedger, choices: PaneState["choices"]) =>
    evaluateLedger(
      built,
      { rows: ledger.rows, leftOut: ledger.leftOut, places: { ...r.places.ledger, rows: ledger.rows }, disposalPlaces: r.places.disposals },
      choices,
    ),
  );
  const allLeftOut = memo((a: LeftOut[], b: LeftOut[], done: ReadonlySet<string>) => {
    const all = b.length ? [...a, ...b] : a;
    return done.size ? all.filter((x) => !(isIncomplete(x) && done.has(rowKey(x)))) : all;
  });
  const completed = memo((disposals: PaneState["choices"]["disposals"], built: Built, evaluated: Evaluated) =>
    completedRows(disposals, built.disposalOrigins, [...built.disposalIssues, ...evaluated.disposalIssues]),
  );
  const entered = memo((all: DisposalIssue[], disposals: PaneState["choices"]["disposals"], leftOut: LeftOut[]) => {
    const left = new Set(leftOut.filter(isIncomplete).map(rowKey));
    return all.filter((x) => x.origin.kind === "user" && !standsForRow(disposals[x.origin.index], left));
  });
  const issues = memo((a: DisposalIssue[], b: DisposalIssue[]) => (b.length ? [...a, ...b] : a));
  return (state, culture) => {
    if (!state.grid)
      return {
        read: null,
        ledger: null,
        leftOut: [],
        ledgerDisposals: [],
        registerDisposals: [],
        built: null,
        evaluated: null,
        error: null,
        disposalIssues: [],
        enteredLeftOut: [],
      };
    const r = read(
      state.grid,
      state.disposalGrid,
      state.partnersFound,
      state.mapping,
      state.choices.answers,
      state.choices.year,
      state.choices.earlier?.fromRegister,
    );
    const ledger = ledgerOf(r);
    const ledgerDisposals = (r.scenario.disposals ?? NONE) as ScenarioDisposal[];
    const built = build(
      state.choices,
      ledger,
      culture,
      `KIA ${state.choices.year}: ${sourceDescription(state)}`,
      ledgerDisposals,
      carriedStepLoaded(),
      listedRows(r.places.disposals),
    );
    const evaluated = run(built, r, ledger, state.choices);
    const done = completed(state.choices.disposals, built, evaluated);
    const disposalIssues = issues(built.disposalIssues, evaluated.disposalIssues);
    const leftOut = allLeftOut(r.leftOut, evaluated.rowsLeftOut, done);
    return {
      read: r,
      ledger,
      leftOut,
      ledgerDisposals,
      registerDisposals: registerRows(state.disposalGrid),
      built,
      evaluated,
      error: evaluated.error,
      disposalIssues,
      enteredLeftOut: entered(disposalIssues, state.choices.disposals, leftOut),
    };
  };
}
