/**
 * The standalone page reads an uploaded file in a Web Worker (taskpane/workbook/read-worker.ts, read-worker.js beside
 * the page): in chromium, on a large ledger made on the fly (120.000 rows), the page stays responsive while the file
 * is read (a timer on the page's thread keeps its pace), a progress bar and a stop button show, stopping leaves the
 * ledger read before exactly as it was, and reading it to the end shows the new ledger. The worker is a script of its
 * own, requested only when a file is opened; nothing else is requested and no CSP rule is broken.
 */
import { mkdtempSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { browserSuite } from "../support/chromium";
import { openPage, ROOT, standaloneSuite, until } from "../support/standalone-page";

const SAMPLE = join(ROOT, "examples", "voorbeeld-staat-2025.xlsx");
const ROWS = 120_000;

/** A ledger of `rows` rows (Nummer, Omschrijving, Categorie, Bedrag, Datum) as an .xlsx, without a table: a sheet read whole. */
async function bigLedger(rows: number): Promise<string> {
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const text = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;
  const parts = [`<worksheet xmlns="${main}"><sheetData><row>${["Nummer", "Omschrijving", "Categorie", "Bedrag", "Datum"].map(text).join("")}</row>`];
  for (let i = 1; i < rows; i++)
    parts.push(`<row>${text(`M${i}`)}${text(`Boor ${i % 97}`)}<c t="s"><v>${i % 3}</v></c><c><v>${300 + (i % 900)}</v></c>${text(`2025-0${1 + (i % 9)}-1${i % 9}`)}</row>`);
  parts.push("</sheetData></worksheet>");
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("xl/workbook.xml", `<workbook xmlns="${main}" xmlns:r="${r}"><sheets><sheet name="Staat" sheetId="1" r:id="s1"/></sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${r}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${r}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file("xl/sharedStrings.xml", `<sst xmlns="${main}"><si><t>machine</t></si><si><t>computer</t></si><si><t>gereedschap</t></si></sst>`);
  zip.file("xl/worksheets/sheet1.xml", parts.join(""));
  const file = join(mkdtempSync(join(tmpdir(), "kia-worker-")), "grote-staat-2025.xlsx");
  writeFileSync(file, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  return file;
}

/** What the pane shows of the ledger read: where it came from, the KIA announced, the year. */
const shown = async (page: Page) => ({
  source: await page.textContent("#source-line"),
  kia: await page.locator("#kia-live").innerText(),
  year: await page.inputValue("#f-year"),
});

/**
 * The longest gap between the beats of a 20 ms timer on the page's thread over `ms` (a page busy reading a file on
 * its own thread would not beat for seconds).
 */
const longestPause = (page: Page, ms: number) =>
  page.evaluate(
    (span) =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let longest = 0;
        const beat = setInterval(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
        }, 20);
        setTimeout(() => {
          clearInterval(beat);
          resolve(longest);
        }, span);
      }),
    ms,
  );

browserSuite("standalone page: a large file read in a Web Worker", () => {
  const env = standaloneSuite();
  let big: string;
  beforeAll(async () => {
    big = await bigLedger(ROWS);
  }, 120_000);

  it("stays responsive while a 120.000-row .xlsx is read, shows progress, and stopping keeps the ledger read before", async () => {
    const { page, finish } = await openPage(env.browser, env.origin, "nl-NL", 900);
    await page.setInputFiles("#ledger-file", SAMPLE);
    await page.waitForSelector("#kia-amount", { timeout: 30_000 });
    const before = await shown(page);
    expect(before.source).toContain("voorbeeld-staat-2025.xlsx");

    // another file, through "another ledger" in the folded card
    await page.click("#source-summary");
    await page.click("details.another > summary");
    await page.setInputFiles("#ledger-file", big);
    await page.waitForSelector("#read-progress", { timeout: 10_000 });
    await page.waitForSelector("#stop-reading", { timeout: 10_000 });
    // the page's thread keeps its pace while the worker reads (the page read it on its own thread in ~13 s before)
    const pause = await longestPause(page, 1500);
    expect(pause).toBeLessThan(300);
    expect(await page.isVisible("#read-progress")).toBe(true);
    const progress = await page.locator(".progress span").innerText();
    expect(progress).toMatch(/van het bestand gelezen|rijen gelezen|Bezig met lezen/);

    await page.click("#stop-reading");
    await until(() => page.locator("#read-progress").count(), (n) => n === 0, "de voortgang verdwijnt na Stoppen");
    expect(await shown(page)).toEqual(before);
    expect(await page.locator(".source .message.error").count()).toBe(0);

    // read to the end: the new ledger, its rows counted
    const t0 = Date.now();
    await page.setInputFiles("#ledger-file", big);
    await until(() => page.textContent("#source-line"), (s) => !!s && s.includes("grote-staat-2025.xlsx"), "de grote staat ingelezen", 180_000);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`${ROWS.toLocaleString("nl-NL")} rijen in de worker gelezen en getoond in ${seconds.toFixed(1)} s`);
    expect(await page.textContent("#source-line")).toContain(`${(ROWS - 1).toLocaleString("nl-NL")} regels gelezen`);

    const { requests, errors, csp } = await finish();
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
    // the worker is a script of its own, from the page's origin
    expect(requests.filter((u) => u.endsWith("/read-worker.js")).length).toBeGreaterThanOrEqual(1);
    expect(requests.every((u) => u.startsWith(env.origin) || u.startsWith("blob:") || u.startsWith("data:"))).toBe(true);
  }, 300_000);
});
