/**
 * kia-calc --rapport <uit.xlsx>: the report sheet for the client file, the same sheet the add-in writes in Excel and
 * the standalone page downloads: built by the one builder (src/report-sheet/build.ts) and written by the one .xlsx
 * writer (src/report-sheet/xlsx.ts), with JSZip loaded here. What is the command line's own: the client
 * details from its options, the date (today unless --datum), and the rows the reader left out as the report lists
 * them.
 */
import { writeFileSync } from "fs";
import type { Report, Scenario } from "../src";
import { leftOutRow, reportSheet, type ClientDetails, type OpenRow } from "../src/report-sheet";

export type { OpenRow };
import { reportXlsx } from "../src/report-sheet/xlsx";
import type { LeftOut } from "../src/workbook/left-out";
import type { LedgerLines } from "../src/workbook/lines";
import { InputError } from "./input";

export interface ReportFileOptions {
  scenario: Scenario;
  /** the input's name as kia-calc names it */
  source: string;
  /** a workbook's or CSV's rows left out (a scenario file has none) */
  leftOut?: readonly LeftOut[];
  /** a workbook's open questions: the report is then a CONCEPT that lists them */
  open?: readonly OpenRow[];
  /** the firm template's example rows still in the workbook: the report is then a CONCEPT */
  examples?: number;
  /** a workbook's or CSV's lines read and rows passed over (src/workbook/lines.ts) */
  lines?: LedgerLines;
  client: ClientDetails;
  /** jjjj-mm-dd; default today */
  date?: string;
  version: string;
}

/** today as jjjj-mm-dd (local time) */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Writes the report; an unwritable file is an InputError with a Dutch message (exit code 2). */
export async function writeReportFile(file: string, report: Report, o: ReportFileOptions): Promise<{ sheet: string; rows: number; provisional: boolean }> {
  const sheet = reportSheet(report, {
    lang: "nl",
    version: o.version,
    date: o.date ?? today(),
    ledgerSource: o.source,
    scenario: o.scenario,
    client: o.client,
    leftOut: o.leftOut?.filter((x) => x.list !== "partners").map((x) => leftOutRow(x)),
    open: o.open,
    examples: o.examples,
    ...(o.lines ? { lines: o.lines } : {}),
  });

  const bytes = await reportXlsx(sheet, { JSZip: require("jszip") });
  try {
    writeFileSync(file, bytes);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(
      `Kan het rapport niet schrijven naar ${file}${code === "ENOENT" ? ": de map bestaat niet" : code === "EACCES" || code === "EPERM" ? ": geen schrijfrechten" : code === "EISDIR" ? ": dat is een map" : ""}`,
    );
  }
  return { sheet: sheet.name, rows: sheet.rows.length, provisional: sheet.provisional === true };
}
