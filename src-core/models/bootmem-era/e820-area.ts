/**
 * find_e820_area with its fixed bad_addr list (v2.6.23 arch/x86_64/kernel/e820.c).
 *
 * Before bootmem exists, x86_64 places its early structures (page tables, memnodemap, each
 * node's NODE_DATA and bootmem bitmap) by searching the e820 RAM entries directly. The search
 * knows nothing of reservations: it only steps over a fixed list of "bad" areas. The
 * crashkernel window, the SMP trampoline, the MP table, ACPI wakeup memory and NODE_DATA are
 * not on that list — which is how a bitmap can land inside the crash window.
 */
import { pageAlign } from '../../base/addr';
import { searchE820Ram, type AreaSearch, type E820Entry } from '../../input/e820';
import type { Range } from '../../base/range';

/** The areas bad_addr checks, in its order. Empty ranges ([0,0)) never match, as in the kernel. */
export interface BadAreas {
  tables: Range;
  initrd: Range | null;
  kernel: Range;
  ebda: Range;
  /** memnodemap; its end is not page-aligned when the search steps past it. */
  nodemap: Range;
}

/**
 * bad_addr: if [addr, addr + size] touches a bad area ("last >= start && addr < end": touching
 * counts), return where the search moves to; else null.
 */
export function badAddr(
  addr: number,
  size: number,
  bad: BadAreas,
): { to: number; why: string } | null {
  const last = addr + size;
  if (addr < 0x8000) return { to: pageAlign(0x8000), why: 'below 0x8000 (SMP startup area)' };
  const hit = (r: Range) => last >= r.start && addr < r.end;
  if (hit(bad.tables))
    return { to: pageAlign(bad.tables.end), why: 'the direct-mapping page tables' };
  if (bad.initrd && bad.initrd.start && hit(bad.initrd))
    return { to: pageAlign(bad.initrd.end), why: 'the initrd' };
  if (hit(bad.kernel))
    return { to: pageAlign(bad.kernel.end), why: 'the kernel image (_text.._end)' };
  if (hit(bad.ebda)) return { to: pageAlign(bad.ebda.end), why: 'the EBDA' };
  if (hit(bad.nodemap)) return { to: bad.nodemap.end, why: 'the memnodemap' };
  return null;
}

/**
 * find_e820_area(start, end, size): first fit over the RAM entries in table order. Returns the
 * candidate as found (not page-aligned) or null for -1UL.
 */
export function findE820Area(
  map: readonly E820Entry[],
  start: number,
  end: number,
  size: number,
  bad: BadAreas,
): AreaSearch {
  return searchE820Ram(
    map,
    size,
    (e) => {
      const addr = Math.max(e.start, start);
      return addr > e.end ? null : addr;
    },
    (addr) => badAddr(addr, size, bad),
    (addr, e) => {
      const last = pageAlign(addr) + size;
      return last <= e.end && last <= end;
    },
  );
}
