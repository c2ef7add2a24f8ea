import fc from 'fast-check';
import { checkModelAgainstReference, randomMachine } from '../testing/machines';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../base/addr';
import { toDocument } from '../output/document';
import { preset } from '../features/presets';
import { parseScenario, scenarioToJson, type Scenario } from '../input/scenario';
import { simulate } from './simulate';
import { parseCrashkernel2623 } from '../input/crashkernel';

const run = (s: Scenario) => {
  const r = simulate(s, 'bootmem-2.6.23');
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};
const seed = () => preset('seed-2.6.23')!;
const withCmdline = (s: Scenario, cmdline: string): Scenario => ({ ...s, cmdline });
const hexDoc = (s: Scenario) => toDocument(run(s));

describe('the seed incident (v2.6.23 find_e820_area + reserve_bootmem_core + free_all_bootmem_core)', () => {
  const doc = hexDoc(seed());
  it("places node 0's bitmap at 0xf9b000 with 1.5 MiB, past the kernel image", () => {
    expect(doc.bitmaps[0]).toEqual({ node: 0, start: '0xf9b000', end: '0x111b000' });
  });
  it('reserves crashkernel=128M@16M without a check and without a message', () => {
    expect(doc.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x1000000',
      end: '0x9000000',
      message: '',
    });
    const ev = doc.events.find((e) => e.phase === 'crashkernel')!;
    expect(ev.dmesg).toBe('');
  });
  it('finds exactly the double reservation, the pages freed while reserved and the kdump corruption', () => {
    expect(doc.findings.map((f) => [f.kind, f.start, f.end])).toEqual([
      ['double-reservation', '0x1000000', '0x111b000'],
      ['freed-while-reserved', '0x1000000', '0x111b000'],
      ['kdump-corruption', '0x1000000', '0x111b000'],
    ]);
  });
  it('kexec_load explains which pages of the window the page allocator handed out, once', () => {
    const ev = doc.events.find((e) => e.kind === 'kexec-load')!;
    expect(ev.explain).toBe(
      'kexec copies the kdump kernel into the crashkernel window, but the page allocator has been handing out [mem 0x01000000-0x0111afff] (≈1.11 MiB) of it since boot: whatever lives there is overwritten.',
    );
  });
  it("puts node 1's NODE_DATA and bitmap at the start of node 1", () => {
    expect(doc.bitmaps[1]).toEqual({ node: 1, start: '0xc00005000', end: '0xc00185000' });
    expect(doc.events.find((e) => e.kind === 'node-data' && e.node === 1)).toMatchObject({
      start: '0xc00000000',
    });
  });
  it('node 0 has DMA, DMA32 and Normal; node 1 only Normal', () => {
    expect(doc.zones).toEqual([
      { node: 0, zone: 'DMA', start: '0x0', end: '0x1000000' },
      { node: 0, zone: 'DMA32', start: '0x1000000', end: '0x100000000' },
      { node: 0, zone: 'Normal', start: '0x100000000', end: '0xc00000000' },
      { node: 1, zone: 'Normal', start: '0xc00000000', end: '0x1800000000' },
    ]);
  });
  it('prints the map, the end of RAM, the node setup and the zones as 2.6.23 does', () => {
    const all = doc.events.map((e) => e.dmesg).join('\n');
    expect(all).toContain(' BIOS-e820: 0000000000100000 - 00000000bff70000 (usable)');
    expect(all).toContain('end_pfn_map = 25165824');
    expect(all).toContain('Bootmem setup node 0 0000000000000000-0000000c00000000');
    expect(all).toContain('  Normal    1048576 -> 25165824');
    expect(all).toContain('Memory: ');
  });
  it('direct-mapping tables: 1 PUD page + 96 PMD pages placed at 0x8000', () => {
    expect(doc.events.find((e) => e.kind === 'page-tables')).toMatchObject({
      start: '0x8000',
      end: '0x69000',
    });
  });
  it('the fast engine and the per-page reference give the same run', () => {
    const ref = simulate(seed(), 'bootmem-2.6.23', { reference: true });
    expect(ref.ok && toDocument(ref.sim)).toEqual(doc);
  });
});

describe('other command lines on the seed machine', () => {
  it('crashkernel=128M@256M lands clear of the bitmap: no findings', () => {
    const d = hexDoc(withCmdline(seed(), 'ro crashkernel=128M@256M'));
    expect(d.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x10000000',
      end: '0x18000000',
    });
    expect(d.findings).toEqual([]);
  });
  it('crashkernel without @ is silently ignored by 2.6.23 (setup_crashkernel)', () => {
    const d = hexDoc(withCmdline(seed(), 'crashkernel=128M'));
    expect(d.crashkernel.outcome).toBe('none');
    expect(d.crashkernel.detail).toContain('only understands size@offset');
  });
  it('the last crashkernel= with a base wins', () => {
    expect(
      parseCrashkernel2623([{ value: '64M@16M' }, { value: '128M@256M' }, { value: '512M,high' }])
        .window,
    ).toEqual({ start: 256 * MiB, end: 384 * MiB });
  });
  it('a window across the node boundary hits the BUG in reserve_bootmem_core', () => {
    const sim = run(withCmdline(seed(), 'crashkernel=2G@47G'));
    expect(sim.panic).toContain('leaves the node');
    expect(sim.events[sim.events.length - 1]).toMatchObject({ kind: 'bug' });
  });
  it('mem=8G cuts end_pfn and the direct map: small tables, so the bitmap fits below 640 KiB', () => {
    const d = hexDoc(withCmdline(seed(), 'mem=8G crashkernel=128M@16M'));
    // tables: 1 PUD page + 8 PMD pages at 0x8000; NODE_DATA at 0x11000; a 256 KiB bitmap after it
    expect(d.events.find((e) => e.kind === 'page-tables')).toMatchObject({
      start: '0x8000',
      end: '0x11000',
    });
    expect(d.bitmaps).toEqual([{ node: 0, start: '0x16000', end: '0x56000' }]);
    expect(d.findings).toEqual([]);
  });
  it('numa=off: one fake node over all RAM, a 3 MiB bitmap', () => {
    const d = hexDoc(withCmdline(seed(), 'numa=off crashkernel=128M@16M'));
    expect(d.events.some((e) => e.dmesg.includes('NUMA turned off'))).toBe(true);
    expect(d.bitmaps).toEqual([{ node: 0, start: '0xf9b000', end: '0x129b000' }]);
    expect(d.findings.map((f) => f.end)).toEqual(['0x129b000', '0x129b000', '0x129b000']);
  });
  it('memmap=exactmap with @ entries replaces the map (kdump-style)', () => {
    const d = hexDoc(withCmdline(seed(), 'memmap=exactmap memmap=640K@0 memmap=3G@1M'));
    expect(d.events.some((e) => e.dmesg.startsWith('user-defined physical RAM map:'))).toBe(true);
    expect(d.events.find((e) => e.kind === 'end-of-ram')!.end).toBe('0xc0100000');
  });
  it('an initrd above the end of RAM is dropped with the 2.6.23 message', () => {
    const s = seed();
    const d = hexDoc({
      ...s,
      cmdline: 'mem=512M',
      kernel: { ...s.kernel, initrd: { start: 0x37a4e000, end: 0x37fff000 } },
    });
    expect(d.events.find((e) => e.kind === 'initrd-dropped')!.dmesg).toBe(
      'initrd extends beyond end of memory (0x37fff000 > 0x20000000)\ndisabling initrd',
    );
  });
});

// ---- property: the whole model with the fast engine equals the model with the reference ----

describe('property: the model gives the same run on the run-based and the per-page bootmem', () => {
  it('on random e820 maps, node splits, kernels, initrds and crashkernel windows', () => {
    checkModelAgainstReference('bootmem-2.6.23', 150, (a, b) => expect(a).toEqual(b));
  });
  it('random scenarios round-trip through canonical JSON', () => {
    fc.assert(
      fc.property(randomMachine('bootmem-2.6.23'), (raw) => {
        const parsed = parseScenario(raw);
        if (!parsed.ok) return;
        const again = parseScenario(JSON.parse(JSON.stringify(scenarioToJson(parsed.scenario))));
        expect(again.ok && again.scenario).toEqual(parsed.scenario);
      }),
      { numRuns: 100 },
    );
  });
  it('a 4 TiB single-node machine: 16 MiB of page tables move past the kernel, the bitmap follows them', () => {
    const s = seed();
    const e820 = [...s.machine.e820.slice(0, 10), { start: 4 * GiB, end: 4096 * GiB, type: 1 }];
    const d = hexDoc({ ...s, machine: { e820, nodes: [] } });
    // 8 PUD pages + 4096 PMD pages = 4104 pages do not fit below 640 KiB: placed after _end.
    expect(d.events.find((e) => e.kind === 'page-tables')).toMatchObject({
      start: '0xf9b000',
      end: '0x1fa3000',
    });
    expect(d.events.find((e) => e.kind === 'node-data')).toMatchObject({ start: '0x8000' });
    // 4 TiB / (4 KiB × 8) = 128 MiB of bitmap.
    expect(d.bitmaps).toEqual([{ node: 0, start: '0x1fa3000', end: '0x9fa3000' }]);
  });
});
