/**
 * A memblock-6.1 scenario from one imported boot (`simulate --from-log`): the firmware e820
 * map, the SRAT blocks, the command line, the kernel image and the other early_reserve_memory
 * ranges (from the first MEMBLOCK dump, minus what debug lines reserved before it), the size
 * of pg_data_t, and the early requests (memblock-requests.ts). Nothing about where the kernel
 * placed an allocation goes in: the model computes every placement.
 */
import { hex } from '../../base/addr';
import type { ImportedBoot } from '../types';
import { numaFakeText, type NodeSpan } from '../../input/numa';
import { normalize, setSubtract, type Range } from '../../base/range';
import { checkScenario, SCENARIO_VERSION, type Problem, type Scenario } from '../../input/scenario';
import type { SratBlock } from '../../input/scenario-6.1';
import { extractRequests, NO_DUMP } from './memblock-requests';

const MB1 = 0x100000;
/** The [0, 64 KiB) that early_reserve_memory always reserves (v6.1 arch/x86/kernel/setup.c). */
const LOW_64K = 0x10000;

export type FromBootResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Node spans for the older models: one per node, or none when the SRAT interleaves nodes. */
function nodeSpans(srat: readonly SratBlock[]): NodeSpan[] {
  const spans = new Map<number, NodeSpan>();
  for (const b of srat) {
    const n = spans.get(b.node);
    spans.set(
      b.node,
      n
        ? { node: b.node, start: Math.min(n.start, b.start), end: Math.max(n.end, b.end) }
        : { node: b.node, start: b.start, end: b.end },
    );
  }
  const list = [...spans.values()].sort((a, b) => a.start - b.start);
  return list.some((n, i) => i > 0 && n.start < (list[i - 1] as NodeSpan).end) ? [] : list;
}

/**
 * early_reserve_memory's ranges: the first dump's reservations minus those the debug lines
 * before it explain (brk, the MP table). What remains is [0, 64 KiB), the BIOS regions up to
 * 1 MiB, the kernel image (the lowest piece at or above 1 MiB) and anything else (initrd,
 * setup_data). The BIOS region is the whole dump region that ends at 1 MiB: the MP table
 * reserved inside it must not cut it.
 */
function earlyPieces(boot: ImportedBoot, dumpLine: number) {
  const dump = normalize((boot.memblockDumps[0]?.reserved ?? []).map((r) => r.range));
  const explained = boot.memblock
    .filter((r) => r.line < dumpLine && r.op === 'reserve' && r.range)
    .map((r) => r.range as Range);
  const bios = dump.find((p) => p.end === MB1 && p.start >= LOW_64K) ?? null;
  const pieces = setSubtract(dump, normalize(explained)).filter(
    (p) =>
      !(bios && p.start >= bios.start && p.end <= bios.end) && !(p.start === 0 && p.end <= LOW_64K),
  );
  const kernel = pieces.find((p) => p.start >= MB1) ?? null;
  return { kernel, bios, other: pieces.filter((p) => p !== kernel) };
}

export function memblockScenario(boot: ImportedBoot, title = 'from a log'): FromBootResult {
  const problems: Problem[] = [];
  const fail = (path: string, message: string): FromBootResult => ({
    ok: false,
    problems: [...problems, { path, message }],
  });
  if (boot.e820.length === 0) return fail('e820', 'the log has no "BIOS-e820:" map');
  if (boot.cmdline === null) return fail('cmdline', 'the log has no "Command line:" line');
  const dumpLine = boot.memblockDumps[0]?.line;
  if (dumpLine === undefined) return fail('memblock', NO_DUMP);
  const early = earlyPieces(boot, dumpLine);
  if (!early.kernel)
    return fail(
      'kernel',
      'the first MEMBLOCK dump has no reservation at or above 1 MiB: the kernel image is missing',
    );
  const nd = boot.nodeData[0];
  if (!nd)
    return fail(
      'kernel.pgdatSize',
      'the log has no "NODE_DATA(N) allocated" line to size pg_data_t',
    );
  // Read last: the checks above need none of them (a 100,000-line log has 50,000).
  const req = extractRequests(boot);
  if (!req.ok) return fail('memblock', req.error);
  const srat: SratBlock[] = boot.srat.map((s) => ({
    node: s.node,
    pxm: s.pxm,
    start: s.range.start,
    end: s.range.end,
    ...(s.hotplug ? { hotplug: true } : {}),
  }));
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    name: 'from-log',
    title: `${boot.kernel.version ?? 'unknown kernel'}: ${title}`,
    model: 'memblock-6.1',
    machine: {
      e820: boot.e820.map((e) => ({ ...e })),
      nodes: nodeSpans(srat),
      ...(srat.length ? { srat } : {}),
      // A distance table numa=fake did not ask for is the SLIT's (the model allocates it).
      ...(srat.length &&
      numaFakeText(boot.cmdline ?? '') === null &&
      boot.memblock.some((r) => r.caller.startsWith('numa_alloc_distance'))
        ? { slit: true }
        : {}),
    },
    kernel: {
      // The release: its version's rules and its flavour's build sizes (kernel/rules.ts).
      ...(boot.kernel.version ? { version: boot.kernel.version } : {}),
      text: early.kernel.start,
      end: early.kernel.end,
      initrd: null,
      ebda: null,
      // NODE_DATA's size only: roundup(sizeof(pg_data_t), PAGE_SIZE) of this build.
      pgdatSize: nd.range.end - nd.range.start,
      mptable: null,
      memblock: {
        ...req.inputs,
        ...(early.bios ? { biosStart: early.bios.start } : {}),
        earlyReserves: early.other.map((r) => ({
          ...r,
          label: `early reservation ${hex(r.start)}`,
        })),
      },
    },
    cmdline: boot.cmdline,
  };
  problems.push(...checkScenario(scenario));
  return problems.length ? { ok: false, problems } : { ok: true, scenario };
}
