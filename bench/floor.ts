/**
 * The floors of the benchmarks: the same rows through a plain-JavaScript loop, measured in the same run as the
 * figure beside them, so a figure reads as a ratio to what this machine does with the least possible work.
 * Absolute times differ three-fold between machines of the same kind; the ratios do not.
 *
 * A floor is not a correct KIA (floats, no groups, no partners, no validation): it is the work no implementation
 * can skip. For a row: look the category up, read the amount as a number, build a result object, add it to the
 * sum; then the table on the total. Not for production.
 */
import { cpus, loadavg } from "os";
import { allCategories, establishedYears, rawTablesData } from "../src/law";

/** The year tables with JS numbers: a band's upper bound, kind, percentages as fractions. */
const plainTables = new Map(
  establishedYears().map((y) => [
    y,
    rawTablesData().years[String(y)].bands!.map((b) => ({ ...b, p: b.percent ? Number(b.percent) / 100 : 0, q: b.phaseoutPercent ? Number(b.phaseoutPercent) / 100 : 0 })),
  ]),
);

/** The KIA of a total from the table with floats (rounded up to euros, as the law does). */
export function plainKia(total: number, year: number): number {
  const bands = plainTables.get(year)!;
  for (const b of bands) {
    if (b.upTo === null || total <= b.upTo) {
      if (b.kind === "percentage") return Math.ceil(total * b.p);
      if (b.kind === "fixed") return b.fixed!;
      if (b.kind === "phase-out") return Math.ceil(b.fixed! - (total - b.phaseoutFrom!) * b.q);
      return 0;
    }
  }
  return 0;
}

/** Category label, code or alias (lower case) to whether it is eligible in `year`. */
function plainCategories(year: number): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const c of allCategories()) {
    const rule = c.rules.find((r) => r.from <= year && (r.to === null || year <= r.to));
    for (const k of [c.code, c.label, c.labelEn, ...c.aliases]) m.set(k.toLowerCase(), rule?.eligible ?? false);
  }
  return m;
}

/** evaluate()'s floor: per investment the category looked up, the amount as a number, a result object, the sum. */
export function floorEvaluate(scenario: { year: number; investments: { id: string; category: string; amount: string }[] }): number {
  const cats = plainCategories(scenario.year);
  const rows: FloorRow[] = new Array(scenario.investments.length);
  const total = floorRows(scenario.investments, cats, rows);
  const kia = plainKia(total, scenario.year);
  if (total > 0) floorAttribute(rows, kia, total);
  return kia + rows.length;
}

interface FloorRow {
  id: string;
  eligible: boolean;
  amount: number;
  counted: number;
  kia: number;
}

/**
 * The floor's two passes over the rows, each a function of its own, as evaluate()'s passes are: in one function, the
 * second loop had no type feedback when the first was compiled on the stack (OSR), and on Node 24 the floor then
 * went back and forth between its compiled and its interpreted code (--trace-deopt: "Insufficient type feedback"):
 * 15 ms in one process, 83 ms in the next, for the same rows. A row's `kia` starts as NaN (not attributed
 * yet): a number that is no small integer, as the second pass writes it, so that write keeps the objects' layout.
 */
function floorRows(investments: readonly { id: string; category: string; amount: string }[], cats: Map<string, boolean>, rows: FloorRow[]): number {
  let total = 0;
  for (let i = 0; i < investments.length; i++) {
    const inv = investments[i];
    const eligible = cats.get(inv.category.toLowerCase()) === true;
    const amount = Number(inv.amount);
    const counted = eligible && amount >= 450 ? amount : 0;
    rows[i] = { id: inv.id, eligible, amount, counted, kia: NaN };
    total += counted;
  }
  return total;
}

function floorAttribute(rows: FloorRow[], kia: number, total: number): void {
  for (let i = 0; i < rows.length; i++) rows[i].kia = (rows[i].counted * kia) / total;
}

/**
 * validateRows()'s floor: per row the id read, the category looked up, the amount read as a number and checked, and
 * either a kept row or a refused one (index, field, reason) made. No groups, no partners, no messages worth reading.
 */
export function floorValidate(scenario: { year: number; investments: Record<string, unknown>[] }): number {
  const cats = plainCategories(scenario.year);
  const kept: { id: string; eligible: boolean; amount: number }[] = [];
  const refused: { index: number; field: string; reason: string }[] = [];
  const rows = scenario.investments;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const id = r.id;
    const category = typeof r.category === "string" ? cats.get(r.category.toLowerCase()) : undefined;
    const amount = typeof r.amount === "number" ? r.amount : typeof r.amount === "string" ? Number(r.amount) : NaN;
    if (typeof id !== "string" || id === "") refused.push({ index: i, field: "id", reason: "geen id" });
    else if (category === undefined) refused.push({ index: i, field: "category", reason: "onbekende categorie" });
    else if (!(amount >= 0)) refused.push({ index: i, field: "amount", reason: "geen bedrag" });
    else kept.push({ id, eligible: category, amount });
  }
  return kept.length + refused.length;
}

/**
 * KIA.STAAT's floor: the same two columns (Excel's 2-D arrays, amounts as numbers or Dutch text such as
 * "€ 1.234,50") read as plain numbers, one [eligible, counted, KIA] row each.
 */
export function floorLedger(categories: unknown[][], amounts: unknown[][], year: number): unknown[][] {
  const cats = plainCategories(year);
  const out: unknown[][] = new Array(categories.length);
  let total = 0;
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i][0];
    const a = amounts[i][0];
    const eligible = typeof c === "string" && cats.get(c.toLowerCase()) === true;
    const amount = typeof a === "number" ? a : typeof a === "string" ? Number(a.replace(/^€\s*/, "").replace(/\./g, "").replace(",", ".")) : NaN;
    const counted = eligible && amount >= 450 ? amount : 0;
    out[i] = [eligible, counted, 0];
    total += counted;
  }
  const kia = plainKia(total, year);
  if (total > 0) for (const r of out) r[2] = ((r[1] as number) * kia) / total;
  return out;
}

/** The machine, for the heading and the end of a run: cores, model, load average (1, 5, 15 minutes). */
export function machine(): string {
  const [l1, l5, l15] = loadavg();
  return `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`;
}

/** A time as a ratio to its floor: "3.1x floor (target <= 4x: met)", or without a target "3.1x floor". */
export function ratio(figure: number, floor: number, target?: number): string {
  const r = figure / floor;
  return `${r.toFixed(1)}x floor` + (target === undefined ? "" : ` (target <= ${target}x: ${r <= target ? "met" : "NOT met"})`);
}
