/* eslint-disable no-undef */
/**
 * Build of the add-in, in the shape of Microsoft's Excel-Custom-Functions-Shared template:
 * custom-functions-metadata plugin (functions.json), HTML plugin (taskpane.html hosts taskpane + functions:
 * shared runtime), copy plugin (assets, manifest with the hosting URL). Extra: functions-nl.json from
 * functions/nl.json, and the standalone mode (KIA_STANDALONE=1): a page for a plain browser that makes no
 * network request at all. It loads no office.js (office.js contacts Microsoft hosts; taskpane.ts runs without
 * the Office global) and not the functions bundle (it calls CustomFunctions.associate at load, and that
 * global only exists inside Excel).
 *
 * The standalone build has a third entry, read-worker.js: the Web Worker that reads an uploaded file
 * (taskpane/workbook/read-worker.ts), not in the page's HTML, started when a file is opened.
 *
 * The taskpane (taskpane/taskpane.tsx, Preact) carries a Content-Security-Policy meta tag per build (CSP below;
 * docs/security.md says why each entry is there), its stylesheet as a file (no inline styles, so the standalone
 * page needs no 'unsafe-inline'), and the file adapter (JSZip) as a lazy chunk only the standalone page loads.
 * The standalone build also ships the sample ledger (examples/).
 *
 * Output: dist/addin/ (npm run build: the production add-in the manifest and a firm's host use). npm start builds
 * into its own folder (--output-path dist/dev/<port>, scripts/start.js) and serves that, so a production build
 * never replaces the page a running npm start serves (the standalone page would load office.js from the CDN).
 *
 * Settings (environment): KIA_ADDIN_URL  hosting URL written into manifest.xml (default https://localhost:3000/;
 *                                        npm start sets https://localhost:<PORT>/)
 *                         KIA_STANDALONE 1 = standalone browser page (npm start without Excel, browser tests);
 *                                        otherwise the page loads office.js from Microsoft's CDN
 */
const path = require("path");
const webpack = require("webpack");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { localize } = require("./functions/localize.js");

const DEV_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const DEV_ORIGIN = "https://localhost:3000";
const { version } = require("./package.json");

/**
 * The page's Content-Security-Policy (a meta tag: the static hosts of a firm may not let us set headers).
 * Standalone: only the page's own origin, no inline code or style. Inside Office: office.js from Microsoft's CDN,
 * and inline styles because office.js (excel-web-16.00.js) sets them (OfficeDev/office-js#1687).
 */
function csp(standalone) {
  return [
    "default-src 'self'",
    standalone ? "script-src 'self'" : `script-src 'self' ${new URL(OFFICE_JS_CDN).origin}`,
    standalone ? "style-src 'self'" : "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

class LocalizeFunctionsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizeFunctionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizeFunctionsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL + 1 },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) {
            compilation.errors.push(new Error("functions.json was not generated"));
            return;
          }
          // Error cells in a range reach KIA.STAAT/KIA.LEDGER (and error values the scalar functions) as values, so
          // a ledger row can say which error its cell held ("cel bevat #N/B") instead of Excel returning that
          // error for the whole spill. The metadata generator cannot set this from JSDoc.
          const metadata = JSON.parse(asset.source.source().toString());
          metadata.allowErrorForDataTypeAny = true;
          compilation.updateAsset("functions.json", new compiler.webpack.sources.RawSource(JSON.stringify(metadata, null, 2)));
          const nl = localize(metadata);
          compilation.emitAsset("functions-nl.json", new compiler.webpack.sources.RawSource(JSON.stringify(nl, null, 2)));
        },
      );
    });
  }
}

/**
 * A chunk that holds nothing but a library's own minified build (exceljs, when a bundle takes it: its browser field
 * is dist/exceljs.min.js, 940 KB) is marked minimized, so the production minimizer leaves it alone: minifying it
 * again saved no byte (941 KB in, 941 KB out) and was the biggest single cost of `webpack --mode production`:
 * the build's CPU time fell from 32-41 s to 15 s on the 2-core test machine, where terser runs on one worker
 * thread. jszip (dist/jszip.min.js) is the other such chunk. Runs just before the minimizer (stage
 * OPTIMIZE_SIZE), which skips an asset whose info says `minimized`.
 */
class PrebuiltMinifiedPlugin {
  apply(compiler) {
    const { Compilation, NormalModule } = compiler.webpack;
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("PrebuiltMinifiedPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "PrebuiltMinifiedPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 }, () => {
        if (!compiler.options.optimization.minimize) return;
        for (const chunk of compilation.chunks) {
          if (chunk.hasRuntime()) continue; // an entry chunk carries webpack's runtime, written unminified
          const modules = compilation.chunkGraph.getChunkModules(chunk);
          const prebuilt = modules.length > 0 && modules.every((m) => m instanceof NormalModule && /[\\/]node_modules[\\/].*\.min\.js$/.test(m.resource));
          if (!prebuilt) continue;
          // its source-map comment names a map the build does not ship (production writes no source maps)
          const withoutMapComment = (source) => new RawSource(source.source().toString().replace(/^\/\/# sourceMappingURL=\S+$/gm, ""));
          for (const file of chunk.files) if (/\.js$/.test(file)) compilation.updateAsset(file, withoutMapComment, { minimized: true });
        }
      });
    });
  }
}

/** How TypeScript and TSX (Preact) are compiled for the browser; the e2e harness build uses the same. */
const TS_RULE = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    options: {
      transpileOnly: true,
      compilerOptions: { target: "ES2017", module: "ESNext", moduleResolution: "node", jsx: "react-jsx", jsxImportSource: "preact" },
    },
  },
};
const RESOLVE = { extensions: [".ts", ".tsx", ".js", ".json"] };
const TARGET = ["web", "es2017"];

module.exports = (env = {}, options = {}) => {
  const standalone = process.env.KIA_STANDALONE === "1" || env.standalone === true;
  const url = (process.env.KIA_ADDIN_URL || DEV_URL).replace(/\/?$/, "/");
  if (!/^https:\/\//.test(url) && !standalone) throw new Error(`KIA_ADDIN_URL must be https (Office requires it): ${url}`);
  const mode = options.mode || "production";
  let origin = DEV_ORIGIN;
  try {
    origin = new URL(url).origin;
  } catch {
    // not a URL (the standalone page needs none): the manifest keeps the development origin
  }
  return {
    mode,
    devtool: mode === "production" ? false : "source-map",
    entry: {
      functions: "./functions/functions.ts",
      taskpane: "./taskpane/taskpane.tsx",
      // the standalone page reads an uploaded file in a Web Worker: a script of its own, loaded only then
      ...(standalone ? { "read-worker": { import: "./taskpane/workbook/read-worker.ts", chunkLoading: false } } : {}),
    },
    output: { path: path.resolve(__dirname, "dist", "addin"), filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: RESOLVE,
    target: TARGET,
    module: { rules: [TS_RULE] },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./functions/functions.ts" }),
      new LocalizeFunctionsPlugin(),
      new PrebuiltMinifiedPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        chunks: standalone ? ["taskpane"] : ["functions", "taskpane"],
        templateParameters: { officeJs: standalone ? null : OFFICE_JS_CDN, csp: csp(standalone) },
      }),
      new webpack.DefinePlugin({
        __KIA_VERSION__: JSON.stringify(version),
        __KIA_STANDALONE__: JSON.stringify(standalone),
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "taskpane/styles.css", to: "styles.css" },
          // the firm template, inserted by the pane's "Nieuw KIA-werkblad" (fetched from the pane's own origin)
          { from: "templates/KIA-werkblad.xlsx", to: "templates/KIA-werkblad.xlsx" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              content
                .toString()
                .split(DEV_URL)
                .join(url)
                .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
                .join(`<AppDomain>${origin}</AppDomain>`),
          },
          ...(standalone ? [{ from: "examples/*.{xlsx,csv}", to: "examples/[name][ext]", noErrorOnMissing: true }] : []),
        ],
      }),
    ],
    performance: { hints: false },
  };
};

module.exports.TS_RULE = TS_RULE;
module.exports.RESOLVE = RESOLVE;
module.exports.TARGET = TARGET;
