// Caseworker journeys in headless Chromium against the real server (buildServer over a fresh PGlite with a
// small demo force): (a) an officer creates an investigation, records initial contact and, after an
// arrest, the mandatory update, and sees the worklist change; (b) a supervisor signs off a filing, and the
// EL-FILING-LETTER guard refuses a letter until then; (c) the VWCU takes a handover, done with the
// keyboard alone. Every page visited passes axe (WCAG 2.2 AA); screenshots go to test-artifacts/screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../../test/browser-support/axe.js';
import { startDemoServer, signIn, type DemoServer } from '../../test/browser-support/demo-server.js';
import { chromiumAvailable, launchBrowser, newUkContext } from '../../test/browser-support/launch-browser.js';
import { saveScreenshot } from '../../test/browser-support/screenshot.js';
import { RECORD_FORMS } from './record-forms.js';

const skip = chromiumAvailable() ? false : 'Chromium is not installed';
const URN = '46/9001/26';
const VICTIM = 'Morgan Ellis';
const YOUNG_VICTIM = 'Riley Quinn';
const WITNESS = 'Dana Okafor';

describe('casework journeys in Chromium', { skip, concurrency: false }, () => {
  let server: DemoServer;
  let browser: Browser;
  let investigationUrl = '';

  before(async () => {
    server = await startDemoServer({ investigations: 20 });
    browser = await launchBrowser();
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

  /** Checks the page with axe and saves a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await saveScreenshot(page, name);
  }

  async function worklistRows(page: Page, name: string): Promise<string[]> {
    await page.goto(`${server.baseUrl}/worklist?bucket=all`);
    const rows = page.locator('[data-qa="worklist-row"]', { hasText: name });
    return rows.allInnerTexts();
  }

  async function openForm(page: Page, title: string): Promise<void> {
    await page.goto(investigationUrl);
    await page.getByRole('link', { name: title, exact: true }).first().click();
    await page.waitForLoadState('networkidle');
  }

  it('should show the officer what is owed, and change it as contact and an arrest are recorded, when an officer works a new case', async () => {
    const { context, page } = await session('officer');
    assert.match(page.url(), /\/worklist$/);
    await check(page, 'worklist-officer');
    assert.ok(Number(await page.locator('[data-qa="count-overdue"]').innerText()) >= 0);

    // Create the investigation.
    await page.goto(`${server.baseUrl}/search`);
    await check(page, 'search');
    await page.getByRole('link', { name: 'Create an investigation' }).click();
    await page.getByRole('button', { name: 'Create and add people' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /URN|offence/i);
    await check(page, 'investigation-new-errors');
    await page.getByLabel('Crime reference (URN)').fill(URN);
    await page.getByLabel('Main offence').selectOption('burglary');
    await page.getByRole('button', { name: 'Create and add people' }).click();
    await page.waitForURL(/\/people\/new$/);
    investigationUrl = page.url().replace(/\/people\/new$/, '');

    // Add the victim, a young second victim and a witness.
    await check(page, 'person-new');
    await page.getByLabel('Name', { exact: true }).fill(VICTIM);
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]+\?added=1$/);
    await check(page, 'person');
    assert.match(await page.locator('[data-qa="eligibility"]').innerText(), /EL-FILING-LETTER/);
    for (const [name, role, dob] of [
      [YOUNG_VICTIM, 'Victim', '2012'],
      [WITNESS, 'Witness', ''],
    ] as const) {
      await page.goto(`${investigationUrl}/people/new`);
      await page.getByRole('radio', { name: role, exact: true }).check();
      await page.getByLabel('Name', { exact: true }).fill(name);
      if (dob) {
        await page.getByLabel('Day').fill('3');
        await page.getByLabel('Month').fill('4');
        await page.getByLabel('Year').fill(dob);
      }
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.waitForURL(/\?added=1$/);
    }

    // The new victim is owed initial contact, on the officer's own worklist.
    const before = await worklistRows(page, VICTIM);
    assert.ok(
      before.some((r) => /Make initial contact/.test(r)),
      before.join('\n'),
    );

    // The victim asks not to be called at any time of day: a contact is accepted, and flagged.
    await page.goto(investigationUrl);
    await page.getByRole('link', { name: VICTIM, exact: true }).click();
    await page.getByRole('radio', { name: 'Phone', exact: true }).check();
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) {
      await page.getByRole('checkbox', { name: day, exact: true }).first().check();
    }
    await page.locator('#avoid1From').fill('00:00');
    await page.locator('#avoid1To').fill('23:59');
    await page.getByRole('button', { name: 'Save contract' }).click();
    await page.waitForURL(/saved=contract/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved/);

    // A thin summary is refused with the service's message; nothing typed is lost.
    await openForm(page, 'Record a contact');
    await check(page, 'record-contact');
    await page.getByRole('radio', { name: `${VICTIM} (victim)` }).check();
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByRole('radio', { name: 'Yes, we spoke or met' }).check();
    await page.getByRole('checkbox', { name: 'Initial contact' }).check();
    await page.getByLabel('What was said or done?').fill('Victim updated');
    await page.getByRole('button', { name: 'Record contact' }).click();
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /not detailed enough/);
    assert.equal(await page.getByRole('radio', { name: 'Phone' }).isChecked(), true);
    await check(page, 'record-contact-refused');

    await page
      .getByLabel('What was said or done?')
      .fill(
        'Spoke to the victim, explained what happens next in the investigation and gave my direct number.',
      );
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(/recorded=/);
    const banner = await page.locator('[data-qa="recorded-banner"]').innerText();
    assert.match(banner, /Contact recorded/);
    assert.match(banner, /time the victim asked to avoid/);
    await check(page, 'investigation-after-contact');
    assert.ok(!(await worklistRows(page, VICTIM)).some((r) => /Make initial contact/.test(r)));

    // The arrest: the victim must be told.
    await openForm(page, 'Record a suspect or investigation event');
    await check(page, 'record-suspect-event');
    await page.getByRole('radio', { name: 'Suspect arrested' }).check();
    await page.getByRole('button', { name: 'Record event' }).click();
    await page.waitForURL(/recorded=/);
    assert.ok((await worklistRows(page, VICTIM)).some((r) => /Tell the victim about the arrest/.test(r)));
    await check(page, 'worklist-after-arrest');

    // The mandatory update discharges it.
    await openForm(page, 'Record a contact');
    await page.getByRole('radio', { name: `${VICTIM} (victim)` }).check();
    await page.getByRole('radio', { name: 'In person' }).check();
    await page.getByRole('radio', { name: 'Yes, we spoke or met' }).check();
    await page.getByRole('checkbox', { name: /Mandatory update/ }).check();
    await page.getByRole('checkbox', { name: /Suspect arrested/ }).check();
    await page
      .getByLabel('What was said or done?')
      .fill(
        'Told the victim the suspect was arrested this morning and is being interviewed; will call again after the interview.',
      );
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(/recorded=/);
    const rowsAfter = await worklistRows(page, VICTIM);
    assert.ok(!rowsAfter.some((r) => /Tell the victim about the arrest/.test(r)), rowsAfter.join('\n'));
    await page.goto(investigationUrl);
    const met = page.locator('[data-qa="obligation"][data-rule="OB-MANDATORY-UPDATE"]', {
      hasText: 'arrest',
    });
    assert.match(await met.first().innerText(), /Done on time/);
    await saveScreenshot(page, 'investigation');
    await context.close();
  });

  it('should refuse a filing letter until a supervisor signs off the filing approving a justification, when the victim is vulnerable', async () => {
    assert.ok(investigationUrl, 'the first journey creates the investigation');
    const officer = await session('officer');
    await officer.page.goto(investigationUrl);
    await openForm(officer.page, 'Record a filing letter');
    await check(officer.page, 'record-filing-letter');
    assert.match(
      await officer.page.locator('[data-qa="filing-hints"]').innerText(),
      new RegExp(`${YOUNG_VICTIM}: letter not permitted`),
    );
    await officer.page.getByRole('radio', { name: `${YOUNG_VICTIM} (victim)` }).check();
    await officer.page.getByRole('button', { name: 'Record filing letter' }).click();
    assert.match(
      await officer.page.locator('.govuk-error-summary').innerText(),
      /filing letter is not permitted/,
    );

    // An officer cannot sign off.
    await openForm(officer.page, 'Sign off a filing');
    await officer.page.getByRole('radio', { name: `${YOUNG_VICTIM} (victim)` }).check();
    await officer.page.getByRole('radio', { name: 'No' }).check();
    const refused = await Promise.all([
      officer.page.waitForResponse((r) => r.request().method() === 'POST'),
      officer.page.getByRole('button', { name: 'Sign off filing' }).click(),
    ]);
    assert.equal(refused[0].status(), 403);

    // The supervisor sees the team and signs off, approving the justification.
    const supervisor = await session('supervisor');
    await supervisor.page.goto(`${server.baseUrl}/team`);
    await check(supervisor.page, 'team');
    assert.ok(
      (await supervisor.page.locator('[data-qa="per-officer"]').innerText()).includes('PC Alex Morgan'),
    );
    await supervisor.page.goto(investigationUrl);
    await openForm(supervisor.page, 'Sign off a filing');
    await check(supervisor.page, 'filing-sign-off');
    await supervisor.page.getByRole('radio', { name: `${YOUNG_VICTIM} (victim)` }).check();
    await supervisor.page.getByRole('radio', { name: 'Yes' }).check();
    await supervisor.page.getByRole('button', { name: 'Sign off filing' }).click();
    assert.match(await supervisor.page.locator('.govuk-error-summary').innerText(), /justification/);
    await supervisor.page
      .getByLabel('Justification you approve')
      .fill(
        'Family have moved out of area; parent asked for written confirmation, checked address with the school.',
      );
    await supervisor.page.getByRole('button', { name: 'Sign off filing' }).click();
    await supervisor.page.waitForURL(/recorded=/);
    assert.match(
      await supervisor.page.locator('[data-qa="timeline-item"]').first().innerText(),
      /Filing signed off by a supervisor/,
    );
    await supervisor.context.close();

    // Now the officer may record the letter.
    await openForm(officer.page, 'Record a filing letter');
    await officer.page.getByRole('radio', { name: `${YOUNG_VICTIM} (victim)` }).check();
    await officer.page.getByRole('button', { name: 'Record filing letter' }).click();
    await officer.page.waitForURL(/recorded=/);
    assert.match(
      await officer.page.locator('[data-qa="timeline-item"]').first().innerText(),
      /justification approved by a supervisor/,
    );
    await officer.context.close();
  });

  it('should let the VWCU take the handover with the keyboard alone, when the suspect is charged with a witness on the case', async () => {
    const officer = await session('officer');
    await openForm(officer.page, 'Record a charge');
    await check(officer.page, 'record-charge');
    await officer.page.getByLabel('Day', { exact: true }).nth(1).fill('15');
    await officer.page.getByLabel('Month', { exact: true }).nth(1).fill('1');
    await officer.page.getByLabel('Year', { exact: true }).nth(1).fill('2027');
    await officer.page.getByRole('button', { name: 'Record charge' }).click();
    await officer.page.waitForURL(/recorded=/);
    assert.ok(
      (await worklistRows(officer.page, '')).some(
        (r) => r.includes(URN) && /VWCU|Victim and Witness Care/i.test(r),
      ),
    );
    await officer.context.close();

    const { context, page } = await session('vwcu');
    assert.match(page.url(), /\/vwcu$/);
    await check(page, 'vwcu-queue');
    await page.goto(`${investigationUrl}/record/handover`);
    await check(page, 'vwcu-handover');

    /** Presses Tab until the element matching `selector` has focus. */
    async function tabTo(selector: string): Promise<void> {
      for (let i = 0; i < 80; i++) {
        if (
          (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) ===
          true
        ) {
          return;
        }
        await page.keyboard.press('Tab');
      }
      assert.fail(`could not reach ${selector} with the Tab key`);
    }
    await tabTo('#witnesses');
    await page.keyboard.type(`${WITNESS}, 07700 900123, prefers evenings`);
    await tabTo('#specialMeasures');
    await page.keyboard.type('Screens discussed with the young victim; MG2 to follow');
    await tabTo('#needs');
    await page.keyboard.type('Parent to attend; Victim Support referral made');
    await tabTo('#availability');
    await page.keyboard.type('Not 20 to 24 January 2027');
    await tabTo('button.govuk-button');
    await Promise.all([page.waitForURL(/recorded=/), page.keyboard.press('Enter')]);
    assert.match(
      await page.locator('[data-qa="recorded-banner"]').innerText(),
      /Handed over to the Victim and Witness Care Unit recorded/,
    );
    const handover = page.locator('[data-qa="obligation"][data-rule="OB-VWCU-HANDOVER"]');
    assert.match(await handover.first().innerText(), /Done on time/);
    await check(page, 'investigation-after-handover');

    // A hearing date comes in: the VWCU owes each victim the news, on its own queue, until told.
    await page.goto(`${investigationUrl}/record/suspect-event`);
    await page.getByRole('radio', { name: 'Hearing date received' }).check();
    await page.getByRole('button', { name: 'Record event' }).click();
    await page.waitForURL(/recorded=/);
    await page.goto(`${server.baseUrl}/vwcu?bucket=all`);
    const owed = page.locator('[data-qa="worklist-row"]', { hasText: URN });
    assert.ok((await owed.count()) >= 1, 'the hearing notice is on the VWCU queue');
    await check(page, 'vwcu-queue-with-hearing');
    await page.goto(`${investigationUrl}/record/contact`);
    await page.getByRole('radio', { name: `${VICTIM} (victim)` }).check();
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByRole('radio', { name: 'Yes, we spoke or met' }).check();
    await page.getByRole('checkbox', { name: 'Other' }).check();
    await page.getByRole('checkbox', { name: /Hearing date received/ }).check();
    await page
      .getByLabel('What was said or done?')
      .fill(
        'Told the victim the first hearing is at Maidstone Magistrates on 15 January; explained the Witness Service can arrange a visit.',
      );
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(/recorded=/);
    await page.goto(`${server.baseUrl}/vwcu?bucket=all`);
    const remaining = await page.locator('[data-qa="worklist-row"]', { hasText: URN }).allInnerTexts();
    assert.ok(!remaining.some((r) => r.includes(VICTIM)), remaining.join('\n'));
    await context.close();
  });

  it('should pass axe on every workflow form, its refusal, and the officer-in-charge page, when a supervisor opens them', async () => {
    const { context, page } = await session('supervisor');
    for (const form of RECORD_FORMS) {
      await page.goto(`${investigationUrl}/record/${form.slug}`);
      assert.equal(await page.locator('h1').innerText(), form.title);
      await check(page, `form-${form.slug}`);
    }
    // Each form refused empty: the error summary and inline errors pass too.
    for (const slug of ['needs-assessment', 'referral', 'special-measures', 'disengagement', 'sentence']) {
      await page.goto(`${investigationUrl}/record/${slug}`);
      await page.locator('form[method="post"] button.govuk-button').click();
      await page.locator('.govuk-error-summary').waitFor();
      await expectNoAxeViolations(page);
    }
    await page.goto(`${investigationUrl}/officer`);
    await check(page, 'investigation-officer');
    await context.close();
  });

  it('should show the IMU queue, with its counts, when the IMU signs in', async () => {
    const { context, page } = await session('imu');
    assert.match(page.url(), /\/imu$/);
    await check(page, 'imu-queue');
    assert.match(await page.locator('h1').innerText(), /IMU queue/);
    await context.close();
  });
});
