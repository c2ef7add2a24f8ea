/**
 * NUMA nodes and zones, the same from 2.6.23 to 2.6.36: the nodes numa_initmem_init sets up
 * (SRAT spans cut at the end of RAM, or one fake node) with their active RAM, where a node's
 * bootmem starts and its bitmap is drawn, and the zones free_area_init_nodes builds.
 */
import { hexPad, humanSize, MiB, PAGE_SIZE, pfnDown } from '../../base/addr';
import { e820RamPages } from '../../input/e820';
import type { NodeSpan } from '../../input/numa';
import type { Range } from '../../base/range';
import type { CrashProbe } from '../../output/simulation';
import {
  formatEarlyNodeMap,
  formatZonePfnRanges,
  MAX_DMA32_PFN,
  MAX_DMA_PFN,
  nodeZoneSpans,
  zonePfnRanges,
} from '../../input/zones';
import { drawZones } from '../lanes';
import type { X86Boot } from './boot';

/** ZONE_ALIGN = 1 << (MAX_ORDER + PAGE_SHIFT): node starts are rounded up to 8 MiB. */
const ZONE_ALIGN = 8 * MiB;

/** Where setup_node_bootmem starts a node's bootmem: its start rounded up to ZONE_ALIGN. */
export const bootmemStart = (nodeStart: number): number =>
  Math.ceil(nodeStart / ZONE_ALIGN) * ZONE_ALIGN;

/** The nodes numa_initmem_init will set up: SRAT spans cut at the end of RAM, or one fake node. */
export function plannedNodes(boot: X86Boot): NodeSpan[] {
  const ramEnd = boot.endPfn * PAGE_SIZE;
  const srat = boot.numaOff ? [] : boot.s.machine.nodes;
  if (srat.length === 0) return [{ node: 0, start: 0, end: ramEnd }];
  return srat
    .map((n) => ({ node: n.node, start: n.start, end: Math.min(n.end, ramEnd) }))
    .filter((n) => n.end > n.start)
    .sort((a, b) => a.node - b.node);
}

/**
 * acpi_numa_init + numa_initmem_init: the nodes, the memnodemap when SRAT gave nodes, then each
 * node's memory as the generation sets it up.
 */
export function numaInit(
  boot: X86Boot,
  memnodemap: () => void,
  setupNode: (node: number, start: number, end: number) => void,
): void {
  findNodes(boot);
  if (boot.s.machine.nodes.length && !boot.numaOff) memnodemap();
  for (const n of boot.nodes) setupNode(n.node, n.start, n.end);
}

function findNodes(boot: X86Boot): void {
  const ramEnd = boot.endPfn * PAGE_SIZE;
  const srat = boot.numaOff ? [] : boot.s.machine.nodes;
  if (srat.length === 0) {
    const why = boot.numaOff ? 'NUMA turned off' : 'No NUMA configuration found';
    boot.nodes = plannedNodes(boot);
    boot.ev({
      phase: 'numa',
      kind: 'numa',
      end: ramEnd,
      label: 'one fake node',
      owner: 'numa',
      fn: 'numa_initmem_init',
      src: boot.src.numa,
      explain: `${why}: a single node 0 spans all RAM.`,
      dmesg: `${why}\nFaking a node at ${hexPad(0, 16)}-${hexPad(ramEnd, 16)}`,
    });
  } else {
    boot.ev({
      phase: 'numa',
      kind: 'srat',
      end: ramEnd,
      label: 'SRAT memory affinity',
      owner: 'numa',
      fn: 'acpi_numa_memory_affinity_init',
      src: boot.src.numa,
      explain: `The ACPI SRAT assigns ${srat.length} memory range(s) to nodes; they are cut at the end of RAM (${humanSize(ramEnd)}).`,
      dmesg: srat
        .map(
          (n) => `SRAT: Node ${n.node} PXM ${n.node} ${n.start.toString(16)}-${n.end.toString(16)}`,
        )
        .join('\n'),
    });
    boot.nodes = plannedNodes(boot);
  }
  const ram = e820RamPages(boot.e820, boot.endUserPfn);
  for (const n of boot.nodes) {
    boot.rec.region({
      lane: 'node',
      start: n.start,
      end: n.end,
      label: `node ${n.node}`,
      owner: 'numa',
      node: n.node,
    });
    const lo = pfnDown(n.start);
    const hi = pfnDown(n.end);
    boot.active.set(
      n.node,
      ram
        .map((r) => ({ start: Math.max(r.start, lo), end: Math.min(r.end, hi) }))
        .filter((r) => r.end > r.start),
    );
  }
}

/** Node spans as advisor spans. */
export function nodeSpans(boot: X86Boot): CrashProbe['spans'] {
  return boot.nodes.map((n) => ({ start: n.start, end: n.end, label: `node ${n.node}` }));
}

/** A node's bitmap, placed: listed, drawn, and kept so that freeing it can end the drawing. */
export function placeBitmap(boot: X86Boot, node: number, r: Range): void {
  boot.bitmaps.push({ node, start: r.start, end: r.end });
  boot.bitmapRegions.set(
    node,
    boot.rec.region({
      lane: 'bitmap',
      start: r.start,
      end: r.end,
      label: `node ${node} bootmem bitmap`,
      owner: 'bitmap',
      node,
    }),
  );
}

/** paging_init → free_area_init_nodes: zones per node, then the node map (old formats). */
export function zonesInit(boot: X86Boot): void {
  const all = [...boot.active.entries()]
    .flatMap(([node, rs]) => rs.map((r) => ({ node, ...r })))
    .sort((a, b) => a.start - b.start);
  const minPfn = all.length ? Math.min(...all.map((r) => r.start)) : 0;
  const ranges = zonePfnRanges(minPfn, [MAX_DMA_PFN, MAX_DMA32_PFN, boot.endPfn]);
  for (const n of boot.nodes)
    boot.zones.push(...nodeZoneSpans(n.node, boot.active.get(n.node) ?? [], ranges));
  const perNode = boot.nodes
    .map(
      (n) =>
        `node ${n.node}: ${boot.zones
          .filter((z) => z.node === n.node)
          .map((z) => z.zone)
          .join(', ')}`,
    )
    .join('; ');
  boot.ev({
    phase: 'zones',
    kind: 'zones',
    end: boot.endPfn * PAGE_SIZE,
    label: 'zones',
    owner: 'zone',
    fn: 'free_area_init_nodes',
    src: boot.src.pageAlloc,
    explain: `DMA ends at 16 MiB (pfn 4096), DMA32 at 4 GiB (pfn 1048576), Normal at end_pfn. Each node gets the part of each zone between its first and last active page: ${perNode}.`,
    dmesg: [
      ...formatZonePfnRanges(ranges, boot.kernel.rules.pfnFormat),
      ...formatEarlyNodeMap(all, boot.kernel.rules.pfnFormat),
    ].join('\n'),
  });
  drawZones(boot.rec, boot.zones);
}
