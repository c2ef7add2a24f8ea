/**
 * The page's colour variables, generated from the palette so that CSS, the canvas and the SVG
 * export share one table: `--bg`, `--muted` ... per theme (dark under prefers-color-scheme),
 * `--owner-crashkernel` ... for the owners, `--compare-a` ... for the fixed colours. Served as
 * the stylesheet `virtual:theme.css` by the build (vite.config.ts).
 */
// With its extension: vite.config.ts imports this file, and Vite loads its config natively.
import { DARK_THEME, FIXED_COLOURS, LIGHT_THEME, OWNER_COLOURS, type Theme } from './palette.ts';

/** `accentSoft` → `--accent-soft`. */
export const cssVar = (key: string): string =>
  `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const declarations = (colours: Record<string, string>, indent: string): string =>
  Object.entries(colours)
    .map(([k, v]) => `${indent}${cssVar(k)}: ${v};`)
    .join('\n');

const owners = (): Record<string, string> =>
  Object.fromEntries(Object.entries(OWNER_COLOURS).map(([k, v]) => [`owner-${k}`, v]));

export function themeCss(): string {
  const light: Record<string, string> = { ...LIGHT_THEME, ...FIXED_COLOURS, ...owners() };
  const dark: Record<keyof Theme, string> = DARK_THEME;
  return [
    '/* Generated from web/theme/palette.ts (theme-css.ts): edit the colours there. */',
    `:root {\n${declarations(light, '  ')}\n}`,
    `@media (prefers-color-scheme: dark) {\n  :root {\n${declarations(dark, '    ')}\n  }\n}`,
    '',
  ].join('\n');
}
