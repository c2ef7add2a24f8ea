import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, simulate } from '../../src-core';
import { phaseGroups, rowsByStep, timelineRows } from './rows';

const sim = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();

describe('timeline rows', () => {
  it('groups consecutive events of a phase, keeping boot order', () => {
    const groups = phaseGroups(sim.events);
    expect(groups.slice(0, 3).map((g) => [g.phase, g.first, g.last])).toEqual([
      ['firmware', 0, 1],
      ['cmdline', 2, 2],
      ['firmware', 3, 4],
    ]);
    expect(groups.map((g) => g.phase)).toContain('crashkernel');
  });
  it('lists every event once under its header when nothing is collapsed', () => {
    const rows = timelineRows(sim.events, new Set());
    expect(rows.filter((r) => r.kind === 'event')).toHaveLength(sim.events.length);
    expect(rows[0]).toMatchObject({ kind: 'phase', title: 'Firmware memory map' });
  });
  it('hides a collapsed group and points its steps at the header', () => {
    const numa = phaseGroups(sim.events).find((g) => g.phase === 'numa')!;
    const rows = timelineRows(sim.events, new Set([numa.key]));
    const at = rowsByStep(rows, sim.events.length);
    expect(rows[at[numa.first + 3]!]).toMatchObject({ kind: 'phase', phase: 'numa' });
    expect(rows[at[numa.last + 1]!]).toMatchObject({ kind: 'event', step: numa.last + 1 });
    expect(rows.some((r) => r.kind === 'event' && r.step === numa.first)).toBe(false);
  });
});
