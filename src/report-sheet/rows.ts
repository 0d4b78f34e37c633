/**
 * What the reader found, as the report lists it: a LeftOut as a row of "Niet meegeteld" and an open question as a row
 * of "Open vragen". The fields are handed over as they are (the sheet and row with them, so several cells of one row
 * count as one row); nothing is parsed back from a text. kia-calc --rapport and the pane's report both use these.
 */
import { cellOf, fieldName, type LeftOut } from "../workbook/left-out";
import type { OpenQuestion } from "../workbook/questions";
import type { LeftOutRow, OpenRow } from "./build";

/**
 * A reader's LeftOut as a row of the report's "Niet meegeteld". `columnName`: the field's name in the report's
 * language (default the Dutch name kia-calc writes: "betaald").
 */
export function leftOutRow(x: LeftOut, columnName: (x: LeftOut) => string | undefined = fieldName): LeftOutRow {
  const r: LeftOutRow = { list: x.list, cell: cellOf(x), sheet: x.sheet, row: x.row, reason: x.reason };
  if (x.id) r.id = x.id;
  if (x.description) r.description = x.description;
  if (x.amount) r.amount = x.amount;
  const column = columnName(x);
  if (column) r.column = column;
  if (x.value !== undefined && x.value !== "") r.value = `"${x.value}"`;
  return r;
}

/** An open question of the ledger as a row of the report's "Open vragen". */
export function openRow(q: OpenQuestion): OpenRow {
  const r: OpenRow = { cell: q.cell, sheet: q.sheet, row: q.row, question: q.question };
  if (q.id !== undefined) r.id = q.id;
  if (q.description !== undefined) r.description = q.description;
  if (q.amount !== undefined) r.amount = q.amount;
  return r;
}
