/**
 * Test-only: the public boot logs in ../shared/corpus/dmesg, beside the clone. They come from
 * public archives and are never copied into the repository; where a clone has no ../shared
 * beside it, the tests that read them are skipped with CORPUS_SKIP.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/dmesg/', import.meta.url));

export const HAVE_CORPUS = existsSync(CORPUS_DIR);

export const CORPUS_SKIP = `skipped: the public logs are read from ${CORPUS_DIR}, which this clone does not have beside it`;

export const corpusFiles = (): string[] =>
  HAVE_CORPUS
    ? readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];

export const readCorpus = (name: string): string => readFileSync(CORPUS_DIR + name, 'utf8');

/** A corpus log by its number prefix (`13-`), with its file name. */
export function corpusLog(prefix: string): { name: string; text: string } {
  const name = corpusFiles().find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no corpus log ${prefix} in ${CORPUS_DIR}`);
  return { name, text: readCorpus(name) };
}
