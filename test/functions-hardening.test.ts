/**
 * The Excel functions with unusual input: years without a table, the shapes a range can have, amounts out of
 * range, ambiguous text, error cells, rich values, booleans and categories. Called through the exports Excel
 * calls (functions/functions.ts) and, where a formula shows it better, through HyperFormula.
 */
import { CellError, DetailedCellError, ErrorType } from "hyperformula";
import * as fn from "../functions/functions";
import { setLanguage } from "../functions/kia-functions";
import { followDisplayLanguage } from "../functions/language";
import { Decimal, kia, readDutchAmount, isAmountProblem } from "../src";
import { engine } from "./support/hyperformula";

type CFError = { code: string; message: string };
const CF = (globalThis as unknown as { CustomFunctions: { Error: new (code: string, message?: string) => CFError } }).CustomFunctions;

/** The CustomFunctions.Error a call throws (fails when it returns or throws anything else). */
function thrown(call: () => unknown): CFError {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    expect(e).toBeInstanceOf(CF.Error);
    return e as CFError;
  }
  throw new Error(`expected an error, got ${JSON.stringify(result)}`);
}

const reasonOf = (text: string) => {
  const r = readDutchAmount(text);
  if (!isAmountProblem(r)) throw new Error(`${text} is an amount`);
  return r.reason;
};

afterEach(() => setLanguage("nl"));

describe("a year without a table is #N/A, in every function", () => {
  it.each([2009, 2027, 1900, "2009"])("ELIGIBLE and REASON with %p give #N/A like AMOUNT (no internal error)", (year) => {
    const shown = String(year);
    for (const call of [
      () => fn.eligible("machine", 1000, year),
      () => fn.reason("machine", 1000, year),
      () => fn.amount(1000, year),
      () => fn.rate(1000, year),
      () => fn.partner(1000, 0.5, year),
      () => fn.marginal(1000, 100, year),
      () => fn.table(year),
      () => fn.ledger([["machine"]], [[1000]], year),
    ]) {
      const e = thrown(call);
      expect(e.code).toBe("#N/A");
      expect(e.message).toBe(`Geen KIA-tabel voor ${shown}`);
    }
  });

  it("REASON in English follows the language, and a missing year still means the latest table", () => {
    setLanguage("en");
    expect(thrown(() => fn.reason("machine", 1000, 2009)).message).toBe("Geen KIA-tabel voor 2009");
    expect(fn.reason("machine", 1000, null)).toMatch(/^Qualifies \(20\d\d\)/);
  });

  it("the functions bundle takes Excel's display language once Office is ready (KIA.REASON in English)", () => {
    try {
      followDisplayLanguage({ onReady: (cb: () => void) => cb(), context: { displayLanguage: "en-GB" } } as never);
      expect(fn.reason("machine", 1000, 2024)).toMatch(/^Qualifies \(2024\)/);
      followDisplayLanguage({ onReady: (cb: () => void) => cb(), context: { displayLanguage: "nl-NL" } } as never);
      expect(fn.reason("machine", 1000, 2024)).not.toMatch(/^Qualifies/);
      followDisplayLanguage(undefined);
    } finally {
      setLanguage("nl");
    }
  });

  it("DISINVESTMENT names the year without a table, investment or disposal", () => {
    expect(thrown(() => fn.disinvestment(5000, 8000, 2009, 100000, 2012)).message).toBe("Geen KIA-tabel voor 2009");
    expect(thrown(() => fn.disinvestment(5000, 8000, 2024, 100000, 2027)).message).toBe("Geen KIA-tabel voor 2027");
  });

  it("in a formula: =KIA.AFTREKBAAR(\"machine\";1000;2009) is #N/A", () => {
    const hf = engine([['=KIA.AFTREKBAAR("machine";1000;2009)', '=KIA.REDEN("machine";1000;2009)']], true);
    for (const col of [0, 1]) {
      const v = hf.getCellValue({ sheet: 0, col, row: 0 }) as DetailedCellError;
      expect(v.value).toBe("#N/B");
      expect(v.message).toBe("Geen KIA-tabel voor 2009");
    }
  });
});

describe("KIA.LEDGER takes every shape Excel can send", () => {
  const one = [[true, 60000, 16800]];

  it("a single cell: a scalar or a 1x1 array", () => {
    expect(fn.ledger("machine" as never, 60000 as never, 2024)).toEqual(one);
    expect(fn.ledger([["machine"]], [[60000]], 2024)).toEqual(one);
  });

  it("a single column, a single row, or one of each of the same length", () => {
    const col = fn.ledger([["machine"], ["computer"]], [[60000], [1000]], 2024);
    expect(col).toEqual([
      [true, 60000, 16800],
      [true, 1000, 280],
    ]);
    expect(fn.ledger([["machine", "computer"]], [[60000, 1000]], 2024)).toEqual(col);
    expect(fn.ledger([["machine", "computer"]], [[60000], [1000]], 2024)).toEqual(col);
  });

  it("an empty range: one blank row", () => {
    expect(fn.ledger([], [], 2024)).toEqual([["", "", ""]]);
    expect(fn.ledger([[]], [[]], 2024)).toEqual([["", "", ""]]);
  });

  it("other shapes: a clear Dutch #VALUE!", () => {
    const twoCols = thrown(() => fn.ledger([["machine", "computer"], ["machine", "computer"]], [[1], [2]], 2024));
    expect(twoCols.code).toBe("#VALUE!");
    expect(twoCols.message).toBe("categorieën: kies één kolom (of één rij), niet 2 rijen × 2 kolommen.");
    const counts = thrown(() => fn.ledger([["machine"], ["computer"], ["machine"]], [[1], [2]], 2024));
    expect(counts.message).toMatch(/^categorieën \(3 cellen\) en bedragen \(2 cellen\) moeten even lang zijn/);
    const ragged = thrown(() => fn.ledger([["machine"], ["computer", "x"]], [[1], [2]], 2024));
    expect(ragged.message).toMatch(/^categorieën: geen rechthoekig bereik/);
    const mixed = thrown(() => fn.ledger([["machine"], "computer"] as never, [[1], [2]], 2024));
    expect(mixed.message).toMatch(/^categorieën: geen rechthoekig bereik/);
  });

  it("in formulas: a single cell, a row, two columns", () => {
    const hf = engine([
      ["machine", "computer", 60000, 1000],
      ["=KIA.LEDGER(A1,C1,2024)"],
      ["=KIA.LEDGER(A1:B1,C1:D1,2024)"],
      [],
      ["=KIA.LEDGER(A1:B1,C1:D1,2024)"],
      [],
      ["=KIA.LEDGER(A1:B2,C1:C2,2024)"],
    ]);
    const row = (r: number) => [0, 1, 2].map((col) => hf.getCellValue({ sheet: 0, col, row: r }));
    expect(row(1)).toEqual([true, 60000, 16800]);
    expect(row(2)).toEqual([true, 60000, 16800]);
    expect(row(3)).toEqual([true, 1000, 280]);
    const err = hf.getCellValue({ sheet: 0, col: 0, row: 6 }) as DetailedCellError;
    expect(err.value).toBe("#VALUE!");
    expect(err.message).toContain("kies één kolom");
  });
});

describe("never Infinity, NaN or a number Excel cannot show; amounts in the core's range", () => {
  it("an absurd amount in a ledger is an error in its own row; the others are computed", () => {
    const rows = fn.ledger([["machine"], ["machine"], ["machine"], ["machine"]], [[1e300], [60000], [Number.MAX_VALUE], ["9".repeat(400)]], 2024);
    expect(rows[1]).toEqual([true, 60000, 16800]);
    for (const r of [0, 2, 3]) {
      const [a, b, c] = rows[r] as CFError[];
      expect(a).toBeInstanceOf(CF.Error);
      expect(a).toBe(b);
      expect(a).toBe(c);
      expect(a.code).toBe("#VALUE!");
      expect(a.message).toBe(
        r === 3 ? "bedrag: tekst is te lang voor een bedrag." : "bedrag is groter dan € 1.000.000.000.000.000 (10^15): geen investeringsbedrag.",
      );
    }
    expect((rows[0][0] as CFError).message).toContain("10^15");
    expect((rows[3][0] as CFError).message).toContain("te lang");
  });

  it.each([
    [-1, "totaal mag niet negatief zijn (-1)."],
    [1e15 + 2, "totaal is groter dan € 1.000.000.000.000.000 (10^15): geen investeringsbedrag (1000000000000002)."],
    [Infinity, "totaal moet een eindig getal zijn (Infinity)."],
    [NaN, "totaal moet een eindig getal zijn (geen getal)."],
    ["0,1234567890123456", 'totaal heeft meer dan 15 decimalen ("0,1234567890123456").'],
    ["-5", 'totaal mag niet negatief zijn ("-5").'],
    ["\u22125", 'totaal mag niet negatief zijn ("\u22125").'],
  ])("AMOUNT(%p) is refused with the core's reason", (total, message) => {
    const e = thrown(() => fn.amount(total, 2024));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(message);
  });

  it("the edges of the range are accepted: 0, -0, 10^15, 15 decimals, Excel's 15 significant digits", () => {
    expect(fn.amount(0, 2024)).toBe(0);
    expect(Object.is(fn.amount(-0, 2024), 0)).toBe(true);
    expect(fn.amount(1e15, 2024)).toBe(0);
    expect(fn.rate(1e15, 2024)).toBe(0);
    expect(fn.amount("0,123456789012345", 2024)).toBe(0);
    expect(fn.amount(0.1 + 0.2, 2024, true)).toBe(0); // 0.30000000000000004 is the cell's 0,3
    expect(fn.marginal(1e15, 1e15, 2024)).toBe(0);
  });
});

describe("amount text: the core's one Dutch reader", () => {
  it.each(["60,000", "2,800"])("%s is refused with both readings (the core's ambiguity reason)", (text) => {
    const e = thrown(() => fn.amount(text, 2024));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(`totaal: ${reasonOf(text)} ("${text}").`);
    const [int, frac] = text.split(",");
    expect(e.message).toContain(`${int},${frac.slice(0, 2)}`);
    expect(e.message).toContain(`${int}.${frac}`);
    const row = fn.ledger([["machine"]], [[text]], 2024)[0][0] as CFError;
    // In a ledger the cell is in the row itself: the message does not quote it (nor name the row).
    expect(row.message).toBe(`bedrag: ${reasonOf(text)}.`);
  });

  it('"€ 60.000,50" and "1.234" are read as before', () => {
    expect(fn.amount("€ 60.000,50", 2024)).toBe(kia(new Decimal("60000.50"), 2024).rounded.toNumber());
    expect(fn.amount(" \u00a0€\u00a060.000,50 ", 2024)).toBe(fn.amount(60000.5, 2024));
    expect(fn.ledger([["machine"]], [["1.234"]], 2024)).toEqual([[true, 1234, 0]]); // below the 2024 threshold
    expect(fn.eligible("machine", "1.234", 2024)).toBe(true);
    expect(fn.ledger([["machine"], ["machine"]], [["1.234"], [2000]], 2024)).toEqual([
      [true, 1234, 345.52],
      [true, 2000, 560],
    ]);
    expect(fn.amount("1234,5", 2024)).toBe(0);
  });
});

describe("an error cell in a ledger range keeps its meaning", () => {
  const rowError = (amount: unknown, category: unknown = "machine") =>
    fn.ledger([["machine"], [category]], [[60000], [amount]], 2024)[1] as CFError[];

  it.each([
    ["#N/A", "#N/A", "#N/B"],
    ["#VALUE!", "#VALUE!", "#WAARDE!"],
    ["#DIV/0!", "#DIV/0!", "#DEEL/0!"],
    ["#NUM!", "#NUM!", "#GETAL!"],
    ["#NAME?", "#NAME?", "#NAAM?"],
    ["#REF!", "#REF!", "#VERW!"],
    ["#NULL!", "#NULL!", "#LEEG!"],
  ])("a CustomFunctions.Error %s (what the runtime passes) keeps its code %s: 'cel bevat %s'", (code, result, dutch) => {
    const [a, b, c] = rowError(new CF.Error(code));
    expect(a.code).toBe(result);
    expect(a.message).toBe(`bedrag: cel bevat ${dutch}`);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("the data types form, HyperFormula's CellError and DetailedCellError, and an error in the category column", () => {
    expect(rowError({ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" })[0].message).toBe("bedrag: cel bevat #DEEL/0!");
    expect(rowError({ type: "Error", errorType: "Ref" })[0].message).toBe("bedrag: cel bevat #VERW!");
    expect(rowError({ type: "Error", errorType: "Spill" })[0].message).toBe("bedrag: cel bevat #OVERLOOP!"); // Dutch Excel names #SPILL! #OVERLOOP!
    const na = new CellError(ErrorType.NA);
    expect(rowError(na)[0].code).toBe("#N/A");
    expect(rowError(na)[0].message).toBe("bedrag: cel bevat #N/B");
    expect(rowError(new DetailedCellError(new CellError(ErrorType.DIV_BY_ZERO), "#DIV/0!"))[0].message).toBe("bedrag: cel bevat #DEEL/0!");
    expect(rowError(60000, new CF.Error("#REF!"))[0].message).toBe("categorie: cel bevat #VERW!");
  });

  it("in a formula: =1/0 and =NA() in the range; the message names neither the row nor the cell's value", () => {
    const hf = engine([
      ["machine", 60000, "=KIA.LEDGER(A1:A4,B1:B4,2024)"],
      ["machine", "=1/0"],
      ["=NA()", 1000],
      ["machine", -5],
    ]);
    expect([0, 1, 2].map((col) => hf.getCellValue({ sheet: 0, col: col + 2, row: 0 }))).toEqual([true, 60000, 16800]);
    const at = (row: number) => hf.getCellValue({ sheet: 0, col: 2, row }) as DetailedCellError;
    expect([at(1).value, at(1).message]).toEqual(["#DIV/0!", "bedrag: cel bevat #DEEL/0!"]);
    expect([at(2).value, at(2).message]).toEqual(["#N/A", "categorie: cel bevat #N/B"]);
    // a negative amount is a credit note or a correction: a question (#N/A), as the reader asks it
    expect([at(3).value, at(3).message]).toEqual(["#N/A", expect.stringMatching(/^Open vraag, de KIA van de staat is voorlopig: een negatief bedrag/)]);
    for (const r of [1, 2, 3]) expect(at(r).message).not.toMatch(/rij \d/i);
  });

  it("an error value in a scalar argument is named too (when Excel passes it)", () => {
    const e = thrown(() => fn.amount(new CF.Error("#DIV/0!"), 2024));
    expect([e.code, e.message]).toEqual(["#DIV/0!", "totaal: cel bevat #DEEL/0!"]);
    const na = thrown(() => fn.eligible("machine", 1000, new CF.Error("#N/A")));
    expect([na.code, na.message]).toEqual(["#N/A", "jaar: cel bevat #N/B"]);
  });

  it("one CustomFunctions.Error per mistake, shared by the rows and cells with that mistake", () => {
    const original = CF.Error;
    let built = 0;
    const Counting = class extends original {
      constructor(code: string, message?: string) {
        super(code, message);
        built++;
      }
    };
    (globalThis as unknown as { CustomFunctions: { Error: unknown } }).CustomFunctions.Error = Counting;
    try {
      // Seven mistakes, each row's value distinct where it can be: negative, not an amount, an unknown category,
      // an empty amount, WAAR as amount, a number as category, an error cell. Seven errors, whatever the rows.
      const n = 140;
      const kind = (i: number) => i % 7;
      const rows = fn.ledger(
        Array.from({ length: n }, (_, i) => [kind(i) === 2 ? `ruimteschip ${i}` : kind(i) === 5 ? 1000 + i : "machine"]),
        Array.from({ length: n }, (_, i) => [
          kind(i) === 6 ? new original("#N/A") : [-1 - i, `twaalf ${i}`, 1000, null, true, 1000][kind(i)],
        ]),
        2024,
      );
      expect(built).toBe(7);
      expect(rows.every((r) => r[0] instanceof Counting && r[0] === r[1] && r[1] === r[2])).toBe(true);
      expect(rows.slice(0, 7).map((r) => (r[0] as CFError).message)).toEqual([
        "Open vraag, de KIA van de staat is voorlopig: een negatief bedrag (creditnota of correctie?) telt niet mee; verminder het bedrag van het bedrijfsmiddel waar het bij hoort.",
        'bedrag: geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56".',
        "Onbekende categorie: gebruik een categorie zoals machine, inventaris, computer, software, gereedschap, bestelauto, verbouwing of overig",
        "bedrag ontbreekt: vul een bedrag in.",
        "bedrag moet een bedrag zijn, geen WAAR/ONWAAR.",
        'categorie moet tekst zijn, zoals "machine".',
        "bedrag: cel bevat #N/B",
      ]);
      expect(rows.slice(7, 14).map((r) => (r[0] as CFError).message)).toEqual(rows.slice(0, 7).map((r) => (r[0] as CFError).message));
    } finally {
      (globalThis as unknown as { CustomFunctions: { Error: unknown } }).CustomFunctions.Error = original;
    }
  });
});

describe("scalar parameters: one value; booleans and categories", () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["WAAR", true],
    ["onwaar", false],
    ["TRUE", true],
    [" false ", false],
    ["ja", true],
    ["Nee", false],
    ["1", true],
    ["0", false],
    [null, false],
    ["", false],
    ["yes", true],
    ["No", false],
  ])("exact %p is %p", (exact, isExact) => {
    expect(fn.amount(2800.01, 2024, exact)).toBe(isExact ? 784.0028 : 785);
  });

  // "x", "-", "n": marks in a ledger's yes/no column, but in a cell a formula points at they may mean "n.v.t."
  it.each([2, -1, 0.5, "misschien", "soms", "WAAR!", NaN, "x", "-", "n", "j", "wel", "niet"])("exact %p is refused", (exact) => {
    const e = thrown(() => fn.amount(2800.01, 2024, exact));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^exact moet WAAR of ONWAAR zijn \(niet .+\)\.$/);
  });

  it("btwAftrekbaar: the same rule in ELIGIBLE, REASON and LEDGER", () => {
    expect(fn.eligible("machine", 449.99, 2024, "nee")).toBe(false);
    expect(thrown(() => fn.eligible("machine", 500, 2024, 7)).message).toMatch(/^btwAftrekbaar moet WAAR of ONWAAR zijn/);
    expect(thrown(() => fn.ledger([["machine"]], [[500]], 2024, "soms")).message).toMatch(/^btwAftrekbaar moet WAAR of ONWAAR zijn/);
  });

  it("a range given to a scalar parameter is refused, a 1x1 array included (Excel passes the cell's value)", () => {
    const e = thrown(() => fn.eligible([["machine"]], 1000, 2024));
    expect(e.message).toBe("categorie: één waarde verwacht, geen bereik (1 × 1 cellen).");
    expect(thrown(() => fn.amount(1000, 2024, [[true]])).message).toBe("exact: één waarde verwacht, geen bereik (1 × 1 cellen).");
    expect(thrown(() => fn.amount([[1], [2], [3]], 2024)).message).toBe("totaal: één waarde verwacht, geen bereik (3 × 1 cellen).");
    expect(thrown(() => fn.table([2024, 2025])).message).toBe("jaar: één waarde verwacht, geen bereik (2 × 1 cellen).");
  });

  it("categories: text only, bounded in the message", () => {
    expect(thrown(() => fn.eligible(5, 1000, 2024)).message).toBe('categorie moet tekst zijn, zoals "machine" (niet 5).');
    expect(thrown(() => fn.eligible(true, 1000, 2024)).message).toMatch(/^categorie moet tekst zijn/);
    const long = thrown(() => fn.eligible("x".repeat(1_000_000), 1000, 2024));
    expect(long.message.startsWith("Onbekende categorie")).toBe(true);
    expect(long.message.length).toBeLessThan(300);
    expect(thrown(() => fn.eligible("  ", 1000, 2024)).message).toMatch(/^categorie ontbreekt/);
  });

  it("rich values: a formatted number is its number, an entity is refused", () => {
    expect(fn.amount({ type: "FormattedNumber", basicValue: 204000, numberFormat: "€ #.##0" }, 2014)).toBe(7783);
    expect(fn.amount({ type: "Double", basicValue: 204000 }, { type: "Double", basicValue: 2014 })).toBe(7783);
    const e = thrown(() => fn.amount({ type: "Entity", text: "Machine", properties: {}, basicValue: "#VALUE!" }, 2024));
    expect(e.message).toBe("totaal: een gegevenstype Entity is geen getal, tekst of WAAR/ONWAAR.");
    const unreadable = {
      get type(): string {
        throw new Error("getter");
      },
    };
    expect(thrown(() => fn.amount(unreadable, 2024)).message).toBe("totaal: onleesbare waarde.");
  });

  it("years: integers or four digits; no year is a clear message", () => {
    expect(fn.amount(60000, " 2024 ")).toBe(16800);
    expect(thrown(() => fn.amount(60000, 2024.5)).message).toBe("jaar moet een jaartal zijn, zoals 2025 (niet 2024.5).");
    expect(thrown(() => fn.amount(60000, "twintig")).message).toBe('jaar moet een jaartal zijn, zoals 2025 (niet "twintig").');
    expect(thrown(() => fn.amount(60000, null)).message).toBe("jaar ontbreekt: vul een jaar in, zoals 2025.");
    expect(thrown(() => fn.amount(60000, 1e308)).code).toBe("#N/A");
  });

  it("PARTNER: a share from 0 to 1, or text with a percent sign", () => {
    expect(fn.partner(100000, "25%", 2024)).toBe(4884);
    expect(fn.partner(100000, "25 %", 2024)).toBe(fn.partner(100000, 0.25, 2024));
    expect(thrown(() => fn.partner(100000, 25, 2024)).message).toMatch(/^aandeel 25 is groter dan 1/);
    expect(thrown(() => fn.partner(100000, "125%", 2024)).message).toMatch(/^aandeel 1,25 is groter dan 1/);
  });
});
