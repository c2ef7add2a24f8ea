/** A button whose accessible name and tooltip are the same text (icon buttons, shortcuts). */
import type { ButtonHTMLAttributes } from 'react';

export function ToolButton({
  label,
  ...rest
}: { label: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'title' | 'aria-label'>) {
  return <button type="button" aria-label={label} title={label} {...rest} />;
}
