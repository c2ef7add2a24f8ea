/**
 * Address lookup: an address or page frame typed as kernel people do (`0x1000000`, `16M`,
 * `pfn 0x1000`) gives who holds it after the current step, as `crash> kmem` lays out a page,
 * and every step that changed its owner; a change is a button to that step.
 */
import { useState, type FormEvent } from 'react';
import {
  formatOwnership,
  hex,
  LANE_ROLES,
  memRange,
  ownerHistory,
  ownersAt,
  parseAddressQuery,
  type OwnerChange,
  type Region,
} from '../../src-core';
import { setStep, simOf, useDoc } from '../state/doc-store';
import { CopyButton } from '../text-state/CopyButton';
import { TextLines } from '../text-state/StateText';
import './lookup.css';

const regionText = (r: Region) => `${LANE_ROLES[r.lane]}: ${r.label} ${memRange(r.start, r.end)}`;

function Change({ c, pfn, current }: { c: OwnerChange; pfn: number; current: boolean }) {
  const lines = [
    ...c.added.map((r) => `+ ${regionText(r)}`),
    ...c.removed.map((r) => `− ${regionText(r)}`),
    ...c.bits.map(
      (b) =>
        `bootmem bit of pfn ${hex(pfn)} on node ${b.node}: ${b.set === null ? 'gone (bitmap retired)' : b.set ? 'set' : 'cleared'}`,
    ),
  ];
  return (
    <li className={current ? 'current' : undefined}>
      <button
        type="button"
        onClick={() => setStep(c.step)}
        title={`Go to step ${c.step}`}
        data-testid={`lookup-step-${c.step}`}
      >
        step {c.step}
      </button>
      <span className="lookup-lines">
        {lines.map((l, i) => (
          <span
            key={i}
            className={l.startsWith('+') ? 'add' : l.startsWith('−') ? 'del' : undefined}
          >
            {l}
          </span>
        ))}
      </span>
    </li>
  );
}

export function Lookup() {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const q = asked === null ? null : parseAddressQuery(asked);
  const addr = q?.ok ? q.addr : null;
  // The lookup index is kept per run; the history of one address is a short walk over it.
  const history = sim && addr !== null ? ownerHistory(sim, addr) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(text);
  };
  const now = sim && q?.ok ? formatOwnership(q.addr, ownersAt(sim, q.addr, step)) : [];
  const nowText = now.join('\n');
  const lastChange = history.filter((c) => c.step <= step).at(-1)?.step;
  return (
    <div className="lookup" data-testid="lookup">
      <form onSubmit={submit} className="lookup-form">
        <label htmlFor="lookup-input">Address or pfn</label>
        <input
          id="lookup-input"
          className="mono"
          value={text}
          placeholder="0x1000000, 16M or pfn 0x1000"
          onChange={(e) => setText(e.target.value)}
          aria-invalid={q !== null && !q.ok}
          aria-describedby="lookup-error"
          data-testid="lookup-input"
        />
        <button type="submit" data-testid="lookup-go">
          Look up
        </button>
      </form>
      {q && !q.ok && (
        <p id="lookup-error" className="error" role="alert" data-testid="lookup-error">
          {q.error}
        </p>
      )}
      {q?.ok && sim && (
        <>
          <div className="text-head">
            <h3>After step {step}</h3>
            <CopyButton text={nowText} what="the owners" testId="lookup-copy" />
          </div>
          <TextLines lines={now} text={nowText} diff={false} testId="lookup-owners" />
          <h3>Every change of owner ({history.length})</h3>
          {history.length ? (
            <ol className="lookup-history" data-testid="lookup-history">
              {history.map((c) => (
                <Change key={c.step} c={c} pfn={q.pfn} current={c.step === lastChange} />
              ))}
            </ol>
          ) : (
            <p className="muted">Nothing in this boot ever covers {hex(q.addr)}.</p>
          )}
        </>
      )}
    </div>
  );
}
