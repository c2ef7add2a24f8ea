/**
 * The exports load on first use: nothing in them is needed to show a boot, so they stay out
 * of the bundle the page starts with.
 */
import { notify } from '../state/view-store';

export type ExportKind = 'png' | 'slide' | 'svg' | 'json' | 'text';

export function runExport(kind: ExportKind): void {
  import('./export-files').then(
    (m) =>
      ({
        png: () => m.exportPng(),
        slide: () => m.exportPng(true),
        svg: m.exportSvg,
        json: m.exportJson,
        text: m.exportText,
      })[kind](),
    (e: unknown) => notify(`The export could not be loaded: ${(e as Error).message}`),
  );
}
