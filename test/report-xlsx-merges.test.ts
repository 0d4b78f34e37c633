/**
 * The report .xlsx's merged cells (src/report-sheet/xlsx.ts) in linear time (issue 17 §5): a report has one merge per
 * asset or more, and through exceljs (which checked each new merge against every merge before it) the standalone
 * page's 100.000-row report did not finish in 15 minutes. The writer now writes the <mergeCell> elements itself,
 * checking overlaps with a set of cells: every merge written, the cells a merge covers without a value, and
 * overlapping merges (never made by the builder) refused, as Excel would have to repair such a file.
 */
import JSZip from "jszip";
import { reportXlsx } from "../taskpane/workbook/file";
import type { ReportSheet } from "../src/report-sheet";

function sheetOf(n: number, merges: ReportSheet["merges"]): ReportSheet {
  return {
    name: "KIA-rapport",
    rows: Array.from({ length: n }, (_, r) => [`rij ${r + 1}`, "onder de samenvoeging", null, r, `tekst ${r}`, "ook eronder"]),
    formats: [{ row: 0, format: { bold: true, shade: true } }],
    columnWidths: [10, 10, 10, 10, 10, 10],
    merges,
  } as ReportSheet;
}

async function sheetXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
}

describe("report .xlsx merges", () => {
  it("40.000 rows with two merges each: every merge written, in linear time, the merged cells empty and styled as their first", async () => {
    const n = 40_000;
    const merges = Array.from({ length: n }, (_, r) => [
      { row: r, column: 0, columns: 3 },
      { row: r, column: 4, columns: 2 },
    ]).flat();
    const start = process.cpuUsage();
    const bytes = await reportXlsx(sheetOf(n, merges));
    const cpu = process.cpuUsage(start);
    // through exceljs's own mergeCells (each merge against all before it) this took minutes; now about a second
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(20);
    const xml = await sheetXml(bytes);
    const refs = [...xml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]).sort();
    expect(refs).toHaveLength(2 * n);
    expect(refs).toEqual(
      merges.map((m) => `${String.fromCharCode(65 + m.column)}${m.row + 1}:${String.fromCharCode(64 + m.column + m.columns)}${m.row + 1}`).sort(),
    );
    expect(xml).toContain(`<mergeCells count="${2 * n}">`);
    // the first cells keep their values; the cells they cover hold none (the text under B1 and F1 is not written),
    // and in the shaded first row they carry the first cell's style (the fill and the line run across the merge)
    const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    const style = /<c r="A1" s="(\d+)" t="s">/.exec(row1)![1];
    expect(row1).toContain(`<c r="B1" s="${style}"/>`);
    expect(row1).toContain(`<c r="C1" s="${style}"/>`);
    expect(row1).toMatch(/<c r="E1" s="\d+" t="s"><v>\d+<\/v><\/c><c r="F1" s="\d+"\/>/);
    const row2 = /<row r="2"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect(row2).toMatch(/^<c r="A2" t="s"><v>\d+<\/v><\/c><c r="D2"><v>1<\/v><\/c><c r="E2" t="s"><v>\d+<\/v><\/c>$/);
    const strings = await (await JSZip.loadAsync(bytes)).file("xl/sharedStrings.xml")!.async("string");
    expect(strings).not.toContain("onder de samenvoeging");
    expect(strings).not.toContain("ook eronder");
  });

  it("overlapping merges are refused", async () => {
    await expect(
      reportXlsx(
        sheetOf(3, [
          { row: 1, column: 0, columns: 3 },
          { row: 1, column: 2, columns: 2 },
        ]),
      ),
    ).rejects.toThrow("Cellen C2:D2 kunnen niet worden samengevoegd: ze overlappen een eerdere samenvoeging.");
  });
});
