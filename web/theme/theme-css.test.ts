import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DARK, LIGHT_THEME, OWNER_COLOURS } from './palette';
import { cssVar, themeCss } from './theme-css';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const cssFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? cssFiles(join(dir, e.name))
      : e.name.endsWith('.css')
        ? [join(dir, e.name)]
        : [],
  );
const stylesheets = cssFiles(webDir).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

describe('one source of colours', () => {
  it('gives the page the palette the canvas draws with, per theme', () => {
    const css = themeCss();
    expect(css).toContain(`  --bg: ${LIGHT_THEME.bg};`);
    expect(css).toContain(`  --owner-crashkernel: ${OWNER_COLOURS.crashkernel};`);
    expect(css).toMatch(
      new RegExp(`prefers-color-scheme: dark\\) \\{\\n  :root \\{\\n    --bg: ${DARK.bg};`),
    );
    expect(cssVar('accentSoft')).toBe('--accent-soft');
  });
  it('leaves no stylesheet a colour of its own, nor a variable nobody defines', () => {
    const defined = new Set(
      [themeCss(), ...stylesheets.map((s) => s.text)].flatMap((t) =>
        [...t.matchAll(/(--[a-z0-9-]+):/g)].map((m) => m[1]),
      ),
    );
    expect(stylesheets.length).toBeGreaterThan(3);
    for (const { f, text } of stylesheets) {
      expect(text.match(/#[0-9a-fA-F]{3,8}\b/g), f).toBeNull();
      const used = [...text.matchAll(/var\((--[a-z0-9-]+)/g)].map((m) => m[1]);
      expect(
        used.filter((v) => !defined.has(v)),
        f,
      ).toEqual([]);
    }
  });
});
