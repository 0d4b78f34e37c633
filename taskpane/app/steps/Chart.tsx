/**
 * The KIA curve of the year as a small SVG (no chart library): deduction against the year's total, the client's
 * total marked, the calamity's totals without and with the approval, and the effect of one more investment this
 * year versus next year (KIA.MARGINAL's logic). Every point comes from the core's kia().
 */
import { useMemo, useState } from "preact/hooks";
import { Decimal } from "../../../src/decimal";
import { usePane } from "../context";
import { kiaCurve, marginal } from "../model/curve";
import { formatMoney, formatNumber, parseUserAmount } from "../text/format";

const W = 320;
const H = 170;
const PAD = { left: 8, right: 8, top: 20, bottom: 22 };

export function Chart({ calamity = false }: { calamity?: boolean }) {
  const { t, derived, culture, state } = usePane();
  const report = derived.evaluated?.report ?? null;
  const year = state.choices.year;
  const curve = useMemo(() => {
    try {
      return report ? kiaCurve(year, new Decimal(report.total)) : null;
    } catch {
      return null;
    }
  }, [report?.total, year]);
  if (!report || !curve) return null;
  const sx = (x: number) => PAD.left + (x / curve.xMax) * (W - PAD.left - PAD.right);
  const yTop = curve.yMax * 1.15 || 1;
  const sy = (y: number) => H - PAD.bottom - (y / yTop) * (H - PAD.top - PAD.bottom);
  const path = curve.points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
  const total = Number(report.total);
  const kiaNow = Number(report.kiaExact);
  const cal = report.calamity;
  const money = (v: string | number) => formatMoney(typeof v === "number" ? String(Math.round(v)) : v, culture, 0);
  const fixed = Math.max(...curve.points.map((p) => p.y));
  const markX = sx(Math.min(total, curve.xMax));
  const showCal = !!cal && (calamity || cal.applied);
  const withoutX = cal ? sx(Number(cal.totalWithout)) : 0;
  // the label goes where there is room: left of the point when the calamity's point is just right of it
  const anchor = markX > W * 0.62 || (showCal && withoutX > markX && withoutX - markX < 110 && markX > 110) ? "end" : "start";
  const ceiling = curve.edges[curve.edges.length - 1];
  const ceilX = sx(ceiling);
  const clampX = (x: number) => Math.min(W - PAD.right - 30, Math.max(PAD.left + 30, x));
  return (
    <figure class="chart">
      <figcaption>{t.chartTitle(year)}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t.chartLabel(year, formatMoney(report.total, culture), formatMoney(report.kia, culture))}
        class="kia-chart"
        preserveAspectRatio="xMidYMid meet"
      >
        <line class="axis" x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
        <line class="grid" x1={PAD.left} y1={sy(fixed)} x2={W - PAD.right} y2={sy(fixed)} />
        <text class="tick" x={W - PAD.right} y={sy(fixed) - 4} text-anchor="end">
          {money(fixed)}
        </text>
        <path class="curve" d={path} />
        <text class="tick" x={PAD.left} y={H - 7}>
          {money(0)}
        </text>
        {Math.abs(ceilX - markX) > 70 ? (
          <>
            <line class="axis" x1={ceilX} y1={H - PAD.bottom} x2={ceilX} y2={H - PAD.bottom + 4} />
            <text class="tick" x={clampX(ceilX)} y={H - 7} text-anchor="middle">
              {money(ceiling)}
            </text>
          </>
        ) : null}
        {showCal && cal ? (
          <>
            <line class="calamity-link" x1={withoutX} y1={sy(Number(cal.kiaWithoutExact))} x2={sx(Number(cal.totalWith))} y2={sy(Number(cal.kiaWithExact))} />
            <circle class="point without" cx={withoutX} cy={sy(Number(cal.kiaWithoutExact))} r={4.5}>
              <title>{`${t.without}: ${money(cal.totalWithout)} → ${formatMoney(cal.kiaWithout, culture)}`}</title>
            </circle>
            <circle class="point with" cx={sx(Number(cal.totalWith))} cy={sy(Number(cal.kiaWithExact))} r={4.5}>
              <title>{`${t.with}: ${money(cal.totalWith)} → ${formatMoney(cal.kiaWith, culture)}`}</title>
            </circle>
          </>
        ) : null}
        <line class="mark-line" x1={markX} y1={sy(kiaNow)} x2={markX} y2={H - PAD.bottom + 4} />
        <circle class="point mark" cx={markX} cy={sy(kiaNow)} r={5} />
        <text class="mark-label" x={markX + (anchor === "end" ? -8 : 8)} y={Math.max(PAD.top - 6, sy(kiaNow) - 8)} text-anchor={anchor}>
          {t.yourKia} {formatMoney(report.kia, culture)}
        </text>
        <text class="mark-label" x={clampX(markX)} y={H - 7} text-anchor="middle">
          {money(report.total)}
        </text>
      </svg>
      <p class="hint axis-note">{t.axisNote}</p>
      {showCal && cal ? (
        <ul class="legend">
          <li>
            <span class="swatch without" aria-hidden="true" /> {t.without}: {money(cal.totalWithout)} → {formatMoney(cal.kiaWithout, culture)}
          </li>
          <li>
            <span class="swatch with" aria-hidden="true" /> {t.with}: {money(cal.totalWith)} → {formatMoney(cal.kiaWith, culture)}
          </li>
        </ul>
      ) : null}
      {calamity ? null : <MarginalPanel total={report.total} />}
    </figure>
  );
}

function MarginalPanel({ total }: { total: string }) {
  const { t, culture, state } = usePane();
  const year = state.choices.year;
  const [text, setText] = useState(() => formatNumber("5000", culture));
  const parsed = parseUserAmount(text, culture);
  const m = useMemo(() => (parsed.ok ? marginal(new Decimal(total), new Decimal(parsed.value), year) : null), [total, parsed.ok && parsed.value, year]);
  const money = (d: Decimal) => formatMoney(d.toFixed(), culture);
  let verdict = "";
  if (m && m.nextYear) {
    const diff = m.thisYear.minus(m.nextYear);
    verdict = t.marginalBetter(diff.isZero() ? "same" : diff.gt(0) ? "this" : "next", money(diff.abs()));
  }
  return (
    <div class="marginal">
      <div class="field">
        <label for="marginal-extra">{t.marginalLabel}</label>
        <input
          id="marginal-extra"
          type="text"
          inputMode="decimal"
          value={text}
          aria-invalid={parsed.ok ? undefined : "true"}
          aria-describedby="marginal-result"
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <div id="marginal-result" class="marginal-result">
        {!parsed.ok ? (
          <p class="field-error">{parsed.reason}</p>
        ) : m ? (
          <>
            <p>{m.thisYear.isNegative() ? t.marginalLess(money(m.thisYear.abs())) : t.marginalThisYear(money(m.thisYear))}</p>
            <p>{m.nextYear ? t.marginalNextYear(year + 1, money(m.nextYear)) : t.marginalNoTable(year + 1, m.nextYearNote ?? "")}</p>
            {verdict ? <p class="strong">{verdict}</p> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
