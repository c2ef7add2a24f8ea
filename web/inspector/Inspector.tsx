/**
 * The current step: what the kernel does (function, with a link to its source), the range it
 * acts on, what it prints, why, and the numbers worked out; then what has gone wrong so far,
 * and the selected region. Fixed panel size with its own scroll, so stepping never moves the
 * page.
 */
import { useEffect, useRef } from 'react';
import { humanAddr, humanSize, memRange, PHASE_TITLES, sourceUrl } from '../../src-core';
import { OWNER_COLOURS, OWNER_NAMES } from '../theme/palette';
import { simOf, useDoc } from '../state/doc-store';
import { Findings } from './Findings';
import { ModelExplains } from './ModelExplains';
import { SelectedRegion } from './SelectedRegion';
import './inspector.css';

export function Inspector() {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const box = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  // Each step is read from its top. Only when scrolled down: setting scrollTop lays the page
  // out there and then, the whole new run's with it when a big log is shown.
  useEffect(() => {
    if (scrolled.current && box.current) box.current.scrollTop = 0;
  }, [step]);
  const e = sim?.events[step];
  if (!sim || !e) return <div className="inspector" ref={box} />;
  return (
    <div
      className="inspector"
      data-testid="inspector"
      ref={box}
      onScroll={(e) => (scrolled.current = e.currentTarget.scrollTop > 0)}
    >
      <div className="insp-head">
        <span className="muted">
          Step {e.step} of {sim.events.length - 1} · {PHASE_TITLES[e.phase]}
          {e.line !== undefined && ` · log line ${e.line}`}
        </span>
        <h2>
          <span className="chip" style={{ background: OWNER_COLOURS[e.owner] }} aria-hidden />
          {e.label}
        </h2>
        <div>
          {/* A step read from a log names its source file only where every kernel agrees. */}
          {e.src ? (
            <>
              <a
                className="mono fn-link"
                href={sourceUrl(e.src)}
                target="_blank"
                rel="noreferrer"
                title={`${e.src} on Elixir`}
              >
                {e.fn}()
              </a>{' '}
              <span className="muted mono">{e.src.replace(':', ' ')}</span>
            </>
          ) : (
            <span className="mono">{e.fn}()</span>
          )}
          {e.node !== undefined && <span className="muted"> · node {e.node}</span>}
          <span className="muted"> · {OWNER_NAMES[e.owner]}</span>
        </div>
      </div>
      {e.end > e.start && (
        <div className="insp-range">
          <code data-testid="event-range">{memRange(e.start, e.end)}</code>{' '}
          <span className="muted">
            {humanAddr(e.start)} – {humanAddr(e.end)}, {humanSize(e.end - e.start)}
          </span>
        </div>
      )}
      <p className="explain">{e.explain}</p>
      <ModelExplains event={e} />
      {e.worked.length > 0 && (
        <table className="worked">
          <tbody>
            {e.worked.map((w) => (
              <tr key={w.label}>
                <th scope="row">{w.label}</th>
                <td className="mono">{w.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dmesg">
        <div className="muted small" data-testid="dmesg-title">
          {e.line === undefined ? 'dmesg' : `log line ${e.line}, as printed`}
        </div>
        {e.dmesg ? (
          <pre data-testid="dmesg">{e.dmesg}</pre>
        ) : (
          <p className="muted small">The kernel prints nothing at this step.</p>
        )}
      </div>
      <Findings sim={sim} step={step} />
      <SelectedRegion />
    </div>
  );
}
