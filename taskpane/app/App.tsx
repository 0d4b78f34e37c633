/**
 * The pane: read the fixed-asset ledger, go through the five steps, write the report. The state lives in one
 * reducer (state.ts); every number on screen comes from derive() → evaluate() on it. The workbook is reached only
 * through the Workbook interface (workbook/types.ts): Office.js inside Excel, an uploaded file in the standalone
 * page.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import { LEDGER_FIELDS, type LedgerField } from "../../src/workbook/ledger";
import type { ReadablePart } from "../../src/workbook/read";
import type { Culture, Host, ReadProgress, Workbook } from "../workbook/types";
import type { UploadedFile } from "../workbook/file";
import { PaneContext, fieldId, type Pane } from "./context";
import type { Derived } from "./model/derive";
import { carriedStepLoaded } from "../../src/carried-hook";
import { cultureFromLocale } from "./text/format";
import { messages } from "./text/i18n";
import { defaultYear, ledgerChoices, loadLedger, messageOf, sourceKey, type SavedMappings } from "./model/load";
import { CHOICES_KEY, LEDGER_TABLES, MAPPING_KEY } from "./model/names";
import { normalizeHeader } from "../../src/workbook/ledger";
import { referenceUrls } from "./text/refs";
import { SourcePanel } from "./steps/Source";
import { hasChoices, initialState, reducer, STEPS, type PaneState, type StepId } from "./model/state";
import { WorkbookTools } from "./steps/WorkbookTools";
import { Steps } from "./steps/Steps";

export type { UploadedFile } from "../workbook/file";

/** The user's choices in the document, per ledger (sourceKey). */
type StoredChoices = Record<string, unknown>;

export interface AppProps {
  host: Host;
  /**
   * the standalone page: open an uploaded .xlsx/.csv as a workbook (read in a Web Worker; the file adapter is loaded
   * lazily only then); `signal` stops it, `onProgress` hears how far it is
   */
  openFile?: (file: UploadedFile, reading: { signal: AbortSignal; onProgress: (p: ReadProgress) => void }) => Promise<Workbook>;
  /** the standalone page: the sample ledger's address on the same origin */
  sampleUrl?: string;
  version: string;
}


/** What the pane shows before a ledger is read (derive.ts gives the same without a grid). */
const NOTHING_DERIVED: Derived = { read: null, ledger: null, leftOut: [], ledgerDisposals: [], registerDisposals: [], built: null, evaluated: null, error: null, disposalIssues: [], enteredLeftOut: [] };

/** From this many ledger rows the figures wait for a pause in typing (SETTLE_MS). */
const SETTLE_FROM_ROWS = 5000;
const SETTLE_MS = 250;

/**
 * `value`, or with `lag` the last value that stayed unchanged for SETTLE_MS. Without lag (and the moment lag
 * starts, e.g. a large ledger just loaded with its restored choices) the value is taken as it is.
 */
function useSettled<T>(value: T, lag: boolean): T {
  const [settled, setSettled] = useState(value);
  const lagged = useRef(lag);
  const starting = lag && !lagged.current;
  lagged.current = lag;
  useEffect(() => {
    if (!lag || starting) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value, lag]);
  return lag && !starting ? settled : value;
}

export function App(props: AppProps) {
  const { host } = props;
  const lang = host.language;
  const t = messages(lang);
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(defaultYear()));
  const [workbook, setWorkbook] = useState<Workbook | null>(host.kind === "excel" ? host.workbook : null);
  const [culture, setCulture] = useState<Culture>(() =>
    cultureFromLocale(typeof navigator !== "undefined" ? navigator.language : undefined, lang),
  );
  const [tables, setTables] = useState<ReadablePart[] | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  /** derive.ts (the reader's readFound, the scenario, evaluate): a chunk loaded with the first ledger (loadLedger) */
  const deriver = useRef<((state: PaneState, culture: Culture) => Derived) | null>(null);
  /** the document holds choices for the ledger on screen (restored or saved) */
  const choicesStored = useRef(false);
  // On a large ledger the choices the figures follow settle once the user pauses typing: evaluating 100.000 rows
  // takes about 100 ms, which per keystroke would block the field. The fields show what is typed at once.
  const settled = useSettled(state.choices, (state.grid?.rows.length ?? 0) >= SETTLE_FROM_ROWS);
  const view = settled === state.choices ? state : { ...state, choices: settled };
  // the core's step for the KIA of earlier years (src/carried) is a chunk of its own, loaded when the choices have
  // earlier years (restored from the document, or read in step 4): the figures follow once it is there
  const [carriedReady, setCarriedReady] = useState(carriedStepLoaded);
  const hasEarlier = !!state.choices.earlier?.carriedIn.length;
  useEffect(() => {
    if (!hasEarlier || carriedReady) return;
    import(/* webpackChunkName: "earlier" */ "../../src/carried").then(() => setCarriedReady(true)).catch(() => undefined);
  }, [hasEarlier, carriedReady]);
  const derived = useMemo(
    () => (deriver.current ? deriver.current(view, culture) : NOTHING_DERIVED),
    [state, settled, culture, carriedReady],
  );

  // the culture Excel shows numbers in (ExcelApi 1.11 cultureInfo), for the pane's amounts
  useEffect(() => {
    if (!workbook) return;
    workbook
      .culture()
      .then((c) => setCulture({ ...c, language: lang }))
      .catch(() => undefined);
  }, [workbook]);

  /** the reading under way that the user can stop (a file's, read in a worker): the pane keeps what it showed */
  const reading = useRef<AbortController | null>(null);
  const startReading = (cancellable: boolean) => {
    reading.current?.abort();
    const stop = new AbortController();
    reading.current = cancellable ? stop : null;
    return stop;
  };
  /** a reading that ended: stopped by the user (nothing changes), or failed */
  const readingEnded = (e: unknown, stop: AbortController) => {
    if (reading.current === stop) reading.current = null;
    if (stop.signal.aborted || (e as { name?: unknown } | null)?.name === "AbortError") dispatch({ type: "load-cancelled" });
    else dispatch({ type: "load-failed", message: messageOf(e) });
  };

  /** the ledger of `wb` read (and the pane's derive chunk loaded), not yet shown */
  const readLedger = async (wb: Workbook, what: { table?: string } | { selection: true }, signal: AbortSignal, fileName?: string) => {
    const done = await loadLedger(wb, what, {
      guess: state.choices.year,
      culture: () => wb.culture().then((x) => ({ ...x, language: lang }), () => culture),
      fileName,
      onProgress: (p) => dispatch({ type: "load-progress", progress: p }),
      signal,
    });
    deriver.current ??= (await import(/* webpackChunkName: "derive" */ "./model/derive")).makeDeriver();
    return done;
  };

  const load = useCallback(
    async (wb: Workbook, what: { table?: string } | { selection: true }, fileName?: string) => {
      const stop = startReading(!!wb.readWorkbook);
      dispatch({ type: "load-start", source: { kind: fileName ? "file" : "table" in what ? "table" : "selection", name: ("table" in what && what.table) || "" }, cancellable: !!wb.readWorkbook });
      try {
        const done = await readLedger(wb, what, stop.signal, fileName);
        if (stop.signal.aborted) throw stop.signal.reason;
        if (reading.current === stop) reading.current = null;
        choicesStored.current = !!done.restoredChoices;
        dispatch(done);
      } catch (e) {
        readingEnded(e, stop);
      }
    },
    [state.choices.year, culture],
  );

  // inside Excel: what the workbook holds that can be read as the ledger; a table or sheet named as a ledger (the
  // template's "Investeringen") is read at once (also right after "Nieuw KIA-werkblad" inserted it)
  const relist = useCallback(() => {
    if (host.kind !== "excel") return;
    ledgerChoices(host.workbook)
      .then((ts) => {
        setTables(ts);
        const named = ts.filter((x) => LEDGER_TABLES.includes(normalizeHeader(x.name)));
        const ledger = named.find((x) => x.ledger) ?? named.find((x) => x.table);
        if (ledger) void load(host.workbook, { table: ledger.name });
      })
      .catch((e) => dispatch({ type: "load-failed", message: messageOf(e) }));
  }, [load]);
  useEffect(relist, []);

  // A file is opened and read (in the page's worker) before anything on screen changes: stopping it, or a file that
  // cannot be read, leaves the ledger shown before as it was.
  const openFile = useCallback(
    async (file: UploadedFile) => {
      if (!props.openFile) return;
      const stop = startReading(true);
      dispatch({ type: "load-start", source: { kind: "file", name: file.name }, cancellable: true });
      let wb: Workbook | undefined;
      try {
        const onProgress = (p: ReadProgress) => dispatch({ type: "load-progress", progress: p });
        wb = await props.openFile(file, { signal: stop.signal, onProgress });
        const parts = await ledgerChoices(wb, stop.signal);
        const done = await readLedger(wb, {}, stop.signal, file.name);
        if (stop.signal.aborted) throw stop.signal.reason;
        if (reading.current === stop) reading.current = null;
        // the new file takes the place of the one before
        if (workbook !== wb) workbook?.close?.();
        setWorkbook(wb);
        setTables(parts);
        choicesStored.current = !!done.restoredChoices;
        dispatch(done);
      } catch (e) {
        wb?.close?.();
        // a damaged file: the pane's own words in its language, not the zip reader's
        if ((e as { code?: unknown } | null)?.code === "UNREADABLE_FILE") {
          if (reading.current === stop) reading.current = null;
          dispatch({ type: "load-failed", message: t.unreadableFile(file.name) });
        } else readingEnded(e, stop);
      }
    },
    [props.openFile, workbook, state.choices.year, culture],
  );

  // the user's corrected mapping is stored in the document and used again next time
  useEffect(() => {
    if (!workbook || !state.source || !state.grid || state.mappingOrigin !== "user") return;
    const grid = state.grid;
    const key = sourceKey(state.source);
    const record: Partial<Record<LedgerField, string | null>> = {};
    for (const f of LEDGER_FIELDS) {
      const c = state.mapping[f];
      record[f] = c === undefined ? null : (grid.headers[c] ?? null);
    }
    void (async () => {
      const saved = (await workbook.loadSetting<SavedMappings>(MAPPING_KEY).catch(() => undefined)) ?? {};
      await workbook.saveSetting(MAPPING_KEY, { ...saved, [key]: record }).catch(() => undefined);
    })();
  }, [state.mapping]);

  // the choices too (overrides, calamity, partners, disposals), per ledger, a moment after the last edit; choices
  // that are just what the workbook gives are not stored, and an emptied set is removed, so "begin opnieuw" holds
  // after a reload
  useEffect(() => {
    if (!workbook || !state.source || !state.grid) return;
    const changed = hasChoices(state.choices, state.baseline);
    if (!changed && !choicesStored.current) return;
    const key = sourceKey(state.source);
    const choices = state.choices;
    const timer = setTimeout(() => {
      choicesStored.current = changed;
      void (async () => {
        const all = (await workbook.loadSetting<StoredChoices>(CHOICES_KEY).catch(() => undefined)) ?? {};
        const next: StoredChoices = { ...(typeof all === "object" ? all : {}) };
        if (changed) next[key] = choices;
        else delete next[key];
        await workbook.saveSetting(CHOICES_KEY, next).catch(() => undefined);
      })();
    }, 800);
    return () => clearTimeout(timer);
  }, [state.choices]);

  // every message at its field: the user's input errors and the core's message
  const fieldErrors = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of derived.built?.inputErrors ?? []) if (!m.has(e.key)) m.set(e.key, e.message);
    for (const e of derived.disposalIssues) if (!m.has(e.key)) m.set(e.key, e.message);
    if (derived.error && !m.has(derived.error.key)) m.set(derived.error.key, derived.error.message);
    return m;
  }, [derived]);

  // every legal reference a link, where the report gives the address of its law
  const refUrl = useMemo(() => referenceUrls(derived.evaluated?.report?.parameters.references), [derived.evaluated?.report]);

  const goTo = useCallback((step: StepId, key?: string) => {
    dispatch({ type: "set-step", step });
    if (key) setFocusKey(key);
  }, []);

  // after a "go to the field": focus it once it is on screen
  useEffect(() => {
    if (!focusKey) return;
    const el = document.getElementById(fieldId(focusKey)) ?? document.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
    if (el) {
      el.scrollIntoView({ block: "center" });
      (el as HTMLElement).focus();
    }
    setFocusKey(null);
  });

  const pane: Pane = {
    t,
    lang,
    culture,
    state,
    derived,
    dispatch,
    excel: host.kind === "excel",
    workbook,
    fieldErrors,
    refUrl,
    goTo,
  };

  return (
    <PaneContext.Provider value={pane}>
      <div class="app" data-ready="true">
        <header class="app-header">
          <h1>{t.appTitle}</h1>
          <p class="subtitle">{t.appSubtitle}</p>
          {host.kind === "standalone" ? (
            <p class="host-note" id="host">
              {t.standaloneNote}{" "}
              <a href={`?lang=${lang === "en" ? "nl" : "en"}`} lang={lang === "en" ? "nl" : "en"} hrefLang={lang === "en" ? "nl" : "en"} id="switch-language">
                {lang === "en" ? "Nederlands" : "English"}
              </a>
            </p>
          ) : null}
          {t.dutchOnlyNote ? <p class="hint">{t.dutchOnlyNote}</p> : null}
        </header>
        <main>
          <SourcePanel
            tables={tables}
            onReadTable={(name) => workbook && load(workbook, { table: name }, state.source?.fileName)}
            onStop={() => reading.current?.abort()}
            onReadSelection={() => workbook && load(workbook, { selection: true })}
            onFile={props.openFile ? openFile : undefined}
            sampleUrl={props.sampleUrl}
          />
          {state.grid ? <Steps steps={STEPS} version={props.version} /> : null}
          <WorkbookTools onTemplateInserted={relist} />
        </main>
      </div>
    </PaneContext.Provider>
  );
}
