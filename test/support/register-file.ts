/**
 * A workbook with a register table as an Excel table of text cells, written with exceljs directly: for the tests of
 * the register's reader on registers changed by hand (a number typed over a text, another version). The add-in's own
 * reports are written by the report builder (src/report-sheet), which test/years.test.ts uses.
 */
import ExcelJS from "exceljs";
import { registerRows, registerTableName, type Register } from "../../src/register";

export async function registerWorkbook(
  registers: Register[],
  change?: (rows: (string | number)[][], year: number) => void,
  sheetName = (y: number) => `KIA-rapport ${y}`,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const reg of registers) {
    const rows: (string | number)[][] = registerRows(reg);
    change?.(rows, reg.year);
    const ws = wb.addWorksheet(sheetName(reg.year));
    ws.getCell("A1").value = `KIA ${reg.year}`;
    ws.addTable({ name: registerTableName(reg.year), ref: "A3", headerRow: true, columns: rows[0].map((n) => ({ name: String(n) })), rows: rows.slice(1) });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
