/**
 * Core benchmarks (figures printed, not asserted):
 *  - kia(total, year) calls per second (target >= 500.000/s) and the ratio to a plain-number
 *    implementation of the same table: our distance from the physical limit;
 *  - evaluate() on a 100.000-asset scenario with a partnership of 5 (target < 500 ms).
 */
import { Decimal, evaluate, kia } from "../src";
import { establishedYears, rawTablesData } from "../src/law";
import { median, rate, time } from "./util";

const years = establishedYears();

/** The same tables with JS numbers: what the hardware can do without exact decimals (not for production). */
const plainTables = new Map(
  years.map((y) => [y, rawTablesData().years[String(y)].bands!.map((b) => ({ ...b, p: b.percent ? Number(b.percent) / 100 : 0, q: b.phaseoutPercent ? Number(b.phaseoutPercent) / 100 : 0 }))]),
);
function plainKia(total: number, year: number): number {
  const bands = plainTables.get(year)!;
  for (const b of bands) {
    if (b.upTo === null || total <= b.upTo) {
      if (b.kind === "percentage") return Math.ceil(total * b.p);
      if (b.kind === "fixed") return b.fixed!;
      if (b.kind === "phase-out") return Math.ceil(b.fixed! - (total - b.phaseoutFrom!) * b.q);
      return 0;
    }
  }
  return 0;
}

export function benchCore(): Record<string, string> {
  const out: Record<string, string> = {};
  const N = 1_000_000;
  const totals = Array.from({ length: 4096 }, (_, i) => ((i * 7919.37) % 420000) + 0.01 * (i % 100));
  const decTotals = totals.map((t) => new Decimal(t));
  let sink = 0;
  const decRate = median(
    [0, 1, 2].map(() =>
      rate(N, () => {
        for (let i = 0; i < N; i++) if (kia(decTotals[i & 4095], years[i % years.length]).rounded.isZero()) sink++;
      }),
    ),
  );
  const numRate = median(
    [0, 1, 2].map(() =>
      rate(N, () => {
        for (let i = 0; i < N; i++) if (kia(totals[i & 4095], years[i % years.length]).rounded.isZero()) sink++;
      }),
    ),
  );
  const plainRate = median(
    [0, 1, 2].map(() =>
      rate(N * 10, () => {
        for (let i = 0; i < N * 10; i++) if (plainKia(totals[i & 4095], years[i % years.length]) === 0) sink++;
      }),
    ),
  );
  out["kia(total, year), Decimal input"] = `${Math.round(decRate).toLocaleString("en")} calls/s (target >= 500,000)`;
  out["kia(total, year), number input (parsed)"] = `${Math.round(numRate).toLocaleString("en")} calls/s`;
  out["plain-number table (float, no parsing)"] = `${Math.round(plainRate).toLocaleString("en")} calls/s`;
  out["ratio plain / exact (Decimal input)"] = `${(plainRate / decRate).toFixed(1)}x`;

  const investments = Array.from({ length: 100_000 }, (_, i) => ({
    id: `A${i}`,
    category: i % 50 === 0 ? "personenauto" : i % 7 === 0 ? "computer" : "machine",
    amount: (100 + ((i * 37.13) % 2000)).toFixed(2),
    ...(i % 1000 === 0 ? { paid: "10", inUse: false } : {}),
    ...(i % 333 === 0 && i % 1000 !== 0 ? { group: `g${i % 10}` } : {}),
  }));
  const scenario = {
    year: 2025,
    investments,
    partnership: {
      key: "capital" as const,
      jointRequest: true,
      partners: [1, 2, 3, 4, 5].map((n) => ({ name: `Vennoot ${n}`, capital: String(n * 10000), profit: 20 })),
    },
  };
  evaluate(scenario); // warm-up
  const runs = [0, 1, 2, 3, 4, 5, 6].map(() => time(() => evaluate(scenario)));
  const ms = median(runs);
  const report = evaluate(scenario);
  out["evaluate(): 100,000 assets, partnership of 5"] = `${ms.toFixed(0)} ms median, ${Math.min(...runs).toFixed(0)} ms best of 7 (target < 500 ms); total ${report.total}, kia ${report.kia}`;
  if (sink < 0) console.log(sink);
  return out;
}
