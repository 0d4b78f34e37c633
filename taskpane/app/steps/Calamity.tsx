/**
 * Step 2: the calamity approval (Besluit investeringsaftrek 2014, onderdeel 4.4). The lost asset and its
 * replacement come from the ledger's columns or are picked here; the conditions with their status, the KIA and
 * net result without and with the approval, the choice the core makes in the taxpayer's favour, and the EIA/MIA
 * rule.
 */
import { useMemo, useState } from "preact/hooks";
import { Decimal } from "../../../src/decimal";
import { Chart } from "./Chart";
import { usePane } from "../context";
import { formatMoney, keepEuro } from "../text/format";
import { calamityItems } from "../model/scenario";
import type { CalamityEdit } from "../model/state";
import { AssetPicker, AssetSuggestions, Badge, CheckboxField, Money, Ref, SelectField, Stat, TextField } from "../ui";

export function CalamityStep() {
  const { t, derived, state, dispatch, culture } = usePane();
  const ledger = derived.ledger;
  const report = derived.evaluated?.report ?? null;
  const investments = ledger?.investments ?? [];
  const items = calamityItems(investments, state.choices);
  const removed = Object.entries(state.choices.calamity)
    .filter(([, e]) => "removed" in e)
    .map(([id]) => id);
  const [lost, setLost] = useState("");
  const [replacement, setReplacement] = useState("");
  const label = (id: string) => {
    const inv = investments.find((i) => String(i.id) === id);
    return inv?.description ? `${id} — ${inv.description}` : id;
  };
  const options = useMemo(
    () => investments.map((i) => ({ value: String(i.id), label: i.description ? `${i.id} — ${i.description}` : String(i.id) })),
    [investments],
  );
  const ids = useMemo(() => new Set(investments.map((i) => String(i.id))), [investments]);
  // a replacement is one of this year's assets that qualifies: not an excluded one (a passenger car, land), not the lost asset itself
  const excluded = useMemo(() => new Set((report?.assets ?? []).filter((a) => !a.eligible).map((a) => a.id)), [report]);
  const replacements = (lostId: string) => options.filter((o) => o.value !== lostId && !excluded.has(o.value));
  const cal = report?.calamity;
  const diff = cal ? new Decimal(cal.differenceExact) : null;
  const stray = derived.built?.strayCalamity ?? [];

  return (
    <div class="calamity">
      <p class="intro">
        {t.calamityIntro} <Ref label={cal?.ref ?? "Besluit investeringsaftrek 2014, onderdeel 4.4"} />
      </p>
      {items.length === 0 ? <p class="hint">{t.noCalamity}</p> : null}
      {items.map((item) => (
        <CalamityCard
          key={item.lost}
          lost={item.lost}
          edit={item.edit}
          fromLedger={item.fromLedger}
          edited={item.edited}
          options={replacements(item.lost)}
          label={label}
        />
      ))}
      {removed.map((id) => (
        <div class="message info row wrap" key={id}>
          <span class="grow">
            {label(id)}: {t.removeCalamity.toLowerCase()}
          </span>
          <button type="button" class="btn subtle" onClick={() => dispatch({ type: "set-calamity", lost: id, entry: null })}>
            {t.treatAsCalamity}
          </button>
        </div>
      ))}
      {stray.length ? <p class="message warning">{t.strayCalamity(stray.join(", "))}</p> : null}

      <AssetSuggestions options={options} />
      <details class="add-calamity" open={items.length === 0}>
        <summary>{t.addCalamity}</summary>
        <div class="row wrap">
          <AssetPicker fieldKey="new-calamity.lost" label={t.lostAsset} value={lost} options={options} onChange={setLost} choose={t.choose} class="grow" />
          <AssetPicker
            fieldKey="new-calamity.replacedBy"
            label={t.replacedBy}
            value={replacement}
            options={replacements(lost)}
            onChange={setReplacement}
            choose={t.choose}
            class="grow"
          />
        </div>
        <button
          type="button"
          class="btn"
          disabled={!ids.has(lost) || !ids.has(replacement) || lost === replacement}
          onClick={() => {
            dispatch({ type: "set-calamity", lost, entry: { replacedBy: replacement, approval: "auto", eiaMia: null, insurance: "" } });
            setLost("");
            setReplacement("");
          }}
        >
          {t.add}
        </button>
      </details>

      {cal ? (
        <section class="card calamity-result" aria-labelledby="calamity-result">
          <h3 id="calamity-result">
            {cal.applied ? t.applied : t.notApplied} · {t.choice[cal.choice]}
          </h3>
          <div class="compare">
            <dl class="stats">
              <dt class="col-head">{t.without}</dt>
              <dd />
              <Stat label={t.total}>
                <Money value={cal.totalWithout} />
              </Stat>
              <Stat label={t.kia}>
                <Money value={cal.kiaWithout} />
                {cal.kiaWithoutExact !== cal.kiaWithout ? (
                  <span class="hint">
                    {" "}
                    ({t.exact} <Money value={cal.kiaWithoutExact} />)
                  </span>
                ) : null}
              </Stat>
              <Stat label={t.addition}>
                <Money value={cal.additionWithoutExact} />
              </Stat>
              <Stat label={t.net} strong>
                <Money value={cal.netWithoutExact} />
              </Stat>
            </dl>
            <dl class="stats">
              <dt class="col-head">{t.with}</dt>
              <dd />
              <Stat label={t.total}>
                <Money value={cal.totalWith} />
              </Stat>
              <Stat label={t.kia}>
                <Money value={cal.kiaWith} />
                {cal.kiaWithExact !== cal.kiaWith ? (
                  <span class="hint">
                    {" "}
                    ({t.exact} <Money value={cal.kiaWithExact} />)
                  </span>
                ) : null}
              </Stat>
              <Stat label={t.addition}>
                <Money value={cal.additionWithExact} />
              </Stat>
              <Stat label={t.net} strong>
                <Money value={cal.netWithExact} />
              </Stat>
            </dl>
          </div>
          <p class="hint">{t.netNote}</p>
          {diff ? (
            <p class="strong" id="calamity-difference">
              {t.difference(formatMoney(diff.abs().toFixed(), culture), diff.isZero() ? "none" : diff.gt(0) ? "approval" : "statute")}
            </p>
          ) : null}
          <Chart calamity />
        </section>
      ) : null}
      <p class="hint rule">{t.eiaMiaRule}</p>
    </div>
  );
}

function CalamityCard(props: {
  lost: string;
  edit: CalamityEdit;
  fromLedger: boolean;
  edited: boolean;
  options: { value: string; label: string }[];
  label: (id: string) => string;
}) {
  const { t, derived, dispatch } = usePane();
  const { lost, edit } = props;
  const report = derived.evaluated?.report ?? null;
  const item = report?.calamity?.items.find((i) => i.id === lost);
  const inv = derived.ledger?.investments.find((i) => String(i.id) === lost);
  const eiaMia = edit.eiaMia ?? inv?.eiaMia ?? false;
  const set = (patch: Partial<CalamityEdit>) => dispatch({ type: "set-calamity", lost, entry: { ...edit, ...patch } });
  const k = (f: string) => `calamity.${lost}.${f}`;
  return (
    <section class="card calamity-item" aria-label={props.label(lost)}>
      <h3>
        {props.label(lost)} {props.fromLedger ? <Badge kind="neutral">{t.fromLedger}</Badge> : null}{" "}
        {item ? item.applied ? <Badge kind="success">{t.applied}</Badge> : <Badge kind="neutral">{t.notApplied}</Badge> : null}
      </h3>
      <AssetPicker
        fieldKey={k("replacedBy")}
        label={t.replacedBy}
        value={edit.replacedBy}
        options={props.options}
        choose={t.choose}
        onChange={(v) => set({ replacedBy: v })}
      />
      <SelectField
        fieldKey={k("approval")}
        label={t.approval}
        value={edit.approval}
        options={[
          { value: "auto", label: t.approvalAuto },
          { value: "yes", label: t.approvalYes },
          { value: "no", label: t.approvalNo },
        ]}
        onChange={(v) => set({ approval: v as CalamityEdit["approval"] })}
      />
      <CheckboxField fieldKey={k("eiaMia")} label={t.eiaMiaLost} checked={eiaMia} onChange={(v) => set({ eiaMia: v })} />
      <TextField fieldKey={k("insurance")} label={t.insurance} value={edit.insurance} inputMode="decimal" onInput={(v) => set({ insurance: v })} />
      {item ? (
        <>
          <h4>{t.conditions}</h4>
          <ul class="conditions">
            {item.conditions
              .filter((c) => c.code !== "CHOSEN")
              .map((c) => (
                <li key={c.code} class={c.met ? "met" : "not-met"}>
                  <Badge kind={c.met ? "success" : "danger"}>{c.met ? `✓ ${t.met}` : `✗ ${t.notMet}`}</Badge> <span>{keepEuro(c.text)}</span>
                </li>
              ))}
          </ul>
          {/* the choice is the taxpayer's (or the calculation's), not a condition that is met or not */}
          <p class="choice">
            <strong>{t.choiceLabel}:</strong> {edit.approval === "yes" ? t.approvalYes : edit.approval === "no" ? t.approvalNo : t.approvalAuto}
          </p>
        </>
      ) : null}
      <button type="button" class="btn subtle" onClick={() => dispatch({ type: "set-calamity", lost, entry: props.fromLedger ? { removed: true } : null })}>
        {t.removeCalamity}
      </button>
      {props.edited && props.fromLedger ? (
        <button type="button" class="btn subtle" onClick={() => dispatch({ type: "set-calamity", lost, entry: null })}>
          {t.restoreLedger}
        </button>
      ) : null}
    </section>
  );
}
