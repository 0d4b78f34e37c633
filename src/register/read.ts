/**
 * readRegisters(book): the KIA registers (./format.ts) in a workbook, read back exactly through the Book port
 * (src/workbook/book.ts) that the command line, the standalone page and the Excel pane share: the tables named
 * KIA_REGISTER_<year>, their header cells by key, every value as the text written. A register of another version, a
 * damaged one (a key missing, a value changed into a number or into text that is not an amount) and a report sheet
 * without a register (a file made before registers existed) are said plainly, in Dutch, and not read.
 */
import type { Book } from "../workbook/book";
import type { Cell } from "../workbook/ledger";
import { columnLetter } from "../workbook/ledger";
import {
  DECIMAL_TEXT,
  READABLE_VERSIONS,
  REGISTER_COLUMNS,
  REGISTER_VERSION,
  registerYearOf,
  ROW_KINDS,
  type Register,
  type RegisterColumn,
  type RegisterOpenYear,
  type RowKind,
} from "./format";

export interface RegisterFound {
  register: Register;
  /** the table's name and where it is */
  table: string;
  sheet: string;
}

export type RegisterProblemKind = "older-version" | "newer-version" | "damaged";

export interface RegisterProblem {
  kind: RegisterProblemKind;
  /** the register's year, when known */
  year?: number;
  table?: string;
  sheet?: string;
  /** Dutch, without the file's name (the app adds it) */
  text: string;
}

export interface RegisterRead {
  registers: RegisterFound[];
  problems: RegisterProblem[];
}

/** A report sheet's name as the add-in writes it ("KIA-rapport 2025", "KIA report 2025"). */
const REPORT_SHEET = /^KIA[- ](rapport|report)\b/i;

class Damaged extends Error {}

/** The registers in a workbook, and what could not be read. */
export async function readRegisters(book: Book): Promise<RegisterRead> {
  const outline = await book.outline();
  const registers: RegisterFound[] = [];
  const problems: RegisterProblem[] = [];
  const tables = outline.tables.filter((t) => registerYearOf(t.name) !== undefined);
  for (const t of tables) {
    const year = registerYearOf(t.name)!;
    const where = { year, table: t.name, sheet: t.sheet };
    try {
      const keys = t.headers.map((h) => h.trim().toLowerCase());
      const at = new Map<string, number>();
      keys.forEach((k, i) => {
        if (!at.has(k)) at.set(k, i);
      });
      const first = t.headerRow ? t.top + 1 : t.top;
      const rows = first <= t.bottom ? await book.rows(t.sheet, first, t.bottom, t.left, t.right) : [];
      // the version first: a register of another version is not read further
      const versionAt = at.get("versie");
      const soortAt = at.get("soort");
      const head = rows[0];
      const kind0 = head && soortAt !== undefined ? textOf(head[soortAt]) : undefined;
      const v = head && versionAt !== undefined && kind0 === "register" ? textOf(head[versionAt]) : undefined;
      const version = v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
      if (version === undefined) {
        problems.push({
          kind: "older-version",
          ...where,
          text: `tabel ${t.name} op blad ${t.sheet} heeft geen versienummer van het register: gemaakt met een oudere versie van de invoegtoepassing of daarna gewijzigd; maak het rapport van ${year} opnieuw of vul de gegevens van ${year} zelf in`,
        });
        continue;
      }
      if (version > REGISTER_VERSION) {
        problems.push({
          kind: "newer-version",
          ...where,
          text: `het register van ${year} (tabel ${t.name}) is versie ${version}, gemaakt met een nieuwere versie van de invoegtoepassing; deze versie leest versie ${READABLE_VERSIONS.join(", ")}: werk de invoegtoepassing bij`,
        });
        continue;
      }
      if (!READABLE_VERSIONS.includes(version)) {
        problems.push({
          kind: "older-version",
          ...where,
          text: `het register van ${year} (tabel ${t.name}) is versie ${version}, gemaakt met een oudere versie van de invoegtoepassing die deze versie niet meer leest; maak het rapport van ${year} opnieuw`,
        });
        continue;
      }
      const missing = REGISTER_COLUMNS.filter((c) => !at.has(c));
      if (missing.length) throw new Damaged(`de kolom${missing.length > 1 ? "men" : ""} ${missing.join(", ")} ontbre${missing.length > 1 ? "ken" : "ekt"}`);
      registers.push({ register: parseRows(rows, at, year, t.sheet, first, t.left), table: t.name, sheet: t.sheet });
    } catch (e) {
      if (!(e instanceof Damaged)) throw e;
      problems.push({
        kind: "damaged",
        ...where,
        text: `het register van ${year} (tabel ${t.name} op blad ${t.sheet}) is na het schrijven gewijzigd en wordt niet gelezen: ${e.message}; maak het rapport van ${year} opnieuw`,
      });
    }
  }
  // A report sheet of the add-in without any register: made by a version before registers.
  if (!tables.length)
    for (const sheet of outline.sheets.filter((s) => REPORT_SHEET.test(s))) {
      const y = /(\d{4})/.exec(sheet)?.[1];
      problems.push({
        kind: "older-version",
        ...(y ? { year: Number(y) } : {}),
        sheet,
        text: `blad ${sheet} is een KIA-rapport zonder register (gemaakt met een oudere versie van de invoegtoepassing); maak het rapport${y ? ` van ${y}` : ""} opnieuw met deze versie, of vul de gegevens${y ? ` van ${y}` : ""} zelf in`,
      });
    }
  return { registers, problems };
}

/** A cell's text: the register writes text only; an empty cell is "". A number or a date is not what was written. */
function textOf(c: Cell | undefined): string | undefined {
  if (c === null || c === undefined) return "";
  if (typeof c === "string") return c;
  return undefined;
}

function parseRows(rows: Cell[][], at: ReadonlyMap<string, number>, year: number, sheet: string, firstRow: number, left: number): Register {
  const cell = (r: number, key: RegisterColumn) => `${sheet}!${columnLetter(left + at.get(key)!)}${firstRow + r}`;
  const reader = (r: number) => {
    const row = rows[r];
    const text = (key: RegisterColumn): string => {
      const v = textOf(row[at.get(key)!]);
      if (v === undefined)
        throw new Damaged(`cel ${cell(r, key)} (${key}) is geen tekst maar ${typeof row[at.get(key)!] === "number" ? "een getal" : "een datum of waarde"}`);
      return v;
    };
    const opt = (key: RegisterColumn) => {
      const v = text(key);
      return v === "" ? undefined : v;
    };
    const amount = (key: RegisterColumn): string => {
      const v = text(key);
      if (!DECIMAL_TEXT.test(v))
        throw new Damaged(`cel ${cell(r, key)} (${key}) is geen bedrag zoals het register het schrijft: ${JSON.stringify(v.slice(0, 40))}`);
      return v;
    };
    const optAmount = (key: RegisterColumn) => (text(key) === "" ? undefined : amount(key));
    const yearOf = (key: RegisterColumn): number => {
      const v = text(key);
      if (!/^\d{4}$/.test(v)) throw new Damaged(`cel ${cell(r, key)} (${key}) is geen jaartal: ${JSON.stringify(v.slice(0, 40))}`);
      return Number(v);
    };
    const yes = (key: RegisterColumn): boolean => {
      const v = text(key);
      if (v !== "ja" && v !== "nee") throw new Damaged(`cel ${cell(r, key)} (${key}) is niet "ja" of "nee": ${JSON.stringify(v.slice(0, 40))}`);
      return v === "ja";
    };
    const required = (key: RegisterColumn): string => {
      const v = text(key);
      if (v === "") throw new Damaged(`cel ${cell(r, key)} (${key}) is leeg`);
      return v;
    };
    return { text, opt, amount, optAmount, yearOf, yes, required };
  };
  const head = reader(0);
  if (head.yearOf("jaar") !== year) throw new Damaged(`het jaar in cel ${cell(0, "jaar")} is niet ${year}`);
  const reg: Register = {
    version: Number(head.required("versie")),
    year,
    exact: head.required("reden") === "exact",
    ...(head.opt("omschrijving") !== undefined ? { description: head.opt("omschrijving") } : {}),
    total: head.amount("totaal"),
    kia: head.amount("kia"),
    kiaExact: head.amount("kia_exact"),
    rate: head.amount("percentage"),
    deductible: head.amount("aftrekbaar"),
    deductibleExact: head.amount("aftrekbaar_exact"),
    carried: head.amount("open"),
    carriedExact: head.amount("open_exact"),
    partners: [],
    assets: [],
    open: [],
    released: [],
    disposals: [],
  };
  const openYear = (y: number): RegisterOpenYear => {
    let o = reg.open.find((x) => x.year === y);
    if (!o) {
      o = { year: y, open: "0", openExact: "0", partners: [], assets: [] };
      reg.open.push(o);
    }
    return o;
  };
  for (let r = 1; r < rows.length; r++) {
    const x = reader(r);
    const soort = x.text("soort");
    if (soort === "" && rows[r].every((c) => c === null || c === "")) continue;
    if (!(ROW_KINDS as readonly string[]).includes(soort) || soort === "register")
      throw new Damaged(`cel ${cell(r, "soort")} heeft een onbekende soort: ${JSON.stringify(soort.slice(0, 40))}`);
    switch (soort as RowKind) {
      case "vennoot":
        reg.partners.push({
          name: x.required("vennoot"),
          share: x.amount("aandeel"),
          part: x.amount("bedrag"),
          kia: x.amount("kia"),
          kiaExact: x.amount("kia_exact"),
          rate: x.amount("percentage"),
          method: x.required("reden"),
          deductible: x.amount("aftrekbaar"),
          deductibleExact: x.amount("aftrekbaar_exact"),
          carried: x.amount("open"),
          carriedExact: x.amount("open_exact"),
        });
        break;
      case "investering": {
        const date = x.opt("datum");
        if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
          throw new Damaged(`cel ${cell(r, "datum")} is geen datum jjjj-mm-dd: ${JSON.stringify(date.slice(0, 40))}`);
        reg.assets.push({
          id: x.required("id"),
          ...(x.opt("omschrijving") !== undefined ? { description: x.opt("omschrijving") } : {}),
          ...(date !== undefined ? { date } : {}),
          category: x.required("categorie"),
          ...(x.opt("groep") !== undefined ? { group: x.opt("groep") } : {}),
          amount: x.amount("bedrag"),
          deductionAmount: x.amount("investering"),
          counted: x.yes("telt_mee"),
          countedAmount: x.amount("bedrag_meegeteld"),
          kiaAttributed: x.amount("kia_exact"),
          paid: x.amount("betaald"),
          inUse: x.yes("in_gebruik"),
        });
        break;
      }
      case "open_jaar": {
        const o = openYear(x.yearOf("jaar"));
        const partner = x.opt("vennoot");
        if (partner === undefined) {
          o.open = x.amount("open");
          o.openExact = x.amount("open_exact");
        } else o.partners.push({ name: partner, open: x.amount("open"), openExact: x.amount("open_exact") });
        break;
      }
      case "open": {
        const o = openYear(x.yearOf("jaar"));
        const asset = x.required("id");
        const partner = x.opt("vennoot");
        if (partner !== undefined) {
          const a = o.assets.find((q) => q.asset === asset);
          if (!a) throw new Damaged(`regel ${firstRow + r}: het deel van vennoot ${partner} staat vóór de regel van ${asset} zelf`);
          a.partners.push({ name: partner, share: x.amount("aandeel"), open: x.amount("open_exact") });
        } else
          o.assets.push({
            asset,
            ...(x.opt("groep") !== undefined ? { group: x.opt("groep") } : {}),
            ...(x.opt("omschrijving") !== undefined ? { description: x.opt("omschrijving") } : {}),
            ...(x.opt("datum") !== undefined ? { date: x.opt("datum") } : {}),
            ...(x.optAmount("bedrag") !== undefined ? { amount: x.optAmount("bedrag") } : {}),
            paid: x.amount("betaald"),
            open: x.amount("open_exact"),
            reason: x.text("reden"),
            ...(x.opt("bron") !== undefined ? { source: x.opt("bron") } : {}),
            partners: [],
          });
        break;
      }
      case "aftrek": {
        const y = x.yearOf("jaar");
        const asset = x.required("id");
        const partner = x.opt("vennoot");
        if (partner !== undefined) {
          const a = reg.released.find((q) => q.year === y && q.asset === asset);
          if (!a) throw new Damaged(`regel ${firstRow + r}: het deel van vennoot ${partner} staat vóór de regel van ${asset} zelf`);
          a.partners.push({ name: partner, deductibleExact: x.amount("aftrekbaar_exact") });
        } else
          reg.released.push({
            year: y,
            asset,
            ...(x.opt("omschrijving") !== undefined ? { description: x.opt("omschrijving") } : {}),
            deductibleExact: x.amount("aftrekbaar_exact"),
            basis: x.text("reden"),
            ...(x.opt("bron") !== undefined ? { source: x.opt("bron") } : {}),
            partners: [],
          });
        break;
      }
      case "vervreemding":
        reg.disposals.push({
          id: x.required("id"),
          ...(x.opt("omschrijving") !== undefined ? { description: x.opt("omschrijving") } : {}),
          investmentYear: x.yearOf("jaar"),
          ...(x.opt("investering") !== undefined ? { investment: x.opt("investering") } : {}),
          price: x.amount("bedrag"),
          additionExact: x.amount("kia_exact"),
          ...(x.opt("bron") !== undefined ? { source: x.opt("bron") } : {}),
        });
        break;
    }
  }
  return reg;
}
