/** The kernel image: from what the log shows, and a default only inside usable RAM. */
import { describe, expect, it } from 'vitest';
import { E820_RAM, E820_RESERVED } from '../input/e820';
import { simulate } from '../models/simulate';
import { importLines } from '../testing/log-fixtures';
import { placeInRam } from './kernel-image';

const load = importLines;

const MEMORY =
  'Memory: 129092K/262128K available (14348K kernel code, 1414K rwdata, 3376K rodata, 1576K init, 1124K bss, 133036K reserved, 0K cma-reserved)';
/** A 4.19 kdump kernel: its map is the crash window at 624 MiB, as corpus 13's second boot. */
const CAPTURE = [
  'Linux version 4.19.57 (x) #1 SMP',
  'Command line: ro irqpoll maxcpus=1 reset_devices elfcorehdr=900536K',
  'BIOS-provided physical RAM map:',
  'BIOS-e820: [mem 0x0000000000001000-0x000000000008efff] usable',
  'BIOS-e820: [mem 0x000000000008f000-0x000000000008ffff] ACPI NVS',
  'BIOS-e820: [mem 0x0000000027000000-0x0000000036f6dfff] usable',
];

describe('the kernel image', () => {
  it('a crash-capture kernel runs in its crash window, not at the default 16 MiB', () => {
    const r = load([...CAPTURE, MEMORY]);
    const k = r.scenario?.kernel;
    expect(k?.text).toBe(0x27000000);
    expect((k?.end ?? 0) - (k?.text ?? 0)).toBe(0x1554000);
    expect(r.notes.join('\n')).toMatch(
      /crash-capture kernel \(elfcorehdr= on its command line\): its e820 map is the crash window .* put at 0x27000000/,
    );
    // The model needs no kernel range added as RAM: memory is only what the log has.
    const sim = simulate(r.scenario!, r.scenario!.model);
    if (!sim.ok) throw new Error(sim.error);
    expect(sim.sim.events.some((e) => e.kind === 'e820-kernel')).toBe(false);
  });

  it('clear of setup_data (the extended map) and the initrd the log shows', () => {
    const r = load([
      ...CAPTURE,
      'extended physical RAM map:',
      'reserve setup_data: [mem 0x0000000000001000-0x000000000008efff] usable',
      'reserve setup_data: [mem 0x0000000027000000-0x000000002700006f] usable',
      'reserve setup_data: [mem 0x0000000027000070-0x0000000036f6dfff] usable',
      'RAMDISK: [mem 0x27200000-0x275fffff]',
      MEMORY,
    ]);
    expect(r.scenario?.kernel.text).toBe(0x27600000);
  });

  it('at the default where the default is usable RAM and KASLR is off', () => {
    for (const head of [
      ['Linux version 4.9.0 (x) #1'],
      ['Linux version 5.10.0 (x) #1', 'Command line: ro nokaslr'],
    ]) {
      const r = load([
        ...head,
        'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
        MEMORY,
      ]);
      expect(r.scenario?.kernel.text).toBe(0x1000000);
      expect(r.notes).toContain(
        "The kernel image starts at the default 0x1000000 and its size (≈21.33 MiB) is the sum of the Memory: line's parts.",
      );
    }
  });

  it('KASLR (on by default from 4.12): in the middle of the largest free RAM range', () => {
    const r = load([
      'Linux version 5.10.0 (x) #1',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
      'BIOS-e820: [mem 0x0000000100000000-0x000000047fffffff] usable',
      'RAMDISK: [mem 0x2d18f000-0x31342fff]',
      MEMORY,
    ]);
    // [4 GiB, 18 GiB) is the largest; its middle, on a 2 MiB boundary.
    expect(r.scenario?.kernel.text).toBe(0x2bf600000);
    expect(r.notes.some((n) => n.startsWith('KASLR moved this kernel'))).toBe(true);
  });

  it('the brk pool printed by 3.9+ kernels (BRK PGTABLE) tells where the image ends', () => {
    const r = load([
      'Linux version 3.10.0-957.el7.x86_64 (x) #1',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
      'BIOS-e820: [mem 0x0000000100000000-0x000000037fffffff] usable',
      'BRK [0x174852000, 0x174852fff] PGTABLE',
      MEMORY,
    ]);
    expect(r.scenario?.kernel.end).toBe(0x174852000);
    expect((r.scenario?.kernel.text ?? 0) % 0x200000).toBe(0);
  });

  it('/proc/iomem lines pasted with the log place it exactly', () => {
    const r = load([
      ...CAPTURE,
      MEMORY,
      '  27400000-27e0257f : Kernel code',
      '  27e02580-282fffff : Kernel data',
      '  2849e000-285fffff : Kernel bss',
    ]);
    expect(r.scenario?.kernel).toMatchObject({ text: 0x27400000, end: 0x28600000 });
  });

  it("the first MEMBLOCK dump's reservation, where KASLR or kexec moved the kernel", () => {
    const r = load([
      'Linux version 5.10.0 (x) #1',
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
      'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
      'RAMDISK: [mem 0x10000000-0x10ffffff]',
      'MEMBLOCK configuration:',
      ' memory size = 0x000000007ff9fc00 reserved size = 0x0000000004000000',
      ' memory.cnt  = 0x2',
      ' memory[0x0]\t[0x0000000000000000-0x000000000009fbff], 0x000000000009fc00 bytes flags: 0x0',
      ' memory[0x1]\t[0x0000000000100000-0x000000007fffffff], 0x000000007ff00000 bytes flags: 0x0',
      ' reserved.cnt  = 0x3',
      ' reserved[0x0]\t[0x0000000000000000-0x000000000000ffff], 0x0000000000010000 bytes flags: 0x0',
      ' reserved[0x1]\t[0x0000000010000000-0x0000000010ffffff], 0x0000000001000000 bytes flags: 0x0',
      ' reserved[0x2]\t[0x0000000032000000-0x0000000034bfffff], 0x0000000002c00000 bytes flags: 0x0',
    ]);
    expect(r.scenario?.kernel).toMatchObject({ text: 0x32000000, end: 0x34c00000 });
    expect(r.notes).toContain(
      "The kernel image is the first MEMBLOCK dump's reserved region at 0x32000000 (it includes brk).",
    );
  });
});

describe('placeInRam', () => {
  const map = [
    { start: 0, end: 0x9f000, type: E820_RAM },
    { start: 0x9f000, end: 0x100000, type: E820_RESERVED },
    { start: 0x100000, end: 0x800000, type: E820_RAM },
  ];

  it('the first 2 MiB boundary at or above the default, else above 1 MiB', () => {
    expect(placeInRam(map, 0x200000, 0x100000, [])).toBe(0x200000);
    expect(placeInRam(map, 0x200000, 0x1000000, [])).toBe(0x200000);
    expect(placeInRam(map, 0x200000, 0x100000, [{ start: 0x200000, end: 0x300000 }])).toBe(
      0x400000,
    );
    expect(placeInRam(map, 0x800000, 0x100000, [])).toBeNull();
  });
});
