/**
 * Loads the benchmarks' TypeScript as `tsc` compiles it for kia-calc (CommonJS, ES2020, the project's own
 * tsconfig.json), through the TypeScript compiler's transpileModule: `node -r ./bench/register.js bench/run.ts`.
 *
 * Why not tsx: tsx (esbuild) turns every imported name into a getter call on the exporting module, and in a loop of
 * a million kia() calls those getters are a third of the time (profiled: `get src/cents.ts`, `get src/index.ts`,
 * `get src/decimal.ts`). No user runs that code: kia-calc runs tsc's output (dist/), Excel and the pane webpack's
 * bundle (ts-loader, modules concatenated). The figures are for the code as it ships.
 */
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const root = path.join(__dirname, "..");
const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, noEmit: false, sourceMap: false, inlineSourceMap: false, declaration: false };

for (const ext of [".ts", ".tsx"]) {
  require.extensions[ext] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
    module._compile(outputText, filename);
  };
}
