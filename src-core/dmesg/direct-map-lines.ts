/**
 * Settings of the direct map and NUMA setup that a log shows without being steps: the brk
 * pool's page-table pages (`BRK [0x..., 0x...] PGTABLE`, KERN_DEBUG in alloc_low_pages,
 * 3.9 on), 5-level paging (`max_arch_pfn = 0x10000000000`: MAX_PHYSMEM_BITS 52), and an ACPI
 * SLIT table (numa_alloc_distance copies it into memblock before NODE_DATA).
 */
import type { DirectMapLines, LogLine } from './types';

const BRK_PGTABLE = /^BRK \[(0x[0-9a-f]{1,16}), (0x[0-9a-f]{1,16})\] PGTABLE$/;
const MAX_ARCH_PFN = /max_arch_pfn = (0x[0-9a-f]{1,16})$/;
const SLIT = /^ACPI: SLIT /;
const EFI = /^efi: EFI v\d/;
/** The longest text MAX_ARCH_PFN matches: `max_arch_pfn = 0x` and 16 digits. */
const MAX_ARCH_PFN_TAIL = 'max_arch_pfn = 0x'.length + 16;
/** max_arch_pfn with 5-level paging: 1 << (MAX_PHYSMEM_BITS 52 - PAGE_SHIFT). */
const LA57_MAX_ARCH_PFN = 2 ** 40;

export function directMapLines(lines: readonly LogLine[]): DirectMapLines {
  const out: DirectMapLines = { brkPgtable: [], la57: null, slit: null, efi: null };
  for (const l of lines) {
    const t = l.text;
    const c = t.charCodeAt(0);
    if (c === 66 /* B */) {
      const m = BRK_PGTABLE.exec(t);
      if (m)
        out.brkPgtable.push({
          line: l.line,
          range: { start: Number(m[1]), end: Number(m[2]) + 1 },
        });
    } else if (c === 65 /* A */) {
      if (out.slit === null && SLIT.test(t)) out.slit = l.line;
    } else if (c === 101 /* e */ && out.efi === null && EFI.test(t)) out.efi = l.line;
    // "last_pfn = ..." on 6.x, "e820: last_pfn = ..." before. The pattern ends the line, so
    // only its last MAX_ARCH_PFN_TAIL characters are searched: every line is.
    if (out.la57 === null && t.includes('max_arch_pfn', t.length - MAX_ARCH_PFN_TAIL)) {
      const m = MAX_ARCH_PFN.exec(t);
      if (m && Number(m[1]) >= LA57_MAX_ARCH_PFN) out.la57 = l.line;
    }
  }
  return out;
}
