import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignDown,
  alignUp,
  hex,
  hexAlt,
  humanAddr,
  humanSize,
  kernelAlign,
  lowestSetBit,
  MAX_PHYS,
  memparse,
  memRange,
  oldRange,
  parseSize,
} from './addr';

describe('memparse (lib/cmdline.c)', () => {
  it('reads decimal, hex and octal in base 0', () => {
    expect(memparse('4096').value).toBe(4096);
    expect(memparse('0x1000000').value).toBe(0x1000000);
    expect(memparse('0X10').value).toBe(16);
    expect(memparse('010').value).toBe(8);
  });
  it('applies one K/M/G/T/P/E suffix in either case', () => {
    expect(memparse('128M').value).toBe(128 * 2 ** 20);
    expect(memparse('16m').value).toBe(16 * 2 ** 20);
    expect(memparse('48G').value).toBe(48 * 2 ** 30);
    expect(memparse('4T').value).toBe(4 * 2 ** 40);
    expect(memparse('1P').value).toBe(2 ** 50);
    expect(memparse('0x10K').value).toBe(16 * 1024);
  });
  it('stops at the first character it does not understand and reports where', () => {
    const r = memparse('128M@16M');
    expect(r.value).toBe(128 * 2 ** 20);
    expect(r.end).toBe(4);
    expect(memparse('256M,high').end).toBe(4);
  });
  it('consumes nothing without digits, as the kernel does', () => {
    expect(memparse('M')).toEqual({ value: 0, end: 0, digits: false });
    expect(memparse('0x').end).toBe(1); // "0" then an "x" that is not followed by a hex digit
  });
  it('old kernels know only K, M and G', () => {
    expect(memparse('1T', 0, 'kmg').end).toBe(1);
  });
  it('wraps like unsigned long long and flags values beyond 2^53', () => {
    expect(memparse('16E').value).toBe(0);
    expect(memparse('8E').value).toBeNull();
  });
});

describe('parseSize: a whole field typed by a person', () => {
  it('accepts 0x..., suffixes and plain numbers', () => {
    expect(parseSize(' 16M ')).toEqual({ ok: true, value: 0x1000000 });
    expect(parseSize('0x111afff')).toEqual({ ok: true, value: 0x111afff });
  });
  it('says what is wrong and where', () => {
    expect(parseSize('')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parseSize('16Q')).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown suffix "Q" at character 3'),
    });
    expect(parseSize('abc')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a number'),
    });
    expect(parseSize('8P')).toMatchObject({ ok: false, error: expect.stringContaining('2^52') });
  });
  it('accepts exactly 2^52 as an end', () => {
    expect(parseSize('4P')).toEqual({ ok: true, value: MAX_PHYS });
  });
});

describe('alignment stays exact above 2^32', () => {
  it('aligns large addresses without 32-bit truncation', () => {
    expect(alignUp(0xc00000001, 0x1000)).toBe(0xc00001000);
    expect(alignDown(2 ** 52 - 1, 0x200000)).toBe(2 ** 52 - 0x200000);
  });
  it('kernelAlign(x, 0) is 0 like the C macro', () => {
    expect(kernelAlign(0x1234, 0)).toBe(0);
    expect(kernelAlign(0x1234, 0x100)).toBe(0x1300);
  });
  it('finds the lowest set bit of a 48 GiB boundary', () => {
    expect(lowestSetBit(0xc00000000)).toBe(34);
  });
});

describe('formatting', () => {
  it('hex is lowercase with 0x and no padding', () => {
    expect(hex(0xf9b000)).toBe('0xf9b000');
    expect(hex(0)).toBe('0x0');
  });
  it('kernel ranges print an inclusive end; old ranges an exclusive one', () => {
    expect(memRange(0x1000000, 0x111b000)).toBe('[mem 0x0000000001000000-0x000000000111afff]');
    expect(memRange(0x1000000, 0x111b000, 10)).toBe('[mem 0x01000000-0x0111afff]');
    expect(oldRange(0, 0x9fc00)).toBe('0000000000000000 - 000000000009fc00');
    expect(hexAlt(0x1000, 10)).toBe('0x00001000');
  });
  it('memRange prints printk %#018llx for any range, empty and reversed ones too', () => {
    const printk = (x: number) =>
      x < 0
        ? '0x' + `${x.toString(16)}`.padStart(16, '0')
        : '0x' + BigInt(x).toString(16).padStart(16, '0');
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (a, b) => {
        expect(memRange(a, b)).toBe(`[mem ${printk(a)}-${printk(b - 1)}]`);
      }),
      { numRuns: 2000 },
    );
    expect(memRange(0, 0)).toBe('[mem 0x0000000000000000-0x00000000000000-1]');
    expect(memRange(0, 2 ** 52)).toBe('[mem 0x0000000000000000-0x000fffffffffffff]');
  });
  it('binary units, marking inexact values', () => {
    expect(humanSize(0x180000)).toBe('1.5 MiB');
    expect(humanSize(128 * 2 ** 20)).toBe('128 MiB');
    expect(humanSize(0x11b000)).toBe('≈1.11 MiB');
    expect(humanSize(512)).toBe('512 B');
    expect(humanAddr(0x1000000)).toBe('16 MiB');
    expect(humanAddr(0xf9b000)).toBe('0xf9b000 (≈15.61 MiB)');
  });
});
