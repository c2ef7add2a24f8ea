/**
 * mem= and memmap= from 2.6.27 on (arch/x86/kernel/e820.c parse_memopt, parse_memmap_opt,
 * finish_e820_parsing, v2.6.27–v2.6.36): mem=X removes all RAM from X up (e820_remove_range),
 * memmap=exactmap empties the map, memmap=nn@ss/#ss/$ss add entries, a bare memmap=nn acts
 * like mem=, and the result is sanitized before the "user-defined physical RAM map" is printed.
 */
import { hex, humanSize } from '../../base/addr';
import type { Param } from '../../input/cmdline';
import { E820_RAM, e820TypeName, sanitizeE820, type E820Entry } from '../../input/e820';
import { rangeSubtract } from '../../base/range';
import { EXACTMAP_NOTE, parseMemmapOpt, parseMemOpt, type OptionNote } from '../../input/memmap';

export interface UserMapResult {
  map: E820Entry[];
  userdef: boolean;
  events: OptionNote[];
}

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
      const size = parseMemOpt(v);
      if (size !== null) limit(size, `mem=${v}`, 'parse_memopt');
    } else if (p.key === 'memmap') {
      const m = parseMemmapOpt(v);
      if (m.kind === 'exactmap') {
        map = [];
        userdef = true;
        events.push(EXACTMAP_NOTE);
      } else if (m.kind === 'limit') limit(m.size, `memmap=${v}`, 'parse_memmap_opt');
      else if (m.kind === 'entry') {
        const { entry } = m;
        map.push(entry);
        userdef = true;
        events.push({
          label: `memmap=${v}`,
          fn: 'e820_add_region',
          start: entry.start,
          end: entry.end,
          explain: `A ${e820TypeName(entry.type)} entry ${hex(entry.start)}-${hex(entry.end)} is added; the map is sanitized afterwards, so a reserved entry carves a hole out of RAM.`,
        });
      }
    }
  }
  return { map: userdef ? sanitizeE820(map) : map, userdef, events };
}
