/** Test-only: the project's fixture logs, read with node:fs (never bundled for the browser). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importLog, type ImportOk } from '../dmesg/import-log';

export { corpusFiles, readCorpus, HAVE_CORPUS, CORPUS_SKIP } from './shared-corpus';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export const ORACLE_DIR = `${root}oracle/`;

export const oracleFiles = (): string[] =>
  readdirSync(ORACLE_DIR)
    .filter((f) => f.endsWith('.log'))
    .sort();

export const readOracle = (name: string): string => readFileSync(ORACLE_DIR + name, 'utf8');
export const readFixture = (path: string): string => readFileSync(root + path, 'utf8');

/** Messages as a log stamped at time 0, imported; throws what importLog refuses. */
export function importLines(lines: readonly string[]): ImportOk {
  const r = importLog(lines.map((s) => `[    0.000000] ${s}`).join('\n'));
  if (!r.ok) throw new Error(r.error);
  return r;
}
