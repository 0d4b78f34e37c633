/**
 * The sample ledger for new users: examples/voorbeeld-staat-2025.xlsx (an Excel table "Investeringen" with the
 * template's Dutch headers, and a sheet "Vennoten" with a table of three partners and the allocation key) and
 * examples/voorbeeld-staat-2025.csv (the same ledger as Dutch Excel saves it: semicolons, Dutch amounts and
 * dates, UTF-8 with BOM). Every special case the add-in handles is in it once; examples/README.md says which.
 *
 *   npx tsx scripts/sample-ledger.ts     # writes both files
 *
 * test/workbook-file.test.ts regenerates both in memory and fails when the committed files are stale.
 */
import ExcelJS from "exceljs";
import { writeFileSync } from "fs";
import { join } from "path";
import { FIELD_HEADERS, LEDGER_FIELDS, type LedgerField } from "../src/workbook/ledger";

export const SAMPLE_YEAR = 2025;
export const SAMPLE_XLSX = join(__dirname, "..", "examples", "voorbeeld-staat-2025.xlsx");
export const SAMPLE_CSV = join(__dirname, "..", "examples", "voorbeeld-staat-2025.csv");

/** the ledger's fields in the reader's order, without those the sample does not use (besluit 4.2 and 5.1.3's too) */
const UNUSED: readonly LedgerField[] = ["approval", "marketValue", "exemptionPossible", "reserve", "reserveDeclaration"];
const FIELDS = LEDGER_FIELDS.filter((f) => !UNUSED.includes(f));

/** the template's headers: the first name of each field */
export const SAMPLE_HEADERS = FIELDS.map((f) => FIELD_HEADERS[f][0]);

type Value = string | number | null;
interface SampleRow {
  values: Partial<Record<LedgerField, Value>>;
  /** yyyy-mm-dd */
  date: string;
}

/** The rows of the ledger. Amounts are numbers, except where the sample shows Dutch amount text. */
export const SAMPLE_ROWS: SampleRow[] = [
  { date: "2025-01-15", values: { id: "INV-01", description: "CNC-draaibank", category: "machine", amount: 48500 } },
  { date: "2025-02-03", values: { id: "INV-02", description: "Laptop", category: "computer", amount: 1450, group: "Werkplek 1" } },
  { date: "2025-02-03", values: { id: "INV-03", description: "Monitor bij de laptop", category: "computer", amount: 320, group: "Werkplek 1" } },
  { date: "2025-03-10", values: { id: "INV-04", description: "Personenauto directeur", category: "personenauto", amount: 42000 } },
  { date: "2025-03-12", values: { id: "INV-05", description: "Nietmachine en perforator", category: "inventaris", amount: 85 } },
  {
    date: "2025-02-20",
    values: { id: "INV-06", description: "Heftruck, verloren bij brand in mei", category: "machine", amount: 24000, lostByCalamity: "ja", replacedBy: "INV-07" },
  },
  { date: "2025-06-15", values: { id: "INV-07", description: "Vervangende heftruck", category: "machine", amount: 26500 } },
  { date: "2025-11-28", values: { id: "INV-08", description: "Lasmachine, besteld, nog niet geleverd", category: "machine", amount: 9800, paid: 500, inUse: "nee" } },
  { date: "2025-04-01", values: { id: "INV-09", description: "Bestelauto gekocht van vennoot Jansen", category: "bestelauto", amount: 15000, relatedParty: "ja" } },
  { date: "2025-04-22", values: { id: "INV-10", description: '=HYPERLINK("https://voorbeeld.invalid";"archiefkast")', category: "inventaris", amount: 1200 } },
  { date: "2025-05-06", values: { id: "INV-11", description: "Bureau <b>html</b>", category: "inventaris", amount: 950 } },
  { date: "2025-05-19", values: { id: "INV-12", description: "Boekhoudsoftware (licentie)", category: "software", amount: 2400 } },
  { date: "2025-07-01", values: { id: "INV-13", description: "Zonnepanelen op het dak", category: "zonnepanelen", amount: 12500, eiaMia: "ja" } },
  { date: "2025-08-14", values: { id: "INV-14", description: "Gereedschapset", category: "gereedschap", amount: "€ 1.234,56" } },
  { date: "2025-09-02", values: { id: "INV-15", description: "Verbouwing kantine (btw niet aftrekbaar)", category: "verbouwing", amount: 8000, vatDeductible: "nee" } },
  { date: "2025-10-07", values: { id: "INV-16", description: "Printer", category: "computer", amount: "2,500" } },
];

/** Rows the sample has a problem in on purpose (readLedger names them; examples/README.md explains). */
export const SAMPLE_PROBLEM_IDS = ["INV-16"];

export const PARTNER_HEADERS = [
  "Naam",
  "Rechtsvorm",
  "Winstaandeel",
  "Kapitaal",
  "Stille reserves",
  "Eigen investeringen buiten",
  "Eigen bedrijfsmiddelen in onderneming",
];
export const PARTNERS: Value[][] = [
  ["Jansen", "natuurlijk persoon", 50, 40000, null, null, null],
  ["De Vries", "natuurlijk persoon", 30, 35000, null, 5000, null],
  ["Bakker Holding B.V.", "bv", 20, 25000, null, null, 3000],
];
export const SAMPLE_KEY = "winst";

function dateOf(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function rowValues(r: SampleRow): Value[] {
  return FIELDS.map((f) => (f === "date" ? null : (r.values[f] ?? null)));
}

/** The .xlsx: sheet "Staat 2025" (title in A1, table "Investeringen" from A3), sheet "Vennoten". */
export async function sampleXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KIA-invoegtoepassing (voorbeeld)";
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = new Date(Date.UTC(2025, 0, 1));
  const ws = wb.addWorksheet("Staat 2025");
  ws.getCell("A1").value = `Staat van investeringen ${SAMPLE_YEAR} (voorbeeld)`;
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.addTable({
    name: "Investeringen",
    ref: "A3",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: SAMPLE_HEADERS.map((name) => ({ name, filterButton: true })),
    rows: SAMPLE_ROWS.map((r) => rowValues(r).map((v, i) => (FIELDS[i] === "date" ? dateOf(r.date) : v))),
  });
  const col = (f: (typeof FIELDS)[number]) => FIELDS.indexOf(f) + 1;
  for (let i = 0; i < SAMPLE_ROWS.length; i++) {
    const row = ws.getRow(4 + i);
    row.getCell(col("amount")).numFmt = '"€" #,##0.00';
    row.getCell(col("paid")).numFmt = '"€" #,##0.00';
    row.getCell(col("date")).numFmt = "dd-mm-yyyy";
    // text that looks like a formula stays text, also when someone edits the cell
    const d = row.getCell(col("description"));
    if (typeof d.value === "string" && /^[=+\-@]/.test(d.value)) d.numFmt = "@";
  }
  const widths: Record<string, number> = { description: 42, category: 16, amount: 14, paid: 12, lostByCalamity: 12, replacedBy: 12, date: 12 };
  FIELDS.forEach((f, i) => (ws.getColumn(i + 1).width = widths[f] ?? 11));

  const vs = wb.addWorksheet("Vennoten");
  vs.addTable({
    name: "Vennoten",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: PARTNER_HEADERS.map((name) => ({ name, filterButton: true })),
    rows: PARTNERS,
  });
  vs.getCell(`A${PARTNERS.length + 3}`).value = "Verdeelsleutel";
  vs.getCell(`B${PARTNERS.length + 3}`).value = SAMPLE_KEY;
  vs.getCell(`A${PARTNERS.length + 3}`).font = { bold: true };
  PARTNER_HEADERS.forEach((_, i) => (vs.getColumn(i + 1).width = i === 0 ? 22 : 16));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function dutchAmount(v: number): string {
  const [int, frac] = v.toFixed(2).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${frac}`;
}

function csvField(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The .csv as Dutch Excel saves "CSV UTF-8": BOM, semicolons, CRLF, amounts and dates as shown. */
export function sampleCsv(): string {
  const lines = [SAMPLE_HEADERS.map(csvField).join(";")];
  for (const r of SAMPLE_ROWS) {
    const cells = rowValues(r).map((v, i) => {
      const f = FIELDS[i];
      if (f === "date") {
        const [y, m, d] = r.date.split("-");
        return `${d}-${m}-${y}`;
      }
      if (v === null) return "";
      if (typeof v === "number") return f === "amount" || f === "paid" ? dutchAmount(v) : String(v);
      return csvField(v);
    });
    lines.push(cells.join(";"));
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

async function main(): Promise<void> {
  writeFileSync(SAMPLE_XLSX, await sampleXlsx());
  writeFileSync(SAMPLE_CSV, sampleCsv(), "utf8");
  console.log(`geschreven: ${SAMPLE_XLSX}\ngeschreven: ${SAMPLE_CSV}`);
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
