import { describe, expect, it } from 'vitest';
import type { Region } from '../output/events';
import { LiveRegions } from './live-regions';

let id = 0;
const region = (start: number, end: number): Region => ({
  id: id++,
  lane: 'reserved',
  start,
  end,
  label: '',
  owner: 'other',
  born: 0,
});

describe('live regions', () => {
  it('adds a range unless the same range is live, whatever else starts there', () => {
    const live = new LiveRegions();
    const a = region(0x1000, 0x2000);
    expect(live.addUnlessSame(a)).toBeUndefined();
    expect(live.addUnlessSame(region(0x1000, 0x2000))).toBe(a);
    const longer = region(0x1000, 0x400000);
    expect(live.addUnlessSame(longer)).toBeUndefined();
    expect(live.addUnlessSame(region(0x1000, 0x400000))).toBe(longer);
    expect(live.addUnlessSame(region(0x1000, 0x2000))).toBe(a);
    live.delete(a);
    const again = region(0x1000, 0x2000);
    expect(live.addUnlessSame(again)).toBeUndefined();
    expect(live.overlapping({ start: 0x1800, end: 0x1900 })).toEqual(
      expect.arrayContaining([again, longer]),
    );
    expect(live.all()).toHaveLength(2);
  });
});
