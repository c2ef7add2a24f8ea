/**
 * Step events and the regions they create.
 *
 * A simulation is a list of events (one per meaningful action) and a list of regions (what is
 * drawn on the address-space bar). Each region records the step that created it and, if it
 * goes away, the step that ended it, so the picture at step s is a pure filter:
 * `born <= s < died`. Bootmem bitmap bit changes are kept apart (BitOp) because page-level
 * detail is only needed when zoomed onto a bitmap.
 */
import type { Range } from '../base/range';

/** Boot phases, in boot order; the timeline groups events by these. */
export const PHASES = [
  'firmware',
  'cmdline',
  'early-reserve',
  'direct-map',
  'numa',
  'reserve',
  'crashkernel',
  'zones',
  'retire',
  'kexec',
  'capture-kernel',
] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_TITLES: Record<Phase, string> = {
  firmware: 'Firmware memory map',
  cmdline: 'Command line',
  'early-reserve': 'Early reservations',
  'direct-map': 'Direct mapping',
  numa: 'NUMA and allocator setup',
  reserve: 'Boot-time reservations',
  crashkernel: 'Crash kernel',
  zones: 'Zones',
  retire: 'Allocator retirement',
  kexec: 'After boot: kexec',
  'capture-kernel': 'After the crash: the capture kernel boots',
};

/** Who owns a region: one colour per owner across the app. */
export type Owner =
  | 'firmware'
  | 'kernel'
  | 'page-tables'
  | 'node-data'
  | 'bitmap'
  | 'initrd'
  | 'acpi'
  | 'ebda'
  | 'trampoline'
  | 'mptable'
  | 'memnodemap'
  | 'crashkernel'
  | 'kdump'
  | 'swiotlb'
  | 'sparse'
  | 'percpu'
  | 'allocation'
  | 'page-allocator'
  | 'conflict'
  | 'numa'
  | 'zone'
  | 'other';

/** The lanes of the bar, top to bottom. */
export type Lane =
  | 'e820'
  | 'node'
  | 'zone'
  | 'memory'
  | 'bitmap'
  | 'reserved'
  | 'buddy'
  | 'crashkernel'
  | 'conflict';

export type ConflictKind =
  | 'double-reservation'
  | 'freed-while-reserved'
  | 'kdump-corruption'
  /** A capture kernel in a log that ran out of memory in its window. */
  | 'kdump-oom';

export interface Region {
  id: number;
  lane: Lane;
  start: number;
  end: number;
  label: string;
  owner: Owner;
  /** Step that created it. */
  born: number;
  /** Step that ended it (exclusive), if it ends. */
  died?: number;
  node?: number;
  /** e820 type number, for the e820 lane. */
  e820Type?: number;
  /** Zone name, for the zone lane. */
  zone?: string;
  /** Conflict kind, for the conflict lane. */
  conflict?: ConflictKind;
  /** True for allocator results (as opposed to reservations of fixed addresses). */
  alloc?: boolean;
  /** Set on a crash window (not on what else the crashkernel lane shows): what it is now. */
  crash?: CrashWindowStatus;
}

/**
 * A crash window as the kernel holds it: `recorded` in crashk_res from the command line but not
 * reserved yet (2.6.23 reserves it only at the end of setup_arch), `reserved` (the allocator
 * keeps it), or `refused` (asked for, but the kernel would not reserve it: it reserves nothing).
 */
export type CrashWindowStatus = 'recorded' | 'reserved' | 'refused';

/** A crash window that reserves nothing (recorded or refused): the bar draws it pale and dashed. */
export const reservesNothing = (r: Region): boolean =>
  r.crash === 'recorded' || r.crash === 'refused';

/** A change to a node's bootmem bitmap, in page frame numbers (absolute, half-open). */
export interface BitOp {
  step: number;
  node: number;
  op: 'init' | 'set' | 'clear' | 'retire';
  pages: Range;
}

/** A worked number shown in the inspector: "bitmap size" = "48 GiB / (4 KiB × 8) = 1.5 MiB". */
export interface Worked {
  label: string;
  value: string;
}

export interface BootEvent {
  step: number;
  phase: Phase;
  kind: string;
  /** Main range of the event, half-open; empty (start = end) when it has none. */
  start: number;
  end: number;
  label: string;
  owner: Owner;
  /** Kernel function that does it. */
  fn: string;
  /** Kernel source it follows: `v2.6.23:mm/bootmem.c`. */
  src: string;
  /** What the kernel prints at this point, lines joined by \n; '' when it prints nothing. */
  dmesg: string;
  /** One or two sentences with the numbers. */
  explain: string;
  worked: Worked[];
  node?: number;
  /** Regions this step created or ended. */
  regions: number[];
  /** For a step read from a boot log: the 1-based line number it comes from. */
  line?: number;
}

/** An event as a model writes it, before the recorder numbers it; start/end default to empty. */
export interface EventDraft {
  phase: Phase;
  kind: string;
  label: string;
  owner: Owner;
  fn: string;
  src: string;
  explain: string;
  start?: number;
  end?: number;
  dmesg?: string;
  worked?: Worked[];
  node?: number;
}

/** Kernel source URL for an event's `src` (`v2.6.23:mm/bootmem.c`). */
export function sourceUrl(src: string): string {
  const [tag, path] = src.split(':');
  return `https://elixir.bootlin.com/linux/${tag}/source/${path}`;
}

/**
 * Builds events and regions during a simulation. Models call `event()` for each action and
 * `region()` / `end()` for what it draws; the recorder numbers steps.
 */
export class Recorder {
  readonly events: BootEvent[] = [];
  readonly regions: Region[] = [];
  readonly bitOps: BitOp[] = [];
  private nextId = 0;
  /**
   * Called before each event with the step it will get, when the state of the step before it
   * is complete: how a run hands its allocator's own state at one step to the text view.
   */
  watch: ((nextStep: number) => void) | null = null;

  /** The step the next event will get. */
  get step(): number {
    return this.events.length;
  }

  event(
    e: Omit<BootEvent, 'step' | 'regions' | 'worked' | 'dmesg'> &
      Partial<Pick<BootEvent, 'worked' | 'dmesg'>>,
  ): BootEvent {
    if (this.watch) this.watch(this.events.length);
    // Object.assign rather than spread: the same object, several times faster in V8 (an
    // imported 100,000-line log makes 100,000 events).
    const ev: BootEvent = Object.assign({}, e, {
      step: this.step,
      regions: [],
      worked: e.worked ?? [],
      dmesg: e.dmesg ?? '',
    });
    this.events.push(ev);
    return ev;
  }

  /**
   * event() for a whole event made for it that the caller hands over (its `step` is set here):
   * it becomes the event, without a copy (an imported log makes 100,000 events).
   */
  adoptEvent(ev: BootEvent): BootEvent {
    ev.step = this.step;
    this.events.push(ev);
    return ev;
  }

  /** Add a region born at the current event (call after event()). */
  region(r: Omit<Region, 'id' | 'born'>): Region {
    return this.adoptRegion(Object.assign({}, r));
  }

  /** region() for an object made for it that the caller hands over, like adoptEvent. */
  adoptRegion(r: Omit<Region, 'id' | 'born'>): Region {
    const last = this.events[this.events.length - 1];
    const reg = r as Region;
    reg.id = this.nextId++;
    reg.born = last ? last.step : 0;
    this.regions.push(reg);
    if (last) this.touched(last, reg.id);
    return reg;
  }

  /** End a region at the current event. */
  end(region: Region): void {
    const last = this.events[this.events.length - 1];
    region.died = last ? last.step : 0;
    if (last) this.touched(last, region.id);
  }

  /** Note that the latest event touches a region it neither creates nor ends (relabels it). */
  touch(region: Region): void {
    const last = this.events[this.events.length - 1];
    if (last) this.touched(last, region.id);
  }

  /**
   * The first region of an event makes a list of one: a push onto an empty array reserves 17
   * slots, and most steps touch one region (adoptEvent's events may share one empty list).
   */
  private touched(ev: BootEvent, id: number): void {
    if (ev.regions.length === 0) ev.regions = [id];
    else ev.regions.push(id);
  }

  /** Record a bitmap change as part of the latest event (call after event()). */
  bits(node: number, op: BitOp['op'], pages: Range): void {
    if (pages.end > pages.start || op === 'retire')
      this.bitOps.push({ step: Math.max(0, this.step - 1), node, op, pages });
  }
}

/** Regions alive at a step. */
export function regionsAt(regions: readonly Region[], step: number): Region[] {
  return regions.filter((r) => r.born <= step && (r.died === undefined || r.died > step));
}
