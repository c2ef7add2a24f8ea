/**
 * The state at the current step as text, the way kernel people read it: the memory map as
 * /proc/iomem prints it, or the allocator's own tables (memblock_dump_all, early_res, bootmem
 * bitmaps); optionally as a unified diff from another step. Copyable.
 */
import { useState } from 'react';
import { allocatorText, formatIomem, iomemAt, unifiedDiff, type Simulation } from '../../src-core';
import { useCurrentCompare } from '../compare/compare-runs';
import { simOf, useDoc } from '../state/doc-store';
import { CopyButton } from './CopyButton';
import { useAllocatorTable } from './use-allocator-table';
import './text-state.css';

export const TEXT_KINDS = {
  iomem: {
    title: '/proc/iomem',
    lines: (sim: Simulation, step: number) => formatIomem(iomemAt(sim, step)),
  },
  allocator: { title: 'allocator tables', lines: allocatorText },
} as const;
export type TextKind = keyof typeof TEXT_KINDS;

/**
 * Lines of a text view or a diff, coloured as diff -u output is read. Plain text is one text
 * node: /proc/iomem of the 100,000-region machine is 63,618 lines, an element each was most of
 * a step's cost with the panel open.
 */
export function TextLines({
  lines,
  text,
  diff,
  testId,
}: {
  lines: string[];
  /** The lines joined by newlines, as the caller has them for its Copy button. */
  text: string;
  diff: boolean;
  testId: string;
}) {
  if (!diff)
    return (
      <pre className="state-text" data-testid={testId}>
        {lines.length ? `${text}\n` : ''}
      </pre>
    );
  return (
    <pre className="state-text diff" data-testid={testId}>
      {lines.map((l, i) => (
        <span
          key={i}
          className={
            l[0] === '@'
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

type Show = 'step' | 'since' | 'runs';

/**
 * `active`: the panel is the one shown. A hidden panel stays mounted (its choices kept) but
 * works nothing out: the text of a 10,000-region step costs tens to hundreds of milliseconds,
 * which every step paid once the tab had been opened.
 */
export function StateText({ active }: { active: boolean }) {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const compare = useCurrentCompare();
  const runs = compare && !('error' in compare) ? compare : null;
  const [kind, setKind] = useState<TextKind>('iomem');
  const [chosen, setShow] = useState<Show>('step');
  const [fromText, setFromText] = useState('');
  // "A → B" needs the compare view; when it closes, the plain text comes back.
  const show: Show = chosen === 'runs' && !runs ? 'step' : chosen;
  const last = sim ? sim.events.length - 1 : 0;
  const from = fromText === '' ? Math.max(0, step - 1) : Number(fromText);
  const fromProblem =
    show === 'since' && !(Number.isInteger(from) && from >= 0 && from <= last)
      ? `"${fromText}" is not a step: type a number from 0 to ${last}`
      : null;
  // The allocator tables each need a model run: its worker works them out first.
  const tables = kind === 'allocator' && active && sim !== null;
  const [first, second]: [[Simulation | null, number], [Simulation | null, number]] =
    show === 'runs' && runs
      ? [
          [runs.a, runs.stepA],
          [runs.b, runs.stepB],
        ]
      : show === 'since' && !fromProblem
        ? [
            [sim, from],
            [sim, step],
          ]
        : [
            [sim, step],
            [null, 0],
          ];
  const tableA = useAllocatorTable(first[0], first[1], tables);
  const tableB = useAllocatorTable(second[0], second[1], tables);
  if (!sim || !active) return null;
  const pending = [tableA, tableB].find((t) => t.kind !== 'known');
  const t = TEXT_KINDS[kind];
  const lines = pending
    ? []
    : show === 'runs' && runs
      ? unifiedDiff(t.lines(runs.a, runs.stepA), t.lines(runs.b, runs.stepB), {
          a: `A ${runs.a.model} step ${runs.stepA}`,
          b: `B ${runs.b.model} step ${runs.stepB}`,
        })
      : show === 'since' && !fromProblem
        ? unifiedDiff(t.lines(sim, from), t.lines(sim, step), {
            a: `step ${from}`,
            b: `step ${step}`,
          })
        : t.lines(sim, step);
  const diff = show !== 'step' && !fromProblem;
  const text = lines.join('\n');
  const caption = pending
    ? pending.kind === 'failed'
      ? `The allocator tables could not be worked out: ${pending.error}`
      : `Working out the allocator tables: the model runs again up to step ${(pending === tableA ? first : second)[1]}…`
    : show === 'runs' && runs
      ? lines.length
        ? `diff -u of ${t.title}: run A (${runs.a.model}, step ${runs.stepA}) to run B (${runs.b.model}, step ${runs.stepB})`
        : `${t.title} is the same in both runs at these steps`
      : diff
        ? lines.length
          ? `diff -u of ${t.title} from step ${from} to step ${step}`
          : `${t.title} is the same at steps ${from} and ${step}`
        : `${t.title} after step ${step}${kind === 'iomem' ? ': the kernel’s resources, with what the boot allocator holds nested inside' : ''}`;
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
        <CopyButton text={text} what={diff ? 'the diff' : t.title} testId="state-text-copy" />
      </div>
      <div className="text-head">
        <label>
          <input
            type="radio"
            name="state-show"
            checked={show === 'step'}
            onChange={() => setShow('step')}
          />{' '}
          this step
        </label>
        <label>
          <input
            type="radio"
            name="state-show"
            checked={show === 'since'}
            onChange={() => setShow('since')}
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
          onChange={(e) => {
            setFromText(e.target.value.trim());
            setShow('since');
          }}
          data-testid="text-diff-from"
        />
        {runs && (
          <label>
            <input
              type="radio"
              name="state-show"
              checked={show === 'runs'}
              onChange={() => setShow('runs')}
              data-testid="text-diff-runs"
            />{' '}
            run A → run B
          </label>
        )}
      </div>
      {fromProblem && (
        <p className="error small" role="alert">
          {fromProblem}
        </p>
      )}
      <p className="muted small">{caption}</p>
      <TextLines lines={lines} text={text} diff={diff} testId="state-text-body" />
    </div>
  );
}
