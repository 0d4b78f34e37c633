/**
 * Portfolio benchmark (kia-calc --batch): 1.000 generated client workbooks of 50 ledger rows each, filled into the
 * firm template (templates/KIA-werkblad.xlsx, so each file carries the template's formulas and lists as a real
 * client's would), evaluated by the batch in a process of its own. Prints the time per workbook (wall and CPU)
 * beside floors measured in the same run on the same files: reading each file and unpacking the parts the reader
 * unpacks (JSZip, as the reader does; and the same parts with Node's zlib), and loading each file with exceljs (a
 * sample of 100). A CPU profile of one more batch run gives the share spent in JSZip and in its inflate (pako).
 * The ratio is of CPU time (process.cpuUsage): on a busy machine the wall time includes waiting for a core.
 * Not a test: nothing fails on a slow machine.
 *
 * benchPortfolio() runs `bench/portfolio.ts --child <files> <rows>` and returns its figures; fillTemplate() and
 * clientLedger() are also used by test/cli-workbook.test.ts.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { Session } from "inspector";
import { tmpdir } from "os";
import { join } from "path";
import { inflateRawSync } from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { machine, ratio } from "./floor";
import { columnLetter } from "../src/workbook/ledger";
import { allCategories } from "../src/law";
import * as T from "../templates/layout";

export interface Client {
  year: number;
  /** ledger rows in the template's column order (T.LEDGER_COLUMNS); dates as Excel serials */
  ledger: (string | number | null)[][];
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A cell as SpreadsheetML: numbers as numbers, text inline (no shared-string table to update). */
function cellXml(ref: string, v: string | number | null, style: string | undefined): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null) return "";
  if (typeof v === "number") return `<c r="${ref}"${s}><v>${v}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
}

/**
 * A client's workbook: the template with its ledger rows replaced by the client's and its year set; the partners
 * and the disposal of the template stay. Works on the XML (fast: no full load and save by exceljs); the LAMBDA
 * names and everything else of the template are kept as they are.
 */
export async function fillTemplate(template: Uint8Array, client: Client, compression: "DEFLATE" | "STORE" = "DEFLATE"): Promise<Buffer> {
  const zip = await JSZip.loadAsync(template);
  const sheetPath = (key: T.SheetKey) => `xl/worksheets/sheet${T.SHEET_ORDER.indexOf(key) + 1}.xml`;
  const width = T.LEDGER_COLUMNS.length;
  const dataCol = (ref: string) => {
    const letters = /^[A-Z]+/.exec(ref)![0];
    let n = 0;
    for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
    return n - 1 < width;
  };
  let ledger = await zip.file(sheetPath("ledger"))!.async("string");
  // the styles of the data columns, from the template's first data row
  const styles = new Map<string, string>();
  const row2 = /<row r="2"[^>]*>([\s\S]*?)<\/row>/.exec(ledger)![1];
  for (const m of row2.matchAll(/<c r="([A-Z]+)2"(?: s="(\d+)")?/g)) styles.set(m[1], m[2]);
  const lastExample = 1 + T.LEDGER_EXAMPLES.length;
  const last = Math.max(lastExample, 1 + client.ledger.length);
  ledger = ledger.replace(/<row r="(\d+)"([^>]*)>([\s\S]*?)<\/row>/g, (m, rs: string, attrs: string, cells: string) => {
    const r = Number(rs);
    if (r < 2 || r > last) return m;
    const kept = [...cells.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].filter((c) => !dataCol(c[1])).map((c) => c[0]);
    const values = client.ledger[r - 2] ?? [];
    const fresh = values.map((v, i) => cellXml(`${columnLetter(i)}${r}`, v, styles.get(columnLetter(i)))).join("");
    return `<row r="${r}"${attrs.replace(/ spans="[^"]*"/, "")}>${fresh}${kept.join("")}</row>`;
  });
  zip.file(sheetPath("ledger"), ledger);
  const tablePath = "xl/tables/table1.xml";
  const bottom = Math.max(2, 1 + client.ledger.length);
  const table = (await zip.file(tablePath)!.async("string")).replace(/ref="A1:([A-Z]+)\d+"/g, `ref="A1:$1${bottom}"`);
  zip.file(tablePath, table);
  const summary = (await zip.file(sheetPath("summary"))!.async("string")).replace(/(<c r="B3"[^>]*><v>)\d+(<\/v>)/, `$1${client.year}$2`);
  zip.file(sheetPath("summary"), summary);
  return zip.generateAsync({ type: "nodebuffer", compression, compressionOptions: { level: 1 } });
}

/** A generated ledger of `rows` assets for a client (seeded): categories from the catalogue, amounts € 100 to € 30.000, some groups. */
/** A client's ledger of `rows` rows, dated in `year` (a row dated in another year is a question, not counted). */
export function clientLedger(rows: number, seed: number, year = 2025): Client["ledger"] {
  const jan1 = Date.UTC(year, 0, 1) / 86400000 + 25569;
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cats = allCategories();
  const out: Client["ledger"] = [];
  for (let i = 0; i < rows; i++) {
    const row: (string | number | null)[] = T.LEDGER_COLUMNS.map(() => null);
    const set = (field: string, v: string | number) => (row[T.LEDGER_COLUMNS.findIndex((c) => c.field === field)] = v);
    set("id", `A${i + 1}`);
    set("description", `Bedrijfsmiddel ${i + 1}`);
    set("category", cats[Math.floor(rnd() * cats.length)].label);
    set("amount", Math.round((100 + rnd() * 29900) * 100) / 100);
    set("date", jan1 + Math.floor(rnd() * 365));
    // rows of a group share their VAT treatment (the core refuses a group that does not)
    if (rnd() < 0.1) set("group", `G${Math.floor(i / 3)}`);
    else if (rnd() < 0.2) set("vatDeductible", rnd() < 0.5 ? "Ja" : "Nee");
    out.push(row);
  }
  return out;
}

/** Runs `fn` under V8's CPU profiler: the share of the samples (idle excluded) in JSZip's code and in pako's. */
async function cpuProfile(fn: () => Promise<unknown>): Promise<{ jszip: number; pako: number }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r)))); // eslint-disable-line @typescript-eslint/no-explicit-any
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 500 });
  await post("Profiler.start");
  await fn();
  const { profile } = (await post("Profiler.stop")) as { profile: { nodes: { hitCount?: number; callFrame: { url: string; functionName: string } }[] } };
  session.disconnect();
  let total = 0;
  let jszip = 0;
  let pako = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (n.callFrame.functionName === "(idle)") continue;
    total += hits;
    if (/[\\/]node_modules[\\/]jszip[\\/]/.test(n.callFrame.url)) jszip += hits;
    if (/[\\/]node_modules[\\/]pako[\\/]/.test(n.callFrame.url)) pako += hits;
  }
  return { jszip: jszip / total, pako: pako / total };
}

/** The child process: generate, run the batch, print one JSON line of figures. */
async function child(files: number, rows: number): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { run } = require("../cli/kia-calc") as typeof import("../cli/kia-calc");
  const dir = mkdtempSync(join(tmpdir(), "kia-portfolio-"));
  try {
    const template = readFileSync(join(__dirname, "..", "templates", "KIA-werkblad.xlsx"));
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < files; i++) {
      const b = await fillTemplate(template, { year: 2023 + (i % 4), ledger: clientLedger(rows, i + 1) });
      bytes += b.length;
      writeFileSync(join(dir, `klant-${String(i + 1).padStart(4, "0")}.xlsx`), b);
    }
    const generated = Number(process.hrtime.bigint() - t0) / 1e6;
    const sink = { text: "", write(c: string) { this.text += c; return true; }, on() { return this; }, once() { return this; }, removeListener() { return this; } };
    const out = join(dir, "overzicht.xlsx");
    const t1 = process.hrtime.bigint();
    const cpu1 = process.cpuUsage();
    const code = await run(["--batch", dir, "--out", out], { stdout: sink, stderr: sink, env: {}, stderrIsTTY: false });
    const ms = Number(process.hrtime.bigint() - t1) / 1e6;
    const batchCpu = process.cpuUsage(cpu1);
    const csv = join(dir, "overzicht.csv");
    const t2 = process.hrtime.bigint();
    await run(["--batch", dir, "--out", csv], { stdout: sink, stderr: sink, env: {}, stderrIsTTY: false });
    const msCsv = Number(process.hrtime.bigint() - t2) / 1e6;
    const failed = /(\d+) met een fout/.exec(sink.text)?.[1];
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

    // One more batch run, profiled (not timed): the share of CPU samples in JSZip's and pako's code, and the
    // parts the reader unpacks (recorded on JSZip's file objects).
    const names = readdirSync(dir).filter((f) => f.endsWith(".xlsx") && f.startsWith("klant-")).map((f) => join(dir, f));
    const probe = await JSZip.loadAsync(readFileSync(names[0]));
    // the reader inflates a part as a stream (internalStream, src/workbook/xlsx.ts partText); async() is recorded too
    type Unpack = (this: JSZip.JSZipObject, type: string) => unknown;
    const proto = Object.getPrototypeOf(probe.file(/./)[0]) as { async: Unpack; internalStream: Unpack };
    const original = { async: proto.async, internalStream: proto.internalStream };
    const parts = new Set<string>();
    for (const m of ["async", "internalStream"] as const)
      proto[m] = function (this: JSZip.JSZipObject, type: string) {
        parts.add(this.name);
        return original[m].call(this, type);
      };
    const profile = await cpuProfile(() => run(["--batch", dir, "--out", join(dir, "profiel.csv")], { stdout: sink, stderr: sink, env: {}, stderrIsTTY: false }));
    Object.assign(proto, original);
    if (parts.size === 0) throw new Error("bench: the reader unpacked no part of the workbooks (is its way of unpacking recorded?)");

    // Floor: the bytes read and the same parts unpacked to text, with JSZip (as the reader does) and with zlib.
    const c0 = process.cpuUsage();
    const f0 = process.hrtime.bigint();
    let chars = 0;
    for (const f of names) {
      const zip = await JSZip.loadAsync(readFileSync(f));
      for (const p of parts) chars += ((await zip.file(p)?.async("string")) ?? "").length;
    }
    const unzipMs = Number(process.hrtime.bigint() - f0) / 1e6;
    const unzipCpuMs = cpuMs(process.cpuUsage(c0));
    const z0 = process.hrtime.bigint();
    const zc0 = process.cpuUsage();
    let zchars = 0;
    for (const f of names) {
      const zip = await JSZip.loadAsync(readFileSync(f));
      for (const p of parts) {
        const data = (zip.file(p) as unknown as { _data?: { compressedContent?: Uint8Array; compression?: { magic: string } } } | null)?._data;
        if (!data?.compressedContent) continue;
        const raw = data.compression?.magic === "\x08\x00" ? inflateRawSync(data.compressedContent) : Buffer.from(data.compressedContent);
        zchars += raw.toString("utf8").length;
      }
    }
    const zlibMs = Number(process.hrtime.bigint() - z0) / 1e6;
    const zlibCpuMs = cpuMs(process.cpuUsage(zc0));
    if (zchars !== chars) throw new Error(`bench: zlib unpacked ${zchars} characters, JSZip ${chars}`);

    // Reference: a full exceljs load of the first 100 files.
    const sample = names.slice(0, 100);
    const e0 = process.hrtime.bigint();
    for (const f of sample) await new ExcelJS.Workbook().xlsx.load(readFileSync(f) as unknown as ArrayBuffer);
    const exceljsMs = Number(process.hrtime.bigint() - e0) / 1e6 / sample.length;
    console.log(
      JSON.stringify({
        code,
        files,
        rows,
        generatedMs: generated,
        fileKB: bytes / files / 1024,
        ms,
        msCsv,
        failed: Number(failed ?? -1),
        cpuMs: cpuMs(batchCpu),
        unzipMs,
        unzipCpuMs,
        zlibMs,
        zlibCpuMs,
        exceljsMs,
        parts: parts.size,
        profile,
        maxRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchPortfolio(files = 1000, rows = 50): Record<string, string> {
  const r = spawnSync(process.execPath, ["-r", join(__dirname, "register.js"), __filename, "--child", String(files), String(rows)], {
    cwd: join(__dirname, ".."),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-3).join(" ") };
  const f = JSON.parse(r.stdout.trim().split("\n").pop()!);
  const fmt = (n: number, d = 1) => n.toFixed(d).replace(".", ",");
  const per = (ms: number) => ms / files;
  const pct = (x: number) => `${fmt(x * 100, 0)} %`;
  return {
    [`kia-calc --batch: ${files} werkmappen (template, ${rows} regels), --out .xlsx`]:
      `${fmt(per(f.ms))} ms per werkmap (CPU ${fmt(per(f.cpuMs))} ms), ${fmt(f.ms / 1000)} s in totaal; CPU ${ratio(f.cpuMs, f.unzipCpuMs)}`,
    [`  floor: lezen en uitpakken (JSZip) van de ${f.parts} delen die de lezer leest`]: `${fmt(per(f.unzipMs))} ms per werkmap (CPU ${fmt(per(f.unzipCpuMs))} ms)`,
    [`  dezelfde delen uitgepakt met Node's zlib`]: `${fmt(per(f.zlibMs))} ms per werkmap (CPU ${fmt(per(f.zlibCpuMs))} ms: ${ratio(f.zlibCpuMs, f.unzipCpuMs).replace("floor", "JSZip")})`,
    [`  ter vergelijking: exceljs laadt de werkmap (100 stuks)`]: `${fmt(f.exceljsMs)} ms per werkmap (${fmt(f.exceljsMs / per(f.ms))}x de batch)`,
    [`  aandeel in het CPU-profiel van de batch`]: `JSZip ${pct(f.profile.jszip)}, waarvan inflate (pako) ${pct(f.profile.pako)}`,
    [`kia-calc --batch: dezelfde, --out .csv`]: `${fmt(per(f.msCsv))} ms per werkmap, ${fmt(f.msCsv / 1000)} s in totaal`,
    [`  werkmappen met een fout`]: String(f.failed),
    [`  gegenereerd (niet gemeten in het cijfer hierboven)`]: `${fmt(f.generatedMs / 1000)} s, ${fmt(f.fileKB, 0)} KB per werkmap`,
    [`  piekgeheugen (proces)`]: `${fmt(f.maxRssMB, 0)} MB`,
  };
}

if (require.main === module) {
  if (process.argv[2] === "--child") {
    child(Number(process.argv[3] ?? 1000), Number(process.argv[4] ?? 50)).catch((e) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e) + "\n");
      process.exitCode = 1;
    });
  } else {
    console.log(machine());
    const [files, rows] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 50)];
    for (const [k, v] of Object.entries(benchPortfolio(files, rows))) console.log(`  ${k.padEnd(60)} ${v}`);
  }
}
