/**
 * Where evaluate() finds step 6 (src/carried.ts, the KIA of earlier years under art. 3.44): that module hands itself
 * in when it is loaded. src/index.ts loads it, so every user of the core's public API has it; the pane, whose first
 * download is near its limit, imports the core's modules directly and loads src/carried only when a scenario has
 * earlier years (taskpane/app/steps/Earlier.tsx, App.tsx). A scenario with carriedIn evaluated without it is an error,
 * never a report that leaves the earlier years out.
 */
import type { carriedInStep } from "./carried";

type Step = typeof carriedInStep;
let step: Step | undefined;

export function provideCarriedStep(s: Step): void {
  step = s;
}

export function carriedStepLoaded(): boolean {
  return step !== undefined;
}

export function runCarriedStep(...args: Parameters<Step>): ReturnType<Step> {
  if (!step)
    throw new Error('carriedIn zonder src/carried: importeer "src/carried" (src/index.ts doet dat) voordat een scenario met eerdere jaren wordt berekend');
  return step(...args);
}
