/**
 * The law as data: loads the JSON files next to this module and gives the rest of the core typed, Decimal-valued
 * access. Nothing here computes a KIA. Their schema is checked by test/law.test.ts (lawDataErrors in ./schema), so
 * a misplaced key fails CI; the files are bundled at build time and cannot change after it, so the pages, the
 * functions and the CLI do not carry the checker.
 */
import { Decimal } from "../decimal";
import { NoTableError } from "../errors";
import categoriesJson from "./categories.json";
import referencesJson from "./references.json";
import rulesJson from "./rules.json";
import tablesJson from "./kia-tables.json";
import type {
  Band,
  CategoriesData,
  CategoryData,
  CategoryRuleData,
  HeadingData,
  HeadingsData,
  LegalRef,
  ReferencesData,
  RulesData,
  TablesData,
  YearTable,
} from "./types";

export * from "./types";

const tablesData = tablesJson as unknown as TablesData;
const referencesData = referencesJson as unknown as ReferencesData;
const categoriesData = categoriesJson as unknown as CategoriesData;
export const rules = rulesJson as unknown as RulesData;

/** The JSON files as they are bundled, for the schema check (lawDataErrors in ./schema, run by test/law.test.ts). */
export function rawLawData() {
  return { tables: tablesData, references: referencesData, categories: categoriesData, rules };
}

export function rawTablesData(): TablesData {
  return tablesData;
}

const dec = (n: number | null | undefined): Decimal | null => (n === null || n === undefined ? null : new Decimal(n));

function buildYear(year: number): YearTable | null {
  const entry = tablesData.years[String(year)];
  if (!entry || entry.status !== "established" || !entry.bands) return null;
  const bands: Band[] = entry.bands.map((b, index) => ({
    index,
    kind: b.kind,
    over: dec(b.over),
    upTo: dec(b.upTo),
    rate: b.percent !== undefined ? new Decimal(b.percent).div(100) : undefined,
    fixed: dec(b.fixed) ?? undefined,
    phaseoutRate: b.phaseoutPercent !== undefined ? new Decimal(b.phaseoutPercent).div(100) : undefined,
    phaseoutFrom: dec(b.phaseoutFrom) ?? undefined,
    data: b,
  }));
  const t = entry.disinvestmentThreshold;
  return {
    year,
    confidence: entry.confidence,
    confidenceDetail: entry.confidenceDetail ?? "",
    bands,
    minAssetAmount: new Decimal(entry.minAssetAmount ?? 450),
    disinvestmentThreshold: t
      ? {
          amount: new Decimal(t.amount),
          confidence: t.confidence,
          basis: t.basis,
        }
      : null,
    sources: entry.sources ?? [],
    notes: entry.notes ?? "",
    contradictions: entry.contradictions ?? "",
  };
}

const yearCache = new Map<number, YearTable | null>();

/** The established years, ascending. */
export function establishedYears(): number[] {
  return Object.entries(tablesData.years)
    .filter(([, e]) => e.status === "established")
    .map(([y]) => Number(y))
    .sort((a, b) => a - b);
}

let dataVersion: string | undefined;

/**
 * The version of the law data (tables, rules, references, categories) as a report names it: the years it covers and
 * a fingerprint of its content (FNV-1a over the JSON), so two reports made with different data say so.
 */
export function lawDataVersion(): string {
  if (dataVersion) return dataVersion;
  const text = JSON.stringify([tablesJson, rulesJson, referencesJson, categoriesJson]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const years = establishedYears();
  return (dataVersion = `${years[0]}–${years[years.length - 1]}, kenmerk ${h.toString(16).padStart(8, "0")}`);
}

/**
 * The table of a year. A year without an established table throws NoTableError ("Geen KIA-tabel voor
 * 2027"), never a silent fallback to another year.
 */
/** "de add-in kent de jaren 2010–2026": the end of a "Geen KIA-tabel" message. */
export function knownYearsText(): string {
  const known = establishedYears();
  return `de add-in kent de jaren ${known[0]}–${known[known.length - 1]}`;
}

export function getYearTable(year: number, field = "year"): YearTable {
  let t = yearCache.get(year);
  if (t === undefined) {
    t = Number.isInteger(year) ? buildYear(year) : null;
    // Only plausible years are remembered: 1e308 or 2024.5 must not grow the cache.
    if (Number.isInteger(year) && year >= 1900 && year <= 2200) yearCache.set(year, t);
  }
  if (t === null) {
    const entry = Number.isInteger(year) ? tablesData.years[String(year)] : undefined;
    const known = establishedYears();
    const first = known[0];
    const last = known[known.length - 1];
    const range = `de add-in kent de jaren ${first}–${last}`;
    const detail = !Number.isInteger(year)
      ? range
      : year > last
        ? `de bedragen voor ${year} zijn nog niet in de add-in opgenomen; ${range}`
        : year < first
          ? `vóór ${first} gold een andere tabel, die de add-in niet kent; ${range}`
          : entry
            ? `de bedragen voor dit jaar zijn niet vastgesteld of niet gevonden; ${range}`
            : range;
    throw new NoTableError(field, year, detail);
  }
  return t;
}

// ---- the disinvestment window -----------------------------------------------------------------

/** Art. 3.47 lid 2: a disposal in `disposalYear` falls within the window (five years from the start of the investment year). */
export function inWindow(investmentYear: number, disposalYear: number): boolean {
  return disposalYear >= investmentYear && disposalYear - investmentYear < rules.disinvestment.windowYears;
}

/**
 * The table a disposal of an earlier year's investment needs: inside the window its addition is the investment
 * year's KIA percentage, so that year's table (art. 3.47, 3.51); outside it none (undefined). A table needed that the
 * law data does not have throws NoTableError naming `field` (the disposal's investmentYear) and why it is needed.
 */
export function disposalYearTable(investmentYear: number, disposalYear: number, field: string): YearTable | undefined {
  if (!inWindow(investmentYear, disposalYear)) return undefined;
  try {
    return getYearTable(investmentYear, field);
  } catch (e) {
    if (e instanceof NoTableError)
      throw new NoTableError(
        field,
        investmentYear,
        `deze vervreemding valt binnen vijf jaar na het investeringsjaar, dus de tabel van dat jaar is nodig; ${knownYearsText()}`,
      );
    throw e;
  }
}

// ---- legal references -------------------------------------------------------------------------

const refCache = new Map<string, LegalRef>();

/**
 * A deep link to an article of a law as it read on 1 January of a tax year: the Juriconnect (jci 1.3) form that
 * wetten.overheid.nl resolves, with zichtdatum and geldigheidsdatum.
 */
export function lawTextUrl(bwb: string, article: string, year: number): string {
  return `https://wetten.overheid.nl/jci1.3:c:${bwb}&artikel=${article}&z=${year}-01-01&g=${year}-01-01`;
}

/** A ruling by its ECLI, through the Rechtspraak's permanent deeplink service. */
export function rulingUrl(ecli: string): string {
  return `https://deeplink.rechtspraak.nl/uitspraak?id=${ecli}`;
}

function renderRef(key: string, v: ReferencesData["refs"][string]["versions"][number], year: number): LegalRef {
  const src = referencesData.sources[v.source];
  if (!src) throw new Error(`references.json: ${key} names unknown source ${v.source}`);
  let label: string;
  if (v.article) {
    label = `art. ${v.article}` + (v.lid ? ` lid ${v.lid}` : "") + (v.onderdeel ? ` onderdeel ${v.onderdeel}` : "") + ` ${src.short}`;
  } else if (v.paragraph) {
    label = `${src.short}, onderdeel ${v.paragraph}`;
  } else {
    label = v.case ?? src.short;
  }
  let url: string;
  if (src.kind === "wet" && v.article && src.bwb) url = lawTextUrl(src.bwb, v.article, year);
  else if (src.kind === "rechtspraak" && v.ecli) url = rulingUrl(v.ecli);
  else if (src.url) url = src.url;
  else throw new Error(`references.json: ${key} has no way to link to its text`);
  return {
    key,
    label,
    bwb: src.bwb,
    url,
    verified: v.verified !== false,
    note: v.note,
    text: v.text,
  };
}

/** The version of a legal reference that applies in a tax year. Throws when the data has no version for that year. */
export function ref(key: string, year: number): LegalRef {
  const cacheKey = key + "@" + year;
  let r = refCache.get(cacheKey);
  if (r) return r;
  const entry = referencesData.refs[key];
  if (!entry) throw new Error(`Unknown legal reference ${key}`);
  const v = entry.versions.find((x) => x.from <= year && (x.to === null || year <= x.to));
  if (!v) throw new NoTableError("year", year, `de wettelijke verwijzingen (${key}) hebben geen versie voor dit jaar`);
  r = renderRef(key, v, year);
  refCache.set(cacheKey, r);
  return r;
}

export function referenceKeys(): string[] {
  return Object.keys(referencesData.refs);
}

const labelIndexes = new Map<number, Map<string, LegalRef>>();

/** The legal reference whose label (as it reads in `year`) is `label`, or undefined (e.g. a user's own assessment). */
export function refByLabel(label: string, year: number): LegalRef | undefined {
  let index = labelIndexes.get(year);
  if (!index) {
    index = new Map();
    for (const key of referenceKeys()) {
      const entry = referencesData.refs[key];
      if (!entry.versions.some((x) => x.from <= year && (x.to === null || year <= x.to))) continue;
      const r = ref(key, year);
      if (!index.has(r.label)) index.set(r.label, r);
    }
    if (labelIndexes.size < 64) labelIndexes.set(year, index);
  }
  return index.get(label);
}

// ---- categories -------------------------------------------------------------------------------

const categoryIndex = new Map<string, CategoryData>();
for (const c of categoriesData.categories) {
  for (const name of [c.code, c.label, c.labelEn, ...c.aliases]) {
    const k = name.trim().toLowerCase();
    const existing = categoryIndex.get(k);
    if (existing && existing !== c) throw new Error(`categories.json: "${name}" names both ${existing.code} and ${c.code}`);
    categoryIndex.set(k, c);
  }
}

const exactIndex = new Map<string, CategoryData | undefined>();

/** Find a category by code, Dutch label or English alias, or by a heading that names one category (findHeading), case-insensitively. */
export function findCategory(input: string): CategoryData | undefined {
  // A ledger repeats a handful of spellings thousands of times: remember each spelling seen.
  const seen = exactIndex.get(input);
  if (seen !== undefined || exactIndex.has(input)) return seen;
  // the heading's key once, for the category names and the headings alike
  const key = headingKey(input);
  let c = categoryIndex.get(input.trim().toLowerCase()) ?? categoryIndex.get(key);
  if (!c) {
    const h = headingIndex.get(key);
    if (h && "category" in h) c = h.category;
  }
  if (exactIndex.size < 10000 && input.length <= 100) exactIndex.set(input, c);
  return c;
}

// ---- headings: balance-sheet headings, bookkeeping exports' asset groups, RGS codes ------------------------

/** What a heading means: one category, or a question with its choices (an ambiguous heading such as "Vervoermiddelen"). */
export type HeadingMatch =
  { heading: HeadingData; category: CategoryData } | { heading: HeadingData; ask: { category: CategoryData; label: string }[]; question: string };

/**
 * A heading as the index keys it: lower case, spaces collapsed, a leading account number ("0210 Machines",
 * "0210 - Machines") left off; an RGS code of a lower level ("BMvaMeiVvpIna") as its rubriek (level 3, "bmvamei").
 */
export function headingKey(input: string): string {
  const t = input.trim();
  const rgs = /^(B[IM]va[A-Z][a-z]{2})(?:[A-Z][a-z]{2})*$/.exec(t);
  if (rgs) return rgs[1].toLowerCase();
  return t
    .replace(/^\d{3,6}\s*(?:[-–:.]\s*)?(?=\D)/, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

let headingsData: HeadingsData = { sources: [], entries: [], hints: [] };
const headingIndex = new Map<string, HeadingMatch>();
let hintPatterns: { category: string; words: RegExp[]; texts: readonly string[] }[] = [];

/**
 * Installs the headings vocabulary (src/law/headings.ts, from headings.json): the reader imports it, and the pane
 * loads it before it reads a ledger (it is not in the pane's first download). Checked like the other law data: a
 * heading that names an unknown category, or a name that is also another category's, stops the load.
 */
export function installHeadings(data: HeadingsData): void {
  if (headingsData.entries.length) return;
  const categoryByCode = new Map(categoriesData.categories.map((c) => [c.code, c] as const));
  for (const h of data.entries) {
    const cat = (code: string) => {
      const c = categoryByCode.get(code);
      if (!c) throw new Error(`headings.json: heading "${h.names[0]}" names category ${code}, which does not exist`);
      return c;
    };
    if (!h.category && !(h.ask && h.question)) throw new Error(`headings.json: heading "${h.names[0]}" has neither a category nor a question with choices`);
    const match: HeadingMatch = h.category
      ? { heading: h, category: cat(h.category) }
      : { heading: h, ask: (h.ask ?? []).map((a) => ({ category: cat(a.category), label: a.label ?? cat(a.category).label })), question: h.question ?? "" };
    for (const name of [...h.names, ...(h.rgs ?? [])]) {
      const k = headingKey(name);
      const named = categoryIndex.get(k);
      if (named && named.code === h.category) continue; // the category's own label or alias, listed with its heading
      if (named || headingIndex.has(k)) throw new Error(`headings.json: heading "${name}" is also ${named ? `category ${named.code}` : "another heading"}`);
      headingIndex.set(k, match);
    }
  }
  for (const hint of data.hints) if (!categoryByCode.has(hint.category)) throw new Error(`headings.json: hint for unknown category ${hint.category}`);
  hintPatterns = data.hints.map((h) => ({
    category: h.category,
    words: h.words.map((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "iu")),
    texts: h.words,
  }));
  headingsData = data;
  exactIndex.clear();
}

/** What a heading ("Vervoermiddelen", "BMvaTev", "0210 Machines en installaties") means, or undefined. */
export function findHeading(input: string): HeadingMatch | undefined {
  return headingIndex.get(headingKey(input));
}

/** The headings vocabulary with its sources (docs/categories.md). */
export function allHeadings(): HeadingsData {
  return headingsData;
}

/**
 * The category a row's description suggests among `choices` ("VW Golf 1.5 TSI" -> personenauto, "Bestelbus Ford
 * Transit" -> bestelauto, "Taxi Toyota Prius" -> taxi): the first hint, in the order of categories.json headings.hints
 * (the more specific first), with a word in the description; undefined when none.
 */
export function suggestCategoryFromText(description: string, choices: readonly string[]): string | undefined {
  for (const h of hintPatterns) if (choices.includes(h.category) && h.words.some((w) => w.test(description))) return h.category;
  return undefined;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), stopping above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The category a misspelt name most likely means ("machne" -> machine), for "bedoelt u …?": the closest code,
 * label or alias within about one typo per four letters; undefined when nothing is that close.
 */
export function suggestCategory(input: string): CategoryData | undefined {
  const k = input.trim().toLowerCase();
  if (k.length < 3 || k.length > 60) return undefined;
  const max = Math.max(1, Math.floor(k.length / 4));
  let best: CategoryData | undefined;
  let bestD = max + 1;
  for (const [name, c] of categoryIndex) {
    const d = editDistance(k, name, Math.min(max, bestD));
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * The end of an "unknown category" message: a suggestion, or examples of valid codes. Looking for a suggestion
 * costs tens of microseconds; a reader of a large sheet asks for one only for the first distinct misspellings
 * (`suggest` false: the examples only).
 */
export function unknownCategoryHint(input: string, suggest = true): string {
  const s = suggest ? suggestCategory(input) : undefined;
  if (s) return `bedoelt u "${s.code}" (${s.label.toLowerCase()})?`;
  // a word of headings.json's hints ("aanhangwagen" -> overig): no category of its own, the one to choose named
  const h = suggest ? hintOf(input) : undefined;
  if (h) return `geen eigen categorie voor ${h.word}: kies "${h.category.code}" (${h.category.label.toLowerCase()})`;
  return "gebruik een categorie zoals machine, inventaris, computer, software, gereedschap, bestelauto, verbouwing of overig";
}

/** The first hint of headings.json whose word is in `input` (as suggestCategoryFromText finds it), with that word. */
function hintOf(input: string): { word: string; category: CategoryData } | undefined {
  const k = input.trim();
  if (k.length > 60) return undefined;
  for (const h of hintPatterns) {
    const i = h.words.findIndex((w) => w.test(k));
    if (i < 0) continue;
    const category = categoriesData.categories.find((c) => c.code === h.category);
    if (category) return { word: h.texts[i], category };
  }
  return undefined;
}

/** How many distinct unknown categories of one ledger get a "bedoelt u …?" suggestion (categoryHints). */
const MAX_SUGGESTIONS = 100;

/**
 * unknownCategoryHint for the rows of one ledger: each distinct text looked at once, a suggestion for the first
 * MAX_SUGGESTIONS distinct ones and the examples for the rest, so a sheet of thousands of misspellings stays as
 * fast as a good one.
 */
export function categoryHints(): (input: string) => string {
  const later = categoryHintsLater();
  return (input) => later(input)();
}

/**
 * categoryHints with each hint made when it is first read: which texts get a suggestion is settled as they are asked
 * (the first MAX_SUGGESTIONS distinct ones), the search for it waits (validateRows: a message nobody reads costs no
 * search).
 */
export function categoryHintsLater(): (input: string) => () => string {
  const hints = new Map<string, () => string>();
  return (input) => {
    let hint = hints.get(input);
    if (hint === undefined) {
      const suggest = hints.size < MAX_SUGGESTIONS;
      let text: string | undefined;
      hint = () => (text ??= unknownCategoryHint(input, suggest));
      if (hints.size < 10000) hints.set(input, hint);
    }
    return hint;
  };
}

export function allCategories(): readonly CategoryData[] {
  return categoriesData.categories;
}

/** The rule of a category for a tax year, or undefined when the catalogue has none for that year. */
export function categoryRule(category: CategoryData, year: number): CategoryRuleData | undefined {
  return category.rules.find((r) => r.from <= year && (r.to === null || year <= r.to));
}
