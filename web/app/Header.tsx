/**
 * The header: scenario and model pickers, the actions (folding into a menu on narrow screens),
 * the scenario's title, what will happen in this boot (whole, wrapped) and its findings.
 */
import { useRef, useState } from 'react';
import { MODELS, OBSERVED_MODEL } from '../../src-core';
import { confirmReplace, requestPreset } from '../editor/editor-store';
import { PRESET_GROUPS } from '../editor/preset-groups';
import { openCompare, toggleCompare, useCompare } from '../compare/compare-store';
import { ExportMenu } from '../export/ExportMenu';
import { hasRun } from '../derived/simulation-cache';
import { toggleAdvisor, useAdvisor } from '../state/advisor-store';
import { loadScenario, selectModel, useDoc } from '../state/doc-store';
import { openImport } from '../state/import-store';
import { scenarioFromText } from '../state/scenario-source';
import { CopyLinkButton } from './CopyLinkButton';
import { EditButton } from './EditButton';
import { HeaderActions } from './HeaderActions';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { SHORTCUTS } from './keyboard';
import { LinkBanner } from './LinkBanner';
import { KernelVersionField } from './KernelVersionField';
import { titleFor } from './scenario-title';
import { StoryStrip } from './StoryStrip';
import './header.css';

/** Model picker values that open the compare view instead of switching the model. */
const COMPARE_PREFIX = 'compare:';

export function Header() {
  const source = useDoc((s) => s.source);
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  const result = useDoc((s) => s.result);
  const sim = result.ok ? result.sim : null;
  const advisorOpen = useAdvisor((s) => s.open);
  const comparing = useCompare((s) => s.other !== null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const title = titleFor(scenario.title, scenario.cmdline);

  const open = async (f: File) => {
    const r = scenarioFromText(f.name, await f.text());
    if (!r.ok) return setLoadError(r.error);
    setLoadError(null);
    if (await confirmReplace(`the file “${f.name}”`, 'Open the file'))
      loadScenario({ kind: 'file', name: f.name }, r.scenario);
  };

  return (
    <header className="header">
      <div className="header-row">
        <h1>bootmap</h1>
        <label>
          <span>Scenario</span>
          <select
            value={source.name}
            onChange={(e) => void requestPreset(e.target.value)}
            data-testid="scenario-select"
          >
            {PRESET_GROUPS.map((g) => (
              <optgroup key={g.title} label={g.title}>
                {g.names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </optgroup>
            ))}
            {source.kind !== 'preset' && <option value={source.name}>{source.name}</option>}
          </select>
        </label>
        <label>
          <span>Model</span>
          <select
            value={model}
            onChange={(e) =>
              e.target.value.startsWith(COMPARE_PREFIX)
                ? openCompare(e.target.value.slice(COMPARE_PREFIX.length))
                : selectModel(e.target.value)
            }
            data-testid="model-select"
          >
            {hasRun(scenario, OBSERVED_MODEL) && (
              <option value={OBSERVED_MODEL}>observed — the imported log as printed</option>
            )}
            {MODELS.map((m) => (
              <option key={m.id} value={m.id} title={m.title}>
                {m.id} — {m.title}
              </option>
            ))}
            <optgroup label={`Compare ${model} with…`}>
              {hasRun(scenario, OBSERVED_MODEL) && model !== OBSERVED_MODEL && (
                <option value={COMPARE_PREFIX + OBSERVED_MODEL}>observed — the imported log</option>
              )}
              {MODELS.filter((m) => m.id !== model).map((m) => (
                <option key={m.id} value={COMPARE_PREFIX + m.id}>
                  {m.id} (Linux {m.kernel})
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <KernelVersionField />
        <HeaderActions>
          <button
            type="button"
            onClick={() => file.current?.click()}
            title="Open a scenario JSON file (as the CLI's --scenario takes)"
          >
            Open…
          </button>
          <button
            type="button"
            onClick={openImport}
            title="Import a boot log (dmesg, journalctl, a serial capture): paste it, drop a file or choose one"
            data-testid="import-open"
          >
            Import log…
          </button>
          <HiddenFileInput
            inputRef={file}
            accept=".json,application/json"
            label="Scenario file"
            testId="scenario-file"
            onFile={(f) => void open(f)}
          />
          <EditButton />
          <CopyLinkButton />
          <button
            type="button"
            aria-pressed={advisorOpen}
            onClick={toggleAdvisor}
            title="Crashkernel advisor: which bases are safe, and what each generation does (K)"
            data-testid="advisor-toggle"
          >
            Advisor
          </button>
          <button
            type="button"
            aria-pressed={comparing}
            onClick={toggleCompare}
            title="Compare: this run and another model's (or the imported log) stacked on one axis, every difference outlined"
            data-testid="compare-toggle"
          >
            Compare
          </button>
          <ExportMenu />
          <details className="help">
            <summary>Keys</summary>
            <dl>
              {SHORTCUTS.map(([k, what]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </details>
        </HeaderActions>
      </div>
      <p className="scenario-title" data-testid="scenario" title={`${title}\n${scenario.cmdline}`}>
        {title} <span className="muted mono">{scenario.cmdline}</span>
      </p>
      <div className="summary" data-testid="summary">
        {result.ok ? (
          <>
            <strong>What happens:</strong> {sim?.summary}
            {sim?.panic && <span className="panic"> The kernel panics: {sim.panic}</span>}
            <StoryStrip />
          </>
        ) : (
          <span className="error" role="alert">
            {result.error}
          </span>
        )}
      </div>
      <LinkBanner />
      {loadError && (
        <div className="load-error" role="alert" data-testid="load-error">
          <pre>{loadError}</pre>
          <button type="button" onClick={() => setLoadError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </header>
  );
}
