/** One step of an explanation ("why this number"), with the legal reference it rests on. */
import type { LegalRef } from "./law";

export interface Step {
  text: string;
  ref?: string;
}

export interface Reason {
  code: string;
  text: string;
  ref: string;
}

export interface Warning {
  code: string;
  text: string;
}

export function step(text: string, ref?: LegalRef): Step {
  return ref ? { text, ref: ref.label } : { text };
}
