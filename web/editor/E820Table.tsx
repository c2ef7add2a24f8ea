/**
 * The firmware map as a table: add, edit, delete, move and sort rows; each row read back as
 * the kernel prints it (`[mem 0x…-0x…] usable`, with its size), and overlaps named, since the
 * kernel's sanitize gives an overlap to the larger type.
 */
import {
  E820_TYPES,
  e820TypeName,
  humanSize,
  LIMITS,
  memRange,
  parseE820Type,
  parseSize,
  type Problem,
} from '../../src-core';
import { addE820Row, setRow, sortE820 } from './draft-edits';
import { resolveEnd, type Draft, type E820Row } from './draft';
import { edit } from './work';
import { Problems, Section } from './fields';
import { CellInput, RowActions, RowDetail, TableHead } from './RowCells';

interface Parsed {
  start: number;
  end: number;
  type: number;
}

function parseRow(r: E820Row): Parsed | null {
  const s = parseSize(r.start);
  const e = parseSize(resolveEnd(r.start, r.end, '', []));
  const t = parseE820Type(r.type);
  return s.ok && e.ok && t !== null && e.value > s.value
    ? { start: s.value, end: e.value, type: t }
    : null;
}

/** Rows (1-based) this one overlaps; checked only for maps of a size people type. */
function overlaps(parsed: (Parsed | null)[], i: number): number[] {
  const me = parsed[i];
  if (!me || parsed.length > 128) return [];
  return parsed.flatMap((o, j) =>
    o && j !== i && o.start < me.end && o.end > me.start ? [j + 1] : [],
  );
}

export function E820Table({ draft, problems }: { draft: Draft; problems: readonly Problem[] }) {
  const rows = draft.e820;
  if (rows.length > LIMITS.e820Entries)
    return (
      <Section id="e820" title="Firmware memory map (e820)">
        <p className="field-error">
          This map has {rows.length} entries, more than the {LIMITS.e820Entries} a scenario may
          have: it is generated (the benchmark machine) and cannot be edited here.
        </p>
      </Section>
    );
  const parsed = rows.map(parseRow);
  const setType = (r: E820Row, i: number, type: string) =>
    edit(`edit e820 row ${i + 1} type`, null, (d) => setRow(d, 'e820', r.id, { type }));
  return (
    <Section id="e820" title="Firmware memory map (e820)">
      <p className="hint muted small">
        Addresses as 0x…, 16M or 48G; an end is exclusive and may be written +size (+92G).
      </p>
      <table className="rows e820-rows" data-testid="e820-table">
        <TableHead columns={['#', 'Start', 'End', 'Type']} />
        {rows.map((r, i) => {
          const rowPath = `machine.e820[${i}]`;
          const p = parsed[i];
          const hits = overlaps(parsed, i);
          const cell = (field: 'start' | 'end', placeholder: string) => (
            <CellInput
              table="e820"
              index={i}
              row={r}
              field={field}
              problems={problems}
              placeholder={placeholder}
            />
          );
          const types = E820_TYPES.some((t) => t.name === r.type)
            ? E820_TYPES
            : [...E820_TYPES, { type: -1, name: r.type }];
          return (
            <tbody key={r.id} data-testid="e820-row">
              <tr>
                <th scope="row" className="muted">
                  {i + 1}
                </th>
                <td>{cell('start', '0x100000')}</td>
                <td>{cell('end', '+1G')}</td>
                <td>
                  <select
                    aria-label={`e820 row ${i + 1} type`}
                    value={r.type}
                    onChange={(e) => setType(r, i, e.target.value)}
                  >
                    {types.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </td>
                <RowActions table="e820" id={r.id} index={i} count={rows.length} />
              </tr>
              <RowDetail
                rowPath={rowPath}
                columns={5}
                problems={problems}
                meaning={
                  p
                    ? `${memRange(p.start, p.end)} ${e820TypeName(p.type)} · ${humanSize(p.end - p.start)}`
                    : ''
                }
                note={
                  hits.length > 0 &&
                  `overlaps row ${hits.join(', ')}: the kernel's sanitize keeps the larger type there`
                }
              />
            </tbody>
          );
        })}
      </table>
      <Problems problems={problems} path="machine.e820" />
      <div className="table-actions">
        <button type="button" onClick={() => edit('add an e820 row', null, addE820Row)}>
          Add row
        </button>
        <button
          type="button"
          disabled={rows.length < 2}
          title="Put the rows in address order, as the kernel prints them"
          onClick={() => edit('sort the e820 map', null, sortE820)}
        >
          Sort by address
        </button>
      </div>
    </Section>
  );
}
