/**
 * Real formula strings in a real formula engine (HyperFormula), English and Dutch syntax.
 * HyperFormula needs TRUE()/FALSE() where Excel also accepts the bare literals TRUE/FALSE.
 */
import { DetailedCellError } from "hyperformula";
import { establishedYears, rawTablesData } from "../src/law";
import { engine } from "./support/hyperformula";

const value = (hf: ReturnType<typeof engine>, col: number, row: number, sheet = 0) => hf.getCellValue({ sheet, col, row });

describe("formulas, English syntax", () => {
  it("evaluates with cell references", () => {
    const hf = engine([
      [204000, 2014, "=KIA.AMOUNT(A1,B1)", "=KIA.AMOUNT(A1,B1,TRUE())", "=KIA.RATE(A1,B1)"],
      ["machine", 449.99, "=KIA.ELIGIBLE(A2,B2)", "=KIA.ELIGIBLE(A2,450)", '=KIA.REASON(A2,B2,2024)'],
      [100000, 0.25, "=KIA.PARTNER(A3,B3,2024)", "=KIA.MARGINAL(60000,5000,2024)", '=KIA.DISINVESTMENT(5000,8000,2021,100000,2024)'],
      ["€ 1.234,56", 2024, "=KIA.AMOUNT(A4,B4)", "=KIA.AMOUNT(2800,2024)", "=KIA.AMOUNT(2800.01,2024)"],
    ]);
    expect(value(hf, 2, 0)).toBe(7783);
    expect(value(hf, 3, 0)).toBeCloseTo(7782.3116, 10);
    expect(value(hf, 4, 0)).toBeCloseTo(0.03814858627, 10);
    expect(value(hf, 2, 1)).toBe(false);
    expect(value(hf, 3, 1)).toBe(true);
    expect(String(value(hf, 4, 1))).toContain("Komt niet in aanmerking (2024)");
    expect(String(value(hf, 4, 1))).toContain("art. 3.45 lid 2 onderdeel b Wet IB 2001");
    expect(value(hf, 2, 2)).toBe(4884); // 19.535 x 25% = 4.883,75 -> up
    expect(value(hf, 3, 2)).toBe(1400); // 65.000 -> 18.200; 60.000 -> 16.800
    expect(value(hf, 4, 2)).toBe(828); // 5.000 x 16.568 / 100.000 = 828,40 -> down
    expect(value(hf, 2, 3)).toBe(0); // € 1.234,56 is below the threshold
    expect(value(hf, 3, 3)).toBe(0);
    expect(value(hf, 4, 3)).toBe(785); // 2.800,01 x 28% = 784,0028 -> 785
  });

  it("gives #VALUE! and #N/A with Dutch messages, never an unhandled exception", () => {
    const hf = engine([
      ["=KIA.AMOUNT(-1,2024)", "=KIA.AMOUNT(1000,2027)", '=KIA.ELIGIBLE("ruimteschip",1000)', '=KIA.AMOUNT("twaalf",2024)', "=KIA.AMOUNT(,2024)", "=KIA.AMOUNT(1/0,2024)"],
    ]);
    const errs = [0, 1, 2, 3, 4, 5].map((c) => value(hf, c, 0) as DetailedCellError);
    expect(errs[0].value).toBe("#VALUE!");
    expect(errs[0].message).toContain("mag niet negatief zijn");
    expect(errs[1].value).toBe("#N/A");
    expect(errs[1].message).toBe("Geen KIA-tabel voor 2027");
    expect(errs[2].value).toBe("#VALUE!");
    expect(errs[2].message).toContain("Onbekende categorie");
    expect(errs[2].message).toContain("gebruik een categorie zoals machine");
    expect(errs[3].message).toContain("geen bedrag");
    expect(errs[4].message).toContain("ontbreekt");
    expect(errs[5].value).toBe("#DIV/0!");
  });

  it("spills KIA.TABLE with a header row", () => {
    const hf = engine([["=KIA.TABLE(2021)"]]);
    expect(value(hf, 0, 0)).toBe("Meer dan");
    expect(value(hf, 1, 2)).toBe(59170);
    expect(value(hf, 4, 3)).toBe(16568);
    expect(value(hf, 5, 4)).toBeCloseTo(0.0756, 12);
    expect(value(hf, 2, 5)).toBe("above-ceiling");
  });

  it("spills KIA.LEDGER one row per asset, with per-row errors and blank rows", () => {
    const hf = engine([
      ["machine", 60000, "=KIA.LEDGER(A1:A5,B1:B5,2024)"],
      ["personenauto", 30000],
      ["gereedschap", 449.99],
      ["ruimteschip", 1000],
      [null, null],
      ["bestelauto", 40000],
    ]);
    expect([value(hf, 2, 0), value(hf, 3, 0), value(hf, 4, 0)]).toEqual([true, 60000, 16800]);
    expect([value(hf, 2, 1), value(hf, 3, 1), value(hf, 4, 1)]).toEqual([false, 0, 0]);
    expect(value(hf, 2, 2)).toBe(false);
    const err = value(hf, 2, 3) as DetailedCellError;
    expect(err.value).toBe("#VALUE!");
    expect(err.message).toMatch(/^Onbekende categorie: /);
    expect(value(hf, 2, 4)).toBe("");
  });
});

describe("formulas, Dutch syntax (;, decimal comma, Dutch names)", () => {
  it("evaluates KIA.BEDRAG and friends", () => {
    const hf = engine(
      [
        [2400.01, 2021, "=KIA.BEDRAG(A1;B1)", "=KIA.BEDRAG(2400,01;2021)", '=KIA.AFTREKBAAR("Machine";450;2024;ONWAAR())'],
        ["=KIA.VENNOOT(100000;0,25;2024)", "=ALS(KIA.BEDRAG(A1;B1)>600;\"ja\";\"nee\")", "=KIA.BEDRAG(1000;2009)"],
      ],
      true,
    );
    expect(value(hf, 2, 0)).toBe(673);
    expect(value(hf, 3, 0)).toBe(673);
    expect(value(hf, 4, 0)).toBe(true);
    expect(value(hf, 0, 1)).toBe(4884);
    expect(value(hf, 1, 1)).toBe("ja");
    expect((value(hf, 2, 1) as DetailedCellError).message).toBe("Geen KIA-tabel voor 2009");
  });
});

describe("differential test: KIA.AMOUNT vs an accountant's nested IF over a parameter table", () => {
  it("10.000 random (total, year) rows, zero mismatches", () => {
    const years = establishedYears();
    // Parameter sheet: year, threshold, 28%-edge, fixed, phase-out from, ceiling, phase-out %.
    const params = years.map((y) => {
      const b = rawTablesData().years[String(y)].bands!;
      return [y, b[0].upTo, b[1].upTo, b[2].fixed, b[3].phaseoutFrom, b[3].upTo, Number(b[3].phaseoutPercent) / 100];
    });
    let seed = 20261123;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows: unknown[][] = [];
    for (let i = 1; i <= 10000; i++) {
      const y = years[Math.floor(rnd() * years.length)];
      const ceiling = params[years.indexOf(y)][5] as number;
      // totals in cents, biased to the band edges: a random edge +/- up to 2 euros, or anywhere up to ceiling + 10%
      const edges = params[years.indexOf(y)].slice(1, 6) as number[];
      const cents = rnd() < 0.5 ? Math.round(edges[Math.floor(rnd() * 5)] * 100 + (rnd() * 400 - 200)) : Math.floor(rnd() * ceiling * 110);
      const total = Math.max(0, cents) / 100;
      const v = (c: number) => `VLOOKUP(B${i},Params!$A$1:$G$${years.length},${c},FALSE())`;
      const nested = `=IF(A${i}<=${v(2)},0,IF(A${i}<=${v(3)},ROUNDUP(ROUND(A${i}*0.28,6),0),IF(A${i}<=${v(4 + 1)},${v(4)},IF(A${i}<=${v(6)},ROUNDUP(ROUND(${v(4)}-${v(7)}*(A${i}-${v(5)}),6),0),0))))`;
      rows.push([total, y, `=KIA.AMOUNT(A${i},B${i})`, nested]);
    }
    const hf = engine({ Sheet1: rows, Params: params });
    let mismatches = 0;
    const examples: unknown[] = [];
    for (let r = 0; r < rows.length; r++) {
      const a = hf.getCellValue({ sheet: 0, col: 2, row: r });
      const b = hf.getCellValue({ sheet: 0, col: 3, row: r });
      if (a !== b) {
        mismatches++;
        if (examples.length < 5) examples.push({ row: r + 1, total: rows[r][0], year: rows[r][1], custom: a, nested: b });
      }
    }
    expect(examples).toEqual([]);
    expect(mismatches).toBe(0);
  }, 60000);
});
