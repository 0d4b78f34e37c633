/**
 * The report sheet for the client file: one builder (./build.ts) over a cell and style model (./types.ts), written
 * by the Excel pane (Office adapter), the standalone page (.xlsx) and kia-calc --rapport (.xlsx, ./xlsx.ts).
 */
export * from "./build";
export * from "./types";
export { referenceUrls, type ReferenceLink } from "./refs";
export { leftOutRow, openRow } from "./rows";
