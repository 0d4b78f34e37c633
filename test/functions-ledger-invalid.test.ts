/**
 * KIA.LEDGER on invalid rows (issue 17 §5): the work a bad row costs, with the same messages. A "bedoelt u …?"
 * suggestion is looked for once per text across calls (Excel calculates a ledger again at every edit), the first
 * 100 distinct misspellings of a ledger still get one and the rest the list; an ambiguous amount ("150,001") keeps
 * its own message per value, in a row of its own.
 */
import * as law from "../src/law";
import * as fn from "../functions/functions";

const messages = (rows: unknown[][]) => rows.map((r) => (r[0] as { message?: string }).message ?? r[0]);

describe("KIA.LEDGER on invalid rows", () => {
  it("suggestions: once per text across calls, the same messages on the second call, the first 100 distinct ones only", () => {
    const texts = Array.from({ length: 150 }, (_, i) => [i === 0 ? "machne" : `ruimteschip nummer ${i}`]);
    const amounts = texts.map(() => [1000]);
    const spy = jest.spyOn(law, "unknownCategoryHint");
    try {
      const first = messages(fn.ledger(texts, amounts, 2025));
      const asked = spy.mock.calls.filter((c) => c[1] === true).length;
      expect(asked).toBe(100);
      spy.mockClear();
      const second = messages(fn.ledger(texts, amounts, 2025));
      expect(spy.mock.calls.filter((c) => c[1] === true)).toHaveLength(0);
      expect(second).toEqual(first);
      expect(first[0]).toBe('Onbekende categorie: bedoelt u "machine" (machines en installaties)?');
      expect(first[149]).toMatch(/^Onbekende categorie: gebruik een categorie zoals machine/);
      expect(new Set(first.slice(100)).size).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("an ambiguous amount: its own message per value, the same value the same message, each row three error values", () => {
    const categories = [["machine"], ["machine"], ["machine"], ["machine"]];
    const amounts = [["150,001"], ["2,800"], ["150,001"], ["60,000"]];
    const rows = fn.ledger(categories, amounts, 2025);
    expect(messages(rows)).toEqual([
      "bedrag: dubbelzinnig bedrag: bedoelt u 150,001 of 150.001? Gebruik de komma alleen voor centen en de punt voor duizendtallen.",
      "bedrag: dubbelzinnig bedrag: bedoelt u 2,80 of 2.800? Gebruik de komma alleen voor centen en de punt voor duizendtallen.",
      "bedrag: dubbelzinnig bedrag: bedoelt u 150,001 of 150.001? Gebruik de komma alleen voor centen en de punt voor duizendtallen.",
      "bedrag: dubbelzinnig bedrag: bedoelt u 60,00 of 60.000? Gebruik de komma alleen voor centen en de punt voor duizendtallen.",
    ]);
    for (const r of rows) {
      expect(r[0]).toBeInstanceOf(CustomFunctions.Error);
      expect(r[1]).toBe(r[0]);
      expect(r[2]).toBe(r[0]);
    }
    expect(rows[1][0]).not.toBe(rows[0][0]);
  });
});
