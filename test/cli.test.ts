import { spawn, spawnSync } from "child_process";
import { EventEmitter } from "events";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Readable } from "stream";
import fc from "fast-check";
import { evaluate, explainText } from "../src";
import { HELP, USAGE, run, version } from "../cli/kia-calc";
import { findJsonError, invalidUtf8At, lineColumn, positionInMessage } from "../cli/input";
import { JsonChunks, Sink, writeJson } from "../cli/json-stream";
import { call, Memory } from "./support/cli";
import { workbook } from "./support/workbook";

const dir = mkdtempSync(join(tmpdir(), "kia-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const cliPath = join(__dirname, "..", "cli", "kia-calc.ts");
const nodeArgs = ["-r", "tsx/cjs", cliPath];
const examplesDir = join(__dirname, "scenarios");
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".json"));

const small = { year: 2014, investments: [{ id: "a", category: "vrachtauto", amount: 204000 }] };
const plain = file("s.json", JSON.stringify(small));
const expectedReport = JSON.stringify(evaluate(small), null, 2) + "\n";

/** A scenario with n machines of "1234.56"-like amounts in 2024, one investment per line. */
function ledger(n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`{"id":"M${i}","category":"machine","amount":"${(1000 + (i % 9000) + 0.56).toFixed(2)}"}`);
  return `{"year":2024,"investments":[\n${rows.join(",\n")}\n]}\n`;
}

/** Runs the CLI as a child process; stdout as bytes. */
function child(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; signal: string | null; out: Buffer; err: string }>((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, ...args], { env: { ...process.env, ...opts.env } });
    const out: Buffer[] = [];
    let err = "";
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => (err += d));
    p.on("error", reject);
    p.on("close", (code, signal) => resolve({ code, signal, out: Buffer.concat(out), err }));
  });
}

describe("kia-calc", () => {
  const worked = join(examplesDir, "besluit-2014-calamity.json");

  it("prints the report as JSON", async () => {
    const r = await call([plain]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(r.out)).toMatchObject({ year: 2014, kia: "7783", kiaExact: "7782.3116", band: "phase-out" });
    expect(r.out).toBe(expectedReport);
  });

  it("prints the Dutch explanation with --explain", async () => {
    const r = await call(["--explain", plain]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KIA 2014: € 7.783");
    expect(r.out).toContain("[art. 3.41 lid 2 Wet IB 2001]");
    expect(r.out).toContain("€ 7.782,3116 wordt € 7.783");
  });

  it("accepts a worked-example file and runs its scenario", async () => {
    const r = await call(["--explain", worked]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KIA 2014: € 15.470");
  });

  it("names a field the user wrote as it is, also one called __proto__, constructor or toString (no [object …] in the message)", async () => {
    const cases: [string, RegExp][] = [
      ['{"year":2025,"investments":[],"__proto__":{"x":1}}', /^Ongeldige invoer: scenario, __proto__ \(scenario\.__proto__\): onbekend veld/],
      ['{"year":2025,"investments":[{"id":"a","category":"machine","amount":1000,"constructor":1}]}', /^Ongeldige invoer: investering 1, constructor \(investments\[0\]\.constructor\): onbekend veld/],
      ['{"year":2025,"investments":[{"id":"a","category":"machine","amount":1000,"toString":1}]}', /^Ongeldige invoer: investering 1, toString \(/],
    ];
    for (const [json, message] of cases) {
      const r = await call([file("proto.json", json)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\[object|function /);
    }
  });

  it("exits 2 with 'Ongeldige invoer:' and the field for an invalid scenario", async () => {
    const bad = file("bad.json", JSON.stringify({ year: 2024, investments: [{ id: "x", category: "machine", amount: -3 }] }));
    const r = await call([bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Ongeldige invoer: investering 1, bedrag \(investments\[0\]\.amount\): .*-3/);
    expect(r.out).toBe("");
    const noTable = await call([file("y.json", JSON.stringify({ year: 2027, investments: [] }))]);
    expect(noTable.code).toBe(2);
    expect(noTable.err).toMatch(/^Ongeldige invoer: belastingjaar \(year\): Geen KIA-tabel voor 2027/);
    // a workbook's fields are not the user's words: Dutch only
    const sample = join(__dirname, "..", "examples", "voorbeeld-staat-2025.xlsx");
    const old = await call(["--year", "2005", sample]);
    expect(old.code).toBe(2);
    expect(old.err).toMatch(/\nOngeldige invoer: belastingjaar: Geen KIA-tabel voor 2005/);
    // a CSV is a ledger, not a workbook
    const csv = await call(["--explain", join(__dirname, "..", "examples", "voorbeeld-staat-2025.csv")]);
    expect(csv.out).toContain("Niet meegeteld: 1 regel van de CSV-staat; de berekening is zonder deze regel gemaakt:");
    // the sources: the law at its own address; not how the law data was gathered, nor commercial websites
    expect(csv.out).toMatch(/^- wettekst: Wet IB 2001, art\. 3\.41 lid 2 zoals geldend op 1 januari 2025; onderbouwt .*: https:\/\/wetten\.overheid\.nl\/jci1\.3:c:BWBR0011353&artikel=3\.41&z=2025-01-01&g=2025-01-01$/m);
    expect(csv.out).not.toMatch(/regelrecht|repository|\.yaml|vanpasse|jongbloed|bridgefund/i);
  });

  describe("files", () => {
    it("a missing file: 'Bestand … niet gevonden', exit 2", async () => {
      const r = await call(["scenario.json"]);
      expect(r).toEqual({ code: 2, out: "", err: "Bestand scenario.json niet gevonden\n" });
      expect((await call([join(plain, "sub.json")])).err).toContain("niet gevonden"); // ENOTDIR
    });

    it("a directory given as the file: clear message, exit 2", async () => {
      const r = await call([dir]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${dir} is een map, geen bestand; geef het scenariobestand zelf op\n`);
    });

    it("a file that cannot be read: clear message, exit 2", async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const spy = jest.spyOn(require("fs") as typeof import("fs"), "readFileSync");
      try {
        spy.mockImplementationOnce(() => {
          throw Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: "EACCES" });
        });
        expect(await call([plain])).toEqual({ code: 2, out: "", err: `Bestand ${plain} kan niet gelezen worden: geen leesrechten\n` });
        spy.mockImplementationOnce(() => {
          throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
        });
        expect((await call([plain])).err).toBe(`Bestand ${plain} kan niet gelezen worden: EIO: i/o error, read\n`);
      } finally {
        spy.mockRestore();
      }
      if (process.platform !== "win32" && process.getuid?.() !== 0) {
        const locked = file("locked.json", "{}");
        chmodSync(locked, 0o000);
        expect((await call([locked])).err).toContain("geen leesrechten");
      }
    });
  });

  describe("bad JSON", () => {
    it("names line and column (from the position in V8's message) and shows the line", async () => {
      const r = await call([file("broken.json", '{\n  "year": 2024\n  "investments": []\n}\n')]);
      expect(r.code).toBe(2);
      const name = join(dir, "broken.json");
      expect(r.err).toBe(
        `Bestand ${name} bevat geen geldige JSON: regel 3, kolom 3: ',' of '}' verwacht na een waarde (ontbreekt er een komma?)\n` +
          `  3 |   "investments": []\n` +
          `    |   ^\n`,
      );
      expect((await call([file("b1.json", "{ nope")])).err).toContain("regel 1, kolom 3: naam tussen dubbele aanhalingstekens of '}' verwacht");
      expect((await call([file("b2.json", '{"a":1,}')])).err).toContain("regel 1, kolom 8:");
    });

    it("still gives line and column when V8's message has no position", async () => {
      // Node 20: "Unexpected token '}', "{"a": tru}" is not valid JSON" and "Unexpected end of JSON input"
      const r = await call([file("b3.json", '{\n  "year": tru}')]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("regel 2, kolom 14: onverwacht teken '}'");
      const end = await call([file("b4.json", '{\n  "year": 2024,\n  "investments": [\n')]);
      expect(end.err).toContain("regel 3, kolom 19: het bestand houdt midden in de JSON op");
      expect((await call([file("empty.json", " \n")])).err).toBe(`Bestand ${join(dir, "empty.json")} is leeg; verwacht een scenario in JSON\n`);
      expect(positionInMessage("Expected ',' or '}' after property value in JSON at position 7 (line 1 column 8)")).toBe(7);
    });

    it("the fallback scanner finds the same position as V8 wherever V8 reports one", () => {
      const bad = ['{"a":1,}', "[1,2", '{"a" 1}', "[1.]", "[1e]", '{"a":-}', '"abc', '{"a":1}x', "[01]", "{'a':1}", '["a" "b"]', '{"a":"x\ny"}', "[tru]"];
      for (const t of bad) {
        let message = "";
        try {
          JSON.parse(t);
        } catch (e) {
          message = (e as Error).message;
        }
        const v8 = positionInMessage(message);
        if (v8 !== undefined) expect([t, findJsonError(t)]).toEqual([t, v8]);
        else expect(findJsonError(t)).toBeDefined();
      }
      expect(findJsonError('{"a":[1,2,{"b":null}],"c":"\\u00e9"}')).toBeUndefined();
      expect(findJsonError("[".repeat(100000) + "]".repeat(100000))).toBeUndefined();
      expect(lineColumn("ab\r\n😀x", 6)).toEqual({ line: 2, column: 2, lineStart: 4 }); // the emoji is one character
    });
  });

  describe("encodings", () => {
    const json = JSON.stringify(small);
    const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();

    it.each([
      ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
      ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")])],
      ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(json)])],
    ])("reads %s from a file and from standard input", async (label, bytes) => {
      const f = file(`${label.replace(/\W+/g, "-")}.json`, bytes);
      expect(await call([f])).toEqual({ code: 0, out: expectedReport, err: "" });
      // standard input arrives in pieces that split characters and the BOM itself
      const pieces = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)];
      expect(await call(["-"], { stdin: Readable.from(pieces) })).toEqual({ code: 0, out: expectedReport, err: "" });
    });

    it("keeps non-ASCII text intact through UTF-16", async () => {
      const withText = { year: 2024, investments: [{ id: "café-€-😀", description: "Koffiemachine ‘deluxe’", category: "machine", amount: "1234.56" }] };
      const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(JSON.stringify(withText))]);
      const r = await call(["-"], { stdin: Readable.from([bytes]) });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).assets[0]).toMatchObject({ id: "café-€-😀", description: "Koffiemachine ‘deluxe’" });
    });

    it("refuses invalid UTF-8, UTF-16 without BOM, an odd UTF-16 length and UTF-32 with a clear message", async () => {
      const ansi = await call([file("ansi.json", Buffer.from('{"year":2024,\n"x":"caf\xe9"}', "latin1"))]);
      expect(ansi.code).toBe(2);
      expect(ansi.err).toContain("is geen geldige UTF-8-tekst: byte 0xE9 op regel 2");
      expect(ansi.err).toContain("Windows-1252");
      expect((await call([file("u16-nobom.json", Buffer.from(json, "utf16le"))])).err).toContain("UTF-16 zonder byte-order mark");
      expect((await call([file("u16-odd.json", Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d]))])).err).toContain("oneven aantal bytes");
      expect((await call([file("u32.json", Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))])).err).toContain("UTF-32");
      expect(invalidUtf8At(Buffer.from([0x61, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0x80]))).toBe(4); // € fine, a surrogate not
    });
  });

  describe("options", () => {
    it("an unknown option: 'Onbekende optie --foo' and the usage line, exit 2", async () => {
      const r = await call(["--foo", plain]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.split("\n").slice(0, 2)).toEqual(["Onbekende optie --foo", USAGE]);
      expect((await call(["-x"])).err).toMatch(/^Onbekende optie -x\n/);
      expect((await call([])).err).toMatch(/^Geen scenario opgegeven\n/);
      expect((await call([plain, plain])).code).toBe(2);
    });

    it("'--' ends the options, so a file name may start with '-'", async () => {
      const r = await call(["--", "--foo"]);
      expect(r).toMatchObject({ code: 2, err: "Bestand --foo niet gevonden\n" });
    });

    it("--help and -h: Dutch usage with options, exit codes and an example, exit 0", async () => {
      for (const flag of ["--help", "-h"]) {
        const r = await call([flag]);
        expect(r).toEqual({ code: 0, out: HELP, err: "" });
      }
      expect(HELP.startsWith(USAGE)).toBe(true);
      for (const text of ["--explain", "--version", "Afsluitcodes", "0   gelukt", "1   interne fout", "2   ongeldige invoer", "KIA_DEBUG=1", "npm run -s kia-calc -- scenario.json", "npm run -s kia-calc -- - < scenario.json"]) {
        expect(HELP).toContain(text);
      }
    });

    it("README.md shows the current --help (the block after '`npm run -s kia-calc -- --help` prints:')", () => {
      const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8").replace(/\r\n/g, "\n");
      const block = /`npm run -s kia-calc -- --help` prints:\n\n```\n([\s\S]*?)```\n/.exec(readme);
      expect(block?.[1]).toBe(HELP);
      for (const option of ["--batch", "--out", "--scenario", "--year", "staat.csv"]) expect(block?.[1]).toContain(option);
    });

    /**
     * `npx kia-calc` failed on a fresh checkout ("sh: 1: kia-calc: not found": npx does not link a project's own
     * bin). The README's commands are `npm run -s kia-calc -- …` (scripts/kia-calc.js: cli/kia-calc.ts under
     * tsx, no build); the sample line is run here as the README writes it.
     */
    it("README.md: the calculator's commands run as written, without a build (npm run -s kia-calc -- …)", () => {
      const root = join(__dirname, "..");
      const readme = readFileSync(join(root, "README.md"), "utf8").replace(/\r\n/g, "\n");
      const section = readme.slice(readme.indexOf("## The calculator"));
      const commands = /```sh\n([\s\S]*?)```\n/.exec(section)![1].trim().split("\n").map((l) => l.replace(/\s+#.*$/, ""));
      expect(commands.length).toBeGreaterThanOrEqual(8);
      for (const c of commands) expect(c).toMatch(/^npm run -s kia-calc -- \S/);
      const examples = HELP.slice(HELP.indexOf("Voorbeelden:")).split("\n").slice(1).filter(Boolean);
      for (const e of examples) expect(e).toMatch(/^  npm run -s kia-calc -- \S/);
      for (const doc of ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)]) {
        expect([doc, readFileSync(join(root, doc), "utf8")]).not.toEqual([doc, expect.stringMatching(/npx (ts-node cli\/)?kia-calc/)]);
      }

      const sample = commands.find((c) => c.includes("examples/voorbeeld-staat-2025.xlsx"))!;
      expect(sample).toBe("npm run -s kia-calc -- --explain examples/voorbeeld-staat-2025.xlsx");
      const explain = spawnSync("sh", ["-c", sample], { cwd: root, encoding: "utf8" });
      expect(explain.status).toBe(0);
      // -s: no lines of npm before the report; the sample leaves a row out, so the figure says it is not final
      expect(explain.stdout).toMatch(/^Voorlopig: 1 regel niet meegeteld; de KIA hieronder is niet definitief\.\n\nKIA 2025: € 19\.769\n/);
      // the JSON report is JSON; file names are relative to the folder npm is run in
      const json = spawnSync("sh", ["-c", "npm run -s kia-calc -- voorbeeld-staat-2025.xlsx"], { cwd: join(root, "examples"), encoding: "utf8" });
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ year: 2025, kia: "19769" });
      // standard input, options and the exit code reach kia-calc
      const stdin = spawnSync("sh", ["-c", `npm run -s kia-calc -- - < '${plain}'`], { cwd: root, encoding: "utf8" });
      expect([stdin.status, stdin.stdout]).toEqual([0, expectedReport]);
      const unknown = spawnSync("sh", ["-c", "npm run -s kia-calc -- --foo"], { cwd: root, encoding: "utf8" });
      expect([unknown.status, unknown.stdout]).toEqual([2, ""]);
      expect(unknown.stderr).toContain(`Onbekende optie --foo\n${USAGE}\n`);
    }, 60_000);

    it("--version and -v: the version from package.json, also from a dist/cli layout", async () => {
      const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
      for (const flag of ["--version", "-v"]) expect(await call([flag])).toEqual({ code: 0, out: `kia-calc ${pkg.version}\n`, err: "" });
      const root = join(dir, "installed");
      mkdirSync(join(root, "dist", "cli"), { recursive: true });
      writeFileSync(join(root, "package.json"), JSON.stringify({ name: "x", version: "9.8.7" }));
      expect(version(join(root, "dist", "cli"))).toBe("9.8.7"); // dist/cli/kia-calc.js: two levels up
      expect(version(join(root, "cli"))).toBe("9.8.7"); // cli/kia-calc.ts under tsx: one level up
    });
  });

  describe("exit codes", () => {
    it("1 for an internal fault: one line, no stack trace; KIA_DEBUG=1 adds the stack", async () => {
      const boom = () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere");
      };
      const r = await call([plain], { evaluate: boom });
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toBe(
        "Interne fout: Cannot read properties of undefined (reading 'x') at somewhere. Dit is een fout in kia-calc; stuur het scenario naar de ontwikkelaars.\n",
      );
      const debug = await call([plain], { evaluate: boom, env: { KIA_DEBUG: "1" } });
      expect(debug.err.split("\n")[0]).toBe(r.err.trimEnd());
      expect(debug.err).toContain("TypeError: Cannot read properties");
      expect(debug.err).toMatch(/\n\s+at /);
      // a report that cannot be written (a BigInt) and a thrown non-Error are internal faults too
      expect((await call([plain], { evaluate: () => ({ n: BigInt(1) }) })).err).toMatch(/^Interne fout: Do not know how to serialize a BigInt\. /);
      expect((await call([plain], { evaluate: () => undefined })).code).toBe(1);
      const thrown = await call([plain], {
        evaluate: () => {
          throw "kapot"; // eslint-disable-line no-throw-literal
        },
      });
      expect(thrown).toMatchObject({ code: 1, err: "Interne fout: kapot. Dit is een fout in kia-calc; stuur het scenario naar de ontwikkelaars.\n" });
    });

    it("0 and 2 from a real process, never a stack trace", async () => {
      const [ok, bad, missing] = await Promise.all([
        child([worked]),
        child([file("b5.json", '{"year":2024,"investments":[{"id":"a","category":"machine","amount":"x"}]}')]),
        child([join(dir, "nope.json")]),
      ]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out.toString("utf8")).calamity.kiaWithout).toBe("7783");
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^Ongeldige invoer: investering 1, bedrag \(investments\[0\]\.amount\)/);
      expect(missing).toMatchObject({ code: 2, err: `Bestand ${join(dir, "nope.json")} niet gevonden\n` });
      for (const r of [ok, bad, missing]) expect(r.err).not.toMatch(/\n\s+at /);
    }, 30_000);
  });

  describe("streaming output", () => {
    it("is byte-for-byte JSON.stringify(report, null, 2) + newline on every worked example", async () => {
      expect(examples.length).toBeGreaterThan(0);
      for (const name of examples) {
        const { scenario } = JSON.parse(readFileSync(join(examplesDir, name), "utf8")) as { scenario: unknown };
        const expected = JSON.stringify(evaluate(scenario), null, 2) + "\n";
        const r = await call([join(examplesDir, name)]);
        expect([name, r.code, r.err]).toEqual([name, 0, ""]);
        expect(r.out).toBe(expected);
        for (const chunkSize of [1, 7, 100]) {
          const m = new Memory();
          await writeJson(new Sink(m), evaluate(scenario), 2, chunkSize);
          expect(m.text).toBe(expected);
        }
      }
    });

    it("equals JSON.stringify on generated values, in pieces of any size", () => {
      const collect = (v: unknown, indent: number | string, size: number) => {
        const c = new JsonChunks(v, indent);
        let text = "";
        for (let p = c.next(size); p !== null; p = c.next(size)) {
          expect(p).not.toBe("");
          text += p;
        }
        return text;
      };
      const value = fc.anything({
        maxDepth: 5,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withSparseArray: true,
        withTypedArray: true,
        withObjectString: true,
        withUnicodeString: true,
        withBigInt: false,
      });
      const indent = fc.oneof(fc.constantFrom(2, 0, 4, "\t", "--"), fc.integer({ min: -1, max: 12 }));
      fc.assert(
        fc.property(value, indent, fc.integer({ min: 1, max: 300 }), (v, ind, size) => {
          expect(collect(v, ind, size)).toBe(JSON.stringify(v, null, ind) ?? "");
        }),
        { numRuns: 300 },
      );
      // big containers (walked here, not by the native stringify), deep nesting, toJSON, holes
      const big = { a: Array.from({ length: 3000 }, (_, i) => ({ i, s: "é\n\u2028" + i, d: new Date(i), u: undefined, f: () => 1 })), z: [, 1, undefined] };
      for (const ind of [2, 0]) expect(collect(big, ind, 4096)).toBe(JSON.stringify(big, null, ind));
      let deep: unknown = [1];
      for (let i = 0; i < 2000; i++) deep = i % 2 ? [deep] : { k: deep };
      expect(collect(deep, 1, 65536)).toBe(JSON.stringify(deep, null, 1));
      // deeper than JSON.stringify itself can go: no recursion here
      let deeper: unknown = 1;
      for (let i = 0; i < 200000; i++) deeper = [deeper];
      expect(collect(deeper, 0, 65536)).toBe("[".repeat(200000) + "1" + "]".repeat(200000));
      const custom = { toJSON: (key: string) => ({ key, n: new Number(1), items: [{ toJSON: (k: string) => k }] }) };
      expect(collect({ x: custom, y: [custom] }, 2, 5)).toBe(JSON.stringify({ x: custom, y: [custom] }, null, 2));
    });

    it("throws TypeError like JSON.stringify for cycles and BigInt", () => {
      const cyclic: Record<string, unknown> = { a: [1, 2] };
      (cyclic.a as unknown[]).push({ back: cyclic });
      const drain = (v: unknown) => {
        const c = new JsonChunks(v, 2);
        while (c.next(10) !== null);
      };
      expect(() => drain(cyclic)).toThrow(TypeError);
      expect(() => drain({ big: Array.from({ length: 5000 }, () => cyclic) })).toThrow(TypeError);
      expect(() => drain({ n: BigInt(1) })).toThrow(TypeError);
      const shared = { s: 1 };
      expect(() => drain([shared, shared, { shared }])).not.toThrow(); // repeated, not circular
    });

    it("honours backpressure: after write() returns false nothing is written until 'drain'", async () => {
      /** Always full: every write() returns false; 'drain' comes on the next turn, or when released by hand. */
      class Slow extends EventEmitter {
        writes: string[] = [];
        waiting = false;
        violations = 0;
        manual = false;
        write(chunk: string): boolean {
          if (this.waiting) this.violations++;
          this.writes.push(chunk);
          this.waiting = true;
          if (!this.manual) setImmediate(() => this.drain());
          return false;
        }
        drain() {
          this.waiting = false;
          this.emit("drain");
        }
      }
      const report = evaluate(JSON.parse(ledger(2000)));
      const slow = new Slow();
      slow.manual = true;
      const done = writeJson(new Sink(slow), report, 2, 16 * 1024);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(slow.writes.length).toBe(1); // the first chunk, then it waits for 'drain'
      slow.manual = false;
      slow.drain();
      await done;
      expect(slow.violations).toBe(0);
      expect(slow.writes.length).toBeGreaterThan(20);
      // a piece is the chunk size plus at most one small element (an asset): memory stays bounded
      expect(Math.max(...slow.writes.map((w) => w.length))).toBeLessThan(16 * 1024 + 8 * 1024);
      expect(slow.writes.join("")).toBe(JSON.stringify(report, null, 2) + "\n");
      // and through run(): the same text
      const viaRun = new Slow();
      expect(await run([plain], { stdout: viaRun, stderr: new Memory(), env: {} })).toBe(0);
      expect(viaRun.violations).toBe(0);
      expect(viaRun.writes.join("")).toBe(expectedReport);
    });

    it("a closed output (EPIPE) ends quietly with exit 0, whether reported at once or later", async () => {
      const epipe = () => Object.assign(new Error("write EPIPE"), { code: "EPIPE", errno: -32, syscall: "write" });
      class Closed extends EventEmitter {
        writes = 0;
        errored: Error | null = null;
        destroyed = false;
        constructor(private readonly sync: boolean) {
          super();
        }
        write(): boolean {
          this.writes++;
          if (this.sync) {
            // as a pipe: the failed write destroys the stream at once; 'error' follows on the next tick
            this.errored = epipe();
            this.destroyed = true;
            process.nextTick(() => this.emit("error", this.errored));
          } else setImmediate(() => this.emit("error", epipe()));
          return false;
        }
      }
      for (const sync of [true, false]) {
        const out = new Closed(sync);
        const err = new Memory();
        expect(await run([plain], { stdout: out, stderr: err, env: {} })).toBe(0);
        expect(err.text).toBe("");
        expect(out.writes).toBe(1);
      }
      // another write error is reported (exit 1), without blaming the scenario
      const full = new Closed(false);
      full.write = function () {
        setImmediate(() => this.emit("error", Object.assign(new Error("no space left on device, write"), { code: "ENOSPC" })));
        return false;
      };
      const r = await call([plain], { stdout: full });
      expect(r.code).toBe(1);
      expect(r.err).toBe("Kan de uitvoer niet schrijven: no space left on device, write (ENOSPC)\n");
    });

    it("real process piped into a reader that closes early: no EPIPE message, exit 0", async () => {
      const f = file("ledger-20k.json", ledger(20000)); // about 13 MB of report: far more than a pipe holds
      const [early, shell] = await Promise.all([
        new Promise<{ code: number | null; err: string; got: number }>((resolve, reject) => {
          const p = spawn(process.execPath, [...nodeArgs, f]);
          let err = "";
          let got = 0;
          p.stderr.on("data", (d) => (err += d));
          p.stdout.once("data", (d: Buffer) => {
            got = d.length;
            p.stdout.destroy(); // the reader goes away
          });
          p.on("error", reject);
          p.on("close", (code) => resolve({ code, err, got }));
        }),
        process.platform === "win32"
          ? Promise.resolve(null)
          : new Promise<{ out: string; err: string }>((resolve) => {
              const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
              const cmd = `{ ${[process.execPath, ...nodeArgs, f].map(q).join(" ")}; echo "exit=$?" >&2; } | head -1`;
              const r = spawnSync("sh", ["-c", cmd], { encoding: "utf8" });
              resolve({ out: r.stdout, err: r.stderr });
            }),
      ]);
      expect(early.got).toBeGreaterThan(0);
      expect(early.err).toBe("");
      expect(early.code).toBe(0);
      if (shell) expect(shell).toEqual({ out: "{\n", err: "exit=0\n" });
    }, 30_000);

    it("real process: 200.000 investments give a report with 200.000 assets", async () => {
      const f = file("ledger-200k.json", ledger(200000));
      const r = await child([f]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out.length).toBeGreaterThan(100_000_000);
      const report = JSON.parse(r.out.toString("utf8")) as { assets: { id: string }[]; year: number };
      expect(report.year).toBe(2024);
      expect(report.assets.length).toBe(200000);
      expect(report.assets[199999].id).toBe("M199999");
    }, 60_000);
  });
});

/**
 * A workbook's cells kia-calc cannot read and the rows the calculation refuses are left out and listed on standard
 * error; the output names them too, so a report redirected to a file still says what it leaves out: --explain has a
 * section "Niet meegeteld", the JSON report starts with `leftOut`. A scenario .json has none (it stays strict).
 */
describe("kia-calc: what a workbook leaves out is in the output too", () => {
  const paid = "betaald bedrag is hoger dan het investeringsbedrag (€ 5.000,00)";
  const ambiguous =
    "dubbelzinnig bedrag: bedoelt u 2,50 of 2.500? Gebruik de komma alleen voor centen en de punt voor duizendtallen; verwacht een bedrag zoals 1.234,56";
  const refusedDisposal = "investering INV-2 telt niet mee (zie de melding bij die regel)";
  let path = "";
  let clean = "";
  beforeAll(async () => {
    const book = (rows: unknown[][], disposals: unknown[][]) =>
      workbook({ Overzicht: [["Jaar", 2025]], Investeringen: [], Desinvesteringen: [] }, [
        { sheet: "Investeringen", name: "Investeringen", ref: "A1", headers: ["Nummer", "Omschrijving", "Categorie", "Bedrag", "Betaald"], rows },
        { sheet: "Desinvesteringen", name: "Desinvesteringen", ref: "A1", headers: ["Nummer", "Omschrijving", "Verkoopprijs", "Investering dit jaar"], rows: disposals },
      ]);
    path = file("klant.xlsx", await book(
      [
        ["INV-1", "Draaibank", "machine", 10000, null],
        ["INV-2", "Freesmachine", "machine", 5000, 6000], // refused: paid more than the amount
        ["INV-3", "Printer", "computer", "2,500", null], // not read: 2,50 or 2.500?
        ["INV-4", "Kast", "inventaris", 2000, null],
      ],
      [["D1", "Freesmachine verkocht", 500, "INV-2"]], // goes with INV-2
    ));
    clean = file("schoon.xlsx", await book([["INV-1", "Draaibank", "machine", 10000, null]], [["D1", "Kast verkocht", 100, "INV-1"]]));
  });
  const stderr = () =>
    `Let op: 1 cel in ${path} niet gelezen; die regel telt niet mee:\n` +
    `  Investeringen!D4 ("2,500"): ${ambiguous}\n` +
    `Let op: 2 regels in ${path} tellen niet mee; de berekening weigert ze:\n` +
    `  Investeringen!E3 (nummer INV-2, kolom betaald): ${paid}\n` +
    `  Desinvesteringen!D2 (vervreemding D1, kolom investering dit jaar): ${refusedDisposal}\n`;
  const scenarioOf = async (p: string) => JSON.parse((await call(["--scenario", p])).out);

  it("--explain: below the first line the lines read (as the pane's header says them), then a section 'Niet meegeteld' with the lines of standard error; standard error as before", async () => {
    const r = await call(["--explain", path]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(stderr());
    const text = explainText(evaluate(await scenarioOf(path)));
    const [head, ...rest] = text.split("\n\n");
    expect(head).toBe("KIA 2025: € 3.360");
    expect(r.out).toBe(
      "Voorlopig: 3 regels niet meegeteld; de KIA hieronder is niet definitief.\n\n" +
        `${head}\n\n` +
        "Gelezen: tabel Investeringen: 4 regels gelezen.\n" +
        "Niet meegeteld: 3 regels van de werkmap; de berekening is zonder deze regels gemaakt:\n" +
        `- Investeringen!D4 ("2,500"): ${ambiguous}\n` +
        `- Investeringen!E3 (nummer INV-2, kolom betaald): ${paid}\n` +
        `- Desinvesteringen!D2 (vervreemding D1, kolom investering dit jaar): ${refusedDisposal}\n` +
        `\n${rest.join("\n\n")}`,
    );
    // the explanation itself counts what it computed: 2 investments
    expect(rest[0]).toMatch(/^1\. 2 investeringen in 2025/);
  });

  it("JSON: the report starts with leftOut, one entry per cell or row ({ cell, id?, column?, value?, reason }); the rest is the report", async () => {
    const r = await call([path]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(stderr());
    const out = JSON.parse(r.out);
    expect(Object.keys(out).slice(0, 3)).toEqual(["provisional", "open", "leftOut"]);
    expect([out.provisional, out.open]).toEqual([true, []]);
    expect(out.leftOut).toEqual([
      { cell: "Investeringen!D4", value: "2,500", reason: ambiguous },
      { cell: "Investeringen!E3", id: "INV-2", column: "betaald", reason: paid },
      { cell: "Desinvesteringen!D2", id: "D1", column: "investering dit jaar", reason: refusedDisposal },
    ]);
    const { leftOut: _l, provisional: _p, open: _o, ...report } = out;
    void [_l, _p, _o];
    expect(report).toEqual(JSON.parse(JSON.stringify(evaluate(await scenarioOf(path)))));
    expect(r.out).toContain('\n  "leftOut": [\n    {\n      "cell": "Investeringen!D4",\n');
  });

  it("nothing left out: an empty leftOut and no section, only the lines read; a scenario .json: no leftOut at all", async () => {
    const r = await call([clean]);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(JSON.parse(r.out).leftOut).toEqual([]);
    const e = await call(["--explain", clean]);
    const [head, ...rest] = explainText(evaluate(await scenarioOf(clean))).split("\n\n");
    expect(e.out).toBe(`${head}\n\nGelezen: tabel Investeringen: 1 regel gelezen.\n\n${rest.join("\n\n")}`);
    expect(e.out).not.toContain("Niet meegeteld");
    const s = await call([plain]);
    expect(s.out).toBe(expectedReport);
    expect(JSON.parse(s.out)).not.toHaveProperty("leftOut");
  });

  it("a CSV: the cell not read without a number (the reader gives none), a row refused by its number; still streamed in pieces", async () => {
    const lines = ["Nummer;Categorie;Bedrag;Betaald", "C1;machine;2,500;", "C2;machine;1.000;2.000"];
    for (let i = 0; i < 3000; i++) lines.push(`A${i};machine;${1000 + i},00;`);
    const csv = file("groot.csv", lines.join("\r\n"));
    class Pieces extends Memory {
      pieces: number[] = [];
      write(chunk: string): boolean {
        this.pieces.push(chunk.length);
        return super.write(chunk);
      }
    }
    const stdout = new Pieces();
    expect(await run(["--year", "2025", csv], { stdout, stderr: new Memory(), env: {} })).toBe(0);
    const out = JSON.parse(stdout.text);
    expect(out.leftOut).toEqual([
      { cell: "groot.csv!C2", value: "2,500", reason: ambiguous },
      { cell: "groot.csv!D3", id: "C2", column: "betaald", reason: "betaald bedrag is hoger dan het investeringsbedrag (€ 1.000,00)" },
    ]);
    expect(out.assets).toHaveLength(3000);
    expect(stdout.pieces.length).toBeGreaterThan(10);
    expect(Math.max(...stdout.pieces)).toBeLessThan(64 * 1024 + 8 * 1024);
  });
});
