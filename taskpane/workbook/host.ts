/* global Office, navigator */
/**
 * Where the pane runs. The only place that looks at the Office global for host detection: inside Excel
 * (Office.onReady reports the Excel host) the pane gets the Office.js workbook; otherwise, the standalone
 * page (which loads no office.js, so there is no Office global) or the production page opened in a plain
 * browser (Office.onReady reports no host), it runs standalone and opens files. The Office.js adapter is a chunk of
 * its own, loaded only inside Excel: the standalone page never needs it, and the pane's first download stays small.
 */
import type { Host } from "./types";

function languageOf(tag: string | undefined | null): "nl" | "en" {
  return /^en\b/i.test(tag ?? "") ? "en" : "nl";
}

export async function connect(): Promise<Host> {
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
    const info = await Office.onReady();
    if (info && String(info.host) === "Excel") {
      const { officeWorkbook } = await import(/* webpackChunkName: "office-workbook" */ "./office");
      return {
        kind: "excel",
        workbook: officeWorkbook(),
        language: languageOf(Office.context?.displayLanguage),
        platform: String(info.platform ?? ""),
      };
    }
  }
  return { kind: "standalone", language: languageOf(typeof navigator !== "undefined" ? navigator.language : "nl-NL") };
}
