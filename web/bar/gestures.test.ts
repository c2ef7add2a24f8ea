import { describe, expect, it } from 'vitest';
import { gestureStep } from './gestures';

describe('gestureStep: d3 transform changes as pans and zooms', () => {
  it('reads equal scales as a pan, dragging right moving the window left', () => {
    expect(gestureStep({ x: 10, k: 2 }, { x: 40, k: 2 })).toEqual({ kind: 'pan', dx: -30 });
  });
  it('reads a scale change as a zoom about the screen point that does not move', () => {
    const p = { x: -120, k: 1.5 };
    const t = { x: -400, k: 2.25 };
    const step = gestureStep(p, t);
    if (step.kind !== 'zoom') throw new Error('expected a zoom');
    expect(step.factor).toBeCloseTo(1.5, 12);
    expect(t.x + (t.k / p.k) * (step.at - p.x)).toBeCloseTo(step.at, 9);
  });
  it('reads a wheel zoom at the pointer from identity', () => {
    // d3 zooming by 2 about x = 300 from identity gives x = 300 - 2 * 300.
    expect(gestureStep({ x: 0, k: 1 }, { x: -300, k: 2 })).toEqual({
      kind: 'zoom',
      factor: 2,
      at: 300,
    });
  });
});
