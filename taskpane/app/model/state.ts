/**
 * The pane's state, in one place: what was read (the grid and where it came from), how its columns are mapped,
 * and the choices the law leaves to the taxpayer (overrides with their reasons, the calamity approval, the
 * partnership and its key, disposals). Everything else — the investments, the scenario, the report, every number
 * on screen — is derived from it (derive.ts): one direction, no second copy of a number.
 *
 * Amounts the user types are kept as typed (text); scenario.ts reads them with the core's readers.
 */
import type { ColumnMapping, LedgerField } from "../../../src/workbook/ledger";
import type { Answer } from "../../../src/workbook/questions";
import { validateCarriedIn, type PartnershipKey, type ScenarioCarriedYear } from "../../../src/scenario";
import type { ReadNote } from "../../../src/workbook/left-out";
import type { WorkbookFound } from "../../../src/workbook/found";
import type { Grid, ReadProgress } from "../../workbook/types";
import type { YearFound } from "./load";

/** Where the reader found the ledger, the partners, the disposals and the year ("" for the year: none). */
export type ReadFrom = { ledger: string; partners?: string; disposals?: string; year: string };

/** The partners the reader found, with the cells beside "Verdeelsleutel" and "Gezamenlijk verzoek". */
export type PartnersFound = Pick<WorkbookFound, "partners" | "key" | "request">;

export const STEPS = ["review", "calamity", "partnership", "payment", "report"] as const;
export type StepId = (typeof STEPS)[number];

export interface Override {
  eligible: boolean;
  reason: string;
}

/** The user's word on one lost asset (besluit 4.4); ledger columns give the first version. */
export interface CalamityEdit {
  replacedBy: string;
  /** auto: the core takes the approval when it gives the higher net result; yes/no: the taxpayer's choice */
  approval: "auto" | "yes" | "no";
  /** EIA or MIA claimed on the lost asset; null: as the ledger says */
  eiaMia: boolean | null;
  /** insurance money (or other compensation) for the lost asset, as typed; "" for none */
  insurance: string;
}

export type CalamityEntry = CalamityEdit | { removed: true };

export interface PartnerInput {
  name: string;
  legalForm: string;
  profit: string;
  capital: string;
  reserves: string;
  outsideInvestments: string;
  ownAssetsInPartnership: string;
}

export const PARTNER_AMOUNT_FIELDS = ["profit", "capital", "reserves", "outsideInvestments", "ownAssetsInPartnership"] as const;
export type PartnerAmountField = (typeof PARTNER_AMOUNT_FIELDS)[number];

/** A condition the user confirms in the pane. */
export type Confirmation = "unknown" | "yes" | "no";

export interface PartnershipInput {
  enabled: boolean;
  /** the partnership's name, for the joint request (condition f) */
  name: string;
  key: PartnershipKey;
  /** condition f: filed (yes), not filed (no: the profit shares apply), or not known yet */
  jointRequest: "unknown" | "yes" | "no";
  /** condition c (the key for every form of investment deduction) and e (the same key for a later disinvestment
   * addition): confirmed (yes), not met (no: the profit shares apply), or not confirmed yet */
  allDeductions: Confirmation;
  sameForDisinvestment: Confirmation;
  /** art. 3.47: per partner (the default) or for the partnership as a whole */
  disinvestmentLevel: "partner" | "partnership";
  partners: PartnerInput[];
}

export interface DisposalInput {
  description: string;
  price: string;
  /** of one of this year's investments (linked by id), or of an investment of an earlier year */
  kind: "this-year" | "earlier";
  investment: string;
  investmentYear: string;
  investmentAmount: string;
  investmentYearTotal: string;
  /** in a partnership: a partner's KIA percentage of the investment year where it differed (by name; text as typed) */
  partnerRates?: Record<string, string>;
  /** picked from an earlier year's register: where its figures come from ("KIA_REGISTER_2023 in 2023.xlsx: M3 (Bestelbus)") */
  source?: string;
  /** the row's own number, when it was taken from the workbook's disposals list and had one ("V-3") */
  id?: string;
  /**
   * the row of the workbook's disposals list it completes ("Vul aan": a sale read but missing facts, LeftOut
   * "INCOMPLETE"): once complete here it counts once, and that row's message no longer makes the figure provisional
   */
  completes?: { sheet: string; row: number; cell: string };
}

/**
 * What earlier years' registers gave (step 4, "Uit eerdere jaren"; src/register): the parts of their KIA still open
 * (art. 3.44) as last year's register hands them on, the registers used and what is not right, and the user's ticks
 * (an asset taken into use, or paid, this year), by "jaar:bedrijfsmiddel".
 */
export interface EarlierChoice {
  carriedIn: ScenarioCarriedYear[];
  used: { year: number; file: string; table: string }[];
  messages: string[];
  inUse: string[];
  paid: Record<string, string>;
  /** the disposals table's register references ("2023:M3") filled from the registers, or why not (Dutch) */
  fromRegister?: Record<string, Record<string, unknown> | string>;
}

/** What the user decided; stored in the document so it comes back next time. */
export interface Choices {
  year: number;
  overrides: Record<string, Override>;
  calamity: Record<string, CalamityEntry>;
  partnership: PartnershipInput;
  disposals: DisposalInput[];
  disposalsTotal: string;
  /** answers to the ledger's open questions (src/workbook/questions.ts), by questionKey; never written into the ledger */
  answers?: Record<string, Answer>;
  /** what earlier years' registers gave, with the user's ticks */
  earlier?: EarlierChoice;
}

export interface Source {
  kind: "table" | "selection" | "file";
  /** what was read, as the workbook describes it ("tabel Investeringen", "selectie A1:H200", a file's table) */
  name: string;
  /** the table's name, to read it again */
  table?: string;
  fileName?: string;
}

/** The partners read from the workbook's table on load (shown once in step 3). */
export interface PartnersRead {
  table: string;
  count: number;
  key?: PartnershipKey;
  jointRequest?: "yes" | "no";
  /** cells of the partners table that could not be read ("C3: ...") */
  problems: string[];
}

export interface PaneState {
  source: Source | null;
  grid: Grid | null;
  /** the workbook's disposals (a table or a sheet "Desinvesteringen"), when it has them */
  disposalGrid: Grid | null;
  /** the workbook's partners, when it has them (readWorkbook) */
  partnersFound: PartnersFound | null;
  /** what the reader passed over, and why (a second ledger, a sheet "Vennoten" that is no partners list) */
  notes: ReadNote[];
  /** where the reader found each part, in its words ("tabel Investeringen", "KIA_JAAR (Info!B2)"); null before a ledger */
  readFrom: ReadFrom | null;
  /** the column of each field: found by the headers, restored from the document, or corrected by the user */
  mapping: ColumnMapping;
  mappingOrigin: "headers" | "saved" | "user";
  choices: Choices;
  /**
   * What the workbook itself gives, before the user chose anything: the year of its dates and the partners of
   * its "Vennoten" table. Choices equal to it are not stored in the document; "begin opnieuw" goes back to it.
   */
  baseline: Choices;
  /** how the year on screen was found on loading (null: restored, or chosen by the user since) */
  yearFound: YearFound | null;
  partnersRead: PartnersRead | null;
  step: StepId;
  /** a reading under way, how far it is, and whether the user can stop it */
  loading: (ReadProgress & { cancellable?: boolean }) | null;
  loadError: string | null;
  /** choices were restored from the document (shown once, with a way to start afresh) */
  restored: boolean;
}

export function emptyPartner(): PartnerInput {
  return {
    name: "",
    legalForm: "",
    profit: "",
    capital: "",
    reserves: "",
    outsideInvestments: "",
    ownAssetsInPartnership: "",
  };
}

export function emptyDisposal(): DisposalInput {
  return {
    description: "",
    price: "",
    kind: "this-year",
    investment: "",
    investmentYear: "",
    investmentAmount: "",
    investmentYearTotal: "",
  };
}

export function initialChoices(year: number): Choices {
  return {
    year,
    overrides: {},
    calamity: {},
    partnership: {
      enabled: false,
      name: "",
      key: "profit",
      jointRequest: "unknown",
      allDeductions: "unknown",
      sameForDisinvestment: "unknown",
      disinvestmentLevel: "partner",
      partners: [],
    },
    disposals: [],
    disposalsTotal: "",
  };
}

export function initialState(year: number): PaneState {
  return {
    source: null,
    grid: null,
    disposalGrid: null,
    partnersFound: null,
    notes: [],
    readFrom: null,
    mapping: {},
    mappingOrigin: "headers",
    choices: initialChoices(year),
    baseline: initialChoices(year),
    yearFound: null,
    partnersRead: null,
    step: "review",
    loading: null,
    loadError: null,
    restored: false,
  };
}

export type Action =
  /** `cancellable`: the user can stop it (a file read in the page's worker); the ledger on screen stays meanwhile */
  | { type: "load-start"; source: Source; cancellable?: boolean }
  /** the user stopped the reading: the pane shows what it showed before */
  | { type: "load-cancelled" }
  | { type: "load-progress"; progress: ReadProgress }
  | {
      type: "load-done";
      source: Source;
      grid: Grid;
      disposalGrid?: Grid | null;
      partnersFound?: PartnersFound | null;
      notes?: ReadNote[];
      readFrom?: ReadFrom;
      mapping: ColumnMapping;
      mappingOrigin: "headers" | "saved";
      /** choices restored from the document: they win over what the workbook gives */
      choices?: Choices;
      /** the document holds choices for this ledger (restored, or just what the workbook gives) */
      restoredChoices?: boolean;
      year?: number;
      /** how the year was found (readWorkbook), when it was looked for */
      yearFound?: YearFound;
      /** the partnership read from the workbook's partners table */
      partnership?: PartnershipInput;
      partnersRead?: PartnersRead | null;
    }
  | { type: "load-failed"; message: string }
  | { type: "unload" }
  | { type: "set-mapping"; field: LedgerField; column: number | undefined }
  | { type: "reset-mapping"; mapping: ColumnMapping }
  | { type: "set-year"; year: number }
  | { type: "set-step"; step: StepId }
  | { type: "set-override"; id: string; override: Override | null }
  | { type: "set-answer"; key: string; answer: Answer | null }
  | { type: "set-calamity"; lost: string; entry: CalamityEntry | null }
  | { type: "partnership"; patch: Partial<Omit<PartnershipInput, "partners">> }
  | { type: "set-partner"; index: number; patch: Partial<PartnerInput> }
  | { type: "add-partner" }
  | { type: "remove-partner"; index: number }
  | { type: "set-partners"; partners: PartnerInput[] }
  | { type: "add-disposal" }
  | { type: "set-disposal"; index: number; patch: Partial<DisposalInput> }
  | { type: "remove-disposal"; index: number }
  | { type: "set-disposals-total"; value: string }
  /** the registers of earlier years read (null: forgotten); the ticks of parts still open are kept */
  | { type: "set-earlier"; earlier: Omit<EarlierChoice, "inUse" | "paid"> | null }
  /** an earlier year's asset taken into use this year, or paid by this year's end ("" : not said) */
  | { type: "set-carried"; key: string; inUse?: boolean; paid?: string }
  /** a disposal picked from a register, its figures filled */
  | { type: "add-disposal-from"; disposal: DisposalInput }
  | { type: "forget-choices" }
  /** "Gegevens laden (.json)": the choices and the column mapping from a file (saved-data.ts), matched to the rows */
  | { type: "restore-data"; choices: Choices; mapping: ColumnMapping };

function withChoices(s: PaneState, patch: Partial<Choices>): PaneState {
  return { ...s, choices: { ...s.choices, ...patch } };
}

function withPartnership(s: PaneState, p: PartnershipInput): PaneState {
  return withChoices(s, { partnership: p });
}

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((x, i) => (i === index ? value : x));
}

/** A stored DisposalInput.completes, checked: the row of the workbook's disposals list it completes; a damaged one is dropped. */
function completesOf(v: unknown): Pick<DisposalInput, "completes"> {
  const c = (v ?? {}) as Record<string, unknown>;
  if (typeof c.sheet !== "string" || typeof c.cell !== "string" || typeof c.row !== "number" || !Number.isInteger(c.row) || c.row < 1) return {};
  return { completes: { sheet: c.sheet.slice(0, 200), row: c.row, cell: c.cell.slice(0, 300) } };
}

export function reducer(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case "load-start":
      return { ...s, loading: { rowsRead: 0, rowsTotal: 0, ...(a.cancellable ? { cancellable: true } : {}) }, loadError: null };
    case "load-progress":
      return { ...s, loading: { ...a.progress, ...(s.loading?.cancellable ? { cancellable: true } : {}) } };
    case "load-cancelled":
      return { ...s, loading: null };
    case "load-done": {
      const baseline = initialChoices(a.year ?? a.choices?.year ?? s.choices.year);
      if (a.partnership) baseline.partnership = a.partnership;
      const choices = a.choices ?? baseline;
      return {
        ...s,
        source: a.source,
        grid: a.grid,
        disposalGrid: a.disposalGrid ?? null,
        partnersFound: a.partnersFound ?? null,
        notes: a.notes ?? [],
        readFrom: a.readFrom ?? null,
        mapping: a.mapping,
        mappingOrigin: a.mappingOrigin,
        choices,
        baseline,
        yearFound: a.yearFound ?? null,
        partnersRead: a.partnersRead ?? null,
        loading: null,
        loadError: null,
        restored: !!a.choices,
        step: "review",
      };
    }
    case "load-failed":
      return { ...s, loading: null, loadError: a.message };
    case "unload":
      return { ...initialState(s.choices.year) };
    case "set-mapping": {
      const mapping = { ...s.mapping };
      // one column holds one field: taking a column away from another field
      for (const [f, c] of Object.entries(mapping)) if (c === a.column && a.column !== undefined) delete mapping[f as LedgerField];
      if (a.column === undefined) delete mapping[a.field];
      else mapping[a.field] = a.column;
      return { ...s, mapping, mappingOrigin: "user" };
    }
    case "reset-mapping":
      return { ...s, mapping: a.mapping, mappingOrigin: "headers" };
    case "set-year":
      return { ...withChoices(s, { year: a.year }), yearFound: null };
    case "set-step":
      return { ...s, step: a.step };
    case "set-override": {
      const overrides = { ...s.choices.overrides };
      if (a.override) overrides[a.id] = a.override;
      else delete overrides[a.id];
      return withChoices(s, { overrides });
    }
    case "set-answer": {
      const answers = { ...(s.choices.answers ?? {}) };
      if (a.answer) answers[a.key] = a.answer;
      else delete answers[a.key];
      const { answers: _old, ...rest } = s.choices; // eslint-disable-line @typescript-eslint/no-unused-vars
      return { ...s, choices: Object.keys(answers).length ? { ...rest, answers } : rest };
    }
    case "set-calamity": {
      const calamity = { ...s.choices.calamity };
      if (a.entry) calamity[a.lost] = a.entry;
      else delete calamity[a.lost];
      return withChoices(s, { calamity });
    }
    case "partnership": {
      const p = { ...s.choices.partnership, ...a.patch };
      // a partnership has at least two partners (art. 3.41 lid 3: "een of meer andere belastingplichtigen")
      if (p.enabled && p.partners.length === 0) p.partners = [emptyPartner(), emptyPartner()];
      return withPartnership(s, p);
    }
    case "set-partner": {
      const p = s.choices.partnership;
      if (!p.partners[a.index]) return s;
      return withPartnership(s, {
        ...p,
        partners: replaceAt(p.partners, a.index, {
          ...p.partners[a.index],
          ...a.patch,
        }),
      });
    }
    case "add-partner": {
      const p = s.choices.partnership;
      return withPartnership(s, {
        ...p,
        partners: [...p.partners, emptyPartner()],
      });
    }
    case "remove-partner": {
      const p = s.choices.partnership;
      return withPartnership(s, {
        ...p,
        partners: p.partners.filter((_, i) => i !== a.index),
      });
    }
    case "set-partners":
      return withPartnership(s, {
        ...s.choices.partnership,
        enabled: true,
        partners: a.partners,
      });
    case "add-disposal":
      return withChoices(s, {
        disposals: [...s.choices.disposals, emptyDisposal()],
      });
    case "set-disposal": {
      const d = s.choices.disposals[a.index];
      if (!d) return s;
      return withChoices(s, {
        disposals: replaceAt(s.choices.disposals, a.index, {
          ...d,
          ...a.patch,
        }),
      });
    }
    case "remove-disposal":
      return withChoices(s, {
        disposals: s.choices.disposals.filter((_, i) => i !== a.index),
      });
    case "set-disposals-total":
      return withChoices(s, { disposalsTotal: a.value });
    case "set-earlier": {
      const { earlier: _old, ...rest } = s.choices; // eslint-disable-line @typescript-eslint/no-unused-vars
      if (!a.earlier) return { ...s, choices: rest };
      const keys = new Set(a.earlier.carriedIn.flatMap((y) => y.assets.map((x) => `${y.year}:${x.asset}`)));
      const inUse = (s.choices.earlier?.inUse ?? []).filter((k) => keys.has(k));
      const paid = Object.fromEntries(Object.entries(s.choices.earlier?.paid ?? {}).filter(([k]) => keys.has(k)));
      return { ...s, choices: { ...rest, earlier: { ...a.earlier, inUse, paid } } };
    }
    case "set-carried": {
      const e = s.choices.earlier;
      if (!e) return s;
      const inUse = a.inUse === undefined ? e.inUse : a.inUse ? [...new Set([...e.inUse, a.key])] : e.inUse.filter((k) => k !== a.key);
      const paid = { ...e.paid };
      if (a.paid !== undefined) {
        if (a.paid.trim()) paid[a.key] = a.paid;
        else delete paid[a.key];
      }
      return withChoices(s, { earlier: { ...e, inUse, paid } });
    }
    case "add-disposal-from":
      return withChoices(s, { disposals: [...s.choices.disposals, a.disposal] });
    case "forget-choices":
      return { ...s, choices: { ...s.baseline, year: s.choices.year }, restored: false };
    case "restore-data":
      return {
        ...s,
        choices: a.choices,
        ...(stable(a.mapping) === stable(s.mapping) ? {} : { mapping: a.mapping, mappingOrigin: "user" as const }),
        yearFound: a.choices.year === s.choices.year ? s.yearFound : null,
      };
  }
}

/** Stored choices from a document, checked field by field (a damaged or foreign setting is ignored, not trusted). */
export function restoreChoices(raw: unknown, fallbackYear: number): Choices | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v.slice(0, 2000) : "");
  const c = initialChoices(typeof r.year === "number" && Number.isInteger(r.year) ? r.year : fallbackYear);
  if (r.overrides && typeof r.overrides === "object")
    for (const [id, o] of Object.entries(r.overrides as Record<string, unknown>)) {
      const ov = o as Record<string, unknown>;
      if (ov && typeof ov.eligible === "boolean" && typeof ov.reason === "string" && ov.reason.trim())
        c.overrides[id] = { eligible: ov.eligible, reason: str(ov.reason) };
    }
  if (r.answers && typeof r.answers === "object")
    for (const [key, x] of Object.entries(r.answers as Record<string, unknown>)) {
      const v = x as Record<string, unknown>;
      if (v && typeof v.choice === "string" && /^.+!\d+:(category|credit|year)$/.test(key))
        (c.answers ??= {})[key] = { choice: str(v.choice), ...(typeof v.note === "string" && v.note.trim() ? { note: str(v.note) } : {}) };
    }
  if (r.calamity && typeof r.calamity === "object")
    for (const [id, e] of Object.entries(r.calamity as Record<string, unknown>)) {
      const x = e as Record<string, unknown>;
      if (!x || typeof x !== "object") continue;
      if (x.removed === true) c.calamity[id] = { removed: true };
      else
        c.calamity[id] = {
          replacedBy: str(x.replacedBy),
          approval: x.approval === "yes" || x.approval === "no" ? x.approval : "auto",
          eiaMia: typeof x.eiaMia === "boolean" ? x.eiaMia : null,
          insurance: str(x.insurance),
        };
    }
  const p = r.partnership as Record<string, unknown> | undefined;
  if (p && typeof p === "object") {
    const keys = ["profit", "capital", "reserves", "equal"];
    c.partnership = {
      enabled: p.enabled === true,
      name: str(p.name),
      key: (keys.includes(p.key as string) ? p.key : "profit") as PartnershipKey,
      jointRequest: p.jointRequest === "yes" || p.jointRequest === "no" ? p.jointRequest : "unknown",
      allDeductions: p.allDeductions === "yes" || p.allDeductions === "no" ? p.allDeductions : "unknown",
      sameForDisinvestment: p.sameForDisinvestment === "yes" || p.sameForDisinvestment === "no" ? p.sameForDisinvestment : "unknown",
      disinvestmentLevel: p.disinvestmentLevel === "partnership" ? "partnership" : "partner",
      partners: Array.isArray(p.partners)
        ? p.partners.slice(0, 100).map((x) => {
            const q = (x ?? {}) as Record<string, unknown>;
            return {
              name: str(q.name),
              legalForm: str(q.legalForm),
              profit: str(q.profit),
              capital: str(q.capital),
              reserves: str(q.reserves),
              outsideInvestments: str(q.outsideInvestments),
              ownAssetsInPartnership: str(q.ownAssetsInPartnership),
            };
          })
        : [],
    };
  }
  if (Array.isArray(r.disposals))
    c.disposals = r.disposals.slice(0, 1000).map((x) => {
      const q = (x ?? {}) as Record<string, unknown>;
      return {
        description: str(q.description),
        price: str(q.price),
        kind: q.kind === "earlier" ? "earlier" : "this-year",
        investment: str(q.investment),
        investmentYear: str(q.investmentYear),
        investmentAmount: str(q.investmentAmount),
        investmentYearTotal: str(q.investmentYearTotal),
        ...(typeof q.source === "string" && q.source.trim() ? { source: str(q.source) } : {}),
        ...(typeof q.id === "string" && q.id.trim() ? { id: str(q.id) } : {}),
        ...completesOf(q.completes),
        ...(q.partnerRates && typeof q.partnerRates === "object"
          ? {
              partnerRates: Object.fromEntries(
                Object.entries(q.partnerRates as Record<string, unknown>)
                  .slice(0, 100)
                  .map(([n, v]) => [n.slice(0, 200), str(v)]),
              ),
            }
          : {}),
      };
    });
  c.disposalsTotal = str(r.disposalsTotal);
  const e = r.earlier as Record<string, unknown> | undefined;
  if (e && typeof e === "object" && Array.isArray(e.carriedIn)) {
    // the parts of earlier years as the core reads them; a damaged setting is dropped, not trusted
    try {
      validateCarriedIn(e.carriedIn, c.year);
      c.earlier = {
        carriedIn: e.carriedIn as ScenarioCarriedYear[],
        used: Array.isArray(e.used)
          ? e.used.slice(0, 20).flatMap((u) => {
              const x = (u ?? {}) as Record<string, unknown>;
              return typeof x.year === "number" ? [{ year: x.year, file: str(x.file), table: str(x.table) }] : [];
            })
          : [],
        messages: Array.isArray(e.messages) ? e.messages.slice(0, 50).map(str) : [],
        ...(e.fromRegister && typeof e.fromRegister === "object"
          ? {
              fromRegister: Object.fromEntries(
                Object.entries(e.fromRegister as Record<string, unknown>)
                  .slice(0, 1000)
                  .filter(([, v]) => typeof v === "string" || (v !== null && typeof v === "object" && !Array.isArray(v)))
                  .map(([k, v]) => [k.slice(0, 300), typeof v === "string" ? str(v) : (v as Record<string, unknown>)]),
              ),
            }
          : {}),
        inUse: Array.isArray(e.inUse) ? e.inUse.slice(0, 1000).map(str) : [],
        paid:
          e.paid && typeof e.paid === "object"
            ? Object.fromEntries(
                Object.entries(e.paid as Record<string, unknown>)
                  .slice(0, 1000)
                  .map(([k, v]) => [k.slice(0, 300), str(v)]),
              )
            : {},
      };
    } catch {
      /* not restored */
    }
  }
  return c;
}

/** Whether the choices hold anything worth storing or restoring: anything beyond what the workbook gives. */
export function hasChoices(c: Choices, baseline: Choices = initialChoices(c.year)): boolean {
  return stable({ ...c, year: 0 }) !== stable({ ...baseline, year: 0 });
}

/** JSON with the keys of every object in sorted order (two equal choices give the same text). */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}
