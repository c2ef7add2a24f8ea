/**
 * What differs between two runs at their shown steps: two generations on one scenario, or an
 * imported log's observed run against a model's. Regions are paired by what they are, not by
 * their labels (each generation names things its own way: `NODE_DATA(0)` and `NODE_DATA`): the
 * lane, the owner, the node, and for e820 entries, zones and conflicts their type. A pair
 * differs when the address ranges the two runs give it differ.
 */
import { memRange } from '../../base/addr';
import type { Lane, Region } from '../events';
import { firstEndingAfter, normalize, setSubtract, type Range } from '../../base/range';
import type { Simulation } from '../simulation';

export interface RunDifference {
  key: string;
  lane: Lane;
  /** What it is, in one side's words: `NODE_DATA(0) (node 0)`, `crash window`. */
  what: string;
  /** The ranges each run gives it (merged, sorted); [] when the run has none. */
  a: Range[];
  b: Range[];
  /** The regions of each run that show the difference (to outline them). */
  aIds: number[];
  bIds: number[];
  /** What one run has there and the other has not. */
  onlyA: Range[];
  onlyB: Range[];
  /** The smallest range holding every byte one run has and the other has not. */
  span: Range;
}

/**
 * Owners whose regions are one per node in every generation; for the others the node is left
 * out of the pairing, because some generations record it and others do not (2.6.23 tags the
 * trampoline with node 0, early_res does not).
 */
const PER_NODE = new Set<Region['owner']>(['node-data', 'bitmap', 'numa', 'zone']);

const keyOf = (r: Region): string =>
  [
    r.lane,
    r.owner,
    PER_NODE.has(r.owner) ? (r.node ?? '') : '',
    r.e820Type ?? '',
    r.zone ?? '',
    r.conflict ?? '',
  ].join('|');

/**
 * A run's regions grouped by pairing key (all of them, whatever their lifetime), and the
 * regions each step creates or ends: made once per run, so that a step's diff only revisits
 * the groups that step touched.
 */
interface RunGroups {
  byKey: Map<string, Region[]>;
  keyOf: Map<number, string>;
  /** Region ids born or ended at each step. */
  changedAt: Map<number, number[]>;
}

const runGroups = new WeakMap<Simulation, RunGroups>();

function groupsOf(sim: Simulation): RunGroups {
  let g = runGroups.get(sim);
  if (g) return g;
  g = { byKey: new Map(), keyOf: new Map(), changedAt: new Map() };
  for (const r of sim.regions) {
    if (r.end <= r.start || r.crash === 'refused') continue;
    const k = keyOf(r);
    g.keyOf.set(r.id, k);
    const list = g.byKey.get(k);
    if (list) list.push(r);
    else g.byKey.set(k, [r]);
    for (const step of r.died === undefined ? [r.born] : [r.born, r.died]) {
      const at = g.changedAt.get(step);
      if (at) at.push(r.id);
      else g.changedAt.set(step, [r.id]);
    }
  }
  runGroups.set(sim, g);
  return g;
}

const alive = (r: Region, step: number) =>
  r.born <= step && (r.died === undefined || r.died > step);

/** Keys of the groups whose members change between two steps of a run. */
function keysChanged(g: RunGroups, from: number, to: number): Set<string> {
  const out = new Set<string>();
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  if (hi - lo > g.changedAt.size) {
    for (const [step, ids] of g.changedAt)
      if (step > lo && step <= hi) for (const id of ids) out.add(g.keyOf.get(id) as string);
  } else
    for (let step = lo + 1; step <= hi; step++)
      for (const id of g.changedAt.get(step) ?? []) out.add(g.keyOf.get(id) as string);
  return out;
}

/** A group's ranges, merged; most groups are one region, which needs no sorting. */
const merged = (list: readonly Region[]): Range[] =>
  list.length === 1
    ? [{ start: (list[0] as Region).start, end: (list[0] as Region).end }]
    : normalize(list);

const same = (x: Range[], y: Range[]) =>
  x.length === y.length && x.every((r, i) => r.start === y[i]?.start && r.end === y[i]?.end);

/** One name for a group: its label when all its regions share one, else the owner's. */
function nameOf(list: readonly Region[]): string {
  const first = list[0] as Region;
  const label = list.every((r) => r.label === first.label) ? first.label : `${first.owner} regions`;
  return first.node === undefined ||
    !PER_NODE.has(first.owner) ||
    label.includes(`node ${first.node}`) ||
    label.includes(`(${first.node})`)
    ? label
    : `${label} (node ${first.node})`;
}

/** One group's difference between the runs at their steps, or null when they agree. */
function diffGroup(
  key: string,
  a: { g: RunGroups; step: number },
  b: { g: RunGroups; step: number },
): RunDifference | null {
  const la = (a.g.byKey.get(key) ?? []).filter((r) => alive(r, a.step));
  const lb = (b.g.byKey.get(key) ?? []).filter((r) => alive(r, b.step));
  if (!la.length && !lb.length) return null;
  const ra = merged(la);
  const rb = merged(lb);
  if (same(ra, rb)) return null;
  const onlyA = setSubtract(ra, rb);
  const onlyB = setSubtract(rb, ra);
  const delta = normalize([...onlyA, ...onlyB]);
  // delta is sorted and disjoint: the first piece ending after r.start decides.
  const touches = (r: Region) => {
    const d = delta[firstEndingAfter(delta, r.start)];
    return d !== undefined && d.start < r.end;
  };
  return {
    key,
    lane: ((la[0] ?? lb[0]) as Region).lane,
    what: nameOf(la.length ? la : lb),
    a: ra,
    b: rb,
    aIds: la.filter(touches).map((r) => r.id),
    bIds: lb.filter(touches).map((r) => r.id),
    onlyA,
    onlyB,
    span: { start: (delta[0] as Range).start, end: (delta[delta.length - 1] as Range).end },
  };
}

const byAddress = (x: RunDifference, y: RunDifference) =>
  x.span.start - y.span.start ||
  x.span.end - y.span.end ||
  (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/** A diff of two runs at two steps, kept so the next step's can start from it. */
export interface RunDiffState {
  a: Simulation;
  stepA: number;
  b: Simulation;
  stepB: number;
  byKey: Map<string, RunDifference>;
  diffs: RunDifference[];
}

/**
 * The differences between run `a` after `stepA` and run `b` after `stepB`, by address. Given
 * the state of the same two runs at other steps, only the groups the steps in between touched
 * are compared again: stepping costs what the steps changed, as the single view's does.
 */
export function diffRunsState(
  a: Simulation,
  stepA: number,
  b: Simulation,
  stepB: number,
  prev?: RunDiffState,
): RunDiffState {
  const ga = groupsOf(a);
  const gb = groupsOf(b);
  const reuse = prev && prev.a === a && prev.b === b;
  const byKey = reuse ? new Map(prev.byKey) : new Map<string, RunDifference>();
  const keys = reuse
    ? new Set([...keysChanged(ga, prev.stepA, stepA), ...keysChanged(gb, prev.stepB, stepB)])
    : new Set([...ga.byKey.keys(), ...gb.byKey.keys()]);
  if (reuse && !keys.size && prev.stepA === stepA && prev.stepB === stepB) return prev;
  for (const key of keys) {
    const d = diffGroup(key, { g: ga, step: stepA }, { g: gb, step: stepB });
    if (d) byKey.set(key, d);
    else byKey.delete(key);
  }
  return { a, stepA, b, stepB, byKey, diffs: [...byKey.values()].sort(byAddress) };
}

/** The differences between run `a` after `stepA` and run `b` after `stepB`, by address. */
export function diffRuns(
  a: Simulation,
  stepA: number,
  b: Simulation,
  stepB: number,
): RunDifference[] {
  return diffRunsState(a, stepA, b, stepB).diffs;
}
/** A side's ranges in the kernel's form, or `—` when it has none. */
export function rangesText(rs: readonly Range[], most = 3): string {
  if (!rs.length) return '—';
  const shown = rs.slice(0, most).map((r) => memRange(r.start, r.end));
  return rs.length > most ? `${shown.join(', ')} and ${rs.length - most} more` : shown.join(', ');
}

/** The differences as text lines: what, then the bytes only each run has. */
export function formatRunDiff(
  diffs: readonly RunDifference[],
  names: { a: string; b: string },
): string[] {
  return diffs.flatMap((d) => [
    `${d.what}:`,
    `  only in ${names.a}: ${rangesText(d.onlyA)}`,
    `  only in ${names.b}: ${rangesText(d.onlyB)}`,
  ]);
}
