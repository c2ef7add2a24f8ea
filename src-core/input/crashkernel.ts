/**
 * crashkernel= in every syntax of Documentation/admin-guide/kernel-parameters.txt:
 *
 *   crashkernel=size[KMG][@offset[KMG]]
 *   crashkernel=range1:size1[,range2:size2,...][@offset]   range = start-[end]
 *   crashkernel=size[KMG],high        crashkernel=size[KMG],low
 *
 * Parsing gives a typed request or an error with the character it is about. What a request
 * means depends on the kernel: each generation's model calls resolveCrashkernel() with its own
 * dialect, because the rules changed (2.6.23 only knew size@base; 2.6.24 added ranges with an
 * inclusive end; 6.1 rounds System RAM up to 128 MiB and treats the end as exclusive).
 */
import { humanSize, hex, memparse, MiB } from '../base/addr';
import { paramsNamed, type Param } from './cmdline';
import type { KernelRules } from '../kernel/rules';
import type { Range } from '../base/range';

export interface RangeEntry {
  start: number;
  /** null = open-ended (`4G-`). */
  end: number | null;
  size: number;
}

export type CrashkernelSpec =
  | { kind: 'simple'; size: number; base: number | null }
  | { kind: 'ranges'; entries: RangeEntry[]; base: number | null; error: SpecError | null }
  | { kind: 'high'; size: number }
  | { kind: 'low'; size: number };

/** The message the kernel would print and where in the value it is about. */
export interface SpecError {
  message: string;
  /** Offset in the value string (after `crashkernel=`). */
  at: number;
}

export type SpecParse = { ok: true; spec: CrashkernelSpec } | { ok: false; error: SpecError };

/** Rules that differ between generations. */
export interface Dialect {
  /** `,high` / `,low` understood (6.1); before that they are trailing garbage. */
  suffixes: boolean;
  /** Complain about characters after the size (`crashkernel: unrecognized char: %c`). */
  strictTail: boolean;
  /** Range match uses `start <= ram < end` (6.1) instead of `start <= ram <= end` (2.6.24). */
  exclusiveEnd: boolean;
  /** System RAM is rounded up to 128 MiB before matching (6.1 kernel/crash_core.c). */
  roundRam128M: boolean;
  /** The size suffixes memparse() knows (rule memparseSuffixes: K/M/G until T, P, E came). */
  units: string;
}

/** kernel/kexec.c v2.6.24 parse_crashkernel, used until the suffixes arrived. */
export const DIALECT_2_6_24: Dialect = {
  suffixes: false,
  strictTail: false,
  exclusiveEnd: false,
  roundRam128M: false,
  units: 'kmg',
};

/** kernel/crash_core.c v6.1 __parse_crashkernel. */
export const DIALECT_6_1: Dialect = {
  suffixes: true,
  strictTail: true,
  exclusiveEnd: true,
  roundRam128M: true,
  units: 'kmgtpe',
};

/**
 * parse_crashkernel's dialect in a kernel that has it (2.6.24 on, cba63c3089fe "kexec: add
 * parse_crashkernel"): 6.1's kernel/crash_core.c from the memblock era on, 2.6.24's
 * kernel/kexec.c before, with the size suffixes memparse knows in that version.
 */
export function kexecDialect(
  rules: Pick<KernelRules, 'crashReserve' | 'memparseSuffixes'>,
): Dialect {
  const base = rules.crashReserve === 'memblock' ? DIALECT_6_1 : DIALECT_2_6_24;
  return { ...base, units: rules.memparseSuffixes };
}

/**
 * How a kernel reads crashkernel=: 2.6.23's own setup_crashkernel (size@offset only,
 * parseCrashkernel2623 below), or parse_crashkernel in its dialect.
 */
export function crashkernelReader(
  rules: Pick<KernelRules, 'crashReserve' | 'memparseSuffixes'>,
): 'size@offset' | Dialect {
  return rules.crashReserve === 'recorded' ? 'size@offset' : kexecDialect(rules);
}

const fail = (message: string, at: number): SpecParse => ({ ok: false, error: { message, at } });

/** Parse one crashkernel= value. */
export function parseCrashkernelValue(value: string, dialect: Dialect = DIALECT_6_1): SpecParse {
  if (dialect.suffixes) {
    const m = /,(high|low)$/.exec(value);
    if (m) {
      const r = memparse(value, 0, dialect.units);
      if (!r.digits) return fail('crashkernel: memory value expected', 0);
      if (r.value === null) return fail('crashkernel: size too large', 0);
      if (r.end !== m.index) return fail(`crashkernel: unrecognized char: ${value[r.end]}`, r.end);
      return { ok: true, spec: { kind: m[1] as 'high' | 'low', size: r.value } };
    }
  }
  const colon = value.indexOf(':');
  if (colon >= 0) return parseRanges(value, dialect);
  const r = memparse(value, 0, dialect.units);
  if (!r.digits) return fail('crashkernel: memory value expected', 0);
  if (r.value === null) return fail('crashkernel: size too large', 0);
  let at = r.end;
  let base: number | null = null;
  if (value[at] === '@') {
    const b = memparse(value, at + 1, dialect.units);
    if (!b.digits) return fail('crashkernel: memory value expected after @', at + 1);
    if (b.value === null) return fail('crashkernel: base too large', at + 1);
    base = b.value;
    at = b.end;
    if (at < value.length && dialect.strictTail) {
      return fail(`crashkernel: unexpected text after the base: ${value.slice(at)}`, at);
    }
  } else if (at < value.length && dialect.strictTail) {
    return fail(`crashkernel: unrecognized char: ${value[at]}`, at);
  }
  return { ok: true, spec: { kind: 'simple', size: r.value, base } };
}

/**
 * `start-[end]:size,...[@offset]`. Every entry is parsed so an editor can show each problem;
 * the first syntax error is kept in `error`, and resolveCrashkernel() reports it only if the
 * kernel would have reached it (the kernel stops at the first matching entry).
 */
function parseRanges(value: string, dialect: Dialect): SpecParse {
  const entries: RangeEntry[] = [];
  let cur = 0;
  let error: SpecError | null = null;
  for (;;) {
    const s = memparse(value, cur, dialect.units);
    if (!s.digits || s.value === null) {
      error = { message: 'crashkernel: Memory value expected', at: cur };
      break;
    }
    cur = s.end;
    if (value[cur] !== '-') {
      error = { message: "crashkernel: '-' expected", at: cur };
      break;
    }
    cur++;
    let end: number | null = null;
    if (value[cur] !== ':') {
      const e = memparse(value, cur, dialect.units);
      if (!e.digits || e.value === null) {
        error = { message: 'crashkernel: Memory value expected', at: cur };
        break;
      }
      if (e.value <= s.value) {
        error = { message: 'crashkernel: end <= start', at: cur };
        break;
      }
      end = e.value;
      cur = e.end;
    }
    if (value[cur] !== ':') {
      error = { message: "crashkernel: ':' expected", at: cur };
      break;
    }
    cur++;
    const z = memparse(value, cur, dialect.units);
    if (!z.digits || z.value === null) {
      error = { message: 'Memory value expected', at: cur };
      break;
    }
    cur = z.end;
    entries.push({ start: s.value, end, size: z.value });
    if (value[cur] !== ',') break;
    cur++;
  }
  // After a match the kernel skips to the next '@' or space and reads the base from there.
  let base: number | null = null;
  const tail = value.slice(cur);
  const atSign = tail.includes('@') ? cur + tail.indexOf('@') : -1;
  if (atSign >= 0) {
    const b = memparse(value, atSign + 1, dialect.units);
    if (b.digits && b.value !== null) base = b.value;
    else error ??= { message: "Memory value expected after '@'", at: atSign + 1 };
  }
  if (entries.length === 0 && error) return { ok: false, error };
  return { ok: true, spec: { kind: 'ranges', entries, base, error } };
}

/** What the kernel finally asks for: a size (0 = nothing) and a base (0 = automatic). */
export type Resolution =
  { ok: true; size: number; base: number; entry?: RangeEntry } | { ok: false; message: string };

/**
 * Turn a spec into the (size, base) the kernel reserves, given System RAM in bytes, following
 * parse_crashkernel_mem: RAM optionally rounded up to 128 MiB; entries tried in order; a size
 * at or above RAM is an error; no match gives size 0 ("crashkernel size resulted in zero bytes").
 */
export function resolveCrashkernel(
  spec: CrashkernelSpec,
  systemRam: number,
  dialect: Dialect,
): Resolution {
  if (spec.kind !== 'ranges') {
    return { ok: true, size: spec.size, base: spec.kind === 'simple' ? (spec.base ?? 0) : 0 };
  }
  const ram = dialect.roundRam128M ? Math.ceil(systemRam / (128 * MiB)) * 128 * MiB : systemRam;
  for (const e of spec.entries) {
    if (e.size >= ram) return { ok: false, message: 'crashkernel: invalid size' };
    const end = e.end ?? Infinity;
    const match = ram >= e.start && (dialect.exclusiveEnd ? ram < end : ram <= end);
    if (match) return { ok: true, size: e.size, base: spec.base ?? 0, entry: e };
  }
  if (spec.error) return { ok: false, message: spec.error.message };
  return { ok: true, size: 0, base: 0 };
}

/** The crashkernel options of a command line as one kernel sees them. */
export interface CrashkernelOptions {
  /** The plain `crashkernel=` in effect (the last one not ending in ,high/,low). */
  main: { param: Param; parse: SpecParse } | null;
  high: { param: Param; parse: SpecParse } | null;
  low: { param: Param; parse: SpecParse } | null;
}

/**
 * get_last_crashkernel (6.1 kernel/crash_core.c): the last occurrence wins; without suffix
 * support every occurrence is a plain one.
 */
export function findCrashkernel(params: readonly Param[], dialect: Dialect): CrashkernelOptions {
  const all = paramsNamed(params, 'crashkernel').filter((p) => p.value !== null);
  const pick = (pred: (v: string) => boolean) => {
    const p = all.filter((x) => pred(x.value as string)).pop();
    return p ? { param: p, parse: parseCrashkernelValue(p.value as string, dialect) } : null;
  };
  const suffixed = (v: string) => dialect.suffixes && /,(high|low)$/.test(v);
  return {
    main: pick((v) => !suffixed(v)),
    high: dialect.suffixes ? pick((v) => v.endsWith(',high')) : null,
    low: dialect.suffixes ? pick((v) => v.endsWith(',low')) : null,
  };
}

/** One line for people: what a spec asks for. */
export function describeSpec(spec: CrashkernelSpec): string {
  switch (spec.kind) {
    case 'simple':
      return spec.base === null || spec.base === 0
        ? `${humanSize(spec.size)}, placed automatically`
        : `${humanSize(spec.size)} at ${hex(spec.base)} (${humanSize(spec.base)})`;
    case 'high':
      return `${humanSize(spec.size)} anywhere (above 4 GiB first), plus a low part below 4 GiB`;
    case 'low':
      return `${humanSize(spec.size)} below 4 GiB for DMA (the low part of a ,high request)`;
    case 'ranges': {
      const parts = spec.entries.map(
        (e) =>
          `RAM ${humanSize(e.start)}–${e.end === null ? '∞' : humanSize(e.end)}: ${humanSize(e.size)}`,
      );
      const base = spec.base ? ` at ${hex(spec.base)}` : '';
      return `size by RAM (${parts.join('; ')})${base}`;
    }
  }
}

export interface Crash2623 {
  window: Range | null;
  text: string | null;
  note: string;
}

/**
 * setup_crashkernel (v2.6.23 arch/x86_64/kernel/machine_kexec.c): memparse the size; if '@'
 * follows, memparse the base and record crashk_res. Anything else is silently ignored; each
 * occurrence with a base overwrites the previous one.
 */
export function parseCrashkernel2623(
  params: readonly { value: string | null }[],
  prev?: Crash2623,
): Crash2623 {
  let out: Crash2623 = prev ?? {
    window: null,
    text: null,
    note: 'no crashkernel= on the command line',
  };
  for (const p of params) {
    const v = p.value ?? '';
    const size = memparse(v, 0, 'kmg');
    const base = v[size.end] === '@' ? memparse(v, size.end + 1, 'kmg') : null;
    if (size.value === null || !base?.digits || base.value === null) {
      out = {
        ...out,
        note: out.window
          ? out.note
          : `crashkernel=${v} is ignored: 2.6.23 only understands size@offset`,
      };
      continue;
    }
    out = { window: { start: base.value, end: base.value + size.value }, text: v, note: '' };
  }
  return out;
}
