/**
 * `npm run fuzz [N]`: N inputs (default 100000) through every fuzz target. A failing input is
 * saved in fixtures/fuzz-regressions/ so the normal tests replay it from then on. Inputs are
 * drawn a thousand at a time: a batch of mutated logs is already tens of megabytes.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { FUZZ_TARGETS, runOne } from '../src-core/testing/fuzz-targets';

const n = Number(process.argv[2] ?? 100_000);
const BATCH = 1000;
const seed = Date.now();
let failed = 0;
for (const t of FUZZ_TARGETS) {
  const t0 = performance.now();
  let bad = 0;
  for (let done = 0; done < n; done += BATCH) {
    const inputs = fc.sample(t.input, { numRuns: Math.min(BATCH, n - done), seed: seed + done });
    for (const input of inputs) {
      const why = runOne(t, input);
      if (why === null) continue;
      bad++;
      const file = `fixtures/fuzz-regressions/${t.name.split(' ')[0]}--${seed}-${done}-${bad}.txt`;
      writeFileSync(file, input);
      console.log(`FAIL ${t.name}: ${why}\n  saved as ${file}`);
    }
  }
  failed += bad;
  console.log(
    `${t.name}: ${n} inputs, ${bad} failures, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
console.log(failed ? `\n${failed} failing input(s) saved.` : '\nNo failures.');
process.exitCode = failed ? 1 : 0;
