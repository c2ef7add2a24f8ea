/**
 * What an import found, for people: the machine and the boot in a few lines, then the notes
 * the scenario rests on and the lines that looked memory-related but were not understood.
 * Every string from the log is React text, never markup.
 */
import type { ReactNode } from 'react';
import { e820TypeName, humanSize, memRange } from '../../src-core';
import type { ImportView } from './protocol';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function LogFacts({ view, steps }: { view: ImportView; steps: number }) {
  const s = view.summary;
  const brief = view.boots.find((b) => b.number === view.selected);
  return (
    <dl className="log-facts" data-testid="log-facts">
      <Fact term="Boot">
        {view.boots.length > 1 ? `boot ${view.selected} of ${view.boots.length}, ` : ''}
        {brief ? `lines ${brief.lines.start}–${brief.lines.end - 1}` : ''}
        {view.complete ? '' : ' — incomplete (no e820 map, or it stops before the zones)'}
      </Fact>
      <Fact term="Kernel">
        Linux {view.kernel.version ?? '(version not in the log)'}
        {view.kernel.arch ? ` on ${view.kernel.arch}` : ''}
      </Fact>
      <Fact term="Command line">
        {view.cmdline === null ? (
          <span className="muted">not in the log</span>
        ) : (
          <code className="wrap">{view.cmdline || '(empty)'}</code>
        )}
      </Fact>
      <Fact term="e820 map">
        {view.e820.length ? (
          <details>
            <summary>
              {plural(view.e820.length, 'entry', 'entries')}, {humanSize(s.ramBytes)} usable
            </summary>
            <ul className="mono small plain">
              {view.e820.map((e) => (
                <li key={e.start}>
                  {memRange(e.start, e.end)} {e820TypeName(e.type)}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <span className="muted">not in the log</span>
        )}
      </Fact>
      {view.e820User && (
        <Fact term="User-defined map">
          {plural(view.e820User.length, 'entry', 'entries')} (mem=, memmap=)
        </Fact>
      )}
      <Fact term="NUMA nodes">{s.nodes || <span className="muted">none shown</span>}</Fact>
      <Fact term="Zones">
        {view.zones.length ? (
          <ul className="mono small plain pre">
            {view.zones.map((z) => (
              <li key={z.zone}>
                {z.zone.padEnd(8)} {memRange(z.start, z.end)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">not in the log</span>
        )}
      </Fact>
      <Fact term="Crash kernel">
        {view.crashkernel.length ? (
          <ul className="plain">
            {view.crashkernel.map((c) => (
              <li key={c.line}>
                <span className="mono small">{c.text}</span>{' '}
                <span className="muted small">line {c.line}</span>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{s.crashkernel}</span>
        )}
      </Fact>
      {view.memoryLine && (
        <Fact term="Memory">
          <span className="mono small">{view.memoryLine}</span>
        </Fact>
      )}
      {view.panic && (
        <Fact term="Panic">
          <span className="mono small error">{view.panic}</span>
        </Fact>
      )}
      <Fact term="Read">
        {plural(s.lines, 'line')}, {plural(steps, 'step')} observed
        {s.memblockLines ? `, ${plural(s.memblockLines, 'memblock=debug line')}` : ''}
        {`, ${plural(s.unrecognized, 'line')} not understood`}
      </Fact>
      {s.normalization.length > 0 && (
        <Fact term="Capture quirks">{s.normalization.join('; ')}</Fact>
      )}
    </dl>
  );
}

export function LogNotes({ view }: { view: ImportView }) {
  const more = view.summary.unrecognized - view.unrecognized.length;
  return (
    <>
      {view.scenarioProblems.length > 0 && (
        <p className="import-warning" data-testid="scenario-problems">
          No runnable scenario: {view.scenarioProblems.join(' ')} The observed timeline can still be
          shown.
        </p>
      )}
      {view.notes.length > 0 && (
        <section aria-label="What the scenario assumes">
          <h3>What the scenario assumes</h3>
          <ul className="notes" data-testid="import-notes">
            {view.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      {view.unrecognized.length > 0 && (
        <details className="unrecognized" data-testid="unrecognized">
          <summary>
            {plural(view.summary.unrecognized, 'line')} looked memory-related but{' '}
            {view.summary.unrecognized === 1 ? 'was' : 'were'} not understood
          </summary>
          <ol className="plain mono small">
            {view.unrecognized.map((u) => (
              <li key={u.line}>
                <span className="muted">line {u.line}:</span> {u.text}
              </li>
            ))}
          </ol>
          {more > 0 && <p className="muted small">… and {plural(more, 'more line')}.</p>}
        </details>
      )}
    </>
  );
}
