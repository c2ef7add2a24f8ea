/**
 * The address-space bar: lane labels, the canvas and its tooltip. React renders the frame once
 * per simulation; drawing, gestures and hover run outside React (painter.ts, gestures.ts).
 */
import { useEffect, useMemo, useRef } from 'react';
import { laneDef } from '../derived/lanes';
import { indexSimulation } from '../derived/sim-index';
import { useCurrentAdvice } from '../state/advisor-store';
import { simOf, useDoc } from '../state/doc-store';
import { expandGap, panPx, setWidth, zoomBy } from '../state/navigate';
import { useView, type Hover } from '../state/view-store';
import { AXIS_H, laneBoxes } from './geometry';
import { attachGestures } from './gestures';
import { hitTest } from './hit-test';
import { createPainter, currentScene } from './painter';
import { Tooltip } from './Tooltip';
import { listenAll } from '../ui/listen';
import './bar.css';

const sameHover = (a: Hover | null, b: Hover | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.kind === b.kind &&
    a.x === b.x &&
    a.y === b.y &&
    (a.kind !== 'region' || a.id === (b as typeof a).id));

export function AddressBar({ describedBy }: { describedBy: string }) {
  const sim = useDoc((s) => simOf(s));
  const si = useMemo(() => (sim ? indexSimulation(sim) : null), [sim]);
  const advice = useCurrentAdvice();
  const boxes = useMemo(() => (si ? laneBoxes(si, advice ? ['advice'] : []) : null), [si, advice]);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(1, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const offPaint = createPainter(el);
    const offGestures = attachGestures(el, {
      pan: (dx) => panPx(dx),
      zoom: (factor, at) => zoomBy(factor, at),
    });
    const ctx = el.getContext('2d', { alpha: false });
    const hoverAt = (e: PointerEvent | MouseEvent): Hover | null => {
      const scene = ctx && currentScene(ctx);
      if (!scene) return null;
      const r = el.getBoundingClientRect();
      return hitTest(scene, e.clientX - r.left, e.clientY - r.top);
    };
    const onMove = (e: PointerEvent) => {
      // A held button drags the view: the card would only chase the pointer, and hit-testing
      // and re-rendering it took about as long as the drag frame's drawing.
      if (e.buttons !== 0) {
        if (useView.getState().hover) useView.setState({ hover: null });
        return;
      }
      const h = hoverAt(e);
      if (!sameHover(h, useView.getState().hover)) useView.setState({ hover: h });
    };
    const onLeave = () => useView.setState({ hover: null });
    const onClick = (e: MouseEvent) => {
      const h = hoverAt(e);
      if (h?.kind === 'gap') expandGap(h.start);
      else useView.setState({ selection: h?.kind === 'region' ? h.id : null });
    };
    const onDbl = (e: MouseEvent) => {
      const r = el.getBoundingClientRect();
      zoomBy(e.shiftKey ? 0.5 : 2, e.clientX - r.left);
    };
    const offPointer = listenAll(el, {
      pointermove: onMove,
      pointerleave: onLeave,
      click: onClick,
      dblclick: onDbl,
    });
    return () => {
      offPaint();
      offGestures();
      offPointer();
    };
  }, []);

  const height = boxes?.height ?? AXIS_H;
  return (
    <div className="bar">
      <ul className="lane-labels" style={{ height }} aria-label="Lanes">
        {boxes?.lanes.map((l) => {
          const def = laneDef(l.id);
          return (
            <li key={l.id} style={{ top: l.y, height: l.h }} title={def.help} data-rows={l.rows}>
              {def.title}
            </li>
          );
        })}
      </ul>
      <div className="bar-canvas" ref={wrap} style={{ height }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label="Physical address space: lanes of memory regions at the current step"
          aria-describedby={describedBy}
          data-testid="bar"
        />
        <Tooltip />
      </div>
    </div>
  );
}
