/** Runs the state-text tests share: every preset under its own model, plus the seed under all. */
import { MODEL_IDS } from '../../models';
import { preset, PRESET_NAMES } from '../../features/presets';
import type { Simulation } from '../simulation';
import { simulate } from '../../models/simulate';

export function run(presetName: string, model?: string): Simulation {
  const s = preset(presetName);
  if (!s) throw new Error(`no preset ${presetName}`);
  const r = simulate(s, model ?? s.model);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
}

/** Every preset under its own model and the seed under every model, by name. */
export function allRuns(): [string, Simulation][] {
  return [
    ...PRESET_NAMES.map((p): [string, Simulation] => [p, run(p)]),
    ...MODEL_IDS.map((m): [string, Simulation] => [
      `seed-2.6.23 under ${m}`,
      run('seed-2.6.23', m),
    ]),
  ];
}
