import { describe, expect, it } from 'vitest';
import { detectArch } from './arch';
import type { LogLine } from './types';

const lines = (texts: string[]): LogLine[] =>
  texts.map((text, i) => ({ line: i + 1, lastLine: i + 1, text }) as LogLine);

describe('the architecture from systemd', () => {
  it('reads `Detected architecture` at the start of a line or after any white space', () => {
    for (const lead of ['', '  ', '\t', '\u00a0', '\u3000'])
      expect(
        detectArch(lines(['Memory: 100K', `${lead}systemd[1]: Detected architecture arm64.`]), []),
      ).toBe('arm64');
  });

  it('not after other text', () => {
    expect(detectArch(lines(['x systemd[1]: Detected architecture arm64.']), [])).toBeNull();
  });
});
