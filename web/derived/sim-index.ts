/**
 * Facts about one simulation that every step and every frame reuse, computed once per
 * simulation (memoised on the object): which events touch each region, which lanes exist,
 * sub-rows for regions that overlap in a lane, and what the collapsed layout must keep open.
 */
import {
  normalize,
  PAGE_SIZE,
  partitionPoint,
  type Owner,
  type Range,
  type Region,
  type Simulation,
} from '../../src-core';
import { landmarksOf, type Landmark } from './landmarks';
import { LANES, laneOf, OVERVIEW_LANES, type LaneId } from './lanes';
import { runStages, runStagesPaused } from './stages';

export interface SimIndex {
  sim: Simulation;
  regionById: Map<number, Region>;
  /** Steps whose event touches the region, and the regions each step touches. */
  stepsByRegion: Map<number, number[]>;
  regionsByStep: Map<number, readonly number[]>;
  /** Lanes with something to show at some step, in bar order; fixed for the simulation. */
  lanes: LaneId[];
  /** Sub-row of each region in its lane, and rows per lane (>= 1). */
  rowOf: Map<number, number>;
  rows: Map<LaneId, number>;
  /** Everything drawn starts or ends here; and what a collapse must never hide. */
  boundaries: number[];
  keep: Range[];
  /** Top of the firmware map: the "whole machine" zoom. */
  top: number;
  /** Steps at which something the overview draws appears or goes, sorted. */
  overviewChanges: number[];
  /** Per lane, the steps at which its picture changes (bits: bitmap operations), sorted. */
  laneChanges: Map<LaneId, number[]>;
  /** Per lane, where each region is born or ends, in step order: to repaint only that. */
  laneEdits: Map<LaneId, LaneEdits>;
  /** Where the bitmap operations change the bits lane (their pages), in step order. */
  bitEdits: LaneEdits;
  /** The same steps, without bounds: a drawn bitmap's contents may change anywhere on it. */
  bitContentEdits: LaneEdits;
  /** Step of the first bitmap retirement (Infinity when bootmem never retires one). */
  firstRetire: number;
  owners: Owner[];
  e820Types: number[];
  zones: string[];
  /** Addresses the axis always marks (nodes, zones, 16 MiB, 4 GiB), sorted. */
  landmarks: Landmark[];
}

/**
 * A lane's changes in step order, as columns: at `steps[i]` its picture changes within the
 * addresses [starts[i], ends[i]) (a region born or ended there, a bitmap operation's pages).
 */
export interface LaneEdits {
  steps: number[];
  starts: number[];
  ends: number[];
}

const cache = new WeakMap<Simulation, SimIndex>();

/** Most sub-rows a lane gets; more overlaps share the last row. */
const MAX_ROWS = 3;

const alive = (r: Region, step: number): boolean =>
  r.born <= step && (r.died === undefined || r.died > step);

/** Regions overlap on the bar only if they overlap in address and are ever alive together. */
const coexist = (a: Region, b: Region): boolean =>
  a.start < b.end &&
  b.start < a.end &&
  a.born < (b.died ?? Infinity) &&
  b.born < (a.died ?? Infinity);

/** Regions given a row between two pauses of indexSimulationGradually. */
const SLICE_ROWS = 10_000;

function* packRows(
  regions: readonly Region[],
): Generator<void, { rowOf: Map<number, number>; rows: Map<LaneId, number> }> {
  const rowOf = new Map<number, number>();
  const rows = new Map<LaneId, number>();
  const byLane = new Map<LaneId, Region[]>();
  for (const r of regions) {
    const l = laneOf(r);
    const list = byLane.get(l);
    if (list) list.push(r);
    else byLane.set(l, [r]);
  }
  let done = 0;
  for (const [lane, list] of byLane) {
    yield;
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    yield;
    // Per row, the regions that may still overlap what comes next (end above its start).
    const open: Region[][] = [];
    for (const r of list) {
      if (++done % SLICE_ROWS === 0) yield;
      let row = 0;
      for (; row < MAX_ROWS; row++) {
        const here = (open[row] ??= []);
        // Pruned in place: a filtered copy per region and row was 100,000s of short-lived
        // arrays on a big imported log, each collection of them a pause of its own.
        let kept = 0;
        for (const o of here) if (o.end > r.start) here[kept++] = o;
        here.length = kept;
        if (!here.some((o) => coexist(o, r))) break;
      }
      row = Math.min(row, MAX_ROWS - 1);
      (open[row] ??= []).push(r);
      rowOf.set(r.id, row);
      rows.set(lane, Math.max(rows.get(lane) ?? 1, row + 1));
    }
  }
  return { rowOf, rows };
}

/**
 * Which events touch which regions: those an event lists (it created or ended them) and those
 * with exactly the event's range (a reservation of something already drawn, such as
 * reserve_bootmem_generic on the kernel image, lists nothing but acts on that region).
 */
function* linkEventsAndRegions(
  sim: Simulation,
): Generator<
  void,
  { regionsByStep: Map<number, readonly number[]>; stepsByRegion: Map<number, number[]> }
> {
  // Keyed by start, then end: no string made per region and per step (100,000 of them in a
  // big imported log).
  const byRange = new Map<number, Map<number, number[]>>();
  for (const r of sim.regions) {
    let ends = byRange.get(r.start);
    if (!ends) byRange.set(r.start, (ends = new Map()));
    const list = ends.get(r.end);
    if (list) list.push(r.id);
    else ends.set(r.end, [r.id]);
  }
  const regionsByStep = new Map<number, readonly number[]>();
  const stepsByRegion = new Map<number, number[]>();
  yield;
  for (const e of sim.events) {
    if (e.step % SLICE_EVENTS === SLICE_EVENTS - 1) yield;
    const same = e.end > e.start ? byRange.get(e.start)?.get(e.end) : undefined;
    // Most steps list at most one region and share no range: no set needed to dedupe, and
    // the event's own list serves (no copy per step to collect).
    const ids =
      same || e.regions.length > 1 ? [...new Set([...e.regions, ...(same ?? [])])] : e.regions;
    regionsByStep.set(e.step, ids);
    for (const id of ids) {
      const list = stepsByRegion.get(id);
      if (list) list.push(e.step);
      else stepsByRegion.set(id, [e.step]);
    }
  }
  return { regionsByStep, stepsByRegion };
}

/** Events linked to their regions between two pauses of indexSimulationGradually. */
const SLICE_EVENTS = 5_000;

/** The index, in stages (stages.ts) of a few milliseconds each on a 100,000-line log. */
function* indexStages(sim: Simulation): Generator<void, SimIndex> {
  const regionById = new Map(sim.regions.map((r) => [r.id, r]));
  yield;
  const { regionsByStep, stepsByRegion } = yield* linkEventsAndRegions(sim);
  yield;
  const present = new Set<LaneId>(sim.regions.map(laneOf));
  if (sim.bitOps.length > 0) present.add('bits');
  const lanes = LANES.map((l) => l.id).filter((id) => present.has(id));
  const boundaries: number[] = [];
  for (const r of sim.regions) boundaries.push(r.start, r.end);
  for (const e of sim.events) if (e.end > e.start) boundaries.push(e.start, e.end);
  yield;
  const backgroundLane = new Set(LANES.filter((l) => l.background).map((l) => l.id));
  const keep = normalize(sim.regions.filter((r) => !backgroundLane.has(laneOf(r))));
  const e820 = sim.regions.filter((r) => r.lane === 'e820');
  const top = Math.max(0, ...(e820.length ? e820 : sim.regions).map((r) => r.end));
  yield;
  const rowsOf = yield* packRows(sim.regions);
  yield;
  const overviewChanges = changeSteps(
    sim.regions.filter((r) => OVERVIEW_LANES.includes(laneOf(r))),
  );
  yield;
  const laneChanges = yield* laneChangeSteps(sim, lanes);
  const laneEdits = yield* laneEditsOf(sim, lanes);
  yield;
  const owners = [...new Set(sim.regions.filter((r) => r.lane !== 'e820').map((r) => r.owner))];
  const zones = [...new Set(sim.regions.map((r) => r.zone).filter((z): z is string => !!z))];
  yield;
  const landmarks = landmarksOf(sim);
  yield;
  return {
    sim,
    regionById,
    stepsByRegion,
    regionsByStep,
    lanes,
    ...rowsOf,
    boundaries,
    keep,
    top,
    overviewChanges,
    laneChanges,
    laneEdits,
    bitEdits: {
      steps: sim.bitOps.map((o) => o.step),
      starts: sim.bitOps.map((o) => o.pages.start * PAGE_SIZE),
      ends: sim.bitOps.map((o) => o.pages.end * PAGE_SIZE),
    },
    bitContentEdits: {
      steps: sim.bitOps.map((o) => o.step),
      starts: sim.bitOps.map(() => 0),
      ends: sim.bitOps.map(() => Infinity),
    },
    firstRetire: sim.bitOps.reduce(
      (m, o) => (o.op === 'retire' ? Math.min(m, o.step) : m),
      Infinity,
    ),
    owners,
    e820Types: [...new Set(e820.map((r) => r.e820Type ?? 0))].sort((a, b) => a - b),
    zones,
    landmarks,
  };
}

export function indexSimulation(sim: Simulation): SimIndex {
  const hit = cache.get(sim);
  if (hit) return hit;
  const si = runStages(indexStages(sim));
  cache.set(sim, si);
  return si;
}

/**
 * indexSimulation with `pause()` awaited between its stages; null, and nothing kept, when a
 * pause answers false (the caller gave up).
 */
export async function indexSimulationGradually(
  sim: Simulation,
  pause: () => Promise<boolean>,
): Promise<SimIndex | null> {
  const hit = cache.get(sim);
  if (hit) return hit;
  const si = await runStagesPaused(indexStages(sim), pause);
  if (si) cache.set(sim, si);
  return si;
}

export { alive as regionAlive };

/**
 * In memory before any allocator existed (the kernel image and initrd when setup_arch() starts)
 * and not reserved yet: until the first later step that acts on its range, or step 1 when
 * none does. The inspector says "Nothing is reserved yet" there; the bar must not draw it as
 * reserved.
 */
export function loadedNotReserved(si: SimIndex, r: Region, step: number): boolean {
  if (r.born !== 0 || r.lane !== 'reserved' || r.alloc) return false;
  const reservedAt = (si.stepsByRegion.get(r.id) ?? []).find((s) => s > 0) ?? 1;
  return step < reservedAt;
}

function* laneChangeSteps(
  sim: Simulation,
  lanes: readonly LaneId[],
): Generator<void, Map<LaneId, number[]>> {
  const out = new Map<LaneId, number[]>();
  const bitSteps = sim.bitOps.map((o) => o.step);
  for (const lane of lanes) {
    const own = lane === 'bits' ? [] : changeSteps(sim.regions.filter((r) => laneOf(r) === lane));
    // The bits lane, and the bitmaps' drawn contents, change with every bitmap operation.
    const withBits = lane === 'bits' || lane === 'bitmap' ? [...own, ...bitSteps] : own;
    out.set(
      lane,
      [...new Set(withBits)].sort((a, b) => a - b),
    );
    yield;
  }
  return out;
}

function* laneEditsOf(
  sim: Simulation,
  lanes: readonly LaneId[],
): Generator<void, Map<LaneId, LaneEdits>> {
  const byLane = new Map<LaneId, [number, number, number][]>(lanes.map((l) => [l, []]));
  for (const r of sim.regions) {
    const list = byLane.get(laneOf(r));
    if (!list) continue;
    list.push([r.born, r.start, r.end]);
    if (r.died !== undefined) list.push([r.died, r.start, r.end]);
  }
  const out = new Map<LaneId, LaneEdits>();
  for (const [lane, list] of byLane) {
    yield;
    list.sort((a, b) => a[0] - b[0]);
    out.set(lane, {
      steps: list.map((e) => e[0]),
      starts: list.map((e) => e[1]),
      ends: list.map((e) => e[2]),
    });
  }
  return out;
}

function changeSteps(regions: readonly Region[]): number[] {
  const steps = new Set<number>();
  for (const r of regions) {
    steps.add(r.born);
    if (r.died !== undefined) steps.add(r.died);
  }
  return [...steps].sort((a, b) => a - b);
}

/** True when some step in (min(a, b), max(a, b)] is in the sorted list. */
export function changedBetween(changes: readonly number[], a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const i = partitionPoint(changes.length, (k) => (changes[k] as number) <= lo);
  return i < changes.length && (changes[i] as number) <= hi;
}
