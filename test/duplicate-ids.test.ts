/**
 * Duplicate ids as evaluate() finds them (firstDuplicateId, a hash table of its own, and a Map built only when asked:
 * LazyIdIndex) against validateScenario's Map (indexById): the same first duplicate, the same error, the same index.
 */
import fc from "fast-check";
import { evaluate, KiaValidationError, validateScenario } from "../src";
import { firstDuplicateId, indexById, LazyIdIndex } from "../src/scenario/refuse";

/** The index of the first item whose id an earlier item has, by a Map (what indexById throws for). */
function byMap(ids: readonly string[]): number {
  try {
    indexById(
      ids.map((id, index) => ({ id, index })),
      "investments",
    );
    return -1;
  } catch (e) {
    return Number(/\[(\d+)\]/.exec((e as KiaValidationError).field)![1]);
  }
}

const items = (ids: readonly string[]) => ids.map((id) => ({ id }));

describe("firstDuplicateId", () => {
  it("finds the first duplicate a Map finds, for any ids (short alphabets make many duplicates)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "é", "😀", " "), maxLength: 4 }), { maxLength: 60 }), (ids) => {
        expect(firstDuplicateId(items(ids))).toBe(byMap(ids));
      }),
      { numRuns: 2000 },
    );
  });

  it("on a ledger of 100.000 distinct ids and with a duplicate at the end", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `INV-2025-${String(i).padStart(6, "0")}`);
    expect(firstDuplicateId(items(ids))).toBe(-1);
    expect(firstDuplicateId(items([...ids, "INV-2025-054321"]))).toBe(100_000);
  });

  it("ids in one slot of the table are told apart by their text; so many that a Map decides", () => {
    // FNV-1a as firstDuplicateId computes it: 100 ids whose hashes share their last 8 bits (its table of 256 slots)
    const fnv = (id: string) => {
      let h = 0x811c9dc5;
      for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
      return h;
    };
    const ids: string[] = [];
    for (let i = 0; ids.length < 100; i++) if ((fnv(`k${i}`) & 255) === 7) ids.push(`k${i}`);
    expect(firstDuplicateId(items(ids))).toBe(-1);
    expect(firstDuplicateId(items([...ids, ids[50], ids[3]]))).toBe(100);
    expect(firstDuplicateId(items([ids[0], ...ids]))).toBe(1);
    expect(firstDuplicateId(items(ids.slice(0, 10).concat(ids.slice(0, 10))))).toBe(10);
  });
});

describe("LazyIdIndex", () => {
  it("answers as the Map of the same items, built when first asked", () => {
    const list = ["a", "b", "c"].map((id, index) => ({ id, index }));
    const lazy = new LazyIdIndex(list);
    const map = indexById(list, "investments");
    expect(lazy.get("b")).toBe(map.get("b"));
    expect(lazy.has("z")).toBe(false);
    expect(lazy.size).toBe(3);
    expect([...lazy]).toEqual([...map]);
    expect([...lazy.keys()]).toEqual(["a", "b", "c"]);
    const seen: string[] = [];
    lazy.forEach((v, k, m) => {
      expect(m).toBe(lazy);
      seen.push(`${k}=${v.index}`);
    });
    expect(seen).toEqual(["a=0", "b=1", "c=2"]);
  });
});

describe("evaluate() and validateScenario() refuse the same duplicate", () => {
  const fault = (f: () => unknown) => {
    try {
      f();
      return undefined;
    } catch (e) {
      return { name: (e as Error).name, message: (e as Error).message, field: (e as KiaValidationError).field };
    }
  };
  it("for ledgers with repeated ids, numbers and texts alike (1 and '1' are one id)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom("1", "2", "x", "X")), { minLength: 1, maxLength: 12 }), (ids) => {
        const scenario = { year: 2025, investments: ids.map((id) => ({ id, category: "machine", amount: 1000 })) };
        const a = fault(() => evaluate(scenario));
        expect(a).toEqual(fault(() => validateScenario(scenario)));
        expect(a === undefined).toBe(new Set(ids.map(String)).size === ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it("a calamity's replacement is found by id when the index is built on demand", () => {
    const scenario = {
      year: 2025,
      investments: [
        { id: "oud", category: "machine", amount: 5000, lostByCalamity: { replacedBy: "nieuw" } },
        { id: "nieuw", category: "machine", amount: 6000 },
      ],
    };
    expect(evaluate(scenario).calamity?.items.map((i) => i.replacedBy)).toEqual(["nieuw"]);
    expect(fault(() => evaluate({ ...scenario, investments: [scenario.investments[0]] }))).toEqual(
      fault(() => validateScenario({ ...scenario, investments: [scenario.investments[0]] })),
    );
  });
});
