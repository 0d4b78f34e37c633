/**
 * KIA.STAAT (KIA.LEDGER) on client ledgers of the corpus (test/fixtures/ledgers/): the categories are read with the
 * same headings vocabulary as the one reader (src/law/headings.json: balance-sheet headings, bookkeeping groups,
 * RGS codes), so "Inventarissen", "Installaties", "0210 Machines en installaties" and BMvaMeiVvpIna count as they do
 * in kia-calc and the pane; a row the reader asks about is #N/A with the question and "voorlopig" (an ambiguous
 * heading, a negative amount), not an unknown category; a SUM over the column is then #N/A too, never a confident
 * figure. The counted totals are kia-calc's "as read" totals of test/ledger-corpus.test.ts.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { DetailedCellError } from "hyperformula";
import * as fn from "../functions/functions";
import { engine } from "./support/hyperformula";

type CFError = { code: string; message: string };
const dir = join(__dirname, "fixtures", "ledgers");

/** A corpus CSV's category and amount columns, as Excel passes two ranges (amounts as the text of the cells). */
function columns(file: string, category: string, amount: string): { cats: string[][]; amounts: string[][]; names: string[] } {
  const [head, ...lines] = readFileSync(join(dir, file), "utf8").trim().split(/\r?\n/).map((l) => l.split(";"));
  const c = head.indexOf(category);
  const a = head.indexOf(amount);
  return { cats: lines.map((l) => [l[c]]), amounts: lines.map((l) => [l[a]]), names: lines.map((l) => l[c]) };
}

/** Each row as [category, eligible, counted] or [category, error code, message]. */
function rows(file: string, category: string, amount: string) {
  const { cats, amounts, names } = columns(file, category, amount);
  const out = fn.ledger(cats, amounts, 2025) as unknown[][];
  return out.map((r, i) => {
    const e = r[0] as CFError;
    return typeof r[0] === "object" ? [names[i], e.code, e.message] : [names[i], r[0], r[1]];
  });
}

const counted = (rs: unknown[][]) => rs.filter((r) => r[1] === true).reduce((s, r) => s + (r[2] as number), 0);

describe("KIA.STAAT reads balance-sheet headings as the reader does", () => {
  it("the salon (e-Boekhouden-like): Inventarissen, Installaties, Inrichting count; 26.612,50 as kia-calc reads it", () => {
    const rs = rows("salon-2025.csv", "Categorie", "Aanschafwaarde");
    expect(rs.every((r) => r[1] === true)).toBe(true);
    expect(counted(rs)).toBe(26612.5);
  });

  it("RGS codes: BMvaMeiVvpIna, BMvaBei, BMvaHuu count, BIvaGoo (goodwill) does not, BMvaTev is a question (#N/A), 'voorlopig'", () => {
    const rs = rows("rgs-export-2025.csv", "RGS-code", "Bedrag");
    expect(rs.map((r) => r.slice(0, 2))).toEqual([
      ["BMvaMeiVvpIna", true],
      ["BMvaBei", true],
      ["BMvaTev", "#N/A"],
      ["BIvaGoo", false],
      ["BMvaHuu", true],
    ]);
    // the question first, then why; at most 300 characters (Excel's limit for the message), "voorlopig" in them
    expect(rs[2][2]).toMatch(
      /^Open vraag, de KIA van de staat is voorlopig: “BMvaTev” kan personenauto, bestelauto, vrachtauto, personenauto-beroepsvervoer of overig zijn; vul de categorie in\. Welk vervoermiddel is dit\? Een personenauto telt niet mee \(art\. 3\.45 Wet IB 2001\)/,
    );
    expect((rs[2][2] as string).length).toBeLessThanOrEqual(300);
    expect(counted(rs)).toBe(21050);
  });

  it("headings with an account number (Twinfield-like): machines and inventaris count, Vervoermiddelen is a question, goodwill does not count", () => {
    const rs = rows("twinfield-activa-2025.csv", "Rubriek", "Aanschafprijs");
    expect(rs.map((r) => r.slice(0, 2))).toEqual([
      ["0210 Machines en installaties", true],
      ["0250 Vervoermiddelen", "#N/A"],
      ["0230 Inventarissen", true],
      ["0300 Goodwill", false],
    ]);
    expect(rs[1][2]).toMatch(/^Open vraag, de KIA van de staat is voorlopig: “0250 Vervoermiddelen” kan personenauto, bestelauto/);
    expect(counted(rs)).toBe(67400);
  });

  it("an unknown group stays an unknown category (#VALUE!); a correction of -350 is a question (#N/A), not 'niet negatief'", () => {
    const rs = rows("moneybird-activa-2025.csv", "Categorie", "Bedrag");
    expect(rs.map((r) => r.slice(0, 2))).toEqual([
      ["Kantoorinventaris", true],
      ["Hardware", true],
      ["Apparatuur", "#VALUE!"],
      ["Inventaris", "#N/A"],
    ]);
    expect(rs[2][2]).toMatch(/^Onbekende categorie/);
    expect(rs[3][2]).toBe(
      "Open vraag, de KIA van de staat is voorlopig: een negatief bedrag (creditnota of correctie?) telt niet mee; verminder het bedrag van het bedrijfsmiddel waar het bij hoort.",
    );
    // the same in every notation of a negative amount
    for (const v of [-350, "-350", "€ -350", "-€ 350", "(350)", "\u2212350,00"]) expect((fn.ledger([["Inventaris"]], [[v]], 2025)[0][0] as CFError).code).toBe("#N/A");
  });

  it("in a formula: the open question is #N/A in its row, and a SUM over the KIA column is #N/A (no confident figure)", () => {
    const hf = engine([
      ["Machines en installaties", 4350, "=KIA.LEDGER(A1:A3,B1:B3,2025)", null, null, "=SUM(E1:E3)"],
      ["Vervoermiddelen", 32500],
      ["Inventarissen", 3900],
    ]);
    const at = (row: number, col: number) => hf.getCellValue({ sheet: 0, col, row });
    expect([at(0, 2), at(0, 3), at(2, 2), at(2, 3)]).toEqual([true, 4350, true, 3900]);
    const q = at(1, 2) as DetailedCellError;
    expect([q.value, q.message]).toEqual(["#N/A", expect.stringMatching(/^Open vraag, de KIA van de staat is voorlopig: “Vervoermiddelen”/)]);
    expect((at(0, 5) as DetailedCellError).value).toBe("#N/A");
  });
});
