/**
 * The two sides of an observed-vs-simulated comparison as the same kind of thing: the facts of
 * one boot, and where each fact was printed. The log side is the import itself; the model side
 * is what the model's run prints, read back by the importer's own parser, so that a zone, a
 * NODE_DATA placement or an answered memblock request means exactly the same on both sides.
 */
import type { Range } from '../base/range';
import type { Simulation } from '../output/simulation';
import type { Fact } from './facts';
import { readLog } from './read-log';
import type { ImportedBootFull } from './types';

/** Facts whose records carry no line of their own: found by kind and range. */
export type LocatedKind = 'e820' | 'zone' | 'node-range';

export interface BootSide {
  boot: ImportedBootFull;
  /**
   * Where a fact was printed, as this side counts: a log line, or the step of the model's run.
   * `last`: the last print of that range (a user-map entry repeats a firmware one).
   */
  at(kind: LocatedKind, r: Range, last?: boolean): number | undefined;
  /** A line of this side's text as this side counts it. */
  ref(line: number): number | undefined;
}

const keyOf = (kind: string, r: Range): string => `${kind}:${r.start}:${r.end}`;

function locator(prints: Map<string, number[]>): BootSide['at'] {
  return (kind, r, last = false) => {
    const all = prints.get(keyOf(kind, r));
    return all && (last ? all[all.length - 1] : all[0]);
  };
}

function remember(prints: Map<string, number[]>, kind: string, r: Range, where: number): void {
  const k = keyOf(kind, r);
  const all = prints.get(k);
  if (all) all.push(where);
  else prints.set(k, [where]);
}

/** The log: every fact is a step of the observed timeline, with its line and range. */
export function logSide(boot: ImportedBootFull, observed: Simulation): BootSide {
  const prints = new Map<string, number[]>();
  for (const e of observed.events)
    if (e.line !== undefined && (e.kind === 'e820' || e.kind === 'zone' || e.kind === 'node-range'))
      remember(prints, e.kind, e, e.line);
  return { boot, at: locator(prints), ref: (line) => line };
}

function rangeOf(f: Fact): Range | null {
  switch (f.kind) {
    case 'e820':
      return f.entry;
    case 'zone':
      return f.range;
    case 'node-range':
      return f.range;
    default:
      return null;
  }
}

/**
 * The model's run as a log: its printed lines in step order, read back. null when the run
 * prints nothing the importer recognises (a model that stops before the e820 map).
 */
export function modelSide(sim: Simulation): BootSide | null {
  const stepOfLine: number[] = [];
  const text: string[] = [];
  for (const e of sim.events) {
    if (!e.dmesg) continue;
    for (const l of e.dmesg.split('\n')) {
      text.push(l);
      stepOfLine.push(e.step);
    }
  }
  const read = readLog(text.join('\n'));
  // One run is one boot; if the reader splits it, the first part is the one with the map.
  const first = read.boots[0];
  if (!first) return null;
  const ref = (line: number): number | undefined => stepOfLine[line - 1];
  const prints = new Map<string, number[]>();
  for (const f of first.facts) {
    const r = rangeOf(f);
    const step = ref(f.line);
    if (r && step !== undefined) remember(prints, f.kind, r, step);
  }
  return { boot: first.boot, at: locator(prints), ref };
}
