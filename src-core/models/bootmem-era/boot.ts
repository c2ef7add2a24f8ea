/**
 * The state of one simulated x86_64 boot from 2.6.23 to 2.6.36, which the step modules of this
 * folder read and extend: the e820 map, the end of RAM, the nodes and their bootmem, who claims
 * which pages, zones, what the page allocator got, the crashkernel outcome and the findings.
 * The generations add their own state (bootmem-boot.ts, earlyres-boot.ts).
 */
import { hex } from '../../base/addr';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import type { BootmemCore } from '../../allocators/bootmem/core';
import type { E820Entry } from '../../input/e820';
import type { BootEvent, EventDraft, Owner, Recorder, Region } from '../../output/events';
import type { NodeSpan } from '../../input/numa';
import type { Range } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import type {
  BitmapPlacement,
  CrashkernelOutcome,
  Finding,
  RunOptions,
  Simulation,
} from '../../output/simulation';
import type { ZoneSpan } from '../../input/zones';
import { kernelInForce, type KernelInForce } from '../../kernel/rules';

/** A reservation or allocation someone holds, in page frames, for naming conflicts. */
export interface Claim {
  pages: Range;
  owner: Owner;
  label: string;
}

/** Kernel sources the shared steps follow, by generation. */
export interface Sources {
  setup: string;
  e820: string;
  numa: string;
  pageAlloc: string;
  kexec: string;
}

export class X86Boot {
  e820: E820Entry[] = [];
  /** The e820 lane as drawn for the map in use; memmap= ends it and draws the user map. */
  e820Regions: Region[] = [];
  endUserPfn = Infinity;
  endPfn = 0;
  endPfnMap = 0;
  numaOff = false;
  nodes: NodeSpan[] = [];
  /** Active (e820 RAM) page frames per node. */
  readonly active = new Map<number, Range[]>();
  /** Each node's bootmem (bdata); empty under NO_BOOTMEM. */
  readonly bdata = new Map<number, BootmemCore>();
  readonly bitmapRegions = new Map<number, Region>();
  readonly claims: Claim[] = [];
  readonly bitmaps: BitmapPlacement[] = [];
  readonly zones: ZoneSpan[] = [];
  readonly findings: Finding[] = [];
  /** Bytes handed to the page allocator. */
  buddy: Range[] = [];
  crash: CrashkernelOutcome = {
    outcome: 'none',
    message: '',
    detail: 'no crashkernel= reservation was requested',
  };
  crashWindow: Region | null = null;
  /** The kernel version whose rules this run follows (kernel/rules.ts). */
  readonly kernel: KernelInForce;
  /** The files the shared steps follow, at that version. */
  readonly src: Sources;

  constructor(
    readonly rec: Recorder,
    readonly s: Scenario,
    readonly model: string,
    sourcesOf: (k: KernelInForce) => Sources,
    readonly options: RunOptions = {},
  ) {
    this.kernel = kernelInForce(s.kernel.version, model);
    this.src = sourcesOf(this.kernel);
  }

  ev(e: EventDraft): BootEvent {
    const { start = 0, end = 0, ...rest } = e;
    return this.rec.event({ ...rest, start, end });
  }

  /** Run the model body; a KernelBug stops the boot as a panic. */
  run(body: () => void): Simulation {
    let panic: string | null = null;
    try {
      body();
    } catch (e) {
      if (!(e instanceof KernelBug)) throw e;
      panic = e.message;
      this.ev({
        phase: 'reserve',
        kind: 'bug',
        label: `kernel panic in ${e.fn}`,
        owner: 'other',
        fn: e.fn,
        src: this.src.setup,
        explain: `The simulated kernel stops here: ${e.message}.`,
        dmesg: e.fn === 'reserve_early' ? e.message : `kernel BUG at ${e.fn}`,
      });
    }
    return {
      model: this.model,
      scenario: this.s,
      events: this.rec.events,
      regions: this.rec.regions,
      bitOps: this.rec.bitOps,
      bitmaps: this.bitmaps,
      zones: this.zones,
      crashkernel: this.crash,
      findings: this.findings,
      panic,
      summary: this.summary(panic),
    };
  }

  private summary(panic: string | null): string {
    if (panic) return `The simulated kernel stops: ${panic}.`;
    const c = this.crash;
    const at = (b: { node: number; start: number }) => `node ${b.node}'s bitmap at ${hex(b.start)}`;
    const bms = this.bitmaps;
    // One line even on a 1,024-node machine: the first and last bitmap stand for the rest.
    const bm =
      bms.length === 0
        ? 'no bootmem bitmap'
        : bms.length <= 4
          ? bms.map(at).join(', ')
          : `${bms.length} bitmaps, ${at(bms[0] as (typeof bms)[number])} … ${at(bms[bms.length - 1] as (typeof bms)[number])}`;
    const crash =
      c.outcome === 'reserved'
        ? `crashkernel reserved at ${hex(c.start ?? 0)}`
        : c.outcome === 'failed'
          ? `crashkernel refused: "${c.message.trim()}"`
          : 'no crashkernel';
    const corrupt = this.findings.find((x) => x.kind === 'kdump-corruption');
    const tail =
      this.findings.length === 0
        ? 'no conflicts'
        : `${this.findings.length} finding(s)${corrupt ? `: kexec corrupts ${hex(corrupt.start)}-${hex(corrupt.end - 1)}` : ''}`;
    return `${bm}; ${crash}; ${tail}.`;
  }
}
