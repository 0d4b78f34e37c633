/**
 * Writes the corpus of client ledgers in test/fixtures/ledgers/ (npx tsx scripts/ledger-corpus.ts): ledgers shaped
 * like the exports of bookkeeping packages and like hand-made activastaten, each with what made the reader stumble
 * before issue 15 (balance-sheet headings and RGS codes as categories, ambiguous headings, credit notes, total rows,
 * a row of another year, a title with the year, disposals on a plain sheet, partners' shares in two scales). The
 * expected figures, hand-checked, are in test/ledger-corpus.test.ts and test/fixtures/ledgers/README.md.
 *
 * The column headings follow the packages' documented reports where we found them (Exact Globe+ "Eindejaarstotalen
 * activum": Grootboekrekening, Activumgroep, Serienummer, Omschrijving, Aanschafwaarde; AFAS Profit "Vaste activa":
 * Activagroep, Aanschafwaarde); for Twinfield, SnelStart, e-Boekhouden.nl and Moneybird we found how they keep fixed
 * assets but no documented export headings, so those ledgers' headings are assumed (each says so below; the sources
 * are in docs/boekhoudexports.md). The data is invented.
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import * as ExcelJS from "exceljs";

type Row = (string | number | Date | null)[];
const dir = join(__dirname, "..", "test", "fixtures", "ledgers");

/** A date cell as Excel stores it. */
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function xlsx(name: string, sheets: Record<string, Row[]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date("2025-01-01T00:00:00Z");
  wb.modified = wb.created;
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = "dd-mm-yyyy";
      }),
    );
  }
  writeFileSync(join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
}

/** A CSV as Dutch Excel and Dutch bookkeeping packages write it: ";" and decimal commas. */
function csv(name: string, rows: (string | number | null)[][]): void {
  const field = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v).replace(".", ",") : /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(join(dir, name), rows.map((r) => r.map(field).join(";")).join("\r\n") + "\r\n");
}

export async function writeCorpus(): Promise<void> {
  mkdirSync(dir, { recursive: true });

  // 1. The bakery vof of issue 15: a hand-made activastaat 2024 of 25 rows; 7 rows were dropped before (headings,
  //    a Vervoermiddelen row, a credit note). Partners 60 % / 40 % as Excel holds them (0,6 / 0,4).
  const bakery: Row[] = [
    ["Activastaat 2024 Bakkerij De Korenbloem vof"],
    [],
    ["Nr", "Omschrijving", "Rubriek", "Aanschafdatum", "Aanschafwaarde"],
    ["B01", "Oven Rational iCombi", "Machines", d("2024-02-12"), 14500],
    ["B02", "Creditnota oven Rational (korting)", "Machines", d("2024-03-01"), -1250],
    ["B03", "Deegkneedmachine", "Machines", d("2024-02-20"), 6200],
    ["B04", "Koelcel", "Machines en installaties", d("2024-04-02"), 9850],
    ["B05", "Vriezer", "Machines", d("2024-04-02"), 3400],
    ["B06", "Broodsnijmachine", "Machines", d("2024-05-14"), 2750],
    ["B07", "Rijskast", "Machines", d("2024-05-14"), 5480],
    ["B08", "Toonbank", "Inventaris", d("2024-03-18"), 7900],
    ["B09", "Vitrinekoeling", "Inventaris", d("2024-03-18"), 6150],
    ["B10", "Stellingen magazijn", "Inventaris", d("2024-06-03"), 2300],
    ["B11", "Tafels en stoelen zitgedeelte", "Inventaris", d("2024-06-03"), 2074],
    ["B12", "Kassasysteem", "Computers", d("2024-01-22"), 2650],
    ["B13", "Laptop administratie", "Computers", d("2024-01-22"), 1450],
    ["B14", "Bakkerijsoftware", "Software", d("2024-01-22"), 1800],
    ["B15", "Bakblikken en vormen", "Gereedschap", d("2024-02-12"), 1950],
    ["B16", "Weegschalen", "Gereedschap", d("2024-02-12"), 1250],
    ["B17", "Afzuiginstallatie", "Machines", d("2024-07-09"), 8400],
    ["B18", "Zonnepanelen dak", "Zonnepanelen", d("2024-08-21"), 11800],
    ["B19", "Bezorgfietsen (2)", "Overig", d("2024-09-02"), 1800],
    ["B20", "Winkelinrichting wandkasten", "Winkelinrichting", d("2024-03-18"), 4200],
    ["B21", "Waterontharder", "Bedrijfsinstallaties", d("2024-04-02"), 8750],
    ["B22", "Deegverdeler", "BMvaMei", d("2024-05-14"), 3150],
    ["B23", "Bestelsoftware en tablets", "Automatisering", d("2024-01-22"), 1850],
    ["B24", "Bestelbus Ford Transit", "Vervoermiddelen", d("2024-10-07"), 24500],
    ["B25", "Verbouwing bakkerij", "Verbouwingen", d("2024-01-15"), 6400],
    ["", "Totaal", null, null, 139304],
  ];
  await xlsx("bakkerij-vof-2024.xlsx", {
    Activastaat: bakery,
    Vennoten: [["Naam", "Winstaandeel"], ["J. de Korenbloem", 0.6], ["M. de Korenbloem", 0.4], [], ["Verdeelsleutel", "winst"]],
  });

  // 2. The salon of issue 15: an e-Boekhouden-like CSV export 2025; "Inrichting" (€ 2.850) was dropped before.
  //    Documented: e-Boekhouden.nl keeps fixed assets under Beheer > Inrichting > Vaste activa with a depreciation
  //    schedule. Assumed: the export's headings (Omschrijving, Categorie, Aanschafdatum, Aanschafwaarde).
  csv("salon-2025.csv", [
    ["Omschrijving", "Categorie", "Aanschafdatum", "Aanschafwaarde"],
    ["Kappersstoelen (4)", "Inventarissen", "14-01-2025", 6480],
    ["Wasunits (2)", "Installaties", "14-01-2025", 5950],
    ["Balie en wandkasten", "Inrichting", "20-01-2025", 2850],
    ["Stylingapparatuur", "Gereedschap", "03-02-2025", 3890],
    ["Kassa en pinautomaat", "Computers", "20-01-2025", 2150],
    ["Afsprakensoftware", "Software", "20-01-2025", 1450],
    ["Sterilisator", "Machines", "11-03-2025", 2792.5],
    ["Spiegelwand", "Inventaris", "11-03-2025", 1050],
  ]);

  // 3. Exact Globe+ "Eindejaarstotalen activum": grouped per ledger account with a subtotal each.
  await xlsx("exact-eindejaarstotalen-2025.xlsx", {
    Activa: [
      ["Vaste activa 2025 - eindejaarstotalen activum"],
      ["Grootboekrekening", "Activumgroep", "Serienummer", "Omschrijving", "Aanschafwaarde", "Aanschafdatum"],
      ["0100", "Machines en installaties", "A-1001", "CNC-freesmachine", 48500, d("2025-03-10")],
      ["0100", "Machines en installaties", "A-1002", "Compressor", 6250, d("2025-04-22")],
      ["Subtotaal 0100", null, null, null, 54750, null],
      ["0200", "Inventaris", "A-2001", "Werkbanken", 4800, d("2025-02-05")],
      ["Subtotaal 0200", null, null, null, 4800, null],
      ["0300", "Automatisering", "A-3001", "CAD-werkstations (3)", 7350, d("2025-05-19")],
      ["Subtotaal 0300", null, null, null, 7350, null],
      ["0400", "Transportmiddelen", "A-4001", "Mercedes Sprinter bestelbus", 38900, d("2025-06-02")],
      ["Subtotaal 0400", null, null, null, 38900, null],
      ["Totaal", null, null, null, 105800, null],
    ],
  });

  // 4. AFAS Profit vaste activa: Activagroep; "Gebouwen" and "Terreinen" ask.
  csv("afas-vaste-activa-2025.csv", [
    ["Activumcode", "Omschrijving", "Activagroep", "Aanschafdatum", "Aanschafwaarde"],
    ["1001", "Bedrijfshal Noord", "Gebouwen", "01-03-2025", 185000],
    ["1002", "Bestrating parkeerterrein", "Terreinen", "15-04-2025", 18400],
    ["1003", "Heftruck", "Machines en installaties", "02-05-2025", 22500],
    ["1004", "Palletstellingen", "Inventarissen", "02-05-2025", 9600],
  ]);

  // 5. An RGS-coded export (a package that maps its accounts to RGS): codes at level 3 and level 5.
  csv("rgs-export-2025.csv", [
    ["RGS-code", "Omschrijving", "Datum", "Bedrag"],
    ["BMvaMeiVvpIna", "Lasapparaat", "12-02-2025", 4350],
    ["BMvaBei", "Kantoormeubilair", "12-02-2025", 3900],
    ["BMvaTev", "VW Golf 1.5 TSI", "01-04-2025", 32500],
    ["BIvaGoo", "Overname klantenbestand", "01-01-2025", 15000],
    ["BMvaHuu", "Huurdersinvestering winkel", "10-03-2025", 12800],
  ]);

  // 6. A Twinfield-like balance-sheet listing: "0210 Machines en installaties" as the heading. Documented: Twinfield's
  //    Vaste Activa module; an asset is a dimension of type AST with code, name, group, status, purchase date, residual
  //    value, method (webservices Masters/FixedAssets). Assumed: the headings and the account number in the heading.
  csv("twinfield-activa-2025.csv", [
    ["Code", "Naam", "Rubriek", "Datum aanschaf", "Aanschafprijs"],
    ["T1", "Graafmachine", "0210 Machines en installaties", "04-03-2025", 62000],
    ["T2", "Trekker DAF XF met oplegger", "0250 Vervoermiddelen", "18-03-2025", 89000],
    ["T3", "Kantoorinrichting", "0230 Inventarissen", "18-03-2025", 5400],
    ["T4", "Goodwill overname", "0300 Goodwill", "01-01-2025", 40000],
  ]);

  // 7. SnelStart-like: "Soort activa" and a total row that does not add up. Documented: assets on balance accounts,
  //    depreciation as journal entries (automatic in the Accountant package). Assumed: the listing and its headings.
  await xlsx("snelstart-activa-2025.xlsx", {
    Activa: [
      ["Overzicht activa boekjaar 2025"],
      ["Soort activa", "Omschrijving", "Aanschafdatum", "Aanschafbedrag"],
      ["Computers", "Laptops (3)", d("2025-02-11"), 3600],
      ["Software", "Boekhoudpakket licentie", d("2025-02-11"), 950],
      ["Transportmiddelen", "Renault Kangoo E-Tech", d("2025-05-06"), 29900],
      ["Totaal", null, null, 34950],
    ],
  });

  // 8. Moneybird-like: an unknown category ("Apparatuur") left out, and a lone correction below it (no asset beside it).
  //    Documented: the Bezittingen tab; "categorieën" instead of ledger accounts, named by the user ("Machine XYZ"),
  //    each with an RGS 3.5 code. Assumed: the export's headings (Omschrijving, Categorie, Datum, Bedrag).
  csv("moneybird-activa-2025.csv", [
    ["Omschrijving", "Categorie", "Datum", "Bedrag"],
    ["Bureaus en stoelen", "Kantoorinventaris", "09-01-2025", 4650],
    ["Beeldschermen", "Hardware", "09-01-2025", 1980],
    ["Koffiemachine", "Apparatuur", "09-01-2025", 1200],
    ["Correctie", "Inventaris", "31-12-2025", -350],
  ]);

  // 9. A hand-made activastaat 2025 (year beside "Jaar") with a laptop of 28-12-2024.
  await xlsx("handgemaakt-ander-jaar-2025.xlsx", {
    Staat: [
      ["Jaar", 2025],
      [],
      ["Nummer", "Omschrijving", "Categorie", "Datum", "Bedrag"],
      ["H1", "Laptop", "computer", d("2024-12-28"), 1899],
      ["H2", "Bureau", "inventaris", d("2025-01-14"), 1450],
      ["H3", "Printer", "computer", d("2025-01-14"), 2100],
    ],
  });

  // 10. A hand-made CSV with a group (besluit 2.2) and a credit in the group.
  csv("handgemaakt-groep-creditnota-2025.csv", [
    ["Nummer", "Omschrijving", "Categorie", "Groep", "Datum", "Bedrag"],
    ["G1", "Keukenblok", "inventaris", "Keuken", "03-03-2025", 8200],
    ["G2", "Afzuigkap", "machine", "Keuken", "03-03-2025", 1900],
    ["G3", "Creditnota keuken", "inventaris", "Keuken", "20-03-2025", -600],
    ["G4", "Kantoorstoel", "inventaris", null, "03-03-2025", 750],
  ]);

  // 11. Disposals on a plain sheet with the headings of the issue.
  await xlsx("desinvesteringen-2025.xlsx", {
    Staat: [
      ["Nummer", "Omschrijving", "Categorie", "Datum", "Bedrag"],
      ["D1", "Vrachtwagen", "Vrachtauto", d("2025-02-01"), 45000],
    ],
    Desinvesteringen: [
      ["Omschrijving", "Aanschafjaar", "Aanschafwaarde", "Totaal investeringen aanschafjaar", "Datum", "Opbrengst"],
      ["Oude vrachtwagen", 2022, 30000, 40000, d("2025-02-01"), 12000],
    ],
  });

  // 12. A vof whose partners' shares are in two scales (0,4 beside 60): refused, with a message naming them.
  await xlsx("vof-aandelen-twee-schalen-2025.xlsx", {
    Staat: [
      ["Nummer", "Omschrijving", "Categorie", "Datum", "Bedrag"],
      ["V1", "Werkbank", "inventaris", d("2025-04-01"), 5000],
      ["V2", "Lintzaag", "machine", d("2025-04-01"), 7000],
    ],
    Vennoten: [["Naam", "Winstaandeel"], ["A. Smit", "0,4"], ["B. Smit", "60"]],
  });
}

/**
 * examples/voorbeeld-export-2025.xlsx: the sample's sibling shaped like a bookkeeping package's export (Exact-like
 * columns, balance-sheet headings, subtotals per account, a credit note, a Vervoermiddelen row, a title with the
 * year). Its figures are in examples/README.md and test/ledger-corpus.test.ts.
 */
export async function writeExample(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date("2025-01-01T00:00:00Z");
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Activa 2025");
  const rows: Row[] = [
    ["Vaste activa 2025 - Installatiebedrijf Van Dam vof"],
    [],
    ["Grootboekrekening", "Activumgroep", "Serienummer", "Omschrijving", "Aanschafdatum", "Aanschafwaarde"],
    ["0210", "Machines en installaties", "VD-101", "Kantbank", d("2025-02-03"), 28750],
    ["0210", "Machines en installaties", "VD-102", "Creditnota kantbank (transportschade)", d("2025-02-20"), -1750],
    ["0210", "Machines en installaties", "VD-103", "Persluchtinstallatie", d("2025-03-17"), 7400],
    ["Subtotaal 0210", null, null, null, null, 34400],
    ["0230", "Inventarissen", "VD-201", "Magazijnstellingen", d("2025-01-13"), 5600],
    ["0230", "Inventarissen", "VD-202", "Kantoorinrichting", d("2025-01-13"), 3950],
    ["Subtotaal 0230", null, null, null, null, 9550],
    ["0240", "Automatisering", "VD-301", "Laptops monteurs (4)", d("2025-04-07"), 5200],
    ["0240", "Automatisering", "VD-302", "Planningssoftware", d("2025-04-07"), 2400],
    ["Subtotaal 0240", null, null, null, null, 7600],
    ["0250", "Vervoermiddelen", "VD-401", "Bestelbus VW Crafter", d("2025-05-12"), 46500],
    ["0250", "Vervoermiddelen", "VD-402", "Audi A6 Avant directie", d("2025-06-02"), 61800],
    ["Subtotaal 0250", null, null, null, null, 108300],
    ["Totaal", null, null, null, null, 159850],
  ];
  rows.forEach((r) => ws.addRow(r));
  ws.eachRow((row) => row.eachCell((cell) => (cell.value instanceof Date ? (cell.numFmt = "dd-mm-yyyy") : undefined)));
  ws.getColumn(6).numFmt = '#,##0.00';
  const v = wb.addWorksheet("Vennoten");
  [["Naam", "Winstaandeel"], ["P. van Dam", 0.5], ["S. van Dam", 0.5], [], ["Verdeelsleutel", "winst"]].forEach((r) => v.addRow(r));
  v.getColumn(2).numFmt = "0%";
  writeFileSync(join(__dirname, "..", "examples", "voorbeeld-export-2025.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
}

if (require.main === module)
  Promise.all([writeCorpus(), writeExample()]).then(
    () => console.log(`ledgers written to ${dir}`),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
