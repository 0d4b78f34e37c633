/**
 * The Excel functions registered in HyperFormula (a GPL formula engine used as a devDependency only, never
 * bundled) so tests can evaluate real formula strings: English and Dutch syntax, cell references, errors, spills.
 * The plugin calls the same exports Excel calls (functions/functions.ts) and turns CustomFunctions.Error into
 * HyperFormula's CellError.
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

function toCellError(e: unknown): CellError {
  const err = e as { code?: string; message?: string };
  if (err && err.code === "#N/A") return new CellError(ErrorType.NA, err.message);
  return new CellError(ErrorType.VALUE, err?.message ?? String(e));
}

/** Excel passes null for an omitted argument and for an empty cell. */
function excelArg(v: unknown): unknown {
  if (v === undefined || typeof v === "symbol") return null;
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(excelArg));
  return v;
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

  ledgerSize(ast: Ast): ArraySize {
    const a = ast.args?.[0];
    if (!a?.start || !a?.end) return ArraySize.scalar();
    return new ArraySize(3, a.end.row - a.start.row + 1);
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
