/**
 * The durable state: which scenario, which model, which step. Everything the page shows about
 * the boot is derived from these three by the engine (simulateCached memoises the run); the
 * store keeps the engine's result so components read events without recomputing anything.
 * Zoom, hover and selection live apart in view-store.ts.
 */
import { create } from 'zustand';
import {
  DEFAULT_PRESET,
  MODELS,
  type Scenario,
  type SimulateResult,
  type Simulation,
} from '../../src-core';
import { simulateCached } from '../derived/simulation-cache';
import { scenarioByName, sourceFor, type Source } from './scenario-source';
import { mapStep } from './step-mapping';

export interface DocState {
  source: Source;
  scenario: Scenario;
  model: string;
  result: SimulateResult;
  step: number;
  /** The last change was an edit of the same machine: the view keeps its addresses. */
  edited: boolean;
}

/** The model to run a scenario under: its own if the app has it, else the first one. */
export function modelFor(scenario: Scenario): string {
  return MODELS.some((m) => m.id === scenario.model)
    ? scenario.model
    : (MODELS[0]?.id ?? scenario.model);
}

function initial(): DocState {
  const r = scenarioByName(DEFAULT_PRESET);
  if (!r.ok) throw new Error(r.error);
  const model = modelFor(r.scenario);
  return {
    source: r.source,
    scenario: r.scenario,
    model,
    result: simulateCached(r.scenario, model),
    step: 0,
    edited: false,
  };
}

export const useDoc = create<DocState>(initial);

/** The current simulation, or null when the engine refused the run. */
export const simOf = (s: DocState): Simulation | null => (s.result.ok ? s.result.sim : null);

const lastStep = (s: DocState): number => {
  const sim = simOf(s);
  return sim ? Math.max(0, sim.events.length - 1) : 0;
};

export function setStep(step: number): void {
  const s = useDoc.getState();
  const next = Math.max(0, Math.min(lastStep(s), Math.round(step)));
  if (next !== s.step) useDoc.setState({ step: next });
}

export const stepBy = (delta: number): void => setStep(useDoc.getState().step + delta);
export const firstStep = (): void => setStep(0);
export const lastStepOf = (): number => lastStep(useDoc.getState());
export const goLast = (): void => setStep(lastStepOf());

/** Run the same scenario under another model, staying in the same phase of the boot. */
export function selectModel(model: string): void {
  const s = useDoc.getState();
  const result = simulateCached(s.scenario, model);
  const from = simOf(s);
  const step = from && result.ok ? mapStep(from, s.step, result.sim) : 0;
  useDoc.setState({ model, result, step });
}

/** Switch scenario: a new machine's story starts at its first step. */
export function loadScenario(source: Source, scenario: Scenario, model = modelFor(scenario)): void {
  useDoc.setState({
    source,
    scenario,
    model,
    result: simulateCached(scenario, model),
    step: 0,
    edited: false,
  });
}

/**
 * An edit of the working scenario (the editor): the same story re-run, so the step stays in
 * the same phase of the boot and the view on the same addresses. A changed generation is
 * shown under its own model; otherwise the model the user picked stays.
 */
export function applyEdit(scenario: Scenario): void {
  const s = useDoc.getState();
  const model = scenario.model !== s.scenario.model ? modelFor(scenario) : s.model;
  const result = simulateCached(scenario, model);
  const from = simOf(s);
  const step = from && result.ok ? mapStep(from, s.step, result.sim) : 0;
  useDoc.setState({ source: sourceFor(scenario), scenario, model, result, step, edited: true });
}
