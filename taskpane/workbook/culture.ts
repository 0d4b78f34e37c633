/** A culture from a locale name with the browser's Intl: separators as that locale writes 12.345,6. */
import type { Culture } from "./types";

export function cultureFromLocale(locale: string | undefined, language: "nl" | "en"): Culture {
  const loc = locale && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(locale) ? locale : language === "en" ? "en-GB" : "nl-NL";
  let decimalSeparator = ",";
  let thousandsSeparator = ".";
  try {
    const parts = new Intl.NumberFormat(loc).formatToParts(12345.6);
    decimalSeparator = parts.find((p) => p.type === "decimal")?.value ?? decimalSeparator;
    thousandsSeparator = parts.find((p) => p.type === "group")?.value ?? "";
  } catch {
    // an unknown locale: keep the Dutch separators
  }
  return { locale: loc, decimalSeparator, thousandsSeparator, language };
}
