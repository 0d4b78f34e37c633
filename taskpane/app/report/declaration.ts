/**
 * Besluit investeringsaftrek 2014, onderdeel 4.2 (4.3 for a herbestedingsreserve): the investment deduction on the
 * cost of an asset before the herinvesteringsreserve is written off it, only with "een volgens bijgevoegd model
 * (zie bijlage 1) opgemaakte en ondertekende verklaring", filed before the assessment of the year is final. This
 * module writes that declaration as plain Dutch text after the model of bijlage 1: the year, the replacing assets,
 * a line for each asset given up, the two statements and conditions a and b, and a signature block. Pure: no DOM.
 */
import { formatNumber, type Culture } from "../text/format";
import { wrap } from "./letter";

export interface DeclarationAsset {
  id: string;
  description?: string;
  /** the investment amount (cost before the reserve), plain decimal */
  amount: string;
  /** the reserve written off it, plain decimal */
  reserve: string;
  kind: "hir" | "herbesteding";
}

export interface DeclarationInput {
  /** the taxpayer (or the partnership's name, signed by every partner) */
  taxpayer: string;
  year: number;
  assets: DeclarationAsset[];
  /** the reference label, e.g. "Besluit investeringsaftrek 2014, onderdeel 4.2" */
  reference: string;
}

const DUTCH: Culture = { locale: "nl-NL", decimalSeparator: ",", thousandsSeparator: ".", language: "nl" };

export function declarationText(input: DeclarationInput): string {
  const euro = (v: string) => `€\u00a0${formatNumber(v, DUTCH, 2)}`;
  const who = input.taxpayer.trim() || "[naam belastingplichtige]";
  const herbesteding = input.assets.some((a) => a.kind === "herbesteding");
  const lines = [
    "Aan de inspecteur van de Belastingdienst",
    "",
    `Betreft: Verklaring inzake de berekening van investeringsaftrek en`,
    `         desinvesteringsbijtelling bij aanwending van een`,
    `         ${herbesteding ? "herinvesterings- of herbestedingsreserve" : "herinvesteringsreserve"}`,
    `         (${input.reference}, bijlage 1)`,
    "",
    wrap(
      `De ondergetekende, ${who}, BSN/RSIN ______________________, verzoekt voor de heffing van de inkomstenbelasting ` +
        `of vennootschapsbelasting over het jaar ${input.year} toepassing van ${input.reference}` +
        (herbesteding ? " (voor een herbestedingsreserve via onderdeel 4.3)" : "") +
        ", met betrekking tot de volgende bedrijfsmiddelen:",
    ),
    "",
  ];
  input.assets.forEach((a, i) =>
    lines.push(
      wrap(
        `${i + 1}. ${a.id}${a.description && a.description !== a.id ? ` (${a.description})` : ""}: kostprijs ${euro(a.amount)}, ` +
          `daarop afgeboekte ${a.kind === "hir" ? "herinvesteringsreserve" : "herbestedingsreserve"} ${euro(a.reserve)}.`,
        87,
      ).replace(/\n/g, "\n   "),
    ),
  );
  lines.push(
    "",
    "De afgestane bedrijfsmiddelen zijn:",
    "",
    "1. ____________________________________________________________",
    "2. ____________________________________________________________",
    "",
    wrap(
      "De ondergetekende verklaart dat bij de berekening van de grondslag voor het verlenen van investeringsaftrek is " +
        "uitgegaan van de reële waarde van zowel het vervangende als het afgestane bedrijfsmiddel.",
    ),
    "",
    "Voorts verklaart de ondergetekende akkoord te gaan met de volgende voorwaarden:",
    wrap(
      "a. Is investeringsaftrek genoten over de kostprijs van een bedrijfsmiddel zonder dat deze is verminderd met de " +
        "op voet van artikel 3.54 Wet IB 2001 gevormde herinvesteringsreserve ter zake van het afgestane bedrijfsmiddel, " +
        "dan zal de desinvesteringsbijtelling met betrekking tot het desbetreffende bedrijfsmiddel worden berekend over de " +
        "overdrachtsprijs dan wel de waarde in het economische verkeer van deze bedrijfsmiddelen.",
      87,
    ).replace(/\n/g, "\n   "),
    wrap(
      "b. Indien blijkt dat is uitgegaan van een te hoge grondslag voor het berekenen van investeringsaftrek, wordt de " +
        "ondergetekende geacht geen verzoek om toepassing van het in deze verklaring bedoelde besluit te hebben gedaan, " +
        "zodat de investeringsaftrek alsnog overeenkomstig de in het arrest van 24 december 1975, nr. 17 795, " +
        "weergegeven opvatting van de Hoge Raad moet worden berekend.",
      87,
    ).replace(/\n/g, "\n   "),
    "",
    wrap(`In te dienen voordat de aanslag over ${input.year} onherroepelijk vaststaat; zonder deze verklaring geldt de ` + "goedkeuring niet."),
    "",
    "Plaats:         ______________________",
    "Datum:          ______________________",
    "Handtekening:   ______________________",
    "",
  );
  return lines.join("\n");
}
