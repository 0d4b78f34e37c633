/**
 * Eligibility of one asset for the KIA: the category rules of art. 3.45 (data: law/categories.json) and
 * the € 450 test of art. 3.45 (lid 1 onderdeel a until 2013, lid 2 onderdeel b from 2014).
 * The € 450 test is per asset, never per partner (besluit onderdeel 4.1.2). Rows that together form one
 * asset (a part bought together with the whole, a computer with its monitor) share a `group` and are
 * tested on their sum; a part or improvement bought later is a row of its own and is tested on its own
 * (besluit onderdeel 2.2).
 */
import { Decimal } from "./decimal";
import type { Reason } from "./explanation";
import { categoryRule, ref, rules, type CategoryData } from "./law";
import { AmountSum } from "./cents";
import { formatEuroCents, formatEuroShort, formatExactEuro } from "./money";
import type { NInvestment } from "./scenario";

export interface CategoryVerdict {
  eligible: boolean;
  reason: Reason;
  warning?: string;
}

const verdictCache = new Map<CategoryData, Map<number, CategoryVerdict>>();
const verdictCacheEn = new Map<CategoryData, Map<number, CategoryVerdict>>();

/** The category rule of a year as a verdict with its reason and reference (cached: the data never changes). */
export function categoryVerdict(category: CategoryData, year: number, lang: "nl" | "en" = "nl"): CategoryVerdict {
  const cache = lang === "en" ? verdictCacheEn : verdictCache;
  let byYear = cache.get(category);
  if (!byYear) cache.set(category, (byYear = new Map()));
  let v = byYear.get(year);
  if (v) return v;
  const rule = categoryRule(category, year);
  if (!rule) {
    v = {
      eligible: false,
      reason: {
        code: "CATEGORY_NO_RULE",
        text: lang === "en" ? `No rule for category ${category.code} in ${year}.` : `Geen regel voor categorie ${category.code} in ${year}.`,
        ref: ref("wetib-3.45-1", year).label,
      },
    };
  } else {
    v = {
      eligible: rule.eligible,
      reason: {
        code: rule.eligible ? "CATEGORY_ELIGIBLE" : "CATEGORY_EXCLUDED",
        text: lang === "en" ? rule.reasonEn : rule.reason,
        ref: ref(rule.ref, year).label,
      },
      warning: category.warning,
    };
  }
  byYear.set(year, v);
  return v;
}

export function vatBasisText(vatDeductible: boolean, lang: "nl" | "en" = "nl"): string {
  if (lang === "en") return vatDeductible ? "excl. VAT (VAT deductible)" : "incl. VAT (VAT not deductible)";
  return vatDeductible ? "excl. btw (btw aftrekbaar)" : "incl. btw (btw niet aftrekbaar)";
}

/**
 * The € 450 test for one asset. `assetAmount` is the investment amount of the asset as a whole (the sum
 * of its group), on the VAT basis the law requires: excl. VAT when VAT is deductible, incl. VAT otherwise.
 * "minder bedraagt dan € 450" excludes: exactly € 450 qualifies.
 */
export function minimumAmountTest(
  assetAmount: Decimal,
  minimum: Decimal,
  year: number,
  vatDeductible: boolean,
  group?: string,
  lang: "nl" | "en" = "nl",
): { passes: boolean; reason: Reason } {
  const passes = assetAmount.gte(minimum);
  return {
    passes,
    reason: minimumReason(passes, formatExactEuro(assetAmount), minimum, year, vatDeductible, group, lang),
  };
}

function minimumReason(
  passes: boolean,
  amountText: string,
  minimum: Decimal,
  year: number,
  vatDeductible: boolean,
  group: string | undefined,
  lang: "nl" | "en",
  refLabel = ref(group ? rules.minimumAssetAmount.componentRef : rules.minimumAssetAmount.ref, year).label,
): Reason {
  const basis = vatBasisText(vatDeductible, lang);
  // An empty amount text gives the shared sentence without the amount (the row shows its amount anyway).
  if (amountText) amountText += " ";
  const minText = minimumText(minimum);
  let text: string;
  if (lang === "en") {
    const what = group ? `Asset "${group}" as a whole (all rows of the group)` : "Investment amount";
    text = passes ? `${what} ${amountText}${basis} is not below ${minText}.` : `${what} ${amountText}${basis} is below ${minText}: excluded (art. 3.45).`;
  } else {
    const what = group ? `Bedrijfsmiddel "${group}" als geheel (alle regels van de groep)` : "Investeringsbedrag";
    text = passes
      ? `${what} ${amountText}${basis} is niet minder dan ${minText}.`
      : `${what} ${amountText}${basis} is minder dan ${minText}: uitgesloten (art. 3.45).`;
  }
  return {
    code: passes ? "MINIMUM_MET" : "BELOW_MINIMUM",
    text,
    ref: refLabel,
  };
}

let lastMinimum: Decimal | undefined;
let lastMinimumText = "";
/** "€ 450": the same minimum every year, formatted once. */
function minimumText(minimum: Decimal): string {
  if (lastMinimum !== minimum) {
    lastMinimum = minimum;
    lastMinimumText = formatEuroShort(minimum);
  }
  return lastMinimumText;
}

export interface EligibilityResult {
  eligible: boolean;
  /** shared between assets where the text does not depend on the asset: treat as read-only */
  reasons: readonly Reason[];
  warning?: string;
  /** the member of this row's group whose category excludes the whole group (besluit 2.2) */
  excludedBy?: NInvestment;
}

/**
 * Eligibility of every investment of a year (category and € 450 test; groups summed). Rows that share a
 * `group` are one asset (besluit onderdeel 2.2): the € 450 test is on their sum, and when one of them has a
 * category that is excluded (a passenger car, a house, land: art. 3.45 lid 1), the asset as a whole is that
 * excluded asset and every row of the group is excluded with it, whatever its own category (a navigation
 * system built into a passenger car is part of the car). Reasons whose text does not depend on the asset's
 * amount are built once per category and VAT basis (and per group) and shared: a ledger of 100.000 rows must not
 * format 100.000 identical sentences. The groups' sums are made first; the function returned gives each row of
 * `investments` its result, in the pass over the rows that does the rest (assetsStep).
 */
export function eligibilityAssessor(investments: readonly NInvestment[], year: number, minimum: Decimal): (inv: NInvestment) => EligibilityResult {
  // A group's amount: its rows together, in integer cents where every row is whole cents.
  const groupTotals = new Map<string, AmountSum>();
  const groupExcludedBy = new Map<string, NInvestment>();
  // the rows of a group mostly follow each other, with one category: no map lookups for those
  let sumGroup: string | undefined;
  let sum: AmountSum | undefined;
  let sumCategory: CategoryData | undefined;
  let sumCategoryEligible = true;
  for (let i = 0; i < investments.length; i++) {
    const inv = investments[i];
    if (inv.group === undefined) continue;
    if (inv.group !== sumGroup) {
      sum = groupTotals.get(inv.group);
      if (!sum) groupTotals.set(inv.group, (sum = new AmountSum()));
      sumGroup = inv.group;
    }
    const c = inv.cents ?? -1;
    if (c >= 0) sum!.addCents(c);
    else sum!.addDecimal(inv.amount);
    if (inv.category !== sumCategory) {
      sumCategory = inv.category;
      sumCategoryEligible = categoryVerdict(inv.category, year).eligible;
    }
    if (!sumCategoryEligible && !groupExcludedBy.has(inv.group)) groupExcludedBy.set(inv.group, inv);
  }
  const minCents = minimum.times(100).toNumber();
  const groupRef = ref(rules.minimumAssetAmount.componentRef, year).label;
  const minRef = ref(rules.minimumAssetAmount.ref, year).label;
  const metShared = new Map<boolean, Reason>();
  const sharedMet = (vatDeductible: boolean): Reason => {
    let r = metShared.get(vatDeductible);
    if (!r) {
      r = Object.freeze(minimumReason(true, "", minimum, year, vatDeductible, undefined, "nl"));
      metShared.set(vatDeductible, r);
    }
    return r;
  };
  // The results shared by the rows of a category (one lookup per row, by the category itself: no key text to build
  // and hash per row): [VAT deductible, not deductible] x [€ 450 met, below], and the category's verdict.
  const shared = new Map<CategoryData, { verdict: CategoryVerdict; results: (EligibilityResult | undefined)[] }>();
  // per group: the € 450 test on its sum, and the result per category of its rows (the same for every row of the
  // group with that category: shared, as the results of rows without a group are)
  const groupMin = new Map<string, { passes: boolean; reason: Reason; results: Map<CategoryData, EligibilityResult> }>();
  // neighbouring rows mostly have the same category: no map lookup for those
  let lastCategory: CategoryData | undefined;
  let lastGroup: string | undefined;
  let lastGroupCategory: CategoryData | undefined;
  let lastGroupResult: EligibilityResult | undefined;
  let lastShared: { verdict: CategoryVerdict; results: (EligibilityResult | undefined)[] } | undefined;
  return (inv) => {
    let perCategory = lastShared;
    if (inv.category !== lastCategory || !perCategory) {
      perCategory = shared.get(inv.category);
      if (!perCategory) shared.set(inv.category, (perCategory = { verdict: categoryVerdict(inv.category, year), results: [] }));
      lastCategory = inv.category;
      lastShared = perCategory;
    }
    const cat = perCategory.verdict;
    const c = inv.cents ?? -1;
    if (inv.group === undefined) {
      const passes = c >= 0 ? c >= minCents : inv.amount.gte(minimum);
      const k = (inv.vatDeductible ? 0 : 2) + (passes ? 0 : 1);
      let res = perCategory.results[k];
      if (!res) {
        // Met: the category's reason and the shared sentence. Below € 450 on its own: the sentence does not depend
        // on the amount (the row shows it), so it is shared too.
        res = {
          eligible: passes && cat.eligible,
          reasons: Object.freeze([
            cat.reason,
            passes ? sharedMet(inv.vatDeductible) : Object.freeze(minimumReason(false, "", minimum, year, inv.vatDeductible, undefined, "nl", minRef)),
          ]),
          warning: cat.warning,
        };
        perCategory.results[k] = res;
      }
      return res;
    }
    // a row of a group: the € 450 test on the group's sum, its sentence once per group
    if (inv.group === lastGroup && inv.category === lastGroupCategory) return lastGroupResult!;
    let min = groupMin.get(inv.group);
    if (!min) {
      const total = groupTotals.get(inv.group)!;
      const cents = total.wholeCents;
      const passes = cents >= 0 ? cents >= minCents : total.value.gte(minimum);
      min = {
        passes,
        reason: minimumReason(
          passes,
          cents >= 0 ? formatEuroCents(cents) : formatExactEuro(total.value),
          minimum,
          year,
          inv.vatDeductible,
          inv.group,
          "nl",
          groupRef,
        ),
        results: new Map(),
      };
      groupMin.set(inv.group, min);
    }
    let res = min.results.get(inv.category);
    if (!res) {
      const by = groupExcludedBy.get(inv.group);
      if (by && cat.eligible) {
        const byVerdict = categoryVerdict(by.category, year);
        res = {
          eligible: false,
          reasons: Object.freeze([
            cat.reason,
            {
              code: "GROUP_EXCLUDED",
              text: `Onderdeel van bedrijfsmiddel "${inv.group}", waarvan ${by.id} (${by.category.label.toLowerCase()}) is uitgesloten: het bedrijfsmiddel telt als geheel niet mee, ook dit onderdeel niet.`,
              ref: `${groupRef}; ${byVerdict.reason.ref}`,
            },
            min.reason,
          ]),
          warning: cat.warning,
          excludedBy: by,
        };
      } else
        res = {
          eligible: cat.eligible && min.passes,
          reasons: Object.freeze([cat.reason, min.reason]),
          warning: cat.warning,
        };
      min.results.set(inv.category, res);
    }
    lastGroup = inv.group;
    lastGroupCategory = inv.category;
    lastGroupResult = res;
    return res;
  };
}
