/**
 * What every x86_64 model from 2.6.23 to 2.6.36 shares: the firmware and user maps, the end of
 * RAM, SRAT nodes or a fake node, zones, handing pages to the page allocator, kexec loading the
 * kdump kernel, and how conflicts are recorded. The generations differ in where early
 * structures go and how the crashkernel is reserved (bootmem-boot.ts, earlyres-boot.ts).
 */
import { hex, hexPad, humanSize, memRange, PAGE_SIZE, pageAlign, pfnDown, pfnUp } from '../../addr';
import { KernelBug } from '../../bootmem';
import { e820End, e820Ram, e820RamPages, E820_RAM, type E820Entry } from '../../e820';
import type { BootEvent, Owner, Phase, Recorder, Region, Worked } from '../../events';
import type { NodeSpan } from '../../numa';
import { normalize, rangeIntersection, setIntersect, setLength, type Range } from '../../range';
import type { Scenario } from '../../scenario';
import type {
  BitmapPlacement,
  CrashkernelOutcome,
  CrashProbe,
  Finding,
  RunOptions,
  Simulation,
} from '../../simulation';
import {
  formatEarlyNodeMap,
  formatZonePfnRanges,
  MAX_DMA32_PFN,
  MAX_DMA_PFN,
  nodeZoneSpans,
  zonePfnRanges,
  type ZoneSpan,
} from '../../zones';
import { drawE820, drawZones } from '../lanes';

/** An event as the models write it; start/end default to an empty range. */
export interface Ev {
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

/** `[mem 0x01000000-0x0111afff] (≈1.11 MiB)`: a range for people, kernel style. */
export const describe = (r: Range): string =>
  `${memRange(r.start, r.end, 10)} (${humanSize(r.end - r.start)})`;

export class X86Boot {
  e820: E820Entry[] = [];
  endUserPfn = Infinity;
  endPfn = 0;
  endPfnMap = 0;
  numaOff = false;
  nodes: NodeSpan[] = [];
  /** Active (e820 RAM) page frames per node. */
  readonly active = new Map<number, Range[]>();
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
  private e820Regions: Region[] = [];

  constructor(
    readonly rec: Recorder,
    readonly s: Scenario,
    readonly model: string,
    readonly src: Sources,
    readonly options: RunOptions = {},
  ) {}

  ev(e: Ev): BootEvent {
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

  /** The kernel image and initrd are in memory before the first instruction. */
  start(): void {
    const k = this.s.kernel;
    this.ev({
      phase: 'firmware',
      kind: 'start',
      start: k.text,
      end: k.end,
      label: 'setup_arch() starts',
      owner: 'kernel',
      fn: 'setup_arch',
      src: this.src.setup,
      dmesg: `Command line: ${this.s.cmdline}`,
      explain: `The kernel runs from ${hex(k.text)} to _end ${hex(k.end)} (${humanSize(k.end - k.text)}); the boot loader placed it there. Nothing is reserved yet: there is no allocator.`,
    });
    this.rec.region({
      lane: 'reserved',
      start: k.text,
      end: k.end,
      label: 'kernel image (_text.._end)',
      owner: 'kernel',
    });
    if (k.initrd)
      this.rec.region({
        lane: 'reserved',
        start: k.initrd.start,
        end: k.initrd.end,
        label: 'initrd (loaded by the boot loader)',
        owner: 'initrd',
      });
  }

  setFirmwareMap(map: E820Entry[], lines: string[]): void {
    if (map.length < 2)
      throw new KernelBug('Cannot find a valid memory map', 'setup_memory_region');
    this.e820 = map;
    const n = this.s.machine.e820.length;
    const changed =
      map.length !== n
        ? ` after sanitize_e820_map resolved overlaps (the larger type wins) from ${n}`
        : '';
    this.ev({
      phase: 'firmware',
      kind: 'e820',
      end: e820End(map),
      label: 'BIOS-provided physical RAM map',
      owner: 'firmware',
      fn: 'setup_memory_region',
      src: this.src.e820,
      explain: `The firmware map has ${map.length} entries${changed}; ${humanSize(this.ramBytes())} of it is usable RAM.`,
      dmesg: ['BIOS-provided physical RAM map:', ...lines].join('\n'),
    });
    this.e820Regions = drawE820(this.rec, map);
  }

  setUserMap(map: E820Entry[], lines: string[]): void {
    this.e820 = map;
    this.ev({
      phase: 'cmdline',
      kind: 'e820-user',
      end: e820End(map),
      label: 'user-defined physical RAM map',
      owner: 'firmware',
      fn: 'finish_e820_parsing',
      src: this.src.e820,
      explain: `memmap= replaced the map the kernel uses: ${map.length} entries, ${humanSize(this.ramBytes())} usable.`,
      dmesg: lines.join('\n'),
    });
    for (const r of this.e820Regions) this.rec.end(r);
    this.e820Regions = drawE820(this.rec, map);
  }

  ramBytes(): number {
    return setLength(e820Ram(this.e820));
  }

  /**
   * e820_register_active_regions(0, 0, -1UL) + e820_end_of_ram (v2.6.23 arch/x86_64/kernel/e820.c):
   * end_pfn is the top of RAM (clipped by mem=), end_pfn_map the top of any entry.
   */
  endOfRam(maxmemPfn: number, dmesg: (endPfn: number, mapPfn: number) => string): void {
    let mapPfn = 0;
    for (const e of this.e820)
      if (e.type !== E820_RAM && pfnUp(e.start) < pfnDown(e.end))
        mapPfn = Math.max(mapPfn, pfnDown(e.end));
    const active = e820RamPages(this.e820, this.endUserPfn);
    let endPfn = active.length ? (active[active.length - 1] as Range).end : 0;
    mapPfn = Math.min(Math.max(mapPfn, endPfn), maxmemPfn);
    endPfn = Math.min(endPfn, this.endUserPfn, mapPfn);
    this.endPfn = endPfn;
    this.endPfnMap = mapPfn;
    this.ev({
      phase: 'firmware',
      kind: 'end-of-ram',
      end: endPfn * PAGE_SIZE,
      label: 'end of RAM',
      owner: 'firmware',
      fn: 'e820_end_of_ram',
      src: this.src.e820,
      dmesg: dmesg(endPfn, mapPfn),
      explain: `RAM ends at ${humanSize(endPfn * PAGE_SIZE)}${this.endUserPfn < Infinity ? ' (clipped by mem=)' : ''}; the direct map covers every e820 entry up to ${humanSize(mapPfn * PAGE_SIZE)}.`,
      worked: [
        { label: 'end_pfn', value: `${hex(endPfn)} pages = ${humanSize(endPfn * PAGE_SIZE)}` },
      ],
    });
  }

  /** discover_ebda (v2.6.23 arch/x86_64/kernel/setup.c): size word in KiB (0 → 1), page-rounded, ≤ 64 KiB. */
  ebda(): Range | null {
    const ebda = this.s.kernel.ebda;
    if (!ebda) return null;
    const size = Math.min(
      64 * 1024,
      pageAlign((ebda.sizeKiB || 1) * 1024 + (ebda.addr % PAGE_SIZE)),
    );
    const r = { start: ebda.addr, end: ebda.addr + size };
    this.ev({
      phase: 'firmware',
      kind: 'ebda',
      ...r,
      label: 'EBDA found',
      owner: 'ebda',
      fn: 'discover_ebda',
      src: this.src.setup,
      explain: `The Extended BIOS Data Area starts at ${hex(ebda.addr)}; ${ebda.sizeKiB || 1} KiB plus its offset in the page, rounded up to pages: ${humanSize(size)}.`,
    });
    this.rec.region({ lane: 'reserved', ...r, label: 'EBDA', owner: 'ebda' });
    return r;
  }

  /** The nodes numa_initmem_init will set up: SRAT spans cut at the end of RAM, or one fake node. */
  plannedNodes(): NodeSpan[] {
    const ramEnd = this.endPfn * PAGE_SIZE;
    const srat = this.numaOff ? [] : this.s.machine.nodes;
    if (srat.length === 0) return [{ node: 0, start: 0, end: ramEnd }];
    return srat
      .map((n) => ({ node: n.node, start: n.start, end: Math.min(n.end, ramEnd) }))
      .filter((n) => n.end > n.start)
      .sort((a, b) => a.node - b.node);
  }

  findNodes(): void {
    const ramEnd = this.endPfn * PAGE_SIZE;
    const srat = this.numaOff ? [] : this.s.machine.nodes;
    if (srat.length === 0) {
      const why = this.numaOff ? 'NUMA turned off' : 'No NUMA configuration found';
      this.nodes = this.plannedNodes();
      this.ev({
        phase: 'numa',
        kind: 'numa',
        end: ramEnd,
        label: 'one fake node',
        owner: 'numa',
        fn: 'numa_initmem_init',
        src: this.src.numa,
        explain: `${why}: a single node 0 spans all RAM.`,
        dmesg: `${why}\nFaking a node at ${hexPad(0, 16)}-${hexPad(ramEnd, 16)}`,
      });
    } else {
      this.ev({
        phase: 'numa',
        kind: 'srat',
        end: ramEnd,
        label: 'SRAT memory affinity',
        owner: 'numa',
        fn: 'acpi_numa_memory_affinity_init',
        src: this.src.numa,
        explain: `The ACPI SRAT assigns ${srat.length} memory range(s) to nodes; they are cut at the end of RAM (${humanSize(ramEnd)}).`,
        dmesg: srat
          .map(
            (n) =>
              `SRAT: Node ${n.node} PXM ${n.node} ${n.start.toString(16)}-${n.end.toString(16)}`,
          )
          .join('\n'),
      });
      this.nodes = this.plannedNodes();
    }
    const ram = e820RamPages(this.e820, this.endUserPfn);
    for (const n of this.nodes) {
      this.rec.region({
        lane: 'node',
        start: n.start,
        end: n.end,
        label: `node ${n.node}`,
        owner: 'numa',
        node: n.node,
      });
      const lo = pfnDown(n.start);
      const hi = pfnDown(n.end);
      this.active.set(
        n.node,
        ram
          .map((r) => ({ start: Math.max(r.start, lo), end: Math.min(r.end, hi) }))
          .filter((r) => r.end > r.start),
      );
    }
  }

  /** paging_init → free_area_init_nodes: zones per node, then the node map (old formats). */
  zonesInit(): void {
    const all = [...this.active.entries()]
      .flatMap(([node, rs]) => rs.map((r) => ({ node, ...r })))
      .sort((a, b) => a.start - b.start);
    const minPfn = all.length ? Math.min(...all.map((r) => r.start)) : 0;
    const ranges = zonePfnRanges(minPfn, [MAX_DMA_PFN, MAX_DMA32_PFN, this.endPfn]);
    for (const n of this.nodes)
      this.zones.push(...nodeZoneSpans(n.node, this.active.get(n.node) ?? [], ranges));
    const perNode = this.nodes
      .map(
        (n) =>
          `node ${n.node}: ${this.zones
            .filter((z) => z.node === n.node)
            .map((z) => z.zone)
            .join(', ')}`,
      )
      .join('; ');
    this.ev({
      phase: 'zones',
      kind: 'zones',
      end: this.endPfn * PAGE_SIZE,
      label: 'zones',
      owner: 'zone',
      fn: 'free_area_init_nodes',
      src: this.src.pageAlloc,
      explain: `DMA ends at 16 MiB (pfn 4096), DMA32 at 4 GiB (pfn 1048576), Normal at end_pfn. Each node gets the part of each zone between its first and last active page: ${perNode}.`,
      dmesg: [...formatZonePfnRanges(ranges), ...formatEarlyNodeMap(all)].join('\n'),
    });
    drawZones(this.rec, this.zones);
  }

  claim(pages: Range, owner: Owner, label: string): void {
    this.claims.push({ pages, owner, label });
  }

  finding(kind: Finding['kind'], r: Range, detail: string, step: number): void {
    this.findings.push({ kind, start: r.start, end: r.end, detail, step });
    this.rec.region({
      lane: 'conflict',
      start: r.start,
      end: r.end,
      label: kind,
      owner: 'conflict',
      conflict: kind,
    });
  }

  /** Pages set twice that an earlier claim holds (not merely firmware holes) are a finding. */
  doubled(twice: Range[], node: number, label: string, step: number): void {
    if (twice.length === 0) return;
    const held = setIntersect(twice, this.active.get(node) ?? []);
    for (const c of this.claims) {
      for (const r of held) {
        const o = rangeIntersection(r, c.pages);
        if (!o) continue;
        const bytes = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
        this.finding(
          'double-reservation',
          bytes,
          `${label} was reserved over ${c.label} ${describe(bytes)}: reserve_bootmem_core ignores bits already set, so both now claim these pages.`,
          step,
        );
      }
    }
  }

  /** Pages handed to the page allocator, drawn and remembered for kexec. */
  toBuddy(node: number, bytes: Range[], label = 'free pages (page allocator)'): void {
    for (const r of bytes)
      this.rec.region({
        lane: 'buddy',
        start: r.start,
        end: r.end,
        label,
        owner: 'page-allocator',
        node,
      });
    this.buddy.push(...bytes);
  }

  /** The second half of free_all_bootmem_core: the bitmap's own pages, unconditionally. */
  freeBitmap(node: number, pages: Range, bitmapRegion: Region | undefined, src: string): void {
    const bytes = { start: pages.start * PAGE_SIZE, end: pages.end * PAGE_SIZE };
    const ev = this.ev({
      phase: 'retire',
      kind: 'bitmap-freed',
      ...bytes,
      label: `node ${node}: bitmap pages freed`,
      owner: 'bitmap',
      fn: 'free_all_bootmem_core',
      src,
      node,
      explain: `The bitmap is no longer needed, so its ${pages.end - pages.start} pages (${humanSize(bytes.end - bytes.start)}) go to the page allocator one by one — without looking at whether anything else reserved them.`,
    });
    if (bitmapRegion) this.rec.end(bitmapRegion);
    this.toBuddy(node, [bytes], `node ${node} bitmap pages (freed)`);
    for (const c of this.claims) {
      if (c.owner === 'bitmap') continue;
      const o = rangeIntersection(pages, c.pages);
      if (!o) continue;
      const r = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
      this.finding(
        'freed-while-reserved',
        r,
        `node ${node}'s bitmap pages ${describe(r)} were handed to the page allocator while ${c.label} still reserves them.`,
        ev.step,
      );
    }
  }

  /** After boot: `kexec -p` loads the kdump kernel into the reserved window. */
  kexecLoad(): void {
    if (
      this.crash.outcome !== 'reserved' ||
      this.crash.start === undefined ||
      this.crash.end === undefined
    )
      return;
    const w = { start: this.crash.start, end: this.crash.end };
    // e820_reserve_resources inserts "Crash kernel" under a System RAM resource only when the
    // window lies inside one usable entry; kexec-tools finds no window otherwise.
    if (!this.e820.some((e) => e.type === E820_RAM && e.start <= w.start && e.end >= w.end)) {
      this.ev({
        phase: 'kexec',
        kind: 'kexec-refused',
        ...w,
        label: 'kexec cannot load the kdump kernel',
        owner: 'kdump',
        fn: 'kexec_load',
        src: this.src.kexec,
        explain: `The window ${describe(w)} is not inside one usable e820 entry, so no "Crash kernel" region appears in /proc/iomem and kexec -p refuses to load.`,
      });
      return;
    }
    this.buddy = normalize(this.buddy);
    const hit = setIntersect([w], this.buddy);
    const total = hit.reduce((t, r) => t + r.end - r.start, 0);
    const ev = this.ev({
      phase: 'kexec',
      kind: 'kexec-load',
      ...w,
      label: 'kexec loads the kdump kernel',
      owner: 'kdump',
      fn: 'kexec_load',
      src: this.src.kexec,
      explain: hit.length
        ? `kexec copies the kdump kernel into the crashkernel window, but the page allocator has been handing out ${hit.map(describe).join(', ')} of it since boot (${humanSize(total)}): whatever lives there is overwritten.`
        : 'kexec copies the kdump kernel into the crashkernel window; no page of it was ever given to the page allocator.',
    });
    for (const r of hit)
      this.finding(
        'kdump-corruption',
        r,
        `kexec overwrote ${describe(r)}, pages the running kernel had been using.`,
        ev.step,
      );
    this.rec.region({ lane: 'reserved', ...w, label: 'kdump kernel (loaded)', owner: 'kdump' });
  }

  /**
   * Tell the advisor what is taken where the crashkernel would be reserved: the claims so far
   * plus `extra` (early_res entries), usable RAM below the end of RAM, and the model's rules.
   */
  probeCrash(
    rules: Pick<CrashProbe, 'spans' | 'checked' | 'align' | 'automatic' | 'later'>,
    extra: CrashProbe['taken'] = [],
  ): void {
    if (!this.options.onCrashPoint) return;
    const taken = this.claims.map((c) => ({
      start: c.pages.start * PAGE_SIZE,
      end: c.pages.end * PAGE_SIZE,
      label: c.label,
      owner: c.owner,
    }));
    const ram = normalize(
      this.e820
        .filter((e) => e.type === E820_RAM)
        .map((e) => ({
          start: pageAlign(e.start),
          end: Math.min(pfnDown(e.end), this.endPfn) * PAGE_SIZE,
        })),
    );
    this.options.onCrashPoint({ taken: [...taken, ...extra], ram, ...rules });
  }

  /** Node spans as advisor spans. */
  nodeSpans(): CrashProbe['spans'] {
    return this.nodes.map((n) => ({ start: n.start, end: n.end, label: `node ${n.node}` }));
  }

  /** The crash window region: ends the recorded one and draws the reserved one. */
  drawCrashReserved(w: Range): void {
    if (this.crashWindow) this.rec.end(this.crashWindow);
    this.crashWindow = this.rec.region({
      lane: 'crashkernel',
      ...w,
      label: 'crashkernel window (reserved)',
      owner: 'crashkernel',
    });
  }

  private summary(panic: string | null): string {
    if (panic) return `The simulated kernel stops: ${panic}.`;
    const c = this.crash;
    const bm = this.bitmaps.length
      ? this.bitmaps.map((b) => `node ${b.node}'s bitmap at ${hex(b.start)}`).join(', ')
      : 'no bootmem bitmap';
    const crash =
      c.outcome === 'reserved'
        ? `crashkernel reserved at ${hex(c.start ?? 0)}`
        : c.outcome === 'failed'
          ? `crashkernel refused (${c.message.trim()})`
          : 'no crashkernel';
    const corrupt = this.findings.find((x) => x.kind === 'kdump-corruption');
    const tail =
      this.findings.length === 0
        ? 'no conflicts'
        : `${this.findings.length} finding(s)${corrupt ? `: kexec corrupts ${hex(corrupt.start)}-${hex(corrupt.end - 1)}` : ''}`;
    return `${bm}; ${crash}; ${tail}.`;
  }
}
