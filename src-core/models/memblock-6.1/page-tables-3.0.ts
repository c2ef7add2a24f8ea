/**
 * The direct map's page tables on memblock kernels before 3.9 (v3.0 arch/x86/mm/init.c
 * init_memory_mapping, find_early_table_space; arch/x86/kernel/setup.c): setup_arch maps
 * [0, max_low_pfn) and then, with RAM above 4 GiB, [4 GiB, max_pfn). For each call
 * find_early_table_space sizes a block for the worst case and memblock finds it top-down below
 * the end of the range; the pages the mapping then uses, from the bottom of that block, are
 * reserved as PGTABLE. The rest of the block stays free. The first GiB's PMD page and the PUD
 * page come from head_64.S (level2_ident_pgt, level3_ident_pgt) until 3.9.
 */
import { GiB, hexAlt, hexPad, humanSize, MiB, PAGE_SIZE } from '../../base/addr';
import { directMapCalls, searchedFor, usedFor } from '../bootmem-era/page-tables';
import { KernelPanic, type MemblockBoot } from './boot';

const SRC_INIT = 'v3.0:arch/x86/mm/init.c';
/** find_early_table_space searches from 1 MiB on (v3.0). */
const SEARCH_FROM = 0x100000;

/**
 * From 3.2 find_early_table_space also counts PTEs for all of the first map range when it
 * starts below 2 MiB ("The first 2/4M doesn't use large pages", extra += mr[0].end -
 * mr[0].start). On x86_64 a call from 0 has no head range, so mr[0] runs from 0 to the last
 * 1 GiB boundary (or 2 MiB boundary, or the end): the block grows to about end / 512, and the
 * pages the mapping uses sit at its bottom, far below the top of RAM.
 */
function firstRangePtes(boot: MemblockBoot, start: number, end: number): number {
  if (!boot.kernel.rules.tableSpaceFirstPtes || start >= 2 * MiB) return 0;
  const gib = Math.floor(end / GiB) * GiB;
  const mib2 = Math.floor(end / (2 * MiB)) * 2 * MiB;
  return (gib || mib2 || end) - start;
}

/** Both init_memory_mapping calls; returns the end of the direct map. */
export function tableSpaceMapping(boot: MemblockBoot, gbPages: boolean): number {
  const low = boot.maxLowPfn * PAGE_SIZE;
  const top = boot.maxPfn * PAGE_SIZE;
  for (const c of directMapCalls(low, top)) {
    const searched = searchedFor(c.end, gbPages, firstRangePtes(boot, c.start, c.end));
    const used = usedFor(c.start, c.end, gbPages);
    const base = boot.mb.findInRangeNode(searched, PAGE_SIZE, SEARCH_FROM, c.end, -1);
    if (!base) throw new KernelPanic('Cannot find space for the kernel page tables');
    const lines = [
      `init_memory_mapping: ${hexPad(c.start, 16)}-${hexPad(c.end, 16)}`,
      `kernel direct mapping tables up to ${c.end.toString(16)} @ ${base.toString(16)}-${(base + searched).toString(16)}`,
    ];
    const explain = `find_early_table_space sizes ${humanSize(searched)} of tables for the worst case (PUD, PMD${gbPages ? ' for the partial GiB only, 1 GiB pages elsewhere' : ''} and PTE entries up to ${hexAlt(c.end, 8)}) and memblock finds the block top-down below the end of the range; the mapping uses ${used} page(s) from its bottom, reserved as PGTABLE, and the rest of the block stays free.`;
    if (!used) {
      boot.event({
        phase: 'direct-map',
        kind: 'page-tables',
        label: 'direct-map page tables',
        owner: 'page-tables',
        fn: 'init_memory_mapping',
        src: SRC_INIT,
        explain,
        dmesg: lines,
      });
      continue;
    }
    boot.reserve(
      { start: base, end: base + used * PAGE_SIZE },
      {
        phase: 'direct-map',
        label: 'PGTABLE',
        owner: 'page-tables',
        fn: 'init_memory_mapping',
        caller: 'init_memory_mapping',
        src: SRC_INIT,
        explain,
        dmesg: lines,
      },
    );
  }
  return top;
}
