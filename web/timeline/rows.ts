/**
 * The timeline's rows: events grouped into runs of one boot phase (a phase can come back, as
 * firmware does after the command line), each run a collapsible group with a header row.
 */
import { partitionPoint, PHASE_TITLES, type BootEvent, type Phase } from '../../src-core';

export type Row =
  | { kind: 'phase'; key: number; phase: Phase; title: string; first: number; last: number }
  | { kind: 'event'; step: number; key: number };

export interface PhaseGroup {
  key: number;
  phase: Phase;
  first: number;
  last: number;
}

/** Per event list: the timeline and the scrubber draw the same groups, worked out once. */
const groupsOf = new WeakMap<readonly BootEvent[], readonly PhaseGroup[]>();

/** Groups: consecutive events of the same phase; a group's key is its first step. */
export function phaseGroups(events: readonly BootEvent[]): readonly PhaseGroup[] {
  const hit = groupsOf.get(events);
  if (hit) return hit;
  const out: PhaseGroup[] = [];
  for (const e of events) {
    const g = out[out.length - 1];
    if (g && g.phase === e.phase) g.last = e.step;
    else out.push({ key: e.step, phase: e.phase, first: e.step, last: e.step });
  }
  groupsOf.set(events, out);
  return out;
}

/** Header and event rows, skipping the events of collapsed groups. */
export interface TimelineRows {
  count: number;
  /** Row i (0 <= i < count). */
  at(i: number): Row;
  /** The row that shows a step: its own, or its group's header when the group is collapsed. */
  rowOf(step: number): number;
}

/**
 * The rows, worked out per group and each made when asked for: a 100,000-step log has
 * 100,000 rows, of which the list mounts a screenful.
 */
export function timelineRows(
  events: readonly BootEvent[],
  collapsed: ReadonlySet<number>,
): TimelineRows {
  const groups = phaseGroups(events);
  // Row of each group's header.
  const head = new Int32Array(groups.length);
  let count = 0;
  groups.forEach((g, k) => {
    head[k] = count;
    count += collapsed.has(g.key) ? 1 : 2 + g.last - g.first;
  });
  const group = (k: number) => groups[k] as PhaseGroup;
  const headAt = (k: number) => head[k] as number;
  return {
    count,
    at(i) {
      const k = partitionPoint(groups.length, (j) => headAt(j) <= i) - 1;
      const g = group(k);
      const below = i - headAt(k);
      if (below === 0)
        return {
          kind: 'phase',
          key: g.key,
          phase: g.phase,
          title: PHASE_TITLES[g.phase],
          first: g.first,
          last: g.last,
        };
      const step = g.first + below - 1;
      return { kind: 'event', step, key: step };
    },
    rowOf(step) {
      const k = partitionPoint(groups.length, (j) => group(j).first <= step) - 1;
      const g = groups[k];
      if (!g) return 0;
      return headAt(k) + (collapsed.has(g.key) ? 0 : 1 + step - g.first);
    },
  };
}
