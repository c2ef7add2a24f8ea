import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { parseNumaFake } from '../../input/numa';
import { emulateNodes, FAKE_NODE_MIN_SIZE } from './numa-emulation';

/** memblock.memory of QEMU's pc machine with 4 GiB: low RAM, RAM to 3 GiB - 128 KiB, 1 GiB above 4. */
const QEMU_4G = [
  { base: 0x1000, size: 0x9e000, nid: 0, flags: 0 },
  { base: 0x100000, size: 0xbffe0000 - 0x100000, nid: 0, flags: 0 },
  { base: 0x100000000, size: GiB, nid: 0, flags: 0 },
];
const MAX_PFN = 0x140000;
const ONE_NODE = [{ start: 0, end: 0x140000000, nid: 0 }];

describe('numa=fake', () => {
  it('reads the three forms as numa_emulation does: U first, then M or G, else a count', () => {
    expect(parseNumaFake('2')).toEqual({ form: 'nodes', n: 2 });
    expect(parseNumaFake('0x10')).toEqual({ form: 'nodes', n: 16 });
    expect(parseNumaFake('768M')).toEqual({ form: 'size', size: 768 * MiB });
    expect(parseNumaFake('1G')).toEqual({ form: 'size', size: GiB });
    expect(parseNumaFake('2U')).toEqual({ form: 'uniform', n: 2 });
    expect(parseNumaFake('x')).toEqual({ form: 'nodes', n: 0 });
  });

  it('N nodes get equal present memory: the hole below 4 GiB makes node 1 span 3 GiB', () => {
    // The boot of fixtures/oracle/m4G-numafake2-ck256M.log printed these two lines.
    const emu = emulateNodes(ONE_NODE, QEMU_4G, MAX_PFN, parseNumaFake('2'));
    expect(emu.lines).toEqual([
      'Faking node 0 at [mem 0x0000000000000000-0x000000007fffffff] (2048MB)',
      'Faking node 1 at [mem 0x0000000080000000-0x000000013fffffff] (3072MB)',
    ]);
    expect(emu.blocks).toEqual([
      { start: 0, end: 2 * GiB, nid: 0 },
      { start: 2 * GiB, end: 5 * GiB, nid: 1 },
    ]);
    expect(emu.maxNid).toBe(1);
  });

  it('every fake node is a multiple of 32 MiB except where a physical node ends', () => {
    const emu = emulateNodes(ONE_NODE, QEMU_4G, MAX_PFN, parseNumaFake('5'));
    const blocks = emu.blocks ?? [];
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks.slice(0, -1)) expect((b.end - b.start) % FAKE_NODE_MIN_SIZE).toBe(0);
    expect(blocks.at(-1)?.end).toBe(5 * GiB);
    // The blocks tile [0, max_pfn) without gaps or overlaps.
    blocks.forEach((b, i) => expect(b.start).toBe(i === 0 ? 0 : blocks[i - 1]?.end));
  });

  it('refuses what the kernel refuses, keeping the physical nodes', () => {
    expect(emulateNodes(ONE_NODE, QEMU_4G, MAX_PFN, parseNumaFake('0')).blocks).toBeNull();
    const tooMany = emulateNodes(ONE_NODE, QEMU_4G, MAX_PFN, { form: 'nodes', n: 4096 });
    expect(tooMany.blocks).toBeNull();
    expect(tooMany.lines[0]).toBe('numa=fake=4096 too large, reducing to 1024');
    expect(tooMany.lines.at(-1)).toBe('Not enough memory for each node.  NUMA emulation disabled.');
  });

  it('a size smaller than RAM / MAX_NUMNODES is raised, and the uniform form splits each node', () => {
    const small = emulateNodes(ONE_NODE, QEMU_4G, MAX_PFN, parseNumaFake('1M'));
    expect(small.lines[0]).toBe('Fake node size 1MB too small, increasing to 32MB');
    const two = [
      { start: 0, end: 2 * GiB, nid: 0 },
      { start: 2 * GiB, end: 5 * GiB, nid: 1 },
    ];
    const memory = QEMU_4G.map((m) => ({ ...m, nid: m.base < 2 * GiB ? 0 : 1 }));
    const uni = emulateNodes(two, memory, MAX_PFN, parseNumaFake('2U'));
    expect(uni.blocks?.map((b) => b.nid)).toEqual([0, 1, 2, 3]);
    expect(uni.blocks?.[0]).toEqual({ start: 0, end: GiB, nid: 0 });
  });
});
