/**
 * Schema and invariants of the law data. The schema check runs when the law data is loaded (a broken
 * data file stops the add-in loudly instead of computing with it); the invariants are arithmetic
 * sanity checks over every year that run in the test suite, so a typo in a year fails CI.
 */
import { Decimal } from "../decimal";
import { arr, bool, checkShape, decimalString, nonNegInt, nullable, obj, oneOf, record, str, year } from "./shape";
import { AUTHORITATIVE_KINDS, BAND_KINDS, CONFIDENCES, COVERS, SOURCE_KINDS, type TablesData, type YearData } from "./types";

const confidence = oneOf(CONFIDENCES);

const band = obj(
  {
    over: nullable(nonNegInt),
    upTo: nullable(nonNegInt),
    kind: oneOf(BAND_KINDS),
  },
  {
    percent: decimalString,
    fixed: nonNegInt,
    phaseoutPercent: decimalString,
    phaseoutFrom: nonNegInt,
  },
);

const yearEntry = obj(
  { status: oneOf(["established", "not-established"]), confidence },
  {
    confidenceDetail: str,
    bands: arr(band, 1),
    minAssetAmount: nonNegInt,
    disinvestmentThreshold: obj({ amount: nonNegInt, confidence, basis: str }),
    sources: arr(
      obj(
        {
          kind: oneOf(SOURCE_KINDS),
          title: str,
          url: str,
          supports: str,
          covers: arr(oneOf(COVERS)),
        },
        { via: str },
      ),
    ),
    notes: str,
    contradictions: str,
    knownAnomalies: arr(obj({ check: oneOf(["fixed-edge", "ceiling"]), note: str }), 1),
  },
);

export const tablesShape = obj({
  legalRef: str,
  years: record(/^\d{4}$/, yearEntry),
});

export const referencesShape = obj({
  sources: record(
    /^[a-z0-9]+$/,
    obj(
      {
        kind: oneOf(["wet", "besluit", "rechtspraak", "beleid"]),
        title: str,
        short: str,
        bwb: nullable(str),
      },
      { url: str },
    ),
  ),
  refs: record(
    /^[a-z0-9.-]+$/,
    obj({
      versions: arr(
        obj(
          { from: year, to: nullable(year), source: str },
          {
            article: str,
            lid: str,
            onderdeel: str,
            paragraph: str,
            case: str,
            ecli: str,
            note: str,
            verified: bool,
            text: str,
          },
        ),
        1,
      ),
    }),
  ),
});

export const categoriesShape = obj({
  categories: arr(
    obj(
      {
        code: str,
        label: str,
        labelEn: str,
        aliases: arr(str),
        rules: arr(
          obj({
            from: year,
            to: nullable(year),
            eligible: bool,
            ref: str,
            reason: str,
            reasonEn: str,
          }),
          1,
        ),
      },
      { warning: str },
    ),
    1,
  ),
});

export const headingsShape = obj({
  sources: arr(obj({ id: str, title: str, url: str }, { via: str }), 1),
  entries: arr(
    obj({ names: arr(str, 1), sources: arr(str, 1) }, { rgs: arr(str, 1), category: str, ask: arr(obj({ category: str }, { label: str }), 2), question: str }),
    1,
  ),
  hints: arr(obj({ category: str, words: arr(str, 1) }), 1),
});

export const rulesShape = obj({
  minimumAssetAmount: obj({ ref: str, componentRef: str, perAssetRef: str }),
  partnership: obj({
    ref: str,
    allocationRef: str,
    perEnterpriseFrom: year,
    legacyCaseRefs: arr(str),
    defaultKey: str,
    reasonableKeys: arr(str, 1),
  }),
  calamity: obj({ ref: str }),
  relatedParty: obj({ ref: str, exemptionRef: str, possibleRef: str }),
  reinvestmentReserve: obj({ ref: str, herbestedingRef: str, defaultRef: str }),
  paymentCriterion: obj({ ref: str }),
  disinvestment: obj({
    ref: str,
    windowRef: str,
    windowYears: nonNegInt,
    yearRulesRef: str,
  }),
  rounding: obj({
    ref: str,
    deduction: oneOf(["up"]),
    addition: oneOf(["down"]),
  }),
});

export { checkShape };

/** The band structure every year since 2010 has (art. 3.41 lid 2, Belastingplan 2010). */
const STRUCTURE_2010 = ["none", "percentage", "fixed", "phase-out", "above-ceiling"];

/**
 * Arithmetic invariants of one established year. Returns human-readable problems (empty = fine):
 * bands contiguous and ordered; required fields per kind; the fixed amount within € 5 of 28% of the
 * 28%-band's upper edge; the ceiling within € 20 of phase-out start + fixed / 7,56%.
 */
export function tableInvariantErrors(yearKey: string, entry: YearData): string[] {
  const errors: string[] = [];
  const p = `years.${yearKey}`;
  if (entry.status !== "established") {
    if (entry.bands) errors.push(`${p}: a year that is not established must not have bands`);
    return errors;
  }
  const bands = entry.bands;
  if (!bands) return [`${p}.bands: an established year needs bands`];
  if (entry.minAssetAmount === undefined) errors.push(`${p}.minAssetAmount: missing`);
  if (!entry.sources || entry.sources.length === 0) errors.push(`${p}.sources: an established year needs a source`);
  const kinds = bands.map((b) => b.kind).join(",");
  if (kinds !== STRUCTURE_2010.join(",")) {
    errors.push(`${p}.bands: expected the structure ${STRUCTURE_2010.join(" / ")}, found ${kinds}`);
    return errors;
  }
  if (bands[0].over !== null) errors.push(`${p}.bands[0].over: the first band has no lower bound (null)`);
  if (bands[bands.length - 1].upTo !== null) errors.push(`${p}.bands[last].upTo: the last band has no upper bound (null)`);
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    if (b.over !== null && b.upTo !== null && !(b.over < b.upTo)) {
      errors.push(`${p}.bands[${i}]: 'meer dan' ${b.over} must be below 'niet meer dan' ${b.upTo}`);
    }
    if (i > 0 && b.over !== bands[i - 1].upTo) {
      errors.push(`${p}.bands[${i}].over: ${b.over} does not continue band ${i - 1} (upTo ${bands[i - 1].upTo})`);
    }
    const need: Record<string, string[]> = {
      none: [],
      "above-ceiling": [],
      percentage: ["percent"],
      fixed: ["fixed"],
      "phase-out": ["fixed", "phaseoutPercent", "phaseoutFrom"],
    };
    const allowed = need[b.kind];
    for (const k of ["percent", "fixed", "phaseoutPercent", "phaseoutFrom"] as const) {
      if (allowed.includes(k) && b[k] === undefined) errors.push(`${p}.bands[${i}].${k}: required for a ${b.kind} band`);
      if (!allowed.includes(k) && b[k] !== undefined) errors.push(`${p}.bands[${i}].${k}: not allowed on a ${b.kind} band`);
    }
  }
  if (errors.length) return errors;
  const declared = new Set((entry.knownAnomalies ?? []).map((a) => a.check));
  const [, pct, fixed, phase] = bands;
  const rate = new Decimal(pct.percent!).div(100);
  const atEdge = rate.times(pct.upTo!);
  const diff = new Decimal(fixed.fixed!).minus(atEdge).abs();
  if (diff.gt(5) !== declared.has("fixed-edge")) {
    if (!diff.gt(5)) errors.push(`${p}.knownAnomalies: "fixed-edge" is declared but the check passes; remove it`);
    else errors.push(`${p}: fixed amount ${fixed.fixed} is ${diff.toString()} away from ${pct.percent}% of ${pct.upTo} (${atEdge.toString()}); more than € 5`);
  }
  if (phase.fixed !== fixed.fixed) errors.push(`${p}: phase-out starts from ${phase.fixed}, the fixed band has ${fixed.fixed}`);
  if (phase.phaseoutFrom !== phase.over) errors.push(`${p}: phase-out base ${phase.phaseoutFrom} differs from the band's 'meer dan' ${phase.over}`);
  const expectedCeiling = new Decimal(phase.phaseoutFrom!).plus(new Decimal(phase.fixed!).div(new Decimal(phase.phaseoutPercent!).div(100)));
  const ceilingDiff = expectedCeiling.minus(phase.upTo!).abs();
  if (ceilingDiff.gt(20) !== declared.has("ceiling")) {
    if (!ceilingDiff.gt(20)) errors.push(`${p}.knownAnomalies: "ceiling" is declared but the check passes; remove it`);
    else
      errors.push(
        `${p}: ceiling ${phase.upTo} is ${ceilingDiff.toDecimalPlaces(2).toString()} away from ${phase.phaseoutFrom} + ${phase.fixed} / ${phase.phaseoutPercent}% (${expectedCeiling.toDecimalPlaces(2).toString()}); more than € 20`,
      );
  }
  if (entry.disinvestmentThreshold === undefined) errors.push(`${p}.disinvestmentThreshold: missing`);
  const allowed = highestConfidence(entry);
  if (CONFIDENCES.indexOf(entry.confidence) < CONFIDENCES.indexOf(allowed))
    errors.push(
      `${p}.confidence: "${entry.confidence}" claims more than the sources allow ("${allowed}"): only an authoritative source (wet, besluit, Belastingdienst, rechtspraak) that shows the whole table makes a year official`,
    );
  return errors;
}

/**
 * The highest confidence a year's sources allow: official when an authoritative source shows the whole table;
 * otherwise by the number of secondary sources that show it (2+: corroborated, 1: single-source).
 */
export function highestConfidence(entry: YearData): YearData["confidence"] {
  const sources = entry.sources ?? [];
  const full = (kinds: readonly string[]) => sources.filter((s) => kinds.includes(s.kind) && s.covers.includes("table")).length;
  if (full(AUTHORITATIVE_KINDS) > 0) return "official";
  const secondary = full(["secondary"]);
  if (secondary >= 2) return "corroborated";
  if (secondary === 1) return "single-source";
  return "inferred";
}

export function allTableErrors(data: TablesData): string[] {
  const errors = checkShape(tablesShape, data, "kia-tables");
  if (errors.length) return errors;
  for (const [y, entry] of Object.entries(data.years)) errors.push(...tableInvariantErrors(y, entry));
  return errors;
}

/** Every schema error of the four law files (empty when they are sound). */
export function lawDataErrors(d: { tables: TablesData; references: unknown; categories: unknown; rules: unknown }): string[] {
  return [
    ...allTableErrors(d.tables),
    ...checkShape(referencesShape, d.references, "references"),
    ...checkShape(categoriesShape, d.categories, "categories"),
    ...checkShape(rulesShape, d.rules, "rules"),
  ];
}
