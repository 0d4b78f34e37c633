/** Generates docs/categories.md from src/law/categories.json (npm run docs:categories). A test keeps them in sync. */
import { writeFileSync } from "fs";
import { join } from "path";
import { allCategories } from "../src/law";

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
  return lines.join("\n") + "\n";
}

if (require.main === module) writeFileSync(join(__dirname, "..", "docs", "categories.md"), categoriesMarkdown());
