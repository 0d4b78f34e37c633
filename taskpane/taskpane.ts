/* global Office, document, HTMLElement, HTMLSelectElement, HTMLFormElement, HTMLInputElement, HTMLDivElement */
/**
 * Start page of the add-in (and the page of the shared runtime). A quick KIA calculator over the core plus
 * the list of functions; the guided ledger workflow replaces this body in a later issue. Works inside Excel
 * and in a plain browser: the standalone page loads no office.js (no Office global, so init at once), and
 * the production page opened outside Office gets no host from Office.onReady.
 */
import {
  establishedYears,
  formatEuroShort,
  kia,
  KiaValidationError,
} from "../src";
import { setLanguage } from "../functions/kia-functions";
import { parseDutchAmount } from "../functions/values";

function el<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}

export function calculate(
  totalText: string,
  year: number,
): { ok: true; html: string } | { ok: false; html: string } {
  const total = /^\s*-/.test(totalText) ? null : parseDutchAmount(totalText);
  if (total === null)
    return {
      ok: false,
      html: `Vul een bedrag in, zoals 25.000 of € 1.234,56 (niet "${escapeHtml(totalText)}").`,
    };
  try {
    const r = kia(total, year);
    const steps = r.explanation
      .map(
        (s) =>
          `<li>${escapeHtml(s.text)}${s.ref ? ` <span class="ref">[${escapeHtml(s.ref)}]</span>` : ""}</li>`,
      )
      .join("");
    const warn =
      r.table.confidence === "official"
        ? ""
        : `<p id="warnings">Let op: de tabel ${year} is niet volledig bevestigd (${escapeHtml(r.table.confidenceDetail)}). Controleer de bedragen.</p>`;
    return {
      ok: true,
      html: `<div class="amount" id="kia-amount">KIA ${year}: ${formatEuroShort(r.rounded)}</div><ol>${steps}</ol>${warn}`,
    };
  } catch (e) {
    return {
      ok: false,
      html: escapeHtml(e instanceof KiaValidationError ? e.message : String(e)),
    };
  }
}

function init(host: string | null): void {
  const years = establishedYears();
  const select = el<HTMLSelectElement>("year");
  select.innerHTML = years
    .map((y) => `<option value="${y}">${y}</option>`)
    .join("");
  select.value = String(years[years.length - 1]);
  el<HTMLFormElement>("calc").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const res = calculate(
      el<HTMLInputElement>("total").value,
      Number(select.value),
    );
    const out = el<HTMLDivElement>("result");
    out.hidden = false;
    out.className = res.ok ? "" : "error";
    out.innerHTML = res.html;
  });
  el<HTMLDivElement>("host").textContent = host
    ? `Excel (${host})`
    : "Losse browsermodus: Excel niet gevonden.";
  document.body.dataset.ready = "true";
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => {
    if (info.host && Office.context?.displayLanguage)
      setLanguage(Office.context.displayLanguage);
    init(info.host ? String(info.host) : null);
  });
} else {
  init(null);
}
