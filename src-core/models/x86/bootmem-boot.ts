/**
 * The 2.6.23/2.6.24 x86_64 bootmem sequence: direct-map page tables and NUMA structures placed
 * by find_e820_area and its fixed bad_addr list, one bootmem bitmap per node, the
 * reservations at the end of setup_arch() through reserve_bootmem_generic, and mem_init()
 * retiring bootmem. Rules: v2.6.23 arch/x86_64/kernel/{setup,e820}.c, arch/x86_64/mm/{init,numa}.c,
 * mm/bootmem.c.
 */
import { GiB, hex, hexPad, humanSize, MiB, PAGE_SIZE, pageAlign, pfnDown, pfnUp } from '../../addr';
import { Bootmem, bootmapPages, KernelBug, type BootmemCore } from '../../bootmem';
import { BootmemReference } from '../../bootmem.reference';
import { e820AnyMapped } from '../../e820';
import type { Owner, Phase, Recorder, Region } from '../../events';
import { memnodeHash, nodeOf } from '../../numa';
import { normalize, setScale, type Range } from '../../range';
import type { Scenario } from '../../scenario';
import type { RunOptions } from '../../simulation';
import { X86Boot } from './boot';
import { findE820Area, type BadAreas } from './e820-area';

export const SRC_2623 = {
  setup: 'v2.6.23:arch/x86_64/kernel/setup.c',
  e820: 'v2.6.23:arch/x86_64/kernel/e820.c',
  numa: 'v2.6.23:arch/x86_64/mm/numa.c',
  pageAlloc: 'v2.6.23:mm/page_alloc.c',
  kexec: 'v2.6.23:kernel/kexec.c',
};
const SRC_INIT = 'v2.6.23:arch/x86_64/mm/init.c';
const SRC_BOOTMEM = 'v2.6.23:mm/bootmem.c';

/** MAXMEM on 2.6.23 x86_64 (include/asm-x86_64/page.h): 2^46 bytes of direct map. */
export const MAXMEM_PFN = 2 ** 46 / PAGE_SIZE;
/** ZONE_ALIGN = 1 << (MAX_ORDER + PAGE_SHIFT): node starts are rounded up to 8 MiB. */
const ZONE_ALIGN = 8 * MiB;
/** SMP_CACHE_BYTES = L1_CACHE_BYTES with CONFIG_X86_L1_CACHE_SHIFT=7 (generic x86_64). */
export const SMP_CACHE_BYTES = 128;
/** memnode.embedded_map holds 48 entries; more need find_e820_area. */
const EMBEDDED_MEMNODEMAP = 48;
export const SMP_TRAMPOLINE_BASE = 0x6000;

/**
 * find_early_table_space: one PUD entry per GiB and one PMD entry per 2 MiB of the direct map,
 * searched as a block; phys_pud_init then uses one PUD page per 512 GiB and one PMD page per
 * GiB that any e820 entry touches.
 */
export function directMapTables(e820: Parameters<typeof e820AnyMapped>[0], end: number) {
  const puds = Math.ceil(end / GiB);
  const pmds = Math.ceil(end / (2 * MiB));
  const searched = pageAlign(puds * 8) + pageAlign(pmds * 8);
  let used = Math.ceil(end / (512 * GiB));
  for (let g = 0; g < puds; g++)
    if (e820AnyMapped(e820, { start: g * GiB, end: (g + 1) * GiB })) used++;
  return { puds, pmds, searched, used };
}

export class BootmemBoot extends X86Boot {
  private bad: BadAreas;
  private bdata = new Map<number, BootmemCore>();
  private bitmapRegions = new Map<number, Region>();

  constructor(rec: Recorder, s: Scenario, model: string, options: RunOptions = {}) {
    super(rec, s, model, SRC_2623, options);
    const k = s.kernel;
    this.bad = {
      tables: { start: 0, end: 0 },
      initrd: k.initrd,
      kernel: { start: k.text, end: k.end },
      ebda: { start: 0, end: 0 },
      nodemap: { start: 0, end: 0 },
    };
  }

  discoverEbda(): void {
    this.bad.ebda = this.ebda() ?? this.bad.ebda;
  }

  /** init_memory_mapping(0, end_pfn_map << 12). */
  initMemoryMapping(): void {
    const end = this.endPfnMap * PAGE_SIZE;
    const t = directMapTables(this.e820, end);
    const found = findE820Area(this.e820, 0x8000, end, t.searched, this.bad);
    if (found.addr === null)
      throw new KernelBug('Cannot find space for the kernel page tables', 'find_early_table_space');
    const start = pfnDown(found.addr) * PAGE_SIZE;
    this.bad.tables = { start, end: start + t.used * PAGE_SIZE };
    this.ev({
      phase: 'direct-map',
      kind: 'page-tables',
      ...this.bad.tables,
      label: 'direct-mapping page tables',
      owner: 'page-tables',
      fn: 'init_memory_mapping',
      src: SRC_INIT,
      explain: `Space for ${humanSize(t.searched)} of tables is searched from 0x8000 (${found.trace.join('; ')}); ${t.used} pages are used: one PUD page and one PMD page per mapped GiB, with 2 MiB pages. early_printk only: "kernel direct mapping tables up to ${hex(end)} @ ${hex(start)}-${hex(start + t.searched)}".`,
      worked: [
        {
          label: 'tables',
          value: `${t.puds} PUD entries + ${t.pmds} PMD entries = ${humanSize(t.searched)} searched, ${t.used} pages used`,
        },
      ],
    });
    this.rec.region({
      lane: 'reserved',
      ...this.bad.tables,
      label: 'page tables (direct mapping)',
      owner: 'page-tables',
    });
  }

  /** acpi_numa_init + numa_initmem_init. */
  numaInit(): void {
    this.findNodes();
    if (this.s.machine.nodes.length && !this.numaOff) this.memnodemap();
    for (const n of this.nodes) this.setupNodeBootmem(n.node, n.start, n.end);
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
    this.ev({
      phase: 'numa',
      kind: 'memnodemap',
      ...nm,
      label: 'memnodemap',
      owner: 'memnodemap',
      fn: 'compute_hash_shift',
      src: SRC_2623.numa,
      explain,
      dmesg: text,
    });
    if (nm.end > nm.start)
      this.rec.region({ lane: 'reserved', ...nm, label: 'memnodemap', owner: 'memnodemap' });
  }

  /** setup_node_bootmem (v2.6.23 arch/x86_64/mm/numa.c). */
  private setupNodeBootmem(node: number, nodeStart: number, end: number): void {
    const start = Math.ceil(nodeStart / ZONE_ALIGN) * ZONE_ALIGN;
    const startPfn = pfnDown(start);
    const endPfn = pfnDown(end);
    const pgdat = this.s.kernel.pgdatSize;
    this.ev({
      phase: 'numa',
      kind: 'node',
      start,
      end,
      node,
      label: `bootmem setup for node ${node}`,
      owner: 'numa',
      fn: 'setup_node_bootmem',
      src: SRC_2623.numa,
      explain: `Node ${node}'s start is rounded up to ZONE_ALIGN (8 MiB); it spans ${humanSize(end - start)}.`,
      dmesg: `Bootmem setup node ${node} ${hexPad(start, 16)}-${hexPad(end, 16)}`,
    });
    const nd = this.earlyNodeMem(node, start, end, pgdat, 'NODE_DATA');
    if (nd === null) return;
    const mapPages = bootmapPages(endPfn - startPfn);
    const size = mapPages * PAGE_SIZE;
    const map = this.earlyNodeMem(node, pageAlign(nd + pgdat), end, size, 'bitmap');
    if (map === null) return;
    const core = this.options.reference
      ? new BootmemReference(startPfn, endPfn, map)
      : new Bootmem(startPfn, endPfn, map);
    this.bdata.set(node, core);
    const perPage = `${humanSize(end - start)} / (4 KiB × 8) = ${humanSize(Math.ceil((endPfn - startPfn) / 8))}`;
    this.ev({
      phase: 'numa',
      kind: 'bootmem-init',
      start: map,
      end: map + size,
      node,
      label: `node ${node} bitmap: all pages reserved`,
      owner: 'bitmap',
      fn: 'init_bootmem_node',
      src: SRC_BOOTMEM,
      explain: `init_bootmem_core fills the ${humanSize(size)} bitmap with ones: every page of node ${node} starts reserved.`,
      worked: [{ label: 'bitmap size', value: `${perPage}, ${mapPages} pages` }],
    });
    this.rec.bits(node, 'init', { start: startPfn, end: endPfn });
    const ram = this.active.get(node) ?? [];
    for (const r of ram) core.free(r.start * PAGE_SIZE, (r.end - r.start) * PAGE_SIZE);
    const ramBytes = ram.reduce((t, r) => t + (r.end - r.start) * PAGE_SIZE, 0);
    this.ev({
      phase: 'numa',
      kind: 'bootmem-free',
      start,
      end,
      node,
      label: `node ${node}: RAM marked free`,
      owner: 'bitmap',
      fn: 'free_bootmem_with_active_regions',
      src: SRC_2623.pageAlloc,
      explain: `The node's ${ram.length} active (e820 RAM) page range(s), ${humanSize(ramBytes)}, are freed in the bitmap; holes stay reserved.`,
    });
    for (const r of ram) this.rec.bits(node, 'clear', r);
    this.reserve(
      node,
      nd,
      pgdat,
      'node-data',
      `NODE_DATA(${node})`,
      'reserve_bootmem_node',
      'numa',
    );
    this.reserve(
      node,
      map,
      size,
      'bitmap',
      `node ${node} bootmem bitmap`,
      'reserve_bootmem_node',
      'numa',
    );
  }

  /** early_node_mem: find_e820_area in the node, else __alloc_bootmem_nopanic (goal 16 MiB). */
  private earlyNodeMem(
    node: number,
    start: number,
    end: number,
    size: number,
    what: 'NODE_DATA' | 'bitmap',
  ): number | null {
    const found = findE820Area(this.e820, start, end, size, this.bad);
    let how = `find_e820_area(${hex(start)}, ${hex(end)}, ${hex(size)}): ${found.trace.join('; ')}`;
    const fallback =
      found.addr === null ? this.allocGlobal(size, SMP_CACHE_BYTES, 16 * MiB, 0) : null;
    if (found.addr === null)
      how += fallback
        ? `; __alloc_bootmem_nopanic gave ${hex(fallback.addr)}`
        : '; __alloc_bootmem_nopanic found nothing either';
    const addr = found.addr ?? fallback?.addr ?? null;
    const owner: Owner = what === 'bitmap' ? 'bitmap' : 'node-data';
    const label = what === 'bitmap' ? `node ${node} bootmem bitmap` : `NODE_DATA(${node})`;
    if (addr === null) {
      this.ev({
        phase: 'numa',
        kind: 'node-failed',
        start,
        end,
        node,
        label: `${label}: no room`,
        owner,
        fn: 'early_node_mem',
        src: SRC_2623.numa,
        explain: `${how}. The node is left without memory.`,
        dmesg: `Cannot find ${size} bytes in node ${node}`,
      });
      return null;
    }
    const worked =
      what === 'bitmap'
        ? [
            {
              label: 'bitmap',
              value: `${size / PAGE_SIZE} pages = ${humanSize(size)}, [${hex(addr)}, ${hex(addr + size)})`,
            },
          ]
        : [];
    this.ev({
      phase: 'numa',
      kind: what === 'bitmap' ? 'bitmap' : 'node-data',
      start: addr,
      end: addr + size,
      node,
      label: `${label} placed at ${hex(addr)}`,
      owner,
      fn: 'early_node_mem',
      src: SRC_2623.numa,
      explain: `${label} needs ${humanSize(size)}. ${how}. The search skips only its fixed bad_addr list; it does not know about any reservation.`,
      worked,
    });
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
  ): boolean {
    const core = this.bdata.get(node);
    if (!core) throw new KernelBug(`${label}: node ${node} has no bootmem`, fn);
    const twice = core.reserve(addr, size);
    const pages = { start: pfnDown(addr), end: pfnUp(addr + size) };
    const src = phase === 'numa' ? SRC_2623.numa : SRC_INIT;
    const ev = this.ev({
      phase,
      kind: 'reserve',
      start: addr,
      end: addr + size,
      node,
      label: `${label} reserved`,
      owner,
      fn,
      src,
      dmesg,
      explain: `reserve_bootmem_core sets the bits of pages ${hex(pages.start)}-${hex(pages.end - 1)} in node ${node}'s bitmap${twice.length ? '; some were already set, and it does not mind' : ''}.`,
    });
    this.rec.bits(node, 'set', pages);
    const drawn = this.rec.regions.some(
      (r) =>
        (r.lane === 'reserved' || r.lane === 'bitmap') &&
        r.owner === owner &&
        r.start === addr &&
        r.died === undefined,
    );
    if (!drawn && owner !== 'crashkernel')
      this.rec.region({ lane: 'reserved', start: addr, end: addr + size, label, owner, node });
    this.doubled(twice, node, label, ev.step);
    this.claim(pages, owner, label);
    return true;
  }

  /**
   * reserve_bootmem_generic (v2.6.23 arch/x86_64/mm/init.c): ranges above end_pfn are ignored
   * (with a message above end_pfn_map), else reserved in the node phys_to_nid(phys) names.
   */
  reserveGeneric(
    addr: number,
    size: number,
    owner: Owner,
    label: string,
    fn: string,
    phase: Phase = 'reserve',
    dmesg = '',
  ): boolean {
    if (pfnDown(addr) >= this.endPfn) {
      const msg =
        pfnDown(addr) < this.endPfnMap
          ? ''
          : `reserve_bootmem: illegal reserve ${addr.toString(16)} ${size}`;
      this.ev({
        phase,
        kind: 'reserve-ignored',
        start: addr,
        end: addr + size,
        label: `${label}: above end of RAM, ignored`,
        owner,
        fn: 'reserve_bootmem_generic',
        src: SRC_INIT,
        dmesg: [dmesg, msg].filter(Boolean).join('\n'),
        explain: `${hex(addr)} is at or above end_pfn, so reserve_bootmem_generic does nothing.`,
      });
      return false;
    }
    const node = nodeOf(this.nodes, addr);
    if (node < 0)
      throw new KernelBug(`phys_to_nid(${hex(addr)}) names no node`, 'reserve_bootmem_generic');
    return this.reserve(node, addr, size, owner, label, fn, phase, dmesg);
  }

  /** The reservations at the end of setup_arch(), before the crashkernel, in source order. */
  reserveEarlyAreas(): void {
    const k = this.s.kernel;
    const { tables: t, ebda: e, nodemap: nm } = this.bad;
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
    if (e.end > e.start)
      this.reserveGeneric(e.start, e.end - e.start, 'ebda', 'EBDA', 'reserve_ebda_region');
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
    if (!k.initrd) return;
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
      this.ev({
        phase: 'reserve',
        kind: 'initrd-dropped',
        ...k.initrd,
        label: 'initrd beyond end of memory',
        owner: 'initrd',
        fn: 'setup_arch',
        src: SRC_2623.setup,
        explain: 'The initrd ends above end_pfn, so it is not reserved and not used.',
        dmesg: `initrd extends beyond end of memory (0x${hexPad(k.initrd.end, 8)} > 0x${hexPad(limit, 8)})\ndisabling initrd`,
      });
  }

  /** acpi_reserve_bootmem: alloc_bootmem_low(2 pages), first fit from 0 below 4 GiB. */
  private acpiWakeup(): void {
    const size = 2 * PAGE_SIZE;
    const got = this.allocGlobal(size, SMP_CACHE_BYTES, 0, 0xffffffff);
    if (got === null) throw new KernelBug('Out of low memory', '__alloc_bootmem_low');
    const r = { start: got.addr, end: got.addr + size };
    this.ev({
      phase: 'reserve',
      kind: 'alloc',
      ...r,
      label: `ACPI wakeup code at ${hex(got.addr)}`,
      owner: 'acpi',
      fn: 'acpi_reserve_bootmem',
      src: 'v2.6.23:arch/x86_64/kernel/acpi/sleep.c',
      explain: `alloc_bootmem_low(8 KiB) takes the first two free pages from address 0 in bitmap order: ${hex(got.addr)}.`,
    });
    this.allocBits(got, size);
    this.rec.region({
      lane: 'reserved',
      ...r,
      label: 'ACPI wakeup (alloc_bootmem_low)',
      owner: 'acpi',
      alloc: true,
      node: got.node,
    });
    this.claim({ start: pfnDown(r.start), end: pfnUp(r.end) }, 'acpi', 'ACPI wakeup');
  }

  /**
   * The crashkernel with no check at all: reserve_bootmem_generic (2.6.23, node of the base) or
   * reserve_bootmem on node 0's bitmap (2.6.24). `message` is what the kernel printed first.
   */
  reserveCrashUnchecked(w: Range, message: string, how: 'generic' | 'node0', src: string): void {
    const before = this.findings.length;
    const label = `crashkernel ${humanSize(w.end - w.start)}@${humanSize(w.start)}`;
    const done =
      how === 'generic'
        ? this.reserveGeneric(
            w.start,
            w.end - w.start,
            'crashkernel',
            label,
            'reserve_bootmem_generic',
            'crashkernel',
            message,
          )
        : this.reserve(
            this.nodes[0]?.node ?? 0,
            w.start,
            w.end - w.start,
            'crashkernel',
            label,
            'reserve_bootmem',
            'crashkernel',
            message,
          );
    const ev = this.rec.events[this.rec.events.length - 1];
    if (ev) {
      ev.src = src;
      ev.explain += ' Nothing checks whether anything else already uses these pages.';
    }
    if (!done) {
      this.crash = {
        outcome: 'none',
        message,
        detail: 'the window lies above the end of RAM, so nothing was reserved',
      };
      return;
    }
    this.drawCrashReserved(w);
    const overlaps = this.findings.length - before;
    this.crash = {
      outcome: 'reserved',
      ...w,
      message,
      detail: overlaps
        ? `reserved on top of ${overlaps} earlier reservation(s), silently`
        : 'reserved',
    };
  }

  /** mem_init → numa_free_all_bootmem → free_all_bootmem_core per node: bootmem retires. */
  memInit(): void {
    let total = 0;
    for (const n of this.nodes) {
      const core = this.bdata.get(n.node);
      if (!core) continue;
      const fa = core.freeAll();
      const freed = fa.free.reduce((t, r) => t + r.end - r.start, 0);
      total += freed + (fa.bitmap.end - fa.bitmap.start);
      this.ev({
        phase: 'retire',
        kind: 'free-all',
        start: n.start,
        end: n.end,
        node: n.node,
        label: `node ${n.node}: free pages to the page allocator`,
        owner: 'page-allocator',
        fn: 'free_all_bootmem_core',
        src: SRC_BOOTMEM,
        explain: `Every clear bit of node ${n.node} becomes a free page: ${freed} pages (${humanSize(freed * PAGE_SIZE)}), ${fa.order6Blocks} × 64 of them as whole blocks and ${fa.singlePages} one by one. Set bits stay reserved.`,
        worked: [
          { label: 'freed', value: `${fa.order6Blocks} × 64 + ${fa.singlePages} = ${freed} pages` },
        ],
      });
      this.rec.bits(n.node, 'retire', { start: core.startPfn, end: core.lowPfn });
      this.toBuddy(n.node, setScale(fa.free, PAGE_SIZE));
      this.freeBitmap(n.node, fa.bitmap, this.bitmapRegions.get(n.node), SRC_BOOTMEM);
    }
    const k = this.s.kernel;
    const absent =
      this.endPfn -
      normalize([...this.active.values()].flat()).reduce((t, r) => t + r.end - r.start, 0);
    const reserved = this.endPfn - total - absent;
    const kib = (b: number) => Math.floor(b / 1024);
    const line =
      k.codeSize !== undefined && k.dataSize !== undefined && k.initSize !== undefined
        ? `Memory: ${total * 4}k/${this.endPfn * 4}k available (${kib(k.codeSize)}k kernel code, ${reserved * 4}k reserved, ${kib(k.dataSize)}k data, ${kib(k.initSize)}k init)`
        : '';
    this.ev({
      phase: 'retire',
      kind: 'memory',
      end: this.endPfn * PAGE_SIZE,
      label: 'bootmem retired',
      owner: 'page-allocator',
      fn: 'mem_init',
      src: SRC_INIT,
      dmesg: line,
      explain: `The page allocator now owns ${humanSize(total * PAGE_SIZE)}; ${humanSize(reserved * PAGE_SIZE)} stays reserved.`,
      worked: [
        {
          label: 'reserved',
          value: `${this.endPfn} - ${total} free - ${absent} absent = ${reserved} pages`,
        },
      ],
    });
  }
}
