/**
 * The early memblock requests of a 6.1 `memblock=debug` boot, taken from an ImportedBoot for
 * the memblock-6.1 model: what each kernel function asked for (size, alignment, limits, node)
 * and which fixed ranges it reserved or freed, each placed at its stage of setup_arch (see
 * input/scenario-6.1.ts).
 *
 * It never reads where an allocation landed: the `memblock_reserve` lines whose caller is
 * memblock_alloc_range_nid answer a request and are skipped, as are the NODE_DATA and dump
 * addresses. Requests the model derives itself are skipped too — the e820 memblock_add lines,
 * reserve_real_mode (only its size is kept), the first-MiB reservation, init_mem_mapping's
 * probe and page tables (alloc_low_pages), reserve_crashkernel, sparse_init and its vmemmap
 * pages, swiotlb (only its area count is kept), and the NUMA distance table
 * (numa_alloc_distance: the model sizes it from the SLIT's nodes, machine.slit, or from
 * numa=fake's fake nodes) — so that a model that gets those rules
 * wrong cannot be rescued by the log.
 */
import type { ImportedBoot, MemblockRecord } from '../types';
import type { AllocFn, EarlyOp, EarlyStage, MemblockInputs } from '../../input/scenario-6.1';
import { ALLOC_FNS } from '../../input/scenario-6.1';
import { buildFacts } from '../../kernel/rules';

const sym = (caller: string) => caller.replace(/\+0x.*$/, '');

/** Reservations that answer an allocation (or grow memblock's own arrays). */
const isAnswer = (r: MemblockRecord) =>
  r.op === 'reserve' && /^(memblock_alloc_range_nid|memblock_double_array)$/.test(sym(r.caller));

const SPARSE = /^(sparse|vmemmap|__earlyonly_bootmem_alloc|memmap_alloc)/;

export type RequestsResult =
  | { ok: true; inputs: Pick<MemblockInputs, 'ops' | 'realModeSize' | 'possibleCpus'> }
  | { ok: false; error: string };

function toOp(r: MemblockRecord, stage: EarlyStage): EarlyOp | null {
  const line = r.line;
  if (r.op === 'alloc') {
    if (!(ALLOC_FNS as readonly string[]).includes(r.fn) || r.size === undefined) return null;
    return {
      stage,
      op: 'alloc',
      fn: r.fn as AllocFn,
      caller: r.caller,
      size: r.size,
      align: r.align ?? 0,
      nid: r.nid ?? -1,
      from: r.from ?? 0,
      max: r.maxAddr ?? 0,
      line,
    };
  }
  if (!r.range || r.op === 'add') return null;
  return { stage, op: r.op, fn: r.fn, caller: r.caller, ...r.range, line };
}

/** Why a boot has no requests to extract: it printed no dump. */
export const NO_DUMP =
  'no "MEMBLOCK configuration:" dump: the log must come from a boot with memblock=debug';

/** The requests of one boot, staged. Needs the dumps memblock=debug prints. */
export function extractRequests(boot: ImportedBoot): RequestsResult {
  const dump1 = boot.memblockDumps[0]?.line;
  if (dump1 === undefined) return { ok: false, error: NO_DUMP };
  const numa =
    boot.memblockDumps[1]?.line ??
    boot.nodeData[0]?.line ??
    boot.srat[0]?.line ??
    boot.crashkernel[0]?.line ??
    Infinity;
  const recs = boot.memblock.filter((r) => !isAnswer(r) && r.op !== 'add');
  const swiotlbAt = recs.findIndex((r) => r.line > numa && /^swiotlb_init_remap/.test(r.caller));
  const lateEnd = swiotlbAt < 0 ? recs.length : swiotlbAt;
  const lastSparse = recs.reduce(
    (n, r, i) => (r.line > numa && i < lateEnd && SPARSE.test(r.caller) ? i : n),
    -1,
  );
  const ops: EarlyOp[] = [];
  let realModeSize: number | undefined;
  let possibleCpus: number | undefined;
  let firstMibSeen = false;
  let inCrash = true;
  recs.forEach((r, i) => {
    const caller = sym(r.caller);
    let stage: EarlyStage;
    if (r.line < dump1) {
      if (caller === 'e820__memblock_setup') return;
      stage = 'early';
    } else if (r.line < numa) {
      if (caller === 'reserve_real_mode') {
        realModeSize ??= r.size;
        return;
      }
      if (!firstMibSeen && r.op === 'reserve' && r.range?.start === 0 && r.range.end === 0x100000) {
        firstMibSeen = true;
        return;
      }
      if (caller === 'init_mem_mapping' || caller === 'alloc_low_pages') return;
      if (caller === 'numa_alloc_distance') return;
      stage = 'setup';
    } else {
      if (inCrash && /^(setup_arch|reserve_crashkernel)/.test(caller)) return;
      inCrash = false;
      if (SPARSE.test(caller)) return;
      if (caller === 'swiotlb_init_remap') {
        // One struct io_tlb_area per possible CPU; its size is the build's (kernel/rules.ts).
        if (r.op === 'alloc' && r.align === 0x40 && r.size)
          possibleCpus = r.size / buildFacts(boot.kernel.version ?? undefined).swiotlbAreaBytes;
        return;
      }
      if (r.fn === 'memblock_free_late') stage = 'after-free';
      else if (i > lateEnd) stage = 'end';
      else stage = i <= lastSparse ? 'paging' : 'late';
    }
    const op = toOp(r, stage);
    if (op) ops.push(op);
  });
  return {
    ok: true,
    inputs: {
      ops,
      ...(realModeSize === undefined ? {} : { realModeSize }),
      ...(possibleCpus === undefined ? {} : { possibleCpus }),
    },
  };
}
