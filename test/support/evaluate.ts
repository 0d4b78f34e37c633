/** Helpers for tests of evaluate(): the validation error a scenario raises, and a terse investment. */
import { evaluate, KiaValidationError } from "../../src";

/** The KiaValidationError evaluate(s) throws; fails when it throws something else or nothing. */
export function errorOf(s: unknown): KiaValidationError {
  try {
    evaluate(s);
  } catch (e) {
    if (e instanceof KiaValidationError) return e;
    throw e;
  }
  throw new Error("no error raised");
}

export const inv = (id: string, category: string, amount: number | string, extra: Record<string, unknown> = {}) => ({ id, category, amount, ...extra });
