/**
 * kia-calc --eerder: the KIA registers of earlier years (src/register), read from the files given: a workbook (the
 * client's file of that year with the report sheet, or the report downloaded from the standalone page or written by
 * kia-calc --rapport), or a client's folder (every workbook in it and in its subfolders of one level, such as 2023/,
 * 2024/). What is not right (two files for one year, a year missing, a register of another version) is said on
 * standard error and in the report; the reading of this year's file goes on.
 */
import { statSync } from "fs";
import { join, resolve } from "path";
import { isAmountProblem, readDutchAmount } from "../src/money";
import { applyEarlier, citation, earlierYears, readRegisters, type EarlierFile } from "../src/register";
import type { Sink } from "./json-stream";
import { listing } from "./rows";
import { XlsxBook, XlsxError } from "../src/workbook";
import { InputError, oneLine, readFileBytes } from "./input";
import { namesIn } from "./folder";
import { MAX_FILE_BYTES } from "../src/workbook/limits";

export { fromRegisters } from "../src/register";

const WORKBOOK = /\.(xlsx|xlsm)$/i;

/** The workbooks of a client's folder: its own and those of its subfolders (one level: the years), in name order. */
export function workbooksIn(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string, depth: number) => {
    let names: string[];
    try {
      names = namesIn(d).sort((a, b) => a.localeCompare(b, "nl", { numeric: true }));
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`Map ${d} kan niet gelezen worden: ${oneLine(e)}`);
    }
    for (const n of names) {
      if (n.startsWith("~$") || n.startsWith(".")) continue;
      const p = join(d, n);
      let dir = false;
      try {
        dir = statSync(p).isDirectory();
      } catch {
        continue;
      }
      if (dir) {
        if (depth === 0) visit(p, 1);
      } else if (WORKBOOK.test(n)) out.push(p);
    }
  };
  visit(dir, 0);
  return out;
}

/** The registers of one workbook's bytes; a file that is no workbook is said, as a problem of that file. */
export async function registersOfBytes(bytes: Uint8Array, file: string): Promise<EarlierFile> {
  try {
    const book = await XlsxBook.open(bytes);
    return { file, read: await readRegisters(book) };
  } catch (e) {
    if (e instanceof XlsxError) return { file, read: { registers: [], problems: [{ kind: "damaged", text: `geen geldig Excel-bestand (.xlsx): ${e.message}` }] } };
    throw e;
  }
}

/**
 * The registers of the paths given with --eerder (files and folders). `skip`: the path of this year's own file, which
 * is not an earlier year's even when it sits in the client's folder.
 */
export async function loadEarlier(paths: readonly string[], skip?: string): Promise<EarlierFile[]> {
  const files: string[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      throw new InputError(`--eerder ${p}: bestand of map niet gevonden`);
    }
    files.push(...(dir ? workbooksIn(p) : [p]));
  }
  const out: EarlierFile[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f) || (skip !== undefined && samePath(f, skip))) continue;
    seen.add(f);
    out.push(await registersOfBytes(readFileBytes(f, MAX_FILE_BYTES), f));
  }
  return out;
}

const samePath = (a: string, b: string) => resolve(a) === resolve(b);

/** The ticks of --in-gebruik ID and --betaald ID=bedrag ("M2", "2023:M2"). */
export function ticksOf(inUse: readonly string[], paid: readonly string[]): { inUse: Set<string>; paid: Map<string, string> } {
  const p = new Map<string, string>();
  for (const x of paid) {
    const m = /^(.+?)=(.+)$/.exec(x);
    const amount = m ? readDutchAmount(m[2].trim()) : undefined;
    if (!m || amount === undefined || isAmountProblem(amount)) throw new InputError(`--betaald ${x}: verwacht <nummer>=<bedrag betaald tot het einde van het jaar>, zoals M2=30000 of 2023:M2=30.000,00`);
    p.set(m[1].trim(), amount.toFixed());
  }
  return { inUse: new Set(inUse.map((x) => x.trim())), paid: p };
}

/** The JSON report's `earlier`: the registers used, what is not right, and the rows settled by a register. */
export interface EarlierJson {
  registers: { year: number; file: string; table: string }[];
  messages: string[];
  settled: { cell: string; note: string }[];
}

/**
 * A workbook's reading with the earlier years applied (src/register applyEarlier): what is not right and the rows
 * settled on standard error; the JSON and --explain forms for the output.
 */
export async function applyToRead(
  read: Parameters<typeof applyEarlier>[0] & { scenario: { year: number } },
  files: readonly EarlierFile[],
  ticks: { inUse: readonly string[]; paid: readonly string[] },
  err: Sink,
): Promise<{ json: EarlierJson; section: string }> {
  const earlier = earlierYears(read.scenario.year, files);
  const applied = applyEarlier(read, earlier, ticksOf(ticks.inUse, ticks.paid));
  const used = earlier.used.map((u) => ({ year: u.year, file: u.file, table: u.table }));
  const messages = earlier.messages.map((m) => m.text);
  const settled = applied.settled.map((a) => ({ cell: a.question.cell, note: a.note }));
  if (!used.length && !messages.length) messages.push(`Geen register van een eerder jaar gevonden in ${files.map((f) => f.file).join(", ") || "de opgegeven bestanden"}`);
  await err.write(
    `Eerdere jaren: ${used.length ? used.map((u) => `${u.year} (${citation(u)})`).join(", ") : "geen register gebruikt"}\n` +
      messages.map((m) => `Let op: ${m}\n`).join("") +
      (settled.length ? listing("Regels van investeringen van eerdere jaren (tellen niet mee dit jaar):", settled.map((x) => `${x.cell}: ${x.note}`)) : ""),
  );
  const lines = [
    `Registers: ${used.length ? used.map((u) => `${u.year} (${citation(u)})`).join(", ") : "geen"}.`,
    ...messages.map((m) => `Let op: ${m}`),
    ...settled.map((x) => `${x.cell}: ${x.note}.`),
  ];
  return { json: { registers: used, messages, settled }, section: `\nUit eerdere jaren:\n${lines.map((l) => `- ${l}\n`).join("")}` };
}
