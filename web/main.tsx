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
const { notes, locus } = restoreFromHash(location.hash);
if (locus) {
  // The range needs the bar's width: apply it once the bar is measured.
  const off = useView.subscribe((s) => {
    if (s.width <= 0) return;
    off();
    const problem = restoreLocus(locus);
    if (problem) notify(problem);
  });
}
if (notes.length) notify(notes.join('; '));
syncHash();
document.addEventListener('keydown', onKeyDown);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
