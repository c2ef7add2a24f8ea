/**
 * init_memory_mapping → find_early_table_space: how much the direct-mapping page tables need,
 * and where each generation puts them: past the bad_addr list on 2.6.23 (v2.6.23
 * arch/x86_64/mm/init.c), stepping over early_res and reserved as PGTABLE from 2.6.27.
 */
import { GiB, hex, hexPad, humanSize, MiB, PAGE_SIZE, pageAlign, pfnDown } from '../../base/addr';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import { e820AnyMapped, type E820Entry } from '../../input/e820';
import { SRC_INIT_2623, type BootmemBoot } from './bootmem-boot';
import { findE820Area } from './e820-area';
import { reserveEarly, type EarlyResBoot } from './earlyres-boot';

/**
 * find_early_table_space: one PUD entry per GiB and one PMD entry per 2 MiB of the direct map,
 * searched as a block; phys_pud_init then uses one PUD page per 512 GiB and one PMD page per
 * GiB that any e820 entry touches.
 */
function directMapTables(e820: readonly E820Entry[], end: number) {
  const puds = Math.ceil(end / GiB);
  const pmds = Math.ceil(end / (2 * MiB));
  const searched = pageAlign(puds * 8) + pageAlign(pmds * 8);
  let used = Math.ceil(end / (512 * GiB));
  for (let g = 0; g < puds; g++)
    if (e820AnyMapped(e820, { start: g * GiB, end: (g + 1) * GiB })) used++;
  return { puds, pmds, searched, used };
}

const noRoom = () =>
  new KernelBug('Cannot find space for the kernel page tables', 'find_early_table_space');

/** 2.6.23 init_memory_mapping(0, end_pfn_map << 12): the tables join the bad_addr list. */
export function pageTablesBadAddr(boot: BootmemBoot): void {
  const end = boot.endPfnMap * PAGE_SIZE;
  const t = directMapTables(boot.e820, end);
  const found = findE820Area(boot.e820, 0x8000, end, t.searched, boot.bad);
  if (found.addr === null) throw noRoom();
  const start = pfnDown(found.addr) * PAGE_SIZE;
  boot.bad.tables = { start, end: start + t.used * PAGE_SIZE };
  boot.ev({
    phase: 'direct-map',
    kind: 'page-tables',
    ...boot.bad.tables,
    label: 'direct-mapping page tables',
    owner: 'page-tables',
    fn: 'init_memory_mapping',
    src: SRC_INIT_2623,
    explain: `Space for ${humanSize(t.searched)} of tables is searched from 0x8000 (${found.trace.join('; ')}); ${t.used} pages are used: one PUD page and one PMD page per mapped GiB, with 2 MiB pages. early_printk only: "kernel direct mapping tables up to ${hex(end)} @ ${hex(start)}-${hex(start + t.searched)}".`,
    worked: [
      {
        label: 'tables',
        value: `${t.puds} PUD entries + ${t.pmds} PMD entries = ${humanSize(t.searched)} searched, ${t.used} pages used`,
      },
    ],
  });
  boot.rec.region({
    lane: 'reserved',
    ...boot.bad.tables,
    label: 'page tables (direct mapping)',
    owner: 'page-tables',
  });
}

/**
 * find_early_table_space(end) from 2.6.27 (arch/x86/mm/init_64.c): PUD, PMD and, for a range
 * that ends inside a 2 MiB page, PTE entries up to `end`, each part page-rounded; with GB pages
 * PMD entries only for the last, partial GiB. `extraPte` bytes more are counted as 4 KiB-mapped
 * (3.2's "The first 2/4M doesn't use large pages": the whole first map range).
 */
export function searchedFor(end: number, gbPages: boolean, extraPte = 0): number {
  const puds = Math.ceil(end / GiB);
  const pmds = gbPages ? Math.ceil((end % GiB) / (2 * MiB)) : Math.ceil(end / (2 * MiB));
  const ptes = Math.ceil(((end % (2 * MiB)) + extraPte) / PAGE_SIZE);
  return pageAlign(puds * 8) + pageAlign(pmds * 8) + pageAlign(ptes * 8);
}

/**
 * The pages phys_pud_init allocates for [start, end): a PMD page per GiB it maps, except the
 * first GiB, whose PMD page head_64.S's level2_ident_pgt already provides (with GB pages only
 * a partial GiB needs one); a PTE page when the range ends inside a 2 MiB page; a PUD page per
 * 512 GiB beyond the first (level3_ident_pgt). Checked against 2.6.27-2.6.32 logs: "kernel
 * direct mapping tables up to … @ …" with the PGTABLE entries early_res lists.
 */
export function usedFor(start: number, end: number, gbPages: boolean): number {
  let used = Math.max(
    0,
    Math.ceil(end / (512 * GiB)) - Math.max(1, Math.ceil(start / (512 * GiB))),
  );
  for (let g = Math.floor(start / GiB); g * GiB < end; g++) {
    const full = g * GiB >= start && (g + 1) * GiB <= end;
    if (gbPages ? !full : g > 0) used++;
  }
  return used + (end % (2 * MiB) ? 1 : 0);
}

/**
 * The ranges setup_arch hands init_memory_mapping from 2.6.27 until 3.8: [0, max_low_pfn), then
 * [4 GiB, max_pfn) when RAM goes above 4 GiB; else one call to the end of RAM.
 */
export function directMapCalls(low: number, top: number): { start: number; end: number }[] {
  return top > low
    ? [
        { start: 0, end: low },
        { start: 4 * GiB, end: top },
      ]
    : [{ start: 0, end: top }];
}

/**
 * 2.6.27 on: init_memory_mapping(0, max_low_pfn), then (RAM above 4 GiB) init_memory_mapping(4 GiB,
 * max_pfn) (v2.6.27 arch/x86/kernel/setup.c), each searching its tables from 0x8000 over
 * early_res and reserving the pages it used as PGTABLE.
 */
export function pageTablesEarlyRes(boot: EarlyResBoot): void {
  const gb = boot.s.kernel.memblock?.gbPages ?? false;
  const low = boot.maxLowPfn * PAGE_SIZE;
  const top = boot.endPfn * PAGE_SIZE;
  for (const c of directMapCalls(low, top)) {
    const searched = searchedFor(c.end, gb);
    const used = usedFor(c.start, c.end, gb);
    const found = boot.early.findArea(boot.e820, 0x8000, top, searched, PAGE_SIZE);
    if (found.addr === null) throw noRoom();
    const r = { start: found.addr, end: found.addr + used * PAGE_SIZE };
    boot.ev({
      phase: 'direct-map',
      kind: 'page-tables',
      ...r,
      label: `direct-mapping page tables for ${hex(c.start)}-${hex(c.end - 1)}`,
      owner: 'page-tables',
      fn: 'init_memory_mapping',
      src: `${boot.tag}:arch/x86/mm/init_64.c`,
      explain: `${humanSize(searched)} of tables are searched for from 0x8000, stepping over early_res (${found.trace.join('; ')}); the ${used} pages used are reserved as PGTABLE${gb ? ' (1 GiB pages map whole GiBs)' : ''}.`,
      dmesg: [
        `init_memory_mapping: ${hexPad(c.start, 16)}-${hexPad(c.end, 16)}`,
        `kernel direct mapping tables up to ${c.end.toString(16)} @ ${found.addr.toString(16)}-${(found.addr + searched).toString(16)}`,
      ].join('\n'),
      worked: [{ label: 'tables', value: `${humanSize(searched)} searched, ${used} pages used` }],
    });
    if (used) reserveEarly(boot, r, 'PGTABLE', 'page-tables');
  }
}
