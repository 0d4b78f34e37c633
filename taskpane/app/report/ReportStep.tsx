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
import { saveData } from "../steps/SavedData";
import { formatPercent, keepEuro } from "../text/format";
import { Dialog, Money, Ref, Stat } from "../ui";
import { Declaration } from "./Declaration";
import { ReportConfirm } from "./ReportConfirm";
import { ReturnFigures } from "./ReturnFigures";
import { PrintButton, PrintHead } from "./PrintReport";
import { AUTHORITATIVE_KINDS } from "../../../src/law/types";
import { rowsLeftOut } from "../../../src/workbook/left-out";
import { ClientForm, useClient } from "./ClientForm";

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
  const { t, lang, state, derived, workbook, excel, culture, goTo } = usePane();
  const report = derived.evaluated?.report ?? null;
  const scenario = derived.evaluated?.scenario;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  /** the sheet exists already: replace it? (with the reason the report will carry) */
  const [confirm, setConfirm] = useState<{ reason?: string } | null>(null);
  /** the report is not final: write it as a CONCEPT, or give a reason for the rows left out? */
  const [ask, setAsk] = useState(false);
  const [reason, setReason] = useState("");
  const sheets = useReportSheetModule();
  const [client, setClient] = useClient();
  // the firm template's example rows still in the workbook (src/workbook/examples.ts): a CONCEPT, no final report
  const ex = derived.read?.examples;
  const examples = ex ? ex.investments.length + ex.partners.length + ex.disposals.length : 0;
  if (!report || !scenario) return <p class="message warning">{derived.error?.message ?? t.noLedgerYet}</p>;
  const sheetName = sheets ? sheets.reportSheetName(state.choices.year, lang) : "";

  const open = derived.ledger?.open ?? [];
  // the rows left out, with their cell and why, go into the report too (the pane lists them in steps 0 and 4)
  // the reader's LeftOut entries, then the disposals entered in step 4 and not complete
  const entered = { issues: derived.enteredLeftOut, disposals: state.choices.disposals };
  const leftOutList = () => (sheets && state.grid ? sheets.leftOutRows(derived.leftOut, entered, lang) : undefined);
  const write = async (leftOutReason?: string) => {
    if (!workbook || !sheets) return;
    setBusy(true);
    setStatus(null);
    try {
      const { reportSheet } = sheets;
      const leftOut = leftOutList();
      const sheet = reportSheet(report, {
        lang,
        version,
        date: isoDate(new Date()),
        ledgerSource: sourceText(sourceDescription(state), lang),
        // the reader's count, in the words of the pane's header and kia-calc (src/workbook/lines.ts)
        ...(derived.read ? { lines: derived.read.lines } : {}),
        scenario,
        client,
        leftOut,
        // the open questions make it a CONCEPT and are listed (src/workbook/questions.ts)
        open: open.map(sheets.openRow),
        leftOutReason,
        examples,
      });
      const written = await workbook.writeReport(sheet);
      // the file the adapter saved ("voorbeeld-staat-2025 - KIA-rapport 2025.xlsx"), not a name made up here
      const file = written && written.fileName ? written.fileName : `${sheet.name}.xlsx`;
      const text = excel ? t.reportWritten(sheet.name) : t.reportDownloaded(file);
      setStatus({ ok: true, text: sheet.provisional ? `${text} ${lang === "en" ? "(DRAFT: not final)" : "(CONCEPT: niet definitief)"}` : text });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const proceed = async (leftOutReason?: string) => {
    if (!workbook) return;
    if (excel && (await workbook.hasSheet(sheetName).catch(() => false))) setConfirm({ reason: leftOutReason });
    else await write(leftOutReason);
  };
  const overrides = report.assets.filter((a) => a.override);
  // a disposal read from the workbook and refused is in derived.leftOut as well, and so is a row of the workbook's
  // list being completed in step 4 ("Vul aan"): counted once
  const leftOutCount = derived.leftOut.length + derived.enteredLeftOut.length;
  // not final while a question is open or a row is left out: asked before it is written (issue 14)
  const start = async () => {
    if (open.length || leftOutCount || examples) setAsk(true);
    else await proceed();
  };

  const provisional = open.length > 0 || leftOutCount > 0 || examples > 0;
  return (
    <div class="report">
      <PrintHead lang={lang} year={report.year} provisional={provisional} client={[client.name, client.dossier].filter(Boolean).join(" · ")} source={sourceText(sourceDescription(state), lang)} date={isoDate(new Date())} version={version} />
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

      {sheets ? <ReturnFigures figures={sheets.returnFigures(report, lang, client.tax ?? "ib")} provisional={provisional} /> : null}

      <ClientForm client={client} onChange={setClient} />

      <div class="actions no-print">
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
        <PrintButton lang={lang} excel={excel} />
        <p role="status" class={status ? (status.ok ? "message success" : "message error") : "sr-only"} id="report-status">
          {busy ? t.writing : (status?.text ?? "")}
        </p>
      </div>

      <div class="report-detail">
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
            // the law and the Belastingdienst print; other websites are for checking, not for the client file
            <li key={i} class={(AUTHORITATIVE_KINDS as readonly string[]).includes(s.kind) ? undefined : "no-print"}>
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

      </div>

      <div class="no-print">
        <Declaration />
      </div>

      {ask ? (
        <ReportConfirm
          lang={lang}
          excel={excel}
          open={open}
          examples={examples}
          leftOut={(leftOutList() ?? []).map((x) => `${x.cell}${x.description || x.id ? ` (${x.description ?? x.id})` : ""}: ${x.reason}`)}
          leftOutRows={rowsLeftOut(derived.leftOut.filter((x) => x.list !== "partners")) + derived.enteredLeftOut.length}
          reason={reason}
          onClose={() => setAsk(false)}
          onConcept={() => {
            setAsk(false);
            void proceed();
          }}
          onFinal={(r) => {
            setReason(r);
            setAsk(false);
            void proceed(r);
          }}
          onQuestions={() => {
            setAsk(false);
            goTo("review", "open-questions");
          }}
        />
      ) : null}

      {confirm ? (
        <Dialog title={t.replaceTitle} onClose={() => setConfirm(null)}>
          <p>{t.replaceText(sheetName)}</p>
          <div class="row wrap dialog-buttons">
            <button
              type="button"
              class="btn primary"
              data-autofocus=""
              onClick={() => {
                const r = confirm.reason;
                setConfirm(null);
                void write(r);
              }}
            >
              {t.replace}
            </button>
            <button type="button" class="btn" onClick={() => setConfirm(null)}>
              {t.cancel}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
