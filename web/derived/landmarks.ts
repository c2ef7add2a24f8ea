/**
 * Addresses the axis always marks, whatever the zoom: where NUMA nodes and zones begin and end,
 * 16 MiB (the end of ZONE_DMA, where `crashkernel=…@16M` and the 2.6-era kernel image sit) and
 * 4 GiB (the 32-bit boundary crashkernel placement turns on). Computed once per simulation.
 */
import { GiB, MiB, partitionPoint, type Simulation } from '../../src-core';

export interface Landmark {
  addr: number;
  /** What is here, shortest first: `node 1`, `DMA32`, `4 GiB`. */
  label: string;
  /** Which label wins when two collide: 0 first (4 GiB, then nodes, 16 MiB, zones). */
  rank: number;
}

const FIXED: Landmark[] = [
  { addr: 4 * GiB, label: '4 GiB', rank: 0 },
  { addr: 16 * MiB, label: '16 MiB', rank: 2 },
];

/**
 * Landmarks of a run, sorted by address, one per address (names joined: `node 1 · Normal`).
 * Example: the seed gives 16 MiB · DMA32, 4 GiB · Normal, node 1 at 48 GiB, node 1 end.
 */
export function landmarksOf(sim: Simulation): Landmark[] {
  const at = new Map<number, { names: string[]; rank: number }>();
  const add = (addr: number, label: string, rank: number) => {
    const here = at.get(addr);
    if (!here) at.set(addr, { names: [label], rank });
    else if (!here.names.includes(label)) {
      here.names.push(label);
      here.rank = Math.min(here.rank, rank);
    }
  };
  const top = Math.max(0, ...sim.scenario.machine.e820.map((e) => e.end));
  for (const f of FIXED) if (f.addr < top) add(f.addr, f.label, f.rank);
  const nodes = sim.scenario.machine.nodes;
  // A zone that starts where a node does is that node's own start: the node names it.
  const starts = new Set(nodes.map((n) => n.start));
  for (const z of sim.zones) if (z.start > 0 && !starts.has(z.start)) add(z.start, z.zone, 3);
  for (const n of nodes) {
    if (n.start > 0) add(n.start, `node ${n.node}`, 1);
    if (!starts.has(n.end)) add(n.end, `node ${n.node} end`, 1);
  }
  return [...at]
    .sort((a, b) => a[0] - b[0])
    .map(([addr, { names, rank }]) => ({ addr, label: names.join(' · '), rank }));
}

/** Index of the first landmark at or above `addr` (a sorted list). */
export const firstLandmarkFrom = (marks: readonly Landmark[], addr: number): number =>
  partitionPoint(marks.length, (i) => (marks[i] as Landmark).addr < addr);
