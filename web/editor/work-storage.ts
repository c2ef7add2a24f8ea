/**
 * The working scenario in the browser's local storage, so a reload (or a bad link) loses
 * nothing: the last valid scenario and model, and the draft as typed (which may hold fields
 * that are not valid yet). Versioned; what is read back is validated like a file (the drafts
 * by work.ts, which knows their shape), and anything unreadable is dropped with a message
 * instead of breaking the start.
 */
import { MODELS, parseScenario, scenarioToJson, type Scenario } from '../../src-core';
import type { Draft } from './draft';

export const STORAGE_KEY = 'bootmap:work';
export const STORAGE_VERSION = 1;

export interface Work<D = Draft> {
  scenario: Scenario;
  model: string;
  /** The draft as typed. */
  draft: D;
  /** The draft as last loaded: edits since then are the ones a load would replace. */
  base: D;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The browser's storage, or null where it is unavailable (blocked cookies, sandboxed frames). */
export function browserStorage(): Store | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Save; returns a message when the browser refused (full, or storage blocked). */
export function saveWork(store: Store | null, w: Work): string | null {
  if (!store)
    return 'this browser keeps no local storage for bootmap: the working scenario lives only in its link';
  try {
    store.setItem(
      STORAGE_KEY,
      JSON.stringify({
        v: STORAGE_VERSION,
        scenario: scenarioToJson(w.scenario),
        model: w.model,
        draft: w.draft,
        base: w.base,
      }),
    );
    return null;
  } catch (e) {
    return `the working scenario could not be saved in this browser (${e instanceof Error ? e.message : String(e)}); copy its link to keep it`;
  }
}

export interface Loaded {
  /** The drafts are as read (unknown shape) until work.ts checks them. */
  work: Work<unknown> | null;
  /** What could not be restored, for people; null when all was well (or nothing was saved). */
  problem: string | null;
}

const damaged = (why: string): Loaded => ({
  work: null,
  problem: `the working scenario saved in this browser could not be restored (${why})`,
});

export function loadWork(store: Store | null): Loaded {
  let text: string | null;
  try {
    text = store ? store.getItem(STORAGE_KEY) : null;
  } catch {
    return damaged('the browser refused to read it');
  }
  if (text === null) return { work: null, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return damaged('it is not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return damaged('it has the wrong shape');
  const r = raw as Record<string, unknown>;
  if (typeof r.v === 'number' && r.v > STORAGE_VERSION)
    return damaged(`it was saved by a newer bootmap, format ${r.v}`);
  if (r.v !== STORAGE_VERSION) return damaged('it has no version this bootmap knows');
  const s = parseScenario(r.scenario);
  if (!s.ok) {
    const first = s.problems[0];
    return damaged(`its scenario is not valid: ${first ? `${first.path}: ${first.message}` : ''}`);
  }
  const model =
    typeof r.model === 'string' && MODELS.some((m) => m.id === r.model)
      ? r.model
      : s.scenario.model;
  return { work: { scenario: s.scenario, model, draft: r.draft, base: r.base }, problem: null };
}
