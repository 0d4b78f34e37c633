/**
 * The pane as it behaves inside Excel, in chromium: the real App with host "excel" on an in-memory Workbook
 * (test/e2e/harness/excel-harness.tsx) holding the sample ledger's tables. What the standalone page cannot show:
 * the template's table read at once with progress, a problem's "Ga naar Staat 2025!D19" selecting the cell, the corrected
 * column mapping and the user's choices stored in the document and restored after a reload, the partners and their
 * key read from the workbook, the report written to the add-in's own sheet and replaced only after confirmation,
 * the selection read. The Office.js adapter itself is tested on office-addin-mock (test/workbook-office.test.ts);
 * what only real Excel can confirm is in docs/excel-compatibility.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { browserSuite, CHROMIUM } from "../support/chromium";
import { record, until } from "../support/standalone-page";
import webpack from "webpack";
import { XlsxBook } from "../../src/workbook/xlsx";
import type { ReportSheet } from "../../taskpane/workbook/types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require("../../scripts/serve") as { serve: (dir: string, port?: number) => Promise<Server> };
// The add-in's own TypeScript rule, so the harness compiles exactly like the pane.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TS_RULE, RESOLVE, TARGET } = require("../../webpack.config") as { TS_RULE: webpack.RuleSetRule; RESOLVE: webpack.ResolveOptions; TARGET: string[] };

const root = join(__dirname, "..", "..");
const STANDALONE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

function buildHarness(out: string): Promise<void> {
  const compiler = webpack({
    mode: "development",
    devtool: false,
    entry: { harness: join(__dirname, "harness", "excel-harness.tsx") },
    output: { path: out, filename: "[name].js", chunkFilename: "[name].js" },
    resolve: RESOLVE,
    target: TARGET,
    module: { rules: [TS_RULE] },
    plugins: [new webpack.DefinePlugin({ __KIA_VERSION__: JSON.stringify("test"), __KIA_STANDALONE__: "false" })],
    performance: { hints: false },
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      writeFileSync(
        join(out, "taskpane.html"),
        `<!doctype html><html lang="nl"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${STANDALONE_CSP}">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="styles.css">` +
          `<script src="fixture.js"></script><script defer src="harness.js"></script></head><body><div id="app"></div></body></html>`,
      );
      copyFileSync(join(root, "taskpane", "styles.css"), join(out, "styles.css"));
      mkdirSync(join(out, "templates"), { recursive: true });
      copyFileSync(join(root, "templates", "KIA-werkblad.xlsx"), join(out, "templates", "KIA-werkblad.xlsx"));
      resolve();
    }),
  );
}

/** The sample ledger's sheets and tables as the in-memory workbook holds them, read with the .xlsx reader. */
async function fixture() {
  const book = await XlsxBook.open(new Uint8Array(readFileSync(join(root, "examples", "voorbeeld-staat-2025.xlsx"))));
  const o = await book.outline();
  const sheets = [];
  for (const name of o.sheets) sheets.push({ name, rows: await book.rows(name, 1, await book.lastRow(name), 0, 30) });
  // a client's sheet named like the disposals that is none: the reader passes it over and says why (step 1)
  sheets.push({ name: "Desinvesteringen", rows: [["Wat", "Hoeveel"], ["Kast", 100]] });
  return { sheets, tables: o.tables };
}

browserSuite("the pane inside Excel (in-memory workbook) in chromium", () => {
    let out: string;
    let server: Server;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), "kia-excel-pane-"));
      await buildHarness(out);
      writeFileSync(join(out, "fixture.js"), `window.__KIA_FIXTURE__ = ${JSON.stringify(await fixture())};`);
      server = await serve(out, 0);
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      });
      mkdirSync(join(root, "test-artifacts", "e2e"), { recursive: true });
    }, 120000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      if (out) rmSync(out, { recursive: true, force: true });
    });

    const calls = (page: Page) => page.evaluate(() => (window as unknown as { __KIA_CALLS__: unknown[][] }).__KIA_CALLS__);
    const hasCall = (page: Page, pred: (c: unknown[]) => boolean, what: string) => until(() => calls(page), (cs) => cs.some(pred), what);

    it("reads the table at once, selects a problem's cell, stores mapping and choices in the document, writes and replaces the report sheet", async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: "nl-NL" });
      const page = await context.newPage();
      const { requests, errors } = record(page);
      await page.goto(`${origin}/taskpane.html`);
      await page.waitForSelector("body[data-ready=true]");

      // the template's table is read at once, no file chooser
      await page.waitForSelector("#kia-amount", { timeout: 15000 });
      expect(await calls(page)).toContainEqual(["table", "Investeringen"]);
      expect(await page.locator("#ledger-file").count()).toBe(0);
      expect(await page.textContent("#kia-live")).toContain("KIA 2025 €\u00a019.769");
      expect(await page.locator(".host-note").count()).toBe(0);

      // step 1 says what was read from where, and what was passed over and why; its button selects that cell
      await page.waitForSelector("#read-notes");
      expect(await page.textContent("#read-notes-summary")).toBe("Gelezen uit de werkmap · 1 blad of tabel niet gelezen");
      expect(await page.textContent(".read-from")).toContain("Staattabel Investeringen");
      expect(await page.textContent(".read-from")).toContain("Vennotentabel Vennoten");
      expect(await page.textContent(".read-notes-list")).toContain(
        "Desinvesteringen!A1 blad Desinvesteringen niet gelezen als desinvesteringen: geen kopregel met de kolommen Verkoopprijs en Investering dit jaar",
      );
      await page.click("text=Ga naar Desinvesteringen!A1");
      await hasCall(page, (c) => c[0] === "selectCell" && c[1] === "Desinvesteringen" && c[2] === 1 && c[3] === 0, "selectCell Desinvesteringen!A1");

      // the partners table is read at once, with the key beside "Verdeelsleutel" (and "Gezamenlijk verzoek" looked for)
      await page.click("#tab-partnership");
      expect(await page.isChecked("text=De onderneming is een samenwerkingsverband")).toBe(true);
      await until(() => page.locator("fieldset.partner").count(), (n) => n === 3, "drie vennoten bij het laden");
      expect(await page.textContent("#partners-read")).toContain("3 vennoten gelezen uit de tabel Vennoten");
      expect(await calls(page)).toContainEqual(["table", "Vennoten"]);
      // the key and the joint request are looked for beside their labels, the partners' sheet first
      await hasCall(page, (c) => c[0] === "labels" && c[1] === "Vennoten", "verdeelsleutel gezocht bij het laden");
      expect(await page.inputValue('select[id$="partnership_46_key"]')).toBe("profit");
      await page.click("#tab-review");
      // what the workbook gives is not stored as the user's choice
      expect((await calls(page)).filter((c) => c[0] === "saveSetting" && c[1] === "kia.keuzes")).toEqual([]);

      // a problem's button selects its cell in the sheet ("wijzig" opens the folded source card)
      await page.click("#source-summary");
      await page.click("text=Ga naar Staat 2025!D19");
      await hasCall(page, (c) => c[0] === "selectCell" && c[1] === "Staat 2025" && c[2] === 19 && c[3] === 3, "selectCell D19");

      // correct the mapping: the date column is not used; stored in the document by header
      await page.click("text=Kolommen: 14 herkend");
      await page.selectOption("#map-date", "");
      await hasCall(
        page,
        (c) => c[0] === "saveSetting" && c[1] === "kia.kolommen" && JSON.stringify(c[2]).includes('"date":null'),
        "mapping opgeslagen",
      );
      expect(await page.textContent(".mapping summary")).toContain("13 herkend (aangepast)");

      // an override; the choices are stored in the document a moment later
      await page.selectOption("#asset-filter", "excluded");
      await page.click('[data-asset="INV-04"] button');
      await page.getByLabel("Komt in aanmerking voor KIA", { exact: true }).check();
      await page.fill("#override-reason", "Taxi in de onderneming, geen personenauto voor de directeur.");
      await page.click("#override-save");
      await hasCall(page, (c) => c[0] === "saveSetting" && c[1] === "kia.keuzes" && JSON.stringify(c[2]).includes("INV-04"), "keuzes opgeslagen");

      // after a reload both come back, and the pane says so
      await page.reload();
      await page.waitForSelector("#kia-amount", { timeout: 15000 });
      await page.waitForSelector("text=Uw eerdere keuzes voor deze staat zijn teruggezet");
      expect(await page.inputValue("#map-date")).toBe("");
      await page.selectOption("#asset-filter", "override");
      expect(await page.locator('[data-asset="INV-04"]').innerText()).toContain("Taxi in de onderneming");

      // partners and their key from the workbook
      await page.click("#tab-partnership");
      await page.check("text=De onderneming is een samenwerkingsverband");
      await page.click("text=Opnieuw lezen uit de tabel ‘Vennoten’");
      // what the reader found on loading, taken again (the workbook is not read a second time)
      await until(() => page.locator("fieldset.partner").count(), (n) => n === 3, "drie vennoten");
      expect(await page.inputValue('select[id$="partnership_46_key"]')).toBe("profit");

      // the report goes to the add-in's own sheet; a second time only after confirmation
      await page.click("#tab-report");
      await page.waitForSelector("#write-report:not([disabled])");
      expect(await page.textContent("#write-report")).toBe("Rapport op het werkblad ‘KIA-rapport 2025’ zetten");
      // a row is left out (D19): asked first; written as a CONCEPT
      await page.click("#write-report");
      await page.waitForSelector("#report-confirm");
      expect(await page.textContent("#report-confirm")).toContain("Staat 2025!D19");
      await page.click("#report-concept");
      await page.waitForSelector("text=Rapport geschreven naar het werkblad ‘KIA-rapport 2025’. (CONCEPT: niet definitief)");
      const sheets = await page.evaluate(() => (window as unknown as { __KIA_SHEETS__: ReportSheet[] }).__KIA_SHEETS__);
      expect(sheets).toHaveLength(1);
      expect(sheets[0].name).toBe("KIA-rapport 2025");
      const cells = sheets[0].rows.flat();
      // the manual review with its reason, in the report's words
      expect(cells.some((v) => typeof v === "string" && v.includes("Handmatig beoordeeld door u: wel aftrekbaar. Reden: Taxi in de onderneming, geen personenauto voor de directeur."))).toBe(true);
      expect(cells.some((v) => typeof v === "string" && v.startsWith("=HYPERLINK("))).toBe(true);
      expect(sheets[0].chart).toBeDefined();
      // a CONCEPT: in the title, and the ledger's problem (D19) with its cell, description, amount and reason
      expect(sheets[0].rows[0][0]).toBe("Kleinschaligheidsinvesteringsaftrek 2025 – CONCEPT");
      const filled = (r: unknown[] | undefined) => r?.filter((v) => v !== null && v !== "");
      expect(filled(sheets[0].rows.find((r) => r[0] === "Staat 2025!D19"))).toEqual([
        "Staat 2025!D19",
        "Printer",
        "2,500",
        expect.stringMatching(/^dubbelzinnig bedrag: bedoelt u 2,50 of 2\.500\?.*\(nummer INV-16, kolom bedrag, waarde "2,500"\)$/),
      ]);
      expect(filled(sheets[0].rows.find((r) => r[0] === "Regels van de staat"))).toEqual(["Regels van de staat", "16 regels gelezen, 1 niet meegeteld (zie Niet meegeteld)"]);
      // a second time: the CONCEPT question, then whether to replace the sheet
      await page.click("#write-report");
      await page.click("#report-concept");
      await page.waitForSelector("dialog[open] >> text=Werkblad vervangen?");
      await page.getByRole("button", { name: "Annuleren", exact: true }).click();
      await page.waitForSelector("dialog", { state: "detached" });
      expect((await calls(page)).filter((c) => c[0] === "writeReport")).toHaveLength(1);
      await page.click("#write-report");
      await page.click("#report-concept");
      await page.getByRole("button", { name: "Vervangen", exact: true }).click();
      await until(
        async () => (await calls(page)).filter((c) => c[0] === "writeReport").length,
        (n) => n === 2,
        "tweede keer geschreven",
      );
      await page.screenshot({ path: join(root, "test-artifacts", "e2e", "excel-rapport.png") });

      // starting afresh removes the stored choices: after a reload nothing is restored
      await page.reload();
      await page.waitForSelector("#kia-amount", { timeout: 15000 });
      await page.click("text=Begin opnieuw zonder die keuzes");
      await hasCall(
        page,
        (c) => c[0] === "saveSetting" && c[1] === "kia.keuzes" && !JSON.stringify(c[2]).includes("INV-04"),
        "keuzes gewist",
      );
      await page.reload();
      await page.waitForSelector("#kia-amount", { timeout: 15000 });
      expect(await page.locator("text=Uw eerdere keuzes voor deze staat zijn teruggezet").count()).toBe(0);
      expect(await page.inputValue("#map-date")).toBe(""); // the mapping stays

      // the selection
      await page.click("#source-summary");
      await page.click("text=Andere staat of tabel inlezen");
      await page.click("text=Lees selectie");
      await until(() => page.textContent("#source-line"), (t) => !!t?.includes("selectie A4:N20"), "selectie gelezen");

      await context.close();
      expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:"))).toEqual([]);
      expect(errors).toEqual([]);
    }, 60000);

    it("adds the KIA name (or says to use KIA.BEDRAG where Excel has no LAMBDA) and inserts the firm template with its names and add-in formulas", async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: "nl-NL" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${origin}/taskpane.html`);
      await page.waitForSelector("#kia-amount", { timeout: 15000 });

      await page.click("#add-kia-name");
      const named = (await hasCall(page, (c) => c[0] === "setName" && c[1] === "KIA", "setName KIA")).find((c) => c[0] === "setName")!;
      expect(String(named[2])).toMatch(/^=LAMBDA\(totaal,jaar,/);
      expect(String(named[2])).toContain("{2010,2011,2012,2013,2014,2015,2016,2017,2018,2019,2020,2021,2022,2023,2024,2025,2026}");
      expect(await page.textContent("#tools-status")).toContain("=KIA(A2; 2025)");

      // Excel 2021 and older: no LAMBDA, names.add refuses
      await page.evaluate(() => ((window as unknown as { __KIA_FIXTURE__: { noLambda: boolean } }).__KIA_FIXTURE__.noLambda = true));
      await page.click("#add-kia-name");
      await until(() => page.textContent("#tools-status"), (t) => !!t?.includes("Gebruik =KIA.BEDRAG(totaal; jaar)"), "no LAMBDA message");
      await page.evaluate(() => ((window as unknown as { __KIA_FIXTURE__: { noLambda: boolean } }).__KIA_FIXTURE__.noLambda = false));

      const listed = (await calls(page)).filter((c) => c[0] === "outline").length;
      await page.click("#insert-template");
      await until(() => page.textContent("#tools-status"), (t) => !!t?.includes("Bladen toegevoegd"), "template inserted");
      const cs = await calls(page);
      const insert = cs.find((c) => c[0] === "insertSheets")!;
      expect(insert[1]).toBeGreaterThan(50_000); // the template's bytes, as base64 for insertWorksheetsFromBase64
      expect(insert[2]).toBe("PK"); // an .xlsx (a zip)
      expect(cs.filter((c) => c[0] === "setName").map((c) => c[1])).toEqual(expect.arrayContaining(["KIA", "KIA_EXACT", "KIA_JAAR"]));
      const jaar = cs.filter((c) => c[0] === "setName" && c[1] === "KIA_JAAR").pop()!;
      expect(String(jaar[2])).toContain("'Overzicht (2)'"); // follows the name Excel gave the renamed sheet
      const written = cs.filter((c) => c[0] === "writeFormulas");
      expect(written.map((c) => c[1])).toEqual(expect.arrayContaining(["Investeringen", "Vennoten", "Desinvesteringen", "Overzicht (2)"]));
      expect(written.reduce((n, c) => n + (c[2] as number), 0)).toBeGreaterThan(100);
      // the pane lists the tables again and reads the ledger
      expect(cs.filter((c) => c[0] === "outline").length).toBeGreaterThan(listed);
      await page.screenshot({ path: join(root, "test-artifacts", "e2e", "excel-werkmap.png") });
      await context.close();
      expect(errors).toEqual([]);
    }, 60000);
});
