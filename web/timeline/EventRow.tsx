/**
 * One timeline row. Each row subscribes only to whether it is the current step and whether it
 * is linked to the hovered region, so a step re-renders two rows, not the list.
 */
import { memo } from 'react';
import { hex, type BootEvent, type Finding } from '../../src-core';
import { OWNER_COLOURS } from '../theme/palette';
import { indexSimulation } from '../derived/sim-index';
import { simOf, setStep, useDoc } from '../state/doc-store';
import { frameAddr } from '../state/navigate';
import { useView, type ViewState } from '../state/view-store';

/** True when the hovered bar region is one this step's event touches. */
function linkedTo(s: ViewState, step: number): boolean {
  if (s.hover?.kind !== 'region') return false;
  const sim = simOf(useDoc.getState());
  const steps = sim && indexSimulation(sim).stepsByRegion.get(s.hover.id);
  return !!steps && steps.includes(step);
}

/** Jump to an event and frame its range on the bar. */
export function openEvent(e: BootEvent): void {
  setStep(e.step);
  if (e.end > e.start) frameAddr(e.start, e.end);
}

export const EventRow = memo(function EventRow({
  event,
  findings,
  top,
}: {
  event: BootEvent;
  findings: readonly Finding[];
  top: number;
}) {
  const current = useDoc((s) => s.step === event.step);
  const linked = useView((s) => linkedTo(s, event.step));
  const cls = [
    'row',
    'event-row',
    current && 'current',
    linked && 'linked',
    findings.length > 0 && 'has-finding',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={cls}
      style={{ top }}
      aria-current={current ? 'step' : undefined}
      data-step={event.step}
    >
      <button
        type="button"
        onClick={() => openEvent(event)}
        onMouseEnter={() => useView.setState({ hoverStep: event.step })}
        onMouseLeave={() => useView.setState({ hoverStep: null })}
        onFocus={() => useView.setState({ hoverStep: event.step })}
        onBlur={() => useView.setState({ hoverStep: null })}
        title={`${event.fn}: ${event.label}${event.line === undefined ? '' : ` (log line ${event.line})`}`}
      >
        <span className="step-no mono">{event.step}</span>
        <span className="chip" style={{ background: OWNER_COLOURS[event.owner] }} aria-hidden />
        <span className="fn mono">{event.fn}</span>
        <span className="label">{event.label}</span>
        {event.end > event.start && <span className="addr mono muted">{hex(event.start)}</span>}
        {event.line !== undefined && <span className="line-no mono muted">line {event.line}</span>}
        {findings.map((f) => (
          <span key={f.kind} className="badge">
            {f.kind}
          </span>
        ))}
      </button>
    </li>
  );
});
