import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampView, frameU, MIN_BPP, panBy, pxToU, uToPx, visibleU, zoomAt } from './viewport';

const P52 = 2 ** 52;
const e = { total: P52, width: 1000 };

describe('viewport: exact origin plus bytes per pixel', () => {
  it('puts page boundaries near 2^52 on exact pixels', () => {
    const v = { origin: P52 - 1000 * 64, frac: 0, bpp: 64 };
    expect(uToPx(v, P52 - 1000 * 64 + 4096)).toBe(64);
    expect(uToPx(v, P52 - 64)).toBe(999);
  });
  it('pans a quarter byte at a time near 2^52 without drift', () => {
    let v = { origin: P52 - 8192, frac: 0, bpp: 1 };
    for (let i = 0; i < 4000; i++) v = panBy(v, -0.25, e);
    expect(v.origin).toBe(P52 - 8192 - 1000);
    expect(v.frac).toBe(0);
  });
  it('keeps the position under the pointer fixed while zooming', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2 ** 40, max: P52 - 2 ** 40 }),
        fc.double({ min: 1, max: 2 ** 20, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (origin, bpp, px, factor) => {
          const v = { origin, frac: 0, bpp };
          const before = pxToU(v, px);
          const z = zoomAt(v, px, factor, e);
          expect(Number.isInteger(z.origin)).toBe(true);
          expect(z.frac).toBeGreaterThanOrEqual(0);
          expect(z.frac).toBeLessThan(1);
          // Within one byte (or one pixel of the new zoom) of where it was; away from the edges.
          expect(Math.abs(pxToU(z, px) - before)).toBeLessThanOrEqual(Math.max(1, z.bpp));
        },
      ),
    );
  });
  it('clamps to one byte per pixel and to the whole layout', () => {
    const v = zoomAt({ origin: 0x1000000, frac: 0, bpp: 4 }, 500, 1e6, e);
    expect(v.bpp).toBe(MIN_BPP);
    const out = zoomAt(v, 500, 1e-30, e);
    expect(out.bpp).toBe(P52 / 1000);
    expect(out.origin).toBe(0);
  });
  it('keeps the window inside the layout', () => {
    const v = clampView({ origin: P52 - 10, frac: 0.5, bpp: 1 }, e);
    expect(v.origin + v.frac + 1000 * v.bpp).toBeLessThanOrEqual(P52);
    expect(clampView({ origin: -5, frac: 0, bpp: 1 }, e).origin).toBe(0);
  });
  it('frames a range exactly, and centres a too-small one at the deepest zoom', () => {
    const v = frameU(0x1000000, 0x111b000, e);
    expect(v.origin).toBe(0x1000000);
    expect(v.bpp).toBe(0x11b000 / 1000);
    expect(visibleU(v, 1000)).toEqual({ start: 0x1000000, end: 0x111b000 });
    const tiny = frameU(0x1000, 0x1001, e);
    expect(tiny.bpp).toBe(MIN_BPP);
    expect(pxToU(tiny, 500)).toBe(0x1000);
  });
});
