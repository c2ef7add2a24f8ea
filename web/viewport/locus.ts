/**
 * The locus box: the visible range as text, and text typed by a person turned into a range.
 *
 * Accepted (igv-style, in the kernel's number syntax):
 *   0x1000000-0x111afff          inclusive end, as the kernel prints ranges
 *   [mem 0x1000000-0x111afff]    pasted from dmesg (always inclusive)
 *   0x1000000-0x111b000          half-open: an end on a page boundary after a start on one is
 *                                exclusive (an inclusive last byte is never page-aligned there)
 *   16M-18M                      an end written with a unit suffix is exclusive (2 MiB here)
 *   16M+128M                     start plus size
 *   0xf9b000                     one address: keep the zoom, centre on it
 */
import { MAX_PHYS, memparse, hex, PAGE_SIZE } from '../../src-core';

export type Locus =
  | { ok: true; kind: 'range'; start: number; end: number }
  | { ok: true; kind: 'point'; addr: number }
  | { ok: false; error: string; at: number };

/** `[mem 0xSTART-0xLAST]` with an inclusive last byte, as the kernel prints (unpadded). */
export function formatLocus(start: number, end: number): string {
  return `[mem ${hex(start)}-${hex(Math.max(start, end - 1))}]`;
}

interface Num {
  value: number;
  end: number;
  suffixed: boolean;
}

const skipSpaces = (s: string, i: number): number => {
  while (s[i] === ' ') i++;
  return i;
};

/** A number at s[i]: its value and end, or why not (the position is added by the caller). */
function number(s: string, i: number, what: string): Num | { why: string; at: number } {
  const r = memparse(s, i);
  if (!r.digits) {
    const found = s[i] === undefined ? 'nothing' : `"${s.slice(i, i + 8)}"`;
    return { why: `${what} expected, found ${found}`, at: i };
  }
  if (r.value === null || r.value > MAX_PHYS)
    return { why: `${what} is beyond the 2^52-byte physical address space`, at: i };
  return { value: r.value, end: r.end, suffixed: /[kmgtpe]/i.test(s[r.end - 1] ?? '') };
}

/** Parse a locus. Errors say what is wrong and at which character (1-based) of the text. */
export function parseLocus(text: string): Locus {
  let s = text.trim();
  let shift = text.length - text.trimStart().length;
  const mem = /^\[mem\s+(.*)\]$/i.exec(s);
  // Text the kernel printed is inclusive whatever its last byte looks like.
  const kernel = mem !== null;
  if (mem) {
    shift += s.indexOf(mem[1] as string);
    s = mem[1] as string;
  }
  const fail = (why: string, at: number): Locus => ({
    ok: false,
    error: `${why} (character ${at + shift + 1})`,
    at: at + shift,
  });
  if (s === '') return fail('empty: type a range such as 0x1000000-0x111afff or 16M+128M', 0);
  const a = number(s, 0, 'a start address');
  if ('why' in a) return fail(a.why, a.at);
  const opAt = skipSpaces(s, a.end);
  if (opAt === s.length) return { ok: true, kind: 'point', addr: a.value };
  const op = s[opAt];
  if (op !== '-' && op !== '+')
    return fail(`unexpected "${op}" after the start: use START-END or START+SIZE`, opAt);
  const bAt = skipSpaces(s, opAt + 1);
  const b = number(s, bAt, op === '-' ? 'an end address' : 'a size');
  if ('why' in b) return fail(b.why, b.at);
  const rest = skipSpaces(s, b.end);
  if (rest !== s.length)
    return fail(`unexpected "${s.slice(rest, rest + 8)}" after the range`, rest);
  if (op === '+') {
    if (b.value === 0) return fail('size 0: a range needs at least one byte', bAt);
    if (a.value + b.value > MAX_PHYS)
      return fail(`${hex(a.value)}+${hex(b.value)} ends beyond the 2^52-byte address space`, bAt);
    return { ok: true, kind: 'range', start: a.value, end: a.value + b.value };
  }
  const halfOpen = !kernel && b.value % PAGE_SIZE === 0 && a.value % PAGE_SIZE === 0;
  const end = b.suffixed || halfOpen ? b.value : b.value + 1;
  if (end <= a.value)
    return fail(`the end ${hex(b.value)} must be above the start ${hex(a.value)}`, bAt);
  if (end > MAX_PHYS)
    return fail(`the end ${hex(b.value)} is past the last physical byte ${hex(MAX_PHYS - 1)}`, bAt);
  return { ok: true, kind: 'range', start: a.value, end };
}
