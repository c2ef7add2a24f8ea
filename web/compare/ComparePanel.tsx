/**
 * The compare view's side panel (in the inspector's place): which model B is, the list of what
 * differs at the shown steps (a click frames the difference on both bars), and the two runs'
 * state as text, diffed line by line.
 */
import { useMemo, useState } from 'react';
import {
  MODELS,
  OBSERVED_MODEL,
  rangesText,
  unifiedDiff,
  type RunDifference,
} from '../../src-core';
import { hasRun } from '../model/simulation-cache';
import { useDoc } from '../state/doc-store';
import { frameAddr } from '../state/navigate';
import { CopyButton } from '../text-state/CopyButton';
import { TEXT_KINDS, TextLines, type TextKind } from '../text-state/StateText';
import {
  closeCompare,
  openCompare,
  runName,
  useCompare,
  useCurrentCompare,
  type CompareRuns,
} from './compare-store';

function pick(d: RunDifference): void {
  useCompare.setState({ picked: d.key });
  frameAddr(d.span.start, d.span.end, 0.1);
}

function Differences({ c }: { c: CompareRuns }) {
  const picked = useCompare((s) => s.picked);
  if (!c.diffs.length)
    return (
      <p className="muted" data-testid="compare-same">
        At these steps the two runs place everything at the same addresses.
      </p>
    );
  return (
    <ol className="compare-diffs" data-testid="compare-diffs" aria-label="Differences">
      {c.diffs.map((d) => (
        <li key={d.key}>
          <button
            type="button"
            className={d.key === picked ? 'picked' : undefined}
            aria-pressed={d.key === picked}
            onClick={() => pick(d)}
            title="Frame this difference on both bars"
          >
            <span className="compare-what">{d.what}</span>
            <span className="compare-side">
              <span className="compare-tag compare-tag-a">A</span> {rangesText(d.onlyA, 2)}
            </span>
            <span className="compare-side">
              <span className="compare-tag compare-tag-b">B</span> {rangesText(d.onlyB, 2)}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function TextDiff({ c }: { c: CompareRuns }) {
  const [kind, setKind] = useState<TextKind>('iomem');
  const diff = useMemo(() => {
    const t = TEXT_KINDS[kind];
    return unifiedDiff(t.lines(c.a, c.stepA), t.lines(c.b, c.stepB), {
      a: `A ${c.a.model} step ${c.stepA}`,
      b: `B ${c.b.model} step ${c.stepB}`,
    });
  }, [c, kind]);
  const text = diff.join('\n');
  return (
    <section aria-label="The two runs as text" className="compare-text">
      <div className="text-head">
        <h3>As text, A → B</h3>
        {(Object.keys(TEXT_KINDS) as TextKind[]).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="compare-text"
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {TEXT_KINDS[k].title}
          </label>
        ))}
        <CopyButton text={text} what="the diff" testId="compare-diff-copy" />
      </div>
      {diff.length ? (
        <TextLines lines={diff} diff testId="compare-diff" />
      ) : (
        <p className="muted" data-testid="compare-diff">
          The two runs' {TEXT_KINDS[kind].title} are the same at these steps.
        </p>
      )}
    </section>
  );
}

export function ComparePanel() {
  const c = useCurrentCompare();
  const other = useCompare((s) => s.other);
  const scenario = useDoc((s) => s.scenario);
  const observed = hasRun(scenario, OBSERVED_MODEL);
  return (
    <div className="compare-panel" data-testid="compare-panel">
      <div className="compare-head">
        <h2>Compare</h2>
        <label>
          <span>B:</span>
          <select
            value={other ?? ''}
            onChange={(e) => openCompare(e.target.value)}
            data-testid="compare-model"
          >
            {observed && <option value={OBSERVED_MODEL}>{runName(OBSERVED_MODEL)}</option>}
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {runName(m.id)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={closeCompare} data-testid="compare-close">
          Close
        </button>
      </div>
      {c && !('error' in c) ? (
        <>
          <p className="muted small">
            A: {runName(c.a.model)} at step {c.stepA}; B: {runName(c.b.model)} at step {c.stepB},
            the same point of the boot. {c.diffs.length} difference{c.diffs.length === 1 ? '' : 's'}
            , outlined on both bars:
          </p>
          <Differences c={c} />
          <TextDiff c={c} />
        </>
      ) : (
        <p className="error">{c?.error}</p>
      )}
    </div>
  );
}
