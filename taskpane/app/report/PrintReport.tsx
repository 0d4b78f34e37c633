/**
 * Afdrukken / PDF (the standalone page): the report step printed through the print stylesheet (taskpane/styles.css,
 * @media print): page 1 the summary (a heading with the year, the client and the source, the figures, "Voor de
 * aangifte"), from page 2 the points to check, the explanation with its articles, the curve, the table and the checks;
 * no buttons, tabs or fields. The browser's own "Opslaan als PDF" then makes the PDF. Inside Excel the pane prints
 * through the report sheet (Bestand > Afdrukken), so it only says so. Part of the report step's lazy chunk.
 */
import { useEffect } from "preact/hooks";

const WORDS = {
  nl: {
    print: "Afdrukken / PDF",
    printHint: "Drukt de samenvatting (pagina 1) en de toelichting af; kies bij de printer ‘Opslaan als PDF’ voor een PDF.",
    excelHint: "Afdrukken of een PDF: zet het rapport op het werkblad en druk dat blad af (Bestand > Afdrukken): A4 staand, één pagina breed.",
    title: (year: number) => `Kleinschaligheidsinvesteringsaftrek ${year}`,
    concept: "CONCEPT – voorlopig, niet definitief",
    printed: (date: string, version: string) => `Afgedrukt op ${date} · KIA-rekenhulp ${version}`,
  },
  en: {
    print: "Print / PDF",
    printHint: "Prints the summary (page 1) and the explanation; choose ‘Save as PDF’ as the printer for a PDF.",
    excelHint: "To print or make a PDF: put the report on the worksheet and print that sheet (File > Print): A4 portrait, one page wide.",
    title: (year: number) => `Small-scale investment deduction (KIA) ${year}`,
    concept: "DRAFT – provisional, not final",
    printed: (date: string, version: string) => `Printed on ${date} · KIA calculator ${version}`,
  },
} as const;

/** Every <details> in the report open while it prints (a closed one prints only its summary), as it was after. */
function useOpenDetailsForPrint(): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = Array.from(document.querySelectorAll<HTMLDetailsElement>(".report details:not([open])"));
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
}

/** The print button (standalone) or where printing is done (Excel). */
export function PrintButton({ lang, excel }: { lang: "nl" | "en"; excel: boolean }) {
  const w = WORDS[lang];
  useOpenDetailsForPrint();
  if (excel) return <p class="hint">{w.excelHint}</p>;
  return (
    <>
      <button type="button" class="btn" id="print-report" onClick={() => window.print()}>
        {w.print}
      </button>
      <p class="hint print-hint">{w.printHint}</p>
    </>
  );
}

/** The heading only the printed page shows: the year, CONCEPT when not final, the client, the source, when (date jjjj-mm-dd, shown dd-mm-jjjj) and by what. */
export function PrintHead(p: { lang: "nl" | "en"; year: number; provisional: boolean; client?: string; source: string; date: string; version: string }) {
  const w = WORDS[p.lang];
  return (
    <header class="print-only print-head">
      <h2>{w.title(p.year)}</h2>
      {p.provisional ? <p class="print-concept">{w.concept}</p> : null}
      {p.client ? <p class="print-client">{p.client}</p> : null}
      <p>{p.source}</p>
      <p class="print-small">{w.printed(p.date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$3-$2-$1"), p.version)}</p>
    </header>
  );
}
