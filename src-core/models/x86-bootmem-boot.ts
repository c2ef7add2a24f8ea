/**
 * The x86_64 bootmem boot sequence shared by the 2.6.2x models: end of RAM, page tables, NUMA
 * and per-node bootmem setup, the reservations at the end of setup_arch(), zones, mem_init()
 * retiring bootmem, and kexec loading the kdump kernel. Rules follow v2.6.23
 * arch/x86_64/kernel/setup.c, arch/x86_64/mm/{init,numa,srat}.c and mm/bootmem.c; the models
 * differ only in how they parse and reserve the crashkernel.
 */
import {
  GiB,
  hex,
  hexPad,
  humanSize,
  MiB,
  oldRange,
  PAGE_SIZE,
  pageAlign,
  pfnDown,
  pfnUp,
} from '../addr';
import { Bootmem, bootmapPages, KernelBug, type BootmemCore } from '../bootmem';
import { BootmemReference } from '../bootmem.reference';
import { e820AnyMapped, e820RamPages, e820TypeName, E820_RAM, type E820Entry } from '../e820';
import { Recorder, type Owner, type Phase, type Region } from '../events';
import { memnodeHash, nodeOf, type NodeSpan } from '../numa';
import { normalize, rangeIntersection, setIntersect, setScale, type Range } from '../range';
import type { Scenario } from '../scenario';
import type {
  BitmapPlacement,
  CrashkernelOutcome,
  Finding,
  RunOptions,
  Simulation,
} from '../simulation';
import {
  formatEarlyNodeMap,
  formatZonePfnRanges,
  MAX_DMA32_PFN,
  MAX_DMA_PFN,
  nodeZoneSpans,
  zonePfnRanges,
  type ZoneSpan,
} from '../zones';
import { findE820Area, type BadAreas } from './e820-area';

const SRC_SETUP = 'v2.6.23:arch/x86_64/kernel/setup.c';
const SRC_E820 = 'v2.6.23:arch/x86_64/kernel/e820.c';
const SRC_NUMA = 'v2.6.23:arch/x86_64/mm/numa.c';
const SRC_SRAT = 'v2.6.23:arch/x86_64/mm/srat.c';
const SRC_INIT = 'v2.6.23:arch/x86_64/mm/init.c';
const SRC_BOOTMEM = 'v2.6.23:mm/bootmem.c';
const SRC_PAGE_ALLOC = 'v2.6.23:mm/page_alloc.c';
const SRC_KEXEC = 'v2.6.23:kernel/kexec.c';

/** MAXMEM on 2.6.23 x86_64 (include/asm-x86_64/page.h): 2^46 bytes of direct map. */
const MAXMEM_PFN = 2 ** 46 / PAGE_SIZE;
/** ZONE_ALIGN = 1 << (MAX_ORDER + PAGE_SHIFT): node starts are rounded up to 8 MiB. */
const ZONE_ALIGN = 8 * MiB;
/** SMP_CACHE_BYTES = L1_CACHE_BYTES with CONFIG_X86_L1_CACHE_SHIFT=7 (generic x86_64). */
const SMP_CACHE_BYTES = 128;
/** memnode.embedded_map holds 48 entries; more need find_e820_area. */
const EMBEDDED_MEMNODEMAP = 48;
const SMP_TRAMPOLINE_BASE = 0x6000;

/** A reservation or allocation someone holds, for naming conflicts. */
interface Claim {
  pages: Range;
  owner: Owner;
  label: string;
  region: Region;
}

export class X86BootmemBoot {
  e820: E820Entry[] = [];
  endUserPfn = Infinity;
  endPfn = 0;
  endPfnMap = 0;
  numaOff = false;
  crashWindow: Region | null = null;
  private bad: BadAreas;
  private nodes: NodeSpan[] = [];
  private bdata = new Map<number, BootmemCore>();
  private active = new Map<number, Range[]>();
  private claims: Claim[] = [];
  private e820Regions: Region[] = [];
  private bitmapRegions = new Map<number, Region>();
  private buddy: Range[] = [];
  readonly bitmaps: BitmapPlacement[] = [];
  readonly zones: ZoneSpan[] = [];
  readonly findings: Finding[] = [];
  crash: CrashkernelOutcome = {
    outcome: 'none',
    message: '',
    detail: 'no crashkernel= reservation was requested',
  };

  constructor(
    readonly rec: Recorder,
    readonly s: Scenario,
    readonly model: string,
    private readonly options: RunOptions = {},
  ) {
    const k = s.kernel;
    this.bad = {
      tables: { start: 0, end: 0 },
      initrd: k.initrd,
      kernel: { start: k.text, end: k.end },
      ebda: { start: 0, end: 0 },
      nodemap: { start: 0, end: 0 },
    };
  }

  /** Run the model body; a KernelBug stops the boot as a panic. */
  run(body: () => void): Simulation {
    let panic: string | null = null;
    try {
      body();
    } catch (e) {
      if (!(e instanceof KernelBug)) throw e;
      panic = e.message;
      this.event(
        'reserve',
        'bug',
        0,
        0,
        `kernel BUG in ${e.fn}`,
        'other',
        e.fn,
        SRC_BOOTMEM,
        `The simulated kernel stops here: ${e.message}.`,
        `kernel BUG at ${e.fn}`,
      );
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

  private event(
    phase: Phase,
    kind: string,
    start: number,
    end: number,
    label: string,
    owner: Owner,
    fn: string,
    src: string,
    explain: string,
    dmesg = '',
    worked: { label: string; value: string }[] = [],
    node?: number,
  ) {
    return this.rec.event({
      phase,
      kind,
      start,
      end,
      label,
      owner,
      fn,
      src,
      explain,
      dmesg,
      worked,
      ...(node === undefined ? {} : { node }),
    });
  }

  /** The kernel image and initrd are in memory before the first instruction. */
  drawLoaded(): void {
    const k = this.s.kernel;
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

  setFirmwareMap(map: E820Entry[], lines: string[], src: string): void {
    if (map.length < 2)
      throw new KernelBug('Cannot find a valid memory map', 'setup_memory_region');
    this.e820 = map;
    const changed = map.length !== this.s.machine.e820.length;
    this.event(
      'firmware',
      'e820',
      0,
      Math.max(...map.map((e) => e.end)),
      'BIOS-provided physical RAM map',
      'firmware',
      'setup_memory_region',
      src,
      `The firmware map has ${map.length} entries${changed ? ` after sanitize_e820_map resolved overlaps (the larger type wins) from ${this.s.machine.e820.length}` : ''}; ${humanSize(this.ramBytes())} of it is usable RAM.`,
      ['BIOS-provided physical RAM map:', ...lines].join('\n'),
    );
    this.drawE820(map);
  }

  setUserMap(map: E820Entry[], lines: string[], src: string): void {
    this.e820 = map;
    this.event(
      'cmdline',
      'e820-user',
      0,
      Math.max(0, ...map.map((e) => e.end)),
      'user-defined physical RAM map',
      'firmware',
      'finish_e820_parsing',
      src,
      `memmap= replaced the map the kernel uses: ${map.length} entries, ${humanSize(this.ramBytes())} usable.`,
      lines.join('\n'),
    );
    for (const r of this.e820Regions) this.rec.end(r);
    this.drawE820(map);
  }

  private drawE820(map: E820Entry[]): void {
    this.e820Regions = map.map((e) =>
      this.rec.region({
        lane: 'e820',
        start: e.start,
        end: e.end,
        label: e820TypeName(e.type),
        owner: 'firmware',
        e820Type: e.type,
      }),
    );
  }

  private ramBytes(): number {
    return normalize(this.e820.filter((e) => e.type === E820_RAM)).reduce(
      (n, r) => n + r.end - r.start,
      0,
    );
  }

  /** e820_register_active_regions(0, 0, -1UL) and e820_end_of_ram(). */
  endOfRam(): void {
    let mapPfn = 0;
    for (const e of this.e820) {
      const s = pfnUp(e.start);
      const t = pfnDown(e.end);
      if (s < t && e.type !== E820_RAM) mapPfn = Math.max(mapPfn, t);
    }
    const active = e820RamPages(this.e820, this.endUserPfn);
    let endPfn = active.length ? (active[active.length - 1] as Range).end : 0;
    if (endPfn > mapPfn) mapPfn = endPfn;
    mapPfn = Math.min(mapPfn, MAXMEM_PFN);
    endPfn = Math.min(endPfn, this.endUserPfn, mapPfn);
    this.endPfn = endPfn;
    this.endPfnMap = mapPfn;
    this.event(
      'firmware',
      'end-of-ram',
      0,
      endPfn * PAGE_SIZE,
      'end of RAM',
      'firmware',
      'e820_end_of_ram',
      SRC_E820,
      `end_pfn = ${hex(endPfn)} (RAM ends at ${humanSize(endPfn * PAGE_SIZE)}${this.endUserPfn < Infinity ? ', clipped by mem=' : ''}); end_pfn_map = ${endPfn === mapPfn ? 'the same' : hex(mapPfn)}: the direct map covers every e820 entry up to ${humanSize(mapPfn * PAGE_SIZE)}.`,
      `end_pfn_map = ${mapPfn}`,
      [{ label: 'end_pfn', value: `${endPfn} pages = ${humanSize(endPfn * PAGE_SIZE)}` }],
    );
  }

  /** discover_ebda(): the BIOS data area's pointer at 0x40E and the size word there. */
  discoverEbda(): void {
    const ebda = this.s.kernel.ebda;
    if (!ebda) return;
    const size = Math.min(
      64 * 1024,
      pageAlign((ebda.sizeKiB || 1) * 1024 + (ebda.addr % PAGE_SIZE)),
    );
    this.bad.ebda = { start: ebda.addr, end: ebda.addr + size };
    this.event(
      'firmware',
      'ebda',
      ebda.addr,
      ebda.addr + size,
      'EBDA found',
      'ebda',
      'discover_ebda',
      SRC_SETUP,
      `The Extended BIOS Data Area starts at ${hex(ebda.addr)}; ${ebda.sizeKiB || 1} KiB plus its offset in the page, rounded up to pages: ${humanSize(size)}.`,
    );
    this.rec.region({
      lane: 'reserved',
      start: ebda.addr,
      end: ebda.addr + size,
      label: 'EBDA',
      owner: 'ebda',
    });
  }

  /** init_memory_mapping(0, end_pfn_map << 12): find_early_table_space + alloc_low_page. */
  initMemoryMapping(): void {
    const end = this.endPfnMap * PAGE_SIZE;
    const puds = Math.ceil(end / GiB);
    const pmds = Math.ceil(end / (2 * MiB));
    const tables = pageAlign(puds * 8) + pageAlign(pmds * 8);
    const found = findE820Area(this.e820, 0x8000, end, tables, this.bad);
    if (found.addr === null)
      throw new KernelBug('Cannot find space for the kernel page tables', 'find_early_table_space');
    // One PUD page per 512 GiB, one PMD page per GiB that has any e820 entry (phys_pud_init).
    let used = Math.ceil(end / (512 * GiB));
    for (let g = 0; g < puds; g++)
      if (e820AnyMapped(this.e820, { start: g * GiB, end: (g + 1) * GiB })) used++;
    const start = pfnDown(found.addr) * PAGE_SIZE;
    this.bad.tables = { start, end: start + used * PAGE_SIZE };
    this.event(
      'direct-map',
      'page-tables',
      start,
      start + used * PAGE_SIZE,
      'direct-mapping page tables',
      'page-tables',
      'init_memory_mapping',
      SRC_INIT,
      `Space for ${humanSize(tables)} of tables is searched from 0x8000 (${found.trace.join('; ')}); ${used} pages are used: one PUD page and one PMD page per mapped GiB, with 2 MiB pages. early_printk only: "kernel direct mapping tables up to ${hex(end)} @ ${hex(start)}-${hex(start + tables)}".`,
      '',
      [
        {
          label: 'tables',
          value: `${puds} PUD entries + ${pmds} PMD entries = ${humanSize(tables)} searched, ${used} pages used`,
        },
      ],
    );
    this.rec.region({
      lane: 'reserved',
      start,
      end: start + used * PAGE_SIZE,
      label: 'page tables (direct mapping)',
      owner: 'page-tables',
    });
  }

  /** acpi_numa_init + numa_initmem_init: SRAT nodes, or one fake node. */
  numaInit(): void {
    const ramEnd = this.endPfn * PAGE_SIZE;
    const srat = this.numaOff ? [] : this.s.machine.nodes;
    if (srat.length === 0) {
      const why = this.numaOff ? 'NUMA turned off' : 'No NUMA configuration found';
      this.nodes = [{ node: 0, start: 0, end: ramEnd }];
      this.event(
        'numa',
        'numa',
        0,
        ramEnd,
        'one fake node',
        'numa',
        'numa_initmem_init',
        SRC_NUMA,
        `${why}: a single node 0 spans all RAM.`,
        `${why}\nFaking a node at ${hexPad(0, 16)}-${hexPad(ramEnd, 16)}`,
      );
    } else {
      this.event(
        'numa',
        'srat',
        0,
        ramEnd,
        'SRAT memory affinity',
        'numa',
        'acpi_numa_memory_affinity_init',
        SRC_SRAT,
        `The ACPI SRAT assigns ${srat.length} memory range(s) to nodes; they are cut at the end of RAM (${humanSize(ramEnd)}).`,
        srat
          .map(
            (n) =>
              `SRAT: Node ${n.node} PXM ${n.node} ${n.start.toString(16)}-${n.end.toString(16)}`,
          )
          .join('\n'),
      );
      this.nodes = srat
        .map((n) => ({ node: n.node, start: n.start, end: Math.min(n.end, ramEnd) }))
        .filter((n) => n.end > n.start)
        .sort((a, b) => a.node - b.node);
      this.memnodemap();
    }
    for (const n of this.nodes)
      this.rec.region({
        lane: 'node',
        start: n.start,
        end: n.end,
        label: `node ${n.node}`,
        owner: 'numa',
        node: n.node,
      });
    for (const n of this.nodes) {
      const pages = e820RamPages(this.e820, this.endUserPfn)
        .map((r) => ({
          start: Math.max(r.start, pfnDown(n.start)),
          end: Math.min(r.end, pfnDown(n.end)),
        }))
        .filter((r) => r.end > r.start);
      this.active.set(n.node, pages);
    }
    for (const n of this.nodes) this.setupNodeBootmem(n);
  }

  /** compute_hash_shift: the memnodemap maps (addr >> shift) to a node. */
  private memnodemap(): void {
    const { shift, entries } = memnodeHash(this.nodes);
    let text = `NUMA: Using ${shift} for the hash shift.`;
    let explain = `Node starts share their lowest set bit at ${shift}, so ${entries} map entries cover RAM; up to ${EMBEDDED_MEMNODEMAP} fit in the static map.`;
    if (entries > EMBEDDED_MEMNODEMAP) {
      const size = Math.ceil((2 * entries) / SMP_CACHE_BYTES) * SMP_CACHE_BYTES;
      const found = findE820Area(this.e820, 0x8000, this.endPfn * PAGE_SIZE, size, this.bad);
      if (found.addr !== null) {
        this.bad.nodemap = { start: found.addr, end: found.addr + size };
        text = `NUMA: Allocated memnodemap from ${found.addr.toString(16)} - ${(found.addr + size).toString(16)}\n${text}`;
        explain += ` ${entries} do not: ${humanSize(size)} is placed by find_e820_area (${found.trace.join('; ')}).`;
      }
    }
    const nm = this.bad.nodemap;
    this.event(
      'numa',
      'memnodemap',
      nm.start,
      nm.end,
      'memnodemap',
      'memnodemap',
      'compute_hash_shift',
      SRC_NUMA,
      explain,
      text,
    );
    if (nm.end > nm.start)
      this.rec.region({
        lane: 'reserved',
        start: nm.start,
        end: nm.end,
        label: 'memnodemap',
        owner: 'memnodemap',
      });
  }

  /** setup_node_bootmem (v2.6.23 arch/x86_64/mm/numa.c). */
  private setupNodeBootmem(n: NodeSpan): void {
    const start = Math.ceil(n.start / ZONE_ALIGN) * ZONE_ALIGN;
    const end = n.end;
    const startPfn = pfnDown(start);
    const endPfn = pfnDown(end);
    const pgdat = this.s.kernel.pgdatSize;
    this.event(
      'numa',
      'node',
      start,
      end,
      `bootmem setup for node ${n.node}`,
      'numa',
      'setup_node_bootmem',
      SRC_NUMA,
      `Node ${n.node}'s start is rounded up to ZONE_ALIGN (8 MiB); it spans ${humanSize(end - start)}.`,
      `Bootmem setup node ${n.node} ${hexPad(start, 16)}-${hexPad(end, 16)}`,
      [],
      n.node,
    );
    const nd = this.earlyNodeMem(n.node, start, end, pgdat, 'NODE_DATA');
    if (nd === null) return;
    const mapPages = bootmapPages(endPfn - startPfn);
    const bitmapSize = mapPages * PAGE_SIZE;
    const map = this.earlyNodeMem(n.node, pageAlign(nd + pgdat), end, bitmapSize, 'bitmap');
    if (map === null) return;
    const core: BootmemCore = this.options.reference
      ? new BootmemReference(startPfn, endPfn, map)
      : new Bootmem(startPfn, endPfn, map);
    this.bdata.set(n.node, core);
    const perPage = `${humanSize(end - start)} / (4 KiB × 8) = ${humanSize(Math.ceil((endPfn - startPfn) / 8))}`;
    this.event(
      'numa',
      'bootmem-init',
      map,
      map + bitmapSize,
      `node ${n.node} bitmap: all pages reserved`,
      'bitmap',
      'init_bootmem_node',
      SRC_BOOTMEM,
      `init_bootmem_core fills the ${humanSize(bitmapSize)} bitmap with ones: every page of node ${n.node} starts reserved.`,
      '',
      [{ label: 'bitmap size', value: `${perPage}, ${mapPages} pages` }],
      n.node,
    );
    this.rec.bits(n.node, 'init', { start: startPfn, end: endPfn });
    const ram = this.active.get(n.node) ?? [];
    for (const r of ram) core.free(r.start * PAGE_SIZE, (r.end - r.start) * PAGE_SIZE);
    this.event(
      'numa',
      'bootmem-free',
      start,
      end,
      `node ${n.node}: RAM marked free`,
      'bitmap',
      'free_bootmem_with_active_regions',
      SRC_PAGE_ALLOC,
      `The node's ${ram.length} active (e820 RAM) page range(s), ${humanSize(ram.reduce((t, r) => t + (r.end - r.start) * PAGE_SIZE, 0))}, are freed in the bitmap; holes stay reserved.`,
      '',
      [],
      n.node,
    );
    for (const r of ram) this.rec.bits(n.node, 'clear', r);
    this.reserve(
      n.node,
      nd,
      pgdat,
      'node-data',
      `NODE_DATA(${n.node})`,
      'reserve_bootmem_node',
      'numa',
    );
    this.reserve(
      n.node,
      map,
      bitmapSize,
      'bitmap',
      `node ${n.node} bootmem bitmap`,
      'reserve_bootmem_node',
      'numa',
    );
  }

  /**
   * early_node_mem: find_e820_area in the node, else __alloc_bootmem_nopanic (goal 16 MiB) from
   * the nodes already set up. Draws and records the placement.
   */
  private earlyNodeMem(
    node: number,
    start: number,
    end: number,
    size: number,
    what: 'NODE_DATA' | 'bitmap',
  ): number | null {
    const found = findE820Area(this.e820, start, end, size, this.bad);
    let addr = found.addr;
    let how = `find_e820_area(${hex(start)}, ${hex(end)}, ${hex(size)}): ${found.trace.join('; ')}`;
    const fallback = addr === null ? this.allocGlobal(size, SMP_CACHE_BYTES, 16 * MiB, 0) : null;
    if (addr === null) {
      addr = fallback?.addr ?? null;
      how += fallback
        ? `; __alloc_bootmem_nopanic gave ${hex(fallback.addr)}`
        : '; __alloc_bootmem_nopanic found nothing either';
    }
    const owner: Owner = what === 'bitmap' ? 'bitmap' : 'node-data';
    const label = what === 'bitmap' ? `node ${node} bootmem bitmap` : `NODE_DATA(${node})`;
    if (addr === null) {
      this.event(
        'numa',
        'node-failed',
        start,
        end,
        `${label}: no room`,
        owner,
        'early_node_mem',
        SRC_NUMA,
        `${how}. The node is left without memory.`,
        `Cannot find ${size} bytes in node ${node}`,
        [],
        node,
      );
      return null;
    }
    const pages = what === 'bitmap' ? size / PAGE_SIZE : 0;
    this.event(
      'numa',
      what === 'bitmap' ? 'bitmap' : 'node-data',
      addr,
      addr + size,
      `${label} placed at ${hex(addr)}`,
      owner,
      'early_node_mem',
      SRC_NUMA,
      `${label} needs ${humanSize(size)}. ${how}. The search skips only its fixed bad_addr list; it does not know about any reservation.`,
      '',
      what === 'bitmap'
        ? [
            {
              label: 'bitmap',
              value: `${pages} pages = ${humanSize(size)}, [${hex(addr)}, ${hex(addr + size)})`,
            },
          ]
        : [],
      node,
    );
    if (fallback) this.allocBits(fallback, size);
    const region = this.rec.region({
      lane: what === 'bitmap' ? 'bitmap' : 'reserved',
      start: addr,
      end: addr + size,
      label,
      owner,
      node,
    });
    if (what === 'bitmap') {
      this.bitmaps.push({ node, start: addr, end: addr + size });
      this.bitmapRegions.set(node, region);
    }
    return addr;
  }

  /** __alloc_bootmem_core over the nodes in address order (bdata_list). */
  private allocGlobal(
    size: number,
    align: number,
    goal: number,
    limit: number,
  ): { addr: number; node: number } | null {
    const order = [...this.bdata.entries()].sort((a, b) => a[1].startPfn - b[1].startPfn);
    for (const [node, core] of order) {
      const addr = core.alloc(size, align, goal, limit);
      if (addr !== null) return { addr, node };
    }
    return null;
  }

  /** Record the bits an allocation set, as part of the latest event. */
  private allocBits(a: { addr: number; node: number }, size: number): void {
    this.rec.bits(a.node, 'set', { start: pfnDown(a.addr), end: pfnUp(a.addr + size) });
  }

  /** reserve_bootmem_core on one node, recording double reservations of claimed pages. */
  private reserve(
    node: number,
    addr: number,
    size: number,
    owner: Owner,
    label: string,
    fn: string,
    phase: Phase,
    dmesg = '',
  ): Region {
    const core = this.bdata.get(node);
    if (!core) throw new KernelBug(`${label}: node ${node} has no bootmem`, fn);
    const twice = core.reserve(addr, size);
    const pages = { start: pfnDown(addr), end: pfnUp(addr + size) };
    const ev = this.event(
      phase,
      'reserve',
      addr,
      addr + size,
      `${label} reserved`,
      owner,
      fn,
      phase === 'numa' ? SRC_NUMA : SRC_INIT,
      `reserve_bootmem_core sets the bits of pages ${hex(pages.start)}-${hex(pages.end - 1)} in node ${node}'s bitmap${twice.length ? '; some were already set, and it does not mind' : ''}.`,
      dmesg,
      [],
      node,
    );
    this.rec.bits(node, 'set', pages);
    const region = this.claimRegion(addr, size, owner, label, node);
    this.doubled(twice, node, label, ev.step);
    this.claims.push({ pages, owner, label, region });
    return region;
  }

  /** The region on the reserved lane for a claim; reuses the one drawn when it was placed. */
  private claimRegion(
    addr: number,
    size: number,
    owner: Owner,
    label: string,
    node: number,
  ): Region {
    const existing = this.rec.regions.find(
      (r) =>
        (r.lane === 'reserved' || r.lane === 'bitmap') &&
        r.owner === owner &&
        r.start === addr &&
        r.died === undefined,
    );
    return (
      existing ??
      this.rec.region({ lane: 'reserved', start: addr, end: addr + size, label, owner, node })
    );
  }

  /** Pages set twice that some earlier claim holds (not just firmware holes) are a finding. */
  private doubled(twice: Range[], node: number, label: string, step: number): void {
    const held = setIntersect(twice, this.active.get(node) ?? []);
    for (const c of this.claims) {
      for (const r of held) {
        const o = rangeIntersection(r, c.pages);
        if (!o) continue;
        const bytes = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
        this.finding(
          'double-reservation',
          bytes,
          `${label} was reserved over ${c.label} ${oldRange(bytes.start, bytes.end)} (${humanSize(bytes.end - bytes.start)}): reserve_bootmem_core ignores bits already set, so both now claim these pages.`,
          step,
        );
      }
    }
  }

  private finding(kind: Finding['kind'], r: Range, detail: string, step: number): void {
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

  /**
   * reserve_bootmem_generic (v2.6.23 arch/x86_64/mm/init.c): ignore ranges above end_pfn (an
   * error message above end_pfn_map), else reserve in the node that phys_to_nid(phys) names.
   */
  reserveGeneric(
    addr: number,
    size: number,
    owner: Owner,
    label: string,
    fn: string,
    phase: Phase = 'reserve',
    dmesg = '',
  ): Region | null {
    if (pfnDown(addr) >= this.endPfn) {
      const msg =
        pfnDown(addr) < this.endPfnMap
          ? ''
          : `reserve_bootmem: illegal reserve ${addr.toString(16)} ${size}`;
      this.event(
        phase,
        'reserve-ignored',
        addr,
        addr + size,
        `${label}: above end of RAM, ignored`,
        owner,
        'reserve_bootmem_generic',
        SRC_INIT,
        `${hex(addr)} is at or above end_pfn, so reserve_bootmem_generic does nothing.`,
        msg,
      );
      return null;
    }
    const node = nodeOf(this.nodes, addr);
    if (node < 0)
      throw new KernelBug(`phys_to_nid(${hex(addr)}) names no node`, 'reserve_bootmem_generic');
    return this.reserve(node, addr, size, owner, label, fn, phase, dmesg);
  }

  /** The reservations at the end of setup_arch(), before the crashkernel, in source order. */
  reserveEarlyAreas(): void {
    const k = this.s.kernel;
    const t = this.bad.tables;
    this.reserveGeneric(
      t.start,
      t.end - t.start,
      'page-tables',
      'page tables',
      'reserve_bootmem_generic',
    );
    this.reserveGeneric(
      k.text,
      k.end - k.text,
      'kernel',
      'kernel image (_text.._end)',
      'reserve_bootmem_generic',
    );
    this.reserveGeneric(0, PAGE_SIZE, 'firmware', 'page 0 (BIOS data)', 'reserve_bootmem_generic');
    const e = this.bad.ebda;
    if (e.end > e.start)
      this.reserveGeneric(e.start, e.end - e.start, 'ebda', 'EBDA', 'reserve_ebda_region');
    const nm = this.bad.nodemap;
    if (nm.end > nm.start)
      this.reserveGeneric(
        nm.start,
        nm.end - nm.start,
        'memnodemap',
        'memnodemap',
        'reserve_bootmem_generic',
      );
    this.reserveGeneric(
      SMP_TRAMPOLINE_BASE,
      2 * PAGE_SIZE,
      'trampoline',
      'SMP trampoline',
      'reserve_bootmem_generic',
    );
    this.acpiWakeup();
    if (k.mptable) {
      this.reserveGeneric(
        k.mptable.mpf,
        PAGE_SIZE,
        'mptable',
        'MP floating pointer',
        'smp_scan_config',
      );
      if (k.mptable.physptr)
        this.reserveGeneric(
          k.mptable.physptr,
          PAGE_SIZE,
          'mptable',
          'MP config table',
          'smp_scan_config',
        );
    }
    if (k.initrd) {
      const limit = this.endPfn * PAGE_SIZE;
      if (k.initrd.end <= limit)
        this.reserveGeneric(
          k.initrd.start,
          k.initrd.end - k.initrd.start,
          'initrd',
          'initrd',
          'reserve_bootmem_generic',
        );
      else
        this.event(
          'reserve',
          'initrd-dropped',
          k.initrd.start,
          k.initrd.end,
          'initrd beyond end of memory',
          'initrd',
          'setup_arch',
          SRC_SETUP,
          'The initrd ends above end_pfn, so it is not reserved and not used.',
          `initrd extends beyond end of memory (0x${hexPad(k.initrd.end, 8)} > 0x${hexPad(limit, 8)})\ndisabling initrd`,
        );
    }
  }

  /** acpi_reserve_bootmem: alloc_bootmem_low(2 pages), first fit from 0 below 4 GiB. */
  private acpiWakeup(): void {
    const size = 2 * PAGE_SIZE;
    const got = this.allocGlobal(size, SMP_CACHE_BYTES, 0, 0xffffffff);
    if (got === null) throw new KernelBug('Out of low memory', '__alloc_bootmem_low');
    const addr = got.addr;
    this.event(
      'reserve',
      'alloc',
      addr,
      addr + size,
      `ACPI wakeup code at ${hex(addr)}`,
      'acpi',
      'acpi_reserve_bootmem',
      'v2.6.23:arch/x86_64/kernel/acpi/sleep.c',
      `alloc_bootmem_low(8 KiB) takes the first two free pages from address 0 in bitmap order: ${hex(addr)}.`,
    );
    this.allocBits(got, size);
    const node = nodeOf(this.nodes, addr);
    const region = this.rec.region({
      lane: 'reserved',
      start: addr,
      end: addr + size,
      label: 'ACPI wakeup (alloc_bootmem_low)',
      owner: 'acpi',
      alloc: true,
      node,
    });
    this.claims.push({
      pages: { start: pfnDown(addr), end: pfnUp(addr + size) },
      owner: 'acpi',
      label: 'ACPI wakeup',
      region,
    });
  }

  /** No crashkernel reservation: say why. */
  noCrashkernel(note: string): void {
    this.crash = { outcome: 'none', message: '', detail: note };
  }

  /**
   * 2.6.23: reserve_bootmem_generic(crashk_res.start, size) with no check at all. 2.6.24 prints
   * its "Reserving ..." line first (`message`).
   */
  reserveCrashkernelUnchecked(w: Range, message: string, fn: string, src: string): void {
    const before = this.findings.length;
    const region = this.reserveGeneric(
      w.start,
      w.end - w.start,
      'crashkernel',
      `crashkernel ${humanSize(w.end - w.start)}@${humanSize(w.start)}`,
      fn,
      'crashkernel',
      message,
    );
    const ev = this.rec.events[this.rec.events.length - 1];
    if (ev) {
      ev.src = src;
      ev.explain += ' Nothing checks whether anything else already uses these pages.';
    }
    if (this.crashWindow) this.rec.end(this.crashWindow);
    if (!region) {
      this.crash = {
        outcome: 'none',
        message,
        detail: 'the window lies above the end of RAM, so nothing was reserved',
      };
      return;
    }
    region.lane = 'crashkernel';
    region.label = 'crashkernel window (reserved)';
    this.crashWindow = region;
    const overlaps = this.findings.length - before;
    this.crash = {
      outcome: 'reserved',
      start: w.start,
      end: w.end,
      message,
      detail: overlaps
        ? `reserved on top of ${overlaps} earlier reservation(s), silently`
        : 'reserved',
    };
  }

  /** paging_init → free_area_init_nodes: zones per node, then the node map. */
  pagingInit(): void {
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
    this.event(
      'zones',
      'zones',
      0,
      this.endPfn * PAGE_SIZE,
      'zones',
      'zone',
      'free_area_init_nodes',
      SRC_PAGE_ALLOC,
      `DMA ends at 16 MiB (pfn 4096), DMA32 at 4 GiB (pfn 1048576), Normal at end_pfn. Each node gets the part of each zone between its first and last active page: ${perNode}.`,
      [...formatZonePfnRanges(ranges), ...formatEarlyNodeMap(all)].join('\n'),
    );
    for (const z of this.zones)
      this.rec.region({
        lane: 'zone',
        start: z.start,
        end: z.end,
        label: `${z.zone} (node ${z.node})`,
        owner: 'zone',
        zone: z.zone,
        node: z.node,
      });
  }

  /** mem_init → numa_free_all_bootmem → free_all_bootmem_core per node: bootmem retires. */
  memInit(): void {
    let total = 0;
    for (const n of this.nodes) {
      const core = this.bdata.get(n.node);
      if (!core) continue;
      const fa = core.freeAll();
      const freeBytes = setScale(fa.free, PAGE_SIZE);
      const freed = fa.free.reduce((t, r) => t + r.end - r.start, 0);
      total += freed + (fa.bitmap.end - fa.bitmap.start);
      this.event(
        'retire',
        'free-all',
        n.start,
        n.end,
        `node ${n.node}: free pages to the page allocator`,
        'page-allocator',
        'free_all_bootmem_core',
        SRC_BOOTMEM,
        `Every clear bit of node ${n.node} becomes a free page: ${freed} pages (${humanSize(freed * PAGE_SIZE)}), ${fa.order6Blocks} of them as whole 64-page blocks and ${fa.singlePages} one by one. Set bits stay reserved.`,
        '',
        [{ label: 'freed', value: `${fa.order6Blocks} × 64 + ${fa.singlePages} = ${freed} pages` }],
        n.node,
      );
      this.rec.bits(n.node, 'retire', { start: core.startPfn, end: core.lowPfn });
      for (const r of freeBytes)
        this.rec.region({
          lane: 'buddy',
          start: r.start,
          end: r.end,
          label: 'free pages (page allocator)',
          owner: 'page-allocator',
          node: n.node,
        });
      this.buddy.push(...freeBytes);
      this.freeBitmap(n.node, fa.bitmap);
    }
    this.buddy = normalize(this.buddy);
    const k = this.s.kernel;
    const absent =
      this.endPfn -
      normalize([...this.active.values()].flat()).reduce((t, r) => t + r.end - r.start, 0);
    const reservedPages = this.endPfn - total - absent;
    const kib = (b: number) => Math.floor(b / 1024);
    const line =
      k.codeSize !== undefined && k.dataSize !== undefined && k.initSize !== undefined
        ? `Memory: ${total * 4}k/${this.endPfn * 4}k available (${kib(k.codeSize)}k kernel code, ${reservedPages * 4}k reserved, ${kib(k.dataSize)}k data, ${kib(k.initSize)}k init)`
        : '';
    this.event(
      'retire',
      'memory',
      0,
      this.endPfn * PAGE_SIZE,
      'bootmem retired',
      'page-allocator',
      'mem_init',
      SRC_INIT,
      `The page allocator now owns ${humanSize(total * PAGE_SIZE)}; ${humanSize(reservedPages * PAGE_SIZE)} stays reserved.`,
      line,
      [
        {
          label: 'reserved',
          value: `${this.endPfn} - ${total} free - ${absent} absent = ${reservedPages} pages`,
        },
      ],
    );
  }

  /** The second half of free_all_bootmem_core: the bitmap's own pages, unconditionally. */
  private freeBitmap(node: number, pages: Range): void {
    const bytes = { start: pages.start * PAGE_SIZE, end: pages.end * PAGE_SIZE };
    const ev = this.event(
      'retire',
      'bitmap-freed',
      bytes.start,
      bytes.end,
      `node ${node}: bitmap pages freed`,
      'bitmap',
      'free_all_bootmem_core',
      SRC_BOOTMEM,
      `The bitmap is no longer needed, so its ${pages.end - pages.start} pages (${humanSize(bytes.end - bytes.start)}) go to the page allocator one by one — without looking at whether anything else reserved them.`,
      '',
      [],
      node,
    );
    const bm = this.bitmapRegions.get(node);
    if (bm) this.rec.end(bm);
    this.rec.region({
      lane: 'buddy',
      start: bytes.start,
      end: bytes.end,
      label: `node ${node} bitmap pages (freed)`,
      owner: 'page-allocator',
      node,
    });
    this.buddy.push(bytes);
    for (const c of this.claims) {
      if (c.owner === 'bitmap') continue;
      const o = rangeIntersection(pages, c.pages);
      if (!o) continue;
      const r = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
      this.finding(
        'freed-while-reserved',
        r,
        `node ${node}'s bitmap pages ${oldRange(r.start, r.end)} (${humanSize(r.end - r.start)}) were handed to the page allocator while ${c.label} still reserves them.`,
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
    const hit = setIntersect([w], this.buddy);
    const ev = this.event(
      'kexec',
      'kexec-load',
      w.start,
      w.end,
      'kexec loads the kdump kernel',
      'kdump',
      'kexec_load',
      SRC_KEXEC,
      hit.length
        ? `kexec copies the kdump kernel into the crashkernel window, but the page allocator has been handing out ${hit.map((r) => oldRange(r.start, r.end)).join(', ')} (${humanSize(hit.reduce((t, r) => t + r.end - r.start, 0))}) of it since boot: whatever lives there is overwritten.`
        : 'kexec copies the kdump kernel into the crashkernel window; no page of it was ever given to the page allocator.',
    );
    for (const r of hit)
      this.finding(
        'kdump-corruption',
        r,
        `kexec overwrote ${oldRange(r.start, r.end)} (${humanSize(r.end - r.start)}), pages the running kernel had been using.`,
        ev.step,
      );
    this.rec.region({
      lane: 'reserved',
      start: w.start,
      end: w.end,
      label: 'kdump kernel (loaded)',
      owner: 'kdump',
    });
  }

  private summary(panic: string | null): string {
    if (panic) return `The simulated kernel stops: ${panic}.`;
    const f = this.findings;
    const c = this.crash;
    const bm = this.bitmaps.map((b) => `node ${b.node}'s bitmap at ${hex(b.start)}`).join(', ');
    if (f.length) {
      const corrupt = f.find((x) => x.kind === 'kdump-corruption');
      return `${bm || 'No bitmap'}; crashkernel ${c.outcome} at ${hex(c.start ?? 0)}; ${f.length} finding(s)${corrupt ? `: kexec corrupts ${hex(corrupt.start)}-${hex(corrupt.end - 1)}` : ''}.`;
    }
    return `${bm || 'No bitmap'}; crashkernel ${c.outcome}${c.start !== undefined ? ` at ${hex(c.start)}` : ''}; no conflicts.`;
  }
}
