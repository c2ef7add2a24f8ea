import { describe, expect, it } from 'vitest';
import { toDocument } from '../output/document';
import { preset } from '../features/presets';
import type { Scenario } from '../input/scenario';
import { simulate } from './simulate';
import { checkModelAgainstReference } from '../testing/machines';

const doc = (s: Scenario, model = s.model) => {
  const r = simulate(s, model);
  if (!r.ok) throw new Error(r.error);
  return toDocument(r.sim);
};
const seed = (v: string) => preset(`seed-${v}`)!;
const cmd = (s: Scenario, cmdline: string): Scenario => ({ ...s, cmdline });

describe('the seed machine under each generation', () => {
  it('2.6.24 prints "Reserving" first and still corrupts the crash window (setup_64.c reserve_crashkernel)', () => {
    const d = doc(seed('2.6.24'));
    expect(d.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x1000000',
      end: '0x9000000',
      message: 'Reserving 128MB of memory at 16MB for crashkernel (System RAM: 98304MB)',
    });
    expect(d.findings.map((f) => [f.kind, f.start, f.end])).toEqual([
      ['double-reservation', '0x1000000', '0x111b000'],
      ['freed-while-reserved', '0x1000000', '0x111b000'],
      ['kdump-corruption', '0x1000000', '0x111b000'],
    ]);
  });
  it('2.6.24 refuses a request without a base', () => {
    expect(doc(cmd(seed('2.6.24'), 'crashkernel=128M')).crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - you have to specify a base address',
    });
  });
  it('2.6.27 refuses the reservation: BOOTMEM_EXCLUSIVE meets the bitmap; no corruption', () => {
    const d = doc(seed('2.6.27'));
    expect(d.bitmaps[0]).toEqual({ node: 0, start: '0xf9b000', end: '0x111b000' });
    expect(d.crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use',
    });
    expect(d.findings).toEqual([]);
    expect(d.events.some((e) => e.kind === 'kexec-load')).toBe(false);
  });
  it('2.6.27 keeps the refused window on the bar, marked refused, over the bitmap in its way', () => {
    const r = simulate(seed('2.6.27'), 'bootmem-exclusive-2.6.27');
    if (!r.ok) throw new Error(r.error);
    const windows = r.sim.regions.filter((x) => x.lane === 'crashkernel');
    expect(windows).toMatchObject([{ start: 0x1000000, end: 0x9000000, crash: 'refused' }]);
    expect(windows[0]?.died).toBeUndefined();
    const ev = r.sim.events[windows[0]!.born]!;
    expect(ev).toMatchObject({ phase: 'crashkernel', label: 'crashkernel reservation failed' });
    expect(r.sim.summary).toBe(
      'node 0\'s bitmap at 0xf9b000, node 1\'s bitmap at 0xc00005000; crashkernel refused: "crashkernel reservation failed - memory is in use"; no conflicts.',
    );
  });
  it('the summary names the first and last bitmap of a machine with many nodes', () => {
    const r = simulate(preset('server-1t-8node')!, 'bootmem-2.6.23');
    if (!r.ok) throw new Error(r.error);
    expect(r.sim.summary).toMatch(
      /^8 bitmaps, node 0's bitmap at 0x[0-9a-f]+ … node 7's bitmap at 0x[0-9a-f]+;/,
    );
  });
  it('states each crash window: recorded then reserved (2.6.23), reserved (6.1)', () => {
    const run = (name: string, model: string) => {
      const r = simulate(preset(name)!, model);
      if (!r.ok) throw new Error(r.error);
      return r.sim.regions.filter((x) => x.lane === 'crashkernel');
    };
    // 2.6.23 records crashk_res while parsing the command line, reserves it in setup_arch.
    expect(run('seed-2.6.23', 'bootmem-2.6.23').map((w) => w.crash)).toEqual([
      'recorded',
      'reserved',
    ]);
    // What the capture kernel places inside the window is drawn in its lane, but is no window.
    const laptop = run('laptop-4g', 'memblock-6.1');
    expect(laptop.filter((w) => w.crash).map((w) => w.crash)).toEqual(['reserved']);
    expect(laptop.filter((w) => !w.crash).length).toBeGreaterThan(0);
    expect(laptop.filter((w) => !w.crash).every((w) => w.label.startsWith('capture: '))).toBe(true);
  });
  it('2.6.27 without a base steps 16 MiB past the bitmap (find_and_reserve_crashkernel)', () => {
    const d = doc(cmd(seed('2.6.27'), 'crashkernel=128M'));
    // System RAM is the end of RAM (2.6.27 sets max_low_pfn = max_pfn first), not RAM below 4 GiB.
    expect(d.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x2000000',
      message: 'Reserving 128MB of memory at 32MB for crashkernel (System RAM: 98304MB)',
    });
  });
  it('2.6.33 reserves 128M@16M in early_res before NUMA; the bitmap moves above the window', () => {
    const d = doc(seed('2.6.33'));
    expect(d.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x1000000',
      end: '0x9000000',
    });
    expect(d.bitmaps[0]).toEqual({ node: 0, start: '0x9000000', end: '0x9180000' });
    expect(d.findings).toEqual([]);
  });
  it('2.6.33 refuses a base that overlaps the kernel image, with the period', () => {
    const d = doc(cmd(seed('2.6.33'), 'crashkernel=128M@8M'));
    expect(d.crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use.',
    });
  });
  it('2.6.34 reserves it too and has no bitmap at all', () => {
    const d = doc(seed('2.6.34'));
    expect(d.crashkernel).toMatchObject({ outcome: 'reserved', start: '0x1000000' });
    expect(d.bitmaps).toEqual([]);
    expect(d.findings).toEqual([]);
    expect(d.events.some((e) => e.dmesg.includes('Initmem setup node 0'))).toBe(true);
  });
  it('an overlapping initrd and kernel panic in 2.6.33 (reserve_early)', () => {
    const s = seed('2.6.33');
    const r = simulate({
      ...s,
      kernel: { ...s.kernel, initrd: { start: 0x800000, end: 0x1200000 } },
    });
    expect(r.ok && r.sim.panic).toContain(
      'Overlapping early reservations 800000-11fffff RAMDISK to 200000-f9a6c7 TEXT DATA BSS',
    );
  });
});

describe('property: every bootmem-family model gives the same run on its fast and per-page allocator', () => {
  for (const model of [
    'bootmem-2.6.24',
    'bootmem-exclusive-2.6.27',
    'early-res-2.6.33',
    'nobootmem-2.6.34',
  ]) {
    it(model, () => checkModelAgainstReference(model, 40, (a, b) => expect(a).toEqual(b)));
  }
});

describe('6.1 on the seed machine', () => {
  it('compare runs a 6.1 kernel image (at 16 MiB) and gets the real answer: memory is in use', () => {
    const r = simulate(seed('2.6.23'), 'memblock-6.1');
    expect(r.ok && r.sim.crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use.',
    });
    expect(r.ok && r.sim.events[0]!.explain).toContain('this run uses the 6.1 image');
  });
  it('the seed-6.1 preset says the same with its own 6.1 kernel inputs', () => {
    expect(doc(seed('6.1')).crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use.',
    });
  });
});

describe('NO_BOOTMEM puts NODE_DATA high (2.6.34 early_node_mem; corpus 05 and 07, 2.6.35)', () => {
  it('node 0 spanning 4 GiB gets it at 4 GiB, node 1 at its start', () => {
    const d = doc(seed('2.6.34'));
    const nd = d.events.filter((e) => e.kind === 'node-data').map((e) => [e.node, e.start]);
    expect(nd).toEqual([
      [0, '0x100000000'],
      [1, '0xc00000000'],
    ]);
  });
  it('a node below 4 GiB gets it from 16 MiB, after the kernel', () => {
    const s = seed('2.6.34');
    const small = {
      ...s,
      kernel: { ...s.kernel, text: 0x1000000, end: 0x1d17114 },
      machine: {
        e820: s.machine.e820.slice(0, 4).map((e, i) => (i === 3 ? { ...e, end: 0x1dff0000 } : e)),
        nodes: [],
      },
    };
    const d = doc(small);
    // Aligned to SMP_CACHE_BYTES, 64 from 2.6.27 on (rule l1CacheBytes).
    expect(d.events.find((e) => e.kind === 'node-data')!.start).toBe('0x1d17140');
  });
});
