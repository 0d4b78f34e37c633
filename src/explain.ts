/** The report's explanation as Dutch text (for the CLI's --explain, the audit file and bug reports). */
import { Decimal } from "./decimal";
import { formatEuroShort } from "./money";
import type { Report } from "./report";

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
  lines.push(
    "",
    `Bronnen tabel ${r.year} (${r.parameters.confidenceDetail || r.parameters.confidence}):`,
  );
  for (const s of r.parameters.sources) lines.push(`- ${s}`);
  return lines.join("\n") + "\n";
}
