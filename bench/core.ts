/**
 * Core benchmarks (figures printed, not asserted), each beside a floor measured in the same run (bench/floor.ts):
 *  - kia(total, year) per call against the same table with JS numbers (plainKia): target within 3x;
 *  - evaluate() on generated ledgers with a partnership of 5, against the same rows through a plain-JavaScript
 *    loop (category lookup, number, result object, sum) in the same process: target within 4x at 100.000 assets.
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { Decimal, kia, validateRows } from "../src";
import { establishedYears } from "../src/law";
import { plainKia, ratio } from "./floor";
import { benchScenario } from "./ledger";
import { median, rate, time } from "./util";

const years = establishedYears();

export function benchCore(): Record<string, string> {
  const out: Record<string, string> = {};
  const N = 1_000_000;
  // Whole cents, as ledger amounts are (and as Excel holds them): e.g. 7919.37, 15838.74, ...
  const totals = Array.from({ length: 4096 }, (_, i) => Math.round(((i * 7919.37) % 420000) * 100 + (i % 100)) / 100);
  const decTotals = totals.map((t) => new Decimal(t));
  let sink = 0;
  // Interleaved, five rounds: a load that changes during the run slows the three alike; the median of each.
  const rounds = { dec: [] as number[], num: [] as number[], plain: [] as number[] };
  for (let k = 0; k < 5; k++) {
    rounds.dec.push(rate(N, () => {
      for (let i = 0; i < N; i++) if (kia(decTotals[i & 4095], years[i % years.length]).roundedNumber === 0) sink++;
    }));
    rounds.num.push(rate(N, () => {
      for (let i = 0; i < N; i++) if (kia(totals[i & 4095], years[i % years.length]).roundedNumber === 0) sink++;
    }));
    rounds.plain.push(rate(N, () => {
      for (let i = 0; i < N; i++) if (plainKia(totals[i & 4095], years[i % years.length]) === 0) sink++;
    }));
  }
  const [decRate, numRate, plainRate] = [median(rounds.dec), median(rounds.num), median(rounds.plain)];
  const ns = (r: number) => `${(1e9 / r).toFixed(0)} ns per call (${Math.round(r).toLocaleString("en")}/s)`;
  out["floor: the table with JS numbers (plainKia)"] = ns(plainRate);
  out["kia(total, year), Decimal input"] = `${ns(decRate)}; ${ratio(plainRate, decRate, 3)}`;
  out["kia(total, year), number input (parsed)"] = `${ns(numRate)}; ${ratio(plainRate, numRate, 3)}`;

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
      `${r.medianMs.toFixed(0)} ms median (best ${r.bestMs.toFixed(0)}); floor ${r.floorMs.toFixed(0)} ms; ` +
      `${ratio(r.medianMs, r.floorMs, n === 100_000 && kind === "large" ? 4 : undefined)}; ` +
      `${r.extraMB.toFixed(0)} MB peak (${(r.extraMB / per).toFixed(2)} MB per 1.000 assets)`;
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
    out["validateRows: 100,000 refused rows"] = `${refused.toFixed(0)} ms median; ${ratio(refused, valid, 1.5)}`;
  }
  if (sink < 0) console.log(sink);
  return out;
}

function evaluateInChild(
  n: number,
  kind: "large" | "in band",
): { medianMs: number; bestMs: number; floorMs: number; extraMB: number } | null {
  const script = join(__dirname, "evaluate-size.ts");
  const node = (extra: string[]) =>
    spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "-r", "tsx/cjs", script, String(n), kind, ...extra], {
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
  return { medianMs: f.medianMs, bestMs: f.bestMs, floorMs: f.floorMedianMs, extraMB: Math.max(f.heapGrowthMB, f.maxRssMB - b.maxRssMB) };
}
