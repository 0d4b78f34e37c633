/** What both workbook adapters need to know about a value they write into a cell: the report model's rule. */
export { looksLikeFormula } from "../../src/report-sheet/types";
