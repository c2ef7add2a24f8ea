import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { parseCmdline } from '../../input/cmdline';
import { E820_ACPI, E820_PRAM, E820_RAM, E820_RESERVED, type E820Entry } from '../../input/e820';
import {
  applyMemOptions61,
  endPfn,
  mappedAll,
  rangeRemove,
  rangeUpdate,
  updateTable,
} from './e820';
import { rulesFor } from '../../kernel/rules';
import { memmapSyntax } from '../../input/memmap';

/** The QEMU pc map of a 6 GiB guest, as the oracle logs print it. */
const QEMU_6G: E820Entry[] = [
  { start: 0, end: 0x9fc00, type: E820_RAM },
  { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
  { start: 0xf0000, end: 0x100000, type: E820_RESERVED },
  { start: 0x100000, end: 0xbffe0000, type: E820_RAM },
  { start: 0xbffe0000, end: 0xc0000000, type: E820_RESERVED },
  { start: 0xfffc0000, end: 0x100000000, type: E820_RESERVED },
  { start: 0x100000000, end: 0x1c0000000, type: E820_RAM },
];

const SIX_ONE = memmapSyntax(rulesFor([6, 1, 0]));
const mem = (cmdline: string, syntax = SIX_ONE) =>
  applyMemOptions61(QEMU_6G, parseCmdline(cmdline), syntax);

describe('trim_bios_range edits (v6.1 arch/x86/kernel/e820.c)', () => {
  it('e820__range_update splits page 0 off and prints the 6.1 line', () => {
    const r = rangeUpdate(QEMU_6G, 0, 0x1000, E820_RAM, E820_RESERVED);
    expect(r.line).toBe('e820: update [mem 0x00000000-0x00000fff] usable ==> reserved');
    expect(updateTable(r.map)?.slice(0, 2)).toEqual([
      { start: 0, end: 0x1000, type: E820_RESERVED },
      { start: 0x1000, end: 0x9fc00, type: E820_RAM },
    ]);
  });
  it('e820__range_remove prints its line even when nothing is removed', () => {
    const r = rangeRemove(QEMU_6G, 0xa0000, 0x100000, E820_RAM);
    expect(r.line).toBe('e820: remove [mem 0x000a0000-0x000fffff] usable');
    expect(updateTable(r.map)).toEqual(QEMU_6G);
  });
  it('e820__update_table refuses a table of fewer than two entries', () => {
    expect(updateTable([{ start: 0, end: GiB, type: E820_RAM }])).toBeNull();
  });
});

describe('mem= and memmap= (parse_memopt, parse_memmap_one)', () => {
  it('mem=3G removes RAM up to ULLONG_MAX and prints its last byte as ULLONG_MAX - 1', () => {
    const r = mem('mem=3G');
    expect(r.userdef).toBe(true);
    expect(r.lines).toEqual(['e820: remove [mem 0xc0000000-0xfffffffffffffffe] usable']);
    const map = updateTable(r.map) ?? [];
    expect(map.filter((e) => e.type === E820_RAM).at(-1)).toEqual({
      start: 0x100000,
      end: 0xbffe0000,
      type: E820_RAM,
    });
  });
  it('memmap=nn without a qualifier works like mem=', () => {
    expect(mem('memmap=2G').lines).toEqual([
      'e820: remove [mem 0x80000000-0xfffffffffffffffe] usable',
    ]);
  });
  it('memmap=exactmap empties the table; @ # $ ! add RAM, ACPI, reserved and persistent entries', () => {
    const r = mem(
      'memmap=exactmap memmap=640K@0 memmap=2047M@1M,16M#0x90000000 memmap=1M$0x30000000 memmap=256M!4G',
    );
    expect(r.map).toEqual([
      { start: 0, end: 640 * 1024, type: E820_RAM },
      { start: MiB, end: 2048 * MiB, type: E820_RAM },
      { start: 0x90000000, end: 0x91000000, type: E820_ACPI },
      { start: 0x30000000, end: 0x30100000, type: E820_RESERVED },
      { start: 4 * GiB, end: 4 * GiB + 256 * MiB, type: E820_PRAM },
    ]);
    // Sanitizing: the reserved hole cuts the RAM entry it overlaps (the larger type wins).
    expect(updateTable(r.map)?.map((e) => [e.start, e.end, e.type])).toEqual([
      [0, 640 * 1024, E820_RAM],
      [MiB, 0x30000000, E820_RAM],
      [0x30000000, 0x30100000, E820_RESERVED],
      [0x30100000, 2048 * MiB, E820_RAM],
      [0x90000000, 0x91000000, E820_ACPI],
      [4 * GiB, 4 * GiB + 256 * MiB, E820_PRAM],
    ]);
  });
  it('refuses what the kernel refuses, and says why', () => {
    const r = mem('mem=nopentium memmap=foo memmap=4M^0x1000');
    expect(r.map).toEqual(QEMU_6G);
    expect(r.notes.map((n) => n.explain)).toEqual([
      'mem=nopentium ignored! (only supported on x86_32)',
      'memmap=foo: no size, so the option is refused (-EINVAL).',
      'memmap=4M^0x1000: "^" is not @, #, $, ! or %, so nothing is changed.',
    ]);
  });
  it('memmap=nn%ss-old+new retypes (e820__range_update) or removes by type', () => {
    const r = mem('memmap=16M%0x90000000-1+2 memmap=4M%0x100000000-1');
    expect(r.lines).toEqual([
      'e820: update [mem 0x90000000-0x90ffffff] usable ==> reserved',
      'e820: remove [mem 0x100000000-0x1003fffff] usable',
    ]);
    const map = updateTable(r.map) ?? [];
    expect(map.find((e) => e.start === 0x90000000)).toEqual({
      start: 0x90000000,
      end: 0x91000000,
      type: E820_RESERVED,
    });
    expect(map.find((e) => e.start === 0x100400000)?.type).toBe(E820_RAM);
  });

  it('an older memblock kernel reads the grammar of its version: no %, no !, no commas', () => {
    const v3 = memmapSyntax(rulesFor([3, 10, 0]));
    const r = mem('memmap=16M%0x90000000-1+2 memmap=1M!4G memmap=1M$0x30000000,2M$0x40000000', v3);
    expect(r.lines).toEqual([]);
    expect(r.notes.map((n) => n.explain)).toEqual([
      'memmap=16M%0x90000000-1+2: "%" is not @, # or $, so nothing is changed.',
      'memmap=1M!4G: "!" is not @, # or $, so nothing is changed.',
      // One entry per option: the text after the first entry is not looked at.
      'e820__range_add: a reserved entry [mem 0x30000000-0x300fffff] is appended; the table is sanitized afterwards, where the larger type wins on overlaps.',
    ]);
    const v4 = mem('memmap=1M!4G', memmapSyntax(rulesFor([4, 1, 0])));
    expect(updateTable(v4.map)?.some((e) => e.type === E820_PRAM)).toBe(true);
  });
});

describe('e820_end_pfn and e820__mapped_all', () => {
  it('prints last_pfn for all RAM and for RAM below 4 GiB', () => {
    expect(endPfn(QEMU_6G, Infinity).line).toBe('last_pfn = 0x1c0000 max_arch_pfn = 0x400000000');
    expect(endPfn(QEMU_6G, 0x100000)).toEqual({
      pfn: 0xbffe0,
      line: 'last_pfn = 0xbffe0 max_arch_pfn = 0x400000000',
    });
  });
  it('a range is mapped only if RAM entries cover all of it', () => {
    expect(mappedAll(QEMU_6G, { start: 16 * MiB, end: 68 * MiB }, E820_RAM)).toBe(true);
    expect(mappedAll(QEMU_6G, { start: 0x9f000, end: 0x101000 }, E820_RAM)).toBe(false);
  });
});
