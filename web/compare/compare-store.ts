/**
 * The compare view's durable state: the second model (null while the view is closed) and the
 * difference the user picked. The second run is the same scenario under that model; its step
 * follows the page's step (mapStep: the same point of the boot), so one transport steps both.
 */
import { create } from 'zustand';
import {
  diffRunsState,
  MODELS,
  OBSERVED_MODEL,
  type RunDiffState,
  type RunDifference,
  type Simulation,
} from '../../src-core';
import { hasRun, simulateCached } from '../derived/simulation-cache';
import { modelFor, simOf, useDoc } from '../state/doc-store';
import { mapStep } from '../state/step-mapping';

export interface CompareState {
  /** The second run's model; null: the compare view is closed. */
  other: string | null;
  /** Key of the difference picked in the list (drawn stronger, framed). */
  picked: string | null;
}

export const useCompare = create<CompareState>(() => ({ other: null, picked: null }));

/**
 * What to compare with when nothing is said: the log's matching model for an observed run,
 * the imported log for a model's run of it, else the next generation (the one before, for
 * the newest).
 */
export function defaultOther(): string {
  const d = useDoc.getState();
  if (d.model === OBSERVED_MODEL) return modelFor(d.scenario);
  if (hasRun(d.scenario, OBSERVED_MODEL)) return OBSERVED_MODEL;
  const ids = MODELS.map((m) => m.id);
  const i = ids.indexOf(d.model);
  return ids[i + 1] ?? ids[i - 1] ?? d.model;
}

export function openCompare(other: string = defaultOther()): void {
  useCompare.setState({ other, picked: null });
}

export function closeCompare(): void {
  useCompare.setState({ other: null, picked: null });
}

export function toggleCompare(): void {
  if (useCompare.getState().other === null) openCompare();
  else closeCompare();
}

/** Both runs at their shown steps and what differs between them. */
export interface CompareRuns {
  a: Simulation;
  stepA: number;
  b: Simulation;
  stepB: number;
  diffs: RunDifference[];
}

export type CompareResult = CompareRuns | { error: string } | null;

/** The name a run goes by in the compare view: its model id and kernel version. */
export function runName(model: string): string {
  if (model === OBSERVED_MODEL) return 'observed (the imported log)';
  const m = MODELS.find((x) => x.id === model);
  return m ? `${m.id} (Linux ${m.kernel})` : model;
}

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
