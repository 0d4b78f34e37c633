/**
 * The scenario (input) contract and its validation. A scenario is plain JSON; amounts may be numbers
 * or decimal strings. validateScenario() turns it into a NormalizedScenario with exact Decimals, or
 * throws KiaValidationError naming the field ("investments[3].amount") and the offending value.
 * Unknown fields are rejected too: a misspelled "vatdeductible" must not be silently ignored. Combinations
 * the law makes impossible are refused here as well (a partnership of one, a calamity replacement cycle).
 *
 * validateRows() is the same validation for a ledger: a row (an investment or a disposal) the core refuses is left
 * out and listed with its error instead of stopping at the first, in one pass; what concerns the whole scenario
 * (the year, the partnership, a list that is not a list) is still thrown.
 *
 * The folder: contract.ts (the types), read.ts (reading one value), refuse.ts (checks across rows), one file per
 * entity (investment, partnership, disposal, carried), scenario.ts (validateScenario) and rows.ts (validateRows).
 */
export type {
  Amount,
  PartnershipKey,
  ScenarioInvestment,
  ScenarioPartner,
  DisinvestmentLevel,
  ScenarioPartnership,
  ScenarioDisposal,
  ScenarioCarriedYear,
  ScenarioCarriedAsset,
  Scenario,
  NInvestment,
  NPartner,
  NPartnership,
  NDisposal,
  NCarriedAsset,
  NCarriedYear,
  NormalizedScenario,
  RowError,
  RowsValidated,
  RowsOptions,
} from "./contract";
export { KEY_NAMES, partnershipKeyOf } from "./partnership";
export { validateCarriedIn } from "./carried";
export { scenarioForEvaluate, validateScenario } from "./scenario";
export { validateRows } from "./rows";
export { enteredDisposalId, isEnteredDisposalId } from "./disposal";
