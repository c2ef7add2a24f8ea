/** The legend: every colour the bar uses for this simulation, and the special marks. */
import { useMemo } from 'react';
import { e820TypeName } from '../../src-core';
import {
  BIT_CLEAR,
  BIT_SET,
  e820Colour,
  OWNER_COLOURS,
  OWNER_NAMES,
  zoneColour,
} from '../model/palette';
import { recordedOnly } from '../model/lanes';
import { indexSimulation } from '../model/sim-index';
import { simOf, useDoc } from '../state/doc-store';

function Item({
  colour,
  label,
  className,
}: {
  colour?: string;
  label: string;
  className?: string;
}) {
  return (
    <li>
      <span
        className={`swatch ${className ?? ''}`}
        style={colour ? { background: colour } : undefined}
        aria-hidden
      />
      {label}
    </li>
  );
}

export function Legend() {
  const sim = useDoc((s) => simOf(s));
  const si = useMemo(() => (sim ? indexSimulation(sim) : null), [sim]);
  if (!si) return null;
  const owners = si.owners.filter((o) => o !== 'numa' && o !== 'zone' && o !== 'conflict');
  return (
    <div className="legend" aria-label="Legend">
      <ul>
        {si.e820Types.map((t) => (
          <Item key={`e820-${t}`} colour={e820Colour(t)} label={`e820 ${e820TypeName(t)}`} />
        ))}
        {si.zones.map((z) => (
          <Item key={`zone-${z}`} colour={zoneColour(z)} label={z} />
        ))}
        {si.lanes.includes('bits') && (
          <>
            <Item colour={BIT_SET} label="bit set: reserved" />
            <Item colour={BIT_CLEAR} label="bit clear: free" />
          </>
        )}
        {owners.map((o) => (
          <Item key={o} colour={OWNER_COLOURS[o]} label={OWNER_NAMES[o]} />
        ))}
        {sim?.regions.some((r) => recordedOnly(r, sim.events)) && (
          <Item className="swatch-recorded" label="crashkernel recorded, not reserved" />
        )}
        {si.lanes.includes('conflict') && <Item className="swatch-conflict" label="conflict" />}
        <Item className="swatch-gap" label="collapsed gap" />
        <Item className="swatch-step" label="current step" />
      </ul>
    </div>
  );
}
