/**
 * What a kernel makes of each option of a command line, for the editor to show as the person
 * types: crashkernel= in every syntax, mem=, memmap=, numa=off and numa=fake=, in the words a kernel
 * engineer checks against ("crashkernel=128M@16M → 128 MiB at 0x1000000 (16 MiB)").
 *
 * Syntax is judged by the documented grammar, as 6.1 parses it (the strictest): an error
 * points at the character the kernel stops at. What a valid option means is then told for the
 * kernel in force (its version's rules), with the parsers the simulation runs: 2.6.23 only
 * understood size@offset, 2.6.x knew no ,high or T suffix, `!` and `%` came later.
 */
import { hex, humanSize, memparse, memRange, MiB } from '../base/addr';
import { parseCmdline, sameKey, type Param } from '../input/cmdline';
import {
  crashkernelReader,
  describeSpec,
  DIALECT_6_1,
  parseCrashkernel2623,
  parseCrashkernelValue,
  type CrashkernelSpec,
  type Dialect,
} from '../input/crashkernel';
import { e820TypeName } from '../input/e820';
import { parseNumaFake } from '../input/numa';
import {
  memmapEntries,
  memmapSyntax,
  parseMemmapOpt,
  type MemmapOption,
  type MemmapSyntax,
} from '../input/memmap';
import type { KernelInForce } from './rules';
import { formatVersion } from './version';

export interface Understood {
  /** Offsets of the option in the command line, half-open. */
  start: number;
  end: number;
  text: string;
  /** What the kernel makes of it; '' for an error, or an option the simulation does not read. */
  meaning: string;
  /** The kernel refuses it: what, where (offset in the line) and how to fix it. */
  error?: { message: string; at: number; fix: string };
  /** Valid, but this version reads it otherwise, or a later option replaces it. */
  note?: string;
  /** The simulation reads this option. */
  simulated: boolean;
}

/** How the kernel in force reads the options, from its rules. */
interface Reader {
  /** The version, as people write it (`2.6.24`, `6.1`). */
  label: string;
  crash: 'size@offset' | Dialect;
  /** memparse suffixes of this version. */
  units: string;
  memmap: MemmapSyntax;
}

function readerOf(kernel: KernelInForce): Reader {
  const { rules } = kernel;
  return {
    label: formatVersion(kernel.version),
    crash: crashkernelReader(rules),
    units: rules.memparseSuffixes,
    memmap: memmapSyntax(rules),
  };
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

function crashkernel(p: Param, r: Reader): Part {
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
  if (r.crash === 'size@offset') {
    const c = parseCrashkernel2623([{ value: v }]);
    if (!c.window) return { meaning: 'ignored', note: c.note };
    const size = c.window.end - c.window.start;
    return withSmallBase(
      { meaning: describeSpec({ kind: 'simple', size, base: c.window.start }) },
      c.window.start,
      v,
    );
  }
  const own = parseCrashkernelValue(v, r.crash);
  if (!own.ok) return { meaning: 'ignored', note: `${r.label}: ${own.error.message}` };
  const meaning = describeSpec(own.spec);
  if (!r.crash.suffixes && meaning !== describeSpec(spec))
    return { meaning, note: `${r.label} knows no ,high or ,low: it reads only the size` };
  return withSmallBase({ meaning }, own.spec.kind === 'simple' ? own.spec.base : null, v);
}

/** A base below 1 MiB is almost always a size suffix forgotten: crashkernel=128M@16. */
function withSmallBase(part: Part, base: number | null, value: string): Part {
  if (base === null || base === 0 || base >= MiB) return part;
  return {
    ...part,
    note: `a base of ${humanSize(base)} is surely a missing suffix: did you mean ${value}M?`,
  };
}

function mem(p: Param, r: Reader): Part {
  const v = p.value ?? '';
  if (v === 'nopentium') return { meaning: 'ignored (mem=nopentium is for x86_32 only)' };
  const size = memparse(v, 0, r.units);
  if (!size.digits)
    return fail('mem= needs a size', p.valueStart, 'give the top of usable RAM, such as mem=4G');
  if (size.value === null)
    return fail('mem= is beyond 2^53', p.valueStart, 'give a size such as mem=4G');
  if (size.value === 0)
    return fail(
      'mem=0 is refused: it would remove all memory',
      p.valueStart,
      'give a size such as mem=4G',
    );
  const meaning = `usable RAM at and above ${hex(size.value)} (${humanSize(size.value)}) is removed`;
  const rest = v.slice(size.end);
  if (!rest) return { meaning };
  const modern = memparse(v).end !== size.end;
  return {
    meaning,
    note: modern
      ? `${r.label} knows only the K, M and G suffixes: "${rest}" is ignored`
      : `"${rest}" after the size is ignored`,
  };
}

const MEMMAP_FIX =
  'use size@addr (usable), size#addr (ACPI data), size$addr (reserved), size!addr (persistent) or size%addr-old+new';

/** Where each form came in, for the note on a kernel that predates it. */
const LATER: Record<string, string> = {
  '!': '"!" (persistent memory came later)',
  '%': '"%" (it came later)',
};

/** What the documented memmap= grammar makes of one entry; `at` is its offset in the line. */
function memmapSyntaxError(m: MemmapOption, v: string, at: number): Part | null {
  switch (m.kind) {
    case 'no-size':
      return fail('memmap= needs a size first', at, `${MEMMAP_FIX}, e.g. memmap=64M$256M`);
    case 'bad-qualifier':
      return m.qualifier === '\\'
        ? fail(
            `"\\" is shell or GRUB quoting: the kernel must receive memmap=${v.replace(/\\/g, '')}`,
            at + m.at,
            'remove the backslash here (it belongs only in the GRUB configuration file)',
          )
        : fail(`"${m.qualifier}" is not a memmap= qualifier`, at + m.at, MEMMAP_FIX);
    case 'no-base':
      return fail(
        `an address must follow "${m.qualifier}"`,
        at + m.at,
        `${MEMMAP_FIX}, e.g. memmap=64M$256M`,
      );
    case 'retype':
      return !m.baseDigits || !m.ok || (!m.from && !m.to)
        ? fail(
            'memmap=size%addr needs -oldtype, +newtype or both',
            at + m.at,
            'e.g. memmap=64M%4G-1+2 retypes usable (1) as reserved (2)',
          )
        : null;
    default:
      return null;
  }
}

/** What a syntactically valid entry does. */
function memmapMeaning(m: MemmapOption, v: string): Part {
  switch (m.kind) {
    case 'exactmap':
      return { meaning: 'the firmware map is discarded: only memmap= entries describe memory' };
    case 'limit':
      return {
        meaning: `like mem=: usable RAM at and above ${hex(m.size)} (${humanSize(m.size)}) is removed`,
      };
    case 'entry': {
      const { entry } = m;
      const meaning = `a ${e820TypeName(entry.type)} entry ${memRange(entry.start, entry.end)} (${humanSize(m.size)}) is added to the e820 map`;
      return m.trailing
        ? { meaning, note: `"${v.slice(m.end)}" after the address is ignored` }
        : { meaning };
    }
    case 'retype': {
      const range = memRange(m.start, m.start + m.size);
      if (m.from && m.to)
        return {
          meaning: `${range} is retyped from ${e820TypeName(m.from)} to ${e820TypeName(m.to)}`,
        };
      return {
        meaning: m.to
          ? `${range} is added as ${e820TypeName(m.to)}`
          : `${range} (${e820TypeName(m.from)}) is removed`,
      };
    }
    default:
      return { meaning: '' };
  }
}

/** One memmap= entry: judged by the documented grammar, read by the kernel in force. */
function memmapOne(v: string, at: number, r: Reader): Part {
  const documented = { ...r.memmap, pram: true, retype: true, exactmapPrefix: false };
  const m = parseMemmapOpt(v, documented);
  const error = memmapSyntaxError(m, v, at);
  if (error) return error;
  const own = parseMemmapOpt(v, { ...r.memmap, exactmapPrefix: false });
  if (own.kind === 'bad-qualifier')
    return {
      meaning: 'ignored',
      note: `${r.label} refuses ${LATER[own.qualifier] ?? `"${own.qualifier}"`}`,
    };
  return memmapMeaning(m, v);
}

function memmap(p: Param, r: Reader): Part {
  const v = p.value ?? '';
  if (!r.memmap.commas && v.includes(','))
    return {
      meaning: 'ignored',
      note: `${r.label} reads one entry per memmap=: write one memmap= per entry`,
    };
  const parts = memmapEntries(v, r.memmap).map((e) => memmapOne(e.text, p.valueStart + e.at, r));
  const error = parts.find((x) => x.error)?.error;
  if (error) return { meaning: '', error };
  const notes = parts.flatMap((x) => (x.note ? [x.note] : []));
  return {
    meaning: parts.map((x) => x.meaning).join('; '),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/** numa=fake=: what numa_emulation will make (memblock kernels; the 2.6 models do not emulate). */
function numaFake(v: string, kernel: KernelInForce): Part & { simulated: boolean } {
  if (kernel.rules.model !== 'memblock-6.1')
    return {
      simulated: false,
      meaning: '',
      note: `NUMA emulation is not modelled for ${formatVersion(kernel.version)}: the run keeps the firmware's nodes`,
    };
  const f = parseNumaFake(v);
  const meaning =
    f.form === 'size'
      ? `NUMA emulation: fake nodes of ${humanSize(f.size)} of present memory (at least 32 MiB)`
      : f.form === 'uniform'
        ? `NUMA emulation: each physical node split into ${f.n} fake nodes`
        : `NUMA emulation: ${f.n} fake nodes of equal present memory, in 32 MiB steps`;
  return f.form !== 'size' && f.n <= 0
    ? { simulated: true, meaning: 'ignored', note: 'no node count: numa_emulation keeps the nodes' }
    : { simulated: true, meaning };
}

/** Each option of a command line and what the kernel in force makes of it. */
export function understandCmdline(line: string, kernel: KernelInForce): Understood[] {
  const r = readerOf(kernel);
  const out = parseCmdline(line).map((p): Understood => {
    const base = { start: p.start, end: p.end, text: line.slice(p.start, p.end) };
    if (sameKey(p.key, 'crashkernel')) return { ...base, simulated: true, ...crashkernel(p, r) };
    if (p.key === 'mem') return { ...base, simulated: true, ...mem(p, r) };
    if (p.key === 'memmap') return { ...base, simulated: true, ...memmap(p, r) };
    if (p.key === 'numa' && p.value === 'off')
      return {
        ...base,
        simulated: true,
        meaning: 'NUMA off: one node spans all RAM; the node spans are not used',
      };
    if (p.key === 'numa' && p.value?.startsWith('fake='))
      return { ...base, ...numaFake(p.value.slice(5), kernel) };
    return { ...base, simulated: false, meaning: '' };
  });
  markReplaced(out, r);
  return out;
}

/** The kernel keeps the last crashkernel= of each kind (with suffixes: plain, ,high, ,low). */
function markReplaced(items: Understood[], r: Reader): void {
  const suffixes = r.crash !== 'size@offset' && r.crash.suffixes;
  const kind = (u: Understood) =>
    suffixes ? (/,(high|low)$/.exec(u.text)?.[1] ?? 'plain') : 'plain';
  const crash = items.filter(
    (u) => /^crashkernel=/.test(u.text) && !u.error && u.meaning !== 'ignored',
  );
  for (const u of crash) {
    const later = crash.filter((x) => x.start > u.start && kind(x) === kind(u)).pop();
    if (later) u.note = `replaced by the later ${later.text} (character ${later.start + 1})`;
  }
}

/** The options the kernel refuses, as problems for the validator (path `cmdline`). */
export function cmdlineProblems(
  line: string,
  kernel: KernelInForce,
): { path: string; message: string }[] {
  return understandCmdline(line, kernel).flatMap((u) =>
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
