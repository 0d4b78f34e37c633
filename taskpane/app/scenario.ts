/**
 * From the pane's state to a scenario (docs/scenario.md): the ledger's investments with the user's overrides and
 * calamity choices applied, the partnership, the disposals. Pure: no DOM, no Office; tested in jest.
 *
 * What the user typed is read with the core's readers (format.ts); a field that is not an amount becomes an
 * input error at that field, and the scenario is not evaluated until it is fixed. A row of the ledger that the
 * core refuses (a paid amount above the investment amount, rows of one group that disagree) is moved to the
 * ledger's problems with its row and column, so the good rows still work (checkedLedger, evaluateLedger: one
 * validation each, the core's validateRows, as kia-calc does for a workbook). A disposal the user has not completed
 * (or that the core refuses) is left out the same way and listed in step 4; the rest of the calculation goes on.
 */
import {
  evaluateNormalized,
  KiaValidationError,
  validateRows,
  type Report,
  type RowError,
  type RowsValidated,
  type Scenario,
  type ScenarioDisposal,
  type ScenarioInvestment,
  type ScenarioPartner,
} from "../../src";
import {
  columnLetter,
  LEDGER_FIELDS,
  type ColumnMapping,
  type LedgerField,
  type LedgerProblem,
  type LedgerRead,
} from "../../src/workbook/ledger";
import { parseUserAmount, type Culture } from "./format";
import {
  PARTNER_AMOUNT_FIELDS,
  type CalamityEdit,
  type Choices,
  type StepId,
} from "./state";

/** Where a message belongs on screen: the step and a field key the components know. */
export interface FieldError {
  step: StepId | "source";
  /** e.g. "partner.1.capital", "disposal.0.price", "calamity.m-1.replacedBy", "asset.m-1", "year" */
  key: string;
  message: string;
}

/** Where each disposal of the scenario came from, to put a core message next to the right field. */
export type DisposalOrigin =
  | { kind: "user"; index: number }
  | { kind: "insurance"; lost: string }
  | { kind: "ledger"; index: number; id: string };

/** A disposal left out of the calculation until it is complete: where it came from, its field and the message. */
export interface DisposalIssue {
  origin: DisposalOrigin;
  key: string;
  message: string;
}

export interface Built {
  scenario: Scenario;
  inputErrors: FieldError[];
  disposalOrigins: DisposalOrigin[];
  /** disposals entered in the pane that are not complete yet: left out, listed in step 4 */
  disposalIssues: DisposalIssue[];
  /** calamity choices whose lost asset is not (or no longer) in the ledger */
  strayCalamity: string[];
}

function amountOrError(
  text: string,
  culture: Culture,
  key: string,
  step: StepId,
  errors: FieldError[],
  required: boolean,
  what: string,
): string | undefined {
  if (text.trim() === "") {
    if (required)
      errors.push({
        step,
        key,
        message: `${what} ontbreekt; vul een bedrag in, zoals 1.234,56`,
      });
    return undefined;
  }
  const r = parseUserAmount(text, culture);
  if (!r.ok) {
    errors.push({ step, key, message: r.reason });
    return undefined;
  }
  return r.value;
}

export const LEGAL_FORMS = [
  "natuurlijk persoon",
  "bv",
  "nv",
  "stichting",
  "vereniging",
  "coöperatie",
] as const;

/** The calamity entries in force: the ledger's columns, replaced or switched off by the user's edits. */
export function calamityItems(
  investments: readonly ScenarioInvestment[],
  choices: Choices,
): {
  lost: string;
  edit: CalamityEdit;
  fromLedger: boolean;
  edited: boolean;
}[] {
  const out: {
    lost: string;
    edit: CalamityEdit;
    fromLedger: boolean;
    edited: boolean;
  }[] = [];
  const seen = new Set<string>();
  for (const inv of investments) {
    const id = String(inv.id);
    const entry = choices.calamity[id];
    if (entry && "removed" in entry) {
      seen.add(id);
      continue;
    }
    if (entry) {
      out.push({
        lost: id,
        edit: entry,
        fromLedger: !!inv.lostByCalamity,
        edited: true,
      });
      seen.add(id);
    } else if (inv.lostByCalamity) {
      out.push({
        lost: id,
        edit: {
          replacedBy: String(inv.lostByCalamity.replacedBy),
          approval:
            inv.lostByCalamity.approval === true
              ? "yes"
              : inv.lostByCalamity.approval === false
                ? "no"
                : "auto",
          eiaMia: null,
          insurance: "",
        },
        fromLedger: true,
        edited: false,
      });
      seen.add(id);
    }
  }
  return out;
}

export function buildScenario(
  choices: Choices,
  ledger: Pick<LedgerRead, "investments">,
  culture: Culture,
  description?: string,
  ledgerDisposals: readonly ScenarioDisposal[] = [],
): Built {
  const errors: FieldError[] = [];
  const disposals: ScenarioDisposal[] = [];
  const disposalOrigins: DisposalOrigin[] = [];
  const disposalIssues: DisposalIssue[] = [];
  const ids = new Set(ledger.investments.map((i) => String(i.id)));
  const items = new Map(
    calamityItems(ledger.investments, choices).map((c) => [c.lost, c]),
  );

  const investments = ledger.investments.map((inv) => {
    const id = String(inv.id);
    const override = choices.overrides[id];
    const cal = choices.calamity[id];
    if (!override && !cal) return inv;
    const out: ScenarioInvestment = { ...inv };
    if (override)
      out.override = { eligible: override.eligible, reason: override.reason };
    if (cal && "removed" in cal) delete out.lostByCalamity;
    else if (cal) {
      if (!cal.replacedBy.trim())
        errors.push({
          step: "calamity",
          key: `calamity.${id}.replacedBy`,
          message:
            "kies het bedrijfsmiddel dat het verloren bedrijfsmiddel in hetzelfde jaar vervangt",
        });
      else
        out.lostByCalamity = {
          replacedBy: cal.replacedBy,
          ...(cal.approval === "auto"
            ? {}
            : { approval: cal.approval === "yes" }),
        };
      if (cal.eiaMia !== null) out.eiaMia = cal.eiaMia;
    }
    return out;
  });

  // insurance money for a lost asset: a disposal of this year's investment (art. 3.47; besluit 4.4 net effect)
  for (const [lost, item] of items) {
    const price = amountOrError(
      item.edit.insurance,
      culture,
      `calamity.${lost}.insurance`,
      "calamity",
      errors,
      false,
      "uitkering",
    );
    if (price === undefined) continue;
    disposals.push({
      id: `verzekering ${lost}`,
      description: `Verzekeringsuitkering voor ${lost}`,
      price,
      investment: lost,
    });
    disposalOrigins.push({ kind: "insurance", lost });
  }

  ledgerDisposals.forEach((d, index) => {
    disposals.push(d);
    disposalOrigins.push({ kind: "ledger", index, id: String(d.id) });
  });

  const taken = new Set(ledgerDisposals.map((x) => String(x.id)));
  choices.disposals.forEach((d, i) => {
    const k = (f: string) => `disposal.${i}.${f}`;
    // this disposal's own messages: an incomplete disposal is left out and listed, it does not stop the rest
    const errors: FieldError[] = [];
    const price = amountOrError(
      d.price,
      culture,
      k("price"),
      "payment",
      errors,
      true,
      "verkoopprijs",
    );
    // the description names the disposal in the report and the explanation ("Heftruck (verkocht)"); without one
    // it is "vervreemding 2"
    const description = d.description.trim().replace(/\s+/g, " ").slice(0, 120);
    let id = description || `vervreemding ${i + 1}`;
    for (let n = 2; taken.has(id); n++) id = `${description || `vervreemding ${i + 1}`} (${n})`;
    const out: ScenarioDisposal = { id, price: price ?? "0" };
    if (description) out.description = description;
    if (d.kind === "this-year") {
      if (!d.investment)
        errors.push({
          step: "payment",
          key: k("investment"),
          message: "kies de investering van dit jaar die is vervreemd",
        });
      else out.investment = d.investment;
    } else {
      const y = d.investmentYear.trim();
      if (!/^\d{4}$/.test(y))
        errors.push({
          step: "payment",
          key: k("investmentYear"),
          message: "vul het investeringsjaar in, zoals 2022",
        });
      else out.investmentYear = Number(y);
      const ia = amountOrError(
        d.investmentAmount,
        culture,
        k("investmentAmount"),
        "payment",
        errors,
        true,
        "investeringsbedrag",
      );
      const it = amountOrError(
        d.investmentYearTotal,
        culture,
        k("investmentYearTotal"),
        "payment",
        errors,
        true,
        "totaal investeringen van dat jaar",
      );
      if (ia !== undefined) out.investmentAmount = ia;
      if (it !== undefined) out.investmentYearTotal = it;
      // a partner's own KIA percentage of that year (art. 3.47 per partner), for the partners still listed
      if (choices.partnership.enabled && d.partnerRates) {
        const names = new Set(choices.partnership.partners.map((q) => q.name.trim()));
        const rates = Object.entries(d.partnerRates).filter(([n, v]) => names.has(n) && v.trim());
        if (rates.length) out.partnerRates = Object.fromEntries(rates.map(([n, v]) => [n, v.trim()]));
      }
    }
    if (errors.length) {
      for (const e of errors) disposalIssues.push({ origin: { kind: "user", index: i }, key: e.key, message: e.message });
      return;
    }
    taken.add(id);
    disposals.push(out);
    disposalOrigins.push({ kind: "user", index: i });
  });

  const scenario: Scenario = { year: choices.year, investments };
  if (description) scenario.description = description.slice(0, 500);

  const p = choices.partnership;
  if (p.enabled) {
    const partners: ScenarioPartner[] = p.partners.map((q, i) => {
      const out: ScenarioPartner = { name: q.name.trim() };
      if (!out.name)
        errors.push({
          step: "partnership",
          key: `partner.${i}.name`,
          message: "vul de naam van de vennoot in",
        });
      if (q.legalForm.trim()) out.legalForm = q.legalForm.trim();
      for (const f of PARTNER_AMOUNT_FIELDS) {
        const v = amountOrError(
          q[f],
          culture,
          `partner.${i}.${f}`,
          "partnership",
          errors,
          false,
          f,
        );
        if (v !== undefined) out[f] = v;
      }
      return out;
    });
    scenario.partnership = {
      key: p.key,
      partners,
      ...(p.jointRequest === "unknown"
        ? {}
        : { jointRequest: p.jointRequest === "yes" }),
      ...(p.allDeductions === "unknown" || p.allDeductions === undefined ? {} : { allDeductions: p.allDeductions === "yes" }),
      ...(p.sameForDisinvestment === "unknown" || p.sameForDisinvestment === undefined ? {} : { sameForDisinvestment: p.sameForDisinvestment === "yes" }),
      ...(p.disinvestmentLevel === "partnership" ? { disinvestmentLevel: "partnership" as const } : {}),
    };
  }
  if (disposals.length) scenario.disposals = disposals;
  const dt = amountOrError(
    choices.disposalsTotal,
    culture,
    "disposalsTotal",
    "payment",
    errors,
    false,
    "totaal vervreemdingen",
  );
  if (dt !== undefined) scenario.disposalsTotal = dt;

  const strayCalamity = Object.keys(choices.calamity).filter(
    (id) => !ids.has(id),
  );
  return { scenario, inputErrors: errors, disposalOrigins, disposalIssues, strayCalamity };
}

/**
 * The ledger's column a field of an investment comes from: the field's last part when the ledger has a column of
 * that name ("paid", "lostByCalamity.replacedBy" -> replacedBy, "group"), else the id (e.g. "override.reason").
 */
export function ledgerFieldOf(key: string): LedgerField {
  const last = key.split(".").pop() ?? "";
  return (LEDGER_FIELDS as readonly string[]).includes(last)
    ? (last as LedgerField)
    : "id";
}

/** A row the core left out, as a problem of the ledger: its sheet row and the column of the field it is about. */
function ledgerProblem(
  e: RowError,
  row: number,
  mapping: ColumnMapping,
  firstColumn: number,
): LedgerProblem {
  const field = ledgerFieldOf(e.key);
  const column = mapping[field] ?? mapping.id ?? 0;
  return {
    row,
    column,
    columnLetter: columnLetter(firstColumn + column),
    field,
    value: "",
    message: e.reason,
  };
}

export function parseField(
  field: string,
): { list: string; index: number; rest: string } | null {
  const m =
    /^(investments|disposals|partnership\.partners)\[(\d+)\](?:\.(.*))?$/.exec(
      field,
    );
  return m ? { list: m[1], index: Number(m[2]), rest: m[3] ?? "" } : null;
}

/** A core message for one field, placed on screen. */
export function locateError(
  e: Pick<KiaValidationError, "field" | "message">,
  built: Pick<Built, "scenario" | "disposalOrigins">,
): FieldError {
  const f = parseField(e.field);
  const message = e.message;
  if (e.field === "year") return { step: "source", key: "year", message };
  if (f?.list === "partnership.partners") {
    const sub = f.rest.split(".")[0] || "name";
    return { step: "partnership", key: `partner.${f.index}.${sub}`, message };
  }
  if (e.field.startsWith("partnership"))
    return {
      step: "partnership",
      key: e.field.replace(/^partnership\.?/, "partnership.") || "partnership",
      message,
    };
  if (f?.list === "disposals") {
    const o = built.disposalOrigins[f.index];
    if (o?.kind === "insurance")
      return { step: "calamity", key: `calamity.${o.lost}.insurance`, message };
    if (o?.kind === "ledger")
      return { step: "payment", key: `ledger-disposal.${o.index}`, message };
    const sub = f.rest || "price";
    return {
      step: "payment",
      key: `disposal.${o?.kind === "user" ? o.index : f.index}.${sub}`,
      message,
    };
  }
  if (e.field === "disposalsTotal")
    return { step: "payment", key: "disposalsTotal", message };
  if (f?.list === "investments") {
    const inv = built.scenario.investments[f.index];
    const id = inv ? String(inv.id) : String(f.index);
    if (f.rest.startsWith("lostByCalamity"))
      return { step: "calamity", key: `calamity.${id}.replacedBy`, message };
    return { step: "review", key: `asset.${id}`, message };
  }
  return { step: "review", key: "scenario", message };
}

export interface Evaluated {
  /** the scenario that was evaluated (rows the core refused taken out) */
  scenario: Scenario;
  report: Report | null;
  /** the first message that stops the evaluation, placed at its field */
  error: FieldError | null;
  /** ledger rows the core refused, as problems of the ledger (row, column, what was expected) */
  rowProblems: LedgerProblem[];
  /** disposals the core refused: left out, listed in step 4 */
  disposalIssues: DisposalIssue[];
}

/** Which choices of the user touch an investment (then a core message about it is the user's to fix, not the ledger's). */
function touchedByUser(id: string, rest: string, choices: Choices): boolean {
  if (rest.startsWith("override")) return true;
  const cal = choices.calamity[id];
  if (
    cal &&
    !("removed" in cal) &&
    (rest.startsWith("lostByCalamity") || rest.startsWith("eiaMia"))
  )
    return true;
  return false;
}

/** The ledger as read, with the rows the core leaves out moved to its problems; `leftOut`: their ids. */
export type CheckedLedger = LedgerRead & { leftOut?: ReadonlySet<string> };

/**
 * Evaluate the built scenario: one validation that leaves out every ledger row the core refuses (listed with the
 * ledger's problems, row and column) and every disposal it refuses (listed in step 4), then one evaluation of the
 * rest. A message about a choice of the user (an override, a calamity entered here, an insurance payment) is not
 * the ledger's: it is shown at its field and nothing is evaluated until it is fixed. Rows of a group go together,
 * and a calamity entry or a disposal that names a row left out goes with it (validateRows).
 */
export function evaluateLedger(
  built: Built,
  ledger: Pick<CheckedLedger, "rows" | "leftOut">,
  mapping: ColumnMapping,
  place: { firstColumn: number },
  choices: Choices,
): Evaluated {
  const stop = (
    error: FieldError,
    scenario = built.scenario,
    rowProblems: LedgerProblem[] = [],
    disposalIssues: DisposalIssue[] = [],
  ): Evaluated => ({
    scenario,
    report: null,
    error,
    rowProblems,
    disposalIssues,
  });
  if (built.inputErrors.length) return stop(built.inputErrors[0]);
  let checked: RowsValidated;
  try {
    checked = validateRows(built.scenario, { leftOut: ledger.leftOut });
  } catch (e) {
    if (!(e instanceof KiaValidationError)) throw e;
    return stop(locateError(e, built));
  }
  const { scenario, errors } = checked;
  const rowProblems: LedgerProblem[] = [];
  const disposalIssues: DisposalIssue[] = [];
  const usersRow = userTouches(built.scenario.investments, choices);
  let usersError: RowError | undefined;
  for (const e of errors) {
    if (e.list === "disposals") {
      // a disposal entered here or read from the disposals table is left out and listed; insurance money is the user's
      const origin = built.disposalOrigins[e.index];
      if (origin && origin.kind !== "insurance") {
        disposalIssues.push({
          origin,
          key: locateError(e, built).key,
          message: e.reason,
        });
        continue;
      }
    } else if (!usersRow(e) && ledger.rows[e.index] !== undefined) {
      rowProblems.push(
        ledgerProblem(e, ledger.rows[e.index], mapping, place.firstColumn),
      );
      continue;
    }
    usersError ??= e;
  }
  if (usersError)
    return stop(
      locateError(usersError, built),
      scenario,
      rowProblems,
      disposalIssues,
    );
  try {
    // the rows kept, as validated above: evaluated without validating them again (20.000 rows: 25 ms less)
    return {
      scenario,
      report: evaluateNormalized(checked.normalized),
      error: null,
      rowProblems,
      disposalIssues,
    };
  } catch (e) {
    if (!(e instanceof KiaValidationError)) throw e;
    const gone = new Set(
      errors.filter((x) => x.list === "disposals").map((x) => x.index),
    );
    const origins = built.disposalOrigins.filter((_, i) => !gone.has(i));
    return stop(
      locateError(e, { scenario, disposalOrigins: origins }),
      scenario,
      rowProblems,
      disposalIssues,
    );
  }
}

/**
 * Whether a refused investment is the user's to fix: a choice of the user touches it, or (rows of a group that
 * disagree) touches the same field of another row of its group.
 */
function userTouches(
  investments: readonly ScenarioInvestment[],
  choices: Choices,
): (e: RowError) => boolean {
  // per field: the groups in which the user touched it (found once, for a ledger with many groups that disagree)
  const touchedGroups = new Map<string, Set<string>>();
  return (e) => {
    const inv = investments[e.index];
    if (touchedByUser(String(inv.id), e.key, choices)) return true;
    if (e.code !== "INVALID_GROUP" || inv.group === undefined) return false;
    let groups = touchedGroups.get(e.key);
    if (!groups) {
      groups = new Set();
      for (const x of investments)
        if (
          x.group !== undefined &&
          touchedByUser(String(x.id), e.key, choices)
        )
          groups.add(x.group);
      touchedGroups.set(e.key, groups);
    }
    return groups.has(inv.group);
  };
}

/**
 * The ledger read, with the rows the core refuses moved to its problems (one validation of all rows): what a row
 * says on its own, duplicate ids, rows of a group that disagree, and the rest of a group with a refused row. A
 * row's calamity entry is left to evaluateLedger, where the user can change it in step 2.
 */
export function checkedLedger(
  ledger: LedgerRead,
  year: number,
  mapping: ColumnMapping,
  firstColumn: number,
): CheckedLedger {
  let errors: RowError[];
  try {
    const investments = ledger.investments.map((inv) => {
      if (inv.lostByCalamity === undefined) return inv;
      const { lostByCalamity: _l, ...rest } = inv;
      void _l;
      return rest;
    });
    errors = validateRows({ year, investments }).errors;
  } catch (e) {
    // the year has no table: said at the year, the ledger stays as read
    if (!(e instanceof KiaValidationError)) throw e;
    return ledger;
  }
  if (!errors.length) return ledger;
  const drop = new Set(errors.map((e) => e.index));
  const problems = ledger.problems.concat(
    errors.map((e) =>
      ledgerProblem(e, ledger.rows[e.index], mapping, firstColumn),
    ),
  );
  problems.sort((a, b) => a.row - b.row || a.column - b.column);
  return {
    ...ledger,
    investments: ledger.investments.filter((_, i) => !drop.has(i)),
    rows: ledger.rows.filter((_, i) => !drop.has(i)),
    problems,
    skipped: ledger.skipped,
    leftOut: new Set(
      ledger.investments
        .filter((_, i) => drop.has(i))
        .map((inv) => String(inv.id)),
    ),
  };
}
