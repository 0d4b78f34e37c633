/**
 * Generated ledgers for the benchmarks: `n` assets with a mix of categories, groups, unpaid assets and a
 * partnership of five. "large": a realistic ledger whose total is far above the ceiling (KIA 0); "in band":
 * small rows grouped into assets of € 450 so the total stays in the phase-out band and every row gets its part
 * of the KIA (the per-asset attribution is exercised).
 */
export function benchScenario(n: number, kind: "large" | "in band" = "large") {
  const inBand = kind === "in band";
  const investments = Array.from({ length: n }, (_, i) => ({
    id: `A${i}`,
    category: inBand ? "machine" : i % 50 === 0 ? "personenauto" : i % 7 === 0 ? "computer" : "machine",
    amount: inBand ? (2 + (i % 3)).toFixed(2) : (100 + ((i * 37.13) % 2000)).toFixed(2),
    ...(i % 1000 === 0 && !inBand ? { paid: "10", inUse: false } : {}),
    ...(inBand ? { group: `g${Math.floor(i / 150)}` } : i % 333 === 0 && i % 1000 !== 0 ? { group: `g${i % 10}` } : {}),
  }));
  return {
    year: 2025,
    investments,
    partnership: {
      key: "capital" as const,
      jointRequest: true,
      partners: [1, 2, 3, 4, 5].map((k) => ({ name: `Vennoot ${k}`, capital: String(k * 10000), profit: 20 })),
    },
  };
}

/**
 * The same ledger with every row refused. "amount": an amount that is text or negative (issue 17's case); "mixed":
 * each row its own fault, as a real bad ledger has them (an unknown category, text or a negative amount, paid above
 * the amount, no id, a yes/no field as text, a date that is none). Both go through JSON, as a scenario file does,
 * so the good and the bad rows are objects of the same kind.
 */
export function refusedScenario(n: number, kind: "amount" | "mixed") {
  const good = benchScenario(n);
  const fault = (i: number): Record<string, unknown> => {
    if (kind === "amount") return { amount: i % 2 ? String(-1 - i) : `x${i}` };
    switch (i % 7) {
      case 0:
        return { category: `ruimteschip ${i % 300}` };
      case 1:
        return { amount: `x${i}` };
      case 2:
        return { amount: -1 - (i % 1000) };
      case 3:
        return { paid: "9999999" };
      case 4:
        return { id: "" };
      case 5:
        return { inUse: "ja" };
      default:
        return { date: `2025-02-${30 + (i % 2)}` };
    }
  };
  const bad = { ...good, investments: good.investments.map((x, i) => ({ ...x, ...fault(i) })) };
  return JSON.parse(JSON.stringify(bad)) as typeof bad;
}
