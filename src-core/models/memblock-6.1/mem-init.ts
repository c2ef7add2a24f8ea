/**
 * From paging_init to the page allocator on 6.1 x86_64: the zone ranges and early node ranges
 * free_area_init computes and prints (v6.1 mm/page_alloc.c, arch/x86/mm/init.c
 * zone_sizes_init), the swiotlb bounce buffer pci_iommu_alloc sets up in mem_init when RAM
 * reaches above 4 GiB (v6.1 arch/x86/kernel/pci-dma.c, kernel/dma/swiotlb.c), and
 * memblock_free_all handing every free range to the buddy allocator (v6.1 mm/memblock.c).
 */
import { hex, hexAlt, humanSize, memparse, MiB, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { hasParam, lastParam, type Param } from '../../input/cmdline';
import { NUMA_NO_NODE, SMP_CACHE_BYTES } from '../../allocators/memblock/memblock';
import { setIntersect, setLength, type Range } from '../../base/range';
import type { NodeRanges, ZoneRange } from '../../output/simulation';
import {
  MAX_DMA32_PFN,
  MAX_DMA_PFN,
  nodeZoneSpans,
  zonePfnRanges,
  type ZoneSpan,
} from '../../input/zones';
import { drawZones } from '../lanes';
import type { MemblockBoot } from './boot';

const SRC_PAGE_ALLOC = 'v6.1:mm/page_alloc.c';
const SRC_SWIOTLB = 'v6.1:kernel/dma/swiotlb.c';

/** free_area_init's printout and the per-node spans, from memblock.memory and max_low_pfn. */
export function freeAreaInit(boot: MemblockBoot): {
  zoneRanges: ZoneRange[];
  nodeRanges: NodeRanges[];
  zones: ZoneSpan[];
} {
  const mem = boot.mb.memory.regions;
  const low = boot.maxLowPfn;
  // find_min_pfn_with_active_regions: the first memory region's pfn.
  const minPfn = mem.length ? pfnDown((mem[0] as { base: number }).base) : 0;
  // Before 3.3 x86_64 passed the bare zone limits (rule zoneLimitsClipped).
  const clip = boot.kernel.rules.zoneLimitsClipped;
  const ranges = zonePfnRanges(minPfn, [
    clip ? Math.min(MAX_DMA_PFN, low) : MAX_DMA_PFN,
    clip ? Math.min(MAX_DMA32_PFN, low) : MAX_DMA32_PFN,
    clip ? low : Math.max(low, MAX_DMA32_PFN),
  ]);
  const zoneRanges = ranges
    .filter((z) => z.endPfn > z.startPfn)
    .map((z) => ({ zone: z.zone, start: z.startPfn * PAGE_SIZE, end: z.endPfn * PAGE_SIZE }));
  const lines = ['Zone ranges:'];
  for (const z of ranges)
    lines.push(
      `  ${z.zone.padEnd(8)} ${z.endPfn > z.startPfn ? `[mem ${hexAlt(z.startPfn * PAGE_SIZE, 18)}-${hexAlt(z.endPfn * PAGE_SIZE - 1, 18)}]` : 'empty'}`,
    );
  // ZONE_DEVICE's limit is 0, so its range is always empty.
  lines.push(
    `  ${'Device'.padEnd(8)} empty`,
    'Movable zone start for each node',
    'Early memory node ranges',
  );
  const byNode = new Map<number, Range[]>();
  for (const m of mem) {
    const s = pfnUp(m.base);
    const e = pfnDown(m.base + m.size);
    if (s >= e) continue;
    const r = { start: s * PAGE_SIZE, end: e * PAGE_SIZE };
    lines.push(
      `  node ${String(m.nid).padStart(3)}: [mem ${hexAlt(r.start, 18)}-${hexAlt(r.end - 1, 18)}]`,
    );
    byNode.set(m.nid, [...(byNode.get(m.nid) ?? []), r]);
  }
  const nodeRanges = [...byNode.entries()].map(([node, rs]) => ({ node, ranges: rs }));
  const zones: ZoneSpan[] = [];
  for (const n of [...nodeRanges].sort((a, b) => a.node - b.node)) {
    const first = n.ranges[0] as Range;
    const last = n.ranges[n.ranges.length - 1] as Range;
    lines.push(
      `Initmem setup node ${n.node} [mem ${hexAlt(first.start, 18)}-${hexAlt(last.end - 1, 18)}]`,
    );
    const pages = n.ranges.map((r) => ({ start: r.start / PAGE_SIZE, end: r.end / PAGE_SIZE }));
    zones.push(...nodeZoneSpans(n.node, pages, ranges));
  }
  boot.event({
    phase: 'zones',
    kind: 'zones',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: 'zones and node ranges',
    owner: 'zone',
    fn: 'free_area_init',
    src: SRC_PAGE_ALLOC,
    explain: `zone_sizes_init caps DMA at min(16 MiB, max_low_pfn), DMA32 at min(4 GiB, max_low_pfn) and Normal at max_low_pfn = ${hex(low * PAGE_SIZE)}; each zone starts where the previous one ends, from the first page of RAM. The node ranges are memblock.memory's regions in whole pages.`,
    dmesg: lines,
  });
  drawZones(boot.rec, zones);
  return { zoneRanges, nodeRanges, zones };
}

/** IO_TLB_SHIFT, IO_TLB_SEGSIZE and IO_TLB_DEFAULT_SIZE (v6.1 include/linux/swiotlb.h). */
const IO_TLB_SHIFT = 11;
const IO_TLB_SEGSIZE = 128;
const IO_TLB_DEFAULT_SIZE = 64 * MiB;
/** sizeof(struct io_tlb_slot) on x86_64 (v6.1 swiotlb.c); the area's size is a build fact. */
const SLOT_BYTES = 24;

export interface SwiotlbConfig {
  nslabs: number;
  nareas: number | null;
  force: boolean;
  disable: boolean;
}

const pow2 = (x: number) => 2 ** Math.ceil(Math.log2(Math.max(1, x)));

/** setup_io_tlb_npages: swiotlb=<slabs>[,<areas>][,force|noforce]. */
export function parseSwiotlb(params: readonly Param[]): SwiotlbConfig {
  const cfg: SwiotlbConfig = {
    nslabs: IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT,
    nareas: null,
    force: false,
    disable: false,
  };
  let v = lastParam(params, 'swiotlb')?.value ?? '';
  const num = () => {
    const r = memparse(v, 0, '');
    v = v.slice(r.end);
    return r.digits ? (r.value ?? 0) : null;
  };
  const slabs = num();
  if (slabs !== null) cfg.nslabs = Math.ceil(slabs / IO_TLB_SEGSIZE) * IO_TLB_SEGSIZE;
  if (v.startsWith(',')) v = v.slice(1);
  const areas = num();
  if (areas !== null) cfg.nareas = pow2(areas);
  if (v.startsWith(',')) v = v.slice(1);
  cfg.force = v === 'force';
  cfg.disable = v === 'noforce';
  return cfg;
}

/** swiotlb_size_or_default(). */
export const swiotlbBytes = (cfg: SwiotlbConfig): number => cfg.nslabs * 2 ** IO_TLB_SHIFT;

/**
 * pci_iommu_alloc → pci_swiotlb_detect + swiotlb_init_remap: with RAM above 4 GiB (and no
 * iommu=off), a bounce buffer from low memory (memblock_alloc_low: below 0xffffffff), then its
 * slot array and its areas.
 */
export function swiotlbInit(boot: MemblockBoot, params: readonly Param[], cpus: number): void {
  const cfg = parseSwiotlb(params);
  // pci_swiotlb_detect tests max_possible_pfn, which the SRAT's memory ranges raise even where
  // the map given to this kernel has no RAM (v6.1 drivers/acpi/numa/srat.c): a kdump kernel
  // confined below 4 GiB still sets up the buffer on such a machine.
  const srat = hasParam(params, 'numa', 'off') ? [] : (boot.s.machine.srat ?? boot.s.machine.nodes);
  const possible = Math.max(boot.maxPfn, ...srat.map((b) => pfnUp(b.end)));
  const enable = (possible > MAX_DMA32_PFN && !hasParam(params, 'iommu', 'off')) || cfg.force;
  if (!enable || cfg.disable) return;
  const nareas = cfg.nareas ?? pow2(cpus);
  const lines = [`software IO TLB: area num ${nareas}.`];
  let nslabs = cfg.nslabs;
  if (nslabs !== pow2(nslabs)) {
    nslabs = pow2(nslabs);
    lines.push(
      `software IO TLB: SWIOTLB bounce buffer size roundup to ${(nslabs << IO_TLB_SHIFT) / MiB}MB`,
    );
  }
  boot.event({
    phase: 'retire',
    kind: 'swiotlb',
    label: 'swiotlb needed',
    owner: 'swiotlb',
    fn: 'swiotlb_init_remap',
    src: SRC_SWIOTLB,
    explain: `${possible > boot.maxPfn ? 'The SRAT' : 'RAM'} reaches ${humanSize(possible * PAGE_SIZE)}, above what 32-bit DMA can address, so a bounce buffer is set up in low memory (${nareas} area(s), one per possible CPU rounded to a power of two).`,
    dmesg: lines,
  });
  const caller = 'swiotlb_init_remap';
  const size = Math.ceil((nslabs << IO_TLB_SHIFT) / PAGE_SIZE) * PAGE_SIZE;
  const tlb = boot.alloc(
    {
      fn: 'memblock_alloc_try_nid',
      caller,
      size,
      align: PAGE_SIZE,
      from: 0,
      max: 0xffffffff,
      nid: NUMA_NO_NODE,
    },
    {
      phase: 'retire',
      label: 'swiotlb buffer',
      owner: 'swiotlb',
      src: SRC_SWIOTLB,
      explain: 'memblock_alloc_low: the buffer must lie below 4 GiB.',
    },
  );
  if (!tlb) {
    boot.event({
      phase: 'retire',
      kind: 'note',
      label: 'no swiotlb buffer',
      owner: 'swiotlb',
      fn: caller,
      src: SRC_SWIOTLB,
      explain: 'Low memory has no room for the buffer.',
      dmesg: ['software IO TLB: swiotlb_init_remap: failed to allocate tlb structure'],
    });
    return;
  }
  const slots = Math.ceil((nslabs * SLOT_BYTES) / PAGE_SIZE) * PAGE_SIZE;
  boot.alloc(
    {
      fn: 'memblock_alloc_try_nid',
      caller,
      size: slots,
      align: PAGE_SIZE,
      from: 0,
      max: 0,
      nid: NUMA_NO_NODE,
    },
    {
      phase: 'retire',
      label: 'swiotlb slots',
      owner: 'swiotlb',
      src: SRC_SWIOTLB,
      explain: `One ${SLOT_BYTES}-byte slot record per 2 KiB slab: ${nslabs} × ${SLOT_BYTES} bytes, rounded to pages.`,
    },
  );
  boot.alloc(
    {
      fn: 'memblock_alloc_try_nid',
      caller,
      size: nareas * boot.kernel.build.swiotlbAreaBytes,
      align: SMP_CACHE_BYTES,
      from: 0,
      max: 0,
      nid: NUMA_NO_NODE,
    },
    {
      phase: 'retire',
      label: 'swiotlb areas',
      owner: 'swiotlb',
      src: SRC_SWIOTLB,
      explain: `${nareas} area record(s) of ${boot.kernel.build.swiotlbAreaBytes} bytes.`,
    },
  );
  boot.event({
    phase: 'retire',
    kind: 'note',
    start: tlb,
    end: tlb + size,
    label: 'swiotlb mapped',
    owner: 'swiotlb',
    fn: 'swiotlb_print_info',
    src: SRC_SWIOTLB,
    explain: `Printed later in the boot: "software IO TLB: mapped [mem ${hexAlt(tlb, 18)}-${hexAlt(tlb + size, 18)}] (${(nslabs << IO_TLB_SHIFT) / MiB}MB)" (the end it prints is exclusive).`,
  });
}

/** memblock_free_all: every free range, in whole pages, goes to the buddy allocator. */
export function memblockFreeAll(boot: MemblockBoot): Range[] {
  const free = boot.freePages();
  const pages = setLength(free) / PAGE_SIZE;
  boot.event({
    phase: 'retire',
    kind: 'free-all',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: 'memblock retires',
    owner: 'page-allocator',
    fn: 'memblock_free_all',
    src: 'v6.1:mm/memblock.c',
    explain: `Every range of memblock.memory not in memblock.reserved goes to the buddy allocator: ${pages} pages (${humanSize(pages * PAGE_SIZE)}). Reserved ranges stay PageReserved; nothing is freed unconditionally. (The "Memory:" line counts fewer pages: with DEFERRED_STRUCT_PAGE_INIT most are freed later by a thread per node.)`,
  });
  for (const r of free)
    boot.rec.region({
      lane: 'buddy',
      ...r,
      label: 'free pages (page allocator)',
      owner: 'page-allocator',
    });
  return free;
}

/** After boot: kexec -p loads the kdump kernel into the reserved window. */
export function kexecLoad(boot: MemblockBoot, buddy: Range[]): void {
  const c = boot.crash;
  if (c.outcome !== 'reserved' || c.start === undefined || c.end === undefined) return;
  const w = { start: c.start, end: c.end };
  const hit = setIntersect([w], buddy);
  boot.event({
    phase: 'kexec',
    kind: 'kexec-load',
    start: w.start,
    end: w.end,
    label: 'kexec loads the kdump kernel',
    owner: 'kdump',
    fn: 'kexec_load',
    src: 'v6.1:kernel/kexec.c',
    explain: hit.length
      ? `kexec writes into the window, but ${humanSize(setLength(hit))} of it was given to the page allocator.`
      : 'kexec copies the kdump kernel into the window; memblock kept it reserved, so the page allocator never had a page of it.',
  });
  boot.rec.region({ lane: 'reserved', ...w, label: 'kdump kernel (loaded)', owner: 'kdump' });
}
