/**
 * Physical addresses and sizes.
 *
 * Addresses are plain JavaScript numbers. Every integer up to 2^53 is exact in a double, and
 * x86_64 physical addresses stop at 2^52 (MAX_PHYSMEM_BITS), so all of [0, 2^52] is exact and
 * addition and subtraction of two addresses stay exact. Numbers are also what d3, JSON and typed
 * arrays speak, and they are ten to a hundred times faster than bigint in the engine's hot
 * loops. The rule that keeps this safe: never use the 32-bit bitwise operators on an address;
 * alignment uses division by a power of two, which is exact.
 */

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
/** x86_64 MAX_PHYSMEM_BITS (arch/x86/include/asm/sparsemem.h): no range may end beyond this. */
export const MAX_PHYS_BITS = 52;
export const MAX_PHYS = 2 ** MAX_PHYS_BITS;

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** Round x up to a multiple of a (a power of two, or any positive integer). */
export function alignUp(x: number, a: number): number {
  return a <= 1 ? x : Math.ceil(x / a) * a;
}

/** Round x down to a multiple of a. */
export function alignDown(x: number, a: number): number {
  return a <= 1 ? x : Math.floor(x / a) * a;
}

/**
 * The kernel's ALIGN(x, a) = (x + a - 1) & ~(a - 1) on unsigned longs, including its corner:
 * ALIGN(x, 0) is 0, because ~(0 - 1) is 0 (mm/bootmem.c relies on callers never passing 0).
 */
export function kernelAlign(x: number, a: number): number {
  return a === 0 ? 0 : alignUp(x, a);
}

export const pfnDown = (addr: number): number => Math.floor(addr / PAGE_SIZE);
export const pfnUp = (addr: number): number => Math.ceil(addr / PAGE_SIZE);
export const pfnToPhys = (pfn: number): number => pfn * PAGE_SIZE;
export const pageAlign = (addr: number): number => alignUp(addr, PAGE_SIZE);

export function isPowerOfTwo(x: number): boolean {
  return x >= 1 && Number.isInteger(Math.log2(x));
}

/** Index of the lowest set bit of a non-zero address (ffs - 1), exact above 2^32. */
export function lowestSetBit(x: number): number {
  let bit = 0;
  while (x > 0 && x % 2 === 0) {
    x /= 2;
    bit++;
  }
  return bit;
}

// ---------------------------------------------------------------------------------------------
// Parsing: the kernel's memparse() (lib/cmdline.c)

const SUFFIX_SHIFT: Record<string, number> = { k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 };

export interface ParsedNumber {
  /** The value, exact; null when it does not fit below 2^53. */
  value: number | null;
  /** Index just after the last character consumed. */
  end: number;
  /** True when at least one digit was read. */
  digits: boolean;
}

/**
 * memparse(): simple_strtoull in base 0 (0x.. hex, a leading 0 octal, else decimal), then one
 * optional suffix K, M, G, T, P or E in either case, each a further shift by 10. Consumes
 * nothing when no digit follows, as the kernel does. `suffixes` lets older kernels, which knew
 * only K/M/G (2.6.23 lib/cmdline.c), refuse T/P/E.
 */
export function memparse(s: string, from = 0, suffixes = 'kmgtpe'): ParsedNumber {
  let i = from;
  let base = 10;
  if (s[i] === '0') {
    const x = s[i + 1];
    if ((x === 'x' || x === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  const start = i;
  let v = 0n;
  const big = BigInt(base);
  for (; i < s.length; i++) {
    const d = parseInt(s[i] as string, base);
    if (Number.isNaN(d)) break;
    v = v * big + BigInt(d);
  }
  const digits = i > start;
  if (!digits) return { value: 0, end: from, digits: false };
  const suffix = (s[i] ?? '').toLowerCase();
  const shift = SUFFIX_SHIFT[suffix];
  if (shift !== undefined && suffixes.includes(suffix)) {
    v <<= BigInt(shift);
    i++;
  }
  v &= (1n << 64n) - 1n; // unsigned long long wraps, as in the kernel
  return { value: v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null, end: i, digits: true };
}

export type SizeParse = { ok: true; value: number } | { ok: false; error: string };

/**
 * A whole field typed by a person: `0x1000000`, `16M`, `48G`, `4096`. Uses memparse and then
 * requires that nothing but white space is left. Refuses values at or beyond 2^52.
 */
export function parseSize(text: string, what = 'value'): SizeParse {
  const s = text.trim();
  if (s === '')
    return { ok: false, error: `${what} is empty: type a number such as 0x1000000 or 16M` };
  const r = memparse(s);
  if (!r.digits)
    return {
      ok: false,
      error: `${what} "${s}" is not a number: use 0x… hex, decimal, or a K/M/G/T suffix`,
    };
  if (r.end !== s.length) {
    const c = s[r.end];
    return {
      ok: false,
      error: `${what} "${s}": unknown suffix "${c}" at character ${r.end + 1} (use K, M, G, T, P or E)`,
    };
  }
  if (r.value === null || r.value > MAX_PHYS) {
    return { ok: false, error: `${what} "${s}" is beyond the 2^52-byte physical address space` };
  }
  return { ok: true, value: r.value };
}

// ---------------------------------------------------------------------------------------------
// Formatting

/**
 * x.toString(16), several times faster for addresses above 2^31: V8 formats a number that is
 * not a small integer in radix 16 slowly, so whole addresses are formatted 24 bits at a time.
 * An imported log formats hundreds of thousands of them.
 */
function hexDigits(x: number): string {
  if (!(x >= 0x1000000 && Number.isSafeInteger(x))) return x.toString(16);
  const high = Math.floor(x / 0x1000000);
  return hexDigits(high) + (x - high * 0x1000000).toString(16).padStart(6, '0');
}

/** Lowercase hex with 0x, no padding: the JSON contract's form. */
export function hex(x: number): string {
  return '0x' + hexDigits(x);
}

/** Two hex digits of each byte value: a 64-bit field is eight lookups, no number formatting. */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const byteHex = (b: number): string => BYTE_HEX[b] as string;

/**
 * printk's %016llx of a whole address (0 ≤ x < 2^53), byte by byte: four times faster than
 * formatting and padding, and memRange prints two per step of an imported memblock=debug log.
 * The two 32-bit halves come from an exact division; the shifts act on each half alone.
 */
function hex16(x: number): string {
  const hi = Math.floor(x / 0x100000000);
  const lo = x - hi * 0x100000000;
  return (
    byteHex(hi >>> 24) +
    byteHex((hi >>> 16) & 255) +
    byteHex((hi >>> 8) & 255) +
    byteHex(hi & 255) +
    byteHex(lo >>> 24) +
    byteHex((lo >>> 16) & 255) +
    byteHex((lo >>> 8) & 255) +
    byteHex(lo & 255)
  );
}

/** Zero-padded lowercase hex without 0x (printk %016Lx style). */
export function hexPad(x: number, width: number): string {
  if (width === 16 && x >= 0 && Number.isSafeInteger(x)) return hex16(x);
  return hexDigits(x).padStart(width, '0');
}

/** printk "%#0NLx": 0x plus at least N-2 digits. */
export function hexAlt(x: number, width: number): string {
  return '0x' + hexPad(x, width - 2);
}

/**
 * Kernel-style inclusive range of a half-open [start, end): `[mem 0x0000000001000000-0x000000000111afff]`.
 * `width` is the printk field width: 18 for %#018Lx (e820, zones), 10 for %#010Lx.
 */
export function memRange(start: number, end: number, width = 18): string {
  if (
    width === 18 &&
    start >= 0 &&
    end >= 1 &&
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(end)
  )
    return memRange18(start, end - 1);
  return `[mem ${hexAlt(start, width)}-${hexAlt(end - 1, width)}]`;
}

/** The character codes of `[mem 0x%016llx-0x%016llx]`, the digits rewritten for each range. */
const MEM_RANGE = Array.from('[mem 0x0000000000000000-0x0000000000000000]', (c) => c.charCodeAt(0));
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Sixteen hex digits of x (0 ≤ x < 2^53) into MEM_RANGE from `at`, halves as in hex16. */
function putHex16(x: number, at: number): void {
  let hi = Math.floor(x / 0x100000000);
  let lo = x - hi * 0x100000000;
  for (let i = 15; i >= 8; i--, lo >>>= 4) MEM_RANGE[at + i] = HEX_CODES[lo & 15] as number;
  for (let i = 7; i >= 0; i--, hi >>>= 4) MEM_RANGE[at + i] = HEX_CODES[hi & 15] as number;
}

/**
 * memRange at the usual width, made as one flat string from its character codes: two and a
 * half times faster than joining its pieces (which V8 then has to flatten), and an imported
 * memblock=debug log prints one per reservation.
 */
function memRange18(start: number, last: number): string {
  putHex16(start, 7);
  putHex16(last, 26);
  return String.fromCharCode(...MEM_RANGE);
}

/** Old-style (2.6.x e820) exclusive range: `0000000001000000 - 0000000009000000`. */
export function oldRange(start: number, end: number): string {
  return `${hexPad(start, 16)} - ${hexPad(end, 16)}`;
}

/** Binary units, largest first: humanSize here and the axis labels of the app. */
export const BINARY_UNITS: readonly (readonly [number, string])[] = [
  [2 ** 60, 'EiB'],
  [2 ** 50, 'PiB'],
  [TiB, 'TiB'],
  [GiB, 'GiB'],
  [MiB, 'MiB'],
  [KiB, 'KiB'],
];

/**
 * Binary units the way people read them: `128 MiB`, `1.5 MiB`, `0 B`. Exact values print as
 * integers; others with up to two decimals and a leading ≈ so nobody mistakes them for exact.
 */
export function humanSize(bytes: number): string {
  // Indexed, not destructured: an imported log formats hundreds of thousands of sizes.
  for (let i = 0; i < BINARY_UNITS.length; i++) {
    const [unit, name] = BINARY_UNITS[i] as (typeof BINARY_UNITS)[number];
    if (bytes >= unit) {
      const v = bytes / unit;
      if (Number.isInteger(v)) return `${v} ${name}`;
      const r = Math.round(v * 100) / 100;
      return r * unit === bytes ? `${r} ${name}` : `≈${r} ${name}`;
    }
  }
  return `${bytes} B`;
}

/** An address as an offset people read: `16 MiB`, `0xf9b000 (≈15.6 MiB)`. */
export function humanAddr(addr: number): string {
  const s = humanSize(addr);
  return s.startsWith('≈') ? `${hex(addr)} (${s})` : s === '0 B' ? '0' : s;
}

/** Whole megabytes as the kernel prints them with %ld and >> 20 (crashkernel messages). */
export const toMB = (bytes: number): number => Math.floor(bytes / MiB);
