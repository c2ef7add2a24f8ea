/**
 * How fast the dmesg importer reads: the largest corpus log, a generated 100,000-line
 * memblock=debug log (target 1 s) and the 96 GiB oracle log (target 50 ms). Median of several
 * runs after a warm-up; `npm run bench` wiring is the lead's.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importLog } from '../src-core';
import { syntheticMemblockLog } from '../src-core/dmesg/synthetic-log';
import {
  CORPUS_DIR,
  CORPUS_SKIP,
  corpusFiles,
  readCorpus,
} from '../src-core/testing/shared-corpus';

/** One import measurement: median time and the rates it gives. */
export interface ImportRow {
  name: string;
  ms: number;
  linesPerSec: number;
  mbPerSec: number;
  target?: number;
  pass?: boolean;
}

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The largest public log beside the clone, or null (with a line saying so) without one. */
function largestCorpusLog(): string | null {
  const files = corpusFiles();
  if (!files.length) {
    console.log(`import bench, corpus row: ${CORPUS_SKIP}`);
    return null;
  }
  const size = (f: string): number => statSync(CORPUS_DIR + f).size;
  return files.reduce((a, b) => (size(b) > size(a) ? b : a));
}

function measure(name: string, text: string, runs: number, target?: number): ImportRow {
  const first = importLog(text);
  if (!first.ok) throw new Error(`${name}: ${first.error}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    importLog(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] as number;
  const lines = text.split('\n').length;
  return {
    name,
    ms: Math.round(ms * 100) / 100,
    linesPerSec: Math.round((lines / ms) * 1000),
    mbPerSec: Math.round((text.length / 2 ** 20 / (ms / 1000)) * 10) / 10,
    ...(target === undefined ? {} : { target, pass: ms <= target }),
  };
}

export function benchImport(): ImportRow[] {
  const largest = largestCorpusLog();
  return [
    ...(largest ? [measure(`corpus ${largest}`, readCorpus(largest), 7)] : []),
    measure('generated memblock=debug, 100,000 lines', syntheticMemblockLog(100_000), 5, 1000),
    measure('oracle m96G.log', readFileSync(`${fixtures}oracle/m96G.log`, 'utf8'), 21, 50),
  ];
}
