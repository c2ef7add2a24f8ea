/**
 * The state of one simulated 6.1 boot: memblock, the e820 table, and what the timeline shows.
 * Every memblock call the model makes goes through here, so each one becomes an event with the
 * line memblock=debug prints, a region on the `memory` or `reserved` lane, and (for
 * allocations) an AllocationRecord. Rules: v6.1 mm/memblock.c (see memblock.ts).
 */
import { kernelInForce, type KernelInForce } from '../../kernel/rules';
import { hex, humanSize, memRange, pfnDown, pfnUp, PAGE_SIZE } from '../../base/addr';
import type { E820Entry } from '../../input/e820';
import type { EventDraft, Owner, Phase, Recorder, Region, Worked } from '../../output/events';
import {
  dumpLines,
  MAX_NUMNODES,
  Memblock,
  type AllocRun,
  MEMBLOCK_ALLOC_ACCESSIBLE,
  NUMA_NO_NODE,
  pa,
  rangeDebugLine,
} from '../../allocators/memblock/memblock';
import { rangesOverlap, type Range } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import type { AllocFn } from '../../input/scenario-6.1';
import type { AllocationRecord, CrashkernelOutcome, Finding } from '../../output/simulation';
import { drawE820 } from '../lanes';

const SRC_MEMBLOCK = 'v6.1:mm/memblock.c';

/** A boot that cannot go on: early_panic / panic. */
export class KernelPanic extends Error {}

/** What a kernel function asks memblock for; never where it lands. */
export type AllocRequest = Pick<
  AllocationRecord,
  'caller' | 'size' | 'align' | 'from' | 'max' | 'nid'
> & { fn: AllocFn | 'memblock_phys_alloc_try_nid' };

/** 6.1's steps collect what the kernel prints as lines. */
export type EventInput = Omit<EventDraft, 'dmesg'> & { dmesg?: string[] };

/** How the timeline shows an allocation: its phase, a label, and why the kernel asks. */
export interface AllocText {
  phase: Phase;
  label: string;
  owner?: Owner;
  explain?: string;
  src?: string;
  node?: number;
}

const allocationRecord = (
  req: AllocRequest,
  run: AllocRun | null,
  step: number,
  printed: boolean,
): AllocationRecord => ({
  fn: req.fn,
  caller: req.caller,
  size: req.size,
  align: req.align,
  from: req.from,
  max: req.max,
  nid: req.nid,
  start: run?.first ?? null,
  count: run?.count ?? 1,
  stride: run && run.count > 1 ? run.step : 0,
  step,
  printed,
});

/** What memblock=debug prints for each request of a run: its request line and reservation. */
function debugLines(req: AllocRequest, run: AllocRun | null, printed: boolean): string[] {
  const nidText = req.fn === 'memblock_phys_alloc_range' ? '' : ` nid=${req.nid}`;
  const ask = `${req.fn}: ${req.size} bytes align=${hex(req.align)}${nidText} from=${pa(req.from)} max_addr=${pa(req.max)} ${req.caller}`;
  if (!run) return printed ? [ask] : [];
  const lines: string[] = [];
  for (let i = 0, at = run.first; i < run.count; i++, at += run.step) {
    if (printed) lines.push(ask);
    lines.push(rangeDebugLine('memblock_reserve', at, req.size, 'memblock_alloc_range_nid'));
  }
  return lines;
}

/** The numbers of a run of several blocks, for the inspector. */
function runWorked(run: AllocRun, size: number): Worked[] {
  return [
    { label: 'run', value: `${run.count} × ${humanSize(size)} = ${humanSize(run.count * size)}` },
    {
      label: 'blocks',
      value: `${hex(run.first)} ${run.step < 0 ? '-' : '+'} i × ${hex(size)}, i = 0 … ${run.count - 1}`,
    },
  ];
}

/** The bytes a run of blocks of `size` covers. */
function runSpan(run: AllocRun, size: number): Range {
  const last = run.first + run.step * (run.count - 1);
  return { start: Math.min(run.first, last), end: Math.max(run.first, last) + size };
}

/** Owners by the kernel function that made a reservation, first match wins. */
const OWNER_RULES: readonly [RegExp, Owner][] = [
  [/^(reserve_real_mode|setup_real_mode)/, 'trampoline'],
  [/^(init_mem_mapping|alloc_low_page|spp_getpage|__spp_getpage)/, 'page-tables'],
  [/^acpi/, 'acpi'],
  [/^(smp_scan_config|e820__memblock_alloc_reserved_mpc_new)/, 'mptable'],
  [/^(sparse|vmemmap|__earlyonly_bootmem_alloc|memmap_alloc)/, 'sparse'],
  [/^pcpu/, 'percpu'],
  [/^swiotlb/, 'swiotlb'],
  [/^(reserve_initrd|relocate_initrd|early_reserve_initrd)/, 'initrd'],
  [/^(alloc_node_data|NODE_DATA)/, 'node-data'],
];

/** Owner (colour) of a reservation, from the kernel function that made it. */
export function ownerOf(caller: string): Owner {
  for (const [re, owner] of OWNER_RULES) if (re.test(caller)) return owner;
  return 'allocation';
}

/** The caller's function name without the %pS offset. */
export const symbolOf = (caller: string): string => caller.replace(/\+0x.*$/, '');

export class MemblockBoot {
  readonly mb: Memblock;
  e820: E820Entry[] = [];
  maxPfn = 0;
  maxLowPfn = 0;
  readonly allocations: AllocationRecord[] = [];
  /** Allocations that found room, counted as they are made (a 64 TiB run makes 70,000). */
  made = 0;
  readonly findings: Finding[] = [];
  crash: CrashkernelOutcome = {
    outcome: 'none',
    message: '',
    detail: 'no crashkernel= on the command line',
  };
  /** Where each node's pg_data_t went (alloc_node_data). */
  readonly nodeData = new Map<number, number>();
  private live: { region: Region; alloc: boolean }[] = [];
  private memoryLane: Region[] = [];
  private e820Lane: Region[] = [];
  /** The kernel version whose rules this run follows (kernel/rules.ts). */
  readonly kernel: KernelInForce;

  constructor(
    readonly rec: Recorder,
    readonly s: Scenario,
    /** memblock=debug: events quote the lines it prints. */
    readonly debug: boolean,
    movableNode: boolean,
  ) {
    this.mb = new Memblock({ movableNode });
    this.kernel = kernelInForce(s.kernel.version, 'memblock-6.1');
  }

  event(e: EventInput) {
    const ev = this.rec.event({
      phase: e.phase,
      kind: e.kind,
      start: e.start ?? 0,
      end: e.end ?? e.start ?? 0,
      label: e.label,
      owner: e.owner,
      fn: e.fn,
      src: e.src,
      explain: e.explain,
      dmesg: (e.dmesg ?? []).join('\n'),
      ...(e.node === undefined ? {} : { node: e.node }),
      ...(e.worked ? { worked: e.worked } : {}),
    });
    this.drainNotes(e.phase);
    return ev;
  }

  /** memblock_double_array and friends print on their own; show them where they happened. */
  private drainNotes(phase: Phase): void {
    const notes = this.mb.notes.splice(0);
    for (const n of notes) {
      this.rec.event({
        phase,
        kind: n.kind,
        start: n.range?.start ?? 0,
        end: n.range?.end ?? 0,
        label: `memblock.${n.type} array ${n.kind === 'doubled' ? 'doubled' : 'full'}`,
        owner: 'other',
        fn: 'memblock_double_array',
        src: SRC_MEMBLOCK,
        explain:
          n.kind === 'doubled'
            ? `memblock.${n.type} ran out of its ${this.mb[n.type].max / 2} static slots: a page-aligned array twice as large is placed with memblock's own top-down search and reserved.`
            : `memblock.${n.type} is full and cannot grow here, so the operation fails.`,
        dmesg: this.debug || n.kind === 'double-failed' ? n.text : '',
      });
      if (n.range) this.draw(n.range, 'other', `memblock.${n.type} array`, true);
    }
  }

  /** A region on the reserved lane; allocations are remembered for overlap findings. */
  private draw(r: Range, owner: Owner, label: string, alloc: boolean, node?: number): Region {
    const region = this.rec.region({
      lane: 'reserved',
      start: r.start,
      end: r.end,
      label,
      owner,
      ...(alloc ? { alloc: true } : {}),
      ...(node === undefined ? {} : { node }),
    });
    this.live.push({ region, alloc });
    return region;
  }

  /** memblock_reserve of a fixed range. `intended` overlaps (the first MiB) are no finding. */
  reserve(
    r: Range,
    e: Omit<EventInput, 'start' | 'end' | 'kind'> & {
      caller: string;
      /** The kernel means to cover what is there (the first MiB): no finding. */
      intended?: boolean;
      /** Before memblock=debug is parsed: no debug line. */
      quiet?: boolean;
    },
  ): void {
    const over = this.live.filter((l) => l.alloc && rangesOverlap(l.region, r));
    this.mb.reserve(r.start, r.end - r.start);
    const line = rangeDebugLine('memblock_reserve', r.start, r.end - r.start, e.caller);
    const ev = this.event({
      ...e,
      kind: 'reserve',
      start: r.start,
      end: r.end,
      dmesg: [...(this.debug && !e.quiet ? [line] : []), ...(e.dmesg ?? [])],
    });
    this.draw(r, e.owner, e.label, false);
    if (e.intended) return;
    for (const o of over) {
      const s = Math.max(o.region.start, r.start);
      const t = Math.min(o.region.end, r.end);
      this.finding(
        { start: s, end: t },
        `${e.label} was reserved over ${o.region.label} ${memRange(s, t)}: memblock_reserve accepts the overlap silently, so both now think they own these ${humanSize(t - s)}.`,
        ev.step,
      );
    }
  }

  private finding(r: Range, detail: string, step: number): void {
    this.findings.push({ kind: 'double-reservation', start: r.start, end: r.end, detail, step });
    this.rec.region({
      lane: 'conflict',
      start: r.start,
      end: r.end,
      label: 'double-reservation',
      owner: 'conflict',
      conflict: 'double-reservation',
    });
  }

  /** The effective [start, end) an allocation searches, after the kernel's adjustments. */
  private window(req: AllocRequest): Range {
    let end = req.max;
    if (req.fn !== 'memblock_phys_alloc_range' && end > this.mb.currentLimit)
      end = this.mb.currentLimit;
    if (end === MEMBLOCK_ALLOC_ACCESSIBLE || end === 1) end = this.mb.currentLimit;
    const start = Math.max(req.from, this.mb.pageSize);
    return { start, end: Math.max(start, end) };
  }

  /** One memblock allocation: the request line, the search, the reservation that answers it. */
  alloc(req: AllocRequest, e: AllocText): number {
    const run = this.place(req, 1);
    this.record(req, run, e);
    return run?.first ?? 0;
  }

  /**
   * `times` identical requests in a row (page-table pages, root pages of one node): memblock
   * places them run by run (see Memblock.allocRangeNidRun), and each run is one event, one
   * region and one AllocationRecord that counts its requests. Stops at the first request
   * that fails (recorded like any failure); returns how many were placed.
   */
  allocMany(req: AllocRequest, times: number, e: AllocText): number {
    let placed = 0;
    while (placed < times) {
      const run = this.place(req, times - placed);
      this.record(req, run, e);
      if (!run) break;
      placed += run.count;
    }
    return placed;
  }

  /** The memblock call behind each allocation function, asked `times` times in a row. */
  private place(req: AllocRequest, times: number): AllocRun | null {
    const { mb } = this;
    const { size, align, from, max, nid } = req;
    if (req.fn === 'memblock_phys_alloc_range')
      return mb.allocRangeNidRun(times, size, align, from, max, NUMA_NO_NODE, false);
    if (req.fn === 'memblock_phys_alloc_try_nid')
      return mb.allocRangeNidRun(times, size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
    const exact = req.fn === 'memblock_alloc_exact_nid_raw';
    return mb.allocInternalRun(times, size, align, from, max, nid, exact);
  }

  /** The event, records and region of one run of a request (or of its failure). */
  private record(req: AllocRequest, run: AllocRun | null, e: AllocText): void {
    const printed = req.fn !== 'memblock_phys_alloc_try_nid';
    const w = this.window(req);
    const exact = req.fn === 'memblock_alloc_exact_nid_raw';
    const node =
      req.nid === NUMA_NO_NODE
        ? 'any node'
        : `node ${req.nid}${exact ? ' only' : ' first, then any node'}`;
    const dir = this.mb.bottomUp ? 'bottom-up' : 'top-down';
    const n = run?.count ?? 1;
    const span = run ? runSpan(run, req.size) : w;
    const ev = this.event({
      phase: e.phase,
      kind: run ? 'alloc' : 'alloc-failed',
      start: span.start,
      end: span.end,
      label: !run
        ? `${e.label}: no room`
        : n === 1
          ? `${e.label} at ${hex(run.first)}`
          : `${e.label} × ${n} at ${hex(span.start)}-${hex(span.end)}`,
      owner: e.owner ?? ownerOf(req.caller),
      fn: symbolOf(req.caller),
      src: e.src ?? SRC_MEMBLOCK,
      explain: `${e.explain ? e.explain + ' ' : ''}${n === 1 ? '' : `${n} identical requests: `}${req.fn}(${humanSize(req.size)}, align ${hex(req.align)}) searches ${memRange(w.start, w.end)} on ${node}, ${dir}. ${run ? this.landing(req, run) : 'No free range in the window has room, so it returns 0.'}`,
      dmesg: this.debug ? debugLines(req, run, printed) : [],
      ...(e.node === undefined ? {} : { node: e.node }),
      ...(run && n > 1 ? { worked: runWorked(run, req.size) } : {}),
    });
    this.allocations.push(allocationRecord(req, run, ev.step, printed));
    if (!run) return;
    this.made += n;
    this.draw(span, e.owner ?? ownerOf(req.caller), e.label, true, run.range.nid);
  }

  /** Where a run landed and why there, for the event's explanation. */
  private landing(req: AllocRequest, run: AllocRun): string {
    const f = run.range;
    const block = `${this.mb.bottomUp ? 'bottom-up: the lowest' : 'top-down: the highest'} ${hex(req.align)}-aligned block of ${humanSize(req.size)} inside a free range ${memRange(f.start, f.end)}${f.nid === MAX_NUMNODES ? '' : ` on node ${f.nid}`}`;
    if (run.count === 1) return `It lands at ${hex(run.first)}, ${block}.`;
    const span = runSpan(run, req.size);
    const [left, next] = run.step < 0 ? ['above', 'below'] : ['below', 'above'];
    return `The first lands at ${hex(run.first)}, ${block}; what is left of that range ${left} it has no room, so each next request takes the block right ${next} the previous one: ${run.count} × ${humanSize(req.size)} = ${humanSize(run.count * req.size)}, ${memRange(span.start, span.end)}.`;
  }

  /** memblock_phys_free: the range leaves memblock.reserved; what remains of a region stays. */
  free(
    r: Range,
    e: { phase: Phase; caller: string; label: string; explain: string; src?: string },
  ): void {
    this.mb.physFree(r.start, r.end - r.start);
    const hit = this.live.filter((l) => rangesOverlap(l.region, r));
    const of = hit.filter((l) => l.alloc).map((l) => l.region.label);
    this.event({
      phase: e.phase,
      kind: 'free',
      start: r.start,
      end: r.end,
      label: e.label,
      owner: hit[0]?.region.owner ?? 'other',
      fn: symbolOf(e.caller),
      src: e.src ?? SRC_MEMBLOCK,
      explain: `${e.explain} ${of.length ? `It gives back ${humanSize(r.end - r.start)} of ${of.join(', ')}.` : 'No allocation of this simulation covers it, so only the reserved bookkeeping changes.'}`,
      dmesg: this.debug
        ? [rangeDebugLine('memblock_phys_free', r.start, r.end - r.start, e.caller)]
        : [],
    });
    for (const l of hit) {
      this.rec.end(l.region);
      this.live.splice(this.live.indexOf(l), 1);
      for (const rest of [
        { start: l.region.start, end: Math.min(l.region.end, r.start) },
        { start: Math.max(l.region.start, r.end), end: l.region.end },
      ])
        if (rest.end > rest.start) this.draw(rest, l.region.owner, l.region.label, l.alloc);
    }
  }

  /** Redraw the e820 lane for a new table. */
  drawE820(map: readonly E820Entry[]): void {
    for (const r of this.e820Lane) this.rec.end(r);
    this.e820 = map.map((e) => ({ ...e }));
    this.e820Lane = drawE820(this.rec, map);
  }

  /** Redraw the memory lane from memblock.memory (after it is built and after NUMA). */
  drawMemory(): void {
    for (const r of this.memoryLane) this.rec.end(r);
    this.memoryLane = this.mb.memory.regions.map((m) =>
      this.rec.region({
        lane: 'memory',
        start: m.base,
        end: m.base + m.size,
        label: m.nid >= 1024 ? 'memblock.memory' : `memblock.memory (node ${m.nid})`,
        owner: 'numa',
        ...(m.nid >= 1024 ? {} : { node: m.nid }),
      }),
    );
  }

  dump(): string[] {
    return this.debug ? dumpLines(this.mb) : [];
  }

  /** Free ranges in whole pages, as memblock_free_all hands them to the buddy allocator. */
  freePages(): Range[] {
    const out: Range[] = [];
    for (const f of this.mb.freeRanges()) {
      const s = pfnUp(f.start);
      const t = pfnDown(f.end);
      if (s < t) out.push({ start: s * PAGE_SIZE, end: t * PAGE_SIZE });
    }
    return out;
  }
}
