/**
 * The kernel version beside the model picker: a release (2.6.25, 4.19.0-6-amd64) picks the
 * model that follows it and the rules of that exact version (the engine's rule table); the
 * models in the picker are the shortcuts. An edit of the scenario, so Undo takes it back.
 */
import { useState } from 'react';
import { modelForRelease } from '../../src-core';
import { editKernelVersion } from '../editor/editor-store';
import { selectModel, useDoc } from '../state/doc-store';

export function KernelVersionField() {
  const version = useDoc((s) => s.scenario.kernel.version ?? '');
  // Keyed by the scenario's version: an undo, a preset or a link starts the field afresh.
  return <VersionInput key={version} version={version} />;
}

function VersionInput({ version }: { version: string }) {
  const [text, setText] = useState(version);
  const [error, setError] = useState<string | null>(null);

  const apply = async () => {
    const v = text.trim();
    if (v === version) return setError(null);
    const model = v === '' ? null : modelForRelease(v);
    if (v !== '' && !model) {
      setError(`"${v}" is not a kernel release: type one such as 2.6.25 or 4.19.0-6-amd64`);
      return;
    }
    setError(null);
    await editKernelVersion(v, model);
    if (model) selectModel(model);
  };

  return (
    <label className="kernel-version" title="The kernel release whose rules apply (Enter)">
      <span>Kernel</span>
      <input
        value={text}
        placeholder="version"
        size={9}
        spellCheck={false}
        aria-invalid={error !== null}
        title={error ?? 'A release such as 2.6.25, 3.10.0-957.el7 or 6.1: its exact rules apply'}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void apply()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void apply();
          if (e.key === 'Escape') {
            setText(version);
            setError(null);
          }
        }}
        data-testid="kernel-version"
      />
      {error && (
        <span className="sr-only" role="alert" data-testid="kernel-version-error">
          {error}
        </span>
      )}
    </label>
  );
}
