/**
 * Each node's memory from 2.6.27 on (setup_node_bootmem): NODE_DATA and, except under
 * NO_BOOTMEM, the bitmap, both placed by find_e820_area stepping over early_res; the bitmap
 * filled with the node's RAM freed; and early_res copied into it (early_res_to_bootmem), per
 * node on 2.6.27 and once on 2.6.33. Bitmap rules: v2.6.30 mm/bootmem.c.
 */
import { hex, hexPad, humanSize, PAGE_SIZE, pageAlign, pfnDown, pfnUp } from '../../base/addr';
import { bootmapPages, KernelBug, mapsize } from '../../allocators/bootmem/bootmem';
import { Bootmem2630 } from '../../allocators/bootmem/bootmem-2.6.30';
import { Bootmem2630Reference } from '../../allocators/bootmem/bootmem-2.6.30.reference';
import { earlyResLine } from '../../allocators/early-res/early-res';
import type { Owner } from '../../output/events';
import type { Range } from '../../base/range';
import { MAX_DMA32_PFN, MAX_DMA_PFN } from '../../input/zones';
import { claim } from './conflicts';
import { ownerOf, reserveEarly, SRC_BOOTMEM_2630, type EarlyResBoot } from './earlyres-boot';
import { bootmemStart, placeBitmap } from './nodes';

/**
 * early_node_mem's search for NODE_DATA. Under NO_BOOTMEM (2.6.34) it puts NODE_DATA "on high
 * as possible": from 16 MiB, or from 4 GiB when the node spans 4 GiB, then once more from
 * 16 MiB to the end of the direct map (as 2.6.35 logs show, corpus 05 and 07: NODE_DATA at
 * 4 GiB and right after the kernel at 16 MiB). Before that, from the node's start.
 */
function nodeDataArea(boot: EarlyResBoot, start: number, end: number, size: number) {
  if (!boot.kernel.rules.noBootmem)
    return boot.early.findArea(boot.e820, start, end, size, boot.kernel.rules.l1CacheBytes);
  let from = Math.max(start, MAX_DMA_PFN * PAGE_SIZE);
  if (from < MAX_DMA32_PFN * PAGE_SIZE && end > MAX_DMA32_PFN * PAGE_SIZE)
    from = MAX_DMA32_PFN * PAGE_SIZE;
  const high = boot.early.findArea(boot.e820, from, end, size, boot.kernel.rules.l1CacheBytes);
  if (high.addr !== null) return high;
  const wide = boot.early.findArea(
    boot.e820,
    MAX_DMA_PFN * PAGE_SIZE,
    boot.endPfn * PAGE_SIZE,
    size,
    boot.kernel.rules.l1CacheBytes,
  );
  return {
    addr: wide.addr,
    trace: [...high.trace, 'again from 16 MiB to the end of the direct map', ...wide.trace],
  };
}

/** setup_node_bootmem: NODE_DATA, then (except NO_BOOTMEM) the bitmap, both by find_e820_area. */
export function setupNodeEarlyRes(
  boot: EarlyResBoot,
  node: number,
  nodeStart: number,
  end: number,
): void {
  const start = bootmemStart(nodeStart);
  const pgdat = boot.s.kernel.pgdatSize;
  const rules = boot.kernel.rules;
  const head = rules.noBootmem ? 'Initmem' : 'Bootmem';
  const nd = nodeDataArea(boot, start, end, pgdat);
  if (nd.addr === null)
    throw new KernelBug(`Cannot find ${pgdat} bytes in node ${node}`, 'early_node_mem');
  const ndr = { start: nd.addr, end: nd.addr + pgdat };
  const lines = [
    `${head} setup node ${node} ${hexPad(start, 16)}-${hexPad(end, 16)}`,
    `  NODE_DATA [${hexPad(ndr.start, 16)} - ${hexPad(ndr.end - 1, 16)}]`,
  ];
  boot.ev({
    phase: 'numa',
    kind: 'node-data',
    ...ndr,
    node,
    label: `NODE_DATA(${node}) placed at ${hex(ndr.start)}`,
    owner: 'node-data',
    fn: 'setup_node_bootmem',
    src: boot.src.numa,
    explain: `find_e820_area(${hex(start)}, ${hex(end)}, ${hex(pgdat)}) steps over early_res: ${nd.trace.join('; ')}.`,
    dmesg: lines.join('\n'),
  });
  if (!rules.nodeDataInEarlyRes)
    boot.rec.region({
      lane: 'reserved',
      ...ndr,
      label: `NODE_DATA(${node})`,
      owner: 'node-data',
      node,
    });
  else reserveEarly(boot, ndr, 'NODE_DATA', 'node-data', node);
  if (rules.noBootmem) return;
  const startPfn = pfnDown(start);
  const endPfn = pfnDown(end);
  const pages = bootmapPages(endPfn - startPfn);
  const size = pages * PAGE_SIZE;
  const bm = boot.early.findArea(boot.e820, pageAlign(ndr.end), end, size, PAGE_SIZE);
  if (bm.addr === null)
    throw new KernelBug(`Cannot find ${size} bytes in node ${node}`, 'early_node_mem');
  const r = { start: bm.addr, end: bm.addr + size };
  boot.ev({
    phase: 'numa',
    kind: 'bitmap',
    ...r,
    node,
    label: `node ${node} bootmem bitmap placed at ${hex(r.start)}`,
    owner: 'bitmap',
    fn: 'setup_node_bootmem',
    src: boot.src.numa,
    explain: `${humanSize(end - start)} / (4 KiB × 8) = ${humanSize(size)}. find_e820_area steps over early_res: ${bm.trace.join('; ')}.`,
    // The end printed is bootmap_start + init_bootmem_node()'s mapsize - 1, not the last page.
    dmesg: `  bootmap [${hexPad(r.start, 16)} -  ${hexPad(r.start + mapsize(endPfn - startPfn) - 1, 16)}] pages ${pages.toString(16)}`,
    worked: [{ label: 'bitmap', value: `${pages} pages = ${humanSize(size)}` }],
  });
  placeBitmap(boot, node, r);
  if (rules.nodeDataInEarlyRes) boot.early.reserve(r.start, r.end, 'BOOTMAP');
  const core = boot.options.reference
    ? new Bootmem2630Reference(startPfn, endPfn, r.start)
    : new Bootmem2630(startPfn, endPfn, r.start);
  boot.bdata.set(node, core);
  boot.ev({
    phase: 'numa',
    kind: 'bootmem-init',
    ...r,
    node,
    label: `node ${node} bitmap: RAM free, the rest reserved`,
    owner: 'bitmap',
    fn: 'init_bootmem_node',
    src: SRC_BOOTMEM_2630,
    explain: `The bitmap starts all reserved; the node's active RAM ranges are then freed in it.`,
  });
  boot.rec.bits(node, 'init', { start: startPfn, end: endPfn });
  for (const a of boot.active.get(node) ?? []) {
    core.free(a.start * PAGE_SIZE, (a.end - a.start) * PAGE_SIZE);
    boot.rec.bits(node, 'clear', a);
  }
  bootmemReserve(boot, node, ndr, 'node-data', `NODE_DATA(${node})`, false);
  bootmemReserve(boot, node, r, 'bitmap', `node ${node} bootmem bitmap`, false);
  if (rules.earlyResToBootmem === 'per-node') earlyResToBootmem(boot, { start, end }, node);
}

/**
 * reserve_bootmem_node, silent about double reservations (2.6.30 __reserve); with
 * BOOTMEM_EXCLUSIVE nothing is set when a page is taken. Returns the taken pages.
 */
export function bootmemReserve(
  boot: EarlyResBoot,
  node: number,
  r: Range,
  owner: Owner,
  label: string,
  exclusive: boolean,
): Range[] {
  const core = boot.bdata.get(node);
  if (!core) throw new KernelBug(`node ${node} has no bootmem`, 'reserve_bootmem_node');
  const busy = exclusive
    ? core.reserveExclusive(r.start, r.end - r.start)
    : core.reserve(r.start, r.end - r.start);
  const pages = { start: pfnDown(r.start), end: pfnUp(r.end) };
  if (!exclusive || busy.length === 0) {
    boot.rec.bits(node, 'set', pages);
    claim(boot, pages, owner, label);
  }
  return busy;
}

/**
 * early_res_to_bootmem(start, end): copy every early reservation inside [start, end) into the
 * bitmap of the node it lies in. 2.6.27 calls it per node as each is set up (and prints
 * "early res:" lines); 2.6.33 once, for [0, max_low_pfn), with its own format.
 */
export function earlyResToBootmem(boot: EarlyResBoot, span: Range, node?: number): void {
  const list = boot.early.entries;
  const lines =
    node === undefined
      ? [
          `(${list.length} early reservations) ==> bootmem [${hexPad(span.start, 10)} - ${hexPad(span.end, 10)}]`,
        ]
      : [];
  list.forEach((e, i) => {
    const lo = Math.max(e.start, span.start);
    const hi = Math.min(e.end, span.end);
    const head = earlyResLine(e, i);
    if (lo >= hi) {
      if (node === undefined) lines.push(head);
      return;
    }
    lines.push(
      node === undefined
        ? `${head} ==> [${hexPad(lo, 10)} - ${hexPad(hi, 10)}]`
        : `  early res: ${i} [${lo.toString(16)}-${(hi - 1).toString(16)}] ${e.name}`,
    );
    for (const n of boot.nodes) {
      const a = Math.max(lo, n.start);
      const b = Math.min(hi, n.end);
      if (a < b && boot.bdata.has(n.node))
        bootmemReserve(boot, n.node, { start: a, end: b }, ownerOf(e.name), e.name, false);
    }
  });
  boot.ev({
    phase: 'numa',
    kind: 'early-res-to-bootmem',
    label: 'early reservations copied into bootmem',
    owner: 'bitmap',
    fn: 'early_res_to_bootmem',
    src: boot.src.e820,
    explain:
      'Every early reservation is marked in the bitmap of the node it lies in, so bootmem allocations avoid it.',
    dmesg: lines.join('\n'),
    ...(node === undefined ? {} : { node }),
  });
}
