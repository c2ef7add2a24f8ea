/**
 * The command line, understood live: each option the simulation reads with what the kernel
 * in force makes of it (the engine reads it: understandCmdline), errors with a caret under the character the kernel stops at
 * and how to fix it, and the options the simulation does not read listed once, plainly.
 */
import {
  understandCmdline,
  type KernelInForce,
  type Problem,
  type Understood,
} from '../../src-core';
import { edit } from './work';
import { fieldId, Section } from './fields';

const id = fieldId('cmdline');

function Option({ u }: { u: Understood }) {
  if (u.error) {
    const col = u.error.at - u.start;
    return (
      <li className="understood-error" data-testid="cmdline-error">
        <pre aria-hidden="true" className="cmdline-caret">
          {u.text}
          {'\n'}
          {' '.repeat(Math.max(0, col))}^
        </pre>
        <span className="field-error">
          {u.error.message} (character {u.error.at + 1}). Fix: {u.error.fix}.
        </span>
      </li>
    );
  }
  return (
    <li data-testid="cmdline-meaning">
      <code>{u.text}</code> → {u.meaning}
      {u.note && <span className="row-note small"> ({u.note})</span>}
    </li>
  );
}

export function CmdlineField({
  cmdline,
  kernel,
  problems,
}: {
  cmdline: string;
  /** The kernel whose rules read the line: the draft's version under the model shown. */
  kernel: KernelInForce;
  problems: readonly Problem[];
}) {
  const items = understandCmdline(cmdline, kernel);
  const read = items.filter((u) => u.simulated || u.error);
  const other = items.filter((u) => !u.simulated && !u.error);
  const bad = problems.some((p) => p.path === 'cmdline');
  return (
    <Section id="cmdline" title="Kernel command line">
      <label htmlFor={id} className="sr-only">
        Kernel command line
      </label>
      <textarea
        id={id}
        className="mono cmdline"
        rows={3}
        value={cmdline}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={bad}
        aria-describedby={`${id}-understood`}
        placeholder="crashkernel=256M mem=4G memmap=64M$256M numa=off"
        onChange={(e) =>
          edit('edit the command line', 'cmdline', (d) => ({ ...d, cmdline: e.target.value }))
        }
      />
      <div id={`${id}-understood`} aria-live="polite">
        <p className="hint muted small">Understood as Linux {kernel.release} reads it:</p>
        {read.length === 0 && (
          <p className="muted small">
            No crashkernel=, mem=, memmap= or numa=off: nothing here changes the memory map.
          </p>
        )}
        <ul className="understood">
          {read.map((u) => (
            <Option key={`${u.start}:${u.text}`} u={u} />
          ))}
        </ul>
        {other.length > 0 && (
          <p className="muted small">
            Not read by the simulation: <code>{other.map((u) => u.text).join(' ')}</code>
          </p>
        )}
        {problems
          .filter((p) => p.path === 'cmdline' && !items.some((u) => u.error))
          .map((p) => (
            <p key={p.message} className="field-error">
              {p.message}
            </p>
          ))}
      </div>
    </Section>
  );
}
