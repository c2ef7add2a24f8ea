/**
 * Undo and redo as a plain value: the past, the present and the future, each entry with the
 * words for its undo button. Typing into one field is one undo step, not one per key: an edit
 * with the same key as the last one, soon after it, replaces the present instead of pushing.
 */
export interface Entry<T> {
  value: T;
  /** What changed to make this entry, for "Undo <label>". */
  label: string;
}

export interface History<T> {
  past: Entry<T>[];
  present: Entry<T>;
  future: Entry<T>[];
  /** Coalescing: the key and time of the last recorded edit. */
  lastKey: string | null;
  lastAt: number;
}

/** Edits of the same field closer together than this are one undo step. */
export const COALESCE_MS = 1200;
/** Undo steps kept; the oldest go first. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(value: T, label = 'start'): History<T> => ({
  past: [],
  present: { value, label },
  future: [],
  lastKey: null,
  lastAt: 0,
});

/** Record a new present. `key` names the field being typed into (null: never coalesce). */
export function record<T>(
  h: History<T>,
  value: T,
  label: string,
  key: string | null = null,
  now = Date.now(),
): History<T> {
  const coalesce = key !== null && key === h.lastKey && now - h.lastAt < COALESCE_MS;
  return {
    past: coalesce ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT),
    present: { value, label },
    future: [],
    lastKey: key,
    lastAt: now,
  };
}

export function undo<T>(h: History<T>): History<T> | null {
  const prev = h.past[h.past.length - 1];
  if (!prev) return null;
  return {
    past: h.past.slice(0, -1),
    present: prev,
    future: [h.present, ...h.future],
    lastKey: null,
    lastAt: 0,
  };
}

export function redo<T>(h: History<T>): History<T> | null {
  const next = h.future[0];
  if (!next) return null;
  return {
    past: [...h.past, h.present],
    present: next,
    future: h.future.slice(1),
    lastKey: null,
    lastAt: 0,
  };
}

/** The label of what undo would take back (the present's), or null when there is nothing. */
export const undoLabel = <T>(h: History<T>): string | null =>
  h.past.length ? h.present.label : null;
/** The label of what redo would bring back. */
export const redoLabel = <T>(h: History<T>): string | null => h.future[0]?.label ?? null;
