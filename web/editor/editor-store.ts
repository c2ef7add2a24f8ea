/**
 * What the rest of the page needs to know about the editor, kept small for the first load:
 * whether the panel is open and on which tab, and whether the draft is held back (not
 * applied). The drafts, their undo history, checking and saving live in work.ts, loaded right
 * after the first picture; the functions here wait for it.
 */
import { create } from 'zustand';

export type EditorTab = 'machine' | 'kernel' | 'cmdline' | 'presets';

export interface EditorUi {
  open: boolean;
  tab: EditorTab;
  /** The draft has problems: the bar shows the last valid scenario. */
  blocked: boolean;
}

export const useEditor = create<EditorUi>(() => ({ open: false, tab: 'machine', blocked: false }));

export const setEditorOpen = (open: boolean): void => useEditor.setState({ open });
export const toggleEditor = (): void => setEditorOpen(!useEditor.getState().open);
export const showTab = (tab: EditorTab): void => useEditor.setState({ open: true, tab });

/** The editor's logic (drafts, history, checks, saving), loaded once. */
export const work = () => import('./work');

export const undoEdit = async (): Promise<boolean> => (await work()).undoEdit();
export const redoEdit = async (): Promise<boolean> => (await work()).redoEdit();

/** Ask before a load replaces unsaved edits; true when it may go ahead. */
export const confirmReplace = async (what: string, action: string): Promise<boolean> =>
  (await work()).confirmReplace(what, action);

/** Load a preset by name, asking first over unsaved edits. */
export const requestPreset = async (name: string): Promise<void> =>
  (await work()).requestPreset(name);

/** The edits are now in a copied link: a load no longer needs asking. */
/** Replace the command line as an edit of the working scenario (undoable; the advisor's "Try"). */
export const editCmdline = async (cmdline: string): Promise<void> =>
  (await work()).edit('command line', null, (d) => ({ ...d, cmdline }));
/** Set the kernel release (and the model that follows it) as an edit of the working scenario. */
export const editKernelVersion = async (version: string, model: string | null): Promise<void> =>
  (await work()).edit('kernel version', null, (d) => ({
    ...d,
    ...(model ? { model } : {}),
    kernel: { ...d.kernel, version },
  }));
export const markShared = async (): Promise<void> => (await work()).markShared();
