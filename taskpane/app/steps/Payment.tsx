/**
 * Step 4: the payment criterion (art. 3.44) where the ledger has payments, and disposals (art. 3.47): from the
 * workbook's disposals table when it has one, and entered here.
 */
import { useMemo } from "preact/hooks";
import { usePane } from "../context";
import type { DisposalIssue } from "../model/scenario";
import type { DisposalInput } from "../model/state";
import { completionOf, firstMissing, toComplete } from "../model/complete-disposal";
import { cellOf, type LeftOut } from "../../../src/workbook/left-out";
import { AssetPicker, AssetSuggestions, Badge, lazyComponent, Money, Ref, SelectField, Stat, TextField } from "../ui";

/** "Uit eerdere jaren" (./Earlier.tsx): a chunk of its own, loaded when step 4 opens. */
const EarlierLazy = lazyComponent(
  () => import(/* webpackChunkName: "earlier" */ "./Earlier").then((m) => m.EarlierSection),
  () => <p class="hint" aria-busy="true">…</p>,
);

export function PaymentStep() {
  const { t, derived } = usePane();
  const report = derived.evaluated?.report ?? null;
  const items = report?.payment?.items ?? [];
  const describe = (id: string) => derived.ledger?.investments.find((i) => String(i.id) === id)?.description ?? "";
  return (
    <div class="payment">
      <EarlierLazy />
      <section aria-labelledby="payment-heading">
        <h3 id="payment-heading">{t.paymentHeading}</h3>
        <p class="intro">
          {t.paymentIntro} <Ref label={report?.parameters.references.find((r) => r.label.startsWith("art. 3.44"))?.label} />
        </p>
        {report ? (
          <>
            <dl class="stats">
              <Stat label={t.kia}>
                <Money value={report.kia} />
              </Stat>
              <Stat label={t.deductibleThisYear} strong>
                <Money value={report.deductibleThisYear} />
              </Stat>
              <Stat label={t.carriedForward}>
                <Money value={report.carriedForward} />
              </Stat>
            </dl>
            {items.length === 0 ? (
              <p class="hint">{t.allPaid}</p>
            ) : (
              <ul class="pay-items">
                {items.map((it) => (
                  <li key={it.asset} class="card pay-item">
                    <h4>
                      {it.asset}
                      {describe(it.asset) ? ` — ${describe(it.asset)}` : ""}
                    </h4>
                    {it.ids.length > 1 ? <p class="hint">{it.ids.join(", ")}</p> : null}
                    <dl class="stats">
                      <Stat label={t.attributed}>
                        <Money value={it.attributed} />
                      </Stat>
                      <Stat label={t.paid}>
                        <Money value={it.paid} />
                      </Stat>
                      <Stat label={t.carriedForward} strong>
                        <Money value={it.carriedForward} />
                      </Stat>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
            {report.partners ? (
              <table class="plain">
                <caption>{t.perPartner}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.partnerName}</th>
                    <th scope="col" class="num">
                      {t.deductibleThisYear}
                    </th>
                    <th scope="col" class="num">
                      {t.carriedForward}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.partners.map((q, i) => (
                    <tr key={i}>
                      <th scope="row">{q.name}</th>
                      <td class="num">
                        <Money value={q.deductibleThisYear} />
                      </td>
                      <td class="num">
                        <Money value={q.carriedForward} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : null}
      </section>
      <Disposals />
    </div>
  );
}

function Disposals() {
  const { t, state, dispatch, derived, goTo } = usePane();
  const report = derived.evaluated?.report ?? null;
  const d = report?.disinvestment;
  const scenarioDisposals = derived.evaluated?.scenario.disposals ?? [];
  /** a disposal as the user knows it: its description, with its number when that differs */
  const named = (id: string) => {
    const description = scenarioDisposals.find((x) => String(x.id) === id)?.description;
    return description && description !== id ? `${description} (${id})` : id;
  };
  // one line per disposal that does not count yet, with all its messages; "Naar het veld" goes to the first
  const issues = useMemo(() => {
    const byOrigin = new Map<string, { origin: DisposalIssue["origin"]; key: string; messages: string[] }>();
    for (const x of derived.disposalIssues) {
      const id = JSON.stringify(x.origin);
      const g = byOrigin.get(id);
      if (g) g.messages.push(x.message);
      else byOrigin.set(id, { origin: x.origin, key: x.key, messages: [x.message] });
    }
    return [...byOrigin.values()];
  }, [derived.disposalIssues]);
  const investments = derived.ledger?.investments ?? [];
  const options = useMemo(
    () => investments.map((i) => ({ value: String(i.id), label: i.description ? `${i.id} — ${i.description}` : String(i.id) })),
    [investments],
  );
  const ledgerDisposals = derived.ledgerDisposals;
  return (
    <section aria-labelledby="disposals-heading">
      <h3 id="disposals-heading">{t.disposalsHeading}</h3>
      <p class="intro">
        {t.disposalsIntro} <Ref label={report?.parameters.references.find((r) => r.label.startsWith("art. 3.47 lid 1"))?.label} />
      </p>
      {ledgerDisposals.length ? (
        <ul class="pay-items">
          {ledgerDisposals.map((x) => (
            <li key={String(x.id)} class="card">
              <h4>
                {x.description || String(x.id)} <Badge kind="neutral">{t.fromLedger}</Badge>
              </h4>
              <dl class="stats">
                <Stat label={t.price}>
                  <Money value={String(x.price)} />
                </Stat>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
      <ToComplete />
      {/* nothing entered, read or coming from a calamity's insurance money (those are listed below) */}
      {state.choices.disposals.length === 0 && !ledgerDisposals.length && !scenarioDisposals.length ? <p class="hint">{t.noDisposals}</p> : null}
      {issues.length ? (
        <section class="problems disposal-issues" aria-labelledby="disposal-issues">
          <h4 id="disposal-issues">{t.disposalsSkipped(issues.length)}</h4>
          <p class="hint">{t.disposalsSkippedIntro}</p>
          <ul>
            {issues.map((x, i) => {
              const description = x.origin.kind === "user" ? state.choices.disposals[x.origin.index]?.description.trim() : "";
              const where =
                x.origin.kind === "user"
                  ? t.disposalN(x.origin.index + 1) + (description ? `: ${description}` : "")
                  : x.origin.kind === "ledger"
                    ? named(x.origin.id)
                    : "";
              return (
                <li key={`${x.key}-${i}`} class="problem">
                  <span class="where">{where}</span>
                  <span class="what">{x.messages.join("; ")}</span>
                  {x.origin.kind === "user" ? (
                    <button type="button" class="btn link" onClick={() => goTo("payment", x.key)}>
                      {t.goToField}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <AssetSuggestions options={options} />
      {state.choices.disposals.map((x, i) => (
        <DisposalFields key={i} index={i} d={x} options={options} />
      ))}
      <button type="button" class="btn" onClick={() => dispatch({ type: "add-disposal" })}>
        {t.addDisposal}
      </button>
      <TextField
        fieldKey="disposalsTotal"
        label={t.disposalsTotal}
        value={state.choices.disposalsTotal}
        inputMode="decimal"
        onInput={(v) => dispatch({ type: "set-disposals-total", value: v })}
      />
      {d && d.items.length ? (
        <section class="card" aria-labelledby="disinvestment-result">
          <h4 id="disinvestment-result">{t.additionTotal}</h4>
          <dl class="stats">
            <Stat label={t.disposalsCounted}>
              <Money value={d.disposalsTotal} />
            </Stat>
            <Stat label={t.threshold}>
              <Money value={d.threshold} />
            </Stat>
            <Stat label={t.additionTotal} strong>
              <Money value={d.total} />
            </Stat>
          </dl>
          <ul class="reasons">
            {d.items.map((it) => (
              <li key={it.id}>
                {named(it.id)}: <Money value={it.price} />
                {" → "}
                <Money value={it.amount} />
                {!it.inWindow ? ` (${t.notInWindow})` : !it.hadDeduction ? ` (${t.noDeduction})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/** "Vul aan"'s words: only in this step's chunk, not in the first download. */
const WORDS = {
  nl: {
    heading: (n: number) => (n === 1 ? "1 verkoop uit de werkmap mist gegevens" : `${n} verkopen uit de werkmap missen gegevens`),
    intro: "Deze verkopen zijn gelezen maar tellen niet mee: vul ze hier aan; alleen wat ontbreekt hoeft u te typen. Aangevuld telt de verkoop één keer mee.",
    complete: "Vul aan",
    completeLabel: (what: string) => `Vul aan: ${what}`,
    completes: (cell: string) => `Vult de verkoop in ${cell} aan`,
  },
  en: {
    heading: (n: number) => (n === 1 ? "1 sale from the workbook misses facts" : `${n} sales from the workbook miss facts`),
    intro: "These sales were read but are not counted: complete them here; only what is missing needs typing. Once complete, the sale counts once.",
    complete: "Complete",
    completeLabel: (what: string) => `Complete: ${what}`,
    completes: (cell: string) => `Completes the sale in ${cell}`,
  },
} as const;

/**
 * The sales of the workbook's disposals list left out because they miss facts (LeftOut "INCOMPLETE"), each with
 * "Vul aan": its row taken into a new entry below as read (model/complete-disposal.ts), the focus on what is missing.
 */
function ToComplete() {
  const { state, dispatch, derived, goTo, lang, culture } = usePane();
  const rows = useMemo(() => toComplete(derived.leftOut, state.choices.disposals), [derived.leftOut, state.choices.disposals]);
  if (!rows.length) return null;
  const w = WORDS[lang];
  const complete = (x: LeftOut) => {
    const d = completionOf(x, state.choices.year, culture);
    const index = state.choices.disposals.length;
    dispatch({ type: "add-disposal-from", disposal: d });
    goTo("payment", `disposal.${index}.${firstMissing(d)}`);
  };
  return (
    <section class="problems disposal-complete" aria-labelledby="disposal-complete">
      <h4 id="disposal-complete">{w.heading(rows.length)}</h4>
      <p class="hint">{w.intro}</p>
      <ul>
        {rows.map((x) => {
          const what = [cellOf(x), x.description ?? x.id].filter(Boolean).join(" ");
          return (
            <li key={`${x.sheet}!${x.row}`} class="problem">
              <span class="where">{what}</span>
              <span class="what">{x.reason}</span>
              <button type="button" class="btn small" aria-label={w.completeLabel(what)} onClick={() => complete(x)}>
                {w.complete}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DisposalFields({ index, d, options }: { index: number; d: DisposalInput; options: { value: string; label: string }[] }) {
  const { t, dispatch, state, lang } = usePane();
  const partners = state.choices.partnership.enabled ? state.choices.partnership.partners.map((q) => q.name.trim()).filter(Boolean) : [];
  const set = (patch: Partial<DisposalInput>) => dispatch({ type: "set-disposal", index, patch });
  const k = (f: string) => `disposal.${index}.${f}`;
  return (
    <fieldset class="card disposal">
      <legend>
        {t.disposalN(index + 1)}
        {d.description.trim() ? `: ${d.description.trim()}` : ""}
      </legend>
      {d.source ? <p class="hint source">{`${lang === "en" ? "From" : "Uit"} ${d.source}`}</p> : null}
      {d.completes ? <p class="hint completes">{WORDS[lang].completes(d.completes.cell)}</p> : null}
      <TextField fieldKey={k("description")} label={t.description} value={d.description} onInput={(v) => set({ description: v })} />
      <TextField fieldKey={k("price")} label={t.price} value={d.price} inputMode="decimal" onInput={(v) => set({ price: v })} required />
      <SelectField
        fieldKey={k("kind")}
        label={t.disposalKind}
        value={d.kind}
        options={[
          { value: "this-year", label: t.kindThisYear },
          { value: "earlier", label: t.kindEarlier },
        ]}
        onChange={(v) => set({ kind: v as DisposalInput["kind"] })}
      />
      {d.kind === "this-year" ? (
        <AssetPicker fieldKey={k("investment")} label={t.investment} value={d.investment} options={options} choose={t.choose} onChange={(v) => set({ investment: v })} />
      ) : (
        <div class="partner-grid">
          <TextField fieldKey={k("investmentYear")} label={t.investmentYear} value={d.investmentYear} inputMode="numeric" onInput={(v) => set({ investmentYear: v })} />
          <TextField
            fieldKey={k("investmentAmount")}
            label={t.investmentAmount}
            value={d.investmentAmount}
            inputMode="decimal"
            onInput={(v) => set({ investmentAmount: v })}
          />
          <TextField
            fieldKey={k("investmentYearTotal")}
            label={t.investmentYearTotal}
            value={d.investmentYearTotal}
            inputMode="decimal"
            onInput={(v) => set({ investmentYearTotal: v })}
          />
          {partners.map((name) => (
            <TextField
              key={name}
              fieldKey={k(`rate.${name}`)}
              label={t.partnerRate(name, d.investmentYear.trim())}
              hint={t.partnerRateHint}
              value={d.partnerRates?.[name] ?? ""}
              inputMode="decimal"
              onInput={(v) => set({ partnerRates: { ...d.partnerRates, [name]: v } })}
            />
          ))}
        </div>
      )}
      <button type="button" class="btn subtle small" onClick={() => dispatch({ type: "remove-disposal", index })}>
        {t.removeDisposal}
      </button>
    </fieldset>
  );
}
