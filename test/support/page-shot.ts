/**
 * A page of a PDF as the picture the user guide shows (docs/handleiding.md): pdftoppm (poppler-utils) renders it into
 * test-artifacts/e2e/<name>.png and, under npm run screenshots (KIA_SCREENSHOTS_DIR), into that folder too, from
 * where scripts/screenshots.js copies what visibly changed to docs/img/. test/taskpane-docs.test.ts finds the names
 * by the calls `pageShot(…, "<name>")`.
 */
import { execFileSync } from "child_process";
import { copyFileSync, mkdirSync } from "fs";
import { join } from "path";

const root = join(__dirname, "..", "..");

export function pageShot(pdf: string, name: string, page = 1): string {
  const dir = join(root, "test-artifacts", "e2e");
  mkdirSync(dir, { recursive: true });
  const base = join(dir, name);
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", String(page), "-l", String(page), "-singlefile", pdf, base]);
  const file = `${base}.png`;
  const docs = process.env.KIA_SCREENSHOTS_DIR;
  if (docs) {
    mkdirSync(join(root, docs), { recursive: true });
    copyFileSync(file, join(root, docs, `${name}.png`));
  }
  return file;
}
