/* global Blob, URL, document, setTimeout, HTMLTextAreaElement, navigator */
/** Saving text the pane made (the request letter, the scenario) and copying it: a Blob and a link, no network. */

export function downloadText(fileName: string, text: string, type = "text/plain;charset=utf-8"): void {
  // a byte-order mark so Notepad on older Windows reads the Dutch characters (ë, ï) as UTF-8
  const blob = new Blob(["\ufeff", text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Copy to the clipboard: the async Clipboard API, else the selection of `fallback` with execCommand (older webviews). */
export async function copyText(text: string, fallback?: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused (some Office webviews): try the selection
  }
  // without an area of its own (a bare number): a hidden one for the moment of copying
  const own = fallback ? null : document.createElement("textarea");
  const area = fallback ?? own!;
  if (own) {
    own.value = text;
    own.setAttribute("readonly", "");
    own.className = "sr-only";
    document.body.appendChild(own);
  }
  try {
    area.focus();
    area.select();
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    own?.remove();
  }
}

/**
 * A file name (without its extension) without characters Windows refuses, and without dots or spaces at the end:
 * "… v.o.f." + ".txt" would give "v.o.f..txt".
 */
export function safeFileName(s: string): string {
  const printable = Array.from(s, (c) => (c.charCodeAt(0) < 32 ? " " : c)).join("");
  return (
    printable
      .replace(/[\\/:*?"<>|]+/g, "-")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120)
      .replace(/[. ]+$/, "") || "kia"
  );
}
