/**
 * "Copy link" (also the L key). When the browser refuses the clipboard, the link is shown in a
 * field, selected, to copy by hand.
 */
import { useEffect, useRef } from 'react';
import { copyLink, useCopyFallback } from './copy-link';

export function CopyLinkButton() {
  const url = useCopyFallback((s) => s.url);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (url) field.current?.select();
  }, [url]);
  return (
    <span className="copy-link">
      <button
        type="button"
        title="Copy a link to exactly this picture: scenario, model, step and view (L)"
        onClick={() => void copyLink()}
        data-testid="copy-link"
      >
        Copy link
      </button>
      {url && (
        <span className="copy-fallback" role="dialog" aria-label="Copy the link by hand">
          <label>
            <span>The browser did not allow copying: select the link and press Ctrl+C</span>
            <input ref={field} readOnly value={url} className="mono" data-testid="copy-fallback" />
          </label>
          <button type="button" onClick={() => useCopyFallback.setState({ url: null })}>
            Close
          </button>
        </span>
      )}
    </span>
  );
}
