// The admin journey in headless Chromium against the real server (buildServer over a fresh PGlite with a
// small demo force): an administrator signs in, checks the status, creates an account (after a rejected
// first try), issues an API token (the secret shown once) and revokes it, adds a bank holiday, creates a
// team, and looks up who viewed an investigation an officer opened; an officer gets the 403 page. Every
// page visited passes axe (WCAG 2.2 AA); screenshots go to test-artifacts/screenshots/admin-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../../test/browser-support/axe.js';
import { startDemoServer, signIn, type DemoServer } from '../../test/browser-support/demo-server.js';
import { chromiumAvailable, launchBrowser, newUkContext } from '../../test/browser-support/launch-browser.js';
import { saveScreenshot } from '../../test/browser-support/screenshot.js';
import { actorOf } from '../services/auth.service.js';
import { createRepositories } from '../store/repositories.js';

const skip = chromiumAvailable() ? false : 'Chromium is not installed';

describe('admin journey in Chromium', { skip, concurrency: false }, () => {
  let server: DemoServer;
  let browser: Browser;
  let viewed: { id: string; urn: string; officer: string };

  before(async () => {
    server = await startDemoServer({ investigations: 6 });
    browser = await launchBrowser();
    // An officer opens one of their investigations, giving a reason: that is what the admin will find.
    const repos = createRepositories(server.database.db);
    const admin = actorOf((await repos.users.getByUsername('admin'))!);
    const found = await server.services.cases.search(admin, { limit: 20 });
    const inv = found.items.find((i) => !i.restricted && i.officerInChargeId)!;
    const officer = (await repos.users.getById(inv.officerInChargeId!))!;
    await server.services.cases.getCase(actorOf(officer), inv.id, 'updating the victim after arrest');
    viewed = { id: inv.id, urn: inv.urn, officer: officer.displayName };
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function session(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newUkContext(browser);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, username);
    return { context, page };
  }

  async function check(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await saveScreenshot(page, name);
  }

  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
  }

  it('should let an administrator manage accounts, tokens, bank holidays and teams and find who viewed a case', async () => {
    const { context, page } = await session('admin');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForLoadState('networkidle');
    assert.match(page.url(), /\/admin$/);
    await check(page, 'admin-home');
    await page.getByRole('link', { name: /Verify now/ }).click();
    await page.waitForLoadState('networkidle');
    assert.match(await page.locator('main').innerText(), /intact|verified/i);
    await page.goBack();
    await page.waitForLoadState('networkidle');

    // Accounts: a rejected form keeps what was typed, then the account is created.
    await page.getByRole('link', { name: 'Accounts', exact: true }).first().click();
    await page.waitForLoadState('networkidle');
    await check(page, 'admin-users');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Username').fill('r.okafor');
    await page.getByLabel('Full name').fill('DC Rita Okafor');
    await page.getByLabel('Investigating officer').check();
    await page.getByLabel('Team').selectOption({ label: 'Maidstone CID (MAID-CID)' });
    await page.getByLabel('Initial password').fill('short');
    await submit(page, 'Create account');
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /Password must be at least 12 characters/);
    assert.equal(await page.getByLabel('Full name').inputValue(), 'DC Rita Okafor');
    assert.equal(await page.getByLabel('Initial password').inputValue(), '');
    await check(page, 'admin-user-new-errors');
    await page.getByLabel('Initial password').fill('maidstone-cid-spring-2026');
    await submit(page, 'Create account');
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Account created for DC Rita Okafor \(r.okafor\)/,
    );
    const row = page.locator('[data-qa="user-row"][data-username="r.okafor"]');
    assert.match(await row.innerText(), /Investigating officer\s+Maidstone CID\s+Active/);
    await check(page, 'admin-users-created');

    // API tokens: issued for the new account, the secret shown once, then revoked.
    await row.getByRole('link', { name: /Issue API token/ }).click();
    await page.waitForLoadState('networkidle');
    assert.match(await page.getByLabel('Account').locator('option:checked').innerText(), /DC Rita Okafor/);
    await page.getByLabel('Name').fill('Case file sync');
    await check(page, 'admin-token-new');
    await submit(page, 'Issue token');
    const secret = await page.locator('[data-qa="token-secret"]').inputValue();
    assert.match(secret, /^vc_/);
    assert.match(await page.locator('.govuk-warning-text').innerText(), /shown only this once/);
    await check(page, 'admin-token-issued');
    const api = await page.request.get(`${server.baseUrl}/api/v1/worklists/mine`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(api.status(), 200, 'the token signs in as the new officer');
    await page.getByRole('link', { name: 'Back to API tokens' }).click();
    await page.waitForLoadState('networkidle');
    assert.equal((await page.content()).includes(secret), false, 'the list never shows the secret');
    await check(page, 'admin-tokens');
    await page
      .locator('[data-qa="token-row"][data-name="Case file sync"]')
      .getByRole('link', { name: /Revoke/ })
      .click();
    await page.waitForLoadState('networkidle');
    await check(page, 'admin-token-revoke');
    await submit(page, 'Revoke token');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Case file sync.*revoked/);
    assert.match(
      await page.locator('[data-qa="token-row"][data-name="Case file sync"]').innerText(),
      /Revoked/,
    );
    const refused = await page.request.get(`${server.baseUrl}/api/v1/worklists/mine`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(refused.status(), 401, 'a revoked token is refused');

    // Bank holidays: a one-off day added to next year.
    const year = String(new Date().getFullYear() + 1);
    await page.goto(`${server.baseUrl}/admin/bank-holidays`);
    await page.getByLabel('Day', { exact: true }).fill('15');
    await page.getByLabel('Month', { exact: true }).fill('7');
    await page.getByLabel('Year', { exact: true }).fill(year);
    await page.getByLabel('Name').fill('Bank holiday for a state occasion');
    await submit(page, 'Add bank holiday');
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      new RegExp(`Bank holiday for a state occasion on 15 July ${year} added`),
    );
    assert.match(
      await page.locator(`[data-qa="added-holiday"][data-date="${year}-07-15"]`).innerText(),
      /state occasion/,
    );
    assert.match(await page.locator('[data-qa="holidays-in-year"]').innerText(), /Added here/);
    await check(page, 'admin-bank-holidays');

    // Teams.
    await page.goto(`${server.baseUrl}/admin/teams`);
    await page.getByLabel('Team name').fill('Canterbury CID');
    await page.getByLabel('Team code').fill('CANT-CID');
    await submit(page, 'Create team');
    assert.match(await page.locator('[data-qa="teams"]').innerText(), /Canterbury CID\s+CANT-CID/);
    await check(page, 'admin-teams');

    // Who viewed the investigation the officer opened, found by its URN.
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Who viewed a record' }).click();
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Crime reference (URN) of an investigation').fill(viewed.urn);
    await submit(page, 'Show who viewed it');
    assert.match(await page.locator('[data-qa="viewers-heading"]').innerText(), new RegExp(viewed.urn));
    const viewing = page.locator('[data-qa="viewer-row"]', { hasText: 'updating the victim after arrest' });
    assert.match(await viewing.innerText(), new RegExp(viewed.officer));
    await check(page, 'admin-viewers');

    await page.goto(`${server.baseUrl}/admin/audit/verify`);
    assert.match(
      await page.locator('[data-qa="verify-result"]').innerText(),
      /OK\s+All \d+ entries are intact/,
    );
    await check(page, 'admin-verify');
    await context.close();
  });

  it('should show an officer the 403 page, when they open the admin area', async () => {
    const { context, page } = await session('officer');
    assert.equal(await page.getByRole('link', { name: 'Admin', exact: true }).count(), 0);
    const res = await page.goto(`${server.baseUrl}/admin/users`);
    assert.equal(res?.status(), 403);
    await page.getByRole('heading', { name: 'You do not have access to this record' }).waitFor();
    await check(page, 'admin-forbidden');
    await context.close();
  });
});
