/**
 * Beside the compare view's bars: which model B is, and the list of what differs at the shown
 * steps; a click frames the difference on both bars. (The two runs' text diff is in the
 * inspector's "As text" tab.)
 */
import { MODELS, OBSERVED_MODEL, rangesText, type RunDifference } from '../../src-core';
import { hasRun } from '../derived/simulation-cache';
import { useDoc } from '../state/doc-store';
import { useShownImport } from '../state/import-store';
import { frameAddr } from '../state/navigate';
import { useCurrentCompare, type CompareRuns } from './compare-runs';
import { closeCompare, openCompare, runName, useCompare } from './compare-store';

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

/**
 * Log against model: the placements differ above; the facts the log prints are paired one by
 * one in the inspector's "Log vs model" tab (agreement.ts), whose counts are repeated here.
 */
function LogAgreement({ c }: { c: CompareRuns }) {
  const imported = useShownImport();
  const observed = c.a.model === OBSERVED_MODEL || c.b.model === OBSERVED_MODEL;
  const a = imported?.agreement;
  if (!observed || !a) return null;
  return (
    <p className="small" data-testid="compare-agreement">
      Fact by fact, the log and {a.model} agree on {a.counts.agree}, differ on {a.counts.differ}
      {a.counts.unchecked ? ` (${a.counts.unchecked} unchecked)` : ''}: the inspector’s “Log vs
      model” tab lists them.
    </p>
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
        <button type="button" onClick={closeCompare} data-testid="compare-close">
          Close
        </button>
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
      </div>
      {c && !('error' in c) ? (
        <>
          <p className="muted small" data-testid="compare-count">
            {c.diffs.length} difference{c.diffs.length === 1 ? '' : 's'} at A’s step {c.stepA} and
            B’s step {c.stepB} (the same point of the boot), outlined on both bars:
          </p>
          <LogAgreement c={c} />
          <Differences c={c} />
        </>
      ) : (
        <p className="error">{c?.error}</p>
      )}
    </div>
  );
}
