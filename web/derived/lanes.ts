/**
 * The lanes of the bar, top to bottom. Region lanes come from the engine's `Region.lane`;
 * reservations made by an allocator get their own "allocations" lane, and the bootmem bits
 * lane is drawn from the live bitmaps (bitmapsAt), not from regions. The advisor's lane is
 * drawn from its verdicts on crashkernel bases, and only while the advisor is open.
 */
import type { Lane, Region } from '../../src-core';

export type LaneId = Lane | 'alloc' | 'bits' | 'advice';

export interface LaneDef {
  id: LaneId;
  title: string;
  /** What the lane shows, for the label's tooltip and screen readers. */
  help: string;
  /** Background lanes (firmware map, nodes, zones, free pages) never stop a collapse. */
  background: boolean;
}

export const LANES: readonly LaneDef[] = [
  { id: 'e820', title: 'e820 map', help: 'The firmware memory map, by type', background: true },
  { id: 'node', title: 'NUMA nodes', help: 'Node spans from the SRAT', background: true },
  { id: 'zone', title: 'Zones', help: 'DMA, DMA32 and Normal per node', background: true },
  {
    id: 'bits',
    title: 'bootmem bits',
    help: 'What each node’s bootmem bitmap marks: dark = bit set (reserved), light = free',
    background: true,
  },
  {
    id: 'bitmap',
    title: 'Bitmaps',
    help: 'Where each node’s bootmem bitmap lives',
    background: false,
  },
  { id: 'reserved', title: 'Reserved', help: 'Reservations, coloured by owner', background: false },
  { id: 'alloc', title: 'Allocations', help: 'Memory an allocator handed out', background: false },
  { id: 'memory', title: 'Memory', help: 'Memory the allocator manages', background: true },
  {
    id: 'buddy',
    title: 'Page allocator',
    help: 'Pages handed to the page allocator (in general use)',
    background: true,
  },
  {
    id: 'crashkernel',
    title: 'crashkernel',
    help: 'The crash kernel window: recorded, then reserved',
    background: false,
  },
  {
    id: 'advice',
    title: 'crashkernel bases',
    help: 'Crashkernel advisor: a window starting here is safe, fails, or corrupts memory',
    background: true,
  },
  {
    id: 'conflict',
    title: 'Conflicts',
    help: 'Double reservations, pages freed while reserved, corrupted pages',
    background: false,
  },
];

/** Lanes the overview strip draws (the rest would be noise at that size). */
export const OVERVIEW_LANES: readonly LaneId[] = [
  'e820',
  'reserved',
  'bitmap',
  'crashkernel',
  'conflict',
];

/** The lane a region is drawn in. */
export function laneOf(r: Region): LaneId {
  return r.lane === 'reserved' && r.alloc ? 'alloc' : r.lane;
}

export const laneDef = (id: LaneId): LaneDef => LANES.find((l) => l.id === id) as LaneDef;
