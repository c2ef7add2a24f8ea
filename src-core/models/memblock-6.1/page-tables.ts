/**
 * init_mem_mapping on 6.1 x86_64 with 4-level paging (v6.1 arch/x86/mm/init.c, init_64.c):
 * which direct-map page-table pages the kernel needs and where they come from. Pages come from
 * the brk buffer (early_alloc_pgt_buf, INIT_PGT_BUF_SIZE) while it lasts and while the range
 * being mapped does not overlap it; otherwise alloc_low_pages asks memblock for one page in the
 * already-mapped window [min_pfn_mapped, max_pfn_mapped). Mapping goes top-down in growing
 * steps (memory_map_top_down: first 2 MiB, then x256 each time) unless memblock is bottom-up.
 * Only the counts and the windows matter here; memblock decides each page's address.
 */
import { alignDown, alignUp, GiB, MiB, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { firstEndingAfter, setLength, setSubtract, setUnion, type Range } from '../../base/range';
import type { KernelRules } from '../../kernel/rules';
import { KernelPanic, type MemblockBoot } from './boot';

const SRC_INIT = 'v6.1:arch/x86/mm/init.c';
const PMD_SIZE = 2 * MiB;
const PUD_SIZE = GiB;
const PGDIR_SIZE = 512 * GiB;
/** What one PGD entry maps under 5-level paging (P4D_SIZE * PTRS_PER_P4D). */
const P4D_SPAN = 512 * PGDIR_SIZE;
const ISA_END_ADDRESS = MiB;

export interface PageTableConfig {
  /** INIT_PGT_BUF_SIZE in pages: 16 with CONFIG_X86_5LEVEL and CONFIG_RANDOMIZE_MEMORY (Debian), 6 with neither. */
  brkPages: number;
  /** How memory_map_top_down grows its step (rules.ts pgtStep: 3.9's x32, 3.18's x256). */
  step: KernelRules['pgtStep'];
  /** 5-level paging is in use (LA57): one P4D page per 256 TiB before the PUD pages. */
  la57: boolean;
  /** Where that buffer lies (inside brk, just below the kernel's _end). */
  brk: Range;
  /** _end: bottom-up mapping starts there. */
  kernelEnd: number;
  /** X86_FEATURE_GBPAGES: 1 GiB pages in the direct map (qemu64 has none). */
  gbPages: boolean;
  /** Memory KASLR is on (4.8+, no nokaslr): init_trampoline_kaslr takes its own pages. */
  kaslr: boolean;
}

interface MapRange {
  start: number;
  end: number;
  m2: boolean;
  m1: boolean;
}

class DirectMap {
  private readonly pgd = new Set<number>();
  /** 256 TiB slots that have a P4D page (5-level paging only). */
  private readonly p4d = new Set<number>();
  /** 1 GiB slots that have a PMD page, as address ranges: mapping fills them by long runs. */
  private pmdPages: Range[] = [];
  /** 2 MiB slots that have a PTE page (only edges mapped with 4 KiB entries get one). */
  private readonly pmd = new Set<number>();
  /** Page-table pages the mapping in progress needs (see initMemoryMapping). */
  private needed = 0;
  private brkNext: number;
  canUseBrk = true;
  minPfn = 0;
  maxPfn = 0;
  brkUsed = 0;
  memblockUsed = 0;
  readonly stepShift: number;

  constructor(
    private readonly boot: MemblockBoot,
    private readonly cfg: PageTableConfig,
  ) {
    this.brkNext = cfg.brk.start;
    this.stepShift = cfg.step.shift;
  }

  /**
   * init_trampoline_kaslr: with a randomized layout, the trampoline gets its own PUD page, and
   * a P4D page too under 5-level paging (v4.19 arch/x86/mm/kaslr.c).
   */
  trampolineKaslr(): void {
    this.allocLowPages(this.cfg.la57 ? 2 : 1);
  }

  /**
   * alloc_low_pages(1), `n` times: from the brk buffer while it lasts and may be used, then
   * from memblock, one page in the mapped window each time. Those requests are all alike, so
   * memblock answers them run by run.
   */
  private allocLowPages(n: number): void {
    const brkLeft = Math.max(0, Math.floor((this.cfg.brk.end - this.brkNext) / PAGE_SIZE));
    const fromBrk = this.canUseBrk ? Math.min(n, brkLeft) : 0;
    this.brkNext += fromBrk * PAGE_SIZE;
    this.brkUsed += fromBrk;
    const rest = n - fromBrk;
    if (!rest) return;
    let placed = 0;
    if (this.minPfn < this.maxPfn)
      placed = this.boot.allocMany(
        {
          fn: 'memblock_phys_alloc_range',
          caller: 'alloc_low_pages',
          size: PAGE_SIZE,
          align: PAGE_SIZE,
          from: this.minPfn * PAGE_SIZE,
          max: this.maxPfn * PAGE_SIZE,
          nid: -1,
        },
        rest,
        {
          phase: 'direct-map',
          label: 'page-table page',
          owner: 'page-tables',
          src: SRC_INIT,
          explain: this.canUseBrk
            ? 'The brk buffer for early page tables is used up, so the page comes from memblock, inside memory that is already mapped.'
            : 'The range being mapped overlaps the brk buffer, so the page comes from memblock, inside memory that is already mapped.',
        },
      );
    if (placed < rest) throw new KernelPanic('alloc_low_pages: can not alloc memory');
    this.memblockUsed += rest;
  }

  /** The 1 GiB slots of [from, to) that have no PMD page get one. */
  private addPmdPages(from: number, to: number): void {
    const slots = { start: alignDown(from, PUD_SIZE), end: alignUp(to, PUD_SIZE) };
    this.needed += setLength(setSubtract([slots], this.pmdPages)) / PUD_SIZE;
    this.pmdPages = setUnion(this.pmdPages, [slots]);
  }

  private hasPmdPage(slot: number): boolean {
    const r = this.pmdPages[firstEndingAfter(this.pmdPages, slot)];
    return r !== undefined && r.start <= slot;
  }

  /**
   * phys_pmd_init over one PMD page: returns paddr_last. With 2 MiB entries no page is needed
   * (a slot that already has a PTE page keeps it), so only the last slot is looked at; with
   * 4 KiB entries each 2 MiB slot without a PTE page gets one (a 2 MiB entry there is split).
   */
  private pmdInit(paddr: number, end: number, m2: boolean): number {
    const stop = Math.min(end, alignDown(paddr, PUD_SIZE) + PUD_SIZE);
    if (m2) {
      const lastSlot = Math.floor((stop - 1) / PMD_SIZE);
      const next = (lastSlot + 1) * PMD_SIZE;
      return this.pmd.has(lastSlot) ? Math.min(end, next) : next;
    }
    let last = end;
    for (let p = paddr; p < stop; p = alignDown(p, PMD_SIZE) + PMD_SIZE) {
      const slot = Math.floor(p / PMD_SIZE);
      if (!this.pmd.has(slot)) {
        this.needed++;
        this.pmd.add(slot);
      }
      last = Math.min(end, (slot + 1) * PMD_SIZE);
    }
    return last;
  }

  /**
   * phys_pud_init over one PUD page: returns paddr_last. Each 1 GiB slot needs a PMD page
   * unless a 1 GiB entry maps it (a 1 GiB entry in a slot that has one is split into it).
   * With 2 MiB entries, phys_pmd_init needs no page and only the last slot's answer counts,
   * so a whole run of slots is settled at once; 4 KiB entries only map unaligned edges (under
   * 2 MiB each), whose few 2 MiB slots are walked.
   */
  private pudInit(paddr: number, end: number, r: MapRange): number {
    const stop = Math.min(end, alignDown(paddr, PGDIR_SIZE) + PGDIR_SIZE);
    if (paddr >= stop) return end;
    const lastSlot = alignDown(stop - 1, PUD_SIZE);
    if (!r.m1) this.addPmdPages(paddr, stop);
    else if (!this.hasPmdPage(lastSlot)) return lastSlot + PUD_SIZE;
    if (r.m2) return this.pmdInit(Math.max(paddr, lastSlot), end, true);
    let last = end;
    for (let p = paddr; p < stop; p = alignDown(p, PUD_SIZE) + PUD_SIZE)
      last = this.pmdInit(p, end, false);
    return last;
  }

  /** kernel_physical_mapping_init for one map range: returns paddr_last. */
  private physicalMappingInit(r: MapRange): number {
    let last = r.end;
    for (let v = r.start; v < r.end; v = alignDown(v, PGDIR_SIZE) + PGDIR_SIZE) {
      // Under 5-level paging a PGD entry spans 256 TiB and points to a P4D page, whose
      // entries are the 512 GiB slots below (phys_p4d_init).
      const top = Math.floor(v / P4D_SPAN);
      if (this.cfg.la57 && !this.p4d.has(top)) {
        this.needed++;
        this.p4d.add(top);
      }
      const slot = Math.floor(v / PGDIR_SIZE);
      if (!this.pgd.has(slot)) {
        this.needed++;
        this.pgd.add(slot);
      }
      last = this.pudInit(v, r.end, r);
    }
    return last;
  }

  /** memblock_is_region_memory: the whole range inside one memory region. */
  private isMemory(start: number, end: number): boolean {
    return this.boot.mb.memory.regions.some((m) => m.base <= start && end <= m.base + m.size);
  }

  /** split_mem_range + adjust_range_page_size_mask + merging (x86_64). */
  private split(start: number, end: number): MapRange[] {
    const limit = pfnDown(end);
    const out: MapRange[] = [];
    const save = (s: number, e: number, m2: boolean, m1: boolean) => {
      if (s < e) out.push({ start: s * PAGE_SIZE, end: e * PAGE_SIZE, m2, m1 });
    };
    const pmdPfn = PMD_SIZE / PAGE_SIZE;
    const pudPfn = PUD_SIZE / PAGE_SIZE;
    let pfn = pfnDown(start);
    let e = Math.min(alignUp(pfn, pmdPfn), limit);
    if (pfn < e) {
      save(pfn, e, false, false);
      pfn = e;
    }
    let s = alignUp(pfn, pmdPfn);
    e = Math.min(alignUp(pfn, pudPfn), alignDown(limit, pmdPfn));
    if (s < e) {
      save(s, e, true, false);
      pfn = e;
    }
    s = alignUp(pfn, pudPfn);
    e = alignDown(limit, pudPfn);
    if (s < e) {
      save(s, e, true, this.cfg.gbPages);
      pfn = e;
    }
    s = alignUp(pfn, pmdPfn);
    e = alignDown(limit, pmdPfn);
    if (s < e) {
      save(s, e, true, false);
      pfn = e;
    }
    save(pfn, limit, false, false);
    for (const r of out) {
      if (!r.m2 && this.isMemory(alignDown(r.start, PMD_SIZE), alignUp(r.end, PMD_SIZE)))
        r.m2 = true;
      if (
        this.cfg.gbPages &&
        !r.m1 &&
        this.isMemory(alignDown(r.start, PUD_SIZE), alignUp(r.end, PUD_SIZE))
      )
        r.m1 = true;
    }
    for (let i = 0; i < out.length - 1; i++) {
      const a = out[i] as MapRange;
      const b = out[i + 1] as MapRange;
      if (a.end !== b.start || a.m2 !== b.m2 || a.m1 !== b.m1) continue;
      a.end = b.end;
      out.splice(i + 1, 1);
      i--;
    }
    return out;
  }

  /**
   * init_memory_mapping: map, then add_pfn_range_mapped. Every page table the mapping needs is
   * the same alloc_low_pages request in the same window, and nothing else touches memblock
   * meanwhile, so the pages are counted during the walk and asked for together after it.
   */
  initMemoryMapping(start: number, end: number): void {
    let ret = 0;
    for (const r of this.split(start, end)) ret = this.physicalMappingInit(r);
    this.allocLowPages(this.needed);
    this.needed = 0;
    this.maxPfn = Math.max(this.maxPfn, pfnDown(ret));
  }

  /** init_range_memory_mapping: the memory inside [rStart, rEnd), region by region. */
  initRangeMemoryMapping(rStart: number, rEnd: number): number {
    let mapped = 0;
    for (const m of this.boot.mb.memory.regions) {
      const clamp = (x: number) => Math.min(Math.max(x, rStart), rEnd);
      const start = clamp(pfnUp(m.base) * PAGE_SIZE);
      const end = clamp(pfnDown(m.base + m.size) * PAGE_SIZE);
      if (start >= end) continue;
      this.canUseBrk = Math.max(start, this.brkNext) >= Math.min(end, this.cfg.brk.end);
      this.initMemoryMapping(start, end);
      mapped += end - start;
      this.canUseBrk = true;
    }
    return mapped;
  }
}

/**
 * init_mem_mapping's page tables. Top-down, `realEnd` is the end of its 2 MiB probe. Returns
 * the end of the direct map (max_pfn_mapped << PAGE_SHIFT).
 */
export function mapDirectly(boot: MemblockBoot, cfg: PageTableConfig, realEnd: number): number {
  const dm = new DirectMap(boot, cfg);
  const end = boot.maxPfn * PAGE_SIZE;
  dm.initMemoryMapping(0, ISA_END_ADDRESS);
  if (cfg.kaslr) dm.trampolineKaslr();
  if (boot.mb.bottomUp) {
    bottomUp(dm, cfg.kernelEnd, end);
    bottomUp(dm, ISA_END_ADDRESS, cfg.kernelEnd);
  } else {
    dm.maxPfn = 0;
    dm.minPfn = pfnDown(realEnd);
    let last = realEnd;
    let step = PMD_SIZE;
    let mapped = 0;
    const grow = 2 ** cfg.step.shift;
    while (last > ISA_END_ADDRESS) {
      const start =
        last > step ? Math.max(alignDown(last - 1, step), ISA_END_ADDRESS) : ISA_END_ADDRESS;
      const now = dm.initRangeMemoryMapping(start, last);
      last = start;
      dm.minPfn = pfnDown(last);
      // 3.9-3.17: grow after a range larger than everything mapped before it (x32); 3.18 on:
      // once the total reaches the step (x256, get_new_step_size).
      if (cfg.step.grow === 'new-exceeds' ? now > mapped : mapped + now >= step) step *= grow;
      mapped += now;
    }
    if (realEnd < end) dm.initRangeMemoryMapping(realEnd, end);
  }
  boot.event({
    phase: 'direct-map',
    kind: 'page-tables',
    label: 'direct-map page tables',
    owner: 'page-tables',
    fn: 'init_mem_mapping',
    src: SRC_INIT,
    explain: `Mapping all RAM took ${dm.brkUsed + dm.memblockUsed} page-table page(s): ${dm.brkUsed} from the ${cfg.brkPages}-page brk buffer (already reserved with brk) and ${dm.memblockUsed} from memblock.`,
  });
  return dm.maxPfn * PAGE_SIZE;
}

/** memory_map_bottom_up: 2 MiB first, then x256, from start up to end. */
function bottomUp(dm: DirectMap, start: number, end: number): void {
  let step = PMD_SIZE;
  let mapped = 0;
  dm.minPfn = pfnDown(start);
  while (start < end) {
    const next = step && end - start > step ? Math.min(alignUp(start + 1, step), end) : end;
    mapped += dm.initRangeMemoryMapping(start, next);
    start = next;
    if (mapped >= step) step *= 2 ** dm.stepShift;
  }
}
