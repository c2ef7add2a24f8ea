import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRESET,
  PHASE_TITLES,
  preset,
  simulate,
  type BootEvent,
  type Phase,
} from '../../src-core';
import { phaseGroups, timelineRows, type Row, type TimelineRows } from './rows';

const sim = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();

const all = (rows: TimelineRows): Row[] => Array.from({ length: rows.count }, (_, i) => rows.at(i));

/** The rows listed one by one, as the timeline first made them: the reference. */
function listed(events: readonly BootEvent[], collapsed: ReadonlySet<number>): Row[] {
  const out: Row[] = [];
  for (const g of phaseGroups(events)) {
    const title = PHASE_TITLES[g.phase];
    out.push({ kind: 'phase', key: g.key, phase: g.phase, title, first: g.first, last: g.last });
    if (!collapsed.has(g.key))
      for (let s = g.first; s <= g.last; s++) out.push({ kind: 'event', step: s, key: s });
  }
  return out;
}

describe('timeline rows', () => {
  it('groups consecutive events of a phase, keeping boot order', () => {
    const groups = phaseGroups(sim.events);
    expect(groups.slice(0, 3).map((g) => [g.phase, g.first, g.last])).toEqual([
      ['firmware', 0, 1],
      ['cmdline', 2, 2],
      ['firmware', 3, 4],
    ]);
    expect(groups.map((g) => g.phase)).toContain('crashkernel');
    // Worked out once per run: the timeline and the scrubber share them.
    expect(phaseGroups(sim.events)).toBe(groups);
  });
  it('lists every event once under its header when nothing is collapsed', () => {
    const rows = all(timelineRows(sim.events, new Set()));
    expect(rows.filter((r) => r.kind === 'event')).toHaveLength(sim.events.length);
    expect(rows[0]).toMatchObject({ kind: 'phase', title: 'Firmware memory map' });
  });
  it('hides a collapsed group and points its steps at the header', () => {
    const numa = phaseGroups(sim.events).find((g) => g.phase === 'numa')!;
    const rows = timelineRows(sim.events, new Set([numa.key]));
    expect(rows.at(rows.rowOf(numa.first + 3))).toMatchObject({ kind: 'phase', phase: 'numa' });
    expect(rows.at(rows.rowOf(numa.last + 1))).toMatchObject({
      kind: 'event',
      step: numa.last + 1,
    });
    expect(all(rows).some((r) => r.kind === 'event' && r.step === numa.first)).toBe(false);
  });
  it('are the rows listed one by one, for any phases and any groups collapsed', () => {
    const phases: Phase[] = ['firmware', 'cmdline', 'numa', 'crashkernel'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...phases), { maxLength: 60 }),
        fc.array(fc.nat(59)),
        (kinds, folded) => {
          const events = kinds.map((phase, step) => ({ ...sim.events[0]!, step, phase }));
          const collapsed = new Set(folded);
          const rows = timelineRows(events, collapsed);
          const want = listed(events, collapsed);
          expect(all(rows)).toEqual(want);
          for (const e of events) {
            const at = want.findIndex(
              (r) =>
                (r.kind === 'event' && r.step === e.step) ||
                (r.kind === 'phase' &&
                  collapsed.has(r.key) &&
                  r.first <= e.step &&
                  r.last >= e.step),
            );
            expect(rows.rowOf(e.step)).toBe(at);
          }
        },
      ),
    );
  });
});
