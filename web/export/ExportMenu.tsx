/**
 * The Export menu: the bar as PNG (full width, or sized for a slide) or SVG, the event log as JSON or text. Each item names its
 * key; the menu closes once a file is on its way.
 */
import { useRef } from 'react';
import { runExport, type ExportKind } from './run-export';
import './export.css';

const ITEMS: { key: string; kind: ExportKind; label: string; hint: string }[] = [
  { key: 'P', kind: 'png', label: 'PNG', hint: 'the bar at this step and zoom, 2× pixels' },
  {
    key: 'I',
    kind: 'slide',
    label: 'Slide',
    hint: 'PNG for a slide: 16:9, 1920 px wide, large text, same range',
  },
  { key: 'V', kind: 'svg', label: 'SVG', hint: 'the bar at this step and zoom, vector' },
  { key: 'J', kind: 'json', label: 'JSON', hint: 'the event log: the CLI’s simulate --json' },
  { key: 'T', kind: 'text', label: 'Text', hint: 'the event log, one line per step' },
];

export function ExportMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details className="help export-menu" ref={menu} data-testid="export-menu">
      <summary>Export</summary>
      <ul aria-label="Export">
        {ITEMS.map((it) => (
          <li key={it.key}>
            <button
              type="button"
              data-testid={`export-${it.kind}`}
              title={`${it.label}: ${it.hint} (${it.key})`}
              onClick={() => {
                runExport(it.kind);
                if (menu.current) menu.current.open = false;
              }}
            >
              <b>{it.label}</b> <span className="muted">{it.hint}</span>
              <kbd>{it.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
