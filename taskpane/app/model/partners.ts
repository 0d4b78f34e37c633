/**
 * The partners the one reader found (src/workbook/read.ts readWorkbook: a table or a list on a sheet without tables,
 * with the key and the joint request beside their labels), read with the core's reader (src/workbook/ledger.ts
 * readPartners: Dutch and English headers, amounts with the core's readers, "50%" accepted). The values become the
 * text of the pane's inputs in the user's culture, so the scenario reads them like anything the user types, and the
 * user can still correct them.
 */
import { Decimal } from "../../../src/decimal";
import { cellText, columnLetter, readPartners as coreReadPartners, type Cell, type LedgerProblem } from "../../../src/workbook/ledger";
import { partnershipKeyOf } from "../../../src/scenario";
import { yesOrNo } from "../../../src/workbook/rules";
import type { WorkbookRead } from "../../../src/workbook/read";
import { formatNumber, type Culture } from "../text/format";
import { PARTNER_AMOUNT_FIELDS, type PartnerInput, type PartnershipInput, type PartnersRead } from "./state";

/** A plain decimal string as input text in the culture ("50000" -> "50.000", "0.4" -> "0,4"). */
export function inputText(plainDecimal: unknown, culture: Culture): string {
  if (typeof plainDecimal !== "string" && typeof plainDecimal !== "number") return "";
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
      legalForm: typeof p.legalForm === "string" ? p.legalForm.slice(0, 100) : "",
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

/** "Ja" / "Nee" (and the other words the template's drop-down and kia-calc accept) beside "Gezamenlijk verzoek". */
export function jointRequestOf(c: Cell | undefined): "yes" | "no" | undefined {
  const yes = yesOrNo(c);
  return yes === undefined ? undefined : yes ? "yes" : "no";
}

/**
 * The partnership of the partners the reader found (src/workbook/read.ts readWorkbook: a table or a list on a sheet
 * without tables, in Excel and in the standalone page alike), with the key and the joint request it found beside
 * their labels. Undefined when there are no partners.
 */
export function partnershipFromRead(
  read: { partners?: WorkbookRead["partners"]; key?: WorkbookRead["key"]; request?: WorkbookRead["request"] },
  culture: Culture,
): { partnership: PartnershipInput; read: PartnersRead } | undefined {
  const g = read.partners;
  if (!g) return undefined;
  const r = partnersFromGrid(g.headers, g.rows, { firstRow: g.firstRow, firstColumn: g.firstColumn }, culture);
  if (!r.partners.length) return undefined;
  return partnershipOf(g.source.replace(/^(tabel|blad) /, ""), r, read.key, read.request);
}

/**
 * The partners with the key and the joint request. A key the core does not know is refused by the reader's rule
 * (kia-calc: the core refuses it); the pane shows that refusal at the key, with "winst" chosen for the user to
 * confirm or change, never without a word.
 */
function partnershipOf(
  table: string,
  r: ReturnType<typeof partnersFromGrid>,
  keyCell: { sheet: string; row: number; column: number; value: Cell } | undefined,
  requestCell: { value: Cell } | undefined,
): { partnership: PartnershipInput; read: PartnersRead } {
  const keyText = keyCell ? cellText(keyCell.value).trim() : "";
  const key = keyText ? partnershipKeyOf(keyText) : undefined;
  const keyProblem =
    keyText && !key
      ? [
          `${keyCell!.sheet}!${columnLetter(keyCell!.column)}${keyCell!.row} (verdeelsleutel): "${keyText.slice(0, 40)}" is geen verdeelsleutel; ` +
            `kies winst, kapitaal, stille reserves of gelijk (nu staat winst ingesteld)`,
        ]
      : [];
  const jointRequest = jointRequestOf(requestCell?.value);
  return {
    partnership: {
      enabled: true,
      name: "",
      key: key ?? "profit",
      jointRequest: jointRequest ?? "unknown",
      allDeductions: "unknown",
      sameForDisinvestment: "unknown",
      disinvestmentLevel: "partner",
      partners: r.partners,
    },
    read: {
      table,
      count: r.partners.length,
      ...(key ? { key } : {}),
      ...(jointRequest ? { jointRequest } : {}),
      // the cells not read are LeftOut entries of the reader (listed with the ledger's in step 1)
      problems: keyProblem,
    },
  };
}
