/**
 * "Copy link": the permalink of what the page shows, written to the clipboard. The address
 * bar is brought up to date first, so it shows the same link. Where the browser refuses the
 * clipboard, the link is offered in a field to copy by hand.
 */
import { create } from 'zustand';
import { markShared, useEditor } from '../editor/editor-store';
import { notify } from '../state/view-store';
import { writeLink } from './url-sync';

/** A link the browser would not copy, shown for copying by hand; null when none. */
export const useCopyFallback = create<{ url: string | null }>(() => ({ url: null }));

export async function copyLink(): Promise<void> {
  const f = writeLink(true);
  if ('error' in f) return notify(f.error);
  const url = `${location.origin}${location.pathname}${location.search}#${f.fragment}`;
  const partial = useEditor.getState().blocked;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    useCopyFallback.setState({ url });
    return;
  }
  void markShared();
  notify(
    partial
      ? `Link copied (${url.length} characters). It holds the last valid scenario: your edits with problems are not in it`
      : `Link copied (${url.length} characters)`,
  );
}
