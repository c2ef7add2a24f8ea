/**
 * The scenario editor panel: undo and redo, start from nothing, the verdict (applied or not),
 * and four tabs: the machine, the kernel, the command line, the presets. Loaded on first open.
 */
import type { Problem } from '../../src-core';
import { TabList } from '../ui/TabList';
import { ToolButton } from '../ui/ToolButton';
import { useDoc } from '../state/doc-store';
import { CmdlineField } from './CmdlineField';
import { draftKernel, problemsUnder } from './check-draft';
import { blankDraft } from './draft-edits';
import { E820Table } from './E820Table';
import { setEditorOpen, useEditor, type EditorTab } from './editor-store';
import { draftOf, edit, redoEdit, undoEdit, useWork } from './work';
import { EditorStatus, tabOf } from './EditorStatus';
import { Field, Section } from './fields';
import { redoLabel, undoLabel } from './history';
import { KernelInputs } from './KernelInputs';
import { MachineBuilder } from './MachineBuilder';
import { NodesTable } from './NodesTable';
import { PresetList } from './PresetList';
import './editor.css';

const TABS: { id: EditorTab; label: string }[] = [
  { id: 'machine', label: 'Machine' },
  { id: 'kernel', label: 'Kernel' },
  { id: 'cmdline', label: 'Command line' },
  { id: 'presets', label: 'Presets' },
];

function Tabs({ tab, problems }: { tab: EditorTab; problems: readonly Problem[] }) {
  const tabs = TABS.map((t) => {
    const count = problems.filter((p) => tabOf(p.path) === t.id && t.id !== 'presets').length;
    return {
      id: t.id,
      title: (
        <>
          {t.label}
          {count > 0 && (
            <span className="tab-count" aria-label={`, ${count} problem${count > 1 ? 's' : ''}`}>
              {count}
            </span>
          )}
        </>
      ),
    };
  });
  return (
    <TabList
      className="tabs"
      tabs={tabs}
      current={tab}
      onSelect={(id) => useEditor.setState({ tab: id })}
      idPrefix="tab-"
      panelId="editor-tabpanel"
      label="Parts of the scenario"
    />
  );
}

function MachinePanel({ problems }: { problems: readonly Problem[] }) {
  const draft = useWork(draftOf);
  return (
    <>
      <Section id="about" title="About">
        <Field
          path="title"
          label="Title"
          value={draft.title}
          problems={problems}
          onChange={(v) => edit('edit the title', 'title', (d) => ({ ...d, title: v }))}
        />
        <Field
          path="name"
          label="Short name"
          value={draft.name}
          problems={problems}
          readout="a preset's name keeps links short (only changes are carried)"
          onChange={(v) => edit('edit the name', 'name', (d) => ({ ...d, name: v }))}
        />
      </Section>
      <MachineBuilder empty={draft.e820.length === 0} />
      <E820Table draft={draft} problems={problemsUnder(problems, 'machine.e820')} />
      <NodesTable draft={draft} problems={problemsUnder(problems, 'machine.nodes')} />
    </>
  );
}

export function Editor() {
  const tab = useEditor((s) => s.tab);
  const history = useWork((s) => s.history);
  const check = useWork((s) => s.check);
  const storageProblem = useWork((s) => s.storageProblem);
  const model = useDoc((s) => s.model);
  const draft = history.present.value;
  const undoing = undoLabel(history);
  const redoing = redoLabel(history);
  return (
    <div className="editor">
      {/* Head, verdict and tabs stay in view while the tab scrolls. */}
      <div className="editor-top">
        <div className="editor-head">
          <h2>Scenario editor</h2>
          <ToolButton
            label={undoing ? `Undo: ${undoing} (Ctrl+Z)` : 'Nothing to undo'}
            disabled={!undoing}
            onClick={undoEdit}
            data-testid="undo"
          >
            Undo
          </ToolButton>
          <ToolButton
            label={redoing ? `Redo: ${redoing} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            disabled={!redoing}
            onClick={redoEdit}
            data-testid="redo"
          >
            Redo
          </ToolButton>
          <button
            type="button"
            title="Start from nothing: an empty e820 map, no nodes, no command line"
            onClick={() => edit('start from nothing', null, () => blankDraft(model))}
            data-testid="new-blank"
          >
            New blank
          </button>
          <ToolButton
            label="Close the editor (E)"
            className="close"
            onClick={() => {
              setEditorOpen(false);
              // The panel and its focus go away: give the focus back to the button that opens it.
              document.querySelector<HTMLElement>('[data-testid="edit-toggle"]')?.focus();
            }}
          >
            ×
          </ToolButton>
        </div>
        <EditorStatus problems={check.problems} storageProblem={storageProblem} />
        <Tabs tab={tab} problems={check.problems} />
      </div>
      <div className="tabpanel" id="editor-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'machine' && <MachinePanel problems={check.problems} />}
        {tab === 'kernel' && <KernelInputs draft={draft} problems={check.problems} />}
        {tab === 'cmdline' && (
          <CmdlineField
            cmdline={draft.cmdline}
            kernel={draftKernel(draft, model)}
            problems={check.problems}
          />
        )}
        {tab === 'presets' && <PresetList />}
      </div>
    </div>
  );
}
