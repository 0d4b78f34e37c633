/**
 * "Gegevens bewaren (.json)" and "Gegevens laden (.json)" (./saved-data.ts): the user's answers and choices for
 * the ledger on screen to a file, and from a file back onto it, row by row. What could not be matched to its row is
 * listed plainly, with what the row said then and says now. Part of the lazy chunk of the open questions.
 */
import { useState } from "preact/hooks";
import { usePane } from "../context";
import { downloadText, safeFileName } from "../report/download";
import { formatMoney } from "../text/format";
import { dataToSave, restoreData, type NotRestored, type RowText } from "../model/saved-data";
import type { PaneState } from "../model/state";

const WORDS = {
  nl: {
    save: "Gegevens bewaren (.json)",
    load: "Gegevens laden (.json)",
    hint: "Uw antwoorden, beoordelingen en keuzes voor deze staat in een bestand, om later weer te laden; de staat zelf verandert niet.",
    saved: (f: string) => `Bewaard: ${f}.`,
    notData: (f: string) => `${f} is geen bestand van ‘Gegevens bewaren’; er is niets geladen.`,
    unreadable: (f: string) => `${f} is geen leesbaar JSON-bestand; er is niets geladen.`,
    loaded: (f: string, answers: number, overrides: number) =>
      `Geladen uit ${f}: ${answers === 1 ? "1 antwoord" : `${answers} antwoorden`}, ${overrides === 1 ? "1 handmatige beoordeling" : `${overrides} handmatige beoordelingen`} en de overige keuzes (jaar, calamiteit, vennoten, vervreemdingen).`,
    otherLedger: (f: string) => `Let op: bewaard bij ${f}; per regel vergeleken met de staat die nu openstaat.`,
    notRestored: (n: number) =>
      n === 1 ? "1 gegeven niet overgenomen, omdat de regel niet meer overeenkomt:" : `${n} gegevens niet overgenomen, omdat de regels niet meer overeenkomen:`,
    answer: "antwoord",
    override: "handmatige beoordeling",
    calamity: "calamiteit",
    was: "was",
    now: "nu",
    gone: "die regel heeft nu geen vraag of staat niet meer in de staat",
    goneAsset: (id: string) => `nummer ${id} staat niet (meer) in de staat`,
  },
  en: {
    save: "Save the data (.json)",
    load: "Load the data (.json)",
    hint: "Your answers, reviews and choices for this ledger in a file, to load again later; the ledger itself does not change.",
    saved: (f: string) => `Saved: ${f}.`,
    notData: (f: string) => `${f} is not a file of ‘Save the data’; nothing was loaded.`,
    unreadable: (f: string) => `${f} is not a readable JSON file; nothing was loaded.`,
    loaded: (f: string, answers: number, overrides: number) =>
      `Loaded from ${f}: ${answers === 1 ? "1 answer" : `${answers} answers`}, ${overrides === 1 ? "1 manual review" : `${overrides} manual reviews`} and the other choices (year, calamity, partners, disposals).`,
    otherLedger: (f: string) => `Note: saved with ${f}; compared row by row with the ledger open now.`,
    notRestored: (n: number) => (n === 1 ? "1 item not taken, because its row no longer matches:" : `${n} items not taken, because their rows no longer match:`),
    answer: "answer",
    override: "manual review",
    calamity: "calamity",
    was: "was",
    now: "now",
    gone: "that row has no question now, or is no longer in the ledger",
    goneAsset: (id: string) => `number ${id} is not (or no longer) in the ledger`,
  },
} as const;

type Words = (typeof WORDS)["nl"] | (typeof WORDS)["en"];

/**
 * "Gegevens bewaren (.json)", here in step 1 and in step 5 (ReportStep.tsx): the file of ./saved-data.ts with the
 * scenario on screen, downloaded; its name, or undefined when no ledger is read.
 */
export function saveData(state: PaneState, scenario: unknown): string | undefined {
  const { grid, source } = state;
  if (!grid || !source) return undefined;
  const data = dataToSave(state.choices, { grid, mapping: state.mapping, source: source.name, ...(source.fileName ? { fileName: source.fileName } : {}) }, scenario);
  const name = safeFileName(`KIA ${state.choices.year} gegevens ${(source.fileName ?? source.name).replace(/\.(xlsx|csv)$/i, "")}`) + ".json";
  downloadText(name, JSON.stringify(data, null, 2), "application/json");
  return name;
}

export function SavedData() {
  const { state, derived, dispatch, culture, lang } = usePane();
  const w: Words = WORDS[lang === "en" ? "en" : "nl"];
  const [status, setStatus] = useState<{ ok: boolean; lines: string[]; list?: string[] } | null>(null);
  const grid = state.grid;
  const source = state.source;
  if (!grid || !source) return null;
  const onScreen = { grid, mapping: state.mapping, ...(source.fileName ? { fileName: source.fileName } : {}) };
  const row = (r: RowText) =>
    [r.description ? `‘${r.description}’` : "", r.amount === undefined ? "" : formatMoney(r.amount, culture), r.choice ? `→ ${r.choice}` : ""].filter(Boolean).join(" ");
  const explain = (x: NotRestored): string => {
    if (x.what === "answer") return `${x.was.cell} (${w.answer}): ${w.was} ${row(x.was)}; ${x.now ? `${w.now} ${row(x.now)}` : w.gone}.`;
    return `${x.id} (${w[x.what]}): ${x.was ? `${w.was} ${row(x.was)}; ` : ""}${x.now ? `${w.now} ${row(x.now)}` : w.goneAsset(x.id)}.`;
  };

  const save = () => {
    const name = saveData(state, derived.evaluated?.scenario);
    if (name) setStatus({ ok: true, lines: [w.saved(name)] });
  };

  const load = async (file: File) => {
    let raw: unknown;
    try {
      raw = JSON.parse((await file.text()).replace(/^\ufeff/, ""));
    } catch {
      setStatus({ ok: false, lines: [w.unreadable(file.name)] });
      return;
    }
    const r = restoreData(raw, onScreen, state.choices.year);
    if (!r) {
      setStatus({ ok: false, lines: [w.notData(file.name)] });
      return;
    }
    dispatch({ type: "restore-data", choices: r.choices, mapping: r.mapping });
    setStatus({
      ok: r.notRestored.length === 0,
      lines: [w.loaded(file.name, r.answers, r.overrides), ...(r.otherLedger ? [w.otherLedger(r.otherLedger)] : []), ...(r.notRestored.length ? [w.notRestored(r.notRestored.length)] : [])],
      list: r.notRestored.map(explain),
    });
  };

  return (
    <div class="saved-data" id="saved-data">
      <div class="row wrap">
        <button type="button" class="btn" id="save-data" onClick={save}>
          {w.save}
        </button>
        <input
          id="load-data"
          class="sr-only file-input"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void load(f);
            e.currentTarget.value = "";
          }}
        />
        <label for="load-data" class="btn file-button">
          {w.load}
        </label>
      </div>
      <p class="hint">{w.hint}</p>
      {status ? (
        <div class={`message ${status.ok ? "success" : "warning"}`} role="status" id="saved-data-status">
          {status.lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
          {status.list?.length ? (
            <ul class="not-restored">
              {status.list.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
