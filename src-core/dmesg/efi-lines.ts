/**
 * The EFI memory map's boot-services regions, as efi=debug prints them (efi_print_memmap):
 * `efi: mem07: [Boot Data |...] range=[0x...-0x...] (0MB)` (inclusive, 4.x on) or
 * `efi: mem03: type=4, attr=0xf, range=[0x...-0x...) (0MB)` (half-open, 3.x). setup_arch's
 * efi_reserve_boot_services memblock-reserves them before the direct map and NUMA setup, so
 * they are machine inputs: what they hold moves every later top-down allocation.
 */
import type { Range } from '../base/range';
import type { LogLine } from './types';

const NEW =
  /^efi: mem\d{1,4}: \[Boot (?:Code|Data) *\|[^\]]*\] range=\[(0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]/;
/** EFI_BOOT_SERVICES_CODE (3) and EFI_BOOT_SERVICES_DATA (4). */
const OLD =
  /^efi: mem\d{1,4}: type=[34], attr=0x[0-9a-f]{1,16}, range=\[(0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\)/;

export function efiBootServices(lines: readonly LogLine[]): Range[] {
  const out: Range[] = [];
  for (const l of lines) {
    if (l.text.charCodeAt(0) !== 101 /* e */ || !l.text.startsWith('efi: mem')) continue;
    const n = NEW.exec(l.text);
    if (n) out.push({ start: Number(n[1]), end: Number(n[2]) + 1 });
    const o = n ? null : OLD.exec(l.text);
    if (o) out.push({ start: Number(o[1]), end: Number(o[2]) });
  }
  return out;
}
