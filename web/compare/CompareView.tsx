/**
 * Two runs stacked on one axis, the list of their differences beside them: the page's run (A) above, the compared run (B) below, each
 * labelled with its model and kernel version, sharing the view: zooming or panning either moves
 * both. Every region that differs is outlined (draw-diff.ts). Bar A keeps the page bar's
 * hover card and selection; bar B names what is under the pointer in its title.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { memRange, type Simulation } from '../../src-core';
import { buildScene } from '../bar/build-scene';
import { AXIS_H, laneBoxes } from '../bar/geometry';
import { attachGestures } from '../bar/gestures';
import { hitTest } from '../bar/hit-test';
import { createPainter } from '../bar/painter';
import type { Scene } from '../bar/scene';
import { Tooltip } from '../bar/Tooltip';
import { laneDef } from '../derived/lanes';
import { currentNeutrals } from '../theme/palette';
import { indexSimulation } from '../derived/sim-index';
import { panPx, setWidth, zoomBy } from '../state/navigate';
import { useView } from '../state/view-store';
import { listenAll } from '../ui/listen';
import { currentCompare, useCurrentCompare, type CompareRuns } from './compare-runs';
import { runName, useCompare } from './compare-store';
import { ComparePanel } from './ComparePanel';
import { drawDifferences } from './draw-diff';
import './compare.css';

type Side = 'a' | 'b';

/** How much of bar B's axis is hidden: all but the 6 px strip of difference ticks. */
const HIDDEN_AXIS = AXIS_H - 6;

function sceneFor(ctx: CanvasRenderingContext2D, side: Side): Scene | null {
  const c = currentCompare();
  const v = useView.getState();
  if (!c || 'error' in c || v.width <= 0) return null;
  return buildScene(ctx, {
    sim: side === 'a' ? c.a : c.b,
    step: side === 'a' ? c.stepA : c.stepB,
    view: v.view,
    layout: v.layout,
    width: v.width,
    colours: currentNeutrals(),
    advice: null,
    selection: side === 'a' ? v.selection : null,
    hoverRegion: side === 'a' && v.hover?.kind === 'region' ? v.hover.id : null,
    compact: true,
  });
}

function RunBar({ side, sim, step }: { side: Side; sim: Simulation; step: number }) {
  const si = useMemo(() => indexSimulation(sim), [sim]);
  const boxes = useMemo(() => laneBoxes(si, [], true), [si]);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = wrap.current;
    if (!el || side !== 'a') return;
    const ro = new ResizeObserver(() => setWidth(Math.max(1, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [side]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const offPaint = createPainter(el, {
      scene: (ctx) => sceneFor(ctx, side),
      after: (scene) => {
        const c = currentCompare();
        if (c && !('error' in c))
          drawDifferences(scene, c.diffs, side, useCompare.getState().picked);
      },
      subscribe: (repaint) => useCompare.subscribe(repaint),
      legend: side === 'a',
    });
    const offGestures = attachGestures(el, {
      pan: (dx) => panPx(dx),
      zoom: (factor, at) => zoomBy(factor, at),
    });
    const ctx = el.getContext('2d', { alpha: false });
    const hit = (e: MouseEvent) => {
      const scene = ctx && sceneFor(ctx, side);
      const r = el.getBoundingClientRect();
      return scene ? hitTest(scene, e.clientX - r.left, e.clientY - r.top) : null;
    };
    const onMove = (e: PointerEvent) => {
      const h = hit(e);
      if (side === 'a') useView.setState({ hover: h });
      else {
        const c = currentCompare();
        const r =
          h?.kind === 'region' && c && !('error' in c)
            ? indexSimulation(c.b).regionById.get(h.id)
            : undefined;
        el.title = r ? `${r.label} ${memRange(r.start, r.end)}` : '';
      }
    };
    const onLeave = () => {
      if (side === 'a') useView.setState({ hover: null });
    };
    const onClick = (e: MouseEvent) => {
      const h = hit(e);
      if (side === 'a') useView.setState({ selection: h?.kind === 'region' ? h.id : null });
    };
    const offPointer = listenAll(el, {
      pointermove: onMove,
      pointerleave: onLeave,
      click: onClick,
    });
    return () => {
      offPaint();
      offGestures();
      offPointer();
    };
  }, [side]);

  // B shares A's axis: its own is hidden above the frame, all but the strip where the
  // differences are ticked.
  const hide = side === 'b' ? HIDDEN_AXIS : 0;
  const height = boxes.height - hide;
  return (
    <div className="compare-run" data-testid={`compare-run-${side}`}>
      <div className="compare-run-title">
        <span className={`compare-tag compare-tag-${side}`}>{side.toUpperCase()}</span>
        <strong data-testid={`compare-name-${side}`}>{runName(sim.model)}</strong>
        <span className="muted">
          {' '}
          step {step}: {sim.events[step]?.label}
        </span>
      </div>
      <div className="bar">
        <ul
          className="lane-labels"
          style={{ height }}
          aria-label={`Lanes of run ${side.toUpperCase()}`}
        >
          {boxes.lanes.map((l) => {
            const def = laneDef(l.id);
            return (
              <li
                key={l.id}
                style={{ top: l.y - hide, height: l.h }}
                title={def.help}
                data-rows={l.rows}
              >
                {def.title}
              </li>
            );
          })}
        </ul>
        <div className="bar-canvas compare-canvas" ref={wrap} style={{ height }}>
          <canvas
            style={{ marginTop: -hide }}
            ref={canvas}
            role="img"
            aria-label={`Run ${side.toUpperCase()}, ${runName(sim.model)}, at step ${step}, differences outlined`}
            data-testid={`compare-bar-${side}`}
          />
          {side === 'a' && <Tooltip />}
        </div>
      </div>
    </div>
  );
}

/** The compare view's bars, or `single` (with why) when it cannot run. */
export function CompareView({ single }: { single: ReactNode }) {
  const c = useCurrentCompare();
  if (!c) return single;
  if ('error' in c)
    return (
      <>
        <p className="error pad" role="alert" data-testid="compare-error">
          Compare: {c.error}
        </p>
        {single}
      </>
    );
  const runs: CompareRuns = c;
  return (
    <div className="compare-layout">
      <div className="compare-bars" data-testid="compare-bars">
        <RunBar side="a" sim={runs.a} step={runs.stepA} />
        <RunBar side="b" sim={runs.b} step={runs.stepB} />
      </div>
      <ComparePanel />
    </div>
  );
}
