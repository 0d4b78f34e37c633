/**
 * Where the ledger comes from (a table, the selection, or in the standalone page a file or the sample), the
 * year, the column mapping the user can correct, and the ledger's problems with their row and column (inside
 * Excel a click selects the cell). Once a ledger is read, the card folds to one line (where it came from, the
 * year; how the year was found unless the workbook gave it; a warning when dates fall outside the year) and a
 * summary with the number of problems and "wijzig" that opens the rest, so the steps are in view on a narrow pane.
 */
import { useState } from "preact/hooks";
import { establishedYears } from "../../../src/law";
import { columnIndex, columnLetter, LEDGER_FIELDS, ledgerMapping, type LedgerField } from "../../../src/workbook/ledger";
import { cellOf, fieldName, type LeftOut } from "../../../src/workbook/left-out";
import { ledgerLinesText } from "../../../src/workbook/lines";
import type { ReadablePart } from "../../../src/workbook/read";
import { fieldId, usePane } from "../context";
import { sourceText } from "../text/display";
import { formatNumber, keepEuro } from "../text/format";
import { FieldMessage, GoToCell } from "../ui";
import type { UploadedFile } from "../App";

const REQUIRED: LedgerField[] = ["category", "amount"];

export function SourcePanel(props: {
  tables: ReadablePart[] | null;
  onReadTable: (name: string) => void;
  /** stops the reading under way (a file's); the ledger shown before stays */
  onStop?: () => void;
  onReadSelection: () => void;
  onFile?: (file: UploadedFile) => void;
  sampleUrl?: string;
}) {
  const { t, lang, state, excel, culture, dispatch, derived } = usePane();
  const [table, setTable] = useState<string>("");
  const [sampleError, setSampleError] = useState<string | null>(null);
  const tables = props.tables ?? [];
  const chosen = table || state.source?.table || tables[0]?.name || "";
  const loading = state.loading;
  const n = (x: number) => formatNumber(String(x), culture);

  const trySample = async () => {
    if (!props.sampleUrl || !props.onFile) return;
    setSampleError(null);
    try {
      const res = await fetch(props.sampleUrl);
      if (!res.ok) throw new Error(`${props.sampleUrl}: ${res.status}`);
      const buf = await res.arrayBuffer();
      const name = props.sampleUrl.split("/").pop() || "voorbeeld.xlsx";
      props.onFile({ name, arrayBuffer: async () => buf });
    } catch (e) {
      setSampleError(e instanceof Error ? e.message : String(e));
    }
  };

  const tableOptions = tables.map((x) => ({ value: x.name, label: x.sheet && x.sheet !== x.name ? `${x.name} (${x.sheet})` : x.name }));

  const controls = (
    <>
      {!excel && props.onFile ? (
        <div class="file-controls">
          <div class="row wrap">
            <input
              id="ledger-file"
              class="sr-only file-input"
              type="file"
              accept=".xlsx,.csv"
              disabled={!!loading}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                if (f) props.onFile!(f);
                e.currentTarget.value = "";
              }}
            />
            <label for="ledger-file" class="btn primary file-button">
              {t.chooseFile}
            </label>
            {props.sampleUrl ? (
              <button type="button" class="btn" id="try-sample" onClick={trySample} disabled={!!loading}>
                {t.trySample}
              </button>
            ) : null}
          </div>
          <p class="hint">
            {t.fileHint} {props.sampleUrl ? t.sampleNote : ""}
          </p>
        </div>
      ) : null}
      {tables.length > 0 && (excel || tables.length > 1) ? (
        <div class="row wrap">
          <div class="field grow">
            <label for="table-select">{t.table}</label>
            <select id="table-select" value={chosen} onChange={(e) => setTable(e.currentTarget.value)}>
              {tableOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div class="row buttons">
            <button type="button" class="btn" onClick={() => props.onReadTable(chosen)} disabled={!!loading || !chosen}>
              {t.readTable}
            </button>
            {excel ? (
              <button type="button" class="btn" onClick={props.onReadSelection} disabled={!!loading}>
                {t.readSelection}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {excel && props.tables && tables.length === 0 ? (
        <div class="row wrap">
          <p class="hint grow">{t.noTables}</p>
          <button type="button" class="btn" onClick={props.onReadSelection} disabled={!!loading}>
            {t.readSelection}
          </button>
        </div>
      ) : null}
      {excel ? <p class="hint">{t.readOnlyNote}</p> : null}
    </>
  );

  const grid = state.grid;
  const problemCount = derived.leftOut.length;
  const missing = grid ? REQUIRED.some((f) => state.mapping[f] === undefined) : false;
  // dates outside the chosen year: shown here beside the year, where choosing the wrong year is seen at once
  const dateWarnings = (derived.evaluated?.report?.warnings ?? []).filter((w) => w.code === "DATE_OUTSIDE_YEAR");
  // rows dated in another year are open questions (art. 3.43): said here too, beside the year
  const otherYear = (derived.ledger?.open ?? []).filter((q) => q.kind === "year").length;
  const sourceName = grid && state.source ? sourceText(grid.source, lang) : "";

  return (
    <section class={`card source ${grid ? "folded" : ""}`} aria-labelledby="source-heading">
      <h2 id="source-heading" class={grid ? "sr-only" : undefined}>
        {t.ledgerHeading}
      </h2>
      {grid && state.source ? (
        <>
          <div class="row wrap loaded">
            <p class="grow source-line" id="source-line">
              {t.loadedFrom(state.source.fileName && !grid.source.includes(state.source.fileName) ? `${state.source.fileName}: ${sourceName}` : sourceName, derived.read ? ledgerLinesText(derived.read.lines, lang, n) : "")}
            </p>
            <YearSelect />
          </div>
          {state.yearFound?.from === "dates" ? (
            <p class="hint" id="year-note">
              {t.yearFromDates(state.yearFound)}
            </p>
          ) : state.yearFound?.from === "none" ? (
            <p class="message warning" role="status" id="year-note">
              {t.yearGuess(state.yearFound.years, state.yearFound.year)}
            </p>
          ) : null}
          {dateWarnings.length || otherYear ? (
            <div class="message warning" role="status" id="year-warning">
              <strong>{t.yearCheck}:</strong>{" "}
              {otherYear ? <span>{t.otherYearRows(otherYear, state.choices.year)} </span> : null}
              {dateWarnings.map((w, i) => (
                <span key={i}>{keepEuro(w.text)} </span>
              ))}
            </div>
          ) : null}
        </>
      ) : (
        controls
      )}
      {loading ? (
        <div class="progress row wrap" role="status">
          {/* the rows read of the ledger; before it, how much of the file's sheet is parsed (a file read in the worker) */}
          <progress
            id="read-progress"
            max={loading.rowsTotal || (loading.part !== undefined ? 1 : undefined)}
            value={loading.rowsTotal ? loading.rowsRead : loading.part}
            aria-label={t.reading}
          />
          <span class="grow">
            {loading.rowsTotal ? t.readingRows(n(loading.rowsRead), n(loading.rowsTotal)) : loading.part !== undefined ? t.readingPart(Math.floor(loading.part * 100)) : t.reading}
          </span>
          {loading.cancellable && props.onStop ? (
            <button type="button" class="btn" id="stop-reading" onClick={props.onStop}>
              {t.stopReading}
            </button>
          ) : null}
        </div>
      ) : null}
      {state.loadError ? (
        <p class="message error" role="alert">
          {state.loadError}
        </p>
      ) : null}
      {sampleError ? (
        <p class="message error" role="alert">
          {sampleError}
        </p>
      ) : null}
      {grid && state.source ? (
        <>
          {state.restored ? (
            <div class="message info row wrap">
              <span class="grow">{t.restored}</span>
              <button type="button" class="btn subtle" onClick={() => dispatch({ type: "forget-choices" })}>
                {t.forget}
              </button>
            </div>
          ) : null}
          <details class="source-more" open={missing}>
            <summary id="source-summary">
              {t.columnsFound(Object.keys(state.mapping).length)}
              {" · "}
              <span class={problemCount ? "problem-count" : undefined}>{t.problemCount(problemCount)}</span>
              {" · "}
              <span class="change">{t.change}</span>
            </summary>
            <details class="another">
              <summary>{t.anotherLedger}</summary>
              {controls}
            </details>
            <Mapping />
            <Problems problems={derived.leftOut} />
          </details>
        </>
      ) : null}
    </section>
  );
}

function YearSelect() {
  const { t, state, dispatch } = usePane();
  const years = establishedYears().slice().reverse();
  return (
    <div class="field year">
      <label for={fieldId("year")}>{t.year}</label>
      <select
        id={fieldId("year")}
        value={String(state.choices.year)}
        onChange={(e) => dispatch({ type: "set-year", year: Number(e.currentTarget.value) })}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
      <FieldMessage fieldKey="year" id={`${fieldId("year")}-error`} />
    </div>
  );
}

function Mapping() {
  const { t, state, dispatch } = usePane();
  const grid = state.grid!;
  const found = Object.keys(state.mapping).length;
  const missing = REQUIRED.filter((f) => state.mapping[f] === undefined);
  const options = grid.headers.map((h, i) => ({ value: String(i), label: t.column(columnLetter(grid.firstColumn + i), h || "—") }));
  return (
    <details class="mapping" open={missing.length > 0}>
      <summary>
        {t.mappingSummary(found)}
        {state.mappingOrigin === "user" ? t.mappingChanged : ""}
      </summary>
      <p class="hint">{t.mappingIntro}</p>
      {missing.length ? (
        <p class="message error" role="alert">
          {t.missingRequired(missing.map((f) => t.fieldNames[f]).join(", "))}
        </p>
      ) : null}
      <div class="mapping-grid">
        {LEDGER_FIELDS.map((f) => (
          <div class="field" key={f}>
            <label for={`map-${f}`}>
              {t.fieldNames[f]}
              {REQUIRED.includes(f) ? ` (${t.required})` : ""}
            </label>
            <select
              id={`map-${f}`}
              value={state.mapping[f] === undefined ? "" : String(state.mapping[f])}
              onChange={(e) => {
                const v = e.currentTarget.value;
                dispatch({ type: "set-mapping", field: f, column: v === "" ? undefined : Number(v) });
              }}
            >
              <option value="">{t.notInLedger}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <button type="button" class="btn subtle" onClick={() => dispatch({ type: "reset-mapping", mapping: ledgerMapping(grid.headers, grid.rows, grid.firstColumn).mapping })}>
        {t.redetect}
      </button>
    </details>
  );
}

const SHOWN = 20;

function Problems(props: { problems: readonly LeftOut[] }) {
  const { t } = usePane();
  const [all, setAll] = useState(false);
  if (!props.problems.length) return null;
  const shown = all ? props.problems : props.problems.slice(0, SHOWN);
  return (
    <section class="problems" aria-labelledby="problems-ledger">
      <h3 id="problems-ledger">{t.problemsHeading(props.problems.length)}</h3>
      <p class="hint">{t.problemsIntro}</p>
      <ul>
        {shown.map((p, i) => {
          // the cell with its sheet ("Activa!A17"), as the notes, the report and kia-calc name it
          const cell = cellOf(p);
          const field = p.field === "row" ? "" : p.list === "investments" ? (t.fieldNames[p.field as LedgerField] ?? fieldName(p)) : fieldName(p);
          return (
            <li key={`${p.sheet}-${p.row}-${p.column}-${i}`} class="problem">
              <span class="where">{field ? `${cell} (${field})` : cell}</span>
              <span class="what">
                {keepEuro(p.reason)}
                {p.value ? <span class="value"> ({p.value})</span> : null}
              </span>
              <GoToCell sheet={p.sheet} row={p.row} column={columnIndex(p.column)} label={cell} />
            </li>
          );
        })}
      </ul>
      {props.problems.length > SHOWN && !all ? (
        <button type="button" class="btn subtle" onClick={() => setAll(true)}>
          {t.moreProblems(props.problems.length - SHOWN)} · {t.showAllProblems}
        </button>
      ) : null}
    </section>
  );
}
