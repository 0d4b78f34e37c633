/**
 * Public API of the KIA calculation core. No Office, DOM or Node dependencies.
 * Every exported function answers any JavaScript value with its result or a KiaValidationError (NoTableError for a
 * year without a table): the parameters are checked at this boundary (src/boundary.ts), where a function does not
 * check them itself; test/api-boundary.test.ts calls every export with arbitrary values.
 */
import { checked, kind } from "./boundary";
import "./carried"; // step 6 of evaluate (the KIA of earlier years), handed in by loading it (src/carried-hook.ts)
import { showValue as showValueRaw } from "./errors";
import { evaluateNormalized as evaluateNormalizedRaw } from "./evaluate";
import { explainText as explainTextRaw } from "./explain";
import { bandText as bandTextRaw } from "./table";
import { categoryVerdict as categoryVerdictRaw, minimumAmountTest as minimumAmountTestRaw, vatBasisText as vatBasisTextRaw } from "./eligibility";
import { allocate as allocateRaw } from "./partnership";
import { disposalAddition as disposalAdditionRaw, disinvestmentThreshold as disinvestmentThresholdRaw, inWindow as inWindowRaw } from "./disinvestment";
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

export const showValue = /* @__PURE__ */ checked("showValue", showValueRaw, [kind.anything("value"), kind.count("maxLength", 10000, { optional: true })]);
export const evaluateNormalized = /* @__PURE__ */ checked("evaluateNormalized", evaluateNormalizedRaw, [
  kind.structure("scenario", "een scenario uit validateScenario of validateRows"),
]);
export const explainText = /* @__PURE__ */ checked("explainText", explainTextRaw, [kind.structure("report", "een rapport uit evaluate")]);
export const bandText = /* @__PURE__ */ checked("bandText", bandTextRaw, [kind.band("band")]);
export const categoryVerdict = /* @__PURE__ */ checked("categoryVerdict", categoryVerdictRaw, [kind.category("category"), kind.year("year"), lang]);
export const minimumAmountTest = /* @__PURE__ */ checked("minimumAmountTest", minimumAmountTestRaw, [
  kind.decimal("assetAmount"),
  kind.decimal("minimum"),
  kind.year("year"),
  kind.boolean("vatDeductible"),
  kind.string("group", { optional: true }),
  lang,
]);
export const vatBasisText = /* @__PURE__ */ checked("vatBasisText", vatBasisTextRaw, [kind.boolean("vatDeductible"), lang]);
export const allocate = /* @__PURE__ */ checked("allocate", allocateRaw, [
  kind.decimal("amount"),
  kind.structure("partners", "een lijst vennoten (naam en gewichten als Decimal)", Array.isArray),
  kind.oneOf("key", ["profit", "capital", "reserves", "equal"]),
]);
export const disposalAddition = /* @__PURE__ */ checked("disposalAddition", disposalAdditionRaw, [
  kind.structure("disposal", "een vervreemding uit een gevalideerd scenario"),
  kind.year("disposalYear"),
]);
export const disinvestmentThreshold = /* @__PURE__ */ checked("disinvestmentThreshold", disinvestmentThresholdRaw, [kind.year("year")]);
export const inWindow = /* @__PURE__ */ checked("inWindow", inWindowRaw, [kind.year("investmentYear"), kind.year("disposalYear")]);
export const roundForReport = /* @__PURE__ */ checked("roundForReport", roundForReportRaw, [
  kind.decimal("amount"),
  kind.oneOf("direction", ["deduction", "addition"]),
  kind.boolean("exact"),
]);
export const parseAmount = /* @__PURE__ */ checked("parseAmount", parseAmountRaw, [kind.anything("value"), kind.string("field")]);
export const readDutchAmount = /* @__PURE__ */ checked("readDutchAmount", readDutchAmountRaw, [kind.string("text")]);
export const readDutchCents = /* @__PURE__ */ checked("readDutchCents", readDutchCentsRaw, [kind.string("text")]);
export const excelNumberAmount = /* @__PURE__ */ checked("excelNumberAmount", excelNumberAmountRaw, [kind.number("n")]);
export const excelProportion = /* @__PURE__ */ checked("excelProportion", excelProportionRaw, [kind.number("n")]);
export const checkRange = /* @__PURE__ */ checked("checkRange", checkRangeRaw, [
  { ...kind.decimal("d"), expected: "een Decimal", check: (v) => v instanceof Decimal },
]);
export const parseYear = /* @__PURE__ */ checked("parseYear", parseYearRaw, [kind.anything("value"), kind.string("field")]);
export const formatEuro = /* @__PURE__ */ checked("formatEuro", formatEuroRaw, [kind.decimal("amount"), kind.count("decimals", 20, { optional: true })]);
export const formatEuroShort = /* @__PURE__ */ checked("formatEuroShort", formatEuroShortRaw, [kind.decimal("amount")]);
export const formatPercent = /* @__PURE__ */ checked("formatPercent", formatPercentRaw, [
  kind.decimal("fraction"),
  kind.count("maxDecimals", 20, { optional: true }),
]);
export const groupThousands = /* @__PURE__ */ checked("groupThousands", groupThousandsRaw, [
  kind.string("digits"),
  kind.string("separator", { optional: true }),
]);
export const validateRows = /* @__PURE__ */ checked("validateRows", validateRowsRaw, [kind.anything("raw"), kind.options("options")]);
export const getYearTable = /* @__PURE__ */ checked("getYearTable", getYearTableRaw, [kind.anything("year"), kind.string("field", { optional: true })]);
export const findCategory = /* @__PURE__ */ checked("findCategory", findCategoryRaw, [kind.string("input")]);
export const suggestCategory = /* @__PURE__ */ checked("suggestCategory", suggestCategoryRaw, [kind.string("input")]);
export const unknownCategoryHint = /* @__PURE__ */ checked("unknownCategoryHint", unknownCategoryHintRaw, [
  kind.string("input"),
  kind.boolean("suggest", { optional: true }),
]);
export const categoryRule = /* @__PURE__ */ checked("categoryRule", categoryRuleRaw, [kind.category("category"), kind.year("year")]);
export const ref = /* @__PURE__ */ checked("ref", refRaw, [
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
export type { Report, AssetReport, PartnerReport, CalamityReport, DisinvestmentReport } from "./report";
export type { Step, Reason, Warning } from "./explanation";
export type { BandKind, Confidence, YearTable, CategoryData } from "./law";
