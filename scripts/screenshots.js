#!/usr/bin/env node
/**
 * npm run screenshots: the screenshots of the user guide (docs/handleiding.md), made by the end-to-end tests in
 * chromium on the sample ledger and on client ledgers of the corpus (E2E below), and page 1 of the printed reports
 * (PRINTED below, test/support/page-shot.ts: the standalone page's print, LibreOffice's PDF of the report sheet; into
 * test-artifacts/screenshots/)
 * and copied to docs/img/ only where they really changed. Chromium's anti-aliasing differs a little from run to run, so a byte comparison would rewrite every PNG
 * each time (a dirty tree with nothing to see). A PNG is written when its size differs, or when more than
 * MAX_CHANGED_PIXELS of its pixels differ by more than CHANNEL_TOLERANCE in a colour channel (one changed digit
 * changes dozens); otherwise the committed file stays. Another font is a visible change: the screenshots are made
 * with the fonts .ci/run installs (fonts-dejavu-core). Needs Debian's chromium (/usr/bin/chromium). The same test always writes them to
 * test-artifacts/e2e/ as well.
 */
const { spawnSync } = require("child_process");
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require("fs");
const path = require("path");
const { PNG } = require("pngjs");

/** a channel (0–255) that differs by this much or less counts as equal: anti-aliasing moves edges by a few steps */
const CHANNEL_TOLERANCE = 32;
/** the browser tests that take the guide's screenshots (test/taskpane-docs.test.ts checks the guide shows them all) */
const E2E = ["test/e2e/standalone.e2e.test.ts", "test/e2e/standalone-ledgers.e2e.test.ts", "test/e2e/standalone-years.e2e.test.ts"];
/** the tests that render a printed page for the guide (test/support/page-shot.ts): LibreOffice's PDF of the report */
const PRINTED = ["test/report-print.test.ts"];
/**
 * The date the browser's clock shows while the screenshots are made (test/support/standalone-page.ts openPage): the
 * letter and the printed report print today's date, which would change two PNGs every day with nothing else changed.
 */
const SCREENSHOT_DATE = "2026-03-31";
/** the number of pixels that may differ beyond the tolerance before the image counts as changed (stray specks) */
const MAX_CHANGED_PIXELS = 8;

/**
 * Whether two PNG files show a visibly different picture: null when they are the same within the thresholds,
 * otherwise why (size, or the share of pixels that differ).
 */
function visibleDifference(a, b) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return `${y.width}×${y.height} was ${x.width}×${x.height}`;
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(x.data[i + c] - y.data[i + c]) > CHANNEL_TOLERANCE) {
        changed++;
        break;
      }
    }
  }
  return changed > MAX_CHANGED_PIXELS ? `${changed} pixels anders` : null;
}

/** The environment of the browser tests that make the screenshots: where to put them, and the day the browser shows. */
function screenshotEnv(env, dir) {
  return { ...env, KIA_SCREENSHOTS_DIR: dir, KIA_SCREENSHOT_DATE: SCREENSHOT_DATE, CI: env.CI || "true" };
}

function main() {
  const root = path.join(__dirname, "..");
  const fresh = path.join("test-artifacts", "screenshots");
  const out = path.join(root, "docs", "img");
  rmSync(path.join(root, fresh), { recursive: true, force: true });
  const jest = path.join(root, "node_modules", "jest", "bin", "jest.js");
  const r = spawnSync(process.execPath, [jest, "--runInBand", ...E2E, ...PRINTED], {
    cwd: root,
    stdio: "inherit",
    env: screenshotEnv(process.env, fresh),
  });
  if (r.status !== 0) {
    console.error("De schermafbeeldingen zijn niet (allemaal) gemaakt: de browsertest faalde (zie hierboven).");
    process.exit(r.status || 1);
  }
  mkdirSync(out, { recursive: true });
  const files = readdirSync(path.join(root, fresh)).filter((f) => f.endsWith(".png")).sort();
  const written = [];
  for (const f of files) {
    const next = path.join(root, fresh, f);
    const target = path.join(out, f);
    const why = existsSync(target) ? visibleDifference(readFileSync(target), readFileSync(next)) : "nieuw";
    if (why === null) continue;
    copyFileSync(next, target);
    written.push(`${f} (${why})`);
  }
  console.log(
    `${files.length} schermafbeeldingen gemaakt; ${written.length ? `bijgewerkt in docs/img/: ${written.join(", ")}` : "geen zichtbaar verschil, docs/img/ ongewijzigd"}.`,
  );
}

if (require.main === module) main();
module.exports = { visibleDifference, screenshotEnv, CHANNEL_TOLERANCE, MAX_CHANGED_PIXELS, E2E, PRINTED, SCREENSHOT_DATE };
