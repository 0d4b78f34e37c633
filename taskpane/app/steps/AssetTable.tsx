/**
 * Step 1 from 700 px wide (issue 15): the assets as a compact table, one row per asset - its number, description,
 * date, category (by its label), group, amount, whether it counts with the reason that decided it in a few words,
 * and what to look at (a message of the core at the asset, an answered question of its row). Below 700 px the
 * cards of Review.tsx stay.
 *
 * The keyboard: each row is one Tab stop (nothing inside a row takes the focus, so Tab moves a row at a time);
 * the arrow keys, Home and End move between the rows too; Enter or Space (or a click) opens the row's details and
 * the override dialog the card's button opens. The focus ring is the pane's own (:focus-visible).
 *
 * A lazy chunk (Review.tsx): the pane's first download stays within its limit (test/taskpane-build.test.ts).
 */
import { allCategories } from "../../../src/law";
import type { AssetReport } from "../../../src";
import type { LedgerRead } from "../../../src/workbook/ledger";
import type { AssetRow } from "../model/assets";
import { fieldId, usePane } from "../context";
import { formatMoney, keepEuro, type Culture } from "../text/format";

const WORDS = {
  nl: {
    columns: ["Nr.", "Omschrijving", "Datum", "Categorie", "Groep", "Bedrag", "Telt mee", "Let op"],
    hint: "Tab of pijltjes: volgende regel · Enter: details en beoordeling aanpassen",
    yes: "Ja",
    no: "Nee",
    /** the reason that decided, in a few words, by the core's reason code */
    short: {
      OVERRIDE: "handmatig",
      CATEGORY_EXCLUDED: "categorie uitgesloten",
      CATEGORY_NO_RULE: "categorie niet dit jaar",
      GROUP_EXCLUDED: "groep uitgesloten",
      BELOW_MINIMUM: "onder €\u00a0450",
      RELATED_PARTY: "verbonden partij",
      CALAMITY_EXCLUDED: "calamiteit",
      RELATED_PARTY_EXEMPTION: "ontheffing",
      MINIMUM_MET: "categorie en €\u00a0450",
    } as Record<string, string>,
    answered: (label: string) => `beantwoord: ${label}`,
    credit: (row: number) => `creditnota rij ${row}`,
  },
  en: {
    columns: ["No.", "Description", "Date", "Category", "Group", "Amount", "Counts", "Note"],
    hint: "Tab or arrows: next row · Enter: details and override",
    yes: "Yes",
    no: "No",
    short: {
      OVERRIDE: "manual",
      CATEGORY_EXCLUDED: "category excluded",
      CATEGORY_NO_RULE: "category not this year",
      GROUP_EXCLUDED: "group excluded",
      BELOW_MINIMUM: "below €\u00a0450",
      RELATED_PARTY: "related party",
      CALAMITY_EXCLUDED: "calamity",
      RELATED_PARTY_EXEMPTION: "exemption",
      MINIMUM_MET: "category and €\u00a0450",
    } as Record<string, string>,
    answered: (label: string) => `answered: ${label}`,
    credit: (row: number) => `credit note row ${row}`,
  },
};
export type TableWords = (typeof WORDS)["nl"];
export const tableWords = (lang: string): TableWords => WORDS[lang === "en" ? "en" : "nl"];

/** Which reason decided, first found: the user's override, then what excludes (the category before the amount), then what lets it count. */
const DECIDING = ["OVERRIDE", "CATEGORY_EXCLUDED", "CATEGORY_NO_RULE", "GROUP_EXCLUDED", "BELOW_MINIMUM", "RELATED_PARTY", "CALAMITY_EXCLUDED", "RELATED_PARTY_EXEMPTION", "MINIMUM_MET"];

/** The reason that decided an asset's verdict in a few words; another reason: its own text, cut at 40 characters. */
export function decidingReason(a: AssetReport, w: TableWords): string {
  for (const code of DECIDING) if (a.reasons.some((r) => r.code === code)) return w.short[code];
  const text = keepEuro(a.reasons[a.reasons.length - 1]?.text ?? "");
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** One row of the table, as text. */
export interface TableRow {
  id: string;
  description: string;
  date: string;
  category: string;
  group: string;
  amount: string;
  counted: boolean;
  verdict: string;
  why: string;
  /** what to look at: the core's message at the asset, an answered question of its row */
  note: string;
  /** the DOM id "go to the field" looks for, when the core has a message at this asset */
  errorId?: string;
}

/** "15-03-2025" (nl-NL), "15/03/2025" (en-GB) from an ISO date; an unreadable date as it is. */
export function showDate(iso: string | undefined, culture: Culture): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return iso ?? "";
  return new Intl.DateTimeFormat(culture.locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

/** The table's rows: the assets with the words of the pane's language, the culture's amounts, the messages and answers. */
export function tableRows(
  rows: readonly AssetRow[],
  o: { words: TableWords; culture: Culture; en: boolean; errors: ReadonlyMap<string, string>; answered: LedgerRead["answered"] },
): TableRow[] {
  const labels = new Map(allCategories().map((c) => [c.code, o.en ? c.labelEn : c.label]));
  // answers by the sheet row they change: the question's own row, or the asset a credit note reduces
  const notes = new Map<number, string[]>();
  const add = (row: number, s: string) => notes.set(row, [...(notes.get(row) ?? []), s]);
  for (const { question: q, choice } of o.answered ?? []) {
    const reduces = /^reduce:(\d+)$/.exec(choice);
    if (reduces) add(+reduces[1], o.words.credit(q.row));
    else add(q.row, o.words.answered(q.choices.find((c) => c.value === choice)?.label ?? choice));
  }
  return rows.map(({ asset: a, investment, row }) => {
    const err = o.errors.get(`asset.${a.id}`);
    return {
      id: a.id,
      description: a.description?.trim() ?? "",
      date: showDate(investment?.date, o.culture),
      category: labels.get(a.category) ?? a.category,
      group: a.group ?? "",
      amount: formatMoney(a.amount, o.culture),
      counted: a.counted,
      verdict: a.counted ? o.words.yes : o.words.no,
      why: decidingReason(a, o.words),
      note: [...(err ? [err] : []), ...((row && notes.get(row)) || [])].join(" · "),
      ...(err ? { errorId: fieldId(`asset.${a.id}`) } : {}),
    };
  });
}

/**
 * A key on a row: the arrow keys, Home and End move the focus to another row of the table, Enter and Space open
 * the row. With Alt, Ctrl or Cmd the key is the browser's.
 */
export function rowKey(e: KeyboardEvent, open: () => void): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const tr = e.currentTarget as HTMLElement;
  const rows = tr.parentElement;
  const to: Record<string, Element | null | undefined> = {
    ArrowDown: tr.nextElementSibling,
    ArrowUp: tr.previousElementSibling,
    Home: rows?.firstElementChild,
    End: rows?.lastElementChild,
  };
  if (e.key in to) (to[e.key] as HTMLElement | null | undefined)?.focus();
  else if (e.key === "Enter" || e.key === " ") open();
  else return;
  e.preventDefault();
}

/** The table itself, from its rows: no hooks, so a test renders it without a browser (test/asset-table.test.ts). */
export function AssetTableView({ rows, words, label, onEdit }: { rows: readonly TableRow[]; words: TableWords; label: string; onEdit: (id: string) => void }) {
  return (
    <>
      <p class="hint" id="asset-table-hint">
        {words.hint}
      </p>
      <table class="asset-table" aria-label={label} aria-describedby="asset-table-hint">
        <thead>
          <tr>
            {words.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              id={r.errorId}
              class={`asset-row${r.counted ? "" : " excluded"}`}
              data-asset={r.id}
              tabIndex={0}
              onKeyDown={(e) => rowKey(e, () => onEdit(r.id))}
              onClick={() => onEdit(r.id)}
            >
              <td class="asset-id">{r.id}</td>
              <td class="asset-desc">{r.description}</td>
              <td class="asset-date">{r.date}</td>
              <td>{r.category}</td>
              <td>{r.group}</td>
              <td class="num">
                <span class="money">{r.amount}</span>
              </td>
              <td class="asset-verdict">
                <strong>{r.verdict}</strong> <span class="asset-why">{r.why}</span>
              </td>
              <td class="asset-note">{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Step 1's assets of this page as the table, in the pane's language and culture. */
export function AssetTable({ rows, onEdit }: { rows: readonly AssetRow[]; onEdit: (id: string) => void }) {
  const { t, lang, culture, fieldErrors, derived } = usePane();
  const words = tableWords(lang);
  const cells = tableRows(rows, { words, culture, en: lang === "en", errors: fieldErrors, answered: derived.ledger?.answered });
  return <AssetTableView rows={cells} words={words} label={t.assets} onEdit={onEdit} />;
}
