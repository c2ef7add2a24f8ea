import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PRESET, preset, simulate } from '../src-core';

function Placeholder() {
  const scenario = preset(DEFAULT_PRESET);
  const r = scenario ? simulate(scenario) : null;
  return (
    <main>
      <h1>bootmap</h1>
      <p data-testid="scenario">{scenario?.title}</p>
      <p data-testid="summary">{r?.ok ? r.sim.summary : r?.error}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Placeholder />
    </StrictMode>,
  );
