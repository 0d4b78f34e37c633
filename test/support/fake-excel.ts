/**
 * A small Excel for the Office adapter's tests, built on office-addin-mock (4.0.0). The mock has load/sync but
 * no collections, enums or ranges of its own (see its README and docs/testing): this file seeds the objects the
 * adapter touches with functions that cut ranges out of a sheet model, registers every range in the mock's
 * object tree (so `context.sync()` loads it), and wraps what it hands out in proxies that record every property
 * the adapter sets (a write), by sheet. `context.sync` is wrapped to count calls, log them beside calls of
 * suspendApiCalculationUntilNextSync, and to throw Excel's payload error when more cells were loaded in one
 * request than `payloadCells`.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface SheetModel {
  name: string;
  /** a block of values at (r0, c0): the ledger */
  block?: { r0: number; c0: number; rows: unknown[][] };
  /** single cells by "row,column" (0-based) */
  cells?: Map<string, unknown>;
  /** error cells by "row,column": their value is the error text, valueTypes "Error" */
  errors?: Set<string>;
  /** columns whose numbers have a date format (numberFormatCategories "Date") */
  dateColumns?: Set<number>;
  /** Excel tables on the sheet: header row and column (0-based), data rows and width */
  tables?: { name: string; headerRow: number; column: number; rows: number; columns: number }[];
  /** Excel answers `values` with null (too many cells) */
  nullValues?: boolean;
}

export interface Write {
  sheet: string;
  path: string;
  value: unknown;
}

export interface FakeExcel {
  context: any;
  events: string[];
  writes: Write[];
  syncs: () => number;
  /** per sync: how many method calls and property writes the adapter queued since the sync before (a request's size) */
  requests: () => number[];
  sheets: Map<string, SheetModel>;
  /** methods called on objects (charts.add, names.add, select, delete, ...) with the sheet they belong to */
  calls: { sheet: string; method: string; args: unknown[] }[];
  settings: Map<string, unknown>;
  /** make the sync with this number (counted from the start) fail with Excel's payload error */
  failSync(n: number): void;
  install(): void;
  uninstall(): void;
}

const NOT_LOADED = "Error, property was not loaded";

function colLetters(n: number): string {
  let s = "";
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function parseA1(a: string): { r: number; c: number; n: number; m: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(a.replace(/^.*!/, ""));
  if (!m) throw new Error(`bad address ${a}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((x, ch) => x * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r = Number(m[2]) - 1;
  const c = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r;
  const c2 = m[3] ? col(m[3]) : c;
  return { r, c, n: r2 - r + 1, m: c2 - c + 1 };
}

export function fakeExcel(options: {
  sheets: SheetModel[];
  /** highest ExcelApi version supported, e.g. "1.13" */
  api?: string;
  payloadCells?: number;
  displayLanguage?: string;
  /** workbook names of a range ("KIA_JAAR" -> "Overzicht!$B$3") */
  names?: Record<string, string>;
  /** the workbook counts dates from 1904 (DATE(1904;1;1) is 0) */
  date1904?: boolean;
  /**
   * keep what the adapter writes: values set on a range become the sheet's cells, and a table added and named becomes
   * one of its tables, so a later read sees them (the register written in one year, read back the next)
   */
  keepWrites?: boolean;
}): FakeExcel {
  const sheets = new Map(options.sheets.map((s) => [s.name, s]));
  const events: string[] = [];
  const writes: Write[] = [];
  const calls: FakeExcel["calls"] = [];
  const settings = new Map<string, unknown>();
  let syncCount = 0;
  const failing = new Set<number>();
  let pendingCells = 0;
  let rangeId = 0;
  const api = options.api ?? "1.13";
  const supported = (v: string) => {
    const [a, b] = v.split(".").map(Number);
    const [x, y] = api.split(".").map(Number);
    return a < x || (a === x && b <= y);
  };

  const valueAt = (s: SheetModel, r: number, c: number): unknown => {
    const b = s.block;
    if (b && r >= b.r0 && r < b.r0 + b.rows.length && c >= b.c0 && c < b.c0 + (b.rows[0]?.length ?? 0)) {
      const v = b.rows[r - b.r0][c - b.c0];
      return v === null || v === undefined ? "" : v;
    }
    const v = s.cells?.get(`${r},${c}`);
    return v === null || v === undefined ? "" : v;
  };
  const typeAt = (s: SheetModel, r: number, c: number, v: unknown): string =>
    s.errors?.has(`${r},${c}`) ? "Error" : v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";

  // proxies that record writes by the adapter (the mock's own sync writes go to the raw objects)
  const spy = (target: any, sheet: string, path: string): any =>
    new Proxy(target, {
      get(t, k) {
        const v = t[k];
        if (typeof v === "function") {
          if (typeof k === "string" && ["load", "sync", "addMock", "populate", "setValue", "resetValue", "toJSON"].includes(k)) return v.bind(t);
          return (...args: unknown[]) => {
            calls.push({ sheet, method: `${path}.${String(k)}`, args });
            return v.apply(t, args);
          };
        }
        if (v && typeof v === "object" && !Array.isArray(v) && typeof k === "string" && !k.startsWith("_")) return spy(v, sheet, `${path}.${k}`);
        return v;
      },
      set(t, k, v) {
        writes.push({ sheet, path: `${path}.${String(k)}`, value: v });
        t[k] = v;
        if (options.keepWrites && k === "values" && t.__geo && Array.isArray(v)) {
          const model = sheets.get(sheet);
          if (model) {
            model.cells ??= new Map();
            (v as unknown[][]).forEach((row, i) => row.forEach((x, j) => model.cells!.set(`${t.__geo.r0 + i},${t.__geo.c0 + j}`, x)));
          }
        }
        return true;
      },
    });

  let registry: any;
  /**
   * Ranges nothing was loaded from: dropped from the mock's tree after the next sync. office-addin-mock's sync
   * visits every object ever registered, so without this a writer's n ranges over n/1000 syncs cost n² in the mock
   * alone (Excel sends only what is new in each request). A range loaded later is registered again.
   */
  const unloaded = new Set<string>();
  /** a range of a sheet, registered in the mock's tree */
  const makeRange = (sheetName: string, r0: number, c0: number, n: number, m: number): any => {
    const s = sheets.get(sheetName) ?? { name: sheetName };
    const key = `range${rangeId++}`;
    const values: unknown[][] = [];
    const types: string[][] = [];
    const cats: string[][] = [];
    const big = n * m > 5_000_000;
    if (!big)
      for (let r = 0; r < n; r++) {
        const vr: unknown[] = new Array(m);
        const tr: string[] = new Array(m);
        const cr: string[] = new Array(m);
        for (let c = 0; c < m; c++) {
          const v = valueAt(s, r0 + r, c0 + c);
          vr[c] = v;
          tr[c] = typeAt(s, r0 + r, c0 + c, v);
          cr[c] = typeof v === "number" && s.dateColumns?.has(c0 + c) ? "Date" : v === "" ? "General" : typeof v === "number" ? "Number" : "General";
        }
        values.push(vr);
        types.push(tr);
        cats.push(cr);
      }
    registry.addMock(key);
    const raw = registry[key];
    raw.populate({
      values,
      valueTypes: types,
      numberFormatCategories: cats,
      rowIndex: r0,
      columnIndex: c0,
      rowCount: n,
      columnCount: m,
      address: `${sheetName}!${colLetters(c0)}${r0 + 1}:${colLetters(c0 + m - 1)}${r0 + n}`,
      numberFormat: [],
      format: { font: {}, fill: {} },
      getRowsBelow(k: number) {
        return makeRange(sheetName, r0 + n, c0, k, m);
      },
      getRow(i: number) {
        return makeRange(sheetName, r0 + i, c0, 1, m);
      },
      getIntersection(other: any) {
        const g = other.__geo;
        const top = Math.max(r0, g.r0);
        const left = Math.max(c0, g.c0);
        const bottom = Math.min(r0 + n, g.r0 + g.n);
        const right = Math.min(c0 + m, g.c0 + g.m);
        if (bottom <= top || right <= left) throw new Error("no intersection");
        return makeRange(sheetName, top, left, bottom - top, right - left);
      },
      getUsedRangeOrNullObject() {
        return makeRange(sheetName, r0, c0, n, m);
      },
      findOrNullObject(text: string) {
        const want = text.trim().toLowerCase();
        for (const [k, v] of s.cells ?? []) {
          if (typeof v === "string" && v.trim().toLowerCase() === want) {
            const [r, c] = k.split(",").map(Number);
            return makeRange(sheetName, r, c, 1, 1);
          }
        }
        const nul = makeRange(sheetName, 0, 0, 1, 1);
        nul.__target.isNullObject = true;
        return nul;
      },
      select() {
        events.push(`select ${sheetName}!${colLetters(c0)}${r0 + 1}`);
      },
      merge() {},
      setCellProperties() {},
      setRowProperties() {},
    });
    // Excel answers null for a large block only: a header row or a single row comes back
    if (s.nullValues && n > 1) {
      raw._properties.get("values").resetValue(null);
      raw.values = NOT_LOADED;
    }
    raw.__geo = { r0, c0, n, m };
    Object.defineProperty(raw, "worksheet", { get: () => sheetObject(sheetName) });
    raw.isNullObject = false;
    const load = raw.load.bind(raw);
    raw.load = (p: unknown) => {
      // the cells travel only when their contents are loaded (not a range's place: rowIndex, rowCount, address)
      if (/values|valueTypes|numberFormat|formulas|text/.test(String(p))) pendingCells += n * m;
      unloaded.delete(key);
      if (!registry._properties.has(key)) {
        registry._properties.set(key, raw);
        registry[key] = raw;
      }
      return load(p);
    };
    unloaded.add(key);
    // the raw target stays reachable (findOrNullObject's null object is marked on it, unrecorded)
    Object.defineProperty(raw, "__target", { value: raw, enumerable: false });
    return spy(raw, sheetName, `range(${r0},${c0},${n}x${m})`);
  };

  const chartSeed = (sheetName: string) => ({
    title: {},
    legend: {},
    series: {
      add(name: string) {
        calls.push({ sheet: sheetName, method: "series.add", args: [name] });
        return spy({ setXAxisValues() {}, setValues() {} }, sheetName, "series");
      },
    },
    setPosition() {},
  });

  const sheetSeed = (name: string) => ({
    name,
    getRangeByIndexes(r: number, c: number, n: number, m: number) {
      return makeRange(name, r, c, n, m);
    },
    getRange(address?: string) {
      if (!address) return makeRange(name, 0, 0, 1_048_576, 16_384);
      const a = parseA1(address);
      return makeRange(name, a.r, a.c, a.n, a.m);
    },
    activate() {
      events.push(`activate ${name}`);
    },
    getUsedRangeOrNullObject() {
      // the cells with a value (valuesOnly), from A1 when the sheet is empty
      const s = sheets.get(name);
      let r1 = -1;
      let c1 = -1;
      let r0 = Infinity;
      let c0 = Infinity;
      const see = (r: number, c: number) => {
        r0 = Math.min(r0, r);
        c0 = Math.min(c0, c);
        r1 = Math.max(r1, r);
        c1 = Math.max(c1, c);
      };
      const b = s?.block;
      if (b) b.rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && v !== "" && see(b.r0 + r, b.c0 + c)));
      for (const [k, v] of s?.cells ?? []) if (v !== null && v !== undefined && v !== "") see(...(k.split(",").map(Number) as [number, number]));
      for (const t of s?.tables ?? []) see(t.headerRow + t.rows, t.column + t.columns - 1);
      const range = r1 < 0 ? makeRange(name, 0, 0, 1, 1) : makeRange(name, r0, c0, r1 - r0 + 1, c1 - c0 + 1);
      if (r1 < 0) range.__target.isNullObject = true;
      return range;
    },
    pageLayout: {
      headersFooters: { defaultForAllPages: {} },
      setPrintTitleRows() {},
      setPrintArea() {},
    },
    horizontalPageBreaks: { add() {} },
    tables: {
      add(range: any, hasHeaders: boolean) {
        const g = range.__geo;
        calls.push({ sheet: name, method: "tables.add", args: [`${colLetters(g.c0)}${g.r0 + 1}:${colLetters(g.c0 + g.m - 1)}${g.r0 + g.n}`, hasHeaders] });
        const table: any = { style: "" };
        Object.defineProperty(table, "name", {
          get: () => table._name,
          set: (v: string) => {
            table._name = v;
            const model = sheets.get(name);
            if (options.keepWrites && model) (model.tables ??= []).push({ name: v, headerRow: g.r0, column: g.c0, rows: g.n - 1, columns: g.m });
          },
        });
        return spy(table, name, "table");
      },
    },
    charts: {
      add(type: string, _range: unknown, seriesBy: string) {
        calls.push({ sheet: name, method: "charts.add", args: [type, seriesBy] });
        return spy(chartSeed(name), name, "chart");
      },
    },
  });

  let sheetId = 0;
  let sheetsMock: any;
  const sheetObject = (name: string) => {
    const key = `sheet${sheetId++}`;
    sheetsMock.addMock(key);
    const raw = sheetsMock[key];
    raw.populate(sheetSeed(name));
    raw.isNullObject = false;
    return spy(raw, name, `sheet(${name})`);
  };

  const tableObject = (sheet: SheetModel, t: NonNullable<SheetModel["tables"]>[number]) => {
    const key = `table${sheetId++}`;
    tablesMock.addMock(key);
    const raw = tablesMock[key];
    raw.populate({
      name: t.name,
      getHeaderRowRange: () => makeRange(sheet.name, t.headerRow, t.column, 1, t.columns),
      getDataBodyRange: () => makeRange(sheet.name, t.headerRow + 1, t.column, Math.max(1, t.rows), t.columns),
    });
    let ws: any;
    Object.defineProperty(raw, "worksheet", { get: () => (ws ??= sheetObject(sheet.name)) });
    return spy(raw, sheet.name, `table(${t.name})`);
  };

  const seed = {
    workbook: {
      r: {},
      worksheets: {},
      tables: {},
      names: {},
      functions: {},
      application: {
        decimalSeparator: ",",
        thousandsSeparator: ".",
        useSystemSeparators: true,
        cultureInfo: { name: "nl-NL", numberFormat: { numberDecimalSeparator: ",", numberGroupSeparator: "." } },
        suspendApiCalculationUntilNextSync() {
          events.push("suspend");
        },
      },
    },
  };
  const ctxRaw: any = new OfficeMockObject(seed);
  registry = ctxRaw.workbook.r;
  sheetsMock = ctxRaw.workbook.worksheets;
  const tablesMock = ctxRaw.workbook.tables;
  const namesMock = ctxRaw.workbook.names;

  // collections, by hand: items, getItem, getItemOrNullObject, add
  sheetsMock.getItem = (name: string) => {
    if (!sheets.has(name)) throw new Error(`ItemNotFound ${name}`);
    return sheetObject(name);
  };
  sheetsMock.getItemOrNullObject = (name: string) => {
    const exists = sheets.has(name);
    const key = `old${sheetId++}`;
    sheetsMock.addMock(key);
    const raw = sheetsMock[key];
    const tableCount = sheets.get(name)?.tables?.length ?? 0;
    raw.populate({
      name,
      tables: { count: tableCount },
      delete() {
        events.push(`delete ${name}`);
        sheets.delete(name);
      },
    });
    raw.isNullObject = !exists;
    return spy(raw, name, `sheet(${name})`);
  };
  sheetsMock.add = (name: string) => {
    events.push(`add ${name}`);
    sheets.set(name, { name });
    return sheetObject(name);
  };
  sheetsMock.load = () => {
    const items = [...sheets.keys()].map((n) => sheetObject(n));
    for (const s of items) s.load("name");
    sheetsMock.items = items;
  };
  tablesMock.getItem = (name: string) => {
    for (const s of sheets.values()) for (const t of s.tables ?? []) if (t.name === name) return tableObject(s, t);
    throw Object.assign(new Error(`ItemNotFound ${name}`), { code: "ItemNotFound" });
  };
  tablesMock.load = () => {
    const items: any[] = [];
    for (const s of sheets.values()) for (const t of s.tables ?? []) items.push(tableObject(s, t));
    for (const t of items) {
      t.load("name");
      t.worksheet.load("name");
    }
    tablesMock.items = items;
  };
  namesMock.getItemOrNullObject = (name: string) => {
    const key = `name${sheetId++}`;
    namesMock.addMock(key);
    const raw = namesMock[key];
    raw.populate({ name, formula: "" });
    raw.isNullObject = !settings.has(`name:${name}`);
    return spy(raw, "(names)", `name(${name})`);
  };
  namesMock.add = (name: string, formula: string) => {
    calls.push({ sheet: "(names)", method: "names.add", args: [name, formula] });
    settings.set(`name:${name}`, formula);
  };
  namesMock.load = () => {
    const items = Object.entries(options.names ?? {}).map(([name, value]) => {
      const key = `name${sheetId++}`;
      namesMock.addMock(key);
      const raw = namesMock[key];
      raw.populate({ name, type: "Range", value });
      raw.load("name, type, value");
      return raw;
    });
    namesMock.items = items;
  };
  ctxRaw.workbook.functions.date = (y: number, m: number, d: number) => {
    const key = `fn${sheetId++}`;
    registry.addMock(key);
    const raw = registry[key];
    // DATE in the workbook's date system: days since 1900-01-00 (with 1900's 29 February), or since 1904-01-01
    const serial = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
    raw.populate({ value: options.date1904 ? serial - 1462 : serial });
    return raw;
  };
  ctxRaw.workbook.getSelectedRange = () => {
    const sel = (options.sheets[0].tables ?? [])[0];
    return makeRange(options.sheets[0].name, sel?.headerRow ?? 0, sel?.column ?? 0, (sel?.rows ?? 0) + 1 + 5, sel?.columns ?? 1);
  };
  ctxRaw.workbook.insertWorksheetsFromBase64 = (b64: string) => {
    calls.push({ sheet: "(workbook)", method: "insertWorksheetsFromBase64", args: [b64] });
    return { value: ["Investeringen", "Vennoten"] };
  };

  const realSync = ctxRaw.sync.bind(ctxRaw);
  const requests: number[] = [];
  let queued = 0;
  ctxRaw.sync = async () => {
    syncCount++;
    events.push("sync");
    requests.push(calls.length + writes.length - queued);
    queued = calls.length + writes.length;
    const cells = pendingCells;
    pendingCells = 0;
    if (failing.delete(syncCount) || (options.payloadCells !== undefined && cells > options.payloadCells))
      throw Object.assign(new Error("The request payload size has exceeded the limit."), { code: "RequestPayloadSizeLimitExceeded" });
    await realSync();
    for (const key of unloaded) {
      registry._properties.delete(key);
      delete registry[key];
    }
    unloaded.clear();
    // let the mock's property updates (queued as microtasks) settle
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const context = spy(ctxRaw, "(context)", "context");

  const office = {
    context: {
      displayLanguage: options.displayLanguage ?? "nl-NL",
      contentLanguage: "nl-NL",
      requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && supported(v) },
      document: {
        settings: {
          get: (k: string) => (settings.has(k) ? settings.get(k) : null),
          set: (k: string, v: unknown) => void settings.set(k, v),
          saveAsync: (cb: (r: { status: string }) => void) => {
            events.push("settings.saveAsync");
            cb({ status: "succeeded" });
          },
        },
      },
    },
    onReady: async () => ({ host: "Excel", platform: "PC" }),
  };
  const excel = { run: async (cb: (ctx: any) => Promise<unknown>) => cb(context) };
  const g = globalThis as any;
  return {
    context,
    events,
    writes,
    calls,
    sheets,
    settings,
    syncs: () => syncCount,
    requests: () => requests.slice(),
    failSync: (n: number) => void failing.add(n),
    install() {
      g.Office = office;
      g.Excel = excel;
    },
    uninstall() {
      delete g.Office;
      delete g.Excel;
    },
  };
}

/**
 * What a report writer set on a sheet, however it set it: per cell its format (wrapText, font, fill, alignment) from
 * setCellProperties (ExcelApi 1.9) or from range.format writes, row heights from setRowProperties or
 * format.rowHeight, and merged cells from merge(true) (each row of the range merged across) or merge().
 */
export function writtenFormats(fx: FakeExcel, sheet: string) {
  const geo = (path: string) => {
    const m = /range\((\d+),(\d+),(\d+)x(\d+)\)/.exec(path);
    if (!m) throw new Error(`no range in ${path}`);
    const [r, c, n, w] = m.slice(1).map(Number);
    return { r, c, n, w };
  };
  const cells = new Map<string, Record<string, unknown>>();
  const set = (r: number, c: number, key: string, value: unknown) => {
    const k = `${r},${c}`;
    cells.set(k, { ...(cells.get(k) ?? {}), [key]: value });
  };
  const heights = new Map<number, number>();
  const merges: { row: number; column: number; columns: number }[] = [];
  for (const call of fx.calls.filter((x) => x.sheet === sheet)) {
    if (call.method.endsWith(".setCellProperties")) {
      const g = geo(call.method);
      (call.args[0] as { format?: any }[][]).forEach((row, i) =>
        row.forEach((p, j) => {
          const f = p.format ?? {};
          if (f.wrapText !== undefined) set(g.r + i, g.c + j, "wrapText", f.wrapText);
          if (f.verticalAlignment !== undefined) set(g.r + i, g.c + j, "verticalAlignment", f.verticalAlignment);
          if (f.horizontalAlignment !== undefined) set(g.r + i, g.c + j, "horizontalAlignment", f.horizontalAlignment);
          if (f.font?.bold !== undefined) set(g.r + i, g.c + j, "font.bold", f.font.bold);
          if (f.font?.italic !== undefined) set(g.r + i, g.c + j, "font.italic", f.font.italic);
          if (f.font?.size !== undefined) set(g.r + i, g.c + j, "font.size", f.font.size);
          if (f.fill?.color !== undefined) set(g.r + i, g.c + j, "fill.color", f.fill.color);
        }),
      );
    } else if (call.method.endsWith(".setRowProperties")) {
      const g = geo(call.method);
      (call.args[0] as { format?: { rowHeight?: number } }[]).forEach((p, i) => {
        if (p.format?.rowHeight !== undefined) heights.set(g.r + i, p.format.rowHeight);
      });
    } else if (/\.merge$/.test(call.method)) {
      const g = geo(call.method);
      if (call.args[0] === true) for (let i = 0; i < g.n; i++) merges.push({ row: g.r + i, column: g.c, columns: g.w });
      else merges.push({ row: g.r, column: g.c, columns: g.w });
    }
  }
  for (const w of fx.writes.filter((x) => x.sheet === sheet)) {
    const m = /\.format\.(wrapText|verticalAlignment|horizontalAlignment|font\.bold|font\.italic|font\.size|fill\.color|rowHeight)$/.exec(w.path);
    if (!m || !/range\(/.test(w.path)) continue;
    const g = geo(w.path);
    if (m[1] === "rowHeight") {
      for (let i = 0; i < g.n; i++) heights.set(g.r + i, w.value as number);
      continue;
    }
    for (let i = 0; i < g.n; i++) for (let j = 0; j < g.w; j++) set(g.r + i, g.c + j, m[1], w.value);
  }
  return { cells, heights, merges };
}
