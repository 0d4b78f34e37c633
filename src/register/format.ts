/**
 * The KIA register of a year: what a later year needs of this year's KIA, written in every report as one Excel table
 * named KIA_REGISTER_<year> on the report sheet, and read back exactly (./read.ts). Documented in docs/scenario.md
 * ("Het register"), with its version: a register of another version is said plainly, never guessed at.
 *
 * The table has one header row of fixed keys (REGISTER_COLUMNS; read by key, not by place) and one row per fact, its
 * kind in `soort`:
 *  - register     the year: versie, jaar, omschrijving, totaal, kia(_exact), percentage, aftrekbaar(_exact), open(_exact), reden (exact | afgerond)
 *  - vennoot      a partner: vennoot, aandeel, bedrag (his part of the investments), kia(_exact), percentage (his
 *                 KIA / his part), aftrekbaar(_exact), open(_exact), reden (how his KIA was found)
 *  - investering  an investment of the year: id, omschrijving, datum, categorie, groep, bedrag, bedrag_meegeteld
 *                 (what it adds to the total), telt_mee, kia_exact (its part of the KIA), betaald, in_gebruik, and in
 *                 `investering` the amount art. 3.47 lid 2 caps a disposal at (its deduction amount)
 *  - open         KIA still open at the year's end under art. 3.44, per asset: jaar (its investment year), id (the
 *                 asset: its id or its group), omschrijving, datum, bedrag (its amount), betaald (paid by this year's
 *                 end), open_exact, reden, bron; with `vennoot` and `aandeel`: that partner's part
 *  - open_jaar    the same per investment year in whole euros: jaar, open, open_exact; with `vennoot`: his
 *  - aftrek       a part of an earlier year that became deductible this year: jaar, id, aftrekbaar_exact, reden, bron
 *  - vervreemding a disposal this year of an earlier investment: jaar (the investment year), id (the disposal),
 *                 investering (the asset), omschrijving, bedrag (the price), kia_exact (its addition), bron
 * Every value is text (a cell formatted as text): amounts are exact decimal strings with a point ("1234.5"), yes/no
 * is "ja"/"nee", dates are jjjj-mm-dd. Nothing is read from what a cell shows.
 */

/** The register's version: a later version that changes what a column means or adds a kind raises it. */
export const REGISTER_VERSION = 1;

/** The versions this code reads. */
export const READABLE_VERSIONS: readonly number[] = [1];

export const REGISTER_PREFIX = "KIA_REGISTER_";

/** The table's name for a year: KIA_REGISTER_2025. */
export const registerTableName = (year: number): string => `${REGISTER_PREFIX}${year}`;

/** The year of a register table's name, else undefined. */
export function registerYearOf(tableName: string): number | undefined {
  const m = /^KIA_REGISTER_(\d{4})$/i.exec(tableName.trim());
  return m ? Number(m[1]) : undefined;
}

/** The header keys, in the order the table is written. */
export const REGISTER_COLUMNS = [
  "soort",
  "versie",
  "jaar",
  "id",
  "investering",
  "omschrijving",
  "datum",
  "categorie",
  "groep",
  "vennoot",
  "bedrag",
  "bedrag_meegeteld",
  "telt_mee",
  "totaal",
  "kia",
  "kia_exact",
  "percentage",
  "aandeel",
  "betaald",
  "in_gebruik",
  "aftrekbaar",
  "aftrekbaar_exact",
  "open",
  "open_exact",
  "reden",
  "bron",
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

export const ROW_KINDS = ["register", "vennoot", "investering", "open", "open_jaar", "aftrek", "vervreemding"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export interface RegisterPartner {
  name: string;
  /** his share by the key */
  share: string;
  /** the investments his KIA follows (his share of the partnership's plus his own) */
  part: string;
  kia: string;
  kiaExact: string;
  /** his KIA / his part, as a fraction to 20 decimals (art. 3.47 for his share of a later disposal) */
  rate: string;
  /** share | own-assets | hr-2019-fixed | hr-2020-pro-rata: his rate differs from the partnership's unless "share" */
  method: string;
  deductible: string;
  deductibleExact: string;
  carried: string;
  carriedExact: string;
}

export interface RegisterAsset {
  id: string;
  description?: string;
  date?: string;
  category: string;
  group?: string;
  amount: string;
  /** the amount art. 3.47 lid 2 caps a disposal at: its deduction amount (market value, reserve taken into account) */
  deductionAmount: string;
  counted: boolean;
  countedAmount: string;
  kiaAttributed: string;
  paid: string;
  inUse: boolean;
}

export interface RegisterOpenPartner {
  name: string;
  /** his share by the key of the investment year (a payment releases this share of it for him) */
  share: string;
  open: string;
}

export interface RegisterOpenAsset {
  /** the asset: its id, or its group's name */
  asset: string;
  group?: string;
  description?: string;
  date?: string;
  /** its investment amount (absent for a part of an earlier year whose register did not give it) */
  amount?: string;
  /** paid on it by the end of the register's year */
  paid: string;
  /** the KIA still open, exactly */
  open: string;
  reason: string;
  /** where the part came from, for a part of an earlier year ("KIA_REGISTER_2023 in 2023.xlsx") */
  source?: string;
  partners: RegisterOpenPartner[];
}

export interface RegisterOpenYear {
  /** the investment year */
  year: number;
  /** the whole-euro part still open, and exactly */
  open: string;
  openExact: string;
  partners: { name: string; open: string; openExact: string }[];
  assets: RegisterOpenAsset[];
}

export interface RegisterReleased {
  year: number;
  asset: string;
  description?: string;
  deductibleExact: string;
  /** in-use | paid */
  basis: string;
  source?: string;
  partners: { name: string; deductibleExact: string }[];
}

export interface RegisterDisposal {
  id: string;
  description?: string;
  investmentYear: number;
  /** the asset disposed of, when the disposal names it (a register's asset or group) */
  investment?: string;
  price: string;
  additionExact: string;
  source?: string;
}

/** A year's register, every amount an exact decimal string. */
export interface Register {
  version: number;
  year: number;
  exact: boolean;
  description?: string;
  total: string;
  kia: string;
  kiaExact: string;
  /** the table's KIA / the total, to 20 decimals */
  rate: string;
  deductible: string;
  deductibleExact: string;
  carried: string;
  carriedExact: string;
  partners: RegisterPartner[];
  assets: RegisterAsset[];
  /** what is open at the year's end, per investment year (this year's own and earlier years' still open) */
  open: RegisterOpenYear[];
  released: RegisterReleased[];
  disposals: RegisterDisposal[];
}

/** A decimal string as the register writes it: digits, at most one point, a minus sign only for the negative. */
export const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
