/**
 * The x86_64 sequence of 2.6.27 to 2.6.36, where early structures are tracked in the early_res
 * table and find_e820_area steps over it:
 * - 2.6.27 (bootmem-exclusive-2.6.27): bootmem after the rewrite (v2.6.30 rules), early_res
 *   copied into each node's bitmap, crashkernel reserved after NUMA with BOOTMEM_EXCLUSIVE.
 * - 2.6.33 (early-res-2.6.33): the crashkernel joins early_res before NUMA, so the bitmaps,
 *   placed later, step around it.
 * - 2.6.34 (nobootmem-2.6.34): CONFIG_NO_BOOTMEM — no bitmap; early_res holds everything and
 *   RAM minus early_res goes to the page allocator at mem_init.
 * Sources: v2.6.27 and v2.6.33 arch/x86/kernel/{setup,e820,head64}.c, arch/x86/mm/{init_64,numa_64}.c,
 * v2.6.30 mm/bootmem.c, v2.6.34 kernel/early_res.c and mm/page_alloc.c.
 */
import {
  hex,
  hexPad,
  humanSize,
  MiB,
  PAGE_SIZE,
  pageAlign,
  pfnDown,
  pfnUp,
  toMB,
} from '../../addr';
import { bootmapPages, KernelBug, type BootmemCore } from '../../bootmem';
import { Bootmem30 } from '../../bootmem30';
import { Bootmem30Reference } from '../../bootmem30.reference';
import { hasParam, parseCmdline } from '../../cmdline';
import { DIALECT_2_6_24, findCrashkernel, resolveCrashkernel } from '../../crashkernel';
import { e820Ram, formatE820Old, sanitizeE820 } from '../../e820';
import { EarlyResTable } from '../../earlyres';
import type { Owner, Recorder, Region } from '../../events';
import { memnodeHash, nodeOf } from '../../numa';
import { normalize, setScale, type Range } from '../../range';
import type { Scenario } from '../../scenario';
import type { RunOptions } from '../../simulation';
import { describe, X86Boot } from './boot';
import { directMapTables, SMP_CACHE_BYTES, SMP_TRAMPOLINE_BASE } from './bootmem-boot';
import { applyUserMap2627 } from './usermap-2.6.27';

export type EarlyResGen = '2.6.27' | '2.6.33' | '2.6.34';

const MAX_ARCH_PFN = 2 ** 46 / PAGE_SIZE;
const ZONE_ALIGN = 8 * MiB;
const CRASH_ALIGN = 16 * MiB;
const EMBEDDED_MEMNODEMAP = 48;

const sources = (gen: EarlyResGen) => ({
  setup: `v${gen}:arch/x86/kernel/setup.c`,
  e820: `v${gen}:arch/x86/kernel/e820.c`,
  numa: `v${gen}:arch/x86/mm/numa_64.c`,
  pageAlloc: `v${gen}:mm/page_alloc.c`,
  kexec: `v${gen}:kernel/kexec.c`,
});
const SRC_BOOTMEM30 = 'v2.6.30:mm/bootmem.c';

export class EarlyResBoot extends X86Boot {
  readonly early = new EarlyResTable();
  private bdata = new Map<number, BootmemCore>();
  private bitmapRegions = new Map<number, Region>();
  private maxLowPfn = 0;

  constructor(
    rec: Recorder,
    s: Scenario,
    model: string,
    readonly gen: EarlyResGen,
    options: RunOptions = {},
  ) {
    super(rec, s, model, sources(gen), options);
  }

  /** The whole boot, in setup_arch() order for this generation. */
  boot(): void {
    const s = this.s;
    const params = parseCmdline(s.cmdline);
    this.start();
    this.headReservations();
    const firmware = sanitizeE820(s.machine.e820);
    this.setFirmwareMap(firmware, formatE820Old(firmware));
    const user = applyUserMap2627(firmware, params);
    for (const m of user.events)
      this.ev({
        phase: 'cmdline',
        kind: 'param',
        start: m.start,
        end: m.end,
        label: m.label,
        owner: 'firmware',
        fn: m.fn,
        src: this.src.e820,
        explain: m.explain,
      });
    if (hasParam(params, 'numa', 'off')) this.numaOff = true;
    if (user.userdef) {
      if (user.map.length < 2)
        throw new KernelBug('Invalid user supplied memory map', 'finish_e820_parsing');
      this.setUserMap(user.map, [
        'user-defined physical RAM map:',
        ...formatE820Old(user.map, 'user'),
      ]);
    }
    this.endOfRam(
      MAX_ARCH_PFN,
      (end) => `last_pfn = ${hex(end)} max_arch_pfn = ${hex(MAX_ARCH_PFN)}`,
    );
    this.lowRam();
    this.pageTables();
    if (this.gen !== '2.6.27') {
      this.acpiWakeupEarly();
      this.reserveCrashEarly();
    }
    this.findNodes();
    if (this.s.machine.nodes.length && !this.numaOff) this.memnodemap();
    for (const n of this.nodes) this.setupNode(n.node, n.start, n.end);
    if (this.gen === '2.6.33')
      this.earlyResToBootmem({ start: 0, end: this.maxLowPfn * PAGE_SIZE });
    if (this.gen === '2.6.27') {
      this.acpiWakeupBootmem();
      this.reserveCrashExclusive();
    }
    this.zonesInit();
    this.memInit();
    this.kexecLoad();
  }

  /** head64.c / reserve_ebda_region: what is reserved before the e820 map is even read. */
  private headReservations(): void {
    const k = this.s.kernel;
    this.early.reserve(0, PAGE_SIZE, 'BIOS data page');
    this.early.reserve(SMP_TRAMPOLINE_BASE, SMP_TRAMPOLINE_BASE + 2 * PAGE_SIZE, 'SMP_TRAMPOLINE');
    this.early.reserve(k.text, k.end, 'TEXT DATA BSS');
    if (k.initrd) this.early.reserve(k.initrd.start, k.initrd.end, 'RAMDISK');
    const ebda = this.ebda();
    // reserve_ebda_region: everything from the EBDA (or 0x9f000) up to 1 MiB.
    const low = ebda && ebda.start < 0x100000 ? ebda.start : 0x9f000;
    this.early.reserve(low, 0x100000, 'BIOS reserved', this.gen !== '2.6.27');
    this.ev({
      phase: 'early-reserve',
      kind: 'early-res',
      label: 'early reservations',
      owner: 'kernel',
      fn: 'x86_64_start_reservations',
      src: `v${this.gen}:arch/x86/kernel/head64.c`,
      explain: `Before the memory map is read, the kernel records ${this.early.entries.length} ranges in early_res: find_e820_area will step around them, and reserve_early panics if a later one overlaps.`,
      dmesg: '',
    });
    for (const r of this.early.entries)
      this.rec.region({
        lane: 'reserved',
        start: r.start,
        end: r.end,
        label: r.name,
        owner: ownerOf(r.name),
      });
  }

  /** max_low_pfn: the end of RAM below 4 GiB when RAM goes above it (e820_end_of_low_ram_pfn). */
  private lowRam(): void {
    const low = e820Ram(this.e820)
      .filter((r) => r.start < 2 ** 32)
      .map((r) => Math.min(r.end, 2 ** 32));
    this.maxLowPfn = this.endPfn > 2 ** 20 ? pfnDown(Math.max(0, ...low)) : this.endPfn;
  }

  private reserveEarly(r: Range, name: string, owner: Owner, node?: number): void {
    this.early.reserve(r.start, r.end, name);
    this.rec.region({
      lane: 'reserved',
      ...r,
      label: name,
      owner,
      ...(node === undefined ? {} : { node }),
    });
  }

  /** init_memory_mapping → find_early_table_space: tables from 0x8000, reserved as PGTABLE. */
  private pageTables(): void {
    const end = this.endPfn * PAGE_SIZE;
    const t = directMapTables(this.e820, end);
    const found = this.early.findArea(this.e820, 0x8000, end, t.searched, PAGE_SIZE);
    if (found.addr === null)
      throw new KernelBug('Cannot find space for the kernel page tables', 'find_early_table_space');
    const r = { start: found.addr, end: found.addr + t.used * PAGE_SIZE };
    this.ev({
      phase: 'direct-map',
      kind: 'page-tables',
      ...r,
      label: 'direct-mapping page tables',
      owner: 'page-tables',
      fn: 'init_memory_mapping',
      src: `v${this.gen}:arch/x86/mm/init_64.c`,
      explain: `${humanSize(t.searched)} of tables are searched for from 0x8000, stepping over early_res (${found.trace.join('; ')}); the ${t.used} pages used are reserved as PGTABLE.`,
      worked: [
        {
          label: 'tables',
          value: `${t.puds} PUD entries + ${t.pmds} PMD entries, ${t.used} pages used`,
        },
      ],
    });
    this.reserveEarly(r, 'PGTABLE', 'page-tables');
  }

  /** acpi_reserve_memory (2.6.33+): 8 KiB below 1 MiB for the wakeup code, in early_res. */
  private acpiWakeupEarly(): void {
    const found = this.early.findArea(this.e820, 0, 0x100000, 2 * PAGE_SIZE, PAGE_SIZE);
    if (found.addr === null) return;
    const r = { start: found.addr, end: found.addr + 2 * PAGE_SIZE };
    this.ev({
      phase: 'reserve',
      kind: 'alloc',
      ...r,
      label: `ACPI wakeup code at ${hex(r.start)}`,
      owner: 'acpi',
      fn: 'acpi_reserve_memory',
      src: `v${this.gen}:arch/x86/kernel/acpi/sleep.c`,
      explain: `The wakeup trampoline takes the first free 8 KiB below 1 MiB: ${hex(r.start)}.`,
    });
    this.reserveEarly(r, 'ACPI WAKEUP', 'acpi');
  }

  /** compute_hash_shift; a large memnodemap goes to early_res as MEMNODEMAP. */
  private memnodemap(): void {
    const { shift, entries } = memnodeHash(this.nodes);
    let dmesg = `NUMA: Using ${shift} for the hash shift.`;
    if (entries > EMBEDDED_MEMNODEMAP) {
      const size = Math.ceil((2 * entries) / SMP_CACHE_BYTES) * SMP_CACHE_BYTES;
      const found = this.early.findArea(
        this.e820,
        0x8000,
        this.endPfn * PAGE_SIZE,
        size,
        PAGE_SIZE,
      );
      if (found.addr !== null) {
        this.reserveEarly(
          { start: found.addr, end: found.addr + size },
          'MEMNODEMAP',
          'memnodemap',
        );
        dmesg = `NUMA: Allocated memnodemap from ${found.addr.toString(16)} - ${(found.addr + size).toString(16)}\n${dmesg}`;
      }
    }
    this.ev({
      phase: 'numa',
      kind: 'memnodemap',
      label: 'memnodemap',
      owner: 'memnodemap',
      fn: 'compute_hash_shift',
      src: this.src.numa,
      explain: `${entries} map entries at shift ${shift}.`,
      dmesg,
    });
  }

  /** setup_node_bootmem: NODE_DATA, then (except NO_BOOTMEM) the bitmap, both by find_e820_area. */
  private setupNode(node: number, nodeStart: number, end: number): void {
    const start = Math.ceil(nodeStart / ZONE_ALIGN) * ZONE_ALIGN;
    const pgdat = this.s.kernel.pgdatSize;
    const head = this.gen === '2.6.34' ? 'Initmem' : 'Bootmem';
    const nd = this.early.findArea(this.e820, start, end, pgdat, SMP_CACHE_BYTES);
    if (nd.addr === null)
      throw new KernelBug(`Cannot find ${pgdat} bytes in node ${node}`, 'early_node_mem');
    const ndr = { start: nd.addr, end: nd.addr + pgdat };
    const lines = [
      `${head} setup node ${node} ${hexPad(start, 16)}-${hexPad(end, 16)}`,
      `  NODE_DATA [${hexPad(ndr.start, 16)} - ${hexPad(ndr.end - 1, 16)}]`,
    ];
    this.ev({
      phase: 'numa',
      kind: 'node-data',
      ...ndr,
      node,
      label: `NODE_DATA(${node}) placed at ${hex(ndr.start)}`,
      owner: 'node-data',
      fn: 'setup_node_bootmem',
      src: this.src.numa,
      explain: `find_e820_area(${hex(start)}, ${hex(end)}, ${hex(pgdat)}) steps over early_res: ${nd.trace.join('; ')}.`,
      dmesg: lines.join('\n'),
    });
    if (this.gen === '2.6.27')
      this.rec.region({
        lane: 'reserved',
        ...ndr,
        label: `NODE_DATA(${node})`,
        owner: 'node-data',
        node,
      });
    else this.reserveEarly(ndr, 'NODE_DATA', 'node-data', node);
    if (this.gen === '2.6.34') return;
    const startPfn = pfnDown(start);
    const endPfn = pfnDown(end);
    const pages = bootmapPages(endPfn - startPfn);
    const size = pages * PAGE_SIZE;
    const bm = this.early.findArea(this.e820, pageAlign(ndr.end), end, size, PAGE_SIZE);
    if (bm.addr === null)
      throw new KernelBug(`Cannot find ${size} bytes in node ${node}`, 'early_node_mem');
    const r = { start: bm.addr, end: bm.addr + size };
    this.ev({
      phase: 'numa',
      kind: 'bitmap',
      ...r,
      node,
      label: `node ${node} bootmem bitmap placed at ${hex(r.start)}`,
      owner: 'bitmap',
      fn: 'setup_node_bootmem',
      src: this.src.numa,
      explain: `${humanSize(end - start)} / (4 KiB × 8) = ${humanSize(size)}. find_e820_area steps over early_res: ${bm.trace.join('; ')}.`,
      dmesg: `  bootmap [${hexPad(r.start, 16)} -  ${hexPad(r.end - 1, 16)}] pages ${pages.toString(16)}`,
      worked: [{ label: 'bitmap', value: `${pages} pages = ${humanSize(size)}` }],
    });
    this.bitmaps.push({ node, ...r });
    this.bitmapRegions.set(
      node,
      this.rec.region({
        lane: 'bitmap',
        ...r,
        label: `node ${node} bootmem bitmap`,
        owner: 'bitmap',
        node,
      }),
    );
    if (this.gen === '2.6.33') this.early.reserve(r.start, r.end, 'BOOTMAP');
    const core = this.options.reference
      ? new Bootmem30Reference(startPfn, endPfn, r.start)
      : new Bootmem30(startPfn, endPfn, r.start);
    this.bdata.set(node, core);
    this.ev({
      phase: 'numa',
      kind: 'bootmem-init',
      ...r,
      node,
      label: `node ${node} bitmap: RAM free, the rest reserved`,
      owner: 'bitmap',
      fn: 'init_bootmem_node',
      src: SRC_BOOTMEM30,
      explain: `The bitmap starts all reserved; the node's active RAM ranges are then freed in it.`,
    });
    this.rec.bits(node, 'init', { start: startPfn, end: endPfn });
    for (const a of this.active.get(node) ?? []) {
      core.free(a.start * PAGE_SIZE, (a.end - a.start) * PAGE_SIZE);
      this.rec.bits(node, 'clear', a);
    }
    this.bootmemReserve(node, ndr, 'node-data', `NODE_DATA(${node})`, false);
    this.bootmemReserve(node, r, 'bitmap', `node ${node} bootmem bitmap`, false);
    if (this.gen === '2.6.27') this.earlyResToBootmem({ start, end }, node);
  }

  /** reserve_bootmem_node, silent about double reservations (2.6.30 __reserve). */
  private bootmemReserve(
    node: number,
    r: Range,
    owner: Owner,
    label: string,
    exclusive: boolean,
  ): Range[] {
    const core = this.bdata.get(node);
    if (!core) throw new KernelBug(`node ${node} has no bootmem`, 'reserve_bootmem_node');
    const busy = exclusive
      ? core.reserveExclusive(r.start, r.end - r.start)
      : core.reserve(r.start, r.end - r.start);
    const pages = { start: pfnDown(r.start), end: pfnUp(r.end) };
    if (!exclusive || busy.length === 0) {
      this.rec.bits(node, 'set', pages);
      this.claim(pages, owner, label);
    }
    return busy;
  }

  /**
   * early_res_to_bootmem(start, end): copy every early reservation inside [start, end) into the
   * bitmap of the node it lies in. 2.6.27 calls it per node as each is set up (and prints
   * "early res:" lines); 2.6.33 once, for [0, max_low_pfn), with its own format.
   */
  private earlyResToBootmem(span: Range, node?: number): void {
    const list = this.early.entries;
    const lines =
      node === undefined
        ? [
            `(${list.length} early reservations) ==> bootmem [${hexPad(span.start, 10)} - ${hexPad(span.end, 10)}]`,
          ]
        : [];
    list.forEach((e, i) => {
      const lo = Math.max(e.start, span.start);
      const hi = Math.min(e.end, span.end);
      const head = `  #${i} [${hexPad(e.start, 10)} - ${hexPad(e.end, 10)}] ${e.name.padStart(16)}`;
      if (lo >= hi) {
        if (node === undefined) lines.push(head);
        return;
      }
      lines.push(
        node === undefined
          ? `${head} ==> [${hexPad(lo, 10)} - ${hexPad(hi, 10)}]`
          : `  early res: ${i} [${lo.toString(16)}-${(hi - 1).toString(16)}] ${e.name}`,
      );
      for (const n of this.nodes) {
        const a = Math.max(lo, n.start);
        const b = Math.min(hi, n.end);
        if (a < b && this.bdata.has(n.node))
          this.bootmemReserve(n.node, { start: a, end: b }, ownerOf(e.name), e.name, false);
      }
    });
    this.ev({
      phase: 'numa',
      kind: 'early-res-to-bootmem',
      label: 'early reservations copied into bootmem',
      owner: 'bitmap',
      fn: 'early_res_to_bootmem',
      src: this.src.e820,
      explain:
        'Every early reservation is marked in the bitmap of the node it lies in, so bootmem allocations avoid it.',
      dmesg: lines.join('\n'),
      ...(node === undefined ? {} : { node }),
    });
  }

  /** 2.6.27: acpi_reserve_bootmem → alloc_bootmem_low(8 KiB) from the bitmaps. */
  private acpiWakeupBootmem(): void {
    for (const n of [...this.nodes].sort((a, b) => a.start - b.start)) {
      const core = this.bdata.get(n.node);
      const addr = core?.alloc(2 * PAGE_SIZE, SMP_CACHE_BYTES, 0, 0xffffffff) ?? null;
      if (addr === null) continue;
      const r = { start: addr, end: addr + 2 * PAGE_SIZE };
      this.ev({
        phase: 'reserve',
        kind: 'alloc',
        ...r,
        node: n.node,
        label: `ACPI wakeup code at ${hex(addr)}`,
        owner: 'acpi',
        fn: 'acpi_reserve_bootmem',
        src: 'v2.6.27:arch/x86/kernel/acpi/sleep.c',
        explain: `alloc_bootmem_low(8 KiB) takes the first free pages from the bottom of the bitmap: ${hex(addr)}.`,
      });
      this.rec.bits(n.node, 'set', { start: pfnDown(r.start), end: pfnUp(r.end) });
      this.rec.region({
        lane: 'reserved',
        ...r,
        label: 'ACPI wakeup (alloc_bootmem_low)',
        owner: 'acpi',
        alloc: true,
        node: n.node,
      });
      this.claim({ start: pfnDown(r.start), end: pfnUp(r.end) }, 'acpi', 'ACPI wakeup');
      return;
    }
    throw new KernelBug('Out of low memory', '__alloc_bootmem_low');
  }

  /** parse_crashkernel on total_mem = (max_low_pfn - min_low_pfn) << PAGE_SHIFT (get_total_mem). */
  private crashRequest(): { size: number; base: number; ram: number } | null {
    const ram = this.maxLowPfn * PAGE_SIZE;
    const opt = findCrashkernel(parseCmdline(this.s.cmdline), DIALECT_2_6_24).main;
    if (!opt) return null;
    const fail = (message: string) => {
      this.ev({
        phase: 'crashkernel',
        kind: 'crashkernel-parse',
        label: 'crashkernel= not understood',
        owner: 'crashkernel',
        fn: 'parse_crashkernel',
        src: this.src.kexec,
        explain: `crashkernel=${opt.param.value}: ${message}.`,
        dmesg: message,
      });
      return null;
    };
    if (!opt.parse.ok) return fail(opt.parse.error.message);
    const r = resolveCrashkernel(opt.parse.spec, ram, DIALECT_2_6_24);
    if (!r.ok) return fail(r.message);
    return r.size > 0 ? { size: r.size, base: r.base, ram } : null;
  }

  private crashReserved(w: Range, ram: number, how: string): void {
    const msg = `Reserving ${toMB(w.end - w.start)}MB of memory at ${toMB(w.start)}MB for crashkernel (System RAM: ${toMB(ram)}MB)`;
    this.ev({
      phase: 'crashkernel',
      kind: 'crashkernel',
      ...w,
      label: `crashkernel reserved at ${hex(w.start)}`,
      owner: 'crashkernel',
      fn: 'reserve_crashkernel',
      src: this.src.setup,
      dmesg: msg,
      explain: how,
    });
    this.drawCrashReserved(w);
    this.crash = { outcome: 'reserved', ...w, message: msg, detail: how };
  }

  private crashFailed(message: string, detail: string, w?: Range): void {
    this.ev({
      phase: 'crashkernel',
      kind: 'crashkernel',
      ...(w ?? {}),
      label: 'crashkernel reservation failed',
      owner: 'crashkernel',
      fn: 'reserve_crashkernel',
      src: this.src.setup,
      dmesg: message,
      explain: detail,
    });
    this.crash = { outcome: 'failed', message, detail };
  }

  /** What setupNode will still need in each node after an early crashkernel reservation. */
  private laterNeeds(): { span: Range; size: number; align: number; label: string }[] {
    return this.plannedNodes().flatMap((n) => {
      const span = { start: Math.ceil(n.start / ZONE_ALIGN) * ZONE_ALIGN, end: n.end };
      const needs = [
        {
          span,
          size: this.s.kernel.pgdatSize,
          align: SMP_CACHE_BYTES,
          label: `node ${n.node}'s NODE_DATA`,
        },
      ];
      const pages = bootmapPages(pfnDown(span.end) - pfnDown(span.start)) * PAGE_SIZE;
      if (this.gen === '2.6.33')
        needs.push({
          span,
          size: pages,
          align: PAGE_SIZE,
          label: `node ${n.node}'s bootmem bitmap`,
        });
      return needs;
    });
  }

  /** 2.6.33/2.6.34 reserve_crashkernel: find_e820_area + reserve_early("CRASH KERNEL"), before NUMA. */
  private reserveCrashEarly(): void {
    const early = this.early.entries.map((e) => ({
      start: e.start,
      end: e.end,
      label: e.name,
      owner: ownerOf(e.name),
    }));
    this.probeCrash(
      {
        spans: [{ start: 0, end: this.endPfn * PAGE_SIZE, label: 'RAM' }],
        checked: true,
        align: MiB,
        automatic: true,
        later: this.laterNeeds(),
      },
      early,
    );
    const req = this.crashRequest();
    if (!req) return;
    const { size, base, ram } = req;
    if (!base) {
      const f = this.early.findArea(
        this.e820,
        CRASH_ALIGN,
        Number.MAX_SAFE_INTEGER,
        size,
        CRASH_ALIGN,
      );
      if (f.addr === null)
        return this.crashFailed(
          'crashkernel reservation failed - No suitable area found.',
          `No 16 MiB-aligned ${humanSize(size)} is free of early reservations.`,
        );
      this.early.reserve(f.addr, f.addr + size, 'CRASH KERNEL');
      return this.crashReserved(
        { start: f.addr, end: f.addr + size },
        ram,
        `The lowest 16 MiB-aligned free range: ${f.trace.join('; ')}. It joins early_res before NUMA setup, so nothing placed later can land in it.`,
      );
    }
    const w = { start: base, end: base + size };
    const f = this.early.findArea(this.e820, base, Number.MAX_SAFE_INTEGER, size, MiB);
    if (f.addr !== base) {
      const who = this.early.overlapped(w.start, w.end);
      return this.crashFailed(
        'crashkernel reservation failed - memory is in use.',
        `find_e820_area from ${hex(base)} did not return ${hex(base)}${who ? `: ${who.name} ${describe(who)} is there` : ''}.`,
        w,
      );
    }
    this.early.reserve(w.start, w.end, 'CRASH KERNEL');
    this.crashReserved(
      w,
      ram,
      `${describe(w)} is free of early reservations; it joins early_res before NUMA setup, so the bitmaps placed later step around it.`,
    );
  }

  /** 2.6.27 reserve_crashkernel: after NUMA, reserve_bootmem_generic(..., BOOTMEM_EXCLUSIVE). */
  private reserveCrashExclusive(): void {
    this.probeCrash({
      spans: [{ start: 0, end: this.endPfn * PAGE_SIZE, label: 'RAM' }],
      checked: true,
      align: PAGE_SIZE,
      automatic: true,
    });
    const req = this.crashRequest();
    if (!req) return;
    const { size, base, ram } = req;
    if (base) {
      const w = { start: base, end: base + size };
      const busy = this.exclusive(w);
      if (busy === null)
        return this.crashReserved(
          w,
          ram,
          `The whole window was free in the bitmap, so the exclusive reservation succeeded.`,
        );
      return this.crashFailed(
        'crashkernel reservation failed - memory is in use',
        `BOOTMEM_EXCLUSIVE found ${busy} already reserved in the window, undid its bits and returned -EBUSY.`,
        w,
      );
    }
    // find_and_reserve_crashkernel: find_e820_area knows only early_res; on -EBUSY try 16 MiB further.
    for (let start = 0; ; start += CRASH_ALIGN) {
      const f = this.early.findArea(this.e820, start, Number.MAX_SAFE_INTEGER, size, CRASH_ALIGN);
      if (f.addr === null)
        return this.crashFailed(
          'crashkernel reservation failed. No suitable area found.',
          'No 16 MiB-aligned window both free of early_res and of bootmem reservations.',
        );
      const w = { start: f.addr, end: f.addr + size };
      if (this.exclusive(w) === null)
        return this.crashReserved(
          w,
          ram,
          `find_and_reserve_crashkernel stepped in 16 MiB steps until an exclusive reservation succeeded at ${hex(w.start)}.`,
        );
      start = f.addr;
    }
  }

  /**
   * reserve_bootmem_generic(..., BOOTMEM_EXCLUSIVE) (v2.6.27 arch/x86/mm/init_64.c): one node's
   * bitmap when the window is inside it, else mark_bootmem across nodes, which undoes the
   * nodes already marked when a later one fails. Null on success, else what was in the way.
   */
  private exclusive(w: Range): string | null {
    if (nodeOf(this.nodes, w.start) < 0 || pfnDown(w.start) >= this.endPfn)
      return 'memory outside RAM';
    const parts = this.nodes
      .filter((n) => n.start < w.end && n.end > w.start)
      .map((n) => ({
        node: n.node,
        start: Math.max(w.start, n.start),
        end: Math.min(w.end, n.end),
      }));
    const done: typeof parts = [];
    for (const p of parts) {
      const busy = this.bootmemReserve(p.node, p, 'crashkernel', 'crashkernel', true);
      if (busy.length === 0) {
        done.push(p);
        continue;
      }
      for (const d of done) {
        (this.bdata.get(d.node) as BootmemCore).free(d.start, d.end - d.start);
        this.rec.bits(d.node, 'clear', { start: pfnDown(d.start), end: pfnUp(d.end) });
        this.claims.pop();
      }
      const taken = this.claims
        .filter((c) => busy.some((b) => b.start < c.pages.end && b.end > c.pages.start))
        .map((c) => c.label);
      return `${setScale(busy, PAGE_SIZE).map(describe).join(', ')}${taken.length ? ` (${[...new Set(taken)].join(', ')})` : ''}`;
    }
    return null;
  }

  /** mem_init: free_all_bootmem per node, or (NO_BOOTMEM) RAM minus early_res. */
  private memInit(): void {
    if (this.gen === '2.6.34') {
      const ram = setScale(normalize([...this.active.values()].flat()), PAGE_SIZE);
      const free = this.early
        .subtractFrom(ram)
        .map((r) => ({ start: pageAlign(r.start), end: Math.floor(r.end / PAGE_SIZE) * PAGE_SIZE }))
        .filter((r) => r.end > r.start);
      const lines = [
        `Subtract (${this.early.entries.length} early reservations)`,
        ...this.early
          .sorted()
          .map(
            (e, i) =>
              `  #${i} [${hexPad(e.start, 10)} - ${hexPad(e.end, 10)}] ${e.name.padStart(16)}`,
          ),
      ];
      const bytes = free.reduce((t, r) => t + r.end - r.start, 0);
      this.ev({
        phase: 'retire',
        kind: 'free-all',
        end: this.endPfn * PAGE_SIZE,
        label: 'RAM minus early_res to the page allocator',
        owner: 'page-allocator',
        fn: 'free_all_memory_core_early',
        src: 'v2.6.34:mm/page_alloc.c',
        explain: `With no bitmap, mem_init frees every active range minus the early reservations: ${humanSize(bytes)}.`,
        dmesg: lines.join('\n'),
      });
      for (const n of this.nodes)
        this.toBuddy(
          n.node,
          free.filter((r) => r.start >= n.start && r.start < n.end),
        );
      return;
    }
    for (const n of this.nodes) {
      const core = this.bdata.get(n.node);
      if (!core) continue;
      const fa = core.freeAll();
      const freed = fa.free.reduce((t, r) => t + r.end - r.start, 0);
      this.ev({
        phase: 'retire',
        kind: 'free-all',
        start: n.start,
        end: n.end,
        node: n.node,
        label: `node ${n.node}: free pages to the page allocator`,
        owner: 'page-allocator',
        fn: 'free_all_bootmem_core',
        src: SRC_BOOTMEM30,
        explain: `${freed} pages (${humanSize(freed * PAGE_SIZE)}) are freed: ${fa.order6Blocks} × 64 as blocks, ${fa.singlePages} one by one.`,
      });
      this.rec.bits(n.node, 'retire', { start: core.startPfn, end: core.lowPfn });
      this.toBuddy(n.node, setScale(fa.free, PAGE_SIZE));
      this.freeBitmap(n.node, fa.bitmap, this.bitmapRegions.get(n.node), SRC_BOOTMEM30);
    }
  }
}

/** The owner colour for an early_res name. */
function ownerOf(name: string): Owner {
  const map: Record<string, Owner> = {
    'BIOS data page': 'firmware',
    'BIOS reserved': 'firmware',
    SMP_TRAMPOLINE: 'trampoline',
    'TEXT DATA BSS': 'kernel',
    RAMDISK: 'initrd',
    PGTABLE: 'page-tables',
    NODE_DATA: 'node-data',
    BOOTMAP: 'bitmap',
    MEMNODEMAP: 'memnodemap',
    'CRASH KERNEL': 'crashkernel',
    'ACPI WAKEUP': 'acpi',
  };
  return map[name] ?? 'other';
}
