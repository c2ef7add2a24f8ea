import { describe, expect, it } from 'vitest';
import { RectRow } from './batch';

/** A stand-in context that records the rectangles drawn and their colours. */
function recorder() {
  const drawn: [string, number, number][] = [];
  const ctx = {
    fillStyle: '',
    fillRect(x: number, _y: number, w: number) {
      drawn.push([this.fillStyle, x, x + w]);
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, drawn };
}

describe('RectRow', () => {
  it('merges touching rectangles of one colour and keeps colours apart', () => {
    const { ctx, drawn } = recorder();
    const row = new RectRow(ctx, 0, 10);
    row.add(0, 10, 'red');
    row.add(10, 20, 'red');
    row.add(20, 30, 'blue');
    row.add(40, 50, 'blue');
    row.flush();
    expect(drawn).toEqual([
      ['red', 0, 20],
      ['blue', 20, 30],
      ['blue', 40, 50],
    ]);
  });
  it('draws one sub-pixel rectangle per pixel column', () => {
    const { ctx, drawn } = recorder();
    const row = new RectRow(ctx, 0, 10);
    for (let i = 0; i < 100; i++) row.add(5 + i / 100, 5.005 + i / 100, i % 2 ? 'red' : 'blue');
    row.flush();
    expect(drawn).toHaveLength(1);
  });
  it('drops tiny regions, widened to stay visible, where the pixels are already drawn', () => {
    const { ctx, drawn } = recorder();
    const row = new RectRow(ctx, 0, 10);
    // Alternating colours every 0.4 px, each widened to 2 px: one rectangle per 2 px at most.
    for (let i = 0; i < 100; i++) {
      const c = 10 + i * 0.4;
      row.add(c - 1, c + 1, i % 2 ? 'red' : 'blue', true);
    }
    row.flush();
    expect(drawn.length).toBeLessThanOrEqual(25);
    expect(drawn[0]).toEqual(['blue', 9, 11]);
  });
  it('never drops a region that is wide in its own right', () => {
    const { ctx, drawn } = recorder();
    const row = new RectRow(ctx, 0, 10);
    row.add(0, 100, 'blue');
    row.add(10, 20, 'red');
    row.flush();
    expect(drawn).toEqual([
      ['blue', 0, 100],
      ['red', 10, 20],
    ]);
  });
});
