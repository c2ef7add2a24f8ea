/**
 * What the page opens on: the link in the address bar if it can be used; else the working
 * scenario saved in this browser; else the default. Whatever was wrong is said in the banner,
 * and the fragment of a refused link stays in the address bar (and one step back in history)
 * so it is not lost either.
 */
import { work } from '../editor/editor-store';
import { browserStorage, loadWork } from '../editor/work-storage';
import { loadScenario } from '../state/doc-store';
import { sourceFor } from '../state/scenario-source';
import { showLinkNotes } from './link-notes';
import { followFragment, rememberShown, syncLink } from './url-sync';

const titleFor = (link: boolean, opened: boolean): string =>
  !link
    ? 'Your saved work'
    : opened
      ? 'Parts of this link could not be used'
      : 'This link could not be opened';

export function openPage(): void {
  const saved = loadWork(browserStorage());
  const hadLink = location.hash.replace(/^#/, '') !== '';
  const { opened, notes } = followFragment(location.hash);
  const stored = saved.work;
  if (!opened && stored) loadScenario(sourceFor(stored.scenario), stored.scenario, stored.model);
  rememberShown();
  if (hadLink && !opened)
    notes.push(
      stored
        ? 'Showing your last working scenario instead.'
        : 'Showing the default scenario instead.',
    );
  if (saved.problem) notes.push(saved.problem);
  if (notes.length) showLinkNotes(titleFor(hadLink, opened), notes, hadLink && !opened);
  // The editor's logic loads after the first picture; it takes over the saved drafts.
  void work().then((m) => m.initWork(saved.work));
  syncLink();
  window.addEventListener('hashchange', () => {
    const r = followFragment(location.hash);
    if (r.notes.length)
      showLinkNotes(
        titleFor(true, r.opened),
        r.opened ? r.notes : [...r.notes, 'Still showing the same scenario.'],
        !r.opened,
      );
  });
}
