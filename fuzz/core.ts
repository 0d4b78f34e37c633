/**
 * The core under a long seeded fuzz run: random JSON, valid scenarios of every shape, and valid scenarios with a
 * hostile value somewhere. Counts per fault class; every class must stay at 0.
 */
import fc from "fast-check";
import { hostileArb, mutate, reportFaults, run, scenarioArb } from "../test/support/fuzz-core";

export interface FuzzCounts {
  [k: string]: number;
}

export function fuzzCore(n: number, seed: number): { counts: FuzzCounts; examples: string[] } {
  const counts: FuzzCounts = {
    reports: 0,
    "validation errors (expected)": 0,
    "FAULT other exception": 0,
    "FAULT unsound report": 0,
    "FAULT message with [object Object] or over 1200 chars": 0,
    "FAULT slower than 1 s": 0,
  };
  const examples: string[] = [];
  const note = (cls: string, detail: string) => {
    counts[cls]++;
    if (examples.length < 10) examples.push(`${cls}: ${detail.slice(0, 300)}`);
  };
  const arbitrary = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 3, arbitrary: scenarioArb },
      {
        weight: 4,
        arbitrary: fc
          .tuple(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileArb)
          .map(([s, p, v]) => mutate(s, p, v)),
      },
    );
  // In batches: a sample holds its inputs (some hostile ones are large), so a million at once would not fit.
  for (let done = 0, batch = 0; done < n; batch++) {
    const size = Math.min(1000, n - done);
    done += size;
    for (const input of fc.sample(arbitrary, { numRuns: size, seed: seed + batch })) check(input);
  }
  return { counts, examples };

  function check(input: unknown): void {
    const t0 = Date.now();
    const o = run(input);
    const ms = Date.now() - t0;
    if (ms > 1000) note("FAULT slower than 1 s", `${ms} ms`);
    if (o.kind === "crash") note("FAULT other exception", String((o.error as Error)?.stack ?? o.error));
    else if (o.kind === "invalid") {
      counts["validation errors (expected)"]++;
      if (o.error.message.includes("[object Object]") || o.error.message.length > 1200)
        note("FAULT message with [object Object] or over 1200 chars", o.error.message);
    } else {
      counts.reports++;
      const f = reportFaults(o.report);
      if (f.length) note("FAULT unsound report", f.join("; "));
    }
  }
}
