/**
 * The Excel functions registered in HyperFormula (a GPL formula engine used as a devDependency only, never
 * bundled) so tests can evaluate real formula strings: English and Dutch syntax, cell references, errors, spills.
 * The plugin calls the same exports Excel calls (functions/functions.ts) and turns CustomFunctions.Error into
 * HyperFormula's CellError.
 *
 * Errors as input, as in Excel: an error in a scalar argument is the result and the function is not called; an
 * error cell inside a range argument reaches the function as a CustomFunctions.Error with the error's code, which
 * is what Excel does when the metadata has `allowErrorForDataTypeAny: true` (without it Excel does not call the
 * function at all and the whole result is that error).
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from "hyperformula";
import * as functions from "../../functions/functions";
import nl from "../../functions/nl.json";

type Fn = (...args: unknown[]) => unknown;
type Ast = { args?: { start?: { row: number; col: number }; end?: { row: number; col: number } }[] };

const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPTIONAL = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };
const RANGE = { argumentType: FunctionArgumentType.RANGE };

const SPEC: Record<string, { fn: Fn; params: object[]; size?: string }> = {
  "KIA.AMOUNT": { fn: functions.amount as Fn, params: [SCALAR, SCALAR, OPTIONAL] },
  "KIA.ELIGIBLE": { fn: functions.eligible as Fn, params: [SCALAR, SCALAR, OPTIONAL, OPTIONAL] },
  "KIA.REASON": { fn: functions.reason as Fn, params: [SCALAR, SCALAR, OPTIONAL, OPTIONAL] },
  "KIA.RATE": { fn: functions.rate as Fn, params: [SCALAR, SCALAR] },
  "KIA.PARTNER": { fn: functions.partner as Fn, params: [SCALAR, SCALAR, SCALAR, OPTIONAL] },
  "KIA.DISINVESTMENT": { fn: functions.disinvestment as Fn, params: [SCALAR, SCALAR, SCALAR, SCALAR, SCALAR, OPTIONAL] },
  "KIA.MARGINAL": { fn: functions.marginal as Fn, params: [SCALAR, SCALAR, SCALAR] },
  "KIA.TABLE": { fn: functions.table as Fn, params: [SCALAR], size: "tableSize" },
  "KIA.LEDGER": { fn: functions.ledger as Fn, params: [RANGE, RANGE, SCALAR, OPTIONAL], size: "ledgerSize" },
};

/** A CustomFunctions.Error as HyperFormula's CellError, keeping its code (Excel shows the function's error code). */
function toCellError(e: unknown): CellError {
  const err = e as { code?: string; message?: string };
  const type = Object.entries(ERROR_CODES).find(([, code]) => code === err?.code)?.[0] as ErrorType | undefined;
  return new CellError(type ?? ErrorType.VALUE, err?.message ?? String(e));
}

/** HyperFormula's error types as Excel's error codes (CustomFunctions.ErrorCode values). */
const ERROR_CODES: Record<string, string> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.REF]: "#REF!",
};

/**
 * A cell of a range argument as the custom functions runtime passes it: an empty cell as null, a number with a
 * format (HyperFormula's RichNumber: 25%, € 5) as the number, an error cell as a CustomFunctions.Error with the
 * error's code and no message (what the runtime builds when the metadata allows errors as input:
 * `new CustomFunctionError(value.code)` in custom-functions-runtime's _transferCustomFunctionError).
 */
function excelCell(v: unknown): unknown {
  if (v === undefined || typeof v === "symbol") return null;
  if (v instanceof CellError) return new CustomFunctions.Error((ERROR_CODES[v.type] ?? "#VALUE!") as CustomFunctions.ErrorCode);
  if (typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
  return v;
}

/** Excel passes null for an omitted argument and for an empty cell, and a range as a 2-D array of cells. */
function excelArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(excelCell));
  return excelCell(v);
}

function toValue(v: unknown): unknown {
  if (Array.isArray(v)) return SimpleRangeValue.onlyValues(v.map((row: unknown[]) => row.map((c) => (c instanceof Error ? toCellError(c) : c))) as never);
  return v;
}

class KiaPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = {};

  tableSize(): ArraySize {
    return new ArraySize(7, 6);
  }

  /** One row per cell of the categories argument (a column or a row); a single cell or a value: one row. */
  ledgerSize(ast: Ast): ArraySize {
    const a = ast.args?.[0];
    if (!a?.start || !a?.end) return new ArraySize(3, 1);
    const rows = a.end.row - a.start.row + 1;
    const cols = a.end.col - a.start.col + 1;
    return new ArraySize(3, rows === 1 ? cols : rows);
  }
}

for (const [id, spec] of Object.entries(SPEC)) {
  const method = "fn_" + id.replace(".", "_");
  (KiaPlugin.implementedFunctions as Record<string, object>)[id] = { method, parameters: spec.params, ...(spec.size ? { sizeOfResultArrayMethod: spec.size } : {}) };
  (KiaPlugin.prototype as unknown as Record<string, unknown>)[method] = function (this: FunctionPlugin & { runFunction: Fn; metadata: Fn }, ast: { args: unknown[] }, state: unknown) {
    return this.runFunction(ast.args, state, this.metadata(id), (...args: unknown[]) => {
      // Like Excel: an error in an argument is the result; the function is not called.
      const argError = args.find((a) => a instanceof CellError);
      if (argError) return argError;
      try {
        return toValue(spec.fn(...spec.params.map((_, i) => excelArg(args[i]))));
      } catch (e) {
        return toCellError(e);
      }
    });
  };
}

let registered = false;
export function engine(rows: unknown[][] | Record<string, unknown[][]>, dutch = false): HyperFormula {
  if (!registered) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    HyperFormula.registerLanguage("nlNL", require("hyperformula/commonjs/i18n/languages/nlNL").default);
    const en: Record<string, string> = {};
    const nlNames: Record<string, string> = {};
    for (const id of Object.keys(SPEC)) {
      en[id] = id;
      nlNames[id] = "KIA." + (nl.functions as Record<string, { name: string }>)[id].name;
    }
    HyperFormula.registerFunctionPlugin(KiaPlugin, { enGB: en, nlNL: nlNames });
    registered = true;
  }
  const config = {
    licenseKey: "gpl-v3",
    maxRows: 1_000_000,
    ...(dutch ? { language: "nlNL", functionArgSeparator: ";", decimalSeparator: "," as const, thousandSeparator: "." as const, arrayColumnSeparator: ";" as const, arrayRowSeparator: "|" as const } : {}),
  };
  return Array.isArray(rows) ? HyperFormula.buildFromArray(rows as never, config) : HyperFormula.buildFromSheets(rows as never, config);
}
