/** What every component of the pane may read: the words, the culture, the state, what is derived, and dispatch. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Derived } from "./model/derive";
import type { Culture } from "./text/format";
import type { Lang, Messages } from "./text/i18n";
import type { Action, PaneState } from "./model/state";
import type { Workbook } from "../workbook/types";

export interface Pane {
  t: Messages;
  lang: Lang;
  culture: Culture;
  state: PaneState;
  derived: Derived;
  dispatch: (a: Action) => void;
  /** inside Excel (cells can be selected, the report goes to a sheet) or the standalone page */
  excel: boolean;
  workbook: Workbook | null;
  /** messages by field key: the user's input errors and the core's message, placed at their field */
  fieldErrors: ReadonlyMap<string, string>;
  /** the web address of a legal reference label, from the report's parameters */
  refUrl: (label: string) => string | undefined;
  /** move to a step and put the focus on a field (by key) */
  goTo: (step: PaneState["step"], key?: string) => void;
}

export const PaneContext = createContext<Pane | null>(null);

export function usePane(): Pane {
  const p = useContext(PaneContext);
  if (!p) throw new Error("PaneContext ontbreekt");
  return p;
}

/** A DOM id for a field key, unique per key ("partner.1.capital" -> "f-partner_46_1_46_capital"). */
export function fieldId(key: string): string {
  return "f-" + key.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0)}_`);
}
