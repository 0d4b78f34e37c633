/** Reading a fixed-asset ledger: headers with synonyms, every cell with the core's readers, problems per cell. */
import { evaluate } from "../src";
import { columnLetter, mapHeaders, readDisposals, readLedger, readPartners, serialToIso, type Cell } from "../src/workbook/ledger";

describe("headers", () => {
  it("finds columns by Dutch and English names, ignoring case, spaces and punctuation", () => {
    const { mapping, unmapped } = mapHeaders(["Omschrijving", "CATEGORY", "Bedrag", "btw-aftrek", "In gebruik", "Vervangen door", "EIA/MIA", "Datum", "Opmerking"]);
    expect(mapping).toMatchObject({ description: 0, category: 1, amount: 2, vatDeductible: 3, inUse: 4, replacedBy: 5, eiaMia: 6, date: 7 });
    expect(unmapped).toEqual(["Opmerking"]);
  });
  it("column letters", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("rows", () => {
  const headers = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald", "In gebruik", "Groep", "Vervangen door", "Datum"];
  const { mapping } = mapHeaders(headers);
  const rows: Cell[][] = [
    ["M1", "Draaibank", "machine", 60000, null, "ja", null, null, 45383],
    ["M2", "Pers", "Machines en installaties", "€ 40.000,00", "2.000", "nee", null, null, "15-03-2024"],
    [null, null, null, null, null, null, null, null, null],
    ["M3", "Oude machine", "machine", 10000, null, null, null, "M4", { date: "2024-05-01" }],
    ["M4", "Nieuwe machine", "machine", 10000, null, null, null, null, null],
    ["X1", "Onbekend", "ruimteschip", 100, null, null, null, null, null],
    ["X2", "Dubbelzinnig", "machine", "60,000", null, null, null, null, null],
    ["X3", "Fout", "machine", { error: "#N/A" }, null, "misschien", null, null, null],
    ["M1", "Dubbel nummer", "machine", 500, null, null, null, null, null],
  ];
  const read = readLedger(rows, mapping, { firstRow: 5, firstColumn: 1 });

  it("good rows become investments; empty rows are skipped", () => {
    expect(read.investments.map((i) => i.id)).toEqual(["M1", "M2", "M3", "M4"]);
    expect(read.rows).toEqual([5, 6, 8, 9]);
    expect(read.skipped).toBe(1);
    expect(read.investments[0]).toMatchObject({ category: "machine", amount: "60000", inUse: true, date: "2024-04-01" });
    expect(read.investments[1]).toMatchObject({ category: "machine", amount: "40000", paid: "2000", inUse: false, date: "2024-03-15" });
    expect(read.investments[2]).toMatchObject({ lostByCalamity: { replacedBy: "M4" }, date: "2024-05-01" });
  });

  it("every problem names the sheet row, the column letter and what was expected", () => {
    const p = read.problems.map((x) => `${x.row}${x.columnLetter} ${x.field}: ${x.message}`);
    expect(p).toEqual([
      expect.stringMatching(/^10D category: onbekende categorie; gebruik een categorie zoals machine/),
      expect.stringMatching(/^11E amount: dubbelzinnig bedrag: bedoelt u 60,00 of 60\.000\?/),
      expect.stringMatching(/^12E amount: cel bevat #N\/B; verwacht een bedrag/),
      expect.stringMatching(/^12G inUse: geen ja of nee/),
      expect.stringMatching(/^13B id: nummer M1 staat ook in rij 5/),
    ]);
  });

  it("the investments evaluate", () => {
    const r = evaluate({ year: 2024, investments: read.investments });
    // 120.000 and, with the calamity approval, 110.000 both give the fixed 19.535: no reason to use it.
    expect(r.total).toBe("120000");
    expect(r.calamity).toMatchObject({ applied: false, choice: "best", kiaWith: "19535", kiaWithout: "19535" });
  });

  it("Excel date serials", () => {
    expect(serialToIso(45383)).toBe("2024-04-01");
    expect(serialToIso(1)).toBe("1900-01-01");
    expect(serialToIso(59)).toBe("1900-02-28");
    expect(serialToIso(61)).toBe("1900-03-01");
    expect(serialToIso(60)).toBeNull();
    expect(serialToIso(-3)).toBeNull();
  });
});

describe("partners and disposals sheets", () => {
  it("reads partners with Dutch headers, shares written as 50 or 50%", () => {
    const r = readPartners(["Naam", "Rechtsvorm", "Winstaandeel", "Kapitaal", "Eigen bedrijfsmiddelen in onderneming"], [
      ["Anna", "natuurlijk persoon", "50%", "€ 10.000", null],
      ["Bert", "bv", 30, 5000, 12000],
      [null, null, null, null, null],
      ["Cees", null, "veel", null, null],
    ]);
    expect(r.items).toEqual([
      { name: "Anna", legalForm: "natuurlijk persoon", profit: "50", capital: "10000" },
      { name: "Bert", legalForm: "bv", profit: "30", capital: "5000", ownAssetsInPartnership: "12000" },
    ]);
    // a profit share is a share, not a euro amount: the message says what it expects
    expect(r.problems.map((p) => `${p.row}${p.columnLetter}: ${p.message}`)).toEqual(["5C: aandeel (over)winst: geen aandeel; verwacht een aandeel zoals 60% of 0,6"]);
    const e = evaluate({ year: 2024, investments: [{ id: "a", category: "machine", amount: 10000 }], partnership: { partners: r.items as never } });
    // Bert uses own assets in the enterprise (2021+): 28% x (10.000 + 12.000) x (3/8 x 10.000 + 12.000) / 22.000 = 4.410
    expect(e.partners!.map((p) => p.kiaExact)).toEqual(["1750", "4410"]);
  });

  it("a bad share expects a share (60% or 0,6); a bad capital or reserves an amount; '33,333%' is a third", () => {
    const r = readPartners(["Naam", "Winstaandeel", "Kapitaal", "Stille reserves"], [
      ["A", "winst", "veel", null],
      ["B", -0.5, -100, "1,5 miljoen"],
      ["C", "-10%", null, null],
      ["D", true, null, null],
      ["E", "33,333%", null, null],
      ["F", "33,333", null, null],
      ["G", "60", "€ 10.000", "2.500,50"], // one scale with E's 33,333% (sharesInOneScale)
    ]);
    expect(r.problems.map((p) => `${p.columnLetter}${p.row}: ${p.message}`)).toEqual([
      "B2: aandeel (over)winst: geen aandeel; verwacht een aandeel zoals 60% of 0,6",
      'C2: kapitaal: geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56"',
      "B3: aandeel (over)winst: negatief aandeel; verwacht een aandeel zoals 60% of 0,6",
      "C3: kapitaal: bedrag mag niet negatief zijn; verwacht een bedrag zoals 1.234,56",
      'D3: stille reserves: geen bedrag; gebruik een getal of tekst zoals "€ 1.234,56"',
      "B4: aandeel (over)winst: negatief aandeel; verwacht een aandeel zoals 60% of 0,6",
      "B5: aandeel (over)winst: geen aandeel; verwacht een aandeel zoals 60% of 0,6",
      "B7: aandeel (over)winst: dubbelzinnig aandeel (een komma en drie cijfers; als percentage, zoals 33,333%, is de komma de decimale komma); verwacht een aandeel zoals 60% of 0,6",
    ]);
    expect(r.items).toEqual([
      { name: "E", profit: "33.333" },
      { name: "G", profit: "60", capital: "10000", reserves: "2500.5" },
    ]);
  });

  it("reads disposals, linked to this year's investment or with their investment year", () => {
    const r = readDisposals(["Nummer", "Verkoopprijs", "Investeringsjaar", "Investeringsbedrag", "Totaal investeringsjaar", "Investering dit jaar"], [
      ["V1", 5000, 2021, 8000, 100000, null],
      ["V2", "30.000", null, null, null, "M3"],
      ["V3", 100, "ooit", 1, 1, null],
    ]);
    expect(r.items).toEqual([
      { id: "V1", price: "5000", investmentYear: 2021, investmentAmount: "8000", investmentYearTotal: "100000" },
      { id: "V2", price: "30000", investment: "M3" },
    ]);
    expect(r.problems[0].message).toContain("investeringsjaar: verwacht een jaartal");
    expect(r.rows).toEqual([2, 3]);
  });
});
