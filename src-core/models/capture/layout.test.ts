import { describe, expect, it } from 'vitest';
import { MiB } from '../../base/addr';
import { E820_ACPI, E820_RAM, E820_RESERVED } from '../../input/e820';
import { captureCmdline, elfHeaderBytes, kexecLayout } from './layout';

const firmware = [
  { start: 0, end: 0x9fc00, type: E820_RAM },
  { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
  { start: 0x100000, end: 0xbffe0000, type: E820_RAM },
  { start: 0xbffe0000, end: 0xc0000000, type: E820_ACPI },
  { start: 0x100000000, end: 0x140000000, type: E820_RAM },
];
const window = { start: 0xaf000000, end: 0xbf000000 };
const image = { size: 0x3400000, initSize: 0x3f98000, align: 2 * MiB, initrd: 32 * MiB };

describe('kexec_file_load', () => {
  const r = kexecLayout({ loader: 'kexec_file_load', window, low: null, image, firmware, cpus: 4 });
  if (!r.ok) throw new Error(r.error);
  const l = r.layout;

  it('puts the ELF headers at the bottom of the window and the rest top-down inside it', () => {
    expect(l.elfcorehdr.start).toBe(window.start);
    for (const s of l.segments) {
      expect(s.start).toBeGreaterThanOrEqual(window.start);
      expect(s.end).toBeLessThanOrEqual(window.end);
    }
    expect(l.kernel.start % (2 * MiB)).toBe(0);
    expect(l.kernel.start + image.initSize).toBeLessThanOrEqual(window.end);
    expect(l.initrd?.end).toBeLessThanOrEqual(l.kernel.start);
  });

  it('builds the e820 table: low RAM from page 1, firmware ranges, the window less the headers', () => {
    expect(l.e820[0]).toEqual({ start: 0x1000, end: 0x9fc00, type: E820_RAM });
    expect(l.e820).toContainEqual({ start: 0xbffe0000, end: 0xc0000000, type: E820_ACPI });
    expect(l.e820).toContainEqual({ start: l.elfcorehdr.end, end: window.end, type: E820_RAM });
    expect(l.e820.filter((e) => e.type === E820_RAM && e.start >= 0x100000000)).toEqual([]);
    expect(l.args).toBe(`elfcorehdr=0x${window.start.toString(16)}`);
  });
});

describe('kexec_load (kexec-tools, memmap=exactmap)', () => {
  it('writes the memmap= list kexec-tools writes, in KiB', () => {
    const r = kexecLayout({ loader: 'kexec_load', window, low: null, image, firmware, cpus: 1 });
    expect(r.ok && r.layout.args).toBe(
      `memmap=exactmap memmap=640K@0K memmap=${(window.end - window.start) / 1024 - 4}K@${window.start / 1024 + 4}K elfcorehdr=${window.start / 1024}K`,
    );
  });

  it('refuses a window too small for the kernel and the initrd', () => {
    const small = { start: window.start, end: window.start + 64 * MiB };
    const r = kexecLayout({
      loader: 'kexec_load',
      window: small,
      low: null,
      image,
      firmware,
      cpus: 1,
    });
    expect(r.ok).toBe(false);
  });
});

it('the ELF header: one program header per CPU note, vmcoreinfo, kernel text and RAM range', () => {
  expect(elfHeaderBytes(1, 3)).toBe(4096);
  expect(elfHeaderBytes(128, 8)).toBe(8192);
});

it("the capture command line keeps the crashed kernel's, less crashkernel= and memmap=", () => {
  expect(
    captureCmdline('ro quiet crashkernel=256M memmap=64M$1G', 'nr_cpus=1', 'elfcorehdr=0x1'),
  ).toBe('ro quiet nr_cpus=1 elfcorehdr=0x1');
});
