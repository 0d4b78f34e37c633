/**
 * Step 4's "Uit eerdere jaren" (../steps/Earlier.tsx) in pure functions: what the registers of earlier years give the choices,
 * and a disposal picked from a register as step 4's fields hold it. No DOM; tested in jest (test/years.test.ts).
 */
import { Decimal } from "../../../src/decimal";
import { candidateSource, openParts, registerDisposal, type DisposalCandidate, type EarlierYears } from "../../../src/register";
import { formatNumber, type Culture } from "../text/format";
import type { DisposalInput, EarlierChoice } from "./state";

const decimals = (s: string) => (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);

/**
 * What the registers give the choices: the parts of earlier years still open, the registers used, what is not right,
 * and the disposals table's register references filled (or why not), for this year's partners.
 */
export function earlierChoiceOf(
  earlier: EarlierYears,
  ledgerDisposals: readonly unknown[],
  partners: readonly string[],
): Omit<EarlierChoice, "inUse" | "paid"> {
  const fill = registerDisposal(earlier, partners);
  const fromRegister: Record<string, Record<string, unknown> | string> = {};
  for (const d of ledgerDisposals as { id?: unknown; description?: string; price?: unknown; register?: unknown }[])
    if (typeof d.register === "string")
      fromRegister[d.register] = fill(d.register, { id: String(d.id ?? d.register), description: d.description, price: d.price });
  return {
    carriedIn: openParts(earlier),
    used: earlier.used.map((u) => ({ year: u.year, file: u.file, table: u.table })),
    messages: earlier.messages.map((m) => m.text),
    ...(Object.keys(fromRegister).length ? { fromRegister } : {}),
  };
}

/** A disposal picked from a register, as step 4's fields hold it: its figures in the culture, the partners' own percentages, the citation. */
export function disposalInputOf(c: DisposalCandidate, partners: readonly string[], culture: Culture): DisposalInput {
  const rates = c.partnerRates.filter((p) => partners.includes(p.name));
  const amount = (x: string) => formatNumber(x, culture, decimals(x));
  return {
    description: c.description ?? c.asset,
    price: "",
    kind: "earlier",
    investment: "",
    investmentYear: String(c.year),
    investmentAmount: amount(c.amount),
    investmentYearTotal: amount(c.yearTotal),
    ...(rates.length
      ? { partnerRates: Object.fromEntries(rates.map((p) => [p.name, `${new Decimal(p.rate).times(100).toFixed().replace(".", culture.decimalSeparator)}%`])) }
      : {}),
    source: candidateSource(c),
  };
}
