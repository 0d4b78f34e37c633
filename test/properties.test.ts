/** Property tests (fast-check) over the table, the partnership split and the scenario validation. */
import fc from "fast-check";
import { evaluate, kia, Decimal, KiaValidationError, allocate } from "../src";
import { establishedYears, getYearTable } from "../src/law";

const years = establishedYears();
const cents = fc.bigInt({ min: 0n, max: 50_000_000n }).map((c) => new Decimal(c.toString()).div(100));

describe("properties", () => {
  it("KIA >= 0, and <= 28% of the total except the law's own jump at the 28%/fixed edge (at most € 5)", () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...years), (total, year) => {
        const r = kia(total, year);
        expect(r.exact.gte(0)).toBe(true);
        const cap = total.times("0.28");
        if (r.exact.gt(cap)) {
          // Literal tables: e.g. 2018 fixed 15.863 > 28% x 56.642,01. Only in the fixed band, within the invariant.
          expect(r.band).toBe("fixed");
          const edge = getYearTable(year).bands[1].upTo!;
          expect(r.exact.minus(edge.times("0.28")).lte(5)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("the literal '<= 28%' property is false for the law's tables: 2018, € 56.643 -> € 15.863 > € 15.860,04", () => {
    const r = kia("56643", 2018);
    expect(r.exact.toString()).toBe("15863");
    expect(r.exact.gt(new Decimal("56643").times("0.28"))).toBe(true);
  });

  it("rounded KIA is the exact KIA rounded up to whole euros", () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...years), (total, year) => {
        const r = kia(total, year);
        expect(r.rounded.gte(r.exact)).toBe(true);
        expect(r.rounded.minus(r.exact).lt(1)).toBe(true);
        expect(r.rounded.isInteger()).toBe(true);
      }),
    );
  });

  it("partners' exact amounts sum to the partnership's exact KIA, for any key and weights", () => {
    const partner = fc.record({
      profit: fc.integer({ min: 0, max: 1000 }),
      capital: fc.bigInt({ min: 0n, max: 10_000_000_00n }).map((c) => new Decimal(c.toString()).div(100).toString()),
    });
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...years),
        fc.array(partner, { minLength: 2, maxLength: 7 }),
        fc.constantFrom("profit", "capital", "equal"),
        (amounts, year, ps, key) => {
          if (key === "profit" && ps.every((p) => p.profit === 0)) ps[0].profit = 1;
          if (key === "capital" && ps.every((p) => new Decimal(p.capital).isZero())) ps[0].capital = "1";
          const report = evaluate({
            year,
            investments: amounts.map((a, i) => ({ id: `i${i}`, category: "machine", amount: a.toString() })),
            partnership: { key, jointRequest: true, partners: ps.map((p, i) => ({ name: `P${i}`, ...p })) },
          });
          const sum = report.partners!.reduce((s, p) => s.plus(p.kiaExact), new Decimal(0));
          expect(sum.toString()).toBe(new Decimal(report.kiaExact).toString());
          for (const p of report.partners!) expect(new Decimal(p.kiaExact).gte(0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("allocate splits any amount exactly, larger weights never get less", () => {
    fc.assert(
      fc.property(cents, fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 9 }), (amount, ws) => {
        const parts = allocate(amount, ws.map((w, i) => ({ name: `p${i}`, profit: new Decimal(w) })), "profit");
        expect(parts.reduce((s, p) => s.plus(p.amount), new Decimal(0)).eq(amount)).toBe(true);
        for (let i = 0; i < ws.length; i++)
          for (let j = 0; j < ws.length; j++) if (ws[i] > ws[j]) expect(parts[i].amount.gte(parts[j].amount)).toBe(true);
      }),
    );
  });

  it("any input either evaluates or raises KiaValidationError", () => {
    const amount = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant("1234.56"), fc.constant(null), fc.constant(-1));
    const investment = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        category: fc.oneof(fc.constantFrom("machine", "grond", "Taxi", "x"), fc.integer()),
        amount,
        vatDeductible: fc.oneof(fc.boolean(), fc.string()),
        group: fc.constantFrom("g1", "g2"),
        relatedParty: fc.boolean(),
        exemption: fc.boolean(),
        paid: amount,
        inUse: fc.boolean(),
        lostByCalamity: fc.record({ replacedBy: fc.oneof(fc.string(), fc.constantFrom("0", "1")), approval: fc.boolean() }),
        eiaMia: fc.boolean(),
        typo: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const scenario = fc.oneof(
      fc.anything(),
      fc.record(
        {
          year: fc.oneof(fc.integer({ min: 2005, max: 2030 }), fc.string(), fc.double()),
          exact: fc.oneof(fc.boolean(), fc.string()),
          investments: fc.oneof(fc.array(investment, { maxLength: 6 }), fc.anything()),
          partnership: fc.oneof(
            fc.anything(),
            fc.record({
              key: fc.constantFrom("profit", "capital", "reserves", "equal", "bogus"),
              jointRequest: fc.boolean(),
              partners: fc.array(fc.record({ name: fc.string(), profit: amount, capital: amount, reserves: amount, outsideInvestments: amount }, { requiredKeys: ["name"] }), { maxLength: 4 }),
            }, { requiredKeys: ["partners"] }),
          ),
          disposals: fc.array(
            fc.record({ id: fc.string(), price: amount, investmentYear: fc.integer({ min: 2005, max: 2030 }), investmentAmount: amount, investmentYearTotal: amount }),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(scenario, (s) => {
        try {
          const r = evaluate(s);
          expect(typeof r.kia).toBe("string");
          expect(new Decimal(r.kiaExact).gte(0)).toBe(true);
        } catch (e) {
          if (!(e instanceof KiaValidationError)) throw e;
          expect(e.message).toContain(e.field);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
