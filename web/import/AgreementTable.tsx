/**
 * Observed vs simulated: for each topic, what the log printed and what the model's run prints,
 * with the log line and the model's step. A difference is marked in words and colour; clicking
 * a row frames its addresses on the bar and moves to its step in the run on show.
 */
import { useState } from 'react';
import {
  AGREEMENT_TOPIC_TITLES,
  OBSERVED_MODEL,
  type AgreementRow,
  type AgreementTopic,
  type Simulation,
} from '../../src-core';
import { setStep, useDoc } from '../state/doc-store';
import { frameAddr } from '../state/navigate';
import { groupRows, rowRange } from './agreement-groups';
import type { ShownAgreement } from './agreement-rows';

const PAGE = 100;

const STATUS_TEXT = { agree: 'agrees', differ: 'differs', unchecked: 'unchecked' } as const;

/** The step of the observed run that a log line became. */
function stepOfLine(observed: Simulation, line: number): number | undefined {
  return observed.events.find((e) => e.line === line)?.step;
}

function openRow(r: AgreementRow, observed: Simulation): void {
  const model = useDoc.getState().model;
  const step =
    model === OBSERVED_MODEL
      ? r.log?.line === undefined
        ? undefined
        : stepOfLine(observed, r.log.line)
      : r.model?.step;
  if (step !== undefined) setStep(step);
  const range = rowRange(r);
  if (range) frameAddr(range.start, range.end);
}

function Where({ text }: { text: string }) {
  return text ? <span className="ag-where muted small"> {text}</span> : null;
}

function Side({ who, cell, where }: { who: string; cell: AgreementRow['log']; where: string }) {
  return (
    <div className="ag-side">
      <span className="ag-who muted">{who}</span>
      {cell ? <code>{cell.text}</code> : <span className="muted">not shown</span>}
      <Where text={where} />
      {cell?.detail && <div className="ag-detail mono muted">{cell.detail}</div>}
    </div>
  );
}

function Row({ r, observed }: { r: AgreementRow; observed: Simulation }) {
  const line = r.log?.line === undefined ? '' : `line ${r.log.line}`;
  const step = r.model?.step === undefined ? '' : `step ${r.model.step}`;
  // Both sides say the same: say it once.
  const same =
    r.status === 'agree' && r.log?.text === r.model?.text && r.log?.detail === r.model?.detail;
  return (
    <li
      className={`ag-row ag-${r.status}`}
      data-status={r.status}
      onClick={() => openRow(r, observed)}
    >
      <div className="ag-main">
        <button
          type="button"
          className="ag-what"
          onClick={(e) => {
            e.stopPropagation();
            openRow(r, observed);
          }}
          title="Frame it on the bar and go to its step"
        >
          {r.what}
        </button>
        {same ? (
          <>
            {' '}
            <code>{r.log?.text}</code>
            <Where text={[line, step].filter(Boolean).join(' · ')} />
            {r.log?.detail && <div className="ag-detail mono muted">{r.log.detail}</div>}
          </>
        ) : (
          <>
            <Side who="log" cell={r.log} where={line} />
            <Side who="model" cell={r.model} where={step} />
          </>
        )}
        {r.note && <div className="small muted">{r.note}</div>}
        {r.reason && (
          <div className="ag-reason small" data-testid="ag-reason">
            Why: {r.reason}
          </div>
        )}
      </div>
      <span className="ag-status">{STATUS_TEXT[r.status]}</span>
    </li>
  );
}

export function AgreementTable({
  agreement,
  observed,
}: {
  agreement: ShownAgreement;
  observed: Simulation;
}) {
  const [onlyDifferences, setOnly] = useState(false);
  const [limits, setLimits] = useState<Partial<Record<AgreementTopic, number>>>({});
  const groups = groupRows(agreement.rows, {
    onlyDifferences,
    limit: (t) => limits[t] ?? PAGE,
  });
  const c = agreement.counts;
  return (
    <div className="agreement" data-testid="agreement">
      <div className="ag-head">
        <span>
          <strong>{agreement.model}</strong> vs the log:{' '}
          <span data-testid="agreement-counts">
            {c.agree} agree · {c.differ} differ · {c.unchecked} unchecked
          </span>
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyDifferences}
            onChange={(e) => setOnly(e.target.checked)}
          />
          Only differences
        </label>
      </div>
      {groups.map((g) => (
        <section key={g.topic} className="ag-group" aria-label={AGREEMENT_TOPIC_TITLES[g.topic]}>
          <h3>
            {AGREEMENT_TOPIC_TITLES[g.topic]}{' '}
            <span className={g.counts.differ ? 'ag-count-differ' : 'muted'}>
              {g.counts.agree} agree{g.counts.differ ? ` · ${g.counts.differ} differ` : ''}
              {g.counts.unchecked ? ` · ${g.counts.unchecked} unchecked` : ''}
            </span>
          </h3>
          {g.rows.length > 0 && (
            <ol className="ag-list">
              {g.rows.map((r, i) => (
                <Row key={`${r.what}-${i}`} r={r} observed={observed} />
              ))}
            </ol>
          )}
          {g.hidden > 0 && (
            <button
              type="button"
              className="ag-more"
              onClick={() =>
                setLimits((l) => ({ ...l, [g.topic]: (l[g.topic] ?? PAGE) + PAGE * 10 }))
              }
            >
              Show {Math.min(g.hidden, PAGE * 10)} more of {g.hidden}
            </button>
          )}
        </section>
      ))}
    </div>
  );
}
