/**
 * The names the workbook template (templates/) and the reader (src/workbook/read.ts) share: the sheets, the Excel
 * tables, the workbook name of the year cell and the labels beside which a workbook gives its key, joint request
 * and year. The template generator imports them from here, so what it writes is what every reader looks for.
 * Names of a kind are compared like headers (normalizeHeader): the first of each list is the template's.
 */

/** Names of the ledger table; the first is the template's. */
export const LEDGER_TABLES = ["Investeringen", "Staat van investeringen", "Investments", "Activastaat", "Vaste activa"] as const;
export const PARTNER_TABLES = ["Vennoten", "Partners"] as const;
export const DISPOSAL_TABLES = ["Desinvesteringen", "Vervreemdingen", "Disposals"] as const;

/** The label beside which the partners sheet names the key ("Verdeelsleutel: winst"); the first is the template's. */
export const KEY_LABELS = ["Verdeelsleutel", "Verdeelsleutel KIA", "Sleutel"] as const;
/** The label beside which it says whether the joint request (condition f) was filed ("Ja" / "Nee"). */
export const REQUEST_LABELS = ["Gezamenlijk verzoek"] as const;
/** The labels beside which a workbook gives its year (the template: "Jaar" on the Overzicht). */
export const YEAR_LABELS = ["Jaar", "Belastingjaar", "Boekjaar"] as const;
export const KEY_LABEL = KEY_LABELS[0];
export const REQUEST_LABEL = REQUEST_LABELS[0];
/** The sheet searched first for the year: the template's summary sheet. */
export const SUMMARY_SHEET = "Overzicht";

/** The template's sheets. */
export const SHEET = {
  ledger: LEDGER_TABLES[0],
  partners: PARTNER_TABLES[0],
  disposals: DISPOSAL_TABLES[0],
  /** the reader looks here first for the year */
  summary: SUMMARY_SHEET,
  notes: "Toelichting",
  lists: "Lijsten",
} as const;

/** The template's Excel table names: the first of the names the reader knows (or it finds them by their headers). */
export const TABLE = { ledger: LEDGER_TABLES[0], partners: PARTNER_TABLES[0], disposals: DISPOSAL_TABLES[0] } as const;

/** The workbook name of the year cell (a plain cell, never a table); the reader takes it before any label. */
export const YEAR_NAME = "KIA_JAAR";

/**
 * How to give the reader an earlier year's report, in the words of every app at once: the pane's step 4 "Uit eerdere
 * jaren" and kia-calc --eerder. The reader's message for a sale of an earlier year's asset without its figures, the
 * one for a register reference not read (src/workbook/found.ts) and the pane's (taskpane/app/model/derive.ts) all use
 * it: one text, so the advice does not drift.
 */
export function earlierReportAdvice(year?: number): string {
  return `lees het rapport van ${year ?? "dat jaar"} in bij stap 4 "Uit eerdere jaren" (kia-calc: --eerder <bestand>)`;
}

/** A disposal that names an earlier year's register ("2023:M3") while that year's report was not read. */
export function registerNotRead(ref: string): string {
  const year = /^\s*(\d{4})\s*:/.exec(ref);
  return `verwijst naar het register van een eerder jaar (${ref}); ${earlierReportAdvice(year ? Number(year[1]) : undefined)}`;
}
