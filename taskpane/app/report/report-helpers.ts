/**
 * Small pure helpers of the report step's components (ClientForm, ReturnFigures): no DOM, tested in jest. Part of
 * the report step's lazy chunk.
 */
import type { ClientDetails } from "../../../src/report-sheet";

/** Whether a BSN or RSIN passes the eleven test: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11 (and not 0). */
export function elevenTest(number: string): boolean {
  const d = number.replace(/[\s.-]/g, "");
  if (!/^\d{8,9}$/.test(d)) return false;
  const n = d.padStart(9, "0");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(n[i]);
  sum -= Number(n[8]);
  return sum % 11 === 0 && sum !== 0;
}

/** The bare number of a plain decimal amount: its digits, the culture's decimal separator, nothing else. */
export function bareNumber(amount: string, decimalSeparator: string): string {
  return amount.replace(".", decimalSeparator);
}

/** The client block as the document holds it, taken only where it has the right shape. */
export function clientOf(v: unknown): ClientDetails {
  if (!v || typeof v !== "object") return {};
  const o = v as Record<string, unknown>;
  const out: ClientDetails = {};
  for (const k of ["name", "fiscalNumber", "dossier", "preparedBy", "reviewedBy"] as const) if (typeof o[k] === "string") out[k] = o[k] as string;
  if (o.tax === "ib" || o.tax === "vpb") out.tax = o.tax;
  return out;
}
