/** The public entry: boots, the errors people see, and the steps it gives the app. */
import { describe, expect, it } from 'vitest';
import { hex, MiB } from '../base/addr';
import { importLog, MAX_IMPORT_BYTES, type ImportOk } from './import-log';

const stamp = (t: number, s: string) => `[${t.toFixed(6).padStart(12)}] ${s}`;

/** A small 2.6.23-style boot: the seed machine's shape, with a bootmap inside the crash window. */
const OLD_BOOT = [
  'Linux version 2.6.23 (root@host) (gcc version 4.1.2) #1 SMP Tue May 17 2011',
  'Command line: ro root=LABEL=/ crashkernel=128M@16M',
  'BIOS-provided physical RAM map:',
  ' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)',
  ' BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)',
  ' BIOS-e820: 0000000000100000 - 00000000bff70000 (usable)',
  ' BIOS-e820: 0000000100000000 - 0000001800000000 (usable)',
  'SRAT: Node 0 PXM 0 0-c00000000',
  'SRAT: Node 1 PXM 1 c00000000-1800000000',
  'Bootmem setup node 0 0000000000000000-0000000c00000000',
  '  NODE_DATA [0000000000008000 - 000000000000cfff]',
  '  bootmap [0000000000f9b000 -  000000000111afff] pages 180',
  'Bootmem setup node 1 0000000c00000000-0000001800000000',
  'Reserving 128MB of memory at 16MB for crashkernel (System RAM: 98304MB)',
  'Zone PFN ranges:',
  '  DMA             0 ->     4096',
  '  DMA32        4096 ->  1048576',
  '  Normal    1048576 -> 25165824',
  'early_node_map[3] active PFN ranges',
  '    0:        0 ->      159',
  '    0:      256 ->   786288',
  '    1: 12582912 -> 25165824',
  'Memory: 98000000k/100663296k available (2340k kernel code, 1000k reserved, 1270k data, 280k init)',
].map((l, i) => stamp(i === 0 ? 0 : 0, l));

function ok(text: string, boot?: number): ImportOk {
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('errors say what is wrong', () => {
  it.each([
    ['', /^the log is empty$/],
    ['   \n\n', /^the log is empty$/],
    ['hello\nworld\n', /^not a boot log: none of its 2 lines is an early-boot memory message/],
    ['\x00\x01\x02\x03binary\x00\x00', /looks like binary data/],
  ])('%j', (text, message) => {
    const r = importLog(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(message);
  });

  it('refuses absurd sizes before reading them', () => {
    const r = importLog('x'.repeat(MAX_IMPORT_BYTES + 1));
    expect(r.ok ? '' : r.error).toMatch(/^the log is 65 MiB; the importer reads at most 64 MiB$/);
  });

  it('never throws, even on input that is not a string', () => {
    expect(importLog(42 as unknown as string)).toEqual({
      ok: false,
      error: 'the log must be text',
    });
  });

  it('a boot number that does not exist lists the boots there are', () => {
    const r = importLog(OLD_BOOT.join('\n'), { boot: 2 });
    expect(r.ok ? '' : r.error).toBe('there is no boot 2: the log holds 1 boot: 1 (lines 1–23)');
  });
});

describe('an old-format boot end to end', () => {
  const r = ok(OLD_BOOT.join('\n'));

  it('facts of the ImportedBoot contract', () => {
    expect(r.boot.kernel).toEqual({ version: '2.6.23', arch: 'x86_64' });
    expect(r.boot.cmdline).toBe('ro root=LABEL=/ crashkernel=128M@16M');
    expect(r.boot.e820).toHaveLength(4);
    expect(r.boot.srat.map((s) => s.node)).toEqual([0, 1]);
    expect(r.boot.nodeData).toEqual([{ line: 11, node: 0, range: { start: 0x8000, end: 0xd000 } }]);
    expect(r.boot.bootmaps).toEqual([
      { line: 12, node: 0, range: { start: 0xf9b000, end: 0x111b000 } },
    ]);
    expect(r.boot.zoneRanges.map((z) => z.zone)).toEqual(['DMA', 'DMA32', 'Normal']);
    expect(r.boot.nodeRanges).toHaveLength(3);
    expect(r.boot.crashkernel).toEqual([
      {
        line: 14,
        text: 'Reserving 128MB of memory at 16MB for crashkernel (System RAM: 98304MB)',
        outcome: 'reserved',
        range: { start: 16 * MiB, end: 144 * MiB },
        ramMB: 98304,
      },
    ]);
  });

  it('a scenario for bootmem-2.6.23 with two SRAT nodes and documented defaults', () => {
    expect(r.scenario?.model).toBe('bootmem-2.6.23');
    expect(r.scenario?.machine.nodes).toEqual([
      { node: 0, start: 0, end: 0xc00000000 },
      { node: 1, start: 0xc00000000, end: 0x1800000000 },
    ]);
    expect(r.scenario?.kernel).toMatchObject({
      text: 0x200000,
      pgdatSize: 0x5000,
      ebda: { addr: 0x9fc00, sizeKiB: 1 },
      initrd: null,
    });
    expect(r.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^The kernel image starts at the default 0x200000/),
        'No initrd in the log.',
        expect.stringMatching(/^The EBDA is taken to be the reserved e820 entry below 640 KiB/),
      ]),
    );
  });

  it('the observed run: a step per fact with its line, the window, and the bitmap in it', () => {
    const o = r.observed;
    expect(o.model).toBe('observed');
    expect(o.events.map((e) => e.line)).toEqual(
      o.events.map((e) => e.line).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(o.crashkernel).toMatchObject({ outcome: 'reserved', start: 16 * MiB, end: 144 * MiB });
    expect(o.bitmaps).toEqual([{ node: 0, start: 0xf9b000, end: 0x111b000 }]);
    expect(o.findings).toEqual([
      expect.objectContaining({ kind: 'freed-while-reserved', start: 16 * MiB, end: 0x111b000 }),
    ]);
    expect(o.zones.filter((z) => z.node === 1).map((z) => z.zone)).toEqual(['Normal']);
    const lanes = new Set(o.regions.map((g) => g.lane));
    expect([...lanes].sort()).toEqual([
      'bitmap',
      'crashkernel',
      'e820',
      'memory',
      'node',
      'reserved',
      'zone',
    ]);
    const phases = o.events.map((e) => e.phase);
    expect(phases.indexOf('crashkernel')).toBeGreaterThan(phases.indexOf('numa'));
    expect(phases[phases.length - 1]).toBe('retire');
  });
});

describe('boots', () => {
  const second = OLD_BOOT.map((l) => l.replace('crashkernel=128M@16M', 'crashkernel=256M'));

  it('a second `Linux version` starts a second boot; the first complete one is chosen', () => {
    const r = ok([...OLD_BOOT.slice(0, 5), stamp(3.5, 'panic soon'), ...second].join('\n'));
    expect(r.boots.map((b) => [b.number, b.complete, b.lines])).toEqual([
      [1, false, { start: 1, end: 7 }],
      [2, true, { start: 7, end: 30 }],
    ]);
    expect(r.boot.number).toBe(2);
    expect(ok([...OLD_BOOT, ...second].join('\n'), 1).boot.cmdline).toContain('128M@16M');
  });

  it('a secondary CPU printing 0.000000 is not a new boot', () => {
    const log = [
      ...OLD_BOOT,
      stamp(0.53, 'smp: Bringing up secondary CPUs ...'),
      stamp(0, 'sched: CPU #1 is not on the same node'),
      stamp(0.6, 'Memory: x'),
    ];
    expect(ok(log.join('\n')).boots).toHaveLength(1);
  });

  it('a repeated once-per-boot message splits fragments; a fact-less stretch joins the next boot', () => {
    const log = [
      'random text',
      stamp(0, 'crashkernel reservation failed - memory is in use.'),
      '',
      stamp(0, 'crashkernel reservation failed - memory is in use.'),
    ];
    const r = ok(log.join('\n'));
    expect(r.boots.map((b) => b.lines)).toEqual([
      { start: 1, end: 4 },
      { start: 4, end: 5 },
    ]);
  });
});

describe('the summary', () => {
  it('reads as sentences and counts what was found', () => {
    const r = ok(OLD_BOOT.join('\n'));
    expect(r.summary).toMatchObject({
      boots: 1,
      selected: 1,
      e820Entries: 4,
      nodes: 2,
      crashkernel: 'reserved',
      unrecognized: 0,
    });
    expect(r.summary.text[0]).toBe('1 boot in 23 lines; boot 1 (lines 1–23).');
    expect(hex(r.summary.ramBytes)).toBe(
      hex(0x9fc00 + (0xbff70000 - 0x100000) + (0x1800000000 - 0x100000000)),
    );
  });

  it('lists memory-related lines it did not understand, with their numbers', () => {
    const r = ok(
      [
        ...OLD_BOOT,
        stamp(1, 'e820: the map did something new'),
        stamp(1, 'NUMA: Using 27 for the hash shift.'),
      ].join('\n'),
    );
    expect(r.unrecognized).toEqual([{ line: 24, text: 'e820: the map did something new' }]);
  });
});
