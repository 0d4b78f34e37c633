/**
 * The year's KIA, always in view, in the one aria-live region of the pane: a screen reader hears the new amount
 * after every change. When the scenario cannot be evaluated, the core's message and a way to its field.
 */
import { rowsLeftOut } from "../../../src/workbook/left-out";
import { usePane } from "../context";
import { formatMoney } from "../text/format";

export function Summary() {
  const { t, state, derived, culture, goTo } = usePane();
  const report = derived.evaluated?.report ?? null;
  const error = derived.error;
  const year = state.choices.year;
  const counted = report ? report.assets.filter((a) => a.counted).length : 0;
  // not final while a question is open or a row is left out (src/workbook/read.ts provisional)
  const open = derived.ledger?.open?.length ?? 0;
  const leftOut = rowsLeftOut(derived.leftOut);
  const provisional = open + leftOut;
  return (
    <section class={`summary card ${error ? "has-error" : ""} ${report && provisional ? "provisional" : ""}`} aria-label={t.kiaFor(year)}>
      <div aria-live="polite" aria-atomic="true" id="kia-live">
        {report ? (
          <>
            <p class="kia-amount" id="kia-amount">
              <span class="label">{t.kiaFor(year)}</span> <span class="value">{formatMoney(report.kia, culture)}</span>
            </p>
            <p class="kia-line">{t.totalLine(formatMoney(report.total, culture), counted)}</p>
            {provisional ? <p class="kia-provisional" id="kia-provisional">{t.provisional(open, leftOut)}</p> : null}
          </>
        ) : error ? (
          <>
            <p class="kia-amount">
              <span class="label">{t.kiaFor(year)}</span> <span class="value muted">{t.noResult}</span>
            </p>
            <p class="field-error">{error.message}</p>
          </>
        ) : null}
      </div>
      {report && provisional ? (
        <button type="button" class="btn subtle" onClick={() => goTo("review", open ? "open-questions" : undefined)}>
          {t.provisionalLink}
        </button>
      ) : null}
      {error && !report ? (
        <button type="button" class="btn subtle" onClick={() => goTo(error.step === "source" ? state.step : error.step, error.key)}>
          {t.goToField}
        </button>
      ) : null}
    </section>
  );
}
