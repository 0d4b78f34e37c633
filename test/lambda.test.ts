/**
 * The KIA workbook name (src/lambda.ts): its LAMBDA body, with the parameters substituted, evaluated in the formula
 * engine of the functions' tests (HyperFormula has no LAMBDA and no LET, so the body is evaluated, not the name)
 * against kia() for 10.000 (total, year) pairs biased to the band edges, plus years without a table and refused
 * totals.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { kia } from "../src";
import { establishedYears, getYearTable, rawTablesData } from "../src/law";
import { KIA_EXACT_NAME, KIA_NAME, LAMBDA_PARAMETERS, lambdaBody, lambdaFileFormula, lambdaFormula, substituteParameters } from "../src/lambda";

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

  it("is native Excel: LAMBDA(total, year, …) in en-US form, no LET, within Excel's formula length; file form with _xlfn./_xlpm.", () => {
    const f = lambdaFormula();
    expect(f.startsWith(`=LAMBDA(${LAMBDA_PARAMETERS.join(",")},`)).toBe(true);
    expect(f).not.toMatch(/\bLET\(|;/);
    expect(f.length).toBeLessThan(8192);
    const file = lambdaFileFormula();
    expect(file.startsWith("_xlfn.LAMBDA(_xlpm.total,_xlpm.year,IF(ISNUMBER(_xlpm.total)*(_xlpm.total>=0),")).toBe(true);
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
      "=LAMBDA(total,year,IF(ISNUMBER(total)*(total>=0),IF(ISNA(MATCH(year,{2025},0)),NA(),IF(total<=2900,0,IF(total<=70602,ROUNDUP(ROUND(total*0.28,6),0),IF(total<=130744,19769,IF(total<=392230,ROUNDUP(ROUND(19769-(total-130744)*0.0756,6),0),0))))),#VALUE!))",
    );
    expect(() => lambdaBody([2027])).toThrow(/Geen KIA-tabel voor 2027/);
    expect(() => lambdaBody([])).toThrow();
  });

  it("substitutes only whole parameter names, outside strings", () => {
    expect(substituteParameters('IF(total>year,"total year",totals+yearly)', { total: "A1", year: "B$2" })).toBe('IF(A1>B$2,"total year",totals+yearly)');
    expect(substituteParameters("total*2", { total: "A1+1", year: "0" })).toBe("(A1+1)*2");
  });
});
