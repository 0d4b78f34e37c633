/**
 * A letter to print and sign (the joint request of condition f, the declaration of besluit 4.2): its text in a
 * read-only area, with copy and download (.txt) buttons and what happened. One component for every letter.
 */
import { useRef, useState } from "preact/hooks";
import { fieldId, usePane } from "../context";
import { copyText, downloadText } from "./download";

export function LetterText({ id, label, text, fileName }: { id: string; label: string; text: string; fileName: string }) {
  const { t, excel } = usePane();
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <label for={fieldId(id)}>{label}</label>
      <textarea id={fieldId(id)} ref={area} class="letter-text" readOnly rows={14} value={text} />
      <div class="row wrap">
        <button type="button" class="btn" id={`copy-${id}`} onClick={async () => setStatus((await copyText(text, area.current)) ? t.copied : t.copyFailed)}>
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
