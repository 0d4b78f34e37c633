/**
 * npm run template: generates templates/KIA-werkblad.xlsx from templates/layout.ts (and so from the core's law
 * data). exceljs writes the workbook; a small post-processing of the XML with JSZip, as the last step, adds what
 * exceljs cannot write: the LAMBDA names KIA and KIA_EXACT (exceljs only writes range names and drops formula
 * names when it reads a file back, exceljs#2604) and the dynamic-array flag (cm="1" with xl/metadata.xml) on the
 * cells that call a name or an add-in function, so Excel computes them as it would a formula typed today instead
 * of adding an implicit-intersection "@". The output is byte-for-byte deterministic (fixed dates, fixed order):
 * test/template.test.ts fails when the committed file is stale.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeFileSync } from "fs";
import { join } from "path";
import { columnLetter } from "../src/workbook/ledger";
import * as T from "./layout";

export const TEMPLATE_FILE = join(__dirname, "KIA-werkblad.xlsx");

/** Every date in the file (document properties, zip entries): fixed, so the bytes only change with the content. */
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
const HELPER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
const ADDIN_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const TABLE_STYLE = { theme: "TableStyleMedium2" as const, showRowStripes: true };
/** Sample data: amber (the note) and light amber (the example rows), apart from the light-yellow input cells. */
export const DEMO_NOTE_ARGB = "FFFFC000";
export const DEMO_ROW_ARGB = "FFFFE699";
/** The note's text colour (dark brown on amber) and the width of its column when it stands alone. */
const DEMO_TEXT_ARGB = "FF5F3B00";
const DEMO_NOTE_WIDTH = 60;

const FORMAT_OF: Record<T.ColumnKind, string | undefined> = {
  text: "@",
  category: "@",
  euro: T.FORMAT.euro,
  yesno: "@",
  date: T.FORMAT.date,
  percent: T.FORMAT.percent,
  year: T.FORMAT.year,
};

/** exceljs writes range validations (worksheet.dataValidations, not in its type declarations) as one sqref each. */
function validate(ws: ExcelJS.Worksheet, range: string, v: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, v);
}

function yesNoValidation(): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: ['"Ja,Nee"'],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Ja of Nee",
    error: "Kies Ja of Nee (leeg: de standaard).",
  };
}

/** A table with its header row at A1, column formats and widths, validations down to lastRow. */
function addTable(ws: ExcelJS.Worksheet, name: string, columns: readonly T.Column[], rows: T.Cellish[][], lastRow: number, listRange: string) {
  ws.addTable({
    name,
    ref: "A1",
    headerRow: true,
    style: TABLE_STYLE,
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: rows as ExcelJS.CellValue[][],
  });
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const fmt = FORMAT_OF[c.kind];
    if (fmt) col.numFmt = fmt;
    const range = `${columnLetter(i)}2:${columnLetter(i)}${lastRow}`;
    if (c.kind === "yesno") validate(ws, range, yesNoValidation());
    if (c.kind === "category")
      validate(ws, range, {
        type: "list",
        allowBlank: true,
        formulae: [`${T.SHEET.lists}!${listRange}`],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "Categorie",
        error: "Kies een categorie uit de lijst (een code of Engelse naam leest de add-in ook).",
      });
  });
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1, xSplit: 0 }];
}

/** What a protected sheet still allows: selecting any cell and changing column widths and row heights. */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

/** A helper column beside a table: grouped and folded away (the + above the columns shows it), still computing. */
function foldColumn(ws: ExcelJS.Worksheet, col: number): void {
  const c = ws.getColumn(col);
  c.outlineLevel = 1;
  c.hidden = true;
}

/** The start sheet: the title, the example warning at the top, the steps in order with a link to each sheet. */
function buildStart(ws: ExcelJS.Worksheet) {
  const st = T.startSheet();
  ws.getColumn(1).width = 110;
  const title = ws.getCell("A1");
  title.value = st.title;
  title.font = { bold: true, size: 16 };
  const warn = ws.getCell(st.warning.cell);
  warn.value = { formula: st.warning.formula.slice(1), result: st.warning.text } as ExcelJS.CellFormulaValue;
  warn.font = { bold: true, color: { argb: DEMO_TEXT_ARGB } };
  warn.alignment = { wrapText: true, vertical: "top" };
  ws.getRow(2).height = 32;
  ws.addConditionalFormatting({
    ref: st.warning.cell,
    rules: [{ type: "expression", priority: 1, formulae: [`LEN($A$2)>0`], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: DEMO_NOTE_ARGB } } } }],
  });
  const head = ws.getCell("A4");
  head.value = st.heading;
  head.font = { bold: true, size: 12 };
  st.steps.forEach((step, i) => {
    const c = ws.getCell(5 + i, 1);
    c.value = step.sheet ? { text: step.text, hyperlink: `#'${step.sheet}'!A1` } : step.text;
    c.alignment = { wrapText: true, vertical: "top" };
    if (step.sheet) c.font = { color: { argb: "FF0563C1" }, underline: true };
  });
  const more = ws.getCell(6 + st.steps.length, 1);
  more.value = st.more;
  more.alignment = { wrapText: true, vertical: "top" };
  more.font = { italic: true };
  ws.getRow(6 + st.steps.length).height = 32;
}

/** Writes the formulas of one sheet: a filled native formula as one shared formula, a name or add-in call as a dynamic array. */
function writeFormulas(ws: ExcelJS.Worksheet, cells: T.FormulaCell[]) {
  for (const c of cells) {
    const cell = ws.getCell(c.address);
    const col = Number(cell.col);
    const row = Number(cell.row);
    if (c.header) {
      const head = ws.getCell(1, col);
      head.value = c.header;
      head.font = { italic: true, bold: true };
      head.fill = c.kind === "addin" ? ADDIN_FILL : HELPER_FILL;
      head.alignment = { wrapText: true, vertical: "top" };
      ws.getColumn(col).width = 16;
      foldColumn(ws, col);
    }
    const formula = T.toFileFormula(c.formula.slice(1));
    if (c.kind === "native") {
      cell.value = { formula } as ExcelJS.CellFormulaValue;
      if (c.fillTo)
        for (let r = row + 1; r <= c.fillTo; r++) ws.getCell(r, col).value = { sharedFormula: c.address } as ExcelJS.CellSharedFormulaValue;
    } else {
      cell.value = { formula, shareType: "array", ref: c.spill ?? c.address } as unknown as ExcelJS.CellFormulaValue;
    }
    if (c.format) {
      const last = c.fillTo ?? row;
      for (let r = row; r <= last; r++) ws.getCell(r, col).numFmt = c.format;
    }
  }
}

/**
 * The sample-data note (T.demoMarkings): a formula that shows the text while an example row is in the table, written
 * with its text as the cached result (a viewer that does not calculate shows it too); amber while it shows; and the
 * example rows highlighted while they are there. Conditional formats only: no cell the readers read changes.
 */
function markDemo(ws: ExcelJS.Worksheet, m: T.DemoMarking) {
  const note = ws.getCell(m.note);
  note.value = { formula: m.noteFormula.slice(1), result: m.text } as ExcelJS.CellFormulaValue;
  note.font = { bold: true, italic: true, color: { argb: DEMO_TEXT_ARGB } };
  note.alignment = { wrapText: true, vertical: "top" };
  if (m.merge) ws.mergeCells(m.merge);
  else ws.getColumn(Number(note.col)).width = DEMO_NOTE_WIDTH;
  const at = m.note.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  ws.addConditionalFormatting({
    ref: m.merge ?? m.note,
    rules: [{ type: "expression", priority: 1, formulae: [`LEN(${at})>0`], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: DEMO_NOTE_ARGB } } } }],
  });
  ws.addConditionalFormatting({
    ref: m.range,
    rules: [{ type: "expression", priority: 2, formulae: [m.rowCondition], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: DEMO_ROW_ARGB } }, font: { italic: true } } }],
  });
}

const demoOn = (sheet: string) => T.demoMarkings().find((m) => m.sheet === sheet)!;

function buildLedger(ws: ExcelJS.Worksheet, listsPlace: ReturnType<typeof T.listsPlace>, cells: T.FormulaCell[]) {
  addTable(ws, T.TABLE.ledger, T.LEDGER_COLUMNS, T.ledgerExampleRows(), T.LEDGER_LAST_ROW, listsPlace.categoryRange);
  writeFormulas(ws, cells);
  const addin = cells.find((c) => c.kind === "addin")!;
  const first = Number(ws.getCell(addin.address).col);
  T.LEDGER_ADDIN_HEADERS.forEach((h, i) => {
    const head = ws.getCell(1, first + i);
    head.value = h;
    head.font = { italic: true, bold: true };
    head.fill = ADDIN_FILL;
    head.alignment = { wrapText: true, vertical: "top" };
    ws.getColumn(first + i).width = 16;
    foldColumn(ws, first + i);
  });
  // the gap between the helper columns and the add-in's folds with them: one group from the first helper to the last
  for (let col = T.LEDGER_HELPER_FIRST + 1; col < first; col++) foldColumn(ws, col);
  ws.getColumn(first + 1).numFmt = T.FORMAT.euro;
  ws.getColumn(first + 2).numFmt = T.FORMAT.euro;
  ws.getRow(1).height = 45;
  markDemo(ws, demoOn(T.SHEET.ledger));
}

function buildPartners(ws: ExcelJS.Worksheet, cells: T.FormulaCell[]) {
  addTable(ws, T.TABLE.partners, T.PARTNER_COLUMNS, T.partnerExampleRows(), T.PARTNER_LAST_ROW, "");
  const label = (address: string, text: string) => {
    const c = ws.getCell(address);
    c.value = text;
    c.font = { bold: true };
  };
  label(T.KEY_CELL.label, T.KEY_LABEL);
  label(T.REQUEST_CELL.label, T.REQUEST_LABEL);
  const key = ws.getCell(T.KEY_CELL.value);
  key.value = T.KEY_EXAMPLE;
  key.fill = INPUT_FILL;
  ws.getCell(T.REQUEST_CELL.value).fill = INPUT_FILL;
  validate(ws, T.KEY_CELL.value, {
    type: "list",
    allowBlank: true,
    formulae: [`"${T.KEY_CHOICES.join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: T.KEY_LABEL,
    error: `Kies ${T.KEY_CHOICES.join(", ")} (leeg: winst, de wettelijke hoofdregel).`,
  });
  validate(ws, T.REQUEST_CELL.value, yesNoValidation());
  ws.getColumn(9).width = 20;
  ws.getColumn(10).width = 16;
  writeFormulas(ws, cells);
  ws.getRow(1).height = 45;
  markDemo(ws, demoOn(T.SHEET.partners));
}

function buildDisposals(ws: ExcelJS.Worksheet, cells: T.FormulaCell[]) {
  addTable(ws, T.TABLE.disposals, T.DISPOSAL_COLUMNS, T.disposalExampleRows(), T.DISPOSAL_LAST_ROW, "");
  writeFormulas(ws, cells);
  ws.getRow(1).height = 45;
  markDemo(ws, demoOn(T.SHEET.disposals));
}

function buildSummary(ws: ExcelJS.Worksheet, cells: T.FormulaCell[]) {
  for (const [address, text] of Object.entries(T.SUMMARY_LABELS)) ws.getCell(address).value = text;
  ws.getCell(T.SUMMARY.title).font = { bold: true, size: 14 };
  ws.getCell(T.SUMMARY.intro).font = { italic: true };
  ws.getCell(T.SUMMARY.yearLabel).font = { bold: true };
  ws.getCell(T.SUMMARY.addinLabel).font = { italic: true };
  for (const row of [T.SUMMARY.head, T.SUMMARY.partnersHead, T.SUMMARY.paramsHead]) ws.getRow(row).font = { bold: true };
  for (const row of [T.SUMMARY.kiaRow, T.SUMMARY.totalDeductibleRow]) ws.getRow(row).font = { bold: true };
  // the KIA of earlier years deductible this year: typed by the user (the sheet cannot read last year's report)
  const carriedIn = ws.getCell(`B${T.SUMMARY.carriedInRow}`);
  carriedIn.protection = { locked: false };
  carriedIn.fill = INPUT_FILL;
  carriedIn.numFmt = T.FORMAT.euroWhole;
  validate(ws, `B${T.SUMMARY.carriedInRow}`, {
    type: "decimal",
    operator: "greaterThanOrEqual",
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "KIA uit eerdere jaren",
    error: "Een bedrag van 0 of meer: de KIA uit eerdere jaren die dit jaar aftrekbaar is (art. 3.44).",
  });
  for (const row of [T.SUMMARY.carriedInRow, T.SUMMARY.carriedOutRow, T.SUMMARY.totalDeductibleRow]) ws.getCell(`E${row}`).font = { italic: true };
  const year = ws.getCell(T.SUMMARY.year);
  year.value = T.EXAMPLE_YEAR;
  year.protection = { locked: false };
  year.fill = INPUT_FILL;
  year.numFmt = T.FORMAT.year;
  year.font = { bold: true };
  validate(ws, T.SUMMARY.year, {
    type: "whole",
    operator: "between",
    allowBlank: false,
    formulae: [T.YEARS[0], T.YEARS[T.YEARS.length - 1]],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Jaar",
    error: `Vastgestelde tabellen: ${T.YEARS[0]}-${T.YEARS[T.YEARS.length - 1]}. Voor een ander jaar geven de formules #N/B.`,
  });
  writeFormulas(ws, cells);
  for (const [col, width] of [[1, 52], [2, 16], [3, 16], [4, 18], [5, 40]] as const) ws.getColumn(col).width = width;
  // the example rows' check: amber while one is in a table
  const ex = T.SUMMARY.examplesRow;
  ws.addConditionalFormatting({
    ref: `A${ex}:D${ex}`,
    rules: [{ type: "expression", priority: 1, formulae: [`$B$${ex}>0`], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: DEMO_NOTE_ARGB } }, font: { bold: true } } }],
  });
}

function buildNotes(ws: ExcelJS.Worksheet) {
  const widths = [8, 14, 40, 90, 14, 14, 50];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  let r = 1;
  for (const row of T.notes()) {
    if ("text" in row) {
      const c = ws.getCell(r, 1);
      c.value = row.text;
      ws.mergeCells(r, 1, r, widths.length);
      c.alignment = { wrapText: true, vertical: "top" };
      if (row.style === "title") c.font = { bold: true, size: 14 };
      else if (row.style === "heading") c.font = { bold: true, size: 12 };
      else if (row.style === "demo") {
        c.font = { bold: true, italic: true, color: { argb: DEMO_TEXT_ARGB } };
        c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: DEMO_NOTE_ARGB } };
        ws.getRow(r).height = 15 * Math.ceil((row.text.length * 1.2) / totalWidth) + 4;
      } else if (row.text.length > totalWidth) ws.getRow(r).height = 15 * Math.ceil((row.text.length * 1.1) / totalWidth);
    } else {
      const put = (col: number, v: (typeof row.cells)[number]) => {
        const c = ws.getCell(r, col);
        c.value = typeof v === "object" ? { text: v.text, hyperlink: v.hyperlink } : v;
        c.alignment = { wrapText: true, vertical: "top" };
        if (typeof v === "object") c.font = { color: { argb: "FF0563C1" }, underline: true };
        if (typeof v === "number" && col > 1) c.numFmt = T.FORMAT.euroWhole;
      };
      if (row.cells.length === 2) {
        put(1, row.cells[0]);
        ws.mergeCells(r, 1, r, 3);
        put(4, row.cells[1]);
      } else row.cells.forEach((v, i) => put(i + 1, v));
      if (row.style === "table-head") ws.getRow(r).font = { bold: true };
    }
    r++;
  }
}

function buildLists(ws: ExcelJS.Worksheet) {
  const l = T.lists();
  const p = T.listsPlace(l);
  const head = (col: number, text: string | number) => {
    const c = ws.getCell(1, col + 1);
    c.value = text;
    c.font = { bold: true };
  };
  T.LIST_HEADERS.categories.forEach((h, i) => head(i, h));
  T.YEARS.forEach((y, i) => head(2 + i, y));
  l.categories.forEach((c, i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = c.label;
    row.getCell(2).value = c.code;
    c.eligible.forEach((e, k) => {
      const cell = row.getCell(3 + k);
      cell.value = e;
      cell.numFmt = T.FORMAT.yesNo;
    });
  });
  T.LIST_HEADERS.spellings.forEach((h, i) => head(p.spellCol + i, h));
  l.spellings.forEach(([s, n], i) => {
    ws.getCell(2 + i, p.spellCol + 1).value = s;
    ws.getCell(2 + i, p.spellCol + 2).value = n;
  });
  T.LIST_HEADERS.years.forEach((h, i) => head(p.yearsCol + i, h));
  l.years.forEach((y, i) => {
    [y.year, y.minAsset, y.threshold, y.fixedOver, y.fixedUpTo, y.fixed, y.confidence].forEach((v, k) => {
      const c = ws.getCell(2 + i, p.yearsCol + 1 + k);
      c.value = v;
      if (k > 0 && k < 6) c.numFmt = T.FORMAT.euroWhole;
    });
  });
  T.LIST_HEADERS.keys.forEach((h, i) => head(p.keysCol + i, h));
  T.KEY_SPELLINGS.forEach(([s, n], i) => {
    ws.getCell(2 + i, p.keysCol + 1).value = s;
    ws.getCell(2 + i, p.keysCol + 2).value = n;
  });
  ws.getColumn(1).width = 44;
  ws.getColumn(2).width = 28;
  for (const col of [p.spellCol + 1, p.yearsCol + 2, p.yearsCol + 3, p.yearsCol + 4, p.yearsCol + 5, p.keysCol + 1]) ws.getColumn(col).width = 22;
  const note = ws.getCell(l.categories.length + 4, 1);
  note.value = "Dit blad is gegenereerd uit de wetsgegevens van de KIA-add-in (npm run template): niet wijzigen.";
  note.font = { italic: true };
}

/** The workbook as exceljs writes it (no LAMBDA names, no dynamic-array flags yet). */
async function writeWithExceljs(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KIA-add-in";
  wb.lastModifiedBy = "KIA-add-in";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = Object.fromEntries(T.SHEET_ORDER.map((k) => [k, wb.addWorksheet(T.SHEET_NAMES[k], k === "lists" ? { state: "hidden" } : {})])) as Record<
    T.SheetKey,
    ExcelJS.Worksheet
  >;
  const cells = T.formulaCells();
  const on = (sheet: string) => cells.filter((c) => c.sheet === sheet);
  const place = T.listsPlace();
  buildStart(ws.start);
  buildLedger(ws.ledger, place, on(T.SHEET.ledger));
  buildPartners(ws.partners, on(T.SHEET.partners));
  buildDisposals(ws.disposals, on(T.SHEET.disposals));
  buildSummary(ws.summary, on(T.SHEET.summary));
  buildNotes(ws.notes);
  buildLists(ws.lists);
  // Overzicht and Lijsten hold only formulas and generated data: protected without a password (a firm adapts them
  // with Controleren > Beveiliging blad opheffen); the year stays open. The sheets with a table are not protected: an
  // Excel table cannot grow on a protected sheet.
  await ws.summary.protect("", PROTECTION);
  await ws.lists.protect("", PROTECTION);
  const yearName = T.templateNames().find((n) => n.name === T.YEAR_NAME)!;
  wb.definedNames.add(yearName.formula.slice(1), T.YEAR_NAME);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/**
 * The post-processing, on the XML: the LAMBDA names into workbook.xml (all defined names, sorted as Excel keeps
 * them), cm="1" on every array-formula cell with xl/metadata.xml and its content type and relationship, then the
 * package re-zipped with fixed dates and a fixed order.
 */
export async function postProcess(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const files = new Map<string, string | Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    files.set(name, name.endsWith(".xml") || name.endsWith(".rels") ? await entry.async("string") : await entry.async("uint8array"));
  }
  const text = (name: string) => {
    const t = files.get(name);
    if (typeof t !== "string") throw new Error(`template: ${name} missing in the exceljs output`);
    return t;
  };

  // 1. Names. exceljs wrote the range names; the LAMBDAs are added and the block is written sorted.
  let workbook = text("xl/workbook.xml");
  const names: { name: string; xml: string }[] = [];
  workbook = workbook.replace(/<definedNames>([\s\S]*?)<\/definedNames>/, (_m, inner: string) => {
    for (const m of inner.matchAll(/<definedName name="([^"]+)"[^>]*>[\s\S]*?<\/definedName>/g)) names.push({ name: m[1], xml: m[0] });
    return "<definedNames/>";
  });
  for (const n of T.templateNames()) {
    const idx = names.findIndex((x) => x.name === n.name);
    const xml = `<definedName name="${n.name}" comment="${xmlEscape(n.comment)}">${xmlEscape(T.fileFormulaOfName(n.name))}</definedName>`;
    if (idx >= 0) names[idx] = { name: n.name, xml };
    else names.push({ name: n.name, xml });
  }
  names.sort((a, b) => (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : a.name.toUpperCase() > b.name.toUpperCase() ? 1 : 0));
  const block = `<definedNames>${names.map((n) => n.xml).join("")}</definedNames>`;
  workbook = workbook.includes("<definedNames/>") ? workbook.replace("<definedNames/>", block) : workbook.replace("</sheets>", `</sheets>${block}`);
  files.set("xl/workbook.xml", workbook);

  // 2. Dynamic arrays: cm="1" on the cells whose formula exceljs wrote as an array formula.
  let dynamic = 0;
  for (const name of [...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = text(name).replace(/<c r="([A-Z]+\d+)"((?:(?!cm=)[^>])*)><f t="array"/g, (_m, r: string, attrs: string) => {
      dynamic++;
      return `<c r="${r}"${attrs} cm="1"><f t="array"`;
    });
    files.set(name, xml);
  }
  if (dynamic > 0) {
    files.set("xl/metadata.xml", METADATA_XML);
    files.set(
      "[Content_Types].xml",
      text("[Content_Types].xml").replace(
        "</Types>",
        '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>',
      ),
    );
    const rels = text("xl/_rels/workbook.xml.rels");
    const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
    const id = `rId${Math.max(0, ...ids) + 1}`;
    files.set(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>`,
      ),
    );
  }

  // 3. The package: [Content_Types].xml first (as Office writes it), then by name; fixed dates.
  const out = new JSZip();
  const order = [...files.keys()].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of order) out.file(name, files.get(name)!, { date: FIXED_DATE, createFolders: false });
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 }, platform: "DOS" });
}

/** The template's bytes. */
export async function buildTemplate(): Promise<Buffer> {
  return postProcess(await writeWithExceljs());
}

if (require.main === module) {
  buildTemplate().then(
    (bytes) => {
      writeFileSync(TEMPLATE_FILE, bytes);
      process.stdout.write(`${TEMPLATE_FILE} geschreven (${bytes.length} bytes)\n`);
    },
    (e) => {
      process.stderr.write(`npm run template: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
