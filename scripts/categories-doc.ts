/** Generates docs/categories.md from src/law/categories.json (npm run docs:categories). A test keeps them in sync. */
import { writeFileSync } from "fs";
import { join } from "path";
import { allCategories, allHeadings, findCategory } from "../src/law";
import "../src/law/headings";

export function categoriesMarkdown(): string {
  const lines = [
    "# Asset categories",
    "",
    "Codes are stable (they are stored in workbooks). Input is matched case-insensitively on the code, the",
    "Dutch label, the English label and the aliases. Source of truth: `src/law/categories.json`; this page",
    "is generated from it (`npm run docs:categories`).",
    "",
    "| code | label | English | aliases | rule |",
    "|---|---|---|---|---|",
  ];
  for (const c of allCategories()) {
    const rules = c.rules.map((r) => `${r.from}–${r.to ?? ""}: ${r.eligible ? "eligible" : "excluded"} (${r.ref})`).join("; ");
    lines.push(`| \`${c.code}\` | ${c.label} | ${c.labelEn} | ${c.aliases.join(", ")} | ${rules} |`);
  }
  const h = allHeadings();
  lines.push(
    "",
    "## Headings of balance sheets, bookkeeping exports and RGS",
    "",
    "A ledger exported from a bookkeeping package (Exact, Twinfield, AFAS, SnelStart, e-Boekhouden, Moneybird) or a",
    "hand-made activastaat classifies by the headings of the balance sheet or by RGS code. A heading that names one",
    "category is read as that category (its rule and article above). An ambiguous heading makes every row an open",
    "question with these choices; the row's description suggests one (hints below). Matching ignores case, extra spaces",
    "and a leading account number (\"0210 - Machines\"); an RGS code of a lower level (`BMvaMeiVvpIna`) is read as its",
    "rubriek (`BMvaMei`).",
    "",
    "| headings | RGS | reads as | sources |",
    "|---|---|---|---|",
  );
  for (const e of h.entries) {
    const reads = e.category
      ? `\`${e.category}\` (${ruleText(e.category)})`
      : `question: ${e.ask!.map((a) => `\`${a.category}\`${a.label ? ` (${a.label})` : ""}`).join(" / ")}`;
    lines.push(`| ${e.names.join(", ")} | ${(e.rgs ?? []).map((c) => `\`${c}\``).join(", ")} | ${reads} | ${e.sources.join(", ")} |`);
  }
  lines.push(
    "",
    "Hints (a word in the description suggests the answer; the first hint that fits wins). A hint word is no category: written as",
    'the category ("Aanhangwagen") the row is refused, and the message names the category to choose (kies "overig").',
    "",
  );
  for (const x of h.hints) lines.push(`- \`${x.category}\`: ${x.words.join(", ")}`);
  lines.push("", "Sources:", "");
  for (const s of h.sources) lines.push(`- **${s.id}**: ${s.title}. <${s.url}>${s.via ? ` (via ${s.via})` : ""}`);
  return lines.join("\n") + "\n";
}

function ruleText(code: string): string {
  const c = findCategory(code)!;
  return c.rules.map((r) => `${r.from}–${r.to ?? ""}: ${r.eligible ? "eligible" : "excluded"}, ${r.ref}`).join("; ");
}

if (require.main === module) writeFileSync(join(__dirname, "..", "docs", "categories.md"), categoriesMarkdown());
