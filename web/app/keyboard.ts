/**
 * Keyboard: stepping (←/→ or ,/., Home/End, space), the view (+/- or W/S zoom, A/D pan,
 * 0 resets, F frames the selection, Esc clears it), the advisor (K) and exports (P, V, J, T). Keys typed into a field, and keys a focused
 * control handles itself, are left alone.
 */
import { runExport } from '../export/run-export';
import { toggleAdvisor } from '../state/advisor-store';
import { firstStep, goLast, stepBy } from '../state/doc-store';
import { frameSelection, home, panPx, zoomBy } from '../state/navigate';
import { useView } from '../state/view-store';
import { stopPlaying, togglePlay } from '../timeline/playback';

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
  Escape: () => useView.setState({ selection: null }),
  k: toggleAdvisor,
  p: () => runExport('png'),
  v: () => runExport('svg'),
  j: () => runExport('json'),
  t: () => runExport('text'),
};

export function onKeyDown(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  // A modal dialog owns the keys (Esc must close it, not clear the selection behind it).
  if (document.querySelector('dialog[open]')) return;
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
  ['Esc', 'clear the selection'],
  ['K', 'crashkernel advisor: open / close'],
  ['P / V', 'export the bar as PNG / SVG'],
  ['J / T', 'export the event log as JSON / text'],
  ['Ctrl+V', 'import a boot log from the clipboard (or drop a file)'],
  ['wheel, pinch, drag', 'zoom and pan the bar; double-click zooms in'],
];
