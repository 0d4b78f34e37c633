/**
 * Public API of the KIA calculation core. No Office, DOM or Node dependencies.
 * Every exported function answers any JavaScript value with its result or a KiaValidationError (NoTableError for a
 * year without a table): the parameters are checked at this boundary (src/boundary.ts), where a function does not
 * check them itself; test/api-boundary.test.ts calls every export with arbitrary values.
 */
import { checked, kind } from "./boundary";
import { showValue as showValueRaw } from "./errors";
import { evaluateNormalized as evaluateNormalizedRaw } from "./evaluate";
import { explainText as explainTextRaw } from "./explain";
import { bandText as bandTextRaw } from "./table";
import {
  categoryVerdict as categoryVerdictRaw,
  minimumAmountTest as minimumAmountTestRaw,
  vatBasisText as vatBasisTextRaw,
} from "./eligibility";
import { allocate as allocateRaw } from "./partnership";
import {
  disposalAddition as disposalAdditionRaw,
  disinvestmentThreshold as disinvestmentThresholdRaw,
  inWindow as inWindowRaw,
} from "./disinvestment";
import { roundForReport as roundForReportRaw } from "./rounding";
import {
  parseAmount as parseAmountRaw,
  readDutchAmount as readDutchAmountRaw,
  readDutchCents as readDutchCentsRaw,
  excelNumberAmount as excelNumberAmountRaw,
  excelProportion as excelProportionRaw,
  checkRange as checkRangeRaw,
  parseYear as parseYearRaw,
  formatEuro as formatEuroRaw,
  formatEuroShort as formatEuroShortRaw,
  formatPercent as formatPercentRaw,
  groupThousands as groupThousandsRaw,
} from "./money";
import { validateRows as validateRowsRaw } from "./scenario";
import {
  getYearTable as getYearTableRaw,
  findCategory as findCategoryRaw,
  suggestCategory as suggestCategoryRaw,
  unknownCategoryHint as unknownCategoryHintRaw,
  categoryRule as categoryRuleRaw,
  ref as refRaw,
  referenceKeys,
} from "./law";

import { Decimal } from "./decimal";
export { Decimal };
export { KiaValidationError, NoTableError } from "./errors";
export type { ValidationCode } from "./errors";
export type { AmountProblem } from "./money";
export { evaluate } from "./evaluate";
export { kia, TableResult } from "./table";
export { readAmount, isAmountProblem, MAX_AMOUNT, MAX_DECIMALS } from "./money";
export { validateScenario } from "./scenario";
export { establishedYears, allCategories, rules } from "./law";

const lang = kind.oneOf("lang", ["nl", "en"], { optional: true });

export const showValue = checked("showValue", showValueRaw, [kind.anything("value"), kind.count("maxLength", 10000, { optional: true })]);
export const evaluateNormalized = checked("evaluateNormalized", evaluateNormalizedRaw, [
  kind.structure("scenario", "een scenario uit validateScenario of validateRows"),
]);
export const explainText = checked("explainText", explainTextRaw, [kind.structure("report", "een rapport uit evaluate")]);
export const bandText = checked("bandText", bandTextRaw, [kind.band("band")]);
export const categoryVerdict = checked("categoryVerdict", categoryVerdictRaw, [kind.category("category"), kind.year("year"), lang]);
export const minimumAmountTest = checked("minimumAmountTest", minimumAmountTestRaw, [
  kind.decimal("assetAmount"),
  kind.decimal("minimum"),
  kind.year("year"),
  kind.boolean("vatDeductible"),
  kind.string("group", { optional: true }),
  lang,
]);
export const vatBasisText = checked("vatBasisText", vatBasisTextRaw, [kind.boolean("vatDeductible"), lang]);
export const allocate = checked("allocate", allocateRaw, [
  kind.decimal("amount"),
  kind.structure("partners", "een lijst vennoten (naam en gewichten als Decimal)", Array.isArray),
  kind.oneOf("key", ["profit", "capital", "reserves", "equal"]),
]);
export const disposalAddition = checked("disposalAddition", disposalAdditionRaw, [
  kind.structure("disposal", "een vervreemding uit een gevalideerd scenario"),
  kind.year("disposalYear"),
]);
export const disinvestmentThreshold = checked("disinvestmentThreshold", disinvestmentThresholdRaw, [kind.year("year")]);
export const inWindow = checked("inWindow", inWindowRaw, [kind.year("investmentYear"), kind.year("disposalYear")]);
export const roundForReport = checked("roundForReport", roundForReportRaw, [
  kind.decimal("amount"),
  kind.oneOf("direction", ["deduction", "addition"]),
  kind.boolean("exact"),
]);
export const parseAmount = checked("parseAmount", parseAmountRaw, [kind.anything("value"), kind.string("field")]);
export const readDutchAmount = checked("readDutchAmount", readDutchAmountRaw, [kind.string("text")]);
export const readDutchCents = checked("readDutchCents", readDutchCentsRaw, [kind.string("text")]);
export const excelNumberAmount = checked("excelNumberAmount", excelNumberAmountRaw, [kind.number("n")]);
export const excelProportion = checked("excelProportion", excelProportionRaw, [kind.number("n")]);
export const checkRange = checked("checkRange", checkRangeRaw, [
  { ...kind.decimal("d"), expected: "een Decimal", check: (v) => v instanceof Decimal },
]);
export const parseYear = checked("parseYear", parseYearRaw, [kind.anything("value"), kind.string("field")]);
export const formatEuro = checked("formatEuro", formatEuroRaw, [kind.decimal("amount"), kind.count("decimals", 20, { optional: true })]);
export const formatEuroShort = checked("formatEuroShort", formatEuroShortRaw, [kind.decimal("amount")]);
export const formatPercent = checked("formatPercent", formatPercentRaw, [kind.decimal("fraction"), kind.count("maxDecimals", 20, { optional: true })]);
export const groupThousands = checked("groupThousands", groupThousandsRaw, [kind.string("digits"), kind.string("separator", { optional: true })]);
export const validateRows = checked("validateRows", validateRowsRaw, [kind.anything("raw"), kind.options("options")]);
export const getYearTable = checked("getYearTable", getYearTableRaw, [kind.anything("year"), kind.string("field", { optional: true })]);
export const findCategory = checked("findCategory", findCategoryRaw, [kind.string("input")]);
export const suggestCategory = checked("suggestCategory", suggestCategoryRaw, [kind.string("input")]);
export const unknownCategoryHint = checked("unknownCategoryHint", unknownCategoryHintRaw, [kind.string("input"), kind.boolean("suggest", { optional: true })]);
export const categoryRule = checked("categoryRule", categoryRuleRaw, [kind.category("category"), kind.year("year")]);
export const ref = checked("ref", refRaw, [
  { ...kind.string("key"), expected: "een sleutel van de wettelijke verwijzingen", check: (v) => typeof v === "string" && referenceKeys().includes(v) },
  kind.year("year"),
]);

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
export type { BandKind, Confidence, YearTable, CategoryData } from "./law";
