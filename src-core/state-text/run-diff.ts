/**
 * What differs between two runs at their shown steps: two generations on one scenario, or an
 * imported log's observed run against a model's. Regions are paired by what they are, not by
 * their labels (each generation names things its own way: `NODE_DATA(0)` and `NODE_DATA`): the
 * lane, the owner, the node, and for e820 entries, zones and conflicts their type. A pair
 * differs when the address ranges the two runs give it differ.
 */
import { memRange } from '../addr';
import { regionsAt, type Lane, type Region } from '../events';
import { normalize, rangesOverlap, setSubtract, type Range } from '../range';
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

function groups(sim: Simulation, step: number): Map<string, Region[]> {
  const out = new Map<string, Region[]>();
  for (const r of regionsAt(sim.regions, step)) {
    if (r.end <= r.start || r.refused) continue;
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

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

/** The differences between run `a` after `stepA` and run `b` after `stepB`, by address. */
export function diffRuns(
  a: Simulation,
  stepA: number,
  b: Simulation,
  stepB: number,
): RunDifference[] {
  const ga = groups(a, stepA);
  const gb = groups(b, stepB);
  const out: RunDifference[] = [];
  for (const key of new Set([...ga.keys(), ...gb.keys()])) {
    const la = ga.get(key) ?? [];
    const lb = gb.get(key) ?? [];
    const ra = normalize(la);
    const rb = normalize(lb);
    if (same(ra, rb)) continue;
    const onlyA = setSubtract(ra, rb);
    const onlyB = setSubtract(rb, ra);
    const delta = normalize([...onlyA, ...onlyB]);
    const touches = (r: Region) => delta.some((d) => rangesOverlap(d, r));
    out.push({
      key,
      lane: ((la[0] ?? lb[0]) as Region).lane,
      what: nameOf(la.length ? la : lb),
      a: ra,
      b: rb,
      aIds: la.filter(touches).map((r) => r.id),
      bIds: lb.filter(touches).map((r) => r.id),
      onlyA,
      onlyB,
      span: {
        start: (delta[0] as Range).start,
        end: (delta[delta.length - 1] as Range).end,
      },
    });
  }
  return out.sort(
    (x, y) =>
      x.span.start - y.span.start ||
      x.span.end - y.span.end ||
      (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  );
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
