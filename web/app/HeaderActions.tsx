/**
 * The header's actions, folding into a menu when the row has no room for them: whatever
 * buttons are passed in fold together, so an action added later folds with no extra code.
 *
 * The actions take the row's remaining width. While they fit, they are laid out in a line;
 * when their natural width (measured unfolded) exceeds the room, the same elements become a
 * drop-down under a "Menu" button (the same DOM nodes: nothing remounts, test ids stay unique).
 */
import { Children, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export function HeaderActions({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const natural = useRef(0);
  const [folded, setFolded] = useState(false);
  const [open, setOpen] = useState(false);
  const count = Children.count(children);

  // A different set of actions needs measuring again, unfolded (React's "adjust state when a
  // prop changes" pattern: during render, not in an effect).
  const [measuredFor, setMeasuredFor] = useState(count);
  if (measuredFor !== count) {
    setMeasuredFor(count);
    setFolded(false);
  }

  useLayoutEffect(() => {
    const el = box.current;
    const items = list.current;
    if (!el || !items) return;
    const check = () => {
      if (!folded) natural.current = items.scrollWidth;
      const fits = natural.current <= el.clientWidth + 1;
      if (fits === folded) {
        setFolded(!fits);
        if (fits) setOpen(false);
      }
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [folded, count]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div ref={box} className={`header-actions${folded ? ' folded' : ''}${open ? ' open' : ''}`}>
      {folded && (
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="header-actions-list"
          onClick={() => setOpen(!open)}
          data-testid="header-menu"
        >
          Menu ▾
        </button>
      )}
      <div
        ref={list}
        id="header-actions-list"
        className="header-actions-list"
        // An action taken closes the menu (a <summary> only opens a sub-menu: it stays).
        onClick={(e) => {
          if (folded && (e.target as Element).closest('button')) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
