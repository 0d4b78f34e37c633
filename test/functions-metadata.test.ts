/** Metadata generated from functions.ts in a test: no errors, ids frozen, every id translated. */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { join } from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localize } = require("../functions/localize.js");

const IDS = ["KIA.AMOUNT", "KIA.ELIGIBLE", "KIA.REASON", "KIA.RATE", "KIA.PARTNER", "KIA.DISINVESTMENT", "KIA.MARGINAL", "KIA.TABLE", "KIA.LEDGER"];

describe("custom functions metadata", () => {
  let metadata: { functions: { id: string; name: string; parameters: { name: string; optional?: boolean; dimensionality?: string }[]; result: { dimensionality?: string } }[] };

  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata([join(__dirname, "..", "functions", "functions.ts")]);
    expect(r.errors).toEqual([]);
    metadata = JSON.parse(r.metadataJson);
  }, 30000);

  it("has exactly the permanent ids, in order (frozen: Excel stores them in workbooks)", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(IDS);
    expect(metadata.functions.map((f) => `${f.id}(${f.parameters.map((p) => p.name + (p.optional ? "?" : "")).join(", ")})`)).toMatchSnapshot();
  });

  it("uses English names under the KIA namespace", () => {
    expect(metadata.functions.map((f) => f.name)).toEqual(IDS.map((id) => id.slice(4)));
  });

  it("spills TABLE and LEDGER, takes ranges in LEDGER", () => {
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f]));
    expect(byId["KIA.TABLE"].result.dimensionality).toBe("matrix");
    expect(byId["KIA.LEDGER"].result.dimensionality).toBe("matrix");
    expect(byId["KIA.LEDGER"].parameters[0].dimensionality).toBe("matrix");
  });

  it("every id has a Dutch translation with the same id and parameter count", () => {
    const nl = localize(metadata);
    expect(nl.functions.map((f: { id: string }) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    nl.functions.forEach((f: { parameters: unknown[]; name: string }, i: number) => {
      expect(f.parameters.length).toBe(metadata.functions[i].parameters.length);
      expect(f.name).not.toBe(metadata.functions[i].name === "TABLE" ? "" : metadata.functions[i].name);
    });
    expect(nl.functions[0].name).toBe("BEDRAG");
  });

  it("the localizer refuses an untranslated function", () => {
    const extra = { functions: [...metadata.functions, { id: "KIA.NEW", name: "NEW", parameters: [], result: {} }] };
    expect(() => localize(extra)).toThrow("no Dutch translation for KIA.NEW");
  });
});
