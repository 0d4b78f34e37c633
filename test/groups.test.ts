/**
 * Group names in the core as the template's formulas match them (issue 17 §2): Excel's TRIM, not case-sensitive,
 * never a pattern. The template side is in test/template.test.ts (the same cases in HyperFormula).
 */
import { evaluate, validateRows } from "../src";

const part = (id: string, group: string, amount = 300) => ({ id, category: "computer", amount, group });

describe("group names", () => {
  it("2024, a machine of 10.000 and two parts of 300 in 'PC set' and 'PC set ': one group, total 10.600", () => {
    const r = evaluate({ year: 2024, investments: [{ id: "m", category: "machine", amount: 10000 }, part("a", "PC set"), part("b", "PC set ")] });
    expect(r.total).toBe("10600");
  });
  it("case and a double space inside do not count; every row takes the first row's spelling", () => {
    const r = evaluate({ year: 2024, investments: [part("a", "PC set"), part("b", " pc  SET")] });
    expect(r.total).toBe("600");
    expect(r.assets.map((a) => a.group)).toEqual(["PC set", "PC set"]);
  });
  it("* ? ~ < > are plain characters", () => {
    const r = evaluate({ year: 2024, investments: [part("a", "PC*"), part("b", "PC 2"), part("c", "PC?"), part("d", "<PC"), part("e", "PC")] });
    expect(r.total).toBe("0");
  });
  it("validateRows groups the same way: a disagreeing group of two spellings is left out whole", () => {
    const rows = validateRows({
      year: 2024,
      investments: [
        { ...part("a", "Kast", 600), inUse: true },
        { ...part("b", "KAST ", 600), inUse: false },
      ],
    });
    expect(rows.errors.map((e) => e.field)).toEqual(["investments[0].group", "investments[1].inUse"]);
  });
});
