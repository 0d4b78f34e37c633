/** Issue 13's inputs in a ledger: a herinvesteringsreserve with the besluit 4.2 declaration, and besluit 5.1.3's column. */
import { evaluate } from "../src";
import { mapHeaders, readLedger, type Cell } from "../src/workbook/ledger";

describe("ledger columns for besluit 4.2 and 5.1.3", () => {
  const headers = ["Nummer", "Categorie", "Bedrag", "Verbonden partij", "Ontheffing", "Ontheffing mogelijk", "Herinvesteringsreserve", "Verklaring 4.2"];
  const { mapping, unmapped } = mapHeaders(headers);
  const rows: Cell[][] = [
    ["vader", "machine", 20000, "ja", "ja", null, null, null],
    ["moeder", "machine", 50000, "ja", "nee", "ja", null, null],
    ["derde", "machine", 40000, null, null, "nee", null, null],
    ["kraan", "machine", 80000, null, null, null, "€ 30.000", "nee"],
    ["pers", "machine", 5000, null, null, null, 0, null],
    ["fout", "machine", 5000, null, null, "misschien", null, "ja"],
  ];
  const read = readLedger(rows, mapping, { firstRow: 2, firstColumn: 0 });

  it("maps the headers and reads the fields", () => {
    expect(unmapped).toEqual([]);
    expect(mapping).toMatchObject({ exemptionPossible: 5, reserve: 6, reserveDeclaration: 7 });
    const byId = Object.fromEntries(read.investments.map((i) => [i.id, i]));
    expect(byId.moeder).toMatchObject({ exemptionPossible: true });
    // a "nee" on a row without a related party says nothing
    expect(byId.derde.exemptionPossible).toBeUndefined();
    expect(byId.kraan).toMatchObject({ reinvestmentReserve: { amount: "30000", declaration: false } });
    expect(byId.pers.reinvestmentReserve).toBeUndefined();
    expect(read.problems.map((p) => `${p.columnLetter}${p.row}: ${p.message}`)).toEqual(["F7: geen ja of nee; verwacht ja of nee"]);
  });

  it("gives the figures of the worked examples", () => {
    const r = evaluate({ year: 2024, investments: read.investments.filter((i) => i.id !== "fout" && i.id !== "kraan" && i.id !== "pers") });
    expect([r.total, r.kia]).toEqual(["110000", "10656"]);
    const hir = evaluate({ year: 2024, investments: [...read.investments.filter((i) => i.id === "kraan"), { id: "pc", category: "machine", amount: 10000 }] });
    expect([hir.total, hir.kia, hir.reinvestmentReserve!.other.kia]).toEqual(["60000", "16800", "19535"]);
  });
});
