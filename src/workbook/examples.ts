/**
 * The example rows the firm template (templates/KIA-werkblad.xlsx) comes with, and how every reader finds them when
 * they were not deleted: a client file that still holds them counts them without a trace (issue 16: € 19.418,
 * "Problemen 0"). The template writes these rows and highlights them by the same keys (templates/layout.ts imports
 * them from here); kia-calc, --batch and the pane warn, and the figure is not final while one is there.
 *
 * An example row is one whose key cells still hold the example's values (ledger: number, description and amount;
 * partners: name and profit share; disposals: number, description and price), so a client's own rows are never
 * taken for one, and overwriting or deleting an example row ends it. Pure data and small rules; no Office, DOM or Node.
 */

export type ExampleValue = string | number;

/** The ledger's example rows (fields as the ledger's columns: src/workbook/ledger.ts LEDGER_FIELDS). */
export const LEDGER_EXAMPLES: Readonly<Record<string, ExampleValue>>[] = [
  { id: "M1", description: "Draaibank", category: "machine", amount: 24000, date: "2025-03-14", vatDeductible: "Ja", inUse: "Ja" },
  { id: "C1", description: "Laptops (3 stuks)", category: "computer", amount: 3600, date: "2025-05-02", vatDeductible: "Ja" },
  {
    id: "B1",
    description: "Bestelauto",
    category: "bestelauto",
    amount: 28500,
    date: "2025-09-30",
    vatDeductible: "Ja",
    group: "Bestelauto",
    paid: 10000,
    inUse: "Nee",
  },
  {
    id: "B2",
    description: "Inrichting bestelauto",
    category: "inventaris",
    amount: 1250,
    date: "2025-09-30",
    vatDeductible: "Ja",
    group: "Bestelauto",
    paid: 0,
    inUse: "Nee",
  },
  { id: "P1", description: "Personenauto", category: "personenauto", amount: 45000, date: "2025-02-01", vatDeductible: "Nee" },
  { id: "K1", description: "Bureaustoel", category: "inventaris", amount: 380, date: "2025-01-20", vatDeductible: "Ja" },
  {
    id: "Z1",
    description: "Zonnepanelen op het bedrijfspand",
    category: "zonnepanelen",
    amount: 12000,
    date: "2025-06-15",
    vatDeductible: "Ja",
    relatedParty: "Ja",
    exemption: "Ja",
  },
];
export const PARTNER_EXAMPLES: Readonly<Record<string, ExampleValue>>[] = [
  { name: "A. Jansen", legalForm: "natuurlijk persoon", profit: 0.6, capital: 30000 },
  { name: "B. de Vries", legalForm: "natuurlijk persoon", profit: 0.4, capital: 20000, ownAssetsInPartnership: 5000 },
];
export const DISPOSAL_EXAMPLES: Readonly<Record<string, ExampleValue>>[] = [
  { id: "D1", description: "Heftruck (verkocht)", price: 8000, investmentYear: 2022, investmentAmount: 20000, investmentYearTotal: 85000 },
];

/** The fields that make a row one of the examples (the template's highlight uses the same). */
export const EXAMPLE_KEYS = {
  ledger: ["id", "description", "amount"],
  partners: ["name", "profit"],
  disposals: ["id", "description", "price"],
} as const;

/**
 * A value as read (text, number, a Decimal's text) against an example's: numbers by value (a share below 1 also as
 * the percentage a reader makes of a %-formatted cell: 0,6 read as 60), text trimmed.
 */
function same(read: unknown, example: ExampleValue): boolean {
  if (read === null || read === undefined) return false;
  if (typeof example === "number") {
    // a number, or its text as read or typed ("24000", "0,6")
    const n =
      typeof read === "number"
        ? read
        : Number(
            String(read)
              .trim()
              .replace(/^(-?\d+),(\d+)$/, "$1.$2"),
          );
    return Number.isFinite(n) && (n === example || (example > 0 && example < 1 && Math.abs(n - example * 100) < 1e-9));
  }
  return String(read).trim() === example;
}

/** The indexes of `items` that are example rows of `examples` by `keys`. */
export function exampleIndexes(
  items: readonly Record<string, unknown>[],
  examples: readonly Readonly<Record<string, ExampleValue>>[],
  keys: readonly string[],
): number[] {
  const out: number[] = [];
  items.forEach((it, i) => {
    if (examples.some((e) => keys.every((k) => same(it[k], e[k])))) out.push(i);
  });
  return out;
}

/** The template's example rows found in a workbook's lists (as the readers give them), by list. */
export interface ExamplesFound {
  investments: number[];
  partners: number[];
  disposals: number[];
}

export function templateExamples(lists: {
  investments?: readonly Record<string, unknown>[];
  partners?: readonly Record<string, unknown>[];
  disposals?: readonly Record<string, unknown>[];
}): ExamplesFound {
  return {
    investments: exampleIndexes(lists.investments ?? [], LEDGER_EXAMPLES, EXAMPLE_KEYS.ledger),
    partners: exampleIndexes(lists.partners ?? [], PARTNER_EXAMPLES, EXAMPLE_KEYS.partners),
    disposals: exampleIndexes(lists.disposals ?? [], DISPOSAL_EXAMPLES, EXAMPLE_KEYS.disposals),
  };
}

export const examplesCount = (f: ExamplesFound): number => f.investments.length + f.partners.length + f.disposals.length;

/** The warning every reader gives, in Dutch: how many example rows, where, and what to do. */
export function examplesText(f: ExamplesFound, sheets: { ledger: string; partners: string; disposals: string }): string {
  const where = [
    f.investments.length ? `${f.investments.length} op ${sheets.ledger}` : "",
    f.partners.length ? `${f.partners.length} op ${sheets.partners}` : "",
    f.disposals.length ? `${f.disposals.length} op ${sheets.disposals}` : "",
  ].filter(Boolean);
  const n = examplesCount(f);
  return `${n === 1 ? "1 voorbeeldregel" : `${n} voorbeeldregels`} van het KIA-werkblad (${where.join(", ")}) ${n === 1 ? "staat" : "staan"} nog in de staat en ${n === 1 ? "telt" : "tellen"} mee; wis ${n === 1 ? "die" : "ze"} (Verwijderen > Tabelrijen verwijderen) voordat u de staat van uw cliënt invult`;
}
