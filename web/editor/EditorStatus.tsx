/**
 * The editor's verdict, always in view: applied, or not applied (the bar keeps the last valid
 * scenario) with each problem as a button that opens its tab and focuses its field.
 */
import type { Problem } from '../../src-core';
import { useDoc } from '../state/doc-store';
import type { Source } from '../state/scenario-source';
import { showTab, useEditor, type EditorTab } from './editor-store';
import { fieldId } from './fields';

export const tabOf = (path: string): EditorTab =>
  path.startsWith('kernel') || path === 'model'
    ? 'kernel'
    : path === 'cmdline'
      ? 'cmdline'
      : 'machine';

/** Words for a path: `machine.e820[3].end` → "e820 row 4 end". */
export function placeOf(path: string): string {
  const row = /^machine\.(e820|nodes)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (row)
    return `${row[1] === 'e820' ? 'e820' : 'node'} row ${Number(row[2]) + 1}${row[3] ? ` ${row[3]}` : ''}`;
  if (path === 'machine.e820') return 'e820 map';
  if (path === 'machine.nodes') return 'NUMA nodes';
  if (path === 'cmdline') return 'command line';
  return path.replace(/^kernel\./, '');
}

/** Focus the field of a problem (or the nearest thing that shows it). */
function focusProblem(path: string): void {
  showTab(tabOf(path));
  requestAnimationFrame(() => {
    const el =
      document.getElementById(fieldId(path)) ??
      document.getElementById(fieldId(`${path}.start`)) ??
      document.getElementById(`${path.startsWith('machine.nodes') ? 'nodes' : 'e820'}-h`);
    el?.focus();
  });
}

/** Where the shown scenario comes from, in words. */
function origin(source: Source): string {
  if (source.kind === 'preset') return `The preset ${source.name}, as it comes.`;
  if (source.kind === 'file') return `From the file ${source.name}.`;
  const edited = / \(edited\)$/.exec(source.name);
  return edited
    ? `Edited from the preset ${source.name.slice(0, edited.index)}.`
    : `The scenario “${source.name}”.`;
}

/** The verdict in a box of fixed height: the fields below never move as it changes. */
export function EditorStatus({
  problems,
  storageProblem,
}: {
  problems: readonly Problem[];
  storageProblem: string | null;
}) {
  const source = useDoc((s) => s.source);
  // Problems in a scenario shown as loaded (a generated machine over the limits) hold nothing back.
  const held = useEditor((s) => s.blocked);
  return (
    <div className="editor-status" role="status" data-testid="editor-status">
      {problems.length === 0 ? (
        <div className="applied">
          <p>
            <strong>Applied</strong>: the bar shows this scenario.
          </p>
          <p className="muted small">{origin(source)}</p>
          <p className="muted small">
            {storageProblem ??
              'Kept in this browser as you type; Copy link (L) shares exactly this picture.'}
          </p>
        </div>
      ) : (
        <div className="not-applied" data-testid="not-applied">
          {held ? (
            <p>
              <strong>Not applied</strong>: the bar still shows the last valid scenario. Fix{' '}
              {problems.length === 1 ? 'this problem' : `these ${problems.length} problems`}:
            </p>
          ) : (
            <p>
              <strong>Shown as loaded</strong>, but beyond what the editor accepts: edits to it
              cannot be applied.
            </p>
          )}
          <ul>
            {problems.slice(0, 6).map((p, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => focusProblem(p.path)}>
                  {placeOf(p.path)}
                </button>
                : {p.message}
              </li>
            ))}
            {problems.length > 6 && <li>… and {problems.length - 6} more</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
