/**
 * The exported picture of the bar: a title block (scenario, model, step and the range shown,
 * kernel-style), the lane labels, the bar itself drawn by the bar's own code (drawBar, lanes
 * painted directly), and the legend. One function draws it onto any context: a canvas for the
 * PNG, an SvgContext for the SVG. Exports use the light neutrals: bug trackers and mail are
 * read on white more often than not.
 */
import { humanSize, memArg, memRange, type Simulation } from '../../src-core';
import { buildScene, type SceneInput } from '../bar/build-scene';
import { drawBar } from '../bar/draw-bar';
import { conflictPattern } from '../bar/draw-lanes';
import { MONO } from '../bar/draw-axis';
import { DIRECT_LANES } from '../bar/lane-cache';
import { textWidth, type Scene } from '../bar/scene';
import { laneDef } from '../derived/lanes';
import { legendItems, type LegendItem } from '../derived/legend-items';
import { LIGHT, SWATCH_EDGE, type Neutrals } from '../theme/palette';
import { gapsIn, rangeShown } from '../viewport/layout';

export interface ExportInput extends Omit<SceneInput, 'colours' | 'hoverRegion' | 'hoverStep'> {
  /** The scenario as the app names it (preset, file or edited). */
  scenarioName: string;
  /** Legend keys of what the picture shows (all the run's kinds when absent). */
  inView?: ReadonlySet<string>;
}

const PAD = 12;
export const EXPORT_GUTTER = 120;
const LINE = 17;
const TITLE_FONT = '600 13px system-ui, "DejaVu Sans", sans-serif';
const TEXT_FONT = '11px system-ui, "DejaVu Sans", sans-serif';
const LABEL_FONT = '11px system-ui, "DejaVu Sans", sans-serif';
const SWATCH = 12;
const LEGEND_ROW = 17;

export interface ExportLayout {
  width: number;
  height: number;
  /** Title block lines with their fonts and colours. */
  lines: { text: string; font: string; muted: boolean }[];
  barX: number;
  barY: number;
  legend: { item: LegendItem; x: number; y: number }[];
}

/**
 * `text` broken at spaces into lines of at most `max` pixels in the context's current font (a
 * word longer than a line gets a line of its own): the title names the range shown, and a
 * picture pasted into a slide or a bug must never say it with "…".
 */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(ctx, next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return [...lines, line];
}

/** The title block: what, under which model, at which step, over which addresses. */
export function titleLines(sim: Simulation, input: ExportInput): string[] {
  const r = rangeShown(input.view, input.width, input.layout);
  const gaps = gapsIn(input.layout, r).length;
  const collapsed = gaps
    ? ` (${gaps} empty ${gaps === 1 ? 'stretch' : 'stretches'} collapsed)`
    : '';
  const e = sim.events[input.step];
  const last = Math.max(0, sim.events.length - 1);
  const advice = input.advice
    ? ` · advisor lane: crashkernel=${memArg(input.advice.size)} (${humanSize(input.advice.size)})`
    : '';
  return [
    `${input.scenarioName} · ${sim.model} · step ${input.step}/${last} · ${memRange(r.start, r.end)}${collapsed}`,
    e ? `step ${e.step}: ${e.fn}() — ${e.label}${advice}` : advice,
    `cmdline: ${sim.scenario.cmdline}`,
    sim.panic ? `${sim.summary} The kernel panics: ${sim.panic}` : sim.summary,
  ];
}

export function layoutExport(ctx: CanvasRenderingContext2D, scene: Scene, input: ExportInput) {
  const width = EXPORT_GUTTER + scene.width + PAD;
  const fonts = [TITLE_FONT, TEXT_FONT, MONO, TEXT_FONT];
  const lines = titleLines(scene.si.sim, input).flatMap((t, i) => {
    const font = fonts[i] as string;
    ctx.font = font;
    return wrap(ctx, t, width - 2 * PAD).map((text) => ({ text, font, muted: i > 1 }));
  });
  const barX = EXPORT_GUTTER;
  const barY = PAD + lines.length * LINE + 6;
  ctx.font = LABEL_FONT;
  const legend: ExportLayout['legend'] = [];
  let x = barX;
  let y = barY + scene.height + 10;
  for (const item of legendItems(scene.si, input.advice !== null, input.inView)) {
    const w = SWATCH + 5 + textWidth(ctx, item.label) + 14;
    if (x + w > width - PAD && x > barX) {
      x = barX;
      y += LEGEND_ROW;
    }
    legend.push({ item, x, y });
    x += w;
  }
  return { width, height: y + LEGEND_ROW + PAD, lines, barX, barY, legend } as ExportLayout;
}

function drawSwatch(
  ctx: CanvasRenderingContext2D,
  item: LegendItem,
  x: number,
  y: number,
  c: Neutrals,
) {
  switch (item.mark) {
    case 'hatch':
      ctx.fillStyle = conflictPattern(ctx, item.colour ?? c.text);
      ctx.fillRect(x, y, SWATCH, SWATCH);
      break;
    case 'recorded':
      ctx.strokeStyle = item.colour ?? c.text;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(x + 0.75, y + 0.75, SWATCH - 1.5, SWATCH - 1.5);
      ctx.setLineDash([]);
      return;
    case 'gap':
      ctx.fillStyle = c.gapFill;
      ctx.fillRect(x, y, SWATCH, SWATCH);
      ctx.fillStyle = c.gapLine;
      for (let i = 1; i < SWATCH; i += 3) ctx.fillRect(x + i, y, 1, SWATCH);
      break;
    case 'step':
      ctx.fillStyle = c.cursorFill;
      ctx.fillRect(x, y, SWATCH, SWATCH);
      ctx.fillStyle = c.cursor;
      ctx.fillRect(x, y, SWATCH, 3);
      break;
    default:
      ctx.fillStyle = item.colour ?? c.text;
      ctx.fillRect(x, y, SWATCH, SWATCH);
  }
  ctx.strokeStyle = SWATCH_EDGE;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, SWATCH - 1, SWATCH - 1);
}

/** The scene the export draws: the bar's state, light neutrals, no pointer highlights. */
export const exportScene = (ctx: CanvasRenderingContext2D, input: ExportInput): Scene =>
  buildScene(ctx, { ...input, colours: LIGHT });

/** Draw the whole picture at `scale` device pixels per CSS pixel. */
export function drawExport(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  layout: ExportLayout,
  scale: number,
): void {
  const c = scene.colours;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'middle';
  layout.lines.forEach((l, i) => {
    ctx.font = l.font;
    ctx.fillStyle = l.muted ? c.textMuted : c.text;
    ctx.fillText(l.text, PAD, PAD + i * LINE + LINE / 2);
  });
  ctx.font = LABEL_FONT;
  ctx.fillStyle = c.textMuted;
  const gutterText = (t: string, y: number) =>
    ctx.fillText(t, layout.barX - 8 - textWidth(ctx, t), y);
  gutterText('address', layout.barY + 9);
  gutterText('binary units', layout.barY + 22);
  for (const lane of scene.lanes)
    gutterText(laneDef(lane.id).title, layout.barY + lane.y + lane.h / 2);
  ctx.save();
  ctx.setTransform(scale, 0, 0, scale, layout.barX * scale, layout.barY * scale);
  ctx.beginPath();
  ctx.rect(0, 0, scene.width, scene.height);
  ctx.clip();
  drawBar(scene, DIRECT_LANES);
  ctx.restore();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.strokeStyle = c.gapLine;
  ctx.lineWidth = 1;
  ctx.strokeRect(layout.barX - 0.5, layout.barY - 0.5, scene.width + 1, scene.height + 1);
  ctx.font = LABEL_FONT;
  for (const { item, x, y } of layout.legend) {
    drawSwatch(ctx, item, x, y, c);
    ctx.fillStyle = c.textMuted;
    ctx.textBaseline = 'middle';
    ctx.fillText(item.label, x + SWATCH + 5, y + SWATCH / 2);
  }
}
