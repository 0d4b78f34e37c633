#!/usr/bin/env node
/**
 * npm run screenshots: the screenshots of the user guide (docs/handleiding.md), made by the end-to-end test on the
 * sample ledger in chromium and copied to docs/img/. Needs Debian's chromium (/usr/bin/chromium). The same test
 * always writes them to test-artifacts/e2e/ as well.
 */
const { spawnSync } = require("child_process");
const { readdirSync } = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const out = path.join("docs", "img");
const jest = path.join(root, "node_modules", "jest", "bin", "jest.js");
const r = spawnSync(process.execPath, [jest, "test/e2e/standalone.e2e.test.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, KIA_SCREENSHOTS_DIR: out, CI: process.env.CI || "true" },
});
if (r.status !== 0) {
  console.error("De schermafbeeldingen zijn niet (allemaal) gemaakt: de browsertest faalde (zie hierboven).");
  process.exit(r.status || 1);
}
const files = readdirSync(path.join(root, out)).filter((f) => f.endsWith(".png"));
console.log(`${files.length} schermafbeeldingen in ${out}/: ${files.join(", ")}`);
