/**
 * Letter pages through the real server: a permitted filing letter is produced and downloaded; a
 * forbidden one is refused on the page with the reason, and nothing is kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { actorOf } from '../services/auth.service.js';
import { recordLateUpdateCase, type LateUpdateCase } from './testing/compliance-case.fixture.js';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});
const officer = { rankOrRole: 'PC', phone: '01622 650 111', email: 'pc.test@kent.police.uk' };

describe('letter pages', () => {
  let h: ApiHarness;
  let permitted: LateUpdateCase;
  let forbidden: LateUpdateCase;

  before(async () => {
    h = await openApiHarness({ now: '2026-04-15T09:00:00.000Z' });
    const actor = actorOf(h.accounts.officer.user);
    permitted = await recordLateUpdateCase(h.services, actor, '46/9101/26', { name: 'Robin Permitted' });
    forbidden = await recordLateUpdateCase(h.services, actor, '46/9102/26', {
      name: 'Morgan Intimidated',
      fearOrDistress: true,
    });
  });
  after(async () => {
    await h.close();
  });

  test('should say on the form whether a filing letter is permitted when it opens', async () => {
    const yes = await h.as('officer', { method: 'GET', url: `/letters/new?person=${permitted.victim.id}` });
    assert.equal(yes.statusCode, 200);
    assert.match(yes.body, /data-qa="filing-permission">Permitted \(EL-FILING-LETTER\)/);
    const no = await h.as('officer', { method: 'GET', url: `/letters/new?person=${forbidden.victim.id}` });
    assert.match(no.body, /data-qa="filing-permission">Not permitted: /);
  });

  test('should refuse a forbidden filing letter on the page and keep nothing', async () => {
    const res = await h.as('officer', {
      method: 'POST',
      url: '/letters',
      ...form({ personId: forbidden.victim.id, kind: 'filing', addressConfirmedSafe: 'yes', ...officer }),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /A filing letter is not permitted for Morgan Intimidated/);
    const list = await h.as('officer', {
      method: 'GET',
      url: `/letters?investigation=${forbidden.investigation.id}`,
    });
    assert.match(list.body, /No letters have been produced/);
  });

  test('should ask for the safe-address confirmation, then produce and download a permitted filing letter', async () => {
    const unticked = await h.as('officer', {
      method: 'POST',
      url: '/letters',
      ...form({ personId: permitted.victim.id, kind: 'filing', ...officer }),
    });
    assert.equal(unticked.statusCode, 400);
    assert.match(unticked.body, /href="#addressConfirmedSafe"/);
    const made = await h.as('officer', {
      method: 'POST',
      url: '/letters',
      ...form({ personId: permitted.victim.id, kind: 'filing', addressConfirmedSafe: 'yes', ...officer }),
    });
    assert.equal(made.statusCode, 303);
    const list = await h.as('officer', { method: 'GET', url: String(made.headers.location) });
    assert.match(list.body, /Filing \(disengagement\) letter produced for Robin Permitted/);
    const id = /href="\/letters\/([0-9a-f-]{36})\.pdf"/.exec(list.body)![1]!;
    const pdf = await h.as('officer', { method: 'GET', url: `/letters/${id}.pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });
});
