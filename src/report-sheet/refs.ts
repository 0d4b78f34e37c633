/**
 * The web address of a legal reference label ("art. 3.45 lid 2 onderdeel b Wet IB 2001"), for the pane's links and
 * the report sheet's link column: the report's own address for the label (report.parameters.references), else the
 * address of the same law with that article ("art. 3.40 Wet IB 2001" from another article's wetten.overheid.nl
 * address; "Besluit investeringsaftrek 2014, onderdeel 2.2" from the besluit's address). Only https addresses.
 * Pure: no DOM.
 */

export interface ReferenceLink {
  label: string;
  url: string;
}

const ARTICLE = /^art\.\s*(\d+\.\d+[a-z]?)\b.*\b(Wet IB 2001|Wet Vpb 1969)$/;

export function referenceUrls(references: readonly ReferenceLink[] | undefined): (label: string) => string | undefined {
  const own = new Map<string, string>();
  const byLaw = new Map<string, string>();
  let besluit: string | undefined;
  for (const r of references ?? []) {
    if (!r.url || !/^https:\/\//.test(r.url)) continue;
    own.set(r.label, r.url);
    const m = ARTICLE.exec(r.label);
    if (m && /[?&]artikel=[^&]+/.test(r.url) && !byLaw.has(m[2])) byLaw.set(m[2], r.url);
    if (/^Besluit investeringsaftrek/.test(r.label)) besluit ??= r.url;
  }
  return (label) => {
    const url = own.get(label);
    if (url) return url;
    const m = ARTICLE.exec(label);
    const law = m ? byLaw.get(m[2]) : undefined;
    if (m && law) return law.replace(/([?&]artikel=)[^&]+/, `$1${m[1]}`);
    if (/^Besluit investeringsaftrek/.test(label)) return besluit;
    return undefined;
  };
}
