/**
 * The scenario (input) contract and its validation: `import … from "./scenario"` resolves here.
 */
export * from "./rows";
