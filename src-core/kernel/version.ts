/**
 * Kernel releases as the `Linux version` line prints them, reduced to the upstream version
 * whose rules apply: `2.6.32-21-generic` → 2.6.32, `3.10.0-957.el7.x86_64` → 3.10 (RHEL 7),
 * `5.5.0-rc7+` → 5.5-rc7. Distribution kernels keep the distribution, since some of their
 * changes matter (RHEL's crashkernel=auto).
 */

/** [major, minor, sub]; 3.x and later have sub 0 (stable updates do not change these rules). */
export type KernelVersion = readonly [number, number, number];

export type Distro = 'rhel' | 'suse' | 'ubuntu' | 'debian' | null;

export interface KernelRelease {
  /** As given. */
  text: string;
  version: KernelVersion;
  /** `-rcN`, or null for a release. */
  rc: number | null;
  distro: Distro;
  /** RHEL's major release (`el7` → 7), when the distro is rhel. */
  rhel: number | null;
}

/** `2.6.32-21-generic` → [2, 6, 32]; `5.5.0-rc7+` → [5, 5, 0]; null when not a version. */
export function parseKernelVersion(version: string): [number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function distroOf(text: string): { distro: Distro; rhel: number | null } {
  const el = /\.el(\d{1,2})/.exec(text);
  if (el) return { distro: 'rhel', rhel: Number(el[1]) };
  if (/-(?:default|desktop|pae|xen|trace)$|\.\d+-\d+(?:\.\d+)*-(?:default|desktop)/.test(text))
    return { distro: 'suse', rhel: null };
  if (/-(?:generic|server|lowlatency|virtual|aws|kvm)(?:-pae)?$|-\d{6}-/.test(text))
    return { distro: 'ubuntu', rhel: null };
  if (/-(?:amd64|cloud-amd64|rt-amd64|686|686-pae)$/.test(text))
    return { distro: 'debian', rhel: null };
  return { distro: null, rhel: null };
}

/** A release string read, or null when it does not start with a version. */
export function parseRelease(text: string): KernelRelease | null {
  const v = parseKernelVersion(text);
  if (!v) return null;
  const rc = /-rc(\d{1,2})/.exec(text);
  // From 3.0 the third number is a stable update: the rules follow the major.minor release.
  const version: KernelVersion = v[0] >= 3 ? [v[0], v[1], 0] : v;
  return { text, version, rc: rc ? Number(rc[1]) : null, ...distroOf(text) };
}

/** Negative, zero or positive as a is older than, the same as or newer than b. */
export function compareVersions(a: KernelVersion, b: KernelVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `2.6.25` → [2, 6, 25]; for rule tables, which only hold well-formed versions. */
export function versionOf(text: string): KernelVersion {
  const v = parseKernelVersion(text);
  if (!v) throw new Error(`not a kernel version: ${text}`);
  return v;
}

/**
 * `[3, 10, 0]` → `3.10`, `[2, 6, 32]` → `2.6.32`. An `-rcN` of vX already carries what was
 * merged for vX (changes land in -rc1), so rules treat it as vX.
 */
export const formatVersion = (v: KernelVersion): string =>
  v[0] >= 3 ? `${v[0]}.${v[1]}` : `${v[0]}.${v[1]}.${v[2]}`;

/** The elixir tag of a release: `2.6.32-21-generic` → `v2.6.32`, `5.5.0-rc7+` → `v5.5-rc7`. */
export function elixirTag(version: string | null): string | null {
  const r = version === null ? null : parseRelease(version);
  if (!r) return null;
  return `v${formatVersion(r.version)}${r.rc === null ? '' : `-rc${r.rc}`}`;
}
