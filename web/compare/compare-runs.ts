/**
 * The compare view's two runs at their shown steps and what differs between them. Apart from
 * the store (compare-store.ts) because the engine's run diff comes with it: the page loads
 * this with the compare view, not at start.
 */
import {
  diffRunsState,
  OBSERVED_MODEL,
  type RunDiffState,
  type RunDifference,
  type Simulation,
} from '../../src-core';
import { hasRun, simulateCached } from '../derived/simulation-cache';
import { simOf, useDoc } from '../state/doc-store';
import { mapStep } from '../state/step-mapping';
import { useCompare } from './compare-store';

/** Both runs at their shown steps and what differs between them. */
export interface CompareRuns {
  a: Simulation;
  stepA: number;
  b: Simulation;
  stepB: number;
  diffs: RunDifference[];
}

export type CompareResult = CompareRuns | { error: string } | null;

let last: RunDiffState | null = null;

/**
 * The compare view's runs for the current state; null while closed. Kept for the last state,
 * so the two bars and the list of one frame compute it once; the next step's diff starts from
 * it (diffRunsState), so a step costs one step mapping and the groups the step touched.
 */
export function currentCompare(): CompareResult {
  const other = useCompare.getState().other;
  if (other === null) return null;
  const d = useDoc.getState();
  const a = simOf(d);
  if (!a) return { error: 'the first run failed: nothing to compare' };
  if (other === OBSERVED_MODEL && !hasRun(d.scenario, OBSERVED_MODEL))
    return {
      error:
        'the imported log is not loaded (links never carry a log): import it again to compare it with this run',
    };
  const r = simulateCached(d.scenario, other);
  if (!r.ok) return { error: `${other}: ${r.error}` };
  const b = r.sim;
  if (last && last.a === a && last.b === b && last.stepA === d.step) return last;
  last = diffRunsState(a, d.step, b, mapStep(a, d.step, b), last ?? undefined);
  return last;
}

/** currentCompare() as a React hook: recomputed when the step, the run or the choice changes. */
export function useCurrentCompare(): CompareResult {
  useDoc((s) => s.result);
  useDoc((s) => s.step);
  useCompare((s) => s.other);
  return currentCompare();
}
