/**
 * The exports, as files the browser downloads: the bar as PNG (at least 2 device pixels per
 * CSS pixel) and SVG at the current step and view, and the event log as the CLI's JSON
 * document (`simulate --json`, byte for byte) and as text with one line per step. File names
 * say which scenario and model; the pictures also say which step.
 */
import { toDocument, toStepText, type Simulation } from '../../src-core';
import { currentAdvice } from '../state/advisor-store';
import { simOf, useDoc } from '../state/doc-store';
import { notify, useView } from '../state/view-store';
import { drawBar } from '../bar/draw-bar';
import { DIRECT_LANES } from '../bar/lane-cache';
import {
  drawExport,
  EXPORT_GUTTER,
  exportScene,
  layoutExport,
  type ExportInput,
} from './export-scene';
import { SvgContext } from './svg-context';

/**
 * A slide: 16:9, laid out 800 CSS pixels wide and drawn at 2.4 device pixels per CSS pixel
 * (1920 × 1080 when it fits), so every text is about three times as large relative to the
 * picture as in the full-width export of a 1440 px window.
 */
const SLIDE_WIDTH = 800;
const SLIDE_BAR = SLIDE_WIDTH - EXPORT_GUTTER - 12;
const SLIDE_SCALE = 1920 / SLIDE_WIDTH;

/** The legend keys of what a scene draws: one drawing on a scratch canvas, thrown away. */
function keysInView(input: ExportInput): ReadonlySet<string> | undefined {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  const scene = exportScene(ctx, input);
  drawBar(scene, DIRECT_LANES);
  return scene.seen;
}

/**
 * What the bar shows now, as export input (for a slide: the same addresses across the slide's
 * narrower bar); null (with a notice) when there is nothing.
 */
function currentInput(slide = false): { sim: Simulation; input: ExportInput } | null {
  const doc = useDoc.getState();
  const sim = simOf(doc);
  const v = useView.getState();
  if (!sim || v.width <= 0) {
    notify('Nothing to export: this scenario has no simulation to show');
    return null;
  }
  const width = slide ? SLIDE_BAR : v.width;
  const input: ExportInput = {
    sim,
    step: doc.step,
    view: slide ? { ...v.view, bpp: (v.view.bpp * v.width) / width } : v.view,
    layout: v.layout,
    width,
    advice: currentAdvice(),
    selection: v.selection,
    scenarioName: doc.source.name,
  };
  return { sim, input: { ...input, inView: keysInView(input) } };
}

/** `bootmap-seed-2.6.23-bootmem-2.6.23`: safe in any file system. */
export function fileBase(scenario: string, model: string): string {
  const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `bootmap-${slug(scenario)}-${slug(model)}`;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next tasks; the URL is then no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let measurer: CanvasRenderingContext2D | null = null;

/** Text widths for the SVG, from a canvas: the SVG is laid out as the PNG is. */
function measure(font: string, text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 6;
  measurer.font = font;
  return measurer.measureText(text).width;
}

/** The PNG: the full-width picture, or (`slide`) a 16:9 one with large text. */
export function exportPng(slide = false): void {
  const cur = currentInput(slide);
  if (!cur) return;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return notify('PNG export failed: the browser gave no canvas to draw on');
  const scene = exportScene(ctx, cur.input);
  const fitted = layoutExport(ctx, scene, cur.input);
  // A slide keeps 16:9: the picture is padded below (or, if too tall, to the right).
  const layout = slide
    ? {
        ...fitted,
        width: Math.max(fitted.width, Math.ceil((fitted.height * 16) / 9)),
        height: Math.max(fitted.height, Math.ceil((fitted.width * 9) / 16)),
      }
    : fitted;
  const scale = slide ? SLIDE_SCALE : Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  drawExport(ctx, scene, layout, scale);
  const kind = slide ? '-slide' : '';
  const name = `${fileBase(cur.input.scenarioName, cur.sim.model)}-step${cur.input.step}${kind}.png`;
  canvas.toBlob((blob) => {
    if (blob) download(name, blob);
    else notify('PNG export failed: the picture is too large for this browser');
  }, 'image/png');
}

export function exportSvg(): void {
  const cur = currentInput();
  if (!cur) return;
  const svg = new SvgContext(measure);
  // SvgContext implements the part of the 2D context the bar's drawing uses (svg-context.ts).
  const ctx = svg as unknown as CanvasRenderingContext2D;
  const scene = exportScene(ctx, cur.input);
  const layout = layoutExport(ctx, scene, cur.input);
  drawExport(ctx, scene, layout, 1);
  const title = layout.lines[0]?.text ?? 'bootmap';
  const name = `${fileBase(cur.input.scenarioName, cur.sim.model)}-step${cur.input.step}.svg`;
  download(
    name,
    new Blob([svg.toSvg(layout.width, layout.height, title)], { type: 'image/svg+xml' }),
  );
}

export function exportJson(): void {
  const cur = currentInput();
  if (!cur) return;
  const text = JSON.stringify(toDocument(cur.sim), null, 2) + '\n';
  download(
    `${fileBase(cur.input.scenarioName, cur.sim.model)}.json`,
    new Blob([text], { type: 'application/json' }),
  );
}

export function exportText(): void {
  const cur = currentInput();
  if (!cur) return;
  download(
    `${fileBase(cur.input.scenarioName, cur.sim.model)}.txt`,
    new Blob([toStepText(cur.sim) + '\n'], { type: 'text/plain' }),
  );
}
