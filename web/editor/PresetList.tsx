/**
 * Every preset, grouped and titled, one click to load (asking first over unsaved edits).
 */
import { preset } from '../../src-core';
import { useDoc } from '../state/doc-store';
import { requestPreset } from './work';
import { PRESET_GROUPS, presetFacts } from './preset-groups';

export function PresetList() {
  const source = useDoc((s) => s.source);
  return (
    <div className="presets" data-testid="presets">
      {PRESET_GROUPS.map((g) => (
        <section key={g.title} aria-label={g.title}>
          <h3>{g.title}</h3>
          <ul>
            {g.names.map((name) => {
              const s = preset(name);
              if (!s) return null;
              const current = source.kind === 'preset' && source.name === name;
              return (
                <li key={name}>
                  <button
                    type="button"
                    className="preset"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => void requestPreset(name)}
                    data-testid={`preset-${name}`}
                  >
                    <strong>{s.title}</strong>
                    <span className="mono small muted">
                      {name} · {presetFacts(s)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
