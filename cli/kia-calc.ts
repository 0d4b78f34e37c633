#!/usr/bin/env node
/**
 * kia-calc: evaluate a scenario file and print the report.
 *   kia-calc scenario.json            report as JSON
 *   kia-calc --explain scenario.json  explanation as Dutch text
 *   kia-calc -                        read the scenario from standard input
 * A worked-example file ({ source, scenario, expect }) is accepted too: its scenario is evaluated.
 * Exit codes: 0 ok, 2 invalid input (options, file, JSON, scenario), 1 an internal fault (KIA_DEBUG=1: stack).
 *
 * The report is streamed (cli/json-stream.ts): any size, bounded memory, backpressure honoured, and a reader that
 * closes the pipe early (`kia-calc big.json | head -1`) ends the run quietly with exit code 0.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import type * as Core from "../src";
import { InputError, decode, inputName, oneLine, parseJson, readFileBytes, readStreamBytes } from "./input";
import { OutputClosedError, Sink, writeJson, writeText, type WritableLike } from "./json-stream";

export const USAGE = "Gebruik: kia-calc [--explain] <scenario.json | ->";

export const HELP = `${USAGE}

Berekent de kleinschaligheidsinvesteringsaftrek (KIA, art. 3.40-3.47 Wet IB 2001) voor een scenario
en drukt het rapport af als JSON, of met --explain de toelichting als Nederlandse tekst.

Argumenten:
  scenario.json   het scenario in JSON (UTF-8, of UTF-8/UTF-16 met byte-order mark); een uitgewerkt
                  voorbeeld ({ "source", "scenario", "expect" }) mag ook: het scenario daarin wordt berekend
  -               lees het scenario van standaardinvoer

Opties:
  --explain       de toelichting als tekst, met de wettelijke grondslag van elke stap
  -h, --help      deze hulp
  -v, --version   het versienummer
  --              einde van de opties (voor een bestandsnaam die met '-' begint)

Afsluitcodes:
  0   gelukt (ook als de lezer de uitvoer eerder afsluit, zoals met | head)
  1   interne fout in kia-calc; met KIA_DEBUG=1 volgt de stacktrace
  2   ongeldige invoer: onbekende optie, bestand niet gevonden of onleesbaar, geen geldige JSON,
      of een ongeldig scenario ("Ongeldige invoer: <veld>: <reden> (waarde: ...)")

Voorbeelden:
  kia-calc scenario.json
  kia-calc --explain scenario.json
  kia-calc - < scenario.json
`;

/** What run() talks to; every part can be replaced in tests. */
export interface CliIo {
  stdout: WritableLike;
  stderr: WritableLike;
  stdin: AsyncIterable<Buffer | Uint8Array | string>;
  env: Record<string, string | undefined>;
  /** the core's evaluate (a seam for tests: inject a fault) */
  evaluate: (scenario: unknown) => unknown;
  explainText: (report: any) => string;
}

class UsageError extends Error {}

interface Options {
  explain: boolean;
  help: boolean;
  version: boolean;
  file: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { explain: false, help: false, version: false, file: "" };
  const files: string[] = [];
  let optionsEnded = false;
  for (const a of argv) {
    if (optionsEnded || a === "-" || !a.startsWith("-")) files.push(a);
    else if (a === "--") optionsEnded = true;
    else if (a === "--explain") o.explain = true;
    else if (a === "--help" || a === "-h") return { ...o, help: true };
    else if (a === "--version" || a === "-v") return { ...o, version: true };
    else throw new UsageError(`Onbekende optie ${a}`);
  }
  if (files.length === 0) throw new UsageError("Geen scenario opgegeven");
  if (files.length > 1) throw new UsageError(`Eén scenario tegelijk; ook opgegeven: ${files.slice(1).join(" ")}`);
  o.file = files[0];
  return o;
}

/** The version in package.json: next to cli/ (ts-node) or two levels above dist/cli/ (built). */
export function version(dir = __dirname): string {
  for (const p of [join(dir, "..", "package.json"), join(dir, "..", "..", "package.json")]) {
    if (!existsSync(p)) continue;
    const v = (JSON.parse(readFileSync(p, "utf8")) as { version?: unknown }).version;
    if (typeof v === "string") return v;
  }
  throw new Error(`package.json met een versie niet gevonden boven ${dir}`);
}

/**
 * The core, loaded on first use: a core that fails while loading (e.g. invalid law data) is reported like any
 * internal fault instead of as a stack trace before run() starts, and --help and --version do not need it.
 */
function loadCore(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../src") as typeof Core;
}

/** The one-line report of an internal fault (the message shortened to 500 characters), and with debug the stack. */
export function internalErrorText(e: unknown, debug: boolean): string {
  let message = oneLine(e).replace(/[.\s]+$/, "") || "onbekende fout";
  if (message.length > 500 && !debug) message = message.slice(0, 499) + "…";
  let text = `Interne fout: ${message}. Dit is een fout in kia-calc; stuur het scenario naar de ontwikkelaars.\n`;
  if (debug) {
    const stack = e instanceof Error ? e.stack : undefined;
    text += (stack ?? String(e)) + "\n";
  }
  return text;
}

/**
 * Runs kia-calc with the arguments after the script name; resolves to the exit code and never rejects.
 * Without io it uses the real process streams and the core.
 */
export async function run(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const out = new Sink(io.stdout ?? process.stdout);
  const err = new Sink(io.stderr ?? process.stderr);
  const env = io.env ?? process.env;
  const fail = async (text: string, code: number) => {
    try {
      await err.write(text);
    } catch {
      // nowhere left to report it
    }
    return code;
  };
  try {
    let o: Options;
    try {
      o = parseArgs(argv);
    } catch (e) {
      if (e instanceof UsageError) return await fail(`${e.message}\n${USAGE}\nMeer uitleg: kia-calc --help\n`, 2);
      throw e;
    }
    if (o.help) {
      await out.write(HELP);
      return 0;
    }
    if (o.version) {
      await out.write(`kia-calc ${version()}\n`);
      return 0;
    }

    let scenario: unknown;
    try {
      scenario = await readScenario(o.file, () => io.stdin ?? process.stdin);
    } catch (e) {
      if (e instanceof InputError) return await fail(e.message.endsWith("\n") ? e.message : e.message + "\n", 2);
      throw e;
    }
    // A worked example (test/scenarios/*.json: { source, scenario, expect }) runs its scenario.
    if (typeof scenario === "object" && scenario !== null && "scenario" in scenario && !("year" in scenario)) {
      scenario = (scenario as { scenario: unknown }).scenario;
    }

    const core = loadCore();
    let report: unknown;
    let text: string | undefined;
    try {
      report = (io.evaluate ?? core.evaluate)(scenario);
      scenario = undefined; // the input is not needed any more: let it be collected while the report is written
      if (o.explain) text = (io.explainText ?? (core.explainText as CliIo["explainText"]))(report);
    } catch (e) {
      if (e instanceof core.KiaValidationError) return await fail(`Ongeldige invoer: ${e.message}\n`, 2);
      throw e;
    }
    if (text !== undefined) await writeText(out, text);
    else if (!(await writeJson(out, report, 2))) throw new Error(`evaluate gaf geen rapport terug maar ${typeof report}`);
    return 0;
  } catch (e) {
    if (e instanceof OutputClosedError) return 0; // the reader has enough (| head): not an error
    if (out.failed) {
      const code = (e as { code?: unknown }).code;
      return await fail(`Kan de uitvoer niet schrijven: ${oneLine(e)}${code ? ` (${code})` : ""}\n`, 1);
    }
    return await fail(internalErrorText(e, env.KIA_DEBUG === "1"), 1);
  } finally {
    out.release();
    err.release();
  }
}

async function readScenario(file: string, stdin: () => AsyncIterable<Buffer | Uint8Array | string>): Promise<unknown> {
  const name = inputName(file);
  const bytes = file === "-" ? await readStreamBytes(stdin()) : readFileBytes(file);
  return parseJson(decode(bytes, name), name);
}

if (require.main === module) {
  // Output still buffered when run() returns can fail later (the reader closed the pipe): a closed pipe is not an
  // error, anything else makes the exit code 1. Without these listeners Node would print "Error: write EPIPE".
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") process.exitCode = 1;
  });
  process.stderr.on("error", () => undefined);
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // run() does not reject; this is the last resort, still one line.
      process.stderr.write(internalErrorText(e, process.env.KIA_DEBUG === "1"));
      process.exitCode = 1;
    },
  );
}
