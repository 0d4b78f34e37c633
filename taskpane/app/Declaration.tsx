/**
 * The declaration of besluit 4.2 (bijlage 1) in the report step, shown when a herinvesterings- or
 * herbestedingsreserve is booked on an asset: both outcomes (with and without the declaration) and the letter to
 * copy or download. Whether the declaration is made is read from the ledger's column "Verklaring 4.2".
 */
import { useRef, useState } from "preact/hooks";
import { fieldId, usePane } from "./context";
import { declarationText } from "./declaration";
import { copyText, downloadText, safeFileName } from "./download";
import { Money, Stat } from "./ui";

export function Declaration() {
  const { t, state, derived, excel } = usePane();
  const report = derived.evaluated?.report ?? null;
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hir = report?.reinvestmentReserve;
  if (!report || !hir) return null;
  const assets = report.assets
    .filter((a) => a.reinvestmentReserve)
    .map((a) => ({ id: a.id, description: a.description, amount: a.amount, reserve: a.reinvestmentReserve!.amount, kind: a.reinvestmentReserve!.kind }));
  const text = declarationText({
    taxpayer: state.choices.partnership.enabled ? state.choices.partnership.name : "",
    year: report.year,
    assets,
    reference: report.parameters.references.find((r) => /onderdeel 4\.2$/.test(r.label))?.label ?? "Besluit investeringsaftrek 2014, onderdeel 4.2",
  });
  const withKia = hir.declaration ? report.kia : hir.other.kia;
  const withoutKia = hir.declaration ? hir.other.kia : report.kia;
  const fileName = safeFileName(`Verklaring herinvesteringsreserve KIA ${report.year}`) + ".txt";
  return (
    <section class="card letter" aria-labelledby="declaration-heading">
      <h3 id="declaration-heading">{t.declarationHeading}</h3>
      <p class="hint">{hir.declaration ? t.declarationMade : t.declarationNotMade}</p>
      <dl class="stats">
        <Stat label={t.declarationWith}>
          <Money value={withKia} />
        </Stat>
        <Stat label={t.declarationWithout}>
          <Money value={withoutKia} />
        </Stat>
      </dl>
      <label for={fieldId("declaration")}>{t.declarationLabel}</label>
      <textarea id={fieldId("declaration")} ref={area} class="letter-text" readOnly rows={14} value={text} />
      <div class="row wrap">
        <button type="button" class="btn" id="copy-declaration" onClick={async () => setStatus((await copyText(text, area.current)) ? t.copied : t.copyFailed)}>
          {t.copy}
        </button>
        <button type="button" class="btn" id="download-declaration" onClick={() => downloadText(fileName, text)}>
          {t.downloadTxt}
        </button>
      </div>
      {excel ? <p class="hint">{t.downloadInExcel}</p> : null}
      {status ? (
        <p class="hint" role="status">
          {status}
        </p>
      ) : null}
    </section>
  );
}
