/**
 * What the import worker and the page say to each other, and the part of an import the page
 * keeps. The page never holds the whole ImportOk: a 100,000-line log's boot record is 13 MB of
 * memblock records the page does not show, and cloning it across threads would freeze the tab
 * for seconds. The observed timeline and the comparison's rows (one per memblock=debug
 * request: 14 MB for such a log) are sent in compact chunks (compact.ts), so each message is
 * a short task, and stay packed on the page until shown (packed-timeline.ts, agreement-rows.ts).
 */
import type {
  Agreement,
  CrashkernelLine,
  E820Entry,
  ImportOk,
  ImportSummary,
  Scenario,
  Simulation,
  Unrecognized,
} from '../../src-core';
import { AgreementRows, type rowKinds, type ShownAgreement } from './agreement-rows';
import { Unpacker, type Packed } from './compact';
import { PackedTimeline, type SimulationShell, type TimelinePart } from './packed-timeline';

/** Where the text comes from: pasted (or dropped) text, or a file the worker reads. */
export type LogInput = { kind: 'text'; text: string } | { kind: 'file'; file: File };

export interface ImportRequest {
  id: number;
  name: string;
  input: LogInput;
  /** 1-based boot number; default: the first complete boot. */
  boot?: number;
}

export type ImportStage = 'reading' | 'parsing' | 'comparing' | 'receiving';

export interface BootBrief {
  number: number;
  lines: { start: number; end: number };
  version: string | null;
  arch: string | null;
  complete: boolean;
}

/** Lines not understood that the page lists; the count says how many there were. */
export const UNRECOGNIZED_SHOWN = 500;

/** What the page shows about an import (everything but the timeline itself). */
export interface ImportView {
  name: string;
  boots: BootBrief[];
  selected: number;
  complete: boolean;
  kernel: { version: string | null; arch: string | null };
  cmdline: string | null;
  e820: E820Entry[];
  e820User: E820Entry[] | null;
  zones: { zone: string; start: number; end: number }[];
  crashkernel: CrashkernelLine[];
  memoryLine: string | null;
  panic: string | null;
  summary: ImportSummary;
  notes: string[];
  scenarioProblems: string[];
  unrecognized: Unrecognized[];
}

export function toView(name: string, r: ImportOk): ImportView {
  const b = r.boot;
  return {
    name,
    boots: r.boots.map((x) => ({
      number: x.number,
      lines: x.lines,
      version: x.kernel.version,
      arch: x.kernel.arch,
      complete: x.complete,
    })),
    selected: b.number,
    complete: b.complete,
    kernel: b.kernel,
    cmdline: b.cmdline,
    e820: b.e820,
    e820User: b.e820User,
    zones: b.zoneRanges.map((z) => ({ zone: z.zone, ...z.range })),
    crashkernel: b.crashkernel,
    memoryLine: b.memoryLine,
    panic: b.panic?.text ?? null,
    summary: r.summary,
    notes: r.notes,
    scenarioProblems: r.scenarioProblems,
    unrecognized: r.unrecognized.slice(0, UNRECOGNIZED_SHOWN),
  };
}

/** The comparison without its rows (they come in chunks), with each row's topic and status. */
export type AgreementHead = Omit<Agreement, 'rows'> & ReturnType<typeof rowKinds>;

/** The long lists that come in chunks: the observed run's, and the comparison's rows. */
export type ChunkPart = TimelinePart | 'agreementRows';

export type WorkerMessage =
  | {
      id: number;
      type: 'progress';
      stage: ImportStage;
      detail: string;
      /** For 'receiving': how many items the chunks will bring. */
      total?: number;
    }
  /** Items of one list, packed (compact.ts): `packed.count` of them. */
  | { id: number; type: 'chunk'; part: ChunkPart; packed: Packed }
  | {
      id: number;
      type: 'done';
      ok: true;
      view: ImportView;
      shell: SimulationShell;
      /** Whether shell.scenario is runnable (else it only describes the machine for display). */
      runnable: boolean;
      /** The comparison, its rows still to come in chunks (a row per memblock=debug request). */
      agreement: AgreementHead | null;
      /** Why there is no comparison. */
      agreementNote: string;
      total: Record<ChunkPart, number>;
    }
  | { id: number; type: 'done'; ok: false; error: string };

/** What the page keeps of a finished import. */
export interface Imported {
  view: ImportView;
  /** Runnable scenario, or null (the observed run then carries a display-only one). */
  scenario: Scenario | null;
  /** The observed run, packed until the log is shown. */
  timeline: PackedTimeline;
  /** Steps of the observed run. */
  steps: number;
  agreement: ShownAgreement | null;
  agreementNote: string;
}

/** An import on the page: its observed run unpacked. */
export type ShownImport = Omit<Imported, 'timeline'> & { observed: Simulation };

/** Gathers the chunks of one import, packed; `finish` gives them once all have come. */
export class ChunkAssembler {
  private readonly chunks: Record<ChunkPart, Packed[]> = {
    events: [],
    regions: [],
    bitOps: [],
    agreementRows: [],
  };
  private readonly counts: Record<ChunkPart, number> = {
    events: 0,
    regions: 0,
    bitOps: 0,
    agreementRows: 0,
  };
  /** Holds the worker's tables, chunk by chunk in the order it packed them. */
  private readonly unpacker = new Unpacker();

  add(m: Extract<WorkerMessage, { type: 'chunk' }>): void {
    this.unpacker.absorb(m.packed);
    this.chunks[m.part].push(m.packed);
    this.counts[m.part] += m.packed.count;
  }

  get received(): number {
    const c = this.counts;
    return c.events + c.regions + c.bitOps + c.agreementRows;
  }

  /** The observed run and the comparison, once every chunk has come; else what was lost. */
  finish(
    shell: SimulationShell,
    agreement: AgreementHead | null,
    total: Record<ChunkPart, number>,
  ): { timeline: PackedTimeline; agreement: ShownAgreement | null } | string {
    for (const part of ['events', 'regions', 'bitOps', 'agreementRows'] as const)
      if (this.counts[part] !== total[part])
        return `the import lost part of the timeline (${this.counts[part]} of ${total[part]} ${part})`;
    const { agreementRows, ...lists } = this.chunks;
    return {
      timeline: new PackedTimeline(shell, lists, this.unpacker),
      agreement: agreement && {
        model: agreement.model,
        counts: agreement.counts,
        rows: new AgreementRows(agreementRows, this.unpacker, agreement.topics, agreement.statuses),
      },
    };
  }
}
