/**
 * How fast the dmesg importer reads: the largest corpus log, a generated 100,000-line
 * memblock=debug log and the 96 GiB oracle log (target 50 ms), medians of several runs after a
 * warm-up; and the 100,000-line import against a baseline scan of the same text measured in
 * alternation in the same run (target: within 4×), a ratio that holds on a loaded machine.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { importLog } from '../src-core';
import { parseMemblockLine } from '../src-core/dmesg/memblock-lines';
import { stripPrefixes } from '../src-core/dmesg/prefixes';
import { syntheticMemblockLog } from '../src-core/dmesg/synthetic-log';
import { timePair } from './engine';
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
    console.error(`import bench, corpus row: ${CORPUS_SKIP}`);
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

/** The least any reader of the text does: split it into lines, one anchored regex per line. */
const SCAN_LINE = /^\[ *(\d{1,9}\.\d{1,9})\] (\S+)/;
export function baselineScan(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (SCAN_LINE.exec(line)) n++;
  return n;
}

/**
 * The least an importer that keeps what each line says must do on a memblock=debug log: split
 * it into lines, strip each line's prefix and read it as a memblock=debug line with the
 * importer's own readers, keeping every fact they return. No normalisation, no boot, no timeline.
 */
export function lineReadersAlone(text: string): number {
  const facts = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const f = parseMemblockLine(stripPrefixes(lines[i] as string).text, i + 1);
    if (f) facts.push(f);
  }
  return facts.length;
}

/** Import time over baseline-scan time of one text, measured in alternation. */
export function importVsScan(
  text: string,
  rounds: number,
): { ratio: number; importMs: number; scanMs: number } {
  const [importMs, scanMs] = timePair(
    () => importLog(text),
    () => baselineScan(text),
    rounds,
  );
  return { ratio: importMs / scanMs, importMs, scanMs };
}

/** The line readers alone over the baseline scan of one text, measured in alternation. */
export function readersVsScan(text: string, rounds: number): number {
  const [readersMs, scanMs] = timePair(
    () => lineReadersAlone(text),
    () => baselineScan(text),
    rounds,
  );
  return readersMs / scanMs;
}

/** Below this one-minute load average the machine counts as idle for the absolute target. */
const IDLE_LOAD = 0.5;

export function benchImport(): ImportRow[] {
  const largest = largestCorpusLog();
  const idle = (os.loadavg()[0] ?? 0) < IDLE_LOAD;
  const big = measure('generated memblock=debug, 100,000 lines', syntheticMemblockLog(100_000), 5);
  return [
    ...(largest ? [measure(`corpus ${largest}`, readCorpus(largest), 7)] : []),
    // The absolute figure is judged only on an idle machine: shared machines drift.
    idle ? { ...big, target: 300, pass: big.ms <= 300 } : big,
    measure('oracle m96G.log', readFileSync(`${fixtures}oracle/m96G.log`, 'utf8'), 21, 50),
  ];
}
