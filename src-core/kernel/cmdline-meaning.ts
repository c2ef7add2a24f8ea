/**
 * What a kernel makes of each option of a command line, for the editor to show as the person
 * types: crashkernel= in every syntax, mem=, memmap= and numa=off, in the words a kernel
 * engineer checks against ("crashkernel=128M@16M → 128 MiB at 0x1000000 (16 MiB)").
 *
 * Syntax is judged by the documented grammar, as 6.1 parses it (the strictest): an error
 * points at the character the kernel stops at. What a valid option means is then told for the
 * scenario's generation, with the engine's own parsers, because it changed: 2.6.23 only
 * understood size@offset, 2.6.x knew no ,high or T suffix.
 */
import {
  describeSpec,
  DIALECT_2_6_24,
  DIALECT_6_1,
  e820TypeName,
  hex,
  humanSize,
  memparse,
  memRange,
  MiB,
  parseCmdline,
  parseCrashkernel2623,
  parseCrashkernelValue,
  sameKey,
  type CrashkernelSpec,
  type Param,
} from '../../src-core';

export interface Understood {
  /** Offsets of the option in the command line, half-open. */
  start: number;
  end: number;
  text: string;
  /** What the kernel makes of it; '' for an error, or an option the simulation does not read. */
  meaning: string;
  /** The kernel refuses it: what, where (offset in the line) and how to fix it. */
  error?: { message: string; at: number; fix: string };
  /** Valid, but this generation reads it otherwise, or a later option replaces it. */
  note?: string;
  /** The simulation reads this option. */
  simulated: boolean;
}

interface Generation {
  label: string;
  /** 2.6.23 had its own crashkernel= parser (size@offset only). */
  crash: 'size@offset' | 'ranges' | 'modern';
  /** memparse suffixes: 2.6.x lib/cmdline.c knew K, M and G only. */
  suffixes: string;
  modern: boolean;
}

/** The generation of a model id such as `bootmem-2.6.23` or `memblock-6.1`. */
export function generationOf(model: string): Generation {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?$/.exec(model);
  const label = m ? m[0] : model;
  if (m && Number(m[1]) < 3) {
    const patch = Number(m[3] ?? 0);
    return { label, crash: patch <= 23 ? 'size@offset' : 'ranges', suffixes: 'kmg', modern: false };
  }
  return { label, crash: 'modern', suffixes: 'kmgtpe', modern: true };
}

type Part = Pick<Understood, 'meaning' | 'error' | 'note'>;

const fail = (message: string, at: number, fix: string): Part => ({
  meaning: '',
  error: { message, at, fix },
});

const RANGES_FIX =
  'ranges look like crashkernel=1G-4G:192M,4G-:256M (RAM start-[end]:size, separated by commas)';

/** How to fix a crashkernel= syntax error, from the kernel's message. */
function crashFix(message: string, value: string, at: number): string {
  if (/after the base/.test(message))
    return 'the offset ends at its K, M or G suffix, as in crashkernel=128M@16M';
  if (/after @|after '@'/.test(message))
    return 'give the offset after @, as in crashkernel=128M@16M';
  if (/unrecognized char/.test(message))
    return `"${value[at] ?? ''}" is not a size suffix: use K, M or G (128M), then @offset, ,high or ,low`;
  if (/expected|end <= start/.test(message) && value.includes(':')) return RANGES_FIX;
  return 'start with a size such as 256M; or size@offset (128M@16M), size,high, or ' + RANGES_FIX;
}

function crashkernel(p: Param, gen: Generation): Part {
  const v = p.value;
  if (v === null || v === '')
    return fail('crashkernel= needs a value', p.end, 'give a size, such as crashkernel=256M');
  if (/^auto$/i.test(v))
    return fail(
      'crashkernel=auto is a Red Hat extension; upstream kernels do not understand it',
      p.valueStart,
      'give a size, such as crashkernel=256M, or ' + RANGES_FIX,
    );
  const strict = parseCrashkernelValue(v, DIALECT_6_1);
  const syntax = strict.ok
    ? strict.spec.kind === 'ranges'
      ? strict.spec.error
      : null
    : strict.error;
  if (syntax)
    return fail(syntax.message, p.valueStart + syntax.at, crashFix(syntax.message, v, syntax.at));
  const spec = (strict as { spec: CrashkernelSpec }).spec;
  if (gen.crash === 'modern')
    return withSmallBase(
      { meaning: describeSpec(spec) },
      spec.kind === 'simple' ? spec.base : null,
      v,
    );
  if (gen.crash === 'size@offset') {
    const r = parseCrashkernel2623([{ value: v }]);
    if (!r.window) return { meaning: 'ignored', note: r.note };
    const size = r.window.end - r.window.start;
    return withSmallBase(
      { meaning: describeSpec({ kind: 'simple', size, base: r.window.start }) },
      r.window.start,
      v,
    );
  }
  const old = parseCrashkernelValue(v, DIALECT_2_6_24);
  if (!old.ok) return { meaning: 'ignored', note: `${gen.label}: ${old.error.message}` };
  const meaning = describeSpec(old.spec);
  if (meaning !== describeSpec(spec))
    return { meaning, note: `${gen.label} knows no ,high or ,low: it reads only the size` };
  return withSmallBase({ meaning }, old.spec.kind === 'simple' ? old.spec.base : null, v);
}

/** A base below 1 MiB is almost always a size suffix forgotten: crashkernel=128M@16. */
function withSmallBase(part: Part, base: number | null, value: string): Part {
  if (base === null || base === 0 || base >= MiB) return part;
  return {
    ...part,
    note: `a base of ${humanSize(base)} is surely a missing suffix: did you mean ${value}M?`,
  };
}

function mem(p: Param, gen: Generation): Part {
  const v = p.value ?? '';
  if (v === 'nopentium') return { meaning: 'ignored (mem=nopentium is for x86_32 only)' };
  const r = memparse(v, 0, gen.suffixes);
  if (!r.digits)
    return fail('mem= needs a size', p.valueStart, 'give the top of usable RAM, such as mem=4G');
  if (r.value === null)
    return fail('mem= is beyond 2^53', p.valueStart, 'give a size such as mem=4G');
  if (r.value === 0)
    return fail(
      'mem=0 is refused: it would remove all memory',
      p.valueStart,
      'give a size such as mem=4G',
    );
  const meaning = `usable RAM at and above ${hex(r.value)} (${humanSize(r.value)}) is removed`;
  const rest = v.slice(r.end);
  if (!rest) return { meaning };
  const modern = memparse(v).end !== r.end;
  return {
    meaning,
    note: modern
      ? `${gen.label} knows only the K, M and G suffixes: "${rest}" is ignored`
      : `"${rest}" after the size is ignored`,
  };
}

const QUALIFIERS: Record<string, number> = { '@': 1, '#': 3, $: 2, '!': 12 };
const MEMMAP_FIX =
  'use size@addr (usable), size#addr (ACPI data), size$addr (reserved), size!addr (persistent) or size%addr-old+new';

/** One entry of memmap= (6.1 splits the value at commas); `at` is its offset in the line. */
function memmapOne(v: string, at: number, gen: Generation): Part {
  if (v === 'exactmap')
    return { meaning: 'the firmware map is discarded: only memmap= entries describe memory' };
  const size = memparse(v, 0, gen.suffixes);
  if (!size.digits || size.value === null)
    return fail('memmap= needs a size first', at, `${MEMMAP_FIX}, e.g. memmap=64M$256M`);
  const q = v[size.end] ?? '';
  if (q === '')
    return {
      meaning: `like mem=: usable RAM at and above ${hex(size.value)} (${humanSize(size.value)}) is removed`,
    };
  if (q === '\\')
    return fail(
      `"\\" is shell or GRUB quoting: the kernel must receive memmap=${v.replace(/\\/g, '')}`,
      at + size.end,
      'remove the backslash here (it belongs only in the GRUB configuration file)',
    );
  if (q === '%') return retype(v, size.end + 1, size.value, at, gen);
  const type = QUALIFIERS[q];
  if (type === undefined)
    return fail(`"${q}" is not a memmap= qualifier`, at + size.end, MEMMAP_FIX);
  const base = memparse(v, size.end + 1, gen.suffixes);
  if (!base.digits || base.value === null)
    return fail(
      `an address must follow "${q}"`,
      at + size.end + 1,
      `${MEMMAP_FIX}, e.g. memmap=64M$256M`,
    );
  const meaning = `a ${e820TypeName(type)} entry ${memRange(base.value, base.value + size.value)} (${humanSize(size.value)}) is added to the e820 map`;
  if (q === '!' && !gen.modern)
    return { meaning: 'ignored', note: `${gen.label} refuses "!" (persistent memory came later)` };
  const rest = v.slice(base.end);
  return rest ? { meaning, note: `"${rest}" after the address is ignored` } : { meaning };
}

/** memmap=nn%ss-old+new (6.1): retype, add or remove a range by type number. */
function retype(v: string, from: number, size: number, at: number, gen: Generation): Part {
  if (!gen.modern) return { meaning: 'ignored', note: `${gen.label} refuses "%" (it came later)` };
  const base = memparse(v, from);
  const m = /^(?:-(\d+))?(?:\+(\d+))?$/.exec(v.slice(base.end));
  if (!base.digits || base.value === null || !m || (!m[1] && !m[2]))
    return fail(
      'memmap=size%addr needs -oldtype, +newtype or both',
      at + base.end,
      'e.g. memmap=64M%4G-1+2 retypes usable (1) as reserved (2)',
    );
  const range = memRange(base.value, base.value + size);
  const [old, to] = [m[1] ? Number(m[1]) : 0, m[2] ? Number(m[2]) : 0];
  if (old && to)
    return { meaning: `${range} is retyped from ${e820TypeName(old)} to ${e820TypeName(to)}` };
  return {
    meaning: to
      ? `${range} is added as ${e820TypeName(to)}`
      : `${range} (${e820TypeName(old)}) is removed`,
  };
}

function memmap(p: Param, gen: Generation): Part {
  const v = p.value ?? '';
  if (!gen.modern && v.includes(','))
    return {
      meaning: 'ignored',
      note: `${gen.label} reads one entry per memmap=: write one memmap= per entry`,
    };
  const parts: Part[] = [];
  let at = p.valueStart;
  for (const one of v.split(',')) {
    parts.push(memmapOne(one, at, gen));
    at += one.length + 1;
  }
  const error = parts.find((x) => x.error)?.error;
  if (error) return { meaning: '', error };
  const notes = parts.flatMap((x) => (x.note ? [x.note] : []));
  return {
    meaning: parts.map((x) => x.meaning).join('; '),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/** Each option of a command line and what the scenario's generation makes of it. */
export function understandCmdline(line: string, model: string): Understood[] {
  const gen = generationOf(model);
  const out = parseCmdline(line).map((p): Understood => {
    const base = { start: p.start, end: p.end, text: line.slice(p.start, p.end) };
    if (sameKey(p.key, 'crashkernel')) return { ...base, simulated: true, ...crashkernel(p, gen) };
    if (p.key === 'mem') return { ...base, simulated: true, ...mem(p, gen) };
    if (p.key === 'memmap') return { ...base, simulated: true, ...memmap(p, gen) };
    if (p.key === 'numa' && p.value === 'off')
      return {
        ...base,
        simulated: true,
        meaning: 'NUMA off: one node spans all RAM; the node spans are not used',
      };
    return { ...base, simulated: false, meaning: '' };
  });
  markReplaced(out, gen);
  return out;
}

/** The kernel keeps the last crashkernel= of each kind (6.1: plain, ,high, ,low). */
function markReplaced(items: Understood[], gen: Generation): void {
  const kind = (u: Understood) =>
    gen.modern ? (/,(high|low)$/.exec(u.text)?.[1] ?? 'plain') : 'plain';
  const crash = items.filter(
    (u) => /^crashkernel=/.test(u.text) && !u.error && u.meaning !== 'ignored',
  );
  for (const u of crash) {
    const later = crash.filter((x) => x.start > u.start && kind(x) === kind(u)).pop();
    if (later) u.note = `replaced by the later ${later.text} (character ${later.start + 1})`;
  }
}

/** The options the kernel refuses, as problems for the validator (path `cmdline`). */
export function cmdlineProblems(line: string, model: string): { path: string; message: string }[] {
  return understandCmdline(line, model).flatMap((u) =>
    u.error
      ? [
          {
            path: 'cmdline',
            message: `${u.text}: ${u.error.message} (character ${u.error.at + 1}); ${u.error.fix}`,
          },
        ]
      : [],
  );
}
