import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { toDocument } from '../../output/document';
import { E820_RAM, E820_RESERVED, type E820Entry } from '../../input/e820';
import { preset } from '../../features/presets';
import { setIntersect } from '../../base/range';
import { SCENARIO_VERSION, type Scenario } from '../../input/scenario';
import type { EarlyOp } from '../../input/scenario-6.1';
import { eachRequest } from '../../output/simulation';
import { runMemblock61 } from './model';

/** The e820 map QEMU's pc machine gives a guest (see the oracle README). */
function qemuMap(ram: number): E820Entry[] {
  const low = ram < 3.5 * GiB ? ram : 3 * GiB;
  const map: E820Entry[] = [
    { start: 0, end: 0x9fc00, type: E820_RAM },
    { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
    { start: 0xf0000, end: 0x100000, type: E820_RESERVED },
    { start: 0x100000, end: low - 0x20000, type: E820_RAM },
    { start: low - 0x20000, end: low, type: E820_RESERVED },
    { start: 0xfffc0000, end: 4 * GiB, type: E820_RESERVED },
  ];
  if (ram > low) map.push({ start: 4 * GiB, end: 4 * GiB + ram - low, type: E820_RAM });
  return map;
}

function machine(ram: number, cmdline: string, ops: EarlyOp[] = []): Scenario {
  return {
    version: SCENARIO_VERSION,
    name: 'test',
    title: '',
    model: 'memblock-6.1',
    machine: { e820: qemuMap(ram), nodes: [] },
    kernel: {
      text: 0x1000000,
      end: 0x4400000,
      initrd: null,
      ebda: { addr: 0x9fc00, sizeKiB: 1 },
      pgdatSize: 0x2b000,
      mptable: null,
      memblock: { ops },
    },
    cmdline: `nokaslr ${cmdline}`,
  };
}

const run = (ram: number, cmdline: string, ops?: EarlyOp[]) =>
  runMemblock61(machine(ram, cmdline, ops));

describe('reserve_crashkernel (v6.1 arch/x86/kernel/setup.c)', () => {
  it('the seed request, crashkernel=128M@16M, fails cleanly: the 6.1 kernel itself sits at 16 MiB', () => {
    const seed = preset('seed-2.6.23') as Scenario;
    const sim = runMemblock61({
      ...seed,
      kernel: { ...seed.kernel, text: 0x1000000, end: 0x4400000 },
    });
    expect(sim.crashkernel.outcome).toBe('failed');
    expect(sim.crashkernel.message).toBe('crashkernel reservation failed - memory is in use.');
    const ask = sim.allocations?.find((a) => a.caller === 'setup_arch');
    expect(ask).toMatchObject({
      size: 128 * MiB,
      align: MiB,
      from: 16 * MiB,
      max: 144 * MiB,
      start: null,
    });
    expect(sim.findings).toEqual([]);
    // Only the window asked for, marked refused: nothing is reserved for it.
    expect(sim.regions.filter((r) => r.lane === 'crashkernel')).toMatchObject([
      { start: 16 * MiB, end: 144 * MiB, crash: 'refused', label: 'crashkernel window (refused)' },
    ]);
    expect(sim.regions.filter((r) => r.owner === 'crashkernel' && r.crash !== 'refused')).toEqual(
      [],
    );
    expect(sim.summary).toMatch(
      /; crashkernel refused: "crashkernel reservation failed - memory is in use\."; no conflicts\.$/,
    );
  });
  it('a base that is free is reserved, and the page allocator never sees the window', () => {
    const sim = run(4 * GiB, 'crashkernel=128M@512M');
    expect(sim.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: 512 * MiB,
      end: 640 * MiB,
    });
    const buddy = sim.regions.filter((r) => r.lane === 'buddy');
    expect(setIntersect([{ start: 512 * MiB, end: 640 * MiB }], buddy)).toEqual([]);
    expect(sim.events.at(-1)?.kind).toBe('kexec-load');
  });
  it('automatic placement: the highest 16 MiB-aligned block below 4 GiB', () => {
    expect(run(2 * GiB, 'crashkernel=256M').crashkernel.message).toBe(
      'Reserving 256MB of memory at 1776MB for crashkernel (System RAM: 2047MB)',
    );
  });
  it(',high goes above 4 GiB first and adds the default low part of 256 MiB', () => {
    const sim = run(6 * GiB, 'crashkernel=512M,high');
    expect(sim.crashkernel.message.split('\n')).toEqual([
      'Reserving 256MB of low memory at 2800MB for crashkernel (low RAM limit: 4096MB)',
      'Reserving 512MB of memory at 6640MB for crashkernel (System RAM: 6143MB)',
    ]);
    expect(sim.crashkernel.low).toEqual({ start: 2800 * MiB, end: 3056 * MiB });
    expect(toDocument(sim).crashkernel.low).toEqual({ start: '0xaf000000', end: '0xbf000000' });
  });
  it(',low of 0 means no low part; a ,low size replaces the default', () => {
    expect(run(6 * GiB, 'crashkernel=512M,high crashkernel=0,low').crashkernel.low).toBeUndefined();
    expect(run(6 * GiB, 'crashkernel=512M,high crashkernel=64M,low').crashkernel.low).toEqual({
      start: 2992 * MiB,
      end: 3056 * MiB,
    });
  });
  it('a low part that does not fit undoes the whole reservation', () => {
    const sim = run(6 * GiB, 'crashkernel=512M,high crashkernel=3500M,low');
    expect(sim.crashkernel.outcome).toBe('failed');
    expect(sim.crashkernel.message).toBe(
      'Cannot reserve 3500MB crashkernel low memory, please try smaller size.',
    );
    expect(
      sim.events.some((e) => e.kind === 'free' && e.label === 'crashkernel region given back'),
    ).toBe(true);
  });
  it('too large for low memory: falls back above 4 GiB, then needs a low part', () => {
    expect(run(8 * GiB, 'crashkernel=3G').crashkernel.message.split('\n')).toEqual([
      'Reserving 256MB of low memory at 2800MB for crashkernel (low RAM limit: 4096MB)',
      'Reserving 3072MB of memory at 6128MB for crashkernel (System RAM: 8191MB)',
    ]);
    expect(run(GiB, 'crashkernel=1G').crashkernel.message).toBe(
      'crashkernel reservation failed - No suitable area found.',
    );
  });
  it('range lists round System RAM up to 128 MiB; no match or a parse error reserves nothing', () => {
    expect(run(4 * GiB, 'crashkernel=1G-4G:192M,4G-:256M').crashkernel.start).toBe(2800 * MiB);
    const none = run(2 * GiB, 'crashkernel=4G-:256M').crashkernel;
    expect(none).toMatchObject({
      outcome: 'none',
      message: 'crashkernel size resulted in zero bytes',
    });
    const bad = run(2 * GiB, 'crashkernel=256Mx').crashkernel;
    expect(bad).toMatchObject({ outcome: 'failed', message: 'crashkernel: unrecognized char: x' });
  });
});

describe('the rest of the 6.1 boot', () => {
  it('zones and node ranges as free_area_init prints them; Normal is empty below 4 GiB', () => {
    const sim = run(2 * GiB, '');
    expect(sim.zoneRanges).toEqual([
      { zone: 'DMA', start: 0x1000, end: 16 * MiB },
      { zone: 'DMA32', start: 16 * MiB, end: 0x7ffe0000 },
    ]);
    expect(sim.events.find((e) => e.kind === 'zones')?.dmesg).toContain('  Normal   empty');
    expect(toDocument(sim).nodes).toEqual([
      {
        node: 0,
        ranges: [
          { start: '0x1000', end: '0x9f000' },
          { start: '0x100000', end: '0x7ffe0000' },
        ],
      },
    ]);
  });
  it('NODE_DATA goes to the top of each node; numa=off gives one fake node', () => {
    const s = machine(4 * GiB, '');
    s.machine.nodes = [
      { node: 0, start: 0, end: 2 * GiB },
      { node: 1, start: 2 * GiB, end: 5 * GiB },
    ];
    const nd = (sim: ReturnType<typeof runMemblock61>) =>
      sim.allocations?.filter((a) => a.caller === 'alloc_node_data').map((a) => a.start);
    expect(nd(runMemblock61(s))).toEqual([0x7ffd5000, 0x13ffd2000]);
    const off = runMemblock61({ ...s, cmdline: `${s.cmdline} numa=off` });
    expect(nd(off)).toEqual([0x13ffd2000]);
    expect(off.events.find((e) => e.kind === 'numa')?.dmesg).toMatch(/^NUMA turned off\nFaking/);
  });
  it('swiotlb only when RAM reaches above 4 GiB, and not with iommu=off or swiotlb=noforce', () => {
    const tlb = (sim: ReturnType<typeof runMemblock61>) =>
      sim.allocations?.find((a) => a.caller === 'swiotlb_init_remap')?.start;
    expect(tlb(run(4 * GiB, ''))).toBe(0xbbfe0000);
    expect(tlb(run(3 * GiB, ''))).toBeUndefined();
    expect(tlb(run(4 * GiB, 'iommu=off'))).toBeUndefined();
    expect(tlb(run(4 * GiB, 'swiotlb=noforce'))).toBeUndefined();
  });
  it('direct-map page tables: 16 brk pages first, then memblock; 1 GiB pages need fewer', () => {
    const count = (s: Scenario) =>
      eachRequest(runMemblock61(s).allocations).filter((a) => a.caller === 'alloc_low_pages')
        .length;
    expect(count(machine(96 * GiB, ''))).toBe(83);
    const gb = machine(96 * GiB, '');
    gb.kernel.memblock = { ops: [], gbPages: true };
    expect(count(gb)).toBe(2);
  });
  it('a run of page-table pages is one record; its requests are the run blocks, top-down', () => {
    const sim = runMemblock61(machine(96 * GiB, ''));
    const runs = (sim.allocations ?? []).filter((a) => a.caller === 'alloc_low_pages');
    const pages = eachRequest(runs);
    expect(runs.length).toBeLessThan(pages.length);
    expect(runs.reduce((t, a) => t + a.count, 0)).toBe(pages.length);
    const long = runs.find((a) => a.count > 1);
    expect(long?.stride).toBe(-0x1000);
    for (const a of pages) expect(a).toMatchObject({ count: 1, stride: 0, size: 0x1000 });
    const starts = pages.map((a) => a.start ?? -1);
    expect(new Set(starts).size).toBe(starts.length);
    // Each run's blocks tile exactly the range its event shows.
    for (const run of runs) {
      const blocks = eachRequest([run]).map((a) => a.start ?? -1);
      const ev = sim.events[run.step];
      expect([Math.min(...blocks), Math.max(...blocks) + run.size]).toEqual([ev?.start, ev?.end]);
    }
  });
  it('sparse_init: root pages, then per node a usemap, one struct-page buffer and vmemmap pages', () => {
    const sparse = eachRequest(runMemblock61(machine(96 * GiB, '')).allocations)
      .filter((a) => /^(sparse|vmemmap)/.test(a.caller))
      .map((a) => `${a.caller} ${a.size}`);
    expect(sparse).toEqual([
      'sparse_init 32768',
      ...Array(7).fill('sparse_index_alloc 4096'),
      'sparse_init_nid 43008',
      'sparse_init_nid 1610612736',
      ...Array(3).fill('vmemmap_alloc_block_zero 4096'),
    ]);
  });
  it('memblock=debug quotes the lines memblock prints; without it they are absent', () => {
    const alloc = (cmdline: string) =>
      run(2 * GiB, cmdline).events.find((e) => e.fn === 'reserve_real_mode' && e.kind === 'alloc');
    expect(alloc('memblock=debug')?.dmesg).toBe(
      'memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode\nmemblock_reserve: [0x0000000000098000-0x000000000009efff] memblock_alloc_range_nid',
    );
    expect(alloc('')?.dmesg).toBe('');
  });
  it('a fixed reservation over something memblock allocated is accepted silently: a finding', () => {
    // Over the first MiB (itself a fixed reservation): nothing to report.
    const sim = run(2 * GiB, '', [
      {
        stage: 'setup',
        op: 'reserve',
        fn: 'memblock_reserve',
        caller: 'quirk+0x1/0x2',
        start: 0x20000,
        end: 0x21000,
      },
    ]);
    expect(sim.findings).toHaveLength(0);
    const over = run(2 * GiB, '', [
      {
        stage: 'setup',
        op: 'reserve',
        fn: 'memblock_reserve',
        caller: 'quirk+0x1/0x2',
        start: 0x9e000,
        end: 0x9f800,
      },
    ]);
    // The real-mode trampoline, allocated at [0x98000, 0x9f000), loses its last page.
    expect(over.findings.map((f) => [f.kind, f.start, f.end])).toEqual([
      ['double-reservation', 0x9e000, 0x9f000],
    ]);
  });
  it('reserve_initrd: used in place inside mapped RAM, copied below the direct map otherwise', () => {
    const inPlace = machine(2 * GiB, '');
    inPlace.kernel.initrd = { start: 0x37a4e000, end: 0x37ffe800 };
    const e = runMemblock61(inPlace).events.find((x) => x.fn === 'reserve_initrd');
    expect(e?.dmesg).toBe('RAMDISK: [mem 0x37a4e000-0x37ffefff]');
    const outside = machine(2 * GiB, 'memmap=64M$0x30000000');
    outside.kernel.initrd = { start: 0x30000000, end: 0x300ff800 };
    const sim = runMemblock61(outside);
    const moved = sim.allocations?.find((a) => a.caller === 'relocate_initrd');
    expect(moved).toMatchObject({ size: 0x100000, start: 0x7fee0000 });
    expect(sim.events.find((x) => x.label.startsWith('initrd (relocated)'))?.dmesg).toContain(
      'Move RAMDISK from [mem 0x30000000-0x300ff7ff] to [mem 0x7fee0000-0x7ffdf7ff]',
    );
  });
  it('a user map with one entry stops the boot: Invalid user supplied memory map', () => {
    const sim = run(2 * GiB, 'memmap=exactmap memmap=1G@0');
    expect(sim.panic).toBe('Invalid user supplied memory map');
    expect(sim.events.at(-1)?.dmesg).toBe(
      'Kernel panic - not syncing: Invalid user supplied memory map',
    );
  });
});

describe('any machine and command line (property)', () => {
  const option = fc.constantFrom(
    'crashkernel=256M',
    'crashkernel=128M@16M',
    'crashkernel=1G,high',
    'crashkernel=0,low',
    'crashkernel=512M-2G:64M,2G-:128M@0',
    'crashkernel=64M@0x1080000',
    'crashkernel=x',
    'mem=1G',
    'mem=0',
    'memmap=exactmap',
    'memmap=256M@0x10000000',
    'memmap=16M$0x20000000',
    'memmap=1M#1G,4M!2G',
    'numa=off',
    'movable_node',
    'swiotlb=4096,force',
    'memblock=debug',
  );
  const entry = fc
    .tuple(
      fc.integer({ min: 0, max: 96 }),
      fc.integer({ min: 1, max: 64 }),
      fc.constantFrom(1, 1, 2, 3, 12),
    )
    .map(([at, len, type]) => ({ start: at * 128 * MiB, end: (at + len) * 128 * MiB, type }));
  it('ends in a simulation or a kernel panic, never an exception', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 2, maxLength: 6 }),
        fc.array(option, { maxLength: 5 }),
        (map, opts) => {
          const s = machine(2 * GiB, opts.join(' '));
          s.machine.e820 = [{ start: 0, end: 0x9fc00, type: E820_RAM }, ...map];
          const sim = runMemblock61(s);
          expect(sim.events.length).toBeGreaterThan(0);
          if (!sim.panic) expect(sim.zoneRanges?.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
