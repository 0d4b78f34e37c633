/**
 * A client over the years (issue 18) in the standalone page, in chromium: step 4 "Uit eerdere jaren" with the report
 * of an earlier year added as a file. The client of test/fixtures/years/client.ts (Bakkerij De Vries vof, Jan 60 %,
 * Piet 40 %); its reports of 2023 and 2024 are written here, on the fly, by kia-calc --rapport (the add-in's own report
 * builder), as test/years.test.ts does, and uploaded as the accountant uploads last year's downloaded report.
 *  - 2024: the ledger read, the report of 2023 added: the Koelcel M2 (ordered in 2023, € 5.000 paid, € 947 of its KIA
 *    carried forward under art. 3.44) is paid in full by the end of 2024 (its row in the ledger, "uit de staat"), so
 *    the € 947 is deductible in 2024: KIA 2024 € 3.360 (12.000 x 28 %), with 2023's € 947 in all € 4.307; nothing
 *    stays open. The row of M2 dated 2023 is 2023's investment by its register: its question is settled, the figure
 *    is final.
 *  - 2025 (the ledger without its Desinvesteringen table): the reports of 2023 and 2024 added, the Bestelbus M3 of 2023
 *    found by searching "bus" and picked with "Vervreemd": investment year 2023, amount € 20.000, 2023's total
 *    € 90.000 and Piet's own 17,841 % of 2023 are filled in and cited to the register; with the price € 15.000 the
 *    addition is min(15.000; 20.000) x 17.841 / 90.000 = 2.973,50 -> € 2.973 (Jan € 1.784, Piet € 1.070), the
 *    figures of test/years.test.ts.
 * Screenshots go to test-artifacts/e2e/ and, with npm run screenshots, to docs/img/ (docs/handleiding.md).
 * Needs /usr/bin/chromium (see test/support/chromium.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { browserSuite } from "../support/chromium";
import { call } from "../support/cli";
import { count, euro, live, noSideScroll, openPage, shot, standaloneSuite, until } from "../support/standalone-page";
import { ledgerWorkbook } from "../fixtures/years/client";

/** how long to wait for the pane to re-render: long, as the machine may be busy with other work */
const WAIT = 15000;
const WIDTH = 350;

browserSuite("a client over the years in the standalone page (chromium): step 4 'Uit eerdere jaren'", () => {
  const env = standaloneSuite();
  const dir = mkdtempSync(join(tmpdir(), "kia-years-e2e-"));
  const file = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // the client's ledgers and its reports of 2023 and 2024, each year's report read back by the next (kia-calc --eerder)
  beforeAll(async () => {
    writeFileSync(file("staat-2023.xlsx"), await ledgerWorkbook(2023));
    writeFileSync(file("staat-2024.xlsx"), await ledgerWorkbook(2024));
    writeFileSync(file("staat-2025.xlsx"), await ledgerWorkbook(2025, { disposals: false }));
    const r2023 = await call([file("staat-2023.xlsx"), "--rapport", file("rapport-2023.xlsx"), "--datum", "01-03-2024"]);
    expect(r2023.code).toBe(0);
    const r2024 = await call([file("staat-2024.xlsx"), "--eerder", file("rapport-2023.xlsx"), "--rapport", file("rapport-2024.xlsx"), "--datum", "01-03-2025"]);
    expect(r2024.code).toBe(0);
  }, 60000);

  /** Open the page, upload the year's ledger; the KIA card is on screen. */
  async function upload(year: number) {
    const p = await openPage(env.browser, env.origin, "nl-NL", WIDTH, 1000);
    await p.page.setInputFiles("#ledger-file", file(`staat-${year}.xlsx`));
    await p.page.waitForSelector("#kia-amount", { timeout: 20000 });
    return p;
  }

  /** A list of figures (dl.stats) as "label: value". */
  const stats = (dl: Locator) => dl.evaluate((el) => Array.from(el.querySelectorAll("dt")).map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));

  const kia = (page: Page, year: number, amount: string) =>
    until(() => live(page), (t) => t.includes(`KIA ${year} ${euro(amount)}`), `KIA ${year} ${euro(amount)}`, WAIT);

  /** Step 4, the reports of earlier years added as files in "Uit eerdere jaren"; the registers used are listed. */
  async function addEarlier(page: Page, years: number[]) {
    await page.click("#tab-payment");
    await page.waitForSelector("#earlier-heading", { timeout: WAIT });
    // the page's own file is read for registers when step 4 first asks (the ledger itself was read in the reading worker)
    await until(() => page.locator(".earlier").innerText(), (t) => t.includes("Nog geen register van een eerder jaar gevonden."), "geen register", WAIT);
    await page.setInputFiles("#earlier-files", years.map((y) => file(`rapport-${y}.xlsx`)));
    const used = years.map((y) => `${y} (KIA_REGISTER_${y} in rapport-${y}.xlsx)`).join(", ");
    await until(() => page.locator(".earlier").innerText(), (t) => t.includes(`Gebruikt: ${used}`), `Gebruikt: ${used}`, WAIT);
    expect(await page.locator(".earlier-messages").count()).toBe(0);
  }

  it("2024: the report of 2023 added; 2023's € 947 (art. 3.44) deductible now: KIA € 3.360, in all € 4.307", async () => {
    const { page, finish } = await upload(2024);
    await kia(page, 2024, "3360");
    // the Koelcel's row dated 2023: a question until the register says it is 2023's investment
    expect(await page.locator("#kia-provisional").innerText()).toBe("Voorlopig: 1 open vraag");
    await addEarlier(page, [2023]);
    await page.waitForSelector("#carried-heading", { timeout: WAIT });
    const carried = page.locator("section[aria-labelledby=carried-heading]");
    const item = carried.locator(".carried-item");
    expect(await item.count()).toBe(1);
    const text = await item.innerText();
    expect(text).toMatch(/^2023 · M2 — Koelcel\s+uit de staat/);
    expect(await stats(item.locator("dl.stats").first())).toEqual([`Open begin jaar: ${euro("947")}`, `Dit jaar aftrekbaar: ${euro("947")}`, `Blijft open: ${euro("0")}`]);
    // paid in full (the ledger says € 30.000 by the end of 2024), not yet in use: nothing ticked, nothing typed
    expect(await item.locator("input[type=checkbox]").isChecked()).toBe(false);
    expect(await stats(carried.locator(":scope > dl.stats"))).toEqual([`Dit jaar aftrekbaar: ${euro("947")}`, `Blijft open: ${euro("0")}`, `Totaal aftrekbaar dit jaar: ${euro("4307")}`]);
    // the question settled by the register: the KIA of 2024 is final, this year's part unchanged
    await until(() => page.locator("#kia-provisional").count(), (n) => n === 0, "niet meer voorlopig", WAIT);
    await kia(page, 2024, "3360");
    const payment = await page.locator("section[aria-labelledby=payment-heading] dl.stats").first().innerText();
    expect(payment).toContain(euro("3360"));
    // the assets of 2023 to pick a disposal from (none sold in 2024)
    expect(await page.locator(".candidates li").allInnerTexts()).toEqual([
      `2023 · M1 — Oven · ${euro("40000")} Vervreemd`,
      `2023 · M2 — Koelcel · ${euro("30000")} Vervreemd`,
      `2023 · M3 — Bestelbus · ${euro("20000")} Vervreemd`,
    ]);
    await noSideScroll(page, "eerdere jaren 2024");
    await shot(page, "16-eerdere-jaren", "#earlier-heading");
    const { errors, csp } = await finish();
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  }, 90000);

  it("2025: the reports of 2023 and 2024 added; the Bestelbus of 2023 picked from the register and sold for € 15.000: addition € 2.973", async () => {
    const { page, finish } = await upload(2025);
    await kia(page, 2025, "840");
    await addEarlier(page, [2023, 2024]);
    // nothing open any more from earlier years: 2024 deducted all of 2023's € 947
    expect(await page.locator("#carried-heading").count()).toBe(0);
    await page.fill("#f-earlier_46_search", "bus");
    await count(page, ".candidates li", 1, WAIT);
    await page.locator(".candidates li", { hasText: "M3 — Bestelbus" }).locator("button", { hasText: "Vervreemd" }).click();
    await until(() => page.locator(".candidates + p.hint, .earlier p[role=status]").innerText(), (t) => t.length > 0, "melding");
    expect(await page.locator(".earlier p[role=status]").innerText()).toBe("Bestelbus toegevoegd bij de vervreemdingen hieronder: vul de verkoopprijs in.");
    // the figures of 2023 filled in and cited; the focus on the price
    await until(() => page.evaluate(() => document.activeElement?.id), (id) => id === "f-disposal_46_0_46_price", "focus op de verkoopprijs", WAIT);
    const value = (key: string) => page.inputValue(`#f-disposal_46_0_46_${key}`);
    expect([await value("description"), await value("investmentYear"), await value("investmentAmount"), await value("investmentYearTotal")]).toEqual([
      "Bestelbus",
      "2023",
      "20.000",
      "90.000",
    ]);
    const disposal = page.locator("fieldset.disposal").first();
    // Piet's own percentage of 2023 (17.841 / 100.000 of his row with his own assets); Jan had the partnership's
    expect([await disposal.getByLabel(/^KIA-percentage van Jan in 2023/).inputValue(), await disposal.getByLabel(/^KIA-percentage van Piet in 2023/).inputValue()]).toEqual(["", "17,841%"]);
    expect(await disposal.locator(".source").innerText()).toBe("Uit KIA_REGISTER_2023 in rapport-2023.xlsx: M3 (Bestelbus)");
    await page.fill("#f-disposal_46_0_46_price", "15.000");
    await page.waitForSelector("#disinvestment-result", { timeout: WAIT });
    const result = page.locator("section[aria-labelledby=disinvestment-result]");
    await until(() => result.innerText(), (t) => t.includes(euro("2973")), `bijtelling ${euro("2973")}`, WAIT);
    expect(await result.locator(".reasons").innerText()).toBe(`Bestelbus: ${euro("15000")} → ${euro("2973.5")}`);
    await kia(page, 2025, "840");
    await noSideScroll(page, "vervreemding uit register 2025");
    await shot(page, "17-vervreemding-uit-register", "fieldset.disposal");
    // per partner at his own percentage of 2023 (step 3): Jan 15.000 x 0,6 x 17.841 / 90.000, Piet 15.000 x 0,4 x 17,841 %
    await page.click("#tab-partnership");
    await page.waitForSelector(".partner-result[data-partner=Piet]", { timeout: WAIT });
    const partner = async (name: string) => (await stats(page.locator(`.partner-result[data-partner=${name}] dl.stats`))).filter((x) => x.startsWith("Desinvesteringsbijtelling: "));
    expect([await partner("Jan"), await partner("Piet")]).toEqual([[`Desinvesteringsbijtelling: ${euro("1784")}`], [`Desinvesteringsbijtelling: ${euro("1070")}`]]);
    const { errors, csp } = await finish();
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  }, 90000);
});
