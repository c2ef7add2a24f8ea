import { describe, expect, it } from 'vitest';
import {
  e820AnyMapped,
  e820Ram,
  e820RamPages,
  e820TypeName,
  formatE820New,
  formatE820Old,
  parseE820Type,
  sanitizeE820,
  E820_ACPI,
  E820_NVS,
  E820_RAM,
  E820_RESERVED,
} from './e820';

const e = (start: number, end: number, type: number) => ({ start, end, type });

describe('sanitize_e820_map (v2.6.23 arch/x86_64/kernel/e820.c)', () => {
  it('resolves overlaps: the larger type wins', () => {
    const map = sanitizeE820([e(0, 0x100000, E820_RAM), e(0x9fc00, 0xa0000, E820_RESERVED)]);
    expect(map).toEqual([
      e(0, 0x9fc00, E820_RAM),
      e(0x9fc00, 0xa0000, E820_RESERVED),
      e(0xa0000, 0x100000, E820_RAM),
    ]);
  });
  it('follows the kernel comment example: nested types and neighbours merge', () => {
    const map = sanitizeE820([e(0, 8, 1), e(4, 6, 2), e(5, 7, 4), e(7, 12, 1), e(12, 14, 1)]);
    expect(map).toEqual([e(0, 4, 1), e(4, 5, 2), e(5, 7, 4), e(7, 14, 1)]);
  });
  it('drops empty entries and sorts', () => {
    expect(sanitizeE820([e(0x100000, 0x200000, 1), e(5, 5, 2), e(0, 0x9fc00, 1)])).toEqual([
      e(0, 0x9fc00, 1),
      e(0x100000, 0x200000, 1),
    ]);
  });
  it('leaves a map of fewer than two entries alone', () => {
    expect(sanitizeE820([e(0, 10, 1)])).toEqual([e(0, 10, 1)]);
  });
  it('handles 10^4 entries quickly (a sweep, not a quadratic scan)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      e(i * 0x2000, i * 0x2000 + 0x3000, (i % 4) + 1),
    );
    const out = sanitizeE820(many);
    expect(out[0]).toEqual(e(0, 0x2000, 1));
    expect(out.every((x, i) => i === 0 || x.start >= (out[i - 1] as { end: number }).end)).toBe(
      true,
    );
  });
});

describe('printing', () => {
  const map = [
    e(0, 0x9fc00, E820_RAM),
    e(0x9fc00, 0xa0000, E820_RESERVED),
    e(0xbff70000, 0xbff80000, E820_ACPI),
    e(0xbff80000, 0xc0000000, E820_NVS),
    e(0xc0000000, 0xc0001000, 9),
  ];
  it('old format: exclusive end, parenthesised type', () => {
    expect(formatE820Old(map)).toEqual([
      ' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)',
      ' BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)',
      ' BIOS-e820: 00000000bff70000 - 00000000bff80000 (ACPI data)',
      ' BIOS-e820: 00000000bff80000 - 00000000c0000000 (ACPI NVS)',
      ' BIOS-e820: 00000000c0000000 - 00000000c0001000 type 9',
    ]);
  });
  it('new format: inclusive end in [mem ...]', () => {
    expect(formatE820New(map.slice(0, 1))).toEqual([
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
    ]);
  });
  it('type names round-trip through every spelling', () => {
    for (const t of [1, 2, 3, 4, 5, 7, 12, 0xefffffff, 9])
      expect(parseE820Type(e820TypeName(t))).toBe(t);
    expect(parseE820Type('(ACPI NVS)')).toBe(E820_NVS);
    expect(parseE820Type('System RAM')).toBe(E820_RAM);
    expect(parseE820Type('bogus')).toBeNull();
  });
});

describe('queries', () => {
  const map = [e(0, 0x9fc00, 1), e(0x9fc00, 0xa0000, 2), e(0x100000, 0x200800, 1)];
  it('RAM ranges and whole RAM pages (start rounded up, end rounded down)', () => {
    expect(e820Ram(map)).toEqual([
      { start: 0, end: 0x9fc00 },
      { start: 0x100000, end: 0x200800 },
    ]);
    expect(e820RamPages(map)).toEqual([
      { start: 0, end: 0x9f },
      { start: 0x100, end: 0x200 },
    ]);
    expect(e820RamPages(map, 0x150)).toEqual([
      { start: 0, end: 0x9f },
      { start: 0x100, end: 0x150 },
    ]);
  });
  it('e820_any_mapped with and without a type', () => {
    expect(e820AnyMapped(map, { start: 0xa0000, end: 0x100000 })).toBe(false);
    expect(e820AnyMapped(map, { start: 0x9f000, end: 0xa0000 }, E820_RESERVED)).toBe(true);
  });
});
