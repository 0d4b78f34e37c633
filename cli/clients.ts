/**
 * kia-calc --batch on a folder of clients: a client is a folder with a subfolder per year (klanten/De Vries/2023/,
 * …/2024/), each holding that year's ledger (a workbook or CSV). A client's years are computed in order, each with the
 * registers of the years before it (src/register: made from those years' reports, as the report would write them):
 * the KIA carried forward under art. 3.44 becomes deductible when the ledger says the asset is paid or in use, a
 * disposal's "Uit register" is filled from the register. One row per client and year: what was carried in, what is
 * still open, and what is not right (a year missing, two ledgers in a year's folder).
 */
import { statSync } from "fs";
import { basename, join } from "path";
import type * as Core from "../src";
import { applyEarlier, earlierYears, fromRegisters, registerOf, registerTableName, type EarlierFile } from "../src/register";
import { WorkbookReadError } from "../src/workbook";
import { InputError, oneLine, readFileBytes } from "./input";
import { FolderTooLarge, namesIn } from "./folder";
import { MAX_FILE_BYTES } from "../src/workbook/limits";
import type { ClientRow } from "./batch";
import { readLedgerFile, type FileRead } from "./workbook";

export interface ClientFolder {
  name: string;
  dir: string;
  years: { year: number; dir: string }[];
}

const YEAR_DIR = /^\d{4}$/;
const LEDGER_FILE = /\.(xlsx|xlsm|csv)$/i;

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The year subfolders of a folder (2023/, 2024/), in order; empty when it has none. */
export function yearFolders(dir: string): { year: number; dir: string }[] {
  let names: string[];
  try {
    names = namesIn(dir);
  } catch (e) {
    if (e instanceof FolderTooLarge) throw e;
    return [];
  }
  return names
    .filter((n) => YEAR_DIR.test(n) && isDir(join(dir, n)))
    .map((n) => ({ year: Number(n), dir: join(dir, n) }))
    .sort((a, b) => a.year - b.year);
}

/** The clients in a folder: its subfolders that have year subfolders (or the folder itself, when it has them). */
export function clientFolders(dir: string): ClientFolder[] {
  const own = yearFolders(dir);
  if (own.length) return [{ name: basename(dir), dir, years: own }];
  let names: string[];
  try {
    names = namesIn(dir).sort((a, b) => a.localeCompare(b, "nl", { numeric: true, sensitivity: "base" }));
  } catch (e) {
    if (e instanceof FolderTooLarge) throw e;
    return [];
  }
  const out: ClientFolder[] = [];
  for (const n of names) {
    const p = join(dir, n);
    if (n.startsWith(".") || !isDir(p)) continue;
    const years = yearFolders(p);
    if (years.length) out.push({ name: n, dir: p, years });
  }
  return out;
}

/** The ledger of a year's folder: the one workbook or CSV in it with a ledger (a report beside it is not one). */
async function ledgerOfYear(dir: string, year: number): Promise<{ file: string; read: FileRead }> {
  const files = namesIn(dir)
    .filter((n) => LEDGER_FILE.test(n) && !n.startsWith("~$") && !n.startsWith("."))
    .sort();
  const found: { file: string; read: FileRead }[] = [];
  const errors: string[] = [];
  for (const n of files) {
    try {
      found.push({ file: join(dir, n), read: await readLedgerFile(readFileBytes(join(dir, n), MAX_FILE_BYTES), n, { year }) });
    } catch (e) {
      // a file without a ledger (a report, a letter) is not this year's ledger
      if (e instanceof InputError && /geen investeringsstaat/.test(e.message)) continue;
      if (e instanceof WorkbookReadError) continue;
      errors.push(`${n}: ${oneLine(e)}`);
    }
  }
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new InputError(`meer dan één investeringsstaat in ${year}/: ${found.map((f) => basename(f.file)).join(", ")}; laat er één in de map van het jaar`);
  throw new InputError(errors.length ? errors.join("; ") : `geen investeringsstaat (.xlsx, .xlsm of .csv) in ${year}/`);
}

/** A register made in memory, as a file's reading gives it. */
const computed = (file: string, register: ReturnType<typeof registerOf>): EarlierFile => ({
  file,
  read: { registers: [{ register, table: registerTableName(register.year), sheet: "" }], problems: [] },
});

/**
 * One client's years in order, each a row: its figures, what was carried in from earlier years and what stays open;
 * a year that cannot be read or computed is a row with its error, and the next years go on without its register.
 */
export async function evaluateClientYears(client: ClientFolder, core: typeof Core): Promise<ClientRow[]> {
  const rows: ClientRow[] = [];
  const earlier: EarlierFile[] = [];
  const failed: number[] = [];
  for (const y of client.years) {
    const row: ClientRow = {
      client: client.name,
      file: `${y.year}/`,
      year: y.year,
      total: null,
      kia: null,
      disinvestment: null,
      partners: [],
      problems: 0,
      provisional: null,
      error: null,
      carriedIn: null,
      stillOpen: null,
      earlier: null,
    };
    try {
      const ledger = await ledgerOfYear(y.dir, y.year);
      row.file = `${y.year}/${basename(ledger.file)}`;
      // read again with the registers, so a disposal's "Uit register" is filled
      const read = earlier.length ? await readLedgerFile(readFileBytes(ledger.file, MAX_FILE_BYTES), basename(ledger.file), { year: y.year, fromRegister: fromRegisters(earlier) }) : ledger.read;
      const e = earlierYears(y.year, earlier);
      applyEarlier(read, e);
      row.problems = read.problems.length + read.leftOut.filter((x) => x.code !== "UNREADABLE").length;
      row.provisional = read.provisional;
      const report = read.normalized ? core.evaluateNormalized(read.normalized) : core.evaluate(read.scenario);
      row.total = report.total;
      row.kia = report.kia;
      row.disinvestment = report.disinvestment?.total ?? "0";
      row.partners = (report.partners ?? []).map((p) => ({ name: p.name, kia: p.kia }));
      row.carriedIn = report.carriedIn?.deductible ?? "0";
      row.stillOpen = new core.Decimal(report.carriedForward).plus(report.carriedIn?.open ?? "0").toFixed();
      const said = [
        ...failed.filter((f) => y.year - f < 5).map((f) => `${f} is niet berekend (zie de fout bij ${f}): de KIA die uit ${f} doorschoof en de investeringen van ${f} zijn niet bekend.`),
        ...e.messages.filter((m) => m.year === undefined || !failed.includes(m.year)).map((m) => m.text),
      ];
      row.earlier = said.length ? said.join(" ") : null;
      earlier.push(computed(`${client.name}/${row.file}`, registerOf(report, read.scenario)));
    } catch (e) {
      if (e instanceof InputError) row.error = e.message;
      else if (e instanceof core.KiaValidationError) row.error = `Ongeldige invoer: ${e.message}`;
      else row.error = `Interne fout: ${oneLine(e)}`;
      failed.push(y.year);
    }
    rows.push(row);
  }
  return rows;
}
