/**
 * npm run bench: prints figures for this machine. Not a test: nothing here fails on a slow machine.
 * Build first (npm run build) for the bundle sizes. BENCH_ONLY=core,functions,taskpane,portfolio picks sections.
 */
import { benchCore } from "./core";
import { machine } from "./floor";
import { benchFunctions } from "./functions";
import { benchPortfolio } from "./portfolio";
import { benchTaskpane } from "./taskpane";
import { print } from "./util";

const only = (process.env.BENCH_ONLY ?? "core,functions,taskpane,portfolio").split(",");
// Absolute times differ between machines (three-fold between two of the same kind): read the ratios to the floors,
// each measured in the same run; the load average says how busy the machine was (above the number of cores, the
// figures wait for a core).
console.log(`KIA benchmarks — node ${process.version}, ${machine()}`);
if (only.includes("core")) print("Calculation core", benchCore());
if (only.includes("functions")) print("Excel function layer", benchFunctions());
if (only.includes("taskpane")) print("Taskpane (Office adapter with the mock; standalone pipeline; bundle)", benchTaskpane());
if (only.includes("portfolio")) print("Portfolio (kia-calc --batch on template workbooks)", benchPortfolio());
console.log(`\nat the end: ${machine()}`);
