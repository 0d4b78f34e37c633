/** Names the pane looks for in a workbook and the keys it stores in the document. */

/** document settings: the corrected column mapping per source, and the user's choices */
export const MAPPING_KEY = "kia.kolommen";
export const CHOICES_KEY = "kia.keuzes";

/** table names (compared with normalizeHeader: no case, accents, spaces or punctuation) */
export const LEDGER_TABLES = [
  "investeringen",
  "staatvaninvesteringen",
  "investments",
  "activastaat",
  "vasteactiva",
];
export const DISPOSAL_TABLES = [
  "desinvesteringen",
  "vervreemdingen",
  "disposals",
];
export const PARTNER_TABLES = ["vennoten", "partners"];

/** the label beside which the partners sheet names the key ("Verdeelsleutel: winst") */
export const KEY_LABEL = "Verdeelsleutel";
/** the label beside which it says whether the joint request (condition f) was filed ("Ja" / "Nee") */
export const REQUEST_LABEL = "Gezamenlijk verzoek";
