/**
 * The state of one simulated 6.1 boot: memblock, the e820 table, and what the timeline shows.
 * Every memblock call the model makes goes through here, so each one becomes an event with the
 * line memblock=debug prints, a region on the `memory` or `reserved` lane, and (for
 * allocations) an AllocationRecord. Rules: v6.1 mm/memblock.c (see memblock.ts).
 */
import { hex, humanSize, memRange, pfnDown, pfnUp, PAGE_SIZE } from '../addr';
import type { E820Entry } from '../e820';
import type { Owner, Phase, Recorder, Region } from '../events';
import {
  dumpLines,
  MAX_NUMNODES,
  Memblock,
  MEMBLOCK_ALLOC_ACCESSIBLE,
  NUMA_NO_NODE,
  pa,
  rangeDebugLine,
} from '../memblock';
import { rangesOverlap, type Range } from '../range';
import type { Scenario } from '../scenario';
import type { AllocFn } from '../scenario-memblock';
import type { AllocationRecord, CrashkernelOutcome, Finding } from '../simulation';
import { drawE820 } from './lanes';

const SRC_MEMBLOCK = 'v6.1:mm/memblock.c';

/** A boot that cannot go on: early_panic / panic. */
export class KernelPanic extends Error {}

/** What a kernel function asks memblock for; never where it lands. */
export type AllocRequest = Pick<
  AllocationRecord,
  'caller' | 'size' | 'align' | 'from' | 'max' | 'nid'
> & { fn: AllocFn | 'memblock_phys_alloc_try_nid' };

export interface EventInput {
  phase: Phase;
  kind: string;
  start?: number;
  end?: number;
  label: string;
  owner: Owner;
  fn: string;
  src: string;
  explain: string;
  dmesg?: string[];
  node?: number;
}

/** Owner (colour) of a reservation, from the kernel function that made it. */
export function ownerOf(caller: string): Owner {
  const rules: [RegExp, Owner][] = [
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
  for (const [re, owner] of rules) if (re.test(caller)) return owner;
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

  constructor(
    readonly rec: Recorder,
    readonly s: Scenario,
    /** memblock=debug: events quote the lines it prints. */
    readonly debug: boolean,
    movableNode: boolean,
  ) {
    this.mb = new Memblock({ movableNode });
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
  alloc(
    req: AllocRequest,
    e: {
      phase: Phase;
      label: string;
      owner?: Owner;
      explain?: string;
      src?: string;
      node?: number;
    },
  ): number {
    const { mb } = this;
    const exact = req.fn === 'memblock_alloc_exact_nid_raw';
    const free = [...mb.freeRanges()];
    let addr: number;
    if (req.fn === 'memblock_phys_alloc_range')
      addr = mb.physAllocRange(req.size, req.align, req.from, req.max);
    else if (req.fn === 'memblock_phys_alloc_try_nid')
      addr = mb.physAllocTryNid(req.size, req.align, req.nid);
    else addr = mb.allocInternal(req.size, req.align, req.from, req.max, req.nid, exact);
    const printed = req.fn !== 'memblock_phys_alloc_try_nid';
    const nidText = req.fn === 'memblock_phys_alloc_range' ? '' : ` nid=${req.nid}`;
    const lines = printed
      ? [
          `${req.fn}: ${req.size} bytes align=${hex(req.align)}${nidText} from=${pa(req.from)} max_addr=${pa(req.max)} ${req.caller}`,
        ]
      : [];
    if (addr)
      lines.push(rangeDebugLine('memblock_reserve', addr, req.size, 'memblock_alloc_range_nid'));
    const w = this.window(req);
    const dir = mb.bottomUp ? 'bottom-up: the lowest' : 'top-down: the highest';
    const holder = free.find((f) => f.start <= addr && addr + req.size <= f.end);
    const node =
      req.nid === NUMA_NO_NODE
        ? 'any node'
        : `node ${req.nid}${exact ? ' only' : ' first, then any node'}`;
    const how = addr
      ? `It lands at ${hex(addr)}, ${dir} ${hex(req.align)}-aligned block of ${humanSize(req.size)} inside a free range${holder ? ` ${memRange(holder.start, holder.end)}${holder.nid === MAX_NUMNODES ? '' : ` on node ${holder.nid}`}` : ''}.`
      : `No free range in the window has room, so it returns 0.`;
    const ev = this.event({
      phase: e.phase,
      kind: addr ? 'alloc' : 'alloc-failed',
      start: addr || w.start,
      end: addr ? addr + req.size : w.end,
      label: addr ? `${e.label} at ${hex(addr)}` : `${e.label}: no room`,
      owner: e.owner ?? ownerOf(req.caller),
      fn: symbolOf(req.caller),
      src: e.src ?? SRC_MEMBLOCK,
      explain: `${e.explain ? e.explain + ' ' : ''}${req.fn}(${humanSize(req.size)}, align ${hex(req.align)}) searches ${memRange(w.start, w.end)} on ${node}, ${dir.split(':')[0]}. ${how}`,
      dmesg: this.debug ? lines : [],
      ...(e.node === undefined ? {} : { node: e.node }),
    });
    this.allocations.push({
      fn: req.fn,
      caller: req.caller,
      size: req.size,
      align: req.align,
      from: req.from,
      max: req.max,
      nid: req.nid,
      start: addr || null,
      step: ev.step,
      printed,
    });
    if (addr)
      this.draw(
        { start: addr, end: addr + req.size },
        e.owner ?? ownerOf(req.caller),
        e.label,
        true,
        holder?.nid,
      );
    return addr;
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
