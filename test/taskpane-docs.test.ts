/**
 * The user guide (docs/handleiding.md) and its screenshots stay in step with the end-to-end test that makes them
 * (npm run screenshots): every image the guide shows exists in docs/img/, and every screenshot the test takes is
 * in the guide.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";

const root = join(__dirname, "..");

it("docs/handleiding.md shows every screenshot of the end-to-end test, and each exists in docs/img/", () => {
  const guide = readFileSync(join(root, "docs", "handleiding.md"), "utf8");
  const shown = [...guide.matchAll(/!\[[^\]]*\]\(img\/([^)]+)\)/g)].map((m) => m[1]);
  for (const f of shown) expect(`${f}: ${existsSync(join(root, "docs", "img", f))}`).toBe(`${f}: true`);
  const e2e = readFileSync(join(root, "test", "e2e", "standalone.e2e.test.ts"), "utf8");
  // the steps (shot) and printed pages (pageShot: the standalone page's print, LibreOffice's PDF of the report)
  const print = readFileSync(join(root, "test", "report-print.test.ts"), "utf8");
  const taken = [
    ...[...e2e.matchAll(/await shot\(page, "([^"]+)"/g)].map((m) => `${m[1]}.png`),
    ...[...`${e2e}\n${print}`.matchAll(/pageShot\(\w+, "([^"]+)"/g)].map((m) => `${m[1]}.png`),
  ];
  expect(taken.length).toBeGreaterThanOrEqual(9);
  expect([...new Set(shown)].sort()).toEqual([...new Set(taken)].sort());
  expect(guide).toContain("npm run screenshots");
});
