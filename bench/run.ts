/**
 * `npm run bench`: every benchmark in one run, then one table. Timings are medians of repeated
 * runs on this machine; the table says which targets pass.
 */
import os from 'node:os';
import { engineBench } from './engine';
import { formatTable, type BenchRow } from './table';

const rows: BenchRow[] = [];
const t0 = performance.now();
rows.push(...engineBench());
const peak = process.memoryUsage().rss;
rows.push({
  group: 'engine',
  name: 'peak resident memory of the bench process',
  value: peak / 2 ** 20,
  unit: 'MiB',
});

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nbootmap benchmark — ${os.cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
);
console.log(formatTable(rows));
const failed = rows.filter((r) => r.pass === false);
console.log(failed.length ? `\n${failed.length} target(s) missed.` : '\nAll targets met.');
