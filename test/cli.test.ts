import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../cli/kia-calc";

function call(args: string[]) {
  let out = "";
  let err = "";
  const code = run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}
const dir = mkdtempSync(join(tmpdir(), "kia-cli-"));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe("kia-calc", () => {
  const scenario = join(__dirname, "scenarios", "besluit-2014-calamity.json");
  const plain = file("s.json", JSON.stringify({ year: 2014, investments: [{ id: "a", category: "vrachtauto", amount: 204000 }] }));

  it("prints the report as JSON", () => {
    const r = call([plain]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2014, kia: "7783", kiaExact: "7782.3116", band: "phase-out" });
  });

  it("prints the Dutch explanation with --explain", () => {
    const r = call(["--explain", plain]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KIA 2014: € 7.783");
    expect(r.out).toContain("[art. 3.41 lid 2 Wet IB 2001]");
    expect(r.out).toContain("€ 7.782,3116 wordt € 7.783");
  });

  it("exits 2 with a message naming the field for invalid input", () => {
    const bad = file("bad.json", JSON.stringify({ year: 2024, investments: [{ id: "x", category: "machine", amount: -3 }] }));
    const r = call([bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("investments[0].amount");
    expect(r.err).toContain("-3");
    const noTable = call([file("y.json", JSON.stringify({ year: 2027, investments: [] }))]);
    expect(noTable.code).toBe(2);
    expect(noTable.err).toContain("Geen KIA-tabel voor 2027");
    expect(call([file("broken.json", "{ nope")]).code).toBe(2);
    expect(call([join(dir, "missing.json")]).code).toBe(2);
    expect(call([]).code).toBe(2);
  });

  it("accepts a worked-example file and runs its scenario", () => {
    const r = call(["--explain", scenario]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KIA 2014: € 15.470");
  });

  it("runs as a real process", () => {
    const p = scenario;
    const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "..", "cli", "kia-calc.ts"), p], { encoding: "utf8" });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).calamity.kiaWithout).toBe("7783");
    const bad = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "..", "cli", "kia-calc.ts"), file("b2.json", '{"year":2024,"investments":[{"id":"a","category":"machine","amount":"x"}]}')], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("investments[0].amount");
  });
});
