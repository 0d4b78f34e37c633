/**
 * The one Office.js call of the functions bundle: Excel's display language, once Office is ready, for the texts of
 * KIA.REASON and KIA.TABLE. The bundle has its own copy of kia-functions.ts, so the taskpane cannot set it; Dutch
 * until Office says otherwise (and in tests, where Office is absent). Kept out of functions.ts so that file
 * exports only the custom functions.
 */
import { setLanguage } from "./kia-functions";

export function followDisplayLanguage(office: typeof Office | undefined): void {
  office?.onReady?.(() => setLanguage(office.context?.displayLanguage));
}
