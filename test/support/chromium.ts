/**
 * The gate of the browser tests: they drive Debian's chromium (apt-get install -y chromium) with playwright-core,
 * which downloads no browser. Without it a suite is skipped with a message, except when CI is set: then it fails,
 * so CI cannot pass without having run the browser tests.
 */
import { existsSync } from "fs";

export const CHROMIUM = "/usr/bin/chromium";

const inCi = !!process.env.CI && !["false", "0"].includes(process.env.CI.toLowerCase());

/** `describe(title, body)` when chromium is there; otherwise a failing test in CI, a skipped one elsewhere. */
export function browserSuite(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  if (inCi) {
    it(title, () => {
      throw new Error(`${CHROMIUM} ontbreekt en CI is gezet: installeer chromium (apt-get install -y chromium); de browsertest mag in CI niet overgeslagen worden.`);
    });
    return;
  }
  console.warn(`Browsertest overgeslagen: ${CHROMIUM} ontbreekt (installeer met: apt-get install -y chromium). In CI (CI=true) faalt deze test dan.`);
  it.skip(`${title} (overgeslagen: ${CHROMIUM} ontbreekt)`, () => undefined);
}
