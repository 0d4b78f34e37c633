/**
 * The standalone page's Web Worker: reads an uploaded file off the page's thread, so the page stays responsive on a
 * large ledger (a 100.000-row .xlsx took ~13 s on the page's thread) and the user can stop it. A thin wrapper around
 * the one reader: the file's Book (./file-book.ts) with readableParts and readWorkbook on it (src/workbook/read.ts),
 * as kia-calc reads a file; the page gets their results (plain data) and the progress. Built as an entry of its own
 * (webpack.config.js: read-worker.js), which the page loads only when it opens a file (./read-client.ts).
 */
import type { Book } from "../../src/workbook/book";
import { readableParts, readWorkbook, type ReadOptions } from "../../src/workbook/read";
import { openFileBook } from "./file-book";
import type { ReadProgress } from "./types";

/** What the page asks: open a file (and list what can be read as the ledger), or read it. */
export type ReadRequest =
  { id: number; type: "open"; name: string; bytes: ArrayBuffer } | { id: number; type: "read"; options: Pick<ReadOptions, "ledger" | "year"> };

/** An error as it crosses to the page: its name, message and what the page tells apart by (code, file name). */
export interface ReadFailure {
  name: string;
  message: string;
  code?: string;
  fileName?: string;
  detail?: string;
}

export type ReadReply =
  { id: number; type: "progress"; progress: ReadProgress } | { id: number; type: "done"; value: unknown } | { id: number; type: "error"; error: ReadFailure };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ReadRequest>) => void) | null; postMessage(reply: ReadReply, transfer?: Transferable[]): void };

let book: Promise<Book> | undefined;
/** the request being answered: the parse progress of the file's sheets goes to it */
let current = 0;

function failure(e: unknown): ReadFailure {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const x = e as Error & { code?: unknown; fileName?: unknown; detail?: unknown };
  return {
    name: x.name,
    message: x.message,
    ...(typeof x.code === "string" ? { code: x.code } : {}),
    ...(typeof x.fileName === "string" ? { fileName: x.fileName } : {}),
    ...(typeof x.detail === "string" ? { detail: x.detail } : {}),
  };
}

/** How far a sheet's XML is parsed, for the request being answered (whichever of its steps reads the sheet). */
const parsed = (p: { parsed: number; total: number }) => {
  if (current) scope.postMessage({ id: current, type: "progress", progress: { rowsRead: 0, rowsTotal: 0, part: p.total ? p.parsed / p.total : 1 } });
};

scope.onmessage = async (e) => {
  const request = e.data;
  current = request.id;
  try {
    if (request.type === "open") {
      book = openFileBook(new Uint8Array(request.bytes), request.name, parsed);
      scope.postMessage({ id: request.id, type: "done", value: await readableParts(await book) });
    } else {
      if (!book) throw new Error("Er is geen bestand geopend.");
      // not validated: what crosses to the page is plain data (a validated scenario holds Decimals); the pane
      // validates what it shows (derive.ts), as it does for a workbook in Excel
      const onProgress = (p: ReadProgress) => scope.postMessage({ id: request.id, type: "progress", progress: p });
      const read = await readWorkbook(await book, { ...request.options, validate: false, onProgress });
      scope.postMessage({ id: request.id, type: "done", value: read });
    }
  } catch (err) {
    scope.postMessage({ id: request.id, type: "error", error: failure(err) });
  }
  if (current === request.id) current = 0;
};
