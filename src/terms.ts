/**
 * The words the pane and the report sheet both show for the same thing, one dictionary per language: a legal method
 * or a figure is named once, so the pane and the client file cannot drift apart (they had: "met eigen
 * bedrijfsmiddelen (vanaf 2021)" against "(vanaf 2021, art. 3.41 lid 3)", "Confidence" against "Certainty"). The
 * report sheet (src/report-sheet/build.ts) and the pane's texts (taskpane/app/text/i18n.ts, i18n-en.ts) take these.
 */
export interface Terms {
  /** how a partner's KIA was found (report.partners[].method) */
  methods: Readonly<Record<string, string>>;
  taxYear: string;
  totalInvestments: string;
  deductibleThisYear: string;
  disinvestmentAddition: string;
  additionThisYear: string;
  lostAsset: string;
  assets: string;
  allocationKey: string;
  tableConfidence: string;
}

export const TERMS: Readonly<Record<"nl" | "en", Terms>> = {
  nl: {
    methods: {
      share: "naar aandeel",
      "own-assets": "met eigen bedrijfsmiddelen (vanaf 2021, art. 3.41 lid 3)",
      "hr-2020-pro-rata": "naar evenredigheid (HR 1 mei 2020)",
      "hr-2019-fixed": "vast bedrag (HR 24 mei 2019)",
    },
    taxYear: "Belastingjaar",
    totalInvestments: "Totaal investeringen",
    deductibleThisYear: "Dit jaar aftrekbaar",
    disinvestmentAddition: "Desinvesteringsbijtelling",
    additionThisYear: "Desinvesteringsbijtelling in dit jaar",
    lostAsset: "Verloren bedrijfsmiddel",
    assets: "Bedrijfsmiddelen",
    allocationKey: "Verdeelsleutel",
    tableConfidence: "Zekerheid van de tabel",
  },
  en: {
    methods: {
      share: "by share",
      "own-assets": "with own assets (from 2021, art. 3.41 lid 3)",
      "hr-2020-pro-rata": "pro rata (HR 1 May 2020)",
      "hr-2019-fixed": "fixed amount (HR 24 May 2019)",
    },
    taxYear: "Tax year",
    totalInvestments: "Total investments",
    deductibleThisYear: "Deductible this year",
    disinvestmentAddition: "Disinvestment addition",
    additionThisYear: "Disinvestment addition this year",
    lostAsset: "Lost asset",
    assets: "Assets",
    allocationKey: "Allocation key",
    tableConfidence: "Certainty of the table",
  },
};
