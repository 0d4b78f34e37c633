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
 * The same ledger with every row refused, or (`valid`) its twin: the same fields in the same places with good values,
 * so the two differ in their faults only (not in the shapes of their objects, which cost a JavaScript engine too).
 * "amount": an amount that is text or negative (issue 17's case); "mixed": each row its own fault, as a real bad
 * ledger has them (an unknown category, text or a negative amount, paid above the amount, no id, a yes/no field as
 * text, a date that is none). Both go through JSON, as a scenario file does.
 */
export function refusedScenario(n: number, kind: "amount" | "mixed", valid = false) {
  const good = benchScenario(n);
  const fault = (i: number): Record<string, unknown> => {
    if (kind === "amount") return valid ? { amount: i % 2 ? String(11 + i) : `${1000 + i}` } : { amount: i % 2 ? String(-1 - i) : `x${i}` };
    switch (i % 7) {
      case 0:
        return { category: valid ? "inventaris" : `ruimteschip ${i % 300}` };
      case 1:
        return { amount: valid ? `${i}` : `x${i}` };
      case 2:
        return { amount: valid ? 11 + (i % 1000) : -1 - (i % 1000) };
      case 3:
        return { paid: valid ? "1" : "9999999" };
      case 4:
        return { id: valid ? `B${i}` : "" };
      case 5:
        return { inUse: valid ? true : "ja" };
      default:
        return { date: `2025-02-${valid ? 27 + (i % 2) : 30 + (i % 2)}` };
    }
  };
  const rows = { ...good, investments: good.investments.map((x, i) => ({ ...x, ...fault(i) })) };
  return JSON.parse(JSON.stringify(rows)) as typeof rows;
}
