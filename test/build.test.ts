/**
 * The production build: webpack emits the add-in, the Dutch metadata and a manifest with the configured hosting URL.
 * The standalone build (KIA_STANDALONE=1): a page that makes no network request (no office.js, no https:// URL)
 * and does not load the functions bundle (it calls CustomFunctions.associate, a global only Excel provides).
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const root = join(__dirname, "..");
const webpackBin = join(root, "node_modules", "webpack", "bin", "webpack.js");

it("builds the add-in with the hosting URL as a build setting and CDN office.js", () => {
  const out = mkdtempSync(join(tmpdir(), "kia-build-"));
  try {
    execFileSync(process.execPath, [webpackBin, "--mode", "production", "--output-path", out], {
      cwd: root,
      env: { ...process.env, KIA_ADDIN_URL: "https://addins.example.nl/kia", KIA_STANDALONE: "" },
      stdio: "pipe",
    });
    const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(manifest).toContain('DefaultValue="https://addins.example.nl/kia/functions.json"');
    expect(manifest).not.toContain("localhost");
    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    expect(html).toMatch(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/);
    expect(html).not.toContain("officejs/office.js");
    expect(html).toMatch(/functions\.js/);
    const en = JSON.parse(readFileSync(join(out, "functions.json"), "utf8"));
    const nl = JSON.parse(readFileSync(join(out, "functions-nl.json"), "utf8"));
    // error cells in a ledger range reach KIA.STAAT so a row can say which error it held
    expect(en.allowErrorForDataTypeAny).toBe(true);
    expect(nl.allowErrorForDataTypeAny).toBe(true);
    expect(nl.functions.map((f: { id: string }) => f.id)).toEqual(en.functions.map((f: { id: string }) => f.id));
    expect(nl.functions.find((f: { id: string }) => f.id === "KIA.AMOUNT").name).toBe("BEDRAG");
    const bundle = readFileSync(join(out, "functions.js"), "utf8");
    expect(bundle).toContain('CustomFunctions.associate("KIA.AMOUNT"');
    expect(bundle).not.toMatch(/hyperformula/i);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120000);

it("builds the standalone page without office.js, without the functions bundle and without any https:// URL", () => {
  const out = mkdtempSync(join(tmpdir(), "kia-standalone-"));
  try {
    execFileSync(process.execPath, [webpackBin, "--mode", "production", "--output-path", out], {
      cwd: root,
      env: { ...process.env, KIA_STANDALONE: "1", KIA_ADDIN_URL: "" },
      stdio: "pipe",
    });
    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    expect(html).not.toMatch(/office\.js/i);
    expect(html).not.toContain("https://");
    expect(html).not.toMatch(/<script[^>]*functions\.js/);
    expect(html).toMatch(/<script[^>]*src="?taskpane\.js"?/);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(existsSync(join(out, "officejs"))).toBe(false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120000);
