/**
 * A log's capture kernel, tied to the boot that crashed: the selected boot is the capture
 * kernel's (its finding quotes the estimate made from the boot before it), or the next boot of
 * the file is (both show on one timeline, the capture kernel's as the capture-kernel phase).
 */
import { appendPhase } from '../models/capture/timeline';
import { estimateCrashkernel } from '../models/capture/estimate';
import { parseCmdline } from '../input/cmdline';
import type { Finding, Simulation } from '../output/simulation';
import { memblockScenario } from './from-log/memblock-scenario';
import {
  captureBootOf,
  kdumpOomFinding,
  type CaptureBootFacts,
  type EstimateNote,
} from './kdump-boot';
import { observedSimulation } from './observed';
import type { ReadBoot } from './read-log';
import { scenarioFromBoot } from './scenario-from-boot';

export interface KdumpReport {
  capture: CaptureBootFacts;
  /** The boot the capture kernel dumps (the one before it in the file), when present. */
  crashed: number | null;
  finding: Finding | null;
}

/** What kdump adds to the capture kernel's command line: its words the crashed kernel lacks. */
function appended(crashed: string, capture: string): string {
  const had = new Set(parseCmdline(crashed).map((p) => `${p.key}=${p.value ?? ''}`));
  return parseCmdline(capture)
    .filter((p) => !had.has(`${p.key}=${p.value ?? ''}`) && !/^(elfcorehdr|memmap)$/.test(p.key))
    .map((p) => (p.value === null ? p.key : `${p.key}=${p.value}`))
    .join(' ');
}

/** Possible CPUs and per-CPU pages as the crashed kernel printed them (mm/percpu.c, setup_percpu). */
function percpuOf(b: ReadBoot): { cpus?: number; percpuPages?: number } {
  const out: { cpus?: number; percpuPages?: number } = {};
  for (const l of b.lines) {
    const ids = /setup_percpu: .{0,200}\bnr_cpu_ids:(\d{1,6})/.exec(l.text);
    if (ids) out.cpus = Number(ids[1]);
    const emb = /percpu: Embedded (\d{1,6}) pages\/cpu/.exec(l.text);
    if (emb) out.percpuPages = Number(emb[1]);
  }
  return out;
}

/** The estimate for the crashed boot, or why there is none. */
function estimateFor(crashed: ReadBoot | undefined, capture: ReadBoot): EstimateNote | string {
  if (!crashed) return 'the log holds no boot of the crashed kernel';
  const built = scenarioFromBoot(crashed.boot, crashed.facts);
  let scenario = built.scenario;
  if (scenario?.model === 'memblock-6.1' && crashed.boot.memblock.some((m) => m.op === 'alloc')) {
    const r = memblockScenario(crashed.boot, scenario.title);
    if (r.ok)
      scenario = { ...r.scenario, machine: { ...r.scenario.machine, e820: scenario.machine.e820 } };
  }
  if (!scenario)
    return `no scenario for boot ${crashed.boot.number} (${built.problems.join('; ')})`;
  const e = estimateCrashkernel(scenario, scenario.model, {
    append: appended(crashed.boot.cmdline ?? '', capture.boot.cmdline ?? ''),
    ...percpuOf(crashed),
  });
  return e.ok ? { size: e.estimate.size, fromBoot: crashed.boot.number } : e.error;
}

export function withCaptureBoot(
  boots: readonly ReadBoot[],
  picked: ReadBoot,
  own: Simulation,
): { observed: Simulation; kdump: KdumpReport | null } {
  const i = boots.indexOf(picked);
  const self = captureBootOf(picked.boot, picked.lines);
  const next = boots[i + 1];
  const later = self ? null : next ? captureBootOf(next.boot, next.lines) : null;
  const cap = self ?? later;
  if (!cap) return { observed: own, kdump: null };
  const capRead = (self ? picked : next) as ReadBoot;
  const crashedRead = self ? boots[i - 1] : picked;
  const crashed =
    crashedRead && !captureBootOf(crashedRead.boot, crashedRead.lines) ? crashedRead : undefined;
  const capSim = self
    ? own
    : observedSimulation(capRead.boot, capRead.facts, (n) => lineText(capRead, n), own.scenario);
  const finding = cap.failure
    ? kdumpOomFinding(cap, estimateFor(crashed, capRead), Math.max(0, capSim.events.length - 1))
    : null;
  const withFinding = (s: Simulation, step: number): Simulation =>
    finding ? { ...s, findings: [...s.findings, { ...finding, step }] } : s;
  const observed = self
    ? withFinding(own, finding?.step ?? 0)
    : withFinding(
        appendPhase(
          own,
          capSim,
          (r) => !!cap.window && r.start >= cap.window.start && r.end <= cap.window.end,
        ),
        own.events.length + (finding?.step ?? 0),
      );
  return {
    observed,
    kdump: { capture: cap, crashed: crashed?.boot.number ?? null, finding },
  };
}

function lineText(b: ReadBoot, line: number): string {
  return b.lines.find((l) => l.line === line)?.text.trim() ?? '';
}
