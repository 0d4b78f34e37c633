/**
 * One count of the ledger's lines, in one wording: the pane's header, the report's "Regels van de staat" and kia-calc
 * (--explain, --rapport) say how many lines were read and which rows were passed over, from the reader's count
 * (src/workbook/lines.ts). Before, the pane counted every row of the table ("8 rijen", the total row and an empty row
 * with it) where the report said "6 regels gelezen".
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { evaluate, type Scenario } from "../src";
import { leftOutRow, reportSheet } from "../src/report-sheet";
import { readWorkbook, XlsxBook } from "../src/workbook";
import { ledgerLines, ledgerLinesText } from "../src/workbook/lines";
import { makeDeriver } from "../taskpane/app/model/derive";
import { initialState, reducer } from "../taskpane/app/model/state";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { messages } from "../taskpane/app/text/i18n";
import { en as enText } from "../taskpane/app/text/i18n-en";
import { call } from "./support/cli";
import { workbook } from "./support/workbook";

const HEADERS = ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum"];
/** 8 rows under the header: 6 assets (one with an ambiguous amount, left out), an empty row, a total row */
const ROWS: unknown[][] = [
  ["M1", "Draaibank", "machine", 12000, "15-03-2025"],
  ["M2", "Pers", "machine", 8000, "01-04-2025"],
  ["I1", "Balie", "inventaris", 3000, "02-05-2025"],
  [null, null, null, null, null],
  ["C1", "Laptop", "computer", 1500, "03-02-2025"],
  ["C2", "Monitor", "computer", "2,500", "03-02-2025"],
  ["I2", "Kast", "inventaris", 900, "10-06-2025"],
  ["Totaal", null, null, 27900, null],
];
const SAID = "6 regels gelezen (2 overgeslagen: totaalregel, lege regel)";

const dir = mkdtempSync(join(tmpdir(), "kia-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ledger(): Promise<Uint8Array> {
  return workbook({ Staat: [HEADERS, ...ROWS] });
}

describe("the ledger's lines", () => {
  it("the reader counts the lines and the rows passed over by kind (a total row and an empty row are no lines)", async () => {
    const read = await readWorkbook(await XlsxBook.open(await ledger()), { year: 2025 });
    expect(read.ledger.rows).toHaveLength(8);
    expect(read.lines).toEqual({ read: 6, skipped: { totals: 1, empty: 1, headers: 0, sections: 0 } });
    expect(ledgerLinesText(read.lines)).toBe(SAID);
    expect(ledgerLinesText(read.lines, "en")).toBe("6 rows read (2 skipped: total row, empty row)");
  });

  it("below the grand total: a summary row is a line (left out), a total row there is passed over like the others", async () => {
    const rows = [
      ["Nummer", "Omschrijving", "Categorie", "Bedrag"],
      ["M1", "Draaibank", "machine", 12000],
      ["I1", "Kast", "inventaris", 3000],
      ["Totaal", null, null, 15000],
      [],
      [null, null, "machine", 12000],
      [null, null, "inventaris", 3000],
      ["Totaal", null, null, 15000],
    ];
    const read = await readWorkbook(await XlsxBook.open(await workbook({ Staat: rows })), { year: 2025 });
    expect(read.scenario.investments).toHaveLength(2);
    expect(new Set(read.leftOut.map((x) => x.row))).toEqual(new Set([6, 7]));
    // 2 counted + 2 left out; the grand total, the total below it and the empty row passed over
    expect(read.lines).toEqual({ read: 4, skipped: { totals: 2, empty: 1, headers: 0, sections: 0 } });
    expect(ledgerLinesText(read.lines)).toBe("4 regels gelezen (3 overgeslagen: 2 totaalregels, lege regel)");
  });

  it("words: one kind passed over, none, a repeated header, thousands in the pane's culture", () => {
    expect(ledgerLinesText({ read: 9, skipped: { totals: 5, empty: 0, headers: 0, sections: 0 } })).toBe("9 regels gelezen (5 totaalregels overgeslagen)");
    expect(ledgerLinesText({ read: 1, skipped: { totals: 0, empty: 1, headers: 0, sections: 0 } })).toBe("1 regel gelezen (1 lege regel overgeslagen)");
    expect(ledgerLinesText({ read: 16, skipped: { totals: 0, empty: 0, headers: 0, sections: 0 } })).toBe("16 regels gelezen");
    expect(ledgerLinesText({ read: 40, skipped: { totals: 2, empty: 3, headers: 1, sections: 0 } })).toBe(
      "40 regels gelezen (6 overgeslagen: 2 totaalregels, 3 lege regels, herhaalde kopregel)",
    );
    expect(ledgerLinesText({ read: 9999, skipped: { totals: 0, empty: 0, headers: 0, sections: 0 } }, "nl", (n) => n.toLocaleString("nl-NL"))).toBe(
      "9.999 regels gelezen",
    );
    expect(ledgerLinesText({ read: 3, skipped: { totals: 0, empty: 0, headers: 0, sections: 1 } })).toBe("3 regels gelezen (1 tussenkop overgeslagen)");
    expect(ledgerLinesText({ read: 3, skipped: { totals: 1, empty: 0, headers: 0, sections: 2 } }, "en")).toBe(
      "3 rows read (3 skipped: total row, 2 section headings)",
    );
    // a section's heading is neither an empty row nor a repeated header
    expect(ledgerLines(10, { skipped: 4, repeatedHeaders: 1, sectionHeadings: 2, totals: [] })).toEqual({
      read: 6,
      skipped: { totals: 0, empty: 1, headers: 1, sections: 2 },
    });
    // readLedger's skipped rows split: a repeated header is not an empty row
    expect(ledgerLines(10, { skipped: 3, repeatedHeaders: 1, totals: [{}] })).toEqual({ read: 6, skipped: { totals: 1, empty: 2, headers: 1, sections: 0 } });
  });

  it("the pane's header says the reader's count in the same words, not the table's rows", async () => {
    const found = await readWorkbook(await XlsxBook.open(await ledger()), { year: 2025 });
    const s = reducer(initialState(2025), {
      type: "load-done",
      source: { kind: "table", name: "blad Staat", table: "Staat" },
      grid: found.ledger,
      mapping: found.ledger.mapping,
      mappingOrigin: "headers",
    });
    const d = makeDeriver()(s, cultureFromLocale("nl-NL", "nl"));
    expect(d.read!.lines).toEqual(found.lines);
    expect(messages("nl").loadedFrom("blad Staat", ledgerLinesText(d.read!.lines, "nl"))).toBe(`blad Staat · ${SAID}`);
    expect(enText.loadedFrom("sheet Staat", ledgerLinesText(d.read!.lines, "en"))).toBe("sheet Staat · 6 rows read (2 skipped: total row, empty row)");
  });

  it("the report's 'Regels van de staat' says the same count, with what is left out", async () => {
    const read = await readWorkbook(await XlsxBook.open(await ledger()), { year: 2025 });
    const scenario = read.scenario as unknown as Scenario;
    const sheet = reportSheet(evaluate(scenario), {
      lang: "nl",
      version: "0.1.0",
      date: "2025-06-01",
      ledgerSource: "blad Staat",
      scenario,
      leftOut: read.leftOut.map((x) => leftOutRow(x)),
      lines: read.lines,
    });
    const row = sheet.rows.find((r) => r[0] === "Regels van de staat")!.filter((v) => v !== null);
    expect(row[1]).toBe(`${SAID}, 1 niet meegeteld (zie Niet meegeteld)`);
  });

  it("kia-calc --explain and --rapport say it in the same words", async () => {
    const file = join(dir, "staat.xlsx");
    writeFileSync(file, await ledger());
    const explain = await call(["--explain", "--year", "2025", file]);
    expect(explain.code).toBe(0);
    expect(explain.out).toContain(`\nGelezen: blad Staat: ${SAID}.\nNiet meegeteld: 1 regel van de werkmap;`);
    const out = join(dir, "rapport.xlsx");
    expect((await call(["--rapport", out, "--year", "2025", file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain(`${SAID}, 1 niet meegeteld (zie Niet meegeteld)`);
  });
});
