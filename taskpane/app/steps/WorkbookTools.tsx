/**
 * Inside Excel: put the firm's tools into the open workbook.
 * - "Voeg =KIA() toe aan deze werkmap": the workbook name KIA, a LAMBDA in native Excel with the year tables
 *   generated from the core's law data (src/lambda.ts), so =KIA(totaal; jaar) works even where the add-in is not
 *   installed. Excel without LAMBDA (2021 and older) refuses the name: the pane says so and points to KIA.BEDRAG.
 * - "Nieuw KIA-werkblad": inserts the sheets of the firm template (templates/KIA-werkblad.xlsx, served beside the
 *   pane) with insertWorksheetsFromBase64 (ExcelApi 1.13), then recreates the names (insertion breaks names that
 *   point at tables) and writes the add-in formulas through Office.js so Excel binds them to the loaded functions.
 * Both load their code only when clicked: the template layout and the LAMBDA generator are not in the first load.
 */
import { useState } from "preact/hooks";
import { usePane } from "../context";

export const TEMPLATE_URL = "templates/KIA-werkblad.xlsx";

/** Bytes as base64, in slices (String.fromCharCode on a whole workbook would overflow the argument list). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function WorkbookTools(props: { onTemplateInserted: () => void }) {
  const { t, excel, workbook } = usePane();
  const [busy, setBusy] = useState<"name" | "template" | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  if (!excel || !workbook) return null;

  const addName = async () => {
    setBusy("name");
    setStatus(null);
    try {
      const { KIA_NAME, lambdaFormula } = await import(/* webpackChunkName: "lambda" */ "../../../src/lambda");
      await workbook.setName(KIA_NAME, lambdaFormula());
      setStatus({ ok: true, text: t.kiaNameAdded });
    } catch (e) {
      setStatus({ ok: false, text: t.kiaNameFailed(messageOf(e)) });
    } finally {
      setBusy(null);
    }
  };

  const insertTemplate = async () => {
    setBusy("template");
    setStatus(null);
    try {
      const res = await fetch(TEMPLATE_URL);
      if (!res.ok) throw new Error(`${TEMPLATE_URL}: ${res.status}`);
      const base64 = toBase64(new Uint8Array(await res.arrayBuffer()));
      const { afterInsert, TEMPLATE_SHEET_NAMES } = await import(/* webpackChunkName: "template-layout" */ "../../../templates/layout");
      const inserted = await workbook.insertSheets(base64);
      // Excel renames a sheet whose name is taken ("Overzicht (2)"): follow the names it gave, in order.
      const names: Record<string, string> = {};
      TEMPLATE_SHEET_NAMES.forEach((n, i) => {
        if (inserted[i]) names[n] = inserted[i];
      });
      const after = afterInsert(names);
      for (const n of after.names) await workbook.setName(n.name, n.formula);
      const bySheet = new Map<string, { address: string; formula: string }[]>();
      for (const f of after.formulas) {
        const list = bySheet.get(f.sheet) ?? [];
        list.push({ address: f.address, formula: f.formula });
        bySheet.set(f.sheet, list);
      }
      for (const [sheet, cells] of bySheet) await workbook.writeFormulas(sheet, cells);
      setStatus({ ok: true, text: t.templateInserted(inserted.join(", ")) });
      props.onTemplateInserted();
    } catch (e) {
      setStatus({ ok: false, text: t.templateFailed(messageOf(e)) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card tools" aria-labelledby="tools-heading">
      <h2 id="tools-heading">{t.toolsHeading}</h2>
      <div class="row wrap">
        <button type="button" class="btn" id="add-kia-name" onClick={addName} disabled={busy !== null}>
          {t.addKiaName}
        </button>
        <button type="button" class="btn" id="insert-template" onClick={insertTemplate} disabled={busy !== null}>
          {t.insertTemplate}
        </button>
      </div>
      <p class="hint">{t.toolsHint}</p>
      {busy ? (
        <p class="hint" role="status">
          {t.working}
        </p>
      ) : null}
      {status ? (
        <p class={`message ${status.ok ? "info" : "error"}`} role={status.ok ? "status" : "alert"} id="tools-status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
