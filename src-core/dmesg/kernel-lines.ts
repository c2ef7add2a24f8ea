/** The kernel's identity and command line, and how the boot ended. */
import type { Fact } from './facts';

export const KERNEL_PATTERNS = {
  version: /^Linux version (\S{1,200})/,
  loaderVersion: /^(?:Preparing to boot Linux version|Loading Linux) (\d\S{0,200})/,
  earlyCmdline: /^Command line: ?(.*)$/,
  kernelCmdline: /^Kernel command line: ?(.*)$/,
  loaderCmdline: /^command line: ?(.*)$/,
  panic: /^Kernel panic - not syncing: ?(.*)$/,
  /** probe_page_size_mask: the direct map uses 1 GiB pages (a setting, not a step). */
  gbPages: /^Using GB pages for direct mapping$/,
} as const;

const K = KERNEL_PATTERNS;

export function parseKernelLine(t: string, line: number, xen: boolean): Fact | null {
  if (xen) return null; // the hypervisor's own version and command line are not the kernel's
  const c = t.charCodeAt(0);
  if (c === 76 /* L */) {
    const v = K.version.exec(t);
    if (v) {
      const hash = t.indexOf(' #');
      const build = hash >= 0 ? t.slice(hash + 1) : null;
      return { kind: 'version', line, version: v[1] as string, build, fromLoader: false };
    }
    const l = K.loaderVersion.exec(t);
    if (l) return { kind: 'version', line, version: l[1] as string, build: null, fromLoader: true };
    return null;
  }
  if (c === 80 /* P */) {
    const l = K.loaderVersion.exec(t);
    return l
      ? { kind: 'version', line, version: l[1] as string, build: null, fromLoader: true }
      : null;
  }
  const early = K.earlyCmdline.exec(t);
  if (early)
    return { kind: 'cmdline', line, source: 'early', cmdline: (early[1] as string).trim() };
  const kernel = K.kernelCmdline.exec(t);
  if (kernel)
    return { kind: 'cmdline', line, source: 'kernel', cmdline: (kernel[1] as string).trim() };
  const loader = K.loaderCmdline.exec(t);
  if (loader)
    return { kind: 'cmdline', line, source: 'loader', cmdline: (loader[1] as string).trim() };
  const panic = K.panic.exec(t);
  if (panic) return { kind: 'panic', line, text: t };
  return null;
}
