import { describe, expect, it } from 'vitest';
import { formatLocus, parseLocus } from './locus';

describe('parseLocus', () => {
  it('reads a kernel-style inclusive range', () => {
    expect(parseLocus('0x1000000-0x111afff')).toEqual({
      ok: true,
      kind: 'range',
      start: 0x1000000,
      end: 0x111b000,
    });
  });
  it('reads a range pasted from dmesg', () => {
    expect(parseLocus('[mem 0x0000000001000000-0x000000000111afff]')).toMatchObject({
      start: 0x1000000,
      end: 0x111b000,
    });
  });
  it('reads start plus size with unit suffixes', () => {
    expect(parseLocus('16M+128M')).toMatchObject({ start: 16 * 2 ** 20, end: 144 * 2 ** 20 });
  });
  it('treats an end written with a unit as exclusive', () => {
    expect(parseLocus('16M-18M')).toMatchObject({ start: 16 * 2 ** 20, end: 18 * 2 ** 20 });
  });
  it('reads a half-open range on page boundaries as half-open, but never a pasted [mem …]', () => {
    expect(parseLocus('0x1000000-0x111b000')).toMatchObject({ start: 0x1000000, end: 0x111b000 });
    expect(parseLocus('0x0-0x1000')).toMatchObject({ start: 0, end: 0x1000 });
    expect(parseLocus('[mem 0x1000000-0x111b000]')).toMatchObject({ end: 0x111b001 });
    expect(parseLocus('0x1000000-0x111b008')).toMatchObject({ end: 0x111b009 });
    expect(parseLocus('0x1000000-0x10000000000000')).toMatchObject({ end: 2 ** 52 });
  });
  it('reads one address as a point to centre on, and tolerates spaces', () => {
    expect(parseLocus('  0xf9b000 ')).toEqual({ ok: true, kind: 'point', addr: 0xf9b000 });
    expect(parseLocus('0x1000 - 0x1fff')).toMatchObject({ start: 0x1000, end: 0x2000 });
  });
  it('is exact at the top of the 2^52 address space', () => {
    expect(parseLocus('0xffffffffff000-0xfffffffffffff')).toMatchObject({
      start: 2 ** 52 - 4096,
      end: 2 ** 52,
    });
  });
  it.each([
    ['', /empty/, 0],
    ['zz', /a start address expected, found "zz" \(character 1\)/, 0],
    ['16Q+1M', /unexpected "Q" after the start.*character 3/, 2],
    ['0x2000-0x1000', /end 0x1000 must be above the start 0x2000 \(character 8\)/, 7],
    ['0x1000+0', /size 0/, 7],
    ['0x1000-', /an end address expected, found nothing/, 7],
    ['0x1000-0x2000 junk', /unexpected "junk" after the range/, 14],
    ['0x20000000000000-0x20000000000001', /a start address is beyond the 2\^52-byte/, 0],
    ['0x1001-0x10000000000000', /past the last physical byte 0xfffffffffffff/, 7],
    ['4P+1P', /ends beyond the 2\^52-byte address space/, 3],
  ])('rejects %j with a message that says what and where', (text, message, at) => {
    const r = parseLocus(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(message);
    expect(r.at).toBe(at);
  });
});

describe('formatLocus', () => {
  it('prints the inclusive last byte, and round-trips', () => {
    expect(formatLocus(0x1000000, 0x111b000)).toBe('[mem 0x1000000-0x111afff]');
    expect(parseLocus(formatLocus(0x1000000, 0x111b000))).toMatchObject({
      start: 0x1000000,
      end: 0x111b000,
    });
  });
});
