/**
 * How many lines of the ledger were read, and what was passed over: one count for the pane's header, the report's
 * "Regels van de staat" and kia-calc, in the same words. A line is a row of the ledger that names an asset (counted,
 * left out, a question or a credit); a total row, an empty row, a row that repeats the header (an export's page
 * header) and a section's heading ("Vervoermiddelen" alone on its row) are no lines and are said as passed over
 * ("6 regels gelezen (2 overgeslagen: totaalregel, lege regel)").
 * No dependencies: the pane's first download shows it.
 */

/** The ledger's rows as read (readLedger): the lines, and the rows passed over by kind. */
export interface LedgerLines {
  /** rows that name an asset: counted, left out, a question or a credit */
  read: number;
  skipped: { totals: number; empty: number; headers: number; sections: number };
}

/**
 * The lines of `rows` rows of which readLedger skipped `skipped` (empty, a repeated header: `repeatedHeaders` of them,
 * or a section's heading: `sectionHeadings`) and found `totalRows` total rows (those below the grand total too; else
 * `totals`, those above it).
 */
export function ledgerLines(
  rows: number,
  read: { skipped: number; repeatedHeaders?: number; sectionHeadings?: number; totalRows?: number; totals?: readonly unknown[] },
): LedgerLines {
  const headers = read.repeatedHeaders ?? 0;
  const sections = read.sectionHeadings ?? 0;
  const totals = read.totalRows ?? read.totals?.length ?? 0;
  return { read: rows - read.skipped - totals, skipped: { totals, empty: read.skipped - headers - sections, headers, sections } };
}

const WORDS = {
  nl: {
    line: ["regel", "regels"],
    read: "gelezen",
    skipped: "overgeslagen",
    totals: ["totaalregel", "totaalregels"],
    empty: ["lege regel", "lege regels"],
    headers: ["herhaalde kopregel", "herhaalde kopregels"],
    sections: ["tussenkop", "tussenkoppen"],
  },
  en: {
    line: ["row", "rows"],
    read: "read",
    skipped: "skipped",
    totals: ["total row", "total rows"],
    empty: ["empty row", "empty rows"],
    headers: ["repeated header row", "repeated header rows"],
    sections: ["section heading", "section headings"],
  },
} as const;

/**
 * "6 regels gelezen (2 overgeslagen: totaalregel, lege regel)", "9 regels gelezen (5 totaalregels overgeslagen)",
 * "16 regels gelezen" (nothing passed over);
 * `num` writes a number (the pane: in the user's culture, "10.000").
 */
export function ledgerLinesText(lines: LedgerLines, lang: "nl" | "en" = "nl", num: (n: number) => string = String): string {
  const w = WORDS[lang];
  const count = (n: number, [one, many]: readonly [string, string]) => (n === 1 ? one : `${num(n)} ${many}`);
  const kinds = (["totals", "empty", "headers", "sections"] as const).filter((k) => lines.skipped[k] > 0);
  const passed = lines.skipped.totals + lines.skipped.empty + lines.skipped.headers + lines.skipped.sections;
  // one kind: "(5 totaalregels overgeslagen)"; several: "(3 overgeslagen: 2 totaalregels, lege regel)"
  const skipped =
    kinds.length === 0
      ? ""
      : kinds.length === 1
        ? ` (${num(passed)} ${w[kinds[0]][passed === 1 ? 0 : 1]} ${w.skipped})`
        : ` (${num(passed)} ${w.skipped}: ${kinds.map((k) => count(lines.skipped[k], w[k])).join(", ")})`;
  return `${num(lines.read)} ${lines.read === 1 ? w.line[0] : w.line[1]} ${w.read}${skipped}`;
}
