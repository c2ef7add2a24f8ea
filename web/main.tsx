// The theme's variables and the page's base styles come first: features' styles build on them.
import 'virtual:theme.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { onKeyDown } from './app/keyboard';
import { openPage } from './app/startup';
import { initView, wireView } from './state/navigate';

initView();
wireView();
openPage();
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
