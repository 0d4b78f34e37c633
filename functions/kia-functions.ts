/**
 * The Excel functions as plain TypeScript over the core: pure, synchronous, no Office.js. Each returns a
 * value or throws FunctionError; functions.ts turns that into what Excel expects.
 */
import {
  Decimal,
  categoryVerdict,
  disinvestmentThreshold,
  disposalAddition,
  findCategory,
  getYearTable,
  kia,
  minimumAmountTest,
  roundForReport,
  type CategoryData,
} from "../src";
import { assessEligibility } from "../src/eligibility";
import type { NInvestment } from "../src/scenario";
import {
  FunctionError,
  amountArg,
  boolArg,
  optionalYearArg,
  textArg,
  toFunctionError,
  yearArg,
} from "./values";

export type Lang = "nl" | "en";
let language: Lang = "nl";
/** Set by the add-in at start-up from Office.context.displayLanguage. */
export function setLanguage(lang: string | undefined): void {
  language = lang && lang.toLowerCase().startsWith("en") ? "en" : "nl";
}

function categoryArg(value: unknown): CategoryData {
  const text = textArg(value, "categorie");
  const c = findCategory(text);
  if (!c) {
    throw new FunctionError(
      "invalidValue",
      `Onbekende categorie "${text}". Zie =KIA.TABLE of de lijst met categoriecodes in docs/categories.md (machine, inventaris, computer, ...).`,
    );
  }
  return c;
}

export function amount(total: unknown, year: unknown, exact: unknown): number {
  const r = kia(amountArg(total, "totaal"), yearArg(year), {
    exact: boolArg(exact, "exact", false),
  });
  return r.rounded.toNumber();
}

/** The arguments of ELIGIBLE and REASON, parsed once, with the category and € 450 verdicts. */
function assessAsset(
  category: unknown,
  value: unknown,
  year: unknown,
  vatDeductible: unknown,
) {
  const c = categoryArg(category);
  const amt = amountArg(value, "bedrag");
  const y = optionalYearArg(year);
  const v = boolArg(vatDeductible, "btwAftrekbaar", true);
  const cat = categoryVerdict(c, y, language);
  const min = minimumAmountTest(
    amt,
    getYearTable(y).minAssetAmount,
    y,
    v,
    undefined,
    language,
  );
  return { year: y, cat, min, eligible: cat.eligible && min.passes };
}

export function eligible(
  category: unknown,
  value: unknown,
  year: unknown,
  vatDeductible: unknown,
): boolean {
  return assessAsset(category, value, year, vatDeductible).eligible;
}

export function reason(
  category: unknown,
  value: unknown,
  year: unknown,
  vatDeductible: unknown,
): string {
  const a = assessAsset(category, value, year, vatDeductible);
  const head =
    language === "en"
      ? `${a.eligible ? "Qualifies" : "Does not qualify"} (${a.year})`
      : `${a.eligible ? "Komt in aanmerking" : "Komt niet in aanmerking"} (${a.year})`;
  return `${head}: ${a.cat.reason.text} [${a.cat.reason.ref}] ${a.min.reason.text} [${a.min.reason.ref}]`;
}

export function rate(total: unknown, year: unknown): number {
  return kia(amountArg(total, "totaal"), yearArg(year)).rate.toNumber();
}

export function partner(
  total: unknown,
  share: unknown,
  year: unknown,
  exact: unknown,
): number {
  const s = amountArg(share, "aandeel");
  if (s.gt(1))
    throw new FunctionError(
      "invalidValue",
      `aandeel ${s.toString()} is groter dan 1: geef het aandeel als fractie (0,25) of als percentage (25%).`,
    );
  const ex = boolArg(exact, "exact", false);
  const r = kia(amountArg(total, "totaalSamenwerkingsverband"), yearArg(year), {
    exact: true,
  });
  return roundForReport(r.exact.times(s), "deduction", ex).toNumber();
}

export function disinvestment(
  price: unknown,
  investmentAmount: unknown,
  investmentYear: unknown,
  investmentYearTotal: unknown,
  disposalYear: unknown,
  disposalsTotal: unknown,
): number {
  const p = amountArg(price, "prijs");
  const ia = amountArg(investmentAmount, "investeringsbedrag");
  const iy = yearArg(investmentYear, "investeringsjaar");
  const it = amountArg(investmentYearTotal, "totaalInvesteringsjaar");
  const dy = yearArg(disposalYear, "vervreemdingsjaar");
  const dt =
    disposalsTotal === null ||
    disposalsTotal === undefined ||
    disposalsTotal === ""
      ? p
      : amountArg(disposalsTotal, "totaalVervreemdingen");
  if (iy > dy)
    throw new FunctionError(
      "invalidValue",
      `investeringsjaar ${iy} ligt na vervreemdingsjaar ${dy}.`,
    );
  if (ia.gt(it))
    throw new FunctionError(
      "invalidValue",
      `investeringsbedrag is groter dan het totaal van het investeringsjaar.`,
    );
  if (dt.lt(p))
    throw new FunctionError(
      "invalidValue",
      `totaalVervreemdingen is kleiner dan de prijs.`,
    );
  getYearTable(iy, "investeringsjaar");
  if (!dt.gt(disinvestmentThreshold(dy).amount)) return 0;
  const item = disposalAddition(
    {
      index: 0,
      id: "",
      price: p,
      investmentYear: iy,
      investmentAmount: ia,
      investmentYearTotal: it,
    },
    dy,
  );
  return roundForReport(item.exact, "addition", false).toNumber();
}

export function marginal(
  currentTotal: unknown,
  extra: unknown,
  year: unknown,
): number {
  const y = yearArg(year);
  const c = amountArg(currentTotal, "huidigTotaal");
  return kia(c.plus(amountArg(extra, "extra")), y)
    .rounded.minus(kia(c, y).rounded)
    .toNumber();
}

const TABLE_HEADER_NL = [
  "Meer dan",
  "Niet meer dan",
  "Soort",
  "Percentage",
  "Vast bedrag",
  "Afbouwpercentage",
  "Afbouw boven",
];
const TABLE_HEADER_EN = [
  "More than",
  "Not more than",
  "Kind",
  "Percentage",
  "Fixed amount",
  "Phase-out percentage",
  "Phase-out above",
];

export function table(year: unknown): (string | number)[][] {
  const t = getYearTable(yearArg(year));
  const num = (d: Decimal | null | undefined) => (d ? d.toNumber() : "");
  return [
    language === "en" ? TABLE_HEADER_EN : TABLE_HEADER_NL,
    ...t.bands.map((b) => [
      num(b.over),
      num(b.upTo),
      b.kind,
      b.rate ? b.rate.toNumber() : "",
      num(b.fixed),
      b.phaseoutRate ? b.phaseoutRate.toNumber() : "",
      num(b.phaseoutFrom),
    ]),
  ];
}

export type LedgerCell = boolean | number | string | FunctionError;

/**
 * One row per asset: eligible, counted amount, attributed KIA (counted amount x effective rate of the
 * ledger's counted total). A bad row gets its own error values; blank rows stay blank.
 */
export function ledger(
  categories: unknown[][],
  amounts: unknown[][],
  year: unknown,
  vatDeductible: unknown,
): LedgerCell[][] {
  const y = yearArg(year);
  const t = getYearTable(y);
  const v = boolArg(vatDeductible, "btwAftrekbaar", true);
  if (categories.length !== amounts.length) {
    throw new FunctionError(
      "invalidValue",
      `categorieën (${categories.length} rijen) en bedragen (${amounts.length} rijen) moeten even veel rijen hebben.`,
    );
  }
  const rows: (NInvestment | FunctionError | null)[] = new Array(
    categories.length,
  );
  const valid: NInvestment[] = [];
  for (let i = 0; i < categories.length; i++) {
    const cv = categories[i][0];
    const av = amounts[i][0];
    const blank = (x: unknown) => x === null || x === undefined || x === "";
    if (blank(cv) && blank(av)) {
      rows[i] = null;
      continue;
    }
    try {
      const inv: NInvestment = {
        index: valid.length,
        id: String(i + 1),
        category: categoryArg(cv),
        amount: amountArg(av, `bedrag (rij ${i + 1})`),
        vatDeductible: v,
        relatedParty: false,
        exemption: false,
        paid: new Decimal(0),
        inUse: true,
        eiaMia: false,
      };
      rows[i] = inv;
      valid.push(inv);
    } catch (e) {
      const fe = toFunctionError(e);
      rows[i] = new FunctionError(fe.code, `Rij ${i + 1}: ${fe.message}`);
    }
  }
  const elig = assessEligibility(valid, y, t.minAssetAmount);
  let total = new Decimal(0);
  for (const inv of valid)
    if (elig[inv.index].eligible) total = total.plus(inv.amount);
  const r = kia(total, y);
  const rateExact = r.rate;
  return rows.map((row) => {
    if (row === null) return ["", "", ""];
    if (row instanceof FunctionError) return [row, row, row];
    const ok = elig[row.index].eligible;
    return [
      ok,
      ok ? row.amount.toNumber() : 0,
      ok ? row.amount.times(rateExact).toDecimalPlaces(2).toNumber() : 0,
    ];
  });
}
