/**
 * "96 GiB, 2 nodes, PCI hole at 3 GiB": the four numbers that describe most servers, turned
 * into an e820 map and node spans in one (undoable) step. Open by default on an empty map.
 */
import { useState } from 'react';
import { buildMachine, SEED_SPEC, type MachineSpec } from './builders';
import { edit } from './work';

const FIELDS: { key: keyof MachineSpec; label: string; hint: string }[] = [
  { key: 'top', label: 'Top of RAM', hint: 'RAM runs from 0 to here, less the hole' },
  { key: 'nodes', label: 'NUMA nodes', hint: 'split evenly on 128 MiB boundaries' },
  { key: 'holeStart', label: 'PCI hole at', hint: 'where RAM stops below 4 GiB' },
  { key: 'holeSize', label: 'Hole size', hint: 'RAM resumes above the hole' },
];

export function MachineBuilder({ empty }: { empty: boolean }) {
  const [spec, setSpec] = useState<MachineSpec>(SEED_SPEC);
  const [problems, setProblems] = useState<Partial<Record<keyof MachineSpec, string>>>({});
  const build = () => {
    const r = buildMachine(spec);
    if (!r.ok) return setProblems(r.problems);
    setProblems({});
    edit(`build ${spec.top}, ${spec.nodes} nodes, hole at ${spec.holeStart}`, null, (d) => ({
      ...d,
      e820: r.e820,
      nodes: r.nodes,
      kept: { ...d.kept, srat: null },
    }));
  };
  return (
    <details className="builder" open={empty}>
      <summary>Quick builder: RAM, nodes and the PCI hole</summary>
      <form
        className="builder-form"
        onSubmit={(e) => {
          e.preventDefault();
          build();
        }}
      >
        {FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`build-${f.key}`} className="field-label">
              {f.label}
            </label>
            <input
              id={`build-${f.key}`}
              className="mono"
              value={spec[f.key]}
              spellCheck={false}
              aria-invalid={problems[f.key] !== undefined}
              aria-describedby={`build-${f.key}-hint`}
              onChange={(e) => setSpec({ ...spec, [f.key]: e.target.value })}
            />
            <span
              id={`build-${f.key}-hint`}
              className={problems[f.key] ? 'field-error' : 'muted small'}
            >
              {problems[f.key] ?? f.hint}
            </span>
          </div>
        ))}
        <p className="builder-go">
          <button type="submit" data-testid="build-machine">
            Build the map and nodes
          </button>
          <span className="muted small">
            Replaces the e820 map and the nodes. With 96G, 2, 3G and 1G it is the seed&apos;s map.
          </span>
        </p>
      </form>
    </details>
  );
}
