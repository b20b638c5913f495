/**
 * Breach register and dip sampling through the real server: a missed deadline appears without anyone
 * creating it, the reason and remedial action are recorded, a supervisor signs it off; a supervisor
 * draws a sample of contacts, reviews one, and the dashboard reports it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { actorOf } from '../services/auth.service.js';
import { recordLateUpdateCase } from './testing/compliance-case.fixture.js';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('breach pages', () => {
  let h: ApiHarness;
  let obligationId: number;

  before(async () => {
    h = await openApiHarness({ now: '2026-04-15T09:00:00.000Z' });
    const c = await recordLateUpdateCase(h.services, actorOf(h.accounts.officer.user), '46/9001/26');
    const view = await h.services.cases.getCase(actorOf(h.accounts.officer.user), c.investigation.id);
    obligationId = view.obligations.find((o) => o.rule === 'OB-MANDATORY-UPDATE')!.id;
  });
  after(async () => {
    await h.close();
  });

  test('should list a late update as a breach needing a reason when nobody created it', async () => {
    const res = await h.as('supervisor', { method: 'GET', url: '/breaches?state=needs-reason' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/breaches/${obligationId}">Record the reason`));
    assert.match(res.body, /Met late/);
  });

  test('should refuse a reason that says nothing when recorded', async () => {
    const res = await h.as('officer', {
      method: 'POST',
      url: `/breaches/${obligationId}`,
      ...form({ action: 'record', reason: 'busy', remedialAction: '' }),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter why the deadline was missed/);
    assert.match(res.body, /Enter what has been done to put it right/);
  });

  test('should record the reason, refuse an officer’s sign-off, and let the supervisor sign it off', async () => {
    const saved = await h.as('officer', {
      method: 'POST',
      url: `/breaches/${obligationId}`,
      ...form({
        action: 'record',
        reason: 'Officer on rest days after the arrest; nobody picked up the update.',
        remedialAction: 'Victim updated on 10 March; team now covers updates during rest days.',
      }),
    });
    assert.equal(saved.statusCode, 303);
    const refused = await h.as('officer', {
      method: 'POST',
      url: `/breaches/${obligationId}`,
      ...form({ action: 'sign-off' }),
    });
    assert.equal(refused.statusCode, 403);
    const signed = await h.as('supervisor', {
      method: 'POST',
      url: `/breaches/${obligationId}`,
      ...form({ action: 'sign-off' }),
    });
    assert.equal(signed.statusCode, 303);
    const page = await h.as('supervisor', { method: 'GET', url: `/breaches/${obligationId}` });
    assert.match(page.body, /Signed off by Test supervisor/);
    const register = await h.as('compliance', { method: 'GET', url: '/breaches?state=signed-off' });
    assert.match(register.body, /Signed off \(1\)/);
  });

  test('should draw a contact into the queue, record its review and report it on the dashboard', async () => {
    const drawn = await h.as('supervisor', {
      method: 'POST',
      url: '/breaches/dip-samples/draw',
      ...form({ period: 'quarter', quarter: '2026-Q1', size: '5' }),
    });
    assert.equal(drawn.statusCode, 303);
    assert.match(String(drawn.headers.location), /drawn=1/);
    const queue = await h.as('supervisor', { method: 'GET', url: '/breaches/dip-samples?reviewed=no' });
    const id = /action="\/breaches\/dip-samples\/(\d+)"/.exec(queue.body)![1]!;
    const bad = await h.as('supervisor', {
      method: 'POST',
      url: `/breaches/dip-samples/${id}`,
      ...form({ outcome: 'does-not-meet-standard', notes: '' }),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Say what falls short of the standard/);
    const ok = await h.as('supervisor', {
      method: 'POST',
      url: `/breaches/dip-samples/${id}`,
      ...form({ outcome: 'meets-standard', notes: '' }),
    });
    assert.equal(ok.statusCode, 303);
    const dash = await h.as('supervisor', {
      method: 'GET',
      url: '/compliance?period=quarter&quarter=2026-Q1',
    });
    assert.match(
      dash.body,
      /Of 1 contacts made in the period and drawn for review, 1 have been reviewed: 1 met the standard and 0 did not\./,
    );
    const officer = await h.as('officer', { method: 'GET', url: '/breaches/dip-samples' });
    assert.equal(officer.statusCode, 403);
  });
});
