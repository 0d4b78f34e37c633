/**
 * The pane's report chunk (loaded when the report step opens): the one report builder of src/report-sheet, and what
 * only the pane knows: the rows it left out, from its own derived state (leftOutRows).
 */
import { columnLetter, cellText, mapDisposalHeaders, readDisposals, type ColumnMapping, type LedgerProblem } from "../src/workbook/ledger";
import { messages } from "./app/text/i18n";
import type { DisposalIssue } from "./app/model/scenario";
import type { Grid } from "./workbook/types";
import { paneDisposalText, type LeftOutRow } from "../src/report-sheet";

export * from "../src/report-sheet";

/** What the pane knows of the rows it left out (its derived state: taskpane/app/model/derive.ts). */
export interface LeftOutSource {
  /** the ledger as read (its sheet, cells, first row) and its column mapping */
  grid: Grid;
  mapping: ColumnMapping;
  /** the ledger's problems: cells not read, and rows the core refused (derived.problems) */
  problems: readonly LedgerProblem[];
  /** the disposals table, when there is one, and its cells not read */
  disposalGrid?: Grid | null;
  disposalProblems: readonly LedgerProblem[];
  /** disposals left out: incomplete in the pane, or refused by the core (derived.disposalIssues) */
  disposalIssues: readonly DisposalIssue[];
  /** the disposals entered in the pane (their descriptions name them) */
  paneDisposals: readonly { description: string }[];
}

/**
 * The rows the pane left out, as the report lists them: every problem of the ledger (a cell not read, a row the core
 * refused; several cells of one row are one line each, as in the pane), every cell of the disposals table not read,
 * and every disposal left out (one read from the table and refused by the core, or one entered in step 4 and not
 * complete). Each with its cell in the sheet ("Investeringen!E3", the cell the pane names: Source.tsx), the row's
 * number, the column and the reason in the core's Dutch. A disposal refused by the core is named by the cell of its
 * number (the pane keeps the message, not the field).
 */
export function leftOutRows(src: LeftOutSource, lang: "nl" | "en"): LeftOutRow[] {
  const t = messages(lang);
  const out: LeftOutRow[] = [];
  const idIn = (grid: Grid, column: number | undefined, row: number): string | undefined => {
    if (column === undefined) return undefined;
    const id = cellText(grid.rows[row - grid.firstRow]?.[column]).trim();
    return id || undefined;
  };
  /** the row's description and amount as read (a number as its plain digits, a text as it is) */
  const facts = (grid: Grid, description: number | undefined, amount: number | undefined, row: number) => {
    const cells = grid.rows[row - grid.firstRow];
    const d = description === undefined ? "" : cellText(cells?.[description]).trim();
    const a = amount === undefined ? undefined : cells?.[amount];
    const out: { description?: string; amount?: string } = {};
    if (d) out.description = d;
    if (typeof a === "number" && Number.isFinite(a)) out.amount = String(a);
    else if (typeof a === "string" && a.trim()) out.amount = a.trim();
    return out;
  };
  const entry = (e: LeftOutRow): LeftOutRow => {
    // only the fields that say something: no id, column or value where there is none
    const r: LeftOutRow = { list: e.list, cell: e.cell, reason: e.reason };
    if (e.id) r.id = e.id;
    if (e.description) r.description = e.description;
    if (e.amount) r.amount = e.amount;
    if (e.column) r.column = e.column;
    if (e.value && e.value !== '""') r.value = e.value;
    return r;
  };
  const g = src.grid;
  for (const p of src.problems)
    out.push(
      entry({
        list: "investments",
        cell: `${g.sheet}!${p.columnLetter}${p.row}`,
        id: idIn(g, src.mapping.id, p.row),
        ...facts(g, src.mapping.description, src.mapping.amount, p.row),
        column: p.field === "row" ? undefined : t.fieldNames[p.field],
        value: p.value,
        reason: p.message,
      }),
    );
  const d = src.disposalGrid;
  const dMapping = d ? mapDisposalHeaders(d.headers).mapping : {};
  if (d)
    for (const p of src.disposalProblems)
      out.push(
        entry({
          list: "disposals",
          cell: `${d.sheet}!${p.columnLetter}${p.row}`,
          id: idIn(d, dMapping.id, p.row),
          ...facts(d, dMapping.description, dMapping.price, p.row),
          value: p.value,
          reason: p.message,
        }),
      );
  // the sheet row of each disposal read from the table (read again only when one of them was left out)
  let tableRows: number[] | undefined;
  for (const x of src.disposalIssues) {
    const o = x.origin;
    if (o.kind === "ledger" && d) {
      tableRows ??= readDisposals(d.headers, d.rows, { firstRow: d.firstRow, firstColumn: d.firstColumn }).rows;
      const row = tableRows[o.index];
      const cell = row === undefined ? d.sheet : `${d.sheet}!${columnLetter(d.firstColumn + (dMapping.id ?? 0))}${row}`;
      out.push(
        entry({ list: "disposals", cell, id: o.id, ...(row === undefined ? {} : facts(d, dMapping.description, dMapping.price, row)), reason: x.message }),
      );
    } else if (o.kind === "user") {
      const description = src.paneDisposals[o.index]?.description.trim();
      out.push(entry({ list: "disposals", cell: paneDisposalText(lang, o.index + 1), id: description || undefined, reason: x.message }));
    }
  }
  return out;
}
