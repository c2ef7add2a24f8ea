/**
 * What was wrong with the link (or the working scenario saved in this browser), until the
 * user dismisses it. Everything here is text: a link is data, never markup.
 */
import { clearLinkNotes, useLinkNotes } from './link-notes';

export function LinkBanner() {
  const { title, notes, refused, action } = useLinkNotes();
  if (notes.length === 0) return null;
  return (
    <div
      className={`link-banner${refused ? ' refused' : ''}`}
      role={refused ? 'alert' : 'status'}
      data-testid="link-banner"
    >
      <div>
        <strong>{title}</strong>
        <ul>
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </div>
      {action && (
        <button
          type="button"
          onClick={() => {
            action.run();
            clearLinkNotes();
          }}
          data-testid="link-banner-action"
        >
          {action.label}
        </button>
      )}
      <button type="button" onClick={clearLinkNotes}>
        Dismiss
      </button>
    </div>
  );
}
