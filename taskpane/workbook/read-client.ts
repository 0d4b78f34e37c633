/**
 * The page's side of the reading worker (./read-worker.ts): one worker for the file on the page, its requests
 * answered in turn with their progress. A request stopped by its AbortSignal ends the worker (a reading cannot be
 * stopped halfway otherwise); the file workbook (./file.ts) starts another when it reads again.
 */
import type { ReadFailure, ReadReply, ReadRequest } from "./read-worker";
import type { ReadProgress } from "./types";

type Request = ReadRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** The error of a reading the user stopped (name "AbortError", as fetch() rejects). */
export function stopped(): Error {
  const e = new Error("Het inlezen is gestopt.");
  e.name = "AbortError";
  return e;
}

/** An error from the worker as the page tells it apart: its name, message, code and file. */
function rebuilt(f: ReadFailure): Error {
  return Object.assign(
    new Error(f.message),
    { name: f.name },
    f.code ? { code: f.code } : {},
    f.fileName ? { fileName: f.fileName } : {},
    f.detail ? { detail: f.detail } : {},
  );
}

export class ReadClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: ReadProgress) => void }>();
  private ended = false;

  constructor(url: string) {
    this.worker = new Worker(url);
    this.worker.onmessage = (e: MessageEvent<ReadReply>) => {
      const reply = e.data;
      const w = this.waiting.get(reply.id);
      if (!w) return;
      if (reply.type === "progress") return w.onProgress?.(reply.progress);
      this.waiting.delete(reply.id);
      if (reply.type === "done") w.resolve(reply.value);
      else w.reject(rebuilt(reply.error));
    };
    // the worker's script did not load or threw outside a request (a browser without workers for this page)
    this.worker.onerror = (e) => this.fail(new Error(`Het bestand kon niet worden gelezen (${e.message || "de lezer start niet"}).`));
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Sends a request; its ArrayBuffer (open) is handed over, not copied. */
  request<T>(request: Request, onProgress?: (p: ReadProgress) => void, signal?: AbortSignal): Promise<T> {
    if (this.ended) return Promise.reject(stopped());
    if (signal?.aborted) {
      this.end();
      return Promise.reject(stopped());
    }
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      signal?.addEventListener("abort", () => this.end(), { once: true });
      const message = { ...request, id } as ReadRequest;
      this.worker.postMessage(message, message.type === "open" ? [message.bytes] : []);
    });
  }

  /** Ends the worker; what was asked of it is rejected as stopped. */
  end(): void {
    this.fail(stopped());
  }

  private fail(e: Error): void {
    if (!this.ended) this.worker.terminate();
    this.ended = true;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
