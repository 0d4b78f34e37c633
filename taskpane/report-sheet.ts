/**
 * The pane's report chunk (loaded when the report step opens): the one report builder of src/report-sheet, and what
 * only the pane knows: the disposals entered in step 4 and not complete (leftOutRows).
 */
import type { LedgerField } from "../src/workbook/ledger";
import { fieldName, type LeftOut } from "../src/workbook/left-out";
import { messages } from "./app/text/i18n";
import type { DisposalIssue } from "./app/model/scenario";
import { leftOutRow, paneDisposalText, type LeftOutRow } from "../src/report-sheet";

export * from "../src/report-sheet";

/**
 * The rows the pane left out, as the report lists them: the reader's LeftOut entries as they are (the cells not read
 * and the rows the core refuses, at the cells kia-calc names; several cells of one row are one line each, as in the
 * pane), then every disposal entered in step 4 and not complete, named by where it was entered. The column in the
 * report's language; the reasons are the core's Dutch. Nothing is parsed back from a text.
 */
export function leftOutRows(
  leftOut: readonly LeftOut[],
  entered: { issues: readonly DisposalIssue[]; disposals: readonly { description: string }[] },
  lang: "nl" | "en",
): LeftOutRow[] {
  const names = messages(lang).fieldNames;
  const column = (x: LeftOut) => (lang === "nl" ? fieldName(x) : x.list === "investments" && x.field !== "row" ? names[x.field as LedgerField] : undefined);
  const out = leftOut.filter((x) => x.list !== "partners").map((x) => leftOutRow(x, column));
  for (const x of entered.issues) {
    if (x.origin.kind !== "user") continue;
    const description = entered.disposals[x.origin.index]?.description.trim();
    const r: LeftOutRow = { list: "disposals", cell: paneDisposalText(lang, x.origin.index + 1), reason: x.message };
    if (description) r.id = description;
    out.push(r);
  }
  return out;
}
