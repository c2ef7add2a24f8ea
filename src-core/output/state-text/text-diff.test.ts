import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './text-diff';

/** Length of a longest common subsequence, by the textbook table: the reference. */
function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      t[i]![j] =
        a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[a.length]![b.length]!;
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });

describe('diffLines', () => {
  it('rebuilds both texts and keeps a longest common subsequence', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffLines(a, b);
        expect(d.filter((l) => l.op !== '+').map((l) => l.text)).toEqual(a);
        expect(d.filter((l) => l.op !== '-').map((l) => l.text)).toEqual(b);
        expect(d.filter((l) => l.op === ' ').length).toBe(lcs(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('settles for remove-all, add-all when two long texts have nothing in common', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`);
    const d = diffLines(a, b);
    expect(d.filter((l) => l.op === '-').length).toBe(6000);
    expect(d.filter((l) => l.op === '+').length).toBe(6000);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks as diff -u does: changes within six lines share a hunk', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11'];
    expect(unifiedDiff(a, b, { a: 'step 3', b: 'step 4' })).toEqual([
      '--- step 3',
      '+++ step 4',
      '@@ -2,9 +2,10 @@',
      ' 2',
      ' 3',
      ' 4',
      '-5',
      '+five',
      ' 6',
      ' 7',
      ' 8',
      ' 9',
      ' 10',
      '+11',
    ]);
  });

  it('starts a new hunk after more than six unchanged lines', () => {
    const a = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const b = a.map((l) => (l === '2' ? 'two' : l === '18' ? 'eighteen' : l));
    expect(unifiedDiff(a, b, { a: 'a', b: 'b' })).toEqual([
      '--- a',
      '+++ b',
      '@@ -1,5 +1,5 @@',
      ' 1',
      '-2',
      '+two',
      ' 3',
      ' 4',
      ' 5',
      '@@ -15,6 +15,6 @@',
      ' 15',
      ' 16',
      ' 17',
      '-18',
      '+eighteen',
      ' 19',
      ' 20',
    ]);
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff(['x'], ['x'], { a: 'a', b: 'b' })).toEqual([]);
  });

  it('gives hunk headers that count the lines they hold', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const out = unifiedDiff(a, b, { a: 'a', b: 'b' });
        for (let i = 2; i < out.length; i++) {
          const h = /^@@ -\d+,(\d+) \+\d+,(\d+) @@$/.exec(out[i] as string);
          if (!h) continue;
          let j = i + 1;
          while (j < out.length && !(out[j] as string).startsWith('@@')) j++;
          const body = out.slice(i + 1, j);
          expect(body.filter((l) => !l.startsWith('+')).length).toBe(Number(h[1]));
          expect(body.filter((l) => !l.startsWith('-')).length).toBe(Number(h[2]));
        }
      }),
      { numRuns: 300 },
    );
  });
});
