/**
 * The report sheet as a model of cells and styles: rows of values, formats per row or cell, merged cells, row
 * heights, column widths, links, page breaks, the print setup and a chart. Built once (./build.ts) and written as it
 * is by every caller: the Office.js adapter inside Excel (taskpane/workbook/office.ts, one batch), the standalone
 * page's downloaded .xlsx and `kia-calc --rapport` (both ./xlsx.ts). No Office, DOM or Node.
 */

/** One cell of the report sheet. Text is always written as text (never as a formula). */
export type ReportValue = string | number | boolean | null;

export interface ReportCellFormat {
  bold?: boolean;
  /** Excel number format, e.g. '€ #.##0' is written in en-US form: '"€" #,##0' */
  numberFormat?: string;
  /** a heading row */
  heading?: boolean;
  /** wrap the text in its cell (or its merged cells), aligned to the top */
  wrap?: boolean;
  /** a light fill and a line below: the header row of a table, a block that stands out */
  shade?: boolean;
  italic?: boolean;
  /** align the cells to the top (a row whose height is made for wrapped text) */
  top?: boolean;
  /** left-aligned (a year or a date in the client block, beside the texts) */
  left?: boolean;
}

/** The print setup: what Excel's "Pagina-instelling" holds. */
export interface ReportPage {
  paper: "A4";
  orientation: "portrait";
  /** fit to this many pages wide (1) and as many pages high as needed (0) */
  fitToWidth: 1;
  fitToHeight: 0;
  /** the rows repeated at the top of every page (0-based, inclusive) */
  titleRows: [number, number];
  /** the print area: from A1 over this many rows and columns */
  area: { rows: number; columns: number };
  /** header and footer texts in Excel's codes (&P page, &N pages; '&&' is an ampersand) */
  header: string;
  footer: string;
  /** margins in inches */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/** The add-in's own report, laid out as rows (see build.ts); adapters only write it. */
export interface ReportSheet {
  /** sheet name, e.g. "KIA-rapport 2025" (at most 31 characters) */
  name: string;
  /** a CONCEPT: a question open or rows left out without a reason (the title, the banner and the figures say so) */
  provisional?: boolean;
  rows: ReportValue[][];
  /** formats by row index (0-based) and, optionally, column */
  formats: { row: number; column?: number; format: ReportCellFormat }[];
  /** column widths in characters (Excel's column-width unit), from the first column */
  columnWidths: number[];
  /** cells (row, column 0-based) whose text is a web address the adapters turn into a hyperlink */
  links?: { row: number; column: number; url: string }[];
  /** merged cells: from (row, column) over `columns` columns of one row; the value is in the first cell */
  merges?: { row: number; column: number; columns: number }[];
  /** row heights in points, where a row's wrapped text needs more than one line */
  rowHeights?: { row: number; height: number }[];
  /** a page break above these rows (0-based) */
  pageBreaks?: number[];
  page?: ReportPage;
  /**
   * Excel tables below the printed report, each with its own cells (not in `rows`): the year's KIA register
   * (src/register), read back next year. Every cell is text and is written as text (format "@"), so Excel never turns
   * an exact amount into a number.
   */
  tables?: ReportTable[];
  /** a native line chart of the KIA curve from these rows (x in the first column, y in the second) */
  chart?: {
    title: string;
    firstRow: number;
    lastRow: number;
    /** the client's total, marked as a second series point */
    markRow?: number;
    /** the name of that marked point's series ("uw totaal") */
    markLabel?: string;
    xTitle?: string;
    yTitle?: string;
    /** the columns of x and y (0-based; default the first two) */
    columns?: [number, number];
    /** where the chart is drawn: its top-left cell and its size in rows and columns */
    anchor?: { row: number; column: number; rows: number; columns: number };
  };
}

/** An Excel table of text: its name, its header row (0-based) and first column, its header texts and then its rows. */
export interface ReportTable {
  name: string;
  row: number;
  column: number;
  rows: string[][];
}

/** Text that Excel would take as a formula or a number-like entry when typed: =, +, - or @ first. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(s);
}
