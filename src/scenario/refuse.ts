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
  const duplicate = (it: T) => refuseDuplicate(it, list, refuse ?? throwing);
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

/** An item whose id an earlier item of `list` has. */
export function refuseDuplicate(it: { id: string; index: number }, list: string, refuse: Refuse): void {
  refuse(it, "DUPLICATE_ID", `${list}[${it.index}].id`, it.id, "deze id komt twee keer voor");
}

/**
 * The first item whose id an earlier item has, or -1: what indexById finds first, without building a Map. The ids
 * are hashed here (FNV-1a over their UTF-16 code units) into an open-addressed table of row numbers: for a ledger of
 * 100.000 rows a quarter of the time a Map of them takes, and no garbage. Each slot keeps the id's whole hash beside
 * its row number, so a probe that meets another id compares two numbers, not the texts of two rows far apart in
 * memory; ids with the same hash are compared as text, so the answer is exact. Should the hashes collide badly (many
 * probes), a Map decides instead.
 */
export function firstDuplicateId(items: readonly { id: string }[]): number {
  const n = items.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // row number + 1 per slot, 0: empty
  const table = new Int32Array(size);
  const hashes = new Int32Array(size);
  let budget = 8 * n + 64;
  for (let i = 0; i < n; i++) {
    const id = items[i].id;
    let h = 0x811c9dc5 | 0; // as a 32-bit integer, as the table keeps it (an empty id keeps the start value)
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const j = table[slot];
      if (j === 0) {
        table[slot] = i + 1;
        hashes[slot] = h;
        break;
      }
      if (hashes[slot] === h && items[j - 1].id === id) return i;
      if (--budget < 0) return firstDuplicateByMap(items);
    }
  }
  return -1;
}

function firstDuplicateByMap(items: readonly { id: string }[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const before = seen.size;
    seen.add(items[i].id);
    if (seen.size === before) return i;
  }
  return -1;
}

/**
 * The items by id, as indexById gives them, for items whose ids are known to differ (firstDuplicateId found none):
 * the Map is built when first asked. evaluate() asks only for a calamity or a disposal that names a row, so a ledger
 * without them never builds one.
 */
export class LazyIdIndex<T extends { id: string }> implements ReadonlyMap<string, T> {
  private built: Map<string, T> | undefined;

  constructor(private readonly items: readonly T[]) {}

  private get map(): Map<string, T> {
    if (!this.built) {
      const m = new Map<string, T>();
      for (let i = 0; i < this.items.length; i++) m.set(this.items[i].id, this.items[i]);
      this.built = m;
    }
    return this.built;
  }

  get size(): number {
    return this.map.size;
  }
  get(id: string): T | undefined {
    return this.map.get(id);
  }
  has(id: string): boolean {
    return this.map.has(id);
  }
  forEach(fn: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    this.map.forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  entries(): IterableIterator<[string, T]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<T> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.map[Symbol.iterator]();
  }
}
