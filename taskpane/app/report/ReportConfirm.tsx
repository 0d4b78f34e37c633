/**
 * Before the report is written or downloaded while it is not final (issue 14: "writing or downloading the report
 * asks for a confirmation naming what is open, or a reason for leaving rows out on purpose"): the open questions
 * and the rows left out, by their cells; then the choice to write it as a CONCEPT, to go to the questions, or (when
 * no question is open) to give the reason the rows are left out on purpose, which makes it final with that reason
 * in its client block. Part of the report step's lazy chunk; its words are its own (not in the first download).
 */
import { useState } from "preact/hooks";
import type { OpenQuestion } from "../../../src/workbook/questions";
import { Dialog } from "../ui";

const WORDS = {
  nl: {
    title: "Het rapport is nog niet definitief",
    open: (n: number) => (n === 1 ? "1 open vraag:" : `${n} open vragen:`),
    left: (rows: number, n: number) => `${rows === 1 ? "1 regel telt" : `${rows} regels tellen`} niet mee${n > rows ? ` (${n} meldingen)` : ""}:`,
    more: (n: number) => `en nog ${n}`,
    conceptText: (excel: boolean) =>
      `${excel ? "Het rapportblad" : "Het gedownloade rapport"} krijgt dan CONCEPT in de titel en op elke pagina, en "voorlopig" bij de bedragen voor de aangifte.`,
    openFirst: "Beantwoord eerst de open vragen voor een definitief rapport.",
    examples: (n: number) =>
      `${n === 1 ? "1 voorbeeldregel" : `${n} voorbeeldregels`} van het KIA-werkblad ${n === 1 ? "staat" : "staan"} nog in de staat en ${n === 1 ? "telt" : "tellen"} mee. Wis ze in de werkmap (Verwijderen > Tabelrijen verwijderen) voor een definitief rapport.`,
    reasonLabel: "Of: waarom tellen deze regels bewust niet mee? (komt in het rapport)",
    final: (excel: boolean) => (excel ? "Definitief schrijven met deze reden" : "Definitief downloaden met deze reden"),
    concept: (excel: boolean) => (excel ? "Schrijven als CONCEPT" : "Downloaden als CONCEPT"),
    toQuestions: "Naar de open vragen",
    cancel: "Annuleren",
  },
  en: {
    title: "The report is not final yet",
    open: (n: number) => (n === 1 ? "1 open question:" : `${n} open questions:`),
    left: (rows: number, n: number) => `${rows === 1 ? "1 row is" : `${rows} rows are`} not counted${n > rows ? ` (${n} messages)` : ""}:`,
    more: (n: number) => `and ${n} more`,
    conceptText: (excel: boolean) =>
      `${excel ? "The report sheet" : "The downloaded report"} then shows DRAFT in its title and on every page, and "provisional" beside the amounts for the return.`,
    openFirst: "Answer the open questions first for a final report.",
    examples: (n: number) =>
      `${n === 1 ? "1 example row" : `${n} example rows`} of the KIA workbook ${n === 1 ? "is" : "are"} still in the ledger and counted. Delete them in the workbook (Delete > Table Rows) for a final report.`,
    reasonLabel: "Or: why are these rows left out on purpose? (goes into the report)",
    final: (excel: boolean) => (excel ? "Write as final with this reason" : "Download as final with this reason"),
    concept: (excel: boolean) => (excel ? "Write as DRAFT" : "Download as DRAFT"),
    toQuestions: "Go to the open questions",
    cancel: "Cancel",
  },
} as const;

/** At most this many cells are named per list; the rest is counted. */
const SHOWN = 5;

function Cells({ cells, lang }: { cells: string[]; lang: "nl" | "en" }) {
  const shown = cells.slice(0, SHOWN);
  return (
    <ul class="confirm-cells">
      {shown.map((c, i) => (
        <li key={i}>{c}</li>
      ))}
      {cells.length > SHOWN ? <li>{WORDS[lang].more(cells.length - SHOWN)}</li> : null}
    </ul>
  );
}

export interface ReportConfirmProps {
  lang: "nl" | "en";
  excel: boolean;
  open: readonly OpenQuestion[];
  /** the firm template's example rows still in the ledger (src/workbook/examples.ts): no final report with them */
  examples: number;
  /** the rows left out, each as "Staat!E12 (INV-7): reden" (several cells of one row: one line each) */
  leftOut: readonly string[];
  /** how many rows those lines are about (src/workbook/left-out.ts rowsLeftOut), as the KIA card counts them */
  leftOutRows: number;
  /** the reason given before (kept while the pane is open) */
  reason: string;
  onConcept: () => void;
  onFinal: (reason: string) => void;
  onQuestions: () => void;
  onClose: () => void;
}

export function ReportConfirm(p: ReportConfirmProps) {
  const w = WORDS[p.lang];
  const [reason, setReason] = useState(p.reason);
  const questions = p.open.map((q) => `${q.cell}${q.description ? ` (${q.description})` : ""}: ${q.question}`);
  return (
    <Dialog title={w.title} onClose={p.onClose}>
      <div id="report-confirm">
        {p.open.length ? (
          <>
            <p>{w.open(p.open.length)}</p>
            <Cells cells={questions} lang={p.lang} />
          </>
        ) : null}
        {p.leftOut.length ? (
          <>
            <p>{w.left(p.leftOutRows, p.leftOut.length)}</p>
            <Cells cells={[...p.leftOut]} lang={p.lang} />
          </>
        ) : null}
        {p.examples ? <p>{w.examples(p.examples)}</p> : null}
        <p class="hint">{w.conceptText(p.excel)}</p>
        {p.open.length ? (
          <p class="hint">{w.openFirst}</p>
        ) : p.examples || !p.leftOut.length ? null : (
          <label class="field">
            <span>{w.reasonLabel}</span>
            <textarea id="left-out-reason" rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </label>
        )}
        <div class="row wrap dialog-buttons">
          {p.open.length ? (
            <button type="button" class="btn primary" data-autofocus="" onClick={p.onQuestions}>
              {w.toQuestions}
            </button>
          ) : p.examples || !p.leftOut.length ? null : (
            <button type="button" class="btn primary" id="report-final" disabled={!reason.trim()} onClick={() => p.onFinal(reason.trim())}>
              {w.final(p.excel)}
            </button>
          )}
          <button type="button" class="btn" id="report-concept" onClick={p.onConcept}>
            {w.concept(p.excel)}
          </button>
          <button type="button" class="btn" onClick={p.onClose}>
            {w.cancel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
