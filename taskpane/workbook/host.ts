/* global Office, navigator, location, localStorage */
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
  return { kind: "standalone", language: standaloneLanguage() };
}

/** the standalone page's language chosen by the user (the header's link), kept in the browser */
const LANGUAGE_KEY = "kia-addin:taal";

/**
 * The standalone page speaks the browser's language (English in an English browser, Dutch otherwise), unless the
 * user chose: ?lang=nl or ?lang=en (the link in the page's header), remembered in the browser for next time.
 */
function standaloneLanguage(): "nl" | "en" {
  let chosen: string | null = null;
  try {
    chosen = typeof location !== "undefined" ? new URLSearchParams(location.search).get("lang") : null;
    if (chosen === "nl" || chosen === "en") localStorage.setItem(LANGUAGE_KEY, chosen);
    else chosen = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // no storage (a private window): the link still works for this page
  }
  if (chosen === "nl" || chosen === "en") return chosen;
  return languageOf(typeof navigator !== "undefined" ? navigator.language : "nl-NL");
}
