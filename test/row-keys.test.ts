/**
 * validateInvestment reads of a plain row only the fields its keys name (keyBits); any other object has every field
 * read, so a row whose fields are getters of its class, or which has no prototype, says what a plain row says.
 */
import { evaluate } from "../src";

const plain = { id: "M1", category: "machine", amount: "5000", paid: "1000", inUse: false, date: "2025-04-01", description: "Draaibank" };

class Row {
  id = "M1";
  category = "machine";
  amount = "5000";
  // on the prototype: not enumerable, not an own key
  get paid() {
    return "1000";
  }
  get inUse() {
    return false;
  }
  get date() {
    return "2025-04-01";
  }
  get description() {
    return "Draaibank";
  }
}

const report = (row: object) => evaluate({ year: 2025, investments: [row, { id: "M2", category: "machine", amount: "3000" }] });

describe("the fields a row has", () => {
  it("a row of a class with getters is read as the plain row", () => {
    const want = report(plain);
    expect(want.assets[0].description).toBe("Draaibank");
    expect(want.payment?.items.map((i) => i.paid)).toEqual(["1000"]);
    expect(report(new Row())).toEqual(want);
  });

  it("a row without a prototype is read as the plain row", () => {
    expect(report(Object.assign(Object.create(null), plain))).toEqual(report(plain));
  });

  it("a plain row that leaves fields out has their defaults", () => {
    const r = report({ id: "M1", category: "machine", amount: "5000" });
    expect(r.assets[0]).toMatchObject({ id: "M1", counted: true, eligible: true });
    expect(r.assets[0].description).toBeUndefined();
    expect(r.payment).toBeUndefined();
  });
});
