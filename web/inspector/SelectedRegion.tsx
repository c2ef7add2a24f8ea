/** The region clicked on the bar: its exact range and lifetime; `f` frames it. */
import { humanAddr, humanSize, memRange } from '../../src-core';
import { OWNER_NAMES } from '../theme/palette';
import { indexSimulation } from '../derived/sim-index';
import { regionFill } from '../theme/region-fill';
import { setStep, simOf, useDoc } from '../state/doc-store';
import { frameSelection } from '../state/navigate';
import { useView } from '../state/view-store';

export function SelectedRegion() {
  const sim = useDoc((s) => simOf(s));
  const id = useView((s) => s.selection);
  const r = sim && id !== null ? indexSimulation(sim).regionById.get(id) : undefined;
  if (!sim || !r) return null;
  return (
    <section className="selected" aria-label="Selected region" data-testid="selected">
      <div className="muted small">Selected region</div>
      <div className="tip-title">
        <span className="swatch" style={{ background: regionFill(r) }} aria-hidden />
        {r.label}
      </div>
      <code>{memRange(r.start, r.end)}</code>
      <div>
        {humanAddr(r.start)} – {humanAddr(r.end)} · {humanSize(r.end - r.start)} ·{' '}
        {OWNER_NAMES[r.owner]}
      </div>
      <div className="links">
        <button type="button" onClick={() => setStep(r.born)}>
          Created at step {r.born}
        </button>
        {r.died !== undefined && (
          <button type="button" onClick={() => setStep(r.died as number)}>
            Ended at step {r.died}
          </button>
        )}
        <button type="button" onClick={frameSelection}>
          Frame (F)
        </button>
        <button type="button" onClick={() => useView.setState({ selection: null })}>
          Clear
        </button>
      </div>
    </section>
  );
}
