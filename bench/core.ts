/**
 * Core benchmarks (figures printed, not asserted):
 *  - kia(total, year) calls per second (target >= 500.000/s) and the ratio to a plain-number
 *    implementation of the same table: our distance from the physical limit;
 *  - evaluate() on a 100.000-asset scenario with a partnership of 5 (target < 500 ms).
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { Decimal, kia, validateRows } from "../src";
import { benchScenario } from "./ledger";
import { establishedYears, rawTablesData } from "../src/law";
import { median, rate, time } from "./util";

const years = establishedYears();

/** The same tables with JS numbers: what the hardware can do without exact decimals (not for production). */
const plainTables = new Map(
  years.map((y) => [y, rawTablesData().years[String(y)].bands!.map((b) => ({ ...b, p: b.percent ? Number(b.percent) / 100 : 0, q: b.phaseoutPercent ? Number(b.phaseoutPercent) / 100 : 0 }))]),
);
function plainKia(total: number, year: number): number {
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

export function benchCore(): Record<string, string> {
  const out: Record<string, string> = {};
  const N = 1_000_000;
  // Whole cents, as ledger amounts are (and as Excel holds them): e.g. 7919.37, 15838.74, ...
  const totals = Array.from({ length: 4096 }, (_, i) => Math.round(((i * 7919.37) % 420000) * 100 + (i % 100)) / 100);
  const decTotals = totals.map((t) => new Decimal(t));
  let sink = 0;
  const decRate = median(
    [0, 1, 2].map(() =>
      rate(N, () => {
        for (let i = 0; i < N; i++) if (kia(decTotals[i & 4095], years[i % years.length]).roundedNumber === 0) sink++;
      }),
    ),
  );
  const numRate = median(
    [0, 1, 2].map(() =>
      rate(N, () => {
        for (let i = 0; i < N; i++) if (kia(totals[i & 4095], years[i % years.length]).roundedNumber === 0) sink++;
      }),
    ),
  );
  const plainRate = median(
    [0, 1, 2].map(() =>
      rate(N * 10, () => {
        for (let i = 0; i < N * 10; i++) if (plainKia(totals[i & 4095], years[i % years.length]) === 0) sink++;
      }),
    ),
  );
  out["kia(total, year), Decimal input"] = `${Math.round(decRate).toLocaleString("en")} calls/s (target >= 500,000)`;
  out["kia(total, year), number input (parsed)"] = `${Math.round(numRate).toLocaleString("en")} calls/s`;
  out["plain-number table (float, no parsing)"] = `${Math.round(plainRate).toLocaleString("en")} calls/s`;
  out["ratio plain / exact (Decimal input)"] = `${(plainRate / decRate).toFixed(1)}x`;

  // evaluate() at three sizes, each in a fresh process: time and the memory it adds at its peak (the
  // process's peak minus the peak of the same process that only builds the input), per 1.000 assets.
  for (const [n, kind] of (process.env.SKIP_EVAL ? [] : [
    [10_000, "large"],
    [100_000, "large"],
    [100_000, "in band"],
    [1_000_000, "large"],
  ] as const)) {
    const r = evaluateInChild(n, kind);
    const label = `evaluate(): ${n.toLocaleString("en")} assets${kind === "in band" ? " (KIA > 0)" : ""}`;
    if (!r) {
      out[label] = "failed (see stderr)";
      continue;
    }
    const per = n / 1000;
    out[label] =
      `${r.medianMs.toFixed(0)} ms median (best ${r.bestMs.toFixed(0)}), ${r.extraMB.toFixed(0)} MB peak; ` +
      `per 1.000 assets ${(r.medianMs / per).toFixed(2)} ms, ${(r.extraMB / per).toFixed(2)} MB` +
      (n === 100_000 && kind === "large" ? " (targets: < 250 ms then < 100 ms; < 200 MB then < 100 MB)" : "");
  }
  // validateRows on 100.000 refused rows, next to its floor: the same rows valid, in the same run (issue 17: a bad
  // ledger as cheap as a good one; target: within 1,5x).
  {
    const n = 100_000;
    const good = benchScenario(n);
    const bad = { ...good, investments: good.investments.map((x, i) => ({ ...x, amount: i % 2 ? String(-1 - i) : `x${i}` })) };
    const msOf = (s: unknown) => median([0, 1, 2, 3, 4].map(() => time(() => validateRows(s))));
    const valid = msOf(good);
    const refused = msOf(bad);
    out["validateRows: 100,000 valid rows (floor)"] = `${valid.toFixed(0)} ms median`;
    out["validateRows: 100,000 refused rows"] = `${refused.toFixed(0)} ms median, ${(refused / valid).toFixed(2)}x the floor (target <= 1.5x)`;
  }
  if (sink < 0) console.log(sink);
  return out;
}

function evaluateInChild(
  n: number,
  kind: "large" | "in band",
): { medianMs: number; bestMs: number; extraMB: number } | null {
  const script = join(__dirname, "evaluate-size.ts");
  const node = (extra: string[]) =>
    spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "-r", "ts-node/register/transpile-only", script, String(n), kind, ...extra], {
      cwd: join(__dirname, ".."),
      encoding: "utf8",
    });
  const base = node(["--input-only"]);
  const full = node([]);
  if (base.status !== 0 || full.status !== 0) {
    process.stderr.write(base.stderr + full.stderr);
    return null;
  }
  const b = JSON.parse(base.stdout.trim().split("\n").pop()!);
  const f = JSON.parse(full.stdout.trim().split("\n").pop()!);
  // The larger of two views of the peak: the heap's growth during the run, and the process's peak RSS minus
  // that of a process that only builds the input.
  return { medianMs: f.medianMs, bestMs: f.bestMs, extraMB: Math.max(f.heapGrowthMB, f.maxRssMB - b.maxRssMB) };
}
