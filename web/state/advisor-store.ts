/**
 * The crashkernel advisor's own state: whether it is open, and the size the user typed (null:
 * the command line's). What it advises is derived from these and the document (scenario,
 * model) through the memoised engine call, so the bar and the panel read the same advice
 * object and nothing is recomputed while stepping or zooming.
 *
 * Paints and renders only read the memo. A missing answer is worked out in a task of its own
 * right after (the panel says so meanwhile): on a 10,000-region machine advise() takes a
 * second, and a click or a keystroke must show its effect before that.
 */
import { create } from 'zustand';
import { parseSize, type Advice, type AdviceResult } from '../../src-core';
import { adviseCached, cmdlineSizeCached, peekAdvice } from '../model/advice-cache';
import { useDoc, type DocState } from './doc-store';

export interface AdvisorState {
  open: boolean;
  /** The size as typed; null to follow the command line's crashkernel=. */
  sizeText: string | null;
  /** Counts answers that landed, so that readers of the memo look again. */
  landed: number;
}

export const useAdvisor = create<AdvisorState>(() => ({ open: false, sizeText: null, landed: 0 }));

export type AdvisorSize =
  | { ok: true; value: number; fromCmdline: boolean }
  | { ok: false; error: string; fromCmdline: boolean };

/** The size to advise for: what was typed, else the command line's. */
export function advisorSize(doc: Pick<DocState, 'scenario'>, sizeText: string | null): AdvisorSize {
  if (sizeText === null) {
    const r = cmdlineSizeCached(doc.scenario);
    return r.ok
      ? { ok: true, value: r.value, fromCmdline: true }
      : { ok: false, error: `${r.error}: type a size`, fromCmdline: true };
  }
  const r = parseSize(sizeText, 'size');
  if (r.ok && r.value === 0)
    return {
      ok: false,
      error: 'size 0: a crashkernel needs at least one page',
      fromCmdline: false,
    };
  return { ...r, fromCmdline: false };
}

type Doc = Pick<DocState, 'scenario' | 'model'>;

let queued: { doc: Doc; size: number } | null = null;

/** After the next frame is on screen (so "working out" shows first), where there are frames. */
const afterPaint = (f: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(f, 0));
  else setTimeout(f, 0);
};

/** Work out the advice in a task of its own, then tell the readers. */
function request(doc: Doc, size: number): void {
  const q = queued;
  if (q && q.doc.scenario === doc.scenario && q.doc.model === doc.model && q.size === size) return;
  const key = { doc, size };
  queued = key;
  afterPaint(() => {
    // Only the latest request is worked out; an older one is asked for again if still wanted.
    if (queued !== key) return;
    queued = null;
    adviseCached(doc.scenario, doc.model, size);
    useAdvisor.setState((s) => ({ landed: s.landed + 1 }));
  });
}

/**
 * The advice for the document and size: the result, 'pending' while it is being worked out,
 * or null when there is no size to advise for.
 */
export function adviceFor(doc: Doc, sizeText: string | null): AdviceResult | 'pending' | null {
  const size = advisorSize(doc, sizeText);
  if (!size.ok) return null;
  const r = peekAdvice(doc.scenario, doc.model, size.value);
  if (r) return r;
  request(doc, size.value);
  return 'pending';
}

const drawn = (r: ReturnType<typeof adviceFor>): Advice | null =>
  r !== null && r !== 'pending' && r.ok ? r.advice : null;

/** The advice the bar draws now: only while the advisor is open and has an answer. */
export function currentAdvice(): Advice | null {
  const a = useAdvisor.getState();
  return a.open ? drawn(adviceFor(useDoc.getState(), a.sizeText)) : null;
}

/** The same, for components: re-renders when the scenario, model, size or answer change. */
export function useCurrentAdvice(): Advice | null {
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  const { open, sizeText } = useAdvisor();
  return open ? drawn(adviceFor({ scenario, model }, sizeText)) : null;
}

export const toggleAdvisor = (): void => useAdvisor.setState((s) => ({ open: !s.open }));

export const setAdvisorSize = (sizeText: string | null): void => useAdvisor.setState({ sizeText });
