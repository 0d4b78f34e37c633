/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  setupFiles: ["<rootDir>/test/setup/custom-functions.ts", "<rootDir>/test/setup/i18n.ts"],
  // Preact ships ES modules only: compiled to CommonJS like our own code, so a test can build a component's tree
  // (test/asset-table.test.tsx); what needs a DOM runs in chromium (test/e2e)
  transform: {
    "^.+\\.tsx?$": "ts-jest",
    "/node_modules/preact/.+\\.mjs$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", target: "ES2020", isolatedModules: true } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!preact/)"],
};
