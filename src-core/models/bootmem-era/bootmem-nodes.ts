/**
 * Each node's bootmem on 2.6.23/2.6.24 (v2.6.23 arch/x86_64/mm/numa.c setup_node_bootmem,
 * early_node_mem): NODE_DATA and the bitmap placed by find_e820_area past the bad_addr list
 * only, the bitmap filled, the node's RAM freed in it, then both reserved.
 */
import { hex, hexPad, humanSize, MiB, PAGE_SIZE, pageAlign, pfnDown } from '../../base/addr';
import { Bootmem, bootmapPages } from '../../allocators/bootmem/bootmem';
import { BootmemReference } from '../../allocators/bootmem/bootmem.reference';
import type { Owner } from '../../output/events';
import { allocBits, allocGlobal } from './bootmem-alloc';
import { SRC_2623, SRC_BOOTMEM_2623, type BootmemBoot } from './bootmem-boot';
import { reserveNode } from './bootmem-reserve';
import { findE820Area } from './e820-area';
import { bootmemStart, placeBitmap } from './nodes';

/** setup_node_bootmem (v2.6.23 arch/x86_64/mm/numa.c). */
export function setupNodeBootmem(
  boot: BootmemBoot,
  node: number,
  nodeStart: number,
  end: number,
): void {
  const start = bootmemStart(nodeStart);
  const startPfn = pfnDown(start);
  const endPfn = pfnDown(end);
  const pgdat = boot.s.kernel.pgdatSize;
  boot.ev({
    phase: 'numa',
    kind: 'node',
    start,
    end,
    node,
    label: `bootmem setup for node ${node}`,
    owner: 'numa',
    fn: 'setup_node_bootmem',
    src: SRC_2623.numa,
    explain: `Node ${node}'s start is rounded up to ZONE_ALIGN (8 MiB); it spans ${humanSize(end - start)}.`,
    dmesg: `Bootmem setup node ${node} ${hexPad(start, 16)}-${hexPad(end, 16)}`,
  });
  const nd = earlyNodeMem(boot, node, start, end, pgdat, 'NODE_DATA');
  if (nd === null) return;
  const mapPages = bootmapPages(endPfn - startPfn);
  const size = mapPages * PAGE_SIZE;
  const map = earlyNodeMem(boot, node, pageAlign(nd + pgdat), end, size, 'bitmap');
  if (map === null) return;
  const core = boot.options.reference
    ? new BootmemReference(startPfn, endPfn, map)
    : new Bootmem(startPfn, endPfn, map);
  boot.bdata.set(node, core);
  const perPage = `${humanSize(end - start)} / (4 KiB × 8) = ${humanSize(Math.ceil((endPfn - startPfn) / 8))}`;
  boot.ev({
    phase: 'numa',
    kind: 'bootmem-init',
    start: map,
    end: map + size,
    node,
    label: `node ${node} bitmap: all pages reserved`,
    owner: 'bitmap',
    fn: 'init_bootmem_node',
    src: SRC_BOOTMEM_2623,
    explain: `init_bootmem_core fills the ${humanSize(size)} bitmap with ones: every page of node ${node} starts reserved.`,
    worked: [{ label: 'bitmap size', value: `${perPage}, ${mapPages} pages` }],
  });
  boot.rec.bits(node, 'init', { start: startPfn, end: endPfn });
  const ram = boot.active.get(node) ?? [];
  for (const r of ram) core.free(r.start * PAGE_SIZE, (r.end - r.start) * PAGE_SIZE);
  const ramBytes = ram.reduce((t, r) => t + (r.end - r.start) * PAGE_SIZE, 0);
  boot.ev({
    phase: 'numa',
    kind: 'bootmem-free',
    start,
    end,
    node,
    label: `node ${node}: RAM marked free`,
    owner: 'bitmap',
    fn: 'free_bootmem_with_active_regions',
    src: SRC_2623.pageAlloc,
    explain: `The node's ${ram.length} active (e820 RAM) page range(s), ${humanSize(ramBytes)}, are freed in the bitmap; holes stay reserved.`,
  });
  for (const r of ram) boot.rec.bits(node, 'clear', r);
  reserveNode(
    boot,
    node,
    nd,
    pgdat,
    'node-data',
    `NODE_DATA(${node})`,
    'reserve_bootmem_node',
    'numa',
  );
  reserveNode(
    boot,
    node,
    map,
    size,
    'bitmap',
    `node ${node} bootmem bitmap`,
    'reserve_bootmem_node',
    'numa',
  );
}

/** early_node_mem: find_e820_area in the node, else __alloc_bootmem_nopanic (goal 16 MiB). */
function earlyNodeMem(
  boot: BootmemBoot,
  node: number,
  start: number,
  end: number,
  size: number,
  what: 'NODE_DATA' | 'bitmap',
): number | null {
  const found = findE820Area(boot.e820, start, end, size, boot.bad);
  let how = `find_e820_area(${hex(start)}, ${hex(end)}, ${hex(size)}): ${found.trace.join('; ')}`;
  const fallback =
    found.addr === null
      ? allocGlobal(boot, size, boot.kernel.rules.l1CacheBytes, 16 * MiB, 0)
      : null;
  if (found.addr === null)
    how += fallback
      ? `; __alloc_bootmem_nopanic gave ${hex(fallback.addr)}`
      : '; __alloc_bootmem_nopanic found nothing either';
  const addr = found.addr ?? fallback?.addr ?? null;
  const owner: Owner = what === 'bitmap' ? 'bitmap' : 'node-data';
  const label = what === 'bitmap' ? `node ${node} bootmem bitmap` : `NODE_DATA(${node})`;
  if (addr === null) {
    boot.ev({
      phase: 'numa',
      kind: 'node-failed',
      start,
      end,
      node,
      label: `${label}: no room`,
      owner,
      fn: 'early_node_mem',
      src: SRC_2623.numa,
      explain: `${how}. The node is left without memory.`,
      dmesg: `Cannot find ${size} bytes in node ${node}`,
    });
    return null;
  }
  const r = { start: addr, end: addr + size };
  boot.ev({
    phase: 'numa',
    kind: what === 'bitmap' ? 'bitmap' : 'node-data',
    ...r,
    node,
    label: `${label} placed at ${hex(addr)}`,
    owner,
    fn: 'early_node_mem',
    src: SRC_2623.numa,
    explain: `${label} needs ${humanSize(size)}. ${how}. The search skips only its fixed bad_addr list; it does not know about any reservation.`,
    worked:
      what === 'bitmap'
        ? [
            {
              label: 'bitmap',
              value: `${size / PAGE_SIZE} pages = ${humanSize(size)}, [${hex(addr)}, ${hex(addr + size)})`,
            },
          ]
        : [],
  });
  if (fallback) allocBits(boot, fallback, size);
  if (what === 'bitmap') placeBitmap(boot, node, r);
  else boot.rec.region({ lane: 'reserved', ...r, label, owner, node });
  return addr;
}
