/**
 * Streaming JSON output for kia-calc: the same text as JSON.stringify(value, null, indent), produced piece by
 * piece so that a report of any size can be written with bounded memory, and written through a sink that
 * honours backpressure (write() returning false → wait for 'drain').
 *
 * JsonChunks walks the value with an explicit stack (no recursion, so nesting depth is not limited by the call
 * stack) and can stop after any token: next(limit) returns the next piece of about `limit` characters. It follows
 * JSON.stringify's rules: toJSON(key), Number/String/Boolean wrapper objects unwrapped, undefined/functions/symbols
 * left out of objects and written as null in arrays, non-finite numbers as null, TypeError for BigInt and for
 * circular structures, own enumerable string keys in Object.keys order.
 *
 * Speed: an object or array whose text is small (a bounded look-ahead estimates at most SMALL_OUTPUT characters
 * and finds no toJSON method) is written in one piece by the native JSON.stringify at the right indentation; only
 * big containers (the report, its `assets` array) are walked here. The look-ahead reads each property once more,
 * so a getter runs twice; reports are plain data.
 */

/** The part of a Node.js Writable that the sink uses (process.stdout, a file stream, or a fake in tests). */
export interface WritableLike {
  write(chunk: string): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  readonly destroyed?: boolean;
  readonly errored?: Error | null;
}

/** The output went away: the reader closed the pipe (EPIPE) or the stream was closed or destroyed. */
export class OutputClosedError extends Error {
  constructor(readonly cause?: unknown) {
    super("de uitvoer is gesloten");
    this.name = "OutputClosedError";
  }
}

const isClosedError = (e: unknown) => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED" || code === "ERR_STREAM_WRITE_AFTER_END";
};

/**
 * Writes strings to a WritableLike, waiting for 'drain' whenever write() returns false. A closed pipe rejects with
 * OutputClosedError; any other stream error rejects with that error. Listens for 'error' until release(), so that an
 * asynchronous EPIPE never becomes an uncaught exception while it writes (after release() the owner of the stream
 * must listen: kia-calc's process entry does).
 */
export class Sink {
  private failure: unknown = null;
  private readonly onError = (e: unknown) => {
    if (this.failure === null) this.failure = e;
  };

  constructor(private readonly stream: WritableLike) {
    stream.on("error", this.onError);
  }

  /** Stops listening to the stream's errors; a failed stream stays covered (its 'error' event may still follow). */
  release(): void {
    if (!this.failed) this.stream.removeListener("error", this.onError);
  }

  /** True once the stream failed or was closed (nothing more will be written). */
  get failed(): boolean {
    return this.failure !== null || this.stream.destroyed === true;
  }

  private check(): void {
    // A synchronous write error (EPIPE on a pipe) destroys the stream at once; its 'error' event follows later.
    if (this.failure === null && this.stream.errored) this.failure = this.stream.errored;
    if (this.failure !== null) {
      throw isClosedError(this.failure) ? new OutputClosedError(this.failure) : this.failure;
    }
    if (this.stream.destroyed) throw new OutputClosedError();
  }

  async write(chunk: string): Promise<void> {
    if (chunk === "") return;
    this.check();
    const ok = this.stream.write(chunk);
    this.check();
    if (!ok) await this.drain();
  }

  private drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const settle = () => {
        this.stream.removeListener("drain", settle);
        this.stream.removeListener("error", settle);
        this.stream.removeListener("close", settle);
        try {
          this.check();
          resolve();
        } catch (e) {
          reject(e);
        }
      };
      this.stream.once("drain", settle);
      this.stream.once("error", settle);
      this.stream.once("close", settle);
    });
  }
}

/** The size of the pieces handed to the sink (characters). */
export const CHUNK_SIZE = 64 * 1024;

/** A container whose estimated text is at most this long is written by the native JSON.stringify. */
const SMALL_OUTPUT = 16 * 1024;
/** Below this many open containers, look ahead for small ones (bounds the look-ahead's repeated work). */
const LOOKAHEAD_DEPTH = 32;

const aheadValues: unknown[] = [];
const aheadDepths: number[] = [];

/**
 * True if `root`'s JSON text is short (the estimate counts indentation, keys and string lengths; escapes such as
 * \u0000 can make it at most 6 times longer) and no object in it has a toJSON method: then JSON.stringify(root) is
 * exactly what walking it would give. Stops as soon as the estimate passes the budget, so its cost is bounded.
 */
function small(root: object, unit: number, budget = SMALL_OUTPUT): boolean {
  const values = aheadValues;
  const depths = aheadDepths;
  values.length = 0;
  depths.length = 0;
  values.push(root);
  depths.push(1);
  let size = 0;
  try {
    while (values.length) {
      const v = values.pop();
      const d = depths.pop()!;
      if (typeof v === "string") size += v.length + 2;
      else if (typeof v === "object" && v !== null) {
        if (typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
        const per = 4 + (d + 1) * unit;
        if (Array.isArray(v)) {
          size += 2 + v.length * per;
          if (size > budget) return false;
          for (let i = 0; i < v.length; i++) {
            values.push(v[i]);
            depths.push(d + 1);
          }
        } else {
          const keys = Object.keys(v);
          size += 2 + keys.length * (per + 4);
          if (size > budget) return false;
          for (const k of keys) {
            size += k.length;
            values.push((v as Record<string, unknown>)[k]);
            depths.push(d + 1);
          }
        }
      } else size += 8;
      if (size > budget) return false;
    }
    return true;
  } finally {
    values.length = 0;
    depths.length = 0;
  }
}

type Frame =
  | { array: true; value: unknown[]; length: number; i: number; outer: string; inner: string }
  | { array: false; value: Record<string, unknown>; keys: string[]; i: number; count: number; outer: string; inner: string };

/** Marks a value that JSON.stringify leaves out (undefined, a function, a symbol). */
const SKIP = Symbol("skip");

/** The value JSON.stringify serializes for `value` found under `key`: toJSON applied, wrappers unwrapped. */
function prepare(value: unknown, key: string): unknown {
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  }
  if (typeof value === "object" && value !== null) {
    if (value instanceof Number) return Number(value);
    if (value instanceof String) return String(value);
    if (value instanceof Boolean) return value.valueOf();
    if (typeof BigInt === "function" && value instanceof BigInt) return value.valueOf();
  }
  return value;
}

/** The text of a primitive, SKIP for what JSON.stringify leaves out, null for an object or array. */
function primitive(value: unknown): string | typeof SKIP | null {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    case "undefined":
    case "function":
    case "symbol":
      return SKIP;
    default:
      return value === null ? "null" : null;
  }
}

export class JsonChunks {
  private readonly stack: Frame[] = [];
  private readonly open = new Set<object>();
  private started = false;
  private readonly unit: string;
  private readonly nl: string;
  private readonly colon: string;
  private readonly quoted = new Map<string, string>();

  /** indent: as JSON.stringify's third argument (a number of spaces up to 10, or a string of up to 10 characters). */
  constructor(
    private readonly root: unknown,
    indent: number | string = 2,
  ) {
    this.unit = typeof indent === "number" ? " ".repeat(Math.max(0, Math.min(10, Math.floor(indent)))) : indent.slice(0, 10);
    this.nl = this.unit ? "\n" : "";
    this.colon = this.unit ? ": " : ":";
  }

  /** The next piece of output (about `limit` characters, never empty), or null when the value is complete. */
  next(limit = CHUNK_SIZE): string | null {
    let out = "";
    if (!this.started) {
      this.started = true;
      const v = prepare(this.root, "");
      const p = primitive(v);
      if (p === SKIP) return null; // JSON.stringify returns undefined: nothing to write
      if (p !== null) return p;
      out = this.container(v as object, "");
    }
    const stack = this.stack;
    while (stack.length && out.length < limit) {
      const f = stack[stack.length - 1];
      if (f.array) {
        if (f.i < f.length) {
          const i = f.i++;
          out += (i ? "," : "") + this.nl + f.inner;
          const v = prepare(f.value[i], String(i));
          const p = primitive(v);
          out += p === SKIP ? "null" : p !== null ? p : this.container(v as object, f.inner);
        } else {
          stack.pop();
          this.open.delete(f.value);
          out += f.length ? this.nl + f.outer + "]" : "]";
        }
      } else if (f.i < f.keys.length) {
        const k = f.keys[f.i++];
        const v = prepare(f.value[k], k);
        const p = primitive(v);
        if (p === SKIP) continue;
        out += (f.count++ ? "," : "") + this.nl + f.inner + this.quote(k) + this.colon;
        out += p !== null ? p : this.container(v as object, f.inner);
      } else {
        stack.pop();
        this.open.delete(f.value);
        out += f.count ? this.nl + f.outer + "}" : "}";
      }
    }
    return out === "" ? null : out;
  }

  private quote(key: string): string {
    let q = this.quoted.get(key);
    if (q === undefined) {
      q = JSON.stringify(key);
      if (this.quoted.size < 10_000) this.quoted.set(key, q);
    }
    return q;
  }

  /** An object or array on a line indented by `indent`: the whole text if small, else its opening bracket. */
  private container(value: object, indent: string): string {
    if (this.stack.length < LOOKAHEAD_DEPTH && small(value, this.unit.length)) {
      const depth = this.unit ? indent.length / this.unit.length : 0;
      if (depth === 0) return JSON.stringify(value, null, this.unit);
      // Let V8 indent it: inside `depth` one-element arrays the value is written exactly as it is needed here;
      // the wrapper's text is cut off again (small() ruled out toJSON, which would see the key "0").
      let wrapped: unknown = value;
      for (let d = 0; d < depth; d++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, this.unit);
      return text.slice(2 * depth + (this.unit.length * depth * (depth + 1)) / 2, text.length - (2 * depth + (this.unit.length * depth * (depth - 1)) / 2));
    }
    return this.enter(value, indent);
  }

  /** Opens an object or array: pushes its frame and returns its opening bracket. */
  private enter(value: object, outer: string): string {
    if (this.open.has(value)) throw new TypeError("Converting circular structure to JSON");
    this.open.add(value);
    const inner = outer + this.unit;
    if (Array.isArray(value)) {
      this.stack.push({ array: true, value, length: value.length, i: 0, outer, inner });
      return "[";
    }
    this.stack.push({ array: false, value: value as Record<string, unknown>, keys: Object.keys(value), i: 0, count: 0, outer, inner });
    return "{";
  }
}

/**
 * Writes JSON.stringify(value, null, indent) + "\n" to the sink piece by piece. Returns false (and writes nothing)
 * for a value JSON.stringify would turn into undefined. On an error part of the text may have been written.
 */
export async function writeJson(sink: Sink, value: unknown, indent: number | string = 2, chunkSize = CHUNK_SIZE): Promise<boolean> {
  const chunks = new JsonChunks(value, indent);
  let piece = chunks.next(chunkSize);
  if (piece === null) return false;
  for (;;) {
    const following = chunks.next(chunkSize);
    if (following === null) {
      await sink.write(piece + "\n");
      return true;
    }
    await sink.write(piece);
    piece = following;
  }
}

/** Writes a (possibly long) text in pieces of whole lines of about chunkSize characters. */
export async function writeText(sink: Sink, text: string, chunkSize = CHUNK_SIZE): Promise<void> {
  let start = 0;
  while (start < text.length) {
    let end = start + chunkSize;
    if (end >= text.length) end = text.length;
    else {
      const nl = text.indexOf("\n", end);
      end = nl < 0 ? text.length : nl + 1;
    }
    await sink.write(text.slice(start, end));
    start = end;
  }
}
