/**
 * The user guide (docs/handleiding.md) and its screenshots stay in step with the end-to-end test that makes them
 * (npm run screenshots): every image the guide shows exists in docs/img/, and every screenshot the test takes is
 * in the guide.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { E2E, PRINTED } = require("../scripts/screenshots") as { E2E: string[]; PRINTED: string[] };

const root = join(__dirname, "..");

it("docs/handleiding.md shows every screenshot of the end-to-end test, and each exists in docs/img/", () => {
  const guide = readFileSync(join(root, "docs", "handleiding.md"), "utf8");
  const shown = [...guide.matchAll(/!\[[^\]]*\]\(img\/([^)]+)\)/g)].map((m) => m[1]);
  for (const f of shown) expect(`${f}: ${existsSync(join(root, "docs", "img", f))}`).toBe(`${f}: true`);
  const e2e = E2E.map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  const printed = PRINTED.map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  const shots = [...e2e.matchAll(/await shot\([\w.]+, "([^"]+)"/g)].map((m) => `${m[1]}.png`);
  expect(shots.length).toBeGreaterThanOrEqual(14);
  // and the printed pages (pageShot: the standalone page's print, LibreOffice's PDF of the report sheet)
  const pages = [...`${e2e}\n${printed}`.matchAll(/pageShot\(\w+, "([^"]+)"/g)].map((m) => `${m[1]}.png`);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect([...new Set(shown)].sort()).toEqual([...new Set([...shots, ...pages])].sort());
  expect(guide).toContain("npm run screenshots");
});
