import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildStylesheet, stylesheetSourceKey } from './build-assets.js';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('buildStylesheet', () => {
  it('should give the same source key while the sources are unchanged', async () => {
    assert.equal(await stylesheetSourceKey(), await stylesheetSourceKey());
    assert.match(await stylesheetSourceKey(), /^[0-9a-f]{20}$/);
  });

  it('should read the CSS cached for the current sources instead of compiling', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'victim-care-css-'));
    dirs.push(dir);
    await writeFile(join(dir, `application-${await stylesheetSourceKey()}.css`), '.cached{}');
    const sheet = await buildStylesheet({ cacheDir: dir });
    assert.equal(sheet.fromCache, true);
    assert.equal(sheet.css, '.cached{}');
    assert.match(sheet.version, /^[0-9a-f]{12}$/);
  });

  it('should compile and cache when nothing is cached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'victim-care-css-'));
    dirs.push(dir);
    const sheet = await buildStylesheet({ cacheDir: dir });
    assert.equal(sheet.fromCache, false);
    assert.match(sheet.css, /\.govuk-button\{/);
    assert.match(sheet.css, /\.app-link-button\{/);
    assert.equal(
      await readFile(join(dir, `application-${await stylesheetSourceKey()}.css`), 'utf8'),
      sheet.css,
    );
  });
});
