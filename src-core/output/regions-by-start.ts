/**
 * A run's regions by start address, for "is this range drawn already?" without walking every
 * region (a model that asks it per reservation would be quadratic: 100,000 reservations took
 * seconds). The recorder only appends regions and never moves one, so the index catches up
 * from where it stopped; whether a region is still alive is read from it at the time of asking.
 */
import type { Region } from './events';

export class RegionsByStart {
  private seen = 0;
  private readonly byStart = new Map<number, Region[]>();

  constructor(private readonly regions: readonly Region[]) {}

  /** Every region, alive or not, recorded so far with this start. */
  at(start: number): readonly Region[] {
    for (; this.seen < this.regions.length; this.seen++) {
      const r = this.regions[this.seen] as Region;
      const list = this.byStart.get(r.start);
      if (list) list.push(r);
      else this.byStart.set(r.start, [r]);
    }
    return this.byStart.get(start) ?? [];
  }
}
