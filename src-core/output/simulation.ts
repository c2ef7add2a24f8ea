/**
 * What a model produces: the events, the regions to draw, and the facts the JSON document and
 * the app report (bitmap placements, zones, the crashkernel outcome, findings).
 */
import type { BitOp, BootEvent, ConflictKind, Region } from './events';
import type { Range } from '../base/range';
import type { Scenario } from '../input/scenario';
import type { ZoneSpan } from '../input/zones';

export interface BitmapPlacement {
  node: number;
  start: number;
  end: number;
}

export interface CrashkernelOutcome {
  outcome: 'reserved' | 'failed' | 'none';
  start?: number;
  end?: number;
  /** What the kernel printed about it ('' when it prints nothing, as 2.6.23). */
  message: string;
  /** Why, for people. */
  detail: string;
  /** The low part of a `,high` reservation (6.1). */
  low?: Range;
}

export interface Finding {
  kind: ConflictKind;
  start: number;
  end: number;
  detail: string;
  /** Step at which it happened. */
  step: number;
}

/** A global zone range as 6.1 prints it under "Zone ranges:", half-open bytes. */
export interface ZoneRange {
  zone: string;
  start: number;
  end: number;
}

/** A node's ranges as 6.1 prints them under "Early memory node ranges". */
export interface NodeRanges {
  node: number;
  ranges: Range[];
}

/**
 * One memblock allocation the model attempted, or a run of `count` identical ones memblock
 * answered back to back (one event, see MemblockBoot.allocMany: a 64 TiB machine asks for
 * 65,650 page-table pages in four runs), in order; `start` is null when it failed. A record
 * per run keeps a run's cost that of its reservations, not of its pages; `eachRequest` lists
 * the requests one by one.
 */
export interface AllocationRecord {
  /** The memblock call: memblock_phys_alloc_range, memblock_alloc_try_nid, ... */
  fn: string;
  /** The kernel function that asked. */
  caller: string;
  size: number;
  align: number;
  from: number;
  max: number;
  /** -1 = NUMA_NO_NODE. */
  nid: number;
  /** Where the (first) block landed. */
  start: number | null;
  /** Requests this record stands for: 1, or the length of a run (a failure is one). */
  count: number;
  /** Bytes from one block of a run to the next: negative top-down, 0 for a single request. */
  stride: number;
  step: number;
  /** memblock=debug prints a request line for it (memblock_phys_alloc_try_nid does not). */
  printed: boolean;
}

/** The requests `records` stand for, one record each (count 1), in order. */
export function eachRequest(records: readonly AllocationRecord[] = []): AllocationRecord[] {
  const out: AllocationRecord[] = [];
  for (const a of records) {
    const { start, count, stride } = a;
    if (count === 1 || start === null) out.push(a);
    else
      for (let i = 0; i < count; i++)
        out.push({ ...a, start: start + i * stride, count: 1, stride: 0 });
  }
  return out;
}

export interface Simulation {
  model: string;
  scenario: Scenario;
  events: BootEvent[];
  regions: Region[];
  bitOps: BitOp[];
  bitmaps: BitmapPlacement[];
  zones: ZoneSpan[];
  crashkernel: CrashkernelOutcome;
  findings: Finding[];
  /** Set when the simulated kernel hit BUG() or panicked; the events stop there. */
  panic: string | null;
  /** One line: what happens in this run. */
  summary: string;
  /** Models that print 6.1's "Zone ranges:" (memblock-6.1). */
  zoneRanges?: ZoneRange[];
  /** Models that print 6.1's "Early memory node ranges". */
  nodeRanges?: NodeRanges[];
  /** Every allocation attempt of an allocator that keeps them (memblock-6.1). */
  allocations?: AllocationRecord[];
  /** 6.1's "Memory: A/TK available" line and the numbers behind it (memblock-6.1). */
  memory?: MemoryInfo;
}

/** The model's `Memory: A/TK available` line (6.1 mm/page_alloc.c mem_init_print_info). */
export interface MemoryInfo {
  /** All present pages, in KiB. */
  totalK: number;
  /** Free pages when the line is printed, in KiB. */
  availableK: number;
  /** physpages − totalram_pages, in KiB. */
  reservedK: number;
  /** totalram_pages once deferred init has run: what the page allocator manages, in bytes. */
  managed: number;
  /** The line as printed. */
  line: string;
}

/** Options for a run. */
export interface RunOptions {
  /**
   * Use the per-page reference allocator instead of the run-based one: slow (cost grows with
   * RAM), for property tests and the benchmark's side-by-side ratio.
   */
  reference?: boolean;
  /** Called where the model would reserve the crashkernel, with what is taken there (advisor). */
  onCrashPoint?: (probe: CrashProbe) => void;
  /** Stop at kexec: do not boot the capture kernel in the window (advisor probes, the capture run itself). */
  noCapture?: boolean;
  /** Hands the allocator's own table, as the kernel would print it, after step `step`. */
  allocatorAt?: AllocatorProbe;
}

/** The text view's request for the allocator's table at one step (allocators/probe.ts). */
export interface AllocatorProbe {
  step: number;
  take: (table: AllocatorTable) => void;
}

/** An allocator's table as its kernel prints it: memblock_dump_all, or the early_res list. */
export interface AllocatorTable {
  kind: 'memblock' | 'early_res';
  lines: string[];
}

/**
 * The memory picture at the moment a model reserves the crashkernel: what the advisor needs to
 * say which bases would work without running the model once per base.
 */
export interface CrashProbe {
  /** Ranges someone holds at that moment, with who. */
  taken: { start: number; end: number; label: string; owner: string }[];
  /** Usable RAM the window must lie in. */
  ram: Range[];
  /** The window must lie inside one of these (a node's span, node 0 only, or all RAM). */
  spans: { start: number; end: number; label: string }[];
  /** True when the reservation refuses taken memory; false when it silently reserves twice. */
  checked: boolean;
  /** Bases must be multiples of this. */
  align: number;
  /** The kernel can place the window itself (crashkernel=SIZE without @). */
  automatic: boolean;
  /**
   * Blocks the boot must still find after the crashkernel, each in its span (NODE_DATA and the
   * bitmap of every node when the crashkernel is reserved before NUMA setup): a window that
   * leaves no room for one makes the kernel panic.
   */
  later?: { span: Range; size: number; align: number; label: string }[];
}

/** A model: one kernel generation's rules. */
export interface Model {
  id: string;
  /** Kernel version(s) it follows, e.g. "2.6.23". */
  kernel: string;
  title: string;
  run(scenario: Scenario, options?: RunOptions): Simulation;
}
