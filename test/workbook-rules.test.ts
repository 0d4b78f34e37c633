/**
 * One set of rules for reading a workbook (src/workbook/rules.ts), and the proof that kia-calc (cli/workbook.ts)
 * and the taskpane (the file workbook of the standalone page, load.ts, partners.ts, the reducer and derive()) give
 * the same scenario for the same workbook: a header row under a title, dates in two years, the key beside a label
 * on another sheet, a partners' table found by its headers, a partners list on a sheet without tables (ending at the
 * key below it), a CSV with lines above its header.
 */
import { evaluate } from "../src";
import { mapDisposalHeaders, mapHeaders, mapPartnerHeaders, type Cell } from "../src/workbook/ledger";
import {
  besideLabel,
  datesYearText,
  endsPartnersList,
  findHeaderRow,
  findPartnersHeader,
  findTable,
  HEADER_SEARCH_ROWS,
  headsList,
  isHeadingRow,
  ledgerSections,
  noYearText,
  partnersListLength,
  sheetHeader,
  yearOfCell,
  yearOfDates,
  yesOrNo,
} from "../src/workbook/rules";
import { readCsvFile as readCsv, readWorkbookFile as readWorkbook } from "../cli/workbook";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { messages } from "../taskpane/app/text/i18n";
import { loadLedger } from "../taskpane/app/model/load";
import { cellOf } from "../src/workbook/left-out";
import { makeDeriver } from "../taskpane/app/model/derive";
import { initialState, reducer } from "../taskpane/app/model/state";
import { openFileWorkbook } from "../taskpane/workbook/file";
import { csvTable, parseCsv } from "../src/workbook/csv";
import { workbook } from "./support/workbook";
import { totalLabelKind } from "../src/workbook/questions";

const NL = cultureFromLocale("nl-NL", "nl");

describe("the rules", () => {
  it("the header row: the first of the first 30 rows that names a category and an amount", () => {
    const rows: Cell[][] = [["Staat van investeringen klant X"], [], ["Jaar", 2025], ["Omschrijving", "Soort", "Aanschafprijs"], ["Pers", "machine", 1000]];
    expect(findHeaderRow(rows)).toBe(3);
    expect(findHeaderRow([["Naam", "Adres"], ["x", "y"]])).toBeUndefined();
    const deep: Cell[][] = Array.from({ length: HEADER_SEARCH_ROWS }, () => [null]);
    expect(findHeaderRow([...deep.slice(1), ["Categorie", "Bedrag"]])).toBe(HEADER_SEARCH_ROWS - 1);
    expect(findHeaderRow([...deep, ["Categorie", "Bedrag"]])).toBeUndefined(); // row 31 is not searched
  });

  it("one header mapping per kind of table, the first column that names a field wins", () => {
    expect(mapHeaders(["Categorie", "Bedrag", "bedrag"]).mapping).toEqual({ category: 0, amount: 1 });
    expect(mapPartnerHeaders(["Vennoot", "Winst", "Opmerking"])).toEqual({ mapping: { name: 0, profit: 1 }, unmapped: ["Opmerking"] });
    expect(mapDisposalHeaders(["Nr", "Opbrengst", "Jaar van investering"]).mapping).toEqual({ id: 0, price: 1, investmentYear: 2 });
  });

  it("a table: a known name whose headers fit, else the first whose headers fit, never the ledger itself", () => {
    const t = (name: string, headers: string[]) => ({ name, headers });
    const ledger = t("Blad1", ["Categorie", "Bedrag"]);
    const tables = [t("Investeringen", ["Nummer"]), ledger, t("Activastaat", ["Soort", "Kostprijs"]), t("Maten", ["Naam", "Kapitaal"]), t("Partners", ["Naam"])];
    expect(findTable(tables, "ledger")?.name).toBe("Activastaat"); // a known name ("vaste activa", "activastaat"…) with fitting headers first
    expect(findTable(tables, "partners")?.name).toBe("Maten"); // "Partners" has no key column
    expect(findTable([ledger], "ledger", ledger)).toBeUndefined();
    expect(findTable([t("Vervreemdingen", ["Verkoopprijs", "Investeringsjaar"])], "disposals")?.name).toBe("Vervreemdingen");
  });

  it("a partners list on a sheet without tables: its header row in the first 30 rows, to the first empty or label row", () => {
    const rows: Cell[][] = [["Vennoten VOF De Korrel"], [], [null, "Naam", "Winstaandeel", null], [null, "Jansen", 0.6], [null, "De Vries", 0.4], [null, "Verdeelsleutel:", "winst"]];
    const list = findPartnersHeader(rows)!;
    expect(list).toEqual({ kind: "partners", index: 2, left: 1, right: 2, headers: ["Naam", "Winstaandeel"] });
    expect(sheetHeader(rows)).toEqual(list);
    // a ledger's header row makes the sheet a ledger, whatever is below it
    expect(sheetHeader([["Categorie", "Bedrag"], ["Naam", "Winst"]])).toMatchObject({ kind: "ledger", index: 0 });
    expect(findPartnersHeader([["Naam", "Adres"], ["Jansen", "Dorpsstraat 1"]])).toBeUndefined(); // no weight of the key
    expect(partnersListLength(rows.slice(3), list)).toEqual({ rows: 2, ended: true });
    expect(partnersListLength(rows.slice(3, 5), list)).toEqual({ rows: 2, ended: false }); // more rows may follow
    // the labels end it (compared like headers), in the list's first column or left of it; so does an empty row
    for (const label of ["Verdeelsleutel", "verdeelsleutel KIA", "Sleutel", "Gezamenlijk verzoek:", "Totaal"]) {
      expect(endsPartnersList([null, label, "x"], list)).toBe(true);
      expect(endsPartnersList([label, null, "x"], list)).toBe(true);
    }
    expect(endsPartnersList([null, null, null, "opmerking"], list)).toBe(true); // empty in the list's columns
    expect(endsPartnersList(undefined, list)).toBe(true);
    // a partner, also one without a name (its problem is said), is no end
    expect(endsPartnersList([null, "Verdeel BV", 0.5], list)).toBe(false);
    expect(endsPartnersList([null, null, 0.5], list)).toBe(false);
    expect(endsPartnersList(["1", "Jansen", 0.5], list)).toBe(false);
  });

  it("a label: compared like headers, the given sheet first, in the first 40 rows and 30 columns, the first value accepted", () => {
    const areas = [
      { sheet: "Info", rows: [["Jaar", "Klant"], ["Sleutel", "winst"]] as Cell[][] },
      { sheet: "Overzicht", rows: [[null, null], [null, "JAAR:", 2024]] as Cell[][] },
    ];
    const isYear = (v: Cell) => yearOfCell(v) !== undefined;
    expect(besideLabel(areas, ["Jaar", "Boekjaar"], { accept: isYear })).toEqual({ sheet: "Overzicht", row: 2, column: 2, value: 2024 });
    expect(besideLabel(areas, "Jaar")).toEqual({ sheet: "Info", row: 1, column: 1, value: "Klant" });
    expect(besideLabel(areas, "Jaar", { first: "Overzicht" })?.value).toBe(2024);
    expect(besideLabel(areas, ["Verdeelsleutel", "Sleutel"], { first: "Overzicht" })?.value).toBe("winst");
    const far: Cell[][] = Array.from({ length: 41 }, () => []);
    far[40] = ["Jaar", 2024];
    expect(besideLabel([{ sheet: "Lang", rows: far }], "Jaar")).toBeUndefined();
    const wide: Cell[] = new Array(30).fill(null);
    expect(besideLabel([{ sheet: "Breed", rows: [[...wide.slice(1), "Jaar", 2024]] }], "Jaar")?.column).toBe(30);
    expect(besideLabel([{ sheet: "Breed", rows: [[...wide, "Jaar", 2024]] }], "Jaar")).toBeUndefined();
  });

  it("values: a year, ja or nee", () => {
    expect([2025, " 2024 ", "2024.0", 1899, 2025.5, "twee", null].map((c) => yearOfCell(c as Cell))).toEqual([2025, 2024, undefined, undefined, undefined, undefined, undefined]);
    expect(["Ja", "nee", true, false, 1, "X", "misschien", { error: "#N/A" }, null].map((c) => yesOrNo(c as Cell))).toEqual([true, false, true, false, true, true, undefined, undefined, undefined]);
  });

  it("the year of the dates: only when every dated investment falls in one calendar year, said the same way everywhere", () => {
    const inv = (...dates: (string | undefined)[]) => dates.map((date) => ({ date }));
    expect(yearOfDates(inv("2025-01-03", undefined, "2025-12-31"))).toEqual({ year: 2025, dated: 2, investments: 3 });
    // most dates in 2025 is not enough: a tax return is not built on the most common year
    expect(yearOfDates(inv("2025-01-03", "2025-05-01", "2024-12-31"))).toEqual({ years: [2024, 2025] });
    expect(yearOfDates(inv(undefined))).toEqual({ years: [] });
    expect(datesYearText({ year: 2025, dated: 3, investments: 3 })).toBe("het jaar van de investeringsdatums (de datums van alle 3 investeringen vallen in 2025)");
    expect(datesYearText({ year: 2025, dated: 2, investments: 3 })).toBe("het jaar van de investeringsdatums (2 van de 3 investeringen hebben een datum, alle in 2025)");
    expect(noYearText([2024, 2025])).toBe("geen jaar gevonden, en de investeringsdatums vallen in 2 jaren (2024, 2025)");
    expect(noYearText([])).toBe("geen jaar gevonden, en geen investeringsdatums om het uit af te leiden");
  });
});

// ---- the same workbook in kia-calc and in the taskpane ---------------------------------------------------------

const fileOf = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer });

/** A file as the standalone pane loads it (App.tsx): the ledger, the year, partners and disposals, then derive(). */
async function paneReads(bytes: Uint8Array, name: string, onScreen = 2020) {
  const wb = await openFileWorkbook(fileOf(name, bytes), { storage: null });
  const state = reducer(initialState(onScreen), await loadLedger(wb, {}, { guess: onScreen, culture: async () => NL, fileName: name }));
  return { state, grid: state.grid!, derived: makeDeriver()(state, NL) };
}

/** What a scenario comes to, for comparing the two readers: the year, the assets, the KIA, each partner's. */
function outcome(report: ReturnType<typeof evaluate>) {
  return {
    year: report.year,
    assets: report.assets.map((a) => [a.id, a.amount, a.counted]),
    total: report.total,
    kia: report.kia,
    partners: report.partners?.map((p) => [p.name, p.kia]),
    disinvestment: report.disinvestment?.total,
  };
}

describe("kia-calc and the taskpane read the same workbook alike", () => {
  const title = [["Staat van investeringen"], ["Klant: Bakkerij De Korrel"], []];
  const header = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum"];

  it("a header row on row 4 under a title, the year of the dates: the same rows, problems and year, in the same words", async () => {
    const bytes = await workbook({
      Staat: [...title, header, ["M1", "Oven", "machine", 24000, new Date(Date.UTC(2025, 2, 3))], ["M2", "Toonbank", "inventaris", "€ 3.500", "15-06-2025"], ["M3", "Kassa", "ruimteschip", 900, null]],
    });
    const cli = await readWorkbook(bytes, "korrel.xlsx");
    const pane = await paneReads(bytes, "korrel.xlsx");
    // before: the pane took row 1 (the title) as the header and recognised no column
    expect(pane.grid).toMatchObject({ headers: header, firstRow: 5, firstColumn: 0 });
    expect(cli.found).toEqual({ ledger: "blad Staat", year: "de investeringsdatums" });
    expect(pane.derived.leftOut.map(cellOf)).toEqual(["Staat!C7"]);
    expect(cli.problems.map((p) => p.cell)).toEqual(['Staat!C7 ("ruimteschip")']);
    expect(pane.state.choices.year).toBe(2025);
    expect(outcome(pane.derived.evaluated!.report!)).toEqual(outcome(evaluate(cli.scenario)));
    // how the year was found: kia-calc's note and the pane's say it in the same words
    expect(cli.yearFromDates).toEqual({ dated: 2, investments: 2 });
    expect(pane.state.yearFound).toEqual({ from: "dates", year: 2025, dated: 2, investments: 2 });
    expect(datesYearText(pane.state.yearFound as { year: number; dated: number; investments: number })).toBe("het jaar van de investeringsdatums (de datums van alle 2 investeringen vallen in 2025)");
    expect(messages("nl").yearFromDates({ year: 2025, dated: 2, investments: 2 })).toBe("Het jaar van de investeringsdatums (de datums van alle 2 investeringen vallen in 2025).");
    expect(messages("en").yearFromDates({ year: 2025, dated: 1, investments: 2 })).toBe("The year of the investment dates (1 of the 2 investments have a date, all in 2025).");
  });

  it("dates in two years: no year from the dates in either (not the most common one); a year beside 'Jaar' settles it for both", async () => {
    const ledger = [header, ["M1", "Oven", "machine", 24000, "03-03-2025"], ["M2", "Toonbank", "inventaris", 3500, "15-06-2025"], ["M3", "Kassa", "computer", 900, "28-12-2024"]];
    const bytes = await workbook({ Staat: ledger });
    await expect(readWorkbook(bytes, "twee.xlsx")).rejects.toThrow(`Bestand twee.xlsx: ${noYearText([2024, 2025])}. Geef het jaar op`);
    const pane = await paneReads(bytes, "twee.xlsx", 2023);
    // the pane keeps the year on screen and says it is a guess, in kia-calc's words
    expect(pane.state.choices.year).toBe(2023);
    expect(pane.state.yearFound).toEqual({ from: "none", years: [2024, 2025], year: 2023 });
    expect(messages("nl").yearGuess([2024, 2025], 2023)).toBe(`Let op: ${noYearText([2024, 2025])}. Nu staat 2023 ingesteld; kies het juiste belastingjaar.`);
    expect(messages("en").yearGuess([2024, 2025], 2023)).toBe("Note: no year found, and the investment dates fall in 2 years (2024, 2025). 2023 is set for now; choose the right tax year.");
    // the user chooses: the note goes
    expect(reducer(pane.state, { type: "set-year", year: 2025 }).yearFound).toBeNull();

    // the year beside "Jaar" on the Overzicht (a "Jaar" column header elsewhere is passed over): 2025 for both
    const withYear = await workbook({ Staat: ledger, Info: [["Jaar", "Klant"]], Overzicht: [["KIA"], [], ["Jaar:", 2025]] });
    const cli = await readWorkbook(withYear, "twee.xlsx");
    const paneWithYear = await paneReads(withYear, "twee.xlsx", 2023);
    expect(cli.found.year).toBe("Overzicht!B3");
    expect(paneWithYear.state.yearFound).toEqual({ from: "workbook", year: 2025, at: "Overzicht!B3" });
    expect(outcome(paneWithYear.derived.evaluated!.report!)).toEqual(outcome(evaluate(cli.scenario)));
    // the Kassa dated 28-12-2024 does not count in 2025 (art. 3.43): a question in both, counted when answered so
    expect(outcome(evaluate(cli.scenario))).toMatchObject({ year: 2025, total: "27500" });
    expect(cli.open).toEqual([expect.objectContaining({ cell: "Staat!E4", kind: "year", suggestion: "skip" })]);
    expect(paneWithYear.derived.ledger!.open).toEqual(cli.open);
    const counted = await readWorkbook(withYear, "twee.xlsx", { answers: { "Staat!4:year": { choice: "count", note: "order getekend op 20-01-2025" } } });
    expect(outcome(evaluate(counted.scenario))).toMatchObject({ year: 2025, total: "28400" });
    expect(counted.provisional).toBe(false);
  });

  it("partners in a table found by its headers, the key beside 'Verdeelsleutel:' on another sheet, the joint request: the same partnership", async () => {
    const bytes = await workbook(
      { Staat: [], Maatschap: [], Overzicht: [["Verdeelsleutel:", "kapitaal"], ["Gezamenlijk verzoek", "Ja"], ["Jaar", 2025]] },
      [
        { sheet: "Staat", name: "Activa", ref: "A1", headers: ["Nummer", "Categorie", "Bedrag"], rows: [["M1", "machine", 40000], ["M2", "computer", 8000]] },
        { sheet: "Maatschap", name: "Maten", ref: "A1", headers: ["Naam", "Winstaandeel", "Kapitaal"], rows: [["Jansen", 0.5, 30000], ["De Vries", 0.5, 10000]] },
        { sheet: "Maatschap", name: "Verkocht", ref: "F1", headers: ["Nummer", "Verkoopprijs", "Investeringsjaar", "Investeringsbedrag", "Totaal investeringsjaar"], rows: [["V1", 9000, 2022, 20000, 60000]] },
      ],
    );
    const cli = await readWorkbook(bytes, "maatschap.xlsx");
    const pane = await paneReads(bytes, "maatschap.xlsx");
    expect(cli.found).toMatchObject({ ledger: "tabel Activa", partners: "tabel Maten", disposals: "tabel Verkocht", year: "Overzicht!B3" });
    expect(cli.scenario.partnership).toMatchObject({ key: "kapitaal", jointRequest: true });
    expect(pane.state.partnersRead).toMatchObject({ table: "Maten", count: 2, key: "capital", jointRequest: "yes" });
    const report = evaluate(cli.scenario);
    expect(report.partners!.map((p) => p.kia)).not.toEqual(["6720", "6720"]); // the capital key, not equal shares
    expect(outcome(pane.derived.evaluated!.report!)).toEqual(outcome(report));
  });

  // the new-user trial: a plain sheet "Vennoten" (no Excel table), the key in a row right below the partners
  const trial = (shares: unknown[] = [0.6, 0.4], extra: unknown[][] = [["Verdeelsleutel", "winst"]]) =>
    workbook({
      Staat: [header, ["M1", "Oven", "machine", 40000, "03-03-2025"], ["M2", "Toonbank", "inventaris", 10000, "15-06-2025"]],
      Vennoten: [["Naam", "Winstaandeel"], ["Jansen", shares[0]], ["De Vries", shares[1]], ...extra],
    });

  it("partners on a plain sheet 'Vennoten' with the key in the row below them: the same partnership, the label row no partner", async () => {
    for (const shares of [[0.6, 0.4], ["60%", "40%"]]) {
      const bytes = await trial(shares);
      const cli = await readWorkbook(bytes, "vof.xlsx");
      const pane = await paneReads(bytes, "vof.xlsx");
      // before: kia-calc passed the sheet over (no split, no problem); the page read "Verdeelsleutel" as a third partner
      expect(cli.problems).toEqual([]);
      expect(cli.found).toMatchObject({ ledger: "blad Staat", partners: "blad Vennoten" });
      expect(cli.scenario.partnership).toEqual({
        partners: [{ name: "Jansen", profit: "60" }, { name: "De Vries", profit: "40" }],
        key: "winst",
      });
      expect(pane.state.partnersRead).toEqual({ table: "Vennoten", count: 2, key: "profit", problems: [] });
      expect(pane.state.choices.partnership.partners.map((p) => [p.name, p.profit])).toEqual([["Jansen", "60"], ["De Vries", "40"]]);
      const report = evaluate(cli.scenario);
      expect(report.partners!.map((p) => [p.name, p.kia])).toEqual([["Jansen", "8400"], ["De Vries", "5600"]]); // 60/40 of 28% x 50.000
      expect(outcome(pane.derived.evaluated!.report!)).toEqual(outcome(report));
    }
  });

  it("a list that ends at an empty row, the joint request and a total row below it; a bad share: the same problem, in a share's words", async () => {
    const bytes = await trial([0.6, "veel"], [["Pietersen", 0.4], ["Totaal", 1], [], ["Gezamenlijk verzoek", "Ja"], ["Verdeelsleutel", "winst"]]);
    const cli = await readWorkbook(bytes, "vof.xlsx");
    const pane = await paneReads(bytes, "vof.xlsx");
    const message = "aandeel (over)winst: geen aandeel; verwacht een aandeel zoals 60% of 0,6";
    expect(cli.problems).toEqual([{ cell: 'Vennoten!B3 ("veel")', message }]);
    expect(pane.state.partnersRead).toEqual({ table: "Vennoten", count: 2, key: "profit", jointRequest: "yes", problems: [] });
    // the cell not read is the reader's LeftOut, in the pane's list as in kia-calc's
    expect(pane.derived.leftOut.map((x) => [cellOf(x), x.reason])).toEqual([["Vennoten!B3", message]]);
    expect(cli.scenario.partnership).toEqual({ partners: [{ name: "Jansen", profit: "60" }, { name: "Pietersen", profit: "40" }], key: "winst", jointRequest: true });
    expect(outcome(pane.derived.evaluated!.report!)).toEqual(outcome(evaluate(cli.scenario)));
  });

  it("a CSV with lines above its header: the same header row, rows and year", async () => {
    const text = "Staat van investeringen;;\r\nJaar;2024;\r\n;;\r\nCategorie;Bedrag;Datum\r\nmachine;12.000;01-02-2024\r\ninventaris;2.500,50;\r\n";
    const bytes = new TextEncoder().encode(text);
    expect(csvTable(parseCsv(text))).toMatchObject({ headers: ["Categorie", "Bedrag", "Datum"], firstRow: 5 });
    const cli = await readCsv(bytes, "staat.csv");
    const pane = await paneReads(bytes, "staat.csv");
    expect(cli.found.year).toBe("staat.csv!B2");
    expect(pane.state.yearFound).toEqual({ from: "workbook", year: 2024, at: "staat.csv!B2" });
    expect(outcome(pane.derived.evaluated!.report!)).toEqual(outcome(evaluate(cli.scenario)));
    expect(cli.scenario.investments).toHaveLength(2);
  });
});

describe("leaveOutRefused: each list's places stay parallel to the scenario's list", () => {
  it("a refused disposal and a refused investment are taken out of their places, so the rows after them keep their cells", async () => {
    const { leaveOutRefused } = await import("../src/workbook");
    const read = {
      scenario: {
        year: 2025,
        investments: [
          { id: "A", category: "machine", amount: 5000, paid: 6000 },
          { id: "B", category: "machine", amount: 3000 },
        ],
        disposals: [
          { id: "D1", price: "veel", investment: "B" },
          { id: "D2", price: 100, investment: "B" },
        ],
      },
      places: {
        ledger: { sheet: "Staat", rows: [5, 6], mapping: { id: 0, paid: 4 }, firstColumn: 0 },
        disposals: { sheet: "Desinv", rows: [3, 4], mapping: { id: 0, price: 2 }, firstColumn: 0 },
      },
      leftOut: [],
      rows: [5, 6],
    };
    const r = leaveOutRefused(read as never);
    expect(r.leftOut.map((x) => [x.list, x.sheet, x.row, x.column])).toEqual([
      ["investments", "Staat", 5, "E"],
      ["disposals", "Desinv", 3, "C"],
    ]);
    expect((r.scenario.investments as { id: string }[]).map((i) => i.id)).toEqual(["B"]);
    expect((r.scenario.disposals as { id: string }[]).map((d) => d.id)).toEqual(["D2"]);
    expect(r.places.ledger.rows).toEqual([6]);
    expect(r.places.disposals!.rows).toEqual([4]);
    expect(r.rows).toEqual([6]);
  });
});

describe("ledgerMapping: a column headed Groep that names categories is no group of besluit 2.2", () => {
  it("beside a category column it is not read, and said; as the only one it is the category; real 2.2 groups stay groups", async () => {
    const { ledgerMapping } = await import("../src/workbook/ledger");
    const head = ["Nummer", "Categorie", "Groep", "Bedrag"];
    const exportRows: Cell[][] = [
      ["A1", "inventaris", "Inventaris", 300],
      ["A2", "machine", "0210 Machines en installaties", 5000],
      ["A3", "inventaris", "Inventaris", 300],
    ];
    const beside = ledgerMapping(head, exportRows, 1);
    expect(beside.mapping).toEqual({ id: 0, category: 1, amount: 3 });
    expect(beside.groupColumn).toMatchObject({ column: 2, header: "Groep", examples: ["Inventaris", "0210 Machines en installaties"], asCategory: false });
    expect(beside.groupColumn!.message).toBe(
      'kolom D ("Groep") noemt categorieën (Inventaris, 0210 Machines en installaties), geen groepen van besluit onderdeel 2.2 (rijen die samen één bedrijfsmiddel zijn): ' +
        "niet als groep gelezen. Is het toch een groep van onderdeel 2.2, kies die kolom dan onder Kolommen als groep.",
    );
    const only = ledgerMapping(["Nummer", "Groep", "Bedrag"], exportRows.map(([a, , g, b]) => [a, g, b]));
    expect(only.mapping).toEqual({ id: 0, category: 1, amount: 2 });
    expect(only.groupColumn).toMatchObject({ asCategory: true });
    // one value that is no category (a set of rows that form one asset) keeps the column a group
    const groups = ledgerMapping(head, [...exportRows, ["A4", "computer", "PC set", 400]]);
    expect(groups.mapping.group).toBe(2);
    expect(groups.groupColumn).toBeUndefined();
    // one category's name may be a group's own ("Bestelauto": the van and its fittings)
    expect(ledgerMapping(head, [["A1", "bestelauto", "Bestelauto", 30000], ["A2", "bestelauto", "Bestelauto", 2000]]).mapping.group).toBe(2);
    // an empty group column stays what its header says
    expect(ledgerMapping(head, [["A1", "machine", null, 1000]]).mapping.group).toBe(2);
  });

  it("kia-calc on such an export: each row its own asset (the € 450 test per row), with the warning", async () => {
    const { call } = await import("./support/cli");
    const { mkdtempSync, writeFileSync } = await import("fs");
    const { join } = await import("path");
    const { tmpdir } = await import("os");
    const path = join(mkdtempSync(join(tmpdir(), "kia-groep-")), "export.csv");
    writeFileSync(path, "Nummer;Omschrijving;Categorie;Groep;Bedrag;Datum\nA1;Stoel;inventaris;Inventaris;300;01-02-2025\nA2;Stoel;inventaris;Inventaris;300;01-02-2025\nA3;Draaibank;machine;Machines;5000;01-03-2025\n");
    const r = await call([path]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2025, total: "5000", kia: "1400" });
    expect(r.err).toContain('Kolom D ("Groep") noemt categorieën (Inventaris, Machines), geen groepen van besluit onderdeel 2.2');
  });
});

describe("the sections of a ledger's rows (ledgerSections): a second header row ends the ledger", () => {
  const HEAD = ["Omschrijving", "Categorie", "Datum", "Aanschafwaarde"];
  const rows: Cell[][] = [
    ["CNC machine", "machine", "03-03-2025", "€ 111.000"],
    HEAD, // an export's page header: the ledger goes on
    ["Kasten", "inventaris", "01-04-2025", 9000],
    ["Totaal", null, null, 120000],
    [],
    ["Desinvesteringen 2025"],
    [],
    ["Omschrijving", "Categorie", "Datum verkoop", "Verkoopprijs"],
    ["Oude pers", "machine", "01-06-2025", "€ 30.000"],
    ["Afschrijvingen"],
    ["Omschrijving", "Afschrijving 2025", "Categorie"],
    ["CNC machine", "€ 11.100", "machine"],
  ];

  it("ends the ledger at the title of the first list under it; its header's price or its title makes a list of disposals", () => {
    expect(ledgerSections(HEAD, rows)).toEqual({
      rows: 5,
      sections: [
        { header: 7, title: 5, end: 9, kind: "disposals" },
        { header: 10, title: 9, end: 12, kind: "other" },
      ],
    });
    // a disposals title over a header without a price
    expect(ledgerSections(HEAD, [["Verkopen"], ["Omschrijving", "Categorie"], ["Pers", "machine"]]).sections).toEqual([{ header: 1, title: 0, end: 3, kind: "disposals" }]);
  });

  it("a ledger without a second header is all ledger", () => {
    expect(ledgerSections(HEAD, rows.slice(0, 5))).toEqual({ rows: 5, sections: [] });
  });

  it.each<[Cell[], boolean]>([
    [["Omschrijving", "Categorie", "Datum verkoop", "Verkoopprijs 2025"], true],
    [["Naam", "Winstaandeel"], true],
    [["Omschrijving", null, "Verklaring 4.2"], true],
    [["Machine", "machine", "1 maart 2025", "€ 5.000"], false],
    [["Omschrijving", "Categorie", 5000], false],
    [["Omschrijving", "Categorie", "5.000"], false],
    [["Desinvesteringen 2025"], false],
  ])("%j heads a list: %p", (cells, heads) => expect(isHeadingRow(cells)).toBe(heads));

  it("a partners list under the ledger is a section of its own kind (read as the partners when there is no other)", () => {
    expect(ledgerSections(HEAD, [...rows.slice(0, 5), ["Vennoten"], ["Naam", "Aandeel winst"], ["S. Knip", "60%"], ["T. Co", "40%"]])).toEqual({
      rows: 5,
      sections: [{ header: 6, title: 5, end: 9, kind: "partners" }],
    });
  });

  it.each<[string, Cell[][], boolean]>([
    [
      "one known name over data",
      [
        ["Omschrijving", "Afschrijving", "Boekwaarde"],
        ["CNC machine", "€ 11.100", "€ 99.900"],
      ],
      true,
    ],
    ["one known name, data after a blank row", [["Categorie", "Afschrijving 2025", "Boekwaarde"], [], ["machine", 11100, 99900]], true],
    [
      "an asset row without an amount, with a header word and a category",
      [
        ["Heftruck", "machine", "Code", "n.t.b."],
        ["Kasten", "inventaris", "", 9000],
      ],
      false,
    ],
    [
      "one known name, no data below",
      [
        ["Omschrijving", "Opmerking"],
        ["Zie bijlage", "bij de jaarrekening"],
      ],
      false,
    ],
    ["one known name alone (a section's title)", [["Omschrijving"], ["CNC machine", "€ 11.100"]], false],
    ["a title", [["Afschrijvingen 2025"], ["CNC machine", "€ 11.100"]], false],
  ])("below the ledger's header, %s heads a list: %p (headsList)", (_, below, heads) => expect(headsList(below, 0)).toBe(heads));

  it("a list headed by one known name ends the ledger ('Omschrijving; Afschrijving; Boekwaarde')", () => {
    expect(ledgerSections(HEAD, [rows[0], rows[2], [], ["Omschrijving", "Afschrijving", "Boekwaarde"], ["CNC machine", "€ 11.100", "€ 99.900"]])).toEqual({
      rows: 3,
      sections: [{ header: 3, end: 5, kind: "other" }],
    });
  });
});

describe("what a total row's label says it totals (totalLabelKind)", () => {
  const namesPart = (w: string) => ["inventaris", "machines", "machines en installaties"].includes(w);
  it.each<[string, string]>([
    ["Totaal", "plain"],
    ["Totaal investeringen 2025", "plain"],
    ["Totaal:", "plain"],
    ["Eindtotaal", "grand"],
    ["Totaal generaal", "grand"],
    ["Generaal totaal", "grand"],
    ["Grand total", "grand"],
    ["Subtotaal", "part"],
    ["Saldo 31-12", "part"],
    ["Totaal inventaris", "part"],
    ["Totaal machines en installaties", "part"],
  ])("%p: %p", (label, kind) => expect(totalLabelKind(label, namesPart)).toBe(kind));
});
