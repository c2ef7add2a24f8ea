/** Importing a boot log, as test steps: the project's fixture logs, pasted or given as files. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { headerAction } from './app';
import { expect } from './fixtures';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export { corpusLog, CORPUS_SKIP, HAVE_CORPUS } from '../src-core/testing/shared-corpus';

export const oracleLog = (name: string): string =>
  readFileSync(new URL(`oracle/${name}`, FIXTURES), 'utf8');

/** Open the import dialog from the header. */
export async function openImport(page: Page): Promise<void> {
  await headerAction(page, 'import-open');
  await expect(page.getByTestId('import-dialog')).toBeVisible();
}

/** Paste text into the dialog's box and read it. */
export async function pasteLog(page: Page, text: string): Promise<void> {
  await openImport(page);
  await page.getByTestId('import-text').fill(text);
  await page.getByRole('button', { name: 'Read log' }).click();
}

/** Give the dialog a file, as "Choose file…" does. */
export async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer });
}

/** Wait for the import's result and put the log on the page. */
export async function showLog(page: Page): Promise<void> {
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('show-log').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
}
