/**
 * A sale read from the workbook's disposals list but missing facts (an asset of an earlier year without its investment
 * amount or that year's total, art. 3.47 lid 1): one LeftOut "INCOMPLETE" with what was read; step 4's "Vul aan"
 * takes it into an entry (taskpane/app/model/complete-disposal.ts) and, once that is complete, the row counts once and
 * no longer makes the figure provisional. The report names a disposal typed in step 4 by its description. A list
 * without a year column says so at the row. The register advice is one text in every place.
 */
import { readDisposals, type Cell } from "../src/workbook/ledger";
import { mapHeaders } from "../src/workbook/ledger";
import { earlierReportAdvice, registerNotRead } from "../src/workbook/names";
import { readFound } from "../src/workbook/found";
import { makeDeriver } from "../taskpane/app/model/derive";
import { completionOf, firstMissing, toComplete } from "../taskpane/app/model/complete-disposal";
import { reducer, type PaneState } from "../taskpane/app/model/state";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { loadedPane } from "./support/pane";
import { leftOutRows, reportSheet } from "../taskpane/report-sheet";
import type { Grid } from "../taskpane/workbook/types";

const NL = cultureFromLocale("nl-NL", "nl");
const grid = (sheet: string, headers: string[], rows: Cell[][]): Grid => ({ sheet, source: `tabel ${sheet}`, headers, rows, firstRow: 2, firstColumn: 0 });
const ledger = grid(
  "Investeringen",
  ["Nummer", "Omschrijving", "Categorie", "Bedrag"],
  [
    ["INV-1", "Draaibank", "machine", 10000],
    ["INV-2", "Kast", "inventaris", 2000],
  ],
);
const sale = grid("Desinvesteringen", ["Omschrijving", "Aanschafjaar", "Verkoopprijs"], [["Heftruck Linde", 2021, 6500]]);

const loaded = (disposalGrid: Grid): PaneState => loadedPane(ledger, mapHeaders(ledger.headers).mapping, { disposalGrid, year: 2025 });

/** the report step's count (ReportStep.tsx): the rows left out, and the entries of step 4 not complete */
const counted = (d: ReturnType<ReturnType<typeof makeDeriver>>) => d.leftOut.length + d.enteredLeftOut.length;

describe("a sale of 2021 without its amount and 2021's total", () => {
  it("is one LeftOut INCOMPLETE at the year's cell, with the row as read (not a cell 'not read')", () => {
    const r = readFound({ ledger, disposals: sale }, { year: 2025 });
    expect(r.leftOut).toEqual([
      expect.objectContaining({
        list: "disposals",
        sheet: "Desinvesteringen",
        row: 2,
        column: "B",
        code: "INCOMPLETE",
        description: "Heftruck Linde",
        amount: "6500",
        read: { id: "rij 2", description: "Heftruck Linde", price: "6500", investmentYear: 2021 },
      }),
    ]);
    expect(r.leftOut[0].reason).toContain(`en ${earlierReportAdvice(2021)}`);
    expect(r.provisional).toBe(true);
  });

  it("'Vul aan' takes it into step 4 as read, asks only for what is missing; complete, it counts once and the figure is final", () => {
    let s = loaded(sale);
    const derive = makeDeriver();
    let d = derive(s, NL);
    const offered = toComplete(d.leftOut, s.choices.disposals);
    expect(offered.map((x) => `${x.sheet}!${x.column}${x.row}`)).toEqual(["Desinvesteringen!B2"]);
    const entry = completionOf(offered[0], 2025, NL);
    expect(entry).toEqual({
      description: "Heftruck Linde",
      price: "6.500",
      kind: "earlier",
      investment: "",
      investmentYear: "2021",
      investmentAmount: "",
      investmentYearTotal: "",
      completes: { sheet: "Desinvesteringen", row: 2, cell: "Desinvesteringen!B2" },
    });
    expect(firstMissing(entry)).toBe("investmentAmount");
    expect(counted(d)).toBe(1);

    s = reducer(s, { type: "add-disposal-from", disposal: entry });
    d = derive(s, NL);
    // taken over: not offered again; until complete the list's row is what is left out, the entry not a second row
    expect(toComplete(d.leftOut, s.choices.disposals)).toEqual([]);
    expect(d.leftOut.map((x) => x.code)).toEqual(["INCOMPLETE"]);
    expect(d.disposalIssues.map((x) => x.key)).toEqual(["disposal.0.investmentAmount", "disposal.0.investmentYearTotal"]);
    expect(d.enteredLeftOut).toEqual([]);
    expect(counted(d)).toBe(1);
    expect(leftOutRows(d.leftOut, { issues: d.enteredLeftOut, disposals: s.choices.disposals }, "nl").map((x) => x.cell)).toEqual(["Desinvesteringen!B2"]);

    s = reducer(s, { type: "set-disposal", index: 0, patch: { investmentAmount: "20.000", investmentYearTotal: "85.000" } });
    d = derive(s, NL);
    expect(d.disposalIssues).toEqual([]);
    expect(d.leftOut).toEqual([]);
    expect(counted(d)).toBe(0);
    // counted once: the entry of step 4, not also the list's row
    const items = d.evaluated!.report!.disinvestment!.items;
    expect(items.map((x) => [x.id, x.price, x.investmentYear])).toEqual([["Heftruck Linde", "6500", 2021]]);
  });

  it("completed in step 4, then its columns filled in the workbook: counted from the list once, the entry asks to be removed", () => {
    let s = loaded(sale);
    const entry = { ...completionOf(toComplete(makeDeriver()(s, NL).leftOut, [])[0], 2025, NL), investmentAmount: "20.000", investmentYearTotal: "85.000" };
    s = reducer(s, { type: "add-disposal-from", disposal: entry });
    // the workbook read again, the row now complete in the list
    s = {
      ...s,
      disposalGrid: grid(
        "Desinvesteringen",
        ["Omschrijving", "Aanschafjaar", "Verkoopprijs", "Investeringsbedrag", "Totaal investeringsjaar"],
        [["Heftruck Linde", 2021, 6500, 20000, 85000]],
      ),
    };
    const d = makeDeriver()(s, NL);
    expect(d.evaluated!.report!.disinvestment!.items.map((x) => x.price)).toEqual(["6500"]);
    expect(d.disposalIssues.map((x) => x.message)).toEqual(["deze verkoop telt nu mee uit de werkmap (Desinvesteringen!B2); verwijder hem hier"]);
    expect(counted(d)).toBe(1);
  });

  it("a row of the list with its own number keeps it in step 4; a sale of the tax year's asset is one of this year's investments to pick", () => {
    const list = grid(
      "Desinvesteringen",
      ["Nummer", "Omschrijving", "Investeringsjaar", "Verkoopprijs"],
      [
        ["V-1", "Heftruck Linde", 2021, 6500],
        ["V-2", "Kast", 2025, 900],
      ],
    );
    const d = makeDeriver()(loaded(list), NL);
    const [earlier, thisYear] = toComplete(d.leftOut, []);
    expect(completionOf(earlier, 2025, NL)).toMatchObject({ id: "V-1", kind: "earlier", investmentYear: "2021", price: "6.500" });
    const own = completionOf(thisYear, 2025, NL);
    expect(own).toMatchObject({ id: "V-2", kind: "this-year", investmentYear: "2025", price: "900" });
    expect(firstMissing(own)).toBe("investment");
  });
});

describe("the report's disposals table", () => {
  const rowsOf = (s: PaneState) => {
    const d = makeDeriver()(s, NL);
    const sheet = reportSheet(d.evaluated!.report!, {
      version: "0.1.0",
      date: "2026-01-05",
      ledgerSource: "tabel Investeringen",
      lang: "nl",
      scenario: d.evaluated!.scenario,
    });
    const at = sheet.rows.findIndex((r) => r[0] === "Nummer" && r[1] === "Omschrijving" && r[2] === "Investeringsjaar");
    expect(at).toBeGreaterThan(0);
    return sheet.rows.slice(at + 1).filter((r) => typeof r[3] === "number");
  };

  it("names a disposal typed in step 4 under Omschrijving, with no Nummer (was its name under Nummer)", () => {
    let s = loaded(grid("Desinvesteringen", ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"], []));
    s = reducer(s, {
      type: "add-disposal-from",
      disposal: {
        description: "Heftruck (verkocht)",
        price: "8.000",
        kind: "earlier",
        investment: "",
        investmentYear: "2022",
        investmentAmount: "20.000",
        investmentYearTotal: "85.000",
      },
    });
    const [row] = rowsOf(s);
    expect(row.slice(0, 4)).toEqual([null, "Heftruck (verkocht)", 2022, 8000]);
  });

  it("keeps the number a row had: from the list, or taken into step 4 with 'Vul aan'", () => {
    const list = grid("Desinvesteringen", ["Nummer", "Omschrijving", "Investeringsjaar", "Verkoopprijs"], [["V-1", "Heftruck Linde", 2021, 6500]]);
    let s = loaded(list);
    const d = makeDeriver()(s, NL);
    const entry = { ...completionOf(toComplete(d.leftOut, [])[0], 2025, NL), investmentAmount: "20.000", investmentYearTotal: "85.000" };
    s = reducer(s, { type: "add-disposal-from", disposal: entry });
    const [row] = rowsOf(s);
    expect(row.slice(0, 4)).toEqual(["V-1", "Heftruck Linde", 2021, 6500]);
  });
});

describe("a disposals list without a year column", () => {
  it("points at the row (its first filled cell), says which column is missing, and shows no other column's value", () => {
    const r = readDisposals(["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"], [["", "Heftruck Linde", 6500, ""]], {
      firstRow: 2,
      firstColumn: 0,
    });
    expect(r.items).toEqual([]);
    const year = r.problems.find((p) => p.message.startsWith("investeringsjaar"));
    expect(year).toMatchObject({
      row: 2,
      columnLetter: "B",
      value: "",
      message: 'investeringsjaar: de lijst heeft geen kolom "Investeringsjaar"; verwacht een jaartal, zoals 2022',
    });
  });
});

describe("the advice to read an earlier year's report", () => {
  it("is one text for the sale's message, a register reference not read (kia-calc) and the pane", () => {
    expect(registerNotRead("2023:M3")).toBe(`verwijst naar het register van een eerder jaar (2023:M3); ${earlierReportAdvice(2023)}`);
    expect(registerNotRead("M3")).toBe(
      'verwijst naar het register van een eerder jaar (M3); lees het rapport van dat jaar in bij stap 4 "Uit eerdere jaren" (kia-calc: --eerder <bestand>)',
    );
    // the pane without that year's report read: the same words (taskpane/app/model/derive.ts)
    const list = grid("Desinvesteringen", ["Omschrijving", "Verkoopprijs", "Uit register"], [["Bestelbus", 15000, "2023:M3"]]);
    const d = makeDeriver()(loaded(list), NL);
    expect(d.leftOut.map((x) => x.reason)).toEqual([registerNotRead("2023:M3")]);
  });
});
