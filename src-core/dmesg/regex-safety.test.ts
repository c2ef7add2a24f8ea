/**
 * No regular expression in the importer can backtrack catastrophically. Statically: every
 * pattern is anchored (or, for the few that search, uses only bounded quantifiers), and no
 * quantified group contains an unbounded quantifier. Dynamically: every exported pattern runs
 * over long adversarial strings built from its own characters (a hang would time the test out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARCH_PATTERNS } from './arch';
import { CLASSIFY_PATTERNS, KNOWN_NOISE } from './classify';
import { CRASHKERNEL_PATTERNS } from './crashkernel-lines';
import { E820_PATTERNS } from './e820-lines';
import { KERNEL_PATTERNS } from './kernel-lines';
import { MEMBLOCK_PATTERNS } from './memblock-lines';
import { MEMORY_PATTERNS } from './memory-line';
import { NORMALIZE_PATTERNS } from './normalize';
import { NUMA_PATTERNS } from './numa-lines';
import { OWNER_PATTERNS } from './owners';
import { PREFIX_PATTERNS } from './prefixes';
import { RESERVE_PATTERNS } from './reserve-lines';
import { WRAP_PATTERNS } from './wraps';
import { ZONE_PATTERNS } from './zone-lines';

const RUNTIME: [string, RegExp][] = [
  ...Object.entries({ ...ARCH_PATTERNS }).map(([k, v]) => [`arch.${k}`, v] as [string, RegExp]),
  ...Object.entries(CLASSIFY_PATTERNS).map(([k, v]) => [`classify.${k}`, v] as [string, RegExp]),
  ...KNOWN_NOISE.map((v, i) => [`noise[${i}]`, v] as [string, RegExp]),
  ...Object.entries(CRASHKERNEL_PATTERNS).map(
    ([k, v]) => [`crashkernel.${k}`, v] as [string, RegExp],
  ),
  ...Object.entries(E820_PATTERNS).map(([k, v]) => [`e820.${k}`, v] as [string, RegExp]),
  ...Object.entries(KERNEL_PATTERNS).map(([k, v]) => [`kernel.${k}`, v] as [string, RegExp]),
  ...Object.entries(MEMBLOCK_PATTERNS).map(([k, v]) => [`memblock.${k}`, v] as [string, RegExp]),
  ...Object.entries(MEMORY_PATTERNS).map(([k, v]) => [`memory.${k}`, v] as [string, RegExp]),
  ...Object.entries(NORMALIZE_PATTERNS).map(([k, v]) => [`normalize.${k}`, v] as [string, RegExp]),
  ...Object.entries(NUMA_PATTERNS).map(([k, v]) => [`numa.${k}`, v] as [string, RegExp]),
  ...OWNER_PATTERNS.map(([v], i) => [`owner[${i}]`, v] as [string, RegExp]),
  ...Object.entries(PREFIX_PATTERNS).map(([k, v]) => [`prefix.${k}`, v] as [string, RegExp]),
  ...Object.entries(RESERVE_PATTERNS).map(([k, v]) => [`reserve.${k}`, v] as [string, RegExp]),
  ...Object.entries(WRAP_PATTERNS).map(([k, v]) => [`wrap.${k}`, v] as [string, RegExp]),
  ...Object.entries(ZONE_PATTERNS).map(([k, v]) => [`zone.${k}`, v] as [string, RegExp]),
];

/** Patterns that search a line rather than match it from the start. */
const SEARCHES = new Set([
  'classify.crashkernel',
  'prefix.glued',
  'wrap.buildNumber',
  'normalize.ansi',
  'normalize.controls',
  'owner[7]',
  'owner[8]',
  'owner[9]',
  'owner[10]',
]);

/** Length of the atom ending just before `i` (a group, a class, an escape or a character). */
function atomStart(src: string, i: number): number {
  const c = src[i - 1];
  if (c === ')') {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      if (src[j] === ')' && src[j - 1] !== '\\') depth++;
      if (src[j] === '(' && src[j - 1] !== '\\') depth--;
      if (depth === 0) return j;
    }
  }
  if (c === ']') return src.lastIndexOf('[', i - 1);
  return src[i - 2] === '\\' ? i - 2 : i - 1;
}

/** Quantifiers in a pattern: where, over what atom, and whether unbounded. */
function quantifiers(src: string): { atom: string; unbounded: boolean; max: number }[] {
  const out: { atom: string; unbounded: boolean; max: number }[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (c === '?' && src[i - 1] === '(') continue; // (?: (?= (?!
      if (
        c === '?' &&
        (src[i - 1] === '*' || src[i - 1] === '+' || src[i - 1] === '}' || src[i - 1] === '?')
      )
        continue; // lazy
      let max = c === '?' ? 1 : Infinity;
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) continue;
        max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
      }
      out.push({ atom: src.slice(atomStart(src, i), i), unbounded: max === Infinity, max });
    }
  }
  return out;
}

export function unsafeReason(src: string, search: boolean): string | null {
  const qs = quantifiers(src);
  if (!search && !src.startsWith('^')) return 'not anchored';
  if (search && qs.some((q) => q.unbounded)) return 'a search with an unbounded quantifier';
  for (const q of qs)
    if (
      q.atom.startsWith('(') &&
      q.max > 1 &&
      quantifiers(q.atom.slice(1, -1)).some((inner) => inner.unbounded)
    )
      return `nested quantifier in ${q.atom}`;
  return null;
}

describe('regular expressions', () => {
  it.each(RUNTIME)('%s is anchored and has no nested quantifiers', (name, re) => {
    expect(unsafeReason(re.source, SEARCHES.has(name))).toBeNull();
  });

  it('the checker itself flags the classic shapes', () => {
    expect(unsafeReason('^(a+)+$', false)).toMatch(/nested/);
    expect(unsafeReason('^(?:\\d+\\s?){2,}$', false)).toMatch(/nested/);
    expect(unsafeReason('a+b', false)).toBe('not anchored');
    expect(unsafeReason('\\[ *\\d', true)).toMatch(/unbounded/);
    expect(unsafeReason('^(?:\\d{1,3}\\.){3}\\d{1,3}$', false)).toBeNull();
  });

  it('regex literals in the importer’s source pass the same checks', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const literal =
      /(?:^|[(,=:[!&|?{};]|return)\s*\/(?![*/])((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+)\/[dgimsuy]*/g;
    const found: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))) {
      for (const m of readFileSync(dir + f, 'utf8').matchAll(literal)) {
        const src = m[1] as string;
        const reason = unsafeReason(src, !src.startsWith('^'));
        if (reason) found.push(`${f}: /${src}/ ${reason}`);
      }
    }
    expect(found).toEqual([]);
  });

  // A backtracking blow-up shows as the test timing out; a wrong answer on long input shows as
  // a verdict that differs from the one on the same shape at 1 KiB (past every bounded repeat).
  it.each(RUNTIME)(
    '%s on long adversarial input: finishes, same verdict as at 1 KiB',
    (_name, re) => {
      const chars = [...new Set(re.source.replace(/\\[dswDSW]/g, '0 a').split(''))].join('');
      const shapes = [
        (n: number) => chars.repeat(Math.ceil(n / chars.length)),
        (n: number) => ' '.repeat(n) + '!',
        (n: number) => '0'.repeat(n) + 'x',
        (n: number) => `${chars.slice(0, 8).repeat(Math.ceil(n / 8))}\u0000`,
      ];
      const verdict = (s: string) => {
        re.lastIndex = 0;
        return re.test(s);
      };
      for (const shape of shapes) expect(verdict(shape(40000))).toBe(verdict(shape(1024)));
    },
  );
});
