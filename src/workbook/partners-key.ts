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
  reserves: { header: "Stille reserves", noun: "aandeel in de stille reserves", what: "het aandeel in de stille reserves", example: "een bedrag zoals 20.000", key: "stille reserves" },
} as const;

type Figure = keyof typeof FIGURE;

/**
 * The core's refusal of a partner without the key's figure, said at the partners sheet's cell: "Vennoten!B3 (De
 * Vries): de verdeelsleutel is winst (Vennoten!B6), maar het winstaandeel van De Vries ontbreekt; vul ...". Another
 * refusal, or one the reader has no place for, stays as it is.
 */
export function partnerKeyRefusal(
  e: KiaValidationError,
  places: RowPlaces | undefined,
  partners: readonly Record<string, unknown>[] | undefined,
  key: LabelValue | undefined,
): KiaValidationError {
  const m = /^partnership\.partners\[(\d+)\]\.(profit|capital|reserves)$/.exec(e.field);
  if (e.code !== "MISSING_FIELD" || !m || !places || !partners) return e;
  const i = Number(m[1]);
  const figure = m[2] as Figure;
  const row = places.rows[i];
  const partner = partners[i];
  if (row === undefined || !partner) return e;
  const name = String(partner.name);
  const f = FIGURE[figure];
  const column = places.mapping[figure];
  const cell = cellOf({ sheet: places.sheet, row, column: columnLetter(places.firstColumn + (column ?? places.mapping.name ?? 0)) });
  const keyAt = key ? ` (${cellOf({ sheet: key.sheet, row: key.row, column: columnLetter(key.column) })})` : "";
  // the other figures every partner has: a key the user may have meant
  const others = (Object.keys(FIGURE) as Figure[]).filter((k) => k !== figure && partners.every((p) => p[k] !== undefined)).map((k) => FIGURE[k].key);
  const instead = others.length ? `, of zet de verdeelsleutel${keyAt} op ${others.join(" of ")} (${others.length === 1 ? "dat staat" : "die staan"} bij iedere vennoot ingevuld)` : "";
  const reason =
    column === undefined
      ? `de verdeelsleutel is ${f.key}${keyAt}, maar blad ${places.sheet} heeft geen kolom ${f.header}, dus geen ${f.noun} voor ${name} en de andere vennoten: ` +
        `voeg de kolom ${f.header} toe en vul ${f.what} van iedere vennoot in (${f.example})${instead}`
      : `de verdeelsleutel is ${f.key}${keyAt}, maar het ${f.noun} van ${name} ontbreekt: vul in ${cell} ${f.what} van ${name} in (${f.example})${instead}`;
  const placed = new KiaValidationError(e.code, cell, e.value, reason);
  // the cell is the field: the message says it once, without the core's "(waarde: …)" of an empty cell
  placed.message = `${cell}: ${reason}`;
  return placed;
}
