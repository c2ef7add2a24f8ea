/**
 * Fuzzing the importer: random mutations of real logs (cut, duplicate, reorder, flip bytes,
 * join lines, insert huge lines) must never make importLog throw, hang or return something
 * malformed. The tests run a short deterministic sample; `fuzzImport` is for long runs
 * (10^5 inputs and more) from a script. Not part of the engine's public entry: it needs
 * fast-check, a development dependency.
 */
import fc from 'fast-check';
import { MAX_PHYS } from '../base/addr';
import { importLog, type ImportResult } from '../dmesg/import-log';

/** Characters that matter to the parsers, plus debris from serial lines and mail. */
const DEBRIS = [
  '\r',
  '\x1b',
  '\x00',
  '[',
  ']',
  '(',
  ')',
  '0',
  'x',
  'f',
  '-',
  ' ',
  '>',
  ':',
  '#',
  '=',
  '\t',
  '…',
  '\u{1f600}',
  '\n',
];
/** Tokens repeated into very long lines: each makes some pattern scan far. */
const LONG_TOKENS = [
  '[mem 0x',
  '0',
  ' ',
  '(',
  '[',
  'memblock_reserve: [0x0-',
  '> ',
  '\x1b[',
  'e820 ',
  'a',
  '0x0000000000001000-',
  '] ',
];

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Mutation =>
      (l) =>
        l.slice(Math.min(a, b) % (l.length + 1), Math.max(a, b) % (l.length + 1) || l.length),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.nat()).map(([at, n, to]): Mutation => (l) => {
    const s = at % (l.length + 1);
    const copy = l.slice(s, s + n);
    const out = [...l];
    out.splice(to % (out.length + 1), 0, ...copy);
    return out;
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 50 })).map(([a, b, n]): Mutation => (l) => {
    const out = [...l];
    for (let k = 0; k < n && out.length > 1; k++) {
      const i = (a + k * 7919) % out.length;
      const j = (b + k * 104729) % out.length;
      [out[i], out[j]] = [out[j] as string, out[i] as string];
    }
    return out;
  }),
  fc
    .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...DEBRIS)), { maxLength: 40 }))
    .map(([seed, flips]): Mutation => (l) => {
      const out = [...l];
      for (const [pos, ch] of flips) {
        if (out.length === 0) break;
        const i = (seed + pos) % out.length;
        const s = out[i] as string;
        const at = pos % (s.length + 1);
        out[i] = s.slice(0, at) + ch + s.slice(at + 1);
      }
      return out;
    }),
  fc.tuple(fc.nat(), fc.nat({ max: 30 })).map(([at, n]): Mutation => (l) => {
    const out = [...l];
    for (let k = 0; k < n && out.length > 1; k++) {
      const i = (at + k * 31) % (out.length - 1);
      out.splice(i, 2, `${out[i]}${out[i + 1]}`);
    }
    return out;
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(...LONG_TOKENS),
      fc.integer({ min: 1000, max: 60000 }),
      fc.constantFrom('', '[    0.000000] ', '> ', 'BIOS-e820: ', 'Memory: '),
    )
    .map(([at, token, reps, head]): Mutation => (l) => {
      const out = [...l];
      out.splice(at % (out.length + 1), 0, head + token.repeat(reps));
      return out;
    }),
);

/** A real log, changed by one to four mutations. */
export function mutatedLog(logs: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...logs), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([log, ms]) => ms.reduce((lines, m) => m(lines), log.split('\n')).join('\n'));
}

/** What must hold of any result; the first broken rule, or null. */
export function brokenInvariant(text: string, r: ImportResult): string | null {
  if (!r.ok)
    return typeof r.error === 'string' && r.error.length > 0 ? null : 'an error without a message';
  const lines = text.split('\n').length;
  if (!r.boots.includes(r.boot)) return 'the selected boot is not among the boots';
  for (const b of r.boots)
    if (b.lines.start < 1 || b.lines.end > lines + 1 || b.lines.end <= b.lines.start)
      return `boot ${b.number} has lines ${b.lines.start}–${b.lines.end}`;
  for (const [i, e] of r.observed.events.entries()) {
    if (e.step !== i) return `step ${e.step} at index ${i}`;
    if (e.line === undefined || e.line < 1 || e.line > lines) return `step ${i} has line ${e.line}`;
    if (e.end < e.start) return `step ${i} has a reversed range`;
  }
  for (const g of r.observed.regions) {
    if (!(g.start < g.end) || g.start < 0 || g.end > MAX_PHYS)
      return `region ${g.id} is ${g.start}–${g.end}`;
    if (g.died !== undefined && g.died < g.born) return `region ${g.id} dies before it is born`;
  }
  for (const u of r.unrecognized)
    if (u.line < 1 || u.line > lines) return `unrecognized line ${u.line}`;
  return r.summary.text.length ? null : 'an empty summary';
}

export interface FuzzFailure {
  /** fast-check's seed and path reproduce the input: fc.check(..., { seed, path }). */
  seed: number;
  path: string | undefined;
  error: string;
  /** The first 2,000 characters of the input, to save in the regressions folder. */
  input: string;
}

export interface FuzzReport {
  runs: number;
  failures: FuzzFailure[];
  /** Inputs slower than `slowMs`, with their time and size. */
  slow: { ms: number; chars: number }[];
  maxMs: number;
}

/** A long run: `runs` mutated logs; reports failures and slow inputs instead of throwing. */
export function fuzzImport(opts: {
  logs: readonly string[];
  runs: number;
  seed?: number;
  slowMs?: number;
}): FuzzReport {
  const slow: FuzzReport['slow'] = [];
  let maxMs = 0;
  const seed = opts.seed ?? Date.now();
  let lastInput = '';
  const result = fc.check(
    fc.property(mutatedLog(opts.logs), (text) => {
      lastInput = text;
      const t0 = performance.now();
      let r: ImportResult;
      try {
        r = importLog(text);
      } catch (e) {
        throw new Error(`importLog threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      const ms = performance.now() - t0;
      maxMs = Math.max(maxMs, ms);
      if (ms > (opts.slowMs ?? 2000)) slow.push({ ms, chars: text.length });
      const broken = brokenInvariant(text, r);
      if (broken) throw new Error(broken);
    }),
    { numRuns: opts.runs, seed, endOnFailure: true },
  );
  const failures: FuzzFailure[] = result.failed
    ? [
        {
          seed: result.seed,
          path: result.counterexamplePath ?? undefined,
          error:
            result.errorInstance instanceof Error
              ? result.errorInstance.message
              : String(result.errorInstance),
          input: String(result.counterexample?.[0] ?? lastInput).slice(0, 2000),
        },
      ]
    : [];
  return { runs: result.numRuns, failures, slow, maxMs };
}
