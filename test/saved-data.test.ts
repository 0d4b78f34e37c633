/**
 * "Gegevens bewaren (.json)" / "Gegevens laden (.json)" (taskpane/app/model/saved-data.ts) on the corpus' bakery ledger
 * read as the standalone page reads it: the answers, an override and the other choices go to a file and come back
 * onto the same ledger; an answer or override whose row says something else now, or whose row is gone, is not taken
 * and is listed with what the row said then and now; the columns follow their headers; kia-calc --antwoorden reads
 * the same file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { call } from "./support/cli";
import "../src/law/headings";
import { mapHeaders } from "../src/workbook/ledger";
import { readWorkbook } from "../src/workbook/read";
import { dataToSave, restoreData } from "../taskpane/app/model/saved-data";
import { initialState, reducer, type Choices } from "../taskpane/app/model/state";
import { openFileWorkbook } from "../taskpane/workbook/file";
import type { Grid } from "../taskpane/workbook/types";

const BAKERY = join(__dirname, "fixtures", "ledgers", "bakkerij-vof-2024.xlsx");

async function bakery(): Promise<Grid> {
  const buf = readFileSync(BAKERY);
  const wb = await openFileWorkbook({ name: "bakkerij-vof-2024.xlsx", arrayBuffer: async () => new Uint8Array(buf).buffer }, { storage: null });
  return (await readWorkbook(wb.book(), { validate: false })).ledger;
}

function choices(): Choices {
  const c = reducer(initialState(2024), { type: "set-year", year: 2024 }).choices;
  return {
    ...c,
    answers: {
      "Activastaat!5:credit": { choice: "reduce:4", note: "Negatief bedrag: Vermindering van rij 4" },
      "Activastaat!27:category": { choice: "bestelauto", note: "grijs kenteken" },
    },
    overrides: { B01: { eligible: false, reason: "Privé gebruikt, hoort niet in de onderneming" } },
    calamity: { B01: { replacedBy: "B03", approval: "auto", eiaMia: null, insurance: "" } },
    disposalsTotal: "1.000",
  };
}

describe("saved data: the user's answers and choices to a file and back onto the ledger", () => {
  let grid: Grid;
  const onScreen = () => ({ grid, mapping: mapHeaders(grid.headers).mapping, fileName: "bakkerij-vof-2024.xlsx" });
  beforeAll(async () => {
    grid = await bakery();
  });

  it("keeps with each answer and override the row it was given for", () => {
    const data = dataToSave(choices(), { ...onScreen(), source: "blad Activastaat" });
    expect(data.kind).toBe("kia-gegevens");
    expect(data.ledger).toEqual({ fileName: "bakkerij-vof-2024.xlsx", source: "blad Activastaat", sheet: "Activastaat" });
    expect(data.rows["Activastaat!27:category"]).toEqual({ cell: "Activastaat!C27", description: "Bestelbus Ford Transit", amount: "24500", choice: "Bestelauto" });
    expect(data.rows["Activastaat!5:credit"].choice).toMatch(/^Vermindering van rij 4 Oven Rational iCombi/);
    // the oven as it stands after the credit answered: 14.500 - 1.250
    expect(data.rows["asset:B01"]).toEqual({ cell: "B01", description: "Oven Rational iCombi", amount: "13250" });
    expect(data.columns.description).toBe(grid.headers[mapHeaders(grid.headers).mapping.description!]);
    expect(data.columns.paid).toBeNull();
  });

  it("loads onto the same ledger: everything taken, nothing listed", () => {
    const saved = JSON.parse(JSON.stringify(dataToSave(choices(), { ...onScreen(), source: "blad Activastaat" })));
    const r = restoreData(saved, onScreen(), 2025)!;
    expect(r.notRestored).toEqual([]);
    expect(r.choices).toEqual(choices());
    expect([r.answers, r.overrides, r.otherLedger]).toEqual([2, 1, undefined]);
  });

  it("a row that says something else now, or is gone: not taken, listed with what it said then and now", () => {
    const saved = JSON.parse(JSON.stringify(dataToSave(choices(), { ...onScreen(), source: "blad Activastaat" })));
    // the ledger changed since: the bus's description, and the oven is now another asset
    const changed: Grid = JSON.parse(JSON.stringify(grid));
    const m = mapHeaders(grid.headers).mapping;
    changed.rows[27 - grid.firstRow][m.description!] = "Bestelbus Ford Transit Custom";
    changed.rows[4 - grid.firstRow][m.id!] = "B99";
    const r = restoreData(saved, { ...onScreen(), grid: changed, fileName: "bakkerij-vof-2024 (2).xlsx" }, 2025)!;
    expect(r.otherLedger).toBe("bakkerij-vof-2024.xlsx");
    expect(r.notRestored).toEqual([
      {
        what: "answer",
        key: "Activastaat!27:category",
        was: { cell: "Activastaat!C27", description: "Bestelbus Ford Transit", amount: "24500", choice: "Bestelauto" },
        now: { cell: "Activastaat!C27", description: "Bestelbus Ford Transit Custom", amount: "24500", choice: "Bestelauto" },
      },
      { what: "override", id: "B01", was: { cell: "B01", description: "Oven Rational iCombi", amount: "13250" } },
      { what: "calamity", id: "B01", was: { cell: "B01", description: "Oven Rational iCombi", amount: "13250" } },
    ]);
    // the credit's answer still fits its row: taken; the rest of the choices as saved
    expect(Object.keys(r.choices.answers!)).toEqual(["Activastaat!5:credit"]);
    expect([r.choices.overrides, r.choices.calamity, r.choices.disposalsTotal, r.choices.year]).toEqual([{}, {}, "1.000", 2024]);
  });

  it("a credit answered as a reduction of a row that holds another asset now: not taken", () => {
    const saved = JSON.parse(JSON.stringify(dataToSave(choices(), { ...onScreen(), source: "blad Activastaat" })));
    const changed: Grid = JSON.parse(JSON.stringify(grid));
    changed.rows[4 - grid.firstRow][mapHeaders(grid.headers).mapping.description!] = "Oven Rational iCombi Pro";
    const r = restoreData(saved, { ...onScreen(), grid: changed }, 2025)!;
    expect(r.notRestored.map((x) => (x.what === "answer" ? x.key : x.what))).toEqual(["Activastaat!5:credit", "override", "calamity"]);
  });

  it("the columns follow their headers when the ledger's columns moved", () => {
    const c = choices();
    const data = JSON.parse(JSON.stringify(dataToSave(c, { ...onScreen(), source: "blad Activastaat" })));
    // a mapping chosen by hand before saving: no date column
    data.columns.date = null;
    const r = restoreData(data, onScreen(), 2025)!;
    expect(r.mapping.date).toBeUndefined();
    expect(r.mapping.amount).toBe(mapHeaders(grid.headers).mapping.amount);
  });

  it("is not fooled by another JSON: a scenario, an answers file, text", () => {
    expect(restoreData({ year: 2024, investments: [] }, onScreen(), 2025)).toBeUndefined();
    expect(restoreData({ "Activastaat!27:category": { choice: "bestelauto" } }, onScreen(), 2025)).toBeUndefined();
    expect(restoreData("kia-gegevens", onScreen(), 2025)).toBeUndefined();
  });

  it("the reducer takes the loaded choices and mapping; the year found stays only for the same year", () => {
    const s = { ...initialState(2024), yearFound: { from: "workbook" as const, year: 2024, at: "Activastaat!A1" }, mapping: { amount: 3 } };
    const same = reducer(s, { type: "restore-data", choices: choices(), mapping: { amount: 3 } });
    expect([same.choices, same.mapping, same.mappingOrigin, same.yearFound]).toEqual([choices(), { amount: 3 }, "headers", s.yearFound]);
    const other = reducer(s, { type: "restore-data", choices: { ...choices(), year: 2025 }, mapping: { amount: 4 } });
    expect([other.mapping, other.mappingOrigin, other.yearFound]).toEqual([{ amount: 4 }, "user", null]);
  });

  it("kia-calc --antwoorden reads the file: the same final figure as the pane (€ 18.771)", async () => {
    const { overrides: _o, calamity: _c, ...rest } = choices(); // eslint-disable-line @typescript-eslint/no-unused-vars
    const data = dataToSave({ ...rest, overrides: {}, calamity: {} }, { ...onScreen(), source: "blad Activastaat" });
    const file = join(mkdtempSync(join(tmpdir(), "kia-gegevens-")), "gegevens.json");
    writeFileSync(file, JSON.stringify(data));
    const out = JSON.parse((await call(["--antwoorden", file, BAKERY])).out);
    expect([out.kia, out.provisional]).toEqual(["18771", false]);
  });
});

describe("the saved file as a scenario for kia-calc", () => {
  it("kia-calc gegevens.json computes the scenario in it (the file the pane saves in step 1 and step 5)", async () => {
    const buf = readFileSync(BAKERY);
    const wb = await openFileWorkbook({ name: "bakkerij-vof-2024.xlsx", arrayBuffer: async () => new Uint8Array(buf).buffer }, { storage: null });
    const grid = (await readWorkbook(wb.book(), { validate: false })).ledger;
    const scenario = JSON.parse((await call(["--scenario", BAKERY])).out);
    const data = dataToSave(initialState(2024).choices, { grid, mapping: mapHeaders(grid.headers).mapping, source: "blad Activastaat" }, scenario);
    const file = join(mkdtempSync(join(tmpdir(), "kia-gegevens-")), "gegevens.json");
    writeFileSync(file, JSON.stringify(data));
    const out = JSON.parse((await call([file])).out);
    // as read: the bus and the credit open, € 19.535
    expect([out.year, out.kia]).toEqual([2024, "19535"]);
  });
});
