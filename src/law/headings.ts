/**
 * The headings vocabulary (balance-sheet headings, bookkeeping exports' asset groups, RGS codes: headings.json),
 * installed into the category lookup on import (src/law/index.ts installHeadings). The reader (src/workbook/ledger.ts)
 * imports it; the pane loads it in a chunk of its own before it reads a ledger, so its first download stays small.
 */
import { installHeadings, type HeadingsData } from "./index";
import headingsJson from "./headings.json";
import { checkShape } from "./shape";
import { headingsShape } from "./schema";

const data = headingsJson as unknown as HeadingsData;
const errors = checkShape(headingsShape, data, "headings");
if (errors.length) throw new Error(`Law data headings.json is invalid:\n${errors.join("\n")}`);
installHeadings(data);

export { data as headings };
