/**
 * Step 4, "Uit eerdere jaren": the KIA registers of earlier years (src/register), read from this workbook (its report
 * sheets of earlier years, through the workbook's Book: Office.js inside Excel, the file on the standalone page) and
 * from files the user adds (the reports of earlier years, .xlsx). What they hand on:
 *  - the KIA of earlier years still open (art. 3.44): deductible this year as far as paid, all of it once the asset is
 *    in use; this year's ledger says so (a row with the asset's number dated in its year), or the user ticks it here;
 *  - the assets of the five earlier years to pick a disposal from (art. 3.47): investment year, amount, that year's
 *    total and the partners' own percentages are filled in and cited to the file.
 * What is not right (two files for one year, a year missing, a register of another version) is said plainly.
 * A lazy chunk of its own (with the .xlsx reader for added files): the pane's first download stays within its limit.
 * Its words are here, Dutch and English, not in the first download's dictionary.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import "../../../src/carried"; // the core's step for the KIA of earlier years (src/carried-hook.ts)
import { disposalCandidates, earlierYears, questionKey, readRegisters, searchCandidates, settleQuestions, type DisposalCandidate, type EarlierFile } from "../../../src/register";
import { disposalInputOf, earlierChoiceOf } from "../model/earlier-choices";
import { usePane } from "../context";
import { Badge, CheckboxField, Money, Ref, Stat, TextField } from "../ui";

const WORDS = {
  nl: {
    heading: "Uit eerdere jaren",
    intro:
      "Het register van eerdere jaren staat onder ieder KIA-rapport (tabel KIA_REGISTER_jaar). De KIA die doorschoof omdat een bedrijfsmiddel nog niet betaald of in gebruik was, is dit jaar aftrekbaar voor zover het is betaald, en helemaal zodra het in gebruik is. Een vervreemding van een investering van de vijf eerdere jaren kiest u hier uit het register.",
    thisWorkbook: "deze werkmap",
    add: "Rapport van een eerder jaar toevoegen (.xlsx)",
    reading: "Registers lezen…",
    none: "Nog geen register van een eerder jaar gevonden. Voeg het rapport (of de werkmap) van vorig jaar toe.",
    used: "Gebruikt",
    forget: "Registers vergeten",
    open: "KIA uit eerdere jaren (art. 3.44)",
    openBefore: "Open begin jaar",
    deductible: "Dit jaar aftrekbaar",
    stillOpen: "Blijft open",
    total: "Totaal aftrekbaar dit jaar",
    inUse: (y: number) => `In gebruik genomen in ${y}`,
    paid: (y: number) => `Betaald tot en met ${y} (in totaal)`,
    fromLedger: "uit de staat",
    fromUser: "aangevinkt",
    pick: "Vervreemding uit het register kiezen",
    search: "Zoek op nummer of omschrijving",
    sold: "Vervreemd",
    soldIn: (y: number) => `al vervreemd in ${y}`,
    added: (d: string) => `${d} toegevoegd bij de vervreemdingen hieronder: vul de verkoopprijs in.`,
    more: (n: number) => `en ${n} meer; zoek preciezer`,
    unreadable: (f: string, m: string) => `${f}: ${m}`,
  },
  en: {
    heading: "From earlier years",
    intro:
      "Each KIA report holds the year's register (table KIA_REGISTER_year). KIA carried forward because an asset was not yet paid or in use is deductible this year as far as it is paid, and in full once the asset is in use. Pick a disposal of an investment of the five earlier years from the register here.",
    thisWorkbook: "this workbook",
    add: "Add the report of an earlier year (.xlsx)",
    reading: "Reading registers…",
    none: "No register of an earlier year found yet. Add last year's report (or workbook).",
    used: "Used",
    forget: "Forget the registers",
    open: "KIA of earlier years (art. 3.44)",
    openBefore: "Open at the start",
    deductible: "Deductible this year",
    stillOpen: "Still open",
    total: "Total deductible this year",
    inUse: (y: number) => `Taken into use in ${y}`,
    paid: (y: number) => `Paid up to and including ${y} (in all)`,
    fromLedger: "from the ledger",
    fromUser: "ticked",
    pick: "Pick a disposal from the register",
    search: "Search by number or description",
    sold: "Sold",
    soldIn: (y: number) => `already disposed of in ${y}`,
    added: (d: string) => `${d} added to the disposals below: fill in the price.`,
    more: (n: number) => `and ${n} more; search more precisely`,
    unreadable: (f: string, m: string) => `${f}: ${m}`,
  },
};

/** An .xlsx file's registers; a file that is no workbook is one problem of that file. */
async function registersOfFile(file: File): Promise<EarlierFile> {
  try {
    const { XlsxBook } = await import("../../../src/workbook/xlsx");
    const book = await XlsxBook.open(new Uint8Array(await file.arrayBuffer()));
    return { file: file.name, read: await readRegisters(book) };
  } catch (e) {
    return { file: file.name, read: { registers: [], problems: [{ kind: "damaged", text: e instanceof Error ? e.message : String(e) }] } };
  }
}


export function EarlierSection() {
  const { lang, state, dispatch, workbook, derived, culture, goTo } = usePane();
  const w = WORDS[lang];
  const year = state.choices.year;
  const [files, setFiles] = useState<EarlierFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState("");
  const [note, setNote] = useState("");

  // this workbook's own registers (the report sheets of earlier years), once
  useEffect(() => {
    const book = workbook?.book?.();
    if (!book) return;
    let live = true;
    setBusy(true);
    readRegisters(book)
      .then((read) => live && setFiles((prev) => [{ file: w.thisWorkbook, read }, ...prev.filter((f) => f.file !== w.thisWorkbook)]))
      .catch(() => undefined)
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [workbook]);

  const partners = state.choices.partnership.enabled ? state.choices.partnership.partners.map((q) => q.name.trim()).filter(Boolean) : [];
  const earlier = useMemo(() => earlierYears(year, files), [year, files]);
  const candidates = useMemo(() => disposalCandidates(earlier), [earlier]);
  // what the registers hand on, into the choices (stored with the document: the figures stay after reopening)
  useEffect(() => {
    if (!files.some((f) => f.read.registers.length || f.read.problems.length)) return;
    dispatch({ type: "set-earlier", earlier: earlierChoiceOf(earlier, derived.registerDisposals, partners) });
  }, [earlier, derived.registerDisposals, partners.join("\u0000")]);
  // a ledger row dated in an earlier year whose number is in that year's register is that year's investment: its
  // question ("telt mee in dit jaar?") is answered "no", with the register as the note (the user can change it)
  useEffect(() => {
    const ledger = derived.ledger;
    if (!ledger?.open?.length || !earlier.used.length) return;
    for (const a of settleQuestions(ledger.open, earlier, ledger.otherYears).answered)
      dispatch({ type: "set-answer", key: questionKey(a.question), answer: { choice: a.choice, note: a.note } });
  }, [earlier, derived.ledger]);

  const add = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    const read = await Promise.all(Array.from({ length: list.length }, (_, i) => registersOfFile(list[i])));
    setFiles((prev) => [...prev.filter((f) => !read.some((r) => r.file === f.file)), ...read]);
    setBusy(false);
  };

  const pick = (c: DisposalCandidate) => {
    const d = disposalInputOf(c, partners, culture);
    const index = state.choices.disposals.length;
    dispatch({ type: "add-disposal-from", disposal: d });
    setNote(w.added(d.description));
    goTo("payment", `disposal.${index}.price`);
  };

  const e = state.choices.earlier;
  const report = derived.evaluated?.report ?? null;
  const carried = report?.carriedIn;
  const found = searchCandidates(candidates, query);
  const shown = found.slice(0, 10);
  return (
    <section aria-labelledby="earlier-heading" class="earlier">
      <h3 id="earlier-heading">{w.heading}</h3>
      <p class="intro">
        {w.intro} <Ref label={report?.parameters.references.find((r) => r.label.startsWith("art. 3.44"))?.label} />
      </p>
      <div class="field">
        <label for="earlier-files">{w.add}</label>
        <input id="earlier-files" type="file" multiple accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(ev) => void add(ev.currentTarget.files)} />
      </div>
      {busy ? <p class="hint" aria-busy="true">{w.reading}</p> : null}
      {e?.used.length ? (
        <p class="hint">
          {w.used}: {e.used.map((u) => `${u.year} (${u.table} in ${u.file})`).join(", ")}{" "}
          <button type="button" class="btn link" onClick={() => { setFiles([]); dispatch({ type: "set-earlier", earlier: null }); }}>
            {w.forget}
          </button>
        </p>
      ) : !busy ? (
        <p class="hint">{w.none}</p>
      ) : null}
      {e?.messages.length ? (
        <ul class="problems earlier-messages" role="status">
          {e.messages.map((m, i) => (
            <li key={i} class="problem">
              {m}
            </li>
          ))}
        </ul>
      ) : null}
      {e?.carriedIn.length ? (
        <section class="card" aria-labelledby="carried-heading">
          <h4 id="carried-heading">{w.open}</h4>
          {e.carriedIn.map((y) =>
            y.assets.map((a) => {
              const key = `${y.year}:${a.asset}`;
              const r = carried?.years.find((x) => x.year === y.year)?.assets.find((x) => x.asset === String(a.asset));
              return (
                <div key={key} class="carried-item">
                  <p>
                    <strong>
                      {y.year} · {String(a.asset)}
                      {a.description ? ` — ${a.description}` : ""}
                    </strong>{" "}
                    {r?.from ? <Badge kind="neutral">{r.from === "ledger" ? w.fromLedger : w.fromUser}</Badge> : null}
                  </p>
                  <dl class="stats">
                    <Stat label={w.openBefore}>
                      <Money value={String(a.open)} />
                    </Stat>
                    <Stat label={w.deductible} strong>
                      <Money value={r?.deductibleExact} />
                    </Stat>
                    <Stat label={w.stillOpen}>
                      <Money value={r?.openExact} />
                    </Stat>
                  </dl>
                  <CheckboxField fieldKey={`carried.${key}.inUse`} label={w.inUse(year)} checked={e.inUse.includes(key)} onChange={(v) => dispatch({ type: "set-carried", key, inUse: v })} />
                  <TextField fieldKey={`carried.${key}.paid`} label={w.paid(year)} value={e.paid[key] ?? ""} inputMode="decimal" onInput={(v) => dispatch({ type: "set-carried", key, paid: v })} />
                </div>
              );
            }),
          )}
          {carried ? (
            <dl class="stats">
              <Stat label={w.deductible}>
                <Money value={carried.deductible} />
              </Stat>
              <Stat label={w.stillOpen}>
                <Money value={carried.open} />
              </Stat>
              <Stat label={w.total} strong>
                <Money value={carried.totalDeductible} />
              </Stat>
            </dl>
          ) : null}
        </section>
      ) : null}
      {candidates.length ? (
        <section class="card" aria-labelledby="pick-heading">
          <h4 id="pick-heading">{w.pick}</h4>
          <TextField fieldKey="earlier.search" label={w.search} value={query} onInput={setQuery} />
          <ul class="candidates">
            {shown.map((c) => (
              <li key={`${c.year}:${c.asset}`}>
                <span>
                  {c.year} · {c.asset}
                  {c.description ? ` — ${c.description}` : ""} · <Money value={c.amount} />
                </span>{" "}
                {c.disposedIn !== undefined ? (
                  <span class="muted">{w.soldIn(c.disposedIn)}</span>
                ) : (
                  <button type="button" class="btn small" onClick={() => pick(c)}>
                    {w.sold}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {found.length > shown.length ? <p class="hint">{w.more(found.length - shown.length)}</p> : null}
          {note ? (
            <p class="hint" role="status">
              {note}
            </p>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
