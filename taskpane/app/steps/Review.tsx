/**
 * Step 1: every asset with its verdict and the reasons (with their article), the year's totals, filters and a
 * page at a time; the user can override a verdict, always with a written reason (scenario `override`). Below 700 px
 * each asset is a card; from 700 px a row of a compact table (./AssetTable.tsx), whose dialog shows the reasons.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { AssetReport } from "../../../src";
import { assetRows, counts, FILTERS, matches, page, search, type AssetFilter, type AssetRow } from "../model/assets";
import { Chart } from "./Chart";
import { KiaStats } from "./KiaStats";
import { fieldId, usePane } from "../context";
import { formatNumber, keepEuro } from "../text/format";
import { Badge, Dialog, lazyComponent, Money, Ref, Stat, useWidth } from "../ui";

/**
 * The top of step 1 (./OpenQuestions.tsx: the checks of total rows, the open questions, the answers given, the data
 * saved to and loaded from a file): a lazy chunk, loaded once a ledger is on screen.
 */
const OpenQuestionsLazy = lazyComponent(() => import(/* webpackChunkName: "questions" */ "./OpenQuestions").then((m) => m.OpenQuestions));
/** What was read from where, and what was passed over (./ReadNotes.tsx): a lazy chunk. */
const ReadNotesLazy = lazyComponent(() => import(/* webpackChunkName: "read-notes" */ "./ReadNotes").then((m) => m.ReadNotes));

interface ListProps {
  rows: AssetRow[];
  onEdit: (id: string) => void;
}

/** From this width the assets are a table (./AssetTable.tsx, a lazy chunk; the cards until it is loaded), below it cards. */
const TABLE_FROM_PX = 700;
const AssetTable = lazyComponent<ListProps>(() => import(/* webpackChunkName: "asset-table" */ "./AssetTable").then((m) => m.AssetTable), AssetCards);

export function ReviewStep() {
  const { derived, state } = usePane();
  return (
    <>
      {state.readFrom ? <ReadNotesLazy /> : null}
      {derived.ledger ? <OpenQuestionsLazy /> : null}
      <ReviewList />
    </>
  );
}

function ReviewList() {
  const { t, derived, culture, fieldErrors } = usePane();
  const report = derived.evaluated?.report ?? null;
  const ledger = derived.ledger;
  const scenario = derived.evaluated?.scenario;
  const [filter, setFilter] = useState<AssetFilter>("all");
  const [query, setQuery] = useState("");
  const [pageIndex, setPage] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  // the asset last edited stays in the list until the filter changes, also when it no longer matches it
  const [pinned, setPinned] = useState<string | null>(null);
  const wide = useWidth(TABLE_FROM_PX);

  const rows = useMemo(
    () => (report && scenario && ledger ? assetRows(report, scenario.investments, rowsOf(ledger, scenario.investments)) : []),
    [report, scenario, ledger],
  );
  const c = useMemo(() => counts(rows), [rows]);
  const filtered = useMemo(
    () => rows.filter((r) => r.asset.id === pinned || (matches(r, filter) && search(r, query.trim()))),
    [rows, filter, query, pinned],
  );
  const p = page(filtered, pageIndex);
  const n = (x: number) => formatNumber(String(x), culture);

  const scenarioError = fieldErrors.get("scenario");
  if (!report) {
    return <p class="message warning">{scenarioError ?? derived.error?.message ?? t.noLedgerYet}</p>;
  }
  const List = wide ? AssetTable : AssetCards;
  const editingRow = editing ? rows.find((r) => r.asset.id === editing) : undefined;
  return (
    <div class="review">
      <dl class="stats">
        <Stat label={t.assets}>{t.countedOf(c.counted, rows.length)}</Stat>
        <Stat label={t.total}>
          <Money value={report.total} />
        </Stat>
        <KiaStats report={report} />
      </dl>
      <Chart />
      <p class="hint">{t.kiaPartNote}</p>
      <div class="row wrap filters">
        <div class="field">
          <label for="asset-filter">{t.show}</label>
          <select
            id="asset-filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value as AssetFilter);
              setPinned(null);
              setPage(0);
            }}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t.filters[f]} ({n(c[f])})
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for="asset-search">{t.searchLabel}</label>
          <input
            id="asset-search"
            type="search"
            value={query}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setPinned(null);
              setPage(0);
            }}
          />
        </div>
      </div>
      {p.items.length === 0 ? <p class="hint">{t.noneInFilter}</p> : null}
      <List
        rows={p.items}
        onEdit={(id) => {
          setEditing(id);
          setPinned(id);
        }}
      />
      {p.pages > 1 ? (
        <nav class="pager row" aria-label={t.assets}>
          <button type="button" class="btn" disabled={p.page === 0} onClick={() => setPage(p.page - 1)}>
            {t.previous}
          </button>
          <span aria-live="off">{t.pageOf(n(p.from), n(p.to), n(filtered.length))}</span>
          <button type="button" class="btn" disabled={p.page >= p.pages - 1} onClick={() => setPage(p.page + 1)}>
            {t.nextPage}
          </button>
        </nav>
      ) : filtered.length ? (
        <p class="hint">{t.pageOf(n(p.from), n(p.to), n(filtered.length))}</p>
      ) : null}
      {editingRow ? <OverrideDialog row={editingRow} details={wide} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

/** The sheet row of each investment of the evaluated scenario (rows refused by the core are no longer in it). */
function rowsOf(ledger: { investments: { id: string | number }[]; rows: number[] }, investments: readonly { id: string | number }[]): number[] {
  const byId = new Map<string, number>();
  ledger.investments.forEach((inv, i) => byId.set(String(inv.id), ledger.rows[i]));
  return investments.map((inv) => byId.get(String(inv.id)) ?? 0);
}

function verdictBadge(a: AssetReport, t: ReturnType<typeof usePane>["t"]) {
  return a.counted ? <Badge kind="success">{t.counts}</Badge> : <Badge kind="danger">{t.notCounted}</Badge>;
}

function AssetCards({ rows, onEdit }: ListProps) {
  const { t } = usePane();
  return (
    <ul class="assets" aria-label={t.assets}>
      {rows.map((r) => (
        <AssetCard key={r.asset.id} row={r} onEdit={() => onEdit(r.asset.id)} />
      ))}
    </ul>
  );
}

/** An asset's reasons, each with its legal reference. */
function Reasons({ a }: { a: AssetReport }) {
  return (
    <ul class="reasons">
      {a.reasons.map((r, i) => (
        <li key={i} class={`reason reason-${r.code}`}>
          <span>{keepEuro(r.text)}</span> <Ref label={r.ref} />
        </li>
      ))}
    </ul>
  );
}

function AssetCard({ row, onEdit }: { row: AssetRow; onEdit: () => void }) {
  const { t, fieldErrors } = usePane();
  const a = row.asset;
  const key = `asset.${a.id}`;
  const err = fieldErrors.get(key);
  const title = a.description?.trim() || a.id;
  return (
    <li class={`asset ${a.counted ? "" : "excluded"}`} data-asset={a.id}>
      <div class="asset-head">
        <span class="asset-title">{title}</span>
        <span class="asset-amount">
          <Money value={a.amount} />
        </span>
      </div>
      <div class="asset-meta">
        {verdictBadge(a, t)}
        {a.override ? <Badge kind="warning">{t.overridden}</Badge> : null}
        <span>{t.nr(a.id)}</span>
        {row.row ? <span>{t.rowNr(row.row)}</span> : null}
        <span>{a.category}</span>
        {a.group ? <span>{t.group(a.group)}</span> : null}
        {a.counted && a.kiaAttributed !== "0" ? (
          <span>
            {t.kiaPart} <Money value={a.kiaAttributed} decimals={2} />
          </span>
        ) : null}
      </div>
      <Reasons a={a} />
      {err ? (
        <p class="field-error" id={fieldId(key)} tabIndex={-1}>
          {err}
        </p>
      ) : null}
      <button type="button" class="btn subtle small" onClick={onEdit} aria-label={`${a.override ? t.changeOverride : t.changeVerdict}: ${title}`}>
        {a.override ? t.changeOverride : t.changeVerdict}
      </button>
    </li>
  );
}

/** The override of an asset's verdict; with `details` (opened from the table, which has no room for them) its reasons first. */
function OverrideDialog({ row, details, onClose }: { row: AssetRow; details: boolean; onClose: () => void }) {
  const { t, dispatch, state } = usePane();
  const a = row.asset;
  const current = state.choices.overrides[a.id];
  const [eligible, setEligible] = useState<boolean>(current ? current.eligible : !a.eligible);
  const [reason, setReason] = useState(current?.reason ?? "");
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < 10;
  const title = a.description?.trim() || a.id;
  const save = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (tooShort) {
      document.getElementById("override-reason")?.focus();
      return;
    }
    dispatch({ type: "set-override", id: a.id, override: { eligible, reason: reason.trim() } });
    onClose();
  };
  const lawVerdict = a.reasons
    .filter((r) => r.code !== "OVERRIDE")
    .map((r) => r.text)
    .join(" ");
  return (
    <Dialog title={t.overrideTitle(title)} onClose={onClose}>
      <form onSubmit={save} noValidate>
        <p class="hint">{t.overrideIntro}</p>
        {details ? <Reasons a={a} /> : lawVerdict ? <p class="hint">{t.coreVerdict(lawVerdict)}</p> : null}
        <fieldset class="radios">
          <legend>{t.verdict}</legend>
          <label>
            <input type="radio" name="eligible" checked={eligible} onChange={() => setEligible(true)} data-autofocus={eligible ? "" : undefined} />{" "}
            {t.eligibleYes}
          </label>
          <label>
            <input type="radio" name="eligible" checked={!eligible} onChange={() => setEligible(false)} data-autofocus={!eligible ? "" : undefined} />{" "}
            {t.eligibleNo}
          </label>
        </fieldset>
        <div class="field">
          <label for="override-reason">{t.reason}</label>
          <textarea
            id="override-reason"
            rows={3}
            value={reason}
            required
            aria-invalid={tried && tooShort ? "true" : undefined}
            aria-describedby={tried && tooShort ? "override-reason-hint override-reason-error" : "override-reason-hint"}
            maxLength={2000}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <p class="hint" id="override-reason-hint">
            {t.reasonHint}
          </p>
          {tried && tooShort ? (
            <p class="field-error" id="override-reason-error">
              {t.reasonTooShort}
            </p>
          ) : null}
        </div>
        <div class="row wrap dialog-buttons">
          <button type="submit" class="btn primary" id="override-save">
            {t.save}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
          {current ? (
            <button
              type="button"
              class="btn subtle"
              onClick={() => {
                dispatch({ type: "set-override", id: a.id, override: null });
                onClose();
              }}
            >
              {t.removeOverride}
            </button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
