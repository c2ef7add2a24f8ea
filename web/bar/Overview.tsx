/**
 * The overview strip with a d3 brush. The strip is redrawn when what it shows changes (a step
 * that adds or ends one of its regions, the layout, the width); the current step's marker and
 * the brush follow the state outside React. Brushing frames that range; clicking centres the
 * view there.
 */
import { brushX, pointer, select, type BrushBehavior, type D3BrushEvent } from 'd3';
import { useEffect, useRef } from 'react';
import { eventRange } from '../derived/event-range';
import { laneIndex } from '../derived/lane-index';
import { OVERVIEW_LANES } from '../derived/lanes';
import { currentNeutrals } from '../theme/palette';
import { changedBetween, indexSimulation } from '../derived/sim-index';
import { simOf, useDoc } from '../state/doc-store';
import { applyView } from '../state/navigate';
import { useView } from '../state/view-store';
import { toU } from '../viewport/layout';
import { frameU } from '../viewport/viewport';
import { dirtySpans } from './dirty-spans';
import { drawOverview, type OverviewScene } from './draw-overview';

const HEIGHT = 22;

/** Layout length the strip spans: the whole machine, or more if the view shows more. */
function domain(): number {
  const v = useView.getState();
  const sim = simOf(useDoc.getState());
  const machine =
    !sim || v.collapse ? v.layout.total : toU(v.layout, Math.max(4096, indexSimulation(sim).top));
  const viewEnd = v.view.origin + v.view.frac + v.width * v.view.bpp;
  return Math.min(v.layout.total, Math.max(machine, viewEnd));
}

export function Overview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const marker = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = canvas.current;
    const svgEl = svg.current;
    if (!el || !svgEl) return;
    let dom = 0;
    /** What the strip shows now: a later step with the rest unchanged repaints only its changes. */
    let shown: Omit<OverviewScene, 'ctx' | 'height'> | null = null;
    const paint = () => {
      const v = useView.getState();
      const doc = useDoc.getState();
      const sim = simOf(doc);
      const ctx = el.getContext('2d', { alpha: false });
      if (!sim || !ctx || v.width <= 0) return;
      dom = domain();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(v.width * dpr);
      const h = Math.round(HEIGHT * dpr);
      // Resizing clears and reallocates the canvas: only when the size really changed.
      const resized = el.width !== w || el.height !== h;
      if (resized) {
        el.width = w;
        el.height = h;
        el.style.width = `${v.width}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const si = indexSimulation(sim);
      const scene: OverviewScene = {
        ctx,
        width: v.width,
        height: HEIGHT,
        si,
        index: laneIndex(si, v.layout),
        step: doc.step,
        colours: currentNeutrals(),
        layout: v.layout,
        domain: dom,
      };
      const was = shown;
      const spans =
        was &&
        !resized &&
        was.si === si &&
        was.index === scene.index &&
        was.layout === scene.layout &&
        was.domain === dom &&
        was.width === scene.width &&
        was.colours === scene.colours &&
        scene.step > was.step
          ? dirtySpans(
              OVERVIEW_LANES.map((l) => si.laneEdits.get(l)),
              was.step,
              scene.step,
              (addr) => (toU(v.layout, addr) / dom) * v.width,
              v.width,
            )
          : null;
      if (!spans) drawOverview(scene);
      for (const clip of spans ?? []) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(clip.x0, 0, clip.x1 - clip.x0, HEIGHT);
        ctx.clip();
        drawOverview({ ...scene, clip });
        ctx.restore();
      }
      shown = scene;
      placeMarker();
    };
    const placeMarker = () => {
      const m = marker.current;
      const sim = simOf(useDoc.getState());
      const band = sim && eventRange(sim.events[useDoc.getState().step]);
      const v = useView.getState();
      if (!m) return;
      m.hidden = !band || dom <= 0;
      if (!band || dom <= 0) return;
      const a = (toU(v.layout, band.start) / dom) * v.width;
      const b = (toU(v.layout, band.end) / dom) * v.width;
      m.style.left = `${a}px`;
      m.style.width = `${Math.max(2, b - a)}px`;
    };
    let brush: BrushBehavior<unknown> | null = null;
    // While the user drags the brush, the view follows it, not the other way round.
    let brushing = false;
    const g = select(svgEl).append('g');
    const moveBrush = () => {
      const v = useView.getState();
      if (!brush || brushing || v.width <= 0 || dom <= 0) return;
      const toX = (u: number) => (u / dom) * v.width;
      const a = toX(v.view.origin + v.view.frac);
      const b = toX(v.view.origin + v.view.frac + v.width * v.view.bpp);
      const x0 = Math.max(0, a);
      const x1 = Math.max(Math.min(v.width, b), x0 + 2);
      g.call(brush.move, [x0, x1]);
      // A selection over (nearly) everything would turn every drag into a move: let drags
      // through to the overlay so they draw a new range.
      g.select('.selection').attr('pointer-events', x1 - x0 > v.width * 0.9 ? 'none' : null);
    };
    const setupBrush = () => {
      const v = useView.getState();
      brush = brushX<unknown>()
        .extent([
          [0, 0],
          [Math.max(1, v.width), HEIGHT],
        ])
        .on('start end brush', (e: D3BrushEvent<unknown>) => {
          if (!e.sourceEvent) return;
          brushing = e.type !== 'end';
          if (e.type === 'start') return;
          const w = useView.getState().width;
          const sel = e.selection as [number, number] | null;
          const u = (x: number) => Math.round((x / w) * dom);
          if (sel && sel[1] - sel[0] > 2)
            applyView(
              frameU(u(sel[0]), u(sel[1]), { total: useView.getState().layout.total, width: w }),
            );
          else if (e.type === 'end') {
            // A click without a drag: centre the view there, keeping the zoom.
            const [px] = pointer(e.sourceEvent, svgEl);
            const cur = useView.getState().view;
            const half = (w * cur.bpp) / 2;
            applyView({ origin: Math.max(0, u(px) - Math.round(half)), frac: 0, bpp: cur.bpp });
          }
          if (e.type === 'end') moveBrush();
        });
      g.call(brush);
      moveBrush();
    };
    paint();
    setupBrush();
    const offView = useView.subscribe((s, p) => {
      if (s.width !== p.width) {
        paint();
        setupBrush();
      } else if (s.layout !== p.layout || (s.view !== p.view && domain() !== dom)) paint();
      if (s.view !== p.view || s.layout !== p.layout) moveBrush();
    });
    const offDoc = useDoc.subscribe((d, p) => {
      const sim = simOf(d);
      if (
        d.result !== p.result ||
        (sim && changedBetween(indexSimulation(sim).overviewChanges, d.step, p.step))
      )
        paint();
      else placeMarker();
    });
    return () => {
      offView();
      offDoc();
      g.remove();
    };
  }, []);

  return (
    <div
      className="overview"
      aria-label="Overview of the whole machine; drag to choose the range shown"
    >
      <canvas ref={canvas} height={HEIGHT} aria-hidden />
      <div className="overview-step" ref={marker} hidden aria-hidden />
      <svg ref={svg} height={HEIGHT} data-testid="overview" />
    </div>
  );
}
