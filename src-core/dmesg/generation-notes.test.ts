/** Notes that say which model runs and what it does not cover of the kernel that wrote the log. */
import { describe, expect, it } from 'vitest';
import type { ImportOk } from './import-log';
import { importLines } from './test-fixtures';

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
      'The bootmem-exclusive-2.6.27 model follows Linux 2.6.27 to 2.6.32; this log is Linux 2.6.32-21-generic.',
    );
    expect(r.summary.text).toContain(
      'Scenario ready for model bootmem-exclusive-2.6.27, which follows Linux 2.6.27 to 2.6.32 (the log is Linux 2.6.32-21-generic).',
    );
  });

  it('a memblock kernel other than 6.1 runs on the 6.1 model: its rules can differ', () => {
    const r = load(['Linux version 3.0.0-12-generic (x) #1', ...OLD_E820]);
    expect(
      note(r, /^The memblock-6\.1 model follows Linux 6\.1; this log is Linux 3\.0\.0/),
    ).toMatch(/the run's facts can differ from the log's/);
    const same = load(['Linux version 6.1.0-18-amd64 (x) #1', ...OLD_E820]);
    expect(note(same, /^The memblock-6\.1 model follows/)).toBe(
      'The memblock-6.1 model follows Linux 6.1, standing in for every memblock kernel from 2.6.37 on; this log is Linux 6.1.0-18-amd64.',
    );
    expect(same.summary.text).toContain(
      'Scenario ready for model memblock-6.1, which follows Linux 6.1, standing in for every memblock kernel from 2.6.37 on (the log is Linux 6.1.0-18-amd64).',
    );
  });

  it('low memory the kernel reserves in e820 (the 64 KiB of 2.6.3x–3.x) that the model keeps', () => {
    const r = load([
      'Linux version 3.0.0-12-generic (x) #1',
      ...OLD_E820,
      'e820 update range: 0000000000000000 - 0000000000010000 (usable) ==> (reserved)',
      'e820 remove range: 00000000000a0000 - 0000000000100000 (usable)',
    ]);
    expect(note(r, /^Log line/)).toBe(
      'Log line 6: this kernel marks low memory [mem 0x0000000000000000-0x000000000000ffff] reserved in its e820 map (a BIOS known to corrupt low RAM, CONFIG_X86_RESERVE_LOW or the low-memory corruption check). The memblock-6.1 model does not make this edit (6.1 keeps the first 64 KiB in memblock.reserved instead, and only page 0 leaves the map), so zone DMA, the first early node range and what the kernel placed in low memory can start lower in the run than in the log.',
    );
    // 6.1 reserves page 0 in e820 as well: that edit is no difference.
    const page0 = load([
      'Linux version 6.1.0 (x) #1',
      ...OLD_E820,
      'e820: update [mem 0x00000000-0x00000fff] usable ==> reserved',
    ]);
    expect(note(page0, /^Log line/)).toBeUndefined();
  });

  it('a 32-bit kernel: no HighMem in the models, and RAM above 4 GiB it did not use', () => {
    const r = load([
      'Linux version 2.6.32-13-generic (x) #1',
      'BIOS-e820: 0000000000000000 - 000000000009d800 (usable)',
      'BIOS-e820: 0000000000100000 - 00000000afeb0000 (usable)',
      'BIOS-e820: 0000000100000000 - 0000000140000000 (usable)',
      'Zone PFN ranges:',
      '  DMA      0x00000010 -> 0x00001000',
      '  Normal   0x00001000 -> 0x000377fe',
      '  HighMem  0x000377fe -> 0x000afeb0',
      'early_node_map[2] active PFN ranges',
      '    0: 0x00000010 -> 0x0000009d',
      '    0: 0x00000100 -> 0x000afeb0',
      'Memory: 2832080k/2882240k available (4780k kernel code, 48516k reserved, 2233k data, 660k init, 1972936k highmem)',
      '      .text : 0xc0100000 - 0xc05ab0ff   (4780 kB)',
    ]);
    expect(r.boot.kernel.arch).toBe('i386');
    expect(note(r, /^This is a 32-bit/)).toBe(
      "This is a 32-bit (i386) kernel; the bootmem-exclusive-2.6.27 model follows x86_64 rules: it has no HighMem zone, so the log's DMA/Normal/HighMem zones are DMA/DMA32/Normal in the run, and the zone rows differ. This kernel did not use the RAM above 4 GiB (a 32-bit kernel without PAE cannot); the run does.",
    );
  });

  it('DMA32 printed up to 4 GiB past the end of RAM (before 6.1 clipped it)', () => {
    const r = load([
      'Linux version 3.0.0-12-generic (x) #1',
      ...OLD_E820,
      'Zone PFN ranges:',
      '  DMA      0x00000010 -> 0x00001000',
      '  DMA32    0x00001000 -> 0x00100000',
      '  Normal   empty',
    ]);
    expect(note(r, /DMA32/)).toBe(
      "This kernel prints zone DMA32 up to 4 GiB although its RAM ends at 0xbf6d0000 (≈2.99 GiB); 6.1 prints zones only up to the end of RAM, so the run's DMA32 ends there.",
    );
  });

  it("crashkernel=auto: Red Hat's option, unknown upstream", () => {
    const r = load([
      'Linux version 3.10.0-957.el7.x86_64 (x) #1',
      'Command line: ro crashkernel=auto',
      ...OLD_E820,
    ]);
    expect(note(r, /crashkernel=auto/)).toMatch(/^crashkernel=auto is a Red Hat kernel option/);
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
