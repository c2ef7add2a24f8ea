/**
 * The crashkernel advisor's own state: whether it is open, and the size the user typed (null:
 * the command line's). What it advises is derived from these and the document (scenario,
 * model) through the memoised engine call, so the bar and the panel read the same advice
 * object and nothing is recomputed while stepping or zooming.
 *
 * Paints and renders only read the memo. A missing answer is worked out in the advisor's worker
 * (the panel says so meanwhile): on a 10,000-region machine advise() takes seconds, which the
 * page's main thread must not spend.
 */
import { create } from 'zustand';
import { parseSize, type Advice, type AdviceResult } from '../../src-core';
import { runAdvisorJob } from '../advisor/advisor-client';
import { cmdlineSizeCached, peekAdvice, storeAdvice } from '../derived/advice-cache';
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

/** The advice last asked for and not yet answered; whether the worker is on a job. */
let wanted: { doc: Doc; size: number } | null = null;
let busy = false;

/**
 * Work out the advice off the main thread, then tell the readers. One job at a time, and only
 * the latest request is worked out (typing a size asks for each prefix): an older one is asked
 * for again if it is still wanted.
 */
function request(doc: Doc, size: number): void {
  const q = wanted;
  if (q && q.doc.scenario === doc.scenario && q.doc.model === doc.model && q.size === size) return;
  wanted = { doc, size };
  if (!busy) next();
}

function next(): void {
  const key = wanted;
  if (!key) return;
  busy = true;
  const { size } = key;
  const { scenario, model } = key.doc;
  void runAdvisorJob({ kind: 'advise', scenario, model, size }).then((a) => {
    busy = false;
    if (a.kind === 'advise') storeAdvice(scenario, model, size, a.result);
    if (wanted === key) wanted = null;
    else next();
    useAdvisor.setState((s) => ({ landed: s.landed + 1 }));
  });
}

/** Resolves once every advice asked for has landed (tests, and anything that must wait). */
export async function advisorIdle(): Promise<void> {
  while (busy || wanted) await new Promise((r) => setTimeout(r, 0));
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
