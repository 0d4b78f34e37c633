/**
 * Boundary tests for every year with a table: threshold, +0,01, each band edge, the ceiling, +0,01.
 * Expected values come from an independent oracle: integer arithmetic in micro-euros (BigInt) over the
 * raw JSON, not the Decimal code under test.
 */
import { establishedYears, rawTablesData } from "../src/law";
import { kia, Decimal, KiaValidationError, NoTableError } from "../src";

const MICRO = 1_000_000n;
/** euros as a string with at most 2 decimals -> micro-euros */
function micro(euros: string): bigint {
  const [i, f = ""] = euros.split(".");
  return BigInt(i) * MICRO + BigInt((f + "000000").slice(0, 6));
}
/** percentage string such as "7.56" -> basis points x 100 (7.56 -> 75600 parts per million) */
function ppm(percent: string): bigint {
  const [i, f = ""] = percent.split(".");
  return BigInt(i) * 10000n + BigInt((f + "0000").slice(0, 4));
}
function oracle(year: number, totalEuros: string): { kind: string; micro: bigint } {
  const bands = rawTablesData().years[String(year)].bands!;
  const t = micro(totalEuros);
  for (const b of bands) {
    if (b.upTo === null || t <= BigInt(b.upTo) * MICRO) {
      switch (b.kind) {
        case "percentage":
          return { kind: b.kind, micro: (t * ppm(b.percent!)) / 1_000_000n };
        case "fixed":
          return { kind: b.kind, micro: BigInt(b.fixed!) * MICRO };
        case "phase-out":
          return { kind: b.kind, micro: BigInt(b.fixed!) * MICRO - ((t - BigInt(b.phaseoutFrom!) * MICRO) * ppm(b.phaseoutPercent!)) / 1_000_000n };
        default:
          return { kind: b.kind, micro: 0n };
      }
    }
  }
  throw new Error("no band");
}
const toMicro = (d: Decimal) => BigInt(d.times(1_000_000).toFixed(0));
const ceilEuro = (m: bigint) => (m % MICRO === 0n ? m / MICRO : m / MICRO + 1n);

describe.each(establishedYears())("KIA table %i: every band edge", (year) => {
  const bands = rawTablesData().years[String(year)].bands!;
  const edges: string[] = ["0", "0.01"];
  for (const b of bands) {
    if (b.upTo !== null) edges.push(`${b.upTo}`, `${b.upTo}.01`, `${b.upTo - 1}.99`);
  }
  it.each(edges)("total %s", (total) => {
    const r = kia(total, year);
    const o = oracle(year, total);
    expect(r.band).toBe(o.kind);
    expect(toMicro(r.exact)).toBe(o.micro);
    expect(BigInt(r.rounded.toFixed(0))).toBe(ceilEuro(o.micro));
    expect(r.rounded.isInteger()).toBe(true);
  });

  it("threshold: 0 at the threshold, 28% one cent above it", () => {
    const threshold = bands[0].upTo!;
    expect(kia(`${threshold}`, year).exact.toString()).toBe("0");
    expect(kia(`${threshold}.01`, year).exact.toString()).toBe(new Decimal(`${threshold}.01`).times("0.28").toString());
  });

  it("ceiling: phase-out value at the ceiling, 0 one cent above it", () => {
    const ceiling = bands[3].upTo!;
    expect(kia(`${ceiling}`, year).band).toBe("phase-out");
    expect(kia(`${ceiling}`, year).exact.gte(0)).toBe(true); // 2010: 15.120 - 7,56% x 200.000 = 0 exactly
    expect(kia(`${ceiling}.01`, year).band).toBe("above-ceiling");
    expect(kia(`${ceiling}.01`, year).exact.toString()).toBe("0");
  });
});

describe("KIA table: published figures", () => {
  it.each([
    // [year, total, band, exact, rounded, source]
    [2021, "2400", "none", "0", "0", "issue #2 / seed 2021 table"],
    [2021, "2400.01", "percentage", "672.0028", "673", "issue #2"],
    [2021, "59170", "percentage", "16567.6", "16568", "28% band edge"],
    [2021, "59170.01", "fixed", "16568", "16568", "fixed band"],
    [2021, "328721", "phase-out", "0.4868", "1", "kia-tables knownQuirks: 0,49 at the limit"],
    [2021, "328721.01", "above-ceiling", "0", "0", "issue #2"],
    [2014, "204000", "phase-out", "7782.3116", "7783", "besluit 2014 onderdeel 4.4: 7.782,31 -> 7.783"],
    [2016, "119385", "phase-out", "14504.8428", "14505", "HR 1-5-2020: 14.504,84 -> 14.505"],
    [2016, "190482", "phase-out", "9129.9096", "9130", "Rb Gelderland 2019:5587"],
    [2026, "398236", "phase-out", "0.956", "1", "kia-tables knownQuirks: 0,96 at the 2026 limit"],
  ] as const)("%i: %s -> %s %s (%s)", (year, total, band, exact, rounded, _source) => {
    const r = kia(total, year);
    expect(r.band).toBe(band);
    expect(r.exact.toString()).toBe(exact);
    expect(r.rounded.toString()).toBe(rounded);
  });

  it("exact option: no rounding", () => {
    const r = kia("204000", 2014, { exact: true });
    expect(r.rounded.toString()).toBe("7782.3116");
  });

  it("effective rate and explanation", () => {
    const r = kia("204000", 2014);
    expect(r.rate.toDecimalPlaces(10).toString()).toBe("0.0381485863");
    const text = r.explanation.map((s) => s.text).join("\n");
    expect(text).toContain("meer dan € 102.311 maar niet meer dan € 306.931");
    expect(text).toContain("€ 7.782,3116 wordt € 7.783");
    expect(r.explanation.every((s) => typeof s.ref === "string")).toBe(true);
  });

  it("accepts numbers, decimal strings and Decimals alike", () => {
    expect(kia(59170.01, 2021).exact.toString()).toBe("16568");
    expect(kia(new Decimal("0.1").plus("2400"), 2021).exact.toString()).toBe("672.028");
    expect(kia(2400.1, 2021).exact.toString()).toBe("672.028");
  });

  it("rejects bad totals and years without a table", () => {
    expect(() => kia(-1, 2021)).toThrow(KiaValidationError);
    expect(() => kia("abc", 2021)).toThrow(/bedrag/);
    expect(() => kia(Number.NaN, 2021)).toThrow(KiaValidationError);
    expect(() => kia(1000, 2027)).toThrow(NoTableError);
    expect(() => kia(1000, 2027)).toThrow("Geen KIA-tabel voor 2027");
    expect(() => kia(1000, 2021.5)).toThrow(NoTableError);
  });
});
