/**
 * Model memblock-6.1: what a Linux 6.1 x86_64 kernel does with physical memory from
 * setup_arch() to mem_init(), in the order of v6.1 arch/x86/kernel/setup.c:
 *
 *   early_reserve_memory → e820 (+ mem=, memmap=) → trim_bios_range → max_pfn → [early inputs]
 *   → reserve_brk → e820__memblock_setup → reserve_real_mode + first MiB → init_mem_mapping
 *   (probe, page tables) → reserve_initrd → [setup inputs: ACPI tables ...] → initmem_init (NUMA, NODE_DATA) → reserve_crashkernel
 *   → sparse_init (struct pages, vmemmap) → [paging inputs] → free_area_init (zones) → [late inputs] → mem_init: swiotlb,
 *   memblock_free_all → kexec.
 *
 * Bracketed steps replay the scenario's early requests (kernel.memblock); everything else is
 * derived, and every placement — the inputs' included — is computed by memblock.
 */
import { hex, humanSize } from '../../base/addr';
import { watchAllocator } from '../../allocators/probe';
import { hasParam, parseCmdline } from '../../input/cmdline';
import { Recorder } from '../../output/events';
import { dumpLines } from '../../allocators/memblock/memblock';
import type { Scenario } from '../../input/scenario';
import type { EarlyOp } from '../../input/scenario-6.1';
import type { Model, RunOptions, Simulation } from '../../output/simulation';
import { withCaptureKernel } from '../capture/timeline';
import { crashProbe, reserveCrashkernel } from './crashkernel';
import {
  freeAreaInit,
  kexecLoad,
  memblockFreeAll,
  parseSwiotlb,
  swiotlbBytes,
  swiotlbInit,
} from './mem-init';
import { memInitPrintInfo } from './mem-init-print';
import type { MemoryInfo } from '../../output/simulation';
import { KernelPanic, MemblockBoot } from './boot';
import { replayStage } from './replay';
import { initmemInit, memorylessNodeData } from './numa';
import { sparseInit } from './sparse';
import {
  e820Setup,
  earlyReserveMemory,
  initMemMapping,
  memblockSetup,
  realMode,
  reserveBrk,
  reserveEfiBootServices,
  reserveInitrd,
} from './setup-arch';

/** real_mode_size_needed() of the Debian 6.1.0 amd64 build, when a scenario gives none. */
const DEFAULT_REAL_MODE_SIZE = 0x7000;

export const memblock61: Model = {
  id: 'memblock-6.1',
  kernel: '6.1',
  title: '6.1 x86_64: memblock, top-down allocation, crashkernel checked against free memory',
  run: (s, o) => {
    const first = runMemblock61(s, o);
    return o?.noCapture || o?.reference ? first : withCaptureKernel(first, runMemblock61);
  },
};

/**
 * The kernel image of the Debian 6.1.0 amd64 build the oracle logs come from: _text at
 * CONFIG_PHYSICAL_START (16 MiB, nokaslr) to __end_of_kernel_reserve at 68 MiB.
 */
export const KERNEL_IMAGE_6_1 = { text: 0x1000000, end: 0x4400000 } as const;

/**
 * A scenario written for another generation describes that generation's kernel binary; a 6.1
 * kernel is a different binary, loaded at 16 MiB. So the machine and command line are kept and
 * the image is the 6.1 one: this is what `compare` needs to show a real 6.1 kernel's answer.
 */
export function as61(s: Scenario): Scenario {
  if (s.model === 'memblock-6.1') return s;
  const { codeSize, dataSize, initSize, ...kernel } = s.kernel;
  return { ...s, kernel: { ...kernel, ...KERNEL_IMAGE_6_1 } };
}

export function runMemblock61(scenario: Scenario, options: RunOptions = {}): Simulation {
  const s = as61(scenario);
  const rec = new Recorder();
  const params = parseCmdline(s.cmdline);
  const debug = params.some((p) => p.key === 'memblock' && (p.value ?? '').includes('debug'));
  const movable = hasParam(params, 'movable_node');
  const boot = new MemblockBoot(rec, s, debug, movable);
  const probed = watchAllocator(rec, options.allocatorAt, () => ({
    kind: 'memblock',
    lines: dumpLines(boot.mb),
  }));
  if (options.allocatorAt) boot.mb.beforeChange = probed.changing;
  const inputs = s.kernel.memblock;
  const ops: EarlyOp[] = inputs?.ops ?? [];
  let panic: string | null = null;
  let zoneFacts: ReturnType<typeof freeAreaInit> | null = null;
  let memory: MemoryInfo | undefined;
  try {
    rec.event({
      phase: 'firmware',
      kind: 'start',
      start: s.kernel.text,
      end: s.kernel.end,
      label: 'setup_arch() starts',
      owner: 'kernel',
      fn: 'setup_arch',
      src: 'v6.1:arch/x86/kernel/setup.c',
      dmesg: `Command line: ${s.cmdline}`,
      explain: `${s === scenario ? '' : `The scenario's kernel image (${hex(scenario.kernel.text)}-${hex(scenario.kernel.end)}) is a ${scenario.model} kernel's; a 6.1 kernel is another binary, so this run uses the 6.1 image. `}The boot loader put the kernel at ${hex(s.kernel.text)}-${hex(s.kernel.end)} (${humanSize(s.kernel.end - s.kernel.text)}). memblock is empty: it knows no memory and no reservation yet.`,
    });
    earlyReserveMemory(boot);
    e820Setup(boot, params);
    if (movable) {
      boot.mb.bottomUp = true;
      boot.event({
        phase: 'cmdline',
        kind: 'param',
        label: 'movable_node',
        owner: 'numa',
        fn: 'setup_arch',
        src: 'v6.1:arch/x86/kernel/setup.c',
        explain:
          'movable_node: until the SRAT says which memory is hotpluggable, memblock allocates bottom-up, near the kernel.',
      });
    }
    replayStage(boot, ops, 'early');
    // INIT_PGT_BUF_SIZE of the version's distribution config (rules.ts), unless the scenario
    // knows better (a log's BRK PGTABLE lines).
    const rules = boot.kernel.rules;
    const pgtBufPages = inputs?.pgtBufPages ?? rules.pgtBufPages;
    const brk = reserveBrk(boot, ops, pgtBufPages);
    memblockSetup(boot);
    reserveEfiBootServices(boot, s.machine.efiBootServices ?? []);
    realMode(boot, inputs?.realModeSize ?? DEFAULT_REAL_MODE_SIZE);
    initMemMapping(boot, {
      brkPages: pgtBufPages,
      brk: brk.pgtBuf,
      kernelEnd: brk.kernelEnd,
      gbPages: inputs?.gbPages ?? false,
      step: rules.pgtStep,
      la57: inputs?.la57 ?? false,
      kaslr: rules.trampolinePgt && !hasParam(params, 'nokaslr'),
    });
    reserveInitrd(boot);
    replayStage(boot, ops, 'setup');
    initmemInit(
      boot,
      s.machine.srat ?? s.machine.nodes.map((n) => ({ ...n })),
      hasParam(params, 'numa', 'off'),
      s.kernel.pgdatSize,
    );
    options.onCrashPoint?.(crashProbe(boot));
    reserveCrashkernel(boot, swiotlbBytes(parseSwiotlb(params)));
    sparseInit(boot);
    replayStage(boot, ops, 'paging');
    zoneFacts = freeAreaInit(boot);
    if (rules.memorylessNodeData && s.machine.srat)
      memorylessNodeData(boot, s.machine.srat, s.machine.cpuNodes ?? [], s.kernel.pgdatSize);
    replayStage(boot, ops, 'late');
    swiotlbInit(boot, params, inputs?.possibleCpus ?? 1);
    replayStage(boot, ops, 'end');
    const buddy = memblockFreeAll(boot);
    memory = memInitPrintInfo(boot, buddy, zoneFacts.zones);
    boot.event({
      phase: 'retire',
      kind: 'memory-line',
      label: 'mem_init_print_info',
      owner: 'page-allocator',
      fn: 'mem_init_print_info',
      src: 'v6.1:mm/page_alloc.c',
      explain: `${memory.totalK}K present pages; ${memory.availableK}K are free now (pages past each node's first deferred section wait for the deferred-init threads; 64 pages went to preallocate_vmalloc_pages); ${memory.reservedK}K stay reserved.`,
      dmesg: [memory.line],
    });
    replayStage(boot, ops, 'after-free');
    kexecLoad(boot, buddy);
  } catch (e) {
    if (!(e instanceof KernelPanic)) throw e;
    panic = e.message;
    rec.event({
      phase: 'firmware',
      kind: 'panic',
      start: 0,
      end: 0,
      label: 'early panic',
      owner: 'other',
      fn: 'early_panic',
      src: 'v6.1:arch/x86/kernel/e820.c',
      explain: `The simulated kernel stops here: ${e.message}.`,
      dmesg: `Kernel panic - not syncing: ${e.message}`,
    });
  }
  probed.finished();
  return {
    model: 'memblock-6.1',
    scenario: s,
    events: rec.events,
    regions: rec.regions,
    bitOps: [],
    bitmaps: [],
    zones: zoneFacts?.zones ?? [],
    crashkernel: boot.crash,
    findings: boot.findings,
    panic,
    summary: summary(boot, panic),
    zoneRanges: zoneFacts?.zoneRanges ?? [],
    nodeRanges: zoneFacts?.nodeRanges ?? [],
    allocations: boot.allocations,
    ...(memory ? { memory } : {}),
  };
}

function summary(boot: MemblockBoot, panic: string | null): string {
  if (panic) return `The simulated kernel stops: ${panic}.`;
  const c = boot.crash;
  const { made } = boot;
  const crash =
    c.outcome === 'reserved'
      ? `crashkernel reserved at ${hex(c.start ?? 0)}${c.low ? ` (low part at ${hex(c.low.start)})` : ''}`
      : c.outcome === 'failed'
        ? `crashkernel refused: "${c.message.split('\n').pop()}"`
        : 'no crashkernel';
  const f = boot.findings.length;
  return `${made} memblock allocation(s); ${crash}; ${f ? `${f} finding(s)` : 'no conflicts'}.`;
}
