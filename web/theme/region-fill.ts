/** The fill for a region on the bar, from the shared palette. */
import type { Region } from '../../src-core';
import {
  e820Colour,
  INK_ON_DARK,
  INK_ON_LIGHT,
  nodeColour,
  OWNER_COLOURS,
  zoneColour,
} from './palette';

export function regionFill(r: Region): string {
  switch (r.lane) {
    case 'e820':
      return e820Colour(r.e820Type);
    case 'node':
      return nodeColour(r.node);
    case 'zone':
      return zoneColour(r.zone);
    default:
      return OWNER_COLOURS[r.owner];
  }
}

const inks = new Map<string, string>();

/** Black or white text, whichever reads better on a hex fill. */
export function inkFor(fill: string): string {
  let ink = inks.get(fill);
  if (ink) return ink;
  const n = parseInt(fill.slice(1, 7), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  ink = 0.299 * r + 0.587 * g + 0.114 * b > 150 ? INK_ON_LIGHT : INK_ON_DARK;
  inks.set(fill, ink);
  return ink;
}
