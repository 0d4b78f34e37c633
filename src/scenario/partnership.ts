/** The partnership (samenwerkingsverband, art. 3.41 lid 3): its partners, its key and the key's names. */
import { rules } from "../law";
import { isAmountProblem, parseAmount, readShare } from "../money";
import type { NPartner, NPartnership, PartnershipKey } from "./contract";
import { expectObject, fail, MAX_ID_LENGTH, onlyKnownKeys, optBool, optString } from "./read";

const PARTNER_KEYS = new Set(["name", "legalForm", "profit", "capital", "reserves", "outsideInvestments", "ownAssetsInPartnership", "note"]);
const PARTNERSHIP_KEYS = new Set(["key", "partners", "jointRequest", "allDeductions", "sameForDisinvestment", "disinvestmentLevel"]);

/** The partnership key by its code or its Dutch name (case and spacing ignored). */
export const KEY_NAMES: Readonly<Record<string, PartnershipKey>> = {
  profit: "profit",
  winst: "profit",
  winstaandeel: "profit",
  winstaandelen: "profit",
  winstgerechtigdheid: "profit",
  winstverdeling: "profit",
  capital: "capital",
  kapitaal: "capital",
  kapitaalsverhouding: "capital",
  kapitaalverhouding: "capital",
  reserves: "reserves",
  stillereserves: "reserves",
  aandeleninstillereserves: "reserves",
  equal: "equal",
  gelijk: "equal",
  gelijkedelen: "equal",
};

export function partnershipKeyOf(input: unknown): PartnershipKey | undefined {
  if (typeof input !== "string") return undefined;
  const k = KEY_NAMES[input.toLowerCase().replace(/[\s_-]/g, "")];
  return k && rules.partnership.reasonableKeys.includes(k) ? k : undefined;
}

export function validatePartnership(raw: unknown): NPartnership {
  const field = "partnership";
  const o = expectObject(raw, field);
  onlyKnownKeys(o, PARTNERSHIP_KEYS, field);
  const keyGiven = o.key !== undefined;
  const key = keyGiven ? partnershipKeyOf(o.key) : (rules.partnership.defaultKey as PartnershipKey);
  if (!key) {
    fail(
      "INVALID_KEY",
      `${field}.key`,
      o.key,
      "verdeelsleutel moet zijn: winst (profit), kapitaal (capital), stille reserves (reserves) of gelijke delen (equal)",
    );
  }
  if (!Array.isArray(o.partners)) {
    fail(o.partners === undefined ? "MISSING_FIELD" : "INVALID_TYPE", `${field}.partners`, o.partners, "verwacht een lijst met de vennoten");
  }
  if (o.partners.length < 2) {
    fail(
      "INVALID_PARTNERS",
      `${field}.partners`,
      o.partners,
      "een samenwerkingsverband bestaat uit de belastingplichtige en een of meer andere belastingplichtigen (art. 3.41 lid 3 Wet IB 2001): geef ten minste twee vennoten, of laat partnership weg",
    );
  }
  const names = new Set<string>();
  const partners = o.partners.map((p, i): NPartner => {
    const pf = `${field}.partners[${i}]`;
    const po = expectObject(p, pf);
    onlyKnownKeys(po, PARTNER_KEYS, pf);
    if (typeof po.name !== "string" || po.name.trim() === "") {
      fail("MISSING_FIELD", `${pf}.name`, po.name, "verwacht de naam van de vennoot");
    }
    const name = po.name.trim();
    if (name.length > MAX_ID_LENGTH) fail("INVALID_TYPE", `${pf}.name`, po.name, "naam is te lang");
    if (names.has(name)) fail("DUPLICATE_ID", `${pf}.name`, po.name, "deze naam komt twee keer voor");
    names.add(name);
    const opt = (k: string) => (po[k] === undefined ? undefined : parseAmount(po[k], `${pf}.${k}`));
    // the key's figures are weights (a share, not an amount): readShare accepts a JSON float such as 1/3
    const share = (k: "profit" | "capital" | "reserves") => {
      if (po[k] === undefined) return undefined;
      const r = readShare(po[k], SHARE_NOUN[k]);
      if (isAmountProblem(r)) fail(r.problem, `${pf}.${k}`, po[k], r.reason);
      return r;
    };
    const partner: NPartner = {
      name,
      legalForm: optString(po, "legalForm", pf, 100),
      profit: share("profit"),
      capital: share("capital"),
      reserves: share("reserves"),
      outsideInvestments: opt("outsideInvestments"),
      ownAssetsInPartnership: opt("ownAssetsInPartnership"),
    };
    const note = optString(po, "note", pf, 1000);
    if (note !== undefined) partner.note = note;
    if (key !== "equal" && partner[key] === undefined) {
      fail("MISSING_FIELD", `${pf}.${key}`, undefined, `de verdeelsleutel ${KEY_FIELD_NL[key]} vraagt dit veld voor iedere vennoot`);
    }
    return partner;
  });
  if (key !== "equal" && partners.every((p) => p[key]!.isZero())) {
    fail("INVALID_KEY", `${field}.partners`, KEY_FIELD_NL[key], `de aandelen volgens de verdeelsleutel ${KEY_FIELD_NL[key]} zijn samen nul`);
  }
  const level = o.disinvestmentLevel ?? "partner";
  if (level !== "partner" && level !== "partnership")
    fail(
      "INVALID_TYPE",
      `${field}.disinvestmentLevel`,
      o.disinvestmentLevel,
      'verwacht "partner" (per vennoot, de standaard) of "partnership" (voor het samenwerkingsverband als geheel)',
    );
  return {
    key,
    keyGiven,
    partners,
    jointRequest: optBool(o, "jointRequest", field),
    allDeductions: optBool(o, "allDeductions", field),
    sameForDisinvestment: optBool(o, "sameForDisinvestment", field),
    disinvestmentLevel: level,
  };
}

const SHARE_NOUN = {
  profit: "winstaandeel",
  capital: "kapitaalaandeel",
  reserves: "aandeel in de stille reserves",
} as const;

const KEY_FIELD_NL: Record<PartnershipKey, string> = {
  profit: "aandeel in de (over)winst (profit)",
  capital: "kapitaalsverhouding (capital)",
  reserves: "aandelen in de stille reserves (reserves)",
  equal: "gelijke delen (equal)",
};
