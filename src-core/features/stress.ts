/**
 * A synthetic machine big enough to load the app and the benchmarks: many NUMA nodes and a long
 * firmware map, so that one simulation yields at least `targetRegions` regions to draw.
 *
 * It is built as a typed Scenario, not parsed from JSON: LIMITS guard the browser against
 * untrusted files, and this machine deliberately goes past the e820 limit. Bench and test use
 * only; it describes no real hardware.
 */
import { GiB, MiB } from '../base/addr';
import { E820_RAM, E820_RESERVED, type E820Entry } from '../input/e820';
import type { NodeSpan } from '../input/numa';
import { preset, DEFAULT_PRESET } from './presets';
import type { Scenario } from '../input/scenario';

/**
 * Most nodes of the synthetic machine; each yields about six regions (node, NODE_DATA, bitmap,
 * ...). Smaller machines get fewer (a power of two), so that 1,000 regions means about 1,000.
 */
const STRESS_NODES = 1024;
/** A node's own regions plus the three of at least one RAM-and-gap pair. */
const REGIONS_PER_NODE_AND_PAIRS = 9;
const REGIONS_PER_NODE = 6;
/** Regions a RAM entry plus the reserved gap after it yield: two e820 entries and a free run. */
const REGIONS_PER_PAIR = 3;

export const STRESS_PREFIX = 'stress-';

/**
 * The seed machine's kernel and low memory, then pairs of 256 MiB RAM plus a 2 MiB reserved
 * gap above 4 GiB, split evenly into the nodes (node 0 also holds everything below
 * 4 GiB). Enough pairs are added for at least `targetRegions` regions (stress.test.ts checks).
 */
export function stressScenario(targetRegions = 10_000): Scenario {
  const seed = preset(DEFAULT_PRESET);
  if (!seed) throw new Error(`preset ${DEFAULT_PRESET} is missing`);
  const nodeCount = Math.min(
    STRESS_NODES,
    2 ** Math.max(0, Math.floor(Math.log2(targetRegions / REGIONS_PER_NODE_AND_PAIRS))),
  );
  const pairs = Math.max(
    nodeCount,
    Math.ceil((targetRegions - nodeCount * REGIONS_PER_NODE) / REGIONS_PER_PAIR),
  );
  const e820: E820Entry[] = seed.machine.e820.filter((e) => e.end <= 4 * GiB);
  let addr = 4 * GiB;
  for (let i = 0; i < pairs; i++) {
    e820.push({ start: addr, end: addr + 256 * MiB, type: E820_RAM });
    e820.push({ start: addr + 256 * MiB, end: addr + 258 * MiB, type: E820_RESERVED });
    addr += 258 * MiB;
  }
  const top = addr;
  const span = Math.floor((top - 4 * GiB) / nodeCount / (8 * MiB)) * 8 * MiB;
  const nodes: NodeSpan[] = [];
  for (let n = 0; n < nodeCount; n++)
    nodes.push({
      node: n,
      start: n === 0 ? 0 : 4 * GiB + n * span,
      end: n === nodeCount - 1 ? top : 4 * GiB + (n + 1) * span,
    });
  return {
    ...seed,
    name: `${STRESS_PREFIX}${targetRegions}`,
    title: `Synthetic ${nodeCount}-node machine with ${e820.length} e820 entries (benchmark load)`,
    machine: { e820, nodes },
  };
}
