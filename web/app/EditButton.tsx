/** Opens and closes the scenario editor; a dot says when edits are waiting, not applied. */
import { useEditor, toggleEditor } from '../editor/editor-store';

export function EditButton() {
  const open = useEditor((s) => s.open);
  const blocked = useEditor((s) => s.blocked);
  return (
    <button
      type="button"
      className="edit-button"
      aria-pressed={open}
      aria-controls={open ? 'editor' : undefined}
      title="Edit the scenario: machine, kernel, command line; load presets (E)"
      onClick={toggleEditor}
      data-testid="edit-toggle"
    >
      Edit
      {blocked && (
        <span className="edit-dot" data-testid="edit-blocked">
          <span className="sr-only"> (edits not applied)</span>
        </span>
      )}
    </button>
  );
}
