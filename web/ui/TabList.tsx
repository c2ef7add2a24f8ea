/**
 * A row of tabs in the WAI-ARIA pattern: the chosen tab is the one reachable with Tab, the
 * arrow keys move between tabs (and stop there, so they do not also step the timeline).
 */
import type { KeyboardEvent, ReactNode } from 'react';
import './ui.css';

export interface TabItem<T extends string> {
  id: T;
  /** The tab's text, with a count or badge after it if any. */
  title: ReactNode;
}

export function TabList<T extends string>({
  tabs,
  current,
  onSelect,
  idPrefix,
  panelId,
  label,
  className,
  testIds = false,
}: {
  tabs: readonly TabItem<T>[];
  current: T;
  onSelect: (id: T) => void;
  /** Each tab's element id is idPrefix + id (and its test id too, with `testIds`). */
  idPrefix: string;
  panelId: string;
  label: string;
  className?: string;
  testIds?: boolean;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    const i = tabs.findIndex((t) => t.id === current);
    const next = tabs[(i + d + tabs.length) % tabs.length] as TabItem<T>;
    onSelect(next.id);
    document.getElementById(idPrefix + next.id)?.focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={idPrefix + t.id}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          aria-controls={panelId}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onSelect(t.id)}
          {...(testIds ? { 'data-testid': idPrefix + t.id } : {})}
        >
          {t.title}
        </button>
      ))}
    </div>
  );
}
