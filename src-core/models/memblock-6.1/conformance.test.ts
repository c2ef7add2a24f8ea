/**
 * memblock-6.1 against real 6.1 kernels: every log in fixtures/oracle/ (QEMU boots of Debian's
 * 6.1.0 kernel with memblock=debug) is turned into a scenario with `--from-log`'s builder, the
 * model runs, and its results must equal what the kernel printed: zone ranges, early node
 * ranges, the crashkernel outcome line(s) and low part, both MEMBLOCK dumps, and for every
 * memblock allocation request the address the kernel reserved in answer. The test reads those
 * answers from the log; the model never sees them (a second run on the log with every answer
 * line removed must give the same document).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toDocument } from '../../output/document';
import { readBoots as readOracleLog } from '../../dmesg/from-log/from-log-text';
import type { ImportedBoot, MemblockRecord } from '../../dmesg/types';
import { scenarioFromLogText } from '../../dmesg/from-log/from-log-text';
import { eachRequest, type Simulation } from '../../output/simulation';
import { runMemblock61 } from './model';

const DIR = join(__dirname, '../../../fixtures/oracle');
const LOGS = readdirSync(DIR)
  .filter((f) => f.endsWith('.log'))
  .sort();

const ANSWER = /memblock_reserve: \[.*\] memblock_alloc_range_nid/;
const MAP_LINE =
  /^(BIOS-provided|BIOS-e820:|user-defined|user:|e820: (update|remove)|last_pfn|ACPI: SRAT: Node|NUMA: Node|No NUMA|NUMA turned off|Faking a node|Faking node|NUMA: Initialized distance|numa=fake|Fake node size|NODE_DATA\()/;
const OUTCOME =
  /^(Reserving \d+MB|crashkernel reservation failed|Cannot reserve \d+MB crashkernel)/;

function run(text: string): Simulation {
  const r = scenarioFromLogText(text, 'oracle log');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return runMemblock61(r.scenario);
}

/** For each request line: the start of the memblock_reserve that answers it, or null. */
function answers(boot: ImportedBoot): { req: MemblockRecord; start: number | null }[] {
  const recs = boot.memblock;
  return recs.flatMap((req, i) => {
    if (req.op !== 'alloc') return [];
    const next = recs[i + 1];
    const answered = next?.op === 'reserve' && next.caller.startsWith('memblock_alloc_range_nid');
    return [{ req, start: answered ? (next.range?.start ?? null) : null }];
  });
}

/** The text of the n-th MEMBLOCK dump as the kernel printed it (timestamps removed). */
function logDump(text: string, n: number): string[] {
  const lines = text.split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] ?/, ''));
  const at = lines.reduce<number[]>(
    (a, l, i) => (l === 'MEMBLOCK configuration:' ? [...a, i] : a),
    [],
  );
  const start = at[n] as number;
  let end = start + 1;
  while (end < lines.length && /^ (memory|reserved)/.test(lines[end] as string)) end++;
  return lines.slice(start, end);
}

function modelDump(sim: Simulation, n: number): string[] {
  const dumps = sim.events
    .map((e) => e.dmesg.split('\n'))
    .filter((l) => l.includes('MEMBLOCK configuration:'))
    .map((l) => l.slice(l.indexOf('MEMBLOCK configuration:')))
    .map((l) => l.filter((x) => x === 'MEMBLOCK configuration:' || x.startsWith(' ')));
  return dumps[n] ?? [];
}

const table: string[] = [];

describe.each(LOGS)('oracle log %s', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const boot = readOracleLog(text)[0] as ImportedBoot;
  const sim = run(text);

  it('every memblock allocation request is answered at the address the kernel reserved', () => {
    const want = answers(boot);
    const got = eachRequest(sim.allocations).filter((a) => a.printed);
    const matched = want.filter((w, i) => got[i]?.start === w.start).length;
    const zones =
      JSON.stringify(sim.zoneRanges) ===
      JSON.stringify(boot.zoneRanges.map((z) => ({ zone: z.zone, ...z.range })));
    table.push(
      `${file.padEnd(58)} ${String(matched).padStart(3)}/${String(want.length).padEnd(4)} zones ${zones ? 'ok' : 'DIFF'}  crashkernel: ${boot.crashkernel.map((c) => c.text).join(' | ') || '(none)'}`,
    );
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      const a = got[i];
      const where = `request ${i + 1} (log line ${w.req.line}, ${w.req.caller})`;
      expect({
        where,
        fn: a?.fn,
        size: a?.size,
        align: a?.align,
        from: a?.from,
        max: a?.max,
      }).toEqual({
        where,
        fn: w.req.fn,
        size: w.req.size,
        align: w.req.align,
        from: w.req.from,
        max: w.req.maxAddr,
      });
      if (w.req.nid !== undefined)
        expect({ where, nid: a?.nid }).toEqual({ where, nid: w.req.nid });
      expect({ where, start: a?.start }).toEqual({ where, start: w.start });
    });
  });

  it('NODE_DATA of every node lands where the kernel put it', () => {
    const got = (sim.allocations ?? [])
      .filter((a) => a.caller === 'alloc_node_data')
      .map((a) => ({ node: a.nid, start: a.start, end: (a.start ?? 0) + a.size }));
    expect(got).toEqual(boot.nodeData.map((n) => ({ node: n.node, ...n.range })));
  });

  it('zone ranges and early memory node ranges are those printed', () => {
    expect(sim.zoneRanges).toEqual(boot.zoneRanges.map((z) => ({ zone: z.zone, ...z.range })));
    const nodes = (sim.nodeRanges ?? []).flatMap((n) =>
      n.ranges.map((r) => ({ node: n.node, range: r })),
    );
    expect(nodes).toEqual(boot.nodeRanges);
  });

  it('the crashkernel outcome lines and the low part are those printed', () => {
    const lines = sim.crashkernel.message.split('\n').filter((l) => OUTCOME.test(l));
    expect(lines).toEqual(boot.crashkernel.map((c) => c.text));
    const low = boot.crashkernel.find((c) => c.outcome === 'reserved-low');
    expect(sim.crashkernel.low).toEqual(low?.range);
    const main = boot.crashkernel.find((c) => c.outcome === 'reserved');
    expect(sim.crashkernel.outcome).toBe(
      main ? 'reserved' : boot.crashkernel.length ? 'failed' : 'none',
    );
  });

  it('the e820, end-of-RAM, NUMA and NODE_DATA lines are those printed, in order', () => {
    const printed = (lines: string[]) => lines.filter((l) => MAP_LINE.test(l));
    const log = text.split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] ?/, ''));
    const model = sim.events.flatMap((e) => (e.dmesg ? e.dmesg.split('\n') : []));
    expect(printed(model)).toEqual(printed(log));
  });

  it('the Memory: line of mem_init is the one printed', () => {
    const line = text
      .split('\n')
      .map((l) => l.replace(/^\[\s*\d+\.\d+\] ?/, ''))
      .find((l) => l.startsWith('Memory: '));
    expect(line).toBeDefined();
    expect(sim.memory?.line).toBe(line);
    expect(sim.events.some((e) => e.dmesg === line)).toBe(true);
  });

  it('both MEMBLOCK dumps match the kernel, node ids and all', () => {
    expect(modelDump(sim, 0)).toEqual(logDump(text, 0));
    expect(modelDump(sim, 1)).toEqual(logDump(text, 1));
  });

  it('gives the same answer when every line that answers a request is removed from the log', () => {
    const stripped = text
      .split('\n')
      .filter((l) => !ANSWER.test(l))
      .join('\n');
    expect(stripped.length).toBeLessThan(text.length);
    expect(toDocument(run(stripped))).toEqual(toDocument(sim));
  });
});

afterAll(() => {
  console.log(['memblock-6.1 conformance (allocations matched / requests):', ...table].join('\n'));
});
