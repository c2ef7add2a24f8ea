/** Who owns a reservation the log shows: read from the caller, the early_res name or the line. */
import type { Owner } from '../output/events';
import type { OtherReservation } from './types';

export const OWNER_PATTERNS: readonly [RegExp, Owner][] = [
  [/^acpi/, 'acpi'],
  [/^(?:smp_scan_config|mpf_checksum|find_smp_config)/, 'mptable'],
  [/^(?:reserve_real_mode|setup_real_mode|trampoline)/, 'trampoline'],
  [
    /^(?:sparse_|vmemmap|__earlyonly_bootmem|memmap_alloc|alloc_node_mem_map|__populate_section_memmap)/,
    'sparse',
  ],
  [/^(?:pcpu_|setup_per_cpu)/, 'percpu'],
  [
    /^(?:alloc_low_pages?|init_mem_mapping|phys_p[mu4]d_init|spp_getpage|kernel_physical_mapping|early_alloc|arm_pte_alloc|early_pte_alloc|pte_alloc_one_kernel)/,
    'page-tables',
  ],
  [/^(?:alloc_node_data|setup_node_data|alloc_node_data_memblock)/, 'node-data'],
  [/swiotlb/, 'swiotlb'],
  [/crash/, 'crashkernel'],
  [/initrd/, 'initrd'],
  [/(?:ebda|bios_regions)/, 'ebda'],
  [/^(?:e820|efi|early_init_dt|fdt|reserve_regions|memblock_x86_fill|__reserve_mem)/, 'firmware'],
  [/^(?:arm_memblock_init|reserve_brk|early_reserve_memory|arm64_memblock_init)/, 'kernel'],
];

/** The function a %pS caller names: `setup_arch+0x797/0xd4f` → `setup_arch`. */
export function callerFunction(caller: string): string {
  const plus = caller.indexOf('+');
  return plus < 0 ? caller : caller.slice(0, plus);
}

/** What a %pS caller tells: the function it names, and whose reservation that makes it. */
export interface CallerInfo {
  fn: string;
  owner: Owner | null;
}

/**
 * Callers repeat thousands of times in a memblock=debug log: each printed caller is read once
 * (its function name shared by every step that quotes it, its owner matched once).
 */
const callerCache = new Map<string, CallerInfo>();

export function callerInfo(caller: string): CallerInfo {
  let info = callerCache.get(caller);
  if (info === undefined) {
    const fn = callerFunction(caller);
    info = { fn, owner: OWNER_PATTERNS.find(([re]) => re.test(fn))?.[1] ?? null };
    if (callerCache.size < 4096) callerCache.set(caller, info);
  }
  return info;
}

export function ownerOfCaller(caller: string, fallback: Owner): Owner {
  return callerInfo(caller).owner ?? fallback;
}

const EARLY_RES: readonly [RegExp, Owner][] = [
  [/^TEXT DATA BSS$|^BRK$|^TEXT$/, 'kernel'],
  [/RAMDISK$/, 'initrd'],
  [/^PGTABLE$/, 'page-tables'],
  [/^BOOTMAP$/, 'bitmap'],
  [/^NODE_DATA$/, 'node-data'],
  [/TRAMPOLINE$/, 'trampoline'],
  [/^EBDA$/, 'ebda'],
  [/^BIOS/, 'firmware'],
  [/^MP-table/, 'mptable'],
  [/^ACPI/, 'acpi'],
  [/^MEMMAP/, 'sparse'],
  [/^CRASH KERNEL$/, 'crashkernel'],
  [/^(?:BOOTMEM|KMEMLEAK|SWIOTLB)/, 'allocation'],
];

export function ownerOfEarlyRes(name: string): Owner {
  for (const [re, owner] of EARLY_RES) if (re.test(name)) return owner;
  return 'other';
}

export const OTHER_OWNER: Record<OtherReservation['what'], Owner> = {
  initrd: 'initrd',
  mptable: 'mptable',
  acpi: 'acpi',
  swiotlb: 'swiotlb',
  cma: 'allocation',
  elfcorehdr: 'kdump',
  fadump: 'kdump',
  'low-1M': 'kdump',
  memnodemap: 'memnodemap',
  kernel: 'kernel',
};

export const OTHER_LABEL: Record<OtherReservation['what'], string> = {
  initrd: 'initrd',
  mptable: 'MP table',
  acpi: 'ACPI table',
  swiotlb: 'swiotlb bounce buffers',
  cma: 'CMA area',
  elfcorehdr: 'ELF core header of the crashed kernel',
  fadump: 'firmware-assisted dump area',
  'low-1M': 'low 1 MiB kept for the crash kernel',
  memnodemap: 'memnodemap',
  kernel: 'kernel image (/proc/iomem)',
};
