/** Public API of the KIA calculation core. No Office, DOM or Node dependencies. */
export { Decimal } from "./decimal";
export { KiaValidationError, NoTableError } from "./errors";
export { showValue } from "./errors";
export type { ValidationCode } from "./errors";
export type { AmountProblem } from "./money";
export { evaluate, evaluateNormalized } from "./evaluate";
export { explainText } from "./explain";
export { kia, bandText, TableResult } from "./table";
export {
  categoryVerdict,
  minimumAmountTest,
  vatBasisText,
} from "./eligibility";
export { allocate } from "./partnership";
export {
  disposalAddition,
  disinvestmentThreshold,
  inWindow,
} from "./disinvestment";
export { roundForReport } from "./rounding";
export {
  parseAmount,
  readAmount,
  readDutchAmount,
  readDutchCents,
  excelNumberAmount,
  excelProportion,
  isAmountProblem,
  checkRange,
  MAX_AMOUNT,
  MAX_DECIMALS,
  parseYear,
  formatEuro,
  formatEuroShort,
  formatPercent,
  groupThousands,
} from "./money";
export { validateScenario, validateRows } from "./scenario";
export type {
  Scenario,
  ScenarioInvestment,
  ScenarioPartner,
  ScenarioPartnership,
  ScenarioDisposal,
  NormalizedScenario,
  RowError,
  RowsValidated,
  RowsOptions,
} from "./scenario";
export type {
  Report,
  AssetReport,
  PartnerReport,
  CalamityReport,
  DisinvestmentReport,
} from "./report";
export type { Step, Reason, Warning } from "./explanation";
export {
  establishedYears,
  getYearTable,
  findCategory,
  suggestCategory,
  unknownCategoryHint,
  allCategories,
  categoryRule,
  ref,
  rules,
} from "./law";
export type { BandKind, Confidence, YearTable, CategoryData } from "./law";
