/**
 * The link: scenario, model, step and the visible range in the URL fragment (never sent to a
 * server), so a link shows the same picture. Only what differs from the default is written,
 * and a bad field is dropped with a note instead of breaking the page.
 */
export interface LinkState {
  scenario?: string;
  model?: string;
  step?: number;
  locus?: string;
}

const KEYS = ['scenario', 'model', 'step', 'locus'] as const;

/** Read a fragment such as `#scenario=seed-2.6.23&step=31&locus=0x1000000-0x111afff`. */
export function parseHash(hash: string): { link: LinkState; problems: string[] } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const link: LinkState = {};
  const problems: string[] = [];
  for (const [key, value] of params) {
    if (key === 'step') {
      if (/^\d{1,7}$/.test(value)) link.step = Number(value);
      else problems.push(`step "${value}" in the link is not a step number; showing step 0`);
    } else if (key === 'scenario' || key === 'model' || key === 'locus') {
      link[key] = value;
    } else problems.push(`"${key}" in the link is not understood and was ignored`);
  }
  return { link, problems };
}

/** The fragment for a state; fields equal to their defaults are left out. */
export function formatHash(state: LinkState, defaults: LinkState): string {
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v !== undefined && v !== defaults[k]) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `#${s}` : '';
}
