// npm run lint (office-addin-lint) uses this file instead of its own default, which is the same first block:
// Microsoft's recommended rules for Office add-ins, with prettier, on the TypeScript parser.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      // TypeScript checks names itself (npm test typechecks with the DOM, Office and Node types of each part);
      // ESLint's no-undef knows no types and reports Office, TextDecoder, document … (typescript-eslint's advice).
      "no-undef": "off",
      // ESLint's own rule reports the parameter names of function types ((v: string) => void); the TypeScript
      // rule (@typescript-eslint/no-unused-vars, on in the recommended set) knows them.
      "no-unused-vars": "off",
    },
  },
  {
    // The Office adapter is the one file with Office.js calls. These three rules follow a proxy object's load and
    // sync only within a few lines and do not know navigation properties (table.worksheet) or isNullObject, so they
    // report reads that follow load("a, b, c") and await ctx.sync() (57 reports here, none a missing load). The
    // adapter's loads and syncs are exercised by test/workbook-office.test.ts on office-addin-mock, which gives
    // "property was not loaded" for a read before its load and sync.
    files: ["taskpane/workbook/office.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
];
