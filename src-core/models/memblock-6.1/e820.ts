/**
 * The e820 table as v6.1 arch/x86/kernel/e820.c edits it: e820__range_update,
 * e820__range_remove, e820__range_add (which leave zeroed or overlapping entries until
 * e820__update_table sanitizes), the mem= and memmap= options (parse_memopt,
 * parse_memmap_one), and e820_end_pfn. Each edit returns the KERN_DEBUG line it prints.
 */
import {
  hexAlt,
  humanSize,
  MAX_PHYS,
  memparse,
  memRange,
  PAGE_SIZE,
  pfnDown,
} from '../../base/addr';
import type { Param } from '../../input/cmdline';
import { E820_RAM, e820TypeName, sanitizeE820, type E820Entry } from '../../input/e820';
import { normalize, setSubtract, type Range } from '../../base/range';
import type { E820Edit } from '../../input/scenario';
import {
  memmapEntries,
  memmapQualifiers,
  parseMemmapOpt,
  type MemmapOption,
  type MemmapSyntax,
} from '../../input/memmap';

/** An edit's printed range: `[mem 0x00000000-0x00000fff]` (%#010Lx, inclusive end). */
function editRange(start: number, end: number, toTop: boolean): string {
  // "mem=3G" removes up to ULLONG_MAX; the kernel prints the last byte as ULLONG_MAX - 1.
  return `[mem ${hexAlt(start, 10)}-${toTop ? '0xfffffffffffffffe' : hexAlt(end - 1, 10)}]`;
}

/** e820__range_update(start, size, old_type, new_type): retype the old_type parts inside. */
export function rangeUpdate(
  map: readonly E820Entry[],
  start: number,
  end: number,
  from: number,
  to: number,
): { map: E820Entry[]; line: string } {
  const out: E820Entry[] = [];
  const added: E820Entry[] = [];
  for (const e of map) {
    if (e.type !== from || e.end <= start || e.start >= end) {
      out.push({ ...e });
      continue;
    }
    const s = Math.max(e.start, start);
    const t = Math.min(e.end, end);
    added.push({ start: s, end: t, type: to });
    if (e.start < s) out.push({ start: e.start, end: s, type: e.type });
    if (t < e.end) added.push({ start: t, end: e.end, type: e.type });
  }
  const line = `e820: update ${editRange(start, end, false)} ${e820TypeName(from)} ==> ${e820TypeName(to)}`;
  return { map: [...out, ...added], line };
}

/**
 * e820__range_remove(start, size, old_type, check_type): cut the range out of every entry (of
 * old_type when checked). `toTop` is the size ULLONG_MAX - start that mem= passes.
 */
export function rangeRemove(
  map: readonly E820Entry[],
  start: number,
  end: number,
  type: number | null,
  toTop = false,
): { map: E820Entry[]; line: string } {
  const out: E820Entry[] = [];
  for (const e of map) {
    if (type !== null && e.type !== type) {
      out.push({ ...e });
      continue;
    }
    for (const p of setSubtract([{ start: e.start, end: e.end }], [{ start, end }]))
      out.push({ ...p, type: e.type });
  }
  // "remove [mem ...] " then the type only when it is checked: an unchecked remove ends in a space.
  const name = type === null ? ' ' : ` ${e820TypeName(type)}`;
  return { map: out, line: `e820: remove ${editRange(start, end, toTop)}${name}` };
}

/** e820__range_add: append; overlaps are resolved by the next e820__update_table. */
export const rangeAdd = (map: readonly E820Entry[], e: E820Entry): E820Entry[] =>
  e.end > e.start ? [...map, { ...e }] : [...map];

/**
 * The scenario's firmware-driven edits (an imported log's e820 updates the rules do not make),
 * in order, each on RAM only as e820_update_range / e820_remove_range(..., E820_RAM) do, then
 * sanitized. The lines are 6.1's.
 */
export function applyE820Edits(
  map: readonly E820Entry[],
  edits: readonly E820Edit[],
): { map: E820Entry[]; lines: string[] } {
  let out = map.map((e) => ({ ...e }));
  const lines: string[] = [];
  for (const e of edits) {
    const r =
      e.to === null
        ? rangeRemove(out, e.start, e.end, E820_RAM)
        : rangeUpdate(out, e.start, e.end, E820_RAM, e.to);
    out = r.map;
    lines.push(r.line);
  }
  return { map: updateTable(out) ?? out.filter((e) => e.end > e.start), lines };
}

/**
 * What the step that applies firmware-driven edits says, whatever the generation: the span
 * they cover and why the scenario carries them (`noun`: the kernel's word for its e820 copy).
 */
export function firmwareEditsStep(edits: readonly E820Edit[], noun: 'table' | 'map') {
  return {
    phase: 'firmware' as const,
    kind: 'e820-edits',
    start: Math.min(...edits.map((e) => e.start)),
    end: Math.max(...edits.map((e) => e.end)),
    label: `${edits.length} e820 edit${edits.length > 1 ? 's' : ''} from the firmware`,
    owner: 'firmware' as const,
    explain: `The kernel changed RAM in its e820 ${noun} from facts the ${noun} does not hold (a BIOS quirk, CONFIG_X86_RESERVE_LOW, MTRR settings); the scenario carries these edits as the log printed them.`,
  };
}

/** e820__update_table: sanitize; it refuses (returns -1) a table of fewer than two entries. */
export function updateTable(map: readonly E820Entry[]): E820Entry[] | null {
  const real = map.filter((e) => e.end > e.start);
  return real.length < 2 ? null : sanitizeE820(real);
}

/** What parse_early_param did to the table: the lines it printed and whether userdef is set. */
export interface MemOptions61 {
  map: E820Entry[];
  userdef: boolean;
  lines: string[];
  notes: { param: string; explain: string }[];
}

/** parse_memopt and parse_memmap_opt / parse_memmap_one, in command-line order. */
export function applyMemOptions61(
  firmware: readonly E820Entry[],
  params: readonly Param[],
  syntax: MemmapSyntax,
): MemOptions61 {
  const r: MemOptions61 = {
    map: firmware.map((e) => ({ ...e })),
    userdef: false,
    lines: [],
    notes: [],
  };
  const removeFrom = (size: number, param: string, what: string) => {
    const cut = rangeRemove(r.map, size, MAX_PHYS, E820_RAM, true);
    r.map = cut.map;
    r.lines.push(cut.line);
    r.notes.push({
      param,
      explain: `${what}: every usable byte at and above ${hexAlt(size, 10)} (${humanSize(size)}) is removed from the e820 table.`,
    });
  };
  for (const p of params) {
    const v = p.value ?? '';
    const text = `${p.key}=${v}`;
    if (p.key === 'mem') {
      if (v === 'nopentium') {
        r.notes.push({ param: text, explain: 'mem=nopentium ignored! (only supported on x86_32)' });
        continue;
      }
      r.userdef = true;
      const size = memparse(v).value ?? 0;
      if (size === 0) {
        r.notes.push({
          param: text,
          explain:
            'mem= with no size is refused (it would remove all memory), but the map still counts as user-defined.',
        });
        continue;
      }
      removeFrom(size, text, 'mem=');
    } else if (p.key === 'memmap') {
      for (const one of memmapEntries(v, syntax))
        parseMemmapOne(
          r,
          parseMemmapOpt(one.text, syntax),
          `memmap=${one.text}`,
          syntax,
          removeFrom,
        );
    }
  }
  return r;
}

function parseMemmapOne(
  r: MemOptions61,
  m: MemmapOption,
  text: string,
  syntax: MemmapSyntax,
  removeFrom: (size: number, param: string, what: string) => void,
): void {
  if (m.kind === 'exactmap') {
    r.map = [];
    r.userdef = true;
    r.notes.push({
      param: text,
      explain: 'The firmware table is emptied: only memmap= entries will describe memory.',
    });
    return;
  }
  if (m.kind === 'no-size') {
    r.notes.push({ param: text, explain: `${text}: no size, so the option is refused (-EINVAL).` });
    return;
  }
  r.userdef = true;
  if (m.kind === 'limit') {
    removeFrom(m.size, text, 'memmap= without a qualifier works like mem=');
    return;
  }
  if (m.kind === 'retype') {
    retype(r, m, text);
    return;
  }
  if (m.kind === 'bad-qualifier') {
    r.notes.push({
      param: text,
      explain: `${text}: "${m.qualifier}" is not ${memmapQualifiers(syntax)}, so nothing is changed.`,
    });
    return;
  }
  // memparse of a missing base reads 0: the entry is added at 0.
  const start = m.kind === 'entry' ? m.entry.start : 0;
  const type = m.kind === 'entry' ? m.entry.type : m.type;
  const entry = { start, end: Math.min(start + m.size, MAX_PHYS), type };
  r.map = rangeAdd(r.map, entry);
  r.notes.push({
    param: text,
    explain: `e820__range_add: a ${e820TypeName(type)} entry ${memRange(entry.start, entry.end, 10)} is appended; the table is sanitized afterwards, where the larger type wins on overlaps.`,
  });
}

/** memmap=nn%ss-old+new: retype, add or remove the range by type numbers. */
function retype(r: MemOptions61, m: Extract<MemmapOption, { kind: 'retype' }>, text: string): void {
  const { start, from: old, to } = m;
  const end = Math.min(start + m.size, MAX_PHYS);
  if (!m.ok) {
    r.notes.push({
      param: text,
      explain: `${text}: text after the types, so the option is refused (-EINVAL).`,
    });
    return;
  }
  const edit =
    old && to
      ? rangeUpdate(r.map, start, end, old, to)
      : to
        ? { map: rangeAdd(r.map, { start, end, type: to }), line: '' }
        : rangeRemove(r.map, start, end, old || null);
  r.map = edit.map;
  if (edit.line) r.lines.push(edit.line);
  r.notes.push({
    param: text,
    explain: `${text}: the range ${memRange(start, end, 10)} is ${old && to ? `retyped from ${e820TypeName(old)} to ${e820TypeName(to)}` : to ? `added as ${e820TypeName(to)}` : 'removed'}.`,
  });
}

/** e820__mapped_all(start, end, type): the whole range is covered by entries of that type. */
export function mappedAll(map: readonly E820Entry[], r: Range, type: number): boolean {
  return setSubtract([r], normalize(map.filter((e) => e.type === type))).length === 0;
}

/** MAX_ARCH_PFN: MAXMEM >> PAGE_SHIFT with 4-level paging (MAX_PHYSMEM_BITS 46). */
export const MAX_ARCH_PFN = 2 ** 46 / PAGE_SIZE;

/** e820_end_pfn(limit_pfn, E820_TYPE_RAM) and its "last_pfn = %#lx max_arch_pfn = %#lx" line. */
export function endPfn(map: readonly E820Entry[], limitPfn: number): { pfn: number; line: string } {
  let last = 0;
  for (const e of map) {
    if (e.type !== E820_RAM) continue;
    const s = pfnDown(e.start);
    const t = pfnDown(e.end);
    if (s >= limitPfn) continue;
    if (t > limitPfn) {
      last = limitPfn;
      break;
    }
    last = Math.max(last, t);
  }
  last = Math.min(last, MAX_ARCH_PFN);
  return {
    pfn: last,
    line: `last_pfn = 0x${last.toString(16)} max_arch_pfn = 0x${MAX_ARCH_PFN.toString(16)}`,
  };
}
