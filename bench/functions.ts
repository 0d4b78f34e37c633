/**
 * Function-layer benchmarks: calls/s through KIA.AMOUNT vs the core directly (target: within 2x),
 * KIA.LEDGER on 100.000 valid rows against its floor in the same run (target: within 3x) and on 100.000 invalid rows (target: no slower than the valid
 * ones: a bad row's error is a plain value, not an exception with a stack trace), and the size of the functions
 * bundle Excel loads (target <= 40 KB minified + gzip; needs a production build: npm run build).
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import "../test/setup/custom-functions";
import * as functions from "../functions/functions";
import { kia } from "../src";
import { floorLedger, ratio } from "./floor";
import { median, rate, time } from "./util";

export function benchFunctions(): Record<string, string> {
  const out: Record<string, string> = {};
  const N = 500_000;
  // Whole cents, as Excel holds ledger amounts.
  const totals = Array.from({ length: 4096 }, (_, i) => Math.round(((i * 7919.37) % 420000) * 100 + (i % 100)) / 100);
  let sink = 0;
  const viaFunctions = median([0, 1, 2].map(() => rate(N, () => {
    for (let i = 0; i < N; i++) sink += functions.amount(totals[i & 4095], 2010 + (i % 17));
  })));
  const direct = median([0, 1, 2].map(() => rate(N, () => {
    for (let i = 0; i < N; i++) sink += kia(totals[i & 4095], 2010 + (i % 17)).roundedNumber;
  })));
  out["KIA.AMOUNT through the function layer"] = `${Math.round(viaFunctions).toLocaleString("en")} calls/s`;
  out["core kia() with the same number inputs"] = `${Math.round(direct).toLocaleString("en")} calls/s`;
  out["ratio core / function layer"] = `${(direct / viaFunctions).toFixed(2)}x (target <= 2x)`;

  const cats = ["machine", "Computer", "personenauto", "inventaris", "gereedschap"];
  const categories = Array.from({ length: 100_000 }, (_, i) => [cats[i % 5]]);
  const amounts = Array.from({ length: 100_000 }, (_, i) => [i % 3 === 0 ? `€ ${(300 + (i % 2000)).toLocaleString("nl-NL")},50` : Math.round((300 + ((i * 13.7) % 5000)) * 100) / 100]);
  functions.ledger(categories, amounts, 2025);
  floorLedger(categories, amounts, 2025);
  // Interleaved with its floor (the same two columns read as plain numbers, one result row each: bench/floor.ts).
  const staat: number[] = [];
  const staatFloor: number[] = [];
  for (let k = 0; k < 7; k++) {
    staat.push(time(() => functions.ledger(categories, amounts, 2025)));
    staatFloor.push(time(() => floorLedger(categories, amounts, 2025)));
  }
  const ms = median(staat);
  out["KIA.LEDGER on 100,000 valid rows"] = `${ms.toFixed(0)} ms median of 7; floor ${median(staatFloor).toFixed(1)} ms; ${ratio(ms, median(staatFloor), 3)}`;

  // Every row invalid, each in its own way: unknown category, negative, text, ambiguous text, too large, an error
  // cell, an empty amount, WAAR as amount, a number as category. Twice: with values that repeat (as a real ledger
  // repeats a wrong spelling) and with every value distinct.
  const invalid = (distinct: boolean) => {
    const v = (i: number, m: number) => (distinct ? i : i % m);
    return [
      Array.from({ length: 100_000 }, (_, i) => [i % 9 === 0 ? `ruimteschip ${v(i, 100)}` : i % 9 === 8 ? 1000 + v(i, 100) : cats[i % 5]]),
      Array.from({ length: 100_000 }, (_, i) => {
        switch (i % 9) {
          case 1:
            return [-1 - v(i, 1000)];
          case 2:
            return [`twaalf ${v(i, 100)}`];
          case 3:
            return [`${100 + (v(i, 900) % 900)},${String(distinct ? Math.floor(i / 900) % 1000 : 0).padStart(3, "0")}`];
          case 4:
            return [1e16 + i];
          case 5:
            return [new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero)];
          case 6:
            return [null];
          case 7:
            return [true];
          default:
            return [1000];
        }
      }),
    ];
  };
  for (const distinct of [false, true]) {
    const [badCategories, badAmounts] = invalid(distinct);
    const check = functions.ledger(badCategories, badAmounts, 2025);
    if (!check.every((r) => r[0] instanceof CustomFunctions.Error)) throw new Error("bench: a row of the invalid ledger was valid");
    const bad = median([0, 1, 2, 3, 4, 5, 6].map(() => time(() => functions.ledger(badCategories, badAmounts, 2025))));
    out[`KIA.LEDGER on 100,000 invalid rows${distinct ? ", every value distinct" : ""}`] =
      `${bad.toFixed(0)} ms median of 7 (valid rows: ${ms.toFixed(0)} ms; ratio ${(bad / ms).toFixed(2)}x)`;
  }

  const bundle = join(__dirname, "..", "dist", "addin", "functions.js");
  if (existsSync(bundle)) {
    const raw = readFileSync(bundle);
    const gz = gzipSync(raw, { level: 9 }).length / 1024;
    out["functions bundle (functions.js)"] = `${(raw.length / 1024).toFixed(1)} KB minified, ${gz.toFixed(1)} KB gzip (target <= 40 KB: ${gz <= 40 ? "met" : "NOT met"})`;
  } else out["functions bundle (functions.js)"] = "not built: run npm run build first";
  if (sink === -1) console.log(sink);
  return out;
}
