/**
 * The user guide (docs/handleiding.md) and its screenshots stay in step with the end-to-end test that makes them
 * (npm run screenshots): every image the guide shows exists in docs/img/, and every screenshot the test takes is
 * in the guide.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { E2E } = require("../scripts/screenshots") as { E2E: string[] };

const root = join(__dirname, "..");

it("docs/handleiding.md shows every screenshot of the end-to-end test, and each exists in docs/img/", () => {
  const guide = readFileSync(join(root, "docs", "handleiding.md"), "utf8");
  const shown = [...guide.matchAll(/!\[[^\]]*\]\(img\/([^)]+)\)/g)].map((m) => m[1]);
  for (const f of shown) expect(`${f}: ${existsSync(join(root, "docs", "img", f))}`).toBe(`${f}: true`);
  const e2e = E2E.map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  const taken = [...e2e.matchAll(/await shot\([\w.]+, "([^"]+)"/g)].map((m) => `${m[1]}.png`);
  expect(taken.length).toBeGreaterThanOrEqual(14);
  // a page of the printed report (LibreOffice, "rapport-pagina-1") is a picture of the report, not of the page
  const ofPage = shown.filter((f) => !/-pagina-\d+\.png$/.test(f));
  expect([...new Set(ofPage)].sort()).toEqual([...new Set(taken)].sort());
  expect(guide).toContain("npm run screenshots");
});
