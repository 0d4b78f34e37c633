/**
 * A client over the years: the KIA register of a year (written in every report, read back from earlier years' files)
 * and what earlier years hand on to this one (art. 3.44 carried-forward KIA, art. 3.47 disposals).
 */
export * from "./format";
export { registerOf, registerRows, investmentOfSource } from "./build";
export { readRegisters, type RegisterFound, type RegisterProblem, type RegisterProblemKind, type RegisterRead } from "./read";
export * from "./years";
export * from "./evidence";
