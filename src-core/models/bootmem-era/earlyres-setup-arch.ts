/**
 * setup_arch() to kexec for the early_res generations (2.6.27, 2.6.33, 2.6.34; earlyres-boot.ts):
 * the whole sequence in each generation's order, and the steps only they take before NUMA: the
 * head64.c reservations, max_low_pfn and the ACPI wakeup pages in early_res (v2.6.27 and
 * v2.6.33 arch/x86/kernel/{setup,head64}.c).
 */
import { hex, humanSize, PAGE_SIZE, pfnDown } from '../../base/addr';
import { watchAllocator } from '../../allocators/probe';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import { hasParam, parseCmdline } from '../../input/cmdline';
import { earlyResLine } from '../../allocators/early-res/early-res';
import { e820Ram } from '../../input/e820';
import { Recorder } from '../../output/events';
import type { Scenario } from '../../input/scenario';
import type { RunOptions, Simulation } from '../../output/simulation';
import { acpiWakeupBootmem } from './bootmem-alloc';
import { reserveCrashEarly } from './crash-early-res';
import { reserveCrashExclusive } from './crash-exclusive';
import { EarlyResBoot, ownerOf, reserveEarly } from './earlyres-boot';
import { earlyResToBootmem, setupNodeEarlyRes } from './earlyres-nodes';
import { kexecLoad } from './kexec';
import { memnodemapEarlyRes } from './memnodemap';
import {
  applyFirmwareEdits,
  discoverEbda,
  endOfRam,
  kernelLoaded,
  MAXMEM_PFN,
  noteMemOptions,
  setupMemoryRegion,
  setUserMap,
  SMP_TRAMPOLINE_BASE,
} from './memory-map';
import { numaInit, zonesInit } from './nodes';
import { pageTablesEarlyRes } from './page-tables';
import { freeAllMemoryCoreEarly, memInitBootmem2630 } from './retire';
import { applyUserMap2627 } from './usermap-2.6.27';

/** Run a scenario under one of the early_res generations. */
export function runEarlyRes(s: Scenario, model: string, options: RunOptions): Simulation {
  const boot = new EarlyResBoot(new Recorder(), s, model, options);
  const probed = watchAllocator(boot.rec, options.allocatorAt, () => ({
    kind: 'early_res',
    lines: boot.early.entries.map(earlyResLine),
  }));
  boot.early.beforeChange = probed.changing;
  const sim = boot.run(() => setupArch(boot));
  probed.finished();
  return sim;
}

/** The whole boot, in setup_arch() order for this generation. */
function setupArch(boot: EarlyResBoot): void {
  const rules = boot.kernel.rules;
  const params = parseCmdline(boot.s.cmdline);
  kernelLoaded(boot);
  headReservations(boot);
  const firmware = setupMemoryRegion(boot);
  const user = applyUserMap2627(firmware, params);
  noteMemOptions(boot, user.events);
  if (hasParam(params, 'numa', 'off')) boot.numaOff = true;
  if (user.userdef) {
    if (user.map.length < 2)
      throw new KernelBug('Invalid user supplied memory map', 'finish_e820_parsing');
    setUserMap(boot, user.map);
  }
  applyFirmwareEdits(boot);
  endOfRam(boot, MAXMEM_PFN, (end) => `last_pfn = ${hex(end)} max_arch_pfn = ${hex(MAXMEM_PFN)}`);
  lowRam(boot);
  reserveBrk(boot);
  if (rules.trampoline === 'found') trampolineFound(boot);
  if (rules.acpiWakeup.how === 'early-res') acpiWakeupEarly(boot);
  pageTablesEarlyRes(boot);
  if (rules.crashReserve === 'early-res') reserveCrashEarly(boot);
  numaInit(
    boot,
    () => memnodemapEarlyRes(boot),
    (node, start, end) => setupNodeEarlyRes(boot, node, start, end),
  );
  if (!rules.noBootmem && rules.earlyResToBootmem === 'once')
    earlyResToBootmem(boot, { start: 0, end: boot.maxLowPfn * PAGE_SIZE });
  if (rules.acpiWakeup.how === 'bootmem-low')
    acpiWakeupBootmem(
      boot,
      `${boot.tag}:arch/x86/kernel/acpi/sleep.c`,
      (addr) =>
        `alloc_bootmem_low(8 KiB) takes the first free pages from the bottom of the bitmap: ${hex(addr)}.`,
      true,
    );
  if (rules.crashReserve === 'exclusive') reserveCrashExclusive(boot);
  zonesInit(boot);
  if (rules.noBootmem) freeAllMemoryCoreEarly(boot);
  else memInitBootmem2630(boot);
  kexecLoad(boot);
}

/** head64.c / reserve_ebda_region: what is reserved before the e820 map is even read. */
function headReservations(boot: EarlyResBoot): void {
  const k = boot.s.kernel;
  boot.early.reserve(0, PAGE_SIZE, 'BIOS data page');
  if (boot.kernel.rules.trampoline === 'fixed')
    boot.early.reserve(
      SMP_TRAMPOLINE_BASE,
      SMP_TRAMPOLINE_BASE + 2 * PAGE_SIZE,
      boot.kernel.rules.trampolineName,
    );
  boot.early.reserve(k.text, k.end, 'TEXT DATA BSS');
  if (k.initrd) boot.early.reserve(k.initrd.start, k.initrd.end, 'RAMDISK');
  const ebda = discoverEbda(boot);
  // reserve_ebda_region: everything from the EBDA (or 0x9f000) up to 1 MiB.
  const low = ebda && ebda.start < 0x100000 ? ebda.start : 0x9f000;
  boot.early.reserve(low, 0x100000, 'BIOS reserved', boot.kernel.rules.biosReservedOverlapOk);
  boot.ev({
    phase: 'early-reserve',
    kind: 'early-res',
    label: 'early reservations',
    owner: 'kernel',
    fn: 'x86_64_start_reservations',
    src: `${boot.tag}:arch/x86/kernel/head64.c`,
    explain: `Before the memory map is read, the kernel records ${boot.early.entries.length} ranges in early_res: find_e820_area will step around them, and reserve_early panics if a later one overlaps.`,
    dmesg: '',
  });
  for (const r of boot.early.entries)
    boot.rec.region({
      lane: 'reserved',
      start: r.start,
      end: r.end,
      label: r.name,
      owner: ownerOf(r.name),
    });
}

/** max_low_pfn: the end of RAM below 4 GiB when RAM goes above it (e820_end_of_low_ram_pfn). */
function lowRam(boot: EarlyResBoot): void {
  const low = e820Ram(boot.e820)
    .filter((r) => r.start < 2 ** 32)
    .map((r) => Math.min(r.end, 2 ** 32));
  boot.maxLowPfn = boot.endPfn > 2 ** 20 ? pfnDown(Math.max(0, ...low)) : boot.endPfn;
}

/** reserve_brk (2.6.30 on): the brk area in use, as the scenario gives it, joins early_res. */
function reserveBrk(boot: EarlyResBoot): void {
  const brk = boot.s.kernel.brk;
  if (!brk || !boot.kernel.rules.brkReserve || brk.end <= brk.start) return;
  boot.ev({
    phase: 'early-reserve',
    kind: 'early-res',
    ...brk,
    label: 'brk area in use',
    owner: 'kernel',
    fn: 'reserve_brk',
    src: `${boot.tag}:arch/x86/kernel/setup.c`,
    explain: `Allocations made before any allocator existed came from the brk area after the kernel image; the used part, ${hex(brk.start)}-${hex(brk.end - 1)}, is reserved so nothing is placed over it.`,
  });
  reserveEarly(boot, brk, 'BRK', 'kernel');
}

/**
 * reserve_trampoline_memory (commit 893f38d144a4, v2.6.33): the two trampoline pages go where
 * find_e820_area finds them below 1 MiB, no longer at 0x6000.
 */
function trampolineFound(boot: EarlyResBoot): void {
  const found = boot.early.findArea(boot.e820, 0, 0x100000, 2 * PAGE_SIZE, PAGE_SIZE);
  if (found.addr === null)
    throw new KernelBug('Cannot allocate trampoline', 'reserve_trampoline_memory');
  const r = { start: found.addr, end: found.addr + 2 * PAGE_SIZE };
  boot.ev({
    phase: 'reserve',
    kind: 'alloc',
    ...r,
    label: `SMP trampoline at ${hex(r.start)}`,
    owner: 'trampoline',
    fn: 'reserve_trampoline_memory',
    src: `${boot.tag}:arch/x86/kernel/trampoline.c`,
    explain: `find_e820_area(0, 1 MiB, 8 KiB) takes the first free pages below 1 MiB: ${hex(r.start)}.`,
  });
  reserveEarly(boot, r, boot.kernel.rules.trampolineName, 'trampoline');
}

/** acpi_reserve_wakeup_memory (2.6.33+): the wakeup code's area below 1 MiB, in early_res. */
function acpiWakeupEarly(boot: EarlyResBoot): void {
  const size = boot.kernel.rules.acpiWakeup.size;
  const found = boot.early.findArea(boot.e820, 0, 0x100000, size, PAGE_SIZE);
  if (found.addr === null) return;
  const r = { start: found.addr, end: found.addr + size };
  boot.ev({
    phase: 'reserve',
    kind: 'alloc',
    ...r,
    label: `ACPI wakeup code at ${hex(r.start)}`,
    owner: 'acpi',
    fn: 'acpi_reserve_memory',
    src: `${boot.tag}:arch/x86/kernel/acpi/sleep.c`,
    explain: `The wakeup code takes the first free ${humanSize(size)} below 1 MiB: ${hex(r.start)}.`,
  });
  reserveEarly(boot, r, 'ACPI WAKEUP', 'acpi');
}
