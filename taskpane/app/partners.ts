/**
 * The partners of a partnership from a table in the workbook (the template's "Vennoten"), read with the core's
 * reader (src/ledger.ts readPartners: Dutch and English headers, amounts with the core's readers, "50%"
 * accepted). The values become the text of the pane's inputs in the user's culture, so the scenario reads them
 * like anything the user types, and the user can still correct them.
 */
import { Decimal } from "../../src";
import {
  readPartners as coreReadPartners,
  type Cell,
  type LedgerProblem,
} from "../../src/ledger";
import { formatNumber, type Culture } from "./format";
import { PARTNER_AMOUNT_FIELDS, type PartnerInput } from "./state";

/** A plain decimal string as input text in the culture ("50000" -> "50.000", "0.4" -> "0,4"). */
export function inputText(plainDecimal: unknown, culture: Culture): string {
  if (typeof plainDecimal !== "string" && typeof plainDecimal !== "number")
    return "";
  try {
    const d = new Decimal(plainDecimal);
    return formatNumber(d, culture, d.decimalPlaces());
  } catch {
    return String(plainDecimal);
  }
}

export function partnersFromGrid(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  place: { firstRow: number; firstColumn: number },
  culture: Culture,
): { partners: PartnerInput[]; problems: LedgerProblem[] } {
  const read = coreReadPartners(headers, rows, place);
  const partners = read.items.map((p) => {
    const out: PartnerInput = {
      name: String(p.name ?? "").slice(0, 200),
      legalForm:
        typeof p.legalForm === "string" ? p.legalForm.slice(0, 100) : "",
      profit: "",
      capital: "",
      reserves: "",
      outsideInvestments: "",
      ownAssetsInPartnership: "",
    };
    for (const f of PARTNER_AMOUNT_FIELDS) out[f] = inputText(p[f], culture);
    return out;
  });
  return { partners, problems: read.problems };
}
