/**
 * The capture kernel as a scenario of its own: the crashed machine's firmware tables (e820 as
 * kexec passes it, the same SRAT), the image where kexec loaded it, the capture command line,
 * and the early memblock requests of the same kernel binary adapted to its new memory.
 *
 * A 6.1 scenario's requests (kernel.memblock.ops) come from a real boot of that kernel; when the
 * crashed kernel's scenario has none, the requests of Debian's 6.1 booting under QEMU (preset
 * qemu-6.1-4g) stand in. What depends on the memory the kernel has is recomputed:
 * - fixed reservations inside the old image (brk) move with the image;
 * - alloc_large_system_hash's dentry and inode tables (v6.1 fs/dcache.c dcache_init_early,
 *   fs/inode.c inode_init_early) come from memblock only when one node has memory
 *   (fixup_hashdist, v6.1 mm/page_alloc.c) and are sized from nr_kernel_pages;
 * - memblock_phys_free of a part of an earlier allocation (pcpu_embed_first_chunk) frees the
 *   same part of that allocation where the capture kernel made it (see replayFrees).
 */
import { PAGE_SIZE } from '../../base/addr';
import { hasParam, lastParam, parseCmdline } from '../../input/cmdline';
import { E820_RAM } from '../../input/e820';
import { setIntersect, setLength, normalize, type Range } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import type { AllocOp, EarlyOp, RangeOp } from '../../input/scenario-6.1';
import { eachRequest, type Simulation } from '../../output/simulation';
import { regionsAt } from '../../output/events';
import type { CaptureLayout } from './layout';

/** _end − __end_of_kernel_reserve (brk's unused tail) of Debian's 6.1: moves with the image. */
const IMAGE_TAIL = 0x30000;
const HASH_CALLER = 'alloc_large_system_hash+0x15a/0x27c';

/** roundup_pow_of_two. */
const pow2 = (x: number) => 2 ** Math.ceil(Math.log2(Math.max(1, x)));

/**
 * alloc_large_system_hash's size for a table of 8-byte buckets, one per 2^scale bytes of
 * nr_kernel_pages (rounded up to a MiB first), rounded up to a power of two.
 */
export function hashTableBytes(kernelPages: number, scale: number): number {
  const pages = Math.ceil(kernelPages / 256) * 256;
  return pow2(Math.floor(pages / 2 ** (scale - 12))) * 8;
}

/** nr_kernel_pages: present pages less their struct pages (calc_memmap_size), per RAM range. */
export function kernelPages(ram: readonly Range[]): number {
  let n = 0;
  for (const r of ram) {
    const present = Math.floor((r.end - r.start) / PAGE_SIZE);
    n += present - Math.ceil((present * 64) / PAGE_SIZE);
  }
  return n;
}

/** The RAM the capture kernel has: its e820 usable entries, cut by exactmap when given. */
export function captureRam(layout: CaptureLayout): Range[] {
  if (layout.loader === 'kexec_file_load')
    return normalize(layout.e820.filter((e) => e.type === E820_RAM));
  const out: Range[] = [];
  for (const m of layout.args.matchAll(/memmap=(\d+)K@(\d+)K/g)) {
    const start = Number(m[2]) * 1024;
    out.push({ start, end: start + Number(m[1]) * 1024 });
  }
  return normalize(out);
}

/** Nodes of the SRAT that hold some of the capture kernel's RAM. */
function nodesWithMemory(s: Scenario, ram: readonly Range[]): number {
  const blocks = s.machine.srat ?? s.machine.nodes;
  if (blocks.length === 0) return 1;
  const ids = new Set<number>();
  for (const b of blocks)
    if (setLength(setIntersect(normalize([b]), normalize(ram))) > 0) ids.add(b.node);
  return Math.max(1, ids.size);
}

export interface CaptureScenarioInput {
  first: Simulation;
  /** Early requests to use when the crashed kernel's scenario has none. */
  template: readonly EarlyOp[];
  layout: CaptureLayout;
  cmdline: string;
  /** Possible CPUs of the crashed kernel, when its scenario does not say (a log's nr_cpu_ids). */
  cpus?: number;
  /** Pages per CPU of the first per-CPU chunk (`percpu: Embedded N pages/cpu`). */
  percpuPages?: number;
}

/** Debian 6.1's first chunk: s217088 r8192 d28672 = 62 pages per CPU (oracle logs). */
const PERCPU_PAGES_6_1 = 62;

/** The capture scenario, with every free of a part of an allocation still to be placed. */
export function captureScenario(input: CaptureScenarioInput): {
  scenario: Scenario;
  frees: PendingFree[];
} {
  const { first, layout } = input;
  const s = first.scenario;
  const delta = layout.kernel.start - s.kernel.text;
  const image = { start: s.kernel.text, end: s.kernel.end + IMAGE_TAIL };
  const own = s.kernel.memblock?.ops ?? [];
  const ops0: readonly EarlyOp[] = own.length ? own : input.template;
  const ram = captureRam(layout);
  const frees: PendingFree[] = [];
  const ops: EarlyOp[] = [];
  // setup_command_line copies the command line twice: strlen + 1 bytes each (v6.1 init/main.c).
  const cmdBytes = s.cmdline.length + 1;
  // Allocations by caller so far: a free can only undo one of those, never a later one that
  // reuses its pages.
  const seen = new Map<string, number>();
  let made: Map<string, Made[]> | undefined;
  for (const op of ops0) {
    if (op.op === 'alloc') seen.set(op.caller, (seen.get(op.caller) ?? 0) + 1);
    if (op.op === 'alloc') {
      if (op.caller.startsWith('alloc_large_system_hash')) continue;
      const copy = op.caller.startsWith('start_kernel') && op.size === cmdBytes;
      ops.push(copy ? { ...op, size: input.cmdline.length + 1 } : op);
      continue;
    }
    if (op.start >= image.start && op.end <= image.end) {
      ops.push({ ...op, start: op.start + delta, end: op.end + delta });
      continue;
    }
    if (op.op === 'free') {
      made ??= allocationsByCaller(first, ops0);
      const p = pendingFree(made, op, seen);
      if (p) frees.push({ ...p, index: ops.length });
      continue;
    }
    ops.push(op);
  }
  const params = parseCmdline(input.cmdline);
  if (hasParam(params, 'numa', 'off') || nodesWithMemory(s, ram) === 1) {
    // e820_add_kernel_range makes the image RAM wherever it sits (QEMU leaves it at 16 MiB).
    const image = { start: layout.kernel.start, end: layout.kernel.end + IMAGE_TAIL };
    const pages = kernelPages(normalize([...ram, image]));
    const at = ops.findIndex((o) => o.stage === 'late' && o.caller.startsWith('spp_getpage'));
    const hash = (scale: number): AllocOp => ({
      stage: 'late',
      op: 'alloc',
      fn: 'memblock_alloc_try_nid',
      caller: HASH_CALLER,
      size: hashTableBytes(pages, scale),
      align: 64,
      nid: -1,
      from: 0,
      max: 0,
    });
    const where = at < 0 ? lastLate(ops) : at;
    ops.splice(where, 0, hash(13), hash(14));
    for (const f of frees) if (f.index >= where) f.index += 2;
  }
  const nrCpus = Number(lastParam(params, 'nr_cpus')?.value ?? NaN);
  const given = s.kernel.memblock?.possibleCpus ?? 1;
  const possible = Math.max(given, input.cpus ?? 1);
  const cpus = Number.isInteger(nrCpus) && nrCpus > 0 ? Math.min(nrCpus, possible) : possible;
  // The requests are those of `given` CPUs; pcpu_embed_first_chunk keeps one unit's used part
  // per possible CPU and frees the rest (v6.1 mm/percpu.c), so more CPUs take that much more.
  if (cpus > given) {
    const at = lastIndexOf(ops, (o) => o.caller.startsWith('pcpu_'));
    if (at >= 0)
      ops.splice(at + 1, 0, {
        stage: 'late',
        op: 'alloc',
        fn: 'memblock_alloc_try_nid',
        caller: 'pcpu_fc_alloc+0xf2/0x148',
        size: (cpus - given) * (input.percpuPages ?? PERCPU_PAGES_6_1) * PAGE_SIZE,
        align: PAGE_SIZE,
        nid: -1,
        from: 0,
        max: 0,
      });
    if (at >= 0) for (const f of frees) if (f.index > at) f.index += 1;
  }
  const scenario: Scenario = {
    ...s,
    // The first run's scenario already carries that model's image (as61): keep it that way.
    model: first.model,
    name: `${s.name}-capture`,
    title: `capture kernel of ${s.name}`,
    machine: { ...s.machine, e820: layout.e820.map((e) => ({ ...e })) },
    kernel: {
      ...s.kernel,
      text: layout.kernel.start,
      end: layout.kernel.end,
      initrd: layout.initrd,
      memblock: {
        ...(s.kernel.memblock ?? {}),
        ops,
        possibleCpus:
          Number.isInteger(nrCpus) && nrCpus > 0 ? Math.min(nrCpus, possible) : possible,
      },
    },
    cmdline: input.cmdline,
  };
  return { scenario, frees };
}

function lastIndexOf(ops: readonly EarlyOp[], pred: (o: EarlyOp) => boolean): number {
  for (let i = ops.length - 1; i >= 0; i--) if (pred(ops[i] as EarlyOp)) return i;
  return -1;
}

function lastLate(ops: readonly EarlyOp[]): number {
  let i = ops.length;
  while (i > 0 && (ops[i - 1] as EarlyOp).stage !== 'late') i--;
  return i;
}

/** A free of part of an earlier allocation: which one (by caller and ordinal) and where in it. */
export interface PendingFree {
  op: RangeOp;
  caller: string;
  ordinal: number;
  offset: number;
  /** Where it goes in the capture scenario's op list. */
  index: number;
}

/** An allocation the crashed kernel made, with its ordinal among its caller's and its place. */
interface Made {
  start: number;
  size: number;
  ordinal: number;
  index: number;
}

/**
 * The allocations a free may undo, by caller: for each caller of the ops, its first allocations
 * (as many as it has alloc ops), in order. Gathered once: a 64 TiB machine makes some 70,000
 * allocations (page tables mostly, which no free names), and each free used to go through all.
 */
function allocationsByCaller(first: Simulation, ops: readonly EarlyOp[]): Map<string, Made[]> {
  const limit = new Map<string, number>();
  for (const op of ops)
    if (op.op === 'alloc') limit.set(op.caller, (limit.get(op.caller) ?? 0) + 1);
  const out = new Map<string, Made[]>();
  // A record may stand for a run of requests: `index` counts requests, not records.
  let index = 0;
  for (const run of first.allocations ?? []) {
    const at = index;
    index += run.count;
    const max = limit.get(run.caller);
    if (run.start === null || max === undefined) continue;
    const list = out.get(run.caller) ?? [];
    if (list.length === 0) out.set(run.caller, list);
    const wanted = { ...run, count: Math.min(run.count, max - list.length) };
    eachRequest([wanted]).forEach((a, i) => {
      if (a.start !== null)
        list.push({ start: a.start, size: a.size, ordinal: list.length, index: at + i });
    });
  }
  return out;
}

/**
 * The allocation a free undoes: the latest made one that holds it, among each caller's first
 * `seen` (the allocations so far, not a later one that reuses their pages).
 */
function pendingFree(
  made: ReadonlyMap<string, readonly Made[]>,
  op: RangeOp,
  seen: ReadonlyMap<string, number>,
): Omit<PendingFree, 'index'> | null {
  let best: (Made & { caller: string }) | null = null;
  for (const [caller, n] of seen) {
    const list = made.get(caller) ?? [];
    for (let i = 0; i < Math.min(n, list.length); i++) {
      const a = list[i] as Made;
      if (op.start >= a.start && op.end <= a.start + a.size && (!best || a.index > best.index))
        best = { ...a, caller };
    }
  }
  return best && { op, caller: best.caller, ordinal: best.ordinal, offset: op.start - best.start };
}

/**
 * Put the frees back, each at the same offset inside the capture kernel's allocation by the same
 * caller with the same ordinal (found by a run without them: a free only changes what comes
 * after it).
 */
export function replayFrees(s: Scenario, frees: readonly PendingFree[], run: Simulation): Scenario {
  // e820__reserve_resources allocates one struct resource (64 bytes) per entry of the final
  // e820 table (v6.1 arch/x86/kernel/e820.c): the capture kernel's table, known after a run.
  const entries = regionsAt(run.regions, run.events.length - 1)
    .filter((r) => r.lane === 'e820')
    .sort((a, b) => a.start - b.start);
  const ops = (s.kernel.memblock?.ops ?? []).map((o) =>
    o.op === 'alloc' && o.caller.startsWith('e820__reserve_resources') && entries.length
      ? { ...o, size: entries.length * 64 }
      : o,
  );
  for (const f of [...frees].sort((a, b) => b.index - a.index)) {
    const same = eachRequest(
      (run.allocations ?? []).filter((a) => a.caller === f.caller && a.start !== null),
    );
    const a = same[f.ordinal];
    if (!a || a.start === null) continue;
    const start = a.start + f.offset;
    ops.splice(f.index, 0, { ...f.op, start, end: start + (f.op.end - f.op.start) });
  }
  if (entries.length) setCount(ops, 'register_nosave_region', nosaveRegions(entries));
  return {
    ...s,
    kernel: { ...s.kernel, memblock: { ...(s.kernel.memblock ?? { ops: [] }), ops } },
  };
}

/**
 * e820__register_nosave_regions (v6.1 arch/x86/kernel/e820.c): one struct nosave_region
 * (memblock, 32 bytes) per run of pages that are not RAM below the last entry (holes and
 * non-RAM entries; adjacent ones merge in register_nosave_region).
 */
function nosaveRegions(
  entries: readonly { start: number; end: number; e820Type?: number }[],
): number {
  let n = 0;
  let pfn = 0;
  let lastEnd = -1;
  const add = (a: number, b: number) => {
    if (b <= a) return;
    if (a !== lastEnd) n++;
    lastEnd = b;
  };
  for (const e of entries) {
    const up = Math.ceil(e.start / PAGE_SIZE);
    if (pfn < up) add(pfn, up);
    pfn = Math.floor(e.end / PAGE_SIZE);
    if (e.e820Type !== E820_RAM) add(up, pfn);
  }
  return n;
}

/** Make the run of `caller`'s requests `count` long (copies of the first one). */
function setCount(ops: EarlyOp[], caller: string, count: number): void {
  const first = ops.findIndex((o) => o.caller.startsWith(caller));
  if (first < 0) return;
  let n = 0;
  while (ops[first + n]?.caller.startsWith(caller)) n++;
  const proto = ops[first] as EarlyOp;
  ops.splice(first, n, ...Array.from({ length: count }, () => ({ ...proto })));
}

/**
 * Run the capture scenario with its frees placed: each run places the frees after the
 * allocations of the run before, until nothing moves (a free can move the allocations after it,
 * so frees of those are placed again; two or three runs).
 */
export function runWithFrees(
  made: { scenario: Scenario; frees: readonly PendingFree[] },
  run: (s: Scenario) => Simulation,
): { scenario: Scenario; sim: Simulation } {
  let sim = run(made.scenario);
  let scenario = made.scenario;
  let key = '';
  for (let i = 0; i < 4; i++) {
    scenario = replayFrees(made.scenario, made.frees, sim);
    const now = JSON.stringify(scenario.kernel.memblock?.ops ?? []);
    if (now === key) break;
    key = now;
    sim = run(scenario);
  }
  return { scenario, sim };
}
