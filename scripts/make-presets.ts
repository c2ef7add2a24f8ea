/**
 * Regenerate the presets that come from real 6.1 boots: each is the scenario --from-log builds
 * from an oracle log in fixtures/oracle (machine, command line, the early memblock requests),
 * written as JSON data into src-core/features/presets-data/. Run with `npx tsx scripts/make-presets.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { scenarioFromLogText, scenarioToJson } from '../src-core';

const FROM_LOGS: { name: string; log: string; title: string }[] = [
  {
    name: 'qemu-6.1-4g',
    log: 'm4G-ck128M@16M.log',
    title: 'QEMU pc, 4 GiB, Linux 6.1 (a real boot), crashkernel=128M@16M',
  },
  {
    name: 'qemu-6.1-6g-high',
    log: 'm6G-ck512M,high.log',
    title: 'QEMU pc, 6 GiB, Linux 6.1 (a real boot), crashkernel=512M,high',
  },
  {
    name: 'qemu-6.1-memmap-holes',
    log: 'm4G-mem3G-memmap64M-reserved-at-256M-ck256M.log',
    title: 'QEMU pc, 4 GiB with mem=3G memmap=64M$256M, Linux 6.1 (a real boot), crashkernel=256M',
  },
  {
    name: 'qemu-6.1-numa-16g',
    log: 'm16G-numa2-ck256M.log',
    title: 'QEMU pc, 16 GiB in two NUMA nodes, Linux 6.1 (a real boot), crashkernel=256M',
  },
];

for (const p of FROM_LOGS) {
  const r = scenarioFromLogText(readFileSync(`fixtures/oracle/${p.log}`, 'utf8'), p.title);
  if (!r.ok) throw new Error(`${p.log}: ${r.problems.map((x) => x.message).join('; ')}`);
  const json = {
    ...(scenarioToJson({ ...r.scenario, name: p.name, title: p.title }) as object),
    source: `fixtures/oracle/${p.log}`,
  };
  writeFileSync(
    `src-core/features/presets-data/${p.name}.json`,
    JSON.stringify(json, null, 1) + '\n',
  );
  console.log(`${p.name}: from ${p.log}`);
}
