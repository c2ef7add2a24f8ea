import { describe, expect, it } from 'vitest';
import { MiB } from '../../base/addr';
import { KernelBug } from '../bootmem/bootmem';
import { EarlyResTable } from './early-res';

const e = (start: number, end: number, type = 1) => ({ start, end, type });
const MAP = [e(0, 0x9fc00), e(0x9fc00, 0xa0000, 2), e(0x100000, 0x40000000)];

describe('early_res (v2.6.33 arch/x86/kernel/e820.c, v2.6.34 kernel/early_res.c)', () => {
  it('panics on an overlap with the kernel message, inclusive ends', () => {
    const t = new EarlyResTable();
    t.reserve(0x200000, 0x800000, 'TEXT DATA BSS');
    expect(() => t.reserve(0x700000, 0x900000, 'RAMDISK')).toThrow(
      new KernelBug(
        'Overlapping early reservations 700000-8fffff RAMDISK to 200000-7fffff TEXT DATA BSS',
        'reserve_early',
      ),
    );
  });
  it('overlap_ok entries give way', () => {
    const t = new EarlyResTable();
    t.reserve(0x9f000, 0x100000, 'BIOS reserved', true);
    t.reserve(0x9e000, 0xa0000, 'EBDA');
    expect(t.sorted().map((r) => [r.start, r.end, r.name])).toEqual([
      [0x9e000, 0xa0000, 'EBDA'],
      [0xa0000, 0x100000, 'BIOS reserved'],
    ]);
  });
  it('find_e820_area steps past overlapped entries, rounded to the alignment', () => {
    const t = new EarlyResTable();
    t.reserve(0, 0x1000, 'BIOS data page');
    t.reserve(0x200000, 0xf9a6c8, 'TEXT DATA BSS');
    expect(t.findArea(MAP, 0, 2 ** 40, 0x4000, 0x1000).addr).toBe(0x1000);
    // 1.5 MiB does not fit below 640 KiB; from 1 MiB it hits the kernel and lands after it.
    expect(t.findArea(MAP, 0x6000, 2 ** 40, 0x180000, 0x1000).addr).toBe(0xf9b000);
    expect(t.findArea(MAP, 16 * MiB, 2 ** 40, 128 * MiB, 16 * MiB).addr).toBe(16 * MiB);
  });
  it('a fixed base must come back unchanged (the 2.6.33 crashkernel test)', () => {
    const t = new EarlyResTable();
    t.reserve(0x1000000, 0x4411000, 'TEXT DATA BSS');
    expect(t.findArea(MAP, 16 * MiB, 2 ** 40, 128 * MiB, MiB).addr).toBe(0x4500000);
  });
  it('reports no room', () => {
    expect(new EarlyResTable().findArea(MAP, 0, 2 ** 40, 2 * 0x40000000, 0x1000).addr).toBeNull();
  });
});
