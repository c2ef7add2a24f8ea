/**
 * The capture kernel against real capture-kernel boots: four QEMU boots of Debian's 6.1 with a
 * kdump command line (fixtures/oracle/m*-kdump-*.log). For each, the crashed machine is the
 * oracle log of a first boot on the same QEMU machine; the capture scenario is derived from it
 * the way the capture-kernel phase derives it (scenario.ts: the same kernel's early requests,
 * hash tables resized, per-CPU areas and frees moved), with the image where QEMU put it (16 MiB)
 * and the window of the boot's exactmap. Every memblock allocation, the zones and the Memory:
 * line must be those the capture kernel printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KiB, MiB } from '../../base/addr';
import { readBoots, scenarioFromLogText } from '../../dmesg/from-log/from-log-text';
import { runMemblock61 } from '../memblock-6.1/model';
import type { ImportedBoot } from '../../dmesg/types';
import type { Range } from '../../base/range';
import { eachRequest, type Simulation } from '../../output/simulation';
import { captureScenario, runWithFrees } from './scenario';
import { templateOps } from './timeline';

const DIR = join(__dirname, '../../../fixtures/oracle');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

interface Case {
  capture: string;
  first: string;
  windows: Range[];
}

const CASES: Case[] = [
  {
    capture: 'm4G-kdump-exactmap-256M@0x6f000000.log',
    first: 'm4G-ck128M@512M.log',
    windows: [{ start: 0x6f000000, end: 0x7f000000 }],
  },
  {
    capture: 'm4G-kdump-exactmap-128M@0xb7000000-nr_cpus1.log',
    first: 'm4G-ck128M@512M.log',
    windows: [{ start: 0xb7000000, end: 0xbf000000 }],
  },
  {
    capture: 'm4G-numa2-kdump-exactmap-256M@0xaf000000.log',
    first: 'm4G-numa2-ck128M@16M.log',
    windows: [{ start: 0xaf000000, end: 0xbf000000 }],
  },
  {
    capture: 'm8G-kdump-exactmap-256M@0xaf000000-512M@0x1e0000000-nr_cpus1.log',
    first: 'm8G-ck3G.log',
    windows: [
      { start: 0xaf000000, end: 0xbf000000 },
      { start: 0x1e0000000, end: 0x200000000 },
    ],
  },
];

function firstRun(file: string): Simulation {
  const r = scenarioFromLogText(read(file), file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return runMemblock61(r.scenario);
}

/** The capture scenario for a window, run as the capture-kernel phase runs it (two passes). */
function captureRun(c: Case): Simulation {
  const first = firstRun(c.first);
  const text = read(c.capture);
  const boot = readBoots(text)[0] as ImportedBoot;
  const [low, ...rest] = [...c.windows].reverse();
  const w = low as Range;
  const made = captureScenario({
    first,
    template: templateOps(),
    layout: {
      loader: 'kexec_load',
      window: w,
      low: rest[0] ?? null,
      segments: [],
      kernel: { start: 0x1000000, end: 0x4400000 },
      initrd: null,
      elfcorehdr: { start: w.start, end: w.start },
      e820: first.scenario.machine.e820,
      args: [
        'memmap=exactmap memmap=640K@0K',
        ...c.windows.map((r) => `memmap=${(r.end - r.start) / KiB}K@${r.start / KiB}K`),
      ].join(' '),
    },
    cmdline: boot.cmdline ?? '',
  });
  return runWithFrees(made, (s) => runMemblock61(s, { noCapture: true })).sim;
}

/** For each request line of the log: the start of the memblock_reserve that answers it. */
function answers(boot: ImportedBoot) {
  return boot.memblock.flatMap((req, i) => {
    if (req.op !== 'alloc') return [];
    const next = boot.memblock[i + 1];
    const ok = next?.op === 'reserve' && next.caller.startsWith('memblock_alloc_range_nid');
    return [{ req, start: ok ? (next.range?.start ?? null) : null }];
  });
}

describe.each(CASES)('capture kernel $capture', (c) => {
  const text = read(c.capture);
  const boot = readBoots(text)[0] as ImportedBoot;
  const sim = captureRun(c);

  it('asks for every allocation the capture kernel asked for, and gets the same address', () => {
    const want = answers(boot);
    const got = eachRequest(sim.allocations).filter((a) => a.printed);
    // Sizes and addresses: the model names a few derived allocations by their inner function.
    expect(got.map((a) => a.size)).toEqual(want.map((w) => w.req.size));
    expect(got.map((a) => a.start)).toEqual(want.map((w) => w.start));
  });

  it('prints the zones and the Memory: line the capture kernel printed', () => {
    expect(sim.zoneRanges).toEqual(boot.zoneRanges.map((z) => ({ zone: z.zone, ...z.range })));
    expect(sim.memory?.line).toBe(boot.memoryLine);
  });

  it('the dentry and inode hash tables follow the capture kernel memory', () => {
    const hash = (sim.allocations ?? []).filter((a) => a.caller.startsWith('alloc_large'));
    for (const h of hash) expect(h.size).toBeLessThanOrEqual(MiB);
  });
});
