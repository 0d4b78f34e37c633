/**
 * validateScenario: a scenario as a whole, or the first fault thrown. The frame (the year and what a scenario says
 * besides its rows) is read here for validateRows too.
 */
import { getYearTable } from "../law";
import { parseAmount, parseYear } from "../money";
import { validateCarriedIn } from "./carried";
import type { NInvestment, NormalizedScenario } from "./contract";
import { assertLinkedOnce, assertPartnerRates, validateDisposal } from "./disposal";
import { ALL_GROUP_FIELDS, assertConsistentGroups, assertReplacements, sameGroupSpelling, validateInvestment } from "./investment";
import { validatePartnership } from "./partnership";
import { expectObject, fail, type Obj, onlyKnownKeys, optString, Refused } from "./read";
import { firstDuplicateId, indexById, LazyIdIndex, refuseDuplicate, throwing } from "./refuse";

const SCENARIO_KEYS = new Set(["year", "exact", "description", "investments", "partnership", "disposals", "disposalsTotal", "carriedIn"]);

/** What a scenario says besides its rows, validated; the rows' lists as given (checked to be lists). */
export function validateFrame(raw: unknown) {
  const o = expectObject(raw, "scenario");
  onlyKnownKeys(o, SCENARIO_KEYS, "scenario");
  if (o.year === undefined) fail("MISSING_FIELD", "year", undefined, "het jaar ontbreekt");
  const year = parseYear(o.year, "year");
  getYearTable(year, "year");
  if (o.exact !== undefined && typeof o.exact !== "boolean") {
    fail("INVALID_TYPE", "exact", o.exact, "verwacht true of false");
  }
  const description = optString(o, "description", "scenario");
  if (!Array.isArray(o.investments)) {
    fail(o.investments === undefined ? "MISSING_FIELD" : "INVALID_TYPE", "investments", o.investments, "verwacht een lijst met investeringen");
  }
  return {
    o,
    year,
    exact: o.exact === true,
    description,
    investments: o.investments as unknown[],
  };
}

export function disposalList(o: Obj): unknown[] {
  if (o.disposals !== undefined && !Array.isArray(o.disposals)) {
    fail("INVALID_TYPE", "disposals", o.disposals, "verwacht een lijst met vervreemdingen");
  }
  return (o.disposals as unknown[] | undefined) ?? [];
}

/** The disposals total and the partnership (after the rows: their errors come after the rows' in validateScenario). */
export function validateRest(o: Obj, year: number) {
  const disposalsTotal = o.disposalsTotal === undefined ? undefined : parseAmount(o.disposalsTotal, "disposalsTotal");
  return {
    disposalsTotal,
    carriedIn: o.carriedIn === undefined ? undefined : validateCarriedIn(o.carriedIn, year),
    partnership: o.partnership === undefined ? undefined : validatePartnership(o.partnership),
  };
}

export function validateScenario(raw: unknown): NormalizedScenario {
  return validated(raw, true);
}

/**
 * validateScenario for evaluate(), which hands the scenario to no one: the same checks and the same first fault, but
 * byId is a Map built when first asked (LazyIdIndex; duplicate ids are found without one), so a ledger without a
 * calamity or a disposal that names a row builds none.
 */
export function scenarioForEvaluate(raw: unknown): NormalizedScenario {
  return validated(raw, false);
}

function validated(raw: unknown, mapById: boolean): NormalizedScenario {
  const f = validateFrame(raw);
  // the rows in a group and the rows lost by a calamity, for the checks that concern only them (one pass over a
  // ledger of 100.000 rows each, not four)
  const grouped: NInvestment[] = [];
  const lost: NInvestment[] = [];
  const investments = f.investments.map((r, i) => {
    const inv = validateInvestment(r, i);
    if (inv instanceof Refused) throw inv.error();
    if (inv.group !== undefined) grouped.push(inv);
    if (inv.lostByCalamity) lost.push(inv);
    return inv;
  });
  const spellings = new Map<string, string>();
  for (let i = 0; i < grouped.length; i++) grouped[i].group = sameGroupSpelling(spellings, grouped[i].group!);
  let byId: ReadonlyMap<string, NInvestment>;
  if (mapById) byId = indexById(investments, "investments");
  else {
    const k = firstDuplicateId(investments);
    if (k >= 0) refuseDuplicate(investments[k], "investments", throwing);
    byId = new LazyIdIndex(investments);
  }
  assertReplacements(lost, byId);
  assertConsistentGroups(grouped, throwing, ALL_GROUP_FIELDS, f.investments);
  const disposals = disposalList(f.o).map((d, i) => validateDisposal(d, i, f.year, byId));
  indexById(disposals, "disposals");
  assertLinkedOnce(disposals);
  const rest = validateRest(f.o, f.year);
  assertPartnerRates(disposals, rest.partnership, throwing);
  return {
    year: f.year,
    exact: f.exact,
    description: f.description,
    investments,
    byId,
    partnership: rest.partnership,
    disposals,
    disposalsTotal: rest.disposalsTotal,
    ...(rest.carriedIn ? { carriedIn: rest.carriedIn } : {}),
  };
}
