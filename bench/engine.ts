/**
 * Engine benchmark: simulation time by machine size under each model, and the ratio against
 * the per-page reference allocator measured side by side in the same run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MODELS, serverScenario, simulate, type Scenario } from '../src-core';
import { median, targetRow, type BenchRow } from './table';

/** Median wall time of `fn` in milliseconds over enough runs to last ~`budgetMs`. */
export function timeIt(fn: () => void, budgetMs = 300, maxRuns = 50): number {
  fn(); // warm up the JIT
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  while (times.length < 3 || (performance.now() < until && times.length < maxRuns)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const MACHINES: { name: string; gib: number; nodes: number }[] = [
  { name: 'seed 96 GiB / 2 nodes', gib: 96, nodes: 2 },
  { name: '1 TiB / 8 nodes', gib: 1024, nodes: 8 },
  { name: '4 TiB / 16 nodes', gib: 4096, nodes: 16 },
  { name: '64 TiB / 64 nodes', gib: 65536, nodes: 64 },
];

function runOnce(s: Scenario, model: string, reference = false): void {
  const r = simulate(s, model, { reference });
  if (!r.ok) throw new Error(r.error);
}

/**
 * Median times of two functions measured in alternation, so that a load that comes and goes
 * during the run weighs on both alike: the ratio of two figures from one run.
 */
export function timePair(a: () => void, b: () => void, rounds = 21): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  return [median(ta), median(tb)];
}

/** Peak resident memory of a fresh process that runs the 64 TiB machine under memblock-6.1. */
function peakRssMiB(): number {
  const script = fileURLToPath(new URL('./engine-rss.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  return Number(out.trim()) / 1024;
}

export function engineBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const m of MACHINES) {
    for (const model of MODELS) {
      const s = serverScenario(m.gib, m.nodes, model.id);
      const ms = timeIt(() => runOnce(s, model.id));
      const target = m.gib === 4096 ? 20 : undefined;
      rows.push({
        group: 'engine',
        name: `${m.name}, ${model.id}`,
        value: ms,
        unit: 'ms',
        target,
        pass: target === undefined ? undefined : ms <= target,
      });
    }
  }
  const big = MACHINES[MACHINES.length - 1] as (typeof MACHINES)[number];
  const mb = serverScenario(big.gib, big.nodes, 'memblock-6.1');
  const bm = serverScenario(big.gib, big.nodes, 'bootmem-2.6.23');
  const [mbMs, bmMs] = timePair(
    () => runOnce(mb, 'memblock-6.1'),
    () => runOnce(bm, 'bootmem-2.6.23'),
  );
  rows.push(targetRow('engine', '64 TiB memblock-6.1 / bootmem ratio', mbMs / bmMs, '×', 4));
  rows.push(
    targetRow(
      'engine',
      'peak resident memory, 64 TiB memblock-6.1 run (node + tsx process)',
      peakRssMiB(),
      'MiB',
      200,
    ),
  );
  // Side by side with the per-page reference where it can run (it allocates one byte per page).
  for (const m of MACHINES.slice(0, 2)) {
    const s = serverScenario(m.gib, m.nodes, 'bootmem-2.6.23');
    const fast = timeIt(() => runOnce(s, 'bootmem-2.6.23'));
    const ref = timeIt(() => runOnce(s, 'bootmem-2.6.23', true), 0, 1);
    const ratio = ref / fast;
    const target = m.gib === 1024 ? 1000 : undefined;
    rows.push({
      group: 'engine',
      name: `${m.name}: per-page reference ${ref.toFixed(0)} ms vs ${fast.toFixed(2)} ms`,
      value: ratio,
      unit: '×',
      target,
      pass: target === undefined ? undefined : ratio >= target,
      higherIsBetter: true,
    });
  }
  return rows;
}
