/** What both workbook adapters need to know about a value they write into a cell. */

/** Text that Excel would take as a formula or a number-like entry when typed: =, +, - or @ first. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(s);
}
