/**
 * Observed vs simulated: where a model's run on an imported scenario agrees with the log, fact
 * by fact. Both sides are read by the same parser (agreement-sides.ts); this file pairs their
 * facts topic by topic: the firmware and user e820 maps, zone ranges, early node ranges,
 * NODE_DATA, bootmem bitmaps, the crashkernel outcome and windows, and for memblock=debug logs
 * every allocation request with the reservation that answered it.
 *
 * A topic one side does not show at all is "unchecked", not a difference: a log cut before the
 * zones says nothing about them, and a model that does not print early_node_map claims nothing.
 */
import { hex, humanSize, memRange } from '../base/addr';
import { paramsNamed, parseCmdline } from '../input/cmdline';
import { e820TypeName, type E820Entry } from '../input/e820';
import type { Range } from '../base/range';
import type { CrashkernelOutcome, Simulation } from '../output/simulation';
import { logSide, modelSide, type BootSide } from './agreement-sides';
import {
  AGREEMENT_TOPIC_TITLES,
  type AgreementTopic,
  type AgreementStatus,
  type AgreementCell,
  type AgreementRow,
  type Agreement,
} from './agreement-types';
import { withReasons } from './agreement-reasons';
import { callerFunction } from './owners';
import type { ImportedBootFull, MemblockRecord } from './types';

/** One side's version of a fact: `key` pairs it with the other side's, `same` compares them. */
interface Item {
  key: string;
  what: string;
  same: string;
  cell: AgreementCell;
  at: number | undefined;
}

type Sides = { log: BootSide; model: BootSide };

const cellOf = (text: string, range?: Range): AgreementCell => (range ? { text, range } : { text });

const unchecked = (topic: AgreementTopic, logShows: boolean): AgreementRow => ({
  topic,
  what: AGREEMENT_TOPIC_TITLES[topic],
  status: 'unchecked',
  log: logShows ? { text: 'shown' } : null,
  model: logShows ? null : { text: 'shown' },
  note: logShows ? 'the model’s run does not print this' : 'the log does not show this',
});

/** A row from one side's item and the other's (either may be missing). */
function rowOf(
  topic: AgreementTopic,
  l: Item | undefined,
  m: Item | undefined,
  absentIs = '',
): AgreementRow {
  const absent = absentIs ? { text: absentIs } : null;
  return {
    topic,
    what: (l ?? m)?.what ?? '',
    status: l && m && l.same === m.same ? 'agree' : 'differ',
    log: l ? { ...l.cell, ...(l.at === undefined ? {} : { line: l.at }) } : absent,
    model: m ? { ...m.cell, ...(m.at === undefined ? {} : { step: m.at }) } : absent,
  };
}

/**
 * Pair two sides' items by key, in the log's order, then what only the model has. `absentIs`
 * says what a side that shows none of them shows instead (the user map: "none"); without it,
 * a side without any is silent, and the topic unchecked.
 */
function pair(topic: AgreementTopic, log: Item[], model: Item[], absentIs = ''): AgreementRow[] {
  if (!log.length && !model.length) return [];
  if (!absentIs && (!log.length || !model.length)) return [unchecked(topic, log.length > 0)];
  const byKey = new Map(model.map((m) => [m.key, m]));
  const rows: AgreementRow[] = [];
  for (const l of log) {
    rows.push(rowOf(topic, l, byKey.get(l.key), absentIs));
    byKey.delete(l.key);
  }
  for (const m of byKey.values()) rows.push(rowOf(topic, undefined, m, absentIs));
  return rows;
}

function e820Items(side: BootSide, map: E820Entry[] | null, last: boolean): Item[] {
  return (map ?? []).map((e) => {
    const text = `${memRange(e.start, e.end)} ${e820TypeName(e.type)}`;
    return {
      key: hex(e.start),
      what: hex(e.start),
      same: text,
      cell: cellOf(text, e),
      at: side.at('e820', e, last),
    };
  });
}

function zoneItems(side: BootSide): Item[] {
  return side.boot.zoneRanges.map((z) => {
    const text = memRange(z.range.start, z.range.end);
    return {
      key: z.zone,
      what: z.zone,
      same: text,
      cell: cellOf(text, z.range),
      at: side.at('zone', z.range),
    };
  });
}

function nodeRangeItems(side: BootSide): Item[] {
  const seen = new Map<number, number>();
  return side.boot.nodeRanges.map((n) => {
    const k = (seen.get(n.node) ?? 0) + 1;
    seen.set(n.node, k);
    const text = memRange(n.range.start, n.range.end);
    return {
      key: `${n.node}:${k}`,
      what: `node ${n.node}, range ${k}`,
      same: text,
      cell: cellOf(text, n.range),
      at: side.at('node-range', n.range),
    };
  });
}

/** NODE_DATA and bootmap lines: one placement per node, each with its line. */
function placementItems(
  side: BootSide,
  xs: { line: number; node: number; range: Range }[],
): Item[] {
  return xs.map((x) => {
    const text = memRange(x.range.start, x.range.end);
    return {
      key: String(x.node),
      what: `node ${x.node}`,
      same: text,
      cell: cellOf(text, x.range),
      at: side.ref(x.line),
    };
  });
}

/** Each printed allocation request and the reservation that answered it (null: it failed). */
function requests(boot: ImportedBootFull): { req: MemblockRecord; answer: Range | null }[] {
  const recs = boot.memblock;
  return recs.flatMap((req, i) => {
    if (req.op !== 'alloc') return [];
    const next = recs[i + 1];
    const answered =
      next?.op === 'reserve' && callerFunction(next.caller) === 'memblock_alloc_range_nid';
    return [{ req, answer: answered ? (next.range ?? null) : null }];
  });
}

function memblockItems(side: BootSide): Item[] {
  return requests(side.boot).map(({ req, answer }, i) => {
    const asked = `${req.fn}(${humanSize(req.size ?? 0)}, align ${hex(req.align ?? 0)}${req.nid === undefined ? '' : `, nid ${req.nid}`}, ${hex(req.from ?? 0)}–${hex(req.maxAddr ?? 0)})`;
    const text = answer ? memRange(answer.start, answer.end) : 'no reservation: the request failed';
    return {
      key: String(i),
      what: `request ${i + 1}: ${callerFunction(req.caller)}`,
      same: `${asked} ${text}`,
      cell: { ...cellOf(text, answer ?? undefined), detail: asked },
      at: side.ref(req.line),
    };
  });
}

/** The crashkernel outcome, window and low part as both sides state them. */
function crashkernelRows(
  s: Sides,
  log: CrashkernelOutcome,
  model: CrashkernelOutcome,
): AgreementRow[] {
  const printed = s.log.boot.crashkernel;
  const asked = paramsNamed(parseCmdline(s.log.boot.cmdline ?? ''), 'crashkernel').length > 0;
  if (!printed.length && !asked && model.outcome === 'none') return [];
  if (!printed.length && asked)
    return [
      {
        ...unchecked('crashkernel', false),
        note: 'crashkernel= is on the command line, but the log prints no outcome (2.6.23 prints none, or the log is cut)',
      },
    ];
  // Where each side prints the main outcome, and the low part (6.1 prints the low line first).
  const at = (side: BootSide, low: boolean): number | undefined => {
    const all = side.boot.crashkernel;
    const lines = all.filter((c) => (c.outcome === 'reserved-low') === low);
    const line = (lines[lines.length - 1] ?? all[all.length - 1])?.line;
    return line === undefined ? undefined : side.ref(line);
  };
  const item = (what: string, text: string, at: number | undefined, range?: Range): Item => ({
    key: what,
    what,
    same: text,
    cell: cellOf(text, range),
    at,
  });
  const window = (o: CrashkernelOutcome): Range | undefined =>
    o.start !== undefined && o.end !== undefined ? { start: o.start, end: o.end } : undefined;
  const rangeText = (r: Range | undefined): string =>
    r ? `${memRange(r.start, r.end)} (${humanSize(r.end - r.start)})` : 'none';
  const both = (what: string, l: string, m: string, lr?: Range, mr?: Range): AgreementRow => {
    const low = what === 'low part';
    return rowOf(
      'crashkernel',
      item(what, l, at(s.log, low), lr),
      item(what, m, at(s.model, low), mr),
    );
  };
  const rows = [both('outcome', log.outcome, model.outcome)];
  const lw = window(log);
  const mw = window(model);
  if (lw || mw) rows.push(both('window', rangeText(lw), rangeText(mw), lw, mw));
  if (log.low || model.low)
    rows.push(both('low part', rangeText(log.low), rangeText(model.low), log.low, model.low));
  return rows;
}

/** Compare two read boots; the crashkernel outcomes come from the runs themselves. */
export function compareSides(
  s: Sides,
  crash: { log: CrashkernelOutcome; model: CrashkernelOutcome },
  model: string,
): Agreement {
  const { log, model: m } = s;
  const rows = [
    ...pair('e820', e820Items(log, log.boot.e820, false), e820Items(m, m.boot.e820, false)),
    ...pair(
      'e820-user',
      e820Items(log, log.boot.e820User, true),
      e820Items(m, m.boot.e820User, true),
      // Printed right after the firmware map: where both show that, no user map means none.
      log.boot.e820.length && m.boot.e820.length ? 'no user-defined map' : '',
    ),
    ...pair('zones', zoneItems(log), zoneItems(m)),
    ...pair('node-ranges', nodeRangeItems(log), nodeRangeItems(m)),
    ...pair(
      'node-data',
      placementItems(log, log.boot.nodeData),
      placementItems(m, m.boot.nodeData),
    ),
    ...pair('bootmap', placementItems(log, log.boot.bootmaps), placementItems(m, m.boot.bootmaps)),
    ...crashkernelRows(s, crash.log, crash.model),
    ...pair('memblock', memblockItems(log), memblockItems(m)),
  ];
  const counts: Record<AgreementStatus, number> = { agree: 0, differ: 0, unchecked: 0 };
  for (const r of rows) counts[r.status]++;
  return { model, rows, counts };
}

/**
 * Compare the observed timeline of an import with a model's run on its scenario. null when
 * the run prints nothing the importer can read back.
 */
export function compareRun(
  imported: { boot: ImportedBootFull; observed: Simulation },
  sim: Simulation,
): Agreement | null {
  const model = modelSide(sim);
  if (!model) return null;
  const a = compareSides(
    { log: logSide(imported.boot, imported.observed), model },
    { log: imported.observed.crashkernel, model: sim.crashkernel },
    sim.model,
  );
  return { ...a, rows: withReasons(a.rows, imported.boot, sim) };
}
