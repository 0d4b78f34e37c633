import JSZip from "jszip";
import { XlsxBook, readWorkbook } from "../src/workbook";
async function main() {
  const rows = Number(process.argv[2] ?? 1048576);
  const cols = Number(process.argv[3] ?? 2);
  const t0 = Date.now();
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const parts: string[] = [`<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Categorie</t></is></c><c r="B1" t="inlineStr"><is><t>Bedrag</t></is></c>${cols > 2 ? '<c r="C1" t="inlineStr"><is><t>Omschrijving</t></is></c>' : ""}</row>`];
  for (let i = 2; i <= rows; i++) parts.push(`<row r="${i}"><c r="A${i}" t="s"><v>0</v></c><c r="B${i}"><v>${100 + (i % 5000)}</v></c>${cols > 2 ? `<c r="C${i}" t="s"><v>1</v></c>` : ""}</row>`);
  parts.push("</sheetData></worksheet>");
  const zip = new JSZip();
  zip.file("xl/workbook.xml", `<workbook xmlns="${main}" xmlns:r="${r}"><sheets><sheet name="Staat" sheetId="1" r:id="s1"/></sheets></workbook>`);
  zip.file("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${r}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${r}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  zip.file("xl/sharedStrings.xml", `<sst xmlns="${main}"><si><t>machine</t></si><si><t>boor</t></si></sst>`);
  zip.file("xl/worksheets/sheet1.xml", parts.join(""));
  const bytes = await zip.generateAsync({ type: "uint8array", compression: process.env.STORE ? "STORE" : "DEFLATE" });
  const t1 = Date.now();
  console.log(`generated ${rows} rows x ${cols}: ${(bytes.length / 1e6).toFixed(1)} MB in ${t1 - t0} ms; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  const rss0 = process.memoryUsage().rss;
  try {
    const book = await XlsxBook.open(bytes);
    const read = await readWorkbook(book, { year: 2025 });
    console.log(`read: ${read.scenario.investments.length} investments, leftOut ${read.leftOut.length}`);
  } catch (e) { console.log("refused:", (e as Error).message, (e as Error).stack?.split("\n").slice(0, 8).join("\n")); }
  const t2 = Date.now();
  console.log(`read in ${t2 - t1} ms; rss now ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (was ${(rss0 / 1e6).toFixed(0)}), peak ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`);
}
main();
