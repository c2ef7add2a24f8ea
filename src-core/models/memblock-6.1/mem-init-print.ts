/**
 * The `Memory: A/T available (...)` line of 6.1 x86_64 (v6.1 mm/page_alloc.c
 * mem_init_print_info), computed from memblock's state at memblock_free_all:
 *
 * - T is physpages: every present page (memblock.memory in whole pages).
 * - "reserved" is physpages − totalram_pages: __free_memory_core counts every free range,
 *   deferred pages included (v6.1 mm/memblock.c).
 * - A is nr_free_pages(): with CONFIG_DEFERRED_STRUCT_PAGE_INIT (Debian's 6.1 has it) only
 *   pages below each node's first_deferred_pfn reach the buddy allocator before the line is
 *   printed (memblock_free_pages skips early_page_uninitialised pages). defer_init (v6.1
 *   mm/page_alloc.c) initialises every lower zone of a node whole and, in the zone that ends at
 *   the node's end, stops at the first section-aligned pfn after PAGES_PER_SECTION pages.
 * - mem_init then calls preallocate_vmalloc_pages (v6.1 arch/x86/mm/init_64.c): one page
 *   table page from the buddy allocator per PGD entry of the vmalloc area, 32 TiB / 512 GiB = 64
 *   with 4-level paging (VMALLOC_SIZE_TB_L4).
 *
 * Checked against the Memory: line of every oracle log in fixtures/oracle/.
 */
import { KiB, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { firstEndingAfter, type Range } from '../../base/range';
import type { ZoneSpan } from '../../input/zones';
import type { MemblockBoot } from './boot';
import type { MemoryInfo } from '../../output/simulation';

/** PAGES_PER_SECTION on x86_64: 128 MiB sections (SECTION_SIZE_BITS 27). */
const PAGES_PER_SECTION = 32768;
/** preallocate_vmalloc_pages with 4-level paging: 32 TiB of vmalloc space, 512 GiB per PGD entry. */
export const VMALLOC_PREALLOC_PAGES = 64;

/** first_deferred_pfn of each node (Infinity when nothing is deferred). */
function firstDeferredPfn(boot: MemblockBoot, zones: readonly ZoneSpan[]): Map<number, number> {
  const out = new Map<number, number>();
  const nodes = new Set(zones.map((z) => z.node));
  for (const nid of nodes) {
    const own = zones.filter((z) => z.node === nid);
    const nodeEnd = Math.max(...own.map((z) => z.end));
    const last = own.find((z) => z.end === nodeEnd) as ZoneSpan;
    let counted = 0;
    let deferred = Infinity;
    for (const m of boot.mb.memory.regions) {
      if (m.nid !== nid) continue;
      const a = Math.max(pfnUp(m.base), pfnDown(last.start));
      const b = Math.min(pfnDown(m.base + m.size), pfnDown(last.end));
      if (a >= b) continue;
      // The k-th page counted (1-based) defers when k > PAGES_PER_SECTION on a section boundary.
      const first = Math.max(a, a + PAGES_PER_SECTION - counted);
      const p = Math.ceil(first / PAGES_PER_SECTION) * PAGES_PER_SECTION;
      if (p < b) {
        deferred = p;
        break;
      }
      counted += b - a;
    }
    out.set(nid, deferred);
  }
  return out;
}

/** The Memory: line for the free ranges memblock_free_all handed over (whole pages). */
export function memInitPrintInfo(
  boot: MemblockBoot,
  buddy: readonly Range[],
  zones: readonly ZoneSpan[],
): MemoryInfo {
  let physpages = 0;
  for (const m of boot.mb.memory.regions)
    physpages += Math.max(0, pfnDown(m.base + m.size) - pfnUp(m.base));
  const limit = boot.maxLowPfn * PAGE_SIZE;
  const deferred = firstDeferredPfn(boot, zones);
  let totalram = 0;
  let early = 0;
  for (const m of boot.mb.memory.regions) {
    const cut = (deferred.get(m.nid) ?? Infinity) * PAGE_SIZE;
    const mEnd = m.base + m.size;
    // The free ranges are sorted and apart: only those reaching into this region, found by
    // binary search (every range for every region took 0.35 s on the 100,000-region machine).
    for (let i = firstEndingAfter(buddy, m.base); i < buddy.length; i++) {
      const f = buddy[i] as Range;
      if (f.start >= mEnd) break;
      const s = Math.max(f.start, m.base);
      const e = Math.min(f.end, mEnd, limit);
      if (e <= s) continue;
      totalram += (e - s) / PAGE_SIZE;
      early += Math.max(0, Math.min(e, cut) - s) / PAGE_SIZE;
    }
  }
  const availableK = ((early - VMALLOC_PREALLOC_PAGES) * PAGE_SIZE) / KiB;
  const totalK = (physpages * PAGE_SIZE) / KiB;
  const reservedK = ((physpages - totalram) * PAGE_SIZE) / KiB;
  // The image's section sizes are its build's (kernel/rules.ts buildFacts, by flavour).
  const k = boot.kernel.build.sectionsK;
  return {
    totalK,
    availableK,
    reservedK,
    managed: totalram * PAGE_SIZE,
    line: `Memory: ${availableK}K/${totalK}K available (${k.code}K kernel code, ${k.rwdata}K rwdata, ${k.rodata}K rodata, ${k.init}K init, ${k.bss}K bss, ${reservedK}K reserved, 0K cma-reserved)`,
  };
}
