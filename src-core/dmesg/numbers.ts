/**
 * Numbers as dmesg prints them: hex with or without 0x, decimal, page frame numbers, and ranges
 * with inclusive (`[mem a-b]`) or exclusive (`a - b` of 2.6.x) ends. Everything becomes a
 * half-open byte range; values past the physical address limit are clamped to it, because
 * kernels print "everything" as 0xffffffffffffffff (memblock_remove of all, e820 remove of mem=).
 */
import { MAX_PHYS, PAGE_SIZE } from '../base/addr';
import type { Range } from '../base/range';

/** The value of a hex digit's character code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Hex digits (0x optional) as a number; null when not 1 to 64 hex digits or beyond 2^53.
 * Read digit by digit, without a regex or a substring: a memblock=debug log has three per line.
 */
export function hexValue(text: string): number | null {
  const c1 = text.charCodeAt(1);
  return hexDigitsValue(text, c1 === 120 || c1 === 88 ? 2 : 0, text.length);
}

/**
 * The hex digits text[from, to) as a number, as hexValue reads them: null when not 1 to 64 hex
 * digits or beyond 2^53. The sum is exact up to 2^53, and once past it only grows, so
 * "beyond" is told exactly.
 */
export function hexDigitsValue(text: string, from: number, to: number): number | null {
  const n = to - from;
  if (n < 1 || n > 64) return null;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return null;
    v = v * 16 + d;
  }
  return v <= Number.MAX_SAFE_INTEGER ? v : null;
}

const clamp = (x: number | null): number => (x === null || x > MAX_PHYS ? MAX_PHYS : x);

/** `[a-b]` with an inclusive end, as 6.1 prints ranges; null when unreadable or reversed. */
export function inclusiveRange(a: string, b: string): Range | null {
  return inclusiveOf(hexValue(a), hexValue(b));
}

/** inclusiveRange of two values already read (null: unreadable). */
export function inclusiveOf(start: number | null, last: number | null): Range | null {
  if (start === null && last === null) return null;
  const s = clamp(start);
  const e = last === null ? MAX_PHYS : Math.min(last + 1, MAX_PHYS);
  return s < e ? { start: s, end: e } : null;
}

/** `a - b` with an exclusive end (2.6.x e820, early_res, old SRAT). */
export function exclusiveRange(a: string, b: string): Range | null {
  const s = clamp(hexValue(a));
  const e = clamp(hexValue(b));
  return hexValue(a) !== null && s < e ? { start: s, end: e } : null;
}

/**
 * A node span printed with `%016lx-%016lx` by kernels that disagree on the end (2.6.7 prints the
 * K8 limit, inclusive; 2.6.23 prints an exclusive end). Node spans are page-granular, so an end
 * one byte short of a page boundary can only be inclusive.
 */
export function nodeSpanRange(a: string, b: string): Range | null {
  const end = hexValue(b);
  if (end !== null && end % PAGE_SIZE === PAGE_SIZE - 1) return inclusiveRange(a, b);
  return exclusiveRange(a, b);
}

/** Page frame numbers `start -> end` (exclusive), decimal or 0x hex, to bytes. */
export function pfnRange(a: string, b: string): Range | null {
  const num = (t: string) => (/^0[xX]/.test(t) ? hexValue(t) : /^\d+$/.test(t) ? Number(t) : null);
  const s = num(a);
  const e = num(b);
  if (s === null || e === null) return null;
  const start = clamp(s * PAGE_SIZE);
  const end = clamp(e * PAGE_SIZE);
  return start < end ? { start, end } : null;
}
