// Full-page screenshots for looking at, saved to test-artifacts/screenshots/NAME.png (git-ignored).
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-artifacts',
  'screenshots',
);

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^a-z0-9._-]+/gi, '-');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
