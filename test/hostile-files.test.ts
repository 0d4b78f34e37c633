/**
 * Hostile and broken files end in a Dutch message within bounded time, never in an exhausted memory or a stack
 * trace (issue 17 §3). The files are made on the fly, none is committed.
 */
import JSZip from "jszip";
import { MAX_PART_BYTES, XlsxBook } from "../src/workbook/xlsx";

/** A minimal package whose sheet part is `sheet` (the workbook, its rels and the sheet). */
async function pkg(sheet: string | Uint8Array, compression: "DEFLATE" | "STORE" = "DEFLATE"): Promise<Uint8Array> {
  const zip = new JSZip();
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  zip.file("xl/workbook.xml", `<workbook xmlns="${main}" xmlns:r="${r}"><sheets><sheet name="Staat" sheetId="1" r:id="s1"/></sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${r}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file("xl/worksheets/sheet1.xml", sheet);
  return zip.generateAsync({ type: "uint8array", compression });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).not.toBe("TypeError");
    return (e as Error).message;
  }
  throw new Error("the file was read");
}

describe("hostile .xlsx files", () => {
  it("a zip bomb (a part that inflates far beyond the limit) is refused while inflating, with a Dutch message", async () => {
    // 64 MB of one repeated row: about 100 kB deflated; the test's limit is 8 MB, the real one MAX_PART_BYTES
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const bytes = await pkg(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat((64 * 1024 * 1024) / row.length)}</sheetData></worksheet>`);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const book = await XlsxBook.open(bytes, { maxPartBytes: 8 * 1024 * 1024 });
    const message = await refusal(book.rows("Staat", 1, 10, 0, 5));
    expect(message).toMatch(/^het onderdeel xl\/worksheets\/sheet1\.xml wordt uitgepakt groter dan 8 MB; zo'n werkmap wordt niet gelezen/);
    expect(MAX_PART_BYTES).toBe(256 * 1024 * 1024);
  });

  it("a sheet just under the limit is read", async () => {
    const bytes = await pkg(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`);
    const book = await XlsxBook.open(bytes, { maxPartBytes: 400 });
    expect(await book.rows("Staat", 1, 1, 0, 0)).toEqual([[1]]);
  });

  it("malformed or deeply nested XML, an old .xls, a zip of something else: each its own message", async () => {
    const bad = await XlsxBook.open(await pkg("<worksheet><sheetData><row><c></row></worksheet>"));
    expect(await refusal(bad.rows("Staat", 1, 1, 0, 0))).toMatch(/^het onderdeel xl\/worksheets\/sheet1\.xml is geen geldige XML/);
    const deep = await XlsxBook.open(await pkg(`<worksheet>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</worksheet>`));
    await expect(deep.rows("Staat", 1, 1, 0, 0)).resolves.toBeDefined();
    expect(await refusal(XlsxBook.open(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])))).toMatch(/oud Excel-bestand \(\.xls\)/);
    const other = new JSZip();
    other.file("foto.jpg", "not a workbook");
    expect(await refusal(XlsxBook.open(await other.generateAsync({ type: "uint8array" })))).toMatch(/bevat geen werkmap \(xl\/workbook\.xml ontbreekt\)/);
    expect(await refusal(XlsxBook.open(new TextEncoder().encode("Nummer;Bedrag\n1;100")))).toMatch(/is het een CSV-bestand\?/);
  });
});
