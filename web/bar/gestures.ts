/**
 * Pointer gestures on the bar. d3-zoom decodes wheel, trackpad pinch (ctrl+wheel), drag and
 * touch pinch; each of its events is turned into a change of our exact view, and its own
 * transform is reset to identity when the gesture ends, so its floats never accumulate.
 *
 * Between two zoom events d3's transform changes from p to t: a point at screen x moves to
 * t.x + (t.k / p.k)(x - p.x). With equal scales that is a pan by t.x - p.x; otherwise a zoom by
 * t.k / p.k about the one screen point that stays put, x* = (t.x·p.k - p.x·t.k) / (p.k - t.k).
 */
import { select, zoom, zoomIdentity, type ZoomTransform } from 'd3';

export interface GestureTarget {
  pan(dxPx: number): void;
  zoom(factor: number, atPx: number): void;
}

type Affine = Pick<ZoomTransform, 'x' | 'k'>;

/** The change between two d3 transforms as a pan (screen pixels) or a zoom about a point. */
export function gestureStep(
  p: Affine,
  t: Affine,
): { kind: 'pan'; dx: number } | { kind: 'zoom'; factor: number; at: number } {
  const factor = t.k / p.k;
  if (Math.abs(factor - 1) < 1e-12) return { kind: 'pan', dx: -(t.x - p.x) };
  return { kind: 'zoom', factor, at: (t.x * p.k - p.x * t.k) / (p.k - t.k) };
}

export function attachGestures(el: HTMLCanvasElement, target: GestureTarget): () => void {
  let prev: ZoomTransform = zoomIdentity;
  const behaviour = zoom<HTMLCanvasElement, unknown>()
    .filter((event: Event) => {
      if (event instanceof WheelEvent)
        return !event.shiftKey && Math.abs(event.deltaY) >= Math.abs(event.deltaX);
      const m = event as MouseEvent;
      return !m.ctrlKey && !m.button;
    })
    .on('start', (e: { transform: ZoomTransform }) => {
      prev = e.transform;
    })
    .on('zoom', (e: { transform: ZoomTransform }) => {
      const step = gestureStep(prev, e.transform);
      if (step.kind === 'pan') target.pan(step.dx);
      else target.zoom(step.factor, step.at);
      prev = e.transform;
    })
    .on('end', () => {
      prev = zoomIdentity;
      select(el).property('__zoom', zoomIdentity);
    });
  const sel = select(el);
  sel.call(behaviour).on('dblclick.zoom', null);
  // Horizontal trackpad swipes and shift+wheel pan; d3-zoom would read them as zoom.
  const onWheel = (e: WheelEvent) => {
    if (!e.shiftKey && Math.abs(e.deltaY) >= Math.abs(e.deltaX)) return;
    e.preventDefault();
    const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
    target.pan(d * (e.deltaMode === 1 ? 16 : 1));
  };
  el.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    sel.on('.zoom', null);
    el.removeEventListener('wheel', onWheel);
  };
}
