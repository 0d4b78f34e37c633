/**
 * Checks across rows (duplicate ids, a row that names another): what such a check does with a row it refuses
 * (validateScenario throws, validateRows leaves the row out), and why an id names no investment.
 */
import type { ValidationCode } from "../errors";
import { fail } from "./read";

/** A set of ids as far as it is asked: whether it has one. */
export type Ids = Pick<ReadonlySet<string>, "has">;

/** Why an id names no investment of the scenario: there is none, or validateRows left its row out. */
export function noInvestment(id: string, leftOut: Ids): string {
  return leftOut.has(id) ? leftOutText(id) : "er is geen investering met deze id in dit jaar";
}

export const leftOutText = (id: string) => `investering ${id} telt niet mee (zie de melding bij die regel)`;

export const NONE: Ids = new Set<string>();

/**
 * What a check across rows does with a row it refuses: validateScenario throws (the first error stops), validateRows
 * leaves the row out and goes on.
 */
export type Refuse = (item: { index: number }, code: ValidationCode, field: string, value: unknown, reason: string) => void;

export const throwing: Refuse = (_item, code, field, value, reason) => fail(code, field, value, reason);

/** The items by id, refusing a duplicate id (one pass, one map); the first of a duplicate id keeps it. */
export function indexById<T extends { id: string; index: number }>(items: readonly T[], list: string, refuse?: Refuse): Map<string, T> {
  const byId = new Map<string, T>();
  const duplicate = (it: T) => (refuse ?? throwing)(it, "DUPLICATE_ID", `${list}[${it.index}].id`, it.id, "deze id komt twee keer voor");
  for (const it of items) {
    if (refuse) {
      if (byId.has(it.id)) duplicate(it);
      else byId.set(it.id, it);
      continue;
    }
    // one hash lookup per id: a duplicate leaves the size unchanged
    const before = byId.size;
    byId.set(it.id, it);
    if (byId.size === before) duplicate(it);
  }
  return byId;
}
