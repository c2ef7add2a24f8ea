/** The axis: hex ticks with binary-unit labels on top, faint grid lines through the lanes. */
import { fromU } from '../view/layout';
import { labelSpacing, makeTicks } from '../view/ticks';
import { pxToU } from '../view/viewport';
import { AXIS_H } from './geometry';
import { textWidth, type Scene } from './scene';

export const MONO = '11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';
export const SANS = '10px system-ui, "DejaVu Sans", sans-serif';

export function drawAxis(s: Scene): void {
  const { ctx, width, height, colours } = s;
  const right = fromU(s.layout, pxToU(s.view, width)).addr;
  const { ticks } = makeTicks(s.layout, s.view, width, Math.min(width / 2, labelSpacing(right)));
  ctx.strokeStyle = colours.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of ticks) {
    const x = Math.round(t.px) + 0.5;
    ctx.moveTo(x, AXIS_H - 6);
    ctx.lineTo(x, height);
  }
  ctx.stroke();
  ctx.textBaseline = 'alphabetic';
  let lastRight = -Infinity;
  for (const t of ticks) {
    ctx.font = MONO;
    const wHex = textWidth(ctx, t.hex);
    ctx.font = SANS;
    const w = Math.max(wHex, textWidth(ctx, t.human));
    let x = t.px + 3;
    if (x + w > width) x = t.px - 3 - w;
    if (x < lastRight + 6 || x < 0) continue;
    ctx.font = MONO;
    ctx.fillStyle = colours.text;
    ctx.fillText(t.hex, x, 13);
    ctx.font = SANS;
    ctx.fillStyle = colours.textMuted;
    ctx.fillText(t.human, x, 26);
    lastRight = x + w;
  }
  ctx.strokeStyle = colours.gapLine;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_H - 0.5);
  ctx.lineTo(width, AXIS_H - 0.5);
  ctx.stroke();
}
