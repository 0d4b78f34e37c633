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
 * like the other benchmarks.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";

const ROOT = join(__dirname, "..");

export function benchTaskpane(): Record<string, string> {
  const out: Record<string, string> = {};
  const child = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", "-r", join(__dirname, "register.js"), __filename, "--child"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json") } },
  );
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
  const { median } = await import("./util");
  const { fakeExcel } = await import("../test/support/fake-excel");
  const { officeWorkbook } = await import("../taskpane/workbook/office");
  const { openFileWorkbook } = await import("../taskpane/workbook/file");
  const { reportSheet } = await import("../taskpane/report-sheet");
  const { evaluate } = await import("../src");
  const { FIELD_HEADERS } = await import("../src/workbook/ledger");
  const { readWorkbook } = await import("../src/workbook/read");
  const ExcelJS = (await import("exceljs")).default;

  const headers = ["id", "description", "category", "amount", "vatDeductible", "group", "paid", "inUse", "lostByCalamity", "replacedBy", "relatedParty", "exemption", "eiaMia", "date"].map(
    (f) => FIELD_HEADERS[f as keyof typeof FIELD_HEADERS][0],
  );
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
  {
    const n = 100_000;
    const rows: unknown[][] = [headers];
    for (let i = 0; i < n; i++) rows.push(row(i));
    const fx = fakeExcel({
      sheets: [{ name: "Staat", block: { r0: 0, c0: 0, rows }, dateColumns: new Set([13]), tables: [{ name: "Investeringen", headerRow: 0, column: 0, rows: n, columns: headers.length }] }],
    });
    fx.install();
    const t0 = process.hrtime.bigint();
    const g = (await readWorkbook(officeWorkbook().book(), { validate: false })).ledger;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    fx.uninstall();
    figures["Office adapter: readWorkbook of a 100.000-row table (mock)"] = `${fx.syncs()} syncs, ${ms.toFixed(0)} ms, ${g.rows.length} rows (target <= 14 syncs)`;
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
  const pipeline = async (bytes: Uint8Array): Promise<{ ms: number; reportBytes: number; assets: number }> => {
    const t0 = process.hrtime.bigint();
    let reportBytes = 0;
    const wb = await openFileWorkbook(
      { name: "staat.xlsx", arrayBuffer: async () => new Uint8Array(bytes).buffer as ArrayBuffer },
      { onDownload: (_name, b) => void (reportBytes = b.length), storage: null },
    );
    const read = await readWorkbook(wb.book(), { year: 2025 });
    const scenario = { year: 2025, investments: read.scenario.investments as never[] };
    const report = evaluate(scenario);
    await wb.writeReport(reportSheet(report, { lang: "nl", version: "bench", date: "2025-06-01", ledgerSource: read.ledger.source, scenario }));
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, reportBytes, assets: report.assets.length };
  };
  {
    const bytes = await ledgerBytes(10_000);
    await pipeline(bytes); // warm-up
    const runs: number[] = [];
    let last = { ms: 0, reportBytes: 0, assets: 0 };
    for (let i = 0; i < 5; i++) {
      last = await pipeline(bytes);
      runs.push(last.ms);
    }
    figures["standalone: 10.000-row .xlsx -> report .xlsx"] =
      `median ${median(runs).toFixed(0)} ms of 5 (target < 2 s); ledger ${kb(bytes.length)}, report ${kb(last.reportBytes)}`;
  }
  {
    const bytes = await ledgerBytes(100_000);
    const r = await pipeline(bytes);
    figures["standalone: 100.000-row .xlsx -> report .xlsx"] = `${(r.ms / 1000).toFixed(1)} s (one run); ledger ${kb(bytes.length)}, report ${kb(r.reportBytes)}`;
  }
  console.log(JSON.stringify(figures));
}

if (require.main === module && process.argv.includes("--child"))
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
