/** One frame of the bar, back to front. */
import { drawAxis } from './draw-axis';
import { drawBits, drawBitsMessage } from './draw-bits';
import { drawAdvice } from './draw-advice';
import { drawLane } from './draw-lanes';
import {
  drawBands,
  drawConflictColumns,
  drawGaps,
  drawOutlines,
  drawPageGrid,
} from './draw-overlays';
import { AXIS_H } from './geometry';
import type { LaneId } from '../derived/lanes';
import type { LaneDrawer, LanePaint } from './lane-cache';
import type { Scene } from './scene';

const painterOf = (id: LaneId): LanePaint =>
  id === 'bits' ? drawBits : id === 'advice' ? drawAdvice : drawLane;

export function drawBar(s: Scene, lanes: LaneDrawer): void {
  const { ctx, width, height, colours } = s;
  ctx.fillStyle = colours.bg;
  ctx.fillRect(0, 0, width, height);
  s.lanes.forEach((lane, i) => lanes.draw(s, lane, i, painterOf(lane.id)));
  drawGaps(s);
  const bits = s.lanes.find((l) => l.id === 'bits');
  if (bits) drawBitsMessage(s, bits);
  drawAxis(s);
  drawPageGrid(s);
  drawConflictColumns(s);
  drawBands(s);
  drawOutlines(s);
  ctx.fillStyle = colours.grid;
  for (const lane of s.lanes) ctx.fillRect(0, lane.y + lane.h - 1, width, 1);
  ctx.fillRect(0, AXIS_H, width, 1);
}
