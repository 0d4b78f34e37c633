/**
 * An .xlsx file's bytes as a Book (./book.ts), for the command line and the standalone page alike: the sheets, the
 * Excel tables (name, range, headers), the workbook names, the date system and the values of the cells asked for,
 * as the core's Cell values (./ledger.ts). Only what is asked for is unpacked and parsed: a sheet is parsed up to the
 * last row asked for, so a filled template (thousands of formula cells beside the tables) is read in a few
 * milliseconds instead of the ~150 ms a full exceljs load takes, which is what a batch of a thousand clients needs.
 * Cached values are read; formulas are not evaluated. Dates stay Excel serial numbers (the ledger turns the numbers
 * of its date column into dates, by the workbook's date system: `date1904` from workbook.xml's workbookPr), except
 * cells stored as ISO dates.
 *
 * The SpreadsheetML parts (ECMA-376 part 1, §18) are parsed with an XML parser (saxes), so entities, CDATA, comments,
 * a namespace prefix (`<x:c>`, as the Open XML SDK writes) and attributes in any order or quoting are XML's, not a
 * regular expression's. Plain JavaScript: JSZip and saxes run in Node and in the browser alike.
 */
import JSZip from "jszip";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { parseAddress, type Book, type BookOutline, type BookTable } from "./book";
import type { Cell } from "./ledger";
import { fileTooLarge, MAX_CELLS, MAX_FILE_BYTES, tooManyCells, type Limits } from "./limits";

export class XlsxError extends Error {
  /**
   * @param damaged the bytes are not a readable .xlsx package at all (text, an empty file, a truncated or corrupt
   * zip, a zip without a workbook, a part that is no XML): "geen geldig Excel-bestand (.xlsx) of beschadigd"
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
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 200)).replace(/^\ufeff/, "");
  const firstLine = head.split(/\r?\n/)[0];
  // control characters (or the replacement character) in the first line: binary, not a CSV
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0e-\x1f\ufffd]/.test(firstLine)) {
    const shown = firstLine.length > 30 ? firstLine.slice(0, 30) + "…" : firstLine;
    // fields separated by ; or a tab, or by commas more than once, look like a CSV header
    const csv = /[;\t]/.test(firstLine) || (firstLine.match(/,/g) ?? []).length >= 2;
    const advice = csv ? "is het een CSV-bestand? Geef het dan de extensie .csv" : RESAVE;
    return `het is tekst, geen Excel-werkmap (het begint met ${JSON.stringify(shown)}); ${advice}`;
  }
  return `het is geen zip-pakket, en een .xlsx-werkmap is dat altijd; ${RESAVE}`;
}

/**
 * A part larger than this when unpacked is refused: a zip bomb (a few kB that inflate to gigabytes) must end in a
 * message, not in an exhausted memory. A real ledger's sheet is far below it (100.000 rows take about 15 MB).
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

export interface XlsxOptions extends Limits {
  /** the most one part of the package may inflate to (default MAX_PART_BYTES) */
  maxPartBytes?: number;
  /**
   * hears how far a sheet's XML is parsed (characters of `total`), after each part of it: the standalone page's
   * progress bar while a large sheet is read, whatever asked for its rows
   */
  onParse?: (p: { sheet: string; parsed: number; total: number }) => void;
}

/**
 * The text of a part of the package, inflated as a stream and stopped as soon as it passes the limit; a part that
 * cannot be unpacked makes the file damaged.
 */
function partText(f: JSZip.JSZipObject, path: string, max = MAX_PART_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    // JSZip's own stream (zipObject.internalStream, in its code but not in its typings): no Node streams here
    const stream = (f as unknown as { internalStream(t: "uint8array"): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream("uint8array");
    const stop = (e: XlsxError) => {
      if (done) return;
      done = true;
      stream.pause();
      reject(e);
    };
    stream
      .on("data", (chunk: Uint8Array) => {
        if (done) return;
        size += chunk.length;
        if (size > max)
          return stop(
            new XlsxError(
              `het onderdeel ${path} wordt uitgepakt groter dan ${(max / (1024 * 1024)).toFixed(0)} MB; zo'n werkmap wordt niet gelezen (een echte staat is veel kleiner: is het bestand beschadigd of gemanipuleerd?); ${RESAVE}`,
              true,
            ),
          );
        chunks.push(chunk);
      })
      .on("error", (e: unknown) =>
        stop(new XlsxError(`het onderdeel ${path} kan niet worden uitgepakt (${e instanceof Error ? e.message : String(e)}); ${RESAVE}`, true)),
      )
      .on("end", () => {
        if (done) return;
        done = true;
        const all = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          all.set(c, at);
          at += c.length;
        }
        resolve(new TextDecoder("utf-8").decode(all));
      })
      .resume();
  });
}

/** Excel's _xHHHH_ escapes of characters XML cannot hold (control characters), in text and names. */
export function unescapeExcel(s: string): string {
  return s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** An element's name without its namespace prefix: "x:c" -> "c". */
const local = (name: string) => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** A parser over one part: local element names, attributes as text, text and CDATA as text; malformed XML throws. */
function xmlParser(path: string, h: XmlHandlers): SaxesParser {
  const p = new SaxesParser({ position: false });
  if (h.open) p.on("opentag", (t) => h.open!(local(t.name), t.attributes as Record<string, string>, t as SaxesTagPlain));
  if (h.close) p.on("closetag", (t) => h.close!(local(t.name)));
  if (h.text) {
    p.on("text", h.text);
    p.on("cdata", h.text);
  }
  p.on("error", (e) => {
    throw new XlsxError(`het onderdeel ${path} is geen geldige XML (${e.message}); ${RESAVE}`, true);
  });
  return p;
}

/** Parse a whole part. */
function parseXml(xml: string, path: string, h: XmlHandlers): void {
  xmlParser(path, h).write(xml).close();
}

/** An attribute by its local name (r:id, or a relationship id under another prefix). */
function attrLocal(a: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(a)) if (k === name || local(k) === name) return v;
  return undefined;
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

function relsOf(xml: string | null, base: string, path: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  if (!xml) return out;
  parseXml(xml, path, {
    open(name, a) {
      if (name === "Relationship" && a.Id && a.Target && a.TargetMode !== "External")
        out.set(a.Id, { type: a.Type ?? "", target: resolvePath(base, a.Target) });
    },
  });
  return out;
}

/** The text of string items (<si> of sharedStrings, <is> of an inline string): their <t> runs, without phonetic runs. */
class StringItem {
  text = "";
  private inT = false;
  private phonetic = 0;
  open(name: string): void {
    if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.phonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "rPh") this.phonetic--;
    else if (name === "t") this.inT = false;
  }
  add(text: string): void {
    if (this.inT) this.text += text;
  }
}

/** Excel's last row and column (1.048.576 rows, 16.384 columns: A to XFD). */
const EXCEL_ROWS = 1_048_576;
const EXCEL_ROWS_TEXT = "1.048.576";
const EXCEL_COLUMNS = 16_384;

/** How much of a sheet's XML is parsed at a time while looking for a row. */
const SCAN_CHUNK = 256 * 1024;

interface SheetState {
  name: string;
  path: string;
  xml?: string;
  parser?: SaxesParser;
  /** how much of xml was given to the parser */
  offset: number;
  /** the last row parsed completely */
  lastRow: number;
  done: boolean;
  /** rows read so far: row number -> (column -> cell) */
  cells: Map<number, Map<number, Cell>>;
  /** the highest row number that holds a cell */
  maxRow: number;
}

export class XlsxBook implements Book {
  private sharedStrings: string[] | null = null;
  /** the filled cells read so far, of all sheets (each kept in memory until the book is dropped) */
  private cellCount = 0;

  private constructor(
    private readonly zip: JSZip,
    private readonly sheets: SheetState[],
    private readonly info: BookOutline,
    private readonly maxPartBytes: number,
    private readonly maxCells: number,
    private readonly onParse?: XlsxOptions["onParse"],
  ) {}

  /**
   * Opens an .xlsx/.xlsm from its bytes; an XlsxError with a Dutch message when it is not one, a TooLargeError when
   * it has more bytes (MAX_FILE_BYTES) or, as its sheets are read, more filled cells (MAX_CELLS) than are read.
   */
  static async open(bytes: Uint8Array | ArrayBuffer, options: XlsxOptions = {}): Promise<XlsxBook> {
    const max = options.maxPartBytes ?? MAX_PART_BYTES;
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
    if (bytes.length > maxBytes) throw fileTooLarge(bytes.length, maxBytes);
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
      return f ? partText(f, path, max) : null;
    };
    const wbPath = "xl/workbook.xml";
    const wb = await read(wbPath);
    if (wb === null) {
      if (zip.file("xl/workbook.bin")) throw new XlsxError("is een binaire werkmap (.xlsb); sla het in Excel op als .xlsx");
      throw new XlsxError(`het zip-pakket bevat geen werkmap (xl/workbook.xml ontbreekt); ${RESAVE}`, true);
    }
    const rels = relsOf(await read("xl/_rels/workbook.xml.rels"), wbPath, "xl/_rels/workbook.xml.rels");
    const sheets: SheetState[] = [];
    const names = new Map<string, string>();
    let date1904 = false;
    let name: { name: string; text: string } | null = null;
    parseXml(wb, wbPath, {
      open(tag, a) {
        if (tag === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
        else if (tag === "sheet") {
          const rid = attrLocal(a, "id");
          const rel = rid ? rels.get(rid) : undefined;
          if (a.name && rel && /\/worksheet$/.test(rel.type))
            // chart sheets and dialog sheets have no cells
            sheets.push({ name: unescapeExcel(a.name), path: rel.target, offset: 0, lastRow: 0, done: false, cells: new Map(), maxRow: 0 });
        } else if (tag === "definedName") name = a.name && a.localSheetId === undefined ? { name: a.name, text: "" } : null;
      },
      text(t) {
        if (name) name.text += t;
      },
      close(tag) {
        if (tag === "definedName" && name) {
          names.set(name.name, name.text);
          name = null;
        }
      },
    });
    const tables: BookTable[] = [];
    for (const s of sheets) {
      const relPath = s.path.replace(/([^/]+)$/, "_rels/$1.rels");
      for (const rel of relsOf(await read(relPath), s.path, relPath).values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const xml = await read(rel.target);
        if (!xml) continue;
        let head: Record<string, string> | undefined;
        const headers: string[] = [];
        parseXml(xml, rel.target, {
          open(tag, a) {
            if (tag === "table" && !head) head = a;
            else if (tag === "tableColumn") headers.push(unescapeExcel(a.name ?? ""));
          },
        });
        if (!head) continue;
        const [from, to] = (head.ref ?? "").split(":");
        const tl = parseAddress(from ?? "");
        const br = parseAddress(to ?? from ?? "");
        if (!tl || !br) continue;
        const total = head.totalsRowCount !== undefined && head.totalsRowCount !== "0";
        tables.push({
          name: head.displayName ?? head.name ?? "",
          sheet: s.name,
          ref: head.ref,
          headers,
          headerRow: head.headerRowCount !== "0",
          top: tl.row,
          bottom: total ? br.row - 1 : br.row,
          left: tl.col,
          right: br.col,
        });
      }
    }
    return new XlsxBook(zip, sheets, { sheets: sheets.map((s) => s.name), tables, names, date1904 }, max, options.maxCells ?? MAX_CELLS, options.onParse);
  }

  async outline(): Promise<BookOutline> {
    return this.info;
  }

  /** The workbook's names ("KIA_JAAR" -> "Overzicht!$B$3"). */
  get names(): ReadonlyMap<string, string> {
    return this.info.names;
  }

  get sheetNames(): string[] {
    return this.info.sheets;
  }

  get tables(): BookTable[] {
    return this.info.tables;
  }

  get date1904(): boolean {
    return this.info.date1904;
  }

  private sheet(name: string): SheetState {
    const s = this.sheets.find((x) => x.name === name) ?? this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new XlsxError(`heeft geen blad ${name}`);
    return s;
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const path = "xl/sharedStrings.xml";
    const f = this.zip.file(path);
    const out: string[] = [];
    const maxStrings = this.maxCells;
    if (f) {
      let item: StringItem | null = null;
      parseXml(await partText(f, path, this.maxPartBytes), path, {
        open(name) {
          // a table of more texts than cells are read is no ledger's (millions of entries fill the memory)
          if (name === "si" && out.length >= maxStrings) throw tooManyCells(maxStrings, "teksten in de tabel met gedeelde teksten (xl/sharedStrings.xml)");
          if (name === "si") item = new StringItem();
          else item?.open(name);
        },
        close(name) {
          if (name === "si" && item) {
            out.push(unescapeExcel(item.text));
            item = null;
          } else item?.close(name);
        },
        text(t) {
          item?.add(t);
        },
      });
    }
    this.sharedStrings = out;
    return out;
  }

  /** A parser for a sheet's rows: fills s.cells, s.lastRow, s.done as the XML is given to it. */
  private sheetParser(s: SheetState, strings: string[]): SaxesParser {
    // refused as soon as the book holds more cells than are read, not when the memory is full
    const counted = () => {
      if (++this.cellCount > this.maxCells) throw tooManyCells(this.maxCells);
    };
    let row: Map<number, Cell> | null = null;
    let r = 0;
    let col = -1;
    let type: string | undefined;
    let v: string | null = null;
    let inV = false;
    let inline: StringItem | null = null;
    let inCell = false;
    return xmlParser(s.path, {
      open(name, a) {
        if (name === "row") {
          r = a.r ? Number(a.r) : s.lastRow + 1;
          // past Excel's last row the file was not written by a spreadsheet, and a row number in the millions would
          // make the reader walk millions of empty rows
          if (!(r >= 1 && r <= EXCEL_ROWS))
            throw new XlsxError(`het blad ${s.name} heeft een rij ${a.r ?? r}, buiten de rijen 1 tot ${EXCEL_ROWS_TEXT} van Excel; ${RESAVE}`, true);
          row = new Map();
          col = -1;
        } else if (name === "c" && row) {
          const at = a.r ? parseAddress(a.r) : null;
          col = at ? at.col : col + 1;
          if (col >= EXCEL_COLUMNS)
            throw new XlsxError(`het blad ${s.name} heeft een cel${a.r ? ` ${a.r}` : ""} rechts van kolom XFD, de laatste van Excel; ${RESAVE}`, true);
          type = a.t;
          v = null;
          inline = null;
          inCell = true;
        } else if (inCell) {
          if (name === "v") {
            inV = true;
            v ??= "";
          } else if (name === "is") inline = new StringItem();
          else inline?.open(name);
        }
      },
      text(t) {
        if (inV) v += t;
        else inline?.add(t);
      },
      close(name) {
        if (name === "v") inV = false;
        else if (name === "c" && row && inCell) {
          inCell = false;
          const value = cellValue(type, v, inline?.text ?? null, strings);
          if (value !== null) {
            counted();
            row.set(col, value);
          }
        } else if (name === "row" && row) {
          if (row.size) {
            s.cells.set(r, row);
            s.maxRow = Math.max(s.maxRow, r);
          }
          s.lastRow = r;
          row = null;
        } else if (name === "sheetData") s.done = true;
        else inline?.close(name);
      },
    });
  }

  /** Parses the sheet until it has passed `row` (or to its end with Infinity); `parsed` hears the last row parsed. */
  private async scan(s: SheetState, row: number, parsed?: (lastRow: number) => void): Promise<void> {
    if (s.done || s.lastRow >= row) return;
    if (s.xml === undefined) {
      const f = this.zip.file(s.path);
      s.xml = f ? await partText(f, s.path, this.maxPartBytes) : "";
      s.parser = this.sheetParser(s, await this.strings());
    }
    const xml = s.xml;
    while (!s.done && s.lastRow < row) {
      if (s.offset >= xml.length) {
        s.parser!.close();
        s.done = true;
        break;
      }
      const end = Math.min(xml.length, s.offset + SCAN_CHUNK);
      s.parser!.write(xml.slice(s.offset, end));
      s.offset = end;
      parsed?.(s.lastRow);
      this.onParse?.({ sheet: s.name, parsed: end, total: xml.length });
    }
    if (s.done) s.xml = ""; // parsed to the end: the text is not needed any more
  }

  async lastRow(sheet: string): Promise<number> {
    const s = this.sheet(sheet);
    await this.scan(s, Infinity);
    return s.maxRow;
  }

  async rows(sheet: string, from: number, to: number, left: number, right: number, onProgress?: (rowsRead: number) => void): Promise<Cell[][]> {
    const s = this.sheet(sheet);
    // the rows of the range parsed so far, as the sheet's XML is parsed (a progress bar on a large sheet)
    await this.scan(s, to, onProgress && ((last) => onProgress(Math.max(0, Math.min(last, to) - from + 1))));
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

function cellValue(t: string | undefined, v: string | null, inline: string | null, strings: string[]): Cell {
  switch (t) {
    case "s": {
      const i = v === null ? NaN : Number(v);
      return Number.isInteger(i) && i >= 0 && i < strings.length ? strings[i] : null;
    }
    case "inlineStr":
      return inline === null ? null : unescapeExcel(inline);
    case "str":
      return v === null ? null : unescapeExcel(v);
    case "b":
      return v === null ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v === null ? null : { error: v.trim() };
    case "d":
      return v === null ? null : /^\d{4}-\d{2}-\d{2}/.test(v) ? { date: v.slice(0, 10) } : unescapeExcel(v);
    default: {
      if (v === null || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : unescapeExcel(v);
    }
  }
}
