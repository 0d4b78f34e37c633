/**
 * Exactness at the edges of the accepted range, and figures quoted exactly (issue 17 §1).
 */
import { evaluate, kia, KiaValidationError, validateScenario } from "../src";
import { Decimal } from "../src/decimal";
import { Exact } from "../src/exact";
import fc from "fast-check";

describe("exact at the edges of the range", () => {
  it("own assets against a capital key of 31 digits: kiaExact 19535, kia 19.535 (was 19535.0000000001 and 19.536)", () => {
    const r = evaluate({
      year: 2024,
      investments: [{ id: "a", category: "machine", amount: 76406 }],
      partnership: {
        key: "capital",
        jointRequest: true,
        partners: [
          { name: "A", capital: "999999999999999.999999999999999", ownAssetsInPartnership: "1.190284050536245" },
          { name: "B", capital: 0 },
        ],
      },
    });
    const a = r.partners!.find((p) => p.name === "A")!;
    expect(a.kiaExact).toBe("19535");
    expect(a.kia).toBe("19535");
  });

  it("Exact: a x (b + c) / d equals the quotient at 400 digits, rounded once", () => {
    const Big = Decimal.clone({ precision: 400 });
    const num = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 31n }), fc.integer({ min: 0, max: 15 })).map(([n, s]) => new Decimal(`${n}e-${s}`));
    fc.assert(
      fc.property(num, num, num, num.filter((d) => !d.isZero()), fc.constantFrom(Decimal.ROUND_CEIL, Decimal.ROUND_FLOOR, Decimal.ROUND_HALF_UP), (a, b, c, d, mode) => {
        const got = Exact.of(a).times(Exact.of(b).plus(c)).divTo(d, 10, mode);
        const want = new Big(a.toFixed()).times(new Big(b.toFixed()).plus(new Big(c.toFixed()))).div(new Big(d.toFixed())).toDecimalPlaces(10, mode as 0);
        expect(got.toFixed()).toBe(want.toFixed());
      }),
      { numRuns: 500, seed: 17 },
    );
  });
});

describe("kia() on a report's own total", () => {
  it("a total above 10^15 given as a string is accepted (it is a sum of amounts)", () => {
    const total = "2000000000000450.5";
    const big = { category: "machine", amount: "1000000000000000" };
    expect(kia(total, 2024).rounded.toFixed()).toBe(kia(new Decimal(total), 2024).rounded.toFixed());
    const report = evaluate({
      year: 2024,
      investments: [
        { id: "a", ...big },
        { id: "b", ...big },
        { id: "c", category: "machine", amount: "450.5" },
      ],
    });
    expect(report.total).toBe(total);
    expect(kia(report.total, 2024).exact.toFixed()).toBe(report.kiaExact);
  });
  it("above 10^22 it is refused as a total, not as an amount", () => {
    expect(() => kia("1" + "0".repeat(22) + ".5", 2024)).toThrow(/totaal is groter dan .*10\^22/);
  });
});

describe("messages show amounts exactly", () => {
  it("PAID_EXCEEDS_AMOUNT names 100,004, not 100,00", () => {
    expect(() =>
      validateScenario({ year: 2024, investments: [{ id: "a", category: "machine", amount: 100.004, paid: 100.005 }] }),
    ).toThrow("investeringsbedrag (€ 100,004)");
  });
});

describe("a share is a weight", () => {
  const scenario = (profit: unknown) => ({
    year: 2024,
    investments: [{ id: "a", category: "machine", amount: 30000 }],
    partnership: { key: "profit", partners: [{ name: "A", profit }, { name: "B", profit: 1 / 3 }, { name: "C", profit: 1 / 3 }] },
  });
  it("a JSON float profit share (JSON.stringify(1/3)) is accepted", () => {
    const r = evaluate(JSON.parse(JSON.stringify(scenario(1 / 3))));
    expect(r.partners!.map((p) => p.share)).toEqual(["0.3333333333", "0.3333333333", "0.3333333333"].map((s) => expect.stringMatching(new RegExp("^" + s))));
  });
  it("a refused share is called a share", () => {
    let e: unknown;
    try {
      evaluate(scenario(-1));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(KiaValidationError);
    expect((e as Error).message).toContain("winstaandeel mag niet negatief zijn");
    expect((e as Error).message).not.toContain("bedrag");
  });
});
