/** The legend: the colours and marks the bar's picture shows now (what is in view). */
import { useMemo, type CSSProperties } from 'react';
import { legendItems, type LegendItem } from '../derived/legend-items';
import { indexSimulation } from '../derived/sim-index';
import { useCurrentAdvice } from '../state/advisor-store';
import { simOf, useDoc } from '../state/doc-store';
import { useLegendKeys } from './legend-keys';

/** A hatch in CSS: the same stripes the canvas draws over the colour (draw-lanes.ts). */
const hatch = (c: string): string =>
  `repeating-linear-gradient(135deg, ${c} 0 3px, color-mix(in srgb, ${c} 60%, #fff) 3px 5px)`;

function swatchStyle(item: LegendItem): CSSProperties | undefined {
  if (!item.colour) return undefined;
  if (item.mark === 'recorded') return { borderColor: item.colour };
  return { background: item.mark === 'hatch' ? hatch(item.colour) : item.colour };
}

function Item({ item }: { item: LegendItem }) {
  return (
    <li data-legend={item.key}>
      <span
        className={`swatch ${item.mark ? `swatch-${item.mark}` : ''}`}
        style={swatchStyle(item)}
        aria-hidden
      />
      {item.label}
    </li>
  );
}

export function Legend() {
  const sim = useDoc((s) => simOf(s));
  const advice = useCurrentAdvice() !== null;
  const keys = useLegendKeys((s) => s.keys);
  const items = useMemo(
    () => (sim ? legendItems(indexSimulation(sim), advice, keys ?? undefined) : []),
    [sim, advice, keys],
  );
  if (!sim) return null;
  return (
    <div className="legend" aria-label="Legend">
      <ul>
        {items.map((item) => (
          <Item key={item.key} item={item} />
        ))}
      </ul>
    </div>
  );
}
