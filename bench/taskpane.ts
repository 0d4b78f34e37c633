/**
 * Taskpane benchmarks (figures printed, not asserted):
 *  1. the Office adapter reading a 100.000-row ledger table through office-addin-mock: number of syncs
 *     (target <= 14: the outline, the rows, the year's label area) and time (the mock's own bookkeeping dominates; real Excel adds its round trips);
 *  2. the standalone page, from the bytes of an .xlsx ledger to the bytes of the report .xlsx: openFileWorkbook
 *     + readWorkbook + evaluate + reportSheet + writeReport, median at 10.000 rows (target < 2 s) and
 *     one run at 100.000 rows;
 *  3. the initial pane bundle dist/addin/taskpane.js, minified + gzip (target <= 100 KB; lazy chunks such as
 *     exceljs not included, listed apart), or "not built".
 * The async work runs in a child process (a fresh heap per figure set), so benchTaskpane() stays synchronous
 * like the other benchmarks. BENCH_TASKPANE=office,10k,100k picks its parts (all by default; the 100.000-row
 * pipeline is the long one). Times are the clock (the pipeline waits on nothing but the CPU here) with the
 * process's CPU time beside it, and the load average: on a busy machine the clock counts the waits for a core.
 * The pipeline's figure is split into its steps, so a slow run says which step was slow.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";

const ROOT = join(__dirname, "..");

export function benchTaskpane(): Record<string, string> {
  const out: Record<string, string> = {};
  const child = spawnSync(process.execPath, ["--max-old-space-size=8192", "-r", join(__dirname, "register.js"), __filename, "--child"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json") },
  });
  const line = (child.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    Object.assign(out, JSON.parse(line));
  } catch {
    out["taskpane benchmarks"] = `failed: ${(child.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`;
  }
  Object.assign(out, bundleFigures());
  return out;
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

function bundleFigures(): Record<string, string> {
  const dir = join(ROOT, "dist", "addin");
  const main = join(dir, "taskpane.js");
  if (!existsSync(main)) return { "initial pane bundle (taskpane.js, min + gzip)": "not built (npm run build)" };
  const size = (f: string) => {
    const bytes = readFileSync(f);
    return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  };
  const m = size(main);
  const out: Record<string, string> = {
    "initial pane bundle (taskpane.js, min + gzip)": `${kb(m.gz)} gzip (${kb(m.raw)} minified; target <= 100 KB gzip)`,
  };
  const lazy = readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "taskpane.js" && f !== "functions.js" && statSync(join(dir, f)).isFile());
  if (lazy.length) {
    const sizes = lazy.map((f) => ({ f, ...size(join(dir, f)) })).sort((a, b) => b.gz - a.gz);
    out["lazy chunks (not in the initial pane)"] = sizes.map((s) => `${s.f} ${kb(s.gz)} gzip`).join(", ");
  }
  return out;
}

// ---- the child: async figures as one JSON line ------------------------------------------------------------

async function child(): Promise<void> {
  const figures: Record<string, string> = {};
  const parts = (process.env.BENCH_TASKPANE ?? "office,10k,100k").split(",");
  const { median } = await import("./util");
  const { loadavg } = await import("os");
  const load = () => `load ${loadavg()[0].toFixed(2)}`;
  const { fakeExcel } = await import("../test/support/fake-excel");
  const { officeWorkbook } = await import("../taskpane/workbook/office");
  const { openFileWorkbook } = await import("../taskpane/workbook/file");
  const { reportSheet } = await import("../taskpane/report-sheet");
  const { evaluate } = await import("../src");
  const { FIELD_HEADERS } = await import("../src/workbook/ledger");
  const { readWorkbook } = await import("../src/workbook/read");
  const ExcelJS = (await import("exceljs")).default;

  const headers = [
    "id",
    "description",
    "category",
    "amount",
    "vatDeductible",
    "group",
    "paid",
    "inUse",
    "lostByCalamity",
    "replacedBy",
    "relatedParty",
    "exemption",
    "eiaMia",
    "date",
  ].map((f) => FIELD_HEADERS[f as keyof typeof FIELD_HEADERS][0]);
  const categories = ["machine", "inventaris", "computer", "gereedschap", "bestelauto", "personenauto"];
  const row = (i: number): unknown[] => [
    `A${i + 1}`,
    `Bedrijfsmiddel ${i + 1}`,
    categories[i % categories.length],
    100 + ((i * 7919) % 9000) + (i % 100) / 100,
    "ja",
    null,
    null,
    i % 50 === 0 ? "nee" : "ja",
    null,
    null,
    null,
    null,
    null,
    45658 + (i % 365),
  ];

  // 1. Office adapter, 100.000 rows through the mock
  if (parts.includes("office")) {
    const n = 100_000;
    const rows: unknown[][] = [headers];
    for (let i = 0; i < n; i++) rows.push(row(i));
    const fx = fakeExcel({
      sheets: [
        {
          name: "Staat",
          block: { r0: 0, c0: 0, rows },
          dateColumns: new Set([13]),
          tables: [{ name: "Investeringen", headerRow: 0, column: 0, rows: n, columns: headers.length }],
        },
      ],
    });
    fx.install();
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const g = (await readWorkbook(officeWorkbook().book(), { validate: false })).ledger;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = cpuMs(process.cpuUsage(c0));
    fx.uninstall();
    const syncs = fx.syncs();
    figures["Office adapter: readWorkbook of a 100.000-row table (mock)"] =
      `${syncs} syncs (target <= 14: ${syncs <= 14 ? "met" : "NOT met"}), ${ms.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms), ${g.rows.length} rows; ${load()}`;
  }

  // 2. Standalone: .xlsx bytes -> report .xlsx bytes
  const ledgerBytes = async (n: number): Promise<Uint8Array> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Staat");
    ws.addTable({
      name: "Investeringen",
      ref: "A1",
      headerRow: true,
      columns: headers.map((name) => ({ name })),
      rows: Array.from({ length: n }, (_, i) => {
        const r = row(i);
        r[13] = new Date(Date.UTC(2025, 0, 1 + (i % 365)));
        return r;
      }),
    });
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  };
  const STEPS = ["open", "read", "evaluate", "reportSheet", "writeReport"] as const;
  type Run = { ms: number; cpu: number; steps: Record<(typeof STEPS)[number], number>; reportBytes: number; assets: number };
  const pipeline = async (bytes: Uint8Array): Promise<Run> => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    let t = t0;
    const lap = () => {
      const now = process.hrtime.bigint();
      const ms = Number(now - t) / 1e6;
      t = now;
      return ms;
    };
    let reportBytes = 0;
    const wb = await openFileWorkbook(
      { name: "staat.xlsx", arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer },
      { onDownload: (_name, b) => void (reportBytes = b.length), storage: null },
    );
    const open = lap();
    const read = await readWorkbook(wb.book(), { year: 2025 });
    const readMs = lap();
    const scenario = { year: 2025, investments: read.scenario.investments as never[] };
    const report = evaluate(scenario);
    const evaluateMs = lap();
    const sheet = reportSheet(report, { lang: "nl", version: "bench", date: "2025-06-01", ledgerSource: read.ledger.source, scenario });
    const sheetMs = lap();
    await wb.writeReport(sheet);
    const writeMs = lap();
    return {
      ms: Number(process.hrtime.bigint() - t0) / 1e6,
      cpu: cpuMs(process.cpuUsage(c0)),
      steps: { open, read: readMs, evaluate: evaluateMs, reportSheet: sheetMs, writeReport: writeMs },
      reportBytes,
      assets: report.assets.length,
    };
  };
  const stepsOf = (runs: Run[]) => STEPS.map((k) => `${k} ${median(runs.map((r) => r.steps[k])).toFixed(0)}`).join(", ");
  if (parts.includes("10k")) {
    const bytes = await ledgerBytes(10_000);
    await pipeline(bytes); // warm-up
    const runs: Run[] = [];
    for (let i = 0; i < 5; i++) runs.push(await pipeline(bytes));
    const ms = median(runs.map((r) => r.ms));
    figures["standalone: 10.000-row .xlsx -> report .xlsx"] =
      `median ${ms.toFixed(0)} ms of 5 (target < 2 s: ${ms < 2000 ? "met" : "NOT met"}), CPU ${median(runs.map((r) => r.cpu)).toFixed(0)} ms; ` +
      `ms per step: ${stepsOf(runs)}; ledger ${kb(bytes.length)}, report ${kb(runs[0].reportBytes)}; ${load()}`;
  }
  if (parts.includes("100k")) {
    const bytes = await ledgerBytes(100_000);
    const r = await pipeline(bytes);
    figures["standalone: 100.000-row .xlsx -> report .xlsx"] =
      `${(r.ms / 1000).toFixed(1)} s (one run), CPU ${(r.cpu / 1000).toFixed(1)} s; ms per step: ${stepsOf([r])}; ` +
      `ledger ${kb(bytes.length)}, report ${kb(r.reportBytes)}; ${load()}`;
  }
  const { maxRSS } = process.resourceUsage();
  figures["taskpane child process: peak memory"] = `${(maxRSS / 1024).toFixed(0)} MB resident`;
  console.log(JSON.stringify(figures));
}

/** CPU time (user + system) of a process.cpuUsage() difference, in ms. */
function cpuMs(d: NodeJS.CpuUsage): number {
  return (d.user + d.system) / 1000;
}

if (require.main === module && process.argv.includes("--child"))
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
