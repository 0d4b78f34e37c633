import { readFileSync } from "fs";
import { join } from "path";
import { categoriesMarkdown } from "../scripts/categories-doc";

it("docs/categories.md is generated from the catalogue (run npm run docs:categories)", () => {
  expect(readFileSync(join(__dirname, "..", "docs", "categories.md"), "utf8")).toBe(categoriesMarkdown());
});
