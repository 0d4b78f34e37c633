/** The add-in's version (package.json), put in by webpack's DefinePlugin; "dev" where it is not (jest). */
declare const __KIA_VERSION__: string | undefined;
declare const __KIA_STANDALONE__: boolean | undefined;

export const VERSION: string = typeof __KIA_VERSION__ === "string" ? __KIA_VERSION__ : "dev";

/** Built as the standalone page (KIA_STANDALONE=1): the sample ledger ships with it. */
export const STANDALONE_BUILD: boolean = typeof __KIA_STANDALONE__ === "boolean" ? __KIA_STANDALONE__ : false;
