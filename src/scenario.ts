/**
 * The scenario (input) contract and its validation. A scenario is plain JSON; amounts may be numbers
 * or decimal strings. validateScenario() turns it into a NormalizedScenario with exact Decimals, or
 * throws KiaValidationError naming the field ("investments[3].amount") and the offending value.
 * Unknown fields are rejected too: a misspelled "vatdeductible" must not be silently ignored.
 */
import type { Decimal } from "./decimal";
import { KiaValidationError } from "./errors";
import { findCategory, getYearTable, rules, type CategoryData } from "./law";
import { parseAmount, parseYear } from "./money";

export type Amount = number | string;
export type PartnershipKey = "profit" | "capital" | "reserves" | "equal";

export interface ScenarioInvestment {
  id: string;
  description?: string;
  category: string;
  amount: Amount;
  /** default true: the amount is excl. VAT; false: VAT is not deductible and the amount includes it */
  vatDeductible?: boolean;
  /** rows with the same group form one asset for the € 450 test (besluit onderdeel 2.2) */
  group?: string;
  /** obligation with a related party as meant in art. 3.46 */
  relatedParty?: boolean;
  /** exemption (ontheffing) granted under besluit onderdeel 5 */
  exemption?: boolean;
  /** paid by year end (art. 3.44); default: the full amount */
  paid?: Amount;
  /** in use by year end; default true */
  inUse?: boolean;
  /** lost by a calamity and replaced in the same year (besluit onderdeel 4.4) */
  lostByCalamity?: { replacedBy: string; approval?: boolean };
  /** EIA or MIA is claimed on this asset */
  eiaMia?: boolean;
}

export interface ScenarioPartner {
  name: string;
  profit?: Amount;
  capital?: Amount;
  reserves?: Amount;
  /** the partner's own investments outside the partnership in this year */
  outsideInvestments?: Amount;
}

export interface ScenarioPartnership {
  key?: PartnershipKey;
  partners: ScenarioPartner[];
  /** condition f: a joint, signed request for the agreed key was (or will be) filed */
  jointRequest?: boolean;
}

export interface ScenarioDisposal {
  id: string;
  description?: string;
  price: Amount;
  investmentYear: number;
  investmentAmount: Amount;
  investmentYearTotal: Amount;
}

export interface Scenario {
  year: number;
  exact?: boolean;
  description?: string;
  investments: ScenarioInvestment[];
  partnership?: ScenarioPartnership;
  disposals?: ScenarioDisposal[];
  /** total of all disposal prices in the year, when more was disposed of than the listed disposals */
  disposalsTotal?: Amount;
}

export interface NInvestment {
  index: number;
  id: string;
  description?: string;
  category: CategoryData;
  amount: Decimal;
  vatDeductible: boolean;
  group?: string;
  relatedParty: boolean;
  exemption: boolean;
  paid: Decimal;
  inUse: boolean;
  lostByCalamity?: { replacedBy: string; approval: boolean };
  eiaMia: boolean;
}

export interface NPartner {
  name: string;
  profit?: Decimal;
  capital?: Decimal;
  reserves?: Decimal;
  outsideInvestments?: Decimal;
}

export interface NPartnership {
  key: PartnershipKey;
  keyGiven: boolean;
  partners: NPartner[];
  jointRequest?: boolean;
}

export interface NDisposal {
  index: number;
  id: string;
  description?: string;
  price: Decimal;
  investmentYear: number;
  investmentAmount: Decimal;
  investmentYearTotal: Decimal;
}

export interface NormalizedScenario {
  year: number;
  exact: boolean;
  investments: NInvestment[];
  partnership?: NPartnership;
  disposals: NDisposal[];
  disposalsTotal?: Decimal;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function expectObject(v: unknown, field: string): Obj {
  if (!isObj(v))
    throw new KiaValidationError(
      "INVALID_TYPE",
      field,
      v,
      "verwacht een object",
    );
  return v;
}

function onlyKnownKeys(
  o: Obj,
  known: ReadonlySet<string>,
  field: string,
): void {
  for (const k in o) {
    if (!known.has(k)) {
      throw new KiaValidationError(
        "UNKNOWN_FIELD",
        `${field}.${k}`,
        o[k],
        `onbekend veld; toegestaan: ${[...known].join(", ")}`,
      );
    }
  }
}

function optBool(o: Obj, key: string, field: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== "boolean")
    throw new KiaValidationError(
      "INVALID_TYPE",
      `${field}.${key}`,
      v,
      "verwacht true of false",
    );
  return v;
}

function optString(o: Obj, key: string, field: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string")
    throw new KiaValidationError(
      "INVALID_TYPE",
      `${field}.${key}`,
      v,
      "verwacht tekst",
    );
  return v;
}

function reqId(o: Obj, field: string): string {
  const v = o.id;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string" || v.trim() === "") {
    throw new KiaValidationError(
      v === undefined ? "MISSING_FIELD" : "INVALID_TYPE",
      `${field}.id`,
      v,
      "verwacht een niet-lege id",
    );
  }
  return v;
}

const INVESTMENT_KEYS = new Set([
  "id",
  "description",
  "category",
  "amount",
  "vatDeductible",
  "group",
  "relatedParty",
  "exemption",
  "paid",
  "inUse",
  "lostByCalamity",
  "eiaMia",
]);
const PARTNER_KEYS = new Set([
  "name",
  "profit",
  "capital",
  "reserves",
  "outsideInvestments",
]);
const DISPOSAL_KEYS = new Set([
  "id",
  "description",
  "price",
  "investmentYear",
  "investmentAmount",
  "investmentYearTotal",
]);
const SCENARIO_KEYS = new Set([
  "year",
  "exact",
  "description",
  "investments",
  "partnership",
  "disposals",
  "disposalsTotal",
]);
const CALAMITY_KEYS = new Set(["replacedBy", "approval"]);
const PARTNERSHIP_KEYS = new Set(["key", "partners", "jointRequest"]);

function validateInvestment(raw: unknown, index: number): NInvestment {
  const field = `investments[${index}]`;
  const o = expectObject(raw, field);
  onlyKnownKeys(o, INVESTMENT_KEYS, field);
  const id = reqId(o, field);
  if (typeof o.category !== "string") {
    throw new KiaValidationError(
      o.category === undefined ? "MISSING_FIELD" : "INVALID_TYPE",
      `${field}.category`,
      o.category,
      'verwacht een categoriecode, zoals "machine"',
    );
  }
  const category = findCategory(o.category);
  if (!category) {
    throw new KiaValidationError(
      "UNKNOWN_CATEGORY",
      `${field}.category`,
      o.category,
      "onbekende categorie; zie docs/categories.md voor de geldige codes",
    );
  }
  const amount = parseAmount(o.amount, `${field}.amount`);
  const paid =
    o.paid === undefined ? amount : parseAmount(o.paid, `${field}.paid`);
  if (paid.gt(amount)) {
    throw new KiaValidationError(
      "PAID_EXCEEDS_AMOUNT",
      `${field}.paid`,
      o.paid,
      `betaald bedrag is hoger dan het investeringsbedrag (${amount.toString()})`,
    );
  }
  let lost: NInvestment["lostByCalamity"];
  if (o.lostByCalamity !== undefined) {
    const lf = `${field}.lostByCalamity`;
    const l = expectObject(o.lostByCalamity, lf);
    onlyKnownKeys(l, CALAMITY_KEYS, lf);
    const rb = l.replacedBy;
    if (typeof rb !== "string" && typeof rb !== "number") {
      throw new KiaValidationError(
        "MISSING_FIELD",
        `${lf}.replacedBy`,
        rb,
        "verwacht de id van het vervangende bedrijfsmiddel",
      );
    }
    lost = {
      replacedBy: String(rb),
      approval: optBool(l, "approval", lf, true),
    };
  }
  return {
    index,
    id,
    description: optString(o, "description", field),
    category,
    amount,
    vatDeductible: optBool(o, "vatDeductible", field, true),
    group: o.group === undefined ? undefined : String(o.group),
    relatedParty: optBool(o, "relatedParty", field, false),
    exemption: optBool(o, "exemption", field, false),
    paid,
    inUse: optBool(o, "inUse", field, true),
    lostByCalamity: lost,
    eiaMia: optBool(o, "eiaMia", field, false),
  };
}

function validatePartnership(raw: unknown): NPartnership {
  const field = "partnership";
  const o = expectObject(raw, field);
  onlyKnownKeys(o, PARTNERSHIP_KEYS, field);
  const keyGiven = o.key !== undefined;
  const key = (o.key ?? rules.partnership.defaultKey) as PartnershipKey;
  if (!rules.partnership.reasonableKeys.includes(key)) {
    throw new KiaValidationError(
      "INVALID_KEY",
      `${field}.key`,
      o.key,
      `verdeelsleutel moet een van ${rules.partnership.reasonableKeys.join(", ")} zijn`,
    );
  }
  if (!Array.isArray(o.partners) || o.partners.length === 0) {
    throw new KiaValidationError(
      "INVALID_PARTNERS",
      `${field}.partners`,
      o.partners,
      "verwacht een lijst met minstens één vennoot",
    );
  }
  const names = new Set<string>();
  const partners = o.partners.map((p, i): NPartner => {
    const pf = `${field}.partners[${i}]`;
    const po = expectObject(p, pf);
    onlyKnownKeys(po, PARTNER_KEYS, pf);
    if (typeof po.name !== "string" || po.name.trim() === "") {
      throw new KiaValidationError(
        "MISSING_FIELD",
        `${pf}.name`,
        po.name,
        "verwacht de naam van de vennoot",
      );
    }
    if (names.has(po.name))
      throw new KiaValidationError(
        "DUPLICATE_ID",
        `${pf}.name`,
        po.name,
        "deze naam komt twee keer voor",
      );
    names.add(po.name);
    const opt = (k: string) =>
      po[k] === undefined ? undefined : parseAmount(po[k], `${pf}.${k}`);
    const partner: NPartner = {
      name: po.name,
      profit: opt("profit"),
      capital: opt("capital"),
      reserves: opt("reserves"),
      outsideInvestments: opt("outsideInvestments"),
    };
    if (key !== "equal" && partner[key] === undefined) {
      throw new KiaValidationError(
        "MISSING_FIELD",
        `${pf}.${key}`,
        undefined,
        `verdeelsleutel "${key}" vraagt dit veld voor iedere vennoot`,
      );
    }
    return partner;
  });
  if (key !== "equal" && partners.every((p) => p[key]!.isZero())) {
    throw new KiaValidationError(
      "INVALID_KEY",
      `${field}.partners`,
      key,
      `de aandelen volgens verdeelsleutel "${key}" zijn samen nul`,
    );
  }
  const jointRequest =
    o.jointRequest === undefined
      ? undefined
      : optBool(o, "jointRequest", field, false);
  return { key, keyGiven, partners, jointRequest };
}

function validateDisposal(
  raw: unknown,
  index: number,
  year: number,
): NDisposal {
  const field = `disposals[${index}]`;
  const o = expectObject(raw, field);
  onlyKnownKeys(o, DISPOSAL_KEYS, field);
  const investmentYear = parseYear(o.investmentYear, `${field}.investmentYear`);
  if (investmentYear > year) {
    throw new KiaValidationError(
      "INVALID_DISPOSAL",
      `${field}.investmentYear`,
      o.investmentYear,
      `investeringsjaar ligt na het jaar van vervreemding ${year}`,
    );
  }
  getYearTable(investmentYear, `${field}.investmentYear`);
  const investmentAmount = parseAmount(
    o.investmentAmount,
    `${field}.investmentAmount`,
  );
  const investmentYearTotal = parseAmount(
    o.investmentYearTotal,
    `${field}.investmentYearTotal`,
  );
  if (investmentAmount.gt(investmentYearTotal)) {
    throw new KiaValidationError(
      "INVALID_DISPOSAL",
      `${field}.investmentYearTotal`,
      o.investmentYearTotal,
      `totaal van het investeringsjaar is kleiner dan het investeringsbedrag van dit bedrijfsmiddel (${investmentAmount.toString()})`,
    );
  }
  return {
    index,
    id: reqId(o, field),
    description: optString(o, "description", field),
    price: parseAmount(o.price, `${field}.price`),
    investmentYear,
    investmentAmount,
    investmentYearTotal,
  };
}

function assertUniqueIds(
  items: readonly { id: string; index: number }[],
  list: string,
): void {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) {
      throw new KiaValidationError(
        "DUPLICATE_ID",
        `${list}[${it.index}].id`,
        it.id,
        "deze id komt twee keer voor",
      );
    }
    seen.add(it.id);
  }
}

export function validateScenario(raw: unknown): NormalizedScenario {
  const o = expectObject(raw, "scenario");
  onlyKnownKeys(o, SCENARIO_KEYS, "scenario");
  if (o.year === undefined)
    throw new KiaValidationError(
      "MISSING_FIELD",
      "year",
      undefined,
      "het jaar ontbreekt",
    );
  const year = parseYear(o.year, "year");
  getYearTable(year, "year");
  if (o.exact !== undefined && typeof o.exact !== "boolean") {
    throw new KiaValidationError(
      "INVALID_TYPE",
      "exact",
      o.exact,
      "verwacht true of false",
    );
  }
  if (!Array.isArray(o.investments)) {
    throw new KiaValidationError(
      o.investments === undefined ? "MISSING_FIELD" : "INVALID_TYPE",
      "investments",
      o.investments,
      "verwacht een lijst met investeringen",
    );
  }
  const investments = o.investments.map(validateInvestment);
  assertUniqueIds(investments, "investments");
  const byId = new Map(investments.map((inv) => [inv.id, inv] as const));
  for (const inv of investments) {
    if (!inv.lostByCalamity) continue;
    const f = `investments[${inv.index}].lostByCalamity.replacedBy`;
    const repl = byId.get(inv.lostByCalamity.replacedBy);
    if (!repl) {
      throw new KiaValidationError(
        "UNKNOWN_REPLACEMENT",
        f,
        inv.lostByCalamity.replacedBy,
        "er is geen investering met deze id in dit jaar",
      );
    }
    if (repl === inv)
      throw new KiaValidationError(
        "INVALID_REPLACEMENT",
        f,
        inv.lostByCalamity.replacedBy,
        "een bedrijfsmiddel kan niet zichzelf vervangen",
      );
  }
  if (o.disposals !== undefined && !Array.isArray(o.disposals)) {
    throw new KiaValidationError(
      "INVALID_TYPE",
      "disposals",
      o.disposals,
      "verwacht een lijst met vervreemdingen",
    );
  }
  const disposals = ((o.disposals as unknown[] | undefined) ?? []).map((d, i) =>
    validateDisposal(d, i, year),
  );
  assertUniqueIds(disposals, "disposals");
  let disposalsTotal: Decimal | undefined;
  if (o.disposalsTotal !== undefined) {
    disposalsTotal = parseAmount(o.disposalsTotal, "disposalsTotal");
    const listed = disposals.reduce(
      (s, d) => s.plus(d.price),
      parseAmount(0, "disposalsTotal"),
    );
    if (disposalsTotal.lt(listed)) {
      throw new KiaValidationError(
        "INVALID_DISPOSAL",
        "disposalsTotal",
        o.disposalsTotal,
        `kleiner dan de som van de opgegeven vervreemdingen (${listed.toString()})`,
      );
    }
  }
  return {
    year,
    exact: o.exact === true,
    investments,
    partnership:
      o.partnership === undefined
        ? undefined
        : validatePartnership(o.partnership),
    disposals,
    disposalsTotal,
  };
}
