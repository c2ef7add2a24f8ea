/**
 * NUMA: SRAT memory affinity (2.6.x bare hex with an exclusive end; later `[mem]`, with
 * `hotplug`), node merges (`SRAT:`/`NUMA: Node N [a,b) + [c,d) -> [e,f)` and the `[mem]`
 * form), NODE_DATA placements, the per-node setup lines, faked nodes and the 2.6.7 K8 lines.
 */
import type { Range } from '../base/range';
import type { Fact, LineContext } from './facts';
import type { NodeSetup } from './types';
import { exclusiveRange, inclusiveRange, nodeSpanRange } from './numbers';

const HEX = '0x[0-9a-fA-F]{1,16}';
const BARE = '[0-9a-fA-F]{1,16}';
const MEM = `\\[mem (${HEX})-(${HEX})\\]`;

export const NUMA_PATTERNS = {
  sratOld: new RegExp(`^SRAT: Node (\\d{1,4}) PXM (\\d{1,10}) (${BARE})-(${BARE})$`),
  sratNew: new RegExp(
    `^(?:ACPI: )?SRAT: Node (\\d{1,4}) PXM (\\d{1,10}) ${MEM}( hotplug)?( non-volatile)?$`,
  ),
  mergeNew: new RegExp(`^NUMA: Node (\\d{1,4}) ${MEM} \\+ ${MEM} -> ${MEM}$`),
  mergeOld: new RegExp(
    `^(?:SRAT|NUMA): Node (\\d{1,4}) \\[(${BARE}),(${BARE})\\) \\+ \\[(${BARE}),(${BARE})\\) -> \\[(${BARE}),(${BARE})\\)$`,
  ),
  nodeDataNew: new RegExp(`^NODE_DATA\\((\\d{1,4})\\) allocated ${MEM}$`),
  nodeDataPpc: new RegExp(`^numa: {1,4}NODE_DATA ${MEM}$`),
  nodeDataOld: new RegExp(`^NODE_DATA \\[(${BARE}) - (${BARE})\\]$`),
  setupOld: new RegExp(`^(Bootmem|Initmem) setup node (\\d{1,4}) (${BARE})-(${BARE})$`),
  setupNew: new RegExp(`^Initmem setup node (\\d{1,4}) ${MEM}$`),
  memoryless: /^Initmem setup node (\d{1,4}) as memoryless$/,
  fakeOld: new RegExp(`^Faking a node at (${BARE})-(${BARE})$`),
  fakeNew: new RegExp(`^Faking a node at ${MEM}$`),
  k8: new RegExp(`^Node (\\d{1,4}) MemBase (${BARE}) Limit (${BARE})$`),
  noNuma: /^(?:No NUMA configuration found|NUMA turned off)$/,
  memnodemap: new RegExp(`^NUMA: Allocated memnodemap from (${BARE}) - (${BARE})$`),
} as const;

const N = NUMA_PATTERNS;
const s = (m: RegExpExecArray, i: number): string => m[i] as string;

export function parseNumaLine(text: string, line: number, ctx: LineContext): Fact | null {
  const t = text.trimStart();
  let m = N.sratNew.exec(t);
  if (m) {
    const range = inclusiveRange(s(m, 3), s(m, 4));
    if (!range) return null;
    const node = Number(m[1]);
    return { kind: 'srat', line, node, pxm: Number(m[2]), range, hotplug: m[5] !== undefined };
  }
  m = N.sratOld.exec(t);
  if (m) {
    const range = exclusiveRange(s(m, 3), s(m, 4));
    if (!range) return null;
    return { kind: 'srat', line, node: Number(m[1]), pxm: Number(m[2]), range, hotplug: false };
  }
  m = N.mergeNew.exec(t);
  if (m) return merge(line, m, inclusiveRange);
  m = N.mergeOld.exec(t);
  if (m) return merge(line, m, exclusiveRange);
  return parseNodeData(t, line, ctx) ?? parseSetup(t, line);
}

/** `Node N <a> + <b> -> <result>`: groups 2–7 hold the three ranges' ends. */
function merge(
  line: number,
  m: RegExpExecArray,
  toRange: (a: string, b: string) => Range | null,
): Fact | null {
  const [a, b, result] = [2, 4, 6].map((i) => toRange(s(m, i), s(m, i + 1)));
  if (!a || !b || !result) return null;
  return { kind: 'numa-merge', line, node: Number(m[1]), parts: [a, b], range: result };
}

function parseNodeData(t: string, line: number, ctx: LineContext): Fact | null {
  let m = N.nodeDataNew.exec(t);
  if (m) {
    const range = inclusiveRange(s(m, 2), s(m, 3));
    return range ? { kind: 'node-data', line, node: Number(m[1]), range } : null;
  }
  m = N.nodeDataPpc.exec(t) ?? N.nodeDataOld.exec(t);
  if (m) {
    const range = inclusiveRange(s(m, 1), s(m, 2));
    // The node is the one the setup line just above named; -1 when the log does not say.
    return range ? { kind: 'node-data', line, node: ctx.node ?? -1, range } : null;
  }
  m = N.memnodemap.exec(t);
  if (m) {
    const range = exclusiveRange(s(m, 1), s(m, 2));
    return range ? { kind: 'reservation', line, what: 'memnodemap', range, text: t } : null;
  }
  return null;
}

const setup = (line: number, node: number, range: Range | null, how: NodeSetup['how']): Fact => ({
  kind: 'node-setup',
  line,
  node,
  range,
  how,
});

function parseSetup(t: string, line: number): Fact | null {
  let m = N.setupNew.exec(t);
  if (m) {
    const range = inclusiveRange(s(m, 2), s(m, 3));
    // 4.x/5.x print a memoryless node as [mem 0x0-0x0].
    const empty = !range || (range.start === 0 && range.end === 1);
    return setup(line, Number(m[1]), empty ? null : range, 'initmem');
  }
  m = N.setupOld.exec(t);
  if (m)
    return setup(
      line,
      Number(m[2]),
      nodeSpanRange(s(m, 3), s(m, 4)),
      m[1] === 'Bootmem' ? 'bootmem' : 'initmem',
    );
  m = N.memoryless.exec(t);
  if (m) return setup(line, Number(m[1]), null, 'initmem');
  m = N.fakeNew.exec(t);
  if (m) return setup(line, 0, inclusiveRange(s(m, 1), s(m, 2)), 'fake');
  m = N.fakeOld.exec(t);
  if (m) return setup(line, 0, nodeSpanRange(s(m, 1), s(m, 2)), 'fake');
  m = N.k8.exec(t);
  if (m) return setup(line, Number(m[1]), nodeSpanRange(s(m, 2), s(m, 3)), 'k8');
  if (N.noNuma.test(t)) return { kind: 'header', line, what: 'no-numa', text: t };
  return null;
}
