/**
 * The crashkernel advisor's own state: whether it is open, and the size the user typed (null:
 * the command line's). What it advises is derived from these and the document (scenario,
 * model) through the memoised engine call, so the bar and the panel read the same advice
 * object and nothing is recomputed while stepping or zooming.
 */
import { create } from 'zustand';
import { parseSize, type Advice, type AdviceResult } from '../../src-core';
import { adviseCached, cmdlineSizeCached } from '../model/advice-cache';
import { useDoc, type DocState } from './doc-store';

export interface AdvisorState {
  open: boolean;
  /** The size as typed; null to follow the command line's crashkernel=. */
  sizeText: string | null;
}

export const useAdvisor = create<AdvisorState>(() => ({ open: false, sizeText: null }));

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

/** The advice for the document and size, or null when there is no size to advise for. */
export function adviceFor(
  doc: Pick<DocState, 'scenario' | 'model'>,
  sizeText: string | null,
): AdviceResult | null {
  const size = advisorSize(doc, sizeText);
  return size.ok ? adviseCached(doc.scenario, doc.model, size.value) : null;
}

/** The advice the bar draws now: only while the advisor is open and has an answer. */
export function currentAdvice(): Advice | null {
  const a = useAdvisor.getState();
  if (!a.open) return null;
  const r = adviceFor(useDoc.getState(), a.sizeText);
  return r?.ok ? r.advice : null;
}

/** The same, for components: re-renders when the scenario, model, size or openness change. */
export function useCurrentAdvice(): Advice | null {
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  const { open, sizeText } = useAdvisor();
  if (!open) return null;
  const r = adviceFor({ scenario, model }, sizeText);
  return r?.ok ? r.advice : null;
}

export const toggleAdvisor = (): void => useAdvisor.setState((s) => ({ open: !s.open }));

export const setAdvisorSize = (sizeText: string | null): void => useAdvisor.setState({ sizeText });
