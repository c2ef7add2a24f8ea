/** How the observed timeline draws what the log says, lane by lane. */
import { describe, expect, it } from 'vitest';
import type { Region } from '../output/events';
import { regionsAt } from '../output/events';
import { importLog, type ImportOk } from './import-log';
import { syntheticMemblockLog } from './synthetic-log';

const stamp = (s: string) => `[    0.000000] ${s}`;

function observe(lines: string[]): ImportOk {
  const r = importLog(lines.map(stamp).join('\n'));
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** The regions alive on a lane after the last step, as `start-end label`. */
function lane(r: ImportOk, name: Region['lane']): string[] {
  const last = r.observed.events.length - 1;
  return regionsAt(r.observed.regions, last)
    .filter((g) => g.lane === name)
    .sort((a, b) => a.start - b.start)
    .map((g) => `${g.start.toString(16)}-${g.end.toString(16)} ${g.label}`);
}

const E820 = [
  'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
  'BIOS-e820: [mem 0x0000000000100000-0x000000003fffffff] usable',
];

describe('the e820 lane', () => {
  it('edits cut the entries they touch; a user map replaces the firmware map', () => {
    const r = observe([
      ...E820,
      'e820: update [mem 0x00000000-0x00000fff] usable ==> reserved',
      'user-defined physical RAM map:',
      'user: [mem 0x0000000000000000-0x000000001fffffff] usable',
    ]);
    expect(lane(r, 'e820')).toEqual(['0-20000000 user: usable']);
    const before = regionsAt(r.observed.regions, 2)
      .filter((g) => g.lane === 'e820')
      .map((g) => `${g.start.toString(16)}-${g.end.toString(16)} ${g.e820Type}`);
    expect(before.sort()).toEqual(['0-1000 2', '1000-9fc00 1', '100000-40000000 1']);
  });
});

describe('the reserved lane', () => {
  it('an allocation request names the reservation that answers it; NODE_DATA relabels it', () => {
    const r = observe([
      ...E820,
      'memblock_alloc_try_nid: 32768 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init+0x9f/0x23c',
      'memblock_reserve: [0x000000003fff0000-0x000000003fff7fff] memblock_alloc_range_nid+0xb0/0x13d',
      'memblock_reserve: [0x000000003ffd5000-0x000000003ffdffff] memblock_alloc_range_nid+0xb0/0x13d',
      'NODE_DATA(0) allocated [mem 0x3ffd5000-0x3ffdffff]',
    ]);
    const regions = r.observed.regions.filter((g) => g.lane === 'reserved');
    expect(regions.map((g) => [g.label, g.owner, g.alloc ?? false])).toEqual([
      ['sparse_init (32 KiB)', 'sparse', true],
      ['NODE_DATA(0)', 'node-data', false],
    ]);
    const nodeData = r.observed.events[r.observed.events.length - 1];
    expect(nodeData?.regions).toEqual([regions[1]?.id]);
    expect(
      r.observed.events.find((e) => e.kind === 'memblock' && e.fn === 'memblock_alloc_try_nid')
        ?.explain,
    ).toMatch(/^sparse_init asks memblock for 32768 bytes aligned to 0x40/);
  });

  it('a free cuts what it frees, leaving the rest', () => {
    const r = observe([
      ...E820,
      'memblock_reserve: [0x0000000001000000-0x0000000001ffffff] setup_arch+0x1/0x2',
      'memblock_phys_free: [0x0000000001400000-0x00000000017fffff] foo+0x1/0x2',
    ]);
    expect(lane(r, 'reserved')).toEqual([
      '1000000-1400000 reserved by setup_arch',
      '1800000-2000000 reserved by setup_arch',
    ]);
  });

  it('the same range named twice is drawn once', () => {
    const r = observe([
      ...E820,
      'ACPI: Reserving FACP table memory at [mem 0x3ffe19eb-0x3ffe1a5e]',
      'memblock_reserve: [0x000000003ffe19eb-0x000000003ffe1a5e] acpi_reserve_initial_tables+0x51/0x61',
    ]);
    expect(lane(r, 'reserved')).toEqual(['3ffe19eb-3ffe1a5f ACPI table']);
  });
});

describe('the memory, node and zone lanes', () => {
  it('a MEMBLOCK dump and the early node ranges each restate memory; SRAT merges replace their parts', () => {
    const r = observe([
      ...E820,
      'memblock_add: [0x0000000000001000-0x000000000009efff] e820__memblock_setup+0x65/0x7d',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]',
      'ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x3fffffff]',
      'NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-0x3fffffff] -> [mem 0x00000000-0x3fffffff]',
      'Zone ranges:',
      '  DMA      [mem 0x0000000000001000-0x0000000000ffffff]',
      '  DMA32    [mem 0x0000000001000000-0x000000003fffffff]',
      'Early memory node ranges',
      '  node   0: [mem 0x0000000000001000-0x000000000009efff]',
      '  node   0: [mem 0x0000000000100000-0x000000003fffffff]',
    ]);
    expect(lane(r, 'node')).toEqual(['0-40000000 node 0 merged']);
    expect(lane(r, 'zone')).toEqual(['1000-1000000 DMA', '1000000-40000000 DMA32']);
    expect(lane(r, 'memory')).toEqual([
      '1000-9f000 node 0 memory',
      '100000-40000000 node 0 memory',
    ]);
    expect(r.observed.zones).toEqual([
      { node: 0, zone: 'DMA', start: 0x1000, end: 0x1000000 },
      { node: 0, zone: 'DMA32', start: 0x1000000, end: 0x40000000 },
    ]);
  });
});

describe('phases follow the boot', () => {
  it('steps of one kind share the phase the boot has reached', () => {
    const r = observe([
      ...E820,
      'init_memory_mapping: [mem 0x00000000-0x000fffff]',
      'memblock_reserve: [0x0000000000098000-0x000000000009efff] foo+0x1/0x2',
      'Faking a node at [mem 0x0000000000000000-0x000000003fffffff]',
      'Reserving 64MB of memory at 512MB for crashkernel (System RAM: 1023MB)',
      'Zone ranges:',
      'Memory: 1K/2K available (1K kernel code)',
    ]);
    expect(r.observed.events.map((e) => e.phase)).toEqual([
      'firmware',
      'firmware',
      'direct-map',
      'direct-map',
      'numa',
      'crashkernel',
      'zones',
      'retire',
    ]);
  });
});

describe('a synthetic memblock=debug log', () => {
  it('imports with a step per memblock line', () => {
    const r = importLog(syntheticMemblockLog(3000));
    if (!r.ok) throw new Error(r.error);
    expect(r.boot.memblock.length).toBeGreaterThan(2800);
    expect(r.observed.events.filter((e) => e.kind === 'memblock')).toHaveLength(
      r.boot.memblock.length,
    );
    expect(r.unrecognized).toEqual([]);
  });
});
