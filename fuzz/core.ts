/**
 * The core under a long seeded fuzz run: random JSON, valid scenarios of every shape, and valid scenarios with a
 * hostile value somewhere. Each input goes to evaluate() and to validateRows() (what kia-calc and the taskpane do
 * with a ledger: leave out the rows the core refuses, evaluate the rest). Counts per fault class; every class must
 * stay at 0.
 */
import fc from "fast-check";
import { KiaValidationError, validateRows, type RowsValidated } from "../src";
import { hostileArb, mutate, reportFaults, run, scenarioArb, type Outcome } from "../test/support/fuzz-core";

export interface FuzzCounts {
  [k: string]: number;
}

/** A field of one row ("investments[3].paid"): validateRows leaves such a row out instead of throwing about it. */
const ROW_FIELD = /^(investments|disposals)\[/;

export function fuzzCore(n: number, seed: number): { counts: FuzzCounts; examples: string[] } {
  const counts: FuzzCounts = {
    reports: 0,
    "validation errors (expected)": 0,
    "FAULT other exception": 0,
    "FAULT unsound report": 0,
    "FAULT message with [object Object] or over 1200 chars": 0,
    "FAULT slower than 1 s": 0,
    "validateRows: nothing left out": 0,
    "validateRows: rows left out (inputs)": 0,
    "validateRows: rows left out (rows)": 0,
    "validateRows: refused as a whole (expected)": 0,
    "validateRows: rows kept refused as a whole (expected)": 0,
    "FAULT validateRows other exception": 0,
    "FAULT validateRows throws about a row": 0,
    "FAULT validateRows and evaluate() disagree": 0,
    "FAULT rows kept: evaluate() refuses a row": 0,
    "FAULT rows kept: evaluate() other exception": 0,
    "FAULT rows kept: unsound report": 0,
    "FAULT validateRows slower than 1 s": 0,
  };
  const examples: string[] = [];
  const note = (cls: string, detail: string) => {
    counts[cls]++;
    if (examples.length < 10) examples.push(`${cls}: ${detail.slice(0, 300)}`);
  };
  const stackOf = (e: unknown) => String((e as Error)?.stack ?? e);
  const checkMessage = (message: string) => {
    if (message.includes("[object Object]") || message.length > 1200) note("FAULT message with [object Object] or over 1200 chars", message);
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
    for (const input of fc.sample(arbitrary, { numRuns: size, seed: seed + batch })) {
      const whole = check(input);
      const t0 = Date.now();
      checkRows(input, whole);
      const ms = Date.now() - t0;
      if (ms > 1000) note("FAULT validateRows slower than 1 s", `${ms} ms`);
    }
  }
  return { counts, examples };

  function check(input: unknown): Outcome {
    const t0 = Date.now();
    const o = run(input);
    const ms = Date.now() - t0;
    if (ms > 1000) note("FAULT slower than 1 s", `${ms} ms`);
    if (o.kind === "crash") note("FAULT other exception", stackOf(o.error));
    else if (o.kind === "invalid") {
      counts["validation errors (expected)"]++;
      checkMessage(o.error.message);
    } else {
      counts.reports++;
      const f = reportFaults(o.report);
      if (f.length) note("FAULT unsound report", f.join("; "));
    }
    return o;
  }

  /**
   * validateRows() on the same input: a KiaValidationError about the scenario as a whole (never about a row, never
   * another exception), or the rows kept, which evaluate() turns into a sound report (or refuses as a whole, as for
   * a partner without the key's figure). What evaluate() accepts, validateRows keeps whole; what it refuses as a
   * whole, evaluate() refuses too.
   */
  function checkRows(input: unknown, whole: Outcome): void {
    let v: RowsValidated;
    try {
      v = validateRows(input);
    } catch (e) {
      if (!(e instanceof KiaValidationError)) return note("FAULT validateRows other exception", stackOf(e));
      counts["validateRows: refused as a whole (expected)"]++;
      checkMessage(e.message);
      if (ROW_FIELD.test(e.field)) note("FAULT validateRows throws about a row", e.message);
      else if (whole.kind === "report") note("FAULT validateRows and evaluate() disagree", `validateRows refuses what evaluate() accepts: ${e.message}`);
      return;
    }
    for (const e of v.errors) checkMessage(e.message);
    if (v.errors.length) {
      counts["validateRows: rows left out (inputs)"]++;
      counts["validateRows: rows left out (rows)"] += v.errors.length;
      if (whole.kind === "report") note("FAULT validateRows and evaluate() disagree", `validateRows leaves out what evaluate() accepts: ${v.errors[0].message}`);
    } else counts["validateRows: nothing left out"]++;
    // nothing left out: the scenario kept is the input, whose crash or report check() has counted already
    const fresh = v.errors.length > 0;
    const kept = fresh ? run(v.scenario) : whole;
    if (kept.kind === "invalid") {
      if (ROW_FIELD.test(kept.error.field)) note("FAULT rows kept: evaluate() refuses a row", kept.error.message);
      else counts["validateRows: rows kept refused as a whole (expected)"]++;
    } else if (!fresh) return;
    else if (kept.kind === "crash") note("FAULT rows kept: evaluate() other exception", stackOf(kept.error));
    else {
      const f = reportFaults(kept.report);
      if (f.length) note("FAULT rows kept: unsound report", f.join("; "));
    }
  }
}
