import { describe, expect, it } from 'vitest';
import { simulate } from '../models/simulate';
import { STRESS_PREFIX, stressScenario } from './stress';

describe('stressScenario: the benchmark machine', () => {
  it('simulates without a panic into at least 10,000 regions', () => {
    const s = stressScenario(10_000);
    expect(s.name).toBe(`${STRESS_PREFIX}10000`);
    const r = simulate(s);
    if (!r.ok) throw new Error(r.error);
    expect(r.sim.panic).toBeNull();
    expect(r.sim.regions.length).toBeGreaterThanOrEqual(10_000);
  });

  it('has about as many regions as asked for, from 1,000 up', () => {
    const s = stressScenario(1_000);
    const r = simulate(s);
    if (!r.ok) throw new Error(r.error);
    expect(r.sim.panic).toBeNull();
    expect(r.sim.regions.length).toBeGreaterThanOrEqual(1_000);
    expect(r.sim.regions.length).toBeLessThan(1_100);
    expect(s.machine.nodes).toHaveLength(64);
  });
});
