/**
 * The state at the current step as text, the way kernel people read it: the memory map as
 * /proc/iomem prints it, or the allocator's own tables (memblock_dump_all, early_res, bootmem
 * bitmaps); optionally as a unified diff from another step. Copyable.
 */
import { useMemo, useState } from 'react';
import { allocatorText, formatIomem, iomemAt, unifiedDiff, type Simulation } from '../../src-core';
import { simOf, useDoc } from '../state/doc-store';
import { CopyButton } from './CopyButton';
import './text-state.css';

export const TEXT_KINDS = {
  iomem: {
    title: '/proc/iomem',
    lines: (sim: Simulation, step: number) => formatIomem(iomemAt(sim, step)),
  },
  allocator: { title: 'allocator tables', lines: allocatorText },
} as const;
export type TextKind = keyof typeof TEXT_KINDS;

/** Lines of a text view or a diff, coloured as diff -u output is read. */
export function TextLines({
  lines,
  diff,
  testId,
}: {
  lines: string[];
  diff: boolean;
  testId: string;
}) {
  return (
    <pre className={diff ? 'state-text diff' : 'state-text'} data-testid={testId}>
      {lines.map((l, i) => (
        <span
          key={i}
          className={
            !diff
              ? undefined
              : l[0] === '@'
                ? 'hunk'
                : l.startsWith('+')
                  ? 'add'
                  : l.startsWith('-')
                    ? 'del'
                    : undefined
          }
        >
          {l}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export function StateText() {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const [kind, setKind] = useState<TextKind>('iomem');
  const [diffOn, setDiffOn] = useState(false);
  const [fromText, setFromText] = useState('');
  const last = sim ? sim.events.length - 1 : 0;
  const from = fromText === '' ? Math.max(0, step - 1) : Number(fromText);
  const fromProblem =
    diffOn && !(Number.isInteger(from) && from >= 0 && from <= last)
      ? `"${fromText}" is not a step: type a number from 0 to ${last}`
      : null;
  const lines = useMemo(() => {
    if (!sim) return [];
    const t = TEXT_KINDS[kind];
    if (!diffOn || fromProblem) return t.lines(sim, step);
    return unifiedDiff(t.lines(sim, from), t.lines(sim, step), {
      a: `step ${from}`,
      b: `step ${step}`,
    });
  }, [sim, step, kind, diffOn, from, fromProblem]);
  if (!sim) return null;
  const text = lines.join('\n');
  return (
    <div className="state-text-panel" data-testid="state-text">
      <div className="text-head">
        {(Object.keys(TEXT_KINDS) as TextKind[]).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="state-text"
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {TEXT_KINDS[k].title}
          </label>
        ))}
        <label>
          <input
            type="checkbox"
            checked={diffOn}
            onChange={(e) => setDiffOn(e.target.checked)}
            data-testid="text-diff-toggle"
          />{' '}
          changes since step
        </label>
        <input
          className="step-field"
          inputMode="numeric"
          aria-label="Diff from step"
          placeholder={String(Math.max(0, step - 1))}
          value={fromText}
          onChange={(e) => setFromText(e.target.value.trim())}
          data-testid="text-diff-from"
        />
        <CopyButton text={text} what={TEXT_KINDS[kind].title} testId="state-text-copy" />
      </div>
      {fromProblem && (
        <p className="error small" role="alert">
          {fromProblem}
        </p>
      )}
      <p className="muted small">
        {diffOn && !fromProblem
          ? lines.length
            ? `diff -u of ${TEXT_KINDS[kind].title} from step ${from} to step ${step}`
            : `${TEXT_KINDS[kind].title} is the same at steps ${from} and ${step}`
          : `${TEXT_KINDS[kind].title} after step ${step}${kind === 'iomem' ? ': the kernel’s resources, with what the boot allocator holds nested inside' : ''}`}
      </p>
      <TextLines lines={lines} diff={diffOn && !fromProblem} testId="state-text-body" />
    </div>
  );
}
