/** npm run bench: prints figures for this machine. Not a test: nothing here fails on a slow machine. */
import { benchCore } from "./core";
import { print } from "./util";
import { cpus } from "os";

console.log(`KIA benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`);
print("Calculation core", benchCore());
