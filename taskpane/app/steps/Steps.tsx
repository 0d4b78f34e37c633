/**
 * The five steps as a tab list (WAI-ARIA tabs: the arrow keys, Home and End move between tabs, one tab in the
 * Tab order; the panel follows). The year's KIA and the tab list stay at the top of the pane together (sticky),
 * so another step is one click away wherever the page is scrolled; a step chosen further down opens at its top.
 */
import type { ComponentType } from "preact";
import { useRef } from "preact/hooks";
import { usePane } from "../context";
import { ReviewStep } from "./Review";
import type { StepId } from "../model/state";
import { Summary } from "./Summary";
import { lazyComponent } from "../ui";

/**
 * Steps 2 to 5 (calamity, partners, payment, report) are a lazy chunk, loaded when a step is first opened, so the
 * pane's first load stays small (test/taskpane-build.test.ts). Chunks come from the add-in's own origin, as the
 * report sheet's and the file adapter's already do.
 */
const lazyStep = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazyComponent(load, () => (
    <p class="hint" aria-busy="true">
      …
    </p>
  ));

const CalamityStep = lazyStep(() => import(/* webpackChunkName: "steps" */ "./Calamity").then((m) => m.CalamityStep));
const PartnershipStep = lazyStep(() => import(/* webpackChunkName: "steps" */ "./Partnership").then((m) => m.PartnershipStep));
const PaymentStep = lazyStep(() => import(/* webpackChunkName: "steps" */ "./Payment").then((m) => m.PaymentStep));
const ReportStep = lazyStep<{ version: string }>(() => import(/* webpackChunkName: "steps" */ "../report/ReportStep").then((m) => m.ReportStep));

export function Steps({ steps, version }: { steps: readonly StepId[]; version: string }) {
  const { t, state, dispatch } = usePane();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = state.step;
  const top = useRef<HTMLDivElement>(null);
  /** a new step starts at its top: scrolled back when the page is further down than the steps */
  const show = (step: StepId) => {
    dispatch({ type: "set-step", step });
    const el = top.current;
    if (el && el.getBoundingClientRect().top < 0) el.scrollIntoView({ block: "start" });
  };
  const select = (i: number) => {
    const step = steps[(i + steps.length) % steps.length];
    show(step);
    refs.current[(i + steps.length) % steps.length]?.focus({
      preventScroll: true,
    });
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    if (e.key === "ArrowRight" || e.key === "ArrowDown") select(i + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") select(i - 1);
    else if (e.key === "Home") select(0);
    else if (e.key === "End") select(steps.length - 1);
    else return;
    e.preventDefault();
  };
  const index = steps.indexOf(current);
  return (
    <div class="steps" id="steps" ref={top}>
      <div class="pane-head">
        <Summary />
        <div class="tablist" role="tablist" aria-label={t.stepsLabel}>
          {steps.map((s, i) => (
            <button
              key={s}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${s}`}
              aria-selected={s === current}
              aria-controls={`panel-${s}`}
              tabIndex={s === current ? 0 : -1}
              title={t.stepTitles[s]}
              class="tab"
              onClick={() => show(s)}
              onKeyDown={(e) => onKey(e, i)}
            >
              <span class="num">{i + 1}</span> <span class="label">{t.steps[s]}</span>
            </button>
          ))}
        </div>
      </div>
      <div class="tabpanel" role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        <h2 class="step-title">{t.stepTitles[current]}</h2>
        {current === "review" ? <ReviewStep /> : null}
        {current === "calamity" ? <CalamityStep /> : null}
        {current === "partnership" ? <PartnershipStep /> : null}
        {current === "payment" ? <PaymentStep /> : null}
        {current === "report" ? <ReportStep version={version} /> : null}
        {index < steps.length - 1 ? (
          <div class="step-nav">
            <button
              type="button"
              class="btn"
              onClick={() => {
                show(steps[index + 1]);
                refs.current[index + 1]?.focus({ preventScroll: true });
              }}
            >
              {t.next}: {index + 2} {t.steps[steps[index + 1]]} →
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
