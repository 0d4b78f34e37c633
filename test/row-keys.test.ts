/**
 * validateInvestment reads of a plain row only the fields its keys name (keyBits); any other object has every field
 * read, so a row whose fields are getters of its class, or which has no prototype, says what a plain row says.
 */
import fc from "fast-check";
import { evaluate } from "../src";
import { isIsoDate } from "../src/scenario/investment";

const plain = { id: "M1", category: "machine", amount: "5000", paid: "1000", inUse: false, date: "2025-04-01", description: "Draaibank" };

class Row {
  id = "M1";
  category = "machine";
  amount = "5000";
  // on the prototype: not enumerable, not an own key
  get paid() {
    return "1000";
  }
  get inUse() {
    return false;
  }
  get date() {
    return "2025-04-01";
  }
  get description() {
    return "Draaibank";
  }
}

const report = (row: object) => evaluate({ year: 2025, investments: [row, { id: "M2", category: "machine", amount: "3000" }] });

describe("the fields a row has", () => {
  it("a row of a class with getters is read as the plain row", () => {
    const want = report(plain);
    expect(want.assets[0].description).toBe("Draaibank");
    expect(want.payment?.items.map((i) => i.paid)).toEqual(["1000"]);
    expect(report(new Row())).toEqual(want);
  });

  it("a row without a prototype is read as the plain row", () => {
    expect(report(Object.assign(Object.create(null), plain))).toEqual(report(plain));
  });

  it("a plain row that leaves fields out has their defaults", () => {
    const r = report({ id: "M1", category: "machine", amount: "5000" });
    expect(r.assets[0]).toMatchObject({ id: "M1", counted: true, eligible: true });
    expect(r.assets[0].description).toBeUndefined();
    expect(r.payment).toBeUndefined();
  });
});

describe("isIsoDate", () => {
  // what readDate accepted before: the regular expression and Date.UTC
  const before = (t: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  };
  it("accepts what the regular expression with Date.UTC accepted, and nothing else", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    // every day number 0..32 of every month 0..13 of years around the edges (0-99 were read as 19xx: refused)
    for (const y of [0, 1, 99, 100, 1600, 1700, 1900, 2000, 2023, 2024, 2025, 2100, 2400, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const t = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect([t, isIsoDate(t)]).toEqual([t, before(t)]);
        }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "-", " ", "x", "٣", "\n"), maxLength: 12 }), (t) => {
        expect(isIsoDate(t)).toBe(before(t));
      }),
      { numRuns: 5000 },
    );
  });

  it("a date with spaces around it is read without them; one that is none is refused", () => {
    const r = (date: unknown) => evaluate({ year: 2025, investments: [{ id: "M1", category: "machine", amount: "5000", date }] });
    const codes = (date: string) => r(date).warnings.map((w) => w.code);
    expect(codes(" 2025-02-28 ")).not.toContain("DATE_OUTSIDE_YEAR");
    expect(codes(" 2024-02-29\n")).toContain("DATE_OUTSIDE_YEAR");
    expect(() => r("2025-02-29")).toThrow("verwacht een datum als jjjj-mm-dd");
    expect(() => r("0025-02-28")).toThrow("verwacht een datum als jjjj-mm-dd");
  });
});
