// Route tests of the caseworker pages (in-process, app.inject over PGlite in memory): forms re-render with
// the GOV.UK error summary and the values kept, the service's refusals name the field, every form carries
// the CSRF token, and roles see only their own pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../auth/access.policy.js';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { signInPages, type PageSessions } from './testing/page-sessions.js';

describe('caseworker pages', () => {
  let h: ApiHarness;
  let pages: PageSessions;

  before(async () => {
    h = await openApiHarness({ now: '2026-03-10T12:00:00.000Z' });
    pages = await signInPages(h, ['officer', 'supervisor', 'vwcu', 'imu']);
  });
  after(async () => h?.close());

  const get = (role: Role, url: string) => pages.get(role, url);
  const post = (role: Role, url: string, form: Record<string, string | string[]>, csrf = true) =>
    pages.post(role, url, form, csrf);
  const when = { 'at-day': '10', 'at-month': '3', 'at-year': '2026', atTime: '11:30' };

  let investigationUrl = '';
  let victimId = '';

  it('should create an investigation and redirect to adding people, when the form is complete', async () => {
    const blank = await post('officer', '/investigations/new', { urn: '', reportedAt: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /There is a problem/);
    assert.match(blank.body, /href="#reportedAt-day"/);
    assert.match(blank.body, /Select the main offence/);

    const res = await post('officer', '/investigations/new', {
      urn: '46/5555/26',
      'reportedAt-day': '9',
      'reportedAt-month': '3',
      'reportedAt-year': '2026',
      reportedAtTime: '09:15',
      offence1: 'violence-with-injury',
      flags: 'domesticAbuse',
    });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/investigations\/[0-9a-f-]{36}\/people\/new$/);
    investigationUrl = String(res.headers.location).replace(/\/people\/new$/, '');

    const duplicate = await post('officer', '/investigations/new', {
      urn: '46/5555/26',
      'reportedAt-day': '9',
      'reportedAt-month': '3',
      'reportedAt-year': '2026',
      reportedAtTime: '09:15',
      offence1: 'theft',
    });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /already exists/);
    assert.match(duplicate.body, /value="46\/5555\/26"/, 'the URN typed is kept');
  });

  it('should refuse a business victim without a named contact, naming the field, when adding people', async () => {
    const res = await post('officer', `${investigationUrl}/people/new`, {
      role: 'victim',
      kind: 'business',
      name: 'Corner Shop Ltd',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#namedContact"/);
    assert.match(res.body, /named point of contact/);
    const ok = await post('officer', `${investigationUrl}/people/new`, {
      role: 'victim',
      kind: 'person',
      name: 'Alex Smith',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '1990',
    });
    assert.equal(ok.statusCode, 303);
    victimId = /\/people\/([0-9a-f-]{36})/.exec(String(ok.headers.location))?.[1] ?? '';
    const person = await get('officer', `/people/${victimId}`);
    assert.equal(person.statusCode, 200);
    assert.match(person.body, /EL-ENHANCED/);
    assert.match(
      person.body,
      /intimidated/,
      'a domestic abuse complainant is intimidated, with the reason shown',
    );
    assert.match(person.body, /id="obligation-OB-INITIAL-CONTACT"/);
  });

  it('should save the victim contract and refuse a half-filled time to avoid, when the contract form is posted', async () => {
    const bad = await post('officer', `/people/${victimId}/contract`, {
      preferredMethod: 'phone',
      avoid1Days: 'mon',
      avoid1From: '09:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Time to avoid 1/);
    const ok = await post('officer', `/people/${victimId}/contract`, {
      preferredMethod: 'phone',
      updateFrequencyDays: '14',
      avoid1Days: ['mon', 'tue'],
      avoid1From: '09:00',
      avoid1To: '17:00',
      enhancedRecorded: 'yes',
    });
    assert.equal(ok.statusCode, 303);
    const page = await get('officer', `/people/${victimId}`);
    assert.match(page.body, /id="updateFrequencyDays"[^>]*value="14"/);
  });

  it('should refuse a thin contact summary with the service message and keep what was typed, when recording a contact', async () => {
    const form = await get('officer', `${investigationUrl}/record/contact`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="_csrf"/);
    const res = await post('officer', `${investigationUrl}/record/contact`, {
      person: 'v1',
      ...when,
      method: 'phone',
      outcome: 'successful',
      purposes: 'initial-contact',
      summary: 'victim updated',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /not detailed enough/);
    assert.match(res.body, /value="phone" checked/);
  });

  it('should flag a contact inside a time to avoid on the next page, when it is recorded', async () => {
    // 10 March 2026 is a Tuesday; 11:30 is inside the victim's Mon–Tue 09:00–17:00 window.
    const res = await post('officer', `${investigationUrl}/record/contact`, {
      person: 'v1',
      ...when,
      method: 'phone',
      outcome: 'successful',
      purposes: 'initial-contact',
      summary: 'Spoke to the victim about the investigation, explained next steps and the support available.',
    });
    assert.equal(res.statusCode, 303);
    const next = await get('officer', String(res.headers.location));
    assert.match(next.body, /Contact recorded/);
    assert.match(next.body, /time the victim asked to avoid/);
  });

  it('should refuse a needs assessment whose form does not match, naming the fields, when recording it', async () => {
    const res = await post('officer', `${investigationUrl}/record/needs-assessment`, {
      person: 'v1',
      ...when,
      urn: '46/0000/26',
      personName: 'Alex Smyth',
      'assessment-communication': 'None',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#urn"/);
    assert.match(res.body, /href="#personName"/);
    assert.match(res.body, /Recomplete the form/);
  });

  it('should show the supervisor the avenues tried on the sign-off form, when the officer recorded them', async () => {
    const missing = await post('officer', `${investigationUrl}/record/disengagement`, {
      person: 'v1',
      ...when,
      avenues: ['visit'],
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /safe and well/);
    const res = await post('officer', `${investigationUrl}/record/disengagement`, {
      person: 'v1',
      ...when,
      avenues: ['unwithheld-calls', 'neighbours'],
      welfareRiskConsidered: 'yes',
      elpConsidered: 'yes',
      addressVerified: 'no',
      summary: 'Neighbour saw her on Sunday.',
    });
    assert.equal(res.statusCode, 303);
    const form = await get('supervisor', `${investigationUrl}/record/filing-sign-off`);
    assert.match(
      form.body,
      /Avenues tried: 2 avenues tried; welfare risk considered; evidence-led prosecution considered/,
    );
    assert.match(
      form.body,
      /letter not permitted/,
      'a domestic abuse complainant is intimidated: no letter without approval',
    );
  });

  it('should answer 403 when an officer tries to sign off a filing, and accept it from a supervisor', async () => {
    const officer = await post('officer', `${investigationUrl}/record/filing-sign-off`, {
      person: 'v1',
      ...when,
      letterJustificationApproved: 'no',
    });
    assert.equal(officer.statusCode, 403);
    const supervisor = await post('supervisor', `${investigationUrl}/record/filing-sign-off`, {
      person: 'v1',
      ...when,
      letterJustificationApproved: 'no',
    });
    assert.equal(supervisor.statusCode, 303);
  });

  it('should move the case to another officer, and report a change made meanwhile, when the officer in charge is changed', async () => {
    const form = await get('supervisor', `${investigationUrl}/officer`);
    assert.equal(form.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    const supervisorId = h.accounts.supervisor.user.id;
    const stale = await post('supervisor', `${investigationUrl}/officer`, {
      officerInChargeId: supervisorId,
      version: String(Number(version) - 1),
    });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /changed by someone else/);
    const ok = await post('supervisor', `${investigationUrl}/officer`, {
      officerInChargeId: supervisorId,
      version,
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await get('supervisor', investigationUrl)).body, /Test supervisor/);
  });

  it('should refuse a form posted without the CSRF token', async () => {
    const res = await post(
      'officer',
      `${investigationUrl}/record/victim-care-card`,
      { person: 'v1', ...when },
      false,
    );
    assert.equal(res.statusCode, 403);
  });

  it('should show each role its own worklist and refuse the others', async () => {
    assert.equal((await get('officer', '/worklist')).statusCode, 200);
    assert.equal((await get('officer', '/team')).statusCode, 403);
    const team = await get('supervisor', '/team?bucket=all&sort=urn&direction=desc');
    assert.equal(team.statusCode, 200);
    assert.match(team.body, /By officer/);
    assert.match(team.body, /aria-sort="descending"/);
    assert.equal((await get('vwcu', '/vwcu')).statusCode, 200);
    assert.equal((await get('imu', '/imu')).statusCode, 200);
    const search = await get('officer', '/search?q=46%2F5555');
    assert.match(search.body, /46\/5555\/26/);
  });

  it('should send a signed-out visitor to sign in, when they open a page', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/worklist' });
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/sign-in\?next=/);
  });
});
