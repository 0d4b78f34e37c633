/** evaluate() rejects invalid input with a typed error naming the field and the value. */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { evaluate, NoTableError } from "../src";
import { errorOf } from "./support/evaluate";

const base = () => ({ year: 2024, investments: [{ id: "a", category: "machine", amount: 1000 }] as Record<string, unknown>[] });


describe("validation", () => {
  it.each([
    ["year without a table", { ...base(), year: 2027 }, "NO_TABLE", "year", "Geen KIA-tabel voor 2027"],
    ["year before 2010", { ...base(), year: 2009 }, "NO_TABLE", "year", "Geen KIA-tabel voor 2009"],
    ["non-integer year", { ...base(), year: 2024.5 }, "INVALID_YEAR", "year", "2024.5"],
    ["missing year", { investments: [] }, "MISSING_FIELD", "year", "jaar"],
    ["negative amount", { year: 2024, investments: [{ id: "a", category: "machine", amount: -5 }] }, "NEGATIVE_AMOUNT", "investments[0].amount", "-5"],
    ["non-numeric amount", { year: 2024, investments: [{ id: "a", category: "machine", amount: "twaalf" }] }, "INVALID_AMOUNT", "investments[0].amount", "twaalf"],
    ["Dutch-formatted string is not a scenario amount", { year: 2024, investments: [{ id: "a", category: "machine", amount: "1.234,56" }] }, "INVALID_AMOUNT", "investments[0].amount", "1.234,56"],
    ["unknown category", { year: 2024, investments: [{ id: "a", category: "ruimteschip", amount: 1 }] }, "UNKNOWN_CATEGORY", "investments[0].category", "ruimteschip"],
    ["missing category", { year: 2024, investments: [{ id: "a", amount: 1 }] }, "MISSING_FIELD", "investments[0].category", "categorie"],
    ["duplicate id", { year: 2024, investments: [{ id: "a", category: "machine", amount: 1 }, { id: "a", category: "machine", amount: 2 }] }, "DUPLICATE_ID", "investments[1].id", "\"a\""],
    ["replacement that does not exist", { year: 2024, investments: [{ id: "a", category: "machine", amount: 1, lostByCalamity: { replacedBy: "zz" } }] }, "UNKNOWN_REPLACEMENT", "investments[0].lostByCalamity.replacedBy", "zz"],
    ["asset replacing itself", { year: 2024, investments: [{ id: "a", category: "machine", amount: 1, lostByCalamity: { replacedBy: "a" } }] }, "INVALID_REPLACEMENT", "investments[0].lostByCalamity.replacedBy", "zichzelf"],
    ["misspelled field", { year: 2024, investments: [{ id: "a", category: "machine", amount: 1, vatdeductible: false }] }, "UNKNOWN_FIELD", "investments[0].vatdeductible", "onbekend veld"],
    ["paid more than the amount", { year: 2024, investments: [{ id: "a", category: "machine", amount: 1000, paid: 1200, inUse: false }] }, "PAID_EXCEEDS_AMOUNT", "investments[0].paid", "1200"],
    ["unknown key", { ...base(), partnership: { key: "omzet", partners: [{ name: "A", profit: 1 }, { name: "B", profit: 1 }] } }, "INVALID_KEY", "partnership.key", "omzet"],
    ["key without its field", { ...base(), partnership: { key: "capital", partners: [{ name: "A", capital: 1 }, { name: "B", profit: 1 }] } }, "MISSING_FIELD", "partnership.partners[1].capital", "capital"],
    ["negative share", { ...base(), partnership: { partners: [{ name: "A", profit: -1 }, { name: "B", profit: 1 }] } }, "NEGATIVE_AMOUNT", "partnership.partners[0].profit", "-1"],
    ["shares all zero", { ...base(), partnership: { partners: [{ name: "A", profit: 0 }, { name: "B", profit: 0 }] } }, "INVALID_KEY", "partnership.partners", "nul"],
    ["no partners", { ...base(), partnership: { partners: [] } }, "INVALID_PARTNERS", "partnership.partners", "twee vennoten"],
    ["a partnership of one (art. 3.41 lid 3: one or more OTHER taxpayers)", { ...base(), partnership: { partners: [{ name: "A", profit: 1 }] } }, "INVALID_PARTNERS", "partnership.partners", "art. 3.41 lid 3"],
    ["disposal inside the window from a year without a table", { year: 2012, investments: [], disposals: [{ id: "d", price: 1, investmentYear: 2009, investmentAmount: 1, investmentYearTotal: 1 }] }, "NO_TABLE", "disposals[0].investmentYear", "Geen KIA-tabel voor 2009"],
    ["disposal from a later year", { ...base(), disposals: [{ id: "d", price: 1, investmentYear: 2025, investmentAmount: 1, investmentYearTotal: 1 }] }, "INVALID_DISPOSAL", "disposals[0].investmentYear", "2025"],
    ["not an object", "hello", "INVALID_TYPE", "scenario", "object"],
  ])("%s", (_name, scenario, code, field, text) => {
    const e = errorOf(scenario);
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
    expect(e.message).toContain(text);
  });

  it("a year without a table is a NoTableError", () => {
    expect(errorOf({ ...base(), year: 2027 })).toBeInstanceOf(NoTableError);
  });

  it("does not modify the caller's scenario", () => {
    const s = { year: 2024, investments: [{ id: "a", category: "MACHINE", amount: "1000.50", lostByCalamity: { replacedBy: "b" } }, { id: "b", category: "machine", amount: 5000 }] };
    const copy = JSON.parse(JSON.stringify(s));
    evaluate(s);
    expect(s).toEqual(copy);
  });
});

// Validation reads the law data (which years have a table, the categories, the rules) but never calls the
// calculation: a file of src/scenario/ imports only its own folder and the core's readers.
it("src/scenario/ imports no calculation module", () => {
  const dir = join(__dirname, "..", "src", "scenario");
  const allowed = new Set(["../cents", "../decimal", "../errors", "../law", "../money"]);
  const outside: string[] = [];
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), "utf8");
    for (const m of text.matchAll(/^(?:import|export)[^;]*?from "([^"]+)";/gms))
      if (!m[1].startsWith("./") && !allowed.has(m[1])) outside.push(`${f}: ${m[1]}`);
  }
  expect(readdirSync(dir)).toContain("rows.ts");
  expect(outside).toEqual([]);
});
