/**
 * The memory steps of setup_arch() on 6.1 x86_64 up to the direct mapping (v6.1
 * arch/x86/kernel/setup.c, e820.c, ebda.c, realmode/init.c, arch/x86/mm/init.c):
 * early_reserve_memory, the e820 table and its command-line edits, trim_bios_range,
 * max_pfn, e820__memblock_setup, the real-mode trampoline and the first MiB, and
 * init_mem_mapping's probe. Each step records its events on the boot.
 */
import { alignUp, GiB, hex, hexAlt, humanSize, MiB, PAGE_SIZE } from '../../base/addr';
import type { Param } from '../../input/cmdline';
import {
  E820_RAM,
  E820_RESERVED,
  E820_SOFT_RESERVED,
  formatE820New,
  sanitizeE820,
  type E820Entry,
} from '../../input/e820';
import { rangeDebugLine } from '../../allocators/memblock/memblock';
import type { Range } from '../../base/range';
import type { EarlyOp } from '../../input/scenario-6.1';
import {
  applyMemOptions61,
  endPfn,
  mappedAll,
  rangeAdd,
  rangeRemove,
  rangeUpdate,
  updateTable,
  applyE820Edits,
  firmwareEditsStep,
} from './e820';
import { tableSpaceMapping } from './page-tables-3.0';
import { mapDirectly, type PageTableConfig } from './page-tables';
import { KernelPanic, symbolOf, type MemblockBoot } from './boot';
import { memmapSyntax } from '../../input/memmap';

const SRC_SETUP = 'v6.1:arch/x86/kernel/setup.c';
const SRC_E820 = 'v6.1:arch/x86/kernel/e820.c';
const SRC_INIT = 'v6.1:arch/x86/mm/init.c';
const ISA_END_ADDRESS = 0x100000;
/** BIOS_START_MIN / BIOS_START_MAX (v6.1 arch/x86/include/asm/bios_ebda.h). */
const BIOS_START_MIN = 0x20000;
const BIOS_START_MAX = 0x9f000;
/** E820_TYPE_RESERVED_KERN: setup_data kept as RAM that memblock adds. */
const E820_RESERVED_KERN = 128;

const CALLER_SETUP = 'e820__memblock_setup';
/** LOAD_PHYSICAL_ADDR: CONFIG_PHYSICAL_START (0x1000000) aligned to CONFIG_PHYSICAL_ALIGN. */
const LOAD_PHYSICAL_ADDR = 0x1000000;
/** _end − __end_of_kernel_reserve of Debian's 6.1 build (0x4430000 − 0x4400000). */
const BRK_TAIL_6_1 = 0x30000;

/**
 * reserve_bios_regions (v6.1 arch/x86/kernel/ebda.c): from the BIOS RAM size (clamped to
 * [128 KiB, 636 KiB], else 636 KiB) or a lower sane EBDA start, up to 1 MiB.
 */
export function biosStart(ramBytes: number | null, ebda: number | null): number {
  let start =
    ramBytes === null || ramBytes < BIOS_START_MIN || ramBytes > BIOS_START_MAX
      ? BIOS_START_MAX
      : ramBytes;
  if (ebda !== null && ebda >= BIOS_START_MIN && ebda < start) start = ebda;
  return start;
}

/** early_reserve_memory: before memblock=debug is parsed, so no debug lines. */
export function earlyReserveMemory(boot: MemblockBoot): void {
  const k = boot.s.kernel;
  const m = k.memblock;
  const quiet = {
    phase: 'early-reserve' as const,
    fn: 'early_reserve_memory',
    src: SRC_SETUP,
    caller: 'early_reserve_memory',
    intended: true,
    quiet: true,
  };
  const reserve = (
    start: number,
    end: number,
    label: string,
    owner: 'kernel' | 'firmware' | 'initrd' | 'ebda' | 'other',
    explain: string,
  ) => boot.reserve({ start, end }, { ...quiet, label, owner, explain, dmesg: [] });
  reserve(
    k.text,
    k.end,
    'kernel image (_text..__end_of_kernel_reserve)',
    'kernel',
    `The kernel runs from ${hex(k.text)} to ${hex(k.end)} (${humanSize(k.end - k.text)}). ${k.text < LOAD_PHYSICAL_ADDR ? 'Note: a 6.1 x86_64 kernel is never decompressed below CONFIG_PHYSICAL_START (16 MiB on distribution builds); this scenario places it lower, and the model follows the scenario.' : 'With nokaslr a 6.1 x86_64 kernel sits at CONFIG_PHYSICAL_START, 16 MiB; KASLR only moves it higher.'}`,
  );
  reserve(
    0,
    64 * 1024,
    'first 64 KiB',
    'firmware',
    'Page 0 must stay reserved (L1TF) and some BIOSes corrupt low memory: the first 64 KiB are reserved.',
  );
  if (k.initrd)
    reserve(
      k.initrd.start,
      alignUp(k.initrd.end, PAGE_SIZE),
      'initrd',
      'initrd',
      "early_reserve_initrd keeps the boot loader's initrd.",
    );
  for (const r of m?.earlyReserves ?? [])
    reserve(
      r.start,
      r.end,
      r.label,
      'other',
      `${r.label}: reserved before memblock knows any memory.`,
    );
  const start = m?.biosStart ?? biosStart(null, k.ebda?.addr ?? null);
  reserve(
    start,
    ISA_END_ADDRESS,
    'BIOS regions (EBDA .. 1 MiB)',
    'ebda',
    `reserve_bios_regions keeps everything from ${hex(start)} (the BIOS RAM size or the EBDA, whichever is lower and sane) up to 1 MiB.`,
  );
}

/** e820__memory_setup through max_pfn: the table, the options that edit it, the end of RAM. */
export function e820Setup(boot: MemblockBoot, params: readonly Param[]): void {
  const firmware = sanitizeE820(boot.s.machine.e820);
  if (firmware.length < 2) throw new KernelPanic('Cannot find a valid memory map');
  boot.drawE820(firmware);
  boot.event({
    phase: 'firmware',
    kind: 'e820',
    start: 0,
    end: Math.max(...firmware.map((e) => e.end)),
    label: 'BIOS-provided physical RAM map',
    owner: 'firmware',
    fn: 'e820__memory_setup',
    src: SRC_E820,
    explain: `The firmware table, sanitized (overlaps resolved, the larger type wins): ${firmware.length} entries.`,
    dmesg: ['BIOS-provided physical RAM map:', ...formatE820New(firmware)],
  });
  const mem = applyMemOptions61(firmware, params, memmapSyntax(boot.kernel.rules));
  for (const n of mem.notes)
    boot.event({
      phase: 'cmdline',
      kind: 'param',
      label: n.param,
      owner: 'firmware',
      fn: 'parse_early_param',
      src: SRC_E820,
      explain: n.explain,
    });
  let map = mem.map;
  if (mem.userdef) {
    const user = updateTable(map);
    if (!user) throw new KernelPanic('Invalid user supplied memory map');
    map = user;
    boot.drawE820(map);
    boot.event({
      phase: 'cmdline',
      kind: 'e820-user',
      start: 0,
      end: Math.max(0, ...map.map((e) => e.end)),
      label: 'user-defined physical RAM map',
      owner: 'firmware',
      fn: 'e820__finish_early_params',
      src: SRC_E820,
      explain: 'mem=/memmap= edited the table; it is sanitized and printed as the user map.',
      dmesg: [...mem.lines, 'user-defined physical RAM map:', ...formatE820New(map, 'user')],
    });
  }
  const k = boot.s.kernel;
  // e820_add_kernel_range covers _text.._end, and _end lies past __end_of_kernel_reserve by the
  // unused part of the brk area: 0x4430000 on Debian's 6.1 (the exactmap oracle logs' memory[]).
  const kEnd = k.end + BRK_TAIL_6_1;
  if (!mappedAll(map, { start: k.text, end: kEnd }, E820_RAM)) {
    const removed = rangeRemove(map, k.text, kEnd, null);
    map = rangeAdd(removed.map, {
      start: k.text,
      end: kEnd,
      type: E820_RAM,
    });
    boot.event({
      phase: 'cmdline',
      kind: 'e820-kernel',
      start: k.text,
      end: kEnd,
      label: 'kernel range added as RAM',
      owner: 'kernel',
      fn: 'e820_add_kernel_range',
      src: SRC_SETUP,
      explain:
        'The table does not mark the kernel image as usable RAM (a BIOS bug or memmap= over it), so the kernel range is put back as RAM.',
      dmesg: ['.text .data .bss are not marked as E820_TYPE_RAM!', removed.line],
    });
  }
  const page0 = rangeUpdate(map, 0, PAGE_SIZE, E820_RAM, E820_RESERVED);
  const bios = rangeRemove(page0.map, 0xa0000, ISA_END_ADDRESS, E820_RAM);
  map = updateTable(bios.map) ?? bios.map.filter((e) => e.end > e.start);
  boot.drawE820(map);
  boot.event({
    phase: 'firmware',
    kind: 'trim-bios',
    start: 0,
    end: ISA_END_ADDRESS,
    label: 'page 0 and 640K-1M out of RAM',
    owner: 'firmware',
    fn: 'trim_bios_range',
    src: SRC_SETUP,
    explain:
      'Page 0 becomes reserved in the table and 640 KiB-1 MiB (video memory, option ROMs, BIOS) is removed from RAM, whatever the firmware said.',
    dmesg: [page0.line, bios.line],
  });
  map = firmwareEdits(boot, map);
  const max = endPfn(map, Infinity);
  boot.maxPfn = max.pfn;
  const lines = [max.line];
  boot.maxLowPfn = max.pfn;
  if (max.pfn > (4 * GiB) / PAGE_SIZE) {
    const low = endPfn(map, (4 * GiB) / PAGE_SIZE);
    boot.maxLowPfn = low.pfn;
    lines.push(low.line);
  }
  boot.event({
    phase: 'firmware',
    kind: 'end-of-ram',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: 'end of RAM',
    owner: 'firmware',
    fn: 'e820__end_of_ram_pfn',
    src: SRC_E820,
    explain: `max_pfn = ${hex(boot.maxPfn)}: usable RAM ends at ${humanSize(boot.maxPfn * PAGE_SIZE)}.${boot.maxLowPfn !== boot.maxPfn ? ` Below 4 GiB it ends at ${hex(boot.maxLowPfn * PAGE_SIZE)} (max_low_pfn until the direct map is built).` : ''}`,
    dmesg: lines,
  });
}

/**
 * reserve_brk: the brk area the kernel used so far. A scenario from a log has brk's own
 * reservation among its early inputs; otherwise the model reserves the page-table buffer
 * right after the kernel image. Returns that buffer and _end.
 */
export function reserveBrk(
  boot: MemblockBoot,
  ops: readonly EarlyOp[],
  pages: number,
): { pgtBuf: Range; kernelEnd: number } {
  const size = pages * PAGE_SIZE;
  const given = ops.find(
    (o) => o.stage === 'early' && o.op === 'reserve' && symbolOf(o.caller) === 'setup_arch',
  );
  if (given && given.op !== 'alloc')
    return { pgtBuf: { start: given.end - size, end: given.end }, kernelEnd: given.end };
  const start = alignUp(boot.s.kernel.end, PAGE_SIZE);
  const brk = { start, end: start + size };
  // Before 3.9 brk holds no page-table pool (rules.ts pgtBufPages): nothing to reserve.
  if (!size) return { pgtBuf: brk, kernelEnd: start };
  boot.reserve(brk, {
    phase: 'early-reserve',
    label: 'brk (early page tables)',
    owner: 'page-tables',
    fn: 'reserve_brk',
    caller: 'setup_arch',
    src: SRC_SETUP,
    explain: `The scenario lists no brk reservation, so the model reserves the ${pages}-page buffer early_alloc_pgt_buf takes from brk right after the kernel image.`,
  });
  return { pgtBuf: brk, kernelEnd: brk.end };
}

/** e820__memblock_setup: memblock learns RAM from the table (current_limit 1 MiB). */
export function memblockSetup(boot: MemblockBoot): void {
  const { mb } = boot;
  mb.currentLimit = ISA_END_ADDRESS;
  mb.canResize = true;
  const lines: string[] = [];
  for (const e of boot.e820) {
    if (e.type === E820_SOFT_RESERVED) {
      mb.reserve(e.start, e.end - e.start);
      lines.push(rangeDebugLine('memblock_reserve', e.start, e.end - e.start, CALLER_SETUP));
    }
    if (e.type !== E820_RAM && e.type !== E820_RESERVED_KERN) continue;
    mb.add(e.start, e.end - e.start);
    lines.push(rangeDebugLine('memblock_add', e.start, e.end - e.start, CALLER_SETUP));
  }
  mb.trimMemory(PAGE_SIZE);
  boot.drawMemory();
  boot.event({
    phase: 'early-reserve',
    kind: 'memblock-setup',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: 'memblock.memory from e820',
    owner: 'numa',
    fn: 'e820__memblock_setup',
    src: SRC_E820,
    explain: `Each usable e820 entry is added to memblock.memory, then trimmed to whole pages: ${mb.memory.regions.length} region(s), ${humanSize(mb.physMemSize())} counted as System RAM (the count keeps the partial pages).`,
    dmesg: boot.debug ? [...lines, ...boot.dump()] : [],
  });
}

/**
 * efi_reserve_boot_services (v6.1 arch/x86/platform/efi/quirks.c, called from setup_arch right
 * after e820__memblock_setup): every EFI boot-services code/data region not already reserved is
 * memblock-reserved until efi_free_boot_services, so the direct map, NODE_DATA and the crash
 * window all land below or between them.
 */
export function reserveEfiBootServices(boot: MemblockBoot, regions: readonly Range[]): void {
  for (const r of regions) {
    if (boot.mb.reserved.regions.some((m) => m.base < r.end && r.start < m.base + m.size)) continue;
    boot.reserve(r, {
      phase: 'early-reserve',
      label: 'EFI boot services',
      owner: 'firmware',
      fn: 'efi_reserve_boot_services',
      caller: 'efi_reserve_boot_services',
      src: 'v6.1:arch/x86/platform/efi/quirks.c',
      explain:
        'The EFI specification says boot-services code is not called after ExitBootServices; some firmware does call it, so the kernel keeps these regions reserved until efi_free_boot_services.',
    });
  }
}

/** reserve_real_mode (v6.1 arch/x86/realmode/init.c) and the reservation of the first MiB. */
export function realMode(boot: MemblockBoot, size: number): void {
  const got = boot.alloc(
    {
      fn: 'memblock_phys_alloc_range',
      caller: 'reserve_real_mode',
      size,
      align: PAGE_SIZE,
      from: 0,
      max: ISA_END_ADDRESS,
      nid: -1,
    },
    {
      phase: 'direct-map',
      label: 'real-mode trampoline',
      owner: 'trampoline',
      src: 'v6.1:arch/x86/realmode/init.c',
      explain: `Application processors start in real mode, so their ${humanSize(size)} trampoline must sit below 1 MiB.`,
    },
  );
  if (!got)
    boot.event({
      phase: 'direct-map',
      kind: 'note',
      label: 'no trampoline',
      owner: 'trampoline',
      fn: 'reserve_real_mode',
      src: 'v6.1:arch/x86/realmode/init.c',
      explain: 'Nothing below 1 MiB is free.',
      dmesg: ['No sub-1M memory is available for the trampoline'],
    });
  boot.reserve(
    { start: 0, end: ISA_END_ADDRESS },
    {
      phase: 'direct-map',
      label: 'first MiB',
      owner: 'firmware',
      fn: 'reserve_real_mode',
      caller: 'setup_arch',
      src: SRC_SETUP,
      intended: true,
      explain:
        'The whole first MiB is reserved unconditionally (BIOSes corrupt low memory); it covers the trampoline, which memblock accepts silently.',
    },
  );
}

/**
 * init_mem_mapping: top-down, memory_map_top_down first takes and gives back the top 2 MiB of
 * RAM so that page tables can be allocated from mapped memory; then the page tables
 * (page-tables.ts). Afterwards max_low_pfn = max_pfn, and current_limit is the end of the
 * direct map (max_pfn_mapped).
 */
export function initMemMapping(boot: MemblockBoot, cfg: PageTableConfig): void {
  const { mb } = boot;
  const end = boot.maxPfn * PAGE_SIZE;
  let realEnd = end;
  if (boot.kernel.rules.directMapTables === 'table-space') {
    mappingDone(boot, tableSpaceMapping(boot, cfg.gbPages), 'v3.0:arch/x86/kernel/setup.c');
    return;
  }
  if (!mb.bottomUp) {
    const probe = boot.alloc(
      {
        fn: 'memblock_phys_alloc_range',
        caller: 'init_mem_mapping',
        size: 2 * MiB,
        align: 2 * MiB,
        from: ISA_END_ADDRESS,
        max: end,
        nid: -1,
      },
      {
        phase: 'direct-map',
        label: 'top 2 MiB probe',
        owner: 'page-tables',
        src: SRC_INIT,
        explain:
          'memory_map_top_down maps RAM from the top down, starting with the highest free 2 MiB-aligned block so that page tables can come from mapped memory.',
      },
    );
    boot.free(
      { start: probe, end: probe + 2 * MiB },
      {
        phase: 'direct-map',
        caller: 'init_mem_mapping',
        label: 'probe given back',
        src: SRC_INIT,
        explain: 'The probe only finds where mapping starts; the block is freed at once.',
      },
    );
    realEnd = probe + 2 * MiB;
  }
  mappingDone(boot, mapDirectly(boot, cfg, realEnd), SRC_INIT);
}

/** After the direct map: max_low_pfn = max_pfn, and current_limit is the end of the map. */
function mappingDone(boot: MemblockBoot, mapped: number, src: string): void {
  if (boot.maxPfn > boot.maxLowPfn) boot.maxLowPfn = boot.maxPfn;
  boot.mb.currentLimit = mapped;
  boot.event({
    phase: 'direct-map',
    kind: 'direct-map',
    start: 0,
    end: mapped,
    label: 'direct map built',
    owner: 'page-tables',
    fn: 'init_mem_mapping',
    src,
    explain: `All RAM up to ${hex(mapped)} is mapped; memblock.current_limit becomes ${hex(mapped)}, and on x86_64 max_low_pfn = max_pfn = ${hex(boot.maxPfn)}.`,
  });
}

/**
 * reserve_initrd (v6.1 arch/x86/kernel/setup.c): an initrd the direct map covers is used in
 * place; one that lies outside mapped RAM is copied below the end of the direct map
 * (relocate_initrd: memblock_phys_alloc_range(size, PAGE_SIZE, 0, max_pfn_mapped)) and its
 * old range freed.
 */
export function reserveInitrd(boot: MemblockBoot): void {
  const rd = boot.s.kernel.initrd;
  if (!rd) return;
  const end = alignUp(rd.end, PAGE_SIZE);
  const mem10 = (a: number, b: number) => `[mem ${hexAlt(a, 10)}-${hexAlt(b - 1, 10)}]`;
  const mapped = boot.mb.memory.regions.some(
    (m) => m.base <= rd.start && end <= m.base + m.size && end <= boot.mb.currentLimit,
  );
  const line = `RAMDISK: ${mem10(rd.start, end)}`;
  if (mapped) {
    boot.event({
      phase: 'reserve',
      kind: 'initrd',
      start: rd.start,
      end,
      label: 'initrd used in place',
      owner: 'initrd',
      fn: 'reserve_initrd',
      src: SRC_SETUP,
      explain:
        'The initrd lies in RAM the direct map covers, so it stays where the boot loader put it.',
      dmesg: [line],
    });
    return;
  }
  const size = end - rd.start;
  const to = boot.alloc(
    {
      fn: 'memblock_phys_alloc_range',
      caller: 'relocate_initrd',
      size,
      align: PAGE_SIZE,
      from: 0,
      max: boot.mb.currentLimit,
      nid: -1,
    },
    {
      phase: 'reserve',
      label: 'initrd (relocated)',
      owner: 'initrd',
      src: SRC_SETUP,
      explain: `${line}: the initrd is not in mapped RAM, so it is copied into memory the direct map covers.`,
    },
  );
  if (!to) throw new KernelPanic(`Cannot find place for new RAMDISK of size ${size}`);
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (ev)
    ev.dmesg = [
      line,
      // The copy's lines print the initrd's own size, not the page-aligned area.
      `Allocated new RAMDISK: ${mem10(to, to + rd.end - rd.start)}`,
      `Move RAMDISK from ${mem10(rd.start, rd.end)} to ${mem10(to, to + rd.end - rd.start)}`,
      ev.dmesg,
    ]
      .filter(Boolean)
      .join('\n');
  boot.free(
    { start: rd.start, end },
    {
      phase: 'reserve',
      caller: 'reserve_initrd',
      label: 'old initrd range freed',
      src: SRC_SETUP,
      explain: "The copy is in place; the boot loader's range goes back to memblock.",
    },
  );
}

/**
 * The edits an imported log shows that the rules do not make (a DMI quirk, the 64 KiB that
 * 3.0-3.4 take out of e820 for CONFIG_X86_RESERVE_LOW, MTRR trimming): scenario inputs, since
 * the firmware facts behind them are not in the e820 table.
 */
function firmwareEdits(boot: MemblockBoot, map: E820Entry[]): E820Entry[] {
  const edits = boot.s.machine.e820Edits ?? [];
  if (!edits.length) return map;
  const r = applyE820Edits(map, edits);
  boot.drawE820(r.map);
  boot.event({
    ...firmwareEditsStep(edits, 'table'),
    fn: 'e820__range_update',
    src: SRC_E820,
    dmesg: r.lines,
  });
  return r.map;
}
