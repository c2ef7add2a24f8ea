/**
 * init_memory_mapping → find_early_table_space: how much the direct-mapping page tables need,
 * and where each generation puts them: past the bad_addr list on 2.6.23 (v2.6.23
 * arch/x86_64/mm/init.c), stepping over early_res and reserved as PGTABLE from 2.6.27.
 */
import { GiB, hex, humanSize, MiB, PAGE_SIZE, pageAlign, pfnDown } from '../../addr';
import { KernelBug } from '../../bootmem';
import { e820AnyMapped, type E820Entry } from '../../e820';
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

/** 2.6.27 on: tables from 0x8000 up to end_pfn, stepping over early_res, reserved as PGTABLE. */
export function pageTablesEarlyRes(boot: EarlyResBoot): void {
  const end = boot.endPfn * PAGE_SIZE;
  const t = directMapTables(boot.e820, end);
  const found = boot.early.findArea(boot.e820, 0x8000, end, t.searched, PAGE_SIZE);
  if (found.addr === null) throw noRoom();
  const r = { start: found.addr, end: found.addr + t.used * PAGE_SIZE };
  boot.ev({
    phase: 'direct-map',
    kind: 'page-tables',
    ...r,
    label: 'direct-mapping page tables',
    owner: 'page-tables',
    fn: 'init_memory_mapping',
    src: `${boot.tag}:arch/x86/mm/init_64.c`,
    explain: `${humanSize(t.searched)} of tables are searched for from 0x8000, stepping over early_res (${found.trace.join('; ')}); the ${t.used} pages used are reserved as PGTABLE.`,
    worked: [
      {
        label: 'tables',
        value: `${t.puds} PUD entries + ${t.pmds} PMD entries, ${t.used} pages used`,
      },
    ],
  });
  reserveEarly(boot, r, 'PGTABLE', 'page-tables');
}
