/** The web address of a legal reference label: the report model's rule (src/report-sheet/refs.ts). */
export { referenceUrls, type ReferenceLink } from "../../../src/report-sheet/refs";
