/**
 * simulate() memoised per (scenario object, model id): switching back to a model, or
 * re-selecting the same one, reuses the simulation the engine already produced.
 */
import { simulate, type Scenario, type SimulateResult } from '../../src-core';

const cache = new WeakMap<Scenario, Map<string, SimulateResult>>();

function runsOf(scenario: Scenario): Map<string, SimulateResult> {
  let byModel = cache.get(scenario);
  if (!byModel) cache.set(scenario, (byModel = new Map()));
  return byModel;
}

/**
 * Give a scenario a run the engine did not make, under a model id of its own: the observed
 * timeline of an imported log. Switching models then comes back to it like to any run.
 */
export function primeRun(scenario: Scenario, model: string, result: SimulateResult): void {
  runsOf(scenario).set(model, result);
}

/** Whether a scenario has a run under a model already (a primed one, or one made before). */
export const hasRun = (scenario: Scenario, model: string): boolean =>
  cache.get(scenario)?.has(model) ?? false;

export function simulateCached(scenario: Scenario, model: string): SimulateResult {
  const byModel = runsOf(scenario);
  let r = byModel.get(model);
  if (!r) {
    try {
      r = simulate(scenario, model);
    } catch (e) {
      // A model bug must not blank the page: report it like any other failure.
      r = { ok: false, error: `the ${model} model failed: ${(e as Error).message}` };
    }
    byModel.set(model, r);
  }
  return r;
}

/** The memoised result if there is one, without running anything. */
export const peekSimulation = (scenario: Scenario, model: string): SimulateResult | undefined =>
  cache.get(scenario)?.get(model);
