/**
 * sparse_init on 6.1 x86_64 with SPARSEMEM_EXTREME and SPARSEMEM_VMEMMAP (v6.1 mm/sparse.c,
 * mm/sparse-vmemmap.c, arch/x86/mm/init_64.c): the mem_section root array, one root page per
 * 128 sections (sparse_index_alloc, on the node that first touches it), then for each run of
 * sections of one node its usemap (in the section that holds the node's pg_data_t), one buffer
 * for all of its struct pages (2 MiB per 128 MiB section, on the node only), and the vmemmap
 * page-table pages its struct pages need (4-level: a PUD page per 512 GiB of vmemmap, a PMD
 * page per 1 GiB). The struct pages themselves come from the buffer. Sections are handled as
 * runs, never one by one: 64 TiB has half a million of them, but only as many runs as memory
 * regions, and every run of identical requests goes to memblock at once.
 */
import { GiB, MiB, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { SMP_CACHE_BYTES } from '../../allocators/memblock/memblock';
import { MAX_ARCH_PFN } from './e820';
import type { AllocRequest, MemblockBoot } from './boot';

const SRC_SPARSE = 'v6.1:mm/sparse.c';
const SRC_VMEMMAP = 'v6.1:mm/sparse-vmemmap.c';
/** SECTION_SIZE_BITS 27 (v6.1 arch/x86/include/asm/sparsemem.h). */
const SECTION_SIZE = 128 * MiB;
/** __pa(MAX_DMA_ADDRESS): struct pages stay out of ZONE_DMA. */
const MAX_DMA_ADDRESS = 16 * MiB;

/**
 * Sizes of the Debian 6.1.0 amd64 build, as every oracle log shows them: the mem_section root
 * array (NR_SECTION_ROOTS pointers), a root of SECTIONS_PER_ROOT 32-byte struct mem_section,
 * mem_section_usage_size(), and section_map_size() (32768 struct pages of 64 bytes).
 */
export const SPARSE_BUILD = {
  rootArrayBytes: 32768,
  sectionsPerRoot: 128,
  rootBytes: 4096,
  usageBytes: 56,
  sectionMapBytes: 2 * MiB,
} as const;

/** 2^(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS) = 2^(46 - 27) sections with 4-level paging. */
const NR_MEM_SECTIONS = 2 ** 19;

/**
 * The root sizes for a build's sizeof(struct mem_section) (kernel/rules.ts buildFacts): a
 * 4 KiB root holds PAGE_SIZE / that many sections, and the root array one pointer per root.
 */
function sparseBuild(memSectionBytes: number) {
  const sectionsPerRoot = SPARSE_BUILD.rootBytes / memSectionBytes;
  return {
    ...SPARSE_BUILD,
    sectionsPerRoot,
    rootArrayBytes: (NR_MEM_SECTIONS / sectionsPerRoot) * 8,
  };
}

/** Sections whose struct pages one vmemmap PUD page (512 GiB of them) and PMD page (1 GiB) map. */
const SECTIONS_PER_PUD = (512 * GiB) / SPARSE_BUILD.sectionMapBytes;
const SECTIONS_PER_PMD = GiB / SPARSE_BUILD.sectionMapBytes;

/** Consecutive units [start, end) (pages, sections, roots) on node `nid`. */
interface Span {
  start: number;
  end: number;
  nid: number;
}

/**
 * The units of `per` smaller ones (sections of pages, roots of sections) that ascending spans
 * reach, from unit `from` on: a unit takes the node of the first span that reaches it, and
 * neighbouring units of one node join. Costs one step per span, never one per unit.
 */
function coarsen(spans: readonly Span[], per: number, from = 0): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.start >= s.end) continue;
    const prev = out[out.length - 1];
    const start = Math.max(Math.floor(s.start / per), prev ? prev.end : from);
    const end = Math.floor((s.end - 1) / per) + 1;
    if (start >= end) continue;
    if (prev && prev.end === start && prev.nid === s.nid) prev.end = end;
    else out.push({ start, end, nid: s.nid });
  }
  return out;
}

const spanLength = (spans: readonly Span[]): number =>
  spans.reduce((n, s) => n + s.end - s.start, 0);

/**
 * Present sections, each on the node of the first memory region touching it. As
 * mminit_validate_memmodel_limits does, memory above MAX_PHYSMEM_BITS (46 with 4-level paging)
 * has no section: a machine described with petabytes of RAM must not make millions of them.
 */
function presentSections(boot: MemblockBoot): Span[] {
  const pages = boot.mb.memory.regions
    .map((m) => ({
      start: pfnUp(m.base),
      end: Math.min(pfnDown(m.base + m.size), MAX_ARCH_PFN),
      nid: m.nid,
    }))
    .filter((p) => p.start < p.end);
  return coarsen(pages, SECTION_SIZE / PAGE_SIZE);
}

/** One sparse allocation: the request and the words for the timeline. */
function alloc(
  boot: MemblockBoot,
  req: AllocRequest,
  label: string,
  explain: string,
  src = SRC_SPARSE,
) {
  return boot.alloc(req, { phase: 'zones', label, owner: 'sparse', src, explain });
}

/**
 * `times` identical sparse requests, each one made as the kernel makes it: once one fails the
 * rest fail too (nothing is freed in between), and each failure is recorded; `failed(i)`
 * follows the i-th request's failure.
 */
function allocAll(
  boot: MemblockBoot,
  req: AllocRequest,
  times: number,
  text: { label: string; explain: string; src?: string },
  failed?: (i: number) => void,
): void {
  const e = { phase: 'zones' as const, owner: 'sparse' as const, ...text };
  for (let done = 0; done < times;) {
    done += boot.allocMany(req, times - done, e);
    if (done === times) break;
    failed?.(done);
    done++;
  }
}

export function sparseInit(boot: MemblockBoot): void {
  const b = sparseBuild(boot.kernel.build.memSectionBytes);
  const sections = presentSections(boot);
  if (!sections.length) return;
  alloc(
    boot,
    {
      fn: 'memblock_alloc_try_nid',
      caller: 'sparse_init',
      size: b.rootArrayBytes,
      align: SMP_CACHE_BYTES,
      from: 0,
      max: 0,
      nid: -1,
    },
    'mem_section roots',
    'memory_present: the first memory range allocates the array of mem_section root pointers.',
  );
  for (const r of coarsen(sections, b.sectionsPerRoot)) {
    const n = r.end - r.start;
    allocAll(
      boot,
      {
        fn: 'memblock_alloc_try_nid',
        caller: 'sparse_index_alloc',
        size: b.rootBytes,
        align: SMP_CACHE_BYTES,
        from: 0,
        max: 0,
        nid: r.nid,
      },
      n,
      {
        label:
          n === 1 ? `mem_section root ${r.start}` : `mem_section roots ${r.start}-${r.end - 1}`,
        explain: `sparse_index_init: sections ${r.start * b.sectionsPerRoot}-${r.end * b.sectionsPerRoot - 1} need ${n === 1 ? 'their root page' : `${n} root pages, one per ${b.sectionsPerRoot} sections`}, asked on node ${r.nid}, the first to reach ${n === 1 ? 'it' : 'them'}.`,
      },
    );
  }
  // sparse_init_nid for each run of sections of one node.
  const mapped = { pud: 0, pmd: 0 };
  for (let i = 0; i < sections.length;) {
    const nid = (sections[i] as Span).nid;
    let j = i;
    while (j < sections.length && (sections[j] as Span).nid === nid) j++;
    sparseInitNid(boot, sections.slice(i, j), mapped);
    i = j;
  }
}

/**
 * A node's sections cut where a vmemmap PMD page begins, each piece with the page-table pages
 * its first section is the first to need. `mapped` holds the first PUD and PMD slots not
 * reached yet: sections come in ascending order, so every slot below was mapped or never will be.
 */
function vmemmapPieces(
  run: readonly Span[],
  mapped: { pud: number; pmd: number },
): { start: number; end: number; pages: number }[] {
  const out = [];
  for (const s of run)
    for (let a = s.start; a < s.end;) {
      const pmd = Math.floor(a / SECTIONS_PER_PMD);
      const pud = Math.floor(a / SECTIONS_PER_PUD);
      const end = Math.min(s.end, (pmd + 1) * SECTIONS_PER_PMD);
      out.push({ start: a, end, pages: Number(pud >= mapped.pud) + Number(pmd >= mapped.pmd) });
      mapped.pud = pud + 1;
      mapped.pmd = pmd + 1;
      a = end;
    }
  return out;
}

/** sparse_init_nid for one node's run of sections. */
function sparseInitNid(
  boot: MemblockBoot,
  run: readonly Span[],
  mapped: { pud: number; pmd: number },
): void {
  const b = SPARSE_BUILD;
  const nid = (run[0] as Span).nid;
  const count = spanLength(run);
  // sparse_early_usemaps_alloc_pgdat_section: in pg_data_t's section, then anywhere.
  const goal = Math.floor((boot.nodeData.get(nid) ?? 0) / SECTION_SIZE) * SECTION_SIZE;
  const region = boot.mb.memory.regions.find((m) => m.base <= goal && goal < m.base + m.size);
  const usemap: AllocRequest = {
    fn: 'memblock_alloc_try_nid',
    caller: 'sparse_init_nid',
    size: b.usageBytes * count,
    align: SMP_CACHE_BYTES,
    from: goal,
    max: goal + SECTION_SIZE,
    nid: region ? region.nid : nid,
  };
  const why = `node ${nid}'s usemap for ${count} section(s) is asked in the 128 MiB section that holds its pg_data_t, so the two stay together.`;
  const usage =
    alloc(boot, usemap, `node ${nid} usemap`, why) ||
    alloc(
      boot,
      { ...usemap, max: 0 },
      `node ${nid} usemap`,
      `${why} That section is full: the limit is dropped.`,
    );
  if (!usage) {
    boot.event({
      phase: 'zones',
      kind: 'note',
      label: `node ${nid}: no usemap`,
      owner: 'sparse',
      fn: 'sparse_init_nid',
      src: SRC_SPARSE,
      explain: "Without a usemap the node's sections are left out of the memory map.",
      dmesg: [`sparse_init_nid: node[${nid}] usemap allocation failed`],
    });
    return;
  }
  const buffer = alloc(
    boot,
    {
      fn: 'memblock_alloc_exact_nid_raw',
      caller: 'sparse_init_nid',
      size: b.sectionMapBytes * count,
      align: 2 * MiB,
      from: MAX_DMA_ADDRESS,
      max: 0,
      nid,
    },
    `node ${nid} struct pages`,
    `sparse_buffer_init: the struct pages of ${count} section(s), ${b.sectionMapBytes / MiB} MiB each, in one block on node ${nid} only, above ZONE_DMA.`,
  );
  const pieces = vmemmapPieces(run, mapped);
  if (!buffer) {
    populateOneByOne(boot, nid, pieces);
    return;
  }
  // vmemmap_populate_hugepages maps the struct pages with 2 MiB entries from the buffer; its
  // page-table pages are all the same request, so they are asked for together.
  const pages = pieces.reduce((n, p) => n + p.pages, 0);
  allocAll(boot, vmemmapPage(nid), pages, {
    label: 'vmemmap page-table page',
    explain: `vmemmap_populate_hugepages maps the struct pages of node ${nid}'s ${count} section(s) with 2 MiB entries; the vmemmap area needs a PUD page per 512 GiB and a PMD page per GiB of them, ${pages} not there yet.`,
    src: SRC_VMEMMAP,
  });
}

/** vmemmap_alloc_block_zero: one page of the vmemmap's page tables. */
const vmemmapPage = (nid: number): AllocRequest => ({
  fn: 'memblock_alloc_try_nid_raw',
  caller: 'vmemmap_alloc_block_zero',
  size: PAGE_SIZE,
  align: PAGE_SIZE,
  from: MAX_DMA_ADDRESS,
  max: 0,
  nid,
});

/**
 * Without the buffer, vmemmap_alloc_block_buf asks memblock for each section's 2 MiB block,
 * after the page-table pages that section needs: piece by piece, the pages, then the blocks.
 */
function populateOneByOne(
  boot: MemblockBoot,
  nid: number,
  pieces: readonly { start: number; end: number; pages: number }[],
): void {
  const b = SPARSE_BUILD;
  for (const p of pieces) {
    allocAll(boot, vmemmapPage(nid), p.pages, {
      label: 'vmemmap page-table page',
      explain: `vmemmap_populate_hugepages maps section ${p.start}'s struct pages with a 2 MiB entry; the vmemmap area there has no PUD or PMD page yet.`,
      src: SRC_VMEMMAP,
    });
    const n = p.end - p.start;
    allocAll(
      boot,
      {
        fn: 'memblock_alloc_try_nid_raw',
        caller: 'vmemmap_alloc_block',
        size: b.sectionMapBytes,
        align: b.sectionMapBytes,
        from: MAX_DMA_ADDRESS,
        max: 0,
        nid,
      },
      n,
      {
        label:
          n === 1
            ? `section ${p.start} struct pages`
            : `sections ${p.start}-${p.end - 1} struct pages`,
        explain:
          "The node has no room for one buffer, so each section's struct pages are asked separately.",
        src: SRC_VMEMMAP,
      },
      (i) =>
        boot.event({
          phase: 'zones',
          kind: 'note',
          label: `section ${p.start + i}: no struct pages`,
          owner: 'sparse',
          fn: 'sparse_init_nid',
          src: SRC_SPARSE,
          explain: 'Its memory cannot be used.',
          dmesg: [
            `sparse_init_nid: node[${nid}] memory map backing failed. Some memory will not be available.`,
          ],
        }),
    );
  }
}
