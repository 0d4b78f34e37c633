/**
 * The declaration of besluit 4.2 (bijlage 1) in the report step, shown when a herinvesterings- or
 * herbestedingsreserve is booked on an asset: both outcomes (with and without the declaration) and the letter to
 * copy or download. Whether the declaration is made is read from the ledger's column "Verklaring 4.2".
 */
import { usePane } from "../context";
import { declarationText } from "./declaration";
import { safeFileName } from "./download";
import { LetterText } from "./LetterText";
import { Money, Stat } from "../ui";

export function Declaration() {
  const { t, state, derived } = usePane();
  const report = derived.evaluated?.report ?? null;
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
      <LetterText id="declaration" label={t.declarationLabel} text={text} fileName={fileName} />
    </section>
  );
}
