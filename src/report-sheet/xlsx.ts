/**
 * The report sheet (./build.ts) as .xlsx bytes, for the standalone page's download and `kia-calc --rapport`: the
 * same cells, formats, merged cells, row heights, links, print setup, Excel tables (the register) and a native
 * scatter chart of the KIA curve. The SpreadsheetML parts are written here as text, straight from the model (each
 * part built in an array of pieces and joined once), and zipped with JSZip, given by the caller (the pane loads it
 * lazily, the command line with require), so this file imports no module. No model of every cell is kept: a
 * report of 100.000 assets took 6,1 GB and 43 s through exceljs (issue 17).
 *
 * What each format of the model becomes (as the exceljs writer before it made it): bold → bold Calibri 11;
 * heading → bold Calibri 13; italic; shade → solid fill F2F2F2 and a thin bottom border A6A6A6; left → aligned
 * left; wrap → wrapped and aligned to the top; top → aligned to the top; a number format as given, and "@" (text)
 * on a string that Excel would take for a formula; a link → the hyperlink font (0563C1, underlined). The formats
 * apply in their order (a font set before keeps its size and colour when a later format makes it bold), a format of
 * a whole row to the cells of the row's values, and a merged cell's covered cells take its first cell's style
 * (that draws the border and the fill across the merge). Strings are always strings, never formulas.
 */
import { columnLetter } from "../columns";
import { looksLikeFormula, type ReportSheet, type ReportTable } from "./types";

export interface XlsxModules {
  /** no longer used (the writer needs no exceljs); accepted so older callers keep working */
  ExcelJS?: unknown;

  JSZip: any;
}

/** A number format that shows a date (y, d, or m outside brackets and quotes, no h/s: not a time). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) && !/[hs0#]/i.test(bare);
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
/**
 * The number of columns the sheet uses anywhere: a cell's key is row × this + column, a small integer (V8 keeps it
 * unboxed; row × 16.384 would not be, at 100.000 assets).
 */
function widthOf(sheet: ReportSheet): number {
  let w = sheet.columnWidths.length;
  for (const row of sheet.rows) w = Math.max(w, row.length);
  for (const f of sheet.formats) if (f.column !== undefined) w = Math.max(w, f.column + 1);
  for (const l of sheet.links ?? []) w = Math.max(w, l.column + 1);
  for (const m of sheet.merges ?? []) w = Math.max(w, m.column + m.columns);
  for (const t of sheet.tables ?? []) w = Math.max(w, t.column + (t.rows[0]?.length ?? 0));
  return Math.max(1, w);
}

/** Characters XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF, surrogates without their pair): left out. */
// eslint-disable-next-line no-control-regex -- the control characters are what these leave out
const FORBIDDEN = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const ANY_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;" };

/** Text for XML (an element's text or an attribute's value): escaped, with the characters XML forbids left out. */
export function xmlText(s: string): string {
  // a surrogate pair (an emoji) is kept, a lone surrogate left out
  const clean = ANY_FORBIDDEN.test(s) ? s.replace(FORBIDDEN, (c) => (c.length === 2 ? c : "")) : s;
  return /[&<>"\r]/.test(clean) ? clean.replace(/[&<>"\r]/g, (c) => ESCAPES[c]) : clean;
}

/** A cell's text: as xmlText, and text that reads as Excel's own _xHHHH_ escape has its underscore escaped (_x005F_). */
function cellText(s: string): string {
  return xmlText(s.includes("_x") ? s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1") : s);
}

interface Font {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  color?: string;
}
interface Style {
  numFmt?: string;
  font?: Font;
  shade?: boolean;
  horizontal?: "left";
  vertical?: "top";
  wrap?: boolean;
}

const LINK_FONT: Font = { size: 11, underline: true, color: "FF0563C1" };
/** Excel's built-in number formats that the report uses (the others get an id from 164) */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

/** What makes two styles the same (the default style's key is "\u0001\u00010"). */
function styleKey(s: Style): string {
  const f = s.font;
  return `${s.numFmt ?? ""}\u0001${f ? `${f.size}${f.bold ? "b" : ""}${f.italic ? "i" : ""}${f.underline ? "u" : ""}${f.color ?? ""}` : ""}\u0001${s.shade ? 1 : 0}${s.horizontal ?? ""}${s.vertical ?? ""}${s.wrap ? 1 : 0}`;
}

/**
 * The cells' styles, each made once and known by its number (0: none): a cell holds a number, and a change (a
 * format, the link font, "@") made to a style gives the same next style every time, found in a table. A report of
 * 100.000 assets has millions of formatted cells and a handful of styles.
 */
class CellStyles {
  readonly list: Style[] = [{}];
  private readonly byKey = new Map<string, number>([[styleKey({}), 0]]);
  /** by style: its next style after each change made to it */
  private readonly next: Map<string, number>[] = [];

  /** the style `id` after `change` (named `name`: the same name is the same change) */
  step(id: number, name: string, change: (s: Style) => void): number {
    const memo = (this.next[id] ??= new Map());
    let n = memo.get(name);
    if (n === undefined) {
      const was = this.list[id];
      const s: Style = { ...was, font: was.font && { ...was.font } };
      if (!s.font) delete s.font;
      change(s);
      const key = styleKey(s);
      n = this.byKey.get(key);
      if (n === undefined) {
        n = this.list.length;
        this.list.push(s);
        this.byKey.set(key, n);
      }
      memo.set(name, n);
    }
    return n;
  }
}

/** styles.xml: each distinct style a cellXfs entry, with its number format, font, fill and border. */
class Styles {
  /** by key (see id); the key of a style without anything is the default's, 0 */
  private readonly xfs = new Map<string, number>([["\u0001\u00010", 0]]);
  private readonly xfXml = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Map<string, number>([["11", 0]]);
  private readonly fontXml = ['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'];
  private readonly numFmts = new Map<string, number>();

  /** the cellXfs index of a style (0: no style) */
  id(s: Style | undefined): number {
    if (!s) return 0;
    const f = s.font;
    const key = styleKey(s);
    let id = this.xfs.get(key);
    if (id !== undefined) return id;
    const numFmtId = s.numFmt === undefined ? 0 : this.numFmtId(s.numFmt);
    const fontId = f ? this.fontId(f) : 0;
    const fill = s.shade ? 2 : 0;
    const align = s.horizontal || s.vertical || s.wrap;
    const attrs =
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fill}" borderId="${s.shade ? 1 : 0}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (s.shade ? ' applyFill="1" applyBorder="1"' : "") +
      (align ? ' applyAlignment="1"' : "");
    const alignment = align
      ? `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ""}${s.vertical ? ` vertical="${s.vertical}"` : ""}${s.wrap ? ' wrapText="1"' : ""}/>`
      : "";
    id = this.xfXml.length;
    this.xfXml.push(alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`);
    this.xfs.set(key, id);
    return id;
  }

  private numFmtId(format: string): number {
    const builtin = BUILTIN_FORMATS[format];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(format);
    if (id === undefined) this.numFmts.set(format, (id = 164 + this.numFmts.size));
    return id;
  }

  private fontId(f: Font): number {
    const xml =
      "<font>" +
      (f.bold ? "<b/>" : "") +
      (f.italic ? "<i/>" : "") +
      (f.underline ? "<u/>" : "") +
      `<sz val="${f.size}"/>` +
      (f.color ? `<color rgb="${f.color}"/>` : "") +
      '<name val="Calibri"/><family val="2"/></font>';
    let id = this.fonts.get(xml);
    if (id === undefined) {
      id = this.fontXml.length;
      this.fonts.set(xml, id);
      this.fontXml.push(xml);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` : "") +
      `<fonts count="${this.fontXml.length}">${this.fontXml.join("")}</fonts>` +
      `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      `<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
      `<border><left/><right/><top/><bottom style="thin"><color rgb="FFA6A6A6"/></bottom><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
    );
  }
}

/**
 * The workbook's theme: Office's colours and fonts (Calibri; Cambria for headings), the theme Excel falls back on.
 * The chart's texts and the register's table style take their font and colours from it.
 */
function themeXml(): string {
  const colors = [
    ["dk1", '<a:sysClr val="windowText" lastClr="000000"/>'],
    ["lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'],
    ...Object.entries({
      dk2: "1F497D",
      lt2: "EEECE1",
      accent1: "4F81BD",
      accent2: "C0504D",
      accent3: "9BBB59",
      accent4: "8064A2",
      accent5: "4BACC6",
      accent6: "F79646",
      hlink: "0000FF",
      folHlink: "800080",
    }).map(([name, rgb]) => [name, `<a:srgbClr val="${rgb}"/>`]),
  ];
  const font = (face: string) => `<a:latin typeface="${face}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  const three = (x: string) => x + x + x;
  const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  return (
    XML_HEAD +
    `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>` +
    `<a:clrScheme name="Office">${colors.map(([n, c]) => `<a:${n}>${c}</a:${n}>`).join("")}</a:clrScheme>` +
    `<a:fontScheme name="Office"><a:majorFont>${font("Cambria")}</a:majorFont><a:minorFont>${font("Calibri")}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="Office"><a:fillStyleLst>${three(fill)}</a:fillStyleLst>` +
    `<a:lnStyleLst>${[9525, 25400, 38100].map((w) => `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${fill}<a:prstDash val="solid"/></a:ln>`).join("")}</a:lnStyleLst>` +
    `<a:effectStyleLst>${three("<a:effectStyle><a:effectLst/></a:effectStyle>")}</a:effectStyleLst><a:bgFillStyleLst>${three(fill)}</a:bgFillStyleLst></a:fmtScheme>` +
    `</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
  );
}

/**
 * A large part's text, kept as UTF-8 bytes in chunks of about a megabyte as it is made (no one string of the whole
 * sheet, no copy of it in JSZip's own encoder), and joined once between its head and its tail.
 */
class Utf8Parts {
  private static readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private chars = 0;
  private bytes = 0;

  push(s: string): void {
    this.pending.push(s);
    this.chars += s.length;
    if (this.chars > 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const b = Utf8Parts.encoder.encode(this.pending.join(""));
    this.chunks.push(b);
    this.bytes += b.length;
    this.pending = [];
    this.chars = 0;
  }

  /** everything pushed, between head and tail, as one array of bytes */
  join(head: string, tail: string): Uint8Array {
    this.flush();
    const h = Utf8Parts.encoder.encode(head);
    const t = Utf8Parts.encoder.encode(tail);
    const out = new Uint8Array(h.length + this.bytes + t.length);
    out.set(h, 0);
    let at = h.length;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(t, at);
    this.chunks.length = 0;
    return out;
  }
}

/** The shared strings: each distinct text once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items = new Utf8Parts();
  private unique = 0;
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.unique++;
      this.index.set(s, i);
      const text = cellText(s);
      const preserve = /^\s|\s$|[\t\n]|\s\s|&#13;/.test(text) ? ' xml:space="preserve"' : "";
      this.items.push(`<si><t${preserve}>${text}</t></si>`);
    }
    return i;
  }

  xml(): Uint8Array {
    return this.items.join(XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.unique}">`, "</sst>");
  }
}

/** A sheet name quoted for a reference: 'KIA-rapport 2025'. */
function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Every cell's style, as the formats make it (in their order), the links' font, "@" on formula-like strings and the
 * register's text cells, and the merged cells' covered cells with their first cell's style: by row, an array of
 * style numbers by column (none for a row without styles: the register's rows, most of a large report).
 */
function cellStyles(sheet: ReportSheet, COLS: number): { styles: CellStyles; rows: (number[] | undefined)[] } {
  const styles = new CellStyles();
  const rows: (number[] | undefined)[] = [];
  const change = (r: number, c: number, name: string, f: (s: Style) => void) => {
    const row = (rows[r] ??= []);
    row[c] = styles.step(row[c] ?? 0, name, f);
  };
  const formulaLike = (r: number, c: number) => {
    const v = sheet.rows[r]?.[c];
    return typeof v === "string" && v !== "" && looksLikeFormula(v);
  };
  const asText = (s: Style) => void (s.numFmt = "@");
  sheet.rows.forEach((values, r) =>
    values.forEach((v, c) => {
      if (typeof v === "string" && v !== "" && looksLikeFormula(v)) change(r, c, "@", asText);
    }),
  );
  const links = new Set<number>();
  for (const l of sheet.links ?? []) {
    change(l.row, l.column, "link", (s) => void (s.font = { ...LINK_FONT }));
    links.add(l.row * COLS + l.column);
  }
  /** each format's name for the table of changes, by its content */
  const names = new Map<string, string>();
  for (const f of sheet.formats) {
    const cols = f.column === undefined ? Array.from({ length: Math.max(1, sheet.rows[f.row]?.length ?? 1) }, (_, i) => i) : [f.column];
    const fm = f.format;
    const json = JSON.stringify(fm);
    const name = names.get(json) ?? (names.set(json, `f${names.size}`), `f${names.size - 1}`);
    const apply = (numFmt: boolean) => (s: Style) => {
      if (fm.numberFormat && numFmt) s.numFmt = fm.numberFormat;
      if (fm.bold || fm.heading) s.font = { size: fm.heading ? 13 : 11, ...s.font, bold: true };
      if (fm.italic) s.font = { size: 11, ...s.font, italic: true };
      if (fm.shade) s.shade = true;
      if (fm.left) s.horizontal = "left";
      if (fm.wrap || fm.top) {
        if (fm.wrap) s.wrap = true;
        s.vertical = "top";
      }
    };
    const withFormat = apply(true);
    const withoutFormat = apply(false);
    for (const c of cols) {
      // a link's text is no longer a plain string (exceljs's hyperlink value), so it takes the number format
      if (formulaLike(f.row, c) && !links.has(f.row * COLS + c)) change(f.row, c, `${name}-`, withoutFormat);
      else change(f.row, c, name, withFormat);
    }
  }
  // the register's cells are text ("@"); those with a style of their own get it in that style
  for (const t of sheet.tables ?? [])
    t.rows.forEach((values, r) =>
      values.forEach((_, c) => {
        if (rows[t.row + r]?.[t.column + c]) change(t.row + r, t.column + c, "@", asText);
      }),
    );
  for (const m of sheet.merges ?? []) {
    const row = rows[m.row];
    if (!row) continue;
    for (let c = m.column + 1; c < m.column + m.columns; c++) row[c] = row[m.column] ?? 0;
  }
  return { styles, rows };
}

/**
 * The merged cells as references, and the cells they cover (but their first: that one holds the value). Refused
 * when two overlap (Excel would repair the file); the builder's merges never do.
 */
function mergedCells(sheet: ReportSheet, COLS: number): { refs: string[]; covered: Set<number> } {
  const covered = new Set<number>();
  const firsts = new Set<number>();
  const refs = (sheet.merges ?? []).map((m) => {
    const ref = `${columnLetter(m.column)}${m.row + 1}:${columnLetter(m.column + m.columns - 1)}${m.row + 1}`;
    for (let c = m.column; c < m.column + m.columns; c++) {
      const k = m.row * COLS + c;
      if (covered.has(k) || firsts.has(k)) throw new Error(`Cellen ${ref} kunnen niet worden samengevoegd: ze overlappen een eerdere samenvoeging.`);
      (c === m.column ? firsts : covered).add(k);
    }
    return ref;
  });
  return { refs, covered };
}

/** The report sheet as .xlsx bytes, with a native scatter chart of the KIA curve. */
export async function reportXlsx(sheet: ReportSheet, modules: XlsxModules): Promise<Uint8Array> {
  const { JSZip } = modules;
  const styles = new Styles();
  const strings = new SharedStrings();
  const COLS = widthOf(sheet);
  const { styles: cellStyle, rows: rowStyles } = cellStyles(sheet, COLS);
  const { refs: merges, covered } = mergedCells(sheet, COLS);
  const linkText = new Map<number, string>();
  for (const l of sheet.links ?? []) {
    const v = sheet.rows[l.row]?.[l.column];
    linkText.set(l.row * COLS + l.column, typeof v === "string" && v !== "" ? v : l.url);
  }
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  const tables = sheet.tables ?? [];

  let lastRow = sheet.rows.length - 1;
  for (const t of tables) lastRow = Math.max(lastRow, t.row + t.rows.length - 1);
  lastRow = Math.max(lastRow, rowStyles.length - 1);
  for (const r of heights.keys()) lastRow = Math.max(lastRow, r);
  let lastCol = -1;
  /** the columns' letters, made once */
  const letters: string[] = [];
  const letter = (c: number) => letters[c] ?? (letters[c] = columnLetter(c));
  const rowsXml = new Utf8Parts();
  /** the rows that have a link or a merge: only in those a cell is looked up in linkText and covered */
  const special = new Set<number>([...(sheet.links ?? []).map((l) => l.row), ...(sheet.merges ?? []).map((m) => m.row)]);
  /** each style's cellXfs index and its s="…" attribute, made once */
  const sAttrs: string[] = [];
  const sAttr = (id: number) => (sAttrs[id] ??= ` s="${styles.id(cellStyle.list[id])}"`);
  const textAttr = tables.length ? ` s="${styles.id({ numFmt: "@" })}"` : "";
  for (let r = 0; r <= lastRow; r++) {
    const values = sheet.rows[r] ?? [];
    const styled = rowStyles[r];
    const n = String(r + 1);
    // the register's cells in this row (the tables' values take the place of the rows' values)
    const segments = tables.filter((t) => r >= t.row && r < t.row + t.rows.length).map((t) => ({ from: t.column, values: t.rows[r - t.row] }));
    let width = Math.max(values.length, styled?.length ?? 0);
    for (const t of segments) width = Math.max(width, t.from + t.values.length);
    const ht = heights.get(r);
    const isSpecial = special.has(r);
    let open = false;
    if (ht !== undefined) {
      rowsXml.push(`<row r="${n}" ht="${ht}" customHeight="1">`);
      open = true;
    }
    for (let c = 0; c < width; c++) {
      let v: string | number | boolean | null | undefined = values[c];
      let inTable = false;
      for (const t of segments)
        if (c >= t.from && c < t.from + t.values.length) {
          v = t.values[c - t.from];
          inTable = true;
        }
      if (isSpecial) {
        const key = r * COLS + c;
        const link = linkText.get(key);
        if (link !== undefined) v = link;
        if (covered.has(key)) v = null;
      }
      if (v === "" || (typeof v === "number" && !Number.isFinite(v))) v = null;
      const id = styled?.[c];
      const attr = id ? sAttr(id) : inTable ? textAttr : "";
      if ((v === null || v === undefined) && !attr) continue;
      if (!open) {
        rowsXml.push(`<row r="${n}">`);
        open = true;
      }
      rowsXml.push(`<c r="${letter(c)}${n}"${attr}`);
      if (v === null || v === undefined) rowsXml.push("/>");
      else if (typeof v === "string") rowsXml.push(` t="s"><v>${strings.id(v)}</v></c>`);
      else if (typeof v === "boolean") rowsXml.push(` t="b"><v>${v ? 1 : 0}</v></c>`);
      else rowsXml.push(`><v>${v}</v></c>`);
      if (c > lastCol) lastCol = c;
    }
    if (open) rowsXml.push("</row>");
  }
  lastRow = Math.max(0, lastRow);

  // the sheet's relationships: links, the chart's drawing, the tables
  const sheetRels: string[] = [];
  const rel = (type: string, target: string, external = false) => {
    const id = `rId${sheetRels.length + 1}`;
    sheetRels.push(`<Relationship Id="${id}" Type="${REL}/${type}" Target="${xmlText(target)}"${external ? ' TargetMode="External"' : ""}/>`);
    return id;
  };
  const hyperlinks = (sheet.links ?? []).map((l) => `<hyperlink ref="${columnLetter(l.column)}${l.row + 1}" r:id="${rel("hyperlink", l.url, true)}"/>`);
  let drawing = "";
  if (sheet.chart) {
    sheetRels.push(`<Relationship Id="rIdKiaChart" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`);
    drawing = `<drawing r:id="rIdKiaChart"/>`;
  }
  const tableParts = tables.map((_, i) => `<tablePart r:id="${rel("table", `../tables/table${i + 1}.xml`)}"/>`);

  const page = sheet.page;
  const breaks = (sheet.pageBreaks ?? []).filter((r) => r > 0);
  const dimension = `A1:${columnLetter(Math.max(0, lastCol))}${lastRow + 1}`;
  const head = [
    XML_HEAD,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">`,
    page ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "",
    `<dimension ref="${dimension}"/>`,
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    sheet.columnWidths.length
      ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
      : "",
    `<sheetData>`,
  ].join("");
  const tail = [
    `</sheetData>`,
    merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "",
    hyperlinks.length ? `<hyperlinks>${hyperlinks.join("")}</hyperlinks>` : "",
    page
      ? `<pageMargins left="${page.margins.left}" right="${page.margins.right}" top="${page.margins.top}" bottom="${page.margins.bottom}" header="${page.margins.header}" footer="${page.margins.footer}"/>` +
        `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="${page.fitToWidth}" fitToHeight="${page.fitToHeight}"/>` +
        `<headerFooter><oddHeader>${xmlText(page.header)}</oddHeader><oddFooter>${xmlText(page.footer)}</oddFooter></headerFooter>`
      : "",
    breaks.length
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`
      : "",
    drawing,
    tableParts.length ? `<tableParts count="${tableParts.length}">${tableParts.join("")}</tableParts>` : "",
    `</worksheet>`,
  ].join("");
  const sheetXml = rowsXml.join(head, tail);

  // the module or its namespace (a dynamic import of a CommonJS module): the constructor is then its default
  const Zip = typeof JSZip === "function" ? JSZip : JSZip.default;
  const zip = new Zip();
  const overrides: [string, string][] = [
    ["/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"],
    ["/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"],
    ["/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"],
    ["/xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"],
    ["/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"],
    ["/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"],
    ["/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"],
  ];
  tables.forEach((t, i) => {
    overrides.push([`/xl/tables/table${i + 1}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"]);
    zip.file(`xl/tables/table${i + 1}.xml`, tableXml(t, i + 1));
  });
  if (sheet.chart) {
    overrides.push(["/xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"]);
    overrides.push(["/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"]);
    zip.file("xl/charts/chart1.xml", chartXml(sheet));
    zip.file("xl/drawings/drawing1.xml", drawingXml(sheet));
    zip.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      XML_HEAD + `<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`,
    );
  }
  zip.file(
    "[Content_Types].xml",
    XML_HEAD +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join("") +
      `</Types>`,
  );
  zip.file(
    "_rels/.rels",
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  zip.file(
    "docProps/core.xml",
    XML_HEAD +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>KIA-invoegtoepassing</dc:creator><cp:lastModifiedBy>KIA-invoegtoepassing</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  );
  zip.file(
    "docProps/app.xml",
    XML_HEAD +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>KIA-invoegtoepassing</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${xmlText(sheet.name)}</vt:lpstr></vt:vector></TitlesOfParts>` +
      `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>`,
  );
  // the print area (absolute: Excel reads $A1 relative to the active cell) and the title rows, as Excel writes them
  const name = (ref: string) => xmlText(ref).replace(/'/g, "&apos;");
  const names = page
    ? `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">${name(`${quoted(sheet.name)}!$A$1:$${columnLetter(page.area.columns - 1)}$${page.area.rows}`)}</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">${name(`${quoted(sheet.name)}!$${page.titleRows[0] + 1}:$${page.titleRows[1] + 1}`)}</definedName></definedNames>`
    : "";
  zip.file(
    "xl/workbook.xml",
    XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><workbookPr/><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${xmlText(sheet.name)}" sheetId="1" r:id="rId1"/></sheets>${names}<calcPr calcId="171027"/></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/theme" Target="theme/theme1.xml"/></Relationships>`,
  );
  zip.file("xl/worksheets/sheet1.xml", sheetXml);
  if (sheetRels.length)
    zip.file("xl/worksheets/_rels/sheet1.xml.rels", XML_HEAD + `<Relationships xmlns="${NS_PKG_RELS}">${sheetRels.join("")}</Relationships>`);
  zip.file("xl/sharedStrings.xml", strings.xml());
  zip.file("xl/styles.xml", styles.xml());
  zip.file("xl/theme/theme1.xml", themeXml());
  // deflate level 3: at 100.000 assets half the time of the default 6 (JSZip's deflate is JavaScript: most of the
  // writing time), for a file about 17 % larger
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 3 } }));
}

/** An Excel table of text (the register): its header row and rows, style TableStyleLight1 with row stripes, no filter buttons. */
function tableXml(t: ReportTable, id: number): string {
  const header = t.rows[0];
  const ref = `${columnLetter(t.column)}${t.row + 1}:${columnLetter(t.column + header.length - 1)}${t.row + t.rows.length}`;
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${xmlText(t.name)}" displayName="${xmlText(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}">${header.map((_, i) => `<filterColumn colId="${i}" hiddenButton="1"/>`).join("")}</autoFilter>` +
    `<tableColumns count="${header.length}">${header.map((name, i) => `<tableColumn id="${i + 1}" name="${cellText(name)}"/>`).join("")}</tableColumns>` +
    `<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function cellRef(sheetName: string, row: number, col: number, row2?: number): string {
  const c = columnLetter(col);
  return row2 === undefined ? `${quoted(sheetName)}!$${c}$${row + 1}` : `${quoted(sheetName)}!$${c}$${row + 1}:$${c}$${row2 + 1}`;
}

function numCache(values: number[], format: string): string {
  return `<c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)
    .join("")}</c:numCache>`;
}

function richTitle(text: string, size = 1200): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="nl-NL" sz="${size}" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** The chart part: a scatter chart with lines (the curve) and a second series with one marker (the client's total). */
export function chartXml(sheet: ReportSheet): string {
  const ch = sheet.chart!;
  const num = (r: number, c: number) => Number(sheet.rows[r]?.[c] ?? 0);
  const [cx, cy] = ch.columns ?? [0, 1];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let r = ch.firstRow; r <= ch.lastRow; r++) {
    xs.push(num(r, cx));
    ys.push(num(r, cy));
  }
  const fmt = '"€" #,##0';
  const series = (idx: number, name: string, x: string, y: string, xv: number[], yv: number[], marker: boolean) =>
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlText(name)}</c:v></c:tx>` +
    (marker
      ? `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="9"/><c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr></c:marker>`
      : `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="0F6CBD"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`) +
    `<c:xVal><c:numRef><c:f>${xmlText(x)}</c:f>${numCache(xv, fmt)}</c:numRef></c:xVal>` +
    `<c:yVal><c:numRef><c:f>${xmlText(y)}</c:f>${numCache(yv, fmt)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`;
  let ser = series(0, ch.yTitle ?? "KIA", cellRef(sheet.name, ch.firstRow, cx, ch.lastRow), cellRef(sheet.name, ch.firstRow, cy, ch.lastRow), xs, ys, false);
  if (ch.markRow !== undefined)
    ser += series(
      1,
      ch.markLabel ?? "",
      cellRef(sheet.name, ch.markRow, cx),
      cellRef(sheet.name, ch.markRow, cy),
      [num(ch.markRow, cx)],
      [num(ch.markRow, cy)],
      true,
    );
  const axis = (id: number, cross: number, pos: "b" | "l", title?: string, grid = false) =>
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    (grid ? "<c:majorGridlines/>" : "") +
    (title ? richTitle(title, 1000) : "") +
    `<c:numFmt formatCode="${xmlText(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/><c:chart>${richTitle(ch.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${ser}<c:axId val="510001"/><c:axId val="510002"/></c:scatterChart>` +
    axis(510001, 510002, "b", ch.xTitle) +
    axis(510002, 510001, "l", ch.yTitle, true) +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing that holds the chart: anchored at its cell, over its rows and columns (default beside the curve's rows). */
function drawingXml(sheet: ReportSheet): string {
  const ch = sheet.chart!;
  const from = ch.anchor ? { col: ch.anchor.column, row: ch.anchor.row } : { col: 3, row: Math.max(0, ch.firstRow - 1) };
  const to = ch.anchor ? { col: ch.anchor.column + ch.anchor.columns, row: ch.anchor.row + ch.anchor.rows } : { col: 11, row: from.row + 22 };
  return (
    XML_HEAD +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xmlText(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_R}" r:id="rId1"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}
