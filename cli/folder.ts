/**
 * Listing a folder for --batch and --eerder within bounds (issue 17 §3): entry by entry, stopped past
 * MAX_BATCH_ENTRIES, so a folder of millions of files ends in a Dutch message instead of a list that fills the
 * memory. How deep --batch goes is fixed by its layout, never by recursion: the folder's own ledgers, or clients'
 * folders with a folder per year (klanten/<klant>/<jaar>/staat.xlsx: three levels).
 */
import { opendirSync } from "fs";
import { InputError, oneLine } from "./input";

/** The most ledgers one run reads (the folder's own and all clients' years together). */
export const MAX_BATCH_FILES = 10_000;
/** The most entries of one folder that are listed. */
export const MAX_BATCH_ENTRIES = 100_000;

/** A count with thousands points: 10000 -> "10.000". */
export const dots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** A folder of more entries than are listed. */
export class FolderTooLarge extends InputError {}

/** The names in a folder, in no order; FolderTooLarge past `max` entries, an InputError when it cannot be read. */
export function namesIn(dir: string, max = MAX_BATCH_ENTRIES): string[] {
  const names: string[] = [];
  try {
    const d = opendirSync(dir);
    try {
      for (let e = d.readSync(); e !== null; e = d.readSync()) {
        if (names.length >= max)
          throw new FolderTooLarge(
            `Map ${dir} bevat meer dan ${dots(max)} bestanden; --batch leest ten hoogste ${dots(MAX_BATCH_FILES)} staten per keer: verdeel de werkmappen over meer mappen`,
          );
        names.push(e.name);
      }
    } finally {
      d.closeSync();
    }
  } catch (e) {
    throw folderError(dir, e);
  }
  return names;
}

/** Refuses a run of more than MAX_BATCH_FILES ledgers before one is read. */
export function checkLedgerCount(dir: string, n: number, max = MAX_BATCH_FILES): void {
  if (n > max) throw new InputError(`Map ${dir} bevat ${dots(n)} staten; --batch leest er ten hoogste ${dots(max)} per keer: verdeel de werkmappen over meer mappen`);
}

/** A folder that cannot be listed, in Dutch (an InputError of our own passes as it is). */
export function folderError(dir: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new InputError(`Map ${dir} niet gevonden`);
  if (code === "EACCES" || code === "EPERM") return new InputError(`Map ${dir} kan niet gelezen worden: geen leesrechten`);
  return new InputError(`Map ${dir} kan niet gelezen worden: ${oneLine(e)}`);
}
