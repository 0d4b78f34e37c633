/**
 * The report sheet (./build.ts) as .xlsx bytes, for the standalone page's download and `kia-calc --rapport`: the
 * same cells, formats, merged cells, row heights, print setup and a native scatter chart of the KIA curve. exceljs
 * writes the workbook; its page setup is completed in the XML (pageSetUpPr fitToPage, which exceljs leaves out)
 * and the chart added to the package with JSZip (exceljs writes no charts). Both modules are given by the caller
 * (the pane loads them lazily, the command line with require), so this file imports neither.
 */
import type * as ExcelJSTypes from "exceljs";
import { columnName, looksLikeFormula, type ReportSheet } from "./types";

export interface XlsxModules {
  ExcelJS: typeof ExcelJSTypes;

  JSZip: any;
}

/** A number format that shows a date (y, d, or m outside brackets and quotes, no h/s: not a time). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) && !/[hs0#]/i.test(bare);
}

/** The report sheet as .xlsx bytes (exceljs), with a native scatter chart of the KIA curve. */
export async function reportXlsx(sheet: ReportSheet, modules: XlsxModules): Promise<Uint8Array> {
  const { ExcelJS } = modules;
  const wb = new ExcelJS.Workbook();
  wb.creator = "KIA-invoegtoepassing";
  const ws = wb.addWorksheet(sheet.name);
  sheet.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const dateCells = new Set(
    sheet.formats.filter((f) => f.column !== undefined && f.format.numberFormat && isDateFormat(f.format.numberFormat)).map((f) => `${f.row}:${f.column}`),
  );
  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v === null || v === "" || (typeof v === "number" && !Number.isFinite(v))) return;
      const cell = row.getCell(c + 1);
      // a string is always a string cell (t="s"); never a formula. Text format too, so editing it in Excel keeps it text.
      // A date (a serial day number with a date format) is written as a Date, exceljs's date cell.
      cell.value = typeof v === "number" && dateCells.has(`${r}:${c}`) ? new Date(Math.round((v - 25_569) * 86_400_000)) : v;
      if (typeof v === "string" && looksLikeFormula(v)) cell.numFmt = "@";
    });
  });
  for (const l of sheet.links ?? []) {
    const cell = ws.getRow(l.row + 1).getCell(l.column + 1);
    const text = typeof cell.value === "string" ? cell.value : l.url;
    cell.value = { text, hyperlink: l.url };
    cell.font = { name: "Calibri", family: 2, size: 11, color: { argb: "FF0563C1" }, underline: true };
  }
  for (const f of sheet.formats) {
    const row = ws.getRow(f.row + 1);
    const cols = f.column === undefined ? Array.from({ length: Math.max(1, sheet.rows[f.row]?.length ?? 1) }, (_, i) => i) : [f.column];
    for (const c of cols) {
      const cell = row.getCell(c + 1);
      if (f.format.numberFormat && !(typeof cell.value === "string" && looksLikeFormula(cell.value))) cell.numFmt = f.format.numberFormat;
      if (f.format.bold || f.format.heading) cell.font = { name: "Calibri", family: 2, size: f.format.heading ? 13 : 11, ...(cell.font ?? {}), bold: true };
      if (f.format.italic) cell.font = { name: "Calibri", family: 2, size: 11, ...(cell.font ?? {}), italic: true };
      if (f.format.shade) {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
        cell.border = { bottom: { style: "thin", color: { argb: "FFA6A6A6" } } };
      }
      if (f.format.left) cell.alignment = { ...(cell.alignment ?? {}), horizontal: "left" };
      if (f.format.wrap || f.format.top) cell.alignment = { ...(cell.alignment ?? {}), ...(f.format.wrap ? { wrapText: true } : {}), vertical: "top" };
    }
  }
  // Excel tables of text (the register): their cells text, formatted as text so Excel keeps them text
  const text: Partial<ExcelJSTypes.Style> = { numFmt: "@" };
  for (const t of sheet.tables ?? []) {
    ws.addTable({
      name: t.name,
      ref: `${columnName(t.column)}${t.row + 1}`,
      headerRow: true,
      style: { theme: "TableStyleLight1", showRowStripes: true },
      columns: t.rows[0].map((name) => ({ name })),
      rows: t.rows.slice(1),
    });
    // One style object for the register's text cells: exceljs serialises a cell's style to find its equal unless it
    // has seen that very object before, and the register is most of the report's cells (26 a row).
    t.rows.forEach((values, r) => {
      const row = ws.getRow(t.row + r + 1);
      values.forEach((_, c) => {
        const cell = row.getCell(t.column + c + 1);
        if (Object.keys(cell.style).length === 0) cell.style = text;
        else cell.numFmt = "@";
      });
    });
  }
  // merged cells (the value is in the first), row heights for wrapped text, page breaks
  mergeAll(ws, sheet.merges ?? []);
  for (const h of sheet.rowHeights ?? []) ws.getRow(h.row + 1).height = h.height;
  for (const r of sheet.pageBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  const page = sheet.page;
  if (page) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: page.orientation,
      fitToPage: true,
      fitToWidth: page.fitToWidth,
      fitToHeight: page.fitToHeight,
      printArea: `A1:${columnName(page.area.columns - 1)}${page.area.rows}`,
      printTitlesRow: `${page.titleRows[0] + 1}:${page.titleRows[1] + 1}`,
      margins: page.margins,
      horizontalCentered: false,
    };
    ws.headerFooter = { ...ws.headerFooter, oddHeader: page.header, oddFooter: page.footer };
  }
  // a package completed below is zipped again there: exceljs only stores its parts, so each is deflated once
  const again = !!(sheet.chart || sheet.page);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer(again ? { zip: { compression: "STORE" } } : undefined)) as ArrayBuffer);
  return again ? completePackage(bytes, sheet, modules.JSZip) : bytes;
}

/**
 * The merged cells, each across its columns of one row. exceljs's mergeCells checks a new merge against every merge
 * before it (`_.each(this._merges, …intersects…)`), so n merges cost n²: a report has one per asset, and 100.000
 * assets took many minutes. The builder's merges never overlap (each lies in one row, spans of a row are disjoint,
 * checked here with a set of cells), so each is made by exceljs against an empty list of merges and then added to
 * the sheet's list: the same cells, styles and <mergeCell> elements, linear time. Without that list (another
 * exceljs) the merges are made the ordinary way.
 */
function mergeAll(ws: ExcelJSTypes.Worksheet, merges: readonly { row: number; column: number; columns: number }[]): void {
  const inner = ws as unknown as { _merges?: Record<string, unknown> };
  const all = inner._merges;
  const taken = new Set<string>();
  const disjoint = merges.every((m) => {
    for (let c = m.column; c < m.column + m.columns; c++) {
      const k = `${m.row}:${c}`;
      if (taken.has(k)) return false;
      taken.add(k);
    }
    return true;
  });
  if (!disjoint || !all || typeof all !== "object" || Object.keys(all).length > 0) {
    for (const m of merges) ws.mergeCells(m.row + 1, m.column + 1, m.row + 1, m.column + m.columns);
    return;
  }
  try {
    for (const m of merges) {
      inner._merges = {};
      ws.mergeCells(m.row + 1, m.column + 1, m.row + 1, m.column + m.columns);
      Object.assign(all, inner._merges);
    }
  } finally {
    inner._merges = all;
  }
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function cellRef(sheetName: string, row: number, col: number, row2?: number): string {
  const q = `'${sheetName.replace(/'/g, "''")}'`;
  const c = String.fromCharCode(65 + col);
  return row2 === undefined ? `${q}!$${c}$${row + 1}` : `${q}!$${c}$${row + 1}:$${c}$${row2 + 1}`;
}

function numCache(values: number[], format: string): string {
  return `<c:numCache><c:formatCode>${xmlEscape(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)
    .join("")}</c:numCache>`;
}

function richTitle(text: string, size = 1200): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="nl-NL" sz="${size}" b="1"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** The chart part: a scatter chart with lines (the curve) and a second series with one marker (the client's total). */
export function chartXml(sheet: ReportSheet): string {
  const ch = sheet.chart!;
  const num = (r: number, c: number) => Number(sheet.rows[r]?.[c] ?? 0);
  const [cx, cy] = ch.columns ?? [0, 1];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let r = ch.firstRow; r <= ch.lastRow; r++) {
    xs.push(num(r, cx));
    ys.push(num(r, cy));
  }
  const fmt = '"€" #,##0';
  const series = (idx: number, name: string, x: string, y: string, xv: number[], yv: number[], marker: boolean) =>
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlEscape(name)}</c:v></c:tx>` +
    (marker
      ? `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="9"/><c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr></c:marker>`
      : `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="0F6CBD"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`) +
    `<c:xVal><c:numRef><c:f>${xmlEscape(x)}</c:f>${numCache(xv, fmt)}</c:numRef></c:xVal>` +
    `<c:yVal><c:numRef><c:f>${xmlEscape(y)}</c:f>${numCache(yv, fmt)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`;
  let ser = series(0, ch.yTitle ?? "KIA", cellRef(sheet.name, ch.firstRow, cx, ch.lastRow), cellRef(sheet.name, ch.firstRow, cy, ch.lastRow), xs, ys, false);
  if (ch.markRow !== undefined)
    ser += series(
      1,
      ch.markLabel ?? "",
      cellRef(sheet.name, ch.markRow, cx),
      cellRef(sheet.name, ch.markRow, cy),
      [num(ch.markRow, cx)],
      [num(ch.markRow, cy)],
      true,
    );
  const axis = (id: number, cross: number, pos: "b" | "l", title?: string, grid = false) =>
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    (grid ? "<c:majorGridlines/>" : "") +
    (title ? richTitle(title, 1000) : "") +
    `<c:numFmt formatCode="${xmlEscape(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>${richTitle(ch.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${ser}<c:axId val="510001"/><c:axId val="510002"/></c:scatterChart>` +
    axis(510001, 510002, "b", ch.xTitle) +
    axis(510002, 510001, "l", ch.yTitle, true) +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/**
 * What exceljs leaves undone, in the package itself: the print area as an absolute reference (exceljs writes
 * "$A1:$G196", which Excel reads as relative to the active cell), and the chart on the first worksheet (exceljs
 * writes no charts).
 */
async function completePackage(bytes: Uint8Array, sheet: ReportSheet, JSZip: any): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const workbookXml: string = await zip.file("xl/workbook.xml").async("string");
  zip.file(
    "xl/workbook.xml",
    workbookXml.replace(/(<definedName name="_xlnm\.Print_Area"[^>]*>[^<]*!)\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)</, "$1$$$2$$$3:$$$4$$$5<"),
  );
  if (!sheet.chart) return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  const sheetPath = "xl/worksheets/sheet1.xml";
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const ch = sheet.chart!;
  const from = ch.anchor ? { col: ch.anchor.column, row: ch.anchor.row } : { col: 3, row: Math.max(0, ch.firstRow - 1) };
  const to = ch.anchor ? { col: ch.anchor.column + ch.anchor.columns, row: ch.anchor.row + ch.anchor.rows } : { col: 11, row: from.row + 22 };
  zip.file("xl/charts/chart1.xml", chartXml(sheet));
  zip.file(
    "xl/drawings/drawing1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xmlEscape(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  const rel = `<Relationship Id="rIdKiaChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>`;
  const rels = zip.file(relsPath) ? await zip.file(relsPath).async("string") : null;
  zip.file(
    relsPath,
    rels
      ? rels.replace("</Relationships>", `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
  let xml: string = await zip.file(sheetPath).async("string");
  if (!/xmlns:r=/.test(xml.slice(0, 600)))
    xml = xml.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  // CT_Worksheet order: <drawing> comes before legacyDrawing, legacyDrawingHF, picture, oleObjects, controls, webPublishItems, tableParts, extLst
  const before = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[\s>/]/.exec(xml);
  const tag = `<drawing r:id="rIdKiaChart"/>`;
  xml = before ? xml.slice(0, before.index) + tag + xml.slice(before.index) : xml.replace("</worksheet>", `${tag}</worksheet>`);
  zip.file(sheetPath, xml);
  let types: string = await zip.file("[Content_Types].xml").async("string");
  types = types.replace(
    "</Types>",
    `<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>` +
      `<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
  );
  zip.file("[Content_Types].xml", types);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}
