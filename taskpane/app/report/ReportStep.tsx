/**
 * Step 5: the report as it goes into the client file: summary, warnings, the explanation with its legal
 * references, the overrides with their reasons, the year's table and sources. Written in one batch to the
 * add-in's own sheet ("KIA-rapport 2025"; an existing one is replaced only after confirmation; the ledger is
 * never changed), or in the standalone page downloaded as .xlsx with the same content.
 */
import { useEffect, useState } from "preact/hooks";
import { Chart } from "../steps/Chart";
import { KiaStats } from "../steps/KiaStats";
import { usePane } from "../context";
import { sourceDescription } from "../model/derive";
import { sourceText } from "../text/display";
import { reportLeftOut } from "./left-out";
import { saveData } from "../steps/SavedData";
import { formatNumber, formatPercent, keepEuro } from "../text/format";
import { Dialog, Money, Ref, Stat } from "../ui";
import { Declaration } from "./Declaration";

type ReportSheetModule = typeof import("../../report-sheet");

/** The report sheet's layout, loaded when the report step opens (it is not needed before: a smaller first load). */
function useReportSheetModule(): ReportSheetModule | null {
  const [mod, setMod] = useState<ReportSheetModule | null>(null);
  useEffect(() => {
    let live = true;
    import(/* webpackChunkName: "report-sheet" */ "../../report-sheet").then((m) => live && setMod(m)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return mod;
}

function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function ReportStep({ version }: { version: string }) {
  const { t, lang, state, derived, workbook, excel, culture } = usePane();
  const report = derived.evaluated?.report ?? null;
  const scenario = derived.evaluated?.scenario;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const sheets = useReportSheetModule();
  if (!report || !scenario) return <p class="message warning">{derived.error?.message ?? t.noLedgerYet}</p>;
  const sheetName = sheets ? sheets.reportSheetName(state.choices.year, lang) : "";

  const write = async () => {
    if (!workbook || !sheets) return;
    setBusy(true);
    setStatus(null);
    try {
      const { reportSheet, leftOutRows } = sheets;
      const rows = state.grid ? formatNumber(String(state.grid.rows.length), culture) : "";
      // the rows left out, with their cell and why, go into the report too (the pane lists them in steps 1 and 4):
      // the reader's LeftOut entries, then the disposals entered in step 4 and not complete
      const leftOut = state.grid ? leftOutRows(reportLeftOut(state, derived), lang) : undefined;
      const sheet = reportSheet(report, {
        lang,
        version,
        date: isoDate(new Date()),
        ledgerSource: `${sourceText(sourceDescription(state), lang)}${rows ? `, ${rows} ${lang === "en" ? "rows" : "rijen"}` : ""}`,
        scenario,
        leftOut,
      });
      const written = await workbook.writeReport(sheet);
      // the file the adapter saved ("voorbeeld-staat-2025 - KIA-rapport 2025.xlsx"), not a name made up here
      const file = written && written.fileName ? written.fileName : `${sheet.name}.xlsx`;
      setStatus({ ok: true, text: excel ? t.reportWritten(sheet.name) : t.reportDownloaded(file) });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!workbook) return;
    if (excel && (await workbook.hasSheet(sheetName).catch(() => false))) setConfirm(true);
    else await write();
  };
  const overrides = report.assets.filter((a) => a.override);
  const leftOutCount = derived.leftOut.length + derived.disposalIssues.length;

  return (
    <div class="report">
      <section class="card" aria-labelledby="report-summary">
        <h3 id="report-summary">{t.summary}</h3>
        <dl class="stats">
          <Stat label={t.total}>
            <Money value={report.total} />
          </Stat>
          <Stat label={t.band}>{keepEuro(report.parameters.bands[["none", "percentage", "fixed", "phase-out", "above-ceiling"].indexOf(report.band)] ?? report.band)}</Stat>
          <Stat label={t.rate}>{formatPercent(report.rate, culture, 2)}</Stat>
          <KiaStats report={report} />
          {report.disinvestment && report.disinvestment.total !== "0" ? (
            <Stat label={t.additionTotal}>
              <Money value={report.disinvestment.total} />
            </Stat>
          ) : null}
        </dl>
        {report.partners ? (
          <table class="plain">
            <caption>{t.perPartner}</caption>
            <tbody>
              {report.partners.map((q, i) => (
                <tr key={i}>
                  <th scope="row">{q.name}</th>
                  <td class="num">{formatPercent(q.share, culture, 2)}</td>
                  <td class="num">
                    <Money value={q.kia} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <div class="actions">
        <p class="hint">{t.reportNote}</p>
        {leftOutCount ? (
          <p class="hint" id="report-left-out">
            {t.reportLeftOut(leftOutCount)}
          </p>
        ) : null}
        <div class="row wrap">
          <button type="button" class="btn primary" id="write-report" onClick={() => void start()} disabled={busy || !workbook || !sheets}>
            {excel ? t.writeReport(sheetName) : t.downloadReport}
          </button>
          <button
            type="button"
            class="btn"
            id="download-scenario"
            onClick={() => saveData(state, scenario)}
          >
            {t.downloadScenario}
          </button>
        </div>
        <p role="status" class={status ? (status.ok ? "message success" : "message error") : "sr-only"} id="report-status">
          {busy ? t.writing : (status?.text ?? "")}
        </p>
      </div>

      {report.warnings.length ? (
        <section class="card warnings" aria-labelledby="report-warnings">
          <h3 id="report-warnings">{t.warnings}</h3>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{keepEuro(w.text)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section class="card" aria-labelledby="report-explanation">
        <h3 id="report-explanation">{t.explanation}</h3>
        <ol class="explanation">
          {report.explanation.map((s, i) => (
            <li key={i}>
              <span>{keepEuro(s.text)}</span> <Ref label={s.ref} />
            </li>
          ))}
        </ol>
      </section>

      {overrides.length ? (
        <section class="card" aria-labelledby="report-overrides">
          <h3 id="report-overrides">{t.overrides}</h3>
          <ul>
            {overrides.map((a) => (
              <li key={a.id}>
                <strong>{a.description || a.id}</strong>: {a.override!.eligible ? t.eligibleYes : t.eligibleNo}. {a.override!.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Chart />

      <details class="card parameters">
        <summary>{t.parameters(report.parameters.year)}</summary>
        <ul>
          {report.parameters.bands.map((b, i) => (
            <li key={i}>{keepEuro(b)}</li>
          ))}
        </ul>
        <p>
          {t.confidence}: {report.parameters.confidenceDetail || report.parameters.confidence}
        </p>
        <h4>{t.sources}</h4>
        <ul class="sources">
          {report.parameters.sources.map((s, i) => (
            <li key={i}>
              {s.url && /^https:\/\//.test(s.url) ? (
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              ) : (
                s.title
              )}
            </li>
          ))}
        </ul>
        <p class="hint">{report.parameters.rounding}</p>
      </details>

      <section class="card checks" aria-labelledby="report-checks">
        <h3 id="report-checks">{t.checkBeforeFiling}</h3>
        <ul>
          {t.checks.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      </section>

      <Declaration />

      {confirm ? (
        <Dialog title={t.replaceTitle} onClose={() => setConfirm(false)}>
          <p>{t.replaceText(sheetName)}</p>
          <div class="row wrap dialog-buttons">
            <button
              type="button"
              class="btn primary"
              data-autofocus=""
              onClick={() => {
                setConfirm(false);
                void write();
              }}
            >
              {t.replace}
            </button>
            <button type="button" class="btn" onClick={() => setConfirm(false)}>
              {t.cancel}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
