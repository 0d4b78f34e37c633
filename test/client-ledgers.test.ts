/**
 * Client ledgers not made from the template (trial 19), as a Dutch tax accountant gets them: headers and layouts
 * found in hand-made activastaten and bookkeeping exports, through kia-calc. Every figure is hand-checked from the
 * 2025 table: 28 % above € 2.900 up to € 70.602, rounded up to whole euros.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { call } from "./support/cli";

const tmp = mkdtempSync(join(tmpdir(), "kia-client-ledgers-"));

async function xlsx(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
  const path = join(tmp, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("headers of hand-made ledgers", () => {
  test.each(["Aanschafwaarde excl. btw", "Aanschafwaarde (excl. BTW)", "Investeringsbedrag excl. btw", "Aanschafbedrag exclusief btw"])(
    "the amount headed %p is the ledger's amount",
    async (header) => {
      const path = join(tmp, "excl.csv");
      writeFileSync(
        path,
        `Omschrijving;Rubriek;Aanschafdatum;${header}\nKappersstoelen;Inventaris;01-02-2025;€ 4.800,00\nWasunits;Installaties;01-02-2025;€ 6.250,00\n`,
      );
      const r = await call(["--year", "2025", path]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      // 4.800 + 6.250 = 11.050 x 28 % = 3.094
      expect(report.total).toBe("11050");
      expect(report.kia).toBe("3094");
    },
  );

  test("a partners sheet headed 'Aandeel winst' (with a capital column) divides by the profit shares", async () => {
    const path = await xlsx("voorblad-vennoten.xlsx", {
      Voorblad: [["Jaarrekening 2025"], ["Klant", "Kapsalon Knip & Co VOF"]],
      Activa: [
        ["Omschrijving", "Rubriek", "Aanschafdatum", "Aanschafwaarde"],
        ["Kappersstoelen (4)", "Inventaris", "01-02-2025", "€ 4.800,00"],
        ["Wasunits", "Installaties", "01-02-2025", "€ 6.250,00"],
      ],
      Vennoten: [
        ["Naam", "Aandeel winst", "Kapitaal"],
        ["S. Knip", "60%", "€ 10.000"],
        ["T. Co", "40%", "€ 12.000"],
      ],
    });
    const before = readFileSync(path);
    const r = await call(["--year", "2025", path]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    // 11.050 x 28 % = 3.094; 60 % = 1.856,40 -> 1.857; 40 % = 1.237,60 -> 1.238 (by profit share, not capital)
    expect(report.kia).toBe("3094");
    expect(report.partners.map((p: { name: string; kia: string }) => [p.name, p.kia])).toEqual([
      ["S. Knip", "1857"],
      ["T. Co", "1238"],
    ]);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe("a ledger without a year whose rows are not read", () => {
  test("kia-calc says which cells were not read, not only that there are no investment dates", async () => {
    // an English-format export: every amount refused, so no readable row has a date to give the year
    const path = join(tmp, "engels.csv");
    writeFileSync(
      path,
      'Omschrijving;Categorie;Aanschafdatum;Aanschafwaarde\nCNC freesmachine;Machines;14-02-2025;"38,500.00"\nCompressor;Machines;03-06-2025;"4,250.50"\n',
    );
    const r = await call([path]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("geen jaar gevonden");
    expect(r.err).toContain(
      'De datums van 2 regels met een cel die niet gelezen is, tellen daarbij niet mee (2 cellen, zoals engels.csv!D2 ("38,500.00"): Engelse notatie',
    );
    expect(r.err).toContain("engels.csv!D3");
    expect(r.err).toContain("--year 20");
  });
});

describe("an export whose asset group is headed 'Groep' (no Categorie column)", () => {
  const rows = [
    ["Code", "Naam", "Groep", "Datum aanschaf", "Aanschafprijs"],
    ["ACT-01", "Server Dell", "0240 Computers", "11-02-2025", "4.850,00"],
    ["ACT-02", "Vloer kantoor", "0110 Verbouwingen", "01-03-2025", "12.300,00"],
    ["ACT-03", "Airco", "0210 Installaties", "20-06-2025", "7.125,75"],
    ["ACT-04", "Bureaus", "0230 Inventarissen", "20-06-2025", "2.400,00"],
  ];
  // 4.850 + 12.300 + 7.125,75 + 2.400 = 26.675,75 x 28 % = 7.469,21 -> 7.470
  test.each(["csv", "xlsx"])("is read as the category on a sheet without tables (%s)", async (kind) => {
    const path = kind === "csv" ? join(tmp, "groep.csv") : await xlsx("groep.xlsx", { Activa: [["Vaste activa Twinfield 2025"], [], ...rows] });
    if (kind === "csv") writeFileSync(path, rows.map((r) => r.map((c) => `"${c}"`).join(",")).join("\n") + "\n");
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('("Groep") noemt categorieën (0240 Computers, 0110 Verbouwingen, 0210 Installaties)');
    expect(r.err).toContain("gelezen als de categorie");
    const report = JSON.parse(r.out);
    expect(report.total).toBe("26675.75");
    expect(report.kia).toBe("7470");
  });

  test("a 'Groep' column of 2.2 groups with no category is still no ledger", async () => {
    const path = join(tmp, "echte-groep.csv");
    writeFileSync(path, "Naam;Groep;Bedrag\nBus;Bus 1;30.000\nInrichting bus;Bus 1;2.000\n");
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("geen investeringsstaat gevonden");
  });
});

describe("an amount shown as a dash (Excel's accounting format for zero or nothing)", () => {
  test('"€ -" and "-" are named as a dash, not as a negative amount', async () => {
    const path = join(tmp, "streepje.csv");
    writeFileSync(
      path,
      "Omschrijving;Categorie;Aanschafdatum;Aanschafwaarde\nCNC;Machines;14-02-2025;€ 38.500,00\nNog te factureren;Machines;01-03-2025;€ -\nKast;Inventaris;01-03-2025;-\n",
    );
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('streepje.csv!D3 ("€ -"): een streepje ("€ -") is geen bedrag: zo toont Excel nul of niets');
    expect(r.err).toContain('streepje.csv!D4 ("-"): een streepje');
    expect(r.err).not.toContain("negatief");
    // the two rows are left out and said; 38.500 x 28 % = 10.780
    const report = JSON.parse(r.out);
    expect(report.leftOut.map((x: { cell: string }) => x.cell)).toEqual(["streepje.csv!D3", "streepje.csv!D4"]);
    expect(report.kia).toBe("10780");
  });
});

describe("a second section under the ledger (trial 19, M1: 'Desinvesteringen 2025' below the investments)", () => {
  const LEDGER = [
    ["Omschrijving", "Categorie", "Datum", "Aanschafwaarde"],
    ["CNC machine", "machine", "03-03-2025", "€ 111.000"],
    ["Kasten", "inventaris", "01-04-2025", "€ 9.000"],
    ["Totaal", "", "", "€ 120.000"],
    [],
  ];
  const SALE = [["Desinvesteringen 2025"], ["Omschrijving", "Categorie", "Datum verkoop", "Verkoopprijs"], ["Oude pers", "machine", "01-06-2025", "€ 30.000"]];
  const csvOf = (rows: unknown[][]) => rows.map((r) => r.join(";")).join("\n") + "\n";
  // the xlsx as a client types it: amounts as numbers
  const numbers = (rows: unknown[][]) =>
    rows.map((r) => r.map((c) => (typeof c === "string" && c.startsWith("€ ") ? Number(c.slice(2).replace(/\./g, "")) : c)));
  const file = async (name: string, kind: string, rows: unknown[][]) => {
    if (kind === "xlsx") return xlsx(`${name}.xlsx`, { Staat: numbers(rows) });
    const path = join(tmp, `${name}.csv`);
    writeFileSync(path, csvOf(rows));
    return path;
  };
  const cellOf = (kind: string, name: string, cell: string) => (kind === "xlsx" ? `Staat!${cell}` : `${name}.csv!${cell}`);

  test.each(["csv", "xlsx"])("the sale is a disposal, not a third investment: € 120.000, KIA € 19.769, voorlopig (%s)", async (kind) => {
    const path = await file("m1", kind, [...LEDGER, ...SALE]);
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    // before: 111.000 + 9.000 + 30.000 = 150.000 -> 19.769 - 7,56 % x (150.000 - 130.744) = 18.313,25 -> 18.314
    // art. 3.41 lid 1: only the investments: 120.000, in the band 70.602-130.744: the fixed € 19.769
    expect(report.total).toBe("120000");
    expect(report.kia).toBe("19769");
    // the sale is read as a disposal (art. 3.47); it does not say which investment or year it undoes: left out, said
    expect(report.provisional).toBe(true);
    expect(report.leftOut.map((x: { cell: string }) => x.cell)).toEqual([cellOf(kind, "m1", "A8"), cellOf(kind, "m1", "A8"), cellOf(kind, "m1", "A8")]);
    // the list has no year column: said, at the row's first cell (not as if that cell held a year)
    expect(report.leftOut[0].reason).toBe('investeringsjaar: de lijst heeft geen kolom "Investeringsjaar"; verwacht een jaartal, zoals 2022');
    expect(report.leftOut[0].value).toBeUndefined();
    // the title and the second header are no rows of the ledger
    expect(r.err).not.toMatch(/!(B6|D6|B7|C7|D7)\b/);
  });

  test.each(["csv", "xlsx"])(
    "a sale of 2021 without its investment amount and 2021's total: one message at the year's cell that says so and how to complete it (%s)",
    async (kind) => {
      const path = await file("m1-verkoop-2021", kind, [
        ...LEDGER,
        ["Desinvesteringen 2025"],
        ["Omschrijving", "Aanschafjaar", "Verkoopprijs"],
        ["Heftruck Linde", "2021", "€ 6.500"],
      ]);
      const r = await call(["--year", "2025", "--explain", path]);
      expect(r.code).toBe(0);
      const explained = r.out;
      const json = await call(["--year", "2025", path]);
      const report = JSON.parse(json.out);
      // the sale is left out (art. 3.47 needs the amount and the year's total), in one entry at the year's cell
      expect(report.kia).toBe("19769");
      expect(report.leftOut).toEqual([
        {
          cell: cellOf(kind, "m1-verkoop-2021", "B8"),
          reason:
            "verkoop van een bedrijfsmiddel uit 2021: investeringsbedrag en totaal investeringsjaar ontbreken (art. 3.47 rekent met het investeringsbedrag en het totaal van de investeringen van 2021); " +
            'vul de kolommen "Investeringsbedrag" en "Totaal investeringsjaar" in, of zet in een kolom "Uit register" het nummer uit het register van 2021 (zoals 2021:M3) ' +
            'en lees het rapport van 2021 in bij stap 4 "Uit eerdere jaren" (kia-calc: --eerder <bestand>)',
        },
      ]);
      // a row read that misses facts, counted as a row (was "1 cel ... niet gelezen": the row was read)
      expect(json.err).toContain(
        `Let op: 1 regel in ${path} mist gegevens; die regel telt niet mee tot hij is aangevuld:\n  ${cellOf(kind, "m1-verkoop-2021", "B8")}: verkoop van een bedrijfsmiddel uit 2021`,
      );
      expect(json.err).not.toContain("niet gelezen");
      // --explain's "Niet meegeteld" names no value: the description is no amount
      expect(explained).toContain(`${cellOf(kind, "m1-verkoop-2021", "B8")}: verkoop van een bedrijfsmiddel uit 2021`);
      expect(explained).not.toContain("bedrag ontbreekt");
      expect(explained + r.err).not.toContain('"Heftruck Linde"');
    },
  );

  test.each(["csv", "xlsx"])(
    "a sale of an asset of the tax year itself without a link: the message asks for the investment's number, not a register (%s)",
    async (kind) => {
      const path = await file("m1-verkoop-2025", kind, [
        ...LEDGER,
        ["Desinvesteringen 2025"],
        ["Omschrijving", "Aanschafjaar", "Verkoopprijs"],
        ["Heftruck Linde", "2025", "€ 6.500"],
      ]);
      const report = JSON.parse((await call(["--year", "2025", path])).out);
      expect(report.kia).toBe("19769");
      expect(report.leftOut).toEqual([
        {
          cell: cellOf(kind, "m1-verkoop-2025", "B8"),
          reason:
            'verkoop van een bedrijfsmiddel uit 2025, het jaar van deze staat: zet in een kolom "Investering dit jaar" het nummer van die investering in de staat ' +
            "(het investeringsbedrag en het totaal van 2025 komen dan uit de staat zelf)",
        },
      ]);
    },
  );

  test.each(["csv", "xlsx"])(
    "a sale of 2021 with its amount but not 2021's total: one message, at the empty total's cell, naming the total only (%s)",
    async (kind) => {
      const path = await file("m1-verkoop-totaal", kind, [
        ...LEDGER,
        ["Desinvesteringen 2025"],
        ["Omschrijving", "Aanschafjaar", "Investeringsbedrag", "Totaal investeringsjaar", "Verkoopprijs"],
        ["Heftruck Linde", "2021", "€ 20.000", "", "€ 6.500"],
      ]);
      const report = JSON.parse((await call(["--year", "2025", path])).out);
      expect(report.leftOut.map((x: { cell: string }) => x.cell)).toEqual([cellOf(kind, "m1-verkoop-totaal", "D8")]);
      expect(report.leftOut[0].reason).toMatch(/^verkoop van een bedrijfsmiddel uit 2021: totaal investeringsjaar ontbreekt \(art\. 3\.47/);
      expect(report.leftOut[0].reason).toContain('vul de kolom "Totaal investeringsjaar" in');
      expect(report.leftOut[0].value).toBeUndefined();
    },
  );

  test.each(["csv", "xlsx"])("a complete disposals section is read as the disposals: the addition of art. 3.47 (%s)", async (kind) => {
    const path = await file("m1-volledig", kind, [
      ...LEDGER,
      ["Verkopen"],
      ["Omschrijving", "Aanschafjaar", "Aanschafwaarde", "Totaal investeringen aanschafjaar", "Verkoopprijs"],
      ["Oude pers", "2022", "€ 40.000", "€ 50.000", "€ 30.000"],
    ]);
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.total).toBe("120000");
    expect(report.kia).toBe("19769");
    expect(report.provisional).toBe(false);
    expect(report.leftOut).toEqual([]);
    // 2022: 50.000 in the 28 % band, so 28 % of the price 30.000 = 8.400 is added (art. 3.47 lid 1)
    expect(report.disinvestment.total).toBe("8400");
  });

  test.each(["csv", "xlsx"])("another list under a second header is left out, row by row, with why (%s)", async (kind) => {
    const path = await file("m1-anders", kind, [
      ...LEDGER,
      ["Afschrijvingen 2025"],
      ["Omschrijving", "Categorie", "Afschrijving"],
      ["CNC machine", "machine", "€ 11.100"],
    ]);
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.total).toBe("120000");
    expect(report.provisional).toBe(true);
    expect(report.leftOut).toEqual([
      expect.objectContaining({
        cell: cellOf(kind, "m1-anders", "A8"),
        reason: expect.stringMatching(
          /^regel onder een tweede kopregel \("Afschrijvingen 2025", kopregel in rij 7 .*hoort niet bij de staat van investeringen/,
        ),
      }),
    ]);
  });

  test.each(["csv", "xlsx"])("a page header an export repeats is passed over, the rows below it still count (%s)", async (kind) => {
    const path = await file("paginakop", kind, [LEDGER[0], LEDGER[1], LEDGER[0], LEDGER[2]]);
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.total).toBe("120000");
    expect(report.leftOut).toEqual([]);
    expect(report.provisional).toBe(false);
  });
});

describe("amounts with the minus after them, and dates with a two-digit year", () => {
  test("'1.234,56-' is negative: a credit in the amount column, refused as negative elsewhere (not 'geen bedrag')", async () => {
    const path = join(tmp, "min-achter.csv");
    writeFileSync(
      path,
      "Omschrijving;Categorie;Datum;Aanschafwaarde;Betaald\nCNC;machine;03-03-2025;€ 11.000;1.234,56-\nKasten;inventaris;01-04-2025;€ 9.000;\nKorting kasten;inventaris;01-04-2025;1.000,00-;\n",
    );
    const r = await call(["--year", "2025", path]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('min-achter.csv!E2 ("1.234,56-"): bedrag mag niet negatief zijn');
    expect(r.err).not.toContain("geen bedrag");
    const report = JSON.parse(r.out);
    // the credit of row 4 is a question like '-1.000,00' (a reduction of row 3 suggested), not counted until answered
    expect(report.open).toEqual([expect.objectContaining({ cell: "min-achter.csv!D4", suggestion: "reduce:3" })]);
    expect(report.total).toBe("9000");
  });

  test("'01-03-25' is 1 March 2025: the year of the dates is 2025", async () => {
    const path = join(tmp, "jj.csv");
    writeFileSync(path, "Omschrijving;Categorie;Datum;Aanschafwaarde\nCNC;machine;01-03-25;€ 11.000\nKasten;inventaris;15/04/25;€ 9.000\n");
    const r = await call([path]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("het jaar van de investeringsdatums (de datums van alle 2 investeringen vallen in 2025)");
    const report = JSON.parse(r.out);
    expect(report.year).toBe(2025);
    expect(report.leftOut).toEqual([]);
    // 20.000 x 28 % = 5.600
    expect(report.kia).toBe("5600");
  });
});
