/**
 * The kernel's inputs: generation, where the boot loader put the image and the initrd, what
 * the BIOS data area and MP table say, and the build-dependent sizes the rules use. 6.1 adds
 * the memblock inputs a simulator cannot derive (and the requests replayed from a log).
 */
import { useState } from 'react';
import { humanSize, MODELS, parseSize, type Problem } from '../../src-core';
import { setKernel, setOptional } from './draft-edits';
import { resolveEnd, type Draft, type KernelDraft, type MemblockDraft } from './draft';
import { edit } from './work';
import { addrReadout, Field, fieldId, Problems, Section } from './fields';

type Props = { draft: Draft; problems: readonly Problem[] };

function imageSize(k: KernelDraft): string {
  const t = parseSize(k.text);
  const e = parseSize(resolveEnd(k.text, k.end, '', []));
  return t.ok && e.ok && e.value > t.value ? `image ${humanSize(e.value - t.value)}` : '';
}

/** A kernel field: one undo step per field typed into. */
function kfield(
  draft: Draft,
  problems: readonly Problem[],
  key: keyof KernelDraft & string,
  label: string,
  extra: Partial<Parameters<typeof Field>[0]> = {},
) {
  const value = draft.kernel[key];
  return (
    <Field
      path={`kernel.${key}`}
      label={label}
      value={typeof value === 'string' ? value : ''}
      problems={problems}
      readout={addrReadout(typeof value === 'string' ? value : '')}
      onChange={(v) => edit(`edit ${label}`, `kernel.${key}`, (d) => setKernel(d, { [key]: v }))}
      {...extra}
    />
  );
}

type OptionalKey = 'initrd' | 'ebda' | 'mptable';
const OPTIONALS: { k: OptionalKey; title: string; fields: [string, string][] }[] = [
  {
    k: 'initrd',
    title: 'initrd',
    fields: [
      ['start', 'initrd start'],
      ['end', 'initrd end'],
    ],
  },
  {
    k: 'ebda',
    title: 'EBDA',
    fields: [
      ['addr', 'EBDA address'],
      ['sizeKiB', 'EBDA size (KiB)'],
    ],
  },
  {
    k: 'mptable',
    title: 'MP table',
    fields: [
      ['mpf', 'MP floating pointer'],
      ['physptr', 'MP config table'],
    ],
  },
];

/** An optional input (initrd, EBDA, MP table): a switch, then its two fields. */
function Optional(p: {
  draft: Draft;
  problems: readonly Problem[];
  k: OptionalKey;
  title: string;
  fields: [string, string][];
}) {
  const value = p.draft.kernel[p.k] as Record<string, string> | null;
  // Switching an input off and on again brings back what it held.
  const [remembered, setRemembered] = useState<KernelDraft[OptionalKey]>(null);
  const toggle = (on: boolean) => {
    if (!on) setRemembered(p.draft.kernel[p.k]);
    edit(`${on ? 'add' : 'remove'} the ${p.title}`, null, (d) =>
      setOptional(d, p.k, on ? (remembered ?? 'on') : null),
    );
  };
  return (
    <fieldset className={value ? 'optional' : 'optional off'}>
      <legend>
        <label className="check">
          <input
            type="checkbox"
            checked={value !== null}
            onChange={(e) => toggle(e.target.checked)}
          />
          {p.title}
        </label>
      </legend>
      {value &&
        p.fields.map(([f, label]) => {
          const path = `kernel.${p.k}.${f}`;
          const text = value[f] ?? '';
          return (
            <Field
              key={f}
              path={path}
              label={label}
              value={text}
              problems={p.problems}
              readout={
                f === 'sizeKiB' ? '' : addrReadout(text, f === 'end' ? value.start : undefined)
              }
              onChange={(v) =>
                edit(`edit ${p.title} ${label}`, path, (d) =>
                  setOptional(d, p.k, { ...d.kernel[p.k], [f]: v } as KernelDraft[OptionalKey]),
                )
              }
            />
          );
        })}
      <Problems problems={p.problems} path={`kernel.${p.k}`} />
    </fieldset>
  );
}

const MEMBLOCK_FIELDS: [keyof MemblockDraft & string, string, string][] = [
  ['realModeSize', 'real-mode trampoline size', 'default 0x7000'],
  ['biosStart', 'BIOS region start', 'from the EBDA'],
  ['possibleCpus', 'possible CPUs', 'default 1'],
  ['pgtBufPages', 'brk page-table buffer (pages)', 'default 16'],
];

function MemblockInputs({ draft, problems }: Props) {
  const m = draft.memblock;
  const ops = draft.kept.ops;
  return (
    <Section id="memblock" title="memblock-6.1 inputs">
      {MEMBLOCK_FIELDS.map(([key, label, placeholder]) => (
        <Field
          key={key}
          path={`kernel.memblock.${key}`}
          label={label}
          value={m[key] as string}
          placeholder={placeholder}
          problems={problems}
          readout={
            key === 'possibleCpus' || key === 'pgtBufPages' ? '' : addrReadout(m[key] as string)
          }
          onChange={(v) =>
            edit(`edit ${label}`, `memblock.${key}`, (d) => ({
              ...d,
              memblock: { ...d.memblock, [key]: v },
            }))
          }
        />
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={m.gbPages}
          onChange={(e) =>
            edit('switch 1 GiB pages', null, (d) => ({
              ...d,
              memblock: { ...d.memblock, gbPages: e.target.checked },
            }))
          }
        />
        The CPU has 1 GiB pages (the direct map uses them)
      </label>
      {ops && ops.length > 0 && (
        <p className="small">
          {ops.length} early memblock requests and reservations are replayed from a boot log.{' '}
          <button
            type="button"
            onClick={() =>
              edit('remove the replayed requests', null, (d) => ({
                ...d,
                kept: { ...d.kept, ops: [] },
              }))
            }
          >
            Remove them
          </button>
        </p>
      )}
      <Problems problems={problems} path="kernel.memblock" />
    </Section>
  );
}

export function KernelInputs({ draft, problems }: Props) {
  const k = draft.kernel;
  const show61 = draft.model === 'memblock-6.1' || draft.kept.ops !== null;
  return (
    <>
      <Section id="generation" title="Generation">
        <div className="field">
          <label htmlFor={fieldId('model')} className="field-label">
            Kernel generation (model)
          </label>
          <select
            id={fieldId('model')}
            value={draft.model}
            onChange={(e) => {
              const model = e.target.value;
              edit(`set the generation to ${model}`, null, (d) => ({ ...d, model }));
            }}
          >
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} — {m.title}
              </option>
            ))}
          </select>
        </div>
      </Section>
      <Section id="image" title="Kernel image">
        {kfield(draft, problems, 'text', '_text (physical)')}
        {kfield(draft, problems, 'end', '_end', {
          readout: imageSize(k) || addrReadout(k.end, k.text),
        })}
        {kfield(draft, problems, 'pgdatSize', 'pg_data_t size (rounded to a page)')}
      </Section>
      <Section id="loader" title="Boot loader and BIOS">
        {OPTIONALS.map((o) => (
          <Optional key={o.k} draft={draft} problems={problems} {...o} />
        ))}
      </Section>
      <Section id="sizes" title="Sizes for the “Memory:” line (optional)">
        {kfield(draft, problems, 'codeSize', 'code (_etext − _text)')}
        {kfield(draft, problems, 'dataSize', 'data (_edata − _etext)')}
        {kfield(draft, problems, 'initSize', 'init (__init_end − __init_begin)')}
      </Section>
      {show61 && <MemblockInputs draft={draft} problems={problems} />}
    </>
  );
}
