// Compliance and letter journeys in headless Chromium against the real server (buildServer over a fresh
// PGlite with a small demo force, plus a case recorded through the services with an update given late in
// the last full quarter): (a) a compliance lead signs in, reads last quarter's figures, drills into the
// late update, and downloads the MoJ quarterly return (CSV, read back) and every table as XLSX (loaded
// with exceljs); (b) an officer produces a permitted filing letter and is stopped from producing a
// forbidden one. Every page visited passes axe (WCAG 2.2 AA); screenshots go to test-artifacts/screenshots.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../../test/browser-support/axe.js';
import { startDemoServer, signIn, type DemoServer } from '../../test/browser-support/demo-server.js';
import { chromiumAvailable, launchBrowser, newUkContext } from '../../test/browser-support/launch-browser.js';
import { saveScreenshot } from '../../test/browser-support/screenshot.js';
import {
  addCalendarDays,
  dateToDayNumber,
  londonDateOfMs,
  weekdayOfDayNumber,
} from '../domain/calendar/london-time.js';
import { actorOf } from '../services/auth.service.js';
import { resolvePeriod } from '../services/compliance.service.js';
import { createRepositories } from '../store/repositories.js';
import { recordLateUpdateCase, type LateUpdateCase } from './testing/compliance-case.fixture.js';

const skip = chromiumAvailable() ? false : 'Chromium is not installed';
const URN = '46/9501/26';

/** The third Monday of the last full quarter (clear of the bank holidays at the quarters' edges). */
function mondayInLastQuarter(today: string): string {
  let d = addCalendarDays(resolvePeriod({ kind: 'quarter' }, today).from, 14);
  while (weekdayOfDayNumber(dateToDayNumber(d)) !== 0) d = addCalendarDays(d, 1);
  return d;
}

describe('compliance and letter journeys in Chromium', { skip, concurrency: false }, () => {
  let server: DemoServer;
  let browser: Browser;
  let late: LateUpdateCase;
  let permitted: LateUpdateCase;
  let forbidden: LateUpdateCase;
  let quarter = '';

  before(async () => {
    server = await startDemoServer({ investigations: 10 });
    browser = await launchBrowser();
    const officer = actorOf((await createRepositories(server.database.db).users.getByUsername('officer'))!);
    const today = londonDateOfMs(Date.now());
    quarter = resolvePeriod({ kind: 'quarter' }, today).key;
    const monday = mondayInLastQuarter(today);
    late = await recordLateUpdateCase(server.services, officer, URN, { name: 'Casey Late' }, monday);
    permitted = await recordLateUpdateCase(
      server.services,
      officer,
      '46/9502/26',
      { name: 'Robin Permitted' },
      monday,
    );
    forbidden = await recordLateUpdateCase(
      server.services,
      officer,
      '46/9503/26',
      { name: 'Morgan Intimidated', fearOrDistress: true },
      monday,
    );
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

  it('should show last quarter, drill into a late update and download the return and the tables when a compliance lead reviews compliance', async () => {
    const { context, page } = await session('compliance');
    assert.match(page.url(), /\/compliance$/);
    await check(page, 'compliance-dashboard');
    await assert.doesNotReject(
      page.getByRole('heading', { name: new RegExp(`Compliance.*${quarter.replace('-Q', ' Q')}`) }).waitFor(),
    );

    // The late update is a figure in the rules table, with the same number in the chart's table.
    const mandatory = page.locator('[data-qa="rules-table"] tr', { hasText: 'OB-MANDATORY-UPDATE' });
    const lateLink = mandatory.getByRole('link', { name: /met late, OB-MANDATORY-UPDATE/ });
    assert.ok(Number((await lateLink.innerText()).replace(/\D/g, '')) >= 1);
    await lateLink.click();
    await page.waitForLoadState('networkidle');
    assert.match(page.url(), /\/compliance\/obligations\?.*bucket=met-late/);
    await check(page, 'compliance-drill-down');
    const row = page.locator('[data-qa="drill-table"] tr', { hasText: URN });
    assert.match(await row.innerText(), /Met late/);
    await row.getByRole('link', { name: URN }).waitFor();
    assert.equal(
      await row.getByRole('link', { name: URN }).getAttribute('href'),
      `/investigations/${late.investigation.id}`,
    );

    // Downloads: the MoJ return as CSV and every table as XLSX.
    await page.getByRole('link', { name: 'Back to the compliance figures' }).click();
    await page.waitForLoadState('networkidle');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'MoJ quarterly return (CSV)' }).click(),
    ]);
    assert.equal(csv.suggestedFilename(), `moj-return-${quarter}.csv`);
    const lines = (await readFile((await csv.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], '"Question (per victim)","Counted from","Victims","Yes","No","Yes (%)","Source"');
    const timely = lines.find((l) => l.startsWith('"Updated within the timescales'))!.split(',');
    assert.ok(Number(timely[timely.length - 4]) >= 3, timely.join(',')); // our three victims were updated late: "no"
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Every table on this page (XLSX)' }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
    assert.ok(wb.getWorksheet('By rule'));
    assert.ok(wb.getWorksheet('MoJ quarterly return'));
    const byRule = wb.getWorksheet('By rule')!;
    const mandatoryRow = byRule
      .getRows(2, byRule.rowCount - 1)!
      .find((r) => r.getCell(1).value === 'OB-MANDATORY-UPDATE')!;
    assert.ok(Number(mandatoryRow.getCell(7).value) >= 3);
    await context.close();
  });

  it('should produce a permitted filing letter and refuse a forbidden one when an officer writes to victims', async () => {
    const { context, page } = await session('officer');
    await page.goto(`${server.baseUrl}/letters/new?person=${permitted.victim.id}`);
    await check(page, 'letter-new');
    await page.getByLabel('Filing (disengagement) letter').check();
    await page.getByLabel('Phone number the victim can reach you on').fill('01622 650 222');
    await page.getByLabel('Your force email address').fill('officer.demo@kent.police.uk');
    await page.getByLabel('I have confirmed the address is current and safe to write to').check();
    await page.getByRole('button', { name: 'Produce the letter' }).click();
    await page.waitForLoadState('networkidle');
    await check(page, 'letters-list');
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Filing \(disengagement\) letter produced for Robin Permitted/,
    );
    // Chromium may open a PDF in its viewer rather than download it: fetch it in the signed-in context.
    const href = (await page
      .locator('[data-qa="letters-table"] a[href$=".pdf"]')
      .first()
      .getAttribute('href'))!;
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    await page.goto(`${server.baseUrl}/letters/new?person=${forbidden.victim.id}`);
    assert.match(await page.locator('[data-qa="filing-permission"]').innerText(), /Not permitted/);
    await page.getByLabel('Filing (disengagement) letter').check();
    await page.getByLabel('Phone number the victim can reach you on').fill('01622 650 222');
    await page.getByLabel('Your force email address').fill('officer.demo@kent.police.uk');
    await page.getByLabel('I have confirmed the address is current and safe to write to').check();
    await page.getByRole('button', { name: 'Produce the letter' }).click();
    await page.waitForLoadState('networkidle');
    await check(page, 'letter-refused');
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /A filing letter is not permitted for Morgan Intimidated/,
    );
    await page.goto(`${server.baseUrl}/letters?investigation=${forbidden.investigation.id}`);
    assert.match(await page.locator('main').innerText(), /No letters have been produced/);
    await context.close();
  });
});
