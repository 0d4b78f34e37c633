/**
 * The report's client block, filled in the pane: the client, the fiscal number (BSN/RSIN, optional), the dossier, IB
 * or Vpb, prepared by, reviewed by. Remembered in the document through the workbook interface (Excel: the document
 * settings; the standalone page: the browser's storage), one set per workbook, and written into the report sheet as
 * kia-calc --rapport writes it from its options. Part of the report step's lazy chunk; its words are its own.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ClientDetails } from "../../../src/report-sheet";
import { usePane } from "../context";
import { SelectField, TextField } from "../ui";
import { clientOf, elevenTest } from "./report-helpers";

/** document setting with the client block */
export const CLIENT_KEY = "kia.klant";

const WORDS = {
  nl: {
    title: "Klantgegevens voor het rapport",
    intro: (excel: boolean) => `Komen bovenaan het rapport; bewaard ${excel ? "in deze werkmap" : "in deze browser"}.`,
    name: "Klant",
    fiscalNumber: "Fiscaal nummer (BSN/RSIN, optioneel)",
    fiscalHint: "Dit nummer klopt niet met de elfproef van een BSN of RSIN; controleer het.",
    dossier: "Dossier",
    tax: "Belasting",
    taxes: { ib: "Inkomstenbelasting (ondernemer)", vpb: "Vennootschapsbelasting (art. 8 Wet Vpb 1969)" },
    preparedBy: "Opgesteld door",
    reviewedBy: "Beoordeeld door",
  },
  en: {
    title: "Client details for the report",
    intro: (excel: boolean) => `Shown at the top of the report; kept ${excel ? "in this workbook" : "in this browser"}.`,
    name: "Client",
    fiscalNumber: "Tax number (BSN/RSIN, optional)",
    fiscalHint: "This number fails the eleven test of a BSN or RSIN; check it.",
    dossier: "File",
    tax: "Tax",
    taxes: { ib: "Income tax (entrepreneur)", vpb: "Corporate income tax (art. 8 Wet Vpb 1969)" },
    preparedBy: "Prepared by",
    reviewedBy: "Reviewed by",
  },
} as const;

/** The client block as the pane keeps it: read once from the document, saved a moment after the last edit. */
export function useClient(): [ClientDetails, (c: ClientDetails) => void] {
  const { workbook } = usePane();
  const [client, setClient] = useState<ClientDetails>({});
  const edited = useRef(false);
  useEffect(() => {
    if (!workbook) return;
    let live = true;
    workbook
      .loadSetting<unknown>(CLIENT_KEY)
      .then((v) => live && !edited.current && setClient(clientOf(v)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbook]);
  useEffect(() => {
    if (!workbook || !edited.current) return;
    const timer = setTimeout(() => void workbook.saveSetting(CLIENT_KEY, client).catch(() => undefined), 600);
    return () => clearTimeout(timer);
  }, [client]);
  return [
    client,
    (c) => {
      edited.current = true;
      setClient(c);
    },
  ];
}

export function ClientForm({ client, onChange }: { client: ClientDetails; onChange: (c: ClientDetails) => void }) {
  const { lang, excel } = usePane();
  const w = WORDS[lang];
  const set = (k: keyof ClientDetails) => (v: string) => onChange({ ...client, [k]: v });
  const fiscal = client.fiscalNumber?.trim() ?? "";
  return (
    // open when the step opens (a constant: closing it stays closed while the user works)
    <details class="card client-form no-print" id="client-form" open>
      <summary>
        {w.title}
        {client.name ? `: ${client.name}` : ""}
      </summary>
      <p class="hint">{w.intro(excel)}</p>
      <div class="client-grid">
        <TextField fieldKey="client.name" label={w.name} value={client.name ?? ""} onInput={set("name")} autoComplete="organization" />
        <TextField
          fieldKey="client.fiscalNumber"
          label={w.fiscalNumber}
          value={client.fiscalNumber ?? ""}
          onInput={set("fiscalNumber")}
          inputMode="numeric"
          hint={fiscal && !elevenTest(fiscal) ? w.fiscalHint : undefined}
        />
        <TextField fieldKey="client.dossier" label={w.dossier} value={client.dossier ?? ""} onInput={set("dossier")} />
        <SelectField
          fieldKey="client.tax"
          label={w.tax}
          value={client.tax ?? "ib"}
          options={[
            { value: "ib", label: w.taxes.ib },
            { value: "vpb", label: w.taxes.vpb },
          ]}
          onChange={(v) => onChange({ ...client, tax: v === "vpb" ? "vpb" : "ib" })}
        />
        <TextField fieldKey="client.preparedBy" label={w.preparedBy} value={client.preparedBy ?? ""} onInput={set("preparedBy")} autoComplete="name" />
        <TextField fieldKey="client.reviewedBy" label={w.reviewedBy} value={client.reviewedBy ?? ""} onInput={set("reviewedBy")} />
      </div>
    </details>
  );
}
