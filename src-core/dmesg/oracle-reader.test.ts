import { describe, expect, it } from 'vitest';
import { MAX_PHYS } from '../addr';
import { readOracleLog } from './oracle-reader';

const LOG = `SeaBIOS (version 1.16.2)
[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP
[    0.000000] Command line: console=ttyS0 mem=3G crashkernel=256M
[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable
[    0.000000] e820: remove [mem 0xc0000000-0xfffffffffffffffe] usable
[    0.000000] user: [mem 0x0000000000000000-0x000000000009fbff] usable
[    0.000000] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved
[    0.000000] memblock_reserve: [0x0000000004400000-0x0000000004410fff] setup_arch+0x797/0xd4f
[    0.000000] MEMBLOCK configuration:
[    0.000000]  memory size = 0x000000017ff7ec00 reserved size = 0x0000000003482000
[    0.000000]  memory.cnt  = 0x1
[    0.000000]  memory[0x0]	[0x0000000000001000-0x000000000009efff], 0x000000000009e000 bytes on node 1 flags: 0x0
[    0.000000]  reserved.cnt  = 0x1
[    0.000000]  reserved[0x0]	[0x0000000000000000-0x000000000000ffff], 0x0000000000010000 bytes flags: 0x4
[    0.000000] memblock_alloc_try_nid: 2688 bytes align=0x40 nid=0 from=0x00000001b8000000 max_addr=0x00000001c0000000 sparse_init_nid+0x8d/0x34d
[    0.000000] memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x50/0x89
[    0.000000] ACPI: SRAT: Node 1 PXM 3 [mem 0x100000000-0x23fffffff] hotplug
[    0.000000] NODE_DATA(0) allocated [mem 0x7ffb5000-0x7ffdffff]
[    0.000000] Reserving 256MB of low memory at 2800MB for crashkernel (low RAM limit: 4096MB)
[    0.000000] crashkernel reservation failed - memory is in use.
[    0.000000] Zone ranges:
[    0.000000]   DMA      [mem 0x0000000000001000-0x0000000000ffffff]
[    0.000000]   Normal   empty
[    0.000000] Movable zone start for each node
[    0.000000] Early memory node ranges
[    0.000000]   node   0: [mem 0x0000000000001000-0x000000000009efff]
[    0.000000] Initmem setup node 0 [mem 0x0000000000001000-0x000000000009efff]
[    0.000000] Memory: 207548K/523768K available
[    0.000000] Linux version 6.1.0-56-amd64 second boot
`;

describe('the temporary oracle-log reader', () => {
  const [boot, second] = readOracleLog(LOG);
  it('splits boots at "Linux version" and reads the 6.1 formats into ImportedBoot', () => {
    expect(second?.lines.start).toBe(30);
    expect(boot?.lines).toEqual({ start: 2, end: 30 });
    expect(boot?.complete).toBe(true);
    expect(boot?.kernel.version).toBe('6.1.0-56-amd64');
    expect(boot?.cmdline).toBe('console=ttyS0 mem=3G crashkernel=256M');
    expect(boot?.e820).toEqual([
      { start: 0, end: 0x9fc00, type: 1 },
      { start: 0x100000, end: 0xbffe0000, type: 1 },
    ]);
    expect(boot?.e820User).toEqual([{ start: 0, end: 0x9fc00, type: 1 }]);
    expect(boot?.zoneRanges).toEqual([{ zone: 'DMA', range: { start: 0x1000, end: 0x1000000 } }]);
    expect(boot?.nodeRanges).toEqual([{ node: 0, range: { start: 0x1000, end: 0x9f000 } }]);
    expect(boot?.memoryLine).toBe('Memory: 207548K/523768K available');
  });
  it('caps the 64-bit end mem= prints at the top of the physical address space', () => {
    expect(boot?.e820Edits[0]).toEqual({
      line: 6,
      op: 'remove',
      range: { start: 0xc0000000, end: MAX_PHYS },
      from: 'usable',
    });
    expect(boot?.e820Edits[1]).toMatchObject({ op: 'update', from: 'usable', to: 'reserved' });
  });
  it('reads memblock lines, dumps, SRAT, NODE_DATA and crashkernel outcomes', () => {
    expect(boot?.memblock.map((r) => [r.line, r.op, r.fn])).toEqual([
      [9, 'reserve', 'memblock_reserve'],
      [16, 'alloc', 'memblock_alloc_try_nid'],
      [17, 'alloc', 'memblock_phys_alloc_range'],
    ]);
    expect(boot?.memblock[1]).toMatchObject({
      size: 2688,
      align: 0x40,
      nid: 0,
      maxAddr: 0x1c0000000,
    });
    expect(boot?.memblock[2]?.nid).toBeUndefined();
    expect(boot?.memblockDumps).toEqual([
      {
        line: 10,
        memory: [{ range: { start: 0x1000, end: 0x9f000 }, node: 1, flags: 0 }],
        reserved: [{ range: { start: 0, end: 0x10000 }, flags: 4 }],
      },
    ]);
    expect(boot?.srat).toEqual([
      { line: 18, node: 1, pxm: 3, range: { start: 0x100000000, end: 0x240000000 }, hotplug: true },
    ]);
    expect(boot?.nodeData).toEqual([
      { line: 19, node: 0, range: { start: 0x7ffb5000, end: 0x7ffe0000 } },
    ]);
    expect(boot?.crashkernel.map((c) => [c.outcome, c.range, c.ramMB])).toEqual([
      ['reserved-low', { start: 2800 * 2 ** 20, end: 3056 * 2 ** 20 }, 4096],
      ['failed', undefined, undefined],
    ]);
  });
  it('finds nothing in text that is not a kernel log', () => {
    expect(readOracleLog('{"version": 1}\n')).toEqual([]);
  });
});
