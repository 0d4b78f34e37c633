/**
 * A partnership refused because the key asks for a figure the partners sheet does not give (the key "winst" with only
 * the capital filled in): the core names the field ("partnership.partners[0].profit", "vennoot 1"), the reader knows
 * the sheet, the row and the partner. Said at the cell, with the partner's name and what to fill in, as a LeftOut
 * names its cell (./left-out.ts cellOf).
 */
import { KiaValidationError } from "../errors";
import { columnLetter } from "../columns";
import { cellOf, type RowPlaces } from "./left-out";
import type { LabelValue } from "./found";

/** the key's figure in a partner's row: its column's name and what a value looks like */
const FIGURE = {
  profit: { header: "Winstaandeel", noun: "winstaandeel", what: "het aandeel in de (over)winst", example: "zoals 60% of 0,6", key: "winst" },
  capital: { header: "Kapitaal", noun: "kapitaal", what: "het kapitaal", example: "een bedrag zoals 50.000", key: "kapitaal" },
  reserves: {
    header: "Stille reserves",
    noun: "aandeel in de stille reserves",
    what: "het aandeel in de stille reserves",
    example: "een bedrag zoals 20.000",
    key: "stille reserves",
  },
} as const;

type Figure = keyof typeof FIGURE;

/** A refusal of a partner without the key's figure: which partner (index, name) and which figure; else undefined. */
export function missingKeyFigure(
  e: Pick<KiaValidationError, "code" | "field">,
  partners: readonly Record<string, unknown>[] | undefined,
): { index: number; figure: Figure; name: string } | undefined {
  const m = /^partnership\.partners\[(\d+)\]\.(profit|capital|reserves)$/.exec(e.field);
  const partner = m && partners?.[Number(m[1])];
  if (e.code !== "MISSING_FIELD" || !m || !partner) return undefined;
  return { index: Number(m[1]), figure: m[2] as Figure, name: String(partner.name) };
}

/**
 * What to fill in for a partner without the key's figure, with the key every partner's figures would allow:
 * "de verdeelsleutel is winst, maar het winstaandeel van De Vries ontbreekt: vul het aandeel in de (over)winst van De
 * Vries in (zoals 60% of 0,6), of zet de verdeelsleutel op kapitaal (…)". `at`: the workbook's cells (the reader);
 * the pane says it at the partner's field.
 */
export function missingKeyFigureText(
  missing: { figure: Figure; name: string },
  partners: readonly Record<string, unknown>[],
  at: { cell?: string; key?: string; sheet?: string; noColumn?: boolean } = {},
): string {
  const { figure, name } = missing;
  const f = FIGURE[figure];
  const keyAt = at.key ? ` (${at.key})` : "";
  // the other figures every partner has: a key the user may have meant
  const given = (v: unknown) => v !== undefined && v !== null && v !== "";
  const others = (Object.keys(FIGURE) as Figure[]).filter((k) => k !== figure && partners.every((p) => given(p[k]))).map((k) => FIGURE[k].key);
  const instead = others.length
    ? `, of zet de verdeelsleutel${keyAt} op ${others.join(" of ")} (${others.length === 1 ? "dat staat" : "die staan"} bij iedere vennoot ingevuld)`
    : "";
  if (at.noColumn)
    return (
      `de verdeelsleutel is ${f.key}${keyAt}, maar blad ${at.sheet} heeft geen kolom ${f.header}, dus geen ${f.noun} voor ${name} en de andere vennoten: ` +
      `voeg de kolom ${f.header} toe en vul ${f.what} van iedere vennoot in (${f.example})${instead}`
    );
  return `de verdeelsleutel is ${f.key}${keyAt}, maar het ${f.noun} van ${name} ontbreekt: vul${at.cell ? ` in ${at.cell}` : ""} ${f.what} van ${name} in (${f.example})${instead}`;
}

/**
 * The core's refusal of a partner without the key's figure, said at the partners sheet's cell: "Vennoten!B3: de
 * verdeelsleutel is winst (Vennoten!B6), maar het winstaandeel van De Vries ontbreekt: vul in Vennoten!B3 …". Another
 * refusal, or one the reader has no place for, stays as it is.
 */
export function partnerKeyRefusal(
  e: KiaValidationError,
  places: RowPlaces | undefined,
  partners: readonly Record<string, unknown>[] | undefined,
  key: LabelValue | undefined,
): KiaValidationError {
  const missing = missingKeyFigure(e, partners);
  const row = missing && places?.rows[missing.index];
  if (!missing || !places || row === undefined) return e;
  const column = places.mapping[missing.figure];
  const cell = cellOf({ sheet: places.sheet, row, column: columnLetter(places.firstColumn + (column ?? places.mapping.name ?? 0)) });
  const reason = missingKeyFigureText(missing, partners!, {
    cell,
    sheet: places.sheet,
    noColumn: column === undefined,
    ...(key ? { key: cellOf({ sheet: key.sheet, row: key.row, column: columnLetter(key.column) }) } : {}),
  });
  const placed = new KiaValidationError(e.code, cell, e.value, reason);
  // the cell is the field: the message says it once, without the core's "(waarde: …)" of an empty cell
  placed.message = `${cell}: ${reason}`;
  return placed;
}
