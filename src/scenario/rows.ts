/**
 * validateRows() is the same validation for a ledger: a row (an investment or a disposal) the core refuses is left
 * out and listed with its error instead of stopping at the first, in one pass; what concerns the whole scenario
 * (the year, the partnership, a list that is not a list) is still thrown.
 */
import { KiaValidationError, type ValidationCode } from "../errors";
import { categoryHintsLater, disposalYearTable } from "../law";
import type { NDisposal, NInvestment, NPartnership, RowError, RowsOptions, RowsValidated, Scenario } from "./contract";
import { assertLinkedOnce, assertPartnerRates, validateDisposal } from "./disposal";
import { assertConsistentGroups, assertReplacements, groupName, readGroup, sameGroupSpelling, validateInvestment, validateLost } from "./investment";
import { type At, idOf, isObj, path, type Reason, readId, Refused, Where } from "./read";
import { type Ids, indexById, leftOutText, type Refuse } from "./refuse";
import { disposalList, validateFrame, validateRest } from "./scenario";

/** Why a row is left out: the error a row threw, or what a check across rows (or a row left out) says of it. */
interface Refusal {
  code: ValidationCode;
  field: string;
  value: unknown;
  reason: string;
  /** the field within the row, when known without cutting it out of `field` */
  key?: string;
  /** a thrown error's message; made when read for the others (no Error, no stack trace per row of 50.000) */
  message?: string;
}

/**
 * A row left out. Its field's text, its reason and its message are made when first read (a row refused on its own
 * keeps where it sits and how to word why): a ledger of 100.000 bad rows formats no message that nobody reads.
 */
class LeftOut implements RowError {
  readonly id?: string;
  readonly key: string;
  readonly code: ValidationCode;
  private readonly value: unknown;
  /** the field's text; undefined until read when `at` says where the row is */
  private fieldText: string | undefined;
  private readonly at: At | undefined;
  private why: Reason;
  /** the message: a thrown error's, else made when first read */
  private text: string | undefined;

  constructor(
    readonly list: RowError["list"],
    readonly index: number,
    id: string | undefined,
    refusal: Refusal,
  ) {
    if (id !== undefined) this.id = id;
    // the refusal's fields, not the refusal: 100.000 rows left out keep one object each
    this.code = refusal.code;
    this.value = refusal.value;
    this.text = refusal.message;
    // refused on its own, at its row: the field is path(at, key), made when read
    const own = refusal instanceof Refused && refusal.key !== undefined;
    this.at = own ? refusal.at : undefined;
    this.fieldText = own ? undefined : refusal.field;
    this.why = own ? refusal.why : refusal.reason;
    if (refusal.key !== undefined) this.key = refusal.key;
    else {
      // the field after "investments[3]" and its point
      const at = list.length + String(index).length + 2;
      this.key = refusal.field.slice(refusal.field.charCodeAt(at) === 46 ? at + 1 : at);
    }
  }

  get field(): string {
    return (this.fieldText ??= path(this.at!, this.key));
  }

  get reason(): string {
    if (typeof this.why !== "string") this.why = this.why();
    return this.why;
  }

  get message(): string {
    return (this.text ??= new KiaValidationError(this.code, this.field, this.value, this.reason).message);
  }

  /** JSON has what a RowError says (its field, reason and message are made when read, not kept as properties) */
  toJSON(): RowError {
    const { list, index, id, field, key, code, reason, message } = this;
    return { list, index, ...(id !== undefined ? { id } : {}), field, key, code, reason, message };
  }
}

/**
 * The rows refused, by their place in the list: an array rather than a Map, so a ledger of 100.000 bad rows hashes
 * no keys. A row is refused once; its refusal may be reworded (set again), which keeps its place in `order`.
 */
class Refusals {
  private readonly byRow: (Refusal | undefined)[];
  /** the rows in the order they were refused */
  readonly order: number[] = [];

  constructor(n: number) {
    this.byRow = new Array(n);
  }

  get size(): number {
    return this.order.length;
  }

  has(i: number): boolean {
    return this.byRow[i] !== undefined;
  }

  get(i: number): Refusal | undefined {
    return this.byRow[i];
  }

  set(i: number, r: Refusal): void {
    if (this.byRow[i] === undefined) this.order.push(i);
    this.byRow[i] = r;
  }

  /** the rows refused in list order (one scan: no sort of 100.000 numbers) */
  inListOrder(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.byRow.length; i++) if (this.byRow[i] !== undefined) out.push(i);
    return out;
  }
}

/** run(), or undefined when it throws a KiaValidationError (handed to onError); other exceptions pass. */
function attempt<T>(run: () => T, onError: (e: KiaValidationError) => void = () => undefined): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KiaValidationError)) throw e;
    onError(e);
    return undefined;
  }
}

/**
 * validateScenario for a ledger: every investment and disposal the core refuses is left out and listed with its
 * error (the same field, code and message validateScenario would throw for it alone), in one pass; the rest is
 * validated as validateScenario would. What concerns the scenario as a whole (year, exact, description, a list that
 * is not a list, disposalsTotal, the partnership) is thrown as by validateScenario.
 *
 * What follows from leaving a row out is left out with it, and said so in its own message:
 *  - a group is one asset (besluit onderdeel 2.2): a row of a group left out takes the group's other rows with it;
 *  - a calamity entry whose replacement is left out, and a disposal of an investment that is left out, go too.
 * A disposal of an earlier year inside the five-year window whose investment year has no table (which evaluate()
 * would refuse) is left out as well. The order: each row on its own (its calamity entry aside), duplicate ids,
 * groups that disagree; then the calamity entries, which name other rows; then the disposals. So leaving rows out
 * first without their calamity entries and then validating the rest with `leftOut` gives the same as one call.
 * validateScenario(result.scenario) does not throw about a row.
 */
export function validateRows(raw: unknown, options: RowsOptions = {}): RowsValidated {
  const f = validateFrame(raw);
  const rawDisposals = disposalList(f.o);
  const rest = validateRest(f.o, f.year);
  const rows = f.investments;
  const n = rows.length;
  const at = (i: number) => new Where("investments", i);
  const errors = new Refusals(n);
  const record: Refuse = (item, code, field, value, reason) => {
    if (!errors.has(item.index)) errors.set(item.index, { code, field, value, reason });
  };
  const invs: (NInvestment | undefined)[] = new Array(n);
  const hint = categoryHintsLater();
  // the id of every row, also of a row refused (undefined until asked, null when it has no readable id)
  const ids: (string | null | undefined)[] = new Array(n);
  // A row's fault comes back as a Refused, not thrown: no Error per bad row, so a bad ledger is as cheap as a good
  // one (npm run bench: validateRows).
  for (let i = 0; i < n; i++) {
    const r = validateInvestment(rows[i], i, true, hint);
    if (r instanceof Refused) {
      errors.set(i, r);
      if (r.id !== undefined) ids[i] = r.id;
    } else {
      invs[i] = r;
      ids[i] = r.id;
    }
  }
  // the rows not (yet) left out; rows are only ever added to `errors`, so its size tells whether this changed
  let alive: NInvestment[] = [];
  let aliveAt = -1;
  const live = () => {
    if (aliveAt === errors.size) return alive;
    alive = [];
    for (const x of invs) if (x && !errors.has(x.index)) alive.push(x);
    aliveAt = errors.size;
    return alive;
  };
  const byIdOf = (list: readonly NInvestment[]) => new Map(list.map((x) => [x.id, x]));
  const field = (i: number, key: string): unknown => {
    const r = rows[i];
    return isObj(r) ? r[key] : undefined;
  };
  const idAt = (i: number): string | undefined => {
    let id = ids[i];
    if (id === undefined) {
      const read = readId(field(i, "id"));
      id = ids[i] = typeof read === "string" ? read : null;
    }
    return id ?? undefined;
  };
  const name = (i: number) => {
    const id = idAt(i);
    return id === undefined ? `investments[${i}]` : `investering ${id}`;
  };
  const { groups, members, spellings } = groupsOf(rows, invs);
  const byGroup = new Set<number>();
  const groupsGone = new Set<string>();
  const groupGone = (g: string, who: string) => {
    groupsGone.add(g);
    const reason = `hoort bij hetzelfde bedrijfsmiddel (groep "${g}") als ${who}, en die regel telt niet mee; een groep is één bedrijfsmiddel (besluit onderdeel 2.2) en telt alleen mee als al zijn regels goed zijn`;
    const queued: number[] = [];
    for (const m of members.get(g)!) {
      if (errors.has(m)) continue;
      errors.set(m, { code: "INVALID_GROUP", field: `investments[${m}].group`, value: g, reason });
      byGroup.add(m);
      queued.push(m);
    }
    return queued;
  };
  // the groups of rows left out before this call (the reader's): the rest of each goes too
  if (options.leftOutGroups)
    for (const { group, row } of options.leftOutGroups) {
      // matched as the rows' groups are: groupName, then the first spelling without case (sameGroupSpelling)
      const g = spellings.get(groupName(group).toLowerCase());
      if (g !== undefined && !groupsGone.has(g)) groupGone(g, row);
    }
  /** leaves out what follows from leaving out `seeds`: the rest of their groups, and what `refs` says replaces them */
  const spread = (seeds: number[], refs?: ReadonlyMap<string, number[]>, byId?: ReadonlyMap<string, NInvestment>) => {
    const queue = seeds.sort((a, b) => a - b);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      const g = groups[i];
      // each group once: a group of 50.000 bad rows is 50.000 steps, not 50.000 squared
      if (g !== undefined && !groupsGone.has(g)) for (const m of groupGone(g, name(i))) queue.push(m);
      const inv = invs[i];
      if (!refs || !inv || byId?.get(inv.id) !== inv) continue;
      for (const r of refs.get(inv.id) ?? []) {
        if (errors.has(r)) continue;
        errors.set(r, {
          code: "UNKNOWN_REPLACEMENT",
          field: `investments[${r}].lostByCalamity.replacedBy`,
          value: inv.id,
          reason: leftOutText(inv.id),
        });
        queue.push(r);
      }
    }
  };
  /** the rows refused since errors.size was `before` */
  const added = (before: number) => errors.order.slice(before);
  /**
   * the ids of the rows left out so far that no kept row has; made when first asked (only a replacement or a
   * disposal that names no kept row asks), so a ledger of many bad rows builds no set of their ids
   */
  const leftOutIds = (kept: ReadonlyMap<string, NInvestment>): Ids => {
    const upTo = errors.size;
    let out: Set<string> | undefined;
    const made = () => {
      out = new Set(options.leftOut ?? []);
      for (let k = 0; k < upTo; k++) {
        const id = idAt(errors.order[k]);
        if (id !== undefined && !kept.has(id)) out.add(id);
      }
      return out;
    };
    return { has: (id) => (out ?? made()).has(id) };
  };

  // 1. The rows without their calamity entries: each on its own, duplicate ids, groups that disagree.
  const unique = indexById(live(), "investments", record);
  const uniqueAt = errors.size;
  assertConsistentGroups(live(), record, ["inUse", "vatDeductible", "override"], f.investments);
  spread(errors.order.slice());

  // 2. The calamity entries of the rows kept: each replacement is a kept row, no cycles, the same in a group.
  const survivors = live();
  const byIdKept = errors.size === uniqueAt ? unique : byIdOf(survivors);
  const survivorsAt = errors.size;
  const leftOut = leftOutIds(byIdKept);
  const before = errors.size;
  for (const inv of survivors) {
    const v = field(inv.index, "lostByCalamity");
    if (v !== undefined)
      attempt(
        () => (inv.lostByCalamity = validateLost(v, at(inv.index))),
        (e) => errors.set(inv.index, e),
      );
  }
  const refs = new Map<string, number[]>();
  for (const x of live())
    if (x.lostByCalamity) {
      const r = refs.get(x.lostByCalamity.replacedBy);
      if (r) r.push(x.index);
      else refs.set(x.lostByCalamity.replacedBy, [x.index]);
    }
  assertReplacements(live(), byIdKept, record, leftOut);
  assertConsistentGroups(live(), record, ["lostByCalamity"], f.investments);
  spread(added(before), refs, byIdKept);

  // 3. The disposals, against the investments kept.
  const kept = live();
  const byId = errors.size === survivorsAt ? byIdKept : byIdOf(kept);
  const { kept: keptDisposals, refused: disposalErrors } = disposalRows(rawDisposals, f.year, byId, leftOutIds(byId), rest.partnership);

  // A row that takes its group with it says so.
  for (const i of errors.order) {
    const g = groups[i];
    const size = g === undefined ? 0 : members.get(g)!.length;
    if (size >= 2 && !byGroup.has(i)) errors.set(i, takesItsGroup(errors.get(i)!, g!, size));
  }

  if (errors.size) kept.forEach((x, k) => (x.index = k));
  if (disposalErrors.size) keptDisposals.forEach((d, k) => (d.index = k));
  const out: RowError[] = [];
  for (const i of errors.inListOrder()) out.push(new LeftOut("investments", i, idAt(i), errors.get(i)!));
  for (const j of [...disposalErrors.keys()].sort((a, b) => a - b)) {
    const r = rawDisposals[j];
    const id = attempt(() => idOf(isObj(r) ? r.id : undefined, `disposals[${j}].id`));
    out.push(new LeftOut("disposals", j, id, disposalErrors.get(j)!));
  }
  return {
    scenario: out.length ? withoutLeftOut(f.o as unknown as Scenario, errors, disposalErrors) : (raw as Scenario),
    normalized: {
      year: f.year,
      exact: f.exact,
      description: f.description,
      investments: kept,
      byId,
      partnership: rest.partnership,
      disposals: keptDisposals,
      disposalsTotal: rest.disposalsTotal,
      ...(rest.carriedIn ? { carriedIn: rest.carriedIn } : {}),
    },
    errors: out,
  };
}

/**
 * The disposals validated against the investments kept (`gone`: the ids of those left out): each on its own, with
 * the table of its investment year when it needs one (evaluate() would refuse it there), then across them.
 */
function disposalRows(
  raw: readonly unknown[],
  year: number,
  byId: ReadonlyMap<string, NInvestment>,
  gone: Ids,
  partnership: NPartnership | undefined,
): { kept: NDisposal[]; refused: Map<number, Refusal> } {
  const refused = new Map<number, Refusal>();
  const ds = raw.map((r, j) =>
    attempt(
      () => {
        const d = validateDisposal(r, j, year, byId, gone);
        if (d.investment === undefined) disposalYearTable(d.investmentYear, year, `disposals[${j}].investmentYear`);
        return d;
      },
      (e) => refused.set(j, e),
    ),
  );
  const record: Refuse = (item, code, field, value, reason) => {
    if (!refused.has(item.index)) refused.set(item.index, { code, field, value, reason });
  };
  const live = () => ds.filter((d): d is NDisposal => !!d && !refused.has(d.index));
  indexById(live(), "disposals", record);
  assertLinkedOnce(live(), record);
  assertPartnerRates(live(), partnership, record);
  return { kept: live(), refused };
}

/** The scenario given without the rows left out (a copy; the caller's scenario is not changed). */
function withoutLeftOut(given: Scenario, investments: Pick<Refusals, "has" | "size">, disposals: ReadonlyMap<number, Refusal>): Scenario {
  const scenario = { ...given };
  if (investments.size) scenario.investments = given.investments.filter((_, i) => !investments.has(i));
  if (disposals.size) {
    const left = (given.disposals ?? []).filter((_, j) => !disposals.has(j));
    if (left.length) scenario.disposals = left;
    else delete scenario.disposals;
  }
  return scenario;
}

/**
 * The group of every row, also of a row refused on its own (when its group is readable), in the spelling of the
 * group's first row (set on the rows validated too), and the rows of each group.
 */
function groupsOf(
  rows: readonly unknown[],
  invs: readonly (NInvestment | undefined)[],
): { groups: (string | undefined)[]; members: Map<string, number[]>; spellings: ReadonlyMap<string, string> } {
  const groups = new Array<string | undefined>(rows.length);
  const members = new Map<string, number[]>();
  const spellings = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let g = invs[i] ? invs[i]!.group : isObj(r) && r.group !== undefined ? readGroup(r.group, new Where("investments", i)) : undefined;
    if (g instanceof Refused) g = undefined;
    if (g !== undefined) {
      g = sameGroupSpelling(spellings, g);
      if (invs[i]) invs[i]!.group = g;
    }
    groups[i] = g;
    if (g !== undefined) {
      const m = members.get(g);
      if (m) m.push(i);
      else members.set(g, [i]);
    }
  }
  return { groups, members, spellings };
}

/** A row's refusal that also says it takes its group (of `size` rows) with it. */
function takesItsGroup(e: Refusal, group: string, size: number): Refusal {
  return {
    code: e.code,
    field: e.field,
    key: e.key,
    value: e.value,
    reason: `${e.reason}; daardoor telt de hele groep "${group}" (${size} regels) niet mee`,
  };
}
