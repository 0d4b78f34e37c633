/**
 * Reading a scenario for kia-calc: the bytes of a file or of standard input, decoded by their byte-order mark
 * (UTF-8, UTF-16 LE/BE as Windows tools write them; plain UTF-8 without one), and parsed as JSON with the line and
 * column of a syntax error. Every failure is an InputError with a Dutch message for people (exit code 2).
 */
import { isUtf8 } from "buffer";
import { closeSync, openSync, readFileSync, readSync, statSync } from "fs";
import { fileTooLarge } from "../src/workbook/limits";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** The name of the input in messages: the path as given, or "standaardinvoer" for "-". */
export const inputName = (arg: string) => (arg === "-" ? "standaardinvoer" : arg);

/** A ledger file by its name: a workbook or a CSV, which are read up to MAX_FILE_BYTES (src/workbook/limits.ts). */
export const LEDGER_NAME = /\.(xlsx|xlsm|xls|csv)$/i;

/**
 * The bytes of a file, with a Dutch message for the usual failures. `maxBytes`: a larger file is refused before it
 * is read (a regular file by its size; a pipe as soon as it has given that many bytes); a device or a socket, which
 * may never end, is refused.
 */
export function readFileBytes(path: string, maxBytes = Infinity): Buffer {
  try {
    const st = statSync(path);
    if (st.isFile()) {
      if (st.size > maxBytes) throw new InputError(`Bestand ${path} ${fileTooLarge(st.size, maxBytes).message}`);
      return readFileSync(path);
    }
    if (st.isFIFO()) return maxBytes === Infinity ? readFileSync(path) : readCapped(path, maxBytes);
    if (st.isDirectory()) return readFileSync(path); // EISDIR: said below
    // a device (/dev/zero, /dev/random) never ends
    throw new InputError(`${path} is geen gewoon bestand (een apparaat of socket); geef een werkmap, CSV-staat of scenario`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    switch (code) {
      case "ENOENT":
      case "ENOTDIR":
        throw new InputError(`Bestand ${path} niet gevonden`);
      case "EISDIR":
        throw new InputError(`${path} is een map, geen bestand; geef het scenariobestand zelf op`);
      case "EACCES":
      case "EPERM":
        throw new InputError(`Bestand ${path} kan niet gelezen worden: geen leesrechten`);
      case "ERR_FS_FILE_TOO_LARGE":
        throw new InputError(`Bestand ${path} is te groot om in te lezen (meer dan 2 GB)`);
      default:
        throw new InputError(`Bestand ${path} kan niet gelezen worden: ${oneLine(e)}`);
    }
  }
}

/** A pipe's bytes, refused as soon as there are more than `max`. */
function readCapped(path: string, max: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const parts: Buffer[] = [];
    let size = 0;
    // one buffer to read into; what a read gave is copied out (a pipe gives 64 kB or less a read: keeping a view
    // of a new 1 MB buffer per read held 16 times the bytes, 1,1 GB for 100 MB on Node 24)
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(parts, size);
      size += n;
      if (size > max) throw new InputError(`Bestand ${path} ${fileTooLarge(undefined, max).message}`);
      parts.push(Buffer.from(chunk.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
}

/** All bytes of a stream (standard input), as bytes: the decoding follows the byte-order mark like a file's. */
export async function readStreamBytes(stream: AsyncIterable<Buffer | Uint8Array | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of stream) parts.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
    return Buffer.concat(parts);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError("De standaardinvoer is te groot om in te lezen");
    throw new InputError(`De standaardinvoer kan niet gelezen worden: ${oneLine(e)}`);
  }
}

/** The text of a scenario file: by its byte-order mark UTF-8, UTF-16 LE or UTF-16 BE; without one, UTF-8. */
export function decode(bytes: Buffer, name: string): string {
  const b = bytes;
  try {
    if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) {
      throw new InputError(`${cap(name)} is in UTF-32 opgeslagen; dat wordt niet ondersteund. Sla het op als UTF-8`);
    }
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b.subarray(2), false, name);
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b.subarray(2), true, name);
    const body = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
    if (body.length >= 2 && (body[0] === 0 || body[1] === 0)) {
      throw new InputError(`${cap(name)} lijkt UTF-16 zonder byte-order mark; sla het op als UTF-8 (of als UTF-16 met BOM)`);
    }
    if (!isUtf8(body)) {
      const at = invalidUtf8At(body);
      throw new InputError(
        `${cap(name)} is geen geldige UTF-8-tekst: byte 0x${body[at].toString(16).toUpperCase().padStart(2, "0")} op regel ${lineOfByte(body, at)} ` +
          `(byte ${at + 1}); is het bestand als Windows-1252/ANSI opgeslagen? Sla het op als UTF-8`,
      );
    }
    return body.toString("utf8");
  } catch (e) {
    if (e instanceof InputError) throw e;
    // V8 cannot hold a string this long (about 512 MB of text).
    throw new InputError(`${cap(name)} is te groot om in te lezen (${bytes.length} bytes)`);
  }
}

function utf16(body: Buffer, bigEndian: boolean, name: string): string {
  if (body.length % 2) throw new InputError(`${cap(name)} is een onvolledig UTF-16-bestand (oneven aantal bytes)`);
  if (!bigEndian) return body.toString("utf16le");
  const swapped = Buffer.from(body); // a copy: swap16 works in place
  return swapped.swap16().toString("utf16le");
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence (only called when there is one). */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function lineOfByte(b: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (b[i] === 0x0a) line++;
  return line;
}

/** Line and column (both from 1; columns count characters) of a position in a text. */
export function lineColumn(text: string, pos: number): { line: number; column: number; lineStart: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) i++; // a surrogate pair is one character
    column++;
  }
  return { line, column, lineStart };
}

/** Dutch descriptions of V8's JSON.parse messages (Node 20–24); anything else is shown as V8 wrote it. */
const V8_MESSAGES: [RegExp, string][] = [
  [/^Unexpected end of JSON input/, "het bestand houdt midden in de JSON op (ontbreekt er een '}', ']' of '\"'?)"],
  [/^Expected property name or '}'/, "naam tussen dubbele aanhalingstekens of '}' verwacht"],
  [/^Expected double-quoted property name/, "naam tussen dubbele aanhalingstekens verwacht (staat er een komma te veel?)"],
  [/^Expected ',' or '}' after property value/, "',' of '}' verwacht na een waarde (ontbreekt er een komma?)"],
  [/^Expected ',' or ']' after array element/, "',' of ']' verwacht na een element (ontbreekt er een komma?)"],
  [/^Expected ':' after property name/, "':' verwacht na een naam"],
  [/^Unexpected non-whitespace character after JSON/, "er staat nog tekst na het einde van de JSON"],
  [/^Bad control character in string literal/, "ongeldig stuurteken (zoals een regeleinde of tab) in een tekst tussen aanhalingstekens"],
  [/^Bad escaped character/, "ongeldige escape met '\\' in een tekst"],
  [/^Bad Unicode escape/, "ongeldige \\u-escape in een tekst"],
  [/^Unterminated string/, "tekst zonder afsluitend '\"'"],
  [/^No number after minus sign/, "cijfer verwacht na '-'"],
  [/^Exponent part is missing a number/, "cijfer verwacht in de exponent"],
  [/^Unterminated fractional number/, "cijfer verwacht na de decimale punt"],
  [/^Unexpected number/, "onverwacht getal (een getal mag niet met 0 beginnen; ontbreekt er een komma?)"],
  [/^Unexpected string/, "onverwachte tekst (ontbreekt er een komma?)"],
  [/^Unexpected token/, "onverwacht teken"],
];

/** The position in a V8 JSON.parse message ("... in JSON at position 12"), if it has one. */
export function positionInMessage(message: string): number | undefined {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Parses JSON text; a syntax error becomes an InputError naming line and column, with the line shown. */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) {
      throw new InputError(`${cap(name)} kan niet als JSON gelezen worden: ${oneLine(e)}`);
    }
    throw new InputError(describeJsonError(text, e.message, name));
  }
}

export function describeJsonError(text: string, v8message: string, name: string): string {
  if (text.trim() === "") return `${cap(name)} is leeg; verwacht een scenario in JSON`;
  const nl = V8_MESSAGES.find(([re]) => re.test(v8message));
  let what = nl ? nl[1] : v8message.replace(/\s*in JSON at position \d+.*$/s, "");
  let pos = positionInMessage(v8message);
  if (pos === undefined && /^Unexpected end of JSON input/.test(v8message)) pos = text.trimEnd().length;
  if (pos === undefined) pos = findJsonError(text);
  if (pos === undefined || pos < 0 || pos > text.length) return `${cap(name)} bevat geen geldige JSON: ${what}`;
  if (nl && /^Unexpected token/.test(v8message) && pos < text.length) what += ` ${showChar(text, pos)}`;
  const { line, column, lineStart } = lineColumn(text, pos);
  return `${cap(name)} bevat geen geldige JSON: regel ${line}, kolom ${column}: ${what}\n` + excerpt(text, lineStart, pos, line);
}

function showChar(text: string, pos: number): string {
  const c = text.codePointAt(pos)!;
  if (c === 0x27) return `"'" (gebruik dubbele aanhalingstekens)`;
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfeff) return `(U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
  return `'${String.fromCodePoint(c)}'`;
}

/** The line with the error (at most 72 characters around it) and a caret under the position. */
function excerpt(text: string, lineStart: number, pos: number, line: number): string {
  let lineEnd = text.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, pos - 50);
  const to = Math.min(lineEnd, Math.max(pos, from) + 22);
  const shown = (from > lineStart ? "…" : "") + text.slice(from, to).replace(/[\t\r\v\f]/g, " ") + (to < lineEnd ? "…" : "");
  const prefix = `  ${line} | `;
  const caretAt = (from > lineStart ? 1 : 0) + [...text.slice(from, Math.min(pos, to))].length;
  return `${prefix}${shown}\n${" ".repeat(prefix.length - 2)}| ${" ".repeat(caretAt)}^\n`;
}

/**
 * The position of the first JSON syntax error (RFC 8259), for V8 messages without one ("Unexpected token 'x',
 * "..." is not valid JSON"); undefined if the scanner finds none. Iterative, so deep nesting is fine.
 */
export function findJsonError(t: string): number | undefined {
  const n = t.length;
  let i = 0;
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  const ws = () => {
    for (let c = t.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = t.charCodeAt(++i));
  };
  const digits = () => {
    const start = i;
    for (let c = t.charCodeAt(i); c >= 48 && c <= 57; c = t.charCodeAt(++i));
    return i > start;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = t[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  for (;;) {
    // a value
    ws();
    const c = t[i];
    if (c === "{" || c === "[") {
      i++;
      ws();
      if (t[i] === (c === "{" ? "}" : "]")) i++;
      else {
        stack.push(c.charCodeAt(0));
        if (c === "{") {
          if (t[i] !== '"' || !string()) return i;
          ws();
          if (t[i] !== ":") return i;
          i++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      if (c === "-") i++;
      if (t[i] === "0") i++;
      else if (!digits()) return i;
      if (t[i] === ".") {
        i++;
        if (!digits()) return i;
      }
      if (t[i] === "e" || t[i] === "E") {
        i++;
        if (t[i] === "+" || t[i] === "-") i++;
        if (!digits()) return i;
      }
    } else {
      const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : "";
      if (!word) return i;
      for (let k = 0; k < word.length; k++, i++) if (t[i] !== word[k]) return i;
    }
    // after a value: close containers, or a separator before the next value
    for (;;) {
      ws();
      if (!stack.length) return i < n ? i : undefined;
      const top = stack[stack.length - 1];
      const close = top === 0x7b ? "}" : "]";
      if (t[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (t[i] !== ",") return i;
      i++;
      if (top === 0x7b) {
        ws();
        if (t[i] !== '"' || !string()) return i;
        ws();
        if (t[i] !== ":") return i;
        i++;
      }
      break;
    }
  }
}

/** A thrown value's message on one line. */
export function oneLine(e: unknown): string {
  let m: string;
  try {
    m = e instanceof Error ? e.message || e.name : String(e);
  } catch {
    m = "(onleesbare fout)";
  }
  return m.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

const cap = (s: string) => (s === "standaardinvoer" ? "De standaardinvoer" : `Bestand ${s}`);
