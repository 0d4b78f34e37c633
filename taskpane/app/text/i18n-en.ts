/** The pane's English words (see i18n.ts); importing this module registers them. */
import { registerEnglish, type Messages } from "./i18n";

export const en: Messages = {
  appTitle: "KIA assistant",
  appSubtitle: "Small-scale investment deduction, art. 3.41 Wet IB 2001",
  standaloneNote:
    "Standalone page: this page runs outside Excel. Your file stays on this computer; the page makes no internet connection.",
  dutchOnlyNote:
    "Reasons, explanations and legal references are in Dutch: they go into a Dutch tax return.",

  ledgerHeading: "Fixed-asset ledger",
  table: "Table",
  readTable: "Read table",
  readSelection: "Read selection",
  readOnlyNote: "The ledger is only read, never changed.",
  readFrom: "Read from the workbook",
  readParts: { ledger: "Ledger", partners: "Partners", disposals: "Disposals", year: "Year" },
  notInBook: "not found",
  notRead: (n: number) => (n === 1 ? "1 sheet or table not read (why: in Dutch)" : `${n} sheets or tables not read (why: in Dutch)`),
  noTables:
    "This workbook has no tables. Select the range with the ledger (with its header row) and choose ‘Read selection’.",
  chooseFile: "Choose a file…",
  fileHint:
    "An Excel workbook (.xlsx) or CSV file with the ledger of investments.",
  trySample: "Try the sample",
  sampleNote:
    "The sample is a 2025 ledger with a calamity, a partnership of three partners, an unpaid asset and a related party.",
  readingRows: (n: string, total: string) => `${n} of ${total} rows read`,
  reading: "Reading…",
  readingPart: (pct: number) => `${pct}% of the file read`,
  stopReading: "Stop",
  loadedFrom: (name: string, rows: string) => `${name} · ${rows} ${rows === "1" ? "row" : "rows"}`,
  columnsFound: (n: number) => `${n} columns recognised`,
  problemCount: (n: number) => (n === 0 ? "no problems" : n === 1 ? "1 problem in the ledger" : `${n} problems in the ledger`),
  change: "change",
  unreadableFile: (name: string) =>
    `${name} is not a readable Excel workbook (.xlsx) or CSV file. Save the file again in Excel as .xlsx or .csv and open it here.`,
  yearCheck: "Check the tax year",
  otherYearRows: (n: number, year: number) =>
    `${n === 1 ? "1 investment is" : `${n} investments are`} dated outside ${year}; ${n === 1 ? "it does" : "they do"} not count until you choose in the questions below (the year of the obligation decides, art. 3.43).`,
  yearFromDates: (d: { year: number; dated: number; investments: number }) =>
    `The year of the investment dates (${
      d.dated === d.investments ? `all ${d.dated} investments are dated in ${d.year}` : `${d.dated} of the ${d.investments} investments have a date, all in ${d.year}`
    }).`,
  yearGuess: (years: number[], year: number) =>
    `Note: no year found, and ${
      years.length > 1
        ? `the investment dates fall in ${years.length} years (${years.join(", ")})`
        : years.length === 1
          ? `there is no KIA table for the year of the investment dates (${years[0]})`
          : "no investment dates to derive it from"
    }. ${year} is set for now; choose the right tax year.`,
  anotherLedger: "Read another ledger or table",
  year: "Tax year",
  restored:
    "Your earlier choices for this ledger were restored (overrides, calamity, partners, disposals).",
  forget: "Start again without them",

  mappingSummary: (n: number) => `Columns: ${n} recognised`,
  mappingChanged: " (changed)",
  mappingIntro:
    "Which column holds which item. Correct it where a header has another name; the mapping is stored in the document and used again next time.",
  notInLedger: "— not in the ledger —",
  column: (letter: string, header: string) => `${letter}: ${header}`,
  required: "required",
  redetect: "Recognise columns again",
  missingRequired: (fields: string) =>
    `Without a column for ${fields} the ledger cannot be read.`,

  problemsHeading: (n: number) =>
    n === 1 ? "1 problem in the ledger" : `${n} problems in the ledger`,
  problemsIntro:
    "These rows do not count until they are corrected; the other rows work as usual.",
  problemAt: (row: number, letter: string, field: string) =>
    `Row ${row}, column ${letter} (${field})`,
  goToCell: (cell: string) => `Go to ${cell}`,
  moreProblems: (n: number) => `and ${n} more`,
  showAllProblems: "Show all",

  kiaFor: (year: number) => `KIA ${year}`,
  announce: (year: number, kia: string, total: string) =>
    `KIA ${year}: ${kia} on a total of ${total}.`,
  noResult: "No calculation",
  provisional: (open: number, leftOut: number, examples = 0) =>
    `Provisional: ${[open ? `${open} open ${open === 1 ? "question" : "questions"}` : "", leftOut ? `${leftOut} ${leftOut === 1 ? "row" : "rows"} left out` : "", examples ? `${examples} example ${examples === 1 ? "row" : "rows"} of the KIA workbook (delete them)` : ""].filter(Boolean).join(", ")}`,
  provisionalLink: "Go to the rows",
  goToField: "Go to the field",
  totalLine: (total: string, n: number) =>
    `total ${total} · ${n} ${n === 1 ? "asset counts" : "assets count"}`,
  noLedgerYet: "Read the fixed-asset ledger first.",

  stepsLabel: "Steps",
  steps: {
    review: "Assets",
    calamity: "Calamity",
    partnership: "Partners",
    payment: "Payment",
    report: "Report",
  },
  stepTitles: {
    review: "Review per asset",
    calamity: "Calamity (besluit 4.4)",
    partnership: "Partnership (art. 3.41 lid 3)",
    payment: "Payment and disposals",
    report: "Report",
  },
  next: "Next",

  assets: "Assets",
  countedOf: (c: number, n: number) => `${c} of ${n} count`,
  total: "Total investments",
  kia: "KIA",
  deductibleThisYear: "Deductible this year",
  carriedForward: "Carried to a later year",
  show: "Show",
  filters: {
    all: "All",
    counted: "Counted",
    excluded: "Not counted",
    "below-minimum": "Below €\u00a0450",
    "related-party": "Related party",
    unpaid: "Not paid or not in use",
    override: "Overridden",
    calamity: "Calamity",
  },
  searchLabel: "Search by number, description or category",
  counts: "Counts",
  notCounted: "Does not count",
  kiaPart: "KIA part",
  kiaPartNote:
    "KIA part: the year's KIA, divided over the assets that count in proportion to their amount (in cents). The parts add up to the KIA.",
  rowNr: (row: number) => `row ${row}`,
  nr: (id: string) => `no. ${id}`,
  group: (g: string) => `group ${g}`,
  overridden: "Manual",
  overrideReason: (r: string) => `Overridden: ${r}`,
  changeVerdict: "Override verdict",
  changeOverride: "Change override",
  previous: "Previous",
  nextPage: "Next",
  pageOf: (from: string, to: string, n: string) => `${from}–${to} of ${n}`,
  noneInFilter: "No assets match this filter.",
  why: "Why",

  overrideTitle: (name: string) => `Override verdict: ${name}`,
  overrideIntro:
    "An override replaces the category and €\u00a0450 test. It goes into the report and the explanation with your reason.",
  eligibleYes: "Qualifies for KIA",
  eligibleNo: "Does not qualify for KIA",
  verdict: "Verdict",
  reason: "Reason (required)",
  reasonHint: "For example: part of the machine, invoice 2025-114 in the file.",
  reasonTooShort:
    "Write down the reason (at least 10 characters): it goes into the report.",
  save: "Save",
  cancel: "Cancel",
  removeOverride: "Remove override",
  coreVerdict: (v: string) => `Verdict under the law: ${v}`,

  calamityIntro:
    "When an asset bought this year is lost by a calamity and replaced in the same year, the lost asset may be left out of the total. This is a choice: the calculation uses the approval when it gives the better net result, unless you choose otherwise.",
  noCalamity: "No calamity in this ledger.",
  lostAsset: "Lost asset",
  replacedBy: "Replaced by",
  choose: "— choose —",
  approval: "Approval",
  approvalAuto: "Automatic (best)",
  approvalYes: "Apply",
  approvalNo: "Do not apply",
  eiaMiaLost: "EIA or MIA claimed on the lost asset",
  insurance: "Insurance money (if any)",
  fromLedger: "from the ledger",
  removeCalamity: "Do not treat as a calamity",
  restoreLedger: "Use the ledger's values again",
  treatAsCalamity: "Treat as a calamity again",
  choiceLabel: "Choice",
  addCalamity: "Add a calamity",
  add: "Add",
  without: "Without approval",
  with: "With approval",
  addition: "Disinvestment addition this year",
  net: "Net",
  exact: "exactly",
  netNote:
    "Net is the exact KIA minus this year's disinvestment addition (every disposal of the year, including insurance money for the lost asset); the calculation chooses on that net result.",
  difference: (amount: string, favour: "approval" | "statute" | "none") =>
    favour === "none"
      ? "No difference: the statute applies."
      : favour === "approval"
        ? `Difference ${amount} in favour of the approval.`
        : `Difference ${amount} in favour of the statutory rule (without approval).`,
  choice: {
    best: "The calculation takes whichever gives the better net result.",
    taxpayer: "You chose yourself.",
    unavailable: "The approval is not available.",
  },
  applied: "Applied",
  notApplied: "Not applied",
  conditions: "Conditions",
  met: "met",
  notMet: "not met",
  eiaMiaRule:
    "EIA or MIA on the lost asset rules out the approval: one investment for the KIA and two for EIA or MIA is not possible (besluit 4.4). EIA or MIA on the replacement only does not stand in the way.",
  strayCalamity: (ids: string) =>
    `Choices for assets that are not (or no longer) in the ledger do not count: ${ids}.`,

  isPartnership: "The business is a partnership (vof, maatschap, cv)",
  partnershipName: "Name of the partnership",
  key: "Allocation key",
  keys: {
    profit: "Share in the (excess) profit (statutory rule)",
    capital: "Capital ratio",
    reserves: "Shares in hidden reserves",
    equal: "Equal shares",
  },
  jointRequest: "Joint request (condition f)",
  jointUnknown: "To be filed or unknown",
  jointYes: "Filed",
  jointNo: "Not filed: the profit shares apply",
  readPartners: (table: string) => `Read again from the table ‘${table}’`,
  partnersRead: (n: number, table: string) => `${n} partners read from the table ${table}`,
  partnersEdit: "You can change everything below.",
  sharesHint: "Share in the (excess) profit, after the partners' labour fees (besluit 4.1.4), in percent (50 is 50%); a ratio such as 2 and 1 works too.",
  partnerN: (i: number) => `Partner ${i}`,
  partnerName: "Name",
  legalForm: "Legal form",
  profit: "Share in (excess) profit (%)",
  capital: "Capital",
  reserves: "Hidden reserves",
  outsideInvestments:
    "Investments in his own sole proprietorship this year (not a BV's)",
  disinvestmentLevel: "Disinvestment addition (art. 3.47)",
  disinvestmentLevelHint:
    "By default per partner: his share of the disposals against the threshold, at the rate of his own KIA. Each partner is the taxpayer (besluit 4.1.1). The other reading is shown beside it.",
  disinvestmentLevels: { partner: "per partner", partnership: "for the partnership as a whole" } as Record<"partner" | "partnership", string>,
  partnerDisinvestment: "Disinvestment addition",
  otherLevel: (level: string, money: string) => `Disinvestment addition ${level}: ${money}.`,
  partnerCalamity: (without: string, withIt: string, prefers: "with" | "without") =>
    `Calamity approval for this partner alone: net ${without} without, ${withIt} with; the partner's own choice would be ${prefers === "with" ? "the approval" : "the statutory rule"}.`,
  outsideHint:
    "Only an enterprise of the partner himself (income tax). A BV of the partner is another taxpayer: its investments never count; at most put them in the note.",
  ownAssetsInPartnership: "Own assets used in this business, bought this year",
  removePartner: "Remove partner",
  addPartner: "Add partner",
  perPartner: "KIA per partner",
  share: "Share",
  part: "Part of the investments",
  outsideKia: "KIA own sole proprietorship",
  methods: {
    share: "by his share",
    "own-assets": "with own assets (from 2021, art. 3.41 lid 3)",
    "hr-2020-pro-rata": "pro rata (HR 1 May 2020)",
    "hr-2019-fixed": "fixed amount (HR 24 May 2019)",
  },
  keyApplied: (k: string) => `Key applied: ${k}`,
  statuses: {
    met: "met",
    "not-met": "not met",
    "to-confirm": "to confirm",
    "not-applicable": "n/a",
  },
  letterHeading: "Request for another allocation key (condition f)",
  letterIntro:
    "A joint, signed request with the chosen key, to be filed before any partner's assessment is final. The letter is in Dutch; check it, have every partner sign and keep a copy in the file.",
  letterNotNeeded: "With the profit shares no request is needed.",
  copy: "Copy",
  copied: "Copied to the clipboard.",
  copyFailed: "Copying failed; select the text and copy with Ctrl+C.",
  downloadTxt: "Download (.txt)",
  downloadInExcel:
    "Not every Excel version allows downloads from the task pane; if it does not work, use Copy and paste the text into Word or Notepad.",
  declarationHeading: "Declaration on the reinvestment reserve (besluit 4.2, annex 1)",
  declarationMade:
    "The ledger says the declaration is made: the cost before the reserve counts. Condition a: a later disinvestment addition is then computed on the transfer price, not the book value. File it before the assessment is final.",
  declarationNotMade:
    "Without the declaration the reserve written off lowers the investment amount (HR 24 December 1975, no. 17 795). With it the cost before the reserve counts; then put ‘yes’ in the ledger's column ‘Verklaring 4.2’.",
  declarationWith: "KIA with the declaration",
  declarationWithout: "KIA without the declaration",
  declarationLabel: "Text of the declaration",
  letterLabel: "Text of the request",

  paymentHeading: "Payment (art. 3.44)",
  paymentIntro:
    "When an asset is not in use at year end, the KIA is deductible this year up to the amount paid; the rest moves to the year of further payment, at the latest the year it is taken into use.",
  allPaid:
    "Every asset is in use or fully paid at year end: the whole KIA is deductible this year.",
  asset: "Asset",
  attributed: "KIA part",
  paid: "Paid",
  disposalsHeading: "Disposals (art. 3.47)",
  disposalsIntro:
    "When the business disposes of an asset within five years after taking an investment deduction on it, and the sale prices (transfer prices) of those disposals together exceed the threshold, an addition follows.",
  noDisposals: "No disposals entered.",
  disposalN: (i: number) => `Disposal ${i}`,
  description: "Description",
  price: "Sale price",
  disposalKind: "Investment",
  kindThisYear: "of this year",
  kindEarlier: "of an earlier year",
  investment: "Which investment",
  investmentYear: "Investment year",
  investmentAmount: "Investment amount",
  partnerRate: (name: string, year: string) => `KIA percentage of ${name} in ${year || "that year"} (only if it differed)`,
  partnerRateHint: "His KIA divided by his investment amount that year, e.g. 25.78%; empty: the partnership's percentage.",
  investmentYearTotal: "Total investments of that year",
  removeDisposal: "Remove disposal",
  addDisposal: "Add disposal",
  disposalsTotal:
    "Total sale prices (only when more was disposed of than listed here)",
  disposalsSkipped: (n: number) => (n === 1 ? "1 disposal does not count yet" : `${n} disposals do not count yet`),
  disposalsSkippedIntro: "Complete them; the rest of the calculation goes on.",
  threshold: "Threshold",
  disposalsCounted: "Disposals that count",
  additionTotal: "Addition",
  notInWindow: "outside the five-year window",
  noDeduction: "no investment deduction taken",

  summary: "Summary",
  band: "Band",
  rate: "Effective rate",
  warnings: "Note",
  explanation: "Explanation with legal basis",
  overrides: "Overrides",
  parameters: (y: number) => `Table ${y} and sources`,
  confidence: "Certainty of the table",
  sources: "Sources",
  writeReport: (sheet: string) => `Write the report to the sheet ‘${sheet}’`,
  downloadReport: "Download report (.xlsx)",
  downloadScenario: "Save the data (.json)",
  replaceTitle: "Replace sheet?",
  replaceText: (sheet: string) =>
    `The sheet ‘${sheet}’ exists already. Only that sheet is replaced; the ledger and the other sheets stay as they are.`,
  replace: "Replace",
  reportWritten: (sheet: string) => `Report written to the sheet ‘${sheet}’.`,
  reportDownloaded: (file: string) => `Report downloaded: ${file}.`,
  writing: "Writing…",
  reportNote:
    "The report holds the summary, the partners, every asset, the explanation with legal references, the year's table and sources, the overrides with their reasons, the date and the add-in's version, and a chart of the KIA curve.",
  reportLeftOut: (n: number) =>
    `The report also lists what does not count (${n === 1 ? "1 message" : `${n} messages`}), under ‘Not counted’, with the cell and the reason.`,
  checkBeforeFiling: "Check before filing",
  checks: [
    "Are all of the year's investments in the ledger, also those not yet paid or in use?",
    "Are the ledger's problems solved (those rows do not count otherwise)?",
    "Do the overrides have a reason the file can support?",
    "With another allocation key: has the signed request been filed?",
    "With a calamity: is the replacement in the same year documented?",
  ],

  chartTitle: (y: number) => `KIA curve ${y}`,
  chartLabel: (y: number, total: string, kia: string) =>
    `Chart: KIA against total investments in ${y}. Your total ${total} gives ${kia} KIA.`,
  yourKia: "Your KIA",
  axisNote:
    "Vertically the KIA, horizontally the total of the investments that count; the dot is your total.",
  marginalLabel: "One more investment of",
  marginalThisYear: (amount: string) => `This year: ${amount} more KIA`,
  marginalLess: (amount: string) => `This year: ${amount} less KIA (phase-out)`,
  marginalNextYear: (y: number, amount: string) =>
    `In ${y}: ${amount} KIA (if nothing else is invested then)`,
  marginalNoTable: (y: number, why: string) =>
    `In ${y}: not yet known (${why}).`,
  marginalBetter: (when: "this" | "next" | "same", diff: string) =>
    when === "same"
      ? "No difference between this year and next."
      : when === "this"
        ? `Investing this year gives ${diff} more.`
        : `Investing next year gives ${diff} more.`,

  fieldNames: {
    id: "number",
    description: "description",
    category: "category",
    amount: "amount",
    vatDeductible: "VAT deductible",
    group: "group",
    paid: "paid",
    inUse: "in use",
    lostByCalamity: "lost by calamity",
    replacedBy: "replaced by",
    approval: "calamity approval",
    relatedParty: "related party",
    exemption: "exemption",
    marketValue: "market value",
    exemptionPossible: "exemption possible",
    reserve: "reinvestment reserve",
    reserveDeclaration: "declaration 4.2",
    eiaMia: "EIA/MIA",
    date: "date",
  },
  error: "Error",
  unexpected: (m: string) => `Something went wrong: ${m}`,

  toolsHeading: "Workbook",
  addKiaName: "Add =KIA() to this workbook",
  insertTemplate: "New KIA workbook",
  toolsHint:
    "=KIA(totaal, jaar) (the Dutch total, year) is a name holding the KIA tables 2010–2026 in plain Excel formulas: it also works where the add-in is not loaded (Microsoft 365, Excel 2024, Excel on the web). 'New KIA workbook' adds the sheets of the firm template (Start, Investeringen, Vennoten, Desinvesteringen, Overzicht, Toelichting, Lijsten); existing sheets stay as they are.",
  working: "Working…",
  kiaNameAdded: "The name KIA is in this workbook. Type for example =KIA(A2, 2025).",
  kiaNameFailed: (m: string) =>
    `This Excel cannot create the name KIA: it needs LAMBDA (Microsoft 365, Excel 2024 or Excel on the web; not Excel 2021 and older). Use =KIA.AMOUNT(total, year). Message: ${m}`,
  templateInserted: (sheets: string) => `Sheets added: ${sheets}. Fill in the table Investeringen; the add-in reads it above.`,
  templateFailed: (m: string) => `The KIA workbook could not be added: ${m}`,
};

registerEnglish(en);
