/** The report's explanation as Dutch text (for the CLI's --explain, the audit file and bug reports). */
import { Decimal } from "./decimal";
import { formatEuroShort } from "./money";
import type { Report } from "./report";

const KIND_NL: Record<string, string> = {
  wet: "wettekst",
  besluit: "besluit",
  belastingdienst: "Belastingdienst",
  rechtspraak: "rechtspraak",
  secondary: "niet-officiële bron",
};

export function explainText(r: Report): string {
  const lines: string[] = [];
  lines.push(
    `KIA ${r.year}: ${r.exact ? r.kia : formatEuroShort(new Decimal(r.kia))}`,
  );
  lines.push("");
  r.explanation.forEach((s, i) =>
    lines.push(`${i + 1}. ${s.text}${s.ref ? ` [${s.ref}]` : ""}`),
  );
  if (r.warnings.length) {
    lines.push("", "Waarschuwingen:");
    for (const w of r.warnings) lines.push(`- ${w.text}`);
  }
  const p = r.parameters;
  lines.push("", `Bronnen tabel ${r.year} (${p.confidenceDetail || p.confidence}):`);
  for (const s of p.sources)
    lines.push(
      `- ${s.title} (${KIND_NL[s.kind] ?? s.kind}; ${s.supports}): ${s.url}` +
        (s.via ? ` — gelezen in ${s.via}` : ""),
    );
  if (p.notes) lines.push(`Opmerking: ${p.notes}`);
  if (p.contradictions) lines.push(`Tegenstrijdige bronnen: ${p.contradictions}`);
  lines.push("", "Wetsartikelen en andere grondslagen:");
  for (const ref of p.references) lines.push(`- ${ref.label}: ${ref.url}`);
  return lines.join("\n") + "\n";
}
