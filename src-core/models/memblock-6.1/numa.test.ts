import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { MAX_NUMNODES, type MemblockRegion } from '../../allocators/memblock/memblock';
import { cleanupMeminfo } from './numa';

const mem = (base: number, end: number): MemblockRegion => ({
  base,
  size: end - base,
  nid: MAX_NUMNODES,
  flags: 0,
});
/** memblock.memory of the 16 GiB two-node QEMU guest. */
const MEMORY_16G = [mem(0x1000, 0x9f000), mem(0x100000, 0xbffe0000), mem(4 * GiB, 17 * GiB)];
const MAX_PFN_16G = (17 * GiB) / 4096;

describe('numa_cleanup_meminfo (v6.1 arch/x86/mm/numa.c)', () => {
  it("joins a node's blocks when no other node lies between them, printing each join", () => {
    const r = cleanupMeminfo(
      [
        { nid: 0, start: 0, end: 0xa0000 },
        { nid: 0, start: MiB, end: 3 * GiB },
        { nid: 0, start: 4 * GiB, end: 9 * GiB },
        { nid: 1, start: 9 * GiB, end: 17 * GiB },
      ],
      MEMORY_16G,
      MAX_PFN_16G,
    );
    expect(r.lines).toEqual([
      'NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-0xbfffffff] -> [mem 0x00000000-0xbfffffff]',
      'NUMA: Node 0 [mem 0x00000000-0xbfffffff] + [mem 0x100000000-0x23fffffff] -> [mem 0x00000000-0x23fffffff]',
    ]);
    expect(r.blocks).toEqual([
      { nid: 0, start: 0, end: 9 * GiB },
      { nid: 1, start: 9 * GiB, end: 17 * GiB },
    ]);
  });
  it('keeps blocks apart when another node lies in between', () => {
    const r = cleanupMeminfo(
      [
        { nid: 0, start: 0, end: 2 * GiB },
        { nid: 1, start: 2 * GiB, end: 3 * GiB },
        { nid: 0, start: 4 * GiB, end: 5 * GiB },
      ],
      [mem(0x1000, 3 * GiB), mem(4 * GiB, 5 * GiB)],
      (5 * GiB) / 4096,
    );
    expect(r.lines).toEqual([]);
    expect(r.blocks).toHaveLength(3);
  });
  it('drops blocks without memory and cuts blocks at max_pfn', () => {
    const r = cleanupMeminfo(
      [
        { nid: 0, start: 0, end: 20 * GiB },
        { nid: 1, start: 64 * GiB, end: 65 * GiB },
      ],
      MEMORY_16G,
      MAX_PFN_16G,
    );
    expect(r.blocks).toEqual([{ nid: 0, start: 0, end: 17 * GiB }]);
  });
  it('refuses nodes that overlap each other', () => {
    const r = cleanupMeminfo(
      [
        { nid: 0, start: 0, end: 10 * GiB },
        { nid: 1, start: 9 * GiB, end: 17 * GiB },
      ],
      MEMORY_16G,
      MAX_PFN_16G,
    );
    expect(r.error).toBe(
      'node 0 [mem 0x00000000-0x27fffffff] overlaps with node 1 [mem 0x240000000-0x43fffffff]',
    );
  });
});
