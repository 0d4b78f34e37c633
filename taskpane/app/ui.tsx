/**
 * Small building blocks in the Fluent 2 look (styles.css): labelled fields with their message, badges, money,
 * legal references, a modal dialog. Text goes in as JSX children or attributes only, so whatever a ledger holds
 * is shown as text; nothing here sets HTML.
 */
import { Component, type ComponentChildren, type ComponentType, type TargetedEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { fieldId, usePane } from "./context";
import { formatMoney } from "./text/format";

export function Money({ value, decimals = "auto" }: { value: string | undefined; decimals?: number | "auto" }) {
  const { culture } = usePane();
  if (value === undefined) return <span class="muted">—</span>;
  return <span class="money">{formatMoney(value, culture, decimals)}</span>;
}

/** The message at a field, when there is one (the user's input error, or the core's). */
export function FieldMessage({ fieldKey, id }: { fieldKey: string; id: string }) {
  const { fieldErrors } = usePane();
  const m = fieldErrors.get(fieldKey);
  if (!m) return null;
  return (
    <p class="field-error" id={id}>
      {m}
    </p>
  );
}

interface FieldProps {
  fieldKey: string;
  label: string;
  hint?: string;
  class?: string;
}

export function TextField(
  props: FieldProps & {
    value: string;
    onInput: (v: string) => void;
    inputMode?: "decimal" | "numeric" | "text";
    placeholder?: string;
    list?: string;
    multiline?: boolean;
    required?: boolean;
    autoComplete?: string;
  },
) {
  const { fieldErrors } = usePane();
  const id = fieldId(props.fieldKey);
  const err = fieldErrors.get(props.fieldKey);
  const describedBy = [props.hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    value: props.value,
    "aria-invalid": err ? ("true" as const) : undefined,
    "aria-describedby": describedBy,
    onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => props.onInput(e.currentTarget.value),
  };
  return (
    <div class={`field ${props.class ?? ""}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={3} required={props.required} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          list={props.list}
          autoComplete={props.autoComplete ?? "off"}
          required={props.required}
        />
      )}
      <FieldFooter id={id} fieldKey={props.fieldKey} hint={props.hint} />
    </div>
  );
}

/** Under a field: its hint and its error message, with the ids the field's aria-describedby points at. */
function FieldFooter(props: { id: string; fieldKey: string; hint?: string }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldMessage fieldKey={props.fieldKey} id={`${props.id}-error`} />
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { value: string; options: Option[]; onChange: (v: string) => void }) {
  const { fieldErrors } = usePane();
  const id = fieldId(props.fieldKey);
  const err = fieldErrors.get(props.fieldKey);
  const describedBy = [props.hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field ${props.class ?? ""}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldFooter id={id} fieldKey={props.fieldKey} hint={props.hint} />
    </div>
  );
}

export function CheckboxField(props: { fieldKey: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = fieldId(props.fieldKey);
  return (
    <div class="field check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      <label for={id}>{props.label}</label>
      <FieldMessage fieldKey={props.fieldKey} id={`${id}-error`} />
    </div>
  );
}

export type BadgeKind = "success" | "danger" | "warning" | "neutral" | "brand";

export function Badge({ kind, children }: { kind: BadgeKind; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

/** A legal reference ("art. 3.41 lid 2 Wet IB 2001"), linked to its text where the report gives the address. */
export function Ref({ label }: { label: string | undefined }) {
  const { refUrl } = usePane();
  if (!label) return null;
  const url = refUrl(label);
  return url ? (
    <a class="ref" href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  ) : (
    <span class="ref">{label}</span>
  );
}

/** A row of a definition list: label left, value right (wraps under each other in a narrow pane). */
export function Stat({ label, children, strong }: { label: string; children: ComponentChildren; strong?: boolean }) {
  return (
    <div class={strong ? "stat strong" : "stat"}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A modal dialog on the native <dialog> (focus moves into it and stays there; Escape closes it). The focus goes
 * back to where it was when the dialog closes.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; labelledBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    const d = ref.current!;
    if (typeof d.showModal === "function") {
      if (!d.open) d.showModal();
    } else {
      // a webview without <dialog> (Safari before 15.4): shown on top, closed with Escape, no focus trap
      d.setAttribute("open", "");
      d.classList.add("fallback");
    }
    const first = d.querySelector<HTMLElement>("[data-autofocus]") ?? d.querySelector<HTMLElement>("input, textarea, select, button");
    first?.focus();
    return () => {
      // close first: while a modal dialog is open, everything outside it is inert and cannot take the focus
      if (d.open && typeof d.close === "function") d.close();
      const o = opener.current as HTMLElement | null;
      const back = () => {
        if (o && document.contains(o) && (document.activeElement === document.body || !document.activeElement)) o.focus();
      };
      if (o && document.contains(o)) o.focus();
      requestAnimationFrame(back);
    };
  }, []);
  const titleId = "dialog-title";
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      onKeyDown={(e) => {
        if (e.key === "Escape" && ref.current?.classList.contains("fallback")) props.onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

/** Up to this many assets a picker is a drop-down; above it a text field with suggestions (one shared list). */
export const PICKER_SELECT_MAX = 200;
export const ASSET_LIST_ID = "asset-ids";

/**
 * The ledger's assets as suggestions for the pickers of large ledgers, rendered once: it only re-renders when the
 * list itself changes, not on every edit elsewhere in the pane.
 */
export class AssetSuggestions extends Component<{ options: readonly Option[] }> {
  shouldComponentUpdate(next: { options: readonly Option[] }) {
    return next.options !== this.props.options;
  }
  render() {
    if (this.props.options.length <= PICKER_SELECT_MAX) return null;
    return (
      <datalist id={ASSET_LIST_ID}>
        {this.props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
    );
  }
}

/** Pick one of the ledger's assets: a drop-down for a small ledger, a field with suggestions for 10.000 rows. */
export function AssetPicker(props: FieldProps & { value: string; options: readonly Option[]; onChange: (v: string) => void; choose: string }) {
  if (props.options.length <= PICKER_SELECT_MAX)
    return <SelectField {...props} options={[{ value: "", label: props.choose }, ...props.options]} />;
  return <TextField {...props} list={ASSET_LIST_ID} onInput={props.onChange} />;
}

/**
 * A component loaded when it is first shown (a lazy chunk: the pane's first load stays small,
 * test/taskpane-build.test.ts); `waiting` until then (and if it cannot load).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, waiting: (props: P) => ComponentChildren = () => null): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (C) return;
      let live = true;
      load()
        .then((c) => {
          loaded = c;
          if (live) setC(() => c);
        })
        .catch(() => undefined);
      return () => {
        live = false;
      };
    }, []);
    return C ? <C {...props} /> : <>{waiting(props)}</>;
  };
}

/** Inside Excel, a button that selects a cell of the workbook ("Ga naar D19"); nothing in the standalone page. */
export function GoToCell({ sheet, row, column, label }: { sheet: string; row: number; column: number; label: string }) {
  const { t, excel, workbook } = usePane();
  if (!excel || !workbook) return null;
  return (
    <button type="button" class="btn link" onClick={() => void workbook.selectCell(sheet, row, column).catch(() => undefined)}>
      {t.goToCell(label)}
    </button>
  );
}

/** Whether the pane is at least `px` wide (a media query, as the stylesheet's), following its resizing. */
export function useWidth(px: number): boolean {
  const mq = typeof matchMedia === "function" ? matchMedia(`(min-width: ${px}px)`) : undefined;
  const [wide, setWide] = useState(!!mq?.matches);
  useEffect(() => {
    if (!mq) return;
    const on = () => setWide(mq.matches);
    // Safari before 14 (older Office webviews) knows only addListener
    if (mq.addEventListener) mq.addEventListener("change", on);
    else mq.addListener(on);
    on();
    return () => (mq.removeEventListener ? mq.removeEventListener("change", on) : mq.removeListener(on));
  }, [px]);
  return wide;
}
