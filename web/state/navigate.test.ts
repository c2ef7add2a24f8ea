import { beforeEach, describe, expect, it } from 'vitest';
import { gapsIn } from '../viewport/layout';
import {
  applyLocus,
  frameAddr,
  home,
  initView,
  setCollapse,
  setWidth,
  visibleLocus,
  zoomBy,
} from './navigate';
import { useView } from './view-store';

const GiB = 2 ** 30;

beforeEach(() => {
  useView.setState({ width: 0, collapse: true, expanded: new Set(), notice: null });
  initView();
  setWidth(1000);
});

describe('navigating the seed with collapsed gaps', () => {
  it('opens on the whole machine, not the empty 2^52, gaps collapsed', () => {
    expect(visibleLocus()).toBe('[mem 0x0-0x17ffffffff]');
    expect(gapsIn(useView.getState().layout, { start: 0, end: 96 * GiB }).length).toBeGreaterThan(
      0,
    );
  });
  it('frames a range exactly and reads it back', () => {
    frameAddr(0x1000000, 0x111b000, 0);
    expect(visibleLocus()).toBe('[mem 0x1000000-0x111afff]');
  });
  it('opens a gap that hides an end of the range, and only that one', () => {
    const before = gapsIn(useView.getState().layout, { start: 0, end: 2 ** 52 }).length;
    frameAddr(10 * GiB, 10 * GiB + 0x1000, 0);
    expect(visibleLocus()).toBe(
      `[mem 0x${(10 * GiB).toString(16)}-0x${(10 * GiB + 0xfff).toString(16)}]`,
    );
    expect(gapsIn(useView.getState().layout, { start: 0, end: 2 ** 52 }).length).toBe(before - 1);
  });
  it('keeps gaps collapsed when framing a range across them', () => {
    const before = gapsIn(useView.getState().layout, { start: 0, end: 2 ** 52 }).length;
    frameAddr(0, 0xc00185000);
    expect(gapsIn(useView.getState().layout, { start: 0, end: 2 ** 52 }).length).toBe(before);
  });
  it('keeps the visible addresses when collapsing is turned off and on', () => {
    frameAddr(0x1000000, 0x111b000, 0);
    setCollapse(false);
    expect(visibleLocus()).toBe('[mem 0x1000000-0x111afff]');
    setCollapse(true);
    expect(visibleLocus()).toBe('[mem 0x1000000-0x111afff]');
  });
  it('goes home to the top of RAM when nothing is collapsed', () => {
    setCollapse(false);
    home();
    expect(visibleLocus()).toBe('[mem 0x0-0x17ffffffff]');
  });
  it('leaves the view alone on a bad locus and says why', () => {
    frameAddr(0x1000000, 0x111b000, 0);
    expect(applyLocus('0x10-0x1')).toMatch(/must be above the start/);
    expect(visibleLocus()).toBe('[mem 0x1000000-0x111afff]');
  });
  it('names the addresses drawn to scale when an edge of the window cuts a gap', () => {
    // Node 1 starts at 48 GiB after a collapsed stretch: a window from inside that gap to
    // 1.6 MiB past 48 GiB says 48 GiB, not the gap's start at 4 GiB.
    frameAddr(48 * GiB, 48 * GiB + 0x19a556, 0.05);
    const text = visibleLocus();
    expect(text).toMatch(/^\[mem 0xc00000000-0xc001/);
  });
  it('keeps the addresses shown when the bar is resized', () => {
    frameAddr(0x1000000, 0x111b000, 0);
    setWidth(600);
    expect(visibleLocus()).toBe('[mem 0x1000000-0x111afff]');
  });
  it('says so when asked to zoom past one byte per pixel', () => {
    frameAddr(0x1000, 0x1000 + 1000, 0);
    zoomBy(2);
    expect(useView.getState().notice).toMatch(/Deepest zoom/);
    expect(useView.getState().view.bpp).toBe(1);
  });
});
