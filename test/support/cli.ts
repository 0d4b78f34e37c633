/**
 * kia-calc in process for the CLI tests: `call` runs it with memory streams for standard output and error, an
 * empty environment and standard error not a terminal (each overridable), and returns the exit code and both texts.
 */
import { EventEmitter } from "events";
import { run, type CliIo } from "../../cli/kia-calc";

/** A writable that keeps what it gets (write() always accepts). */
export class Memory extends EventEmitter {
  text = "";
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export async function call(args: string[], io: Partial<CliIo> = {}) {
  const stdout = new Memory();
  const stderr = new Memory();
  const code = await run(args, { stdout, stderr, env: {}, stderrIsTTY: false, ...io });
  return { code, out: stdout.text, err: stderr.text };
}
