import { describe, expect, it } from 'vitest';
import { simulate, stressScenario } from '../../src-core';
import { indexSimulation, indexSimulationGradually } from './sim-index';

/** A machine big enough that linking its events pauses more than once (5,000 per slice). */
const run = () => {
  const r = simulate(stressScenario(30_000));
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};

describe('the index made in stages', () => {
  it('is the index made at once, and is kept for later', async () => {
    const sim = run();
    let pauses = 0;
    const gradual = await indexSimulationGradually(sim, async () => {
      pauses++;
      return true;
    });
    // Linking alone pauses once per 5,000 events, after the range map is built.
    expect(pauses).toBeGreaterThan(sim.events.length / 5_000);
    expect(indexSimulation(sim)).toBe(gradual);
    const { sim: _a, ...made } = gradual!;
    const { sim: _b, ...atOnce } = indexSimulation({ ...sim });
    expect(made).toEqual(atOnce);
  });

  it('stops at the first pause that says no, and keeps nothing', async () => {
    const sim = run();
    let pauses = 0;
    expect(await indexSimulationGradually(sim, async () => ++pauses < 3)).toBeNull();
    expect(pauses).toBe(3);
    // Not cached: a later index is made afresh (and whole).
    const si = indexSimulation(sim);
    expect(si.regionsByStep.size).toBe(sim.events.length);
  });
});
