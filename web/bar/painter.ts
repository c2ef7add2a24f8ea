/**
 * Draws the bar from the two stores without React: subscribes to them directly (zustand's
 * transient subscriptions) so zooming, panning and hovering never re-render a component.
 * View changes are coalesced to one frame per display refresh; a step change paints at once,
 * so a step shows in the very next frame.
 */
import { currentNeutrals } from '../theme/palette';
import { currentAdvice, useAdvisor } from '../state/advisor-store';
import { simOf, useDoc } from '../state/doc-store';
import { useView, type ViewState } from '../state/view-store';
import { buildScene } from './build-scene';
import { drawBar } from './draw-bar';
import { LaneCache } from './lane-cache';
import { publishLegendKeys } from './legend-keys';
import type { Scene } from './scene';

const DRAW_MEASURE = 'bootmap:bar-draw';
let firstPaint = true;
/** Draw measures kept in the timeline since it was last cleared. */
let measures = 0;

/** The scene for the current state, or null when there is nothing to draw. */
export function currentScene(ctx: CanvasRenderingContext2D): Scene | null {
  const doc = useDoc.getState();
  const sim = simOf(doc);
  const v = useView.getState();
  if (!sim || v.width <= 0) return null;
  return buildScene(ctx, {
    sim,
    step: doc.step,
    view: v.view,
    layout: v.layout,
    width: v.width,
    colours: currentNeutrals(),
    advice: currentAdvice(),
    selection: v.selection,
    hoverRegion: v.hover?.kind === 'region' ? v.hover.id : null,
    hoverStep: v.hoverStep,
  });
}

/**
 * Where a bar's frames come from: the page's own run by default; the compare view's bars give
 * their run's scene, draw their outlines over it, and repaint on their own store as well.
 */
export interface SceneSource {
  scene: (ctx: CanvasRenderingContext2D) => Scene | null;
  after?: (scene: Scene) => void;
  subscribe?: (repaint: () => void) => () => void;
  /** Whether this bar's kinds make the legend (false for the compare view's second bar). */
  legend?: boolean;
}

export function createPainter(
  canvas: HTMLCanvasElement,
  source: SceneSource = { scene: currentScene },
): () => void {
  let frame = 0;
  const cache = new LaneCache();
  const paint = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) return;
    const scene = source.scene(ctx);
    if (!scene) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(scene.width * dpr);
    const h = Math.round(scene.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${scene.width}px`;
      canvas.style.height = `${scene.height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBar(scene, cache);
    // The legend lists what the page's bar (or the compare view's first bar) shows.
    if (source.legend !== false) publishLegendKeys(scene.seen, scene.si.sim);
    const axis = `Axis: ${scene.axis.join('; ')}`;
    if (canvas.dataset.axis !== axis) canvas.dataset.axis = axis;
    source.after?.(scene);
    performance.measure(DRAW_MEASURE, { start: t0, end: performance.now() });
    // Counted, not listed: listing the entries each frame would copy up to 600 of them.
    if (++measures > 600) {
      performance.clearMeasures(DRAW_MEASURE);
      measures = 0;
    }
    if (firstPaint) {
      firstPaint = false;
      performance.mark('bootmap:first-bar');
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(paint);
  };
  const hovered = (s: ViewState) => (s.hover?.kind === 'region' ? s.hover.id : null);
  const offView = useView.subscribe((s, p) => {
    if (
      s.view !== p.view ||
      s.layout !== p.layout ||
      s.width !== p.width ||
      s.selection !== p.selection ||
      s.hoverStep !== p.hoverStep ||
      hovered(s) !== hovered(p)
    )
      schedule();
  });
  const offDoc = useDoc.subscribe(paint);
  const offAdvisor = useAdvisor.subscribe(schedule);
  const offSource = source.subscribe?.(paint);
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', schedule);
  paint();
  return () => {
    cancelAnimationFrame(frame);
    offView();
    offDoc();
    offAdvisor();
    offSource?.();
    scheme.removeEventListener('change', schedule);
  };
}
