/**
 * The report sheet (src/report-sheet) prepared for the Office adapter's writer (./office.ts): per row the values
 * and number formats Excel gets, the cell styles, row heights, merges and links, so that writing a block of rows
 * costs work in proportion to the block, never to the sheet. No Office.js calls here (only its types): office.ts
 * makes the calls.
 *
 * Why: the first writer set each style, row height and merge through a range of its own, all of them in the first
 * request (about 6 range calls per asset), and a request with 30.000 assets would far exceed Excel on the web's
 * 5 MB. Now a block's styles and heights go as two arrays (ExcelApi 1.9 setCellProperties and setRowProperties);
 * older Excel gets one range per run of equal cells (rows alike are one range).
 */
import { looksLikeFormula } from "./cells";
import type { ReportCellFormat, ReportSheet, ReportValue } from "./types";

/** The styles the report uses, as Excel sets them (number formats go with the values). */
export interface CellStyle {
  bold?: boolean;
  size?: number;
  italic?: boolean;
  fill?: string;
  wrap?: boolean;
  vertical?: "Top";
  horizontal?: "Left";
}

export const HEADING_SIZE = 13;
export const SHADE = "#F2F2F2";

/** A rectangle of the sheet (0-based). */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface ReportPlan {
  width: number;
  /** per row: the values as written (text that looks like a formula gets Excel's apostrophe) and number formats */
  values: (string | number | boolean)[][];
  numberFormats: string[][];
  /** per row: the style of each cell (undefined: a row without styles) */
  styles: ((CellStyle | undefined)[] | undefined)[];
  /** per row: its height in points, or undefined */
  heights: (number | undefined)[];
  /** estimated JSON bytes of a row's request (values, formats, styles, height) */
  bytes: number[];
  /** whether any row in [a, b) has a style / a height */
  hasStyles(a: number, b: number): boolean;
  hasHeights(a: number, b: number): boolean;
  /** rows [a, b) as setCellProperties / setRowProperties take them */
  cellProperties(a: number, b: number): Excel.SettableCellProperties[][];
  rowProperties(a: number, b: number): Excel.SettableRowProperties[];
  /** rows [a, b): rectangles of one style (equal runs of columns in consecutive rows are one rectangle) */
  styleRuns(a: number, b: number): (Rect & { style: CellStyle })[];
  /** rows [a, b): runs of consecutive rows of the same height */
  heightRuns(a: number, b: number): { row: number; rows: number; height: number }[];
  /** rows [a, b): merges, consecutive rows with the same merged columns as one rectangle (merged across, per row) */
  merges(a: number, b: number): Rect[];
  /** rows [a, b): the links */
  links(a: number, b: number): { row: number; column: number; url: string }[];
}

function styleOf(f: ReportCellFormat): CellStyle | undefined {
  const s: CellStyle = {};
  if (f.bold || f.heading) s.bold = true;
  if (f.heading) s.size = HEADING_SIZE;
  if (f.italic) s.italic = true;
  if (f.shade) s.fill = SHADE;
  if (f.wrap) s.wrap = true;
  if (f.wrap || f.top) s.vertical = "Top";
  if (f.left) s.horizontal = "Left";
  return Object.keys(s).length ? s : undefined;
}

const styleKey = (s: CellStyle | undefined): string =>
  s ? `${s.bold ? "b" : ""}${s.size ?? ""}${s.italic ? "i" : ""}${s.fill ?? ""}${s.wrap ? "w" : ""}${s.vertical ?? ""}${s.horizontal ?? ""}` : "";

/** A style as setCellProperties takes it. */
export function cellPropertiesOf(s: CellStyle | undefined): Excel.SettableCellProperties {
  if (!s) return {};
  const format: Excel.CellPropertiesFormat = {};
  if (s.bold || s.size || s.italic) {
    format.font = {};
    if (s.bold) format.font.bold = true;
    if (s.size) format.font.size = s.size;
    if (s.italic) format.font.italic = true;
  }
  if (s.fill) format.fill = { color: s.fill };
  if (s.wrap) format.wrapText = true;
  if (s.vertical) format.verticalAlignment = s.vertical;
  if (s.horizontal) format.horizontalAlignment = s.horizontal;
  return { format };
}

/** A style set on a range's format (Excel before ExcelApi 1.9). */
export function applyStyle(format: Excel.RangeFormat, s: CellStyle): void {
  if (s.bold) format.font.bold = true;
  if (s.size) format.font.size = s.size;
  if (s.italic) format.font.italic = true;
  if (s.fill) format.fill.color = s.fill;
  if (s.wrap) format.wrapText = true;
  if (s.vertical) format.verticalAlignment = s.vertical;
  if (s.horizontal) format.horizontalAlignment = s.horizontal;
}

/** Rows by index, for lists of things that belong to a row. */
function byRow<T extends { row: number }>(items: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of items) {
    const list = m.get(x.row);
    if (list) list.push(x);
    else m.set(x.row, [x]);
  }
  return m;
}

export function reportPlan(sheet: ReportSheet, width: number): ReportPlan {
  const n = sheet.rows.length;
  // Number formats per cell: every text "@" (so Excel never turns it into a number, date or formula), the sheet's
  // formats for numbers, General otherwise.
  const cellFormats = new Map<number, string>();
  const rowFormats = new Map<number, string>();
  // Styles per cell, merged from the row's and the cell's formats
  const styleFormats: { row: number; column?: number; format: ReportCellFormat }[] = [];
  for (const f of sheet.formats) {
    if (f.format.numberFormat) {
      if (f.column === undefined) rowFormats.set(f.row, f.format.numberFormat);
      else cellFormats.set(f.row * width + f.column, f.format.numberFormat);
    }
    if (styleOf(f.format)) styleFormats.push(f);
  }
  const styles: ((CellStyle | undefined)[] | undefined)[] = new Array(n);
  for (const f of styleFormats) {
    if (f.row < 0 || f.row >= n) continue;
    const row = (styles[f.row] ??= new Array(width));
    // a row's format covers its cells (at least the first); a cell's format its cell
    const [c0, c1] = f.column === undefined ? [0, Math.max(1, sheet.rows[f.row]?.length ?? 1)] : [f.column, f.column + 1];
    for (let c = c0; c < c1 && c < width; c++) {
      const merged: ReportCellFormat = { ...(row[c] ? formatOfStyle(row[c]!) : {}), ...f.format };
      row[c] = styleOf(merged);
    }
  }
  const heights: (number | undefined)[] = new Array(n);
  for (const h of sheet.rowHeights ?? []) if (h.row >= 0 && h.row < n) heights[h.row] = h.height;

  const values: (string | number | boolean)[][] = new Array(n);
  const numberFormats: string[][] = new Array(n);
  const bytes: number[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = sheet.rows[r] ?? [];
    const v: (string | number | boolean)[] = new Array(width);
    const f: string[] = new Array(width);
    // values and number formats as JSON: about 12 bytes a cell and the text; a style's object about 60 bytes
    let b = 4 + width * 12;
    for (let c = 0; c < width; c++) {
      const x: ReportValue = row[c];
      if (typeof x === "string") {
        v[c] = looksLikeFormula(x) ? `'${x}` : x;
        f[c] = "@";
        b += x.length * 1.1 + 3;
      } else if (typeof x === "number" && Number.isFinite(x)) {
        v[c] = x;
        f[c] = cellFormats.get(r * width + c) ?? rowFormats.get(r) ?? "General";
      } else if (typeof x === "boolean") {
        v[c] = x;
        f[c] = "General";
      } else {
        v[c] = "";
        f[c] = "General";
      }
      const st = styles[r];
      if (st) b += st[c] ? 60 : 3;
    }
    if (heights[r] !== undefined) b += 30;
    values[r] = v;
    numberFormats[r] = f;
    bytes[r] = b;
  }
  // prefix counts: whether a block has styles or heights in O(1)
  const styledBefore = new Int32Array(n + 1);
  const heightBefore = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    styledBefore[r + 1] = styledBefore[r] + (styles[r] ? 1 : 0);
    heightBefore[r + 1] = heightBefore[r] + (heights[r] !== undefined ? 1 : 0);
  }
  const mergesAt = byRow(sheet.merges ?? []);
  const linksAt = byRow(sheet.links ?? []);
  const clamp = (a: number, b: number): [number, number] => [Math.max(0, a), Math.min(n, b)];

  return {
    width,
    values,
    numberFormats,
    styles,
    heights,
    bytes,
    hasStyles: (a, b) => (([a, b] = clamp(a, b)), b > a && styledBefore[b] > styledBefore[a]),
    hasHeights: (a, b) => (([a, b] = clamp(a, b)), b > a && heightBefore[b] > heightBefore[a]),
    cellProperties(a, b) {
      const out: Excel.SettableCellProperties[][] = [];
      for (let r = a; r < b; r++) {
        const row: Excel.SettableCellProperties[] = new Array(width);
        for (let c = 0; c < width; c++) row[c] = cellPropertiesOf(styles[r]?.[c]);
        out.push(row);
      }
      return out;
    },
    rowProperties(a, b) {
      const out: Excel.SettableRowProperties[] = [];
      for (let r = a; r < b; r++) out.push(heights[r] === undefined ? {} : { format: { rowHeight: heights[r] } });
      return out;
    },
    styleRuns(a, b) {
      const done: (Rect & { style: CellStyle })[] = [];
      let open = new Map<string, Rect & { style: CellStyle }>();
      for (let r = a; r < b; r++) {
        const next = new Map<string, Rect & { style: CellStyle }>();
        const row = styles[r];
        for (let c = 0; row && c < width;) {
          const s = row[c];
          const key = styleKey(s);
          let e = c + 1;
          while (e < width && styleKey(row[e]) === key) e++;
          if (s) {
            const id = `${c}:${e}:${key}`;
            const prev = open.get(id);
            if (prev && prev.row + prev.rows === r) {
              prev.rows++;
              next.set(id, prev);
              open.delete(id);
            } else next.set(id, { row: r, column: c, rows: 1, columns: e - c, style: s });
          }
          c = e;
        }
        for (const x of open.values()) done.push(x);
        open = next;
      }
      for (const x of open.values()) done.push(x);
      return done;
    },
    heightRuns(a, b) {
      const out: { row: number; rows: number; height: number }[] = [];
      for (let r = a; r < b; r++) {
        const h = heights[r];
        if (h === undefined) continue;
        const last = out[out.length - 1];
        if (last && last.row + last.rows === r && last.height === h) last.rows++;
        else out.push({ row: r, rows: 1, height: h });
      }
      return out;
    },
    merges(a, b) {
      const out: Rect[] = [];
      let open = new Map<string, Rect>();
      for (let r = a; r < b; r++) {
        const next = new Map<string, Rect>();
        for (const m of mergesAt.get(r) ?? []) {
          const id = `${m.column}:${m.columns}`;
          const prev = open.get(id);
          if (prev) {
            prev.rows++;
            next.set(id, prev);
            open.delete(id);
          } else next.set(id, { row: r, column: m.column, rows: 1, columns: m.columns });
        }
        for (const x of open.values()) out.push(x);
        open = next;
      }
      for (const x of open.values()) out.push(x);
      return out;
    },
    links(a, b) {
      const out: { row: number; column: number; url: string }[] = [];
      for (let r = a; r < b; r++) for (const l of linksAt.get(r) ?? []) out.push(l);
      return out;
    },
  };
}

/** A style back as the report's format (to merge a row's and a cell's formats). */
function formatOfStyle(s: CellStyle): ReportCellFormat {
  const f: ReportCellFormat = {};
  if (s.bold) f.bold = true;
  if (s.size) f.heading = true;
  if (s.italic) f.italic = true;
  if (s.fill) f.shade = true;
  if (s.wrap) f.wrap = true;
  if (s.vertical) f.top = true;
  if (s.horizontal) f.left = true;
  return f;
}

/**
 * Blocks of rows that each fit in one request: under `maxBytes` (estimated) and `maxCells` cells. The first block
 * also carries the sheet's setup (page, widths, chart).
 */
export function writeBlocks(plan: ReportPlan, rows: number, maxBytes: number, maxCells: number): [number, number][] {
  const blocks: [number, number][] = [];
  let from = 0;
  let bytes = 0;
  for (let r = 0; r < rows; r++) {
    const b = plan.bytes[r];
    if ((bytes + b > maxBytes || (r - from + 1) * plan.width > maxCells) && r > from) {
      blocks.push([from, r]);
      from = r;
      bytes = 0;
    }
    bytes += b;
  }
  blocks.push([from, Math.max(from + 1, rows)]);
  return blocks;
}
