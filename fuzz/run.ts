/**
 * npm run fuzz: a long seeded run over the three ways input reaches the calculation (and the integer path against
 * the Decimal path on millions of amounts), with counts per fault
 * class (every FAULT line must be 0) and the figures for the all-invalid ledger. Not part of npm test (which
 * runs the same generators a few thousand times); run it before a release or after touching a parser.
 *   npm run fuzz                   default sizes
 *   FUZZ_SCALE=10 npm run fuzz     ten times longer
 *   FUZZ_SEED=42 npm run fuzz      another seed
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import fc from "fast-check";
import "../test/setup/custom-functions";
import * as functions from "../functions/functions";
import { setLanguage } from "../functions/kia-functions";
import { run as cli } from "../cli/kia-calc";
import { argument, ledgerColumn, categoryValues, amountValues, outcomeFault, scalar } from "../test/support/fuzz-functions";
import { fuzzCore } from "./core";
import { Decimal, kia } from "../src";
import { centsText } from "../src/cents";
import { establishedYears, getYearTable } from "../src/law";
import { kiaDecimal } from "../src/table";

const scale = Number(process.env.FUZZ_SCALE ?? 1);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

function print(title: string, counts: Record<string, number>, examples: string[], ms: number) {
  console.log(`\n${title} (${(ms / 1000).toFixed(1)} s)`);
  for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(58)} ${v.toLocaleString("nl-NL")}`);
  for (const e of examples) console.log(`  example: ${e}`);
}

function fuzzFunctions(n: number): { counts: Record<string, number>; examples: string[] } {
  type Fn = (...a: unknown[]) => unknown;
  const fns: [string, Fn, number, boolean][] = [
    ["amount", functions.amount as Fn, 3, false],
    ["eligible", functions.eligible as Fn, 4, false],
    ["reason", functions.reason as Fn, 4, false],
    ["rate", functions.rate as Fn, 2, false],
    ["partner", functions.partner as Fn, 4, false],
    ["disinvestment", functions.disinvestment as Fn, 6, false],
    ["marginal", functions.marginal as Fn, 3, false],
    ["table", functions.table as Fn, 1, true],
  ];
  const counts: Record<string, number> = { calls: 0, values: 0, "errors #VALUE!/#N/A (expected)": 0, "FAULT other outcome": 0 };
  const examples: string[] = [];
  const record = (name: string, args: unknown[], result: unknown, thrown: unknown, matrix: boolean) => {
    counts.calls++;
    const f = outcomeFault(result, thrown, matrix);
    if (f) {
      counts["FAULT other outcome"]++;
      if (examples.length < 10) examples.push(`${name}: ${f}`);
    } else if (thrown !== undefined) counts["errors #VALUE!/#N/A (expected)"]++;
    else counts.values++;
    void args;
  };
  const callOne = (name: string, fn: Fn, args: unknown[], matrix: boolean) => {
    let result: unknown;
    let thrown: unknown;
    try {
      result = fn(...args);
    } catch (e) {
      thrown = e;
    }
    record(name, args, result, thrown, matrix);
  };
  const per = Math.ceil(n / (fns.length + 1));
  for (const [name, fn, arity, matrix] of fns) {
    for (const [args, english] of fc.sample(fc.tuple(fc.array(argument, { minLength: arity, maxLength: arity + 1 }), fc.boolean()), { numRuns: per, seed })) {
      setLanguage(english ? "en-US" : "nl-NL");
      callOne(name, fn, args, matrix);
    }
  }
  const ledgerArgs = fc.tuple(ledgerColumn(categoryValues), ledgerColumn(amountValues), fc.oneof(fc.constantFrom(2024, 2025, "2026"), scalar), fc.oneof(fc.boolean(), scalar));
  for (const args of fc.sample(ledgerArgs, { numRuns: per, seed })) callOne("ledger", functions.ledger as Fn, args, true);
  setLanguage("nl-NL");
  return { counts, examples };
}

async function fuzzCli(): Promise<{ counts: Record<string, number>; examples: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "kia-fuzz-"));
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const valid = JSON.stringify({ year: 2024, investments: [{ id: "a", category: "machine", amount: "60000" }] });
  const cases: string[][] = [
    [], ["--help"], ["-h"], ["--version"], ["-v"], ["--explain"], ["--foo"], ["-x", "a.json"], ["--", "-weird.json"],
    [join(dir, "missing.json")], [dir], [file("empty.json", "")], [file("ws.json", "   \n")],
    [file("bad.json", "{ nope")], [file("trail.json", valid + ",")], [file("arr.json", "[1,2,3]")], [file("num.json", "42")],
    [file("null.json", "null")], [file("str.json", '"x"')], [file("bom8.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]))],
    [file("bom16le.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, "utf16le")]))],
    [file("bom16be.json", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(valid, "utf16le").swap16()]))],
    [file("latin1.json", Buffer.from('{"year":2024,"investments":[{"id":"é","category":"machine","amount":1}]}', "latin1"))],
    [file("odd16.json", Buffer.from([0xff, 0xfe, 0x7b]))], [file("u32.json", Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))],
    [file("deep.json", "[".repeat(100000) + "]".repeat(100000))], [file("deepobj.json", '{"year":2024,"investments":[],"description":' + "[".repeat(20000) + "]".repeat(20000) + "}")],
    [file("big-number.json", '{"year":2024,"investments":[{"id":"a","category":"machine","amount":1e400}]}')],
    [file("neg.json", '{"year":2024,"investments":[{"id":"a","category":"machine","amount":-1}]}')],
    [file("proto.json", '{"year":2024,"investments":[],"__proto__":{"x":1}}')], [file("valid.json", valid)], ["--explain", join(dir, "valid.json")],
    [file("example.json", JSON.stringify({ source: "x".repeat(30), scenario: JSON.parse(valid), expect: {} }))],
    [file("2027.json", '{"year":2027,"investments":[]}')], [file("huge-id.json", JSON.stringify({ year: 2024, investments: [{ id: "x".repeat(1e6), category: "machine", amount: 1 }] }))],
  ];
  const counts: Record<string, number> = { cases: cases.length, "exit 0": 0, "exit 2 (invalid input, expected)": 0, "FAULT exit 1 (internal)": 0, "FAULT stack trace or [object Object] in a message": 0, "FAULT other exit code": 0 };
  const examples: string[] = [];
  for (const argv of cases) {
    let out = "";
    let err = "";
    const sink = (add: (s: string) => void) => ({ write: (s: string) => (add(s), true), on: () => undefined, once: () => undefined, removeListener: () => undefined });
    const code = await cli(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: (async function* () { yield valid; })() });
    if (code === 0) counts["exit 0"]++;
    else if (code === 2) counts["exit 2 (invalid input, expected)"]++;
    else if (code === 1) counts["FAULT exit 1 (internal)"]++;
    else counts["FAULT other exit code"]++;
    if (/\n\s+at .+\(.*:\d+:\d+\)/.test(err) || err.includes("[object Object]") || err.length > 2000) {
      counts["FAULT stack trace or [object Object] in a message"]++;
      if (examples.length < 10) examples.push(`${argv.join(" ").slice(-60)}: ${err.slice(0, 200)}`);
    }
    void out;
  }
  return { counts, examples };
}

/** The integer path against the Decimal path on millions of amounts biased to every band edge of every year. */
function fuzzFastPath(n: number): { counts: Record<string, number>; examples: string[] } {
  const years = establishedYears();
  const edges = years.flatMap((y) =>
    getYearTable(y).bands.flatMap((b) => [b.over, b.upTo, b.phaseoutFrom].filter((x): x is Decimal => !!x).map((e) => ({ y, e: e.times(100).toNumber() }))),
  );
  const counts: Record<string, number> = { amounts: 0, "FAULT integer path and Decimal path differ": 0 };
  const examples: string[] = [];
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    let y: number;
    let c: number;
    const k = rnd();
    if (k < 0.6) {
      const e = edges[Math.floor(rnd() * edges.length)];
      y = e.y;
      c = Math.max(0, e.e + Math.floor(rnd() * 601) - 300);
    } else if (k < 0.95) {
      y = years[Math.floor(rnd() * years.length)];
      c = Math.floor(rnd() * 60_000_000);
    } else {
      y = years[Math.floor(rnd() * years.length)];
      c = 1e15 - 1 - Math.floor(rnd() * 1e6);
    }
    counts.amounts++;
    const fast = kia(c / 100, y);
    const slow = kiaDecimal(new Decimal(c).div(100), y);
    if (!fast.exact.eq(slow.exact) || fast.roundedNumber !== slow.rounded.toNumber() || kia(centsText(c), y).roundedNumber !== fast.roundedNumber) {
      counts["FAULT integer path and Decimal path differ"]++;
      if (examples.length < 10) examples.push(`${y} ${c} cents`);
    }
  }
  return { counts, examples };
}

function ledgerFigures(): string[] {
  const N = 100_000;
  const cats = ["machine", "Computer", "personenauto", "inventaris", "gereedschap"];
  const valid = () => [Array.from({ length: N }, (_, i) => [cats[i % 5]]), Array.from({ length: N }, (_, i) => [300 + ((i * 13.7) % 5000)])];
  const invalid = () => [Array.from({ length: N }, (_, i) => [i % 2 ? "ruimteschip" : "machine"]), Array.from({ length: N }, (_, i) => [i % 2 ? 100 : i % 3 ? "60,000" : -5])];
  const time = (args: unknown[][][]) => {
    const t = process.hrtime.bigint();
    functions.ledger(args[0], args[1], 2025);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const med = (f: () => number) => {
    const xs = [f(), f(), f(), f(), f()].sort((a, b) => a - b);
    return xs[2];
  };
  const v = valid();
  const iv = invalid();
  time(v);
  const a = med(() => time(v));
  const b = med(() => time(iv));
  return [`KIA.LEDGER 100.000 valid rows ${a.toFixed(0)} ms, 100.000 invalid rows ${b.toFixed(0)} ms (ratio ${(b / a).toFixed(2)})`];
}

async function main() {
  console.log(`KIA fuzz run — seed ${seed}, scale ${scale}, node ${process.version}`);
  let t = Date.now();
  const core = fuzzCore(100_000 * scale, seed);
  print("Core: evaluate() and validateRows() on random JSON, scenarios and mutated scenarios", core.counts, core.examples, Date.now() - t);
  t = Date.now();
  const fns = fuzzFunctions(80_000 * scale);
  print("Excel functions: calls the way Excel sends values", fns.counts, fns.examples, Date.now() - t);
  t = Date.now();
  const fp = fuzzFastPath(2_000_000 * scale);
  print("Integer path against Decimal path (kia)", fp.counts, fp.examples, Date.now() - t);
  t = Date.now();
  const c = await fuzzCli();
  print("Command line: odd files and flags", c.counts, c.examples, Date.now() - t);
  console.log("\nLedger with invalid rows");
  for (const l of ledgerFigures()) console.log(`  ${l}`);
  const faults = [core.counts, fns.counts, fp.counts, c.counts].flatMap((x) => Object.entries(x)).filter(([k, v]) => k.startsWith("FAULT") && v > 0);
  console.log(faults.length ? `\n${faults.length} fault class(es) with findings` : "\n0 faults in every class");
  process.exitCode = faults.length ? 1 : 0;
}

void main();
