/**
 * The advisor's suggestions as ready command-line options, best first. "Try" puts one on the
 * scenario's command line (a normal scenario edit through the document store); "Copy" puts it
 * on the clipboard. The engine has already simulated each one: every one gives a clean run.
 */
import { useState } from 'react';
import { parseCmdline, paramsNamed, withParam, type Advice } from '../../src-core';
import { editCmdline } from '../editor/editor-store';
import { useDoc } from '../state/doc-store';

/** The option as the command line has it now (the last crashkernel=), for "in use". */
function currentOption(cmdline: string): string | null {
  const p = paramsNamed(parseCmdline(cmdline), 'crashkernel').pop();
  return p ? cmdline.slice(p.start, p.end) : null;
}

function tryOption(option: string): void {
  const { scenario } = useDoc.getState();
  void editCmdline(withParam(scenario.cmdline, 'crashkernel', option.replace(/^crashkernel=/, '')));
}

async function copy(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied ${text}`;
  } catch {
    return 'The browser refused the clipboard: select the option and copy it by hand';
  }
}

/** Ready crashkernel= options, each with Try and Copy; `testid` names the list for tests. */
export function OptionList({
  options,
  title,
  testid,
  statusTestid,
}: {
  options: readonly string[];
  title: string;
  testid: string;
  statusTestid: string;
}) {
  const cmdline = useDoc((s) => s.scenario.cmdline);
  const [status, setStatus] = useState('');
  const inUse = currentOption(cmdline);
  return (
    <div className="suggest-row">
      <h3 id={`${testid}-title`}>{title}</h3>
      <ul className="suggestions" data-testid={testid} aria-labelledby={`${testid}-title`}>
        {options.map((s) => (
          <li key={s} data-testid="suggestion">
            <code className="suggestion-text">{s}</code>
            {s === inUse && <span className="muted small">in use</span>}
            <button
              type="button"
              onClick={() => tryOption(s)}
              disabled={s === inUse}
              aria-label={`Try ${s}: put it on the command line`}
              title="Put it on the scenario's command line and run it"
            >
              Try
            </button>
            <button
              type="button"
              onClick={() => void copy(s).then(setStatus)}
              aria-label={`Copy ${s}`}
              title="Copy to the clipboard"
            >
              Copy
            </button>
          </li>
        ))}
      </ul>
      <p className="small muted" role="status" data-testid={statusTestid}>
        {status}
      </p>
    </div>
  );
}

export function Suggestions({ advice }: { advice: Advice }) {
  if (advice.suggestions.length === 0)
    return (
      <p className="muted" data-testid="advisor-suggestions">
        No clean placement found for this size: every base fails or corrupts.
      </p>
    );
  return (
    <OptionList
      options={advice.suggestions}
      title="Try:"
      testid="advisor-suggestions"
      statusTestid="advisor-copy-status"
    />
  );
}
