import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint } from './sorted';

describe('partitionPoint', () => {
  it('empty, all before, none before', () => {
    expect(partitionPoint(0, () => true)).toBe(0);
    expect(partitionPoint(5, () => true)).toBe(5);
    expect(partitionPoint(5, () => false)).toBe(0);
  });
  it('equals a linear scan on random sorted arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer(), (xs, x) => {
        const a = [...xs].sort((p, q) => p - q);
        const linear = a.findIndex((v) => v > x);
        expect(partitionPoint(a.length, (i) => (a[i] as number) <= x)).toBe(
          linear < 0 ? a.length : linear,
        );
      }),
    );
  });
});
