/**
 * mem= and memmap= as v2.6.23 arch/x86_64/kernel/e820.c parses them (parse_memopt,
 * parse_memmap_opt). 2.6.23 appends user entries to the map without sanitizing it again, so an
 * overlapping memmap=...$... leaves the RAM entry under it in place; and memmap=nn without a
 * qualifier acts like mem=.
 */
import { hex, humanSize, memparse, PAGE_SIZE } from '../../addr';
import type { Param } from '../../cmdline';
import { E820_ACPI, E820_RAM, E820_RESERVED, e820TypeName, type E820Entry } from '../../e820';

export type UserMapOp = { kind: 'exactmap' } | { kind: 'add'; entry: E820Entry };

export interface MemOptions2623 {
  /** Last page frame the user wants (end_user_pfn); Infinity when not limited. */
  endUserPfn: number;
  userdef: boolean;
  ops: UserMapOp[];
  /** One line per understood or refused option, for the timeline. */
  events: { label: string; explain: string; fn: string; start: number; end: number }[];
}

const QUALIFIER: Record<string, number> = { '@': E820_RAM, '#': E820_ACPI, $: E820_RESERVED };

export function parseMemOptions2623(params: readonly Param[]): MemOptions2623 {
  const out: MemOptions2623 = { endUserPfn: Infinity, userdef: false, ops: [], events: [] };
  for (const p of params) {
    const v = p.value ?? '';
    if (p.key === 'mem') {
      const r = memparse(v, 0, 'kmg');
      if (!r.digits || r.value === null) continue;
      out.endUserPfn = Math.floor(r.value / PAGE_SIZE);
      out.events.push({
        label: `mem=${v}`,
        fn: 'parse_memopt',
        start: r.value,
        end: r.value,
        explain: `end_user_pfn = ${hex(r.value)} >> 12: RAM at and above ${humanSize(r.value)} will not be used.`,
      });
    } else if (p.key === 'memmap') {
      if (v === 'exactmap') {
        out.userdef = true;
        out.ops.push({ kind: 'exactmap' });
        out.events.push({
          label: 'memmap=exactmap',
          fn: 'parse_memmap_opt',
          start: 0,
          end: 0,
          explain: 'The firmware map is discarded; only memmap= entries will describe memory.',
        });
        continue;
      }
      const size = memparse(v, 0, 'kmg');
      if (!size.digits || size.value === null) {
        out.events.push({
          label: `memmap=${v} refused`,
          fn: 'parse_memmap_opt',
          start: 0,
          end: 0,
          explain: `memmap=${v}: no size at the start, so the kernel returns -EINVAL and ignores it.`,
        });
        continue;
      }
      const q = v[size.end] ?? '';
      const type = QUALIFIER[q];
      if (type === undefined) {
        if (q !== '') {
          out.events.push({
            label: `memmap=${v} refused`,
            fn: 'parse_memmap_opt',
            start: 0,
            end: 0,
            explain: `memmap=${v}: "${q}" is not @, # or $, so the option is refused.`,
          });
          continue;
        }
        out.endUserPfn = Math.floor(size.value / PAGE_SIZE);
        out.events.push({
          label: `memmap=${v}`,
          fn: 'parse_memmap_opt',
          start: size.value,
          end: size.value,
          explain: `memmap= without @, # or $ works like mem=: RAM at and above ${humanSize(size.value)} is not used.`,
        });
        continue;
      }
      const at = memparse(v, size.end + 1, 'kmg');
      if (!at.digits || at.value === null || at.end !== v.length) {
        out.events.push({
          label: `memmap=${v} refused`,
          fn: 'parse_memmap_opt',
          start: 0,
          end: 0,
          explain: `memmap=${v}: the address after "${q}" is missing or followed by other text.`,
        });
        continue;
      }
      const entry = { start: at.value, end: at.value + size.value, type };
      out.userdef = true;
      out.ops.push({ kind: 'add', entry });
      out.events.push({
        label: `memmap=${v}`,
        fn: 'add_memory_region',
        start: entry.start,
        end: entry.end,
        explain: `A ${e820TypeName(type)} entry ${hex(entry.start)}-${hex(entry.end)} (${humanSize(size.value)}) is appended to the map; 2.6.23 does not sanitize the map afterwards.`,
      });
    }
  }
  return out;
}

/** The map after the user's edits, in the order they were given. */
export function applyUserMap2623(firmware: readonly E820Entry[], mem: MemOptions2623): E820Entry[] {
  let map = firmware.map((e) => ({ ...e }));
  for (const op of mem.ops) {
    if (op.kind === 'exactmap') map = [];
    else map.push({ ...op.entry });
  }
  return map;
}
