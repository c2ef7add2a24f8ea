/**
 * NUMA emulation, `numa=fake=` (v6.1 arch/x86/mm/numa_emulation.c numa_emulation, called by
 * numa_init in arch/x86/mm/numa.c after numa_cleanup_meminfo): the nodes the firmware gave (or
 * the one dummy node) are cut into fake nodes before numa_register_memblks, so node ranges,
 * NODE_DATA and every per-node allocation after it follow the fake nodes.
 *
 * Three forms, as numa_emulation reads the string: `N` splits all RAM into N nodes of equal
 * present memory (split_nodes_interleave), `<size>[MG]` makes nodes of that size
 * (split_nodes_size_interleave), `NU` splits each physical node into N (the uniform form,
 * split_nodes_size_interleave_uniform). Sizes count present pages: holes (mem_hole_size) do not
 * make a node bigger.
 */
import { hexAlt, MiB, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import type { Range } from '../../base/range';
import { MAX_NUMNODES, type MemblockRegion } from '../../allocators/memblock/memblock';
import type { FakeSpec } from '../../input/numa';

/** A numa_meminfo block. */
export interface Blk extends Range {
  nid: number;
}

/** FAKE_NODE_MIN_SIZE (v6.1 arch/x86/include/asm/numa.h): fake nodes grow in 32 MiB steps. */
export const FAKE_NODE_MIN_SIZE = 32 * MiB;
/** NR_NODE_MEMBLKS = MAX_NUMNODES * 2 (v6.1 arch/x86/mm/numa_internal.h). */
const NR_NODE_MEMBLKS = MAX_NUMNODES * 2;
const DMA32_END = 4096 * MiB;

/** Pages of memblock.memory inside [s, e) pfns, of one node or of all (-1). */
export function presentPages(
  memory: readonly MemblockRegion[],
  nid: number,
  s: number,
  e: number,
): number {
  let n = 0;
  for (const m of memory) {
    if (nid >= 0 && m.nid !== nid) continue;
    const a = Math.max(pfnUp(m.base), s);
    const b = Math.min(pfnDown(m.base + m.size), e);
    if (b > a) n += b - a;
  }
  return n;
}

/** mem_hole_size: bytes of [start, end) not in memblock.memory, in whole pages. */
function holeSize(memory: readonly MemblockRegion[], start: number, end: number): number {
  const s = pfnUp(start);
  const e = pfnDown(end);
  return s >= e ? 0 : (e - s - presentPages(memory, -1, s, e)) * PAGE_SIZE;
}

export interface Emulation {
  /** The fake nodes' blocks, or null when emulation failed and the physical nodes stay. */
  blocks: Blk[] | null;
  lines: string[];
  /** Highest fake node id: numa_alloc_distance sizes its table from it. */
  maxNid: number;
}

/** Working state of one emulation: the physical blocks being consumed and the fake ones. */
class Splitter {
  readonly ei: Blk[] = [];
  readonly lines: string[] = [];
  readonly pi: Blk[];
  failed = false;

  constructor(
    physical: readonly Blk[],
    readonly memory: readonly MemblockRegion[],
  ) {
    this.pi = physical.map((b) => ({ ...b }));
  }

  hole(start: number, end: number): number {
    return holeSize(this.memory, start, end);
  }

  physNodes(): number[] {
    return [...new Set(this.pi.map((b) => b.nid))].sort((a, b) => a - b);
  }

  /** emu_setup_memblk: the fake block is the first `size` bytes of physical block `i`. */
  setup(nid: number, i: number, size: number): boolean {
    if (this.ei.length >= NR_NODE_MEMBLKS) {
      this.lines.push('NUMA: Too many emulated memblks, failing emulation');
      this.failed = true;
      return false;
    }
    const pb = this.pi[i] as Blk;
    const eb = { start: pb.start, end: pb.start + size, nid };
    this.ei.push(eb);
    pb.start += size;
    if (pb.start >= pb.end) this.pi.splice(i, 1);
    this.lines.push(
      `Faking node ${nid} at [mem ${hexAlt(eb.start, 18)}-${hexAlt(eb.end - 1, 18)}] (${Math.floor(size / MiB)}MB)`,
    );
    return true;
  }

  /**
   * The round-robin both interleave functions share: each pass gives every physical node in
   * `mask` one fake node, until they are used up. Returns the next fake nid, or -1.
   */
  fill(
    mask: number[],
    firstNid: number,
    nodes: number,
    nextEnd: (start: number, limit: number, nid: number) => number,
  ): number {
    let nid = firstNid;
    while (mask.length) {
      for (const p of mask) {
        const i = this.pi.findIndex((b) => b.nid === p);
        if (i < 0) {
          mask = mask.filter((x) => x !== p);
          continue;
        }
        const { start, end: limit } = this.pi[i] as Blk;
        const end = nextEnd(start, limit, nid);
        if (!this.setup(nid++ % nodes, i, Math.min(end, limit) - start)) return -1;
      }
    }
    return nid;
  }

  /** The DMA32 and end-of-node rules both interleave functions apply to a candidate end. */
  clamp(end: number, limit: number, size: number, extendToLimit: boolean): number {
    if (end < DMA32_END && DMA32_END - end - this.hole(end, DMA32_END) < FAKE_NODE_MIN_SIZE)
      end = DMA32_END;
    if (extendToLimit && limit - end - this.hole(end, limit) < size) end = limit;
    return end;
  }
}

/** split_nodes_interleave: N nodes of equal present memory over [0, max). */
function splitInterleave(sp: Splitter, maxAddr: number, n: number): boolean {
  if (n <= 0) return false;
  if (n > MAX_NUMNODES) {
    sp.lines.push(`numa=fake=${n} too large, reducing to ${MAX_NUMNODES}`);
    n = MAX_NUMNODES;
  }
  let size = Math.floor(pfnDown(maxAddr - sp.hole(0, maxAddr)) / n) * PAGE_SIZE;
  const big = Math.floor(((size % FAKE_NODE_MIN_SIZE) * n) / FAKE_NODE_MIN_SIZE);
  size -= size % FAKE_NODE_MIN_SIZE;
  if (!size) {
    sp.lines.push('Not enough memory for each node.  NUMA emulation disabled.');
    return false;
  }
  const next = sp.fill(sp.physNodes(), 0, n, (start, limit, nid) => {
    let end = start + size + (nid < big ? FAKE_NODE_MIN_SIZE : 0);
    while (end - start - sp.hole(start, end) < size) {
      end += FAKE_NODE_MIN_SIZE;
      if (end > limit) {
        end = limit;
        break;
      }
    }
    return sp.clamp(end, limit, size, true);
  });
  return next >= 0;
}

/** find_end_of_node: the end giving `size` of present memory, or max. */
function endOfNode(sp: Splitter, start: number, max: number, size: number): number {
  let end = start + size;
  while (end - start - sp.hole(start, end) < size) {
    end += FAKE_NODE_MIN_SIZE;
    if (end > max) return max;
  }
  return end;
}

/**
 * split_nodes_size_interleave_uniform: nodes of `size` over every physical node (uniform:
 * `n` nodes out of one physical block, holes ignored). Returns the next fake nid, or -1.
 */
function splitSize(
  sp: Splitter,
  addr: number,
  maxAddr: number,
  size: number,
  uniformN: number,
  firstNid: number,
): number {
  if ((!size && !uniformN) || (uniformN && !sp.pi.length)) return -1;
  const uniform = uniformN > 0;
  const nodes = uniform ? uniformN : MAX_NUMNODES;
  const hole = uniform ? 0 : sp.hole(addr, maxAddr);
  let minSize = Math.floor((pfnDown(maxAddr) - pfnDown(addr) - pfnDown(hole)) / nodes) * PAGE_SIZE;
  if (uniform) size = minSize;
  minSize =
    Math.ceil(Math.max(minSize, FAKE_NODE_MIN_SIZE) / FAKE_NODE_MIN_SIZE) * FAKE_NODE_MIN_SIZE;
  if (size < minSize) {
    sp.lines.push(
      `Fake node size ${Math.floor(size / MiB)}MB too small, increasing to ${Math.floor(minSize / MiB)}MB`,
    );
    size = minSize;
  }
  size -= size % FAKE_NODE_MIN_SIZE;
  const mask = uniform ? [(sp.pi[0] as Blk).nid] : sp.physNodes();
  return sp.fill(mask, firstNid, MAX_NUMNODES, (start, limit) =>
    sp.clamp(uniform ? start + size : endOfNode(sp, start, limit, size), limit, size, !uniform),
  );
}

/** numa_emulation's node part: the fake blocks, or null (no_emu) with what it printed. */
export function emulateNodes(
  physical: readonly Blk[],
  memory: readonly MemblockRegion[],
  maxPfn: number,
  spec: FakeSpec,
): Emulation {
  const sp = new Splitter(physical, memory);
  const maxAddr = maxPfn * PAGE_SIZE;
  let ok: boolean;
  if (spec.form === 'uniform') {
    let nid = 0;
    ok = true;
    const physical = sp.physNodes().length;
    for (let k = 0; k < physical; k++) {
      // blk[0] each time: emu_setup_memblk removes consumed blocks from the front.
      const b = sp.pi[0] as Blk;
      const next = splitSize(sp, b.start, b.end, 0, spec.n, nid);
      if (next < 0) {
        ok = false;
        break;
      }
      if (next - nid < spec.n) {
        sp.lines.push(
          `numa_emulation: phys: ${b.nid} only got ${next - nid} of ${spec.n} nodes, failing`,
        );
        ok = false;
        break;
      }
      nid = next;
    }
  } else if (spec.form === 'size') ok = splitSize(sp, 0, maxAddr, spec.size, 0, 0) >= 0;
  else ok = splitInterleave(sp, maxAddr, spec.n);
  if (!ok || sp.failed) return { blocks: null, lines: sp.lines, maxNid: 0 };
  return { blocks: sp.ei, lines: sp.lines, maxNid: Math.max(...sp.ei.map((b) => b.nid)) };
}
