/**
 * The compare view's durable state: the second model (null while the view is closed) and the
 * difference the user picked (the runs and their differences: compare-runs.ts, loaded with
 * the view). The second run is the same scenario under that model; its step
 * follows the page's step (mapStep: the same point of the boot), so one transport steps both.
 */
import { create } from 'zustand';
import { MODELS, OBSERVED_MODEL } from '../../src-core';
import { hasRun } from '../derived/simulation-cache';
import { modelFor, useDoc } from '../state/doc-store';

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

/** The name a run goes by in the compare view: its model id and kernel version. */
export function runName(model: string): string {
  if (model === OBSERVED_MODEL) return 'observed (the imported log)';
  const m = MODELS.find((x) => x.id === model);
  return m ? `${m.id} (Linux ${m.kernel})` : model;
}
