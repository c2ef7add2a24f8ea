import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { onKeyDown } from './app/keyboard';
import { restoreFromHash, restoreLocus, syncHash } from './app/url-sync';
import { initView, wireView } from './state/navigate';
import { notify, useView } from './state/view-store';
import './styles.css';

initView();
wireView();

/** Apply a link: at start, and when the user edits the fragment in the address bar. */
function followLink(hash: string): void {
  const { notes, locus } = restoreFromHash(hash);
  if (notes.length) notify(notes.join('; '));
  if (!locus) return;
  const apply = () => {
    const problem = restoreLocus(locus);
    if (problem) notify(problem);
  };
  // The range needs the bar's width: apply it once the bar is measured.
  if (useView.getState().width > 0) return apply();
  const off = useView.subscribe((s) => {
    if (s.width <= 0) return;
    off();
    apply();
  });
}

followLink(location.hash);
syncHash();
window.addEventListener('hashchange', () => followLink(location.hash));
document.addEventListener('keydown', onKeyDown);

const root = document.getElementById('root');
if (root)
  createRoot(root, {
    // The boundary shows the message; the details go to the console as a warning.
    onCaughtError: (error, info) =>
      console.warn('bootmap: a part of the page failed to draw', error, info.componentStack),
  }).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
