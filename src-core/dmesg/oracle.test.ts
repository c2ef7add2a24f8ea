/**
 * The ten real 6.1 serial logs against the facts a separate parser recorded in
 * fixtures/oracle/manifest.json: every key fact must come out the same.
 */
import { describe, expect, it } from 'vitest';
import { hexAlt } from '../base/addr';
import { e820TypeName } from '../input/e820';
import type { Range } from '../base/range';
import { importLog, type ImportOk } from './import-log';
import { readFixture, readOracle } from '../testing/log-fixtures';

interface Entry {
  name: string;
  file: string;
  kernel_cmdline: string;
  kernel_version: string;
  key_facts: {
    e820: string[];
    e820_user: string[] | null;
    zone_ranges: Record<string, string>;
    node_ranges: string[];
    initmem_setup: string[];
    numa: string | string[];
    crashkernel_outcome: string[];
    memory_line: string;
  };
  facts: {
    memblock_debug: { by_function: Record<string, number> };
    memblock_dumps: {
      memory: { start: string; end: string; node: number | null; flags: string }[];
      reserved: { start: string; end: string; node: number | null; flags: string }[];
    }[];
    numa: { node_data: { node: number; start: string; end: string }[] };
    e820_changes: string[];
    kernel_image: { reserved_region: { start: string; end: string } };
    crashkernel: { reservations: { start: string; end: string; low: boolean }[] };
  };
}

const manifest = JSON.parse(readFixture('oracle/manifest.json')) as { entries: Entry[] };

/** As the manifest writes ranges: inclusive, %#018Lx. */
const incl = (r: Range): string => `${hexAlt(r.start, 18)}-${hexAlt(r.end - 1, 18)}`;
const num = (s: string): number => Number(BigInt(s));

function load(e: Entry): ImportOk {
  const r = importLog(readOracle(e.file));
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe.each(manifest.entries)('oracle $name', (e) => {
  const r = load(e);
  const b = r.boot;
  const k = e.key_facts;

  it('one complete boot of the right kernel and command line', () => {
    expect(r.boots).toHaveLength(1);
    expect(b.complete).toBe(true);
    expect(b.kernel).toEqual({ version: e.kernel_version, arch: 'x86_64' });
    expect(b.cmdline).toBe(e.kernel_cmdline);
  });

  it('firmware and user e820 maps', () => {
    expect(b.e820.map((x) => `${incl(x)} ${e820TypeName(x.type)}`)).toEqual(k.e820);
    expect(b.e820User?.map((x) => `${incl(x)} ${e820TypeName(x.type)}`) ?? null).toEqual(
      k.e820_user,
    );
  });

  it('e820 updates and removes', () => {
    const expected = e.facts.e820_changes.filter((c) => /^e820: (update|remove) /.test(c));
    expect(b.e820Edits.map((x) => `${x.op} ${x.from}${x.to ? ` ==> ${x.to}` : ''}`)).toEqual(
      expected.map((c) => c.replace(/^e820: (\w+) \[mem [^\]]+\] /, '$1 ')),
    );
  });

  it('zone ranges, empty zones omitted', () => {
    const expected = Object.entries(k.zone_ranges)
      .filter(([, v]) => v !== 'empty')
      .map(([zone, v]) => `${zone} ${v.replace(/^(0x[0-9a-f]+)-(0x[0-9a-f]+)$/, '$1-$2')}`);
    expect(b.zoneRanges.map((z) => `${z.zone} ${incl(z.range)}`)).toEqual(expected);
  });

  it('early memory node ranges and initmem setup', () => {
    expect(b.nodeRanges.map((n) => `node ${n.node}: ${incl(n.range)}`)).toEqual(k.node_ranges);
    const initmem = b.nodeSetup.filter((n) => n.how === 'initmem' && n.range);
    expect(initmem.map((n) => `node ${n.node}: ${incl(n.range as Range)}`)).toEqual(
      k.initmem_setup,
    );
  });

  it('SRAT ranges or the faked node', () => {
    if (Array.isArray(k.numa)) {
      expect(
        b.srat.map(
          (s) =>
            `SRAT node ${s.node}: 0x${s.range.start.toString(16).padStart(8, '0')}-0x${(s.range.end - 1).toString(16).padStart(8, '0')}`,
        ),
      ).toEqual(k.numa);
    } else {
      const fake = b.nodeSetup.find((n) => n.how === 'fake');
      expect(k.numa).toContain(fake && fake.range ? incl(fake.range) : 'no fake node');
    }
    expect(
      b.nodeData.map((n) => ({ node: n.node, start: n.range.start, end: n.range.end - 1 })),
    ).toEqual(
      e.facts.numa.node_data.map((n) => ({ node: n.node, start: num(n.start), end: num(n.end) })),
    );
  });

  it('crashkernel outcome lines and windows', () => {
    expect(b.crashkernel.map((c) => c.text)).toEqual(k.crashkernel_outcome);
    const windows = b.crashkernel
      .filter((c) => c.range)
      .map((c) => ({
        start: c.range?.start,
        end: (c.range?.end ?? 0) - 1,
        low: c.outcome === 'reserved-low',
      }));
    const expected = e.facts.crashkernel.reservations.map((x) => ({
      start: num(x.start),
      end: num(x.end),
      low: x.low,
    }));
    expect(windows.sort((a, c) => (a.start ?? 0) - (c.start ?? 0))).toEqual(
      expected.sort((a, c) => a.start - c.start),
    );
  });

  it('the Memory: line', () => {
    expect(b.memoryLine).toBe(k.memory_line);
    expect(b.memory?.totalK).toBe(Number(/\/(\d+)K/.exec(k.memory_line)?.[1]));
  });

  it('memblock=debug lines by function, and the MEMBLOCK dumps', () => {
    const byFn: Record<string, number> = {};
    for (const m of b.memblock) byFn[m.fn] = (byFn[m.fn] ?? 0) + 1;
    expect(byFn).toEqual(e.facts.memblock_debug.by_function);
    const dump = (xs: { start: string; end: string; node: number | null; flags: string }[]) =>
      xs.map((x) => ({
        start: num(x.start),
        end: num(x.end) + 1,
        node: x.node ?? undefined,
        flags: num(x.flags),
      }));
    expect(
      b.memblockDumps.map((d) => ({
        memory: d.memory.map((m) => ({ ...m.range, node: m.node, flags: m.flags })),
        reserved: d.reserved.map((m) => ({ ...m.range, node: m.node, flags: m.flags })),
      })),
    ).toEqual(
      e.facts.memblock_dumps.map((d) => ({ memory: dump(d.memory), reserved: dump(d.reserved) })),
    );
  });

  it('a runnable memblock-6.1 scenario whose kernel image and brk are the reserved region at 16 MiB', () => {
    expect(r.scenarioProblems).toEqual([]);
    expect(r.scenario?.model).toBe('memblock-6.1');
    const img = e.facts.kernel_image.reserved_region;
    expect(r.scenario?.kernel.text).toBe(num(img.start));
    // With memblock=debug requests replayed, brk is its own early reservation after the image.
    const brk = r.scenario?.kernel.memblock?.ops.find(
      (x) => 'start' in x && x.start === r.scenario?.kernel.end,
    ) as { end: number } | undefined;
    expect(brk?.end ?? r.scenario?.kernel.end).toBe(num(img.end) + 1);
    expect(r.scenario?.machine.e820).toEqual(b.e820);
  });

  it('the observed timeline has a step, with its line number, for every fact', () => {
    const lines = r.observed.events.map((ev) => ev.line);
    expect(lines.every((l) => typeof l === 'number' && l >= b.lines.start && l < b.lines.end)).toBe(
      true,
    );
    expect(r.observed.events.filter((ev) => ev.kind === 'memblock')).toHaveLength(
      b.memblock.length,
    );
    expect(r.observed.model).toBe('observed');
  });
});
