/**
 * The observed timeline: every fact of a boot becomes a step, in log order, with the line it
 * comes from, and draws what it says on the lanes a simulated run uses (e820 entries, nodes,
 * zones, memory, reservations by owner, bootmem bitmaps, the crashkernel window). Lists that
 * restate a whole table (a new e820 map, the node memory ranges, a MEMBLOCK dump's memory)
 * replace what their lane showed; frees and e820 edits cut the regions they touch.
 */
import {
  PHASES,
  Recorder,
  type BootEvent,
  type Lane,
  type Owner,
  type Phase,
  type Region,
  type Worked,
} from '../output/events';
import { rangeSubtract, type Range } from '../base/range';
import { describeFact } from './describe';
import type { E820MapKind, Fact } from './facts';
import { LiveRegions } from './live-regions';
import { OTHER_LABEL, OTHER_OWNER, ownerOfEarlyRes } from './owners';
import { flat, type Described } from './step-text';
import type { MemblockRecord } from './types';

const rank = (p: Phase): number => PHASES.indexOf(p);
/** The later phase; most steps are in the phase of the one before, told without ranking. */
const later = (a: Phase, b: Phase): Phase => (a === b || rank(a) >= rank(b) ? a : b);

type RegionInit = Omit<Region, 'id' | 'born' | 'lane' | 'start' | 'end'>;

/**
 * Most steps read from a log have no worked numbers; they share one frozen empty list (a
 * 100,000-line log would otherwise make 100,000 empty arrays). Frozen, so a push fails loudly.
 */
const NO_WORKED = Object.freeze([]) as unknown as Worked[];
/** The region list of a step until it touches one (Recorder.touched then gives it its own). */
const NO_REGIONS = Object.freeze([]) as unknown as number[];

/** What a region says, without where and when: to redraw the part of it that remains. */
function initOf(r: Region): RegionInit {
  const { label, owner, node, e820Type, zone, conflict, alloc } = r;
  return {
    label,
    owner,
    ...(node === undefined ? {} : { node }),
    ...(e820Type === undefined ? {} : { e820Type }),
    ...(zone === undefined ? {} : { zone }),
    ...(conflict === undefined ? {} : { conflict }),
    ...(alloc === undefined ? {} : { alloc }),
  };
}

/**
 * A memblock reservation's region with every field it will get, in the order regions have
 * always had them (add and Recorder.adoptRegion fill in the place, id and step): a literal
 * grown field by field keeps the fields past its own in a second object, and a 100,000-line
 * log draws 50,000 of these.
 */
function reservationInit(label: string, owner: Owner, alloc: boolean, r: Range): RegionInit {
  const placed: Omit<Region, 'id' | 'born'> & Pick<Region, 'id' | 'born'> = alloc
    ? { label, owner, alloc, lane: 'reserved', start: r.start, end: r.end, id: 0, born: 0 }
    : { label, owner, lane: 'reserved', start: r.start, end: r.end, id: 0, born: 0 };
  return placed;
}

/** The init object is always fresh: given its place, it becomes the region (one object fewer). */
function placed(lane: Lane, r: Range, init: RegionInit): Omit<Region, 'id' | 'born'> {
  const reg = init as Omit<Region, 'id' | 'born'>;
  reg.lane = lane;
  reg.start = r.start;
  reg.end = r.end;
  return reg;
}

export class TimelineBuilder {
  readonly rec = new Recorder();
  private phase: Phase = 'firmware';
  private readonly lanes = new Map<Lane, LiveRegions>();
  private e820Map: E820MapKind | null = null;
  private pendingAlloc: MemblockRecord | null = null;
  private previous: Fact['kind'] | null = null;

  constructor(
    private readonly src: (f: Fact) => string,
    private readonly textOf: (line: number) => string,
  ) {}

  private live(lane: Lane): LiveRegions {
    let l = this.lanes.get(lane);
    if (!l) this.lanes.set(lane, (l = new LiveRegions()));
    return l;
  }

  private add(lane: Lane, r: Range, init: RegionInit): void {
    if (r.end <= r.start) return;
    this.live(lane).add(this.rec.adoptRegion(placed(lane, r, init)));
  }

  private end(lane: Lane, reg: Region): void {
    this.rec.end(reg);
    this.live(lane).delete(reg);
  }

  private endAll(lane: Lane, keep: (r: Region) => boolean = () => false): void {
    for (const r of this.live(lane).all()) if (!keep(r)) this.end(lane, r);
  }

  /** Cut `cut` out of the lane's regions that `which` selects; `inside` redraws the cut part. */
  private carve(
    lane: Lane,
    cut: Range,
    which: (r: Region) => boolean,
    inside?: (r: Region) => RegionInit | null,
  ): void {
    for (const r of this.live(lane).overlapping(cut)) {
      if (!which(r)) continue;
      this.end(lane, r);
      for (const piece of rangeSubtract(r, cut)) this.add(lane, piece, initOf(r));
      const mid = inside?.(r);
      if (mid)
        this.add(lane, { start: Math.max(r.start, cut.start), end: Math.min(r.end, cut.end) }, mid);
    }
  }

  /** A reservation; the same range already live is relabelled rather than drawn twice. */
  private reserve(lane: Lane, r: Range, init: RegionInit, relabel: boolean): void {
    if (r.end <= r.start) return;
    const reg = placed(lane, r, init);
    const same = this.live(lane).addUnlessSame(reg as Region);
    if (!same) {
      // Numbered once it is known to be drawn (the index reads only its range).
      this.rec.adoptRegion(reg);
      return;
    }
    this.rec.touch(same);
    // init has the same lane and range now: only its label, owner and the like change `same`.
    if (relabel) Object.assign(same, init);
  }

  private phaseOf(f: Fact, d: Described): Phase {
    if (d.fixed) return d.phase;
    if (d.advance) {
      this.phase = later(this.phase, d.phase);
      return this.phase;
    }
    return later(this.phase, d.phase);
  }

  addFact(f: Fact): void {
    const alloc = f.kind === 'memblock' && f.record.op === 'reserve' ? this.pendingAlloc : null;
    const d = describeFact(f, alloc);
    this.rec.adoptEvent(this.eventOf(f, d));
    this.draw(f, d, alloc);
    if (f.kind === 'memblock') this.pendingAlloc = f.record.op === 'alloc' ? f.record : null;
    this.previous = f.kind;
  }

  /**
   * The step as one literal with every field, in the order events have always had, `node` last
   * when it has one: a field added to a literal later goes to a second object (50,000 of them
   * for the requests of a 100,000-line log).
   */
  private eventOf(f: Fact, d: Described): BootEvent {
    const phase = this.phaseOf(f, d);
    const { kind, line } = f;
    const start = d.range?.start ?? 0;
    const end = d.range?.end ?? 0;
    const label = flat(d.label);
    const { owner, fn, node } = d;
    const src = this.src(f);
    const dmesg = this.textOf(line);
    const explain = flat(d.explain);
    const worked = d.worked ?? NO_WORKED;
    const step = 0;
    const regions = NO_REGIONS;
    return node === undefined
      ? {
          phase,
          kind,
          start,
          end,
          label,
          owner,
          fn,
          src,
          dmesg,
          explain,
          worked,
          line,
          step,
          regions,
        }
      : {
          phase,
          kind,
          start,
          end,
          label,
          owner,
          fn,
          src,
          dmesg,
          explain,
          worked,
          line,
          step,
          regions,
          node,
        };
  }

  private draw(f: Fact, d: Described, alloc: MemblockRecord | null): void {
    switch (f.kind) {
      case 'e820':
        if (f.map === 'xen') return;
        if (this.e820Map !== f.map) {
          this.endAll('e820');
          this.e820Map = f.map;
        }
        this.add('e820', f.entry, { label: d.label, owner: 'firmware', e820Type: f.entry.type });
        return;
      case 'e820-edit':
        this.carve(
          'e820',
          f.range,
          (r) => f.fromType === null || r.e820Type === f.fromType,
          () =>
            f.op === 'update' && f.toType !== null
              ? { label: f.to ?? '', owner: 'firmware', e820Type: f.toType }
              : null,
        );
        return;
      case 'srat':
        this.carve(
          'node',
          f.range,
          (r) => r.node === f.node && r.start >= f.range.start && r.end <= f.range.end,
        );
        this.add('node', f.range, { label: d.label, owner: 'numa', node: f.node });
        return;
      case 'numa-merge':
        for (const part of [...f.parts, f.range])
          this.carve('node', part, (r) => r.node === f.node);
        this.add('node', f.range, { label: d.label, owner: 'numa', node: f.node });
        return;
      case 'node-setup':
        if (!f.range) return;
        this.endAll('node', (r) => r.node !== f.node);
        this.add('node', f.range, { label: d.label, owner: 'numa', node: f.node });
        return;
      case 'header':
        if (f.what === 'zones-new' || f.what === 'zones-old') this.endAll('zone');
        return;
      case 'zone':
        if (f.range) this.add('zone', f.range, { label: f.zone, owner: 'zone', zone: f.zone });
        return;
      case 'node-range':
        if (this.previous !== 'node-range') this.endAll('memory');
        this.add('memory', f.range, { label: d.label, owner: 'numa', node: f.node });
        return;
      case 'memblock-dump-entry':
        if (f.type !== 'memory') return;
        if (this.previous !== 'memblock-dump-entry') this.endAll('memory');
        this.add('memory', f.range, {
          label: d.label,
          owner: 'firmware',
          ...(f.node === undefined ? {} : { node: f.node }),
        });
        return;
      case 'memblock':
        this.drawMemblock(f.record, d, alloc);
        return;
      case 'early-res': {
        const owner = ownerOfEarlyRes(f.name);
        this.reserve(
          owner === 'bitmap' ? 'bitmap' : 'reserved',
          f.range,
          { label: f.name, owner },
          false,
        );
        return;
      }
      case 'bootmap':
        this.reserve('bitmap', f.range, { label: d.label, owner: 'bitmap', node: f.node }, true);
        return;
      case 'node-data':
        this.reserve(
          'reserved',
          f.range,
          { label: d.label, owner: 'node-data', ...(f.node < 0 ? {} : { node: f.node }) },
          true,
        );
        return;
      case 'reservation':
        this.reserve(
          'reserved',
          f.range,
          { label: OTHER_LABEL[f.what], owner: OTHER_OWNER[f.what] },
          true,
        );
        return;
      case 'crashkernel':
        if (f.range)
          this.add('crashkernel', f.range, {
            label: d.label,
            owner: 'crashkernel',
            crash: f.outcome === 'failed' ? 'refused' : 'reserved',
          });
        return;
      default:
        return;
    }
  }

  private drawMemblock(r: MemblockRecord, d: Described, alloc: MemblockRecord | null): void {
    const range = r.range;
    if (!range) return;
    switch (r.op) {
      case 'add':
        this.reserve(
          'memory',
          range,
          { label: d.label, owner: 'firmware', ...(r.nid === undefined ? {} : { node: r.nid }) },
          false,
        );
        return;
      case 'remove':
        this.carve('memory', range, () => true);
        return;
      case 'free':
        this.carve('reserved', range, () => true);
        return;
      case 'reserve':
        // describeMemblock named the owner: the request's caller, else the reservation's.
        this.reserve(
          'reserved',
          range,
          reservationInit(d.label, d.owner, alloc !== null, range),
          false,
        );
        return;
      default:
        return;
    }
  }
}
