/**
 * The firm template's example rows in the ledger the pane read (src/workbook/examples.ts), counted in a chunk of its
 * own loaded with the first ledger (not in the pane's first download): the KIA card says "Voorlopig" while one is
 * there, and the report is a CONCEPT.
 */
import { useEffect, useState } from "preact/hooks";
import type { Derived } from "./derive";
import type { PartnerInput } from "./state";

export function useTemplateExamples(derived: Derived, partners: readonly PartnerInput[]): number {
  const [n, setN] = useState(0);
  const investments = derived.ledger?.investments;
  const disposals = derived.ledgerDisposals;
  useEffect(() => {
    if (!investments) return setN(0);
    let live = true;
    import(/* webpackChunkName: "examples" */ "../../src/workbook/examples")
      .then((m) => {
        const found = m.templateExamples({
          investments: investments as unknown as Record<string, unknown>[],
          partners: partners as unknown as Record<string, unknown>[],
          disposals: disposals as unknown as Record<string, unknown>[],
        });
        if (live) setN(m.examplesCount(found));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [investments, disposals, partners]);
  return n;
}
