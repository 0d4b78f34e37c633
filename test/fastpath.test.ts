/**
 * The integer path and the Decimal path give the same answer: for the table (kia) on hundreds of thousands of
 * amounts biased to every band edge of every year, and for whole evaluations (the same ledger with its amounts
 * written so that only the Decimal path can read them: "1234.500").
 */
import fc from "fast-check";
import { Decimal, evaluate, isAmountProblem, kia, readDutchAmount, readDutchCents } from "../src";
import { AmountSum, centsOfDecimal, centsOfNumber, centsOfString, centsText, divRound, isCentsText, Ratio } from "../src/cents";
import { establishedYears, getYearTable } from "../src/law";
import { kiaDecimal } from "../src/table";
import * as F from "../functions/kia-functions";

const years = establishedYears();
const edges = years.flatMap((y) =>
  getYearTable(y).bands.flatMap((b) => [b.over, b.upTo, b.phaseoutFrom].filter((x): x is Decimal => !!x).map((e) => ({ y, e: e.times(100).toNumber() }))),
);

/** cents near a band edge of a year (or anywhere, or near the top of the integer range) */
const centsArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -300, max: 300 })).map(([{ y, e }, d]) => ({ y, c: Math.max(0, e + d) })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...years), fc.integer({ min: 0, max: 60_000_000 })).map(([y, c]) => ({ y, c })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...years), fc.integer({ min: 1e15 - 1e6, max: 1e15 - 1 })).map(([y, c]) => ({ y, c })) },
);

describe("integer path = Decimal path", () => {
  // Plain comparisons in the loops (no expect() per case): 300.000 cases in a few seconds; failures are listed.
  it("kia() on 300.000 amounts at every band edge of every year, cents above and below, and near the top of the range", () => {
    const failures: string[] = [];
    for (const { y, c } of fc.sample(centsArb, { numRuns: 300_000, seed: 11 })) {
      const fast = kia(c / 100, y);
      const slow = kiaDecimal(new Decimal(c).div(100), y);
      if (
        !fast.exact.eq(slow.exact) ||
        fast.roundedNumber !== slow.rounded.toNumber() ||
        fast.band !== slow.band ||
        kia(centsText(c), y).roundedNumber !== fast.roundedNumber
      )
        failures.push(`${y} ${c} cents: integer ${fast.exact} / ${fast.roundedNumber}, decimal ${slow.exact} / ${slow.rounded}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("AmountSum adds in integer cents, and switches to a Decimal past 10^15 cents or at an amount with more decimals, exactly", () => {
    const amounts = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 1e14 }),
        fc.integer({ min: 0, max: 999_999 }).map((m) => new Decimal(m).div(1000)),
      ),
      { maxLength: 40 },
    );
    const failures: string[] = [];
    for (const list of fc.sample(amounts, { numRuns: 2_000, seed: 21 })) {
      const sum = new AmountSum();
      let expected = new Decimal(0);
      for (const a of list) {
        if (typeof a === "number") sum.addCents(a);
        else sum.addDecimal(a);
        expected = expected.plus(typeof a === "number" ? new Decimal(a).div(100) : a);
      }
      const wholeCents = list.every((a) => typeof a === "number") && expected.times(100).lt(1e15);
      if (!sum.value.eq(expected) || sum.wholeCents >= 0 !== wholeCents || (wholeCents && sum.wholeCents !== expected.times(100).toNumber()))
        failures.push(`${list.map(String).join(",")}: ${sum.value} / ${sum.wholeCents}, expected ${expected}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    const big = new AmountSum();
    big.addCents(999_999_999_999_999);
    big.addCents(1);
    expect([big.wholeCents, big.value.toString()]).toEqual([-1, "10000000000000"]);
  });

  it("Ratio: a whole-cent amount and the same amount as a Decimal get the same share (cents, half up)", () => {
    const failures: string[] = [];
    // A KIA / total is at most 28%; the amounts below € 10^13 (the integer path's range).
    const case_ = fc.tuple(fc.integer({ min: 1, max: 4_000_000_000 }), fc.integer({ min: 0, max: 2800 }), fc.integer({ min: 0, max: 1e15 - 1 }));
    for (const [t, permyriad, c] of fc.sample(case_, { numRuns: 20_000, seed: 22 })) {
      const k = Math.floor((t * permyriad) / 10000);
      const r = new Ratio(new Decimal(k).div(100), new Decimal(t).div(100));
      const fast = r.apply(c, "half-up");
      const slow = r.applyToAmount(new Decimal(c).div(100));
      const direct = new Decimal(c).times(k).div(t).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (!slow.eq(direct) || !slow.times(100).eq(fast)) failures.push(`${k}/${t} x ${c}: ${fast} ${slow} ${direct}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it("centsOfDecimal reads a Decimal's digits as decimal.js's arithmetic does: 200.000 Decimals of every length, exponent and sign", () => {
    // digits of 1 to 40 characters, a decimal point anywhere, an exponent: every shape of the base-10^7 words
    const decimals = fc.oneof(
      fc
        .tuple(fc.stringMatching(/^[0-9]{1,40}$/), fc.integer({ min: -45, max: 16 }), fc.boolean())
        .map(([digits, exp, neg]) => new Decimal(`${neg ? "-" : ""}${digits}e${exp}`)),
      fc.integer({ min: 0, max: 1e15 + 1000 }).map((c) => new Decimal(c).div(100)),
      fc
        .constantFrom("0", "-0", "1e13", "9999999999999.99", "9999999999999.999", "0.01", "0.001", "1234.50", "10000000", "0.10000000", "NaN", "Infinity")
        .map((t) => new Decimal(t)),
    );
    const failures: string[] = [];
    for (const d of fc.sample(decimals, { numRuns: 200_000, seed: 17 })) {
      const expected = d.isNegative() || !d.isFinite() || d.decimalPlaces() > 2 || d.gte(1e13) ? -1 : d.times(100).toNumber();
      if (centsOfDecimal(d) !== expected) failures.push(`${d.toString()}: ${centsOfDecimal(d)}, expected ${expected}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("every whole-cent amount reads the same as number, string and Decimal (100.000 amounts)", () => {
    const failures: number[] = [];
    for (const c of fc.sample(fc.integer({ min: 0, max: 1e15 - 1 }), { numRuns: 100_000, seed: 12 })) {
      if (centsOfNumber(c / 100) !== c || centsOfString(centsText(c)) !== c || !new Decimal(c / 100).eq(new Decimal(c).div(100))) failures.push(c);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("Dutch amount text: the one-pass scanner and the full reader agree (100.000 generated texts and random strings)", () => {
    const dutch = fc
      .tuple(
        fc.integer({ min: 0, max: 1e15 - 1 }),
        fc.boolean(),
        fc.constantFrom("", "€ ", "€", "EUR ", " ", "\u00a0€\u00a0"),
        fc.constantFrom("", " €", " EUR", " "),
        fc.constantFrom(0, 1, 2),
      )
      .map(([c, points, pre, post, dec]) => {
        const whole = Math.floor(c / 100);
        const body = points ? whole.toLocaleString("nl-NL") : String(whole);
        const cents = String(c % 100).padStart(2, "0");
        const frac = dec === 0 && c % 100 === 0 ? "" : dec === 1 && c % 10 === 0 ? "," + cents[0] : "," + cents;
        return pre + body + frac + post;
      });
    const failures: string[] = [];
    for (const t of [
      ...fc.sample(dutch, { numRuns: 100_000, seed: 17 }),
      ...fc.sample(fc.string({ maxLength: 12, unit: fc.constantFrom(..."0123456789.,€ E-ur") }), { numRuns: 50_000, seed: 18 }),
    ]) {
      const fast = readDutchCents(t);
      const full = readDutchAmount(t);
      const same = isAmountProblem(full)
        ? isAmountProblem(fast) && fast.problem === full.problem
        : typeof fast === "number" && (fast < 0 || new Decimal(fast).div(100).eq(full)); // -1: the Decimal path reads it
      if (!same) failures.push(JSON.stringify(t));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("amounts with more decimals or out of the integer range take the Decimal path", () => {
    expect(centsOfNumber(0.1 + 0.2)).toBe(-1);
    expect(centsOfNumber(1e13)).toBe(-1);
    expect(centsOfString("1234.567")).toBe(-1);
    expect(centsOfString("1234.50")).toBe(123450);
    expect(kia("69765.005", 2024).exact.toString()).toBe(kiaDecimal("69765.005", 2024).exact.toString());
  });

  it("isCentsText: a text the integer path reads is kept for the report exactly when it is centsText's own text", () => {
    // texts made of the characters an amount may have, so leading zeros, trailing zeros and spaces all occur
    const text = fc.string({ unit: fc.constantFrom("0", "0", "1", "5", ".", " "), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(text, fc.integer({ min: 0, max: 1e15 - 1 }).map(centsText)), (s) => {
        const c = centsOfString(s.trim());
        if (c >= 0) expect(isCentsText(s)).toBe(centsText(c) === s);
      }),
      { numRuns: 20_000, seed: 15 },
    );
    expect(["1234.5", "1234.56", "0.05", "0", "100"].map(isCentsText)).toEqual([true, true, true, true, true]);
    expect(["1234.50", "01234.5", "1.0", "1.00", " 12", "12 ", "00", "0.50"].map(isCentsText)).toEqual(Array(8).fill(false));
    // the report keeps the row's text; a row written otherwise gets centsText's
    const r = evaluate({
      year: 2025,
      investments: [
        { id: "a", category: "machine", amount: "1234.5" },
        { id: "b", category: "machine", amount: "0990.50" },
      ],
    });
    expect(r.assets.map((a) => a.amount)).toEqual(["1234.5", "990.5"]);
    // the text kept is the one whose cents were read: an amount read twice could differ (a getter)
    let reads = 0;
    const shifty = {
      id: "g",
      category: "machine",
      get amount() {
        return reads++ === 0 ? "1000" : "999";
      },
    };
    const g = evaluate({ year: 2025, investments: [shifty] });
    expect([g.assets[0].amount, g.total]).toEqual(["1000", "1000"]);
  });

  it("exact division and ratios never round except as asked", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        fc.bigInt({ min: 1n, max: 2n ** 60n }),
        fc.constantFrom("floor", "ceil", "half-up" as const),
        (n, d, mode) => {
          const want = mode === "floor" ? n / d : mode === "ceil" ? (n + d - 1n) / d : (2n * n + d) / (2n * d);
          if (n <= BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER)) expect(BigInt(divRound(Number(n), Number(d), mode))).toBe(want);
        },
      ),
      { numRuns: 20_000, seed: 13 },
    );
    const r = new Ratio(new Decimal("19535"), new Decimal("100003"));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (c) => {
        const want = new Decimal(c).times(19535).div(100003).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(r.apply(c, "half-up")).toBe(want);
      }),
      { numRuns: 20_000, seed: 14 },
    );
  });

  it("KIA.LEDGER gives the same rows for whole-cent numbers (integer path) and the same amounts as text with four decimals (Decimal path)", () => {
    const row = fc.record({ category: fc.constantFrom("machine", "computer", "personenauto"), c: fc.integer({ min: 0, max: 20_000_000 }) });
    fc.assert(
      fc.property(fc.constantFrom(...years), fc.array(row, { minLength: 1, maxLength: 40 }), (year, rows) => {
        const cats = rows.map((r) => [r.category]);
        const fast = F.ledger(
          cats,
          rows.map((r) => [r.c / 100]),
          year,
          null,
        );
        const text = (c: number) => {
          const t = centsText(c);
          const [w, f = ""] = t.split(".");
          return `${w},${f.padEnd(4, "0")}`; // "1234,5000": four decimals (three would be ambiguous: "1,000"), only the Decimal path reads it
        };
        const slow = F.ledger(
          cats,
          rows.map((r) => [text(r.c)]),
          year,
          null,
        );
        expect(fast).toEqual(slow);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it("a whole evaluation gives the same report on both paths", () => {
    const inv = fc.record({
      category: fc.constantFrom("machine", "computer", "personenauto"),
      c: fc.integer({ min: 0, max: 8_000_000 }),
      inUse: fc.boolean(),
      paidPct: fc.integer({ min: 0, max: 100 }),
      group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...years), fc.array(inv, { maxLength: 12 }), (year, rows) => {
        const fix = new Map<string, boolean>();
        const build = (slow: boolean) => ({
          year,
          investments: rows.map((r, i) => {
            const inUse = r.group ? (fix.has(r.group) ? fix.get(r.group)! : (fix.set(r.group, r.inUse), r.inUse)) : r.inUse;
            const paid = Math.floor((r.c * r.paidPct) / 100);
            return {
              id: `i${i}`,
              category: r.category,
              amount: slow ? centsText(r.c) + (centsText(r.c).includes(".") ? "0" : ".000") : r.c / 100,
              paid: slow ? centsText(paid) + (centsText(paid).includes(".") ? "0" : ".000") : paid / 100,
              inUse,
              ...(r.group ? { group: r.group } : {}),
            };
          }),
          partnership: {
            partners: [
              { name: "A", profit: 2 },
              { name: "B", profit: 1 },
            ],
          },
        });
        fix.clear();
        const a = evaluate(build(false));
        fix.clear();
        const b = evaluate(build(true));
        const pick = (r: ReturnType<typeof evaluate>) => ({
          total: r.total,
          kia: r.kiaExact,
          ded: r.deductibleThisYearExact,
          partners: r.partners!.map((p) => [p.kiaExact, p.deductibleThisYearExact]),
          attributed: r.assets.map((x) => x.kiaAttributed),
          amounts: r.assets.map((x) => new Decimal(x.amount).toString()),
        });
        expect(pick(a)).toEqual(pick(b));
      }),
      { numRuns: 3000, seed: 15 },
    );
  });
});
