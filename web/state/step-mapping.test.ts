import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, simulate, type BootEvent, type Simulation } from '../../src-core';
import { mapStep } from './step-mapping';

const seed = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();

/** The seed with some events dropped and renumbered: another "model" of the same boot. */
function without(sim: Simulation, drop: (e: BootEvent) => boolean): Simulation {
  const events = sim.events.filter((e) => !drop(e)).map((e, step) => ({ ...e, step }));
  return { ...sim, events };
}

describe('mapStep: keep the point of the boot across models', () => {
  it('is the identity on the same simulation', () => {
    for (let s = 0; s < seed.events.length; s++) expect(mapStep(seed, s, seed)).toBe(s);
  });
  it('finds the same event when steps are renumbered', () => {
    const other = without(seed, (e) => e.phase === 'direct-map');
    const crash = seed.events.find((e) => e.phase === 'crashkernel')!;
    const got = other.events[mapStep(seed, crash.step, other)]!;
    expect([got.phase, got.kind, got.label]).toEqual([crash.phase, crash.kind, crash.label]);
  });
  it('goes to the next phase that exists when the phase is missing', () => {
    const other = without(seed, (e) => e.phase === 'crashkernel');
    const crash = seed.events.find((e) => e.phase === 'crashkernel')!;
    expect(other.events[mapStep(seed, crash.step, other)]!.phase).toBe('zones');
  });
  it('clamps a step past the end', () => {
    expect(mapStep(seed, 10_000, seed)).toBe(seed.events.length - 1);
  });
});
