/**
 * memblock=debug output (mm/memblock.c memblock_dbg, 2.6.37 to 7.x): range operations
 * `memblock_reserve: [%pa-%pa] %pS` (inclusive end; 2.6.3x x86 prints a name instead of the
 * caller), allocation requests `memblock_alloc_try_nid: N bytes align=… nid=… from=… max_addr=…`,
 * and `MEMBLOCK configuration:` dumps.
 */
import type { Fact } from './facts';
import { hexValue, inclusiveOf, inclusiveRange } from './numbers';
import { SharedField } from './step-text';
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

/** The repeating texts of requests and of range operations, each shared (step-text.ts). */
const shared = {
  allocFn: new SharedField(),
  allocCaller: new SharedField(),
  rangeFn: new SharedField(),
  rangeCaller: new SharedField(),
};

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

/** An allocation request from its fields. */
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
  // `nid` in the literal rather than added: a field added later goes to a second object.
  const record: MemblockRecord =
    nid === undefined
      ? { line, fn, op: 'alloc', caller, size, align, from, maxAddr }
      : { line, fn, op: 'alloc', caller, size, align, from, maxAddr, nid };
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
  const record: MemblockRecord = { line, fn, op, caller: shared.rangeCaller.of(caller), range };
  if (nid) record.nid = Number(nid[1]);
  return { kind: 'memblock', line, record };
}

/**
 * A memblock=debug line. The patterns are the reader: irregexp checks a line's ~150 characters
 * faster than a hand loop of charCodeAt can (measured: 60 ms against 125 ms for the 100,000
 * lines of the generated log), and a check that is also the reader cannot disagree with it.
 */
function parseDebug(t: string, line: number): Fact | null {
  // The function name holds no ': ', so what follows the first one tells the two forms apart:
  // a range operation's `[` can never start an allocation's byte count.
  const a = t.charCodeAt(t.indexOf(': ') + 2) === 91 /* [ */ ? null : M.alloc.exec(t);
  if (a)
    return allocFact(
      line,
      shared.allocFn.of(a[1] as string),
      shared.allocCaller.of(a[7] as string),
      Number(a[2]),
      hexValue(a[3] as string),
      hexValue(a[5] as string),
      hexValue(a[6] as string),
      a[4] === undefined ? undefined : Number(a[4]),
    );
  const r = M.rangeOp.exec(t);
  if (!r) return null;
  return rangeFact(
    line,
    shared.rangeFn.of(r[1] as string),
    hexValue(r[2] as string),
    hexValue(r[3] as string),
    r[4],
  );
}
