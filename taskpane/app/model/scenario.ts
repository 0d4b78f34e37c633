/**
 * From the pane's choices to a scenario (docs/scenario.md): the ledger's investments as the reader read them, with
 * the user's overrides and calamity choices applied, the partnership, the disposals. Pure: no DOM, no Office; tested
 * in jest. Evaluating it, and placing the core's messages at the pane's fields, is ./evaluate.ts.
 *
 * What the user typed is read with the core's readers (format.ts); a field that is not an amount becomes an
 * input error at that field, and the scenario is not evaluated until it is fixed. A disposal the user has not
 * completed is left out and listed in step 4; the rest of the calculation goes on.
 */
import type { Scenario, ScenarioDisposal, ScenarioInvestment, ScenarioPartner } from "../../../src";
import type { LedgerRead } from "../../../src/workbook/ledger";
import { parseUserAmount, type Culture } from "../text/format";
import { withEvidence } from "../../../src/register/evidence";
import { enteredDisposalId } from "../../../src/scenario/disposal";
import { rowKey } from "../../../src/workbook/left-out";
import { PARTNER_AMOUNT_FIELDS, type CalamityEdit, type Choices, type StepId } from "./state";

/** Where a message belongs on screen: the step and a field key the components know. */
export interface FieldError {
  step: StepId | "source";
  /** e.g. "partner.1.capital", "disposal.0.price", "calamity.m-1.replacedBy", "asset.m-1", "year" */
  key: string;
  message: string;
}

/** Where each disposal of the scenario came from, to put a core message next to the right field. */
export type DisposalOrigin = { kind: "user"; index: number } | { kind: "insurance"; lost: string } | { kind: "ledger"; index: number; id: string };

/** A disposal left out of the calculation until it is complete: where it came from, its field and the message. */
export interface DisposalIssue {
  origin: DisposalOrigin;
  key: string;
  message: string;
}

export interface Built {
  scenario: Scenario;
  inputErrors: FieldError[];
  disposalOrigins: DisposalOrigin[];
  /** disposals entered in the pane that are not complete yet: left out, listed in step 4 */
  disposalIssues: DisposalIssue[];
  /** calamity choices whose lost asset is not (or no longer) in the ledger */
  strayCalamity: string[];
}

function amountOrError(text: string, culture: Culture, key: string, step: StepId, errors: FieldError[], required: boolean, what: string): string | undefined {
  if (text.trim() === "") {
    if (required)
      errors.push({
        step,
        key,
        message: `${what} ontbreekt; vul een bedrag in, zoals 1.234,56`,
      });
    return undefined;
  }
  const r = parseUserAmount(text, culture);
  if (!r.ok) {
    errors.push({ step, key, message: r.reason });
    return undefined;
  }
  return r.value;
}

const NO_ROWS: ReadonlySet<string> = new Set();

export const LEGAL_FORMS = ["natuurlijk persoon", "bv", "nv", "stichting", "vereniging", "coöperatie"] as const;

/** The calamity entries in force: the ledger's columns, replaced or switched off by the user's edits. */
export function calamityItems(
  investments: readonly ScenarioInvestment[],
  choices: Choices,
): {
  lost: string;
  edit: CalamityEdit;
  fromLedger: boolean;
  edited: boolean;
}[] {
  const out: {
    lost: string;
    edit: CalamityEdit;
    fromLedger: boolean;
    edited: boolean;
  }[] = [];
  const seen = new Set<string>();
  for (const inv of investments) {
    const id = String(inv.id);
    const entry = choices.calamity[id];
    if (entry && "removed" in entry) {
      seen.add(id);
      continue;
    }
    if (entry) {
      out.push({
        lost: id,
        edit: entry,
        fromLedger: !!inv.lostByCalamity,
        edited: true,
      });
      seen.add(id);
    } else if (inv.lostByCalamity) {
      out.push({
        lost: id,
        edit: {
          replacedBy: String(inv.lostByCalamity.replacedBy),
          approval: inv.lostByCalamity.approval === true ? "yes" : inv.lostByCalamity.approval === false ? "no" : "auto",
          eiaMia: null,
          insurance: "",
        },
        fromLedger: true,
        edited: false,
      });
      seen.add(id);
    }
  }
  return out;
}

export function buildScenario(
  choices: Choices,
  ledger: Pick<LedgerRead, "investments" | "otherYears">,
  culture: Culture,
  description?: string,
  ledgerDisposals: readonly ScenarioDisposal[] = [],
  /** the core's step for earlier years is loaded (src/carried-hook.ts); the pane loads it when there are earlier years */
  carriedReady = true,
  /** the rows of the workbook's disposals list that count as read (rowKey): an entry that completed one is not counted again */
  listed: ReadonlySet<string> = NO_ROWS,
): Built {
  const errors: FieldError[] = [];
  const disposals: ScenarioDisposal[] = [];
  const disposalOrigins: DisposalOrigin[] = [];
  const disposalIssues: DisposalIssue[] = [];
  const ids = new Set(ledger.investments.map((i) => String(i.id)));
  const items = new Map(calamityItems(ledger.investments, choices).map((c) => [c.lost, c]));

  const investments = ledger.investments.map((inv) => {
    const id = String(inv.id);
    const override = choices.overrides[id];
    const cal = choices.calamity[id];
    if (!override && !cal) return inv;
    const out: ScenarioInvestment = { ...inv };
    if (override) out.override = { eligible: override.eligible, reason: override.reason };
    if (cal && "removed" in cal) delete out.lostByCalamity;
    else if (cal) {
      if (!cal.replacedBy.trim())
        errors.push({
          step: "calamity",
          key: `calamity.${id}.replacedBy`,
          message: "kies het bedrijfsmiddel dat het verloren bedrijfsmiddel in hetzelfde jaar vervangt",
        });
      else
        out.lostByCalamity = {
          replacedBy: cal.replacedBy,
          ...(cal.approval === "auto" ? {} : { approval: cal.approval === "yes" }),
        };
      if (cal.eiaMia !== null) out.eiaMia = cal.eiaMia;
    }
    return out;
  });

  // insurance money for a lost asset: a disposal of this year's investment (art. 3.47; besluit 4.4 net effect)
  for (const [lost, item] of items) {
    const price = amountOrError(item.edit.insurance, culture, `calamity.${lost}.insurance`, "calamity", errors, false, "uitkering");
    if (price === undefined) continue;
    disposals.push({
      id: `verzekering ${lost}`,
      description: `Verzekeringsuitkering voor ${lost}`,
      price,
      investment: lost,
    });
    disposalOrigins.push({ kind: "insurance", lost });
  }

  ledgerDisposals.forEach((d, index) => {
    // a row filled from an earlier year's register ("Uit register", model/derive.ts): a partner's own percentage is kept
    // for the partners listed on screen (the table has no such column, so only a register gives one)
    if (d.partnerRates && choices.partnership.enabled) {
      const names = new Set(choices.partnership.partners.map((q) => q.name.trim()));
      d = { ...d, partnerRates: Object.fromEntries(Object.entries(d.partnerRates).filter(([n]) => names.has(n))) };
    }
    disposals.push(d);
    disposalOrigins.push({ kind: "ledger", index, id: String(d.id) });
  });

  const taken = new Set(ledgerDisposals.map((x) => String(x.id)));
  choices.disposals.forEach((d, i) => {
    const k = (f: string) => `disposal.${i}.${f}`;
    // this disposal's own messages: an incomplete disposal is left out and listed, it does not stop the rest
    const errors: FieldError[] = [];
    const price = amountOrError(d.price, culture, k("price"), "payment", errors, true, "verkoopprijs");
    // the description names the disposal in the report and the explanation ("Heftruck (verkocht)"); without one
    // it is "vervreemding 2"
    const description = d.description.trim().replace(/\s+/g, " ").slice(0, 120);
    // a row taken from the workbook's list keeps its own number; else the description names it (enteredDisposalId)
    const own = d.id?.trim();
    const id = own && !taken.has(own) ? own : enteredDisposalId(description, i + 1, taken);
    const out: ScenarioDisposal = { id, price: price ?? "0" };
    if (description) out.description = description;
    if (d.kind === "this-year") {
      if (!d.investment)
        errors.push({
          step: "payment",
          key: k("investment"),
          message: "kies de investering van dit jaar die is vervreemd",
        });
      else out.investment = d.investment;
    } else {
      const y = d.investmentYear.trim();
      if (!/^\d{4}$/.test(y))
        errors.push({
          step: "payment",
          key: k("investmentYear"),
          message: "vul het investeringsjaar in, zoals 2022",
        });
      else out.investmentYear = Number(y);
      const ia = amountOrError(d.investmentAmount, culture, k("investmentAmount"), "payment", errors, true, "investeringsbedrag");
      const it = amountOrError(d.investmentYearTotal, culture, k("investmentYearTotal"), "payment", errors, true, "totaal investeringen van dat jaar");
      if (ia !== undefined) out.investmentAmount = ia;
      if (it !== undefined) out.investmentYearTotal = it;
      if (d.source?.trim()) out.source = d.source.trim();
      // a partner's own KIA percentage of that year (art. 3.47 per partner), for the partners still listed
      if (choices.partnership.enabled && d.partnerRates) {
        const names = new Set(choices.partnership.partners.map((q) => q.name.trim()));
        const rates = Object.entries(d.partnerRates).filter(([n, v]) => names.has(n) && v.trim());
        if (rates.length) out.partnerRates = Object.fromEntries(rates.map(([n, v]) => [n, v.trim()]));
      }
    }
    // completed here ("Vul aan") while the list's row now counts as read (its columns filled in since): not twice
    if (d.completes && listed.has(rowKey(d.completes)))
      errors.push({ step: "payment", key: k("price"), message: `deze verkoop telt nu mee uit de werkmap (${d.completes.cell}); verwijder hem hier` });
    if (errors.length) {
      for (const e of errors) disposalIssues.push({ origin: { kind: "user", index: i }, key: e.key, message: e.message });
      return;
    }
    taken.add(id);
    disposals.push(out);
    disposalOrigins.push({ kind: "user", index: i });
  });

  const scenario: Scenario = { year: choices.year, investments };
  if (description) scenario.description = description.slice(0, 500);

  const p = choices.partnership;
  if (p.enabled) {
    const partners: ScenarioPartner[] = p.partners.map((q, i) => {
      const out: ScenarioPartner = { name: q.name.trim() };
      if (!out.name)
        errors.push({
          step: "partnership",
          key: `partner.${i}.name`,
          message: "vul de naam van de vennoot in",
        });
      if (q.legalForm.trim()) out.legalForm = q.legalForm.trim();
      for (const f of PARTNER_AMOUNT_FIELDS) {
        const v = amountOrError(q[f], culture, `partner.${i}.${f}`, "partnership", errors, false, f);
        if (v !== undefined) out[f] = v;
      }
      return out;
    });
    scenario.partnership = {
      key: p.key,
      partners,
      ...(p.jointRequest === "unknown" ? {} : { jointRequest: p.jointRequest === "yes" }),
      ...(p.allDeductions === "unknown" || p.allDeductions === undefined ? {} : { allDeductions: p.allDeductions === "yes" }),
      ...(p.sameForDisinvestment === "unknown" || p.sameForDisinvestment === undefined ? {} : { sameForDisinvestment: p.sameForDisinvestment === "yes" }),
      ...(p.disinvestmentLevel === "partnership" ? { disinvestmentLevel: "partnership" as const } : {}),
    };
  }
  if (disposals.length) scenario.disposals = disposals;
  const dt = amountOrError(choices.disposalsTotal, culture, "disposalsTotal", "payment", errors, false, "totaal vervreemdingen");
  if (dt !== undefined) scenario.disposalsTotal = dt;
  // the KIA of earlier years still open (art. 3.44), with what this year's ledger and the user's ticks say
  const e = choices.earlier;
  if (e?.carriedIn.length && carriedReady) {
    const paid: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.paid)) {
      const r = parseUserAmount(v, culture);
      if (r.ok) paid[k] = r.value;
      else errors.push({ step: "payment", key: `carried.${k}.paid`, message: r.reason });
    }
    scenario.carriedIn = withEvidence(e.carriedIn, { ledger: ledger.otherYears ?? [], inUse: e.inUse, paid });
  }

  const strayCalamity = Object.keys(choices.calamity).filter((id) => !ids.has(id));
  return { scenario, inputErrors: errors, disposalOrigins, disposalIssues, strayCalamity };
}
