/**
 * Scenario inputs for the memblock generation (memblock-6.1) that the engine's first models did
 * not need: the firmware's SRAT blocks (a node may have several) and, under `kernel.memblock`,
 * the early requests a simulator cannot derive by itself — what size, alignment, limits and
 * node some kernel code asks memblock for (per-cpu areas, hash tables, ...), and which
 * fixed addresses it reserves (ACPI tables, the MP table, brk). The
 * model computes every placement; these inputs never say where an allocation lands.
 *
 * `simulate --from-log` fills them from a `memblock=debug` log (src-core/dmesg/from-log/).
 */
import { z } from '../base/zod';
import { hex, isPowerOfTwo } from '../base/addr';
import type { Range } from '../base/range';

/**
 * Where in the 6.1 boot an input happens; the model runs its own steps in between:
 * - `early`: after the e820 map is final, before e820__memblock_setup (MP table, brk);
 * - `setup`: after the direct map, before initmem_init (ACPI tables, initrd);
 * - `paging`: after reserve_crashkernel and sparse_init, before the zones are printed;
 * - `late`: after the zones, before mem_init (per-cpu areas, hash tables);
 * - `end`: in mem_init after the swiotlb buffer, before memblock_free_all;
 * - `after-free`: after memblock_free_all (memblock_free_late).
 */
export const EARLY_STAGES = ['early', 'setup', 'paging', 'late', 'end', 'after-free'] as const;
export type EarlyStage = (typeof EARLY_STAGES)[number];

/** The memblock allocation calls that print a request line under memblock=debug. */
export const ALLOC_FNS = [
  'memblock_phys_alloc_range',
  'memblock_alloc_try_nid',
  'memblock_alloc_try_nid_raw',
  'memblock_alloc_exact_nid_raw',
] as const;
export type AllocFn = (typeof ALLOC_FNS)[number];

/** A request to allocate: what was asked, never where it went. */
export interface AllocOp {
  stage: EarlyStage;
  op: 'alloc';
  fn: AllocFn;
  /** The kernel function that asked, as %pS prints it (`pcpu_fc_alloc+0xf2/0x148`). */
  caller: string;
  size: number;
  align: number;
  /** -1 = NUMA_NO_NODE. memblock_phys_alloc_range has no node. */
  nid: number;
  from: number;
  /** 0 = MEMBLOCK_ALLOC_ACCESSIBLE (up to memblock.current_limit). */
  max: number;
  /** Line in the log it came from, for people. */
  line?: number;
}

/** A fixed-address operation: memblock_reserve, memblock_phys_free, memblock_remove. */
export interface RangeOp extends Range {
  stage: EarlyStage;
  op: 'reserve' | 'free' | 'remove';
  fn: string;
  caller: string;
  line?: number;
}

export type EarlyOp = AllocOp | RangeOp;

export interface MemblockInputs {
  /** The requests and fixed-address operations, in boot order. */
  ops: EarlyOp[];
  /** real_mode_size_needed(): what reserve_real_mode asks below 1 MiB (build-dependent). */
  realModeSize?: number;
  /** Where reserve_bios_regions starts reserving up to 1 MiB (from the BIOS data area). */
  biosStart?: number;
  /** Other early_reserve_memory ranges (setup_data, iBFT, ...). */
  earlyReserves?: (Range & { label: string })[];
  /** num_possible_cpus(): the swiotlb area count follows it. */
  possibleCpus?: number;
  /** INIT_PGT_BUF_SIZE in pages: brk's buffer for the first page tables (16 on Debian's 6.1 with
   * CONFIG_X86_5LEVEL and CONFIG_RANDOMIZE_MEMORY; 6 with neither). */
  pgtBufPages?: number;
  /** The CPU has 1 GiB pages (X86_FEATURE_GBPAGES), so the direct map uses them. */
  gbPages?: boolean;
  /** 5-level paging is in use (LA57; a log's max_arch_pfn of 2^40 says so). */
  la57?: boolean;
}

/** One SRAT memory affinity entry (6.1 drivers/acpi/numa/srat.c); a node may have several. */
export interface SratBlock extends Range {
  node: number;
  /** The proximity domain the SRAT names (printed; the node number when absent). */
  pxm?: number;
  hotplug?: boolean;
}

/** Builds the zod schemas with the scenario's address parser (scenario.ts owns it). */
export function memblockSchemas(address: (what: string) => z.ZodMiniType<number>) {
  const stage = z.enum(EARLY_STAGES, {
    message: `stage must be one of ${EARLY_STAGES.join(', ')}`,
  });
  const int = (min: number, max?: number) =>
    max === undefined
      ? z.number().check(z.int(), z.gte(min))
      : z.number().check(z.int(), z.gte(min), z.lte(max));
  const line = z.optional(int(1));
  const alloc = z.object({
    stage,
    op: z.literal('alloc'),
    fn: z.enum(ALLOC_FNS, { message: `fn must be one of ${ALLOC_FNS.join(', ')}` }),
    caller: z.string().check(z.maxLength(200)),
    size: address('size').check(z.refine((v) => v > 0, 'size must not be 0')),
    align: address('align').check(
      z.refine(
        (v) => v === 0 || isPowerOfTwo(v),
        'align must be a power of two (or 0 for SMP_CACHE_BYTES)',
      ),
    ),
    nid: int(-1, 1023),
    from: address('from'),
    max: address('max_addr'),
    line,
  });
  const ranged = z
    .object({
      stage,
      op: z.enum(['reserve', 'free', 'remove']),
      fn: z.string().check(z.maxLength(100)),
      caller: z.string().check(z.maxLength(200)),
      start: address('start'),
      end: address('end'),
      line,
    })
    .check(z.refine((r) => r.end > r.start, { message: 'end must be above start', path: ['end'] }));
  const memblock = z.object({
    ops: z.array(z.discriminatedUnion('op', [alloc, ranged])).check(z.maxLength(100000)),
    realModeSize: z.optional(address('real-mode size')),
    biosStart: z.optional(address('BIOS region start')),
    earlyReserves: z.optional(
      z.array(z.object({ start: address('start'), end: address('end'), label: z.string() })),
    ),
    possibleCpus: z.optional(int(1, 8192)),
    pgtBufPages: z.optional(int(1, 64)),
    gbPages: z.optional(z.boolean()),
    la57: z.optional(z.boolean()),
  });
  const srat = z.array(
    z.object({
      node: int(0, 1023),
      pxm: z.optional(int(0)),
      start: address('start'),
      end: address('end'),
      hotplug: z.optional(z.boolean()),
    }),
  );
  return { memblock, srat };
}

/** Canonical JSON: addresses as lowercase hex. */
export function memblockInputsToJson(m: MemblockInputs): unknown {
  const opt = (v: number | undefined) => (v === undefined ? undefined : hex(v));
  return {
    ops: m.ops.map((o) =>
      o.op === 'alloc'
        ? { ...o, size: hex(o.size), align: hex(o.align), from: hex(o.from), max: hex(o.max) }
        : { ...o, start: hex(o.start), end: hex(o.end) },
    ),
    realModeSize: opt(m.realModeSize),
    biosStart: opt(m.biosStart),
    earlyReserves: m.earlyReserves?.map((r) => ({ ...r, start: hex(r.start), end: hex(r.end) })),
    possibleCpus: m.possibleCpus,
    pgtBufPages: m.pgtBufPages,
    gbPages: m.gbPages,
    la57: m.la57,
  };
}

export const sratToJson = (blocks: readonly SratBlock[]): unknown =>
  blocks.map((b) => ({ ...b, start: hex(b.start), end: hex(b.end) }));
