/** The report's explanation as Dutch text (for the CLI's --explain, the audit file and bug reports). */
import { Decimal } from "./decimal";
import { formatEuroShort } from "./money";
import { AUTHORITATIVE_KINDS } from "./law/types";
import type { Report } from "./report";

const KIND_NL: Record<string, string> = {
  wet: "wettekst",
  besluit: "besluit",
  belastingdienst: "Belastingdienst",
  rechtspraak: "rechtspraak",
};

export function explainText(r: Report): string {
  const lines: string[] = [];
  lines.push(`KIA ${r.year}: ${r.exact ? r.kia : formatEuroShort(new Decimal(r.kia))}`);
  lines.push("");
  r.explanation.forEach((s, i) => lines.push(`${i + 1}. ${s.text}${s.ref ? ` [${s.ref}]` : ""}`));
  if (r.warnings.length) {
    lines.push("", "Waarschuwingen:");
    for (const w of r.warnings) lines.push(`- ${w.text}`);
  }
  const p = r.parameters;
  // the law and the Belastingdienst, at their own address: how the law data was gathered (a repository, other
  // websites that confirm a table) is for the developers and stays in src/law, out of a client file
  const official = p.sources.filter((s) => (AUTHORITATIVE_KINDS as readonly string[]).includes(s.kind));
  // one pair of brackets at most: the detail and a source's own texts may have theirs
  lines.push("", `Bronnen tabel ${r.year} – ${p.confidenceDetail || p.confidence}:`);
  for (const s of official) lines.push(`- ${KIND_NL[s.kind] ?? s.kind}: ${s.title}; onderbouwt ${s.supports}: ${s.url}`);
  if (!official.length)
    lines.push(`- geen officiële bron in de wettelijke gegevens; ${p.sources.length} andere ${p.sources.length === 1 ? "bron" : "bronnen"} (src/law)`);
  if (p.notes) lines.push(`Opmerking: ${p.notes}`);
  lines.push("", "Wetsartikelen en andere grondslagen:");
  for (const ref of p.references) lines.push(`- ${ref.label}: ${ref.url}`);
  return lines.join("\n") + "\n";
}
