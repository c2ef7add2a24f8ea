/**
 * The axis: hex ticks with binary-unit labels on top, faint grid lines through the lanes.
 * Labels are placed by priority, each only where it does not collide with one already placed:
 *
 *   1. landmarks: node and zone boundaries, 16 MiB, 4 GiB (a line through every lane)
 *   2. collapsed gaps: a break mark (⫽) on the axis line and the size hidden ("44 GiB hidden")
 *   3. the regular power-of-two ticks
 */
import { humanSize } from '../../src-core';
import { firstLandmarkFrom, type Landmark } from '../derived/landmarks';
import { fromU, pieceAt, pieceAtU, toU, type Piece } from '../viewport/layout';
import { labelSpacing, makeTicks } from '../viewport/ticks';
import { pxToU, uToPx } from '../viewport/viewport';
import { AXIS_H } from './geometry';
import { textWidth, widthIn, type Scene } from './scene';

export const MONO = '11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';
export const SANS = '10px system-ui, "DejaVu Sans", sans-serif';

/** Most landmarks looked at per frame (1,024 nodes would otherwise be 2,048 lines). */
const MAX_LANDMARKS = 256;

/** Horizontal spans taken by labels so far; a new label goes only where it fits. */
class Claims {
  private spans: [number, number][] = [];
  constructor(private readonly width: number) {}
  /** Claim [x0, x1) if it is on screen and 6 px clear of every claim; true when claimed. */
  take(x0: number, x1: number): boolean {
    if (x0 < 0 || x1 > this.width) return false;
    if (this.spans.some(([a, b]) => x1 + 6 > a && x0 < b + 6)) return false;
    this.spans.push([x0, x1]);
    return true;
  }
}

/** The width of a two-line label: the wider of its hex (MONO) and its name (SANS). */
const labelWidth = (ctx: CanvasRenderingContext2D, top: string, below: string): number =>
  Math.max(widthIn(ctx, MONO, top), widthIn(ctx, SANS, below));

/**
 * A two-line label (hex over a name) right of px, or left of it when the right has no room;
 * `w` is its width when the caller knows it.
 */
function label(
  s: Scene,
  claims: Claims,
  px: number,
  top: string,
  below: string,
  tone: string,
  w = labelWidth(s.ctx, top, below),
) {
  const { ctx, width, colours } = s;
  // Right of its line, else left of it (near the right edge, or where the right is taken).
  const right = px + 3;
  const left = px - 3 - w;
  const x =
    right + w <= width && claims.take(right, right + w)
      ? right
      : claims.take(left, left + w)
        ? left
        : null;
  if (x === null) return;
  s.axis.push(`${top} ${below} @${px.toFixed(1)}`);
  ctx.font = MONO;
  ctx.fillStyle = colours.text;
  ctx.fillText(top, x, 13);
  ctx.font = SANS;
  ctx.fillStyle = tone;
  ctx.fillText(below, x, 26);
}

/** Collapsed gaps in view: a break mark on the axis line and, where it fits, the size. */
function drawGapMarks(s: Scene, claims: Claims): void {
  const { ctx, view, width, layout, colours } = s;
  const u1 = pxToU(view, width) + 1;
  for (let i = pieceAtU(layout, pxToU(view, 0)); i < layout.pieces.length; i++) {
    const p = layout.pieces[i] as Piece;
    if (p.u > u1) break;
    if (p.kind !== 'gap') continue;
    const mid = (uToPx(view, p.u) + uToPx(view, p.u + p.len)) / 2;
    ctx.strokeStyle = colours.text;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const dx of [-3, 2]) {
      ctx.moveTo(mid + dx - 2, AXIS_H + 3);
      ctx.lineTo(mid + dx + 2, AXIS_H - 9);
    }
    ctx.stroke();
    const text = `${humanSize(p.end - p.start)} hidden`;
    ctx.font = SANS;
    const w = textWidth(ctx, text);
    // Centred on the break mark, else beside it on either side (a landmark may sit on it).
    const x = [mid - w / 2, mid + 6, mid - 6 - w]
      .map((c) => Math.min(Math.max(0, c), width - w))
      .find((c) => claims.take(c, c + w));
    if (x === undefined) continue;
    s.axis.push(`${text} @${mid.toFixed(1)}`);
    ctx.fillStyle = colours.textMuted;
    ctx.fillText(text, x, 20);
  }
}

/** Landmark lines: dashes of DASH px from LINE_TOP down. */
const DASH = 3;
const LINE_TOP = AXIS_H - 8;
const dashColumns = new Map<string, HTMLCanvasElement>();

/**
 * One landmark line, dashed, drawn once into a column `len` px tall at the context's scale
 * (the device's pixel ratio, or an export's) and then copied per line: a canvas rasterises dashed strokes dash by dash, and the
 * 1,024-node machine shows 256 lines a frame. Same pixels as the 1 px stroke at x + 0.5 dashed
 * from LINE_TOP (the vector export still strokes).
 */
function dashColumn(colour: string, len: number, dpr: number): HTMLCanvasElement | null {
  const key = `${colour} ${len} ${dpr}`;
  const hit = dashColumns.get(key);
  if (hit) return hit;
  const column = document.createElement('canvas');
  column.width = Math.round(dpr);
  column.height = Math.round(len * dpr);
  const g = column.getContext('2d');
  if (!g) return null;
  g.scale(dpr, dpr);
  g.fillStyle = colour;
  for (let y = 0; y < len; y += 2 * DASH) g.fillRect(0, y, 1, Math.min(DASH, len - y));
  if (dashColumns.size > 16) dashColumns.clear();
  dashColumns.set(key, column);
  return column;
}

/** Landmarks in view, outside collapsed gaps: a line through every lane and their names. */
function drawLandmarks(s: Scene, claims: Claims): void {
  const { ctx, view, width, height, layout, colours } = s;
  const marks = s.si.landmarks;
  const left = fromU(layout, pxToU(view, 0)).addr;
  const right = fromU(layout, pxToU(view, width)).addr;
  const shown: { m: Landmark; px: number }[] = [];
  for (let i = firstLandmarkFrom(marks, left); i < marks.length; i++) {
    const m = marks[i] as Landmark;
    if (m.addr > right || shown.length >= MAX_LANDMARKS) break;
    const p = layout.pieces[pieceAt(layout, m.addr)] as Piece;
    if (p.kind === 'gap' && m.addr > p.start) continue;
    shown.push({ m, px: uToPx(view, toU(layout, m.addr)) });
  }
  const len = height - LINE_TOP;
  const column =
    'hatch' in ctx || len <= 0 ? null : dashColumn(colours.landmark, len, ctx.getTransform().a);
  if (column) for (const { px } of shown) ctx.drawImage(column, Math.round(px), LINE_TOP, 1, len);
  else {
    ctx.strokeStyle = colours.landmark;
    ctx.lineWidth = 1;
    ctx.setLineDash([DASH, DASH]);
    ctx.beginPath();
    for (const { px } of shown) {
      const x = Math.round(px) + 0.5;
      ctx.moveTo(x, LINE_TOP);
      ctx.lineTo(x, height);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  shown.sort((a, b) => a.m.rank - b.m.rank);
  for (const { m, px } of shown) {
    const t = landmarkText(ctx, m);
    label(s, claims, px, t.hex, m.label, colours.landmark, t.w);
  }
}

/** A landmark's hex and label width, worked out once: a frame looks at up to 256 of them. */
const landmarkTexts = new WeakMap<Landmark, { hex: string; w: number }>();

function landmarkText(ctx: CanvasRenderingContext2D, m: Landmark): { hex: string; w: number } {
  let t = landmarkTexts.get(m);
  if (!t) {
    const hex = `0x${m.addr.toString(16)}`;
    t = { hex, w: labelWidth(ctx, hex, m.label) };
    landmarkTexts.set(m, t);
  }
  return t;
}

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
  const claims = new Claims(width);
  drawLandmarks(s, claims);
  drawGapMarks(s, claims);
  for (const t of ticks) label(s, claims, t.px, t.hex, t.human, colours.textMuted);
  ctx.strokeStyle = colours.gapLine;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_H - 0.5);
  ctx.lineTo(width, AXIS_H - 0.5);
  ctx.stroke();
}
