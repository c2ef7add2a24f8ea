import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, runOne } from './fuzz-targets';

const REGRESSIONS = 'fixtures/fuzz-regressions';

describe('fuzz: a short run of every entry point (npm run fuzz runs 10^5 each)', () => {
  for (const t of FUZZ_TARGETS) {
    it(t.name, () => {
      fc.assert(
        fc.property(t.input, (input) => {
          expect(runOne(t, input, null)).toBeNull();
        }),
        {
          numRuns: t.name.startsWith('command line') ? 150 : t.name.startsWith('dmesg') ? 60 : 1500,
        },
      );
    });
  }
});

describe('fuzz regressions: inputs that once failed stay fixed', () => {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.txt'));
  it('has the regression folder', () => expect(Array.isArray(files)).toBe(true));
  for (const f of files) {
    it(f, () => {
      const name = f.replace(/--.*$/, '').replace(/-/g, ' ');
      const t = FUZZ_TARGETS.find((x) => x.name.startsWith(name));
      expect(t, `no fuzz target for ${f}`).toBeDefined();
      expect(runOne(t!, readFileSync(`${REGRESSIONS}/${f}`, 'utf8'), null)).toBeNull();
    });
  }
});
