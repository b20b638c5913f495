// The web shell in headless Chromium: pages pass axe (WCAG 2.2 AA), the stylesheet and the ES module
// scripts load under the strict CSP with no console errors, and screenshots are saved to look at.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../../test/browser-support/axe.js';
import { chromiumAvailable, launchBrowser, newUkContext } from '../../test/browser-support/launch-browser.js';
import { saveScreenshot } from '../../test/browser-support/screenshot.js';
import { buildWebTestApp } from './web-test-app.js';

const skip = chromiumAvailable() ? false : 'Chromium is not installed';

describe('web shell in Chromium', { skip }, () => {
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let baseUrl: string;

  before(async () => {
    app = await buildWebTestApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await newUkContext(browser);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  /** Opens a page, collecting console errors, page errors, failed requests and 4xx/5xx responses. */
  async function open(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    await page.setExtraHTTPHeaders(headers);
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      // Chromium logs the error status of the page itself (a 404 page, a 400 form reply): not a problem.
      const aboutDocument =
        msg.text().startsWith('Failed to load resource') && msg.location().url === page.url();
      if (!aboutDocument) problems.push(`console ${msg.type()}: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document') {
        problems.push(`HTTP ${response.status()}: ${response.url()}`);
      }
    });
    const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
    assert.ok(response, `no response for ${path}`);
    return { page, problems };
  }

  async function expectStyledAndScripted(page: Page): Promise<void> {
    const state = (await page.evaluate(`(() => {
      const header = document.querySelector('.govuk-generic-header');
      return {
        supported: document.body.classList.contains('govuk-frontend-supported'),
        headerBackground: header ? getComputedStyle(header).backgroundColor : null,
        font: getComputedStyle(document.querySelector('h1')).fontFamily,
        skipLinkInit: document.querySelector('.govuk-skip-link')?.getAttribute('data-govuk-skip-link-init'),
        serviceNavInit: document.querySelector('.govuk-service-navigation')?.getAttribute('data-govuk-service-navigation-init'),
      };
    })()`)) as {
      supported: boolean;
      headerBackground: string | null;
      font: string;
      skipLinkInit: string | null | undefined;
      serviceNavInit: string | null | undefined;
    };
    assert.equal(state.supported, true, 'the nonce-carrying inline script did not run');
    assert.ok(
      state.headerBackground && state.headerBackground !== 'rgba(0, 0, 0, 0)',
      `header not styled: ${state.headerBackground}`,
    );
    assert.match(state.font, /arial/i);
    assert.equal(state.skipLinkInit, '', 'govuk-frontend initAll() did not run');
    assert.equal(
      state.serviceNavInit,
      '',
      'govuk-frontend initAll() did not initialise the service navigation',
    );
  }

  it('should show an accessible, styled sign-in page with working scripts', async () => {
    const { page, problems } = await open('/sign-in');
    await expectStyledAndScripted(page);
    // govuk-frontend's password input reveals its Show button once initialised
    assert.equal(await page.getByRole('button', { name: 'Show password' }).isVisible(), true);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'web-shell-sign-in');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('should show form errors accessibly after a rejected sign-in', async () => {
    const { page, problems } = await open('/sign-in');
    await page.getByLabel('Username').fill('jbloggs');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.title(), 'Error: Sign in – Victim Care – Kent Police');
    // The error summary takes focus so screen reader users hear it first
    assert.equal(
      await page.evaluate('document.activeElement?.classList.contains("govuk-error-summary")'),
      true,
    );
    assert.equal(await page.getByLabel('Username').inputValue(), 'jbloggs');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'web-shell-sign-in-errors');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('should show an accessible accessibility statement to a signed-in supervisor', async () => {
    const { page, problems } = await open('/accessibility', { 'x-test-user': 'PS Alex Smith|supervisor' });
    await expectStyledAndScripted(page);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).innerText(),
      'Accessibility statement for Victim Care',
    );
    assert.equal(await page.getByRole('link', { name: 'Team' }).isVisible(), true);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'web-shell-accessibility');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('should show accessible error pages', async () => {
    for (const [path, name] of [
      ['/no-such-page', 'web-shell-404'],
      ['/records/forbidden', 'web-shell-403'],
      ['/broken', 'web-shell-500'],
    ] as const) {
      const { page, problems } = await open(path, { 'x-test-user': 'PC Jo Bloggs|officer' });
      await expectNoAxeViolations(page);
      await saveScreenshot(page, name);
      assert.deepEqual(problems, [], path);
      await page.close();
    }
  });

  it('should collapse the navigation into a working menu button on a narrow screen', async () => {
    const narrow = await newUkContext(browser, { viewport: { width: 375, height: 700 } });
    try {
      const page = await narrow.newPage();
      await page.setExtraHTTPHeaders({ 'x-test-user': 'PS Alex Smith|supervisor' });
      await page.goto(`${baseUrl}/privacy`, { waitUntil: 'networkidle' });
      const menu = page.getByRole('button', { name: 'Menu' });
      assert.equal(await menu.isVisible(), true);
      assert.equal(await page.getByRole('link', { name: 'Team' }).isVisible(), false);
      await menu.click();
      assert.equal(await page.getByRole('link', { name: 'Team' }).isVisible(), true);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, 'web-shell-privacy-narrow');
    } finally {
      await narrow.close();
    }
  });
});
