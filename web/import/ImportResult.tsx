/**
 * A finished import, before anything is loaded: the boots of the file to choose from, what was
 * found, how the matching model compares, the notes and the lines not understood; then the
 * choice. Until "Show this log" or "Use as scenario", the page keeps the scenario it had.
 */
import { closeImport, backToInput, pickBoot, showImported } from '../state/import-store';
import { LogFacts, LogNotes } from './LogFacts';
import type { Imported, ImportView } from './protocol';

function BootPicker({ view, reading }: { view: ImportView; reading: number | undefined }) {
  const picked = reading ?? view.selected;
  return (
    <fieldset className="boots" data-testid="boots">
      <legend>This file holds {view.boots.length} boots</legend>
      {view.boots.map((b) => (
        <label key={b.number} className={b.number === picked ? 'boot current' : 'boot'}>
          <input
            type="radio"
            name="boot"
            checked={b.number === picked}
            onChange={() => pickBoot(b.number)}
          />
          <span className="boot-no">Boot {b.number}</span>
          <span className="mono">Linux {b.version ?? '(version not shown)'}</span>
          <span className="muted">
            lines {b.lines.start}–{b.lines.end - 1}
          </span>
          <span className={b.complete ? 'muted' : 'error'}>
            {b.complete ? 'complete' : 'incomplete'}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function Comparison({ imported }: { imported: Imported }) {
  const a = imported.agreement;
  if (!a) return <p className="muted">No model comparison: {imported.agreementNote}</p>;
  const c = a.counts;
  return (
    <p data-testid="import-agreement">
      <strong>{a.model}</strong> on this machine agrees with the log on {c.agree} of{' '}
      {c.agree + c.differ} compared facts
      {c.differ ? <span className="error"> and differs on {c.differ}</span> : ''}
      {c.unchecked ? ` (${c.unchecked} not shown by one side)` : ''}. The table is under “Log vs
      model” once the log is shown.
    </p>
  );
}

/** `reading`: another boot of the file is being read; this one stays on show, its actions off. */
export function ImportResult({ imported, reading }: { imported: Imported; reading?: number }) {
  const busy = reading !== undefined;
  const { view, scenario } = imported;
  return (
    <div className="import-result" data-testid="import-result">
      <div className="import-scroll">
        {view.boots.length > 1 && <BootPicker view={view} reading={reading} />}
        <LogFacts view={view} steps={imported.steps} />
        <Comparison imported={imported} />
        <LogNotes view={view} />
      </div>
      <div className="import-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void showImported('observed')}
          disabled={busy}
          data-testid="show-log"
        >
          Show this log
        </button>
        <button
          type="button"
          onClick={() => void showImported('model')}
          disabled={busy || !scenario}
          title={scenario ? undefined : 'The log does not give a runnable scenario'}
          data-testid="use-scenario"
        >
          Use as scenario{scenario ? ` (${scenario.model})` : ''}
        </button>
        <button type="button" onClick={backToInput}>
          Import another
        </button>
        <button type="button" onClick={closeImport}>
          Cancel
        </button>
        <span className="muted small">Until you choose, the page keeps its scenario.</span>
      </div>
    </div>
  );
}
