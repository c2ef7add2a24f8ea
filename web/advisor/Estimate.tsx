/**
 * "How big": the smallest crashkernel with which the simulated capture kernel boots in its
 * window and leaves its userspace what it needs, as a stacked bar of its parts beside the
 * window the command line asks for now, the distributions' tables for comparison, and ready
 * options that give both where and how big.
 */
import { useEffect, useState } from 'react';
import {
  DEFAULT_INITRD,
  hex,
  humanSize,
  parseSize,
  type Estimate as EstimateData,
  type EstimatePart,
} from '../../src-core';
import { estimateCached, peekEstimate } from '../derived/estimate-cache';
import { cmdlineSizeCached } from '../derived/advice-cache';
import { ESTIMATE_PART_COLOURS, OWNER_COLOURS } from '../theme/palette';
import { useDoc } from '../state/doc-store';
import { OptionList } from './Suggestions';

/** One colour per kind of part: the bar's owner colours where there is one. */
function colourOf(p: EstimatePart): string {
  if (p.what === 'kernel image') return OWNER_COLOURS.kernel;
  if (p.what.startsWith('struct pages')) return OWNER_COLOURS.sparse;
  if (p.what === 'page tables') return OWNER_COLOURS['page-tables'];
  if (p.what.startsWith('per-CPU')) return OWNER_COLOURS.percpu;
  if (p.what.startsWith('swiotlb')) return OWNER_COLOURS.swiotlb;
  if (p.what === 'early allocations') return OWNER_COLOURS.allocation;
  if (p.what === 'ELF core headers') return OWNER_COLOURS.kdump;
  if (p.what === 'headroom') return 'transparent';
  if (p.what.includes('initramfs')) return OWNER_COLOURS.initrd;
  if (p.what.includes('makedumpfile')) return ESTIMATE_PART_COLOURS.makedumpfile;
  return ESTIMATE_PART_COLOURS.other;
}

function StackedBar({ e, current }: { e: EstimateData; current: number | null }) {
  const total = e.parts.reduce((t, p) => t + p.bytes, 0);
  const scale = Math.max(total, current ?? 0);
  const pct = (b: number) => `${(100 * b) / scale}%`;
  return (
    <div className="estimate-bars">
      <div className="estimate-bar-row">
        <span className="estimate-bar-label">needed</span>
        <div
          className="estimate-bar"
          data-testid="estimate-bar"
          role="img"
          aria-label={`${humanSize(e.size)} needed: ${e.parts.map((p) => `${p.what} ${humanSize(p.bytes)}`).join(', ')}`}
        >
          {e.parts
            .filter((p) => p.bytes > 0)
            .map((p) => (
              <span
                key={p.what}
                className="estimate-part"
                data-part={p.what}
                style={{ width: pct(p.bytes), background: colourOf(p) }}
                title={`${p.what}: ${humanSize(p.bytes)} — ${p.why}`}
              />
            ))}
        </div>
        <span className="mono small">{humanSize(e.size)}</span>
      </div>
      {current !== null && (
        <div className="estimate-bar-row">
          <span className="estimate-bar-label">asked</span>
          <div className="estimate-bar">
            <span
              className={`estimate-window${current < e.size ? ' short' : ''}`}
              data-testid="estimate-window"
              style={{ width: pct(current) }}
              title={`the command line's crashkernel= asks for ${humanSize(current)}`}
            />
          </div>
          <span className="mono small">{humanSize(current)}</span>
        </div>
      )}
    </div>
  );
}

function Parts({ e }: { e: EstimateData }) {
  return (
    <table className="estimate-parts small" data-testid="estimate-parts">
      <tbody>
        {e.parts.map((p) => (
          <tr key={p.what} title={p.why}>
            <td>
              <span className="swatch" style={{ background: colourOf(p) }} aria-hidden />
              {p.what}
            </td>
            <td className="mono num">{humanSize(p.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Tables({ e }: { e: EstimateData }) {
  return (
    <table className="estimate-tables small" data-testid="estimate-tables">
      <thead>
        <tr>
          <th>Table (System RAM {humanSize(e.ram)})</th>
          <th>gives</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {e.tables.map((t) => (
          <tr key={t.id} title={`${t.ranges} — ${t.source}`}>
            <td>{t.title}</td>
            <td className="mono num">{t.size ? humanSize(t.size) : 'none'}</td>
            <td className={t.enough ? 'ok' : 'short'}>{t.enough ? 'enough' : 'too small'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Estimate() {
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  const [initrdText, setInitrdText] = useState('32M');
  const initrd = parseSize(initrdText, 'initramfs');
  const size = initrd.ok && initrd.value > 0 ? initrd.value : DEFAULT_INITRD;
  const [, setLanded] = useState(0);
  const r = peekEstimate(scenario, model, size);
  useEffect(() => {
    if (r) return;
    // After the "working out" line is on screen: the estimate simulates a few dozen boots.
    const t = setTimeout(() => {
      estimateCached(scenario, model, size);
      setLanded((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
  }, [r, scenario, model, size]);
  const asked = cmdlineSizeCached(scenario);
  return (
    <div className="estimate" data-testid="estimate">
      <label className="advisor-size">
        <span>kdump initramfs</span>
        <input
          value={initrdText}
          onChange={(ev) => setInitrdText(ev.target.value)}
          aria-invalid={!initrd.ok}
          aria-label="kdump initramfs size"
          spellCheck={false}
        />
        <span className="muted small">{initrd.ok ? 'the file kexec loads' : initrd.error}</span>
      </label>
      {!r ? (
        <p className="muted" role="status" data-testid="estimate-pending">
          Booting the capture kernel in windows of every size under {model}…
        </p>
      ) : !r.ok ? (
        <p className="error" role="alert" data-testid="estimate-error">
          {r.error}
        </p>
      ) : (
        <>
          <p className="advisor-question" data-testid="estimate-answer">
            The capture kernel needs <strong>crashkernel={r.estimate.size / 2 ** 20}M</strong>{' '}
            <span className="muted small">
              ({hex(r.estimate.size)}; {r.estimate.loader}, window {hex(r.estimate.window.start)})
            </span>
          </p>
          <StackedBar e={r.estimate} current={asked.ok ? asked.value : null} />
          {r.estimate.capture.sim.memory && (
            <p className="small mono">{r.estimate.capture.sim.memory.line}</p>
          )}
          <div className="estimate-cols">
            <Parts e={r.estimate} />
            <Tables e={r.estimate} />
          </div>
          <OptionList
            options={r.estimate.recommended}
            title="Where and how big:"
            testid="estimate-recommended"
            statusTestid="estimate-copy-status"
          />
          <p className="small muted">
            The timeline&apos;s last phase boots this capture kernel in the current window; the
            crashkernel lane shows what it puts where.
          </p>
        </>
      )}
    </div>
  );
}
