/**
 * A small read-only .xlsx reader for kia-calc: the sheets, the Excel tables (name, range, headers), the workbook
 * names and the values of the cells asked for, as the core's Cell values (src/workbook/ledger.ts). Only what is needed is
 * unpacked and scanned: a sheet is read up to the last row asked for, so a filled template (thousands of formula
 * cells beside the tables) is read in a few milliseconds instead of the ~150 ms a full exceljs load takes, which is
 * what a batch of a thousand clients needs. Cached values are read; formulas are not evaluated. Dates stay Excel
 * serial numbers (the ledger reader turns them into dates by their column), except cells stored as ISO dates.
 *
 * The SpreadsheetML parts have a fixed, regular shape (ECMA-376 part 1, §18): elements are matched with regular
 * expressions that allow a namespace prefix (`<x:c>`, as the Open XML SDK writes) and attributes in any order.
 */
import JSZip from "jszip";
import type { Cell } from "../src/workbook/ledger";

export class XlsxError extends Error {
  /**
   * @param damaged the bytes are not a readable .xlsx package at all (text, an empty file, a truncated or corrupt
   * zip, a zip without a workbook): the reader says "geen geldig Excel-bestand (.xlsx) of beschadigd"
   */
  constructor(
    message: string,
    readonly damaged = false,
  ) {
    super(message);
    this.name = "XlsxError";
  }
}

/** What to do with a damaged workbook. */
const RESAVE = "open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)";

/** Why bytes that should be an .xlsx are not a zip package, in Dutch: empty, text (perhaps a CSV), or other. */
function notAZip(bytes: Uint8Array): string {
  if (bytes.length === 0) return `het bestand is leeg; ${RESAVE}`;
  const head = Buffer.from(bytes.subarray(0, 200)).toString("utf8").replace(/^\ufeff/, "");
  const firstLine = head.split(/\r?\n/)[0];
  if (!/[\x00-\x08\x0e-\x1f\ufffd]/.test(firstLine)) {
    const shown = firstLine.length > 30 ? firstLine.slice(0, 30) + "…" : firstLine;
    // fields separated by ; or a tab, or by commas more than once, look like a CSV header
    const csv = /[;\t]/.test(firstLine) || (firstLine.match(/,/g) ?? []).length >= 2;
    const advice = csv ? "is het een CSV-bestand? Geef het dan de extensie .csv" : RESAVE;
    return `het is tekst, geen Excel-werkmap (het begint met ${JSON.stringify(shown)}); ${advice}`;
  }
  return `het is geen zip-pakket, en een .xlsx-werkmap is dat altijd; ${RESAVE}`;
}

/** The text of a part of the package; a part that cannot be unpacked makes the file damaged. */
async function partText(f: JSZip.JSZipObject, path: string): Promise<string> {
  try {
    return await f.async("string");
  } catch (e) {
    throw new XlsxError(`het onderdeel ${path} kan niet worden uitgepakt (${e instanceof Error ? e.message : String(e)}); ${RESAVE}`, true);
  }
}

export interface XlsxTable {
  name: string;
  sheet: string;
  /** e.g. "A1:P8" */
  ref: string;
  /** header texts (the table's column names) */
  headers: string[];
  headerRow: boolean;
  /** 1-based first/last sheet row and 0-based first/last column of the whole table (header included) */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const el = (name: string) => `(?:[A-Za-z_][\\w.-]*:)?${name}`;
const ATTR = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1]] = decodeXml(m[3] ?? m[4] ?? "");
  return out;
}

/** XML entities, numeric references, and Excel's _xHHHH_ escapes of control characters. */
export function decodeXml(s: string): string {
  if (!s.includes("&") && !s.includes("_x")) return s;
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
      switch (e) {
        case "lt":
          return "<";
        case "gt":
          return ">";
        case "amp":
          return "&";
        case "quot":
          return '"';
        case "apos":
          return "'";
        default: {
          const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
        }
      }
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of a string item (<si>, <is>): its <t> runs, without phonetic runs (<rPh>). */
function stringItem(xml: string): string {
  const body = xml.replace(new RegExp(`<${el("rPh")}\\b[\\s\\S]*?</${el("rPh")}>`, "g"), "");
  let text = "";
  for (const m of body.matchAll(new RegExp(`<${el("t")}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${el("t")}>)`, "g"))) text += decodeXml(m[1] ?? "");
  return text;
}

/** "B12" -> { row: 12, col: 1 } (col 0-based). */
export function parseAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

function relsOf(xml: string | null, base: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  if (!xml) return out;
  for (const m of xml.matchAll(new RegExp(`<${el("Relationship")}\\b([^>]*)>`, "g"))) {
    const a = attrs(m[1]);
    if (a.Id && a.Target && a.TargetMode !== "External") out.set(a.Id, { type: a.Type ?? "", target: resolvePath(base, a.Target) });
  }
  return out;
}

/** Rows of a sheet: row number -> (column -> cell), only rows read so far. */
type SheetCells = Map<number, Map<number, Cell>>;

interface SheetState {
  name: string;
  path: string;
  xml?: string;
  /** where the scan stopped (offset in xml) and the last row seen */
  offset: number;
  lastRow: number;
  done: boolean;
  cells: SheetCells;
  /** the highest row number that holds a cell (known when done) */
  maxRow: number;
}

export class XlsxBook {
  private sharedStrings: string[] | null = null;

  private constructor(
    private readonly zip: JSZip,
    private readonly sheets: SheetState[],
    readonly tables: XlsxTable[],
    readonly names: Map<string, string>,
  ) {}

  /** Opens an .xlsx/.xlsm from its bytes; an XlsxError with a Dutch message when it is not one. */
  static async open(bytes: Uint8Array): Promise<XlsxBook> {
    if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
      throw new XlsxError("is een oud Excel-bestand (.xls) of een met een wachtwoord versleutelde werkmap; sla het in Excel op als .xlsx zonder wachtwoord");
    if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new XlsxError(notAZip(bytes), true);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (e) {
      throw new XlsxError(`het zip-pakket is onvolledig of beschadigd (${e instanceof Error ? e.message : String(e)}); ${RESAVE}`, true);
    }
    const read = async (path: string) => {
      const f = zip.file(path);
      return f ? partText(f, path) : null;
    };
    const wbPath = "xl/workbook.xml";
    const wb = await read(wbPath);
    if (wb === null) {
      if (zip.file("xl/workbook.bin")) throw new XlsxError("is een binaire werkmap (.xlsb); sla het in Excel op als .xlsx");
      throw new XlsxError(`het zip-pakket bevat geen werkmap (xl/workbook.xml ontbreekt); ${RESAVE}`, true);
    }
    const rels = relsOf(await read("xl/_rels/workbook.xml.rels"), wbPath);
    const sheets: SheetState[] = [];
    for (const m of wb.matchAll(new RegExp(`<${el("sheet")}\\b([^>]*)>`, "g"))) {
      const a = attrs(m[1]);
      const rid = a["r:id"] ?? Object.entries(a).find(([k]) => /:id$/.test(k))?.[1];
      const rel = rid ? rels.get(rid) : undefined;
      if (!a.name || !rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets, dialog sheets
      sheets.push({ name: a.name, path: rel.target, offset: 0, lastRow: 0, done: false, cells: new Map(), maxRow: 0 });
    }
    const names = new Map<string, string>();
    for (const m of wb.matchAll(new RegExp(`<${el("definedName")}\\b([^>]*)>([\\s\\S]*?)</${el("definedName")}>`, "g"))) {
      const a = attrs(m[1]);
      if (a.name && a.localSheetId === undefined) names.set(a.name, decodeXml(m[2]));
    }
    const tables: XlsxTable[] = [];
    for (const s of sheets) {
      const relPath = s.path.replace(/([^/]+)$/, "_rels/$1.rels");
      for (const rel of relsOf(await read(relPath), s.path).values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const xml = await read(rel.target);
        if (!xml) continue;
        const head = new RegExp(`<${el("table")}\\b([^>]*)>`).exec(xml);
        if (!head) continue;
        const a = attrs(head[1]);
        const [from, to] = (a.ref ?? "").split(":");
        const tl = parseAddress(from ?? "");
        const br = parseAddress(to ?? from ?? "");
        if (!tl || !br) continue;
        const headers = [...xml.matchAll(new RegExp(`<${el("tableColumn")}\\b([^>]*?)/?>`, "g"))].map((c) => attrs(c[1]).name ?? "");
        tables.push({
          name: a.displayName ?? a.name ?? "",
          sheet: s.name,
          ref: a.ref,
          headers,
          headerRow: a.headerRowCount !== "0",
          top: tl.row,
          bottom: br.row,
          left: tl.col,
          right: br.col,
        });
      }
    }
    return new XlsxBook(zip, sheets, tables, names);
  }

  get sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private sheet(name: string): SheetState {
    const s = this.sheets.find((x) => x.name === name) ?? this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new XlsxError(`heeft geen blad ${name}`);
    return s;
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const f = this.zip.file("xl/sharedStrings.xml");
    const xml = f ? await partText(f, "xl/sharedStrings.xml") : "";
    this.sharedStrings = [...xml.matchAll(new RegExp(`<${el("si")}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${el("si")}>)`, "g"))].map((m) => stringItem(m[1] ?? ""));
    return this.sharedStrings;
  }

  /** Scans the sheet until it has passed `row` (or to its end with Infinity). */
  private async scan(s: SheetState, row: number): Promise<void> {
    if (s.done || s.lastRow >= row) return;
    if (s.xml === undefined) {
      const f = this.zip.file(s.path);
      s.xml = f ? await partText(f, s.path) : "";
      const data = new RegExp(`<${el("sheetData")}\\b[^>]*?(/?)>`).exec(s.xml);
      s.offset = data ? data.index + data[0].length : s.xml.length;
      if (!data || data[1] === "/") s.done = true;
    }
    const strings = await this.strings();
    const rowRe = new RegExp(`<${el("row")}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${el("row")}>)|</${el("sheetData")}>`, "g");
    const cellRe = new RegExp(`<${el("c")}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${el("c")}>)`, "g");
    rowRe.lastIndex = s.offset;
    let m: RegExpExecArray | null;
    while (!s.done && (m = rowRe.exec(s.xml!))) {
      if (m[0].startsWith("</")) {
        s.done = true;
        break;
      }
      const ra = attrs(m[1]);
      const r = ra.r ? Number(ra.r) : s.lastRow + 1;
      s.lastRow = r;
      s.offset = rowRe.lastIndex;
      const cells = new Map<number, Cell>();
      let col = -1;
      for (const c of (m[2] ?? "").matchAll(cellRe)) {
        const ca = attrs(c[1]);
        const at = ca.r ? parseAddress(ca.r) : null;
        col = at ? at.col : col + 1;
        const v = cellValue(ca.t, c[2] ?? "", strings);
        if (v !== null) cells.set(col, v);
      }
      if (cells.size) {
        s.cells.set(r, cells);
        s.maxRow = Math.max(s.maxRow, r);
      }
      if (r >= row) return;
    }
    s.done = true;
  }

  /** The last row of a sheet that has a value. */
  async lastRow(sheet: string): Promise<number> {
    const s = this.sheet(sheet);
    await this.scan(s, Infinity);
    return s.maxRow;
  }

  /** Cells of rows from..to (1-based) and columns left..right (0-based), empty cells as null. */
  async rows(sheet: string, from: number, to: number, left: number, right: number): Promise<Cell[][]> {
    const s = this.sheet(sheet);
    await this.scan(s, to);
    const out: Cell[][] = [];
    for (let r = from; r <= to; r++) {
      const row = s.cells.get(r);
      const cells: Cell[] = [];
      for (let c = left; c <= right; c++) cells.push(row?.get(c) ?? null);
      out.push(cells);
    }
    return out;
  }

  async cell(sheet: string, address: string): Promise<Cell> {
    const a = parseAddress(address);
    if (!a) return null;
    return (await this.rows(sheet, a.row, a.row, a.col, a.col))[0][0];
  }
}

function cellValue(t: string | undefined, inner: string, strings: string[]): Cell {
  const v = /<(?:[A-Za-z_][\w.-]*:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?v>)/.exec(inner)?.[1];
  switch (t) {
    case "s": {
      const i = v === undefined ? NaN : Number(v);
      return Number.isInteger(i) && i >= 0 && i < strings.length ? strings[i] : null;
    }
    case "inlineStr": {
      const is = /<(?:[A-Za-z_][\w.-]*:)?is\b[^>]*>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?is>/.exec(inner);
      return is ? stringItem(is[1]) : null;
    }
    case "str":
      return v === undefined ? null : decodeXml(v);
    case "b":
      return v === undefined ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v === undefined ? null : { error: decodeXml(v).trim() };
    case "d":
      return v === undefined ? null : /^\d{4}-\d{2}-\d{2}/.test(v) ? { date: v.slice(0, 10) } : decodeXml(v);
    default: {
      if (v === undefined || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : decodeXml(v);
    }
  }
}
