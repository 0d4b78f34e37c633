/**
 * "Kopieer voor de aangifte": each figure of the return (src/report-sheet returnFigures: the KIA, this year's part,
 * the part for later years, the addition, per partner) with where it goes and a button that copies the bare number,
 * as Excel and the return's software take it: no euro sign, no thousands separator, the decimal separator of the
 * culture ("19418", "1234,56"). While the figure is not final (a question open, rows left out) the card says
 * "voorlopig" beside every figure. Part of the report step's lazy chunk; its words are its own.
 */
import { useState } from "preact/hooks";
import type { ReturnFigure } from "../../../src/report-sheet";
import { usePane } from "../context";
import { copyText } from "./download";
import { Money } from "../ui";
import { bareNumber } from "./report-helpers";

const WORDS = {
  nl: {
    title: "Kopieer voor de aangifte",
    titleProvisional: "Kopieer voor de aangifte – voorlopig",
    printTitle: "Voor de aangifte",
    printTitleProvisional: "Voor de aangifte – voorlopig, nog niet invullen",
    intro: "Elke knop kopieert het kale getal (zonder € en punten), zoals Excel en het aangifteprogramma het overnemen.",
    provisional: "Voorlopig: er staan vragen open of regels tellen niet mee. Vul deze bedragen nog niet in.",
    copy: "Kopieer",
    copyLabel: (label: string, value: string) => `Kopieer ${value}: ${label}`,
    copied: (value: string, label: string) => `Gekopieerd: ${value} (${label}).`,
    failed: "Kopiëren lukte niet; selecteer het getal en kopieer met Ctrl+C.",
  },
  en: {
    title: "Copy for the tax return",
    titleProvisional: "Copy for the tax return – provisional",
    printTitle: "For the tax return",
    printTitleProvisional: "For the tax return – provisional, do not file yet",
    intro: "Each button copies the bare number (no € and no thousands separators), as Excel and the return's software take it.",
    provisional: "Provisional: questions are open or rows are not counted. Do not file these amounts yet.",
    copy: "Copy",
    copyLabel: (label: string, value: string) => `Copy ${value}: ${label}`,
    copied: (value: string, label: string) => `Copied: ${value} (${label}).`,
    failed: "Copying failed; select the number and copy with Ctrl+C.",
  },
} as const;

export function ReturnFigures({ figures, provisional }: { figures: readonly ReturnFigure[]; provisional: boolean }) {
  const { lang, culture } = usePane();
  const w = WORDS[lang];
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section class="card return-figures" aria-labelledby="return-figures">
      <h3 id="return-figures">
        <span class="no-print">{provisional ? w.titleProvisional : w.title}</span>
        <span class="print-only">{provisional ? w.printTitleProvisional : w.printTitle}</span>
      </h3>
      <p class="hint no-print">{w.intro}</p>
      {provisional ? <p class="message warning">{w.provisional}</p> : null}
      <table class="plain">
        <tbody>
          {figures.map((f, i) => {
            const bare = bareNumber(f.amount, culture.decimalSeparator);
            return (
              <tr key={i}>
                <th scope="row">
                  {f.label}
                  <span class="hint where">{f.where}</span>
                </th>
                <td class="num">
                  <Money value={f.amount} />
                  <button
                    type="button"
                    class="btn subtle copy no-print"
                    id={`copy-return-${f.kind}${f.partner ? `-${i}` : ""}`}
                    data-value={bare}
                    aria-label={w.copyLabel(f.label, bare)}
                    onClick={async () => setStatus((await copyText(bare)) ? w.copied(bare, f.label) : w.failed)}
                  >
                    {w.copy}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class={status ? "hint no-print" : "sr-only"} role="status" id="return-copy-status">
        {status ?? ""}
      </p>
    </section>
  );
}
