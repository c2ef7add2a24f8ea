import { describe, expect, it } from 'vitest';
import {
  COALESCE_MS,
  HISTORY_LIMIT,
  record,
  redo,
  redoLabel,
  startHistory,
  undo,
  undoLabel,
} from './history';

describe('undo history', () => {
  it('undoes and redoes in order, and a new edit drops what could be redone', () => {
    let h = startHistory('a');
    h = record(h, 'b', 'edit b', null, 0);
    h = record(h, 'c', 'edit c', null, 10_000);
    expect(undoLabel(h)).toBe('edit c');
    h = undo(h)!;
    expect(h.present.value).toBe('b');
    expect(redoLabel(h)).toBe('edit c');
    h = undo(h)!;
    expect(h.present.value).toBe('a');
    expect(undo(h)).toBeNull();
    h = redo(h)!;
    expect(h.present.value).toBe('b');
    h = record(h, 'd', 'edit d', null, 20_000);
    expect(redo(h)).toBeNull();
    expect(undo(h)!.present.value).toBe('b');
  });
  it('makes one step of typing into one field, but not of two fields or a pause', () => {
    let h = startHistory('');
    h = record(h, 'c', 'type', 'cmdline', 1000);
    h = record(h, 'cr', 'type', 'cmdline', 1100);
    h = record(h, 'cra', 'type', 'cmdline', 1200);
    expect(h.past.map((e) => e.value)).toEqual(['']);
    h = record(h, 'cra2', 'type', 'title', 1300);
    expect(h.past.map((e) => e.value)).toEqual(['', 'cra']);
    h = record(h, 'cra23', 'type', 'title', 1300 + COALESCE_MS + 1);
    expect(h.past.map((e) => e.value)).toEqual(['', 'cra', 'cra2']);
    // After an undo, typing again starts a new step.
    h = record(undo(h)!, 'x', 'type', 'title', 99_999);
    expect(h.past.at(-1)!.value).toBe('cra2');
  });
  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, `set ${i}`);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.value).toBe(50);
  });
});
