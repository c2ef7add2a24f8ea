/**
 * The timeline's rows: events grouped into runs of one boot phase (a phase can come back, as
 * firmware does after the command line), each run a collapsible group with a header row.
 */
import { PHASE_TITLES, type BootEvent, type Phase } from '../../src-core';

export type Row =
  | { kind: 'phase'; key: number; phase: Phase; title: string; first: number; last: number }
  | { kind: 'event'; step: number; key: number };

/** Groups: consecutive events of the same phase; a group's key is its first step. */
export function phaseGroups(
  events: readonly BootEvent[],
): { key: number; phase: Phase; first: number; last: number }[] {
  const out: { key: number; phase: Phase; first: number; last: number }[] = [];
  for (const e of events) {
    const g = out[out.length - 1];
    if (g && g.phase === e.phase) g.last = e.step;
    else out.push({ key: e.step, phase: e.phase, first: e.step, last: e.step });
  }
  return out;
}

/** Header and event rows, skipping the events of collapsed groups. */
export function timelineRows(events: readonly BootEvent[], collapsed: ReadonlySet<number>): Row[] {
  const rows: Row[] = [];
  for (const g of phaseGroups(events)) {
    rows.push({
      kind: 'phase',
      key: g.key,
      phase: g.phase,
      title: PHASE_TITLES[g.phase],
      first: g.first,
      last: g.last,
    });
    if (collapsed.has(g.key)) continue;
    for (let s = g.first; s <= g.last; s++) rows.push({ kind: 'event', step: s, key: s });
  }
  return rows;
}

/**
 * For each step, the row that shows it: its own, or its group's header when the group is
 * collapsed. Built once per row list so following the current step costs a lookup.
 */
export function rowsByStep(rows: readonly Row[], steps: number): Int32Array {
  const at = new Int32Array(steps);
  rows.forEach((r, i) => {
    if (r.kind === 'phase') at.fill(i, r.first, r.last + 1);
    else at[r.step] = i;
  });
  return at;
}
