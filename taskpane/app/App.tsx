/**
 * The pane: read the fixed-asset ledger, go through the five steps, write the report. The state lives in one
 * reducer (state.ts); every number on screen comes from derive() → evaluate() on it. The workbook is reached only
 * through the Workbook interface (workbook/types.ts): Office.js inside Excel, an uploaded file in the standalone
 * page.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import { LEDGER_FIELDS, mapHeaders, type LedgerField } from "../../src/workbook/ledger";
import type { Culture, Host, TableInfo, Workbook } from "../workbook/types";
import { PaneContext, fieldId, type Pane } from "./context";
import { makeDeriver } from "./derive";
import { cultureFromLocale } from "./format";
import { messages } from "./i18n";
import { applySavedMapping, defaultYear, ledgerTable, messageOf, pickTable, sourceKey, workbookParts, type SavedMappings } from "./load";
import { CHOICES_KEY, LEDGER_TABLES, MAPPING_KEY } from "./names";
import { referenceUrls } from "./refs";
import { SourcePanel } from "./Source";
import { restoreChoices, hasChoices, initialChoices, initialState, reducer, STEPS, type Choices, type Source, type StepId } from "./state";
import { WorkbookTools } from "./WorkbookTools";
import { Steps } from "./Steps";

export interface UploadedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The user's choices in the document, per ledger (sourceKey). */
type StoredChoices = Record<string, unknown>;

export interface AppProps {
  host: Host;
  /** the standalone page: open an uploaded .xlsx/.csv as a workbook (exceljs is loaded lazily only then) */
  openFile?: (file: UploadedFile) => Promise<Workbook>;
  /** the standalone page: the sample ledger's address on the same origin */
  sampleUrl?: string;
  version: string;
}


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
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const deriver = useRef(makeDeriver()).current;
  /** the document holds choices for the ledger on screen (restored or saved) */
  const choicesStored = useRef(false);
  // On a large ledger the choices the figures follow settle once the user pauses typing: evaluating 100.000 rows
  // takes about 100 ms, which per keystroke would block the field. The fields show what is typed at once.
  const settled = useSettled(state.choices, (state.grid?.rows.length ?? 0) >= SETTLE_FROM_ROWS);
  const view = settled === state.choices ? state : { ...state, choices: settled };
  const derived = useMemo(() => deriver(view, culture), [state, settled, culture]);

  // the culture Excel shows numbers in (ExcelApi 1.11 cultureInfo), for the pane's amounts
  useEffect(() => {
    if (!workbook) return;
    workbook
      .culture()
      .then((c) => setCulture({ ...c, language: lang }))
      .catch(() => undefined);
  }, [workbook]);

  const load = useCallback(
    async (wb: Workbook, what: { table: string } | { selection: true }, fileName?: string, listed?: TableInfo[]) => {
      const kind: Source["kind"] = fileName ? "file" : "table" in what ? "table" : "selection";
      dispatch({ type: "load-start", source: { kind, name: "table" in what ? what.table : "" } });
      try {
        const progress = (p: { rowsRead: number; rowsTotal: number }) => dispatch({ type: "load-progress", progress: p });
        const grid = "table" in what ? await wb.readTable(what.table, progress) : await wb.readSelection(progress);
        const source: Source = {
          kind,
          name: grid.source,
          ...("table" in what ? { table: what.table } : {}),
          ...(fileName ? { fileName } : {}),
        };
        const key = sourceKey(source);
        const saved = await wb.loadSetting<SavedMappings>(MAPPING_KEY).catch(() => undefined);
        const { mapping, origin } = applySavedMapping(mapHeaders(grid.headers).mapping, saved?.[key], grid.headers);
        const stored = await wb.loadSetting<StoredChoices>(CHOICES_KEY).catch(() => undefined);
        const mine = stored && typeof stored === "object" ? stored[key] : undefined;
        const choices: Choices | undefined = mine ? restoreChoices(mine, state.choices.year) : undefined;
        choicesStored.current = !!mine;
        // the year (restored choices keep theirs), the disposals and the partners, as kia-calc finds them
        const { yearFound, disposalGrid, partners } = await workbookParts(wb, { grid, mapping, table: "table" in what ? what.table : undefined }, {
          guess: choices ? undefined : state.choices.year,
          culture: () => wb.culture().then((x) => ({ ...x, language: lang }), () => culture),
          tables: listed,
        });
        const year = yearFound?.from === "none" ? undefined : yearFound?.year;
        // restored choices win over what the workbook gives, when they hold more than that
        const baseline = initialChoices(year ?? choices?.year ?? state.choices.year);
        if (partners) baseline.partnership = partners.partnership;
        dispatch({
          type: "load-done",
          source,
          grid,
          disposalGrid,
          mapping,
          mappingOrigin: origin,
          choices: choices && hasChoices(choices, baseline) ? choices : undefined,
          year,
          yearFound,
          partnership: partners?.partnership,
          partnersRead: partners?.read ?? null,
        });
      } catch (e) {
        dispatch({ type: "load-failed", message: messageOf(e) });
      }
    },
    [state.choices.year, culture],
  );

  // inside Excel: the workbook's tables; the template's "Investeringen" is read at once (also right after
  // "Nieuw KIA-werkblad" inserted it)
  const relist = useCallback(() => {
    if (host.kind !== "excel") return;
    host.workbook
      .listTables()
      .then((ts) => {
        setTables(ts);
        const ledger = pickTable(ts, LEDGER_TABLES);
        if (ledger) void load(host.workbook, { table: ledger.name }, undefined, ts);
      })
      .catch((e) => dispatch({ type: "load-failed", message: messageOf(e) }));
  }, [load]);
  useEffect(relist, []);

  const openFile = useCallback(
    async (file: UploadedFile) => {
      if (!props.openFile) return;
      dispatch({ type: "load-start", source: { kind: "file", name: file.name } });
      try {
        const wb = await props.openFile(file);
        setWorkbook(wb);
        const ts = await wb.listTables();
        setTables(ts);
        const ledger = ledgerTable(ts);
        if (!ledger) throw new Error(`${file.name} bevat geen gegevens.`);
        await load(wb, { table: ledger.name }, file.name, ts);
      } catch (e) {
        // a damaged file: the pane's own words in its language, not the zip reader's
        const unreadable = (e as { code?: unknown } | null)?.code === "UNREADABLE_FILE";
        dispatch({ type: "load-failed", message: unreadable ? t.unreadableFile(file.name) : messageOf(e) });
      }
    },
    [props.openFile, load],
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
