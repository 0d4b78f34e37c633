/**
 * What a workbook leaves out (src/workbook/left-out.ts LeftOut: the cells not read, the rows the calculation refuses,
 * the sheets not read), rendered for kia-calc: the lines on standard error, the section "Niet meegeteld" of
 * `--explain` (the same lines) and the JSON report's `leftOut` ({ cell, id?, column?, value?, reason }). `kia-calc
 * werkblad.xlsx` computes the other rows (exit code 0); `--batch` counts them under Problemen. What concerns the whole
 * workbook (the year, the partners) is not a row: evaluate() refuses it as before (exit code 2, or the client's Fout).
 */
import { cellOf, fieldName, isIncomplete, numbered, rowsLeftOut, type LeftOut, type ReadNote } from "../src/workbook";
import { DISPOSAL_HEADERS, FIELD_NAMES_NL, PARTNER_HEADERS } from "../src/workbook/ledger";

export { isIncomplete, READER_CODES } from "../src/workbook";

/** A line of standard error: the cell (with its value, or the row's number and column) and why. */
export interface Line {
  /** "Investeringen!D4 (\"2,500\")", "Investeringen!E3 (nummer INV-2, kolom betaald)" */
  cell: string;
  message: string;
}

/** A JSON report's `leftOut` entry. */
export interface LeftOutEntry {
  cell: string;
  id?: string;
  column?: string;
  value?: string;
  reason: string;
}

export function leftOutLine(x: LeftOut): Line {
  let what = "";
  if (x.code === "UNREADABLE") what = x.value ? ` (${JSON.stringify(x.value)})` : "";
  else if (isIncomplete(x)) what = numbered(x.id) ? ` (vervreemding ${x.id})` : "";
  else {
    const id = numbered(x.id) ? `${x.list === "disposals" ? "vervreemding" : "nummer"} ${x.id}, ` : "";
    what = ` (${id}kolom ${fieldName(x)})`;
  }
  return { cell: cellOf(x) + what, message: x.reason };
}

export function noteLine(n: ReadNote): Line {
  return { cell: cellOf(n), message: n.reason };
}

export function leftOutEntry(x: LeftOut): LeftOutEntry {
  if (x.code === "UNREADABLE") return { cell: cellOf(x), ...(x.value ? { value: x.value } : {}), reason: x.reason };
  if (isIncomplete(x)) return { cell: cellOf(x), ...(numbered(x.id) ? { id: x.id } : {}), reason: x.reason };
  return { cell: cellOf(x), ...(numbered(x.id) ? { id: x.id } : {}), column: fieldName(x), reason: x.reason };
}

export function noteEntry(n: ReadNote): LeftOutEntry {
  return { cell: cellOf(n), reason: n.reason };
}

/**
 * The section "Niet meegeteld" of `kia-calc --explain`: every line that standard error lists (the cells not read,
 * then the rows the calculation refuses), under a heading that counts the rows (several cells of one row are one
 * row). Empty when nothing was left out.
 */
export function leftOutSection(lines: readonly Line[], places: readonly { sheet: string; row: number }[], csv = false): string {
  if (!lines.length) return "";
  const rows = rowsLeftOut(places);
  // a CSV is a ledger ("staat"), not a workbook
  const heading = `Niet meegeteld: ${rows === 1 ? "1 regel" : `${rows} regels`} van ${csv ? "de CSV-staat" : "de werkmap"}; de berekening is zonder ${rows === 1 ? "deze regel" : "deze regels"} gemaakt:`;
  return `${heading}\n${lines.map((l) => `- ${l.cell}: ${l.message}\n`).join("")}`;
}

/** At most this many items are listed on standard error; the rest are counted. */
const MAX_LISTED = 50;

/** A heading and one indented line per item, at most MAX_LISTED of them. */
export function listing(heading: string, items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `  ${i}\n`);
  return `${heading}\n${shown.join("")}${items.length > MAX_LISTED ? `  … en ${items.length - MAX_LISTED} meer\n` : ""}`;
}

/** The scenario's own fields in Dutch (the ledger's columns come from FIELD_NAMES_NL and the tables' headers). */
const SCENARIO_FIELDS: Record<string, string> = {
  year: "belastingjaar",
  investments: "investeringen",
  partnership: "samenwerkingsverband",
  partners: "vennoten",
  disposals: "vervreemdingen",
  disposalsTotal: "totaal verkoopprijzen",
  key: "verdeelsleutel",
  jointRequest: "gezamenlijk verzoek (voorwaarde f)",
  allDeductions: "voorwaarde c",
  sameForDisinvestment: "voorwaarde e",
  disinvestmentLevel: "niveau desinvesteringsbijtelling",
  override: "handmatige beoordeling",
  eligible: "telt mee",
  reason: "reden",
  description: "omschrijving",
  exact: "exact",
};

/**
 * A field of the scenario as the core names it ("year", "investments[3].amount", "partnership.partners[0].profit")
 * in Dutch words: "belastingjaar", "investering 4, bedrag", "vennoot 1, aandeel (over)winst". Unknown parts stay.
 */
export function dutchField(field: string): string {
  // a field the user named ("__proto__", "constructor") is no key of these tables: only their own entries count
  const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
    Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  const parts = field.split(".");
  const out: string[] = [];
  let list = "";
  for (const part of parts) {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    const name = m ? m[1] : part;
    if (m) {
      const n = Number(m[2]) + 1;
      const item = own({ investments: "investering", partners: "vennoot", disposals: "vervreemding" }, name);
      out.push(item ? `${item} ${n}` : `${own(SCENARIO_FIELDS, name) ?? name} ${n}`);
      list = name;
      continue;
    }
    const ledger = list === "investments" ? own(FIELD_NAMES_NL as Record<string, string>, name) : undefined;
    const table = list === "partners" ? own(PARTNER_HEADERS, name) : list === "disposals" ? own(DISPOSAL_HEADERS, name) : undefined;
    if (name === "partnership" && parts.length > 1) continue; // "partnership.partners[0]" is "vennoot 1"
    out.push(ledger ?? table?.[0].toLowerCase() ?? own(SCENARIO_FIELDS, name) ?? name);
  }
  return out.join(", ");
}

/**
 * The core's refusal in words for the command line: the field in Dutch ("belastingjaar"), with the scenario's own
 * name beside it when the user wrote the scenario (a JSON file: "belastingjaar (year)"), then the reason and value.
 */
export function invalidInput(e: { field: string; message: string }, json: boolean): string {
  const rest = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
  if (!e.field) return `Ongeldige invoer: ${rest}`;
  const dutch = dutchField(e.field);
  return `Ongeldige invoer: ${json && dutch !== e.field ? `${dutch} (${e.field})` : dutch}: ${rest}`;
}
