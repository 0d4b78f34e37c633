/**
 * From a fixed-asset ledger (a table of cells, as read from Excel, an .xlsx or a .csv) to the investments of a
 * scenario. Columns are found by their headers, with Dutch and English synonyms; every cell is read with the
 * core's own readers (Dutch amount text, Excel numbers at 15 digits, categories by code, label or alias). A bad
 * cell becomes a problem that names the row, the column and what was expected; good rows still count. Empty
 * rows are skipped. No Office, DOM or Node: the taskpane, the standalone page and the command line share it.
 */
import { columnLetter } from "../columns";
import { showValue } from "../errors";
import { categoryHints, findCategory, findHeading, suggestCategoryFromText } from "../law";
import { Decimal } from "../decimal";
import { answerFor, assetWords, isTotalLabel, totalLabelKind, type Answers, type OpenChoice, type OpenQuestion } from "./questions";
import { excelNumberAmount, excelProportion, isAmountProblem, readAmount, readDutchAmount } from "../money";
import { partnershipKeyOf, type ScenarioInvestment } from "../scenario";
import { plain } from "../context";
import { earlierReportAdvice } from "./names";

/** A cell as the workbook adapters hand it over. Dates come as ISO text (jjjj-mm-dd) or as an Excel serial. */
export type Cell = string | number | boolean | null | { error: string } | { date: string };

export const LEDGER_FIELDS = [
  "id",
  "description",
  "category",
  "amount",
  "vatDeductible",
  "group",
  "paid",
  "inUse",
  "lostByCalamity",
  "replacedBy",
  "approval",
  "relatedParty",
  "exemption",
  "marketValue",
  "exemptionPossible",
  "reserve",
  "reserveDeclaration",
  "eiaMia",
  "date",
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/** Header names per field (compared without case, accents, spaces and punctuation). The first is the template's. */
export const FIELD_HEADERS: Record<LedgerField, readonly string[]> = {
  id: [
    "Nummer",
    "id",
    "nr",
    "activanummer",
    "activumnummer",
    "code",
    "kenmerk",
    "number",
    "asset id",
    "activumcode",
    "serienummer",
    "volgnummer",
    "nr activum",
  ],
  description: ["Omschrijving", "description", "naam", "bedrijfsmiddel", "activum", "name", "asset", "omschrijving activum", "naam activum"],
  // bookkeeping exports: Exact's Activumgroep, AFAS's Activagroep, a balance-sheet heading (Rubriek, Balanspost), RGS
  category: [
    "Categorie",
    "category",
    "soort",
    "soort bedrijfsmiddel",
    "type",
    "activumgroep",
    "activagroep",
    "groep activa",
    "activacategorie",
    "categorie activa",
    "soort activa",
    "rubriek",
    "balanspost",
    "balansrubriek",
    "rgs",
    "rgs code",
    "rgscode",
    "rgs-code",
  ],
  amount: [
    "Bedrag",
    "amount",
    "investeringsbedrag",
    "aanschafprijs",
    "aanschafwaarde",
    "kostprijs",
    "cost",
    "investment",
    "aanschafbedrag",
    "aanschafprijs excl btw",
    "bedrag excl btw",
    // the same amounts headed "excl. btw" or "exclusief btw" (a hand-made staat, an export with the VAT said)
    "aanschafwaarde excl btw",
    "aanschafbedrag excl btw",
    "investeringsbedrag excl btw",
    "kostprijs excl btw",
    "aanschafwaarde exclusief btw",
    "aanschafprijs exclusief btw",
    "aanschafbedrag exclusief btw",
    "bedrag exclusief btw",
    "investering",
    "investering in het jaar",
  ],
  vatDeductible: ["Btw aftrekbaar", "vat deductible", "btw-aftrek", "btw aftrek", "aftrekbare btw"],
  group: ["Groep", "group", "onderdeel van", "hoort bij", "part of"],
  paid: ["Betaald", "paid", "betaald bedrag", "betaald per jaareinde", "amount paid"],
  inUse: ["In gebruik", "in use", "in gebruik genomen", "taken into use"],
  lostByCalamity: ["Verloren door calamiteit", "lost by calamity", "calamiteit", "verloren", "lost"],
  replacedBy: ["Vervangen door", "replaced by", "vervanging", "replacement"],
  approval: ["Goedkeuring calamiteit", "calamity approval", "goedkeuring"],
  relatedParty: ["Verbonden partij", "related party"],
  exemption: ["Ontheffing", "exemption"],
  marketValue: ["Waarde economisch verkeer", "market value", "wev", "waarde in het economische verkeer"],
  exemptionPossible: ["Ontheffing mogelijk", "exemption possible", "ontheffing zou kunnen", "ontheffing verkrijgbaar"],
  reserve: ["Herinvesteringsreserve", "reinvestment reserve", "hir", "afgeboekte herinvesteringsreserve", "hir afgeboekt"],
  reserveDeclaration: ["Verklaring 4.2", "declaration 4.2", "verklaring hir", "verklaring herinvesteringsreserve"],
  eiaMia: ["EIA/MIA", "eia mia", "eia", "mia", "eia of mia", "energie- of milieu-investeringsaftrek"],
  date: [
    "Datum",
    "date",
    "investeringsdatum",
    "aanschafdatum",
    "datum verplichting",
    "purchase date",
    "datum aanschaf",
    "datum investering",
    "factuurdatum",
    "boekdatum",
    // an activastaat's date of taking into use (depreciation starts there): a date in another year is asked about (art. 3.43)
    "datum in gebruik",
    "datum ingebruikname",
    "ingebruikname",
    "ingebruiknamedatum",
  ],
};

/** Dutch names of the fields, for messages and the mapping screen. */
export const FIELD_NAMES_NL: Record<LedgerField, string> = {
  id: "nummer",
  description: "omschrijving",
  category: "categorie",
  amount: "bedrag",
  vatDeductible: "btw aftrekbaar",
  group: "groep",
  paid: "betaald",
  inUse: "in gebruik",
  lostByCalamity: "verloren door calamiteit",
  replacedBy: "vervangen door",
  approval: "goedkeuring calamiteit",
  relatedParty: "verbonden partij",
  exemption: "ontheffing",
  marketValue: "waarde economisch verkeer",
  exemptionPossible: "ontheffing mogelijk",
  reserve: "herinvesteringsreserve",
  reserveDeclaration: "verklaring 4.2",
  eiaMia: "EIA/MIA",
  date: "datum",
};

export type ColumnMapping = Partial<Record<LedgerField, number>>;

export function normalizeHeader(h: unknown): string {
  return String(h ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * How the headers of one kind of table (the ledger's FIELD_HEADERS, PARTNER_HEADERS, DISPOSAL_HEADERS) map to its
 * fields: the index of header names is built once; a column maps to the field whose name it is (compared with
 * normalizeHeader), the first column that names a field wins. Every reader maps headers through one of these.
 */
function headerMapper<F extends string>(
  names: Readonly<Record<F, readonly string[]>>,
): (headers: readonly unknown[]) => { mapping: Partial<Record<F, number>>; unmapped: string[] } {
  const index = new Map<string, F>();
  for (const f of Object.keys(names) as F[]) for (const n of names[f]) index.set(normalizeHeader(n), f);
  return (headers) => {
    const mapping: Partial<Record<F, number>> = {};
    const unmapped: string[] = [];
    headers.forEach((h, i) => {
      const f = index.get(normalizeHeader(h));
      if (f && mapping[f] === undefined) mapping[f] = i;
      else if (String(h ?? "").trim()) unmapped.push(String(h));
    });
    return { mapping, unmapped };
  };
}

/** Which column of a ledger holds which field, found by the headers; the first column that matches a field wins. */
export const mapHeaders: (headers: readonly unknown[]) => { mapping: ColumnMapping; unmapped: string[] } = headerMapper(FIELD_HEADERS);

/** What ledgerMapping changed: a column headed as a group whose cells name categories or balance-sheet headings. */
export interface GroupColumnNote {
  /** the column's index in the range, its header, and up to three of its values */
  column: number;
  header: string;
  examples: string[];
  /** read as the category (the ledger has no category column), else not read */
  asCategory: boolean;
  /** in Dutch, for the reader's warnings */
  message: string;
}

/**
 * Which column of a ledger holds which field: by the headers (mapHeaders), checked against the values of one
 * column. A column headed "Groep" is a group of besluit onderdeel 2.2 (rows that form one asset, tested together
 * against the € 450 test), but a bookkeeping export's "Groep" names the asset group of its chart of accounts
 * (Machines, Inventaris, 0210 Machines en installaties): read as a 2.2 group it would make all machines one asset.
 * When its values name two or more categories or balance-sheet headings and nothing else, it is not read as a group: it is the
 * category when the ledger has no category column, and said either way (`groupColumn`). Every app's default mapping.
 */
export function ledgerMapping(
  headers: readonly unknown[],
  rows: readonly (readonly Cell[])[],
  firstColumn = 0,
): { mapping: ColumnMapping; unmapped: string[]; groupColumn?: GroupColumnNote } {
  const m = mapHeaders(headers);
  const g = m.mapping.group;
  if (g === undefined) return m;
  const seen = new Set<string>();
  for (const row of rows) {
    const c = row[g];
    if (isEmpty(c) || isErr(c)) continue;
    const text = cellText(c).trim();
    if (!text || seen.has(text)) continue;
    if (!findCategory(text) && !findHeading(text)) return m;
    seen.add(text);
    // enough to know: a column with this many distinct category names is no list of 2.2 groups
    if (seen.size >= 50) break;
  }
  // one name may well be a group's own ("Bestelauto": the van and its fittings); two or more categories are a list of them
  if (seen.size < 2) return m;
  const mapping: ColumnMapping = { ...m.mapping };
  delete mapping.group;
  const asCategory = mapping.category === undefined;
  if (asCategory) mapping.category = g;
  const header = String(headers[g] ?? "").trim();
  const examples = [...seen].slice(0, 3);
  const letter = columnLetter(firstColumn + g);
  const message =
    `kolom ${letter} ("${header}") noemt categorieën (${examples.join(", ")}), geen groepen van besluit onderdeel 2.2 ` +
    `(rijen die samen één bedrijfsmiddel zijn): ${asCategory ? "gelezen als de categorie" : "niet als groep gelezen"}. ` +
    `Is het toch een groep van onderdeel 2.2, kies die kolom dan onder Kolommen als groep.`;
  return { mapping, unmapped: m.unmapped, groupColumn: { column: g, header, examples, asCategory, message } };
}

export { columnIndex, columnLetter } from "../columns";

export interface LedgerProblem {
  /** row number in the sheet (1-based, as Excel shows it) */
  row: number;
  /** column index in the read range (0-based) and its letter in the sheet */
  column: number;
  columnLetter: string;
  field: LedgerField | "row";
  /** the cell's text as a message shows it: quoted, shortened ('"2,500"') */
  value: string;
  /** the cell's text itself, shortened to 60 characters; "" for an empty cell */
  text?: string;
  /** what is wrong and what is expected, in Dutch */
  message: string;
  /**
   * the row was read but misses facts the law needs (a sale without its investment amount or that year's total, or
   * without the investment it sold): what was read of it, so an app can offer it to complete (LeftOut "INCOMPLETE")
   */
  incomplete?: Record<string, unknown>;
}

export interface LedgerRead {
  investments: ScenarioInvestment[];
  /** sheet row of each investment, parallel to `investments` */
  rows: number[];
  problems: LedgerProblem[];
  /** rows that were empty and skipped, or repeated the header */
  skipped: number;
  /** of the rows skipped, those that repeat the header row (an export's page header) */
  repeatedHeaders?: number;
  /** of the rows skipped, a section's heading: a category or balance-sheet heading alone on its row ("Vervoermiddelen") */
  sectionHeadings?: number;
  /** every total row of the rows, those below the grand total too (`totals` holds those above it) */
  totalRows?: number;
  /** rows the reader does not decide alone (./questions.ts): not counted until answered */
  open?: OpenQuestion[];
  /** total rows (Totaal, Subtotaal, Saldo, or a row without category holding the sum of the rows above): not assets */
  totals?: { row: number; amount: string }[];
  /** a total that the rows above it do not add up to, and a credit that reduced a group, in Dutch */
  warnings?: { row: number; message: string }[];
  /** answers applied (a question answered): the question, and the answer with the user's words */
  answered?: { question: OpenQuestion; choice: string; note?: string }[];
  /**
   * rows dated in another year, left out of this year (withOtherYears), as read: their sheet row and the row's fields
   * (an earlier year's asset paid or taken into use this year, src/register/years.ts)
   */
  otherYears?: { row: number; investment: ScenarioInvestment }[];
}

export interface LedgerPlace {
  /** sheet row number (1-based) of the first data row */
  firstRow: number;
  /** sheet column index (0-based) of the first column of the range */
  firstColumn: number;
  /** the workbook counts dates from 1904 (Excel for Mac's old date system, BookOutline.date1904) */
  date1904?: boolean;
  /** the sheet's name, for the questions' cells and their answers */
  sheet?: string;
  /** the user's answers to the open questions (./questions.ts), by questionKey */
  answers?: Answers;
  /** the tax year, when known: a sale of an asset of this year is linked to its row in the ledger, not to a register */
  year?: number;
  /** the ledger's header row (from its first column): a row that repeats it (an export's page header) is passed over */
  headers?: readonly unknown[];
}

/** Ja/nee as a ledger cell may say them (lower case); the template's Lijsten sheet lists the same words. */
export const YES_WORDS = ["ja", "j", "yes", "y", "waar", "true", "x", "1", "wel"] as const;
export const NO_WORDS = ["nee", "n", "no", "onwaar", "false", "0", "niet", "-"] as const;
const YES = new Set<string>(YES_WORDS);
const NO = new Set<string>(NO_WORDS);

function isEmpty(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

/** A cell's text for a problem: at most 60 characters. */
const shortText = (s: string) => (s.length > 60 ? s.slice(0, 59) + "…" : s);

/**
 * Whether a row repeats the header `headers` cell by cell (compared like headers): a page header that an export
 * repeats on every page. readLedger passes over it; it does not end the ledger (src/workbook/rules.ts ledgerSections).
 */
export function repeatsHeader(cells: readonly Cell[] | undefined, headers: readonly unknown[]): boolean {
  const row = cells ?? [];
  const n = Math.max(row.length, headers.length);
  let filled = 0;
  for (let i = 0; i < n; i++) {
    const a = normalizeHeader(cellText(row[i]));
    if (a !== normalizeHeader(headers[i])) return false;
    if (a) filled++;
  }
  return filled > 0;
}

/** A cell as text, as every reader compares it: empty "", an error its code ("#N/A"), a date jjjj-mm-dd; not trimmed. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "object") return "error" in c ? c.error : c.date;
  return String(c);
}

/** Days from 1900-01-00 (Excel's 1900 date system) to 1904-01-01, serial 0 of the 1904 date system. */
export const DATE1904_OFFSET = 1462;

/** An Excel date serial as jjjj-mm-dd: in the 1900 date system, or with `date1904` in the 1904 system. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (date1904) serial += DATE1904_OFFSET;
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465 || Math.floor(serial) === 60) return null;
  // Excel counts a 29 February 1900 that did not exist (serial 60): serials before it are one day earlier.
  const ms = Math.round((serial - (serial < 60 ? 25568 : 25569)) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Read the rows of a ledger. `mapping` says which column holds which field (mapHeaders, or the user's
 * correction); `dateColumns` may name columns whose numbers are dates (Excel's numberFormatCategories).
 */
export function readLedger(
  rows: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): Required<LedgerRead> {
  const out: Required<LedgerRead> = {
    investments: [],
    rows: [],
    problems: [],
    skipped: 0,
    repeatedHeaders: 0,
    sectionHeadings: 0,
    totalRows: 0,
    open: [],
    totals: [],
    warnings: [],
    answered: [],
    otherYears: [],
  };
  const cols = Object.values(mapping) as number[];
  const seenIds = new Map<string, number>();
  const unknownHint = categoryHints();
  const sheet = place.sheet ?? "";
  const letterOf = (f: LedgerField) => columnLetter(place.firstColumn + (mapping[f] ?? mapping.id ?? 0));
  // the sums a total row is checked against: the rows since the last total, and all rows
  let block = new Decimal(0);
  let blockRows = 0;
  // rows read since the last total row (a section heading right below a total shows that total was the section's)
  let sinceTotal = 0;
  let all = new Decimal(0);
  const credits: Credit[] = [];
  const seen: TotalSeen[] = [];
  const lengths = () => ({
    investments: out.investments.length,
    problems: out.problems.length,
    open: out.open.length,
    answered: out.answered.length,
    warnings: out.warnings.length,
    totals: out.totals.length,
    credits: credits.length,
  });
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const sheetRow = place.firstRow + r;
    const empty = cols.every((c) => isEmpty(row[c]));
    if (empty || (place.headers && repeatsHeader(row, place.headers))) {
      out.skipped++;
      if (!empty) out.repeatedHeaders++;
      continue;
    }
    // A section's heading: a category or balance-sheet heading alone on its row, as a hand-made staat heads each group
    // of assets ("Inventaris", ..., "Totaal", "Vervoermiddelen", ...). No asset (it has no amount): passed over. A plain
    // "Totaal" right above it closed the section before it, so it is no total of the whole ledger (grandTotal).
    if (isSectionHeading(row, cols, mapping.amount) || headsItsSum(rows, r, cols, mapping.amount)) {
      out.skipped++;
      out.sectionHeadings++;
      const last = seen[seen.length - 1];
      if (last && sinceTotal === 0 && last.kind === "plain") last.kind = "part";
      continue;
    }
    // A total row (a label, or a row without category or description holding the sum of the rows above) is a check.
    const amountRaw = mapping.amount === undefined ? undefined : row[mapping.amount];
    const signed = signedAmount(amountRaw);
    const labelAt = [...(["id", "description", "category"] as const).map((f) => mapping[f]), 0].find(
      (c) => c !== undefined && typeof row[c] === "string" && isTotalLabel(row[c] as string),
    );
    const labelled = labelAt !== undefined;
    const bySum =
      !labelled &&
      signed !== undefined &&
      blockRows >= 2 &&
      isEmpty(mapping.category === undefined ? null : row[mapping.category]) &&
      isEmpty(mapping.description === undefined ? null : row[mapping.description]) &&
      signed.eq(block);
    if (labelled || bySum) {
      if (signed !== undefined) {
        out.totals.push({ row: sheetRow, amount: signed.toFixed() });
        if (!signed.eq(block) && !signed.eq(all))
          out.warnings.push({
            row: sheetRow,
            message: `het totaal in rij ${sheetRow} (${euroText(signed)}) wijkt ${euroText(signed.minus(block).abs())} af van de som van de rijen erboven (${euroText(block)}); controleer of er een rij ontbreekt of dubbel staat`,
          });
      }
      seen.push({
        index: r,
        row: sheetRow,
        column: labelAt ?? mapping.amount ?? 0,
        // a total beside a category ("Totaal" | "inventaris") is that category's
        kind:
          mapping.category !== undefined &&
          labelAt !== mapping.category &&
          typeof row[mapping.category] === "string" &&
          namesPart(row[mapping.category] as string)
            ? "part"
            : labelled
              ? totalLabelKind(row[labelAt] as string, namesPart)
              : "plain",
        ...(signed === undefined ? {} : { amount: signed }),
        ...(labelled && totalYear(row[labelAt] as string) ? { year: totalYear(row[labelAt] as string) } : {}),
        all,
        upTo: lengths(),
      });
      block = new Decimal(0);
      blockRows = 0;
      sinceTotal = 0;
      continue;
    }
    sinceTotal++;
    if (signed !== undefined) {
      block = block.plus(signed);
      all = all.plus(signed);
      blockRows++;
    }
    const problems: LedgerProblem[] = [];
    const problem = (field: LedgerField, message: string) => {
      const column = mapping[field]!;
      problems.push({
        row: sheetRow,
        column,
        columnLetter: columnLetter(place.firstColumn + column),
        field,
        value: showValue(cellText(row[column]), 60),
        text: shortText(cellText(row[column])),
        message,
      });
    };
    const get = (f: LedgerField): Cell | undefined => (mapping[f] === undefined ? undefined : row[mapping[f]!]);
    // An error value in a cell keeps its meaning.
    for (const f of LEDGER_FIELDS) {
      const c = get(f);
      if (c && typeof c === "object" && "error" in c) problem(f, `cel bevat ${dutchError(c.error)}; verwacht ${EXPECTED[f]}`);
    }
    const inv: Record<string, unknown> = {};
    const idCell = get("id");
    const id = isEmpty(idCell) ? `rij ${sheetRow}` : cellText(idCell).trim();
    inv.id = id;
    const prev = seenIds.get(id);
    if (prev !== undefined && !isEmpty(idCell)) problem("id", `nummer ${id} staat ook in rij ${prev}; ieder bedrijfsmiddel heeft een eigen nummer`);
    seenIds.set(id, sheetRow);
    const desc = get("description");
    if (!isEmpty(desc) && !isErr(desc)) inv.description = cellText(desc).slice(0, 2000);

    const cat = get("category");
    let ask: Omit<OpenQuestion, "sheet" | "row" | "cell" | "list"> | undefined;
    if (isEmpty(cat)) problem("category", "categorie ontbreekt; verwacht een categorie zoals machine, inventaris of personenauto");
    else if (!isErr(cat)) {
      const found = findCategory(cellText(cat));
      const heading = found ? undefined : findHeading(cellText(cat));
      if (heading && "ask" in heading) {
        // An ambiguous heading: a question for this row, with a suggestion from its description.
        const choices: OpenChoice[] = heading.ask.map((a) => ({ value: a.category.code, label: a.label }));
        const text = isEmpty(desc) || isErr(desc) ? "" : cellText(desc);
        const suggestion = suggestCategoryFromText(
          text,
          choices.map((c) => c.value),
        );
        ask = {
          column: letterOf("category"),
          kind: "category",
          question: `“${cellText(cat).trim()}”: ${heading.question}`,
          choices,
          ...(suggestion ? { suggestion } : {}),
        };
      } else if (!found) {
        // A suggestion for the first distinct misspellings; a sheet of thousands of them gets the examples.
        problem("category", `onbekende categorie; ${unknownHint(cellText(cat))}`);
      } else inv.category = found.code;
    }
    const negative = signed !== undefined && signed.isNegative() && !signed.isZero();
    const amount = amountCell(negative ? signed!.abs().toFixed().replace(".", ",") : get("amount"), "amount", problem, true);
    if (amount !== undefined) inv.amount = amount;
    const paid = amountCell(get("paid"), "paid", problem, false);
    if (paid !== undefined) inv.paid = paid;
    const mv = amountCell(get("marketValue"), "marketValue", problem, false);
    if (mv !== undefined) inv.marketValue = mv;
    // Besluit 4.2: a herinvesteringsreserve booked on the asset, and whether the declaration of bijlage 1 is made.
    const hir = amountCell(get("reserve"), "reserve", problem, false);
    const declaration = boolCell(get("reserveDeclaration"), "reserveDeclaration", problem);
    if (hir !== undefined && !/^0+(\.0+)?$/.test(hir)) inv.reinvestmentReserve = { amount: hir, ...(declaration === undefined ? {} : { declaration }) };

    for (const f of ["vatDeductible", "inUse", "relatedParty", "exemption", "eiaMia"] as const) {
      const b = boolCell(get(f), f, problem);
      if (b !== undefined) inv[f] = b;
    }
    // Besluit 5.1.3: only a related-party row without an exemption says whether one could be obtained; a "nee" on
    // any other row says nothing.
    const possible = boolCell(get("exemptionPossible"), "exemptionPossible", problem);
    if (possible === true || (possible === false && inv.relatedParty === true && inv.exemption !== true)) inv.exemptionPossible = possible;
    const grp = get("group");
    if (!isEmpty(grp) && !isErr(grp)) inv.group = cellText(grp).trim();
    const dateCell = get("date");
    if (!isEmpty(dateCell) && !isErr(dateCell)) {
      const iso = dateOf(dateCell!, place.date1904);
      if (iso) inv.date = iso;
      else problem("date", "geen datum; verwacht een datum zoals 31-03-2025");
    }
    const lost = boolCell(get("lostByCalamity"), "lostByCalamity", problem);
    const repl = get("replacedBy");
    const approval = boolCell(get("approval"), "approval", problem);
    if (!isEmpty(repl) && !isErr(repl)) {
      if (lost === false) problem("replacedBy", "‘vervangen door’ is ingevuld, maar ‘verloren door calamiteit’ staat op nee");
      else
        inv.lostByCalamity = {
          replacedBy: cellText(repl).trim(),
          ...(approval === undefined ? {} : { approval }),
        };
    } else if (lost === true) {
      problem(
        mapping.replacedBy === undefined ? "lostByCalamity" : "replacedBy",
        "verloren door calamiteit: vul bij ‘vervangen door’ het nummer van het vervangende bedrijfsmiddel in",
      );
    }
    if (problems.length) {
      out.problems.push(...problems);
      continue;
    }
    if (ask) {
      const q: OpenQuestion = {
        list: "investments",
        sheet,
        row: sheetRow,
        cell: `${sheet}!${ask.column}${sheetRow}`,
        ...(isEmpty(idCell) ? {} : { id }),
        ...ask,
        ...rowText(inv, negative),
      };
      const a = answerFor(place.answers, q);
      if (!a) {
        out.open.push(q);
        continue;
      }
      inv.category = a.choice;
      out.answered.push({ question: q, choice: a.choice, ...(a.note ? { note: a.note } : {}) });
    }
    if (negative) {
      credits.push({ row: sheetRow, inv, hasId: !isEmpty(idCell) });
      continue;
    }
    out.investments.push(inv as unknown as ScenarioInvestment);
    out.rows.push(sheetRow);
  }
  out.totalRows = seen.length;
  const grand = grandTotal(seen);
  if (grand) belowGrandTotal(out, credits, grand, rows, mapping, place, seen);
  applyCredits(out, credits, place, letterOf("amount"));
  return out;
}

/** A total row as readLedger met it: where, what its label says, its amount, and the lists' lengths up to it. */
interface TotalSeen {
  /** index among the rows, sheet row, and the column of its label (or of its amount, for a total without label) */
  index: number;
  row: number;
  column: number;
  kind: "grand" | "part" | "plain";
  amount?: Decimal;
  /** the year its label names ("Totaal 2024"): a later total naming another year makes it that year's part */
  year?: string;
  /** the sum of all the rows above it that are no totals */
  all: Decimal;
  /** the lists' lengths with this total read (what the rows below it add is taken back when it is the grand total) */
  upTo: { investments: number; problems: number; open: number; answered: number; warnings: number; totals: number; credits: number };
}

/**
 * Whether a row is a section's heading: one filled cell of the ledger's columns, not the amount's, whose text is a
 * category or a balance-sheet heading ("Inventaris", "Vervoermiddelen", "Machines en installaties"). `besideAmount`:
 * whatever the amount's cell holds (a heading that carries its section's sum, headsItsSum).
 */
function isSectionHeading(row: readonly Cell[], cols: readonly number[], amountCol: number | undefined, besideAmount = false): boolean {
  let filled: number | undefined;
  for (const c of cols) {
    if (isEmpty(row[c]) || (besideAmount && c === amountCol)) continue;
    if (filled !== undefined && filled !== c) return false;
    filled = c;
  }
  if (filled === undefined || filled === amountCol) return false;
  const text = row[filled];
  return typeof text === "string" && !isTotalLabel(text) && (namesPart(text.trim()) || yearHeading(text) !== undefined);
}

/**
 * Whether a row is a section's heading that carries its section's sum ("Machines" | | | 111.000 above the machines):
 * its heading text and the amount are its only filled cells, and the amount is the sum of the rows below it up to the
 * next empty row, total, heading or end. Passed over like a heading (its amount is no asset and no total of the rows above).
 */
function headsItsSum(rows: readonly (readonly Cell[])[], r: number, cols: readonly number[], amountCol: number | undefined): boolean {
  if (amountCol === undefined) return false;
  const row = rows[r];
  // the heading first: an asset's row is no heading, and its amount is then not read here a second time
  if (!isSectionHeading(row, cols, amountCol, true)) return false;
  const own = signedAmount(row[amountCol]);
  if (own === undefined || own.isZero()) return false;
  let sum = new Decimal(0);
  let n = 0;
  for (let k = r + 1; k < rows.length; k++) {
    const next = rows[k];
    if (cols.every((c) => isEmpty(next[c]))) break;
    if (cols.some((c) => typeof next[c] === "string" && isTotalLabel(next[c] as string))) break;
    if (isSectionHeading(next, cols, amountCol, true)) break;
    const a = signedAmount(next[amountCol]);
    if (a === undefined) return false;
    sum = sum.plus(a);
    n++;
  }
  return n > 0 && sum.eq(own);
}

/**
 * The year a year's heading names, as a staat with two years on one sheet heads each ("Investeringen 2025",
 * "Aanschaffingen 2024", "Boekjaar 2025", "2025"), or undefined.
 */
function yearHeading(text: string): string | undefined {
  const m = /^(?:(?:investeringen|aanschaffingen|aankopen|activa|boekjaar|jaar)(?:\s+(?:in|over|van))?\s+)?((?:19|20)\d{2}):?$/i.exec(
    text.trim().replace(/\s+/g, " "),
  );
  return m?.[1];
}

/** The year a total's label names ("Totaal 2024", "Totaal investeringen 2025"), or undefined. */
function totalYear(text: string): string | undefined {
  const years = text.match(/\b(?:19|20)\d{2}\b/g);
  return years && years.length === 1 ? years[0] : undefined;
}

/** A total's words that name a part of the ledger: a category or a balance-sheet heading ("inventaris", "machines en installaties"). */
const namesPart = (words: string) => findCategory(words) !== undefined || findHeading(words) !== undefined;

/**
 * The ledger's grand total, below which no row is an asset of the ledger: the first total labelled as the whole's
 * (Eindtotaal, Totaal generaal), or labelled as a total without a part's name ("Totaal", or none: a row holding the
 * sum) whose amount is the sum of all the rows above it; unless a later total is the sum of all the rows above it,
 * the rows below the first one too (then the first was a part's: "Totaal" under each group, "Eindtotaal" at the end).
 * A "Subtotaal" or a total that names a category ("Totaal inventaris") is never the grand total.
 */
function grandTotal(seen: readonly TotalSeen[]): TotalSeen | undefined {
  const sumsAll = (t: TotalSeen) => t.amount !== undefined && t.all.gt(0) && t.amount.eq(t.all);
  // from the last total up, the largest sum of a later total that is the sum of all the rows above it (one pass)
  let grand: TotalSeen | undefined;
  let later: Decimal | undefined;
  // a year's total with another year's total below it ("Totaal 2024", the rows of 2025, "Totaal 2025") closed that year
  const years = new Set<string>();
  for (let i = seen.length - 1; i >= 0; i--) {
    const t = seen[i];
    const oneYearOfMore = t.year !== undefined && [...years].some((y) => y !== t.year);
    if (t.year !== undefined) years.add(t.year);
    if (oneYearOfMore && t.kind !== "grand") continue;
    if ((t.kind === "grand" || (t.kind === "plain" && sumsAll(t))) && !(later && later.gt(t.all))) grand = t;
    if (sumsAll(t) && (!later || t.all.gt(later))) later = t.all;
  }
  return grand;
}

/**
 * The rows below the ledger's grand total: not counted, each left out at its cell with why (a recap per category
 * below the total, "Inventaris 5.000 / Machines 12.000", would count twice), so the figure is never final over them.
 * What readLedger made of them (investments, questions, warnings, credits) is taken back; totals below it are no assets.
 */
function belowGrandTotal(
  out: Required<LedgerRead>,
  credits: Credit[],
  grand: TotalSeen,
  rows: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  place: LedgerPlace,
  seen: readonly TotalSeen[],
): void {
  const n = grand.upTo;
  out.investments.length = n.investments;
  out.rows.length = n.investments;
  out.open.length = n.open;
  out.answered.length = n.answered;
  out.warnings.length = n.warnings;
  out.totals.length = n.totals;
  out.problems.length = n.problems;
  credits.length = n.credits;
  const totals = new Set(seen.map((t) => t.index));
  const sheet = place.sheet ? `${place.sheet}!` : "";
  const at = `${sheet}${columnLetter(place.firstColumn + grand.column)}${grand.row}`;
  const amount = grand.amount === undefined ? "" : ` (${euroText(grand.amount)}${grand.amount.eq(grand.all) ? ", de som van de rijen erboven" : ""})`;
  const cols = [mapping.category, mapping.amount, mapping.description, mapping.id, ...(Object.values(mapping) as number[])].filter(
    (c): c is number => c !== undefined,
  );
  for (let r = grand.index + 1; r < rows.length; r++) {
    const row = rows[r];
    const column = cols.find((c) => !isEmpty(row[c]));
    if (column === undefined || totals.has(r) || (place.headers && repeatsHeader(row, place.headers))) continue;
    const sheetRow = place.firstRow + r;
    out.problems.push({
      row: sheetRow,
      column,
      columnLetter: columnLetter(place.firstColumn + column),
      field: "row",
      value: showValue(cellText(row[column]), 60),
      text: shortText(cellText(row[column])),
      message:
        `rij ${sheetRow} staat onder het eindtotaal in ${at}${amount} en is niet meegeteld: een rij onder het totaal van de staat is vaak een ` +
        `samenvatting per categorie van de rijen erboven en zou dan dubbel tellen. Is het een investering, zet hem dan boven het totaal; ` +
        `is dat totaal het totaal van een groep, noem het dan "Subtotaal" of "Totaal" met de categorie (zoals "Totaal inventaris")`,
    });
  }
}

/**
 * The rows dated outside `year`: not counted by default (art. 3.43 Wet IB 2001: an investment belongs to the year the
 * obligation is entered into; a ledger date in another year says it was entered into then), a question each; counted
 * when the answer says so. A new read; `first` stays as it is (the pane keeps it while the year changes).
 */
export function withOtherYears(first: Required<LedgerRead>, year: number, mapping: ColumnMapping, place: LedgerPlace): Required<LedgerRead> {
  const read = {
    ...first,
    investments: [...first.investments],
    rows: [...first.rows],
    open: [...first.open],
    answered: [...first.answered],
    otherYears: [] as { row: number; investment: ScenarioInvestment }[],
  };
  const sheet = place.sheet ?? "";
  const answers = place.answers;
  const column = columnLetter(place.firstColumn + (mapping.date ?? mapping.id ?? 0));
  for (let i = read.investments.length - 1; i >= 0; i--) {
    const inv = read.investments[i] as unknown as Record<string, unknown>;
    const date = typeof inv.date === "string" ? inv.date : undefined;
    if (!date || Number(date.slice(0, 4)) === year) continue;
    const row = read.rows[i];
    const shown = `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
    const q: OpenQuestion = {
      list: "investments",
      sheet,
      row,
      column,
      cell: `${sheet}!${column}${row}`,
      ...(typeof inv.id === "string" && !/^rij \d+$/.test(inv.id) ? { id: inv.id } : {}),
      kind: "year",
      question: `Gedateerd ${shown}, niet in ${year}: telt niet mee in ${year}, tenzij de verplichting in ${year} is aangegaan (art. 3.43 Wet IB 2001)`,
      choices: [
        { value: "skip", label: `Telt niet mee in ${year}` },
        { value: "count", label: `Telt mee in ${year} (verplichting in ${year} aangegaan)` },
      ],
      suggestion: "skip",
      ...(typeof inv.description === "string" ? { description: inv.description } : {}),
      ...(typeof inv.amount === "string" ? { amount: inv.amount } : {}),
    };
    const a = answerFor(answers, q);
    if (a) read.answered.push({ question: q, choice: a.choice, ...(a.note ? { note: a.note } : {}) });
    if (a?.choice === "count") continue;
    if (!a) read.open.unshift(q);
    read.otherYears.unshift({ row, investment: read.investments[i] });
    read.investments.splice(i, 1);
    read.rows.splice(i, 1);
  }
  read.open.sort((a, b) => a.row - b.row);
  return read;
}

/** A negative row (a credit note, a correction) waiting for the rows it may reduce. */
interface Credit {
  row: number;
  inv: Record<string, unknown>;
  hasId: boolean;
}

/**
 * An amount cell as a signed Decimal: a number, or Dutch amount text with "-" or "−" before it or after it ("1.234,56-",
 * as some exports write a credit) or in parentheses; else undefined.
 */
function signedAmount(c: Cell | undefined): Decimal | undefined {
  if (typeof c === "number") {
    if (!Number.isFinite(c)) return undefined;
    const r = excelNumberAmount(Math.abs(c));
    return isAmountProblem(r) ? undefined : c < 0 ? r.neg() : r;
  }
  if (typeof c !== "string") return undefined;
  let t = c.trim();
  let neg = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    t = paren[1].trim();
    neg = true;
  }
  const m = /^(€|eur)?\s*[-\u2212]\s*(.*)$/i.exec(t) ?? /^()(.*\d)\s*[-\u2212]$/.exec(t);
  if (m) {
    t = (m[1] ?? "") + m[2];
    neg = !neg;
  }
  const r = readDutchAmount(t);
  return isAmountProblem(r) ? undefined : neg ? r.neg() : r;
}

/** "€ 1.234,56" (for messages). */
function euroText(d: Decimal): string {
  const [i, f] = d.toFixed(2).split(".");
  const sign = i.startsWith("-") ? "-" : "";
  return `€ ${sign}${i.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ".")}${f === "00" ? "" : "," + f}`;
}

function rowText(inv: Record<string, unknown>, negative: boolean): { description?: string; amount?: string } {
  return {
    ...(typeof inv.description === "string" ? { description: inv.description } : {}),
    ...(typeof inv.amount === "string" ? { amount: negative ? "-" + inv.amount : inv.amount } : {}),
  };
}

/**
 * The negative rows: in a group, a reduction of the group (besluit 2.2: the group is one asset; its largest row is
 * reduced); else a question - a reduction of the asset the row names (its number, or a word of its description) or
 * sits right below or above, suggested; a lone negative row offers the rows above it. Answered: the reduction done,
 * or the row not counted.
 */
function applyCredits(out: Required<LedgerRead>, credits: readonly Credit[], place: LedgerPlace, amountColumn: string): void {
  const sheet = place.sheet ?? "";
  const amountOf = (i: number) => new Decimal(out.investments[i].amount as unknown as string);
  const reduce = (i: number, by: Decimal): boolean => {
    const left = amountOf(i).minus(by);
    if (left.isNegative()) return false;
    (out.investments[i] as unknown as Record<string, unknown>).amount = left.toFixed();
    return true;
  };
  const label = (i: number) => {
    const inv = out.investments[i] as unknown as Record<string, unknown>;
    const d = typeof inv.description === "string" ? ` ${inv.description.slice(0, 40)}` : "";
    return `Vermindering van rij ${out.rows[i]}${d} (${euroText(amountOf(i))})`;
  };
  for (const c of credits) {
    const by = new Decimal(c.inv.amount as string);
    const group = typeof c.inv.group === "string" ? c.inv.group.trim().toLowerCase() : undefined;
    if (group) {
      let best = -1;
      out.investments.forEach((inv, i) => {
        if (typeof inv.group === "string" && inv.group.trim().toLowerCase() === group && (best < 0 || amountOf(i).gt(amountOf(best)))) best = i;
      });
      if (best >= 0 && reduce(best, by)) {
        out.warnings.push({
          row: c.row,
          message: `rij ${c.row} (${euroText(by.neg())}) vermindert groep ${String(c.inv.group)}: afgetrokken van rij ${out.rows[best]} (besluit investeringsaftrek, onderdeel 2.2)`,
        });
        continue;
      }
    }
    // the asset it names (its number or a word of its description), else the row right above or below it
    const words = assetWords(typeof c.inv.description === "string" ? c.inv.description : "");
    const named = out.investments.findIndex((inv) => {
      if (c.hasId && inv.id === c.inv.id) return false;
      const d = assetWords(typeof inv.description === "string" ? inv.description : "");
      return (typeof inv.id === "string" && !/^rij \d+$/.test(inv.id) && words.includes(inv.id.toLowerCase())) || d.some((w) => words.includes(w));
    });
    const next = named >= 0 ? named : out.rows.findIndex((r) => r === c.row - 1 || r === c.row + 1);
    const target = next >= 0 && amountOf(next).gte(by) ? next : -1;
    const candidates =
      target >= 0
        ? [target]
        : out.rows
            .map((r, i) => ({ r, i }))
            .filter((x) => x.r < c.row && amountOf(x.i).gte(by))
            .slice(-5)
            .reverse()
            .map((x) => x.i);
    const choices: OpenChoice[] = [...candidates.map((i) => ({ value: `reduce:${out.rows[i]}`, label: label(i) })), { value: "skip", label: "Niet meetellen" }];
    const q: OpenQuestion = {
      list: "investments",
      sheet,
      row: c.row,
      column: amountColumn,
      cell: `${sheet}!${amountColumn}${c.row}`,
      ...(c.hasId ? { id: String(c.inv.id) } : {}),
      kind: "credit",
      question:
        target >= 0
          ? `Negatief bedrag (${euroText(by.neg())}): een creditnota of correctie op rij ${out.rows[target]}?`
          : `Negatief bedrag (${euroText(by.neg())}) zonder bedrijfsmiddel ernaast: waarop is het een vermindering, of telt het niet mee?`,
      choices,
      ...(target >= 0 ? { suggestion: `reduce:${out.rows[target]}` } : {}),
      ...rowText(c.inv, true),
    };
    const a = answerFor(place.answers, q);
    if (!a) {
      out.open.push(q);
      continue;
    }
    out.answered.push({ question: q, choice: a.choice, ...(a.note ? { note: a.note } : {}) });
    if (a.choice.startsWith("reduce:")) {
      const i = out.rows.indexOf(Number(a.choice.slice(7)));
      if (i >= 0) reduce(i, by);
    }
  }
}

function isErr(c: Cell | undefined): boolean {
  return !!c && typeof c === "object" && "error" in c;
}

const EXPECTED: Record<LedgerField, string> = {
  id: "een nummer of naam",
  description: "een omschrijving",
  category: "een categorie",
  amount: "een bedrag",
  vatDeductible: "ja of nee",
  group: "de naam van een groep",
  paid: "een bedrag",
  inUse: "ja of nee",
  lostByCalamity: "ja of nee",
  replacedBy: "het nummer van het vervangende bedrijfsmiddel",
  approval: "ja of nee",
  relatedParty: "ja of nee",
  exemption: "ja of nee",
  marketValue: "een bedrag",
  exemptionPossible: "ja of nee",
  reserve: "een bedrag",
  reserveDeclaration: "ja of nee",
  eiaMia: "ja of nee",
  date: "een datum",
};

const ERRORS_NL: Record<string, string> = {
  "#N/A": "#N/B",
  "#VALUE!": "#WAARDE!",
  "#DIV/0!": "#DEEL/0!",
  "#NUM!": "#GETAL!",
  "#NAME?": "#NAAM?",
  "#REF!": "#VERW!",
  "#NULL!": "#LEEG!",
  "#SPILL!": "#OVERLOOP!",
  "#CALC!": "#BEREKENEN!",
};

export function dutchError(e: string): string {
  return ERRORS_NL[e.toUpperCase()] ?? e;
}

function amountCell(c: Cell | undefined, f: LedgerField, problem: (f: LedgerField, m: string) => void, required: boolean): string | undefined {
  if (isEmpty(c)) {
    if (required) problem(f, `${FIELD_NAMES_NL[f]} ontbreekt; verwacht een bedrag zoals 1.234,56`);
    return undefined;
  }
  if (isErr(c)) return undefined;
  const r =
    typeof c === "number" ? excelNumberAmount(c) : typeof c === "string" ? readDutchAmount(c) : typeof c === "boolean" ? readAmount(c) : readAmount(undefined);
  if (isAmountProblem(r)) {
    // Reasons that already show how to write an amount are not given a second example.
    problem(f, r.reason.includes("zoals") ? r.reason : `${r.reason}; verwacht een bedrag zoals 1.234,56`);
    return undefined;
  }
  return plain(r);
}

function boolCell(c: Cell | undefined, f: LedgerField, problem: (f: LedgerField, m: string) => void): boolean | undefined {
  if (isEmpty(c) || isErr(c)) return undefined;
  const yes = yesOrNo(c);
  if (yes === undefined) problem(f, "geen ja of nee; verwacht ja of nee");
  return yes;
}

/** A yes/no cell: WAAR/ONWAAR, 1 or 0, or one of YES_WORDS / NO_WORDS ("ja", "nee", "x" …); else undefined. */
export function yesOrNo(c: Cell | undefined): boolean | undefined {
  if (typeof c === "boolean") return c;
  const s = cellText(c).trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
}

function dateOf(c: Cell, date1904 = false): string | null {
  if (typeof c === "object" && c !== null && "date" in c) return c.date;
  if (typeof c === "number") return serialToIso(c, date1904);
  const s = cellText(c).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s);
  // dd-mm-jj: a two-digit year is 20jj (a ledger of investments in this century: "01-03-25" is 1 March 2025)
  if (m) return iso(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
  return null;
}

function iso(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** The partnership key as the partners sheet may write it ("winst", "kapitaal", ...). */
export { partnershipKeyOf };

// ---- partners and disposals (the template's "Vennoten" and "Desinvesteringen" sheets) -------------------

export const PARTNER_HEADERS: Record<string, readonly string[]> = {
  name: ["Naam", "name", "vennoot", "partner"],
  legalForm: ["Rechtsvorm", "legal form", "vorm"],
  // the statutory key is the share in the (over)winst, the profit after the partners' labour fees (besluit 4.1.4)
  profit: [
    "Aandeel (over)winst",
    "Winstaandeel",
    "aandeel overwinst",
    "overwinst",
    "profit share",
    "winst",
    "winstgerechtigdheid",
    "profit",
    "aandeel winst",
    "aandeel in de winst",
    "aandeel in de overwinst",
    "winstdeel",
  ],
  capital: ["Kapitaal", "capital", "kapitaalsverhouding"],
  reserves: ["Stille reserves", "hidden reserves", "reserves", "aandeel stille reserves"],
  // the partner's own IB enterprise (an eenmanszaak of his own); never a BV of his, which is another taxpayer
  outsideInvestments: [
    "Investeringen eigen eenmanszaak",
    "Eigen investeringen buiten",
    "outside investments",
    "eigen eenmanszaak",
    "eigen onderneming",
    "investeringen eigen onderneming",
  ],
  ownAssetsInPartnership: ["Eigen bedrijfsmiddelen in onderneming", "own assets in partnership", "buitenvennootschappelijk vermogen", "eigen bedrijfsmiddelen"],
};

export const DISPOSAL_HEADERS: Record<string, readonly string[]> = {
  id: ["Nummer", "id", "nr"],
  description: ["Omschrijving", "description"],
  price: ["Verkoopprijs", "price", "overdrachtsprijs", "prijs", "opbrengst", "verkoopopbrengst", "opbrengst verkoop", "verkocht voor"],
  investment: ["Investering dit jaar", "investment", "nummer investering"],
  investmentYear: ["Investeringsjaar", "investment year", "jaar van investering", "aanschafjaar", "jaar aanschaf"],
  investmentAmount: ["Investeringsbedrag", "investment amount", "aanschafbedrag", "aanschafwaarde", "aanschafprijs"],
  investmentYearTotal: [
    "Totaal investeringsjaar",
    "investment year total",
    "totaal investeringen investeringsjaar",
    "totaal investeringen aanschafjaar",
    "investeringen aanschafjaar",
    "totaal aanschafjaar",
  ],
  /** an asset of an earlier year's KIA register ("2023:M3" or "M3"): its year, amount and year total come from there */
  register: ["Uit register", "register", "registerverwijzing", "from register"],
};

/** Which column of a partners table, and of a disposals table, holds which field (as mapHeaders for the ledger). */
export const mapPartnerHeaders = headerMapper(PARTNER_HEADERS);
export const mapDisposalHeaders = headerMapper(DISPOSAL_HEADERS);

export interface GridRead<T> {
  items: T[];
  /** sheet row of each item, parallel to `items` */
  rows: number[];
  problems: LedgerProblem[];
  /** checks that leave nothing out (partners' shares that do not add up to 100 %) */
  warnings?: { row?: number; message: string }[];
}

/** A profit share as read, and whether its cell said "%". */
export interface ShareRead {
  value: Decimal;
  percentSign: boolean;
}

/** "0,4", "60" as a message shows a share. */
const shareText = (d: Decimal) => d.toFixed().replace(".", ",");

/**
 * Profit shares in one scale: a share written with "%" is a percentage; the others are all fractions (0,6, or 60 %
 * in Excel, which the cell holds as 0,6) or all percentages (numbers above 1: "60"). Fractions are returned as
 * percentages (0,6 -> 60), so the partners step shows 60 %. Shares without "%" in both scales ("0,4" beside "60")
 * are refused with a message naming them;
 * shares that do not add up to 100 % are a warning (the core divides by their sum).
 */
export function sharesInOneScale(
  shares: readonly (ShareRead & { name: string })[],
): { percents: Decimal[] } | { problem: string } | { percents: Decimal[]; warning: string } {
  // a "%" says its scale; a share without one is a fraction up to 1, a percentage above it
  const percentish = shares.filter((s) => !s.percentSign && s.value.gt(1));
  const fractions = shares.filter((s) => !s.percentSign && s.value.lte(1));
  if (percentish.length && fractions.length) {
    const list = (xs: typeof shares) => xs.map((s) => `${shareText(s.value)}${s.percentSign ? "%" : ""} (${s.name})`).join(", ");
    return {
      problem: `winstaandelen in twee schalen: ${list(fractions)} als breuk en ${list(percentish)} als percentage; schrijf ze allemaal als percentage (60%) of allemaal als breuk (0,6)`,
    };
  }
  const percents = shares.map((s) => (s.percentSign || percentish.length ? s.value : s.value.times(100)));
  const sum = percents.reduce((a, b) => a.plus(b), new Decimal(0));
  if (shares.length && !sum.eq(100) && sum.minus(100).abs().gt("0.05"))
    return {
      percents,
      warning: `de winstaandelen tellen op tot ${shareText(sum.toDecimalPlaces(2))} %, niet 100 %: de KIA wordt naar hun verhouding verdeeld; controleer de aandelen`,
    };
  return { percents };
}

/**
 * A profit share from a cell: a number as a proportion (a key from a formula such as =1/3 has more decimals than an
 * amount may have), text as a Dutch number with or without "%" ("60", "0,6", "60%"); with a "%" the comma is the
 * decimal comma ("33,333%" is a third, not 33.333 procent: a share has no thousands). A boolean or a date is none.
 */
function shareOf(c: Cell): ReturnType<typeof readAmount> {
  if (typeof c === "number") return excelProportion(c);
  if (typeof c !== "string") return readAmount(undefined);
  const text = c.replace(/%\s*$/, "");
  if (text !== c && /^\s*\d{1,3},\d{3}\s*$/.test(text)) return readAmount(text.trim().replace(",", "."));
  return readDutchAmount(text);
}

/** Why a cell is no profit share, in a share's words (the amount readers speak of a "bedrag"); else "geen aandeel". */
const SHARE_REASONS: Partial<Record<string, string>> = {
  NEGATIVE_AMOUNT: "negatief aandeel",
  AMBIGUOUS_AMOUNT: "dubbelzinnig aandeel (een komma en drie cijfers; als percentage, zoals 33,333%, is de komma de decimale komma)",
};

/**
 * Rows of a partners table as scenario partners (amounts with the core's readers; shares may be written as
 * 50 or 50%). Problems name the row and column like the ledger's, and what the column expects: the profit share is
 * a share, a percentage or a fraction (the key's weights, src/partnership.ts), not a euro amount ("geen aandeel;
 * verwacht een aandeel zoals 60% of 0,6"); capital, hidden reserves and the investments are euro amounts.
 */
export function readPartners(
  headers: readonly unknown[],
  rows: readonly (readonly Cell[])[],
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): GridRead<Record<string, unknown>> {
  const m = mapPartnerHeaders(headers).mapping;
  const signs = new Map<Record<string, unknown>, boolean>();
  const read = readRows(rows, m, PARTNER_HEADERS, place, (get, problem) => {
    const name = get("name");
    if (isEmpty(name) || isErr(name)) {
      problem("name", "naam ontbreekt");
      return undefined;
    }
    const p: Record<string, unknown> = { name: cellText(name).trim() };
    const lf = get("legalForm");
    if (!isEmpty(lf) && !isErr(lf)) p.legalForm = cellText(lf).trim();
    for (const f of ["profit", "capital", "reserves", "outsideInvestments", "ownAssetsInPartnership"]) {
      const c = get(f);
      if (isEmpty(c) || isErr(c)) continue;
      if (f === "profit") {
        const r = shareOf(c!);
        if (isAmountProblem(r)) problem(f, `${SHARE_REASONS[r.problem] ?? "geen aandeel"}; verwacht een aandeel zoals 60% of 0,6`);
        else {
          p[f] = plain(r);
          signs.set(p, typeof c === "string" && /%\s*$/.test(c));
        }
        continue;
      }
      if ((f === "capital" || f === "reserves") && typeof c === "number") {
        // A key from a formula such as =1/3 has more decimals than an amount may have: read it as a proportion.
        const w = excelProportion(c);
        if (isAmountProblem(w)) problem(f, `${w.reason}; verwacht een bedrag zoals 1.234,56`);
        else p[f] = plain(w);
        continue;
      }
      const text = typeof c === "string" ? c.replace(/%\s*$/, "") : c;
      const v = amountCell(text as Cell, "amount", (_f, msg) => problem(f, msg), false);
      if (v !== undefined) p[f] = v;
    }
    return p;
  });
  // the profit shares in one scale (sharesInOneScale): fractions as percentages, two scales refused
  const withShare = read.items.map((p, i) => ({ p, row: read.rows[i] })).filter((x) => typeof x.p.profit === "string");
  if (withShare.length) {
    const scale = sharesInOneScale(
      withShare.map(({ p }) => ({ value: new Decimal(p.profit as string), percentSign: signs.get(p) ?? false, name: String(p.name) })),
    );
    if ("problem" in scale) {
      const column = m.profit ?? 0;
      for (const { p, row } of withShare) {
        const r = read.rows.indexOf(row);
        read.items.splice(r, 1);
        read.rows.splice(r, 1);
        const cell = rows[row - place.firstRow]?.[column];
        read.problems.push({
          row,
          column,
          columnLetter: columnLetter(place.firstColumn + column),
          field: "row",
          value: showValue(cellText(cell), 60),
          text: shortText(cellText(cell)),
          message: `${PARTNER_HEADERS.profit[0].toLowerCase()} van ${String(p.name)}: ${scale.problem}`,
        });
      }
      read.problems.sort((a, b) => a.row - b.row);
    } else {
      withShare.forEach(({ p }, i) => (p.profit = plain(scale.percents[i])));
      if ("warning" in scale) read.warnings = [{ row: withShare[0].row, message: scale.warning }];
    }
  }
  return read;
}

/** Rows of a disposals table as scenario disposals. */
export function readDisposals(
  headers: readonly unknown[],
  rows: readonly (readonly Cell[])[],
  place: LedgerPlace = { firstRow: 2, firstColumn: 0 },
): GridRead<Record<string, unknown>> {
  const m = mapDisposalHeaders(headers).mapping;
  return readRows(rows, m, DISPOSAL_HEADERS, place, (get, problem, sheetRow) => {
    const d: Record<string, unknown> = {};
    const id = get("id");
    d.id = isEmpty(id) || isErr(id) ? `rij ${sheetRow}` : cellText(id).trim();
    const desc = get("description");
    if (!isEmpty(desc) && !isErr(desc)) d.description = cellText(desc);
    const price = amountCell(get("price") as Cell, "amount", (_f, msg) => problem("price", msg), true);
    if (price !== undefined) d.price = price;
    const link = get("investment");
    if (!isEmpty(link) && !isErr(link)) {
      d.investment = cellText(link).trim();
      return d;
    }
    // a reference to an earlier year's register, with nothing typed beside it: the reader fills it (read.ts)
    const ref = get("register");
    if (!isEmpty(ref) && !isErr(ref) && ["investmentYear", "investmentAmount", "investmentYearTotal"].every((f) => isEmpty(get(f)))) {
      d.register = cellText(ref).trim();
      return d;
    }
    const y = get("investmentYear");
    const yn = typeof y === "number" ? y : Number(cellText(y).trim());
    const year = Number.isInteger(yn) && yn >= 1900 && yn <= 2200 ? yn : undefined;
    if (year === undefined) problem("investmentYear", "verwacht een jaartal, zoals 2022");
    else d.investmentYear = year;
    const missing: string[] = [];
    for (const f of ["investmentAmount", "investmentYearTotal"]) {
      // a sale of an earlier year's asset without its figures: one message for the row (below), not one per column
      if (year !== undefined && isEmpty(get(f))) {
        missing.push(f);
        continue;
      }
      const v = amountCell(get(f) as Cell, "amount", (_f, msg) => problem(f, msg), true);
      if (v !== undefined) d[f] = v;
    }
    if (missing.length) {
      const at = missing.find((f) => m[f] !== undefined) ?? "investmentYear";
      problem(at, year === place.year ? thisYearUnlinked(year!) : earlierYearMissing(year!, missing), true, d);
    }
    return d;
  });
}

/**
 * Why a sale of an asset of an earlier year is left out when its investment amount or that year's total is missing
 * (art. 3.47 lid 1 needs both: the addition is the KIA of that year in proportion to the amount), and how to complete
 * it: the columns, or the asset's number in that year's register with that year's report read (step 4, kia-calc --eerder).
 */
function earlierYearMissing(year: number, missing: readonly string[]): string {
  const names = missing.map((f) => DISPOSAL_HEADERS[f][0]);
  const list = names.map((n) => n.toLowerCase()).join(" en ");
  return (
    `verkoop van een bedrijfsmiddel uit ${year}: ${list} ${missing.length > 1 ? "ontbreken" : "ontbreekt"} (art. 3.47 rekent met het investeringsbedrag en het totaal van de investeringen van ${year}); ` +
    `vul ${names.length > 1 ? "de kolommen" : "de kolom"} ${names.map((n) => `"${n}"`).join(" en ")} in, of zet in een kolom "${DISPOSAL_HEADERS.register[0]}" het nummer uit het register van ${year} (zoals ${year}:M3) ` +
    `en ${earlierReportAdvice(year)}`
  );
}

/**
 * Why a sale of an asset bought in the tax year itself is left out when it names no investment: such an asset is one
 * of this year's investments (art. 3.47: sold in the year it was bought, its price counts against that investment),
 * so the row names the ledger row, not an amount or a register.
 */
function thisYearUnlinked(year: number): string {
  return (
    `verkoop van een bedrijfsmiddel uit ${year}, het jaar van deze staat: zet in een kolom "${DISPOSAL_HEADERS.investment[0]}" ` +
    `het nummer van die investering in de staat (het investeringsbedrag en het totaal van ${year} komen dan uit de staat zelf)`
  );
}

/** The row's first filled cell among the columns a list reads (range columns, 0-based); none for an empty row. */
function filledColumn(row: readonly Cell[], cols: readonly number[]): number | undefined {
  return [...cols].sort((a, b) => a - b).find((c) => !isEmpty(row[c]));
}

function readRows(
  rows: readonly (readonly Cell[])[],
  m: Partial<Record<string, number>>,
  names: Record<string, readonly string[]>,
  place: LedgerPlace,
  one: (
    get: (f: string) => Cell | undefined,
    problem: (f: string, message: string, whole?: boolean, incomplete?: Record<string, unknown>) => void,
    sheetRow: number,
  ) => Record<string, unknown> | undefined,
): GridRead<Record<string, unknown>> {
  const out: GridRead<Record<string, unknown>> = { items: [], rows: [], problems: [] };
  const cols = Object.values(m) as number[];
  rows.forEach((row, r) => {
    if (cols.every((c) => isEmpty(row[c]))) return;
    const sheetRow = place.firstRow + r;
    const problems: LedgerProblem[] = [];
    const get = (f: string) => (m[f] === undefined ? undefined : row[m[f]!]);
    /**
     * A problem at the field's cell. The value shown is that of the field's own cell, never of another column's.
     * `whole`: the message is about the row, not this cell's text. A field the list has no column for points at the
     * row (its first filled cell the list reads) and says which column is missing, never at a column that holds
     * something else. `incomplete`: the row as read, when it misses facts rather than holds a cell not read.
     */
    const problem = (f: string, message: string, whole = false, incomplete?: Record<string, unknown>) => {
      const has = m[f] !== undefined;
      const column = has ? m[f]! : (filledColumn(row, cols) ?? 0);
      const own = has && !whole;
      const what = has ? message : `de lijst heeft geen kolom "${names[f][0]}"; ${message}`;
      problems.push({
        row: sheetRow,
        column,
        columnLetter: columnLetter(place.firstColumn + column),
        field: "row",
        value: own ? showValue(cellText(row[column]), 60) : "",
        text: own ? shortText(cellText(row[column])) : "",
        message: whole ? what : `${names[f][0].toLowerCase()}: ${what}`,
        ...(incomplete ? { incomplete } : {}),
      });
    };
    const item = one(get, problem, sheetRow);
    if (problems.length || !item) out.problems.push(...problems);
    else {
      out.items.push(item);
      out.rows.push(sheetRow);
    }
  });
  return out;
}
