#!/usr/bin/env node
/**
 * kia-calc: evaluate a scenario file and print the report.
 *   kia-calc scenario.json            report as JSON
 *   kia-calc --explain scenario.json  explanation as Dutch text
 *   kia-calc -                        read the scenario from standard input
 * A worked-example file ({ source, scenario, expect }) is accepted too: its scenario is evaluated.
 * Exit codes: 0 ok, 2 invalid input (the message names the field), 1 anything else.
 */
import { readFileSync } from "fs";
import { evaluate, explainText, KiaValidationError } from "../src";

const USAGE = "Gebruik: kia-calc [--explain] <scenario.json | ->";

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = argv.filter((a) => a !== "--explain");
  const explain = args.length !== argv.length;
  if (argv.includes("--help") || argv.includes("-h")) {
    out(USAGE + "\n");
    return 0;
  }
  if (args.length !== 1) {
    err(USAGE + "\n");
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args[0] === "-" ? 0 : args[0], "utf8");
  } catch (e) {
    err(`Kan ${args[0]} niet lezen: ${(e as Error).message}\n`);
    return 2;
  }
  let scenario: unknown;
  try {
    scenario = JSON.parse(text);
  } catch (e) {
    err(`${args[0]} is geen geldige JSON: ${(e as Error).message}\n`);
    return 2;
  }
  // A worked example (test/scenarios/*.json: { source, scenario, expect }) runs its scenario.
  if (typeof scenario === "object" && scenario !== null && "scenario" in scenario && !("year" in scenario)) {
    scenario = (scenario as { scenario: unknown }).scenario;
  }
  try {
    const report = evaluate(scenario);
    out(explain ? explainText(report) : JSON.stringify(report, null, 2) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof KiaValidationError) {
      err(`Ongeldige invoer: ${e.message}\n`);
      return 2;
    }
    err(`Interne fout: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
