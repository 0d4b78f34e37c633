/**
 * The ledger's open questions at the top of step 1 (src/workbook/questions.ts): per row its cell, description,
 * amount and question, and its choices as buttons, the suggestion first. One click answers; the answer is an
 * override with the user's words ("Categorie gekozen: Vervoermiddelen → Bestelauto", or what the user typed), kept
 * with the pane's choices (document settings in Excel, the session in the standalone page): the ledger is never
 * written. A lazy chunk: loaded only when a ledger has an open question (test/taskpane-build.test.ts).
 */
import { useState } from "preact/hooks";
import { questionKey, type OpenChoice, type OpenQuestion } from "../../../src/workbook/questions";
import { usePane } from "../context";
import { formatMoney } from "../text/format";

const WORDS = {
  nl: {
    title: (n: number) => (n === 1 ? "1 vraag over de staat" : `${n} vragen over de staat`),
    intro: "Deze regels tellen niet mee tot u ze beantwoordt. Uw antwoord wordt bij de keuzes bewaard; de staat zelf verandert niet.",
    suggestion: "voorstel",
    note: "Toelichting (optioneel)",
    kinds: { category: "Categorie gekozen", credit: "Negatief bedrag", year: "Ander jaar" },
  },
  en: {
    title: (n: number) => (n === 1 ? "1 question about the ledger" : `${n} questions about the ledger`),
    intro: "These rows do not count until you answer them. Your answer is kept with your choices; the ledger itself does not change.",
    suggestion: "suggested",
    note: "Note (optional)",
    kinds: { category: "Category chosen", credit: "Negative amount", year: "Other year" },
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

export function OpenQuestions() {
  const { derived, dispatch, culture, lang } = usePane();
  const open = derived.ledger?.open ?? [];
  const w = WORDS[lang === "en" ? "en" : "nl"];
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (!open.length) return null;
  return (
    <section class="card open-questions" id="open-questions" aria-labelledby="open-questions-title" tabIndex={-1} data-key="open-questions">
      <h2 id="open-questions-title">{w.title(open.length)}</h2>
      <p class="hint">{w.intro}</p>
      <ol class="open-list">
        {open.map((q) => {
          const key = questionKey(q);
          return (
            <li key={key} class="open-row" data-cell={q.cell}>
              <p class="open-what">
                <strong>{q.cell}</strong>
                {q.id ? ` (${q.id})` : ""}
                {q.description ? ` ${q.description}` : ""}
                {q.amount ? ` ${formatMoney(q.amount, culture)}` : ""}
              </p>
              <p class="open-question-text">{q.question}</p>
              <div class="open-choices" role="group" aria-label={q.question}>
                {choicesInOrder(q).map((c) => (
                  <button
                    type="button"
                    class={`btn ${c.value === q.suggestion ? "primary" : "subtle"}`}
                    onClick={() => dispatch({ type: "set-answer", key, answer: { choice: c.value, note: notes[key]?.trim() || answerNote(q, c, lang === "en" ? "en" : "nl") } })}
                  >
                    {c.label}
                    {c.value === q.suggestion ? ` (${w.suggestion})` : ""}
                  </button>
                ))}
              </div>
              <label class="open-note">
                {w.note}{" "}
                <input type="text" value={notes[key] ?? ""} onInput={(e) => setNotes({ ...notes, [key]: (e.target as HTMLInputElement).value })} />
              </label>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
