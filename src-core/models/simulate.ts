/** Run a scenario under a model. */
import { modelById, MODEL_IDS } from './index';
import type { Scenario } from '../input/scenario';
import type { RunOptions, Simulation } from '../output/simulation';

export type SimulateResult = { ok: true; sim: Simulation } | { ok: false; error: string };

export function simulate(
  scenario: Scenario,
  modelId: string = scenario.model,
  options: RunOptions = {},
): SimulateResult {
  const model = modelById(modelId);
  if (!model)
    return {
      ok: false,
      error: `unknown model "${modelId}": choose one of ${MODEL_IDS.join(', ')}`,
    };
  return { ok: true, sim: model.run(scenario, options) };
}
