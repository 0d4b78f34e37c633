/**
 * Small pure helpers for what the pane shows: conditions that say the same thing once, and where the ledger came
 * from in the pane's language. No DOM; tested in jest.
 */
import type { Lang } from "./i18n";

/** Conditions in a row with the same status and text shown once: "a–f. n.v.t." with the one sentence. */
export function sameInARow<T extends { code: string; text: string; status: string }>(conditions: readonly T[]): T[] {
  const out: T[] = [];
  let first: T | null = null;
  for (const c of conditions) {
    const last = out[out.length - 1];
    if (last && first && last.text === c.text && last.status === c.status) out[out.length - 1] = { ...last, code: `${first.code}–${c.code}` };
    else {
      out.push(c);
      first = c;
    }
  }
  return out;
}

/**
 * Where the ledger was read, as the workbook adapters describe it in Dutch ("tabel Investeringen in
 * voorbeeld.xlsx", "blad Staat", "selectie A4:N20"), in the pane's language. Names stay as they are.
 */
export function sourceText(source: string, lang: Lang): string {
  if (lang !== "en") return source;
  // "tabel X in Y" -> "table X in Y" (also after a file name: "staat.xlsx — tabel X")
  const words: Record<string, string> = { tabel: "table", blad: "sheet", selectie: "selection" };
  return source.replace(/(^|— |: )(tabel|blad|selectie) /g, (_, before: string, w: string) => `${before}${words[w]} `);
}
