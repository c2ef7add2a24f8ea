/**
 * The firmware memory map (e820): entry types, the kernel's sanitize, printing in the old and
 * new dmesg formats, and queries the allocators need, including find_e820_area's walk.
 *
 * Entries are half-open [start, end) with a numeric type, as in struct e820entry (which holds
 * addr + size; end = addr + size).
 */
import { hex, hexPad, memRange } from '../base/addr';
import { normalize, type Range, type RangeSet } from '../base/range';

export const E820_RAM = 1;
export const E820_RESERVED = 2;
export const E820_ACPI = 3;
export const E820_NVS = 4;
export const E820_UNUSABLE = 5;
export const E820_PMEM = 7;
export const E820_PRAM = 12;
export const E820_SOFT_RESERVED = 0xefffffff;

export interface E820Entry {
  start: number;
  end: number;
  type: number;
}

export type E820Map = E820Entry[];

/** Names as 6.1 prints them (arch/x86/kernel/e820.c e820_print_type), used in JSON too. */
const NEW_NAMES: Record<number, string> = {
  [E820_RAM]: 'usable',
  [E820_RESERVED]: 'reserved',
  [E820_SOFT_RESERVED]: 'soft reserved',
  [E820_ACPI]: 'ACPI data',
  [E820_NVS]: 'ACPI NVS',
  [E820_UNUSABLE]: 'unusable',
  [E820_PMEM]: 'persistent (type 7)',
  [E820_PRAM]: 'persistent (type 12)',
};

/** Names as 2.6.23 prints them (arch/x86_64/kernel/e820.c e820_print_map); 2.6.33 adds unusable. */
const OLD_NAMES: Record<number, string> = {
  [E820_RAM]: '(usable)',
  [E820_RESERVED]: '(reserved)',
  [E820_ACPI]: '(ACPI data)',
  [E820_NVS]: '(ACPI NVS)',
  [E820_UNUSABLE]: '(unusable)',
};

/** The type's name for people and JSON: `usable`, `ACPI NVS`, `type 9`. */
export function e820TypeName(type: number): string {
  return NEW_NAMES[type] ?? `type ${type}`;
}

/** Parse a type name in any of the printed spellings, or a bare number. */
export function parseE820Type(text: string): number | null {
  const s = text
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .toLowerCase();
  for (const [k, v] of Object.entries(NEW_NAMES)) if (v.toLowerCase() === s) return Number(k);
  const aliases: Record<string, number> = {
    ram: E820_RAM,
    'system ram': E820_RAM,
    acpi: E820_ACPI,
    nvs: E820_NVS,
    'acpi nvs': E820_NVS,
    'device reserved': E820_RESERVED,
    persistent: E820_PMEM,
    pram: E820_PRAM,
  };
  if (aliases[s] !== undefined) return aliases[s] as number;
  const m = /^(?:type\s*)?(\d+)$/.exec(s) ?? /^persistent \(type (\d+)\)$/.exec(s);
  return m ? Number(m[1]) : null;
}

/** All known type names, for editors. */
export const E820_TYPES: { type: number; name: string }[] = Object.entries(NEW_NAMES).map(
  ([k, name]) => ({ type: Number(k), name }),
);

/**
 * sanitize_e820_map (v2.6.23 arch/x86_64/kernel/e820.c; the same rule in 6.1
 * e820__update_table): cut the map at every entry boundary and give each piece the largest type
 * of the entries covering it (1 = usable loses to everything); drop empty entries; join
 * neighbours of equal type. The kernel skips the work for a map of fewer than two entries.
 */
export function sanitizeE820(entries: readonly E820Entry[]): E820Map {
  const real = entries.filter((e) => e.end > e.start);
  if (entries.length < 2) return real.map((e) => ({ ...e }));
  // Sweep over change points; types are few, so the live set is a small count per type.
  const points: { at: number; type: number; delta: number }[] = [];
  for (const e of real) {
    points.push({ at: e.start, type: e.type, delta: 1 });
    points.push({ at: e.end, type: e.type, delta: -1 });
  }
  points.sort((a, b) => a.at - b.at);
  const live = new Map<number, number>();
  const out: E820Map = [];
  let i = 0;
  while (i < points.length) {
    const at = (points[i] as { at: number }).at;
    for (; i < points.length && (points[i] as { at: number }).at === at; i++) {
      const p = points[i] as { type: number; delta: number };
      const n = (live.get(p.type) ?? 0) + p.delta;
      if (n === 0) live.delete(p.type);
      else live.set(p.type, n);
    }
    const type = live.size ? Math.max(...live.keys()) : 0;
    const last = out[out.length - 1];
    if (last && last.end === -1) {
      if (last.type === type) continue;
      last.end = at;
    }
    if (type !== 0) out.push({ start: at, end: -1, type });
  }
  return out;
}

/** 2.6.x's name of a type: `(usable)`, `type 12`. */
export const e820OldName = (type: number): string => OLD_NAMES[type] ?? `type ${type}`;

/** 2.6.x format: ` BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)` (exclusive end). */
export function formatE820Old(map: readonly E820Entry[], who = 'BIOS-e820'): string[] {
  return map.map(
    (e) => ` ${who}: ${hexPad(e.start, 16)} - ${hexPad(e.end, 16)} ${e820OldName(e.type)}`,
  );
}

/** 6.1 format: `BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable` (inclusive end). */
export function formatE820New(map: readonly E820Entry[], who = 'BIOS-e820'): string[] {
  return map.map((e) => `${who}: ${memRange(e.start, e.end)} ${e820TypeName(e.type)}`);
}

/** The usable RAM of a map as a sorted, merged set of byte ranges. */
export function e820Ram(map: readonly E820Entry[]): RangeSet {
  return normalize(map.filter((e) => e.type === E820_RAM));
}

/** e820_any_mapped: does any entry (of `type`, or of any type when 0) touch [start, end)? */
export function e820AnyMapped(map: readonly E820Entry[], r: Range, type = 0): boolean {
  return map.some((e) => (type === 0 || e.type === type) && e.start < r.end && e.end > r.start);
}

/** The highest end of any entry (end_pfn_map before capping), in bytes. */
export function e820End(map: readonly E820Entry[]): number {
  return map.reduce((m, e) => Math.max(m, e.end), 0);
}

/** The end of the highest usable entry, in bytes. */
export function e820RamEnd(map: readonly E820Entry[]): number {
  return map.reduce((m, e) => (e.type === E820_RAM ? Math.max(m, e.end) : m), 0);
}

/**
 * Usable RAM by whole pages (e820_register_active_regions: start rounded up, end rounded down),
 * clipped to [0, limit) — the kernel's active ranges before NUMA splits them.
 */
export function e820RamPages(map: readonly E820Entry[], limitPfn = Infinity): RangeSet {
  const pages: Range[] = [];
  for (const e of map) {
    if (e.type !== E820_RAM) continue;
    const start = Math.ceil(e.start / 4096);
    const end = Math.min(Math.floor(e.end / 4096), limitPfn);
    if (start < end) pages.push({ start, end });
  }
  return normalize(pages);
}

/** How a find_e820_area search went: the address (null for -1UL) and each move, for explanations. */
export interface AreaSearch {
  addr: number | null;
  trace: string[];
}

/**
 * The walk find_e820_area makes in every generation: the RAM entries in table order; in each, a
 * first candidate (`first`, null to skip the entry), moved past whatever is in the way until
 * nothing is or the block runs off the entry, then the room check (`fits`). The generations
 * differ in those three, not in the walk.
 */
export function searchE820Ram(
  map: readonly E820Entry[],
  size: number,
  first: (e: E820Entry) => number | null,
  inTheWay: (addr: number) => { to: number; why: string } | null,
  fits: (addr: number, e: E820Entry) => boolean,
): AreaSearch {
  const trace: string[] = [];
  for (const e of map) {
    if (e.type !== E820_RAM) continue;
    let addr = first(e);
    if (addr === null) continue;
    for (;;) {
      const b = inTheWay(addr);
      if (!b) break;
      trace.push(`${hex(addr)} hits ${b.why}: moved to ${hex(b.to)}`);
      addr = b.to;
      if (addr + size > e.end) break;
    }
    if (!fits(addr, e)) {
      trace.push(`RAM entry ${hex(e.start)}-${hex(e.end)} has no room from ${hex(addr)}`);
      continue;
    }
    trace.push(`fits at ${hex(addr)} in RAM entry ${hex(e.start)}-${hex(e.end)}`);
    return { addr, trace };
  }
  trace.push('no RAM entry has room');
  return { addr: null, trace };
}
