/**
 * Step 3: the partnership (art. 3.41 lid 3 Wet IB 2001; Besluit investeringsaftrek 2014, onderdeel 4.1.4): the
 * partners, the key, conditions a–f with their status, each partner's KIA and the part deductible this year, and
 * the joint request of condition f as a Dutch letter to copy or download.
 */
import { useState } from "preact/hooks";
import type { PartnershipKey } from "../../../src/scenario";
import { usePane } from "../context";
import { safeFileName } from "../report/download";
import { LetterText } from "../report/LetterText";
import { formatMoney, formatPercent, keepEuro, parseUserAmount } from "../text/format";
import { sameInARow } from "../text/display";
import { letterText, type LetterPartner } from "../report/letter";
import { partnershipFromRead } from "../model/partners";
import { KiaStats } from "./KiaStats";
import { LEGAL_FORMS } from "../model/scenario";
import type { PartnerAmountField, PartnerInput, PartnersRead } from "../model/state";
import { Badge, CheckboxField, Money, Ref, SelectField, Stat, TextField } from "../ui";

const KEYS: PartnershipKey[] = ["profit", "capital", "reserves", "equal"];
const STATUS_KIND: Record<string, "success" | "danger" | "warning" | "neutral"> = {
  met: "success",
  "not-met": "danger",
  "to-confirm": "warning",
  "not-applicable": "neutral",
};

export function PartnershipStep() {
  const { t, state, dispatch, derived, culture } = usePane();
  const p = state.choices.partnership;
  const report = derived.evaluated?.report ?? null;
  const [readNote, setReadNote] = useState<string | null>(null);
  // the partners the reader found in the workbook (a table or a sheet), to take again after edits
  const found = state.partnersFound;
  const foundName = found?.partners ? found.partners.source.replace(/^(tabel|blad) /, "") : null;

  // what the pane read from the workbook's partners table when it loaded the ledger (unless earlier choices were restored)
  const autoNote = state.partnersRead && !state.restored ? readText(state.partnersRead) : null;
  function readText(r: PartnersRead): string {
    return (
      t.partnersRead(r.count, r.table) +
      (r.key ? ` · ${t.key}: ${t.keys[r.key]}` : "") +
      (r.jointRequest ? ` · ${t.jointRequest}: ${r.jointRequest === "yes" ? t.jointYes : t.jointNo}` : "") +
      `. ${t.partnersEdit}` +
      (r.problems.length ? " " + r.problems.join("; ") : "")
    );
  }

  const readPartners = () => {
    if (!found) return;
    setReadNote(null);
    try {
      const r = partnershipFromRead(found, culture);
      if (!r) return setReadNote(t.partnersRead(0, foundName ?? ""));
      dispatch({ type: "set-partners", partners: r.partnership.partners });
      const patch: Parameters<typeof dispatch>[0] = {
        type: "partnership",
        patch: { ...(r.read.key ? { key: r.read.key } : {}), ...(r.read.jointRequest ? { jointRequest: r.read.jointRequest } : {}) },
      };
      dispatch(patch);
      setReadNote(readText(r.read));
    } catch (e) {
      setReadNote(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="partnership">
      <CheckboxField fieldKey="partnership.enabled" label={t.isPartnership} checked={p.enabled} onChange={(v) => dispatch({ type: "partnership", patch: { enabled: v } })} />
      {foundName ? (
        <div class="row wrap">
          <button type="button" class="btn" onClick={readPartners}>
            {t.readPartners(foundName)}
          </button>
        </div>
      ) : null}
      {readNote || autoNote ? (
        <p class="message info" role="status" id="partners-read">
          {readNote ?? autoNote}
        </p>
      ) : null}
      {p.enabled ? (
        <>
          <div class="row wrap">
            <TextField
              fieldKey="partnership.name"
              label={t.partnershipName}
              value={p.name}
              onInput={(v) => dispatch({ type: "partnership", patch: { name: v } })}
              class="grow"
            />
          </div>
          <div class="row wrap">
            <SelectField
              fieldKey="partnership.key"
              label={t.key}
              value={p.key}
              options={KEYS.map((k) => ({ value: k, label: t.keys[k] }))}
              onChange={(v) => dispatch({ type: "partnership", patch: { key: v as PartnershipKey } })}
              class="grow"
            />
            <SelectField
              fieldKey="partnership.jointRequest"
              label={t.jointRequest}
              value={p.jointRequest}
              options={[
                { value: "unknown", label: t.jointUnknown },
                { value: "yes", label: t.jointYes },
                { value: "no", label: t.jointNo },
              ]}
              onChange={(v) => dispatch({ type: "partnership", patch: { jointRequest: v as "unknown" | "yes" | "no" } })}
              class="grow"
            />
          </div>
          {report?.disinvestment ? (
            <div class="row wrap">
              <SelectField
                fieldKey="partnership.disinvestmentLevel"
                label={t.disinvestmentLevel}
                hint={t.disinvestmentLevelHint}
                value={p.disinvestmentLevel}
                options={[
                  { value: "partner", label: t.disinvestmentLevels.partner },
                  { value: "partnership", label: t.disinvestmentLevels.partnership },
                ]}
                onChange={(v) => dispatch({ type: "partnership", patch: { disinvestmentLevel: v as "partner" | "partnership" } })}
                class="grow"
              />
            </div>
          ) : null}
          <p class="hint">{t.sharesHint}</p>
          <datalist id="legal-forms">
            {LEGAL_FORMS.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          {p.partners.map((q, i) => (
            <PartnerFields key={i} index={i} partner={q} canRemove={p.partners.length > 2} />
          ))}
          <button type="button" class="btn" onClick={() => dispatch({ type: "add-partner" })}>
            {t.addPartner}
          </button>
          {report?.partners && report.partnership ? <Results /> : null}
          <Letter />
        </>
      ) : null}
    </div>
  );
}

function PartnerFields({ index, partner, canRemove }: { index: number; partner: PartnerInput; canRemove: boolean }) {
  const { t, dispatch, state } = usePane();
  const key = state.choices.partnership.key;
  const set = (patch: Partial<PartnerInput>) => dispatch({ type: "set-partner", index, patch });
  const k = (f: string) => `partner.${index}.${f}`;
  const amount = (f: PartnerAmountField, label: string, required = false, hint?: string) => (
    <TextField fieldKey={k(f)} label={label} hint={hint} value={partner[f]} inputMode="decimal" onInput={(v) => set({ [f]: v })} required={required} />
  );
  return (
    <fieldset class="card partner">
      <legend>
        {t.partnerN(index + 1)}
        {partner.name.trim() ? `: ${partner.name.trim()}` : ""}
      </legend>
      <div class="partner-grid">
        <TextField fieldKey={k("name")} label={t.partnerName} value={partner.name} onInput={(v) => set({ name: v })} required />
        <TextField fieldKey={k("legalForm")} label={t.legalForm} value={partner.legalForm} list="legal-forms" onInput={(v) => set({ legalForm: v })} />
        {amount("profit", t.profit, key === "profit")}
        {amount("capital", t.capital, key === "capital")}
        {amount("reserves", t.reserves, key === "reserves")}
        {amount("outsideInvestments", t.outsideInvestments, false, t.outsideHint)}
        {amount("ownAssetsInPartnership", t.ownAssetsInPartnership)}
      </div>
      {canRemove ? (
        <button type="button" class="btn subtle small" onClick={() => dispatch({ type: "remove-partner", index })}>
          {t.removePartner}
          {partner.name.trim() ? `: ${partner.name.trim()}` : ""}
        </button>
      ) : null}
    </fieldset>
  );
}

function Results() {
  const { t, derived, culture } = usePane();
  const report = derived.evaluated!.report!;
  const ps = report.partners!;
  const info = report.partnership!;
  const calamity = (name: string) => {
    const x = report.calamity?.partners?.find((c) => c.name === name);
    return x ? (
      <p class="hint partner-calamity">
        {t.partnerCalamity(formatMoney(x.netWithoutExact, culture, 2), formatMoney(x.netWithExact, culture, 2), x.prefers)}
      </p>
    ) : null;
  };
  return (
    <section class="card results" aria-labelledby="partners-result">
      <h3 id="partners-result">{t.perPartner}</h3>
      <p class="hint">
        {t.keyApplied(t.keys[info.keyApplied])} · <Ref label={info.ref} /> · <Ref label={info.allocationRef} />
      </p>
      <ul class="partner-results">
        {ps.map((q, i) => (
          <li key={i} class="partner-result" data-partner={q.name}>
            <h4>
              {q.name}
              {q.legalForm ? <span class="muted"> ({q.legalForm})</span> : null}
            </h4>
            <dl class="stats">
              <Stat label={t.share}>{formatPercent(q.share, culture, 2)}</Stat>
              <Stat label={t.part}>
                <Money value={q.part} />
              </Stat>
              <KiaStats report={q} />
              {q.outsideKia !== undefined ? (
                <Stat label={t.outsideKia}>
                  <Money value={q.outsideKia} />
                </Stat>
              ) : null}
              {q.disinvestment !== undefined ? (
                <Stat label={t.partnerDisinvestment}>
                  <Money value={q.disinvestment} />
                </Stat>
              ) : null}
            </dl>
            <p class="hint">{t.methods[q.method] ?? q.method}</p>
            {q.disinvestmentOtherLevel ? (
              <p class="hint partner-other-level">
                {t.otherLevel(t.disinvestmentLevels[q.disinvestmentOtherLevel.level], formatMoney(q.disinvestmentOtherLevel.amount, culture, 0))}
              </p>
            ) : null}
            {calamity(q.name)}
          </li>
        ))}
      </ul>
      <h4>{t.conditions}</h4>
      <ul class="conditions">
        {sameInARow(info.conditions).map((c) => (
          <li key={c.code}>
            <Badge kind={STATUS_KIND[c.status] ?? "neutral"}>
              {c.code}. {t.statuses[c.status] ?? c.status}
            </Badge>{" "}
            <span>{keepEuro(c.text)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Letter() {
  const { t, state, derived, culture } = usePane();
  const p = state.choices.partnership;
  const report = derived.evaluated?.report ?? null;
  if (p.key === "profit") return <p class="hint">{t.letterNotNeeded}</p>;
  const weightField: PartnerAmountField | null = p.key === "equal" ? null : p.key;
  const partners: LetterPartner[] = p.partners.map((q) => {
    const w = weightField ? parseUserAmount(q[weightField], culture) : null;
    return { name: q.name, legalForm: q.legalForm, weight: w && w.ok ? w.value : undefined };
  });
  const text = letterText({
    partnership: p.name,
    year: state.choices.year,
    key: p.key,
    partners,
    total: report?.total,
    reference: report?.partnership?.allocationRef ?? "Besluit investeringsaftrek 2014, onderdeel 4.1.4",
  });
  const fileName = safeFileName(`Verzoek verdeelsleutel KIA ${state.choices.year} ${p.name}`) + ".txt";
  return (
    <section class="card letter" aria-labelledby="letter-heading">
      <h3 id="letter-heading">{t.letterHeading}</h3>
      <p class="hint">{t.letterIntro}</p>
      <LetterText id="letter" label={t.letterLabel} text={text} fileName={fileName} />
    </section>
  );
}
