/**
 * Step 1's account of the reading (src/workbook/read.ts readWorkbook, as kia-calc reads the same file): where the
 * ledger, the partners, the disposals and the year were found, and every sheet or table that looks like one the
 * tool knows but was not read, with why (the reader's notes, in Dutch) and, in Excel, a way to its cell. Open when
 * something was passed over. A lazy chunk: loaded with step 1.
 */
import { columnIndex } from "../../../src/workbook/ledger";
import { cellOf } from "../../../src/workbook/left-out";
import { usePane } from "../context";
import { sourceText } from "../text/display";
import { GoToCell } from "../ui";

/** The reader's words for where the year came from, in the pane's language ("de investeringsdatums", "KIA_JAAR (Info!B2)"). */
function yearText(year: string, lang: "nl" | "en", none: string): string {
  if (!year) return none;
  if (lang !== "en") return year;
  return year.replace(/^de investeringsdatums$/, "the investment dates").replace(/^de titel /, "the title ");
}

/** A list found whose every row is left out (the reader names only lists it read rows from): said, not "niet gevonden". */
const NONE_READ = { nl: "gevonden, maar geen regel gelezen (zie de problemen in de staat)", en: "found, but no row read (see the problems in the ledger)" } as const;

export function ReadNotes() {
  const { t, lang, state } = usePane();
  const from = state.readFrom;
  if (!from) return null;
  const notes = state.notes;
  const part = (x: string | undefined, grid?: { source: string } | null) =>
    x ? sourceText(x, lang) : grid ? `${sourceText(grid.source, lang)}: ${NONE_READ[lang]}` : t.notInBook;
  return (
    <section class="card read-notes" id="read-notes" aria-label={t.readFrom}>
      <details open={notes.length > 0 || (!from.partners && !!state.partnersFound) || (!from.disposals && !!state.disposalGrid)}>
        <summary id="read-notes-summary">
          {t.readFrom}
          {notes.length ? <span class="problem-count"> · {t.notRead(notes.length)}</span> : null}
        </summary>
        <dl class="read-from">
          <dt>{t.readParts.ledger}</dt>
          <dd>{part(from.ledger)}</dd>
          <dt>{t.readParts.partners}</dt>
          <dd>{part(from.partners, state.partnersFound?.partners)}</dd>
          <dt>{t.readParts.disposals}</dt>
          <dd>{part(from.disposals, state.disposalGrid)}</dd>
          <dt>{t.readParts.year}</dt>
          <dd>{yearText(from.year, lang, t.notInBook)}</dd>
        </dl>
        {notes.length ? (
          <ul class="read-notes-list">
            {notes.map((n, i) => {
              const cell = cellOf(n);
              return (
                <li key={`${cell}-${i}`} class="problem" data-kind={n.kind}>
                  <span class="where">{cell}</span> <span class="what">{n.reason}</span>
                  <GoToCell sheet={n.sheet} row={n.row} column={columnIndex(n.column)} label={cell} />
                </li>
              );
            })}
          </ul>
        ) : null}
      </details>
    </section>
  );
}
