import { describe, expect, it } from 'vitest';
import { buildLayout, IDENTITY_LAYOUT } from './layout';
import { binaryLabel, makeTicks } from './ticks';

describe('binaryLabel', () => {
  it('prints binary units with at most two terms', () => {
    expect(binaryLabel(0)).toBe('0');
    expect(binaryLabel(16 * 2 ** 20)).toBe('16 MiB');
    expect(binaryLabel(0x1001000)).toBe('16 MiB + 4 KiB');
    expect(binaryLabel(2 ** 52 - 2 ** 40)).toBe('3 PiB + 1023 TiB');
  });
  it('marks values that need more than two terms as approximate', () => {
    expect(binaryLabel(0xf9a6c8)).toBe('≈15 MiB + 617 KiB');
    expect(binaryLabel(2 ** 52 - 4096)).toBe('≈3 PiB + 1023 TiB');
  });
});

describe('makeTicks', () => {
  it('places hex ticks at a power-of-two step with at least minPx between them', () => {
    const view = { origin: 0x1000000, frac: 0, bpp: 0x200000 / 1000 };
    const t = makeTicks(IDENTITY_LAYOUT, view, 1000, 80);
    expect(t.step).toBe(0x40000);
    expect(t.ticks.map((x) => x.hex)).toEqual([
      '0x1000000',
      '0x1040000',
      '0x1080000',
      '0x10c0000',
      '0x1100000',
      '0x1140000',
      '0x1180000',
      '0x11c0000',
      '0x1200000',
    ]);
    expect(t.ticks[1]?.px).toBeCloseTo(125, 9);
    expect(t.ticks[1]?.human).toBe('16 MiB + 256 KiB');
  });
  it('is exact at 2^52: page ticks land on whole pixels at one byte per pixel', () => {
    const origin = 2 ** 52 - 4 * 4096;
    const t = makeTicks(IDENTITY_LAYOUT, { origin, frac: 0, bpp: 1 }, 16384, 4096);
    expect(t.step).toBe(4096);
    expect(t.ticks.map((x) => x.px)).toEqual([0, 4096, 8192, 12288, 16384]);
    expect(t.ticks[0]?.hex).toBe('0xfffffffffc000');
  });
  it('gives neighbouring ticks distinct binary labels deep in a high address', () => {
    const view = { origin: 48 * 2 ** 30 + 2 ** 20, frac: 0, bpp: 2 ** 20 / 1000 };
    const t = makeTicks(IDENTITY_LAYOUT, view, 1000, 100);
    const labels = t.ticks.map((x) => x.human);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('48 GiB + 1 MiB + 512 KiB');
  });
  it('puts no tick inside a collapsed gap', () => {
    const layout = buildLayout({
      boundaries: [0, 0x1000000, 0x40000000, 0x41000000],
      keep: [
        { start: 0, end: 0x1000000 },
        { start: 0x40000000, end: 0x41000000 },
      ],
    });
    const view = { origin: 0, frac: 0, bpp: layout.pieces[2]!.u / 500 };
    const t = makeTicks(layout, view, 1000, 40);
    const gap = layout.pieces[1]!;
    expect(gap.kind).toBe('gap');
    for (const x of t.ticks) expect(x.addr <= gap.start || x.addr >= gap.end).toBe(true);
  });
});
