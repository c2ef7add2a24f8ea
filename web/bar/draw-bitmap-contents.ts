/**
 * Inside a live bootmem bitmap's own region, what its bytes say: each pixel column covers some
 * bytes of the bitmap, hence some pages of the node, and is shaded by the share of those pages
 * the bitmap marks reserved. Zoomed onto the bitmap at 0xf9b000, one sees which parts of the
 * node it reserves, and where.
 */
import type { Region } from '../../src-core';
import { pagesOfBytes, setCount } from '../derived/bitmap-bytes';
import { BIT_SET } from '../theme/palette';
import { fromU } from '../viewport/layout';
import { pxToU } from '../viewport/viewport';
import type { Scene } from './scene';

/** Regions narrower than this show no contents: there would be nothing to read. */
export const CONTENTS_MIN_PX = 40;

export function drawBitmapContents(
  s: Scene,
  r: Region,
  x0: number,
  x1: number,
  y: number,
  h: number,
): void {
  const b = r.node === undefined ? undefined : s.bits().get(r.node);
  if (!b) return;
  const { ctx, view, layout } = s;
  const top = y + h * 0.55;
  const height = h * 0.45 - 1;
  const size = r.end - r.start;
  ctx.fillStyle = BIT_SET;
  for (let x = Math.max(0, Math.floor(x0)); x < Math.min(s.width, Math.ceil(x1)); x++) {
    const a0 = fromU(layout, pxToU(view, x)).addr - r.start;
    const a1 = fromU(layout, pxToU(view, x + 1)).addr - r.start;
    const b0 = Math.max(0, Math.min(size, a0));
    const b1 = Math.max(b0 + 1, Math.min(size, a1));
    if (b0 >= size) break;
    const pages = pagesOfBytes(b, b0, b1);
    const n = pages.end - pages.start;
    const set = n > 0 ? setCount(b, pages) : 0;
    if (set === 0) continue;
    ctx.globalAlpha = 0.3 + (0.7 * set) / n;
    ctx.fillRect(x, top, 1, height);
  }
  ctx.globalAlpha = 1;
}
