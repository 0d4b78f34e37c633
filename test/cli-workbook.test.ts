/**
 * kia-calc on workbooks: a filled template (or any workbook with a recognisable ledger) gives the report, like a
 * scenario file; --batch gives one row per workbook of a folder (CSV for Dutch Excel or .xlsx), a broken file is a
 * row with its error; progress only on standard error. And the small .xlsx reader underneath.
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { evaluate, type Report } from "../src";
import { findCategory } from "../src/law";
import { readCsvFile as readCsv, readWorkbookFile as readWorkbook } from "../cli/workbook";
import { XlsxBook } from "../src/workbook/xlsx";
import { toCsv, type ClientRow } from "../cli/batch";
import { clientLedger, fillTemplate } from "../bench/portfolio";
import { TEMPLATE_FILE } from "../templates/build";
import * as T from "../templates/layout";
import { call } from "./support/cli";
import { workbook } from "./support/workbook";

const dir = mkdtempSync(join(tmpdir(), "kia-cli-wb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array, sub = "") => {
  mkdirSync(join(dir, sub), { recursive: true });
  const p = join(dir, sub, name);
  writeFileSync(p, content);
  return p;
};
const template = readFileSync(TEMPLATE_FILE);
const templatePath = file("werkblad.xlsx", template);

const reportOf = async (bytes: Uint8Array, year?: number): Promise<Report> => evaluate((await readWorkbook(bytes, "x", { year })).scenario);
/** kia-calc's JSON for a workbook: the report, with what it left out first (an empty list when nothing: cli/rows.ts) */
/** The JSON report of a workbook: provisional (a row left out or a question open), the open questions, what is left out, the report. */
const printed = (report: Report, leftOut: unknown[] = [], open: unknown[] = [], examples = false) =>
  JSON.stringify({ provisional: leftOut.length > 0 || open.length > 0 || examples, open, leftOut, ...report }, null, 2) + "\n";
/** kia-calc's warning about the template's example rows (src/workbook/examples.ts): the template has 7 + 2 + 1 */
const examplesWarning = (where: string, n: number) =>
  `Let op: Investeringen: ${n} voorbeeldregels van het KIA-werkblad (${where}) staan nog in de staat en tellen mee; wis ze (Verwijderen > Tabelrijen verwijderen) voordat u de staat van uw cliënt invult\n`;
const ALL_EXAMPLES = examplesWarning("7 op Investeringen, 2 op Vennoten, 1 op Desinvesteringen", 10);

describe("kia-calc werkblad.xlsx", () => {
  it("prints the report of a filled template, as for the scenario read from it; the Overzicht's figures", async () => {
    const r = await call([templatePath]);
    // its example rows are still there: counted, warned about, and the figure is provisional
    expect(r).toMatchObject({ code: 0, err: ALL_EXAMPLES });
    const report = await reportOf(template);
    expect(r.out).toBe(printed(report, [], [], true));
    expect([report.total, report.kia, report.partners!.map((p) => p.kia), report.disinvestment!.total]).toEqual(["69350", "19418", ["11651", "8706"], "1579"]);
  });

  it("--explain, --scenario, --year; a workbook on standard input", async () => {
    expect((await call(["--explain", templatePath])).out).toMatch(/^Voorlopig: 10 voorbeeldregels van het KIA-werkblad; de KIA hieronder is niet definitief\.\n\nKIA 2025: € 19\.418\n/);
    const s = JSON.parse((await call(["--scenario", templatePath])).out);
    expect(s).toMatchObject({ year: 2025, partnership: { key: "winst" }, disposals: [{ id: "D1", investmentYear: 2022 }] });
    expect(s.investments).toHaveLength(T.LEDGER_EXAMPLES.length);
    expect(JSON.parse((await call(["--year", "2024", templatePath])).out).year).toBe(2024);
    expect(JSON.parse((await call(["--year=2023", "--scenario", templatePath])).out).year).toBe(2023);
    const stdin = (async function* () {
      yield template.subarray(0, 1000);
      yield template.subarray(1000);
    })();
    expect((await call(["-"], { stdin })).out).toBe(printed(await reportOf(template), [], [], true));
  });

  it("lists the cells it cannot read on standard error (sheet!cell: reason); their rows do not count", async () => {
    const ledger = clientLedger(3, 5);
    const cat = T.LEDGER_COLUMNS.findIndex((c) => c.field === "category");
    const inUse = T.LEDGER_COLUMNS.findIndex((c) => c.field === "inUse");
    ledger[1][cat] = "ruimteschip";
    ledger[2][inUse] = "misschien";
    const p = file("problemen.xlsx", await fillTemplate(template, { year: 2025, ledger }));
    const r = await call([p]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `Let op: 2 cellen in ${p} niet gelezen; die regels tellen niet mee:\n` +
        `  Investeringen!C3 ("ruimteschip"): onbekende categorie; gebruik een categorie zoals machine, inventaris, computer, software, gereedschap, bestelauto, verbouwing of overig\n` +
        `  Investeringen!I4 ("misschien"): geen ja of nee; verwacht ja of nee\n` +
        // the template's example partners and disposal are still there
        examplesWarning("2 op Vennoten, 1 op Desinvesteringen", 3),
    );
    expect(JSON.parse(r.out).assets.map((a: { id: string }) => a.id)).toEqual(["A1"]);
  });

  it("'Aanhangwagen' as a category: no category of its own in the law data (refused), the hint names the one to choose", async () => {
    // categories.json has no trailer and no source that names one; headings.json's hints give it to 'overig'
    expect(findCategory("Aanhangwagen")).toBeUndefined();
    const sheet = (category: string) => workbook({ Staat: [["Nummer", "Categorie", "Bedrag"], ["A1", category, 6000], ["M1", "machine", 20000]] });
    const p = file("aanhangwagen.xlsx", await sheet("Aanhangwagen"));
    const r = await call(["--year", "2025", p]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `Let op: 1 cel in ${p} niet gelezen; die regel telt niet mee:\n` +
        `  Staat!B2 ("Aanhangwagen"): onbekende categorie; geen eigen categorie voor aanhangwagen: kies "overig" (overig bedrijfsmiddel)\n`,
    );
    // the category the hint names counts
    const fixed = await call(["--year", "2025", file("aanhangwagen-overig.xlsx", await sheet("overig"))]);
    expect([fixed.code, fixed.err, JSON.parse(fixed.out).total]).toEqual([0, "", "26000"]);
  });

  it("reads any workbook with a recognisable ledger: a table by its headers (English too), or a header row on a sheet", async () => {
    const byTable = await workbook({ Ledger: [], Info: [["Belastingjaar", 2024]] }, [
      { sheet: "Ledger", name: "Assets", ref: "B2", headers: ["Description", "Category", "Amount", "Paid"], rows: [["Lathe", "machine", 60000, null], ["Car", "passenger car", 30000, null]] },
    ]);
    let r = await readWorkbook(byTable, "x.xlsx");
    expect(r.found).toMatchObject({ ledger: "tabel Assets", year: "Info!B1" });
    expect(evaluate(r.scenario)).toMatchObject({ year: 2024, total: "60000", kia: "16800" });
    const bySheet = await workbook({ Staat: [["Investeringsstaat klant X"], [], ["Omschrijving", "Soort", "Aanschafprijs", "Datum"], ["Pers", "Machines en installaties", "€ 12.345,67", 45383], ["Stoel", "inventaris", 300, null], [], ["Server", "computer", 4000, null]], Info: [["Jaar", "Klant"], [2023, "X"]], Gegevens: [["Boekjaar", 2024]] });
    r = await readWorkbook(bySheet, "y.xlsx");
    expect(r.found).toEqual({ ledger: "blad Staat", year: "Gegevens!B1" }); // a "Jaar" header of a table is passed over
    expect(r.scenario.investments).toHaveLength(3);
    expect(evaluate(r.scenario)).toMatchObject({ total: "16345.67", kia: "4577" });
    // a year given on the command line wins
    expect((await readWorkbook(bySheet, "y.xlsx", { year: 2020 })).scenario.year).toBe(2020);
  });

  it("refuses with exit code 2 and a Dutch message: not a workbook, an old .xls, no ledger, no year, --year with JSON", async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ["kapot.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100, 7)]), /^Het bestand .*kapot\.xlsx is geen geldig Excel-bestand \(\.xlsx\) of is beschadigd: het zip-pakket is onvolledig of beschadigd/],
      ["oud.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /is een oud Excel-bestand \(\.xls\) of een met een wachtwoord versleutelde werkmap/],
      ["geenstaat.xlsx", await workbook({ Blad1: [["Naam", "Adres"], ["x", "y"]] }), /geen investeringsstaat gevonden; verwacht een Excel-tabel 'Investeringen'/],
      ["geenjaar.xlsx", await workbook({ Blad1: [["Categorie", "Bedrag"], ["machine", 1000]] }), /geen jaar gevonden, en geen investeringsdatums om het uit af te leiden\. Geef het jaar op, bijvoorbeeld: npm run -s kia-calc -- --year \d{4} .*geenjaar\.xlsx \(of vul op het blad Overzicht naast 'Jaar' het belastingjaar in\)$/m],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await call([file(name, bytes)]);
      expect([name, r.code, r.out]).toEqual([name, 2, ""]);
      expect(r.err).toMatch(message);
      expect(r.err.split("\n")).toHaveLength(2); // one line
    }
    const json = file("s.json", JSON.stringify({ year: 2024, investments: [] }));
    expect(await call(["--year", "2024", json])).toMatchObject({ code: 2, err: expect.stringMatching(/^--year geldt voor een werkmap/) });
    expect(await call(["--year", "twee", templatePath])).toMatchObject({ code: 2, err: expect.stringMatching(/^--year verwacht een jaartal/) });
    expect(await call(["--explain", "--scenario", templatePath])).toMatchObject({ code: 2 });
    // the core's validation, as for a scenario file: one partner is not a partnership
    const one = await workbook({ Investeringen: [], Overzicht: [["Jaar", 2025]] }, [
      { sheet: "Investeringen", name: "Investeringen", ref: "A1", headers: ["Categorie", "Bedrag"], rows: [["machine", 1000]] },
      { sheet: "Investeringen", name: "Vennoten", ref: "E1", headers: ["Naam", "Winstaandeel"], rows: [["A", 1]] },
    ]);
    const r = await call([file("een-vennoot.xlsx", one)]);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/^Ongeldige invoer: vennoten: een samenwerkingsverband bestaat uit/) });
  });
});

describe("kia-calc on partners on a sheet without tables (the new-user trial)", () => {
  const ledger = [["Jaar", 2025], [], ["Categorie", "Bedrag"], ["machine", 40000], ["inventaris", 10000]];
  const vennoten = [["Naam", "Winstaandeel"], ["Jansen", 0.6], ["De Vries", 0.4], ["Verdeelsleutel", "winst"]];

  it("splits the KIA between the partners of a plain sheet 'Vennoten'; the 'Verdeelsleutel' row below them is no partner", async () => {
    const p = file("vof.xlsx", await workbook({ Staat: ledger, Vennoten: vennoten }));
    const r = await call([p]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(r.out).partners.map((x: { name: string; kia: string }) => [x.name, x.kia])).toEqual([["Jansen", "8400"], ["De Vries", "5600"]]);
    // 60 % in Excel (0,6 in the cell) reads as 60 %, the scale the partners step shows
    expect(JSON.parse((await call(["--scenario", p])).out).partnership).toEqual({ partners: [{ name: "Jansen", profit: "60" }, { name: "De Vries", profit: "40" }], key: "winst" });
  });

  it("a sheet 'Vennoten' it cannot read as partners is said on standard error and counted under Problemen in --batch, not passed over", async () => {
    const unreadable = await workbook({ Staat: ledger, Vennoten: [[], [null, "Vennoot", "Deel"], [null, "Jansen", "60%"], [null, "De Vries", "40%"]] });
    const p = file("vennoten-onleesbaar.xlsx", unreadable, "vennoten");
    const r = await call([p]);
    const note = "blad Vennoten niet gelezen als vennoten: geen kopregel met de kolommen Naam en Winstaandeel (of Kapitaal, Stille reserves) in de eerste 30 rijen; de KIA is niet over vennoten verdeeld";
    expect(r.code).toBe(0);
    expect(r.err).toBe(`Let op: 1 cel in ${p} niet gelezen; die regel telt niet mee:\n  Vennoten!B2: ${note}\n`);
    expect(JSON.parse(r.out)).toMatchObject({ leftOut: [{ cell: "Vennoten!B2", reason: note }], kia: "14000" });
    expect(JSON.parse(r.out).partners).toBeUndefined();
    // a table on the sheet whose headers are no partners' is named
    const table = await workbook({ Staat: ledger, Partners: [] }, [{ sheet: "Partners", name: "Tabel1", ref: "C3", headers: ["Wie", "Deel"], rows: [["Jansen", 0.6]] }]);
    expect((await readWorkbook(table, "x.xlsx")).problems).toEqual([
      { cell: "Partners!C3", message: "tabel Tabel1 op blad Partners niet gelezen als vennoten: de tabel heeft niet de kolommen Naam en Winstaandeel (of Kapitaal, Stille reserves); de KIA is niet over vennoten verdeeld" },
    ]);
    // an empty sheet "Vennoten", or one with the header and no partners (a sole trader's), is nothing left unread
    for (const sheet of [[], [["Naam", "Winstaandeel"]], [["Naam", "Winstaandeel"], [], ["Verdeelsleutel", "winst"]]])
      expect((await readWorkbook(await workbook({ Staat: ledger, Vennoten: sheet }), "x.xlsx")).problems).toEqual([]);
    // --batch: the split of the readable one, and a problem for the other instead of "Problemen 0"
    file("vof.xlsx", await workbook({ Staat: ledger, Vennoten: vennoten }), "vennoten");
    const out = join(dir, "vennoten.csv");
    expect((await call(["--batch", join(dir, "vennoten"), "--out", out])).code).toBe(0);
    const rows = parseCsv(readFileSync(out, "utf8").slice(1));
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).map((l) => [l[0], l[col("Problemen")], l[col("Vennoot 1")], l[col("KIA vennoot 1")], l[col("Vennoot 2")]])).toEqual([
      ["vennoten-onleesbaar.xlsx", "1", "", "", ""],
      ["vof.xlsx", "0", "Jansen", "8400", "De Vries"],
    ]);
  });

  it("the key 'winst' with only the capital given: the partners sheet's cell, the partner's name and what to fill in, not 'vennoot 1'", async () => {
    // no column for the profit shares at all: the first partner's row, the column to add, the key that fits
    const capitalOnly = [["Naam", "Kapitaal"], ["Jansen", 60000], ["De Vries", 40000], [], ["Verdeelsleutel", "winst"]];
    const p = file("vof-kapitaal.xlsx", await workbook({ Staat: ledger, Vennoten: capitalOnly }));
    const r = await call([p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "Ongeldige invoer: Vennoten!A2: de verdeelsleutel is winst (Vennoten!B5), maar blad Vennoten heeft geen kolom Winstaandeel, dus geen winstaandeel voor Jansen en de andere vennoten: " +
        "voeg de kolom Winstaandeel toe en vul het aandeel in de (over)winst van iedere vennoot in (zoals 60% of 0,6), of zet de verdeelsleutel (Vennoten!B5) op kapitaal (dat staat bij iedere vennoot ingevuld)\n",
    );
    expect(r.err).not.toContain("vennoot 1");
    // the column there, one partner's share empty: that partner's cell
    const oneEmpty = [["Naam", "Winstaandeel", "Kapitaal"], ["Jansen", 0.6, 60000], ["De Vries", null, 40000], ["Verdeelsleutel", "winst"]];
    const q = file("vof-leeg.xlsx", await workbook({ Staat: ledger, Vennoten: oneEmpty }));
    const read = await readWorkbook(readFileSync(q), "vof-leeg.xlsx");
    expect(read.refused?.message).toBe(
      "Vennoten!B3: de verdeelsleutel is winst (Vennoten!B4), maar het winstaandeel van De Vries ontbreekt: vul in Vennoten!B3 het aandeel in de (over)winst van De Vries in (zoals 60% of 0,6), " +
        "of zet de verdeelsleutel (Vennoten!B4) op kapitaal (dat staat bij iedere vennoot ingevuld)",
    );
    expect((await call([q])).err).toContain(`\nOngeldige invoer: ${read.refused!.message}\n`);
    // --batch: the same words in the row's error
    file("vof-kapitaal.xlsx", await workbook({ Staat: ledger, Vennoten: capitalOnly }), "sleutel");
    const out = join(dir, "sleutel.csv");
    await call(["--batch", join(dir, "sleutel"), "--out", out]);
    expect(readFileSync(out, "utf8")).toContain("Vennoten!A2: de verdeelsleutel is winst (Vennoten!B5)");
  });
});

const examples = join(__dirname, "..", "examples");
const sampleCsv = join(examples, "voorbeeld-staat-2025.csv");
const sampleXlsx = join(examples, "voorbeeld-staat-2025.xlsx");

describe("kia-calc staat.csv (a ledger saved as CSV, read by its extension)", () => {
  it("reads the sample CSV like the sample workbook: the same investments, the same problem, the year from the dates", async () => {
    const r = await call([sampleCsv]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `Let op: 1 cel in ${sampleCsv} niet gelezen; die regel telt niet mee:\n` +
        `  voorbeeld-staat-2025.csv!D17 ("2,500"): dubbelzinnig bedrag: bedoelt u 2,50 of 2.500? Gebruik de komma alleen voor centen en de punt voor duizendtallen; verwacht een bedrag zoals 1.234,56\n` +
        `Let op: geen jaar in ${sampleCsv}; berekend voor 2025, het jaar van de investeringsdatums (de datums van alle 15 investeringen vallen in 2025). Een ander jaar: npm run -s kia-calc -- --year <jaar> ${sampleCsv}\n`,
    );
    const fromCsv = await readCsv(readFileSync(sampleCsv), "voorbeeld-staat-2025.csv");
    expect(r.out).toBe(printed(evaluate(fromCsv.scenario), [{ cell: "voorbeeld-staat-2025.csv!D17", value: "2,500", reason: fromCsv.problems[0].message }]));
    // the workbook holds the same ledger (and partners, which a CSV cannot)
    const csvScenario = JSON.parse((await call(["--scenario", sampleCsv])).out);
    const xlsxScenario = JSON.parse((await call(["--scenario", sampleXlsx])).out);
    expect(csvScenario).toEqual({ year: 2025, investments: xlsxScenario.investments });
    expect(JSON.parse((await call(["--year", "2024", "--scenario", sampleCsv])).out).year).toBe(2024);
  });

  it("a year beside 'Jaar' above the header, ',' between fields, Windows-1252 text; no ledger: exit 2 in Dutch", async () => {
    const ansi = Buffer.concat([Buffer.from("Jaar,2024\r\n\r\nDescription,Category,Amount\r\nLathe,machine,"), Buffer.from([0x80]), Buffer.from(' 60000\r\n"Car, red",passenger car,30000\r\n')]);
    const p = file("english.csv", ansi);
    const r = await call(["--scenario", p]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(r.out)).toEqual({ year: 2024, investments: [{ id: "rij 4", description: "Lathe", category: "machine", amount: "60000" }, { id: "rij 5", description: "Car, red", category: "personenauto", amount: "30000" }] });
    expect(JSON.parse((await call([p])).out)).toMatchObject({ year: 2024, total: "60000", kia: "16800" });
    const none = await call([file("adressen.csv", "Naam;Adres\nx;y\n")]);
    expect(none).toMatchObject({ code: 2, out: "" });
    expect(none.err).toMatch(/^Bestand .*adressen\.csv: geen investeringsstaat gevonden; verwacht een kopregel met de kolommen Categorie en Bedrag \(gescheiden door ; of ,\)\n$/);
    // a workbook saved under a .csv name is still read as the workbook it is
    expect((await call([file("eigenlijk-xlsx.csv", template)])).out).toBe(printed(await reportOf(template), [], [], true));
  });
});

describe("kia-calc on a damaged or false .xlsx", () => {
  async function corruptPart(): Promise<Buffer> {
    const b = Buffer.from(template);
    const name = "xl/worksheets/sheet1.xml";
    const at = b.indexOf(Buffer.from(name)); // the local header; the compressed data follows
    for (let i = at + name.length + 20; i < at + name.length + 400; i++) b[i] = (b[i] * 7 + 13) & 0xff;
    return b;
  }

  it("says in Dutch that the file is no valid .xlsx or is damaged, with the reason; exit 2, one line, no stack trace", async () => {
    const cases: [string, Uint8Array | string, string][] = [
      ["tekst.xlsx", "Dit is een notitie, geen werkmap.\n", `het is tekst, geen Excel-werkmap (het begint met "Dit is een notitie, geen werkm…"); open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)`],
      ["hernoemd.xlsx", readFileSync(sampleCsv), `het is tekst, geen Excel-werkmap (het begint met "Nummer;Omschrijving;Categorie;…"); is het een CSV-bestand? Geef het dan de extensie .csv`],
      ["leeg.xlsx", "", "het bestand is leeg; open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)"],
      ["afgebroken.xlsx", template.subarray(0, 3000), "het zip-pakket is onvolledig of beschadigd (Corrupted zip: can't find end of central directory); open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)"],
      ["beschadigd.xlsx", await corruptPart(), "het onderdeel xl/worksheets/sheet1.xml kan niet worden uitgepakt ("],
      ["zip.xlsx", await new JSZip().file("a.txt", "x").generateAsync({ type: "uint8array" }), "het zip-pakket bevat geen werkmap (xl/workbook.xml ontbreekt)"],
    ];
    for (const [name, bytes, reason] of cases) {
      const p = file(name, bytes);
      const r = await call([p]);
      expect([name, r.code, r.out]).toEqual([name, 2, ""]);
      expect(r.err.slice(0, `Het bestand ${p} is geen geldig Excel-bestand (.xlsx) of is beschadigd: ${reason}`.length)).toBe(`Het bestand ${p} is geen geldig Excel-bestand (.xlsx) of is beschadigd: ${reason}`);
      expect(r.err.split("\n")).toHaveLength(2);
    }
    const p = spawnSync(process.execPath, ["-r", "tsx/cjs", join(__dirname, "..", "cli", "kia-calc.ts"), join(dir, "beschadigd.xlsx")], { encoding: "utf8" });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/^Het bestand .*beschadigd\.xlsx is geen geldig Excel-bestand \(\.xlsx\) of is beschadigd: [^\n]*\n$/);
    expect(p.stderr).not.toMatch(/\n\s+at /);
  }, 30000);
});

describe("kia-calc without a year in the file: the year of the investment dates", () => {
  const ledger = (dates: unknown[]) => workbook({ Staat: [["Categorie", "Bedrag", "Datum"], ...dates.map((d, i) => ["machine", 1000 * (i + 1), d])] });

  it("takes the one calendar year of the dates, and says so on standard error", async () => {
    const p = file("datums.xlsx", await ledger([45700, "31-12-2025", 45658]));
    const r = await call([p]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2025, total: "6000" });
    expect(r.err).toBe(`Let op: geen jaar in ${p}; berekend voor 2025, het jaar van de investeringsdatums (de datums van alle 3 investeringen vallen in 2025). Een ander jaar: npm run -s kia-calc -- --year <jaar> ${p}\n`);
    // rows without a date do not block it; the note counts them
    const some = file("sommige-datums.xlsx", await ledger([45700, null]));
    expect((await call([some])).err).toMatch(/\(1 van de 2 investeringen hebben een datum, alle in 2025\)/);
    // the sample workbook has no year cell: the year of its dates
    expect(JSON.parse((await call([sampleXlsx])).out).year).toBe(2025);
  });

  it("dates in more than one year, or none: exit 2 with the command to give the year", async () => {
    const p = file("twee jaren.xlsx", await ledger([45600, 45700])); // 2024-11-04 and 2025-02-12
    const r = await call([p]);
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toBe(
      `Bestand ${p}: geen jaar gevonden, en de investeringsdatums vallen in 2 jaren (2024, 2025). Geef het jaar op, bijvoorbeeld: npm run -s kia-calc -- --year 2025 "${p}" (of vul op het blad Overzicht naast 'Jaar' het belastingjaar in)\n`,
    );
    expect(JSON.parse((await call(["--year", "2024", p])).out).year).toBe(2024);
    const csv = file("zonder-datum.csv", "Categorie;Bedrag\nmachine;1000\n");
    expect((await call([csv])).err).toMatch(/^Bestand .*zonder-datum\.csv: geen jaar gevonden, en geen investeringsdatums om het uit af te leiden\. Geef het jaar op, bijvoorbeeld: npm run -s kia-calc -- --year \d{4} .*zonder-datum\.csv\n$/);
  });
});

describe("kia-calc --batch", () => {
  let folder: string;
  const expected = new Map<string, Report>();
  beforeAll(async () => {
    folder = join(dir, "klanten");
    const put = async (name: string, bytes: Uint8Array) => {
      file(name, bytes, "klanten");
      try {
        expected.set(name, await reportOf(bytes));
      } catch {
        // an error row
      }
    };
    await put("klant1.xlsx", template);
    await put("klant2.xlsx", await fillTemplate(template, { year: 2024, ledger: clientLedger(50, 2, 2024) }));
    await put("klant10.xlsx", await fillTemplate(template, { year: 2026, ledger: clientLedger(20, 10, 2026) }));
    await put("kapot.xlsx", Buffer.from("geen zip"));
    await put("leeg.xlsx", await workbook({ Blad1: [] }));
    await put("=HYPERLINK(1).xlsx", template);
    file("~$klant1.xlsx", "lock file of Excel", "klanten");
    file("notities.txt", "geen werkmap", "klanten");
  }, 30000);

  const names = ["=HYPERLINK(1).xlsx", "kapot.xlsx", "klant1.xlsx", "klant2.xlsx", "klant10.xlsx", "leeg.xlsx"];

  it("one row per workbook (natural order, lock files skipped), equal to evaluate() on the same workbook; a broken file is a row with its error", async () => {
    const out = join(dir, "overzicht.csv");
    const r = await call(["--batch", folder, "--out", out]);
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err).toBe(
      `2 bestanden in ${folder} overgeslagen:\n` +
        `  ~$klant1.xlsx: een tijdelijk bestand van Excel (de werkmap is open in Excel)\n` +
        `  notities.txt: geen werkmap (.xlsx, .xlsm) of CSV-staat (.csv) maar een .txt-bestand\n` +
        r.err.split("\n")[3] + "\n" +
        `Let op: 4 bestanden met voorbeeldregels van het KIA-werkblad; die tellen mee (kolom Voorlopig: ja). Wis ze in de werkmap:\n` +
        `  =HYPERLINK(1).xlsx: 10 voorbeeldregels\n  klant1.xlsx: 10 voorbeeldregels\n  klant2.xlsx: 3 voorbeeldregels\n  klant10.xlsx: 3 voorbeeldregels\n` +
        `2 bestanden met een fout (ook in het overzicht, kolom Fout):\n` +
        `  kapot.xlsx: is geen geldig Excel-bestand (.xlsx) of is beschadigd: het is tekst, geen Excel-werkmap (het begint met "geen zip"); open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)\n` +
        `  leeg.xlsx: geen investeringsstaat gevonden; verwacht een Excel-tabel 'Investeringen' of een blad met een kopregel met de kolommen Categorie en Bedrag\n`,
    );
    expect(r.err.split("\n")[3]).toMatch(new RegExp(`^6 bestanden in \\d+,\\d s \\(\\d+ per seconde\\): 4 berekend, 2 met een fout, 2 overgeslagen; overzicht in ${out.replace(/[.\\]/g, "\\$&")}$`));
    const csv = readFileSync(out, "utf8");
    expect(csv.startsWith("\ufeffBestand;Jaar;Totaal investeringen dat meetelt (€);KIA;Desinvesteringsbijtelling;Problemen;Voorlopig;Fout;Vennoot 1;KIA vennoot 1;Vennoot 2;KIA vennoot 2\r\n")).toBe(true);
    const lines = parseCsv(csv.slice(1)).slice(1);
    expect(lines.map((l) => l[0])).toEqual(["'" + names[0], ...names.slice(1)]);
    for (const [i, name] of names.entries()) {
      const rep = expected.get(name);
      const line = lines[i];
      if (!rep) {
        expect(line[7]).not.toBe("");
        continue;
      }
      const nl = (s: string) => s.replace(".", ",");
      // every computed client still has example rows of the template (the partners and the disposal at least): Voorlopig
      expect(line.slice(1, 8)).toEqual([String(rep.year), nl(rep.total), nl(rep.kia), nl(rep.disinvestment?.total ?? "0"), "0", "ja", ""]);
      expect(line.slice(8).filter((x) => x !== "")).toEqual((rep.partners ?? []).flatMap((p) => [p.name, nl(p.kia)]));
    }
    expect(lines[1][7]).toMatch(/^is geen geldig Excel-bestand \(\.xlsx\) of is beschadigd: het is tekst/);
    expect(lines[5][7]).toMatch(/^geen investeringsstaat gevonden/);
    // the template's client: the Overzicht's figures
    expect(lines[2].slice(1, 12)).toEqual(["2025", "69350", "19418", "1579", "0", "ja", "", "A. Jansen", "11651", "B. de Vries", "8706"]);
    // a total with cents has a decimal comma
    expect(lines[3][2]).toMatch(/^\d+,\d{1,2}$/);
  });

  it("--out .xlsx: the same rows as numbers in a workbook", async () => {
    const out = join(dir, "overzicht.xlsx");
    expect((await call(["--batch", folder, "--out", out])).code).toBe(0);
    const book = await XlsxBook.open(readFileSync(out));
    const rows = await book.rows("KIA-overzicht", 1, 7, 0, 11);
    expect(rows[0].slice(0, 8)).toEqual(["Bestand", "Jaar", "Totaal investeringen dat meetelt (€)", "KIA", "Desinvesteringsbijtelling", "Problemen", "Voorlopig", "Fout"]);
    expect(rows[3]).toEqual(["klant1.xlsx", 2025, 69350, 19418, 1579, 0, "ja", null, "A. Jansen", 11651, "B. de Vries", 8706]);
    expect(rows[1][0]).toBe("=HYPERLINK(1).xlsx"); // text, not a formula
    expect(rows[4][2]).toBe(Number(expected.get("klant2.xlsx")!.total));
  });

  it("without --out: only the CSV on standard output; progress and summary on standard error (a bar on a terminal)", async () => {
    const plain = await call(["--batch", folder]);
    expect(plain.code).toBe(0);
    expect(plain.out).toBe(readFileSync(join(dir, "overzicht.csv"), "utf8"));
    expect(plain.err.split("\n")).toHaveLength(13); // the skipped files, the summary, the files with example rows, the files with an error
    let t = 0;
    const tty = await call(["--batch", folder], { stderrIsTTY: true, now: () => (t += 150) });
    expect(tty.out).toBe(plain.out);
    expect(tty.err).toContain("\r[");
    expect(tty.err).toContain("] 6/6 leeg.xlsx");
    expect(tty.err).toMatch(/\r\x1b\[K6 bestanden in .* 4 berekend, 2 met een fout, 2 overgeslagen\nLet op: 4 bestanden met voorbeeldregels .*\n(  .*\n){4}2 bestanden met een fout/);
  });

  it("a line per 100 workbooks when standard error is not a terminal", async () => {
    const many = join(dir, "veel");
    const bytes = await workbook({ Blad1: [["Categorie", "Bedrag"], ["machine", 1000]], Overzicht: [["Jaar", 2024]] });
    for (let i = 1; i <= 205; i++) file(`k${i}.xlsx`, bytes, "veel");
    const r = await call(["--batch", many]);
    expect(r.err.split("\n").slice(0, 2)).toEqual(["100/205 bestanden", "200/205 bestanden"]);
    expect(r.err).toMatch(/\n205 bestanden in .*: 205 berekend, 0 met een fout\n$/);
    expect(r.out.trimEnd().split("\r\n")).toHaveLength(206);
  }, 30000);

  it("refuses a missing folder, a file, an empty folder, an unknown output format, a missing output folder, files beside --batch", async () => {
    const empty = join(dir, "leeg");
    mkdirSync(empty, { recursive: true });
    const cases: [string[], RegExp][] = [
      [["--batch", join(dir, "bestaat-niet")], /^Map .*bestaat-niet niet gevonden\n$/],
      [["--batch", templatePath], /is geen map; geef bij --batch een map met werkmappen\n$/],
      [["--batch", empty], /^Geen werkmappen \(\.xlsx, \.xlsm\) of CSV-staten \(\.csv\) in map /],
      [["--batch", folder, "--out", join(dir, "x.txt")], /kies een bestand op \.xlsx \(Excel\) of \.csv\n$/],
      [["--batch", folder, "--out", join(dir, "nergens", "x.csv")], /de map .*nergens bestaat niet\n$/],
      [["--batch", folder, templatePath], /^--batch leest een map; ook opgegeven/],
      [["--batch"], /^--batch verwacht een waarde/],
      [["--out", "x.csv", templatePath], /^--out hoort bij --batch/],
      [["--batch", folder, "--explain"], /^--explain en --scenario gelden voor één scenario of werkmap/],
    ];
    for (const [args, message] of cases) {
      const r = await call(args);
      expect([args.join(" "), r.code, r.out]).toEqual([args.join(" "), 2, ""]);
      expect(r.err).toMatch(message);
    }
  });

  it("reads .csv ledgers like workbooks and lists every file it skips, with the reason", async () => {
    const mixed = join(dir, "gemengd");
    const put = (name: string, content: string | Uint8Array) => file(name, content, "gemengd");
    put("klant-a.xlsx", template);
    put("klant-b.csv", readFileSync(sampleCsv));
    put("scenario.json", JSON.stringify({ year: 2025, investments: [] }));
    put("oud.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    put("foto.png", "x");
    put(".DS_Store", "x");
    mkdirSync(join(mixed, "archief"), { recursive: true });
    const out = join(mixed, "overzicht.csv");
    put("overzicht.csv", "an overview of an earlier run, written over");
    const r = await call(["--batch", mixed, "--out", out]);
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err.split("\n")).toEqual([
      `6 bestanden in ${mixed} overgeslagen:`,
      "  .DS_Store: een verborgen bestand",
      "  archief: een map; submappen worden niet gelezen",
      "  foto.png: geen werkmap (.xlsx, .xlsm) of CSV-staat (.csv) maar een .png-bestand",
      "  oud.xls: een oud Excel-bestand (.xls); sla het in Excel op als Excel-werkmap (.xlsx)",
      "  overzicht.csv: het overzicht dat deze opdracht schrijft (--out)",
      "  scenario.json: een scenario (JSON) wordt niet in --batch gelezen; bereken het los met npm run -s kia-calc -- <bestand>",
      expect.stringMatching(/^2 bestanden in .*: 2 berekend, 0 met een fout, 6 overgeslagen; overzicht in /),
      "Let op: 1 bestand met voorbeeldregels van het KIA-werkblad; die tellen mee (kolom Voorlopig: ja). Wis ze in de werkmap:",
      "  klant-a.xlsx: 10 voorbeeldregels",
      "",
    ]);
    const lines = parseCsv(readFileSync(out, "utf8").slice(1)).slice(1);
    const csvReport = evaluate((await readCsv(readFileSync(sampleCsv), "klant-b.csv")).scenario);
    expect(lines.map((l) => l.slice(0, 8))).toEqual([
      ["klant-a.xlsx", "2025", "69350", "19418", "1579", "0", "ja", ""],
      ["klant-b.csv", "2025", csvReport.total.replace(".", ","), csvReport.kia, "0", "1", "ja", ""],
    ]);
    // a second run does not read its own overview
    expect((await call(["--batch", mixed, "--out", out])).err).toMatch(/2 berekend, 0 met een fout, 6 overgeslagen/);
    // a folder with only skipped files: the list, then the refusal
    const only = join(dir, "alleen-json");
    file("a.json", "{}", "alleen-json");
    expect(await call(["--batch", only])).toEqual({
      code: 2,
      out: "",
      err: `1 bestand in ${only} overgeslagen:\n  a.json: een scenario (JSON) wordt niet in --batch gelezen; bereken het los met npm run -s kia-calc -- <bestand>\nGeen werkmappen (.xlsx, .xlsm) of CSV-staten (.csv) in map ${only}\n`,
    });
  });

  it("runs as a real process", () => {
    const out = join(dir, "proces.csv");
    const p = spawnSync(process.execPath, ["-r", "tsx/cjs", join(__dirname, "..", "cli", "kia-calc.ts"), "--batch", folder, "--out", out], { encoding: "utf8" });
    expect(p.status).toBe(0);
    expect(p.stdout).toBe("");
    expect(p.stderr).toMatch(/^2 bestanden in .* overgeslagen:\n(  .*\n){2}6 bestanden in .*\nLet op: 4 bestanden met voorbeeldregels .*\n(  .*\n){4}2 bestanden met een fout .*\n(  .*\n){2}$/);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(dir, "overzicht.csv"), "utf8"));
  }, 30000);
});

/** Rows of a CSV with ";" and quoted fields (as Excel reads it). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      (row = []), (field = ""), i++;
    } else field += c;
  }
  return rows;
}

describe("the CSV for Dutch Excel", () => {
  it("quotes ; and quotes, guards text that Excel would take for a formula, keeps the report's exact decimals", () => {
    const row = (over: Partial<ClientRow>): ClientRow => ({ file: "a.xlsx", year: 2025, total: "1234.5", kia: "346", disinvestment: "0", partners: [], problems: 0, provisional: false, error: null, ...over });
    const csv = toCsv([row({ partners: [{ name: 'Jansen; "senior"', kia: "10" }, { name: "+31 6", kia: "0.5" }] }), row({ file: "-b.xlsx", total: null, kia: null, disinvestment: null, provisional: null, error: "fout; met puntkomma" })]);
    expect(csv.split("\r\n")).toEqual([
      "\ufeffBestand;Jaar;Totaal investeringen dat meetelt (€);KIA;Desinvesteringsbijtelling;Problemen;Voorlopig;Fout;Vennoot 1;KIA vennoot 1;Vennoot 2;KIA vennoot 2",
      'a.xlsx;2025;1234,5;346;0;0;nee;;"Jansen; ""senior""";10;\'+31 6;0,5',
      "'-b.xlsx;2025;;;;;;\"fout; met puntkomma\";;;;",
      "",
    ]);
  });
});

describe("the .xlsx reader", () => {
  async function handMade(): Promise<Uint8Array> {
    const zip = new JSZip();
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    zip.file(
      "xl/workbook.xml",
      `<x:workbook ${ns}><x:sheets><x:sheet name="Blad &amp; co" sheetId="1" r:id="R1"/></x:sheets><x:definedNames><x:definedName name="KIA_JAAR">'Blad &amp; co'!$B$1</x:definedName><x:definedName name="Lokaal" localSheetId="0">'Blad &amp; co'!$A$1</x:definedName></x:definedNames></x:workbook>`,
    );
    zip.file("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/></Relationships>`);
    zip.file(
      "xl/sharedStrings.xml",
      `<x:sst ${ns}><x:si><x:t>Jaar</x:t></x:si><x:si><x:r><x:t>Machi</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">nes</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:si><x:si><x:t>a&lt;b_x000D_</x:t></x:si></x:sst>`,
    );
    zip.file(
      "xl/worksheets/s1.xml",
      `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2024</x:v></x:c></x:row>` +
        `<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>inline &#8364;</x:t></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2024-03-01T00:00:00</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>Jaar</x:v></x:c><x:c><x:f>1/0</x:f></x:c></x:row>` +
        `<x:row r="5"><x:c r="C5" t="s"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    zip.file("xl/worksheets/_rels/s1.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="t1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/t.xml"/></Relationships>`);
    zip.file("xl/tables/t.xml", `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="T" displayName="Staat" ref="A2:C5" headerRowCount="0"><tableColumns count="3"><tableColumn id="1" name="Kolom1"/><tableColumn id="2" name="Kolom_x000a_2"/><tableColumn id="3" name="Kolom3"/></tableColumns></table>`);
    return zip.generateAsync({ type: "uint8array" });
  }

  it("reads prefixed SpreadsheetML: shared strings with runs (not phonetic ones), inline strings, booleans, errors, ISO dates, cells and rows without r, entities, _xHHHH_", async () => {
    const book = await XlsxBook.open(await handMade());
    expect(book.sheetNames).toEqual(["Blad & co"]);
    expect([...book.names]).toEqual([["KIA_JAAR", "'Blad & co'!$B$1"]]);
    expect(book.tables).toEqual([{ name: "Staat", sheet: "Blad & co", ref: "A2:C5", headers: ["Kolom1", "Kolom\n2", "Kolom3"], headerRow: false, top: 2, bottom: 5, left: 0, right: 2 }]);
    expect(await book.rows("Blad & co", 1, 5, 0, 6)).toEqual([
      ["Jaar", 2024, null, null, null, null, null],
      ["Machines", "inline €", true, { error: "#N/A" }, { date: "2024-03-01" }, "Jaar", null],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, "a<b\r", null, null, null, null],
    ]);
    expect(await book.lastRow("Blad & co")).toBe(5);
  });

  it("finds the year through a name on a quoted sheet", async () => {
    const bytes = await handMade();
    const zip = await JSZip.loadAsync(bytes);
    // give the table the ledger's headers: then the workbook reads as a ledger with its year from KIA_JAAR
    zip.file("xl/tables/t.xml", (await zip.file("xl/tables/t.xml")!.async("string")).replace('headerRowCount="0"', "").replace("Kolom1", "Categorie").replace("Kolom_x000a_2", "Bedrag"));
    const r = await readWorkbook(await zip.generateAsync({ type: "uint8array" }), "x.xlsx");
    expect(r.found.year).toBe("KIA_JAAR (Blad & co!B1)");
    expect(r.scenario.year).toBe(2024);
  });
});
