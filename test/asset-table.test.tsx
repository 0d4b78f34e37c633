/**
 * Step 1's table from 700 px (taskpane/app/steps/AssetTable.tsx, issue 15) without a browser: a ledger read and
 * evaluated by the pane's own deriver, its assets as the table's rows (number, description, date, category by its
 * label, group, amount, counts yes/no with the reason that decided, the answered question of the row), and the
 * table as Preact renders it - one row per asset, each row one Tab stop with nothing focusable inside it, the
 * arrow keys, Home and End moving between rows, Enter and Space opening the row's dialog. In chromium:
 * test/e2e/standalone-ledgers.e2e.test.ts (760 px a table, 350 px cards, Tab a row per press).
 */
import type { ComponentChildren, VNode } from "preact";
import "../src/law/headings";
import { mapHeaders, type Cell } from "../src/workbook/ledger";
import { assetRows } from "../taskpane/app/model/assets";
import { AssetTableView, rowKey, showDate, tableRows, tableWords, type TableRow } from "../taskpane/app/steps/AssetTable";
import { makeDeriver } from "../taskpane/app/model/derive";
import { cultureFromLocale } from "../taskpane/app/text/format";
import { initialState, reducer, type Action, type PaneState } from "../taskpane/app/model/state";
import type { Grid } from "../taskpane/workbook/types";

const NL = cultureFromLocale("nl-NL", "nl");
const EN = cultureFromLocale("en-GB", "en");

const headers = ["Nummer", "Omschrijving", "Datum", "Categorie", "Groep", "Bedrag"];
const grid: Grid = {
  sheet: "Staat",
  source: "tabel Investeringen",
  headers,
  rows: [
    ["M1", "Deegkneedmachine", "15-03-2025", "machine", "", 14500],
    ["A1", "VW Golf", "01-04-2025", "personenauto", "", 30000],
    ["I1", "Nietmachine", "12-03-2025", "inventaris", "", 85],
    ["C1", "Laptop", "03-02-2025", "computer", "Werkplek 1", 1450],
    ["C2", "Monitor", "03-02-2025", "computer", "Werkplek 1", 320],
    ["K1", "Creditnota deegkneedmachine", "20-03-2025", "machine", "", -500],
  ] as Cell[][],
  firstRow: 2,
  firstColumn: 0,
};

/** The table's rows of the ledger after `actions`, as the pane derives them. */
function rowsAfter(actions: Action[], lang: "nl" | "en" = "nl", errors = new Map<string, string>()): TableRow[] {
  let s: PaneState = reducer(initialState(2025), {
    type: "load-done",
    source: { kind: "table", name: "tabel Investeringen", table: "Investeringen" },
    grid,
    mapping: mapHeaders(headers).mapping,
    mappingOrigin: "headers",
  });
  for (const a of actions) s = reducer(s, a);
  const d = makeDeriver()(s, lang === "en" ? EN : NL);
  const ledger = d.ledger!;
  const scenario = d.evaluated!.scenario;
  const rowOf = new Map(ledger.investments.map((inv, i) => [String(inv.id), ledger.rows[i]]));
  const rows = assetRows(d.evaluated!.report!, scenario.investments, scenario.investments.map((inv) => rowOf.get(String(inv.id)) ?? 0));
  return tableRows(rows, { words: tableWords(lang), culture: lang === "en" ? EN : NL, en: lang === "en", errors, answered: ledger.answered });
}

describe("the table's rows", () => {
  it("one row per asset: number, description, date, category by its label, group, amount, counts with the deciding reason", () => {
    const rows = rowsAfter([]);
    expect(rows.map((r) => [r.id, r.description, r.date, r.category, r.group, r.amount, r.verdict, r.why])).toEqual([
      ["M1", "Deegkneedmachine", "15-03-2025", "Machines en installaties", "", "€\u00a014.500", "Ja", "categorie en €\u00a0450"],
      ["A1", "VW Golf", "01-04-2025", "Personenauto", "", "€\u00a030.000", "Nee", "categorie uitgesloten"],
      ["I1", "Nietmachine", "12-03-2025", "Inventaris", "", "€\u00a085", "Nee", "onder €\u00a0450"],
      // the group as a whole is € 1.770: the monitor of € 320 counts with it
      ["C1", "Laptop", "03-02-2025", "Computers en randapparatuur", "Werkplek 1", "€\u00a01.450", "Ja", "categorie en €\u00a0450"],
      ["C2", "Monitor", "03-02-2025", "Computers en randapparatuur", "Werkplek 1", "€\u00a0320", "Ja", "categorie en €\u00a0450"],
    ]);
    expect(rows.map((r) => r.counted)).toEqual([true, false, false, true, true]);
    // the credit note is an open question (the top of step 1), not a row of the table
    expect(rows.every((r) => r.note === "")).toBe(true);
  });

  it("an override decides ('handmatig'); an answered question and the credit note that reduces a row are its note", () => {
    const rows = rowsAfter([
      { type: "set-override", id: "I1", override: { eligible: true, reason: "Hoort bij de inrichting van de balie (besluit 2.2)" } },
      { type: "set-answer", key: "Staat!7:credit", answer: { choice: "reduce:2", note: "Creditnota op de machine" } },
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([byId.get("I1")!.verdict, byId.get("I1")!.why]).toEqual(["Ja", "handmatig"]);
    // reduced by the credit note of row 7: € 14.500 - € 500
    expect([byId.get("M1")!.amount, byId.get("M1")!.note]).toEqual(["€\u00a014.000", "creditnota rij 7"]);
  });

  it("the core's message at an asset is its note, with the id 'go to the field' focuses", () => {
    const rows = rowsAfter([], "nl", new Map([["asset.A1", "Controleer: taxi of emissieloos?"]]));
    const a1 = rows.find((r) => r.id === "A1")!;
    expect(a1.note).toBe("Controleer: taxi of emissieloos?");
    expect(a1.errorId).toBe("f-asset_46_A1");
    expect(rows.filter((r) => r.errorId)).toHaveLength(1);
  });

  it("in English: the category's English label, the culture's date and amount, English words", () => {
    const rows = rowsAfter([], "en");
    expect([rows[1].category, rows[1].date, rows[1].amount, rows[1].verdict, rows[1].why]).toEqual(["Passenger car", "01/04/2025", "€30,000", "No", "category excluded"]);
    expect(showDate("2025-1-4", NL)).toBe("2025-1-4");
  });
});

/** The elements of a rendered tree (function components stay as they are: the view uses none). */
function elements(node: ComponentChildren): VNode<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object" || !("type" in node)) return [];
  const v = node as VNode<Record<string, unknown>>;
  return [v, ...elements(v.props.children as ComponentChildren)];
}

/** A row of the DOM as rowKey sees it: siblings, its table body's first and last row, and focus(). */
function fakeRows(n: number) {
  const body = {} as { firstElementChild: unknown; lastElementChild: unknown };
  const rows = Array.from({ length: n }, (_, i) => ({ i, focus: jest.fn(), parentElement: body, nextElementSibling: null as unknown, previousElementSibling: null as unknown }));
  rows.forEach((r, i) => {
    r.nextElementSibling = rows[i + 1] ?? null;
    r.previousElementSibling = rows[i - 1] ?? null;
  });
  body.firstElementChild = rows[0];
  body.lastElementChild = rows[n - 1];
  return rows;
}

function key(k: string, row: unknown, mods: Partial<KeyboardEvent> = {}) {
  const e = { key: k, currentTarget: row, preventDefault: jest.fn(), altKey: false, ctrlKey: false, metaKey: false, ...mods };
  return e as unknown as KeyboardEvent & { preventDefault: jest.Mock };
}

describe("the table as rendered", () => {
  const rows = rowsAfter([]);
  const opened: string[] = [];
  const tree = AssetTableView({ rows, words: tableWords("nl"), label: "Bedrijfsmiddelen", onEdit: (id) => opened.push(id) });

  it("one body row per asset, each one Tab stop, nothing inside a row focusable", () => {
    const all = elements(AssetTableView({ rows, words: tableWords("nl"), label: "Bedrijfsmiddelen", onEdit: () => undefined }));
    const table = all.find((v) => v.type === "table")!;
    expect(table.props["aria-label"]).toBe("Bedrijfsmiddelen");
    expect(table.props["aria-describedby"]).toBe("asset-table-hint");
    const body = elements(all.find((v) => v.type === "tbody")!.props.children as ComponentChildren).filter((v) => v.type === "tr");
    expect(body.map((tr) => tr.props["data-asset"])).toEqual(["M1", "A1", "I1", "C1", "C2"]);
    expect(body.map((tr) => tr.props.tabIndex)).toEqual([0, 0, 0, 0, 0]);
    // the header: the columns, not a Tab stop
    const head = all.find((v) => v.type === "thead")!;
    expect(elements(head.props.children as ComponentChildren).filter((v) => v.type === "th").map((th) => th.props.children)).toEqual([
      "Nr.", "Omschrijving", "Datum", "Categorie", "Groep", "Bedrag", "Telt mee", "Let op",
    ]);
    expect(elements(head.props.children as ComponentChildren).some((v) => "tabIndex" in v.props)).toBe(false);
    for (const tr of body) {
      const inside = elements(tr.props.children as ComponentChildren);
      expect(inside.filter((v) => ["a", "button", "input", "select", "textarea"].includes(v.type as string) || "tabIndex" in v.props)).toEqual([]);
      expect(inside.filter((v) => v.type === "td")).toHaveLength(8);
    }
    expect(body[1].props.class).toBe("asset-row excluded");
    expect(body[0].props.class).toBe("asset-row");
  });

  it("the arrow keys, Home and End move the focus between rows; Enter and Space open the row; other keys are the browser's", () => {
    const r = fakeRows(4);
    const open = jest.fn();
    let e = key("ArrowDown", r[1]);
    rowKey(e, open);
    expect(r[2].focus).toHaveBeenCalled();
    expect(e.preventDefault).toHaveBeenCalled();
    rowKey(key("ArrowUp", r[1]), open);
    expect(r[0].focus).toHaveBeenCalledTimes(1);
    rowKey(key("End", r[0]), open);
    expect(r[3].focus).toHaveBeenCalledTimes(1);
    rowKey(key("Home", r[3]), open);
    expect(r[0].focus).toHaveBeenCalledTimes(2);
    // at the last row ArrowDown stays (and the page does not scroll)
    e = key("ArrowDown", r[3]);
    rowKey(e, open);
    expect(r[3].focus).toHaveBeenCalledTimes(1);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    rowKey(key("Enter", r[2]), open);
    rowKey(key(" ", r[2]), open);
    expect(open).toHaveBeenCalledTimes(2);
    // Tab, letters and Ctrl+Arrow are left to the browser
    for (const other of [key("Tab", r[1]), key("a", r[1]), key("ArrowDown", r[1], { ctrlKey: true })]) {
      rowKey(other, open);
      expect(other.preventDefault).not.toHaveBeenCalled();
    }
    expect(r[2].focus).toHaveBeenCalledTimes(1);
  });

  it("Enter on a row, and a click, open that row's dialog", () => {
    const body = elements(tree).filter((v) => v.type === "tr" && v.props["data-asset"]);
    const onKeyDown = body[2].props.onKeyDown as (e: KeyboardEvent) => void;
    onKeyDown(key("Enter", fakeRows(1)[0]));
    (body[4].props.onClick as () => void)();
    expect(opened).toEqual(["I1", "C2"]);
  });
});
