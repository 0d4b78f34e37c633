/**
 * A letter to print and sign (the joint request of condition f, the declaration of besluit 4.2): its text laid out
 * as a letter on a page (a proportional font, paragraphs as written), with copy and download (.txt) buttons and what
 * happened. One component for every letter.
 */
import { useState } from "preact/hooks";
import { fieldId, usePane } from "../context";
import { copyText, downloadText } from "./download";

export function LetterText({ id, label, text, fileName }: { id: string; label: string; text: string; fileName: string }) {
  const { t, excel } = usePane();
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <p class="letter-label" id={`${fieldId(id)}-label`}>
        {label}
      </p>
      <div id={fieldId(id)} class="letter-text" role="document" tabIndex={0} aria-labelledby={`${fieldId(id)}-label`}>
        {text}
      </div>
      <div class="row wrap">
        <button type="button" class="btn" id={`copy-${id}`} onClick={async () => setStatus((await copyText(text)) ? t.copied : t.copyFailed)}>
          {t.copy}
        </button>
        <button type="button" class="btn" id={`download-${id}`} onClick={() => downloadText(fileName, text)}>
          {t.downloadTxt}
        </button>
      </div>
      {excel ? <p class="hint">{t.downloadInExcel}</p> : null}
      {status ? (
        <p class="hint" role="status">
          {status}
        </p>
      ) : null}
    </>
  );
}
