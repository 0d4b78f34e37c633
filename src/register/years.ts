/**
 * A client over the years: this year's scenario with what earlier years' registers (./read.ts) hand on.
 *  - earlierYears(year, files): the register used per earlier year, and in plain Dutch what is not right: two files
 *    for one year that differ, a year missing, a register of another version, a register of this year or later;
 *  - carriedInFor(earlier, evidence): the KIA of earlier years still open under art. 3.44, as the scenario's
 *    carriedIn, with this year's payments and use of each asset from this year's ledger (a row with its number dated
 *    in its investment year) or from the user's tick;
 *  - disposalCandidates(earlier) and disposalFrom(candidate, …): the assets of the five earlier years to pick a
 *    disposal from (art. 3.47 lid 2), filled with the investment year, the amount, that year's total and the partners'
 *    own percentages, cited to the file;
 *  - settleQuestions(open, earlier, otherYears): a ledger row dated in an earlier year whose number is an investment in
 *    that year's register is that year's investment: its question ("telt mee in dit jaar?") is answered "no".
 * Pure data: no Office, DOM or Node. Money as exact decimal strings and decimal.js.
 */
import { Decimal } from "../decimal";
import { rules } from "../law";
import type { ScenarioCarriedYear, ScenarioDisposal } from "../scenario";
import type { OpenQuestion } from "../workbook/questions";
import type { FromRegister, WorkbookRead } from "../workbook/read";
import { validateCarriedIn } from "../scenario";
import { questionKey } from "../workbook/questions";
import type { Register, RegisterOpenYear } from "./format";
import { withEvidence, type CarriedEvidence, type OtherYearRow } from "./evidence";
import type { RegisterProblem, RegisterRead } from "./read";

/** The registers found in one file (readRegisters), with the file's name for the messages and citations. */
export interface EarlierFile {
  file: string;
  read: RegisterRead;
}

export interface UsedRegister {
  year: number;
  file: string;
  table: string;
  register: Register;
}

export interface EarlierMessage {
  kind: "two-files" | "missing-year" | "not-earlier" | RegisterProblem["kind"];
  year?: number;
  /** Dutch, naming the file(s) */
  text: string;
}

export interface EarlierYears {
  year: number;
  /** the register used per earlier year, oldest first */
  used: UsedRegister[];
  messages: EarlierMessage[];
  /** the parts of earlier years open at the start of this year: the open parts of last year's register */
  open?: { register: UsedRegister; years: RegisterOpenYear[] };
}

/** "KIA_REGISTER_2024 in 2024.xlsx" */
export const citation = (u: { table: string; file: string }): string => `${u.table} in ${u.file}`;

/** Two registers of one year that say the same (the same file saved twice, a copy of last year's file): one is used. */
function same(a: Register, b: Register): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The registers of the earlier years among `files`, one per year, and what is not right, for `year`. */
export function earlierYears(year: number, files: readonly EarlierFile[]): EarlierYears {
  const messages: EarlierMessage[] = [];
  const byYear = new Map<number, UsedRegister[]>();
  const window = rules.disinvestment.windowYears;
  for (const f of files) {
    for (const p of f.read.problems) messages.push({ kind: p.kind, ...(p.year !== undefined ? { year: p.year } : {}), text: `${f.file}: ${p.text}` });
    for (const r of f.read.registers) {
      const y = r.register.year;
      if (y >= year) {
        messages.push({
          kind: "not-earlier",
          year: y,
          text: `${f.file}: het register van ${y} (${r.table}) is niet van een eerder jaar dan ${year} en is niet gebruikt`,
        });
        continue;
      }
      const list = byYear.get(y) ?? [];
      if (!list.some((u) => same(u.register, r.register))) list.push({ year: y, file: f.file, table: r.table, register: r.register });
      byYear.set(y, list);
    }
  }
  const used: UsedRegister[] = [];
  for (const [y, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    if (list.length === 1) used.push(list[0]);
    else
      messages.push({
        kind: "two-files",
        year: y,
        text: `${list.length === 2 ? "Twee" : list.length} bestanden hebben een ander register van ${y}: ${list.map((u) => u.file).join(" en ")}. Geen ervan is gebruikt; geef het bestand van ${y} één keer op.`,
      });
  }
  // Missing years: from the oldest register found (or five years back) to last year.
  const have = new Set(byYear.keys());
  const oldest = used.length ? Math.min(...used.map((u) => u.year)) : undefined;
  if (oldest !== undefined)
    for (let y = Math.max(oldest, year - window + 1); y < year; y++)
      if (!have.has(y))
        messages.push({
          kind: "missing-year",
          year: y,
          text:
            y === year - 1
              ? `Geen register van ${y}: de KIA die naar ${year} doorschoof en de investeringen van ${y} zijn niet bekend; geef ook het bestand van ${y} op.`
              : `Geen register van ${y}: bij een vervreemding van een investering uit ${y} vult u het investeringsjaar, het bedrag en het totaal van ${y} zelf in.`,
        });
  const last = used.find((u) => u.year === year - 1);
  const out: EarlierYears = { year, used, messages };
  if (last) out.open = { register: last, years: last.register.open };
  else {
    // An older register with open parts, without last year's: those parts may have been deducted last year.
    const before = [...used].reverse().find((u) => u.register.open.length);
    if (before)
      messages.push({
        kind: "missing-year",
        year: year - 1,
        text: `De KIA die in ${before.year} openstond (${citation(before)}) is niet meegenomen: het register van ${year - 1} ontbreekt, en in ${year - 1} kan een deel al zijn afgetrokken.`,
      });
  }
  return out;
}

/** The open parts of earlier years at the start of this year, as last year's register hands them on. */
export function openParts(earlier: EarlierYears): ScenarioCarriedYear[] {
  if (!earlier.open) return [];
  const source = citation(earlier.open.register);
  return earlier.open.years
    .filter((y) => y.assets.length)
    .map((y) => ({
      year: y.year,
      open: y.open,
      source,
      ...(y.partners.length ? { partners: y.partners.map((p) => ({ name: p.name, open: p.open })) } : {}),
      assets: y.assets.map((a) => ({
        asset: a.asset,
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.amount !== undefined ? { amount: a.amount } : {}),
        open: a.open,
        paidBefore: a.paid,
        ...(a.partners.length ? { partners: a.partners.map((p) => ({ name: p.name, open: p.open, share: p.share })) } : {}),
      })),
    }));
}

/** The scenario's carriedIn: the open parts of earlier years, with this year's payments and use. */
export function carriedInFor(earlier: EarlierYears, evidence: CarriedEvidence = {}): ScenarioCarriedYear[] {
  return withEvidence(openParts(earlier), evidence);
}

/** An asset of an earlier year a disposal can be picked from. */
export interface DisposalCandidate {
  /** the investment year */
  year: number;
  /** the asset: its number, or its group's name (a group is one asset, besluit 2.2) */
  asset: string;
  ids: string[];
  description?: string;
  date?: string;
  /** what art. 3.47 lid 2 caps the disposal at: the asset's deduction amount (a group's rows together) */
  amount: string;
  /** that year's total and KIA percentage (the table's KIA / the total) */
  yearTotal: string;
  rate: string;
  /** partners whose percentage differed from the partnership's: their own (his KIA / his part) */
  partnerRates: { name: string; rate: string }[];
  file: string;
  table: string;
  /** a later register's disposal of this asset, when there is one */
  disposedIn?: number;
}

/** The assets of the five earlier years that counted (had KIA), to pick a disposal from. */
export function disposalCandidates(earlier: EarlierYears): DisposalCandidate[] {
  const window = rules.disinvestment.windowYears;
  const disposed = new Map<string, number>();
  for (const u of earlier.used) for (const d of u.register.disposals) disposed.set(`${d.investmentYear}:${d.investment ?? d.id}`, u.year);
  const out: DisposalCandidate[] = [];
  for (const u of earlier.used) {
    if (earlier.year - u.year >= window) continue;
    const r = u.register;
    const partnerRates = r.partners.filter((p) => p.method !== "share").map((p) => ({ name: p.name, rate: p.rate }));
    const groups = new Map<string, DisposalCandidate>();
    for (const a of r.assets) {
      if (!a.counted) continue;
      const key = a.group ?? a.id;
      const c = groups.get(a.group === undefined ? `#${a.id}` : `g:${a.group}`);
      if (c) {
        c.ids.push(a.id);
        c.amount = new Decimal(c.amount).plus(a.deductionAmount).toFixed();
        continue;
      }
      const cand: DisposalCandidate = {
        year: r.year,
        asset: key,
        ids: [a.id],
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.date !== undefined ? { date: a.date } : {}),
        amount: a.deductionAmount,
        yearTotal: r.total,
        rate: r.rate,
        partnerRates,
        file: u.file,
        table: u.table,
      };
      const when = disposed.get(`${r.year}:${key}`);
      if (when !== undefined) cand.disposedIn = when;
      groups.set(a.group === undefined ? `#${a.id}` : `g:${a.group}`, cand);
    }
    out.push(...groups.values());
  }
  return out;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The candidates whose number, group or description holds `query` (case and accents ignored); all for an empty query. */
export function searchCandidates(list: readonly DisposalCandidate[], query: string): DisposalCandidate[] {
  const q = fold(query.trim());
  if (!q) return [...list];
  return list.filter((c) => [c.asset, ...c.ids, c.description ?? ""].some((t) => fold(t).includes(q)));
}

/** "KIA_REGISTER_2023 in 2023.xlsx: M3 (Bestelbus)": where a disposal's figures come from. */
export function candidateSource(c: DisposalCandidate): string {
  return `${c.table} in ${c.file}: ${c.asset}${c.description ? ` (${c.description})` : ""}`;
}

/**
 * A disposal of a candidate: the investment year, the amount (its deduction amount), that year's total and, in a
 * partnership, the percentages of the partners `partners` names whose percentage differed; cited to the register.
 */
export function disposalFrom(c: DisposalCandidate, d: { id?: string; price: string; description?: string }, partners?: readonly string[]): ScenarioDisposal {
  const rates = c.partnerRates.filter((p) => !partners || partners.includes(p.name));
  return {
    id: d.id ?? c.asset,
    description: d.description ?? c.description ?? c.asset,
    price: d.price,
    investmentYear: c.year,
    investmentAmount: c.amount,
    investmentYearTotal: c.yearTotal,
    ...(rates.length ? { partnerRates: Object.fromEntries(rates.map((p) => [p.name, p.rate])) } : {}),
    source: candidateSource(c),
  };
}

/**
 * The open questions of rows dated in an earlier year whose number is an investment in that year's register: they are
 * that year's investments (art. 3.43), so they do not count this year. Returns the questions still open and the
 * answers given here (choice "skip", with the register as the note).
 */
export function settleQuestions(
  open: readonly OpenQuestion[],
  earlier: EarlierYears,
  otherYears: readonly OtherYearRow[],
): { open: OpenQuestion[]; answered: { question: OpenQuestion; choice: string; note: string }[] } {
  const stillOpen: OpenQuestion[] = [];
  const answered: { question: OpenQuestion; choice: string; note: string }[] = [];
  const byRow = new Map(otherYears.map((r) => [`${r.sheet}!${r.row}`, r]));
  for (const q of open) {
    const row = q.kind === "year" ? byRow.get(`${q.sheet}!${q.row}`) : undefined;
    const date = row?.investment.date;
    const y = date ? Number(String(date).slice(0, 4)) : undefined;
    const u = y === undefined ? undefined : earlier.used.find((x) => x.year === y);
    const id = row ? String(row.investment.id) : undefined;
    const inRegister =
      u && id !== undefined && (u.register.assets.some((a) => a.id === id) || u.register.open.some((o) => o.assets.some((a) => a.asset === id)));
    if (u && inRegister) answered.push({ question: q, choice: "skip", note: `investering van ${y} (${citation(u)}), geen investering van ${earlier.year}` });
    else stillOpen.push(q);
  }
  return { open: stillOpen, answered };
}

export { questionKey };

/**
 * The reader's FromRegister (src/workbook/read.ts) over the earlier years: a disposal whose "Uit register" cell names
 * an asset ("2023:M3", or "M3" when one earlier year has it) gets that asset's figures and the citation; otherwise a
 * Dutch message says why not. `partners`: this year's partners' names (a partner's own percentage is kept for them).
 */
export function registerDisposal(earlier: EarlierYears, partners?: readonly string[]) {
  const list = disposalCandidates(earlier);
  return (
    ref: string,
    own: { id: string; description?: string; price: unknown },
    context?: { partners?: readonly string[] },
  ): Record<string, unknown> | string => {
    const names = context?.partners ?? partners;
    const m = /^\s*(\d{4})\s*[:/-]\s*(.+?)\s*$/.exec(ref);
    const year = m ? Number(m[1]) : undefined;
    const asset = (m ? m[2] : ref).trim();
    const hits = list.filter((c) => (year === undefined || c.year === year) && (c.asset === asset || c.ids.includes(asset)));
    const years = earlier.used.filter((u) => earlier.year - u.year < rules.disinvestment.windowYears).map((u) => u.year);
    if (!hits.length) {
      if (year !== undefined && !years.includes(year))
        return `geen register van ${year} opgegeven (wel: ${years.length ? years.join(", ") : "geen"}); geef het bestand van ${year} op, of vul investeringsjaar, investeringsbedrag en totaal zelf in`;
      return `investering ${asset} staat niet als meetellende investering in ${year !== undefined ? `het register van ${year}` : `de registers van ${years.join(", ") || "eerdere jaren"}`}`;
    }
    if (hits.length > 1)
      return `investering ${asset} staat in de registers van ${hits.map((c) => c.year).join(" en ")}; schrijf het jaar erbij, zoals ${hits[0].year}:${asset}`;
    const c = hits[0];
    if (c.disposedIn !== undefined) return `investering ${asset} van ${c.year} is volgens het register van ${c.disposedIn} in ${c.disposedIn} al vervreemd`;
    const d: Record<string, unknown> = {
      ...disposalFrom(c, { id: own.id, price: String(own.price ?? ""), ...(own.description !== undefined ? { description: own.description } : {}) }, names),
    };
    if (own.price === undefined) delete d.price;
    else d.price = own.price;
    return d;
  };
}

/**
 * The reader's FromRegister for files whose year is found while reading: the earlier years are combined for the year
 * the reader found (`earlierYears` once per year).
 */
export function fromRegisters(files: readonly EarlierFile[]): FromRegister {
  const cache = new Map<number, EarlierYears>();
  return (ref, own, context) => {
    if (context.year === undefined) return "het belastingjaar is niet bekend, dus ook niet welk register eerder is";
    let e = cache.get(context.year);
    if (!e) cache.set(context.year, (e = earlierYears(context.year, files)));
    return registerDisposal(e)(ref, own, context);
  };
}

/** What the earlier years gave a workbook's reading: the registers used, the messages, the parts carried in. */
export interface EarlierApplied {
  earlier: EarlierYears;
  carriedIn: ScenarioCarriedYear[];
  /** questions answered by a register (a row of an earlier year's investment) */
  settled: { question: OpenQuestion; choice: string; note: string }[];
}

/**
 * A workbook's reading (readWorkbook) with the earlier years: rows of earlier years' investments no longer open
 * questions, and the open parts of earlier years' KIA in the scenario (and its validated form) as carriedIn. The read
 * is changed in place and returned with what was applied.
 */
export function applyEarlier<R extends Pick<WorkbookRead, "scenario" | "open" | "answered" | "otherYears" | "provisional" | "leftOut" | "normalized">>(
  read: R,
  earlier: EarlierYears,
  evidence: Omit<CarriedEvidence, "ledger"> = {},
): EarlierApplied {
  const s = settleQuestions(read.open, earlier, read.otherYears);
  read.open = s.open;
  read.answered = [...read.answered, ...s.answered];
  read.provisional = read.open.length > 0 || read.leftOut.length > 0;
  const carriedIn = carriedInFor(earlier, { ...evidence, ledger: read.otherYears });
  if (carriedIn.length) {
    (read.scenario as { carriedIn?: ScenarioCarriedYear[] }).carriedIn = carriedIn;
    if (read.normalized && read.scenario.year !== undefined) read.normalized.carriedIn = validateCarriedIn(carriedIn, read.scenario.year);
  }
  return { earlier, carriedIn, settled: s.answered };
}
