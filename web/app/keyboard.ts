/**
 * Keyboard: stepping (←/→ or ,/., Home/End, space), the view (+/- or W/S zoom, A/D pan,
 * 0 resets, F frames the selection, Esc clears it), the advisor (K), exports (P, V, J, T),
 * L copies the link, E opens the editor, Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) undo and
 * redo scenario edits. Keys typed into a field, and keys a focused control handles itself,
 * are left alone.
 */
import { nextFinding } from '../state/story';
import { redoEdit, toggleEditor, undoEdit } from '../editor/editor-store';
import { runExport } from '../export/run-export';
import { toggleAdvisor } from '../state/advisor-store';
import { firstStep, goLast, stepBy } from '../state/doc-store';
import { frameSelection, home, panPx, zoomBy } from '../state/navigate';
import { notify, useView } from '../state/view-store';
import { stopPlaying, togglePlay } from '../timeline/playback';
import { copyLink } from './copy-link';

const ZOOM = 1.5;

function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    // A focused scrubber steps with the arrow keys by itself; checkboxes only take space.
    return type === 'checkbox' ? key === ' ' : true;
  }
  return (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && (key === ' ' || key === 'Enter');
}

const step = (f: () => void) => () => {
  stopPlaying();
  f();
};

const BINDINGS: Record<string, () => void> = {
  ArrowLeft: step(() => stepBy(-1)),
  ',': step(() => stepBy(-1)),
  ArrowRight: step(() => stepBy(1)),
  '.': step(() => stepBy(1)),
  Home: step(firstStep),
  End: step(goLast),
  ' ': togglePlay,
  '+': () => zoomBy(ZOOM),
  '=': () => zoomBy(ZOOM),
  w: () => zoomBy(ZOOM),
  '-': () => zoomBy(1 / ZOOM),
  s: () => zoomBy(1 / ZOOM),
  a: () => panPx(-useView.getState().width / 4),
  d: () => panPx(useView.getState().width / 4),
  '0': home,
  f: frameSelection,
  n: nextFinding,
  l: () => void copyLink(),
  e: toggleEditor,
  Escape: () => useView.setState({ selection: null }),
  k: toggleAdvisor,
  p: () => runExport('png'),
  i: () => runExport('slide'),
  v: () => runExport('svg'),
  j: () => runExport('json'),
  t: () => runExport('text'),
};

/** Fields where the browser's own undo applies to the text being typed. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return (
    target.tagName === 'INPUT' &&
    !['checkbox', 'radio', 'range', 'button'].includes((target as HTMLInputElement).type)
  );
}

/** Ctrl/Cmd+Z undoes an edit of the scenario, Shift+Ctrl/Cmd+Z or Ctrl+Y redoes it. */
function undoKey(e: KeyboardEvent): boolean {
  const key = e.key.toLowerCase();
  if (!(e.ctrlKey || e.metaKey) || e.altKey || (key !== 'z' && key !== 'y') || typing(e.target))
    return false;
  e.preventDefault();
  const redo = key === 'y' || e.shiftKey;
  void (redo ? redoEdit() : undoEdit()).then(
    (done) => done || notify(redo ? 'Nothing to redo' : 'Nothing to undo'),
  );
  return true;
}

export function onKeyDown(e: KeyboardEvent): void {
  // A modal dialog answers its own keys (Esc must close it); the page behind it must not move.
  if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
  if (e.target instanceof Element && e.target.closest('dialog')) return;
  if (undoKey(e) || e.ctrlKey || e.metaKey || e.altKey) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const action = BINDINGS[key];
  if (!action || ownsKey(e.target, e.key)) return;
  e.preventDefault();
  action();
}

export const SHORTCUTS: [string, string][] = [
  ['← / ,', 'previous step'],
  ['→ / .', 'next step'],
  ['Home / End', 'first / last step'],
  ['Space', 'play / pause'],
  ['+ / W', 'zoom in'],
  ['- / S', 'zoom out'],
  ['A / D', 'pan left / right'],
  ['0', 'whole machine'],
  ['F', 'frame the selection (or the step)'],
  ['N', 'next finding: its step, its range framed'],
  ['Esc', 'clear the selection'],
  ['L', 'copy a link to this picture'],
  ['E', 'open or close the scenario editor'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo an edit of the scenario (Ctrl+Y redoes too)'],
  ['K', 'crashkernel advisor: open / close'],
  ['P / V', 'export the bar as PNG / SVG'],
  ['I', 'export the bar as a PNG for a slide (16:9, large text)'],
  ['J / T', 'export the event log as JSON / text'],
  ['Ctrl+V', 'import a boot log from the clipboard (or drop a file)'],
  ['wheel, pinch, drag', 'zoom and pan the bar; double-click zooms in'],
];
