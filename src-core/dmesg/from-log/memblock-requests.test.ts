import { describe, expect, it } from 'vitest';
import type { ImportedBoot, MemblockRecord } from '../types';
import { extractRequests } from './memblock-requests';

/** An ImportedBoot with only what extraction reads: memblock records, dumps and anchors. */
function boot(memblock: MemblockRecord[], dumps: number[]): ImportedBoot {
  return {
    lines: { start: 1, end: 1000 },
    complete: true,
    kernel: { version: '6.1.0', arch: null },
    cmdline: '',
    e820: [],
    e820User: null,
    e820Edits: [],
    srat: [],
    numaNodes: [],
    nodeData: [],
    zoneRanges: [],
    nodeRanges: [],
    memblock,
    memblockDumps: dumps.map((line) => ({ line, memory: [], reserved: [] })),
    crashkernel: [],
    memoryLine: null,
  };
}
const reserve = (line: number, caller: string, start: number, end: number): MemblockRecord => ({
  line,
  fn: 'memblock_reserve',
  op: 'reserve',
  caller,
  range: { start, end },
});
const alloc = (
  line: number,
  fn: string,
  caller: string,
  size: number,
  align = 0x40,
  nid?: number,
): MemblockRecord => ({
  line,
  fn,
  op: 'alloc',
  caller,
  size,
  align,
  from: 0,
  maxAddr: 0,
  ...(nid === undefined ? {} : { nid }),
});
const ANSWER = 'memblock_alloc_range_nid+0xb0/0x13d';

const LOG = boot(
  [
    reserve(10, 'smp_scan_config+0xa7/0xff', 0xf5ba0, 0xf5bb0),
    reserve(11, 'setup_arch+0x797/0xd4f', 0x4400000, 0x4411000),
    {
      line: 12,
      fn: 'memblock_add',
      op: 'add',
      caller: 'e820__memblock_setup+0x65/0x7d',
      range: { start: 0x1000, end: 0x9fc00 },
    },
    alloc(21, 'memblock_phys_alloc_range', 'reserve_real_mode+0x50/0x89', 28672, 0x1000),
    reserve(22, ANSWER, 0x98000, 0x9f000),
    reserve(23, 'setup_arch+0x7e0/0xd4f', 0, 0x100000),
    alloc(24, 'memblock_phys_alloc_range', 'init_mem_mapping+0x1ee/0x31f', 0x200000, 0x200000),
    reserve(25, ANSWER, 0x7fe00000, 0x80000000),
    {
      line: 26,
      fn: 'memblock_phys_free',
      op: 'free',
      caller: 'init_mem_mapping+0x22e/0x31f',
      range: { start: 0x7fe00000, end: 0x80000000 },
    },
    alloc(27, 'memblock_phys_alloc_range', 'alloc_low_pages+0x137/0x160', 4096, 0x1000),
    reserve(28, 'acpi_reserve_initial_tables+0x51/0x61', 0x7ffe0000, 0x7ffe0040),
    reserve(40, ANSWER, 0x7ffb5000, 0x7ffe0000),
    alloc(51, 'memblock_phys_alloc_range', 'setup_arch+0xa7f/0xd4f', 0x10000000, 0x1000000),
    reserve(52, ANSWER, 0x6f000000, 0x7f000000),
    alloc(53, 'memblock_alloc_try_nid', 'sparse_init+0x9f/0x23c', 32768, 0x40, -1),
    alloc(54, 'memblock_alloc_try_nid', 'cma_declare_contiguous_nid+0x1/0x2', 4096, 0x1000, 0),
    alloc(
      55,
      'memblock_alloc_exact_nid_raw',
      'sparse_init_nid+0x11f/0x34d',
      0x2000000,
      0x200000,
      0,
    ),
    alloc(57, 'memblock_alloc_try_nid', 'pcpu_embed_first_chunk+0x69/0x70f', 4096, 0x40, -1),
    alloc(60, 'memblock_alloc_try_nid', 'swiotlb_init_remap+0x8a/0x22d', 0x4000000, 0x1000, -1),
    alloc(62, 'memblock_alloc_try_nid', 'swiotlb_init_remap+0x1a8/0x22d', 32, 0x40, -1),
    alloc(64, 'memblock_alloc_try_nid', 'late_thing+0x1/0x2', 64, 0x40, -1),
    {
      line: 70,
      fn: 'memblock_free_late',
      op: 'free',
      caller: 'efi_free+0x1/0x2',
      range: { start: 0x1000, end: 0x2000 },
    },
  ],
  [20, 50],
);

describe('extractRequests: what a log asks memblock for, never where it went', () => {
  const r = extractRequests(LOG);
  it("keeps the requests the model cannot derive (not sparse_init's), each at its stage", () => {
    if (!r.ok) throw new Error(r.error);
    expect(r.inputs.ops.map((o) => [o.line, o.op, o.stage])).toEqual([
      [10, 'reserve', 'early'],
      [11, 'reserve', 'early'],
      [28, 'reserve', 'setup'],
      [54, 'alloc', 'paging'],
      [57, 'alloc', 'late'],
      [64, 'alloc', 'end'],
      [70, 'free', 'after-free'],
    ]);
  });
  it('keeps only the sizes of the derived requests it needs: the trampoline and the swiotlb areas', () => {
    if (!r.ok) throw new Error(r.error);
    expect(r.inputs.realModeSize).toBe(28672);
    expect(r.inputs.possibleCpus).toBe(2);
  });
  it('never reads an answer: the same ops without any answering line', () => {
    const stripped = { ...LOG, memblock: LOG.memblock.filter((m) => m.caller !== ANSWER) };
    expect(extractRequests(stripped)).toEqual(r);
  });
  it('needs the dumps memblock=debug prints', () => {
    expect(extractRequests(boot([], []))).toEqual({
      ok: false,
      error: 'no "MEMBLOCK configuration:" dump: the log must come from a boot with memblock=debug',
    });
  });
});
