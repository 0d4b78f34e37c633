/**
 * kia-calc --batch <map>: every ledger in a folder (a firm's clients: workbooks .xlsx/.xlsm and CSV ledgers .csv),
 * one row per client: file, year, the total of the investments that count, KIA, disinvestment addition, number of
 * problems (cells that could not be read and rows the calculation refuses: neither counts, as in the taskpane),
 * error, and the KIA per partner. A file that cannot be read or evaluated is one row with its error, never
 * the end of the run; those errors are listed on standard error too, and so is every file of the folder that is
 * skipped (a scenario .json, an Excel lock file, a subfolder, any other extension), with the reason. Progress on
 * standard error: a bar when it is a terminal, otherwise a line per 100 files; then a summary. Never anything else
 * on standard output than the CSV (without --out).
 *
 * Output: .xlsx (exceljs) or .csv. The CSV is what Dutch Excel opens correctly by a double click: ";" between
 * fields, decimal commas, UTF-8 with a byte-order mark, CRLF line ends; text that Excel would take for a formula
 * (starting with = + - @) gets a leading apostrophe.
 */
import { statSync, writeFileSync } from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import type * as Core from "../src";
import { InputError, oneLine, readFileBytes } from "./input";
import { MAX_FILE_BYTES } from "../src/workbook/limits";
import { checkLedgerCount, folderError, MAX_BATCH_ENTRIES, namesIn } from "./folder";
import type { Sink } from "./json-stream";
import { invalidInput, listing } from "./rows";
import { Decimal } from "../src/decimal";
import { formatEuroShort } from "../src/money";
import { examplesCount, readLedgerFile } from "./workbook";
import { clientFolders, evaluateClientYears } from "./clients";

export interface ClientRow {
  file: string;
  year: number | null;
  /** decimal strings as the report gives them */
  total: string | null;
  kia: string | null;
  disinvestment: string | null;
  partners: { name: string; kia: string }[];
  /** cells that could not be read and rows the calculation refuses (cli/rows.ts): those rows do not count */
  problems: number;
  /** the figure is not final: a row left out or a question open (src/workbook/read.ts provisional); null on an error */
  provisional: boolean | null;
  /** the firm template's example rows still in the file (counted; listed on standard error, Voorlopig ja) */
  examples?: number;
  error: string | null;
  /** a client's folder of years (cli/clients.ts): the client's name */
  client?: string;
  /** KIA of earlier years deductible this year (art. 3.44), and what is still open at the year's end */
  carriedIn?: string | null;
  stillOpen?: string | null;
  /** what is not right about the earlier years (a year missing), in Dutch */
  earlier?: string | null;
}

export interface BatchOptions {
  dir: string;
  out?: string;
  year?: number;
  stdout: Sink;
  stderr: Sink;
  /** standard error is a terminal: draw a progress bar */
  isTTY: boolean;
  core: typeof Core;
  /** milliseconds, for the timing in the summary (tests pass a fixed clock) */
  now?: () => number;
}

/** A file of the folder that --batch does not read, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

/** The extensions --batch reads: workbooks and CSV ledgers. */
const LEDGER_FILE = /\.(xlsx|xlsm|csv)$/i;

/**
 * The bounds of a run (issue 17 §3, cli/folder.ts), each with a message before anything is read: at most
 * MAX_BATCH_FILES ledgers, a folder of at most MAX_BATCH_ENTRIES entries, the depth of the layout (the folder's own
 * ledgers, clients' folders of years); each file at most MAX_FILE_BYTES (a larger one is a row with its error, unread).
 */
export { MAX_BATCH_ENTRIES, MAX_BATCH_FILES } from "./folder";

/** Why a file of the folder is not read (undefined: it is read). */
function skipReason(name: string, kind: "file" | "directory" | "other"): string | undefined {
  if (kind === "directory") return "een map; submappen worden niet gelezen";
  if (kind === "other") return "geen gewoon bestand (een apparaat, pijp of socket): zo'n bestand kan eindeloos zijn";
  if (name.startsWith("~$")) return "een tijdelijk bestand van Excel (de werkmap is open in Excel)";
  if (name.startsWith(".")) return "een verborgen bestand";
  if (LEDGER_FILE.test(name)) return undefined;
  const ext = extname(name).toLowerCase();
  if (ext === ".json") return "een scenario (JSON) wordt niet in --batch gelezen; bereken het los met npm run -s kia-calc -- <bestand>";
  if (ext === ".xls") return "een oud Excel-bestand (.xls); sla het in Excel op als Excel-werkmap (.xlsx)";
  if (ext === ".xlsb") return "een binaire werkmap (.xlsb); sla het in Excel op als Excel-werkmap (.xlsx)";
  return `geen werkmap (.xlsx, .xlsm) of CSV-staat (.csv)${ext ? ` maar een ${ext}-bestand` : ""}`;
}

const natural = (a: string, b: string) => a.localeCompare(b, "nl", { numeric: true, sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ledgers of a folder (.xlsx, .xlsm, .csv), in natural order (klant2 before klant10), and the other files with
 * the reason they are skipped (Excel's lock files ~$…, hidden files, subfolders, other extensions, and `out`: the
 * overview being written, when it is in the folder).
 */
export function ledgersIn(dir: string, out?: string, maxEntries = MAX_BATCH_ENTRIES): { files: string[]; skipped: Skipped[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${dir} is geen map; geef bij --batch een map met werkmappen`);
    names = namesIn(dir, maxEntries);
  } catch (e) {
    throw folderError(dir, e);
  }
  const files: string[] = [];
  const skipped: Skipped[] = [];
  for (const name of names.sort(natural)) {
    let kind: "file" | "directory" | "other" = "file";
    try {
      const st = statSync(join(dir, name));
      kind = st.isDirectory() ? "directory" : st.isFile() ? "file" : "other";
    } catch {
      // a broken link or a file without rights: read like any file, so its error is a row of the overview
    }
    const reason = out !== undefined && resolve(dir, name) === resolve(out) ? "het overzicht dat deze opdracht schrijft (--out)" : skipReason(name, kind);
    if (reason === undefined) files.push(name);
    else skipped.push({ file: name, reason });
  }
  return { files, skipped };
}

/** The output format of --out, checked before the run. */
export function outputKind(out: string): "xlsx" | "csv" {
  const ext = extname(out).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  throw new InputError(`--out ${out}: kies een bestand op .xlsx (Excel) of .csv`);
}

/**
 * One client: the workbook read, the rows the calculation refuses left out (counted with the cells that could not be
 * read, as the taskpane lists both), evaluated once, and summarised; every other failure becomes the row's error.
 */
export async function evaluateClient(path: string, core: typeof Core, year?: number): Promise<ClientRow> {
  const file = basename(path);
  const row: ClientRow = { file, year: null, total: null, kia: null, disinvestment: null, partners: [], problems: 0, provisional: null, error: null };
  try {
    // a file above the limit is refused by its size, before it is read (src/workbook/limits.ts)
    const read = await readLedgerFile(readFileBytes(path, MAX_FILE_BYTES), file, { year });
    row.year = read.scenario.year;
    // the cells not read, the sheets not read and the rows the calculation refuses
    row.problems = read.problems.length + read.leftOut.filter((x) => x.code !== "UNREADABLE").length;
    row.provisional = read.provisional;
    const examples = examplesCount(read.examples);
    if (examples) row.examples = examples;
    // the rows kept were validated by the reader: evaluated without validating them again
    // a workbook refused as a whole: the reader's refusal, which names the cell (a partner without the key's figure)
    if (read.refused) throw read.refused;
    const report = read.normalized ? core.evaluateNormalized(read.normalized) : core.evaluate(read.scenario);
    row.total = report.total;
    row.kia = report.kia;
    row.disinvestment = report.disinvestment?.total ?? "0";
    row.partners = (report.partners ?? []).map((p) => ({ name: p.name, kia: p.kia }));
  } catch (e) {
    // the file is named in the row already: "Bestand x.xlsx: geen jaar…" is "geen jaar…"
    if (e instanceof InputError) row.error = e.message.replace(new RegExp(`^(?:Het b|B)estand (?:${escapeRe(path)}|${escapeRe(file)}):? `), "");
    else if (e instanceof core.KiaValidationError) row.error = invalidInput(e, false);
    else row.error = `Interne fout: ${oneLine(e)}`;
  }
  return row;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const HEADERS = ["Bestand", "Jaar", "Totaal investeringen dat meetelt (€)", "KIA", "Desinvesteringsbijtelling", "Problemen", "Voorlopig", "Fout"];
/** With clients' folders of years: the client first, and what earlier years gave (cli/clients.ts). */
const CLIENT_HEADERS = ["Klant", "Bestand", "Jaar", "Totaal investeringen dat meetelt (€)", "KIA", "Desinvesteringsbijtelling", "Uit eerdere jaren aftrekbaar (art. 3.44)", "Nog open naar latere jaren (art. 3.44)", "Problemen", "Voorlopig", "Eerdere jaren", "Fout"];

const byClient = (rows: readonly ClientRow[]) => rows.some((r) => r.client !== undefined);

/** The columns of the overview: the fixed ones, then "Vennoot n" and "KIA vennoot n" up to the most partners. */
function columns(rows: readonly ClientRow[]): string[] {
  const most = Math.max(0, ...rows.map((r) => r.partners.length));
  const out = [...(byClient(rows) ? CLIENT_HEADERS : HEADERS)];
  for (let i = 1; i <= most; i++) out.push(`Vennoot ${i}`, `KIA vennoot ${i}`);
  return out;
}

type Value = string | number | null;

/** A row's cells, each with the exact decimal string it shows when it is an amount. */
function cells(row: ClientRow, clients: boolean): { v: Value; decimal?: string }[] {
  const amount = (s: string | null | undefined) => (s === null || s === undefined ? { v: null } : { v: Number(s), decimal: s });
  const problems = { v: row.error === null ? row.problems : row.problems || null };
  const provisional = { v: row.provisional === null ? null : row.provisional ? "ja" : "nee" };
  const c = clients
    ? [{ v: row.client ?? null }, { v: row.file }, { v: row.year }, amount(row.total), amount(row.kia), amount(row.disinvestment), amount(row.carriedIn), amount(row.stillOpen), problems, provisional, { v: row.earlier ?? null }, { v: row.error }]
    : [{ v: row.file }, { v: row.year }, amount(row.total), amount(row.kia), amount(row.disinvestment), problems, provisional, { v: row.error }];
  for (const p of row.partners) c.push({ v: p.name }, amount(p.kia));
  return c;
}

function values(row: ClientRow, width: number, clients = false): Value[] {
  const v = cells(row, clients).map((x) => x.v);
  while (v.length < width) v.push(null);
  return v;
}

/** A decimal string with a decimal comma, no thousands separator ("69350,5"), as Dutch Excel reads a number. */
const dutchNumber = (s: string) => s.replace(".", ",");

function csvField(v: Value, decimal: string | null): string {
  if (v === null) return "";
  if (typeof v === "number") return decimal !== null ? dutchNumber(decimal) : String(v);
  let t = v;
  if (/^[=+\-@\t\r]/.test(t)) t = "'" + t; // not a formula when Excel opens it
  return /[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The overview as CSV for Dutch Excel: BOM, ";", decimal commas, CRLF. */
export function toCsv(rows: readonly ClientRow[]): string {
  const cols = columns(rows);
  const clients = byClient(rows);
  const lines = [cols.map((c) => csvField(c, null)).join(";")];
  for (const r of rows) {
    const c = cells(r, clients);
    while (c.length < cols.length) c.push({ v: null });
    // the decimal strings of the report, exactly (a JS number could print 1e21 or lose a digit)
    lines.push(c.map((x) => csvField(x.v, typeof x.v === "number" ? (x.decimal ?? null) : null)).join(";"));
  }
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** The overview as an Excel workbook: one sheet with a header row, filters and euro formats. */
export async function toXlsx(rows: readonly ClientRow[]): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require("exceljs") as typeof import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "kia-calc";
  const ws = wb.addWorksheet("KIA-overzicht", { views: [{ state: "frozen", ySplit: 1 }] });
  const cols = columns(rows);
  const clients = byClient(rows);
  ws.addRow(cols);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(values(r, cols.length, clients));
  const euro = '"€" #,##0.00;"€" -#,##0.00';
  const euroWhole = '"€" #,##0;"€" -#,##0';
  const fixed = clients ? CLIENT_HEADERS.length : HEADERS.length;
  const widths = clients ? [24, 30, 8, 34, 12, 16, 18, 18, 10, 10, 60, 60] : [34, 8, 34, 12, 16, 10, 10, 60];
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = widths[i] ?? (c.startsWith("KIA") ? 14 : 24);
    if (c === "Jaar") col.numFmt = "0";
    if (c.startsWith("Totaal")) col.numFmt = euro;
    if (c === "KIA" || c === "Desinvesteringsbijtelling" || c.includes("art. 3.44") || (i >= fixed && (i - fixed) % 2 === 1)) col.numFmt = euroWhole;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: cols.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Per client: the years computed, the KIA of earlier years deducted over them, and what is still open at the end. */
function clientSummaries(rows: readonly ClientRow[]): string[] {
  const out: string[] = [];
  const names = [...new Set(rows.filter((r) => r.client !== undefined).map((r) => r.client!))];
  for (const name of names) {
    const own = rows.filter((r) => r.client === name);
    const ok = own.filter((r) => r.error === null);
    let carried = new Decimal(0);
    for (const r of ok) carried = carried.plus(r.carriedIn ?? "0");
    const last = ok[ok.length - 1];
    const span = `${own[0].year}-${own[own.length - 1].year}`;
    out.push(
      `${name} (${span}): uit eerdere jaren afgetrokken ${formatEuroShort(carried)}; nog open na ${last?.year ?? "-"}: ${last ? formatEuroShort(new Decimal(last.stillOpen ?? "0")) : "-"}` +
        `${own.length - ok.length ? `; ${own.length - ok.length} ${own.length - ok.length === 1 ? "jaar" : "jaren"} met een fout` : ""}`,
    );
  }
  return out;
}

const count = (n: number) => `${n} ${n === 1 ? "bestand" : "bestanden"}`;

/** A duration as Dutch text: "12,3 s". */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace(".", ",")} s`;

/** Draws progress on standard error: a bar on a terminal (at most every 100 ms), otherwise a line per 100 files. */
class Progress {
  private lastDraw = -Infinity;
  constructor(
    private readonly err: Sink,
    private readonly tty: boolean,
    private readonly total: number,
    private readonly now: () => number,
  ) {}

  async step(done: number, file: string): Promise<void> {
    if (this.tty) {
      const t = this.now();
      if (done < this.total && t - this.lastDraw < 100) return;
      this.lastDraw = t;
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      const name = file.length > 40 ? file.slice(0, 39) + "…" : file;
      await this.err.write(`\r[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${this.total} ${name}\x1b[K`);
    } else if (done % 100 === 0 && done < this.total) {
      await this.err.write(`${done}/${this.total} bestanden\n`);
    }
  }

  async end(text: string): Promise<void> {
    await this.err.write(this.tty ? `\r\x1b[K${text}` : text);
  }
}

/** Runs the batch; resolves to the exit code (0 also when some workbooks had an error: they are in the overview). */
export async function runBatch(o: BatchOptions): Promise<number> {
  const now = o.now ?? (() => Date.now());
  const kind = o.out ? outputKind(o.out) : "csv";
  if (o.out) {
    const dir = dirname(resolve(o.out));
    let ok = false;
    try {
      ok = statSync(dir).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError(`--out ${o.out}: de map ${dir} bestaat niet`);
  }
  const listed = ledgersIn(o.dir, o.out);
  // clients' folders with a subfolder per year (cli/clients.ts): their years in order; they are no longer "skipped"
  const clients = clientFolders(o.dir);
  const clientNames = new Set(clients.map((c) => c.name));
  const files = clients.length === 1 && clients[0].dir === o.dir ? [] : listed.files;
  const skipped = listed.skipped.filter((f) => !clientNames.has(f.file) && !(clients.length === 1 && clients[0].dir === o.dir && /^\d{4}$/.test(f.file)));
  if (skipped.length) await o.stderr.write(listing(`${count(skipped.length)} in ${o.dir} overgeslagen:`, skipped.map((f) => `${f.file}: ${f.reason}`)));
  if (files.length === 0 && clients.length === 0) throw new InputError(`Geen werkmappen (.xlsx, .xlsm) of CSV-staten (.csv) in map ${o.dir}`);
  if (clients.length && o.year !== undefined) throw new InputError("--year geldt niet voor klantmappen met een map per jaar: het jaar is de naam van de map");
  checkLedgerCount(o.dir, files.length + clients.reduce((n, c) => n + c.years.length, 0));
  const start = now();
  const total = files.length + clients.length;
  const progress = new Progress(o.stderr, o.isTTY, total, now);
  const rows: ClientRow[] = [];
  for (let i = 0; i < clients.length; i++) {
    const years = await evaluateClientYears(clients[i], o.core);
    rows.push(...years);
    await progress.step(i + 1, clients[i].name);
  }
  for (let i = 0; i < files.length; i++) {
    rows.push(await evaluateClient(join(o.dir, files[i]), o.core, o.year));
    await progress.step(clients.length + i + 1, files[i]);
  }
  const failed = rows.filter((r) => r.error !== null).length;
  const ms = now() - start;
  const perSecond = ms > 0 ? Math.round((rows.length / ms) * 1000) : rows.length;
  let written = "";
  if (o.out) {
    const bytes = kind === "xlsx" ? await toXlsx(rows) : Buffer.from(toCsv(rows), "utf8");
    try {
      writeFileSync(o.out, bytes);
    } catch (e) {
      throw new InputError(`Kan ${o.out} niet schrijven: ${oneLine(e)}`);
    }
    written = `; overzicht in ${o.out}`;
  } else {
    await o.stdout.write(toCsv(rows));
  }
  const years = rows.length - files.length;
  const what = clients.length
    ? `${clients.length} ${clients.length === 1 ? "klant" : "klanten"} (${years} ${years === 1 ? "jaar" : "jaren"})${files.length ? ` en ${count(files.length)}` : ""}`
    : count(files.length);
  await progress.end(
    `${what} in ${seconds(ms)} (${perSecond} per seconde): ${rows.length - failed} berekend, ${failed} met een fout` +
      `${skipped.length ? `, ${skipped.length} overgeslagen` : ""}${written}\n`,
  );
  if (clients.length) await o.stderr.write(listing("Per klant, uit eerdere jaren (art. 3.44):", clientSummaries(rows)));
  const withExamples = rows.filter((r) => r.examples);
  if (withExamples.length)
    await o.stderr.write(
      listing(
        `Let op: ${count(withExamples.length)} met voorbeeldregels van het KIA-werkblad; die tellen mee (kolom Voorlopig: ja). Wis ze in de werkmap:`,
        withExamples.map((r) => `${r.file}: ${r.examples} ${r.examples === 1 ? "voorbeeldregel" : "voorbeeldregels"}`),
      ),
    );
  if (failed)
    await o.stderr.write(
      listing(
        `${clients.length ? (failed === 1 ? "1 regel" : `${failed} regels`) : count(failed)} met een fout (ook in het overzicht, kolom Fout):`,
        rows.filter((r) => r.error !== null).map((r) => `${r.client !== undefined ? `${r.client}/` : ""}${r.file}: ${r.error}`),
      ),
    );
  return 0;
}
