/**
 * What the page opens on: the link in the address bar if it can be used; else, without a
 * link, the working scenario saved in this browser (or the default) on its story's first
 * finding. A link that cannot be used shows the default scenario, never the reader's own saved
 * one as if it were the link's: the banner says so and offers theirs in one click. The
 * fragment of a refused link stays in the address bar (and one step back in history).
 */
import { work } from '../editor/editor-store';
import { browserStorage, loadWork } from '../editor/work-storage';
import { loadScenario } from '../state/doc-store';
import { sourceFor } from '../state/scenario-source';
import { openOnStory } from '../state/story';
import { showLinkNotes, type LinkNotes } from './link-notes';
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
  if (!hadLink && stored) loadScenario(sourceFor(stored.scenario), stored.scenario, stored.model);
  // A broken link's fallback stays on step 0 of the whole machine: the link is kept in the
  // address bar until the reader moves on.
  if (!hadLink) openOnStory();
  rememberShown();
  let action: LinkNotes['action'] = null;
  if (hadLink && !opened) {
    notes.push('Showing the default scenario instead: this is not the picture the link was for.');
    if (stored)
      action = {
        label: `Show my last scenario (${sourceFor(stored.scenario).name})`,
        run: () => loadScenario(sourceFor(stored.scenario), stored.scenario, stored.model),
      };
  }
  if (saved.problem) notes.push(saved.problem);
  if (notes.length) showLinkNotes(titleFor(hadLink, opened), notes, hadLink && !opened, action);
  // The editor's logic loads after the first picture; it takes over the saved drafts.
  void work().then((m) => m.initWork(saved.work));
  syncLink();
  window.addEventListener('hashchange', () => {
    const r = followFragment(location.hash);
    if (r.notes.length)
      showLinkNotes(
        titleFor(true, r.opened),
        r.opened
          ? r.notes
          : [...r.notes, 'The picture below is the one shown before, not this link’s.'],
        !r.opened,
      );
  });
}
