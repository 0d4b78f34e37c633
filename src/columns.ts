/** Excel's column letters, for every app and the report writer (one converter each way). */

/** Column letters as Excel shows them: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A column's index (0-based) from its letters: "A" -> 0, "H" -> 7, "AA" -> 26 (columnLetter's inverse). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
