/** A workbook for the reader tests, built with exceljs: sheets of rows (from A1), optional Excel tables. */
import ExcelJS from "exceljs";

export async function workbook(
  sheets: Record<string, unknown[][]>,
  tables: { sheet: string; name: string; ref: string; headers: string[]; rows: unknown[][] }[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => r.forEach((v, j) => v !== null && v !== undefined && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
  }
  for (const t of tables)
    wb.getWorksheet(t.sheet)!.addTable({ name: t.name, ref: t.ref, headerRow: true, columns: t.headers.map((h) => ({ name: h })), rows: t.rows as ExcelJS.CellValue[][] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
