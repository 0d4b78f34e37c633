/** A disposal (art. 3.47) validated on its own, and the checks across disposals. */
import { Decimal } from "../decimal";
import { formatEuro, parseAmount, parseYear } from "../money";
import type { NDisposal, NInvestment, NPartnership } from "./contract";
import { expectObject, fail, idOf, onlyKnownKeys, optString, rateOf } from "./read";
import { noInvestment, NONE, type Refuse, throwing } from "./refuse";

const DISPOSAL_KEYS = new Set([
  "id",
  "description",
  "price",
  "investment",
  "investmentYear",
  "investmentAmount",
  "investmentYearTotal",
  "partnerRates",
  "source",
]);

export function validateDisposal(raw: unknown, index: number, year: number, investmentsById: ReadonlyMap<string, NInvestment>, leftOut = NONE): NDisposal {
  const field = `disposals[${index}]`;
  const o = expectObject(raw, field);
  onlyKnownKeys(o, DISPOSAL_KEYS, field);
  const id = idOf(o.id, `${field}.id`);
  const price = parseAmount(o.price, `${field}.price`);
  const description = optString(o, "description", field);
  const source = optString(o, "source", field);
  const partnerRates = o.partnerRates === undefined ? undefined : ratesOf(o.partnerRates, `${field}.partnerRates`);
  if (o.investment !== undefined) {
    // A disposal of one of this year's investments (art. 3.47 lid 6: e.g. insurance money for a lost asset):
    // its investment year, amount and the year's total follow from the scenario itself.
    const link = idOf(o.investment, `${field}.investment`);
    const inv = investmentsById.get(link);
    if (!inv) fail("UNKNOWN_REPLACEMENT", `${field}.investment`, o.investment, noInvestment(link, leftOut));
    for (const k of ["investmentAmount", "investmentYearTotal"] as const) {
      if (o[k] !== undefined)
        fail("INVALID_COMBINATION", `${field}.${k}`, o[k], `volgt uit investering ${inv.id} en het totaal van ${year}; laat dit veld weg`);
    }
    if (o.investmentYear !== undefined) {
      const iy = parseYear(o.investmentYear, `${field}.investmentYear`);
      if (iy !== year) fail("INVALID_DISPOSAL", `${field}.investmentYear`, o.investmentYear, `investering ${inv.id} is een investering van ${year}`);
    }
    return {
      index,
      id,
      description,
      price,
      investmentYear: year,
      investment: inv.id,
      investmentAmount: inv.amount,
      investmentYearTotal: new Decimal(0),
      yearTotalGiven: false,
      ...(partnerRates ? { partnerRates } : {}),
      ...(source !== undefined ? { source } : {}),
    };
  }
  if (o.investmentYear === undefined)
    fail("MISSING_FIELD", `${field}.investmentYear`, undefined, "verwacht het jaar van de investering (of investment: de id van een investering van dit jaar)");
  const investmentYear = parseYear(o.investmentYear, `${field}.investmentYear`);
  if (investmentYear > year) {
    fail("INVALID_DISPOSAL", `${field}.investmentYear`, o.investmentYear, `investeringsjaar ligt na het jaar van vervreemding ${year}`);
  }
  if (investmentYear < 1900) fail("INVALID_YEAR", `${field}.investmentYear`, o.investmentYear, "investeringsjaar moet een jaartal zijn, zoals 2022");
  const investmentAmount = parseAmount(o.investmentAmount, `${field}.investmentAmount`);
  const investmentYearTotal = parseAmount(o.investmentYearTotal, `${field}.investmentYearTotal`);
  if (investmentAmount.gt(investmentYearTotal)) {
    fail(
      "INVALID_DISPOSAL",
      `${field}.investmentYearTotal`,
      o.investmentYearTotal,
      `totaal van het investeringsjaar is kleiner dan het investeringsbedrag van dit bedrijfsmiddel (${formatEuro(investmentAmount)})`,
    );
  }
  return {
    index,
    id,
    description,
    price,
    investmentYear,
    investmentAmount,
    investmentYearTotal,
    yearTotalGiven: true,
    ...(partnerRates ? { partnerRates } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

function ratesOf(v: unknown, field: string): ReadonlyMap<string, Decimal> {
  const o = expectObject(v, field);
  const m = new Map<string, Decimal>();
  for (const [name, r] of Object.entries(o)) m.set(name.trim(), rateOf(r, `${field}.${name}`));
  return m;
}

/** A disposal's partner percentages name partners of the partnership (and need one). */
export function assertPartnerRates(disposals: readonly NDisposal[], partnership: NPartnership | undefined, refuse: Refuse): void {
  const names = new Set(partnership?.partners.map((p) => p.name));
  for (const d of disposals) {
    if (!d.partnerRates) continue;
    const field = `disposals[${d.index}].partnerRates`;
    if (!partnership) {
      refuse(d, "INVALID_COMBINATION", field, undefined, "alleen bij een samenwerkingsverband (partnership)");
      continue;
    }
    const unknown = [...d.partnerRates.keys()].filter((n) => !names.has(n));
    if (unknown.length) refuse(d, "INVALID_COMBINATION", field, unknown.join(", "), `geen vennoot met deze naam; de vennoten zijn ${[...names].join(", ")}`);
  }
}

/** Refuses a disposal that names an investment another disposal already named. */
export function assertLinkedOnce(disposals: readonly NDisposal[], refuse: Refuse = throwing): void {
  const linked = new Set<string>();
  for (const d of disposals) {
    if (d.investment === undefined) continue;
    if (linked.has(d.investment))
      refuse(d, "INVALID_DISPOSAL", `disposals[${d.index}].investment`, d.investment, "deze investering is al bij een andere vervreemding genoemd");
    else linked.add(d.investment);
  }
}

/**
 * The id of a disposal entered by hand without a number of its own (the pane's step 4): its description, with " (2)"
 * after it while that is taken; without a description "vervreemding 2" (`n`: its place among those entered, from 1).
 */
export function enteredDisposalId(description: string, n: number, taken: ReadonlySet<string>): string {
  const base = description || `vervreemding ${n}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base} (${k})`;
  return id;
}

/**
 * Whether a disposal's id is no number anyone gave it but its name as enteredDisposalId makes it (its description,
 * perhaps with " (2)", or "vervreemding 2"): a report shows it as the description, with no number.
 */
export function isEnteredDisposalId(id: string, description: string | undefined): boolean {
  const d = description?.trim();
  if (d && (id === d || (id.startsWith(`${d} (`) && /^ \(\d+\)$/.test(id.slice(d.length))))) return true;
  return !d && /^vervreemding \d+( \(\d+\))?$/.test(id);
}
