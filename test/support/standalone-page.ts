/**
 * The standalone page in chromium for the browser tests (test/e2e/standalone*.e2e.test.ts): the production build
 * with KIA_STANDALONE=1 into a temporary folder, served on 127.0.0.1, Debian's chromium driven by playwright-core.
 * A page records every request, page error, console error and CSP violation; `shot` writes a screenshot to
 * test-artifacts/e2e/ and, with KIA_SCREENSHOTS_DIR set (npm run screenshots), there too (docs/img/ in the end).
 */
import { execFileSync } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM } from "./chromium";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require("../../scripts/serve") as { serve: (dir: string, port?: number) => Promise<Server> };

export const ROOT = join(__dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const DOCS_DIR = process.env.KIA_SCREENSHOTS_DIR ? join(ROOT, process.env.KIA_SCREENSHOTS_DIR) : null;
/**
 * The day the page's clock shows, from npm run screenshots only (scripts/screenshots.js SCREENSHOT_DATE): the
 * letter (07-verzoek) and the printed report (11-afdruk-pagina-1) print today's date, so an unchanged page gives an
 * unchanged picture. Playwright's clock in the test's browser; the add-in itself always uses the real date.
 */
const FIXED_DATE = process.env.KIA_SCREENSHOT_DATE;

/** The amount as the pane shows it in Dutch: "€ 19.769", "€ 1.216,69", with a no-break space after the euro sign. */
export function euro(plain: string): string {
  const [i, f] = plain.split(".");
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `€\u00a0${grouped}${f ? "," + (f + "00").slice(0, 2) : ""}`;
}

/** Wait until `get()` satisfies `ok` (the pane re-renders after an edit), then return it. */
export async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const count = (page: Page, selector: string, n: number, ms?: number) =>
  until(() => page.locator(selector).count(), (c) => c === n, `aantal ${selector}`, ms);

/** The aria-live region with the KIA. */
export const live = (page: Page) => page.locator("#kia-live[aria-live=polite]").innerText();

export async function noSideScroll(page: Page, where: string) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(`${where}: ${sw}`).toBe(`${where}: ${cw}`);
}

/** A screenshot of the page (scrolled to `scrollTo`, else the top) under test-artifacts/e2e/ and the docs folder. */
export async function shot(page: Page, name: string, scrollTo?: string) {
  if (scrollTo) await page.locator(scrollTo).first().evaluate((el) => el.scrollIntoView({ block: "start" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (DOCS_DIR) copyFileSync(file, join(DOCS_DIR, `${name}.png`));
}

/** The page built and served, chromium started: call in beforeAll, `close` in afterAll. */
export async function startStandalone(): Promise<{ origin: string; browser: Browser; close: () => Promise<void> }> {
  const out = mkdtempSync(join(tmpdir(), "kia-e2e-"));
  execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env: { ...process.env, KIA_STANDALONE: "1" },
    stdio: "pipe",
  });
  const server = await serve(out, 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  if (DOCS_DIR) mkdirSync(DOCS_DIR, { recursive: true });
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/** What a page requests and its errors (page errors and console errors), recorded from now on. */
export function record(page: Page): { requests: string[]; errors: string[] } {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`);
  });
  return { requests, errors };
}

/**
 * The standalone page built and served and chromium started for a suite (beforeAll), stopped after it (afterAll):
 * read `origin` and `browser` inside the tests.
 */
export function standaloneSuite(): { readonly origin: string; readonly browser: Browser } {
  const s = {} as { origin: string; browser: Browser; close?: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(s, await startStandalone());
  }, 120000);
  afterAll(async () => {
    await s.close?.();
  });
  return s;
}

/** A new page on the standalone page, ready; `finish` closes it and gives what it requested, its errors and CSP violations. */
export async function openPage(browser: Browser, origin: string, locale: string, width: number, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  // Date.now() and new Date() fixed, the timers running as usual
  if (FIXED_DATE) await page.clock.setFixedTime(new Date(`${FIXED_DATE}T12:00:00`));
  const { requests, errors } = record(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  const finish = async () => {
    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    await context.close();
    return { requests, errors, csp };
  };
  return { page, finish };
}
