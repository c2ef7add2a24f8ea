/**
 * sparse_init on 6.1 x86_64 with SPARSEMEM_EXTREME and SPARSEMEM_VMEMMAP (v6.1 mm/sparse.c,
 * mm/sparse-vmemmap.c, arch/x86/mm/init_64.c): the mem_section root array, one root page per
 * 128 sections (sparse_index_alloc, on the node that first touches it), then for each run of
 * sections of one node its usemap (in the section that holds the node's pg_data_t), one buffer
 * for all of its struct pages (2 MiB per 128 MiB section, on the node only), and the vmemmap
 * page-table pages its struct pages need (4-level: a PUD page per 512 GiB of vmemmap, a PMD
 * page per 1 GiB). The struct pages themselves come from the buffer.
 */
import { GiB, MiB, PAGE_SIZE, pfnDown, pfnUp } from '../addr';
import { SMP_CACHE_BYTES } from '../memblock';
import { MAX_ARCH_PFN } from './e820-6.1';
import type { AllocRequest, MemblockBoot } from './memblock-boot';

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

/** vmemmap virtual offsets covered by one PUD page and by one PMD page (4-level paging). */
const VMEMMAP_PUD_SPAN = 512 * GiB;
const VMEMMAP_PMD_SPAN = GiB;

/**
 * Present sections in order, each with the node of the first memory region touching it. As
 * mminit_validate_memmodel_limits does, memory above MAX_PHYSMEM_BITS (46 with 4-level paging)
 * has no section: a machine described with petabytes of RAM must not make millions of them.
 */
function presentSections(boot: MemblockBoot): { section: number; nid: number }[] {
  const nidOf = new Map<number, number>();
  for (const m of boot.mb.memory.regions) {
    const start = pfnUp(m.base);
    const end = Math.min(pfnDown(m.base + m.size), MAX_ARCH_PFN);
    if (start >= end) continue;
    const first = Math.floor((start * PAGE_SIZE) / SECTION_SIZE);
    const last = Math.floor((end * PAGE_SIZE - 1) / SECTION_SIZE);
    for (let s = first; s <= last; s++) if (!nidOf.has(s)) nidOf.set(s, m.nid);
  }
  return [...nidOf.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([section, nid]) => ({ section, nid }));
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

export function sparseInit(boot: MemblockBoot): void {
  const b = SPARSE_BUILD;
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
  const roots = new Set<number>();
  for (const s of sections) {
    const root = Math.floor(s.section / b.sectionsPerRoot);
    if (roots.has(root)) continue;
    roots.add(root);
    alloc(
      boot,
      {
        fn: 'memblock_alloc_try_nid',
        caller: 'sparse_index_alloc',
        size: b.rootBytes,
        align: SMP_CACHE_BYTES,
        from: 0,
        max: 0,
        nid: s.nid,
      },
      `mem_section root ${root}`,
      `sparse_index_init: sections ${root * b.sectionsPerRoot}-${(root + 1) * b.sectionsPerRoot - 1} need their root page, asked on node ${s.nid}, the first to reach it.`,
    );
  }
  const mapped = { pud: new Set<number>(), pmd: new Set<number>() };
  for (let i = 0; i < sections.length;) {
    const nid = (sections[i] as { nid: number }).nid;
    let j = i;
    while (j < sections.length && (sections[j] as { nid: number }).nid === nid) j++;
    sparseInitNid(boot, sections.slice(i, j), mapped);
    i = j;
  }
}

/** sparse_init_nid for one node's run of sections. */
function sparseInitNid(
  boot: MemblockBoot,
  run: { section: number; nid: number }[],
  mapped: { pud: Set<number>; pmd: Set<number> },
): void {
  const b = SPARSE_BUILD;
  const nid = (run[0] as { nid: number }).nid;
  const count = run.length;
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
  for (const s of run) {
    const va = s.section * b.sectionMapBytes;
    const levels = [
      [mapped.pud, Math.floor(va / VMEMMAP_PUD_SPAN), 'PUD'],
      [mapped.pmd, Math.floor(va / VMEMMAP_PMD_SPAN), 'PMD'],
    ] as const;
    for (const [set, slot, what] of levels) {
      if (set.has(slot)) continue;
      set.add(slot);
      alloc(
        boot,
        {
          fn: 'memblock_alloc_try_nid_raw',
          caller: 'vmemmap_alloc_block_zero',
          size: PAGE_SIZE,
          align: PAGE_SIZE,
          from: MAX_DMA_ADDRESS,
          max: 0,
          nid,
        },
        `vmemmap ${what} page`,
        `vmemmap_populate_hugepages maps section ${s.section}'s struct pages with a 2 MiB entry; the vmemmap area there has no ${what} page yet.`,
        SRC_VMEMMAP,
      );
    }
    // Without the buffer, vmemmap_alloc_block_buf asks memblock for each 2 MiB block.
    if (buffer) continue;
    const own = alloc(
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
      `section ${s.section} struct pages`,
      "The node has no room for one buffer, so each section's struct pages are asked separately.",
      SRC_VMEMMAP,
    );
    if (!own)
      boot.event({
        phase: 'zones',
        kind: 'note',
        label: `section ${s.section}: no struct pages`,
        owner: 'sparse',
        fn: 'sparse_init_nid',
        src: SRC_SPARSE,
        explain: 'Its memory cannot be used.',
        dmesg: [
          `sparse_init_nid: node[${nid}] memory map backing failed. Some memory will not be available.`,
        ],
      });
  }
}
