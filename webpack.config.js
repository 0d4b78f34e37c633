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
 * Settings (environment): KIA_ADDIN_URL  hosting URL written into manifest.xml (default https://localhost:3000/;
 *                                        npm start sets https://localhost:<PORT>/)
 *                         KIA_STANDALONE 1 = standalone browser page (npm start without Excel, browser tests);
 *                                        otherwise the page loads office.js from Microsoft's CDN
 */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { localize } = require("./functions/localize.js");

const DEV_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

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
          const nl = localize(JSON.parse(asset.source.source().toString()));
          compilation.emitAsset("functions-nl.json", new compiler.webpack.sources.RawSource(JSON.stringify(nl, null, 2)));
        },
      );
    });
  }
}

module.exports = (env = {}, options = {}) => {
  const standalone = process.env.KIA_STANDALONE === "1" || env.standalone === true;
  const url = (process.env.KIA_ADDIN_URL || DEV_URL).replace(/\/?$/, "/");
  if (!/^https:\/\//.test(url) && !standalone) throw new Error(`KIA_ADDIN_URL must be https (Office requires it): ${url}`);
  const mode = options.mode || "production";
  return {
    mode,
    devtool: mode === "production" ? false : "source-map",
    entry: {
      functions: "./functions/functions.ts",
      taskpane: "./taskpane/taskpane.ts",
    },
    output: { path: path.resolve(__dirname, "dist", "addin"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    target: ["web", "es2017"],
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              compilerOptions: { target: "ES2017", module: "ESNext", moduleResolution: "node", jsx: "react-jsx", jsxImportSource: "preact" },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./functions/functions.ts" }),
      new LocalizeFunctionsPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        chunks: standalone ? ["taskpane"] : ["functions", "taskpane"],
        templateParameters: { officeJs: standalone ? null : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => content.toString().split(DEV_URL).join(url) },
        ],
      }),
    ],
    performance: { hints: false },
  };
};
