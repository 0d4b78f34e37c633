/**
 * What a ledger leaves open: a row the reader will not decide alone, asked of the user with its choices and, where
 * the row's own words say it, a suggestion. Until answered the row does not count and the figure is provisional
 * ("Voorlopig"); an answer is the user's, stored by the app beside the ledger (the pane's document settings, the
 * standalone page's session, kia-calc --antwoorden) and never written into the ledger.
 *
 *  - category: an ambiguous heading ("Vervoermiddelen", "Gebouwen", "Terreinen", RGS BMvaTev) - which category;
 *  - credit: a negative amount outside a group - a reduction of the asset it names or sits next to, or not counted
 *    (a negative amount inside a group reduces the group: besluit 2.2, no question);
 *  - year: a row dated outside the year - not counted by default (art. 3.43 Wet IB 2001: the year the obligation is
 *    entered into decides), counted when the user says so.
 *
 * Pure data and small rules; no Office, DOM or Node.
 */

export type QuestionKind = "category" | "credit" | "year";

export interface OpenChoice {
  /** what an answer stores: a category code, "reduce:<sheet row>", "count" or "skip" */
  value: string;
  label: string;
}

export interface OpenQuestion {
  list: "investments";
  /** where: the sheet, the sheet row (1-based) and the column letter of the cell the question is about */
  sheet: string;
  row: number;
  column: string;
  /** "Staat!C7" */
  cell: string;
  /** the row's number, when it has one */
  id?: string;
  kind: QuestionKind;
  question: string;
  choices: OpenChoice[];
  /** the choice the row's own words suggest (a value of `choices`) */
  suggestion?: string;
  /** the row's description and amount (plain decimal; negative for a credit), to show the row with its question */
  description?: string;
  amount?: string;
}

/** An answer to an open question: the choice, and the user's words for it (shown in the report). */
export interface Answer {
  choice: string;
  note?: string;
}

/** Answers by questionKey(). */
export type Answers = Readonly<Record<string, Answer>>;

/**
 * The mark of the file the pane's "Gegevens bewaren (.json)" writes (taskpane/app/model/saved-data.ts): its answers are in
 * `choices.answers`, by questionKey, so kia-calc --antwoorden reads the same file.
 */
export const SAVED_DATA_KIND = "kia-gegevens";

/** The answers of a file of the pane's "Gegevens bewaren": undefined when `raw` is not such a file. */
export function savedDataAnswers(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || (raw as { kind?: unknown }).kind !== SAVED_DATA_KIND) return undefined;
  return (raw as { choices?: { answers?: unknown } }).choices?.answers ?? {};
}

/** The key an answer is stored under: "Staat!7:category". The sheet and row, so a re-read finds it again. */
export const questionKey = (q: { sheet: string; row: number; kind: QuestionKind }): string => `${q.sheet}!${q.row}:${q.kind}`;

/** An answer that fits the question (one of its choices), else undefined: a stale answer is ignored, not applied. */
export function answerFor(
  answers: Answers | undefined,
  q: { sheet: string; row: number; kind: QuestionKind; choices: readonly OpenChoice[] },
): Answer | undefined {
  const a = answers?.[questionKey(q)];
  return a && q.choices.some((c) => c.value === a.choice) ? a : undefined;
}

// ---- totals -------------------------------------------------------------------------------------------------

/** Labels of a total row (compared like headers, at the start of a cell): Totaal, Subtotaal, Saldo, Total. */
const TOTAL_WORDS = ["totaal", "subtotaal", "totalen", "saldo", "total", "subtotal", "eindtotaal", "generaaltotaal", "grandtotal", "totaalgeneraal"];
/** Labels of a grand total, the total of the whole ledger: "Eindtotaal", "Totaal generaal", "Generaal totaal", "Grand total". */
const GRAND_WORDS = ["eindtotaal", "generaaltotaal", "grandtotal", "totaalgeneraal"];
/** Labels of a part's total, never the whole ledger's: "Subtotaal", "Saldo 31-12". */
const PART_WORDS = ["subtotaal", "subtotal", "saldo"];
const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

/** Whether a cell's text labels a total row ("Totaal", "Subtotaal machines", "Saldo 31-12"). */
export function isTotalLabel(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return false;
  return TOTAL_WORDS.includes(letters(t.split(/[\s:]+/)[0])) || TOTAL_WORDS.includes(letters(t));
}

/**
 * What a total row's label says it totals: "grand" the whole ledger (Eindtotaal, Totaal generaal); "part" a part of
 * it (Subtotaal, Saldo, or a total that names a category or balance-sheet heading: "Totaal inventaris", "Totaal
 * machines en installaties"); "plain" a total that names no part ("Totaal", "Totaal investeringen 2025"): the whole
 * ledger's when its amount is the sum of all the rows above it (readLedger). `namesPart` tells a category's name.
 */
export function totalLabelKind(text: string, namesPart: (words: string) => boolean): "grand" | "part" | "plain" {
  const t = text.trim().toLowerCase();
  const [first, ...more] = t.split(/[\s:]+/);
  const rest = more
    .join(" ")
    .replace(/[^a-z\u00c0-\u024f ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (GRAND_WORDS.includes(letters(t)) || GRAND_WORDS.includes(letters(first))) return "grand";
  if (PART_WORDS.includes(letters(first))) return "part";
  return rest !== "" && namesPart(rest) ? "part" : "plain";
}

// ---- credit notes ---------------------------------------------------------------------------------------------

/** Words of a credit row that do not name its asset. */
const CREDIT_WORDS = new Set([
  "creditnota",
  "credit",
  "creditering",
  "correctie",
  "korting",
  "retour",
  "terugbetaling",
  "restitutie",
  "op",
  "van",
  "de",
  "het",
  "een",
  "voor",
  "bij",
  "nota",
  "factuur",
  "inzake",
  "ivm",
]);

/** The words of a description that may name an asset: 4 letters or more, not a credit word. */
export function assetWords(description: string | undefined): string[] {
  return (description ?? "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !CREDIT_WORDS.has(w));
}
