/** npm run bench: prints figures for this machine. Not a test: nothing here fails on a slow machine. */
import { cpus } from "os";
import { benchCore } from "./core";
import { benchFunctions } from "./functions";
import { print } from "./util";

console.log(`KIA benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`);
print("Calculation core", benchCore());
print("Excel function layer", benchFunctions());
