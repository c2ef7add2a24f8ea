/**
 * Every x86_64 early-memory rule that changed over the kernel's history, in one table: what
 * it is, its value from each version on, and the commit or tag that changed it (read in that
 * version's source; ../shared/reference/kernel-boot-memory.md lists the trees). Models read
 * the rules of the scenario's kernel version (`rulesFor`) instead of testing generation names,
 * so "when did X change" is answered here and nowhere else.
 */
import { GiB, MiB } from '../base/addr';
import { MODEL_VERSION, type KernelModelId } from './generations';
import { compareVersions, parseRelease, versionOf, type KernelVersion } from './version';

/** One value of a rule and where it came from. */
export interface RuleChange<T> {
  /** First version with this value (`2.6.0` for "as far back as the models go"). */
  since: string;
  value: T;
  /** Commit (12 hex digits) or tag that made the change, with its title where one exists. */
  commit: string;
  /** `version:path` of the source read. */
  src: string;
}

export interface Rule<T> {
  /** What the rule decides, for people. */
  what: string;
  /** Oldest first; the first entry starts at 2.6.0. */
  history: readonly RuleChange<T>[];
}

const rule = <T>(what: string, history: RuleChange<T>[]): Rule<T> => ({ what, history });

/** How the crashkernel window is reserved. */
export type CrashReserve =
  /** recorded while parsing, reserved at the end of setup_arch, no check (2.6.23). */
  | 'recorded'
  /** reserve_crashkernel() before paging_init, reserve_bootmem with no check (2.6.24). */
  | 'unchecked'
  /** reserve_bootmem(..., BOOTMEM_EXCLUSIVE): a taken page fails it (2.6.25-2.6.32). */
  | 'exclusive'
  /** reserve_early before NUMA setup: the bitmaps step around it (2.6.33-2.6.36). */
  | 'early-res'
  /** memblock_find_in_range + memblock reserve (2.6.37 on). */
  | 'memblock';

const V2623 = 'v2.6.23';

export const RULES = {
  model: rule<KernelModelId>('The allocator generation whose code path the boot follows', [
    {
      since: '2.6.0',
      value: 'bootmem-2.6.23',
      commit: V2623,
      src: 'v2.6.23:arch/x86_64/kernel/setup.c',
    },
    {
      since: '2.6.24',
      value: 'bootmem-2.6.24',
      commit: 'v2.6.24 (i386/x86_64 merged into arch/x86)',
      src: 'v2.6.24:arch/x86/kernel/setup_64.c',
    },
    {
      since: '2.6.27',
      value: 'bootmem-exclusive-2.6.27',
      commit: 'v2.6.27 (setup_64.c and setup_32.c unified in setup.c)',
      src: 'v2.6.27:arch/x86/kernel/setup.c',
    },
    {
      since: '2.6.33',
      value: 'early-res-2.6.33',
      commit: '44280733e71a "x86: Use reserve_early for crashkernel" (v2.6.33-rc1)',
      src: 'v2.6.33:arch/x86/kernel/setup.c',
    },
    {
      since: '2.6.34',
      value: 'nobootmem-2.6.34',
      commit:
        '08677214e318 "x86: Make 64 bit use early_res instead of bootmem before free_all_bootmem" (v2.6.34-rc1)',
      src: 'v2.6.34:mm/bootmem.c',
    },
    {
      since: '2.6.37',
      value: 'memblock-6.1',
      commit: 'v2.6.37 (x86 selects HAVE_MEMBLOCK)',
      src: 'v2.6.37:arch/x86/Kconfig',
    },
  ]),
  crashReserve: rule<CrashReserve>('How crashkernel= is reserved', [
    {
      since: '2.6.0',
      value: 'recorded',
      commit: V2623,
      src: 'v2.6.23:arch/x86_64/kernel/machine_kexec.c',
    },
    {
      since: '2.6.24',
      value: 'unchecked',
      commit: 'cba63c3089fe "kexec: add parse_crashkernel" and v2.6.24 reserve_crashkernel',
      src: 'v2.6.24:arch/x86/kernel/setup_64.c',
    },
    {
      since: '2.6.25',
      value: 'exclusive',
      commit:
        '72a7fe3967db "Introduce flags for reserve_bootmem()", 18a01a3beb9f "Use BOOTMEM_EXCLUSIVE for kdump" (v2.6.25-rc1)',
      src: 'v2.6.25:arch/x86/kernel/setup_64.c',
    },
    {
      since: '2.6.33',
      value: 'early-res',
      commit: '44280733e71a "x86: Use reserve_early for crashkernel" (v2.6.33-rc1)',
      src: 'v2.6.33:arch/x86/kernel/setup.c',
    },
    {
      since: '2.6.37',
      value: 'memblock',
      commit: 'v2.6.37 (memblock_x86_reserve_range)',
      src: 'v2.6.37:arch/x86/kernel/setup.c',
    },
  ]),
  crashInUse: rule<string>('The message of a fixed-base window that is taken', [
    {
      since: '2.6.0',
      value: '',
      commit: V2623,
      src: 'v2.6.23:arch/x86_64/kernel/setup.c',
    },
    {
      since: '2.6.25',
      value: 'crashkernel reservation failed - memory is in use',
      commit: '18a01a3beb9f "Use BOOTMEM_EXCLUSIVE for kdump" (v2.6.25-rc1)',
      src: 'v2.6.25:arch/x86/kernel/setup_64.c',
    },
    {
      since: '2.6.33',
      value: 'crashkernel reservation failed - memory is in use.',
      commit: '44280733e71a "x86: Use reserve_early for crashkernel" (v2.6.33-rc1)',
      src: 'v2.6.33:arch/x86/kernel/setup.c',
    },
  ]),
  earlyResToBootmem: rule<'none' | 'per-node' | 'once'>(
    'How early_res entries are copied into the bootmem bitmaps',
    [
      { since: '2.6.0', value: 'none', commit: V2623, src: 'v2.6.23:arch/x86_64/mm/numa.c' },
      {
        since: '2.6.25',
        value: 'per-node',
        commit: '751752789162 "x86_64: early memory reservation" (v2.6.25-rc1)',
        src: 'v2.6.25:arch/x86/kernel/e820_64.c',
      },
      {
        since: '2.6.34',
        value: 'once',
        commit: '1842f90cc98c "x86: Call early_res_to_bootmem one time" (v2.6.34-rc1)',
        src: 'v2.6.34:arch/x86/kernel/setup.c',
      },
    ],
  ),
  biosReservedOverlapOk: rule<boolean>(
    'The "BIOS reserved" early_res entry may be overlapped (reserve_early_overlap_ok)',
    [
      { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.27:arch/x86/kernel/head.c' },
      {
        since: '2.6.33',
        value: true,
        commit: 'v2.6.33 (reserve_ebda_region uses reserve_early_overlap_ok)',
        src: 'v2.6.33:arch/x86/kernel/head.c',
      },
    ],
  ),
  nodeDataInEarlyRes: rule<boolean>(
    'NODE_DATA and the bitmap stay in early_res once placed (so a later early reservation cannot overlap them)',
    [
      { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.23:arch/x86_64/mm/numa.c' },
      {
        since: '2.6.34',
        value: true,
        commit: '1842f90cc98c "x86: Call early_res_to_bootmem one time" (v2.6.34-rc1)',
        src: 'v2.6.34:arch/x86/mm/numa_64.c',
      },
    ],
  ),
  noBootmem: rule<boolean>('CONFIG_NO_BOOTMEM (default y on x86): no bitmap at all', [
    { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.23:mm/bootmem.c' },
    {
      since: '2.6.34',
      value: true,
      commit: '08677214e318 (v2.6.34-rc1)',
      src: 'v2.6.34:arch/x86/Kconfig',
    },
  ]),
  acpiWakeup: rule<{ how: 'bootmem-low' | 'early-res'; size: number }>(
    'Where the ACPI S3 wakeup code goes, and how big it is',
    [
      {
        since: '2.6.0',
        value: { how: 'bootmem-low', size: 8 * 1024 },
        commit: V2623,
        src: 'v2.6.23:arch/x86_64/kernel/acpi/sleep.c',
      },
      {
        since: '2.6.33',
        value: { how: 'early-res', size: 16 * 1024 },
        commit:
          'v2.6.33 (acpi_reserve_wakeup_memory: find_e820_area + reserve_early of WAKEUP_SIZE; 2.6.34 logs list "ACPI WAKEUP" of 16 KiB)',
        src: 'v2.6.33:arch/x86/kernel/acpi/sleep.c',
      },
    ],
  ),
  trampoline: rule<'fixed' | 'found'>(
    'The SMP trampoline: two pages at 0x6000, or wherever find_e820_area finds them below 1 MiB',
    [
      {
        since: '2.6.0',
        value: 'fixed',
        commit: V2623,
        src: 'v2.6.23:arch/x86_64/kernel/setup.c',
      },
      {
        since: '2.6.33',
        value: 'found',
        commit:
          '893f38d144a4 "x86: Use find_e820() instead of hard coded trampoline address" (v2.6.33-rc1)',
        src: 'v2.6.33:arch/x86/kernel/trampoline.c',
      },
    ],
  ),
  brkReserve: rule<boolean>(
    'The brk area used for very early allocations is reserved ("BRK") after the kernel image',
    [
      { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.23:arch/x86_64/kernel/setup.c' },
      {
        since: '2.6.30',
        value: true,
        commit:
          '93dbda7cbcd7 "x86: add brk allocation for very, very early allocations" (v2.6.30-rc1)',
        src: 'v2.6.30:arch/x86/kernel/setup.c',
      },
    ],
  ),
  l1CacheBytes: rule<number>(
    'SMP_CACHE_BYTES (L1_CACHE_BYTES of a generic x86_64 build): the alignment of NODE_DATA and other early allocations',
    [
      {
        since: '2.6.0',
        value: 128,
        commit: 'v2.6.23 arch/x86_64/Kconfig: X86_L1_CACHE_BYTES 128 for GENERIC_CPU',
        src: 'v2.6.23:arch/x86_64/Kconfig',
      },
      {
        since: '2.6.27',
        value: 64,
        commit:
          'unpinned: arch/x86/Kconfig.cpu gives GENERIC_CPU an L1_CACHE_SHIFT of 6 by the time MATOM exists, and 2.6.35 logs place NODE_DATA on 64-byte boundaries',
        src: 'v2.6.35:arch/x86/Kconfig.cpu',
      },
    ],
  ),
  memnodemap: rule<{ entryBytes: 1 | 2; embedded: number; size: 'pad' | 'roundup' }>(
    'The memnodemap (address >> shift -> node): entry size, entries the static map holds, and the bytes placed when it does not (pad: L1_CACHE_BYTES - 1 + the map, aligned inside; roundup: the map rounded up to L1_CACHE_BYTES, placed L1-aligned)',
    [
      {
        since: '2.6.0',
        value: { entryBytes: 1, embedded: 48, size: 'pad' },
        commit:
          'v2.6.23 allocate_cachealigned_memnodemap: u8 embedded_map[64-16], nodemap_size = pad + memnodemapsize (log 01, 2.6.24: "Allocated memnodemap from 16000 - 160e5" = 127 + 102 entries)',
        src: 'v2.6.23:arch/x86_64/mm/numa.c',
      },
      {
        since: '2.6.25',
        value: { entryBytes: 2, embedded: 56, size: 'pad' },
        commit:
          'x86: Change size of node ids from u8 to s16 (Mike Travis, posted 2008-01-21 for 2.6.25; hash not pinned): s16 embedded_map[64-8]; nodemap_size left as pad + memnodemapsize',
        src: 'v2.6.25:include/asm-x86/mmzone_64.h',
      },
      {
        since: '2.6.27',
        value: { entryBytes: 2, embedded: 56, size: 'roundup' },
        commit:
          'unpinned: 2.6.27 has nodemap_size = roundup(sizeof(s16) * memnodemapsize, L1_CACHE_BYTES) and find_e820_area(..., L1_CACHE_BYTES); when it replaced the pad form between 2.6.25 and 2.6.27 is not found',
        src: 'v2.6.27:arch/x86/mm/numa_64.c',
      },
    ],
  ),
  zoneLimitsClipped: rule<boolean>(
    'x86_64 zone limits are clipped to max_low_pfn (DMA32 printed only up to the end of RAM below 4 GiB)',
    [
      {
        since: '2.6.0',
        value: false,
        commit:
          'v2.6.23 arch/x86_64/mm/numa.c paging_init: max_zone_pfns[ZONE_DMA32] = MAX_DMA32_PFN',
        src: 'v3.0:arch/x86/mm/init_64.c',
      },
      {
        since: '3.3',
        value: true,
        commit:
          '"x86, mm: Unify zone_sizes_init()" (v3.3; min(MAX_DMA32_PFN, max_low_pfn) in arch/x86/mm/init.c; commit not pinned)',
        src: 'v4.19:arch/x86/mm/init.c',
      },
    ],
  ),
  pfnFormat: rule<'decimal' | 'hex'>('Zone and early_node_map PFNs in dmesg', [
    { since: '2.6.0', value: 'decimal', commit: V2623, src: 'v2.6.23:mm/page_alloc.c' },
    {
      since: '2.6.27',
      value: 'hex',
      commit: 'v2.6.27 (printk "%0#10lx")',
      src: 'v2.6.27:mm/page_alloc.c',
    },
  ]),
  trampolineName: rule<string>('The early_res name of the SMP trampoline', [
    {
      since: '2.6.0',
      value: 'SMP_TRAMPOLINE',
      commit: '751752789162 (v2.6.25-rc1)',
      src: 'v2.6.25:arch/x86/kernel/e820_64.c',
    },
    {
      since: '2.6.26',
      value: 'TRAMPOLINE',
      commit:
        'v2.6.26 (CONFIG_X86_TRAMPOLINE entry; rename commit not pinned, 2.6.26 logs print it)',
      src: 'v2.6.26:arch/x86/kernel/e820_64.c',
    },
  ]),
  memparseSuffixes: rule<'kmg' | 'kmgtpe'>('Size suffixes memparse() knows', [
    { since: '2.6.0', value: 'kmg', commit: V2623, src: 'v2.6.23:lib/cmdline.c' },
    {
      since: '2.6.37',
      value: 'kmgtpe',
      commit: 'v2.6.37 lib/cmdline.c (T, P, E)',
      src: 'v2.6.37:lib/cmdline.c',
    },
  ]),
  memmapPram: rule<boolean>(
    'memmap=size!base (E820_PRAM, legacy persistent memory) is understood',
    [
      { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.27:arch/x86/kernel/e820.c' },
      {
        since: '4.1',
        value: true,
        commit:
          'ec776ef6bbe1 "x86/mm: Add support for the non-standard protected e820 type" (v4.1-rc1)',
        src: 'v4.1:arch/x86/kernel/e820.c',
      },
    ],
  ),
  memmapCommas: rule<boolean>('One memmap= option may hold several entries, separated by commas', [
    { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.27:arch/x86/kernel/e820.c' },
    {
      since: '4.11',
      value: true,
      commit:
        'unpinned: parse_memmap_opt splits at commas in the 4.11-era e820.c (still e820_add_region, before 4.12 renamed it e820__range_add)',
      src: 'v6.1:arch/x86/kernel/e820.c',
    },
  ]),
  memmapRetype: rule<boolean>('memmap=size%base-old+new retypes, adds or removes a range', [
    { since: '2.6.0', value: false, commit: V2623, src: 'v2.6.27:arch/x86/kernel/e820.c' },
    {
      since: '4.17',
      value: true,
      commit:
        'ef61f8a340fd "x86/boot/e820: Implement a range manipulation operator" (tip, 2018-02-26; v4.17-rc1)',
      src: 'v6.1:arch/x86/kernel/e820.c',
    },
  ]),
  crashLowMax: rule<number>(
    'Upper limit of the automatic crashkernel=X search (memblock era, 64-bit; top-down, 16 MiB aligned, from 16 MiB)',
    [
      {
        since: '2.6.0',
        value: 896 * MiB,
        commit:
          'CRASH_KERNEL_ADDR_MAX (896 MiB "for old kexec-tools"; 2.6.37-3.8), CRASH_ADDR_LOW_MAX from 3.9',
        src: 'v3.0:arch/x86/kernel/setup.c, v4.19:arch/x86/kernel/setup.c',
      },
      {
        since: '5.2',
        value: 4 * GiB,
        commit:
          '9ca5c8e632ce "x86/kdump: Have crashkernel=X reserve under 4G by default" (v5.2-rc1)',
        src: 'v5.10:arch/x86/kernel/setup.c',
      },
    ],
  ),
  crashHighFallback: rule<boolean>(
    'A plain crashkernel=X that finds no room below the low limit is retried up to the high limit',
    [
      {
        since: '2.6.0',
        value: false,
        commit: 'v3.0 (one search below CRASH_KERNEL_ADDR_MAX)',
        src: 'v3.0:arch/x86/kernel/setup.c',
      },
      {
        since: '5.2',
        value: true,
        commit: 'b9ac3849af41 "x86/kdump: Fall back to reserve high crashkernel memory" (v5.2-rc1)',
        src: 'v5.10:arch/x86/kernel/setup.c',
      },
    ],
  ),
  crashSystemRam: rule<'end-pfn' | 'memblock'>(
    '"System RAM" for the crashkernel= range syntax (2.6.24-3.3: the end of RAM, holes included)',
    [
      {
        since: '2.6.0',
        value: 'end-pfn',
        commit: 'get_total_mem() = (max_pfn - min_low_pfn) << PAGE_SHIFT, as in 3.0',
        src: 'v3.0:arch/x86/kernel/setup.c',
      },
      {
        since: '3.4',
        value: 'memblock',
        commit:
          'between 3.0 and 3.4 (3.4 reads memblock_phys_mem_size(); the commit is not pinned)',
        src: 'v3.4:arch/x86/kernel/setup.c',
      },
    ],
  ),
  directMapTables: rule<'table-space' | 'brk-pool'>(
    "Where the direct map's page tables come from (memblock era)",
    [
      {
        since: '2.6.0',
        value: 'table-space',
        commit:
          'find_early_table_space: one block sized for the worst case, found top-down below the end of the range and reserved as PGTABLE for the pages used (2.6.37-3.8 with memblock)',
        src: 'v3.0:arch/x86/mm/init.c',
      },
      {
        since: '3.9',
        value: 'brk-pool',
        commit:
          'v3.9-rc1 "x86, mm: Add alloc_low_pages(num)" and "x86, mm: setup page table in top-down" (Yinghai Lu; hashes not pinned): brk pool first, then single pages from mapped memblock memory',
        src: 'v3.10:arch/x86/mm/init.c',
      },
    ],
  ),
  tableSpaceFirstPtes: rule<boolean>(
    'find_early_table_space also sizes 4 KiB entries for the whole first map range ("The first 2/4M doesn\'t use large pages"), so the table block is about end / 512 and its used pages sit far below the top of RAM',
    [
      {
        since: '2.6.0',
        value: false,
        commit:
          'absent in 3.0 (the 3.0 corpus log prints a 5-page block: "kernel direct mapping tables up to bf6d0000 @ bf6cb000-bf6d0000")',
        src: 'v3.0:arch/x86/mm/init.c',
      },
      {
        since: '3.2',
        value: true,
        commit:
          'between 3.0 and 3.2-rc2 (a 3.2-rc2 log keeps NODE_DATA at the top of RAM; 3.1 not checked; hash not pinned)',
        src: 'v3.2:arch/x86/mm/init.c (read in a later 3.x tree, grsecurity)',
      },
    ],
  ),
  pgtBufPages: rule<number>(
    'INIT_PGT_BUF_SIZE in pages: the brk pool for the first page tables (distribution configs: CONFIG_RANDOMIZE_MEMORY, CONFIG_X86_5LEVEL)',
    [
      {
        since: '2.6.0',
        value: 0,
        commit: 'no brk pool before 3.9 (find_early_table_space)',
        src: 'v3.0:arch/x86/mm/init.c',
      },
      {
        since: '3.9',
        value: 6,
        commit:
          'v3.9-rc1 INIT_PGT_BUF_SIZE (6 * PAGE_SIZE): "3 4k for initial PMD_SIZE, 3 4k for 0-ISA_END_ADDRESS"',
        src: 'v3.10:arch/x86/mm/init.c',
      },
      {
        since: '4.8',
        value: 12,
        commit:
          "v4.8-rc1 INIT_PGD_PAGE_COUNT 12 with CONFIG_RANDOMIZE_MEMORY (Thomas Garnier's memory-KASLR series; hash not pinned)",
        src: 'v4.19:arch/x86/mm/init.c',
      },
      {
        since: '5.11',
        value: 16,
        commit:
          '"x86/mm: Increase pgt_buf size for 5-level page tables" (v5.11-rc1): 4 * INIT_PGD_PAGE_TABLES, 4 with CONFIG_X86_5LEVEL',
        src: 'v6.1:arch/x86/mm/init.c',
      },
    ],
  ),
  pgtStep: rule<{ shift: number; grow: 'new-exceeds' | 'total-reaches' }>(
    'How memory_map_top_down grows its step: the shift, and when (3.9: after a range larger than all before it)',
    [
      {
        since: '2.6.0',
        value: { shift: 5, grow: 'new-exceeds' },
        commit:
          'v3.9-rc1 init_mem_mapping: "if (new_mapped_ram_size > mapped_ram_size) step_size <<= STEP_SIZE_SHIFT" (5)',
        src: 'v3.10:arch/x86/mm/init.c',
      },
      {
        since: '3.18',
        value: { shift: 8, grow: 'total-reaches' },
        commit:
          '"x86: Fix step size adjustment during initial memory mapping" (Jan Beulich, v3.18-rc1; hash not pinned): step << (PMD_SHIFT - PAGE_SHIFT - 1) once mapped_ram_size >= step_size',
        src: 'v4.19:arch/x86/mm/init.c',
      },
    ],
  ),
  trampolinePgt: rule<boolean>(
    'init_trampoline with memory KASLR takes a PUD page (and a P4D page under 5-level paging) from the page-table allocator',
    [
      {
        since: '2.6.0',
        value: false,
        commit: 'no memory KASLR before 4.8',
        src: 'v4.7:arch/x86/mm/init.c',
      },
      {
        since: '4.8',
        value: true,
        commit:
          'v4.8-rc1 arch/x86/mm/kaslr.c init_trampoline (CONFIG_RANDOMIZE_MEMORY; hash not pinned)',
        src: 'v4.19:arch/x86/mm/kaslr.c',
      },
    ],
  ),
  numaDistance: rule<boolean>(
    'numa_alloc_distance copies the SLIT into a page-aligned memblock allocation below max_pfn_mapped, before NODE_DATA',
    [
      {
        since: '2.6.0',
        value: false,
        commit: 'the SLIT is read in place (acpi_slit pointer)',
        src: 'v2.6.33:arch/x86/mm/srat_64.c',
      },
      {
        since: '2.6.39',
        value: true,
        commit:
          "v2.6.39-rc1 numa_set_distance/numa_alloc_distance (Tejun Heo's x86-64 NUMA unification; hash not pinned)",
        src: 'v4.19:arch/x86/mm/numa.c',
      },
    ],
  ),
  kaslrDefault: rule<boolean>(
    'KASLR moves the kernel image to a random 2 MiB slot anywhere in RAM unless nokaslr (CONFIG_RANDOMIZE_BASE on by default; physical and virtual addresses chosen separately since 4.8)',
    [
      {
        since: '2.6.0',
        value: false,
        commit: 'CONFIG_RANDOMIZE_BASE default n (3.14-4.11; before 4.8 only below 1 GiB)',
        src: 'v4.8:arch/x86/Kconfig',
      },
      {
        since: '4.12',
        value: true,
        commit: '"x86/KASLR: Enable KASLR by default" (v4.12-rc1; hash not pinned)',
        src: 'v4.19:arch/x86/Kconfig, v4.19:arch/x86/boot/compressed/kaslr.c',
      },
    ],
  ),
  memorylessNodeData: rule<boolean>(
    'init_cpu_to_node gives every node that has CPUs but no memory its pg_data_t (alloc_node_data, falling back to a node with memory), in CPU order, after paging_init',
    [
      {
        since: '2.6.0',
        value: false,
        commit:
          'before: a CPU of a memoryless node is mapped to the nearest online node (find_near_online_node)',
        src: 'v4.4:arch/x86/mm/numa.c',
      },
      {
        since: '4.9',
        value: true,
        commit:
          'Zhu Guihua\'s "allocate pgdats for all memory-less nodes and online them at boot time" (init_memory_less_node; version and hash not pinned: present in 4.19)',
        src: 'v4.19:arch/x86/mm/numa.c',
      },
      {
        since: '6.0',
        value: false,
        commit:
          'memoryless pgdats move to generic free_area_init ("Initializing node N as memoryless"; not modelled here, hash not pinned)',
        src: 'v6.1:mm/page_alloc.c',
      },
    ],
  ),
} as const;

type RuleValue<R> = R extends Rule<infer T> ? T : never;
export type RuleId = keyof typeof RULES;
export type KernelRules = { [K in RuleId]: RuleValue<(typeof RULES)[K]> };

/** The change of a rule in force at a version. */
export function ruleChange<K extends RuleId>(
  id: K,
  v: KernelVersion,
): RuleChange<RuleValue<(typeof RULES)[K]>> {
  const history = RULES[id].history as readonly RuleChange<RuleValue<(typeof RULES)[K]>>[];
  let found = history[0] as RuleChange<RuleValue<(typeof RULES)[K]>>;
  for (const c of history) if (compareVersions(versionOf(c.since), v) <= 0) found = c;
  return found;
}

/** Every rule's value at a version. */
export function rulesFor(v: KernelVersion): KernelRules {
  const out = {} as Record<RuleId, unknown>;
  for (const id of Object.keys(RULES) as RuleId[]) out[id] = ruleChange(id, v).value;
  return out as KernelRules;
}

/** The model that follows a release, or null when it is not a version. */
export function modelForRelease(text: string | null): KernelModelId | null {
  const r = text === null ? null : parseRelease(text);
  return r ? rulesFor(r.version).model : null;
}

/**
 * crashkernel=auto: a Red Hat kernel option (upstream kernels never had it), as the range list
 * it stands for per RHEL release. RHEL 6 and 7 reserve 161 MiB when RAM is at least 2 GiB
 * (Kernel Crash Dump Guide; RHEL 7 logs print 161MB at 4 GiB and at 12 GiB; the per-TiB
 * growth is not modelled); RHEL 8's kernel/crash_core.c (commit 996ddc0e6f97) parses
 * "1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M" on x86_64.
 */
export const RHEL_CRASHKERNEL_AUTO: Record<number, { ranges: string; src: string }> = {
  6: { ranges: '2G-:161M', src: 'RHEL 6 Deployment Guide 30.2.3 (CONFIG_KEXEC_AUTO_RESERVE)' },
  7: { ranges: '2G-:161M', src: 'RHEL 7 Kernel Crash Dump Guide B.2 (CONFIG_KEXEC_AUTO_RESERVE)' },
  8: {
    ranges: '1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M',
    src: 'CentOS Stream 8 kernel/crash_core.c (996ddc0e6f97 "kdump: add support for crashkernel=auto")',
  },
};

/**
 * Sizes a build's configuration decides, by Debian 6.1 flavour (the release names it:
 * `6.1.0-56-cloud-amd64`, `6.1.0-56-rt-amd64`), as their memblock=debug boots show them
 * (fixtures/oracle, ADDED.md): sizeof(struct mem_section) (32 with CONFIG_PAGE_EXTENSION,
 * 16 on the cloud build), sizeof(struct io_tlb_area) (16, or 48 with PREEMPT_RT's
 * spinlock_t), and the image's sections in KiB as the Memory: line prints them.
 */
export interface BuildFacts {
  memSectionBytes: number;
  swiotlbAreaBytes: number;
  sectionsK: { code: number; rwdata: number; rodata: number; init: number; bss: number };
}

const SECTIONS_K = {
  amd64: { code: 14343, rwdata: 2338, rodata: 9132, init: 2824, bss: 17344 },
  cloud: { code: 14343, rwdata: 2327, rodata: 8348, init: 2612, bss: 5436 },
  rt: { code: 14343, rwdata: 2388, rodata: 9084, init: 2816, bss: 17316 },
};

export function buildFacts(release: string | undefined): BuildFacts {
  const flavour = /-cloud-/.test(release ?? '')
    ? 'cloud'
    : /-rt-/.test(release ?? '')
      ? 'rt'
      : 'amd64';
  // A release that names no distribution (`4.19.57.mx64.282`, `6.11.0+`) is a build of its
  // own: CONFIG_PAGE_EXTENSION has no default in mm/Kconfig.debug (v4.19, v6.1) and only
  // debugging options select it, so its mem_section is 16 bytes, as on Debian's cloud build.
  const own = release !== undefined && parseRelease(release)?.distro === null;
  return {
    memSectionBytes: flavour === 'cloud' || own ? 16 : 32,
    swiotlbAreaBytes: flavour === 'rt' ? 48 : 16,
    sectionsK: SECTIONS_K[flavour],
  };
}

/** The kernel whose rules a run follows. */
export interface KernelInForce {
  /** The release as the scenario gives it, or the model's own version. */
  release: string;
  version: KernelVersion;
  rules: KernelRules;
  /** The scenario names no version this model follows, so the model's own is used. */
  assumed: boolean;
  /** What crashkernel=auto means to this (distribution) kernel, or null: upstream has no auto. */
  crashkernelAuto: { ranges: string; src: string } | null;
  build: BuildFacts;
}

/**
 * The scenario's release when the model follows it, else the version the model names (a
 * 2.6.25 scenario run under memblock-6.1 follows 6.1's rules, not a mix).
 */
export function kernelInForce(release: string | undefined, model: string): KernelInForce {
  const own = MODEL_VERSION[model as KernelModelId] as string | undefined;
  const r = release === undefined ? null : parseRelease(release);
  if (r && modelForRelease(release ?? null) === model)
    return {
      release: r.text,
      version: r.version,
      rules: rulesFor(r.version),
      assumed: false,
      crashkernelAuto: r.rhel === null ? null : (RHEL_CRASHKERNEL_AUTO[r.rhel] ?? null),
      build: buildFacts(r.text),
    };
  const v = versionOf(own ?? '6.1');
  return {
    release: own ?? '6.1',
    version: v,
    rules: rulesFor(v),
    assumed: true,
    crashkernelAuto: null,
    build: buildFacts(undefined),
  };
}
