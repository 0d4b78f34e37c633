/**
 * The firm template templates/KIA-werkblad.xlsx: not stale; read back (tables, drop-downs and their sources, names,
 * number formats, dynamic-array cells); every formula refers only to add-in function ids, the KIA names or Excel
 * built-ins; and the Overzicht's native figures, evaluated in the functions' formula engine (HyperFormula, with the
 * KIA/KIA_EXACT calls replaced by the LAMBDA body and the add-in calls by the registered functions), equal
 * evaluate() on the same rows, for the example rows and for variations of them. Plus the taskpane's afterInsert().
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "fs";
import { join } from "path";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { evaluate, evaluateNormalized, validateRows, type Report } from "../src";
import { allCategories } from "../src/law";
import { confidenceText } from "../src/messages";
import { KIA_EXACT_NAME, KIA_NAME, lambdaBody, lambdaFileFormula, lambdaFormula, substituteParameters } from "../src/lambda";
import { columnLetter, DISPOSAL_HEADERS, FIELD_HEADERS, LEDGER_FIELDS, PARTNER_HEADERS, readLedger, type Cell } from "../src/workbook/ledger";
import { buildTemplate, DEMO_NOTE_ARGB, DEMO_ROW_ARGB, TEMPLATE_FILE } from "../templates/build";
import * as T from "../templates/layout";
import { readWorkbookFile as readWorkbook } from "../cli/workbook";
import { assemble, type Grid } from "../src/workbook";
import { engine } from "./support/hyperformula";

const committed = readFileSync(TEMPLATE_FILE);
const FUNCTION_IDS = [...readFileSync(join(__dirname, "..", "functions", "functions.ts"), "utf8").matchAll(/@customfunction (\S+)/g)].map((m) => m[1]);
const BUILTINS = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));

let wb: ExcelJS.Workbook;
let zip: JSZip;
beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(committed as never);
  zip = await JSZip.loadAsync(committed);
});

const sheetXml = async (name: string) => {
  const idx = T.SHEET_ORDER.findIndex((k) => T.SHEET_NAMES[k] === name);
  return zip.file(`xl/worksheets/sheet${idx + 1}.xml`)!.async("string");
};

describe("the generated file", () => {
  it("is not stale: npm run template gives the committed bytes (run it after changing the law data or the layout)", async () => {
    const built = await buildTemplate();
    expect(built.equals(committed)).toBe(true);
  }, 60000);

  it("has the sheets in order, in Dutch, and the three tables with the readers' first header names", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Start", "Investeringen", "Vennoten", "Desinvesteringen", "Overzicht", "Toelichting", "Lijsten"]);
    const table = (sheet: string, name: string) => {
      const t = (wb.getWorksheet(sheet) as unknown as { tables: Record<string, { table: { name: string; tableRef: string; columns: { name: string }[] } }> }).tables[name];
      expect(t).toBeDefined();
      return t.table;
    };
    const ledger = table("Investeringen", "Investeringen");
    expect(ledger.columns.map((c) => c.name)).toEqual(T.LEDGER_COLUMNS.map((c) => FIELD_HEADERS[c.field][0]));
    expect(new Set([...T.LEDGER_COLUMNS.map((c) => c.field), ...T.LEDGER_FIELDS_READER_ONLY])).toEqual(new Set(LEDGER_FIELDS));
    expect(ledger.tableRef).toBe(`A1:P${1 + T.LEDGER_EXAMPLES.length}`);
    const partners = table("Vennoten", "Vennoten");
    expect(partners.columns.map((c) => c.name)).toEqual(Object.values(PARTNER_HEADERS).map((h) => h[0]));
    const disposals = table("Desinvesteringen", "Desinvesteringen");
    expect(disposals.columns.map((c) => c.name)).toEqual(Object.values(DISPOSAL_HEADERS).map((h) => h[0]));
  });

  it("opens on Start: the example warning at the top, then the steps in the order they are done (the examples first), each linking to its sheet", () => {
    const start = wb.getWorksheet("Start")!;
    expect(wb.worksheets[0].name).toBe("Start");
    const warning = start.getCell("A2").value as { formula: string; result: string };
    expect(warning.result).toMatch(/^Voorbeeldgegevens: .*Wis ze eerst \(stap 1\)\.$/);
    const steps = [5, 6, 7, 8, 9, 10].map((r) => start.getCell(`A${r}`).value as { text: string; hyperlink: string });
    expect(steps[0].text).toMatch(/^1\. Wis de voorbeeldregels op Investeringen, Vennoten en Desinvesteringen/);
    expect(steps[1].text).toMatch(/^2\. Overzicht: vul bij Jaar het belastingjaar in/);
    expect(steps.map((x) => x.hyperlink)).toEqual(["#'Investeringen'!A1", "#'Overzicht'!A1", "#'Investeringen'!A1", "#'Vennoten'!A1", "#'Desinvesteringen'!A1", "#'Overzicht'!A1"]);
    // Toelichting: deleting the examples is step 1 too
    const notes = T.notes().filter((n): n is { text: string } => "text" in n).map((n) => n.text);
    expect(notes.find((t) => /^1\. /.test(t))).toMatch(/^1\. De voorbeeldregels wissen/);
  });

  it("folds the helper columns away (grouped, hidden), protects Overzicht and Lijsten without a password (the year open), hides Lijsten", async () => {
    const folded = (sheet: string) => {
      const ws = wb.getWorksheet(sheet)!;
      const out: string[] = [];
      for (let c = 1; c <= 40; c++) if (ws.getColumn(c).hidden && ws.getColumn(c).outlineLevel === 1) out.push(ws.getColumn(c).letter);
      return out;
    };
    // every column right of the ledger's table and its note column (Q) is a formula column: all folded
    const first = T.LEDGER_HELPER_FIRST + 1;
    expect(folded("Investeringen")[0]).toBe(wb.getWorksheet("Investeringen")!.getColumn(first).letter);
    expect(folded("Investeringen").length).toBeGreaterThanOrEqual(14);
    expect(wb.getWorksheet("Investeringen")!.getColumn(T.LEDGER_COLUMNS.length + 1).hidden).toBe(false); // the example note
    for (let c = 1; c <= T.LEDGER_COLUMNS.length; c++) expect(wb.getWorksheet("Investeringen")!.getColumn(c).hidden).toBe(false);
    expect(folded("Vennoten").length).toBeGreaterThan(0);
    expect(folded("Vennoten")).not.toContain("I"); // the key and the joint request stay in view
    expect(folded("Vennoten")).not.toContain("J");
    expect(folded("Desinvesteringen").length).toBeGreaterThan(0);
    // protection without a password: no hash, no salt
    for (const name of ["Overzicht", "Lijsten"]) {
      const xml = await sheetXml(name);
      expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
      expect(xml).not.toMatch(/hashValue|saltValue|password=/);
    }
    for (const name of ["Investeringen", "Vennoten", "Desinvesteringen"]) expect(await sheetXml(name)).not.toMatch(/<sheetProtection/);
    expect(wb.getWorksheet("Overzicht")!.getCell(T.SUMMARY.year).protection?.locked).toBe(false);
    // and the KIA of earlier years (art. 3.44), typed by the user from last year's report
    expect(wb.getWorksheet("Overzicht")!.getCell(`B${T.SUMMARY.carriedInRow}`).protection?.locked).toBe(false);
    expect(wb.getWorksheet("Lijsten")!.state).toBe("hidden");
  });

  it("a year after the last table says it is not yet published (not the pre-2010 text)", () => {
    const rows = T.notes().filter((n): n is Extract<T.NoteRow, { cells: unknown }> => "cells" in n);
    const y2027 = rows.find((r) => r.cells[0] === 2027)!;
    expect(y2027.cells[1]).toBe("nog niet bekendgemaakt");
    expect(String(y2027.cells[3])).toMatch(/^De tabel voor 2027 is nog niet bekendgemaakt/);
    expect(String(y2027.cells[3])).not.toMatch(/2009/);
    expect(rows.find((r) => r.cells[0] === 2009)!.cells[1]).toBe("niet vastgesteld");
  });

  it("has drop-downs: categories from the list sheet (the core's catalogue, Dutch labels), Ja/Nee, the key", async () => {
    const ws = wb.getWorksheet("Investeringen")!;
    const dv = (address: string) => ws.getCell(address).dataValidation;
    const place = T.listsPlace();
    for (const r of [2, 500, T.LEDGER_LAST_ROW]) expect(dv(`C${r}`)).toMatchObject({ type: "list", formulae: [`Lijsten!${place.categoryRange}`] });
    expect(dv(`C${T.LEDGER_LAST_ROW + 1}`)).toBeUndefined();
    const lists = wb.getWorksheet("Lijsten")!;
    const labels = [];
    for (let r = 2; lists.getCell(`A${r}`).value; r++) labels.push(lists.getCell(`A${r}`).value);
    expect(labels).toEqual(allCategories().map((c) => c.label));
    expect(place.categoryRange).toBe(`$A$2:$A$${1 + allCategories().length}`);
    for (const c of T.LEDGER_COLUMNS.filter((c) => c.kind === "yesno")) {
      const col = T.lc(c.field);
      for (const r of [2, T.LEDGER_LAST_ROW]) expect(dv(`${col}${r}`)).toMatchObject({ type: "list", formulae: ['"Ja,Nee"'] });
    }
    expect(wb.getWorksheet("Vennoten")!.getCell(T.KEY_CELL.value).dataValidation).toMatchObject({ type: "list", formulae: ['"winst,kapitaal,stille reserves,gelijke delen"'] });
    expect(wb.getWorksheet("Vennoten")!.getCell(T.REQUEST_CELL.value).dataValidation).toMatchObject({ type: "list", formulae: ['"Ja,Nee"'] });
    // the list sheet's year columns say per category whether it is eligible in that year (emissieloos: to 2013)
    const row = labels.indexOf(allCategories().find((c) => c.code === "personenauto-emissieloos")!.label) + 2;
    expect([lists.getCell(row, 3 + 2013 - 2010).value, lists.getCell(row, 3 + 2014 - 2010).value]).toEqual([1, 0]);
    // the validations are written as ranges, not one per cell
    expect((await sheetXml("Investeringen")).match(/<dataValidation /g)!.length).toBeLessThan(15);
  });

  it("has euro, date, percentage and year formats", () => {
    const fmt = (sheet: string, address: string) => wb.getWorksheet(sheet)!.getCell(address).numFmt;
    expect(fmt("Investeringen", "D2")).toBe(T.FORMAT.euro);
    expect(fmt("Investeringen", "D2001")).toBe(T.FORMAT.euro);
    expect(fmt("Investeringen", "E2")).toBe(T.FORMAT.date);
    expect(fmt("Investeringen", "H5")).toBe(T.FORMAT.euro);
    expect(fmt("Vennoten", "C2")).toBe(T.FORMAT.percent);
    expect(fmt("Vennoten", "D2")).toBe(T.FORMAT.euro);
    expect(fmt("Desinvesteringen", "C2")).toBe(T.FORMAT.euro);
    expect(fmt("Overzicht", "B3")).toBe(T.FORMAT.year);
    expect(fmt("Overzicht", "B6")).toBe(T.FORMAT.euro);
    expect(fmt("Overzicht", "B7")).toBe(T.FORMAT.euroWhole);
    expect(fmt("Overzicht", "D7")).toBe(T.FORMAT.checkWhole);
  });

  it("has the names KIA and KIA_EXACT (LAMBDA, file form) and KIA_JAAR (a plain cell), injected after exceljs", async () => {
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const names = Object.fromEntries([...xml.matchAll(/<definedName name="([^"]+)"[^>]*>([\s\S]*?)<\/definedName>/g)].map((m) => [m[1], m[2].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&")]));
    expect(names).toEqual({ KIA: lambdaFileFormula(), KIA_EXACT: lambdaFileFormula(undefined, { exact: true }), KIA_JAAR: "Overzicht!$B$3" });
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    // exceljs reads the range name back (and drops the LAMBDAs: why they are injected last)
    expect(wb.definedNames.getRanges("KIA_JAAR").ranges).toEqual(["Overzicht!$B$3"]);
  });

  it("writes every cell that calls a name or an add-in function as a dynamic-array formula (cm=1, xl/metadata.xml)", async () => {
    const cells = T.formulaCells().filter((c) => c.kind !== "native");
    for (const c of cells) {
      const xml = await sheetXml(c.sheet);
      expect(xml).toMatch(new RegExp(`<c r="${c.address}"[^>]* cm="1"><f t="array" ref="${c.spill ?? c.address}">`));
    }
    expect(await zip.file("xl/metadata.xml")!.async("string")).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('PartName="/xl/metadata.xml"');
    expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain('Target="metadata.xml"');
  }, 60000);

  it("every formula refers only to the add-in's function ids, the KIA names or Excel built-ins, and to existing sheets; no structured references", async () => {
    const formulas: string[] = [];
    for (const key of T.SHEET_ORDER) {
      const xml = await sheetXml(T.SHEET_NAMES[key]);
      for (const m of xml.matchAll(/<f[^>]*>([^<]+)<\/f>/g)) formulas.push(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
    }
    expect(formulas.length).toBeGreaterThan(50);
    const calls = new Set<string>();
    const sheets = new Set<string>();
    for (const f of formulas) {
      const code = f.replace(/"[^"]*"/g, '""');
      expect(code).not.toMatch(/\[/); // no Table[Column]
      for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)) calls.add(m[1]);
      for (const m of code.matchAll(/([A-Za-z][A-Za-z0-9_]*)!/g)) sheets.add(m[1]);
    }
    for (const fn of calls) {
      const addin = /^_xldudf_KIA_([A-Z]+)$/.exec(fn);
      if (addin) expect(FUNCTION_IDS).toContain(`KIA.${addin[1]}`);
      else if (fn !== KIA_NAME && fn !== KIA_EXACT_NAME) expect(BUILTINS).toContain(fn);
    }
    expect([...calls].filter((c) => c.startsWith("_xldudf_")).sort()).toEqual(["_xldudf_KIA_AMOUNT", "_xldudf_KIA_DISINVESTMENT", "_xldudf_KIA_LEDGER", "_xldudf_KIA_PARTNER"]);
    expect(calls).toContain("KIA");
    expect(calls).toContain("KIA_EXACT");
    expect([...sheets].every((s) => Object.values(T.SHEET).includes(s as never))).toBe(true);
    // the names' bodies too
    for (const f of [lambdaFormula(), lambdaFormula(undefined, { exact: true })])
      for (const m of f.slice(1).matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)) if (m[1] !== "LAMBDA") expect(BUILTINS).toContain(m[1]);
  });

  it("has the notes: how to use, what the native formulas do not follow, legal references, every parameter year", () => {
    const ws = wb.getWorksheet("Toelichting")!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(typeof c.value === "object" && c.value && "text" in c.value ? String(c.value.text) : String(c.value))));
    const all = texts.join("\n");
    for (const s of ["Zo gebruikt u het werkblad", "=KIA(totaal; jaar)", "Wat de formules van het werkblad niet volgen", "calamiteit", "Wettelijke grondslag", "Parameterjaren", "art. 3.41 lid 2 Wet IB 2001", "niet vastgesteld"]) expect(all).toContain(s);
    for (const y of T.YEARS) expect(texts).toContain(String(y));
    expect(texts).toContain("2027");
  });

  it("marks the sample data: an amber note beside each table with example rows (and atop Toelichting), the example rows highlighted; nothing the readers read moved", async () => {
    const marks = T.demoMarkings();
    expect(marks.map((m) => m.sheet)).toEqual(["Investeringen", "Vennoten", "Desinvesteringen"]);
    const colOf = (address: string) => A(address).col;
    for (const m of marks) {
      const ws = wb.getWorksheet(m.sheet)!;
      const note = ws.getCell(m.note);
      // the note: a formula with its text as the cached value (shown by viewers that do not calculate), in italics
      expect(note.formula).toBe(m.noteFormula.slice(1));
      expect((note.value as ExcelJS.CellFormulaValue).result).toBe(m.text);
      expect(m.text).toMatch(/^Voorbeeldgegevens — wis deze regels? /);
      expect(note.font).toMatchObject({ italic: true, bold: true });
      // amber while it shows, the example rows light amber and in italics while they are there
      const xml = await sheetXml(m.sheet);
      const rule = (ref: string) => new RegExp(`<conditionalFormatting sqref="${ref}"><cfRule type="expression" dxfId="(\\d+)"[^>]*><formula>([^<]*)</formula>`).exec(xml);
      const noteRule = rule(m.merge ?? m.note)!;
      const rowRule = rule(m.range)!;
      const unescape = (f: string) => f.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      expect(unescape(noteRule[2])).toBe(`LEN(${m.note.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2")})>0`);
      expect(unescape(rowRule[2])).toBe(m.rowCondition);
      const styles = await zip.file("xl/styles.xml")!.async("string");
      const dxfs = [...styles.matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((d) => d[1]);
      expect(dxfs[Number(noteRule[1])]).toContain(`<bgColor rgb="${DEMO_NOTE_ARGB}"/>`);
      expect(dxfs[Number(rowRule[1])]).toContain(`<bgColor rgb="${DEMO_ROW_ARGB}"/>`);
      expect(dxfs[Number(rowRule[1])]).toContain("<i/>");
      // nothing read moved: the table still starts at A1 with its example rows, and the note lies outside the table,
      // outside the helper columns and away from the key cells
      const table = (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[m.sheet].table;
      const examples = { Investeringen: T.LEDGER_EXAMPLES, Vennoten: T.PARTNER_EXAMPLES, Desinvesteringen: T.DISPOSAL_EXAMPLES }[m.sheet]!;
      const columns = { Investeringen: T.LEDGER_COLUMNS, Vennoten: T.PARTNER_COLUMNS, Desinvesteringen: T.DISPOSAL_COLUMNS }[m.sheet]!;
      expect(table.tableRef).toBe(`A1:${String.fromCharCode(64 + columns.length)}${1 + examples.length}`);
      expect(m.range).toBe(`A2:${String.fromCharCode(64 + columns.length)}${{ Investeringen: T.LEDGER_LAST_ROW, Vennoten: T.PARTNER_LAST_ROW, Desinvesteringen: T.DISPOSAL_LAST_ROW }[m.sheet]}`);
      const helperFirst = { Investeringen: T.LEDGER_HELPER_FIRST, Vennoten: T.PARTNER_HELPER_FIRST, Desinvesteringen: T.DISPOSAL_HELPER_FIRST }[m.sheet]!;
      const [first, last] = (m.merge ?? m.note).split(":").map((a) => A(a));
      for (const c of [first, last ?? first]) {
        expect(c.col).toBeGreaterThanOrEqual(columns.length);
        expect(c.col).toBeLessThan(helperFirst);
      }
      const formulaCols = new Set(T.formulaCells().filter((f) => f.sheet === m.sheet).map((f) => colOf(f.address)));
      for (let c = first.col; c <= (last ?? first).col; c++) expect(formulaCols.has(c)).toBe(false);
      if (m.sheet === "Vennoten") expect(first.row).toBeGreaterThan(Math.max(A(T.KEY_CELL.value).row, A(T.REQUEST_CELL.value).row) + 1);
    }
    // Toelichting opens with the notice, in the same amber
    const notes = wb.getWorksheet("Toelichting")!;
    const notice = notes.getCell("A2");
    expect(notice.value).toBe(T.DEMO_NOTICE);
    expect(notice.font).toMatchObject({ italic: true, bold: true });
    expect(notice.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: DEMO_NOTE_ARGB } });
    for (const sheet of ["Investeringen", "Vennoten", "Desinvesteringen", "Overzicht"]) expect(T.DEMO_NOTICE).toContain(sheet);
  });
});

// ---- the formula engine -----------------------------------------------------------------------------------

/** The arguments of a call starting at `open` (the index of "("), split at top-level commas; and the index after ")". */
function callArgs(f: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < f.length; i++) {
    const ch = f[i];
    if (ch === '"') {
      i = f.indexOf('"', i + 1);
      continue;
    }
    if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") {
      depth--;
      if (depth === 0) {
        args.push(f.slice(start, i));
        return { args, end: i + 1 };
      }
    } else if (ch === "," && depth === 1) {
      args.push(f.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unbalanced formula ${f}`);
}

const bodies: Record<string, string> = { [KIA_NAME]: lambdaBody(), [KIA_EXACT_NAME]: lambdaBody(undefined, { exact: true }) };

/**
 * A file formula as the engine evaluates it: add-in calls by id (or, without the add-in, an unknown function:
 * #NAME? as in Excel), KIA()/KIA_EXACT() as the LAMBDA body with its arguments.
 */
function engineFormula(f: string, addin = true): string {
  // (the engine cannot parse a name starting with "_": an unknown name stands in for it)
  let out = f.replace(/_xldudf_KIA_([A-Z]+)\(/g, addin ? "KIA.$1(" : "NOT.LOADED.$1(");
  for (;;) {
    const m = /(^|[^A-Za-z0-9_.])(KIA_EXACT|KIA)\(/.exec(out);
    if (!m) return out;
    const open = m.index + m[1].length + m[2].length;
    const { args, end } = callArgs(out, open);
    const body = substituteParameters(bodies[m[2]], { total: args[0], year: args[1] });
    out = out.slice(0, m.index + m[1].length) + `(${body})` + out.slice(end);
  }
}

/** The workbook's cells in the engine: values as they are, dates as serials, formulas translated. */
function workbookEngine(book: ExcelJS.Workbook, addin = true): HyperFormula {
  const sheets: Record<string, unknown[][]> = {};
  book.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return; // a merged area's other cells are empty in Excel
        let v: unknown = cell.value;
        if (cell.formula) v = "=" + engineFormula(cell.formula, addin);
        else if (v instanceof Date) v = v.getTime() / 86400000 + 25569;
        else if (v && typeof v === "object" && "text" in v) v = (v as { text: string }).text;
        (rows[r - 1] ??= [])[c - 1] = v ?? null;
      });
    });
    for (let r = 0; r < rows.length; r++) rows[r] = Array.from(rows[r] ?? [], (x) => x ?? null);
    sheets[ws.name] = rows;
  });
  return engine(sheets);
}

const A = (address: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col: col - 1, row: Number(m[2]) - 1 };
};

class Sheet {
  constructor(
    readonly hf: HyperFormula,
    readonly name: string,
  ) {}
  get id() {
    return this.hf.getSheetId(this.name)!;
  }
  get(address: string): unknown {
    const v = this.hf.getCellValue({ sheet: this.id, ...A(address) });
    return v instanceof DetailedCellError ? v.value : v;
  }
  set(address: string, value: unknown) {
    this.hf.setCellContents({ sheet: this.id, ...A(address) }, [[value as never]]);
  }
  /** A table's grid as the workbook reader builds it, from the engine's values. */
  grid(headers: readonly string[], last: number): Grid {
    const rows: Cell[][] = [];
    for (let r = 2; r <= last; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < headers.length; c++) {
        const v = this.hf.getCellValue({ sheet: this.id, col: c, row: r - 1 });
        row.push(v instanceof DetailedCellError ? { error: v.value } : v === null || v === undefined ? null : (v as Cell));
      }
      rows.push(row);
    }
    return { source: `tabel ${this.name}`, sheet: this.name, headers: [...headers], rows, firstRow: 2, firstColumn: 0 };
  }
}

describe("the Overzicht in the formula engine", () => {
  let hf: HyperFormula;
  let O: Sheet, I: Sheet, V: Sheet, D: Sheet;
  beforeAll(() => {
    hf = workbookEngine(wb);
    [O, I, V, D] = ["Overzicht", "Investeringen", "Vennoten", "Desinvesteringen"].map((n) => new Sheet(hf, n));
  }, 60000);
  afterAll(() => hf.destroy());

  /** The rows as they are in the engine now, read with the core's readers like kia-calc. */
  function readSheets() {
    return assemble({
      year: O.get("B3") as number,
      ledger: I.grid(T.LEDGER_COLUMNS.map((c) => c.header), 60),
      partners: V.grid(T.PARTNER_COLUMNS.map((c) => c.header), T.PARTNER_LAST_ROW),
      key: V.get(T.KEY_CELL.value) as Cell,
      request: V.get(T.REQUEST_CELL.value) as Cell,
      disposals: D.grid(T.DISPOSAL_COLUMNS.map((c) => c.header), 40),
    });
  }
  /** evaluate() on them. */
  function coreReport(): Report {
    return evaluate(readSheets().scenario);
  }

  /** The Overzicht's native figures equal the report's; with `addin` also the add-in column and the checks. */
  function expectAgreement(report: Report, addin: boolean) {
    const t = T.SUMMARY;
    expect(O.get(`B${t.totalRow}`)).toBe(Number(report.total));
    expect(O.get(`B${t.kiaRow}`)).toBe(Number(report.kia));
    expect(O.get(`B${t.disinvestmentRow}`)).toBe(Number(report.disinvestment?.total ?? 0));
    // the payment criterion (art. 3.44 lid 1): what moves to a later year, and the deductible part (nothing typed in B${t.carriedInRow})
    expect([O.get(`B${t.carriedOutRow}`), O.get(`B${t.totalDeductibleRow}`)]).toEqual([Number(report.carriedForward), Number(report.deductibleThisYear)]);
    const partners = report.partners ?? [];
    for (let i = 0; i < 20; i++) {
      const row = t.firstPartnerRow + i;
      expect([O.get(`A${row}`), O.get(`B${row}`)]).toEqual(i < partners.length ? [partners[i].name, Number(partners[i].kia)] : ["", ""]);
      // art. 3.47 per partner (issue 13): the sheet's native figure is the core's default reading
      expect(O.get(`F${row}`)).toEqual(i < partners.length ? Number(partners[i].disinvestment ?? 0) : "");
    }
    if (addin) {
      for (const row of [t.totalRow, t.kiaRow, t.disinvestmentRow]) expect([row, O.get(`D${row}`)]).toEqual([row, 0]);
      // no add-in function for the payment criterion: n.v.t.; the total is checked while nothing moves to a later year
      expect([O.get(`C${t.carriedOutRow}`), O.get(`D${t.carriedOutRow}`)]).toEqual(["n.v.t.", "n.v.t."]);
      expect(O.get(`D${t.totalDeductibleRow}`)).toBe(report.carriedForward === "0" ? 0 : "n.v.t.");
      for (let i = 0; i < partners.length; i++) expect(O.get(`D${t.firstPartnerRow + i}`)).toEqual(partners[i].method === "share" ? 0 : "n.v.t.");
    }
  }

  it("the example rows: native figures = add-in figures = evaluate() (total € 69.350, KIA € 19.418, partners € 11.651 / € 8.706, disinvestment € 1.579)", () => {
    const report = coreReport();
    expect([report.total, report.kia, report.partners!.map((p) => p.kia), report.disinvestment!.total]).toEqual(["69350", "19418", ["11651", "8706"], "1579"]);
    expectAgreement(report, true);
    expect(O.get(`C${T.SUMMARY.kiaRow}`)).toBe(19418);
    expect(O.get(T.SUMMARY.addin)).toBe("ja");
    expect(O.get(`B${T.SUMMARY.problemsRow}`)).toBe(0);
    expect([T.SUMMARY.yearColumn, T.SUMMARY.minAsset, T.SUMMARY.threshold, T.SUMMARY.fixed, T.SUMMARY.key, T.SUMMARY.confidence].map((a) => O.get(a))).toEqual([2025 - 2010 + 1, 450, 2900, 19769, 1, confidenceText("official")]);
    // the same rows through kia-calc's reader of the file
    return readWorkbook(committed, "KIA-werkblad.xlsx").then((r) => expect(evaluate(r.scenario)).toEqual(report));
  });

  it("groups: small parts together pass € 450; a part grouped with a passenger car is excluded with it; related party without exemption; an unknown category", () => {
    const put = (row: number, values: Partial<Record<string, unknown>>) => {
      for (const [field, v] of Object.entries(values)) I.set(`${T.lc(field as never)}${row}`, v);
    };
    try {
      hf.batch(() => {
        put(9, { id: "G1", description: "Monitor", category: "Computers en randapparatuur", amount: 300, group: "Werkplek" });
        put(10, { id: "G2", description: "Dockingstation", category: "computer", amount: 250, group: "Werkplek" });
        put(11, { id: "A1", description: "Auto", category: "Personenauto", amount: 30000, group: "Auto" });
        put(12, { id: "A2", description: "Navigatie", category: "Inventaris", amount: 900, group: "Auto" });
        put(13, { id: "R1", description: "Pand verbouwing", category: "Verbouwing bedrijfspand", amount: 20000, relatedParty: "ja" });
        put(14, { id: "X1", description: "Ruimteschip", category: "ruimteschip", amount: 1000 });
      });
      const report = coreReport();
      expect(report.total).toBe(String(69350 + 550));
      expectAgreement(report, false);
      expect(O.get(`B${T.SUMMARY.problemsRow}`)).toBe(1);
      expect(I.get(`${T.LH.counts}9`)).toBe(1);
      expect(I.get(`${T.LH.counts}12`)).toBe(0);
      expect(I.get(`${T.LH.counts}13`)).toBe(0);
    } finally {
      hf.batch(() => {
        for (let r = 9; r <= 14; r++) for (const c of T.LEDGER_COLUMNS) I.set(`${T.lc(c.field)}${r}`, null);
      });
    }
    expectAgreement(coreReport(), true);
  });

  it("KIA uit eerdere jaren (art. 3.44): typed on the Overzicht, added to this year's KIA in both columns in 'Totaal aftrekbaar dit jaar'", () => {
    const t = T.SUMMARY;
    expect([O.get(`A${t.carriedInRow}`), O.get(`A${t.totalDeductibleRow}`)]).toEqual(["KIA uit eerdere jaren, dit jaar aftrekbaar (art. 3.44)", "Totaal aftrekbaar dit jaar"]);
    // empty: this year's KIA alone
    expect([O.get(`B${t.carriedInRow}`), O.get(`B${t.totalDeductibleRow}`), O.get(`C${t.totalDeductibleRow}`), O.get(`D${t.totalDeductibleRow}`)]).toEqual([null, 19418, 19418, 0]);
    try {
      // the € 947 of 2023 the client's report of 2024 deducts (test/years.test.ts), beside the example rows' € 19.418
      O.set(`B${t.carriedInRow}`, 947);
      expect([O.get(`B${t.totalDeductibleRow}`), O.get(`C${t.totalDeductibleRow}`), O.get(`D${t.totalDeductibleRow}`)]).toEqual([20365, 20365, 0]);
      // this year's KIA itself unchanged
      expect([O.get(`B${t.kiaRow}`), O.get(`C${t.kiaRow}`)]).toEqual([19418, 19418]);
    } finally {
      O.set(`B${t.carriedInRow}`, null);
    }
  });

  it("the key: capital with the joint request; capital with 'Nee' falls back to the profit shares; equal shares", () => {
    try {
      hf.batch(() => {
        V.set(T.KEY_CELL.value, "kapitaal");
        V.set(T.REQUEST_CELL.value, "Ja");
      });
      expectAgreement(coreReport(), false);
      expect(O.get(T.SUMMARY.key)).toBe(2);
      V.set(T.REQUEST_CELL.value, "Nee");
      expectAgreement(coreReport(), false);
      expect(O.get(T.SUMMARY.key)).toBe(1);
      hf.batch(() => {
        V.set(T.KEY_CELL.value, "Gelijke delen");
        V.set(T.REQUEST_CELL.value, null);
      });
      expectAgreement(coreReport(), false);
      expect(O.get(T.SUMMARY.key)).toBe(4);
    } finally {
      hf.batch(() => {
        V.set(T.KEY_CELL.value, T.KEY_EXAMPLE);
        V.set(T.REQUEST_CELL.value, null);
      });
    }
  });

  it("before 2021 with own investments: HR 24 mei 2019 (fixed amount) and HR 1 mei 2020 (pro rata), and a year without a table", () => {
    // 2020: the band with the fixed amount is 58.238 < x <= 107.848; de Vries has own assets of 5.000 (G3)
    const M1amount = `${T.lc("amount")}2`;
    try {
      hf.batch(() => {
        O.set("B3", 2020);
        D.set("E2", 2017); // the disposal: an investment of 2017 (the example's 2022 lies after 2020)
        V.set("F3", 40000); // de Vries: a separate enterprise; 69.350 + his own 45.000 = 114.350 lies beyond the band
      });
      let report = coreReport();
      expect(report.partners!.map((p) => p.method)).toEqual(["share", "hr-2020-pro-rata"]);
      expectAgreement(report, false);
      hf.batch(() => {
        I.set(M1amount, 1000); // the total becomes 46.350
        V.set("F3", 55000); // 46.350 + his own 60.000 = 106.350 lies in the band
      });
      report = coreReport();
      expect(report.total).toBe("46350");
      expect(report.partners!.map((p) => [p.method, p.kia])).toEqual([["share", report.partners![0].kia], ["hr-2019-fixed", "16307"]]);
      expectAgreement(report, false);
      V.set("F3", 65000); // 46.350 + his own 70.000 = 116.350 goes beyond it
      report = coreReport();
      expect(report.partners!.map((p) => p.method)).toEqual(["share", "hr-2020-pro-rata"]);
      expectAgreement(report, false);
      hf.batch(() => {
        I.set(M1amount, 24000);
        V.set("F3", null);
        V.set("G3", 2000);
      });
      report = coreReport();
      // 69.350 + his own 2.000 = 71.350 lies in the band, but his own amount (his share plus 2.000) does not: no fixed
      // amount (HR 24 mei 2019 asks both in the band), the proportion of HR 1 mei 2020 (issue 13)
      expect(report.partners!.map((p) => p.method)).toEqual(["share", "hr-2020-pro-rata"]);
      expect(Number(report.partners![1].part)).toBeLessThan(58238);
      expectAgreement(report, false);
      hf.batch(() => {
        I.set(M1amount, 1000); // 46.350 + 2.000 = 48.350 lies below the band: 28% in proportion
      });
      report = coreReport();
      expect(report.partners!.map((p) => p.method)).toEqual(["share", "hr-2020-pro-rata"]);
      expectAgreement(report, false);
      O.set("B3", 2027);
      expect([O.get("B7"), O.get(`B${T.SUMMARY.firstPartnerRow}`), O.get("D7")]).toEqual(["#N/A", "#N/A", "fout in het werkblad"]);
      expect(() => coreReport()).toThrow(/Geen KIA-tabel voor 2027/);
    } finally {
      hf.batch(() => {
        I.set(M1amount, 24000);
        V.set("F3", null);
        V.set("G3", 5000);
        D.set("E2", 2022);
        O.set("B3", T.EXAMPLE_YEAR);
      });
    }
  });

  it("disposals: one of this year's investments (linked by its number) next to an earlier year's", () => {
    try {
      hf.batch(() => {
        D.set("A3", "D2");
        D.set("C3", 5000);
        D.set("D3", "M1");
      });
      const report = coreReport();
      expect(report.disinvestment!.total).toBe("2979"); // 1.579,67 + 5.000 x 28% = 2.979,67, rounded down once
      expectAgreement(report, false);
    } finally {
      hf.batch(() => {
        for (const c of ["A3", "C3", "D3"]) D.set(c, null);
      });
    }
  });

  it("disposals: a row that refers to an earlier year's register (column 'Uit register') is the add-in's, counted on the Overzicht, left out of both columns", () => {
    const reg = columnLetter(T.DISPOSAL_COLUMNS.findIndex((c) => c.field === "register"));
    expect(O.get(`B${T.SUMMARY.registerRow}`)).toBe(0);
    try {
      hf.batch(() => {
        D.set("A3", "V1");
        D.set("B3", "Bestelbus");
        D.set("C3", 15000);
        D.set(`${reg}3`, "2023:M3");
      });
      expect(O.get(`B${T.SUMMARY.registerRow}`)).toBe(1);
      // the workbook's figures and the add-in's column are those of the example's disposal alone (the register row is
      // computed by the add-in in step 4, or kia-calc --eerder): € 1.579, and the check says equal
      expect(O.get(`B${T.SUMMARY.disinvestmentRow}`)).toBe(1579);
      expect(O.get(`C${T.SUMMARY.disinvestmentRow}`)).toBe(1579);
      expect(O.get(`D${T.SUMMARY.disinvestmentRow}`)).toBe(0);
    } finally {
      hf.batch(() => {
        for (const c of ["A3", "B3", "C3", `${reg}3`]) D.set(c, null);
      });
    }
  });

  /** Rows 9.. filled for one case, cleared afterwards; the figures agree with the core's reading. */
  function withRows(rows: Partial<Record<string, unknown>>[], check: () => void, disposal?: Record<string, unknown>) {
    try {
      hf.batch(() => {
        rows.forEach((values, i) => {
          for (const [field, v] of Object.entries(values)) I.set(`${T.lc(field as never)}${9 + i}`, v);
        });
        if (disposal) for (const [cell, v] of Object.entries(disposal)) D.set(cell, v);
      });
      check();
    } finally {
      hf.batch(() => {
        for (let r = 9; r < 9 + rows.length; r++) for (const c of T.LEDGER_COLUMNS) I.set(`${T.lc(c.field)}${r}`, null);
        if (disposal) for (const cell of Object.keys(disposal)) D.set(cell, null);
      });
    }
  }
  /** The rows as kia-calc takes them: validateRows leaves refused rows out (a group whose rows disagree). */
  function coreRows(): { report: Report; refused: number } {
    const r = readSheets();
    const rows = validateRows(r.scenario);
    return { report: evaluateNormalized(rows.normalized), refused: rows.errors.length + r.leftOut.length };
  }
  const part = (id: string, group: string, extra: Record<string, unknown> = {}) => ({ id, description: "Onderdeel", category: "computer", amount: 300, group, ...extra });

  it("group names as the core reads them: spaces at the ends, a double space, another case are one group (was: SUMIF missed 'PC set ')", () => {
    withRows([part("G1", "PC set"), part("G2", "PC set "), part("G3", " pc  SET")], () => {
      const report = coreReport();
      expect(report.total).toBe(String(69350 + 900));
      expectAgreement(report, false); // KIA.LEDGER takes no groups
      expect([9, 10, 11].map((r) => I.get(`${T.LH.counts}${r}`))).toEqual([1, 1, 1]);
    });
  });

  it("group names are never patterns: *, ?, ~ and a leading < or > match only themselves (was: 'PC*' took 'PC 2' in)", () => {
    const names = ["PC*", "PC 2", "PC?", "PCX", "a~b", "<PC", ">PC", "PC"];
    withRows(names.map((g, i) => part(`W${i}`, g)), () => {
      const report = coreReport();
      expect(report.total).toBe("69350"); // every part alone is below € 450
      expectAgreement(report, false); // KIA.LEDGER takes no groups
      expect(names.map((_, i) => I.get(`${T.LH.assetAmount}${9 + i}`))).toEqual(names.map(() => 300));
    });
  });

  it("a same-year disposal of a grouped asset caps the price at the group's amount (art. 3.47 lid 2, besluit 2.2), not the row's", () => {
    withRows(
      [
        { id: "S1", description: "Stelling", category: "inventaris", amount: 1000, group: "Stelling" },
        { id: "S2", description: "Planken", category: "inventaris", amount: 960, group: "Stelling" },
      ],
      () => {
        const report = coreReport();
        const item = report.disinvestment!.items.find((x) => x.investment === "S1")!;
        expect(item.base).toBe("1960");
        expectAgreement(report, false); // KIA.LEDGER takes no groups
        expect(D.get(`${T.DH.base}3`)).toBe(1960);
      },
      { A3: "D2", C3: 5000, D3: "S1" },
    );
  });

  it("a group whose rows disagree (in use, VAT) counts in the problem count and not in the total, as kia-calc leaves it out", () => {
    for (const rows of [
      [part("Q1", "Kast", { amount: 600, inUse: "Ja" }), part("Q2", "kast", { amount: 600, inUse: "Nee" })],
      [part("Q1", "Kast", { amount: 600 }), part("Q2", "Kast", { amount: 600, vatDeductible: "Nee" })],
    ])
      withRows(rows, () => {
        const { report, refused } = coreRows();
        expect(refused).toBe(2);
        expect(report.total).toBe("69350");
        expectAgreement(report, false); // KIA.LEDGER takes no groups
        expect(O.get(`B${T.SUMMARY.problemsRow}`)).toBe(refused);
      });
  });

  describe("the payment criterion (art. 3.44 lid 1): an asset not in use at year end is deductible as far as it is paid", () => {
    const unpaid = (id: string, amount: number, paid: number | null, extra: Record<string, unknown> = {}) => ({
      id,
      description: "Nog niet in gebruik",
      category: "machine",
      amount,
      inUse: "Nee",
      ...(paid === null ? {} : { paid }),
      ...extra,
    });
    /** B = the core's deductible part and what moves (expectAgreement), with the add-in's column unless `addin` is false; returns the report */
    const agree = (addin = true): Report => {
      const { report, refused } = coreRows();
      expect(O.get(`B${T.SUMMARY.problemsRow}`)).toBe(refused);
      expectAgreement(report, addin);
      expect(Number(report.kia) - Number(report.carriedForward)).toBe(Number(report.deductibleThisYear));
      return report;
    };

    it("the example rows: the delivery van (29.750, paid 10.000) is paid beyond its attributed KIA (8.330): nothing moves", () => {
      const report = agree();
      expect([report.kia, report.carriedForward, report.deductibleThisYear, report.payment]).toEqual(["19418", "0", "19418", undefined]);
      expect(O.get(`B${T.SUMMARY.totalDeductibleRow}`)).toBe(19418);
      expect(O.get(`D${T.SUMMARY.totalDeductibleRow}`)).toBe(0);
    });

    it("partly paid (28 %): 1.000 paid 100,01 carries 179,99; the deductible 19.518,01 rounds up to 19.519 as the core's rounding policy", () => {
      withRows([unpaid("U1", 1000, 100.01)], () => {
        const report = agree();
        expect([report.total, report.kia, report.carriedForwardExact, report.deductibleThisYear, report.carriedForward]).toEqual(["70350", "19698", "179.99", "19519", "179"]);
        expect(I.get(`${T.LH.carriedOut}9`)).toBeCloseTo(179.99, 9);
        expect([O.get(`B${T.SUMMARY.carriedOutRow}`), O.get(`B${T.SUMMARY.totalDeductibleRow}`)]).toEqual([179, 19519]);
      });
    });

    it("paid nothing (28 %): 1.000 carries its whole 280; the deductible is a whole 19.418 and stays 19.418 (no float noise rounding it up)", () => {
      withRows([unpaid("U1", 1000, 0)], () => {
        const report = agree();
        expect([report.kia, report.carriedForward, report.deductibleThisYear]).toEqual(["19698", "280", "19418"]);
      });
    });

    it("partly paid in the band with the fixed amount: 10.000 paid 1.000 (total 79.350, KIA 19.769)", () => {
      withRows([unpaid("U1", 10000, 1000)], () => {
        const report = agree();
        expect(report.kia).toBe("19769");
        expect(Number(report.carriedForward)).toBeGreaterThan(0);
        expect(O.get(`B${T.SUMMARY.carriedOutRow}`)).toBeGreaterThan(0);
      });
    });

    it("a group of two rows not in use is one asset: 5.000 fully paid and 5.000 paid nothing carry nothing together (row by row 5.000 would carry)", () => {
      withRows([unpaid("G1", 5000, 5000, { group: "Kraan" }), unpaid("G2", 5000, 0, { group: " kraan" })], () => {
        const report = agree();
        expect([report.carriedForward, report.payment]).toEqual(["0", undefined]);
        expect([9, 10].map((r) => I.get(`${T.LH.carriedOut}${r}`))).toEqual([0, 0]);
      });
    });

    it("a group of two rows not in use with payments split between them: tested together, the part on the group's first row", () => {
      withRows([unpaid("G1", 6000, 500, { group: "Kraan" }), unpaid("G2", 4000, 700, { group: "Kraan" }), unpaid("G3", 2000, 0)], () => {
        const report = agree();
        expect(report.payment!.items.map((x) => [x.asset, x.ids, x.paid])).toEqual([
          ["Kraan", ["G1", "G2"], "1200"],
          ["G3", ["G3"], "0"],
        ]);
        expect(Number(report.carriedForward)).toBeGreaterThan(0);
        expect(I.get(`${T.LH.carriedOut}10`)).toBe(0); // the group's second row
        expect(I.get(`${T.LH.carriedOut}9`)).toBeCloseTo(Number(report.payment!.items[0].carriedForward), 6);
      });
    });

    it("paid beyond the attributed KIA carries nothing; empty Betaald is fully paid; in use carries nothing", () => {
      withRows([unpaid("U1", 5000, 3000), unpaid("U2", 5000, null), { ...unpaid("U3", 5000, 0), inUse: "Ja" }], () => {
        const report = agree();
        expect([report.carriedForward, report.deductibleThisYear, report.payment]).toEqual(["0", report.kia, undefined]);
      });
    });

    it("a row that does not count carries nothing: paid above the amount or negative (refused by the core), below € 450, a group with a row paid above its amount", () => {
      withRows(
        [
          unpaid("X1", 1000, 1200),
          unpaid("X2", 1000, -5),
          unpaid("X3", 400, 0),
          unpaid("X4", 3000, 0, { group: "Stuk" }),
          unpaid("X5", 1000, 1500, { group: "Stuk" }), // validateRows leaves the whole group out (INVALID_GROUP)
          unpaid("X6", 2000, 100),
          unpaid("X7", 2000, null, { paid: "=1/0" }), // an error value: the reader leaves the row out
        ],
        () => {
          const report = agree(false); // KIA.LEDGER takes no groups and no payments: it counts X1 and the group
          expect(report.payment!.items.map((x) => x.asset)).toEqual(["X6"]);
          expect(O.get(`B${T.SUMMARY.problemsRow}`)).toBe(5);
        },
      );
    });
  });

  it("the sample-data note shows while an example row is there, the highlight marks exactly the example rows; the figures read are the same (KIA € 19.418)", async () => {
    const sheetOf = (name: string) => ({ Investeringen: I, Vennoten: V, Desinvesteringen: D })[name]!;
    /** the highlight's condition on one sheet row, evaluated in the engine (its references are relative to row 2) */
    const highlighted = (m: T.DemoMarking, row: number) => hf.calculateFormula("=" + m.rowCondition.replace(/\$([A-Z]+)2\b/g, `$$$1${row}`), sheetOf(m.sheet).id);
    const examples: Record<string, number> = { Investeringen: T.LEDGER_EXAMPLES.length, Vennoten: T.PARTNER_EXAMPLES.length, Desinvesteringen: T.DISPOSAL_EXAMPLES.length };
    for (const m of T.demoMarkings()) {
      expect(sheetOf(m.sheet).get(m.note)).toBe(m.text);
      for (let row = 2; row <= 12; row++) expect([m.sheet, row, highlighted(m, row)]).toEqual([m.sheet, row, row <= 1 + examples[m.sheet]]);
    }
    // the figures are those of the example rows, in the workbook, in the add-in column and through kia-calc's reader
    expect([O.get(`B${T.SUMMARY.totalRow}`), O.get(`B${T.SUMMARY.kiaRow}`), O.get(`C${T.SUMMARY.kiaRow}`), O.get(`D${T.SUMMARY.kiaRow}`)]).toEqual([69350, 19418, 19418, 0]);
    const read = await readWorkbook(committed, "KIA-werkblad.xlsx");
    expect(read.problems).toEqual([]);
    expect(read.found).toMatchObject({ ledger: "tabel Investeringen", partners: "tabel Vennoten", disposals: "tabel Desinvesteringen" });
    expect(read.found.year).toMatch(/^KIA_JAAR/);
    expect(read.scenario.investments).toHaveLength(T.LEDGER_EXAMPLES.length);
    expect(evaluate(read.scenario)).toMatchObject({ total: "69350", kia: "19418" });
    expect(evaluate(read.scenario)).toEqual(coreReport());
    // an example row overwritten is no longer marked; the note stays while other example rows remain
    const ledger = T.demoMarkings()[0];
    try {
      I.set(`${T.lc("amount")}2`, 24001);
      expect([highlighted(ledger, 2), highlighted(ledger, 3)]).toEqual([false, true]);
      expect(I.get(ledger.note)).toBe(ledger.text);
    } finally {
      I.set(`${T.lc("amount")}2`, 24000);
    }
  });

  it("Overzicht's own check counts the example rows still in the tables (10), and 0 once they are gone; kia-calc's reader warns the same", async () => {
    const ex = T.SUMMARY.examplesRow;
    expect(O.get(`A${ex}`)).toBe("Voorbeeldregels van het werkblad (tellen mee: wis ze)");
    expect([O.get(`B${ex}`), O.get(`D${ex}`)]).toEqual([T.LEDGER_EXAMPLES.length + T.PARTNER_EXAMPLES.length + T.DISPOSAL_EXAMPLES.length, "wis de voorbeeldregels"]);
    const read = await readWorkbook(committed, "KIA-werkblad.xlsx");
    expect(read.examples).toEqual({ investments: [0, 1, 2, 3, 4, 5, 6], partners: [0, 1], disposals: [0] });
    expect(read.provisional).toBe(true);
    expect(read.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^10 voorbeeldregels van het KIA-werkblad \(7 op Investeringen, 2 op Vennoten, 1 op Desinvesteringen\) staan nog in de staat en tellen mee/));
    // one example row overwritten with a client's amount: no longer an example
    try {
      I.set(`${T.lc("amount")}2`, 24001);
      expect(O.get(`B${ex}`)).toBe(9);
    } finally {
      I.set(`${T.lc("amount")}2`, 24000);
    }
  });

  it("a cleared workbook: every figure 0, no partner rows", () => {
    hf.batch(() => {
      for (let r = 2; r <= 1 + T.LEDGER_EXAMPLES.length; r++) for (const c of T.LEDGER_COLUMNS) I.set(`${T.lc(c.field)}${r}`, null);
      for (let r = 2; r <= 3; r++) for (let c = 0; c < T.PARTNER_COLUMNS.length; c++) V.set(`${String.fromCharCode(65 + c)}${r}`, null);
      for (let c = 0; c < T.DISPOSAL_COLUMNS.length; c++) D.set(`${String.fromCharCode(65 + c)}2`, null);
    });
    const report = coreReport();
    expect([report.total, report.kia, report.partners]).toEqual(["0", "0", undefined]);
    expectAgreement(report, true);
    // no example row left: the sample-data notes are empty (and without their amber: LEN(note) = 0)
    for (const m of T.demoMarkings()) expect(({ Investeringen: I, Vennoten: V, Desinvesteringen: D })[m.sheet]!.get(m.note)).toBe("");
    // and the Overzicht's example check is 0, the start sheet's warning empty
    expect([O.get(`B${T.SUMMARY.examplesRow}`), O.get(`D${T.SUMMARY.examplesRow}`)]).toEqual([0, "geen"]);
    expect(new Sheet(hf, "Start").get("A2")).toBe("");
  });
});

describe("the Overzicht without the add-in (Excel with LAMBDA, the add-in not installed)", () => {
  it("computes the same native figures; the add-in column says so instead of showing a difference", () => {
    const hf = workbookEngine(wb, false);
    try {
      const O = new Sheet(hf, "Overzicht");
      expect([O.get("B4"), O.get("B6"), O.get("B7"), O.get("B8"), O.get(`B${T.SUMMARY.firstPartnerRow}`), O.get(`B${T.SUMMARY.firstPartnerRow + 1}`)]).toEqual(["nee", 69350, 19418, 1579, 11651, 8706]);
      const t = T.SUMMARY;
      for (const row of [t.totalRow, t.kiaRow, t.disinvestmentRow, t.totalDeductibleRow, t.firstPartnerRow, t.firstPartnerRow + 1]) expect(O.get(`D${row}`)).toBe("add-in niet geladen");
      expect(O.get("C7")).toBe("#NAME?");
    } finally {
      hf.destroy();
    }
  }, 60000);
});

describe("the Ja/Nee and key spellings of the native formulas are the core's", () => {
  it("every YES_WORDS spelling reads as yes, every NO_WORDS as no, in the ledger reader", () => {
    const rows = [...T.YES_WORDS, ...T.NO_WORDS].map((w, i) => [`r${i}`, "machine", 1000, w] as Cell[]);
    const read = readLedger(rows, { id: 0, category: 1, amount: 2, relatedParty: 3 });
    expect(read.problems).toEqual([]);
    expect(read.investments.map((x) => (x as { relatedParty?: boolean }).relatedParty)).toEqual([...T.YES_WORDS.map(() => true), ...T.NO_WORDS.map(() => false)]);
  });
  it("every key spelling is the core's key", () => {
    for (const [spelling, n] of T.KEY_SPELLINGS) {
      const r = evaluate({ year: 2025, investments: [], partnership: { key: spelling, jointRequest: true, partners: [{ name: "a", profit: 1, capital: 1, reserves: 1 }, { name: "b", profit: 1, capital: 1, reserves: 1 }] } });
      expect([spelling, r.partnership!.keyApplied]).toEqual([spelling, T.KEY_CODES[n - 1]]);
    }
  });
});

describe("afterInsert(): what the taskpane does after inserting the sheets", () => {
  it("recreates the names (en-US formulas for names.add) and writes every add-in and name cell through Office.js", () => {
    const a = T.afterInsert();
    expect(a.names.map((n) => n.name)).toEqual(["KIA", "KIA_EXACT", "KIA_JAAR"]);
    expect(a.names[0].formula).toBe(lambdaFormula());
    expect(a.names[2].formula).toBe("=Overzicht!$B$3");
    const at = (sheet: string, address: string) => a.formulas.find((f) => f.sheet === sheet && f.address === address)?.formula;
    expect(at("Overzicht", "B7")).toBe("=KIA(B6,$B$3)");
    expect(at("Overzicht", "C7")).toBe("=KIA.AMOUNT(C6,$B$3)");
    expect(at("Investeringen", T.LH.addin + "2")).toBe("=KIA.LEDGER(C2:C2001,D2:D2001,Overzicht!$B$3)");
    expect(a.formulas.filter((f) => f.sheet === "Vennoten")).toHaveLength(3 * (T.PARTNER_LAST_ROW - 1));
    expect(a.formulas.filter((f) => f.sheet === "Desinvesteringen")).toHaveLength(2 * (T.DISPOSAL_LAST_ROW - 1));
    for (const f of a.formulas) {
      expect(f.formula.startsWith("=")).toBe(true);
      expect(f.formula).not.toContain("_xldudf_");
      expect(f.formula).toMatch(/\bKIA(_EXACT)?\(|KIA\.[A-Z]+\(/);
    }
  });

  it("follows sheets that Excel renamed on insertion", () => {
    const a = T.afterInsert({ Overzicht: "Overzicht (2)", Investeringen: "Investeringen 2025" });
    expect(a.names[2].formula).toBe("='Overzicht (2)'!$B$3");
    const ledger = a.formulas.find((f) => f.sheet === "Investeringen 2025")!;
    expect(ledger.formula).toBe("=KIA.LEDGER(C2:C2001,D2:D2001,'Overzicht (2)'!$B$3)");
    expect(a.formulas.filter((f) => f.sheet === "Overzicht (2)").map((f) => f.address)).toEqual(["B4", "B7", "C7", T.SUMMARY.kiaExact]);
    expect(a.formulas.some((f) => /(^|[^'])Overzicht!/.test(f.formula))).toBe(false);
  });
});
