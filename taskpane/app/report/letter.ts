/**
 * Condition f of the approval for an agreed allocation key (Besluit investeringsaftrek 2014, onderdeel 4.1.4):
 * "een gezamenlijk, ondertekend verzoek waarin de keuze van de verdeelsleutel is opgenomen en akkoord wordt
 * gegaan met de voorwaarden, wordt ingediend voor het moment waarop de aanslag … van een van de deelnemers aan
 * het samenwerkingsverband onherroepelijk vaststaat." This module writes that request as plain Dutch text, ready
 * to print and sign: the partnership, the year, the key, every partner with his share, conditions a–f, and a
 * signature block for every partner. Pure: no DOM.
 */
import { Decimal } from "../../../src/decimal";
import type { PartnershipKey } from "../../../src/scenario";
import { formatNumber, formatPercent, type Culture } from "../text/format";

export interface LetterPartner {
  name: string;
  legalForm?: string;
  /** the partner's figure for the key (capital, reserves, profit share) as a plain decimal; ignored for "equal" */
  weight?: string;
}

export interface LetterInput {
  partnership: string;
  year: number;
  key: PartnershipKey;
  partners: LetterPartner[];
  /** the partnership's counted investments of the year (report.total), plain decimal */
  total?: string;
  /** the reference label of the approval, e.g. "Besluit investeringsaftrek 2014, onderdeel 4.1.4" */
  reference: string;
}

const KEY_TEXT: Record<PartnershipKey, { name: string; column: string }> = {
  profit: { name: "het aandeel in de (over)winst", column: "Aandeel (over)winst" },
  capital: { name: "de kapitaalsverhouding", column: "Kapitaal" },
  reserves: {
    name: "de aandelen in de stille reserves",
    column: "Stille reserves",
  },
  equal: { name: "gelijke delen", column: "" },
};

const DUTCH: Culture = {
  locale: "nl-NL",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  language: "nl",
};

/** A paragraph wrapped at `width` characters (for printing from a plain text editor). */
export function wrap(text: string, width = 90): string {
  const out: string[] = [];
  let line = "";
  // a no-break space keeps its neighbours together ("€ 80.000,00")
  for (const word of text.split(/[ \t\n\r]+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join("\n");
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

function padLeft(s: string, n: number): string {
  return s.length >= n ? s : " ".repeat(n - s.length) + s;
}

/** Each partner's share by the key, exactly (fractions adding up to 1), or null when the figures do not allow it. */
export function keyShares(key: PartnershipKey, partners: readonly LetterPartner[]): Decimal[] | null {
  if (!partners.length) return null;
  if (key === "equal") return partners.map(() => new Decimal(1).div(partners.length));
  let weights: Decimal[];
  try {
    weights = partners.map((p) => new Decimal(p.weight ?? "x"));
  } catch {
    return null;
  }
  const sum = weights.reduce((a, b) => a.plus(b), new Decimal(0));
  if (sum.isZero() || weights.some((w) => w.isNegative() || !w.isFinite())) return null;
  return weights.map((w) => w.div(sum));
}

export function letterText(input: LetterInput, today: Date = new Date()): string {
  const k = KEY_TEXT[input.key];
  const name = input.partnership.trim() || "[naam samenwerkingsverband]";
  const shares = keyShares(input.key, input.partners);
  const date = `${today.getDate()}-${today.getMonth() + 1}-${today.getFullYear()}`;
  const lines: string[] = [];
  lines.push(name, "", "Aan de inspecteur van de Belastingdienst", "", `Plaats en datum: ____________________, ${date}`, "");
  lines.push(
    `Betreft: Verzoek om toepassing van een afwijkende verdeelsleutel`,
    `         voor de investeringsaftrek over ${input.year}`,
    `         (${input.reference})`,
    "",
    "Geachte inspecteur,",
    "",
    wrap(
      `Ondergetekenden, alle vennoten van ${name}, verzoeken u gezamenlijk om voor de toepassing van de ` +
        `investeringsaftrek over het jaar ${input.year} bij de vraag in welke mate ieder van ons heeft geïnvesteerd ` +
        `aan te sluiten bij een verdeling naar ${k.name}, in plaats van naar het aandeel in de (over)winst ` +
        `(art. 3.41 lid 3 Wet IB 2001; ${input.reference}).`,
    ),
    "",
  );
  if (input.total !== undefined)
    lines.push(
      wrap(
        `De investeringen van het samenwerkingsverband in ${input.year} die voor de kleinschaligheidsinvesteringsaftrek ` +
          `meetellen, bedragen samen € ${formatNumber(input.total, DUTCH)}.`,
      ),
      "",
    );
  lines.push("De verdeling is als volgt:", "");
  const rows = input.partners.map((p, i) => ({
    who: p.name.trim() + (p.legalForm?.trim() ? ` (${p.legalForm.trim()})` : ""),
    weight: input.key === "equal" || p.weight === undefined || p.weight === "" ? "" : formatNumber(p.weight, DUTCH),
    share: shares ? formatPercent(shares[i], DUTCH, 2) : "[aandeel]",
  }));
  const w1 = Math.max(7, ...rows.map((r) => r.who.length)) + 2;
  const w2 = k.column ? Math.max(k.column.length, ...rows.map((r) => r.weight.length)) + 2 : 0;
  lines.push(pad("Vennoot", w1) + (k.column ? padLeft(k.column, w2 - 2) + "  " : "") + "Aandeel");
  for (const r of rows) lines.push(pad(r.who, w1) + (k.column ? padLeft(r.weight, w2 - 2) + "  " : "") + padLeft(r.share, 7));
  lines.push("");
  const item = (s: string) => wrap(s, 87).replace(/\n/g, "\n   ");
  lines.push(
    wrap(`Wij verklaren dat wij akkoord gaan met de voorwaarden van ${input.reference}:`),
    item("a. alle vennoten hanteren hetzelfde verdelingscriterium;"),
    item("b. de verdeling vindt plaats op redelijke basis;"),
    item("c. de verdeling vindt toepassing op alle vormen van investeringsaftrek met uitzondering van de filminvesteringsaftrek;"),
    item("d. de verdeling vindt toepassing op alle vennootschappelijke investeringen van de deelnemers aan het samenwerkingsverband;"),
    item("e. bij de berekening van de desinvesteringsbijtelling wordt niet van een andere verdeling uitgegaan dan bij de investeringsaftrek is gehanteerd;"),
    item(
      `f. dit verzoek wordt ingediend voordat de aanslag inkomstenbelasting/premie volksverzekeringen of vennootschapsbelasting over ${input.year} van een van de vennoten onherroepelijk vaststaat.`,
    ),
    "",
    "Met vriendelijke groet,",
    "",
    "Ondertekening door alle vennoten:",
  );
  for (const p of input.partners) {
    lines.push(
      "",
      `Naam:           ${p.name.trim()}`,
      ...(p.legalForm?.trim() ? [`Rechtsvorm:     ${p.legalForm.trim()}`] : []),
      "BSN / RSIN:     ______________________",
      "Handtekening:   ______________________",
      "Datum:          ______________________",
    );
  }
  lines.push("");
  return lines.join("\n");
}
