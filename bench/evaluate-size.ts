/**
 * One evaluate() benchmark in a process of its own (run by bench/core.ts): time per run and the peak memory
 * evaluate() adds on top of the input, for a generated ledger of N assets, and the floor (bench/floor.ts) on the
 * same rows in a process of its own (--floor-only). Prints one JSON line.
 * Usage: node --expose-gc -r ./bench/register.js bench/evaluate-size.ts <N> [large|in band] [--input-only|--floor-only]
 */
import { evaluate } from "../src";
import { floorEvaluate } from "./floor";
import { benchScenario } from "./ledger";
import { time } from "./util";

const n = Number(process.argv[2]);
const kind = (process.argv[3] ?? "large") as "large" | "in band";
const scenario = benchScenario(n, kind);
if (process.argv[4] === "--input-only") {
  // The same process without evaluate(): its peak memory is subtracted to give what evaluate() adds.
  console.log(JSON.stringify({ maxRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6 }));
  process.exit(0);
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const repeat = n >= 1_000_000 ? 3 : n >= 100_000 ? 7 : 25;
if (process.argv[4] === "--floor-only") {
  // The floor in a process of its own: a floor run in evaluate()'s process paid for collecting evaluate()'s garbage
  // (CPU time counts the collector's threads), which made the same floor 9 to 112 ms within one process.
  let sink = floorEvaluate(scenario);
  gc();
  const floorRuns: number[] = [];
  for (let i = 0; i < repeat; i++) floorRuns.push(time(() => (sink += floorEvaluate(scenario))));
  floorRuns.sort((a, b) => a - b);
  console.log(JSON.stringify({ n, kind, floorMedianMs: floorRuns[Math.floor(floorRuns.length / 2)], floorBestMs: floorRuns[0], floorSink: sink }));
  process.exit(0);
}
gc();
// Memory: how far the JS heap had to grow (heapTotal rarely shrinks within a run, so it holds the peak) and
// the process's peak RSS, on the first (cold) run.
const before = process.memoryUsage();
let report = null as unknown as ReturnType<typeof evaluate>;
const first = time(() => (report = evaluate(scenario)));
const after = process.memoryUsage();
const maxRss = process.resourceUsage().maxRSS * 1024;
const runs: number[] = [first];
// evaluate()'s own garbage is its cost: collected in its own runs, as a user's process would
for (let i = 0; i < repeat; i++) {
  report = null as never;
  runs.push(time(() => (report = evaluate(scenario))));
}
const warm = runs.slice(1).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    n,
    kind,
    medianMs: warm[Math.floor(warm.length / 2)],
    bestMs: warm[0],
    firstMs: first,
    maxRssMB: maxRss / 1e6,
    heapGrowthMB: (after.heapTotal - before.heapTotal) / 1e6,
    reportHeapMB: (after.heapUsed - before.heapUsed) / 1e6,
    kia: report.kia,
    total: report.total,
  }),
);
