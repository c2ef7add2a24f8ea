/**
 * `npm run bench`: every benchmark in one run, then one table (Markdown, so it pastes into the
 * README); with `--json`, the JSON document of contract.ts instead, alone on stdout. Engine and
 * import timings are medians of repeated runs; UI figures come from the built app in Debian's
 * chromium. Each row says whether its target is met.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { encodeLink, preset } from '../src-core';
import { syntheticMemblockLog } from '../src-core/dmesg/synthetic-log';
import { benchDocument } from './contract';
import { engineBench } from './engine';
import { benchImport, importVsScan, readersVsScan } from './import-bench';
import { formatTable, targetRow, type BenchRow } from './table';
import { runUiBench } from './ui-bench';

const json = process.argv.includes('--json');
const rows: BenchRow[] = [];
const t0 = performance.now();
const load = os.loadavg()[0] ?? 0;

rows.push(...engineBench());

const generated = syntheticMemblockLog(100_000);
const scan = importVsScan(generated, 11);
rows.push(targetRow('import', 'import vs baseline scan', scan.ratio, '×', 4));
// Informs the target above: what reading the lines alone costs against the same scan.
rows.push({
  group: 'import',
  name: 'line readers alone vs baseline scan',
  value: readersVsScan(generated, 11),
  unit: '×',
});
rows.push({
  group: 'import',
  name: `100,000-line log in that run: import ${scan.importMs.toFixed(0)} ms, scan ${scan.scanMs.toFixed(0)} ms`,
  value: scan.importMs,
  unit: 'ms',
});
for (const r of benchImport()) {
  rows.push({
    group: 'import',
    name: `${r.name}: ${r.linesPerSec.toLocaleString('en')} lines/s, ${r.mbPerSec} MB/s`,
    value: r.ms,
    unit: 'ms',
    target: r.target,
    pass: r.pass,
  });
}

execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
for (const r of await runUiBench({ build: false })) rows.push({ group: 'ui', ...r });
const js = readdirSync('dist/assets').filter((f) => f.endsWith('.js'));
// What the page loads at start: the entry script and every chunk it preloads.
const atStart = [
  ...readFileSync('dist/index.html', 'utf8').matchAll(
    /<script[^>]+src="\.\/assets\/([^"]+\.js)"|<link rel="modulepreload"[^>]+href="\.\/assets\/([^"]+\.js)"/g,
  ),
].map((m) => (m[1] ?? m[2]) as string);
const gz = (f: string) => gzipSync(readFileSync(`dist/assets/${f}`)).length / 1024;
const startKb = atStart.reduce((t, f) => t + gz(f), 0);
rows.push(targetRow('ui', 'JS loaded at start, gzip', startKb, 'KB', 200));
rows.push({
  group: 'ui',
  name: `all JS incl. lazy chunks and the import worker (${js.length} files), gzip`,
  value: js.reduce((t, f) => t + gz(f), 0),
  unit: 'KB',
});
const seed = preset('seed-2.6.23');
if (seed) {
  const link = encodeLink({
    scenario: seed,
    model: seed.model,
    step: 38,
    window: { start: 0x1000000, end: 0x111b000 },
  });
  rows.push({
    group: 'ui',
    name: 'seed permalink length (last step, zoomed)',
    value: link.length + 1,
    unit: 'chars',
    target: 512,
    pass: link.length + 1 <= 512,
  });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const failed = rows.filter((r) => r.pass === false);
if (json)
  console.log(JSON.stringify(benchDocument(machine, Math.round(load * 100) / 100, rows), null, 2));
else {
  console.log(
    `\nbootmap benchmark — ${machine}, load ${load.toFixed(1)}, ${new Date().toISOString().slice(0, 10)} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
  );
  console.log(formatTable(rows));
  console.log(failed.length ? `\n${failed.length} target(s) missed.` : '\nAll targets met.');
}
process.exitCode = failed.length ? 1 : 0;
