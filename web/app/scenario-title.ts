/**
 * The scenario's title as the header shows it. A preset's title names its command line
 * ("…, crashkernel=128M@16M (…)"); once the command line is edited, that part would be stale,
 * so the title's `crashkernel=` option is replaced by the command line's own (or marked gone).
 */
const OPTION = /crashkernel=\S+/g;

/** Example: ("96 GiB, crashkernel=128M@16M (report)", "ro crashkernel=256M") → "96 GiB, crashkernel=256M (report)". */
export function titleFor(title: string, cmdline: string): string {
  const now = cmdline.match(OPTION);
  const said = title.match(OPTION);
  if (!said || (now && said.every((o) => now.includes(o)))) return title;
  // The kernel takes the last crashkernel= of the command line.
  const last = now?.[now.length - 1];
  return title.replace(OPTION, last ?? 'no crashkernel=');
}
