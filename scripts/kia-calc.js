#!/usr/bin/env node
/**
 * npm run -s kia-calc -- <argumenten>: the kia-calc command on a fresh checkout, without a build (npx kia-calc
 * does not work in this project: npx does not link a package's own bin). It runs cli/kia-calc.ts under tsx
 * (esbuild's transpile, no type check; Node's own type stripping cannot run it: constructor parameter
 * properties) in the folder npm was started from (INIT_CWD; npm runs scripts in the project's root), so file
 * names are as typed. `-s` keeps npm's own lines ("> kia-excel-addin@… kia-calc") off standard output, so a JSON
 * report stays JSON; `--` passes the options on to kia-calc. Standard input, output and error are kia-calc's own
 * (a child process sharing them), and so is the exit code. After npm run build the same program is
 * node dist/cli/kia-calc.js (the package's bin).
 */
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const r = spawnSync(process.execPath, ["-r", require.resolve("tsx/cjs"), path.join(root, "cli", "kia-calc.ts"), ...process.argv.slice(2)], {
  cwd: process.env.INIT_CWD || process.cwd(),
  stdio: "inherit",
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
});
if (r.error) {
  console.error(`kia-calc kon niet starten: ${r.error.message}`);
  process.exit(1);
}
if (r.signal) process.kill(process.pid, r.signal);
process.exit(r.status ?? 1);
