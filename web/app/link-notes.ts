/**
 * What went wrong with a link (or with the working scenario saved in this browser), shown in
 * a banner until dismissed: a message that vanishes after a few seconds is easily missed when
 * a whole link was refused.
 */
import { create } from 'zustand';

export interface LinkNotes {
  title: string;
  /** The link could not be used at all (as opposed to parts of it): an alert. */
  refused: boolean;
  notes: string[];
  /** One thing the reader can do about it (show their own last scenario instead). */
  action: { label: string; run: () => void } | null;
}

export const useLinkNotes = create<LinkNotes>(() => ({
  title: '',
  refused: false,
  notes: [],
  action: null,
}));

export function showLinkNotes(
  title: string,
  notes: string[],
  refused: boolean,
  action: LinkNotes['action'] = null,
): void {
  useLinkNotes.setState({ title, notes, refused, action });
}

/** A problem found later (a range applied once the bar is measured). */
export function addLinkNote(note: string): void {
  useLinkNotes.setState((s) => ({ notes: [...s.notes, note] }));
}

export const clearLinkNotes = (): void =>
  useLinkNotes.setState({ notes: [], refused: false, action: null });
