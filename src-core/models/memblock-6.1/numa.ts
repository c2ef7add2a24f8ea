/**
 * initmem_init on 6.1 x86_64 (arch/x86/mm/numa.c x86_numa_init, numa_init,
 * numa_cleanup_meminfo, numa_register_memblks, numa_clear_kernel_node_hotplug,
 * numa_meminfo_cover_memory, alloc_node_data; drivers/acpi/numa/srat.c for the SRAT lines):
 * nodes from the SRAT, or one fake node, cut into fake nodes by numa=fake (numa-emulation.ts);
 * memblock learns each region's node; NODE_DATA goes to the top of its node; memblock is set
 * back to top-down.
 */
import { hexAlt, humanSize, MiB, PAGE_SIZE, pfnDown } from '../../base/addr';
import {
  MAX_NUMNODES,
  MEMBLOCK_HOTPLUG,
  SMP_CACHE_BYTES,
  type MemblockRegion,
} from '../../allocators/memblock/memblock';
import type { Range } from '../../base/range';
import type { SratBlock } from '../../input/scenario-6.1';
import type { MemblockBoot } from './boot';
import { numaFakeText, parseNumaFake } from '../../input/numa';
import { emulateNodes, presentPages, type Blk } from './numa-emulation';

const SRC_NUMA = 'v6.1:arch/x86/mm/numa.c';
const SRC_SRAT = 'v6.1:drivers/acpi/numa/srat.c';

const mem10 = (r: Range) => `[mem ${hexAlt(r.start, 10)}-${hexAlt(r.end - 1, 10)}]`;

/**
 * numa_cleanup_meminfo: blocks with no memblock.memory move out; blocks are cut at max_pfn;
 * blocks of one node merge when no other node's block lies between them. Returns the blocks
 * and the lines it prints, or an error line when two nodes overlap.
 */
export function cleanupMeminfo(
  blocks: readonly Blk[],
  memory: readonly MemblockRegion[],
  maxPfn: number,
): { blocks: Blk[]; lines: string[]; error?: string } {
  const high = maxPfn * PAGE_SIZE;
  const hasMemory = (b: Range) => memory.some((m) => m.base < b.end && b.start < m.base + m.size);
  const mi = blocks
    .filter(hasMemory)
    .map((b) => ({ ...b, end: Math.min(b.end, high) }))
    .filter((b) => b.start < b.end);
  const lines: string[] = [];
  for (let i = 0; i < mi.length; i++) {
    for (let j = i + 1; j < mi.length; j++) {
      const bi = mi[i] as Blk;
      const bj = mi[j] as Blk;
      if (bi.end > bj.start && bi.start < bj.end && bi.nid !== bj.nid)
        return {
          blocks: mi,
          lines,
          error: `node ${bi.nid} ${mem10(bi)} overlaps with node ${bj.nid} ${mem10(bj)}`,
        };
      if (bi.nid !== bj.nid) continue;
      const start = Math.min(bi.start, bj.start);
      const end = Math.max(bi.end, bj.end);
      if (mi.some((bk) => bk.nid !== bi.nid && start < bk.end && end > bk.start)) continue;
      lines.push(`NUMA: Node ${bi.nid} ${mem10(bi)} + ${mem10(bj)} -> ${mem10({ start, end })}`);
      bi.start = start;
      bi.end = end;
      mi.splice(j--, 1);
    }
  }
  return { blocks: mi, lines };
}

/** numa_meminfo_cover_memory: the nodes must hold all but 1 MiB of the RAM below max_pfn. */
function coverLine(boot: MemblockBoot, mi: readonly Blk[]): string | null {
  const memory = boot.mb.memory.regions;
  let numaram = 0;
  for (const b of mi) numaram += presentPages(memory, b.nid, pfnDown(b.start), pfnDown(b.end));
  const e820ram = presentPages(memory, -1, 0, boot.maxPfn);
  if (e820ram - numaram < MiB / PAGE_SIZE) return null;
  const mb = (p: number) => Math.floor((p * PAGE_SIZE) / MiB);
  return `NUMA: nodes only cover ${mb(numaram)}MB of your ${mb(e820ram)}MB e820 RAM. Not used.`;
}

/** numa_init(init_func) for the SRAT, or null when it fails and the fake node must be used. */
function numaInitSrat(boot: MemblockBoot, srat: readonly SratBlock[]): Blk[] | null {
  const { mb } = boot;
  resetNodes(boot);
  const lines = srat.map(
    (b) =>
      `ACPI: SRAT: Node ${b.node} PXM ${b.pxm ?? b.node} ${mem10(b)}${b.hotplug ? ' hotplug' : ''}`,
  );
  for (const b of srat) if (b.hotplug) mb.setFlag(b.start, b.end - b.start, MEMBLOCK_HOTPLUG, true);
  mb.bottomUp = false;
  const clean = cleanupMeminfo(
    srat.map((b) => ({ start: b.start, end: b.end, nid: b.node })),
    mb.memory.regions,
    boot.maxPfn,
  );
  lines.push(...clean.lines);
  if (clean.error) lines.push(clean.error);
  boot.event({
    phase: 'numa',
    kind: 'srat',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: 'SRAT memory affinity',
    owner: 'numa',
    fn: 'acpi_numa_memory_affinity_init',
    src: SRC_SRAT,
    explain: `The SRAT gives ${srat.length} memory range(s) to ${new Set(srat.map((b) => b.node)).size} node(s). numa_cleanup_meminfo cuts them at max_pfn and joins a node's blocks when no other node lies between them.`,
    dmesg: lines,
  });
  if (boot.s.machine.slit && boot.kernel.rules.numaDistance)
    allocDistance(
      boot,
      Math.max(...srat.map((b) => b.node)) + 1,
      "The firmware's SLIT gives node distances",
    );
  if (clean.error || clean.blocks.length === 0) return null;
  const mi = fakeNodes(boot, clean.blocks);
  registerBlocks(boot, mi);
  const cover = coverLine(boot, mi);
  if (cover) {
    boot.event({
      phase: 'numa',
      kind: 'numa-rejected',
      label: 'SRAT nodes rejected',
      owner: 'numa',
      fn: 'numa_meminfo_cover_memory',
      src: SRC_NUMA,
      explain:
        'The SRAT nodes leave more than 1 MiB of RAM without a node, so the kernel falls back to one fake node.',
      dmesg: [cover],
    });
    return null;
  }
  return mi;
}

/**
 * numa_alloc_distance (v6.1 arch/x86/mm/numa.c), on the first numa_set_distance: one byte per
 * pair of nodes up to the highest, page-aligned, below max_pfn_mapped. Top-down it takes the
 * top page of RAM, so NODE_DATA of the top node lands one page lower. Called for the SLIT
 * (acpi_numa_init parses it right after the SRAT) and for numa=fake's rebuilt table.
 */
function allocDistance(boot: MemblockBoot, cnt: number, why: string): void {
  const addr = boot.alloc(
    {
      fn: 'memblock_phys_alloc_range',
      caller: 'numa_alloc_distance',
      size: cnt * cnt,
      align: PAGE_SIZE,
      from: 0,
      max: boot.mb.currentLimit,
      nid: -1,
    },
    {
      phase: 'numa',
      label: 'NUMA distance table',
      owner: 'numa',
      src: SRC_NUMA,
      explain: `${why}: numa_alloc_distance asks for the ${cnt}×${cnt} table (${cnt * cnt} bytes, page-aligned) below the end of the direct map.`,
    },
  );
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (ev)
    ev.dmesg = [
      ev.dmesg,
      addr
        ? `NUMA: Initialized distance table, cnt=${cnt}`
        : "Warning: can't allocate distance table!",
    ]
      .filter(Boolean)
      .join('\n');
}

/** numa_init's first steps: every region loses its node, and hotplug marks are cleared. */
function resetNodes(boot: MemblockBoot): void {
  const { mb } = boot;
  mb.setNode(0, Number.MAX_SAFE_INTEGER, 'memory', MAX_NUMNODES);
  mb.setNode(0, Number.MAX_SAFE_INTEGER, 'reserved', MAX_NUMNODES);
  mb.setFlag(0, Number.MAX_SAFE_INTEGER, MEMBLOCK_HOTPLUG, false);
}

/** numa_register_memblks' memblock part and numa_clear_kernel_node_hotplug. */
function registerBlocks(boot: MemblockBoot, mi: readonly Blk[]): void {
  const { mb } = boot;
  for (const b of mi) mb.setNode(b.start, b.end - b.start, 'memory', b.nid);
  for (const b of mi) mb.setNode(b.start, b.end - b.start, 'reserved', b.nid);
  const kernelNodes = new Set(
    mb.reserved.regions.filter((r) => r.nid !== MAX_NUMNODES).map((r) => r.nid),
  );
  for (const b of mi)
    if (kernelNodes.has(b.nid)) mb.setFlag(b.start, b.end - b.start, MEMBLOCK_HOTPLUG, false);
}

/** dummy_numa_init: one node 0 from 0 to max_pfn. */
function dummyNode(boot: MemblockBoot, numaOff: boolean): Blk[] {
  resetNodes(boot);
  boot.mb.bottomUp = false;
  const end = boot.maxPfn * PAGE_SIZE;
  const why = numaOff ? 'NUMA turned off' : 'No NUMA configuration found';
  boot.event({
    phase: 'numa',
    kind: 'numa',
    start: 0,
    end,
    label: 'one fake node',
    owner: 'numa',
    fn: 'dummy_numa_init',
    src: SRC_NUMA,
    explain: `${why}: node 0 is made to span [0, max_pfn) = ${humanSize(end)}.`,
    dmesg: [why, `Faking a node at [mem ${hexAlt(0, 18)}-${hexAlt(end - 1, 18)}]`],
  });
  const mi = fakeNodes(boot, [{ start: 0, end, nid: 0 }]);
  registerBlocks(boot, mi);
  return mi;
}

/**
 * numa_emulation (v6.1 arch/x86/mm/numa_emulation.c) when the command line has numa=fake=:
 * the fake nodes, cleaned up like the firmware's, and the distance table numa_set_distance
 * allocates for them (numa_alloc_distance: cnt * cnt bytes, page-aligned, below the end of the
 * direct map). With a SLIT, numa_emulation's copy of the physical table is not modelled.
 */
function fakeNodes(boot: MemblockBoot, physical: Blk[]): Blk[] {
  const text = numaFakeText(boot.s.cmdline);
  if (text === null) return physical;
  const emu = emulateNodes(physical, boot.mb.memory.regions, boot.maxPfn, parseNumaFake(text));
  const clean = emu.blocks && cleanupMeminfo(emu.blocks, boot.mb.memory.regions, boot.maxPfn);
  const lines = [...emu.lines];
  if (clean?.error) lines.push('NUMA: Warning: constructed meminfo invalid, disabling emulation');
  const ok = clean && !clean.error ? clean.blocks : null;
  boot.event({
    phase: 'numa',
    kind: 'numa-fake',
    start: 0,
    end: boot.maxPfn * PAGE_SIZE,
    label: ok ? `${new Set(ok.map((b) => b.nid)).size} fake nodes` : 'NUMA emulation failed',
    owner: 'numa',
    fn: 'numa_emulation',
    src: 'v6.1:arch/x86/mm/numa_emulation.c',
    explain: ok
      ? `numa=fake=${text}: the node map is cut into fake nodes by their present memory (holes do not count), in 32 MiB steps; every per-node allocation after this follows the fake nodes.`
      : `numa=fake=${text}: the emulation gives up and the nodes stay as the firmware gave them.`,
    dmesg: lines,
  });
  if (!ok) return physical;
  allocDistance(
    boot,
    emu.maxNid + 1,
    'numa_emulation rebuilds the distance table for the fake nodes',
  );
  return ok;
}

/** x86_numa_init through alloc_node_data and the second memblock dump. Returns the nodes. */
export function initmemInit(
  boot: MemblockBoot,
  srat: readonly SratBlock[],
  numaOff: boolean,
  pgdatSize: number,
): Blk[] {
  const mi =
    (!numaOff && srat.length ? numaInitSrat(boot, srat) : null) ?? dummyNode(boot, numaOff);
  boot.drawMemory();
  // Each node's extent, in one pass over the blocks (a machine may have a thousand nodes).
  const extent = new Map<number, Range>();
  for (const b of mi) {
    const e = extent.get(b.nid) ?? b;
    extent.set(b.nid, { start: Math.min(e.start, b.start), end: Math.max(e.end, b.end) });
  }
  for (const nid of [...extent.keys()].sort((a, b) => a - b)) {
    boot.rec.region({
      lane: 'node',
      ...(extent.get(nid) as Range),
      label: `node ${nid}`,
      owner: 'numa',
      node: nid,
    });
    allocNodeData(boot, nid, pgdatSize);
  }
  const dump = boot.dump();
  if (dump.length)
    boot.event({
      phase: 'numa',
      kind: 'dump',
      label: 'memblock with node ids',
      owner: 'numa',
      fn: 'memblock_dump_all',
      src: 'v6.1:mm/memblock.c',
      explain:
        'memblock=debug prints both arrays again: memory regions now carry their node, and so do the reservations made before NUMA setup; NODE_DATA, reserved after it, has none.',
      dmesg: dump,
    });
  return mi;
}

/** alloc_node_data: memblock_phys_alloc_try_nid(pg_data_t rounded to a page, 64, nid). */
function allocNodeData(boot: MemblockBoot, nid: number, size: number): void {
  const addr = boot.alloc(
    {
      fn: 'memblock_phys_alloc_try_nid',
      caller: 'alloc_node_data',
      size,
      align: SMP_CACHE_BYTES,
      from: 0,
      max: 0,
      nid,
    },
    {
      phase: 'numa',
      label: `NODE_DATA(${nid})`,
      owner: 'node-data',
      src: SRC_NUMA,
      node: nid,
      explain: `pg_data_t for node ${nid} (${humanSize(size)}) is asked on its own node first, below memblock.current_limit; top-down puts it at the top of the node.`,
    },
  );
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (!ev) return;
  const lines = ev.dmesg ? [ev.dmesg] : [];
  if (!addr) lines.push(`Cannot find ${size} bytes in any node (initial node: ${nid})`);
  else {
    boot.nodeData.set(nid, addr);
    lines.push(`NODE_DATA(${nid}) allocated ${mem10({ start: addr, end: addr + size })}`);
    const on = boot.mb.memory.regions.find((m) => m.base <= addr && addr < m.base + m.size);
    if (on && on.nid !== nid) lines.push(`    NODE_DATA(${nid}) on node ${on.nid}`);
  }
  ev.dmesg = lines.join('\n');
}

/**
 * init_cpu_to_node's memoryless nodes (v4.19 arch/x86/mm/numa.c: init_memory_less_node →
 * alloc_node_data), after paging_init: each node the SRAT names that got no NODE_DATA (it has no
 * memory this kernel uses) gets one, on a node with memory. The order is that of the possible
 * CPUs (the MADT's); `order` gives it where known, else node order.
 */
export function memorylessNodeData(
  boot: MemblockBoot,
  srat: readonly SratBlock[],
  order: readonly number[],
  pgdatSize: number,
): void {
  const missing = new Set(srat.map((b) => b.node).filter((n) => !boot.nodeData.has(n)));
  const ordered = [...order.filter((n) => missing.has(n)), ...[...missing].sort((a, b) => a - b)];
  for (const nid of new Set(ordered)) allocNodeData(boot, nid, pgdatSize);
}
