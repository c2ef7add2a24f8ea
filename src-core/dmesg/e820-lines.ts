/**
 * e820 maps in every format: 2.6.x `BIOS-e820: 0000…0000 - 0000…9fc00 (usable)` (exclusive
 * end), 3.x–6.x `BIOS-e820: [mem 0x…-0x…] usable` (inclusive end), 7.x `System RAM` /
 * `device reserved` names with `[gap …]` lines, Xen dom0 `Xen: [mem …]`, the hypervisor's own
 * `(XEN)  [start, end] (usable)`, the user-defined, modified and setup_data maps, and the
 * `e820 update`/`remove` edits of both eras.
 */
import { parseE820Type } from '../input/e820';
import type { E820MapKind, Fact, LineContext } from './facts';
import { exclusiveRange, inclusiveRange } from './numbers';

export const E820_PATTERNS = {
  oldEntry:
    /^(BIOS-e820|BIOS-88|BIOS-e801|user|modified|Xen|reserve setup_data): ([0-9a-fA-F]{1,16}) - ([0-9a-fA-F]{1,16}) (\([A-Za-z ]{1,24}\)|type \d{1,10})$/,
  newEntry:
    /^(BIOS-e820|BIOS-88|BIOS-e801|user|modified|Xen|reserve setup_data): \[mem (0x[0-9a-fA-F]{1,16})-(0x[0-9a-fA-F]{1,16})\] {1,3}(\S.{0,39})$/,
  gap: /^BIOS-e820: \[gap (0x[0-9a-fA-F]{1,16})-(0x[0-9a-fA-F]{1,16})\]$/,
  xenEntry: /^\[([0-9a-fA-F]{1,16}), ([0-9a-fA-F]{1,16})\] (\([A-Za-z ]{1,24}\)|type \d{1,10})$/,
  newEdit:
    /^e820: (update|remove) \[mem (0x[0-9a-fA-F]{1,16})-(0x[0-9a-fA-F]{1,16})\] (\S.{0,80})$/,
  oldEdit:
    /^e820 (update|remove) range: ([0-9a-fA-F]{1,16}) - ([0-9a-fA-F]{1,16}) (\([A-Za-z ]{1,24}\)|type \d{1,10})(?: ==> (\([A-Za-z ]{1,24}\)|type \d{1,10}))?$/,
  firmwareHeader: /^(?:e820: )?BIOS-provided physical RAM map:$/,
  userHeader: /^(?:e820: )?user-defined physical RAM map:$/,
  modifiedHeader: /^(?:e820: )?modified physical RAM map:$/,
  extendedHeader: /^(?:e820: )?extended physical RAM map:$/,
  xenHeader: /^Xen-e820 RAM map:$/,
} as const;

const E = E820_PATTERNS;

const MAP_OF: Record<string, E820MapKind> = {
  'BIOS-e820': 'firmware',
  'BIOS-88': 'firmware',
  'BIOS-e801': 'firmware',
  Xen: 'firmware',
  user: 'user',
  modified: 'modified',
  'reserve setup_data': 'extended',
};

/** A printed type name without its 2.6.x parentheses: `(ACPI NVS)` → `ACPI NVS`. */
const bare = (t: string): string => t.replace(/^\((.*)\)$/, '$1').trim();

export function parseE820Line(text: string, line: number, ctx: LineContext): Fact | null {
  const t = text.trimStart();
  if (ctx.xen) {
    if (E.xenHeader.test(t)) return { kind: 'header', line, what: 'xen-e820', text: t };
    const x = E.xenEntry.exec(t);
    const range = x && inclusiveRange(x[1] as string, x[2] as string);
    const type = x && parseE820Type(x[3] as string);
    if (!x || !range || type === null) return null;
    const typeText = bare(x[3] as string);
    return { kind: 'e820', line, map: 'xen', entry: { ...range, type }, typeText, bracketed: true };
  }
  const entry = E.newEntry.exec(t) ?? E.oldEntry.exec(t);
  if (entry) {
    const isNew = entry[2]?.startsWith('0x') ?? false;
    const range = isNew
      ? inclusiveRange(entry[2] as string, entry[3] as string)
      : exclusiveRange(entry[2] as string, entry[3] as string);
    const typeText = bare(entry[4] as string);
    const type = parseE820Type(typeText);
    if (!range || type === null) return null;
    const map = MAP_OF[entry[1] as string] ?? 'firmware';
    return { kind: 'e820', line, map, entry: { ...range, type }, typeText, bracketed: isNew };
  }
  const gap = E.gap.exec(t);
  if (gap) {
    const range = inclusiveRange(gap[1] as string, gap[2] as string);
    return range ? { kind: 'e820-gap', line, range } : null;
  }
  return parseEdit(t, line) ?? parseHeader(t, line);
}

function parseEdit(t: string, line: number): Fact | null {
  const n = E.newEdit.exec(t);
  if (n) {
    const range = inclusiveRange(n[2] as string, n[3] as string);
    const [from, to] = (n[4] as string).split(' ==> ').map((s) => s.trim());
    if (!range || !from) return null;
    return edit(line, n[1] as 'update' | 'remove', range, from, to);
  }
  const o = E.oldEdit.exec(t);
  if (o) {
    const range = exclusiveRange(o[2] as string, o[3] as string);
    if (!range) return null;
    return edit(line, o[1] as 'update' | 'remove', range, bare(o[4] as string), o[5] && bare(o[5]));
  }
  return null;
}

function edit(
  line: number,
  op: 'update' | 'remove',
  range: { start: number; end: number },
  from: string,
  to: string | undefined,
): Fact | null {
  const fromType = parseE820Type(from);
  const toType = to === undefined ? null : parseE820Type(to);
  if (op === 'update' && to === undefined) return null;
  return {
    kind: 'e820-edit',
    line,
    op,
    range,
    from,
    ...(to === undefined ? {} : { to }),
    fromType,
    toType,
  };
}

function parseHeader(t: string, line: number): Fact | null {
  if (E.firmwareHeader.test(t)) return { kind: 'header', line, what: 'e820-firmware', text: t };
  if (E.userHeader.test(t)) return { kind: 'header', line, what: 'e820-user', text: t };
  if (E.modifiedHeader.test(t)) return { kind: 'header', line, what: 'e820-modified', text: t };
  if (E.extendedHeader.test(t)) return { kind: 'header', line, what: 'e820-extended', text: t };
  return null;
}
