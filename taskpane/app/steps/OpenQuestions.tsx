/**
 * The top of step 1 for a ledger that is not quite clean (src/workbook/questions.ts): the checks of its total rows
 * ("het totaal in rij 6 wijkt € 500 af"), its open questions, the answers given, and the user's data saved to and
 * loaded from a file (./SavedData.tsx).
 *
 * The questions are a table: one row per question with its cell, description and amount, the question, and its
 * choices as buttons, the suggestion first. At 700 px and wider the three are columns side by side; in the narrow
 * pane each question is a block. One click answers; the answer is an override with the user's words ("Categorie
 * gekozen: Vervoermiddelen → Bestelauto", or what the user typed), kept with the pane's choices (document settings in
 * Excel, the session in the standalone page): the ledger is never written. The answers given are listed with a way
 * to undo each.
 *
 * A lazy chunk: loaded when a ledger is on screen, not with the pane's first download (test/taskpane-build.test.ts).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { questionKey, type OpenChoice, type OpenQuestion } from "../../../src/workbook/questions";
import { usePane } from "../context";
import { formatMoney, keepEuro } from "../text/format";
import { SavedData } from "./SavedData";

const WORDS = {
  nl: {
    title: (n: number) => (n === 1 ? "1 vraag over de staat" : `${n} vragen over de staat`),
    checksTitle: "Controle van de staat",
    intro: "Deze regels tellen niet mee tot u ze beantwoordt. Uw antwoord wordt bij de keuzes bewaard; de staat zelf verandert niet.",
    columns: ["Regel", "Vraag", "Antwoord"],
    suggestion: "voorstel",
    note: "Toelichting (optioneel)",
    kinds: { category: "Categorie gekozen", credit: "Negatief bedrag", year: "Ander jaar" },
    check: "Controle",
    answered: (n: number) => (n === 1 ? "1 vraag beantwoord" : `${n} vragen beantwoord`),
    undo: "Ongedaan maken",
    undoLabel: (cell: string) => `Antwoord bij ${cell} ongedaan maken`,
  },
  en: {
    title: (n: number) => (n === 1 ? "1 question about the ledger" : `${n} questions about the ledger`),
    checksTitle: "Ledger check",
    intro: "These rows do not count until you answer them. Your answer is kept with your choices; the ledger itself does not change.",
    columns: ["Row", "Question", "Answer"],
    suggestion: "suggested",
    note: "Note (optional)",
    kinds: { category: "Category chosen", credit: "Negative amount", year: "Other year" },
    check: "Check",
    answered: (n: number) => (n === 1 ? "1 question answered" : `${n} questions answered`),
    undo: "Undo",
    undoLabel: (cell: string) => `Undo the answer at ${cell}`,
  },
} as const;

/** The choices with the suggestion first. */
export function choicesInOrder(q: OpenQuestion): OpenChoice[] {
  const s = q.choices.find((c) => c.value === q.suggestion);
  return s ? [s, ...q.choices.filter((c) => c !== s)] : q.choices;
}

/** The words an answer is stored with when the user typed none: "Categorie gekozen: Vervoermiddelen → Bestelauto". */
export function answerNote(q: OpenQuestion, c: OpenChoice, lang: "nl" | "en"): string {
  const heading = q.kind === "category" ? /^“([^”]*)”/.exec(q.question)?.[1] : undefined;
  return `${WORDS[lang].kinds[q.kind]}: ${heading ? `${heading} → ` : ""}${c.label}`;
}

/** A sentence from the reader's message: its first letter a capital. */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function OpenQuestions() {
  const { derived, dispatch, culture, lang } = usePane();
  const ledger = derived.ledger;
  const open = ledger?.open ?? [];
  const checks = ledger?.warnings ?? [];
  // the answers given, in the order of the rows (the reader applies credit notes last)
  const answered = [...(ledger?.answered ?? [])].sort((a, b) => a.question.row - b.question.row);
  const l = lang === "en" ? "en" : "nl";
  const w = WORDS[l];
  const [notes, setNotes] = useState<Record<string, string>>({});
  // after an answer the row goes: the focus moves to the next question (or the section), not to the page's top
  const focusRow = useRef<number | null>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusRow.current === null) return;
    const rows = section.current?.querySelectorAll<HTMLElement>(".open-row");
    const next = rows?.[Math.min(focusRow.current, rows.length - 1)]?.querySelector<HTMLElement>("button");
    (next ?? section.current ?? document.getElementById("answered-summary"))?.focus();
    focusRow.current = null;
  });
  const money = (amount: string | undefined) => (amount === undefined ? null : <span class="money">{formatMoney(amount, culture)}</span>);

  return (
    <>
      {open.length || checks.length ? (
        <section class="card open-questions" id="open-questions" ref={section} aria-labelledby="open-questions-title" tabIndex={-1} data-key="open-questions">
          <h2 id="open-questions-title">{open.length ? w.title(open.length) : w.checksTitle}</h2>
          {checks.length ? (
            <ul class="ledger-checks" id="ledger-checks">
              {checks.map((c, i) => (
                <li key={i} class="message warning">
                  <strong>{w.check}:</strong> {keepEuro(sentence(c.message))}
                </li>
              ))}
            </ul>
          ) : null}
          {open.length ? (
            <>
              <p class="hint">{w.intro}</p>
              <table class="open-table">
                <thead>
                  <tr>
                    {w.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {open.map((q, index) => {
                    const key = questionKey(q);
                    return (
                      <tr key={key} class="open-row" data-cell={q.cell}>
                        <th scope="row" class="open-what">
                          <span class="open-cell">{q.cell}</span>
                          {q.id ? <span class="open-id"> ({q.id})</span> : null} <span class="open-desc">{q.description ?? ""}</span> {money(q.amount)}
                        </th>
                        <td class="open-question-text">{keepEuro(q.question)}</td>
                        <td class="open-answer">
                          <div class="open-choices" role="group" aria-label={`${q.cell}: ${q.question}`}>
                            {choicesInOrder(q).map((c) => (
                              <button
                                key={c.value}
                                type="button"
                                class={`btn small ${c.value === q.suggestion ? "primary" : "subtle"}`}
                                onClick={() => {
                                  focusRow.current = index;
                                  dispatch({ type: "set-answer", key, answer: { choice: c.value, note: notes[key]?.trim() || answerNote(q, c, l) } });
                                }}
                              >
                                {c.label}
                                {c.value === q.suggestion ? ` (${w.suggestion})` : ""}
                              </button>
                            ))}
                          </div>
                          <label class="open-note">
                            <span>{w.note}</span>
                            <input type="text" value={notes[key] ?? ""} onInput={(e) => setNotes({ ...notes, [key]: (e.target as HTMLInputElement).value })} />
                          </label>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ) : null}
      {answered.length ? (
        <details class="card answered" id="answered">
          <summary id="answered-summary">{w.answered(answered.length)}</summary>
          <ul class="answered-list">
            {answered.map(({ question: q, choice, note }) => {
              const label = q.choices.find((c) => c.value === choice)?.label ?? choice;
              return (
                <li key={questionKey(q)} class="answered-row" data-cell={q.cell}>
                  <span class="open-cell">{q.cell}</span> <span class="open-desc">{q.description ?? ""}</span> {money(q.amount)}: <strong>{label}</strong>
                  {note ? <span class="answered-note"> — {note}</span> : null}{" "}
                  <button type="button" class="btn link" aria-label={w.undoLabel(q.cell)} onClick={() => dispatch({ type: "set-answer", key: questionKey(q), answer: null })}>
                    {w.undo}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      <SavedData />
    </>
  );
}
