/** Notes that say which model runs and what it does not cover of the kernel that wrote the log. */
import { describe, expect, it } from 'vitest';
import type { ImportOk } from './import-log';
import { importLines } from '../testing/log-fixtures';

const load = importLines;

const OLD_E820 = [
  'BIOS-provided physical RAM map:',
  ' BIOS-e820: 0000000000000000 - 000000000009f800 (usable)',
  ' BIOS-e820: 000000000009f800 - 00000000000a0000 (reserved)',
  ' BIOS-e820: 0000000000100000 - 00000000bf6d0000 (usable)',
];

const note = (r: ImportOk, re: RegExp): string | undefined => r.notes.find((n) => re.test(n));

describe('generation notes', () => {
  it('name the model and the kernels it follows, here and in the summary', () => {
    const r = load(['Linux version 2.6.32-21-generic (x) #1', ...OLD_E820]);
    expect(r.notes).toContain(
      'The bootmem-exclusive-2.6.27 model follows Linux 2.6.27 to 2.6.32; this log is Linux 2.6.32-21-generic, and the run follows the rules of 2.6.32 (src-core/kernel/rules.ts).',
    );
    expect(r.summary.text).toContain(
      'Scenario ready for model bootmem-exclusive-2.6.27, which follows Linux 2.6.27 to 2.6.32 (the log is Linux 2.6.32-21-generic).',
    );
  });

  it('a memblock kernel other than 6.1 runs on the 6.1 model with its own version’s rules', () => {
    const r = load(['Linux version 3.0.0-12-generic (x) #1', ...OLD_E820]);
    expect(r.scenario?.kernel.version).toBe('3.0.0-12-generic');
    expect(
      note(r, /^The memblock-6\.1 model follows Linux 6\.1 in detail; this log is Linux 3\.0\.0/),
    ).toMatch(/takes the rules the table records for 3\.0 where they differ from 6\.1/);
    const same = load(['Linux version 6.1.0-18-amd64 (x) #1', ...OLD_E820]);
    expect(note(same, /^The memblock-6\.1 model follows/)).toBe(
      'The memblock-6.1 model follows Linux 6.1 in detail, and every memblock kernel from 2.6.37 on with the rules its version changed; this log is Linux 6.1.0-18-amd64, and the run follows the rules of 6.1 (src-core/kernel/rules.ts).',
    );
  });

  it('e820 edits the firmware table does not explain become inputs; the rules’ own are left out', () => {
    const r = load([
      'Linux version 3.0.0-12-generic (x) #1',
      ...OLD_E820,
      'e820 update range: 0000000000000000 - 0000000000010000 (usable) ==> (reserved)',
      'e820 remove range: 00000000000a0000 - 0000000000100000 (usable)',
    ]);
    // 3.0's trim_bios_range takes CONFIG_X86_RESERVE_LOW's 64 KiB out of e820; 6.1's only page 0.
    expect(r.scenario?.machine.e820Edits).toEqual([{ start: 0, end: 0x10000, to: 2 }]);
    expect(note(r, /^The kernel edited its e820 map/)).toBe(
      'The kernel edited its e820 map where the firmware table does not say why (log line 6: a BIOS quirk, CONFIG_X86_RESERVE_LOW or MTRR trimming); the scenario carries this edit as machine inputs.',
    );
    const page0 = load([
      'Linux version 6.1.0 (x) #1',
      ...OLD_E820,
      'e820: update [mem 0x00000000-0x00000fff] usable ==> reserved',
    ]);
    expect(page0.scenario?.machine.e820Edits).toBeUndefined();
    // An old model makes none of these edits itself: each one the log prints is an input.
    const old = load([
      'Linux version 2.6.32-21-generic (x) #1',
      ...OLD_E820,
      'e820 update range: 0000000000001000 - 0000000000006000 (usable) ==> (reserved)',
      'e820 update range: 00000000a0000000 - 0000000100000000 (usable) ==> (reserved)',
    ]);
    expect(old.scenario?.machine.e820Edits).toEqual([
      { start: 0x1000, end: 0x6000, to: 2 },
      { start: 0xa0000000, end: 0x100000000, to: 2 },
    ]);
  });

  it('a 32-bit kernel: not modelled, said plainly, no run to compare', () => {
    const r = load([
      'Linux version 2.6.32-13-generic (x) #1',
      'BIOS-e820: 0000000000000000 - 000000000009d800 (usable)',
      'BIOS-e820: 0000000000100000 - 00000000afeb0000 (usable)',
      'BIOS-e820: 0000000100000000 - 0000000140000000 (usable)',
      'Zone PFN ranges:',
      '  DMA      0x00000010 -> 0x00001000',
      '  Normal   0x00001000 -> 0x000377fe',
      '  HighMem  0x000377fe -> 0x000afeb0',
      'Memory: 2832080k/2882240k available (4780k kernel code, 48516k reserved, 2233k data, 660k init, 1972936k highmem)',
      '      .text : 0xc0100000 - 0xc05ab0ff   (4780 kB)',
    ]);
    expect(r.boot.kernel.arch).toBe('i386');
    expect(r.scenario).toBeNull();
    expect(r.scenarioProblems).toEqual([
      expect.stringMatching(/^This is a 32-bit x86 \(i386\) kernel: 32-bit x86 is not modelled/),
    ]);
  });

  it("crashkernel=auto: Red Hat's option, read per RHEL release, unknown upstream", () => {
    const r = load([
      'Linux version 3.10.0-957.el7.x86_64 (x) #1',
      'Command line: ro crashkernel=auto',
      ...OLD_E820,
    ]);
    expect(note(r, /^crashkernel=auto/)).toMatch(
      /^crashkernel=auto is a Red Hat kernel option: this kernel reads it as crashkernel=2G-:161M/,
    );
    const upstream = load([
      'Linux version 4.19.0 (x) #1',
      'Command line: ro crashkernel=auto',
      ...OLD_E820,
    ]);
    expect(note(upstream, /^crashkernel=auto/)).toMatch(/this is not a Red Hat kernel/);
  });

  it('numa=fake: emulated on 6.1, said to be missing on the 2.6 models', () => {
    const old = load([
      'Linux version 2.6.32-21-generic (x) #1',
      'Command line: ro numa=fake=4',
      ...OLD_E820,
    ]);
    expect(note(old, /numa=fake/)).toBe(
      "numa=fake=4: the bootmem-exclusive-2.6.27 model does not emulate NUMA nodes, so the run keeps the firmware's nodes; node ranges and every per-node placement after them will differ.",
    );
    const now = load([
      'Linux version 6.1.0-56-amd64 (x) #1',
      'Command line: ro numa=fake=2',
      ...OLD_E820,
    ]);
    expect(note(now, /numa=fake/)).toMatch(
      /cuts the nodes into fake nodes as 6\.1's numa_emulation/,
    );
  });

  it('no notes about a model when nothing can run (another architecture)', () => {
    const r = load([
      'Linux version 5.15.0 (x) #1',
      'Machine model: Raspberry Pi Compute Module 4',
      'Zone ranges:',
      '  DMA      [mem 0x0000000000000000-0x000000003fffffff]',
    ]);
    expect(r.scenario).toBeNull();
    expect(note(r, /model follows/)).toBeUndefined();
  });
});
