/**
 * The KIA workbook name (src/lambda.ts): its LAMBDA body, with the parameters substituted, evaluated in the formula
 * engine of the functions' tests (HyperFormula has no LAMBDA and no LET, so the body is evaluated, not the name)
 * against kia() for 10.000 (total, year) pairs biased to the band edges, for every year's band edges, ±1 cent,
 * amounts with cents and with fractions of a cent (the ROUND before ROUNDUP, NOISE_DECIMALS), plus years without a
 * table and refused totals.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { kia } from "../src";
import { establishedYears, getYearTable, rawTablesData } from "../src/law";
import { Decimal } from "../src/decimal";
import { KIA_EXACT_NAME, KIA_NAME, LAMBDA_PARAMETERS, lambdaBody, lambdaFileFormula, lambdaFormula, NOISE_DECIMALS, substituteParameters } from "../src/lambda";

const years = establishedYears();
const hfConfig = { licenseKey: "gpl-v3", maxRows: 1_000_000 };

/** Totals in whole cents, biased to the band edges: an edge ± up to € 2, an edge ± one cent, or anywhere. */
function pairs(n: number, seed: number): [number, number][] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    const edges = getYearTable(y)
      .bands.map((b) => b.upTo)
      .filter((e) => e !== null)
      .map((e) => e!.toNumber());
    const ceiling = edges[edges.length - 1];
    const edge = edges[Math.floor(rnd() * edges.length)];
    const r = rnd();
    const cents =
      r < 0.35
        ? Math.round(edge * 100 + (rnd() * 400 - 200))
        : r < 0.5
          ? edge * 100 + [-1, 0, 1][Math.floor(rnd() * 3)]
          : r < 0.55
            ? Math.floor(rnd() * 100000) // below € 1.000, with 0
            : Math.floor(rnd() * ceiling * 115);
    out.push([Math.max(0, cents) / 100, y]);
  }
  return out;
}

describe("the KIA LAMBDA", () => {
  const body = lambdaBody();
  const exactBody = lambdaBody(undefined, { exact: true });

  it("10.000 random (total, year) pairs biased to band edges: 0 differences from kia(), rounded and exact", () => {
    const data = pairs(10000, 20260301);
    const n = data.length;
    // A: total, B: year. C1 and D1: the rounded and the exact body with the parameters substituted by the whole
    // columns, evaluated element by element (array arithmetic, as Excel spills =KIA(A1:A10000; B1:B10000)): one
    // formula each instead of 10.000, a second instead of ten. E/F: the same bodies per cell (parameters
    // substituted by the row's cells) on a sample of rows, to show that both ways give the same.
    const SAMPLE = 300;
    const cell = (b: string, r: number) => "=" + substituteParameters(b, { total: `A${r}`, year: `B${r}` });
    const rows = data.map(([t, y], i) => [
      t,
      y,
      i === 0 ? "=" + substituteParameters(body, { total: `A1:A${n}`, year: `B1:B${n}` }) : null,
      i === 0 ? "=" + substituteParameters(exactBody, { total: `A1:A${n}`, year: `B1:B${n}` }) : null,
      i < SAMPLE ? cell(body, i + 1) : null,
      i < SAMPLE ? cell(exactBody, i + 1) : null,
    ]);
    const hf = HyperFormula.buildFromArray(rows, { ...hfConfig, useArrayArithmetic: true });
    const values = hf.getSheetValues(0);
    const differences: unknown[] = [];
    data.forEach(([t, y], i) => {
      const r = kia(t, y);
      const [, , rounded, exact, roundedCell, exactCell] = values[i];
      const sameExact = typeof exact === "number" && Math.abs(exact - r.exact.toNumber()) < 1e-7;
      const sameCells = i >= SAMPLE || (roundedCell === rounded && exactCell === exact);
      if (rounded !== r.roundedNumber || !sameExact || !sameCells)
        differences.push({ row: i + 1, total: t, year: y, lambda: rounded, lambdaExact: exact, kia: r.roundedNumber, kiaExact: r.exact.toString(), roundedCell, exactCell });
    });
    expect(differences.slice(0, 5)).toEqual([]);
    expect(differences.length).toBe(0);
    expect(values.length).toBe(n); // the spills filled every row
    // the sample reaches every band of every year
    const seen = new Set(data.map(([t, y]) => `${y}:${kia(t, y).band}`));
    for (const y of years) for (const b of getYearTable(y).bands) expect(seen).toContain(`${y}:${b.kind}`);
    hf.destroy();
  }, 60000);

  describe("ROUND(x;9) before ROUNDUP: every year at the band edges, ±1 cent, amounts with cents and with fractions of a cent", () => {
    /*
     * What this guards. The body rounds one thing: the band's amount x, with ROUND(x;NOISE_DECIMALS) just before
     * ROUNDUP(…;0) (it divides nothing, so no quotient is carried). For a total in whole cents the exact KIA has at
     * most 6 decimals (cents × a rate with 4 decimals, 7,56%), so ROUND(x;6) and ROUND(x;9) agree on every such
     * total: no whole-cent case can tell them apart, and the band edges, ±1 cent and the amounts with cents below
     * guard that the noise is removed (without any ROUND, 2275 × 0,28 = 637,0000000000001 in floating point would
     * round up to 638). What tells 6 from 9 apart is a total with fractions of a cent, which an Excel cell can hold
     * and kia() takes exactly: with up to 5 decimals the exact KIA has at most 9, and where its fraction lies in
     * (0; 0,0000005) ROUND(x;6) takes it down to a whole euro that kia() rounds up, e.g. KIA(38928,57143; 2014) =
     * 10.900,0000004: kia() € 10.901, ROUND(x;6) € 10.900. Such totals are constructed below for every band with a
     * rate in every year, and the ROUND(x;6) variant of the body must miss every one of them.
     */
    const ROUND_6 = (b: string) => b.split(`,${NOISE_DECIMALS}),0)`).join(",6),0)");
    const NO_ROUND = (b: string) => b.split("ROUNDUP(ROUND(").join("ROUNDUP((").split(`,${NOISE_DECIMALS}),0)`).join("),0)");

    /** The smallest x >= from with a·x ≡ target (mod m), or undefined (extended Euclid, in BigInt). */
    function solve(a: bigint, target: bigint, m: bigint, from: bigint): bigint | undefined {
      const mod = (x: bigint, n: bigint) => ((x % n) + n) % n;
      let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n]; // invariant: r_i ≡ s_i·a (mod m)
      while (r1 !== 0n) {
        const q = r0 / r1;
        [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
      }
      const g = r0; // gcd(a, m), and s0·a ≡ g
      if (mod(target, g) !== 0n) return undefined;
      const n = m / g;
      const x = mod(s0 * (target / g), n);
      return from + mod(x - from, n);
    }

    /**
     * For each band with a rate and d = 3, 4, 5 decimals: the first total with d decimals in the band whose exact KIA
     * has a fraction in (0; 5·10^-7), where ROUND(x;6) goes down and kia() up. In units of 10^-(d+4) euro the exact
     * KIA modulo a euro is u·bp (percentage, total = u·10^-d, 28% = 2800 bp) or −v·bp (phase-out, v = u − start·10^d):
     * a linear congruence. None with 3 or 4 decimals at 28% (u·2800 is a multiple of 400 units, and 5·10^-7 euro is
     * 5 or 50 of them), one with 5; one each with 3, 4 and 5 decimals at 7,56%.
     */
    const lostBySixCache = new Map<number, number[]>();
    function lostBySix(year: number): number[] {
      const cached = lostBySixCache.get(year);
      if (cached) return cached;
      const out: number[] = [];
      for (const b of getYearTable(year).bands) {
        if (b.kind !== "percentage" && b.kind !== "phase-out") continue;
        const bp = BigInt((b.kind === "percentage" ? b.rate! : b.phaseoutRate!).times(10000).toNumber());
        for (let d = 3; d <= 5; d++) {
          const scale = 10n ** BigInt(d);
          const M = 10n ** BigInt(d + 4);
          const limit = 5n * 10n ** BigInt(d - 3); // 5·10^-7 euro in units of 10^-(d+4)
          const start = b.kind === "percentage" ? 0n : BigInt(b.phaseoutFrom!.toNumber()) * scale;
          const from = BigInt(b.over!.toNumber()) * scale + 1n - start;
          let best: bigint | undefined;
          for (let t = 1n; t < limit; t++) {
            const x = solve(bp, b.kind === "percentage" ? t : M - t, M, from);
            if (x !== undefined && (best === undefined || x < best)) best = x;
          }
          if (best !== undefined && best + start <= BigInt(b.upTo!.toNumber()) * scale) out.push(Number(best + start) / 10 ** d);
        }
      }
      lostBySixCache.set(year, out);
      return out;
    }

    const years = establishedYears();
    let s = 20260302;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    type Case = { total: number; year: number; kind: "edge" | "cents" | "round" | "fraction" | "lost-by-6" };
    const cases: Case[] = [];
    for (const year of years) {
      const t = getYearTable(year);
      const edges = t.bands.filter((b) => b.upTo !== null).map((b) => b.upTo!.toNumber());
      const top = edges[edges.length - 1] * 1.15;
      for (const e of edges) for (const c of [-1, 0, 1]) cases.push({ total: Math.round(e * 100 + c) / 100, year, kind: "edge" });
      for (const e of edges) for (const f of [-0.001, 0.001, -0.00001, 0.00001]) cases.push({ total: Number((e + f).toFixed(5)), year, kind: "fraction" });
      cases.push({ total: 0, year, kind: "edge" }, { total: 0.01, year, kind: "edge" });
      for (let i = 0; i < 150; i++) cases.push({ total: Math.floor(rnd() * top * 100) / 100, year, kind: "cents" });
      for (let i = 0; i < 40; i++) cases.push({ total: Math.floor((rnd() * top) / 25) * 25, year, kind: "round" }); // exact KIA often whole: noise shows
      for (let i = 0; i < 60; i++) {
        const d = 3 + Math.floor(rnd() * 3);
        cases.push({ total: Math.floor(rnd() * top * 10 ** d) / 10 ** d, year, kind: "fraction" });
      }
      for (const total of lostBySix(year)) cases.push({ total, year, kind: "lost-by-6" });
    }
    cases.push({ total: 38928.57143, year: 2014, kind: "lost-by-6" }); // the example in src/lambda.ts

    let values: unknown[][];
    beforeAll(() => {
      const n = cases.length;
      const col = (b: string) => "=" + substituteParameters(b, { total: `A1:A${n}`, year: `B1:B${n}` });
      const hf = HyperFormula.buildFromArray(
        cases.map((c, i) => [c.total, c.year, ...(i === 0 ? [col(body), col(exactBody), col(ROUND_6(body)), col(NO_ROUND(body))] : [])]),
        // precisionRounding 14: values are read with 15 significant digits, as Excel holds them (the default, 10,
        // would cut the exact KIA of a sub-cent total before the comparison)
        { ...hfConfig, useArrayArithmetic: true, precisionRounding: 14 },
      );
      values = hf.getSheetValues(0);
      hf.destroy();
    }, 60000);

    it("the body rounds only the band's amount, with ROUND(x;9), once per band with a rate", () => {
      expect(NOISE_DECIMALS).toBe(9);
      const rounds = body.match(/ROUND\(/g)!.length;
      expect(rounds).toBe(body.match(/ROUNDUP\(ROUND\(/g)!.length);
      expect(body.split(`,${NOISE_DECIMALS}),0)`).length - 1).toBe(rounds);
      expect(rounds).toBe(2); // the 28% band and the phase-out
      expect(body).not.toMatch(/\//); // no division: nothing to carry
      expect(ROUND_6(body)).not.toContain(`,${NOISE_DECIMALS})`);
      expect(NO_ROUND(body)).not.toMatch(/ROUND\(/);
    });

    it(`covers every year ${years[0]}–${years[years.length - 1]}, every band, and constructs totals that ROUND(x;6) gets wrong for every band with a rate`, () => {
      for (let y = 2010; y <= 2026; y++) expect(years).toContain(y);
      for (const y of years) {
        const kinds = new Set(cases.filter((c) => c.year === y).map((c) => kia(c.total, y).band));
        for (const b of getYearTable(y).bands) expect([y, kinds.has(b.kind)]).toEqual([y, true]);
        expect([y, lostBySix(y).length]).toEqual([y, 4]); // 28%: 5 decimals; 7,56%: 3, 4 and 5 decimals
      }
      for (const c of cases.filter((x) => x.kind === "lost-by-6")) {
        const exact = kia(c.total, c.year).exact;
        const fraction = exact.minus(exact.floor());
        expect(fraction.gt(0) && fraction.lt("0.0000005")).toBe(true);
        expect(new Decimal(c.total).decimalPlaces()).toBeLessThanOrEqual(5);
      }
    });

    it("ROUND(x;9): 0 differences from kia() (rounded and exact) on every case", () => {
      const differences = cases
        .map((c, i) => ({ ...c, lambda: values[i][2], lambdaExact: values[i][3], kia: kia(c.total, c.year).roundedNumber, kiaExact: kia(c.total, c.year).exact.toNumber() }))
        .filter((d) => d.lambda !== d.kia || typeof d.lambdaExact !== "number" || Math.abs(d.lambdaExact - d.kiaExact) > 1e-7);
      expect(differences.slice(0, 5)).toEqual([]);
      expect(values.length).toBe(cases.length);
    });

    it("ROUND(x;6) agrees on every whole-cent case and misses every constructed one; no ROUND at all misses whole-cent cases", () => {
      const wrong = (column: number, kind: Case["kind"][]) =>
        cases.filter((c, i) => kind.includes(c.kind) && values[i][column] !== kia(c.total, c.year).roundedNumber);
      const whole: Case["kind"][] = ["edge", "cents", "round"];
      expect(wrong(4, whole)).toEqual([]);
      const lost = cases.filter((c) => c.kind === "lost-by-6");
      expect(wrong(4, ["lost-by-6"])).toEqual(lost);
      expect(lost.length).toBe(4 * years.length + 1);
      expect(wrong(4, ["lost-by-6"]).find((c) => c.total === 38928.57143)).toBeDefined();
      // the other bound: without the ROUND the binary noise of whole-cent totals rounds up a whole euro
      expect(wrong(5, whole).length).toBeGreaterThan(0);
      expect(wrong(5, whole).every((c) => values[cases.indexOf(c)][5] === kia(c.total, c.year).roundedNumber + 1)).toBe(true);
    });

    it("beyond 5 decimals ROUND(x;9) can cut a digit kia() keeps (the limit stated in src/lambda.ts)", () => {
      const hf = HyperFormula.buildFromArray([[`=${substituteParameters(body, { total: "10000.000000001", year: "2025" })}`]], hfConfig);
      expect(kia(10000.000000001, 2025).exact.toString()).toBe("2800.00000000028");
      expect([hf.getCellValue({ sheet: 0, col: 0, row: 0 }), kia(10000.000000001, 2025).roundedNumber]).toEqual([2800, 2801]);
      hf.destroy();
    });
  });

  it("a year without a table gives #N/A; a negative or non-number total #VALUE! (before the year, like KIA.AMOUNT); errors pass through", () => {
    const na = [2009, 2027, 2001, 1990, 2024.5, '"2025"', '""', "TRUE()"];
    const value = ["-1", "-0.01", '"1000"', '"€ 1.234,56"', "TRUE()", '""'];
    const cells = [
      ...na.map((y) => [`=${substituteParameters(body, { total: "50000", year: String(y) })}`]),
      ...value.map((t) => [`=${substituteParameters(body, { total: t, year: "2025" })}`]),
      [`=${substituteParameters(body, { total: "-1", year: "2027" })}`],
      [`=${substituteParameters(body, { total: "1/0", year: "2025" })}`],
      [`=${substituteParameters(body, { total: "1000", year: "1/0" })}`],
      [`=${substituteParameters(body, { total: "C1", year: "2025" })}`], // an empty cell
    ];
    const hf = HyperFormula.buildFromArray(cells, hfConfig);
    const got = hf.getSheetValues(0).map((r) => (r[0] instanceof DetailedCellError ? r[0].value : r[0]));
    expect(got).toEqual([...na.map(() => "#N/A"), ...value.map(() => "#VALUE!"), "#VALUE!", "#DIV/0!", "#DIV/0!", "#VALUE!"]);
    // kia() agrees where it can be asked: no table for those years
    for (const y of [2009, 2027, 2001, 1990, 2024.5]) expect(() => kia(50000, y)).toThrow(/Geen KIA-tabel/);
    hf.destroy();
  });

  it("works element by element over ranges (=KIA(A1:A5; B1:B5) spills), refusals included", () => {
    const hf = HyperFormula.buildFromArray(
      [
        [-1, 2025, "=" + substituteParameters(body, { total: "A1:A5", year: "B1:B5" })],
        [1000, 2027],
        ["x", 2025],
        [50000, 2025],
        [204000, 2014],
      ],
      { ...hfConfig, useArrayArithmetic: true },
    );
    const got = hf.getSheetValues(0).map((r) => (r[2] instanceof DetailedCellError ? r[2].value : r[2]));
    expect(got).toEqual(["#VALUE!", "#N/A", "#VALUE!", 14000, 7783]);
    hf.destroy();
  });

  it("is native Excel: LAMBDA(totaal, jaar, …) (Dutch parameters, as the docs write =KIA(totaal; jaar)) in en-US form, no LET, within Excel's formula length; file form with _xlfn./_xlpm.", () => {
    const f = lambdaFormula();
    expect(f.startsWith(`=LAMBDA(${LAMBDA_PARAMETERS.join(",")},`)).toBe(true);
    expect(f).not.toMatch(/\bLET\(|;/);
    expect(f.length).toBeLessThan(8192);
    const file = lambdaFileFormula();
    expect(file.startsWith("_xlfn.LAMBDA(_xlpm.totaal,_xlpm.jaar,IF(ISNUMBER(_xlpm.totaal)*(_xlpm.totaal>=0),")).toBe(true);
    expect(file).not.toMatch(/(?<![._])\b(total|year)\b/); // every parameter use has its prefix
    // only functions HyperFormula (and Excel) know
    const known = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));
    for (const fn of f.slice(1).matchAll(/([A-Z][A-Z0-9.]*)\(/g)) if (fn[1] !== "LAMBDA") expect(known).toContain(fn[1]);
    expect([KIA_NAME, KIA_EXACT_NAME]).toEqual(["KIA", "KIA_EXACT"]);
  });

  it("is generated from the law data: every established year and its amounts are in it, and nothing else", () => {
    const f = lambdaFormula();
    expect(f).toContain(`{${years.join(",")}}`);
    for (const y of years) {
      for (const b of rawTablesData().years[String(y)].bands!) {
        for (const v of [b.upTo, b.fixed, b.phaseoutFrom]) if (typeof v === "number") expect(f).toMatch(new RegExp(`[{,]${v}[,}]|[=(]${v}[,)]`));
      }
    }
    expect(f).toContain("*0.28");
    expect(f).toContain("*0.0756");
    expect(f).not.toContain("2027");
    // a single year needs no lookups
    expect(lambdaFormula([2025])).toBe(
      "=LAMBDA(totaal,jaar,IF(ISNUMBER(totaal)*(totaal>=0),IF(ISNA(MATCH(jaar,{2025},0)),NA(),IF(totaal<=2900,0,IF(totaal<=70602,ROUNDUP(ROUND(totaal*0.28,9),0),IF(totaal<=130744,19769,IF(totaal<=392230,ROUNDUP(ROUND(19769-(totaal-130744)*0.0756,9),0),0))))),#VALUE!))",
    );
    expect(() => lambdaBody([2027])).toThrow(/Geen KIA-tabel voor 2027/);
    expect(() => lambdaBody([])).toThrow();
  });

  it("substitutes only whole parameter names, outside strings", () => {
    expect(substituteParameters('IF(totaal>jaar,"totaal jaar",totalen+jaarlijks)', { total: "A1", year: "B$2" })).toBe('IF(A1>B$2,"totaal jaar",totalen+jaarlijks)');
    expect(substituteParameters("totaal*2", { total: "A1+1", year: "0" })).toBe("(A1+1)*2");
  });
});
