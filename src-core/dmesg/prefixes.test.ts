/** The dmesg timestamp, read by hand, reads exactly what its pattern matches. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREFIX_PATTERNS as P, stripPrefixes } from './prefixes';

/** What the patterns alone make of a line that starts with `[` and names no `kernel: `. */
function byPattern(s: string) {
  const m = P.dmesgTime.exec(s) ?? P.lostBracket.exec(s);
  if (!m) return { text: s, time: null, kind: 'none', source: 'kernel' };
  const rest = s.slice(m[0].length);
  const c = P.caller.exec(rest);
  return {
    text: c ? rest.slice(c[0].length) : rest,
    time: Number(m[1]),
    kind: 'dmesg',
    source: 'kernel',
  };
}

const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{0,${max}}$`));

describe('dmesg timestamps', () => {
  it('any stamp-like line: the same text and the same time as the pattern and Number()', () => {
    const stamp = fc
      .tuple(
        fc.constantFrom('', ' ', '    ', '       '),
        digits(11),
        fc.constantFrom('.', '', ',', '.'),
        digits(11),
        fc.constantFrom(']', '] ', ']  ', '', ') '),
        fc.constantFrom('', '[    T1] ', '[C12]', '[ x'),
        fc.stringMatching(/^[a-z0-9_:. -]{0,20}$/),
      )
      .map((parts) => '[' + parts.join(''));
    fc.assert(
      fc.property(stamp, (line) => {
        expect(stripPrefixes(line)).toEqual(byPattern(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('times with many digits and the edges of exactness', () => {
    for (const t of ['0.000000', '999999999.999999999', '123456789.12345678', '0.1', '7.000001'])
      expect(stripPrefixes(`[${t}] x`).time).toBe(Number(t));
  });
});
