/**
 * mem= and memmap= from 2.6.27 on (arch/x86/kernel/e820.c parse_memopt, parse_memmap_opt,
 * finish_e820_parsing, v2.6.27–v2.6.36): mem=X removes all RAM from X up (e820_remove_range),
 * memmap=exactmap empties the map, memmap=nn@ss/#ss/$ss add entries, a bare memmap=nn acts
 * like mem=, and the result is sanitized before the "user-defined physical RAM map" is printed.
 */
import { hex, humanSize, memparse } from '../../addr';
import type { Param } from '../../cmdline';
import {
  E820_ACPI,
  E820_RAM,
  E820_RESERVED,
  e820TypeName,
  sanitizeE820,
  type E820Entry,
} from '../../e820';
import { rangeSubtract } from '../../range';

export interface UserMapResult {
  map: E820Entry[];
  userdef: boolean;
  events: { label: string; explain: string; fn: string; start: number; end: number }[];
}

const QUALIFIER: Record<string, number> = { '@': E820_RAM, '#': E820_ACPI, $: E820_RESERVED };

/** e820_remove_range(start, size, E820_RAM, 1): cut RAM out of [start, start + size). */
export function removeRam(map: readonly E820Entry[], start: number, end: number): E820Entry[] {
  return map.flatMap((e) =>
    e.type !== E820_RAM
      ? [e]
      : rangeSubtract(e, { start, end }).map((r) => ({ ...r, type: e.type })),
  );
}

export function applyUserMap2627(
  firmware: readonly E820Entry[],
  params: readonly Param[],
): UserMapResult {
  let map = firmware.map((e) => ({ ...e }));
  let userdef = false;
  const events: UserMapResult['events'] = [];
  const limit = (size: number, label: string, fn: string) => {
    map = removeRam(map, size, Number.MAX_SAFE_INTEGER);
    userdef = true;
    events.push({
      label,
      fn,
      start: size,
      end: size,
      explain: `All usable RAM at and above ${humanSize(size)} is removed from the map (e820_remove_range).`,
    });
  };
  for (const p of params) {
    const v = p.value ?? '';
    if (p.key === 'mem') {
      const r = memparse(v, 0, 'kmg');
      if (r.digits && r.value !== null) limit(r.value, `mem=${v}`, 'parse_memopt');
    } else if (p.key === 'memmap') {
      if (v === 'exactmap') {
        map = [];
        userdef = true;
        events.push({
          label: 'memmap=exactmap',
          fn: 'parse_memmap_opt',
          start: 0,
          end: 0,
          explain: 'The firmware map is discarded; only memmap= entries will describe memory.',
        });
        continue;
      }
      const size = memparse(v, 0, 'kmg');
      if (!size.digits || size.value === null) continue;
      const q = v[size.end] ?? '';
      const type = QUALIFIER[q];
      if (type === undefined) {
        if (q === '') limit(size.value, `memmap=${v}`, 'parse_memmap_opt');
        continue;
      }
      const at = memparse(v, size.end + 1, 'kmg');
      if (!at.digits || at.value === null) continue;
      const entry = { start: at.value, end: at.value + size.value, type };
      map.push(entry);
      userdef = true;
      events.push({
        label: `memmap=${v}`,
        fn: 'e820_add_region',
        start: entry.start,
        end: entry.end,
        explain: `A ${e820TypeName(type)} entry ${hex(entry.start)}-${hex(entry.end)} is added; the map is sanitized afterwards, so a reserved entry carves a hole out of RAM.`,
      });
    }
  }
  return { map: userdef ? sanitizeE820(map) : map, userdef, events };
}
