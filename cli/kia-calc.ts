#!/usr/bin/env node
/**
 * kia-calc: evaluate a scenario file or a filled workbook and print the report.
 *   kia-calc scenario.json            report as JSON
 *   kia-calc --explain scenario.json  explanation as Dutch text
 *   kia-calc werkblad.xlsx            the same for a filled KIA-werkblad (or any workbook with a ledger table)
 *   kia-calc staat.csv                the same for a ledger saved as CSV (by its extension)
 *   kia-calc -                        read the scenario (or a workbook) from standard input
 *   kia-calc --batch klanten/ --out overzicht.xlsx   one row per workbook or CSV in a folder (cli/batch.ts)
 * A worked-example file ({ source, scenario, expect }) is accepted too: its scenario is evaluated.
 * Exit codes: 0 ok, 2 invalid input (options, file, JSON, workbook, scenario), 1 an internal fault (KIA_DEBUG=1:
 * stack). A workbook's cells that cannot be read and its rows the calculation refuses (cli/rows.ts) are listed on
 * standard error and left out, the other rows computed, exit code 0: as the taskpane does. The output names them
 * too, so a report redirected to a file still says what it leaves out: the JSON report of a workbook or CSV starts
 * with `leftOut` (one entry per cell or row, an empty list when nothing was left out), --explain has a section
 * "Niet meegeteld" below its first line. A scenario file is a contract: any invalid row in it is exit code 2, and its
 * report has no `leftOut`.
 *
 * The report is streamed (cli/json-stream.ts): any size, bounded memory, backpressure honoured, and a reader that
 * closes the pipe early (`kia-calc big.json | head -1`) ends the run quietly with exit code 0.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import type * as Core from "../src";
import type * as Batch from "./batch";
import type * as Earlier from "./earlier";
import type * as Rows from "./rows";
import { InputError, LEDGER_NAME, decode, inputName, oneLine, parseJson, readFileBytes, readStreamBytes } from "./input";
import { MAX_FILE_BYTES } from "../src/workbook/limits";
import { OutputClosedError, Sink, writeJson, writeText, type WritableLike } from "./json-stream";
import type * as WorkbookReader from "./workbook";
import type * as ReportFile from "./report";
import type { LeftOut } from "../src/workbook/left-out";
import { savedDataAnswers } from "../src/workbook/questions";
import { openRow } from "../src/report-sheet/rows";

export const USAGE =
  "Gebruik: npm run -s kia-calc -- [--explain | --scenario | --rapport <uit.xlsx>] [--year <jaar>] <scenario.json | werkmap.xlsx | staat.csv | ->";

export const HELP = `${USAGE}
         npm run -s kia-calc -- --batch <map> [--out overzicht.xlsx | overzicht.csv] [--year <jaar>]

Berekent de kleinschaligheidsinvesteringsaftrek (KIA, art. 3.40-3.47 Wet IB 2001) voor een scenario,
een ingevulde werkmap of een staat van investeringen als CSV, en drukt het rapport af als JSON, of
met --explain de toelichting als Nederlandse tekst. Met --batch: één regel per bestand in een map
(een portefeuille van klanten).

Starten in de map van de add-in (na npm ci, zonder build): npm run -s kia-calc -- <argumenten>.
-s houdt de regels van npm zelf uit de uitvoer, -- geeft de opties door aan kia-calc. Na npm run build
is het ook: node dist/cli/kia-calc.js <argumenten>.

Argumenten:
  scenario.json   het scenario in JSON (UTF-8, of UTF-8/UTF-16 met byte-order mark); een uitgewerkt
                  voorbeeld ({ "source", "scenario", "expect" }) mag ook: het scenario daarin wordt berekend,
                  net als dat in het bestand van ‘Gegevens bewaren (.json)’ (taakvenster, losse pagina)
  werkmap.xlsx    een ingevuld KIA-werkblad (templates/KIA-werkblad.xlsx) of een andere werkmap met een
                  investeringsstaat: de Excel-tabel 'Investeringen', of een tabel of blad met een kopregel
                  met Categorie en Bedrag. Vennoten en desinvesteringen uit de tabellen 'Vennoten' en
                  'Desinvesteringen', de verdeelsleutel naast 'Verdeelsleutel', het jaar uit de naam
                  KIA_JAAR of naast 'Jaar' op het blad Overzicht. Cellen die niet gelezen kunnen worden
                  staan op de foutuitvoer; hun regels tellen niet mee (zoals in de add-in). Zo ook
                  regels die de berekening weigert (zoals een betaald bedrag boven het investeringsbedrag),
                  met hun cel (zoals Investeringen!E3); een groep (één bedrijfsmiddel) telt dan als
                  geheel niet mee
  staat.csv       een staat van investeringen als CSV (herkend aan de extensie .csv), zoals Excel of een
                  boekhoudpakket hem opslaat: een kopregel met Categorie en Bedrag, velden gescheiden door
                  ';' of ',', bedragen als 1.234,56, datums als 31-03-2025; gelezen zoals een blad van
                  een werkmap (zonder vennoten en desinvesteringen)
  -               lees het scenario of de werkmap van standaardinvoer

Het jaar: --year, anders het jaar in het bestand (naast 'Jaar'; een CSV heeft er meestal geen), anders
het jaar van de investeringsdatums als die alle in één kalenderjaar vallen (met een melding op de
foutuitvoer). Anders stopt kia-calc met afsluitcode 2 en de vraag het jaar op te geven.

Opties:
  --explain       de toelichting als tekst, met de wettelijke grondslag van elke stap
  --scenario      het scenario dat berekend wordt als JSON, in plaats van het rapport (bijvoorbeeld
                  om te zien wat uit een werkmap gelezen is, of om het mee te sturen bij een vraag)
  --rapport <uit.xlsx>
                  schrijft het rapport voor het klantdossier als Excel-bestand: hetzelfde blad als de
                  add-in schrijft (klantgegevens, "Voor de aangifte", samenvatting voor de klant, de
                  berekening per bedrijfsmiddel, toelichting en bronnen; A4 staand, één pagina breed).
                  De klantgegevens met:
    --klant <naam>             --fiscaal-nummer <BSN of RSIN>     --dossier <nummer>
    --vpb (vennootschapsbelasting; anders inkomstenbelasting)
    --opgesteld-door <naam>    --beoordeeld-door <naam>           --datum <dd-mm-jjjj> (anders vandaag)
  --year <jaar>   het belastingjaar van een werkmap of CSV; gaat voor het jaar in het bestand
  --batch <map>   iedere werkmap (.xlsx, .xlsm) en CSV-staat (.csv) in de map, één regel per klant:
                  bestand, jaar, totaal investeringen dat meetelt (€), KIA, desinvesteringsbijtelling,
                  aantal problemen, voorlopig (ja/nee), fout, en per vennoot naam en KIA. Een bestand
                  dat niet gelezen of berekend kan worden is één regel met de fout; de rest gaat door. Op de foutuitvoer:
                  de overgeslagen bestanden met de reden (andere extensies zoals .json, tijdelijke
                  bestanden van Excel, pijpen en apparaten), de voortgang, en de bestanden met een fout.
                  Grenzen: ten hoogste 10.000 staten per map en 100.000 bestanden in een map, en per
                  bestand (ook zonder --batch) ten hoogste 100 MB en 3 miljoen gevulde cellen.
                  Een map van klanten met per klant een map per jaar (klanten/De Vries/2024/staat.xlsx):
                  de jaren van iedere klant op volgorde, elk met het register van de jaren ervoor;
                  per klant en jaar een regel met ook de KIA uit eerdere jaren (art. 3.44) en wat
                  open blijft, en op de foutuitvoer per klant wat doorschoof en wat nog open staat
  --eerder <bestand of map>
                  de rapporten van eerdere jaren (met hun register KIA_REGISTER_<jaar>; --rapport,
                  het taakvenster en de losse pagina schrijven het), of een klantmap (ook de mappen
                  per jaar erin); mag vaker. De KIA die doorschoof (art. 3.44) wordt aftrekbaar als
                  de staat van dit jaar het bedrijfsmiddel (zijn nummer, gedateerd in zijn jaar) als
                  betaald of in gebruik noemt; een vervreemding met in de kolom 'Uit register' een
                  verwijzing (2023:M3) krijgt investeringsjaar, bedrag en totaal uit het register.
                  Twee bestanden voor één jaar, een ontbrekend jaar of een register van een andere
                  versie staan op de foutuitvoer en in het rapport ("earlier")
  --in-gebruik <nummer>, --betaald <nummer>=<bedrag>
                  bij --eerder: een bedrijfsmiddel van een eerder jaar dat dit jaar in gebruik is
                  genomen, of wat er tot het einde van dit jaar in totaal op is betaald (2023:M2=30.000)
  --antwoorden <bestand.json>
                  antwoorden op de open vragen van een werkmap of CSV-staat (een vervoermiddel dat
                  een personenauto of een bestelauto kan zijn, een negatief bedrag, een datum in een
                  ander jaar): {"Staat!7:category": {"choice": "bestelauto", "note": "grijs kenteken"}}.
                  Zonder antwoord telt de regel niet mee en is de uitkomst voorlopig: het JSON-rapport
                  heeft "provisional": true en "open" (cel, vraag, keuzes met het voorstel eerst),
                  --explain begint met "Voorlopig:"; de werkmap zelf wordt nooit gewijzigd. Het
                  bestand van ‘Gegevens bewaren (.json)’ (taakvenster, losse pagina) werkt ook
  --out <bestand> het overzicht van --batch als .xlsx (Excel) of .csv; zonder --out de CSV op
                  standaarduitvoer. De CSV opent goed in Nederlandse Excel (dubbelklikken): velden
                  gescheiden door ';', bedragen met een decimale komma, UTF-8 met byte-order mark
  -h, --help      deze hulp
  -v, --version   het versienummer
  --              einde van de opties (voor een bestandsnaam die met '-' begint)

Afsluitcodes:
  0   gelukt (ook als de lezer de uitvoer eerder afsluit, zoals met | head; bij --batch ook als
      bestanden een fout hadden: die staan als regel in het overzicht); ook als cellen of regels van
      een werkmap niet meetellen: die staan op de foutuitvoer (bij --batch: kolom Problemen)
  1   interne fout in kia-calc; met KIA_DEBUG=1 volgt de stacktrace
  2   ongeldige invoer: onbekende optie, bestand of map niet gevonden of onleesbaar, geen geldige JSON,
      geen geldig of een beschadigd Excel-bestand, geen investeringsstaat, geen jaar, of een ongeldig
      scenario ("Ongeldige invoer: <veld>: <reden> (waarde: ...)"; in een scenario-bestand ook één
      ongeldige investering)

Voorbeelden:
  npm run -s kia-calc -- scenario.json
  npm run -s kia-calc -- --explain scenario.json
  npm run -s kia-calc -- - < scenario.json
  npm run -s kia-calc -- werkblad.xlsx
  npm run -s kia-calc -- --year 2025 staat.csv
  npm run -s kia-calc -- --rapport rapport.xlsx --klant "Bakkerij De Vries" --opgesteld-door "J. Jansen" werkblad.xlsx
  npm run -s kia-calc -- --batch klanten/ --out overzicht.xlsx
  npm run -s kia-calc -- --batch klanten/ > overzicht.csv
  npm run -s kia-calc -- --eerder rapport-2024.xlsx --eerder rapport-2023.xlsx staat-2025.xlsx
  npm run -s kia-calc -- --eerder "klanten/De Vries" --rapport rapport-2025.xlsx "klanten/De Vries/2025/staat.xlsx"
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
  /** standard error is a terminal (a progress bar for --batch); default: process.stderr.isTTY */
  stderrIsTTY: boolean;
  /** a clock in milliseconds for --batch's timing (tests) */
  now: () => number;
}

class UsageError extends Error {}

interface Options {
  explain: boolean;
  scenario: boolean;
  help: boolean;
  version: boolean;
  file: string;
  year?: number;
  batch?: string;
  /** a JSON file with answers to the ledger's open questions ({ "Staat!7:category": { "choice": "bestelauto", "note": "…" } }) */
  answers?: string;
  out?: string;
  /** files or client folders with the registers of earlier years */
  earlier: string[];
  /** --in-gebruik ID: an earlier year's asset taken into use this year; --betaald ID=bedrag: paid by this year's end */
  inUse: string[];
  paid: string[];
  /** --rapport: the report sheet as .xlsx, with the client block's details */
  rapport?: string;
  client: { name?: string; fiscalNumber?: string; dossier?: string; tax?: "ib" | "vpb"; preparedBy?: string; reviewedBy?: string };
  /** --datum, as jjjj-mm-dd */
  date?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { explain: false, scenario: false, help: false, version: false, file: "", earlier: [], inUse: [], paid: [], client: {} };
  const files: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (optionsEnded || a === "-" || !a.startsWith("-")) {
      files.push(a);
      continue;
    }
    // --year 2025 and --year=2025
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0 && name !== a) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${name} verwacht een waarde`);
      return v;
    };
    if (a === "--") optionsEnded = true;
    else if (a === "--explain") o.explain = true;
    else if (a === "--scenario") o.scenario = true;
    else if (a === "--help" || a === "-h") return { ...o, help: true };
    else if (a === "--version" || a === "-v") return { ...o, version: true };
    else if (name === "--year") {
      const v = value();
      if (!/^\d{4}$/.test(v.trim())) throw new UsageError(`--year verwacht een jaartal, zoals 2025 (gegeven: ${v})`);
      o.year = Number(v);
    } else if (name === "--rapport") o.rapport = value();
    else if (name === "--klant") o.client.name = value();
    else if (name === "--fiscaal-nummer") o.client.fiscalNumber = value();
    else if (name === "--dossier") o.client.dossier = value();
    else if (a === "--vpb") o.client.tax = "vpb";
    else if (name === "--opgesteld-door") o.client.preparedBy = value();
    else if (name === "--beoordeeld-door") o.client.reviewedBy = value();
    else if (name === "--datum") {
      const v = value().trim();
      const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
      const iso = m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : "";
      const d = new Date(`${iso}T00:00:00Z`);
      if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
        throw new UsageError(`--datum verwacht een datum als dd-mm-jjjj, zoals 31-03-2026 (gegeven: ${v})`);
      o.date = iso;
    } else if (name === "--batch") o.batch = value();
    else if (name === "--out") o.out = value();
    else if (name === "--antwoorden" || name === "--answers") o.answers = value();
    else if (name === "--eerder") o.earlier.push(value());
    else if (name === "--in-gebruik") o.inUse.push(value());
    else if (name === "--betaald") o.paid.push(value());
    else throw new UsageError(`Onbekende optie ${a}`);
  }
  if (o.batch !== undefined) {
    if (files.length) throw new UsageError(`--batch leest een map; ook opgegeven: ${files.join(" ")}`);
    if (o.explain || o.scenario) throw new UsageError("--explain en --scenario gelden voor één scenario of werkmap, niet voor --batch");
    if (o.earlier.length || o.inUse.length || o.paid.length)
      throw new UsageError("--eerder, --in-gebruik en --betaald gelden voor één werkmap; --batch leest de eerdere jaren uit de map van iedere klant");
    return o;
  }
  if (o.out !== undefined) throw new UsageError("--out hoort bij --batch");
  if ((o.inUse.length || o.paid.length) && !o.earlier.length)
    throw new UsageError("--in-gebruik en --betaald gelden voor de KIA uit eerdere jaren: geef ook --eerder");
  if (o.explain && o.scenario) throw new UsageError("Kies --explain of --scenario, niet beide");
  if (o.rapport !== undefined && (o.explain || o.scenario)) throw new UsageError("--rapport schrijft het rapport; kies het zonder --explain of --scenario");
  if (o.rapport !== undefined && !/\.xlsx$/i.test(o.rapport))
    throw new UsageError(`--rapport schrijft een Excel-bestand: geef een naam die op .xlsx eindigt (gegeven: ${o.rapport})`);
  if (o.rapport === undefined && (Object.keys(o.client).length || o.date))
    throw new UsageError("--klant, --fiscaal-nummer, --dossier, --vpb, --opgesteld-door, --beoordeeld-door en --datum horen bij --rapport");
  if (files.length === 0) throw new UsageError("Geen scenario opgegeven");
  if (files.length > 1) throw new UsageError(`Eén scenario tegelijk; ook opgegeven: ${files.slice(1).join(" ")}`);
  o.file = files[0];
  return o;
}

/** The version in package.json: next to cli/ (tsx) or two levels above dist/cli/ (built). */
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
      if (e instanceof UsageError) return await fail(`${e.message}\n${USAGE}\nMeer uitleg: npm run -s kia-calc -- --help\n`, 2);
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

    if (o.batch !== undefined) {
      const batch = require("./batch") as typeof Batch;
      try {
        return await batch.runBatch({
          dir: o.batch,
          out: o.out,
          year: o.year,
          stdout: out,
          stderr: err,
          isTTY: io.stderrIsTTY ?? (io.stderr === undefined && process.stderr.isTTY === true),
          core: loadCore(),
          now: io.now,
        });
      } catch (e) {
        if (e instanceof InputError) return await fail(e.message + "\n", 2);
        throw e;
      }
    }

    let scenario: unknown;
    let leftOut: ScenarioRead["leftOut"];
    let normalized: ScenarioRead["normalized"];
    let earlier: ScenarioRead["earlier"];
    let refused: ScenarioRead["refused"];
    try {
      ({ scenario, leftOut, normalized, earlier, refused } = await readScenario(o.file, () => io.stdin ?? process.stdin, o.year, err, loadCore, o.answers, o));
    } catch (e) {
      if (e instanceof InputError) return await fail(e.message.endsWith("\n") ? e.message : e.message + "\n", 2);
      throw e;
    }
    // A worked example (test/scenarios/*.json: { source, scenario, expect }) runs its scenario.
    if (typeof scenario === "object" && scenario !== null && "scenario" in scenario && !("year" in scenario)) {
      scenario = (scenario as { scenario: unknown }).scenario;
    }
    if (o.scenario) {
      await writeJson(out, scenario, 2);
      return 0;
    }

    const core = loadCore();
    let report: unknown;
    let text: string | undefined;
    const read = o.rapport !== undefined ? scenario : undefined;
    try {
      // a workbook's rows were validated once by the reader: evaluated as validated (unless a test injects evaluate)
      // a workbook refused as a whole: the reader's refusal, which names the cell (a partner without the key's figure)
      if (refused && !io.evaluate) throw refused;
      report = io.evaluate ? io.evaluate(scenario) : normalized ? core.evaluateNormalized(normalized) : core.evaluate(scenario);
      normalized = undefined;
      scenario = undefined; // the input is not needed any more: let it be collected while the report is written
      if (o.explain) text = (io.explainText ?? (core.explainText as CliIo["explainText"]))(report);
    } catch (e) {
      if (e instanceof core.KiaValidationError) return await fail(`${(require("./rows") as typeof Rows).invalidInput(e, !leftOut)}\n`, 2);
      throw e;
    }
    if (o.rapport !== undefined) {
      let written: { sheet: string; rows: number; provisional: boolean };
      try {
        written = await (require("./report") as typeof ReportFile).writeReportFile(o.rapport, report as Core.Report, {
          scenario: read as Core.Scenario,
          source: o.file === "-" ? "(standaardinvoer)" : inputName(o.file),
          leftOut: leftOut?.places,
          open: leftOut?.questions,
          examples: leftOut?.examples,
          ...(leftOut ? { lines: leftOut.lines } : {}),
          client: o.client,
          date: o.date,
          version: version(),
        });
      } catch (e) {
        if (e instanceof InputError) return await fail(e.message + "\n", 2);
        throw e;
      }
      await out.write(`Rapport geschreven: ${o.rapport} (blad ${written.sheet}, ${written.rows} rijen)\n`);
      if (written.provisional)
        await out.write(
          `Het rapport is een CONCEPT: ${leftOut?.provisionalLine.replace(/^Voorlopig: /, "").replace(/; de KIA hieronder is niet definitief\.\s*$/, "")}. Beantwoord de open vragen (--antwoorden) of verbeter de staat, en maak het opnieuw.\n`,
        );
      return 0;
    }
    if (text !== undefined)
      await writeText(out, (leftOut ? leftOut.provisionalLine + withSection(text, leftOut.section) : text) + (earlier ? earlier.section : ""));
    else {
      // a workbook's report starts with whether it is final and what it leaves out (still streamed: only the top level is a new object)
      const isReport = typeof report === "object" && report !== null && !Array.isArray(report);
      const head =
        leftOut || earlier
          ? {
              ...(leftOut ? { provisional: leftOut.provisional, open: leftOut.open, leftOut: leftOut.entries } : {}),
              ...(earlier ? { earlier: earlier.json } : {}),
            }
          : undefined;
      if (!(await writeJson(out, head && isReport ? { ...head, ...(report as object) } : report, 2)))
        throw new Error(`evaluate gaf geen rapport terug maar ${typeof report}`);
    }
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

/** What readScenario gives: the scenario, and for a workbook or CSV what was left out of it. */
interface ScenarioRead {
  scenario: unknown;
  /** a workbook or CSV only: the JSON report's `leftOut` entries and --explain's section (empty when none) */
  leftOut?: {
    entries: Rows.LeftOutEntry[];
    section: string;
    /** the structured rows left out, for the report's 'Niet meegeteld' (kia-calc --rapport) */
    places: LeftOut[];
    /** the open questions as the report lists them (kia-calc --rapport) */
    questions: ReportFile.OpenRow[];
    /** the firm template's example rows still in the workbook (a CONCEPT report) */
    examples: number;
    /** the ledger's lines read and rows passed over (the report's "Regels van de staat") */
    lines: WorkbookReader.LedgerLines;
    /** the figure is not final: a row left out or a question open */
    provisional: boolean;
    /** the open questions: the cell, the row's number, the question and its choices (the suggestion first) */
    open: { cell: string; id?: string; question: string; choices: string[]; suggestion?: string }[];
    /** --explain's first line when provisional ("Voorlopig: …"), else "" */
    provisionalLine: string;
  };
  /** a workbook or CSV: its scenario validated once by the reader (evaluated without validating it again) */
  normalized?: Core.NormalizedScenario;
  /** a workbook or CSV refused as a whole by the core, in the reader's words (at the cell where it can) */
  refused?: Core.KiaValidationError;
  /** with --eerder: the registers used and what is not right (the JSON report's `earlier`, --explain's last section) */
  earlier?: { json: Earlier.EarlierJson; section: string };
}

/** The explanation with the section "Niet meegeteld" after its first paragraph (the line with the KIA). */
function withSection(text: string, section: string): string {
  if (!section) return text;
  const i = text.indexOf("\n\n");
  return i < 0 ? `${section}\n${text}` : `${text.slice(0, i + 2)}${section}\n${text.slice(i + 2)}`;
}

/**
 * The scenario of a file or standard input: a workbook (by its bytes: a zip package or an old .xls; or by its
 * extension .xlsx/.xlsm/.xls, so a damaged one is named as such) or a CSV ledger (by its extension .csv) through the
 * workbook reader, whose unreadable cells and the rows the calculation refuses are listed on standard error and left
 * out (cli/rows.ts), and given back for the output; anything else as JSON.
 */
async function readScenario(
  file: string,
  stdin: () => AsyncIterable<Buffer | Uint8Array | string>,
  year: number | undefined,
  err: Sink,
  core: () => typeof Core,
  answersFile?: string,
  years: Pick<Options, "earlier" | "inUse" | "paid"> = { earlier: [], inUse: [], paid: [] },
): Promise<ScenarioRead> {
  const name = inputName(file);
  // a workbook or CSV by its name is read up to the ledger limit, before its bytes are (src/workbook/limits.ts)
  const bytes = file === "-" ? await readStreamBytes(stdin()) : readFileBytes(file, LEDGER_NAME.test(file) ? MAX_FILE_BYTES : Infinity);

  const reader = require("./workbook") as typeof WorkbookReader;

  const earlierMod = years.earlier.length ? (require("./earlier") as typeof Earlier) : undefined;
  const earlierFiles = earlierMod ? await earlierMod.loadEarlier(years.earlier, file === "-" ? undefined : file) : undefined;
  const kind = reader.ledgerKind(file === "-" ? undefined : file, bytes);
  if (kind !== "json") {
    const source = file === "-" ? "(standaardinvoer)" : file;
    const answers = answersFile === undefined ? undefined : readAnswers(answersFile);
    const options = { year, ...(answers ? { answers } : {}), ...(earlierFiles ? { fromRegister: earlierMod!.fromRegisters(earlierFiles) } : {}) };
    const read = kind === "csv" ? await reader.readCsvFile(bytes, source, options) : await reader.readWorkbookFile(bytes, source, options);

    const rows = require("./rows") as typeof Rows;
    const text = (list: readonly Rows.Line[]) => list.map((p) => `${p.cell}: ${p.message}`);
    const n = read.problems.length;
    if (n)
      await err.write(
        rows.listing(
          `Let op: ${n === 1 ? "1 cel" : `${n} cellen`} in ${name} niet gelezen; ${n === 1 ? "die regel telt" : "die regels tellen"} niet mee:`,
          text(read.problems),
        ),
      );
    // a sale read that misses facts (without its investment amount or that year's total, or the investment it sold)
    const incomplete = read.leftOut.filter(rows.isIncomplete);
    const k = incomplete.length;
    if (k)
      await err.write(
        rows.listing(
          `Let op: ${rows.READER_CODES.INCOMPLETE.count(k)} in ${name} ${rows.READER_CODES.INCOMPLETE.what(k)}; ${k === 1 ? "die telt" : "die tellen"} niet mee tot ${k === 1 ? "hij is" : "ze zijn"} aangevuld:`,
          text(incomplete.map(rows.leftOutLine)),
        ),
      );
    const refused = read.leftOut.filter((x) => x.code !== "UNREADABLE" && !rows.isIncomplete(x));
    const m = refused.length;
    if (m)
      await err.write(
        rows.listing(
          `Let op: ${m} ${m === 1 ? "regel" : "regels"} in ${name} ${m === 1 ? "telt" : "tellen"} niet mee; de berekening weigert ze:`,
          text(refused.map(rows.leftOutLine)),
        ),
      );
    if (read.yearFromDates) {
      const { dated, investments } = read.yearFromDates;
      const y = read.scenario.year;
      await err.write(
        `Let op: geen jaar in ${name}; berekend voor ${y}, ${reader.datesYearText({ year: y, dated, investments })}. Een ander jaar: npm run -s kia-calc -- --year <jaar> ${file}\n`,
      );
    }
    // the earlier years: their open KIA carried in, rows of their investments no longer questions, what is not right
    const earlier = earlierFiles ? await earlierMod!.applyToRead(read, earlierFiles, years, err) : undefined;
    const unread = read.leftOut.filter((x) => x.code === "UNREADABLE");
    const open = read.open.map((q) => {
      const order = q.suggestion ? [q.choices.find((c) => c.value === q.suggestion)!, ...q.choices.filter((c) => c.value !== q.suggestion)] : q.choices;
      return {
        cell: q.cell,
        ...(q.id ? { id: q.id } : {}),
        question: q.question,
        choices: order.map((c) => c.value),
        ...(q.suggestion ? { suggestion: q.suggestion } : {}),
      };
    });
    if (open.length)
      await err.write(
        rows.listing(
          `Let op: ${open.length === 1 ? "1 open vraag" : `${open.length} open vragen`} in ${name}; ${open.length === 1 ? "die regel telt" : "die regels tellen"} niet mee tot ze beantwoord ${open.length === 1 ? "is" : "zijn"} (--antwoorden):`,
          read.open.map((q) => `${q.cell}: ${q.question}${q.suggestion ? ` (voorstel: ${q.choices.find((c) => c.value === q.suggestion)!.label})` : ""}`),
        ),
      );
    for (const w of read.warnings) await err.write(`Let op: ${w.sheet}${w.row ? `, rij ${w.row}` : ""}: ${w.message}\n`);
    const leftRows = new Set(read.leftOut.map((x) => `${x.sheet}!${x.row}`)).size;
    const examples = reader.examplesCount(read.examples);
    const provisionalLine = read.provisional
      ? `Voorlopig: ${[
          open.length ? `${open.length} ${open.length === 1 ? "open vraag" : "open vragen"}` : "",
          leftRows ? `${leftRows} ${leftRows === 1 ? "regel" : "regels"} niet meegeteld` : "",
          examples ? `${examples} ${examples === 1 ? "voorbeeldregel" : "voorbeeldregels"} van het KIA-werkblad` : "",
        ]
          .filter(Boolean)
          .join(", ")}; de KIA hieronder is niet definitief.\n\n`
      : "";
    return {
      scenario: read.scenario,
      normalized: read.normalized,
      ...(read.refused ? { refused: read.refused } : {}),
      ...(earlier ? { earlier } : {}),
      leftOut: {
        provisional: read.provisional,
        open,
        provisionalLine,
        entries: [...unread.map(rows.leftOutEntry), ...incomplete.map(rows.leftOutEntry), ...read.notes.map(rows.noteEntry), ...refused.map(rows.leftOutEntry)],
        // what was read, in the words of the pane's header and the report (src/workbook/lines.ts), then what was left out
        section:
          `Gelezen: ${read.found.ledger}: ${reader.ledgerLinesText(read.lines)}.\n` +
          rows.leftOutSection(
            [...read.problems, ...incomplete.map(rows.leftOutLine), ...refused.map(rows.leftOutLine)],
            [...unread, ...incomplete, ...read.notes, ...refused],
            kind === "csv",
          ),
        lines: read.lines,
        places: read.leftOut,
        questions: read.open.map(openRow),
        examples,
      },
    };
  }
  if (year !== undefined) throw new InputError('--year geldt voor een werkmap of CSV-staat; in een scenario staat het jaar in "year"');
  if (answersFile !== undefined) throw new InputError("--antwoorden geldt voor een werkmap of CSV-staat");
  if (earlierFiles) throw new InputError('--eerder geldt voor een werkmap of CSV-staat; in een scenario staat de KIA uit eerdere jaren in "carriedIn"');
  return { scenario: parseJson(decode(bytes, name), name) };
}

/**
 * The answers file of --antwoorden: { "<blad>!<rij>:<soort>": { "choice": "…", "note": "…" } }, or the file of the
 * pane's "Gegevens bewaren (.json)" (its answers; an answer whose choice the row no longer offers is not applied).
 */
function readAnswers(file: string): Record<string, { choice: string; note?: string }> {
  const text = decode(readFileBytes(file), file);
  const json = parseJson(text, file);
  const raw = savedDataAnswers(json) ?? json;
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new InputError(`${file}: verwacht een JSON-object met antwoorden, zoals {"Staat!7:category": {"choice": "bestelauto"}}`);
  const out: Record<string, { choice: string; note?: string }> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const a = v as { choice?: unknown; note?: unknown };
    if (!/^.+!\d+:(category|credit|year)$/.test(k) || !a || typeof a.choice !== "string")
      throw new InputError(`${file}: antwoord "${k}" wordt niet begrepen; verwacht "<blad>!<rij>:category|credit|year": {"choice": "…"}`);
    out[k] = { choice: a.choice, ...(typeof a.note === "string" ? { note: a.note } : {}) };
  }
  return out;
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
