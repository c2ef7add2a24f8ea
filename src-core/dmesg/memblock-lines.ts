/**
 * memblock=debug output (mm/memblock.c memblock_dbg, 2.6.37 to 7.x): range operations
 * `memblock_reserve: [%pa-%pa] %pS` (inclusive end; 2.6.3x x86 prints a name instead of the
 * caller), allocation requests `memblock_alloc_try_nid: N bytes align=… nid=… from=… max_addr=…`,
 * and `MEMBLOCK configuration:` dumps.
 */
import type { Fact } from './facts';
import { hexDigitsValue, hexValue, inclusiveOf, inclusiveRange } from './numbers';
import type { MemblockRecord } from './types';

const HEX = '0x[0-9a-fA-F]{1,16}';

export const MEMBLOCK_PATTERNS = {
  rangeOp: new RegExp(
    `^(_{0,2}memblock_[a-z0-9_]{1,40}): \\[(${HEX})-(${HEX})\\] {0,20}(\\S.{0,300})?$`,
  ),
  alloc: new RegExp(
    `^(_{0,2}memblock_[a-z0-9_]{1,40}): (\\d{1,20}) bytes align=(${HEX})(?: nid=(-?\\d{1,4}))? from=(${HEX}) max_addr=(${HEX}) (\\S{1,300})$`,
  ),
  dumpHeader: /^MEMBLOCK configuration:$/,
  dumpSizes: new RegExp(`^memory size = (${HEX}) reserved size = (${HEX})$`),
  dumpCount: new RegExp(`^(?:memory|reserved|physmem)\\.cnt {1,4}= (${HEX})$`),
  dumpEntry: new RegExp(
    `^(memory|reserved|physmem)\\[(${HEX})\\]\\s{1,8}\\[(${HEX})-(${HEX})\\], (${HEX}) bytes(?: on node (\\d{1,4}))?(?: flags: (${HEX}))?$`,
  ),
  nidField: /^nid=(-?\d{1,4})/,
} as const;

const M = MEMBLOCK_PATTERNS;

/** What a range operation does, from the function that printed it. */
function opOf(fn: string): MemblockRecord['op'] | null {
  if (fn.includes('reserve')) return 'reserve';
  if (fn.includes('remove')) return 'remove';
  if (fn.includes('free')) return 'free';
  if (fn.includes('add')) return 'add';
  return null;
}

export function parseMemblockLine(text: string, line: number): Fact | null {
  const t = text.trimStart();
  if (t.charCodeAt(0) === 95 /* _ */ || t.startsWith('memblock_')) return parseDebug(t, line);
  if (M.dumpHeader.test(t)) return { kind: 'header', line, what: 'memblock-dump', text: t };
  if (M.dumpSizes.test(t)) return { kind: 'header', line, what: 'memblock-dump-sizes', text: t };
  if (M.dumpCount.test(t)) return { kind: 'header', line, what: 'memblock-dump-count', text: t };
  const e = M.dumpEntry.exec(t);
  if (e) {
    const range = inclusiveRange(e[3] as string, e[4] as string);
    if (!range) return null;
    return {
      kind: 'memblock-dump-entry',
      line,
      type: e[1] as 'memory' | 'reserved' | 'physmem',
      range,
      ...(e[6] === undefined ? {} : { node: Number(e[6]) }),
      flags: e[7] === undefined ? 0 : (hexValue(e[7]) ?? 0),
    };
  }
  return null;
}

/** A zero-size operation prints `[base-(base-1)]`: an empty range at base. */
function emptyAt(start: number | null, last: number | null): { start: number; end: number } | null {
  return start !== null && last !== null && last + 1 === start ? { start, end: start } : null;
}

/** An allocation request from its fields, read by pattern or by hand. */
function allocFact(
  line: number,
  fn: string,
  caller: string,
  size: number,
  align: number | null,
  from: number | null,
  maxAddr: number | null,
  nid: number | undefined,
): Fact | null {
  if (!Number.isSafeInteger(size) || align === null || from === null || maxAddr === null)
    return null;
  const record: MemblockRecord = { line, fn, op: 'alloc', caller, size, align, from, maxAddr };
  if (nid !== undefined) record.nid = nid;
  return { kind: 'memblock', line, record };
}

/** A range operation from its fields; `tail` is what follows `]` and the spaces after it. */
function rangeFact(
  line: number,
  fn: string,
  start: number | null,
  last: number | null,
  tail: string | undefined,
): Fact | null {
  const op = opOf(fn);
  const range = inclusiveOf(start, last) ?? emptyAt(start, last);
  if (!op || !range) return null;
  // memblock_add_node prints `nid=N flags=F` before the caller; 2.6.3x prints a name, no caller.
  const rest = (tail ?? '').trim();
  const nid = rest.startsWith('nid=') ? M.nidField.exec(rest) : null;
  const caller = nid ? rest.slice(rest.lastIndexOf(' ') + 1) : rest;
  const record: MemblockRecord = { line, fn, op, caller, range };
  if (nid) record.nid = Number(nid[1]);
  return { kind: 'memblock', line, record };
}

/** A memblock=debug line read by MEMBLOCK_PATTERNS: what readDebug must agree with (tests). */
export function parseDebugByPattern(t: string, line: number): Fact | null {
  // The function name holds no ': ', so what follows the first one tells the two forms apart:
  // a range operation's `[` can never start an allocation's byte count.
  const a = t.charCodeAt(t.indexOf(': ') + 2) === 91 /* [ */ ? null : M.alloc.exec(t);
  if (a) {
    const hex = (k: number): number | null => hexValue(a[k] as string);
    const nid = a[4] === undefined ? undefined : Number(a[4]);
    return allocFact(
      line,
      a[1] as string,
      a[7] as string,
      Number(a[2]),
      hex(3),
      hex(5),
      hex(6),
      nid,
    );
  }
  const r = M.rangeOp.exec(t);
  if (!r) return null;
  return rangeFact(line, r[1] as string, hexValue(r[2] as string), hexValue(r[3] as string), r[4]);
}

function parseDebug(t: string, line: number): Fact | null {
  const read = readDebug(t, line);
  return read === undefined ? parseDebugByPattern(t, line) : read;
}

// The hand reading of the two forms that make up most of a memblock=debug log. It takes a line
// only when it is sure the patterns match it with these very fields; anything else (a space
// more, a character past ASCII, a field too long) is left to the patterns: `undefined`.

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean =>
  isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
/** [a-z0-9_] */
const isNameChar = (c: number): boolean => (c >= 97 && c <= 122) || isDigit(c) || c === 95;
/** Printable ASCII but the space: what \S is on the characters the hand reading accepts. */
const isGraph = (c: number): boolean => c > 32 && c < 127;
const isText = (c: number): boolean => c >= 32 && c < 127;

/** The end of the run of characters from `i` that `ok` accepts. */
function runEnd(t: string, i: number, ok: (c: number) => boolean): number {
  let j = i;
  while (ok(t.charCodeAt(j))) j++;
  return j;
}

/** The end of `0x` and 1 to 16 hex digits at `i`, or -1. */
function hexEnd(t: string, i: number): number {
  if (t.charCodeAt(i) !== 48 /* 0 */ || t.charCodeAt(i + 1) !== 120 /* x */) return -1;
  const j = runEnd(t, i + 2, isHexDigit);
  return j > i + 2 && j - i - 2 <= 16 ? j : -1;
}

/** Number() of the digits t[from, to): computed below 2^53 (at most 15 digits), else parsed. */
function decimal(t: string, from: number, to: number): number {
  if (to - from > 15) return Number(t.slice(from, to));
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (t.charCodeAt(i) - 48);
  return v;
}

/** Are there `min` to `max` characters from `i` to the end, each one `ok` accepts? */
function restIs(
  t: string,
  i: number,
  min: number,
  max: number,
  ok: (c: number) => boolean,
): boolean {
  const n = t.length - i;
  return n >= min && n <= max && runEnd(t, i, ok) === t.length;
}

/** `N bytes align=0x… [nid=…] from=0x… max_addr=0x… caller`, from `i` (after `fn: `). */
function readAlloc(t: string, i: number, fn: string, line: number): Fact | null | undefined {
  const sizeEnd = runEnd(t, i, isDigit);
  if (sizeEnd === i || sizeEnd - i > 20 || !t.startsWith(' bytes align=', sizeEnd)) return;
  const alignAt = sizeEnd + 13;
  const alignEnd = hexEnd(t, alignAt);
  if (alignEnd < 0) return;
  let at = alignEnd;
  let nid: number | undefined;
  if (t.startsWith(' nid=', at)) {
    const minus = t.charCodeAt(at + 5) === 45; /* - */
    const digits = at + 5 + (minus ? 1 : 0);
    const end = runEnd(t, digits, isDigit);
    if (end === digits || end - digits > 4) return;
    const v = decimal(t, digits, end);
    nid = minus ? -v : v;
    at = end;
  }
  if (!t.startsWith(' from=', at)) return;
  const fromAt = at + 6;
  const fromEnd = hexEnd(t, fromAt);
  if (fromEnd < 0 || !t.startsWith(' max_addr=', fromEnd)) return;
  const maxAt = fromEnd + 10;
  const maxEnd = hexEnd(t, maxAt);
  if (maxEnd < 0 || t.charCodeAt(maxEnd) !== 32 || !restIs(t, maxEnd + 1, 1, 300, isGraph)) return;
  return allocFact(
    line,
    fn,
    t.slice(maxEnd + 1),
    decimal(t, i, sizeEnd),
    hexDigitsValue(t, alignAt + 2, alignEnd),
    hexDigitsValue(t, fromAt + 2, fromEnd),
    hexDigitsValue(t, maxAt + 2, maxEnd),
    nid,
  );
}

/** `[0x…-0x…] caller`, from `i` (after `fn: `). */
function readRange(t: string, i: number, fn: string, line: number): Fact | null | undefined {
  const startEnd = hexEnd(t, i + 1);
  if (startEnd < 0 || t.charCodeAt(startEnd) !== 45 /* - */) return;
  const lastEnd = hexEnd(t, startEnd + 1);
  if (lastEnd < 0 || t.charCodeAt(lastEnd) !== 93 /* ] */) return;
  const tailAt = runEnd(t, lastEnd + 1, (c) => c === 32);
  if (tailAt - lastEnd - 1 > 20) return;
  if (tailAt < t.length && !(isGraph(t.charCodeAt(tailAt)) && restIs(t, tailAt, 1, 301, isText)))
    return;
  return rangeFact(
    line,
    fn,
    hexDigitsValue(t, i + 3, startEnd),
    hexDigitsValue(t, startEnd + 3, lastEnd),
    tailAt < t.length ? t.slice(tailAt) : undefined,
  );
}

/** A memblock=debug line read by hand; `undefined` where the patterns must decide. */
function readDebug(t: string, line: number): Fact | null | undefined {
  let i = 0;
  while (i < 2 && t.charCodeAt(i) === 95 /* _ */) i++;
  if (!t.startsWith('memblock_', i)) return;
  const nameEnd = runEnd(t, i + 9, isNameChar);
  if (nameEnd === i + 9 || nameEnd - i - 9 > 40 || !t.startsWith(': ', nameEnd)) return;
  const fn = t.slice(0, nameEnd);
  return t.charCodeAt(nameEnd + 2) === 91 /* [ */
    ? readRange(t, nameEnd + 2, fn, line)
    : readAlloc(t, nameEnd + 2, fn, line);
}
