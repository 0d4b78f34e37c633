/** Names the pane looks for in a workbook and the keys it stores in the document. */
import { normalizeHeader } from "../../../src/workbook/ledger";
import { DISPOSAL_TABLES as DISPOSALS, LEDGER_TABLES as LEDGERS, PARTNER_TABLES as PARTNERS } from "../../../src/workbook/rules";

/** document settings: the corrected column mapping per source, and the user's choices */
export const MAPPING_KEY = "kia.kolommen";
export const CHOICES_KEY = "kia.keuzes";

/**
 * The core's table names (src/workbook/rules.ts, kia-calc's too) as the pane compares them: normalizeHeader (no
 * case, accents, spaces or punctuation).
 */
export const LEDGER_TABLES = LEDGERS.map(normalizeHeader);
export const DISPOSAL_TABLES = DISPOSALS.map(normalizeHeader);
export const PARTNER_TABLES = PARTNERS.map(normalizeHeader);
