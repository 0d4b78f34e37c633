/**
 * The KIA register (src/register): built from a year's report, written as an Excel table of text, read back exactly
 * through the Book port; what earlier years hand on (art. 3.44 carried-forward KIA, art. 3.47 disposals) and the
 * plain messages for a register of another version, a changed one, a missing year and two files for one year.
 * The client is test/fixtures/years/client.ts; hand computations are in the comments.
 */
import { evaluate, KiaValidationError, type Report } from "../src";
import {
  carriedInFor,
  disposalCandidates,
  disposalFrom,
  earlierYears,
  readRegisters,
  registerDisposal,
  registerOf,
  searchCandidates,
  type EarlierFile,
  type Register,
} from "../src/register";
import { XlsxBook } from "../src/workbook";
import { readWorkbookFile } from "../cli/workbook";
import { ledgerWorkbook } from "./fixtures/years/client";
import { registerWorkbook } from "./support/register-file";

const scenarioOf = async (year: number) => (await readWorkbookFile(await ledgerWorkbook(year), `staat-${year}.xlsx`)).scenario;

let s2023: Awaited<ReturnType<typeof scenarioOf>>;
let r2023: Report;
let reg2023: Register;
beforeAll(async () => {
  s2023 = await scenarioOf(2023);
  r2023 = evaluate(s2023);
  reg2023 = registerOf(r2023, s2023);
});

const readBack = async (bytes: Uint8Array) => readRegisters(await XlsxBook.open(bytes));

describe("registerOf: the register of 2023", () => {
  it("has the year's figures, the partners' own percentages and the part carried forward per asset and partner", () => {
    // 2023: 40.000 + 30.000 + 20.000 = 90.000, fixed band (63.716 < 90.000 <= 117.991): KIA 17.841.
    // M2 (not in use, 5.000 paid): attributed 30.000 x 17.841 / 90.000 = 5.947, carried 5.947 - 5.000 = 947.
    expect(reg2023).toMatchObject({ version: 1, year: 2023, total: "90000", kia: "17841", kiaExact: "17841", deductible: "16894", carried: "947" });
    // the percentage 17.841 / 90.000 = 0,198233…, to 20 decimals
    expect(reg2023.rate).toBe("0.19823333333333333333");
    // Jan: 60 % of 17.841 = 10.704,60 (rate the partnership's). Piet: own assets 10.000 join: 17.841 x (0,4 x 90.000 +
    // 10.000) / 100.000 = 8.206,86 on his part 46.000: 17,841 %.
    expect(reg2023.partners.map((p) => [p.name, p.kiaExact, p.part, p.rate, p.method])).toEqual([
      ["Jan", "10704.6", "54000", "0.19823333333333333333", "share"],
      ["Piet", "8206.86", "46000", "0.17841", "own-assets"],
    ]);
    // Per partner the part of M2 carried: Jan (30.000 x 0,19823… - 5.000) x 0,6 = 568,20 (the core's quotient to 10
    // decimals rounded down: 568,1999999999); Piet (30.000 x 0,17841 - 5.000) x 0,4 = 140,92.
    expect(reg2023.open).toEqual([
      {
        year: 2023,
        open: "947",
        openExact: "947",
        partners: [
          { name: "Jan", open: "568", openExact: "568.1999999999" },
          { name: "Piet", open: "141", openExact: "140.92" },
        ],
        assets: [
          expect.objectContaining({
            asset: "M2",
            description: "Koelcel",
            date: "2023-11-15",
            amount: "30000",
            paid: "5000",
            open: "947",
            partners: [
              { name: "Jan", share: "0.6", open: "568.1999999999" },
              { name: "Piet", share: "0.4", open: "140.92" },
            ],
          }),
        ],
      },
    ]);
    expect(reg2023.assets.map((a) => [a.id, a.date, a.amount, a.deductionAmount, a.counted, a.paid, a.inUse])).toEqual([
      ["M1", "2023-03-01", "40000", "40000", true, "40000", true],
      ["M2", "2023-11-15", "30000", "30000", true, "5000", false],
      ["M3", "2023-06-01", "20000", "20000", true, "20000", true],
    ]);
  });

  it("is read back exactly from an Excel table of text cells, by its header keys wherever the columns are", async () => {
    const read = await readBack(await registerWorkbook([reg2023]));
    expect(read.problems).toEqual([]);
    expect(read.registers).toEqual([{ register: reg2023, table: "KIA_REGISTER_2023", sheet: "KIA-rapport 2023" }]);
    // the columns in another order: read by key
    const moved = await readBack(
      await registerWorkbook([reg2023], (rows) => {
        for (const r of rows) r.push(r.shift()!);
      }),
    );
    expect(moved.registers[0].register).toEqual(reg2023);
  });
});

describe("readRegisters: what is not read, said plainly", () => {
  it("a number typed over an amount, an amount in Dutch notation: changed after writing, not read", async () => {
    const kia = (rows: (string | number)[][]) => rows[0].indexOf("kia_exact");
    const number = await readBack(await registerWorkbook([reg2023], (rows) => (rows[1][kia(rows)] = 17841)));
    expect(number.registers).toEqual([]);
    expect(number.problems).toEqual([
      expect.objectContaining({ kind: "damaged", year: 2023, text: expect.stringMatching(/^het register van 2023 \(tabel KIA_REGISTER_2023 op blad KIA-rapport 2023\) is na het schrijven gewijzigd en wordt niet gelezen: cel KIA-rapport 2023!P4 \(kia_exact\) is geen tekst maar een getal/) }),
    ]);
    const dutch = await readBack(await registerWorkbook([reg2023], (rows) => (rows[1][kia(rows)] = "17.841,00")));
    expect(dutch.problems[0].text).toMatch(/cel KIA-rapport 2023!P4 \(kia_exact\) is geen bedrag zoals het register het schrijft: "17\.841,00"/);
  });

  it("another version: a newer one asks for an update, one without a version number is older; a report sheet without a register", async () => {
    const v = (rows: (string | number)[][]) => rows[0].indexOf("versie");
    const newer = await readBack(await registerWorkbook([reg2023], (rows) => (rows[1][v(rows)] = "2")));
    expect(newer.problems).toEqual([expect.objectContaining({ kind: "newer-version", text: expect.stringMatching(/is versie 2, gemaakt met een nieuwere versie van de invoegtoepassing; deze versie leest versie 1: werk de invoegtoepassing bij$/) })]);
    const none = await readBack(await registerWorkbook([reg2023], (rows) => (rows[1][v(rows)] = "")));
    expect(none.problems).toEqual([expect.objectContaining({ kind: "older-version", text: expect.stringMatching(/geen versienummer van het register: gemaakt met een oudere versie/) })]);
    const { workbook } = await import("./support/workbook");
    const old = await readBack(await workbook({ "KIA-rapport 2022": [["Kleinschaligheidsinvesteringsaftrek 2022"]] }));
    expect(old).toEqual({
      registers: [],
      problems: [expect.objectContaining({ kind: "older-version", year: 2022, text: expect.stringMatching(/^blad KIA-rapport 2022 is een KIA-rapport zonder register \(gemaakt met een oudere versie/) })],
    });
  });
});

describe("earlier years: the art. 3.44 part carried in", () => {
  const files = (...regs: [string, Register[]][]): Promise<EarlierFile[]> =>
    Promise.all(regs.map(async ([file, list]) => ({ file, read: await readBack(await registerWorkbook(list)) })));

  it("paid in part this year: released as far as paid, the rest travels on (also per partner, at his share of the payment)", async () => {
    const earlier = earlierYears(2024, await files(["2023.xlsx", [reg2023]]));
    expect(earlier.messages).toEqual([]);
    // M2: 300 more paid in 2024 (5.300 by its end), not in use.
    const carriedIn = carriedInFor(earlier, { paid: new Map([["M2", "5300"]]) });
    expect(carriedIn).toEqual([
      {
        year: 2023,
        open: "947",
        source: "KIA_REGISTER_2023 in 2023.xlsx",
        partners: [
          { name: "Jan", open: "568" },
          { name: "Piet", open: "141" },
        ],
        assets: [
          {
            asset: "M2",
            description: "Koelcel",
            amount: "30000",
            open: "947",
            paidBefore: "5000",
            paid: "5300",
            inUse: false,
            basis: "user",
            partners: [
              { name: "Jan", open: "568.1999999999", share: "0.6" },
              { name: "Piet", open: "140.92", share: "0.4" },
            ],
          },
        ],
      },
    ]);
    const r = evaluate({ year: 2024, investments: [], carriedIn });
    // released: min(947, 300) = 300; open 647. Whole euros: 947 open, 647 stays open (rounded down), 300 deductible.
    // Jan: min(568,1999999999; 0,6 x 300 = 180) = 180, open 388,1999999999 -> 388, so 568 - 388 = 180.
    // Piet: min(140,92; 0,4 x 300 = 120) = 120, open 20,92 -> 20, so 141 - 20 = 121 (the part whole-euro rounding moved).
    expect(r.carriedIn).toMatchObject({
      deductible: "300",
      deductibleExact: "300",
      open: "647",
      openExact: "647",
      totalDeductible: "300",
      partners: [
        { name: "Jan", deductible: "180", deductibleExact: "180", open: "388", openExact: "388.1999999999" },
        { name: "Piet", deductible: "121", deductibleExact: "120", open: "20", openExact: "20.92" },
      ],
    });
    // the next register carries the rest on, with what was paid by the end of 2024
    const reg2024 = registerOf(r, { year: 2024, investments: [], carriedIn });
    expect(reg2024.open).toEqual([
      expect.objectContaining({ year: 2023, open: "647", openExact: "647", assets: [expect.objectContaining({ asset: "M2", paid: "5300", open: "647", source: "KIA_REGISTER_2023 in 2023.xlsx" })] }),
    ]);
    // taken into use in 2025: all of it
    const e25 = earlierYears(2025, await files(["2023.xlsx", [reg2023]], ["2024.xlsx", [reg2024]]));
    const c25 = carriedInFor(e25, { inUse: new Set(["2023:M2"]) });
    const r25 = evaluate({ year: 2025, investments: [], carriedIn: c25 });
    expect(r25.carriedIn).toMatchObject({ deductible: "647", deductibleExact: "647", open: "0", partners: [{ name: "Jan", deductible: "388" }, { name: "Piet", deductible: "20" }] });
    // over the years: 2023 16.894 + 2024 300 + 2025 647 = 17.841, the KIA of 2023; Piet 8.066 + 121 + 20 = 8.207
  });

  it("nothing known of this year: stays open, with a warning; three years on without use, a warning of art. 3.47", async () => {
    const carriedIn = carriedInFor(earlierYears(2024, await files(["2023.xlsx", [reg2023]])));
    const r = evaluate({ year: 2024, investments: [], carriedIn });
    expect(r.carriedIn).toMatchObject({ deductible: "0", open: "947" });
    expect(r.warnings.map((w) => w.code)).toEqual(["CARRIED_UNKNOWN"]);
    const later = evaluate({ year: 2025, investments: [], carriedIn: carriedIn.map((y) => ({ ...y, assets: y.assets.map((a) => ({ ...a, basis: "user" as const })) })) });
    expect(later.warnings.map((w) => w.code)).toEqual(["CARRIED_NOT_IN_USE"]);
  });

  it("the scenario's carriedIn is checked like any field", () => {
    const bad = (carriedIn: unknown) => () => evaluate({ year: 2024, investments: [], carriedIn });
    expect(bad([{ year: 2024, assets: [] }])).toThrow(/carriedIn\[0\]\.year: een deel dat doorschuift komt uit een eerder jaar dan 2024/);
    expect(bad([{ year: 2023, assets: [{ asset: "M2", open: "10", paidBefore: "500", paid: "400" }] }])).toThrow(/carriedIn\[0\]\.assets\[0\]\.paid: betaald tot het einde van 2024 is minder dan betaald tot het einde van 2023/);
    expect(bad([{ year: 2023, assets: [{ asset: "M2", open: "10", inuse: true }] }])).toThrow(KiaValidationError);
  });

  it("two files with another register of one year: neither is used; the same register twice: one; a missing year; this year's register", async () => {
    const other = { ...reg2023, kia: "17000" };
    const two = earlierYears(2024, await files(["a.xlsx", [reg2023]], ["b.xlsx", [other]]));
    expect(two.used).toEqual([]);
    expect(two.messages.map((m) => m.text)).toEqual(["Twee bestanden hebben een ander register van 2023: a.xlsx en b.xlsx. Geen ervan is gebruikt; geef het bestand van 2023 één keer op."]);
    expect(earlierYears(2024, await files(["a.xlsx", [reg2023]], ["kopie.xlsx", [reg2023]])).used.map((u) => u.file)).toEqual(["a.xlsx"]);
    const gap = earlierYears(2025, await files(["2023.xlsx", [reg2023]]));
    expect(gap.messages.map((m) => m.text)).toEqual([
      "Geen register van 2024: de KIA die naar 2025 doorschoof en de investeringen van 2024 zijn niet bekend; geef ook het bestand van 2024 op.",
      "De KIA die in 2023 openstond (KIA_REGISTER_2023 in 2023.xlsx) is niet meegenomen: het register van 2024 ontbreekt, en in 2024 kan een deel al zijn afgetrokken.",
    ]);
    expect(carriedInFor(gap)).toEqual([]);
    expect(earlierYears(2023, await files(["2023.xlsx", [reg2023]])).messages.map((m) => m.text)).toEqual([
      "2023.xlsx: het register van 2023 (KIA_REGISTER_2023) is niet van een eerder jaar dan 2023 en is niet gebruikt",
    ]);
  });
});

describe("earlier years: a disposal picked from a register (art. 3.47)", () => {
  it("the assets of the five earlier years that counted, found by number or description, filled and cited", async () => {
    const earlier = earlierYears(2025, [{ file: "2023.xlsx", read: await readBack(await registerWorkbook([reg2023])) }]);
    const list = disposalCandidates(earlier);
    expect(list.map((c) => c.asset)).toEqual(["M1", "M2", "M3"]);
    expect(searchCandidates(list, "bestel").map((c) => c.asset)).toEqual(["M3"]);
    expect(searchCandidates(list, "m1").map((c) => c.asset)).toEqual(["M1"]);
    const d = disposalFrom(searchCandidates(list, "Bestelbus")[0], { id: "V1", price: "15000" }, ["Jan", "Piet"]);
    expect(d).toEqual({
      id: "V1",
      description: "Bestelbus",
      price: "15000",
      investmentYear: 2023,
      investmentAmount: "20000",
      investmentYearTotal: "90000",
      // only Piet's percentage differed from the partnership's (his own assets in 2023)
      partnerRates: { Piet: "0.17841" },
      source: "KIA_REGISTER_2023 in 2023.xlsx: M3 (Bestelbus)",
    });
    // sold in 2025 (the register of 2025 says so, also with a Windows path in the citation): not offered again in 2026
    const sold = { ...d, source: "KIA_REGISTER_2023 in C:\\klanten\\2023.xlsx: M3 (Bestelbus)" };
    const s2025 = { year: 2025, investments: [], partnership: { partners: [{ name: "Jan", profit: 60 }, { name: "Piet", profit: 40 }] }, disposals: [sold] };
    const reg2025 = registerOf(evaluate(s2025), s2025);
    expect(reg2025.disposals).toEqual([{ id: "V1", description: "Bestelbus", investmentYear: 2023, investment: "M3", price: "15000", additionExact: "2973.5", source: sold.source }]);
    const later = earlierYears(2026, [
      { file: "2023.xlsx", read: { registers: [{ register: reg2023, table: "KIA_REGISTER_2023", sheet: "" }], problems: [] } },
      { file: "2025.xlsx", read: { registers: [{ register: reg2025, table: "KIA_REGISTER_2025", sheet: "" }], problems: [] } },
    ]);
    expect(disposalCandidates(later).find((c) => c.asset === "M3")?.disposedIn).toBe(2025);
    expect(registerDisposal(later)("2023:M3", { id: "V2", price: 100 })).toBe("investering M3 van 2023 is volgens het register van 2025 in 2025 al vervreemd");
    // 2028 is five years after 2023 (art. 3.47 lid 2: within five years from the start of the investment year): nothing to pick
    expect(disposalCandidates(earlierYears(2028, earlier.used.map((u) => ({ file: u.file, read: { registers: [{ register: u.register, table: u.table, sheet: "" }], problems: [] } }))))).toEqual([]);
  });
});
