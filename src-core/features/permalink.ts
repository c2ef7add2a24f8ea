/**
 * Permalinks: the scenario, the model, the step, the visible address window and how empty
 * stretches are drawn, in a URL fragment, so opening a link shows exactly the same picture.
 *
 * Format `#<version>.<codec>.<payload>`: version 1, or 2 for a link that opens the compare
 * view (a link is written in the oldest version that can say what it holds, so every link
 * without a comparison reads the same in older bootmaps, and a comparison is refused by them
 * with "made by a newer bootmap" instead of silently dropped); codec `j` (the compact JSON, URI-encoded)
 * or `z` (lz-string, used only when it saves at least 20 %: short links stay readable). The
 * compact JSON names a preset and lists only the fields that differ from it, with addresses in
 * bare hex. A link depends on nothing but this code: presets are part of the app, and a
 * scenario without a preset is carried whole.
 *
 * Decoding never throws. Every field is checked; the scenario goes through the same validator
 * as a scenario file. Older versions are migrated in order (MIGRATIONS); a newer version is
 * refused with a message saying so.
 */
import lz from 'lz-string';
import { MAX_PHYS } from '../base/addr';
import { preset, PRESET_NAMES } from './presets';
import { parseScenario, scenarioToJson, type Scenario } from '../input/scenario';

export const LINK_VERSION = 2;

export interface LinkState {
  scenario: Scenario;
  /** The model shown (may differ from scenario.model). */
  model: string;
  step: number;
  /** Visible address window, half-open; null for the default view. */
  window: { start: number; end: number } | null;
  /**
   * How empty stretches are drawn: collapsing off, or on with the collapsed gaps opened by hand
   * (by start address). Absent means the app's default: since the linear scale became the
   * default, a link without it opens linear (older links too, on the same window).
   */
  gaps?: { collapse: boolean; open: number[] };
  /**
   * The compare view, when open: the second run, the same scenario under another model,
   * stacked under the first on the same axis. Since version 2.
   */
  compare?: { model: string };
}

export type LinkResult = { ok: true; state: LinkState } | { ok: false; error: string };

/** Compact form, version 1. Every field optional except what differs. */
interface CompactV1 {
  /** Base preset name. */
  p?: string;
  /** Model shown, when not the scenario's own. */
  m?: string;
  s?: number;
  /** Window as "start-end" in bare hex. */
  w?: string;
  /**
   * Gaps: "-" (collapsing off), "+" (collapsing on, none opened) or the opened gaps' starts in
   * bare hex, comma-separated (collapsing on).
   */
  g?: string;
  /** Scenario fields that differ from the preset (or all of them without one). */
  x?: Record<string, unknown>;
  /** Version 2: the compare view's second model. */
  c?: string;
}

/** The longest fragment decodeLink reads: an app must not write a link longer than this. */
export const MAX_LINK = 16_384;

type Json = Record<string, unknown>;

/** Scenario JSON (canonical hex strings) minus what the preset already says. */
function diff(json: Json, base: Json | null): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(json)) {
    const b = base?.[k];
    if (k === 'machine' || k === 'kernel') {
      const sub = diff(v as Json, (b as Json | undefined) ?? null);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (v === undefined && b !== undefined)
      out[k] = null; // an optional field the preset has
    else if (JSON.stringify(v) !== JSON.stringify(b)) out[k] = v;
  }
  return out;
}

function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = base[k];
    if (v === null && typeof b === 'string') {
      delete out[k]; // an optional address the preset has and this scenario does not
      continue;
    }
    out[k] =
      (k === 'machine' || k === 'kernel') &&
      b &&
      typeof b === 'object' &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? merge(b as Json, v as Json)
        : v;
  }
  return out;
}

/**
 * Bare hex keeps links short: "0x1000000" becomes "~1000000" inside the machine and kernel
 * parts (the only places addresses live; `~` needs no escaping in a URI). Free text such as
 * the command line is never touched.
 */
function mapAddresses(x: Json, f: (s: string) => string): Json {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return f(v);
    if (depth > 4) return v;
    if (Array.isArray(v)) return v.map((y) => walk(y, depth + 1));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, y]) => [k, walk(y, depth + 1)]));
    return v;
  };
  const out: Json = { ...x };
  for (const k of ['machine', 'kernel']) if (k in out) out[k] = walk(out[k], 0);
  return out;
}
const stripHex = (x: Json) =>
  packTables(mapAddresses(x, (s) => (/^0x[0-9a-f]+$/.test(s) ? `~${s.slice(2)}` : s)));
const restoreHex = (x: Json) =>
  mapAddresses(unpackTables(x), (s) => (/^~[0-9a-f]{1,64}$/.test(s) ? `0x${s.slice(1)}` : s));

/** e820 and node tables as one string each: "~0-~9fc00:usable,…" and "0:~0-~c00000000,…". */
function packTables(x: Json): Json {
  const m = x.machine as Json | undefined;
  if (!m) return x;
  const out: Json = { ...m };
  const e820 = m.e820 as { start: string; end: string; type: string }[] | undefined;
  const nodes = m.nodes as { node: number; start: string; end: string }[] | undefined;
  if (e820) out.e820 = e820.map((e) => `${e.start}-${e.end}:${e.type}`).join(',');
  if (nodes) out.nodes = nodes.map((n) => `${n.node}:${n.start}-${n.end}`).join(',');
  return { ...x, machine: out };
}

/** The inverse; anything malformed is passed on as is, for the validator to name. */
function unpackTables(x: Json): Json {
  const m = x.machine as Json | undefined;
  if (!m || typeof m !== 'object') return x;
  const out: Json = { ...m };
  const split = (t: string) => (t === '' ? [] : t.split(','));
  if (typeof m.e820 === 'string') {
    out.e820 = split(m.e820).map((t) => {
      const r = /^([^-:,]*)-([^-:,]*):([^,]*)$/.exec(t);
      return r ? { start: r[1], end: r[2], type: r[3] } : t;
    });
  }
  if (typeof m.nodes === 'string') {
    out.nodes = split(m.nodes).map((t) => {
      const r = /^(\d{1,4}):([^-:,]*)-([^-:,]*)$/.exec(t);
      return r ? { node: Number(r[1]), start: r[2], end: r[3] } : t;
    });
  }
  return { ...x, machine: out };
}

/** The fragment (without '#') for a state. */
export function encodeLink(state: LinkState): string {
  const json = scenarioToJson(state.scenario) as Json;
  const base = PRESET_NAMES.includes(state.scenario.name)
    ? (scenarioToJson(preset(state.scenario.name) as Scenario) as Json)
    : null;
  const c: CompactV1 = {};
  if (base) c.p = state.scenario.name;
  const x = diff(json, base);
  if (Object.keys(x).length) c.x = stripHex(x);
  if (state.model !== state.scenario.model) c.m = state.model;
  if (state.step) c.s = state.step;
  if (state.window) c.w = `${state.window.start.toString(16)}-${state.window.end.toString(16)}`;
  const g = state.gaps;
  if (g && !g.collapse) c.g = '-';
  else if (g?.open.length) c.g = g.open.map((a) => a.toString(16)).join(',');
  else if (g) c.g = '+';
  if (state.compare) c.c = state.compare.model;
  const version = state.compare ? 2 : 1;
  const text = JSON.stringify(c);
  const plain = encodeURIComponent(text);
  const packed = lz.compressToEncodedURIComponent(text);
  return packed.length <= plain.length * 0.8 ? `${version}.z.${packed}` : `${version}.j.${plain}`;
}

/**
 * Upgrades from each old version to the next; index i upgrades version i+1. Version 1 had no
 * comparison: a `c` in a version-1 link was never written by bootmap and means nothing.
 */
const MIGRATIONS: ((c: Json) => Json)[] = [
  (c) => {
    const { c: _ignored, ...rest } = c;
    return rest;
  },
];

/** Parse a fragment (with or without '#'). Never throws. */
export function decodeLink(fragment: string): LinkResult {
  try {
    return decode(fragment);
  } catch (e) {
    return {
      ok: false,
      error: `the link could not be read (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}

function decode(fragment: string): LinkResult {
  const f = fragment.replace(/^#/, '');
  if (f.length > MAX_LINK)
    return {
      ok: false,
      error: `the link is ${f.length} characters long; links are at most ${MAX_LINK}`,
    };
  const m = /^(\d{1,4})\.([jz])\.(.*)$/s.exec(f);
  if (!m)
    return { ok: false, error: 'this is not a bootmap link: it should look like #1.j.… or #1.z.…' };
  const version = Number(m[1]);
  if (version > LINK_VERSION)
    return {
      ok: false,
      error: `this link was made by a newer bootmap (link format ${version}); this version reads formats 1 to ${LINK_VERSION}`,
    };
  if (version < 1) return { ok: false, error: `link format ${version} does not exist` };
  let text: string | null;
  if (m[2] === 'z') text = lz.decompressFromEncodedURIComponent(m[3] as string);
  else {
    try {
      text = decodeURIComponent(m[3] as string);
    } catch {
      text = null;
    }
  }
  if (!text)
    return {
      ok: false,
      error: 'the link is damaged: its data cannot be unpacked (was it cut short?)',
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: 'the link is damaged: its data is not valid (was it cut short or edited?)',
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, error: 'the link is damaged: its data has the wrong shape' };
  let c = raw as Json;
  for (let v = version; v < LINK_VERSION; v++) c = (MIGRATIONS[v - 1] as (c: Json) => Json)(c);
  return fromCompact(c as CompactV1);
}

function fromCompact(c: CompactV1): LinkResult {
  if (c.p !== undefined && (typeof c.p !== 'string' || !PRESET_NAMES.includes(c.p))) {
    return { ok: false, error: `the link names an unknown preset ${JSON.stringify(c.p)}` };
  }
  if (c.x !== undefined && (typeof c.x !== 'object' || c.x === null || Array.isArray(c.x)))
    return { ok: false, error: 'the link is damaged: its scenario part has the wrong shape' };
  const base = c.p ? (scenarioToJson(preset(c.p) as Scenario) as Json) : {};
  if (!c.p && !c.x) return { ok: false, error: 'the link holds no scenario' };
  const parsed = parseScenario(merge(base, restoreHex((c.x ?? {}) as Json)));
  if (!parsed.ok) {
    const first = parsed.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    return {
      ok: false,
      error: `the link's scenario is not valid: ${first.join('; ')}${parsed.problems.length > 3 ? ` (and ${parsed.problems.length - 3} more)` : ''}`,
    };
  }
  const scenario = parsed.scenario;
  if (c.m !== undefined && typeof c.m !== 'string')
    return { ok: false, error: 'the link names its model with the wrong type' };
  if (
    c.s !== undefined &&
    (typeof c.s !== 'number' || !Number.isSafeInteger(c.s) || c.s < 0 || c.s > 1_000_000)
  ) {
    return { ok: false, error: `the link's step ${JSON.stringify(c.s)} is not a step number` };
  }
  let window: LinkState['window'] = null;
  if (c.w !== undefined) {
    const w = typeof c.w === 'string' ? /^([0-9a-f]{1,14})-([0-9a-f]{1,14})$/.exec(c.w) : null;
    const start = w ? parseInt(w[1] as string, 16) : NaN;
    const end = w ? parseInt(w[2] as string, 16) : NaN;
    if (!w || !(start < end) || end > MAX_PHYS)
      return {
        ok: false,
        error: `the link's address window ${JSON.stringify(c.w)} is not a range inside the 2^52-byte address space`,
      };
    window = { start, end };
  }
  const state: LinkState = { scenario, model: c.m ?? scenario.model, step: c.s ?? 0, window };
  if (c.c !== undefined) {
    if (typeof c.c !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,63}$/.test(c.c))
      return {
        ok: false,
        error: `the link's second model for the comparison ${JSON.stringify(c.c)} is not a model id`,
      };
    state.compare = { model: c.c };
  }
  if (c.g !== undefined) {
    const list = typeof c.g === 'string' ? c.g : null;
    const open = list && list !== '-' && list !== '+' ? list.split(',') : [];
    if (list === null || open.length > 1024 || !open.every((a) => /^[0-9a-f]{1,14}$/.test(a)))
      return {
        ok: false,
        error: `the link's list of opened gaps ${JSON.stringify(c.g)} is not "-" or addresses in hex`,
      };
    state.gaps = { collapse: list !== '-', open: open.map((a) => parseInt(a, 16)) };
  }
  return { ok: true, state };
}
