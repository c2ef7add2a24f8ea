/**
 * mem= and memmap= as v2.6.23 arch/x86_64/kernel/e820.c parses them (parse_memopt,
 * parse_memmap_opt). 2.6.23 appends user entries to the map without sanitizing it again, so an
 * overlapping memmap=...$... leaves the RAM entry under it in place; and memmap=nn without a
 * qualifier acts like mem=.
 */
import { hex, humanSize, PAGE_SIZE } from '../../base/addr';
import type { Param } from '../../input/cmdline';
import { e820TypeName, type E820Entry } from '../../input/e820';
import { EXACTMAP_NOTE, parseMemmapOpt, parseMemOpt, type OptionNote } from '../../input/memmap';

export type UserMapOp = { kind: 'exactmap' } | { kind: 'add'; entry: E820Entry };

export interface MemOptions2623 {
  /** Last page frame the user wants (end_user_pfn); Infinity when not limited. */
  endUserPfn: number;
  userdef: boolean;
  ops: UserMapOp[];
  /** One line per understood or refused option, for the timeline. */
  events: OptionNote[];
}

export function parseMemOptions2623(params: readonly Param[]): MemOptions2623 {
  const out: MemOptions2623 = { endUserPfn: Infinity, userdef: false, ops: [], events: [] };
  const refuse = (v: string, explain: string) =>
    out.events.push({
      label: `memmap=${v} refused`,
      fn: 'parse_memmap_opt',
      start: 0,
      end: 0,
      explain,
    });
  for (const p of params) {
    const v = p.value ?? '';
    if (p.key === 'mem') {
      const size = parseMemOpt(v);
      if (size === null) continue;
      out.endUserPfn = Math.floor(size / PAGE_SIZE);
      out.events.push({
        label: `mem=${v}`,
        fn: 'parse_memopt',
        start: size,
        end: size,
        explain: `end_user_pfn = ${hex(size)} >> 12: RAM at and above ${humanSize(size)} will not be used.`,
      });
    } else if (p.key === 'memmap') {
      const m = parseMemmapOpt(v);
      if (m.kind === 'exactmap') {
        out.userdef = true;
        out.ops.push({ kind: 'exactmap' });
        out.events.push(EXACTMAP_NOTE);
      } else if (m.kind === 'no-size')
        refuse(
          v,
          `memmap=${v}: no size at the start, so the kernel returns -EINVAL and ignores it.`,
        );
      else if (m.kind === 'bad-qualifier')
        refuse(v, `memmap=${v}: "${m.qualifier}" is not @, # or $, so the option is refused.`);
      else if (m.kind === 'limit') {
        out.endUserPfn = Math.floor(m.size / PAGE_SIZE);
        out.events.push({
          label: `memmap=${v}`,
          fn: 'parse_memmap_opt',
          start: m.size,
          end: m.size,
          explain: `memmap= without @, # or $ works like mem=: RAM at and above ${humanSize(m.size)} is not used.`,
        });
      } else if (m.kind === 'no-base' || m.trailing)
        refuse(
          v,
          `memmap=${v}: the address after "${m.qualifier}" is missing or followed by other text.`,
        );
      else {
        const { entry } = m;
        out.userdef = true;
        out.ops.push({ kind: 'add', entry });
        out.events.push({
          label: `memmap=${v}`,
          fn: 'add_memory_region',
          start: entry.start,
          end: entry.end,
          explain: `A ${e820TypeName(entry.type)} entry ${hex(entry.start)}-${hex(entry.end)} (${humanSize(m.size)}) is appended to the map; 2.6.23 does not sanitize the map afterwards.`,
        });
      }
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
