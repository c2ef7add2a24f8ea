/**
 * A short, deterministic fuzz run in the normal tests: mutated corpus and oracle logs never
 * make importLog throw, hang (the test timeout would catch it) or return a malformed result.
 * Long runs use fuzzImport from a script.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenInvariant, fuzzImport, mutatedLog } from '../testing/import-fuzz';
import { importLog } from './import-log';
import { corpusFiles, oracleFiles, readCorpus, readOracle } from '../testing/log-fixtures';

const logs = [...corpusFiles().map(readCorpus), ...oracleFiles().slice(0, 3).map(readOracle)];

describe('fuzzing the importer', () => {
  it('mutated real logs import without throwing and with consistent results', () => {
    fc.assert(
      fc.property(mutatedLog(logs), (text) => {
        expect(brokenInvariant(text, importLog(text))).toBeNull();
      }),
      { numRuns: 120, seed: 20260301 },
    );
  }, 60_000);

  it('fuzzImport reports a clean run', () => {
    const report = fuzzImport({ logs, runs: 20, seed: 7 });
    expect(report.runs).toBe(20);
    expect(report.failures).toEqual([]);
  }, 60_000);

  it('brokenInvariant catches a malformed result', () => {
    const r = importLog(logs[0] as string);
    if (!r.ok) throw new Error(r.error);
    const bad = {
      ...r,
      observed: {
        ...r.observed,
        regions: [
          { ...(r.observed.regions[0] as (typeof r.observed.regions)[0]), start: 9, end: 3 },
        ],
      },
    };
    expect(brokenInvariant(logs[0] as string, bad)).toMatch(/^region 0 is 9–3$/);
  });
});
