/** Numbers as dmesg prints them, and the hex formatting the importer leans on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, hexPad, MAX_PHYS } from '../base/addr';
import { exclusiveRange, hexValue, inclusiveRange, nodeSpanRange, pfnRange } from './numbers';

describe('hex formatting (addr.ts) matches toString(16) everywhere', () => {
  it('for any safe integer and the edges', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (x) => {
        expect(hex(x)).toBe('0x' + x.toString(16));
        expect(hexPad(x, 16)).toBe(x.toString(16).padStart(16, '0'));
      }),
    );
    for (const x of [
      0,
      1,
      0xffffff,
      0x1000000,
      0x1000001,
      2 ** 32,
      MAX_PHYS,
      Number.MAX_SAFE_INTEGER,
    ])
      expect(hex(x)).toBe('0x' + x.toString(16));
    expect(hex(-1)).toBe('0x-1');
  });
});

describe('reading numbers', () => {
  it('hex with or without 0x; beyond 2^53 is null, not wrapped', () => {
    expect(hexValue('0x0000000000001000')).toBe(0x1000);
    expect(hexValue('9fc00')).toBe(0x9fc00);
    expect(hexValue('0XFF')).toBe(255);
    expect(hexValue('0x10000000000000000')).toBeNull();
    expect(hexValue('0xfffffffffffffffe')).toBeNull();
    expect(hexValue('')).toBeNull();
    expect(hexValue('0x')).toBeNull();
    expect(hexValue('12g')).toBeNull();
  });

  it('hexValue reads exactly what a regex and parseInt would, for any text', () => {
    // The reading it replaced: strip 0x, 1 to 64 hex digits, parseInt, null beyond 2^53.
    const reference = (text: string): number | null => {
      const digits = /^[\s\S][xX]/.test(text) ? text.slice(2) : text;
      if (!/^[0-9a-fA-F]{1,64}$/.test(digits)) return null;
      const v = parseInt(digits, 16);
      return v <= Number.MAX_SAFE_INTEGER ? v : null;
    };
    const hexish = fc.stringMatching(/^(?:0[xX]|[0-9a-zA-Z][xX])?[0-9a-fA-FgxX ]{0,70}$/);
    fc.assert(
      fc.property(fc.oneof(hexish, fc.string()), (text) => {
        expect(hexValue(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    for (const x of [2 ** 53 - 1, 2 ** 53, 2 ** 53 + 1, 2 ** 64 - 1]) {
      const text = '0x' + BigInt(x).toString(16);
      expect(hexValue(text)).toBe(reference(text));
    }
  });

  it('inclusive and exclusive ends, clamped at the physical limit', () => {
    expect(inclusiveRange('0x1000', '0x1fff')).toEqual({ start: 0x1000, end: 0x2000 });
    expect(inclusiveRange('0x100000000', '0xfffffffffffffffe')).toEqual({
      start: 0x100000000,
      end: MAX_PHYS,
    });
    expect(inclusiveRange('0x2000', '0x1000')).toBeNull();
    expect(exclusiveRange('9fc00', 'a0000')).toEqual({ start: 0x9fc00, end: 0xa0000 });
    expect(exclusiveRange('a0000', 'a0000')).toBeNull();
  });

  it('node spans: an end one byte short of a page is inclusive', () => {
    expect(nodeSpanRange('0', '1fffffff')).toEqual({ start: 0, end: 0x20000000 });
    expect(nodeSpanRange('20000000', '3fff0000')).toEqual({ start: 0x20000000, end: 0x3fff0000 });
  });

  it('page frame numbers in decimal or hex', () => {
    expect(pfnRange('4096', '1048576')).toEqual({ start: 0x1000000, end: 0x100000000 });
    expect(pfnRange('0x00000010', '0x0000009d')).toEqual({ start: 0x10000, end: 0x9d000 });
    expect(pfnRange('10', '10')).toBeNull();
    expect(pfnRange('x', '10')).toBeNull();
  });
});
