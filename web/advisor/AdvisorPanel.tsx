/**
 * The crashkernel advisor: for the scenario, the model and a size, which bases are safe (drawn
 * as a lane on the bar), what the current command line does, the best few placements as ready
 * options to try or copy, and what every generation makes of the command line as it stands.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import {
  hex,
  humanSize,
  memRange,
  verdictOf,
  type Advice,
  type Simulation,
  type Verdict,
} from '../../src-core';
import { intervalAt, lastBase } from '../bar/draw-advice';
import { ToolButton } from '../ui/ToolButton';
import { ADVICE_COLOURS } from '../theme/palette';
import { adviceFor, toggleAdvisor, useAdvisor } from '../state/advisor-store';
import { simOf, useDoc } from '../state/doc-store';
import { Estimate } from './Estimate';
import { Generations } from './Generations';
import { SizeField } from './SizeField';
import { Suggestions } from './Suggestions';
import './advisor.css';

/** Why the run's own crashkernel gets its verdict, in the advisor's words where they apply. */
function why(sim: Simulation, advice: Advice, verdict: Verdict): string {
  const c = sim.crashkernel;
  if (c.outcome === 'reserved' && c.start !== undefined && c.end === c.start + advice.size) {
    const iv = advice.intervals[intervalAt(advice.intervals, c.start)];
    if (iv && iv.verdict === verdict) return iv.reason;
  }
  if (verdict === 'corrupts')
    return (
      sim.findings.find((f) => c.start !== undefined && f.end > c.start && f.start < (c.end ?? 0))
        ?.detail ?? c.detail
    );
  return sim.panic ? `the kernel panics: ${sim.panic}` : c.message || c.detail;
}

function VerdictBadge({ v }: { v: Verdict }) {
  return (
    <span className={`verdict verdict-${v}`} data-verdict={v}>
      <span className="swatch" style={{ background: ADVICE_COLOURS[v] }} aria-hidden />
      {v}
    </span>
  );
}

function CurrentRun({ sim, advice }: { sim: Simulation; advice: Advice }) {
  const v = verdictOf(sim);
  const c = sim.crashkernel;
  return (
    <p className="advisor-now" data-testid="advisor-now">
      <span className="muted">This command line: </span>
      crashkernel {c.outcome}
      {c.start !== undefined && c.end !== undefined && (
        <>
          {' '}
          <code>{memRange(c.start, c.end, 10)}</code>
        </>
      )}{' '}
      — <VerdictBadge v={v} />: {why(sim, advice, v)}
    </p>
  );
}

function SafeRanges({ advice }: { advice: Advice }) {
  const safe = advice.intervals.filter((i) => i.verdict === 'safe');
  const shown = safe.slice(0, 4);
  return (
    <p className="small" data-testid="advisor-safe">
      <span className="muted">
        Safe bases ({safe.length} {safe.length === 1 ? 'range' : 'ranges'}, multiples of{' '}
        {hex(advice.align)}):{' '}
      </span>
      {safe.length === 0
        ? 'none'
        : shown.map((i, k) => (
            <span key={i.start}>
              {k > 0 && ', '}
              <code>
                {hex(i.start)}–{hex(lastBase(i, advice.align))}
              </code>
            </span>
          ))}
      {safe.length > shown.length && ` and ${safe.length - shown.length} more on the lane`}
    </p>
  );
}

function Advise() {
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  const sim = useDoc((s) => simOf(s));
  const sizeText = useAdvisor((s) => s.sizeText);
  useAdvisor((s) => s.landed);
  const r = adviceFor({ scenario, model }, sizeText);
  if (!r) return null;
  if (r === 'pending')
    return (
      <p className="muted" role="status" data-testid="advisor-pending">
        Working out which bases are safe under {model}…
      </p>
    );
  if (!r.ok)
    return (
      <p className="error" role="alert" data-testid="advisor-error">
        {r.error}
      </p>
    );
  const a = r.advice;
  return (
    <>
      <p className="advisor-question">
        Where can a <strong>{humanSize(a.size)}</strong> crash kernel go under{' '}
        <span className="mono">{a.model}</span>?{' '}
        <span className="muted small">
          See the “crashkernel bases” lane: hover it for the reason at each base.
        </span>
      </p>
      <Suggestions advice={a} />
      {sim && <CurrentRun sim={sim} advice={a} />}
      <SafeRanges advice={a} />
    </>
  );
}

const TABS = [
  { id: 'placement', title: 'Where it can go' },
  { id: 'size', title: 'How big' },
  { id: 'generations', title: 'Across generations' },
] as const;

type Tab = (typeof TABS)[number]['id'];

export function AdvisorPanel() {
  const [tab, setTab] = useState<Tab>('placement');
  const id = useId();
  // Arrow keys move between the tabs (and stay out of the global stepping keys).
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = TABS[
      (TABS.findIndex((t) => t.id === tab) + 1) % TABS.length
    ] as (typeof TABS)[number];
    setTab(next.id);
    document.getElementById(`${id}-${next.id}-tab`)?.focus();
  };
  return (
    <div className="advisor" data-testid="advisor">
      <div className="advisor-head">
        <h2>Crashkernel advisor</h2>
        <div role="tablist" aria-label="Advisor views" className="tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${id}-${t.id}-tab`}
              aria-selected={tab === t.id}
              aria-controls={`${id}-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={onTabKey}
            >
              {t.title}
            </button>
          ))}
        </div>
        <ToolButton label="Close the advisor (K)" onClick={toggleAdvisor}>
          ×
        </ToolButton>
      </div>
      <div
        role="tabpanel"
        id={`${id}-${tab}`}
        aria-labelledby={`${id}-${tab}-tab`}
        className="advisor-body"
      >
        {tab === 'placement' ? (
          <>
            <SizeField />
            <Advise />
          </>
        ) : tab === 'size' ? (
          <Estimate />
        ) : (
          <>
            <p className="small muted">
              This machine and its command line under every model; choose a row to show that model.
            </p>
            <Generations />
          </>
        )}
      </div>
    </div>
  );
}
