/**
 * Bootmem retiring at mem_init, 2.6.23 to 2.6.36: free_all_bootmem_core per node (the clear
 * bits, then the bitmap's own pages, unconditionally), or under NO_BOOTMEM every active range
 * minus early_res. What the page allocator gets is drawn and kept for kexec.
 */
import { humanSize, PAGE_SIZE, pageAlign } from '../../base/addr';
import type { FreeAll } from '../../allocators/bootmem/core';
import { earlyResLine } from '../../allocators/early-res/early-res';
import type { Worked } from '../../output/events';
import { normalize, setScale, type Range } from '../../base/range';
import type { X86Boot } from './boot';
import { SRC_BOOTMEM_2623, SRC_INIT_2623 } from './bootmem-boot';
import { freedWhileReserved } from './conflicts';
import { SRC_BOOTMEM_2630, type EarlyResBoot } from './earlyres-boot';

/** Pages handed to the page allocator, drawn and remembered for kexec. */
function toBuddy(
  boot: X86Boot,
  node: number,
  bytes: Range[],
  label = 'free pages (page allocator)',
): void {
  for (const r of bytes)
    boot.rec.region({
      lane: 'buddy',
      start: r.start,
      end: r.end,
      label,
      owner: 'page-allocator',
      node,
    });
  boot.buddy.push(...bytes);
}

/** The second half of free_all_bootmem_core: the bitmap's own pages, unconditionally. */
function freeBitmap(boot: X86Boot, node: number, pages: Range, src: string): void {
  const bytes = { start: pages.start * PAGE_SIZE, end: pages.end * PAGE_SIZE };
  const ev = boot.ev({
    phase: 'retire',
    kind: 'bitmap-freed',
    ...bytes,
    label: `node ${node}: bitmap pages freed`,
    owner: 'bitmap',
    fn: 'free_all_bootmem_core',
    src,
    node,
    explain: `The bitmap is no longer needed, so its ${pages.end - pages.start} pages (${humanSize(bytes.end - bytes.start)}) go to the page allocator one by one — without looking at whether anything else reserved them.`,
  });
  const region = boot.bitmapRegions.get(node);
  if (region) boot.rec.end(region);
  toBuddy(boot, node, [bytes], `node ${node} bitmap pages (freed)`);
  freedWhileReserved(boot, node, pages, ev.step);
}

/**
 * free_all_bootmem_core on every node with bootmem; `say` words the step for the generation.
 * Returns the pages handed over, bitmaps included.
 */
function freeAllBootmem(
  boot: X86Boot,
  src: string,
  say: (node: number, fa: FreeAll, freed: number) => { explain: string; worked?: Worked[] },
): number {
  let total = 0;
  for (const n of boot.nodes) {
    const core = boot.bdata.get(n.node);
    if (!core) continue;
    const fa = core.freeAll();
    const freed = fa.free.reduce((t, r) => t + r.end - r.start, 0);
    total += freed + (fa.bitmap.end - fa.bitmap.start);
    boot.ev({
      phase: 'retire',
      kind: 'free-all',
      start: n.start,
      end: n.end,
      node: n.node,
      label: `node ${n.node}: free pages to the page allocator`,
      owner: 'page-allocator',
      fn: 'free_all_bootmem_core',
      src,
      ...say(n.node, fa, freed),
    });
    boot.rec.bits(n.node, 'retire', { start: core.startPfn, end: core.lowPfn });
    toBuddy(boot, n.node, setScale(fa.free, PAGE_SIZE));
    freeBitmap(boot, n.node, fa.bitmap, src);
  }
  return total;
}

/** 2.6.23 mem_init → numa_free_all_bootmem, then the "Memory:" line. */
export function memInitBootmem2623(boot: X86Boot): void {
  const total = freeAllBootmem(boot, SRC_BOOTMEM_2623, (node, fa, freed) => ({
    explain: `Every clear bit of node ${node} becomes a free page: ${freed} pages (${humanSize(freed * PAGE_SIZE)}), ${fa.order6Blocks} × 64 of them as whole blocks and ${fa.singlePages} one by one. Set bits stay reserved.`,
    worked: [
      { label: 'freed', value: `${fa.order6Blocks} × 64 + ${fa.singlePages} = ${freed} pages` },
    ],
  }));
  const k = boot.s.kernel;
  const absent =
    boot.endPfn -
    normalize([...boot.active.values()].flat()).reduce((t, r) => t + r.end - r.start, 0);
  const reserved = boot.endPfn - total - absent;
  const kib = (b: number) => Math.floor(b / 1024);
  const line =
    k.codeSize !== undefined && k.dataSize !== undefined && k.initSize !== undefined
      ? `Memory: ${total * 4}k/${boot.endPfn * 4}k available (${kib(k.codeSize)}k kernel code, ${reserved * 4}k reserved, ${kib(k.dataSize)}k data, ${kib(k.initSize)}k init)`
      : '';
  boot.ev({
    phase: 'retire',
    kind: 'memory',
    end: boot.endPfn * PAGE_SIZE,
    label: 'bootmem retired',
    owner: 'page-allocator',
    fn: 'mem_init',
    src: SRC_INIT_2623,
    dmesg: line,
    explain: `The page allocator now owns ${humanSize(total * PAGE_SIZE)}; ${humanSize(reserved * PAGE_SIZE)} stays reserved.`,
    worked: [
      {
        label: 'reserved',
        value: `${boot.endPfn} - ${total} free - ${absent} absent = ${reserved} pages`,
      },
    ],
  });
}

/** 2.6.27/2.6.33 mem_init: free_all_bootmem under the v2.6.30 rules. */
export function memInitBootmem2630(boot: X86Boot): void {
  freeAllBootmem(boot, SRC_BOOTMEM_2630, (_node, fa, freed) => ({
    explain: `${freed} pages (${humanSize(freed * PAGE_SIZE)}) are freed: ${fa.order6Blocks} × 64 as blocks, ${fa.singlePages} one by one.`,
  }));
}

/** NO_BOOTMEM (2.6.34) free_all_memory_core_early: every active range minus early_res. */
export function freeAllMemoryCoreEarly(boot: EarlyResBoot): void {
  const ram = setScale(normalize([...boot.active.values()].flat()), PAGE_SIZE);
  const free = boot.early
    .subtractFrom(ram)
    .map((r) => ({ start: pageAlign(r.start), end: Math.floor(r.end / PAGE_SIZE) * PAGE_SIZE }))
    .filter((r) => r.end > r.start);
  const lines = [
    `Subtract (${boot.early.entries.length} early reservations)`,
    ...boot.early.sorted().map(earlyResLine),
  ];
  const bytes = free.reduce((t, r) => t + r.end - r.start, 0);
  boot.ev({
    phase: 'retire',
    kind: 'free-all',
    end: boot.endPfn * PAGE_SIZE,
    label: 'RAM minus early_res to the page allocator',
    owner: 'page-allocator',
    fn: 'free_all_memory_core_early',
    src: 'v2.6.34:mm/page_alloc.c',
    explain: `With no bitmap, mem_init frees every active range minus the early reservations: ${humanSize(bytes)}.`,
    dmesg: lines.join('\n'),
  });
  for (const n of boot.nodes)
    toBuddy(
      boot,
      n.node,
      free.filter((r) => r.start >= n.start && r.start < n.end),
    );
}
