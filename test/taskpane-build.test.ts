/**
 * The taskpane's build: the pane's initial bundle stays within 100 KB gzip (exceljs and the file adapter are a
 * lazy chunk that only the standalone page loads, the file reader a Web Worker of its own), each page carries its
 * Content-Security-Policy (docs/security.md), the stylesheet is a file (no inline style or script), the standalone
 * build ships the sample ledger, and the manifest lists the hosting origin as its AppDomain.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { gzipSync } from "zlib";

const root = join(__dirname, "..");
const webpackBin = join(root, "node_modules", "webpack", "bin", "webpack.js");

function build(env: Record<string, string>): string {
  const out = mkdtempSync(join(tmpdir(), "kia-pane-build-"));
  execFileSync(process.execPath, [webpackBin, "--mode", "production", "--output-path", out], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  return out;
}

function csp(html: string): string {
  const m = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html);
  if (!m) throw new Error("geen Content-Security-Policy in taskpane.html");
  return m[1];
}

function inlineCode(html: string): string[] {
  return [
    ...[...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]),
    ...[...html.matchAll(/<style\b/g)].map((m) => m[0]),
    ...[...html.matchAll(/\sstyle=/g)].map((m) => m[0]),
    ...[...html.matchAll(/\son[a-z]+=/g)].map((m) => m[0]),
  ];
}

describe("taskpane build", () => {
  let office: string;
  let standalone: string;
  beforeAll(() => {
    office = build({ KIA_ADDIN_URL: "https://addins.example.nl/kia/", KIA_STANDALONE: "" });
    standalone = build({ KIA_STANDALONE: "1", KIA_ADDIN_URL: "" });
  }, 180000);
  afterAll(() => {
    for (const d of [office, standalone]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("keeps the pane's initial bundle within 100 KB gzip, exceljs in a lazy chunk", () => {
    const js = readFileSync(join(office, "taskpane.js"));
    const gz = gzipSync(js, { level: 9 }).length;
    console.log(`taskpane.js: ${js.length} bytes, ${gz} bytes gzip`);
    expect(gz).toBeLessThanOrEqual(100 * 1024);
    // exceljs's own markers are not in the initial bundle, but in a chunk loaded only on demand
    expect(js.toString()).not.toMatch(/xl\/worksheets|sharedStrings\.xml/);
    const chunks = readdirSync(office).filter((f) => /\.js$/.test(f) && !["taskpane.js", "functions.js"].includes(f));
    expect(chunks.some((f) => /xl\/worksheets|sharedStrings\.xml/.test(readFileSync(join(office, f), "utf8")))).toBe(true);
  });

  it("the Office page: scripts from itself and Microsoft's office.js CDN only; inline styles for office.js", () => {
    const html = readFileSync(join(office, "taskpane.html"), "utf8");
    const policy = csp(html);
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(inlineCode(html)).toEqual([]);
    expect(html).toMatch(/<link rel="?stylesheet"? href="?styles\.css"?>/);
    expect(existsSync(join(office, "styles.css"))).toBe(true);
    expect(existsSync(join(office, "examples"))).toBe(false);
  });

  it("the standalone page: nothing but its own origin, no inline style, the sample ledger beside it", () => {
    const html = readFileSync(join(standalone, "taskpane.html"), "utf8");
    expect(csp(html)).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(inlineCode(html)).toEqual([]);
    expect(html).not.toContain("https://");
    expect(readdirSync(join(standalone, "examples")).sort()).toEqual(["voorbeeld-export-2025.xlsx", "voorbeeld-staat-2025.csv", "voorbeeld-staat-2025.xlsx"]);
    expect(readFileSync(join(standalone, "taskpane.js"), "utf8")).toContain("examples/voorbeeld-staat-2025.xlsx");
  });

  it("the standalone page's file reader is a Web Worker of its own: not in the page's HTML or first download, not in the Office build", () => {
    const worker = readFileSync(join(standalone, "read-worker.js"), "utf8");
    // the one reader (the .xlsx parts it unpacks) is in the worker, not in the page's first script
    expect(worker).toMatch(/xl\/sharedStrings\.xml/);
    const page = readFileSync(join(standalone, "taskpane.js"), "utf8");
    expect(page).not.toMatch(/xl\/sharedStrings\.xml/);
    expect(page).toContain("read-worker.js");
    expect(readFileSync(join(standalone, "taskpane.html"), "utf8")).not.toContain("read-worker");
    expect(existsSync(join(office, "read-worker.js"))).toBe(false);
    console.log(`read-worker.js: ${worker.length} bytes, ${gzipSync(worker, { level: 9 }).length} bytes gzip`);
  });

  it("the manifest lists the hosting origin as its AppDomain", () => {
    const manifest = readFileSync(join(office, "manifest.xml"), "utf8");
    expect([...manifest.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual(["https://addins.example.nl"]);
    const source = readFileSync(join(root, "manifest.xml"), "utf8");
    expect([...source.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual(["https://localhost:3000"]);
  });
});
