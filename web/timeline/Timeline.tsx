/**
 * The boot timeline: phases as collapsible groups with their events, as a virtual list (the
 * benchmark machine has 9,000 events; only the rows in view are mounted). The current step
 * is highlighted and scrolled into view; clicking an event jumps to it and frames its range.
 * The parent keys it by simulation, so a new run starts with every group open.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../src-core';
import { simOf, setStep, useDoc } from '../state/doc-store';
import { EventRow } from './EventRow';
import { timelineRows } from './rows';
import './timeline.css';

const ROW_H = 26;
const OVERSCAN = 6;
const NO_FINDINGS: readonly Finding[] = [];

export function Timeline() {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(400);
  const box = useRef<HTMLDivElement>(null);
  const events = useMemo(() => sim?.events ?? [], [sim]);
  const rows = useMemo(() => timelineRows(events, collapsed), [events, collapsed]);
  const findingsAt = useMemo(() => {
    const m = new Map<number, Finding[]>();
    for (const f of sim?.findings ?? []) m.set(f.step, [...(m.get(f.step) ?? []), f]);
    return m;
  }, [sim]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the current step's row in view (nearest edge, no jump when it is already visible)
  // when the step changes, and when the list is resized (the editor opens beside it) only if
  // the row was in view before: a reader who scrolled away from it is not pulled back by an
  // unrelated change of height. Scrolling waits for the frame: reading the scroll box now
  // would force a second layout.
  const lastHeight = useRef(height);
  const lastStep = useRef(step);
  const lastRows = useRef(rows);
  useEffect(() => {
    const resizedOnly =
      lastStep.current === step && lastRows.current === rows && lastHeight.current !== height;
    const before = lastHeight.current;
    lastHeight.current = height;
    lastStep.current = step;
    lastRows.current = rows;
    const frame = requestAnimationFrame(() => {
      const el = box.current;
      if (!el) return;
      const y = rows.rowOf(step) * ROW_H;
      if (resizedOnly && (y + ROW_H <= el.scrollTop || y >= el.scrollTop + before)) return;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_H > el.scrollTop + el.clientHeight)
        el.scrollTop = y + ROW_H - el.clientHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [step, rows, height]);

  const first = Math.max(0, Math.floor(scroll / ROW_H) - OVERSCAN);
  const last = Math.min(rows.count, Math.ceil((scroll + height) / ROW_H) + OVERSCAN);
  const shown = Array.from({ length: Math.max(0, last - first) }, (_, i) => rows.at(first + i));
  const toggle = (key: number) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (!n.delete(key)) n.add(key);
      return n;
    });

  return (
    <div
      className="timeline-list"
      ref={box}
      onScroll={(e) => setScroll(e.currentTarget.scrollTop)}
      data-testid="timeline"
    >
      <ol style={{ height: rows.count * ROW_H }} aria-label="Boot steps by phase">
        {shown.map((r, i) => {
          const top = (first + i) * ROW_H;
          if (r.kind === 'event') {
            const e = events[r.step];
            return e ? (
              <EventRow
                key={`e${r.key}`}
                event={e}
                findings={findingsAt.get(r.step) ?? NO_FINDINGS}
                top={top}
              />
            ) : null;
          }
          const open = !collapsed.has(r.key);
          const here = step >= r.first && step <= r.last;
          return (
            <li
              key={`p${r.key}`}
              className={`row phase-row${here && !open ? ' current' : ''}`}
              style={{ top }}
            >
              <button
                type="button"
                aria-expanded={open}
                onClick={() => toggle(r.key)}
                onDoubleClick={() => setStep(r.first)}
              >
                <span className="caret" aria-hidden>
                  {open ? '▾' : '▸'}
                </span>
                <span className="phase-title">{r.title}</span>
                <span className="muted mono">
                  {r.first === r.last ? `step ${r.first}` : `steps ${r.first}–${r.last}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
