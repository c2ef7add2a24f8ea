/**
 * importLog: a pasted or dropped boot log to the facts of one boot, a scenario the simulator
 * can run, and the observed timeline. Never throws: bad input gives `{ ok: false, error }`
 * saying what is wrong and where.
 */
import { MiB } from '../base/addr';
import type { Scenario } from '../input/scenario';
import type { Simulation } from '../output/simulation';
import { partitionPoint } from '../base/sorted';
import type { Unrecognized } from './extract';
import type { LogLine } from './types';
import { observedSimulation } from './observed';
import { readLog, type ReadBoot } from './read-log';
import { memblockScenario } from './from-log/memblock-scenario';
import { scenarioFromBoot, type BootScenario } from './scenario-from-boot';
import { summarize, type ImportSummary } from './summary';
import { withCaptureBoot, type KdumpReport } from './kdump-import';
import type { ImportedBootFull } from './types';

/** Inputs beyond this are refused rather than read: a browser tab must stay responsive. */
export const MAX_IMPORT_BYTES = 64 * MiB;
/** A text log has almost no control bytes; binary files have many. */
const BINARY_SHARE = 0.01;

export interface ImportOptions {
  /** Which boot to use, 1-based as `boots[i].number`; default: the first complete one. */
  boot?: number;
}

export interface ImportOk {
  ok: true;
  /** Every boot in the file, in order (`number` is 1-based). */
  boots: ImportedBootFull[];
  /** The selected boot (also in `boots`). */
  boot: ImportedBootFull;
  /** A runnable scenario for the selected boot, validated; null when the log cannot give one. */
  scenario: Scenario | null;
  /** Why `scenario` is null. */
  scenarioProblems: string[];
  /** Defaults and inferences the scenario rests on. */
  notes: string[];
  /** The selected boot as observed: model `observed`, steps with `line` numbers. */
  observed: Simulation;
  /** Memory-related lines of the whole file that no parser understood. */
  unrecognized: Unrecognized[];
  summary: ImportSummary;
  /** The selected boot's capture kernel (itself, or the next boot of the file), when there is one. */
  kdump: KdumpReport | null;
}

export type ImportResult = ImportOk | { ok: false; error: string };

function binaryCheck(text: string): string | null {
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27) || c === 0xfffd) control++;
  }
  return control > head.length * BINARY_SHARE
    ? `this looks like binary data (${control} control bytes in the first ${head.length} characters), not a text boot log`
    : null;
}

/**
 * The message that starts at a line. The timeline asks in line order, so a cursor walks
 * forward (a 100,000-line log asks 100,000 times); a question out of order is a binary search.
 */
function messagesAt(lines: readonly LogLine[]): (line: number) => string {
  let at = 0;
  return (line) => {
    if (at > 0 && (lines[at - 1] as LogLine).line >= line)
      at = partitionPoint(lines.length, (i) => (lines[i] as LogLine).line < line);
    while (at < lines.length && (lines[at] as LogLine).line < line) at++;
    const l = lines[at];
    return l && l.line === line ? l.text.trim() : '';
  };
}

function pickBoot(boots: readonly ReadBoot[], wanted: number | undefined): ReadBoot | string {
  if (wanted === undefined) return boots.find((b) => b.boot.complete) ?? (boots[0] as ReadBoot);
  const found = Number.isInteger(wanted) ? boots.find((b) => b.boot.number === wanted) : undefined;
  if (found) return found;
  const list = boots
    .map((b) => `${b.boot.number} (lines ${b.boot.lines.start}–${b.boot.lines.end - 1})`)
    .join(', ');
  return `there is no boot ${wanted}: the log holds ${boots.length} boot${boots.length === 1 ? '' : 's'}: ${list}`;
}

function importChecked(text: string, opts: ImportOptions): ImportResult {
  if (text.trim() === '') return { ok: false, error: 'the log is empty' };
  if (text.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      error: `the log is ${Math.ceil(text.length / MiB)} MiB; the importer reads at most ${MAX_IMPORT_BYTES / MiB} MiB`,
    };
  const binary = binaryCheck(text);
  if (binary) return { ok: false, error: binary };
  const log = readLog(text);
  if (log.boots.length === 0)
    return {
      ok: false,
      error: `not a boot log: none of its ${log.stats.physicalLines} line${log.stats.physicalLines === 1 ? '' : 's'} is an early-boot memory message (looked for Linux version, BIOS-e820, SRAT/NUMA, Zone ranges, memblock, early reservations, crashkernel and Memory: lines)`,
    };
  const picked = pickBoot(log.boots, opts.boot);
  if (typeof picked === 'string') return { ok: false, error: picked };
  const textOf = messagesAt(picked.lines);
  const built = withMemblockRequests(scenarioFromBoot(picked.boot, picked.facts), picked.boot);
  const own = observedSimulation(
    picked.boot,
    picked.facts,
    textOf,
    built.scenario ?? built.display,
  );
  const { observed, kdump } = withCaptureBoot(log.boots, picked, own);
  return {
    ok: true,
    boots: log.boots.map((b) => b.boot),
    boot: picked.boot,
    scenario: built.scenario,
    scenarioProblems: built.problems,
    notes: built.notes,
    observed,
    unrecognized: log.unrecognized,
    summary: summarize(log, picked, built),
    kdump,
  };
}

/**
 * A 6.1 log with memblock=debug lines carries the early requests the model cannot derive (their
 * sizes, alignments, limits, nodes): replay them, so the simulated run places everything the
 * way the kernel did (simulate --from-log builds the same scenario).
 */
function withMemblockRequests(built: BootScenario, boot: ImportedBootFull): BootScenario {
  if (built.scenario?.model !== 'memblock-6.1' || !boot.memblock.some((m) => m.op === 'alloc'))
    return built;
  const r = memblockScenario(boot, built.scenario.title);
  if (!r.ok)
    return {
      ...built,
      notes: [
        ...built.notes,
        `memblock=debug requests not replayed: ${r.problems.map((p) => p.message).join('; ')}`,
      ],
    };
  // The machine map, the command line and the page size of the direct map stay the
  // importer's: a printed user map the command line did not explain is in them (user-map.ts).
  // So do the direct map's settings the log shows (1 GiB pages, 5-level paging, brk pool) and
  // its SLIT.
  const { e820, slit } = built.scenario.machine;
  const { ops: _ops, ...shown } = built.scenario.kernel.memblock ?? { ops: [] };
  const { kernel } = r.scenario;
  return {
    ...built,
    scenario: {
      ...r.scenario,
      name: built.scenario.name,
      machine: { ...r.scenario.machine, e820, ...(slit ? { slit } : {}) },
      kernel: Object.keys(shown).length
        ? { ...kernel, memblock: { ops: [], ...kernel.memblock, ...shown } }
        : kernel,
      cmdline: built.scenario.cmdline,
    },
    notes: [
      ...built.notes,
      `the ${r.scenario.kernel.memblock?.ops?.length ?? 0} early memblock requests of the log are replayed, so every placement is computed as the kernel did it`,
    ],
  };
}

/** Import a boot log. `opts.boot` selects a boot by its 1-based number. */
export function importLog(text: string, opts: ImportOptions = {}): ImportResult {
  if (typeof text !== 'string') return { ok: false, error: 'the log must be text' };
  try {
    return importChecked(text, opts);
  } catch (e) {
    return {
      ok: false,
      error: `internal error while importing the log: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
