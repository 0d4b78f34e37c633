/**
 * npm run bench (node -r ./bench/register.js bench/run.ts): prints figures for this machine. Not a test: nothing here fails on a slow machine.
 * Build first (npm run build) for the bundle sizes. BENCH_ONLY=core,functions,taskpane,portfolio picks sections;
 * BENCH_TASKPANE=office,10k,100k the taskpane section's parts (bench/taskpane.ts).
 */
import { benchCore } from "./core";
import { machine } from "./floor";
import { benchFunctions } from "./functions";
import { benchPortfolio } from "./portfolio";
import { benchTaskpane } from "./taskpane";
import { print } from "./util";

const only = (process.env.BENCH_ONLY ?? "core,functions,taskpane,portfolio").split(",");
// Absolute times differ between machines (three-fold between two of the same kind): read the ratios to the floors,
// each measured in the same run. The core's and the function layer's figures are the process's CPU time
// (bench/util.ts), so a busy machine slows a figure and its floor alike; the load average says how busy it was.
// The TypeScript is loaded as tsc compiles it for kia-calc (bench/register.js), not through tsx.
console.log(`KIA benchmarks — node ${process.version}, ${machine()}`);
if (only.includes("core")) print("Calculation core", benchCore());
if (only.includes("functions")) print("Excel function layer", benchFunctions());
if (only.includes("taskpane")) print("Taskpane (Office adapter with the mock; standalone pipeline; bundle)", benchTaskpane());
if (only.includes("portfolio")) print("Portfolio (kia-calc --batch on template workbooks)", benchPortfolio());
console.log(`\nat the end: ${machine()}`);
