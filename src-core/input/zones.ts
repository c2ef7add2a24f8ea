/**
 * Zones: DMA [0, 16 MiB), DMA32 [16 MiB, 4 GiB), Normal [4 GiB, end) on x86_64, and how the
 * kernel splits them per node (mm/page_alloc.c free_area_init_nodes and
 * zone_spanned_pages_in_node, v2.6.23).
 */
import { GiB, MiB, PAGE_SIZE } from '../base/addr';
import type { Range } from '../base/range';

export type ZoneName = 'DMA' | 'DMA32' | 'Normal';
export const ZONE_NAMES: ZoneName[] = ['DMA', 'DMA32', 'Normal'];

/** MAX_DMA_PFN and MAX_DMA32_PFN (include/asm-x86_64/dma.h). */
export const MAX_DMA_PFN = (16 * MiB) / PAGE_SIZE;
export const MAX_DMA32_PFN = (4 * GiB) / PAGE_SIZE;

/** A zone's span in one node, half-open bytes. */
export interface ZoneSpan {
  node: number;
  zone: ZoneName;
  start: number;
  end: number;
}

/** A global zone range in page frames, as "Zone PFN ranges" prints it. */
export interface ZonePfnRange {
  zone: ZoneName;
  startPfn: number;
  endPfn: number;
}

/**
 * arch_zone_lowest/highest_possible_pfn: the first zone starts at the lowest active pfn, each
 * next one where the previous ends; a zone's end is max(its limit, its start).
 */
export function zonePfnRanges(
  minPfn: number,
  maxZonePfn: [number, number, number],
): ZonePfnRange[] {
  const out: ZonePfnRange[] = [];
  let start = minPfn;
  ZONE_NAMES.forEach((zone, i) => {
    const end = Math.max(maxZonePfn[i] as number, start);
    out.push({ zone, startPfn: start, endPfn: end });
    start = end;
  });
  return out;
}

/**
 * zone_spanned_pages_in_node: each zone clamped to the node's first and last active pfn.
 * `active` holds the node's active page ranges.
 */
export function nodeZoneSpans(
  node: number,
  active: readonly Range[],
  ranges: readonly ZonePfnRange[],
): ZoneSpan[] {
  if (active.length === 0) return [];
  const nodeStart = Math.min(...active.map((r) => r.start));
  const nodeEnd = Math.max(...active.map((r) => r.end));
  const out: ZoneSpan[] = [];
  for (const z of ranges) {
    const s = Math.max(z.startPfn, nodeStart);
    const e = Math.min(z.endPfn, nodeEnd);
    if (e > s) out.push({ node, zone: z.zone, start: s * PAGE_SIZE, end: e * PAGE_SIZE });
  }
  return out;
}

/** A PFN as `%8lu` (2.6.23-2.6.26) or `%0#10lx` (from 2.6.27, rule pfnFormat). */
const pfnText = (pfn: number, format: 'decimal' | 'hex'): string =>
  format === 'hex' ? `0x${pfn.toString(16).padStart(8, '0')}` : String(pfn).padStart(8);

/** "Zone PFN ranges:" as 2.6.x prints it ("  %-8s %8lu -> %8lu", hex from 2.6.27). */
export function formatZonePfnRanges(
  ranges: readonly ZonePfnRange[],
  format: 'decimal' | 'hex' = 'decimal',
): string[] {
  return [
    'Zone PFN ranges:',
    ...ranges.map(
      (z) => `  ${z.zone.padEnd(8)} ${pfnText(z.startPfn, format)} -> ${pfnText(z.endPfn, format)}`,
    ),
    'Movable zone start PFN for each node',
  ];
}

/** "early_node_map[N] active PFN ranges" as 2.6.x prints it ("  %3d: %8lu -> %8lu"). */
export function formatEarlyNodeMap(
  map: readonly { node: number; start: number; end: number }[],
  format: 'decimal' | 'hex' = 'decimal',
): string[] {
  return [
    `early_node_map[${map.length}] active PFN ranges`,
    ...map.map(
      (r) =>
        `  ${String(r.node).padStart(3)}: ${pfnText(r.start, format)} -> ${pfnText(r.end, format)}`,
    ),
  ];
}
