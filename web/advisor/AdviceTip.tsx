/**
 * The hover card of the advisor lane: the verdict for a window starting under the pointer, the
 * interval's bases in hex, the engine's reason, and the window itself kernel-style.
 */
import { hex, humanSize, memArg, memRange, type AdviceInterval } from '../../src-core';
import { lastBase } from '../bar/draw-advice';
import { ADVICE_COLOURS } from '../theme/palette';
import { useCurrentAdvice } from '../state/advisor-store';

export function AdviceTip({ index, addr }: { index: number; addr: number }) {
  const a = useCurrentAdvice();
  const iv: AdviceInterval | undefined = a?.intervals[index];
  if (!a || !iv) return null;
  const last = lastBase(iv, a.align);
  const base = Math.min(last, Math.max(iv.start, Math.floor(addr / a.align) * a.align));
  return (
    <>
      <div className="tip-title">
        <span className="swatch" style={{ background: ADVICE_COLOURS[iv.verdict] }} aria-hidden />
        crashkernel={memArg(a.size)}@{hex(base)}: {iv.verdict}
      </div>
      <div data-testid="advice-bases">
        Bases <code>{hex(iv.start)}</code>
        {last > iv.start && (
          <>
            {' '}
            – <code>{hex(last)}</code>
          </>
        )}{' '}
        <span className="muted">(multiples of {hex(a.align)})</span>
      </div>
      <div data-testid="advice-reason">{iv.reason}</div>
      <div className="muted">
        The {humanSize(a.size)} window at {hex(base)}: <code>{memRange(base, base + a.size)}</code>
      </div>
    </>
  );
}
