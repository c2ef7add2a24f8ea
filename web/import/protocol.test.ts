/** What crosses from the import worker to the page: the view, and the timeline in chunks. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareRun, importLog, simulate, type ImportOk } from '../../src-core';
import { CORPUS_SKIP, HAVE_CORPUS, readCorpus } from '../../src-core/testing/shared-corpus';
import { rowKinds } from './agreement-rows';
import { Packer } from './compact';
import {
  ChunkAssembler,
  toView,
  UNRECOGNIZED_SHOWN,
  type ChunkPart,
  type WorkerMessage,
} from './protocol';

if (!HAVE_CORPUS) console.warn(`protocol.test.ts, corpus logs: ${CORPUS_SKIP}`);

function imported(text: string, boot?: number): ImportOk {
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe.runIf(HAVE_CORPUS)('toView', () => {
  it('keeps what the page shows of a two-boot file, not the boot records', () => {
    const r = imported(
      readCorpus('13-dell-r7425-4.19-1tb-8node-numa-crashkernel-256m-plus-kdump-kernel-oom.txt'),
      2,
    );
    const v = toView('13.txt', r);
    expect(v.boots).toEqual([
      {
        number: 1,
        lines: { start: 1, end: 1571 },
        version: '4.19.57.mx64.282',
        arch: 'x86_64',
        complete: true,
      },
      {
        number: 2,
        lines: { start: 1571, end: 2399 },
        version: '4.19.57.mx64.282',
        arch: 'x86_64',
        complete: true,
      },
    ]);
    expect(v.selected).toBe(2);
    expect(v.e820).toEqual(r.boot.e820);
    expect(v.zones.map((z) => z.zone)).toEqual(['DMA', 'DMA32']);
    expect(v.summary).toBe(r.summary);
    expect(Object.keys(v)).not.toContain('memblock');
  });

  it('lists at most UNRECOGNIZED_SHOWN lines not understood; the count says how many', () => {
    const junk = Array.from(
      { length: UNRECOGNIZED_SHOWN + 20 },
      (_, i) => `e820: frobnicated ${i}`,
    );
    const r = imported(
      `${readCorpus('15-qemu-5.2-x86_64-512mb-serial-console-crcrlf-ansi-escapes.txt')}\n${junk.join('\n')}`,
    );
    const v = toView('x', r);
    expect(r.unrecognized.length).toBeGreaterThan(UNRECOGNIZED_SHOWN);
    expect(v.unrecognized).toHaveLength(UNRECOGNIZED_SHOWN);
    expect(v.summary.unrecognized).toBe(r.unrecognized.length);
  });
});

describe('ChunkAssembler', () => {
  const r = imported(
    readFileSync(
      new URL('../../fixtures/oracle/m4G-numa2-ck128M@16M.log', import.meta.url),
      'utf8',
    ),
  );
  const run = simulate(r.scenario!, r.scenario!.model);
  if (!run.ok) throw new Error(run.error);
  const agreement = compareRun(r, run.sim)!;
  const { events, regions, bitOps, ...shell } = r.observed;
  const { rows } = agreement;
  const total = {
    events: events.length,
    regions: regions.length,
    bitOps: bitOps.length,
    agreementRows: rows.length,
  };
  const chunks = (n: number): WorkerMessage[] => {
    const out: WorkerMessage[] = [];
    const packer = new Packer();
    const part = (name: ChunkPart, items: readonly unknown[]): void => {
      for (let i = 0; i < items.length; i += n)
        out.push({
          id: 1,
          type: 'chunk',
          part: name,
          packed: packer.pack(items.slice(i, i + n)).packed,
        });
    };
    part('events', events);
    part('regions', regions);
    part('agreementRows', rows);
    return out;
  };

  it('puts the observed run and the comparison back together from chunks in order', async () => {
    expect(rows.length).toBeGreaterThan(7);
    const a = new ChunkAssembler();
    for (const m of chunks(7)) if (m.type === 'chunk') a.add(m);
    expect(a.received).toBe(events.length + regions.length + rows.length);
    const { rows: _, ...head } = agreement;
    const got = a.finish(shell, { ...head, ...rowKinds(rows) }, total);
    if (typeof got === 'string') throw new Error(got);
    expect(got.timeline.steps).toBe(events.length);
    const shares: number[] = [];
    expect(
      await got.timeline.unpack(
        (f) => shares.push(f),
        () => false,
      ),
    ).toEqual(r.observed);
    expect(shares).toEqual([...shares].sort((x, y) => x - y));
    expect(shares.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(got.agreement?.counts).toEqual(agreement.counts);
    expect(got.agreement?.model).toBe(agreement.model);
    // Each row as the engine made it, its topic and status without unpacking it.
    const shown = got.agreement!.rows;
    expect(shown.length).toBe(rows.length);
    expect(Array.from({ length: rows.length }, (_, i) => shown.row(i))).toEqual(rows);
    expect(Array.from({ length: rows.length }, (_, i) => shown.topic(i))).toEqual(
      rows.map((x) => x.topic),
    );
    expect(Array.from({ length: rows.length }, (_, i) => shown.status(i))).toEqual(
      rows.map((x) => x.status),
    );
  });

  it('stops unpacking when told to before a slice', async () => {
    const a = new ChunkAssembler();
    for (const m of chunks(7)) if (m.type === 'chunk') a.add(m);
    const got = a.finish(shell, null, total);
    if (typeof got === 'string') throw new Error(got);
    let asked = 0;
    expect(
      await got.timeline.unpack(
        () => {},
        () => ++asked > 0,
      ),
    ).toBe(null);
    expect(asked).toBe(1);
  });

  it('says so when a chunk went missing, rather than show half a timeline', () => {
    const a = new ChunkAssembler();
    for (const m of chunks(7).slice(1)) if (m.type === 'chunk') a.add(m);
    expect(a.finish(shell, null, total)).toBe(
      `the import lost part of the timeline (${events.length - 7} of ${events.length} events)`,
    );
  });
});
