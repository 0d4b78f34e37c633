/** The one reader of a workbook (readWorkbook) with its port (Book), its file adapters (xlsx, CSV) and what it leaves out (LeftOut). */
export * from "./book";
export * from "./left-out";
export * from "./names";
export {
  readWorkbook,
  readFound,
  readableParts,
  assemble,
  leaveOutRefused,
  WorkbookReadError,
  type FromRegister,
  type FoundRead,
  type ReadablePart,
  type ReadChoices,
  type WorkbookFound,
  type Grid,
  type LabelValue,
  type ReadOptions,
  type ScenarioParts,
  type WorkbookParts,
  type WorkbookRead,
  type YearFound,
} from "./read";
export { XlsxBook, XlsxError } from "./xlsx";
export { CsvBook } from "./csv";
export { MAX_CELLS, MAX_FILE_BYTES, TooLargeError, fileTooLarge, type Limits } from "./limits";
export { questionKey, type Answer, type Answers, type OpenQuestion, type OpenChoice } from "./questions";
export { selectionBook, selectionName, rangeAddress, type RangePlace } from "./selection";
export { ledgerLines, ledgerLinesText, type LedgerLines } from "./lines";
