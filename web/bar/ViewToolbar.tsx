/**
 * Controls above the bar: the locus box, zoom and reset buttons, frame-the-selection, gap
 * collapsing, follow-the-step, and a readout of the scale (updated outside React).
 */
import { useEffect, useRef } from 'react';
import { humanSize, PAGE_SIZE } from '../../src-core';
import { frameSelection, home, setCollapse, zoomBy } from '../state/navigate';
import { useView } from '../state/view-store';
import { ToolButton } from '../ui/ToolButton';
import { LocusBox } from './LocusBox';
import { PAGE_MIN_PX } from './pages';

function scaleText(bpp: number): string {
  const page = PAGE_SIZE / bpp;
  if (page >= PAGE_MIN_PX)
    return `page zoom: one 4 KiB page = ${page >= 10 ? Math.round(page) : page.toFixed(1)} px`;
  return `1 px ≈ ${humanSize(Math.round(bpp)).replace('≈', '')}`;
}

export function ViewToolbar() {
  const collapse = useView((s) => s.collapse);
  const follow = useView((s) => s.follow);
  const notice = useView((s) => s.notice);
  const scale = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const show = (bpp: number) => {
      if (scale.current) scale.current.textContent = scaleText(bpp);
    };
    show(useView.getState().view.bpp);
    return useView.subscribe((s, p) => {
      if (s.view.bpp !== p.view.bpp) show(s.view.bpp);
    });
  }, []);

  return (
    <div className="toolbar" role="toolbar" aria-label="Address-space view">
      <LocusBox />
      <div className="group">
        <ToolButton label="Zoom out (S or -)" onClick={() => zoomBy(0.5)}>
          −
        </ToolButton>
        <ToolButton label="Zoom in (W or +)" onClick={() => zoomBy(2)}>
          +
        </ToolButton>
        <button type="button" onClick={home} title="Show the whole machine (0)">
          Reset
        </button>
        <button
          type="button"
          onClick={frameSelection}
          title="Frame the selected region, or the step's range (F)"
        >
          Frame
        </button>
      </div>
      <label
        className="check"
        title="Squeeze long stretches where nothing happens into marked gaps"
      >
        <input type="checkbox" checked={collapse} onChange={(e) => setCollapse(e.target.checked)} />
        Collapse empty ranges
      </label>
      <label className="check" title="Frame each step's range while stepping">
        <input
          type="checkbox"
          checked={follow}
          onChange={(e) => useView.setState({ follow: e.target.checked })}
        />
        Follow steps
      </label>
      <span className="scale muted" ref={scale} data-testid="scale" aria-live="off" />
      <span className="notice" role="status" data-testid="notice">
        {notice}
      </span>
    </div>
  );
}
