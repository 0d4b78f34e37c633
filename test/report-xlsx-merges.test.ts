/**
 * The report .xlsx's merged cells (src/report-sheet/xlsx.ts) in linear time (issue 17 §5): exceljs's mergeCells checks
 * each new merge against every merge before it, and a report has one merge per asset, so the standalone page's
 * 100.000-row report did not finish in 15 minutes. The writer makes each merge against an empty list: no merge is
 * compared with another (counted on exceljs's Range.intersects), and the sheet has the same <mergeCell> elements.
 * Overlapping merges (never made by the builder) still meet exceljs's own check.
 */
import JSZip from "jszip";
import { reportXlsx } from "../taskpane/workbook/file";
import type { ReportSheet } from "../src/report-sheet";

// exceljs's Range (the merges' dimensions), as exceljs itself requires it
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Range = require("exceljs/lib/doc/range");

function sheetOf(n: number, merges: ReportSheet["merges"]): ReportSheet {
  return {
    name: "KIA-rapport",
    rows: Array.from({ length: n }, (_, r) => [`rij ${r + 1}`, null, null, r, `tekst ${r}`, null]),
    formats: [{ row: 0, format: { bold: true, shade: true } }],
    columnWidths: [10, 10, 10, 10, 10, 10],
    merges,
  } as ReportSheet;
}

async function mergeRefs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
  return [...xml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]).sort();
}

describe("report .xlsx merges", () => {
  it("2.000 rows with two merges each: no merge compared with another, every merge written, the merged cells empty", async () => {
    const n = 2000;
    const merges = Array.from({ length: n }, (_, r) => [
      { row: r, column: 0, columns: 3 },
      { row: r, column: 4, columns: 2 },
    ]).flat();
    const spy = jest.spyOn(Range.prototype, "intersects");
    try {
      const bytes = await reportXlsx(sheetOf(n, merges));
      expect(spy).toHaveBeenCalledTimes(0);
      const refs = await mergeRefs(bytes);
      expect(refs).toHaveLength(2 * n);
      expect(refs).toEqual(
        merges.map((m) => `${String.fromCharCode(65 + m.column)}${m.row + 1}:${String.fromCharCode(64 + m.column + m.columns)}${m.row + 1}`).sort(),
      );
      const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
      // the first row's master cells keep their values; the cells they cover hold none
      expect(xml).toMatch(/<c r="A1"[^>]*t="s"[^>]*>/);
      expect(xml).not.toMatch(/<c r="B1"[^>]*>\s*<v>/);
    } finally {
      spy.mockRestore();
    }
  });

  it("overlapping merges are refused by exceljs's own check, as before", async () => {
    await expect(
      reportXlsx(
        sheetOf(3, [
          { row: 1, column: 0, columns: 3 },
          { row: 1, column: 2, columns: 2 },
        ]),
      ),
    ).rejects.toThrow("Cannot merge already merged cells");
  });
});
